#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/e2e/pdf-limits.sh: letters with long fields and eight address lines
# (issue 12 item 8). Every geometry (DIN 5008 B left window, Swiss right
# window, US Letter #10) either lays them out with each word of the head
# inside its block's box (sender, information, address; the boxes come from
# the layout's own table through `pdf-sample --boxes`), the blocks apart
# from each other and from the body, and the body inside the margins; or
# refuses with exit 65 naming the field and the limit, writing nothing.
# KEEP=DIR copies the PDFs there, to look at them (pdftoppm -png -r 60).
. "${top_srcdir:-.}/tests/lib.sh"
: "${top_builddir:=$(pwd)}"
S="$top_builddir/tests/pdf-sample"

for tool in pdftotext pdfinfo; do
	if ! command -v $tool >/dev/null 2>&1; then
		echo "1..0 # SKIP $tool not installed"
		exit 0
	fi
done

# answers NAME PAPER ENVELOPE: near the limits, yet within what a page holds
# (the #10 window holds fewer lines: there the company has four address lines).
answers() {
	ctl="Attn. Data Protection Officer, Legal and Compliance Department, Building 7 Floor 12, 1 Very Long Industrial Estate Road, Milton Keynes MK9 2AB, United Kingdom"
	[ "$2" = letter ] && ctl="Building 7 Floor 12, 1 Very Long Industrial Estate Road, Milton Keynes MK9 2AB, United Kingdom"
	cat >"$T/$1.yaml" <<EOT
jurisdiction: uk
country: GB
controller:
  name: Example Artificial Intelligence Research Holdings Limited
  address: [$ctl]
  email: privacy@example.com
requester:
  name: Maximiliane Alexandra Wilhelmina von Hohenberg-Schwarzenfeld
  address: [Flat 12B Rosewood Court, 145-147 Upper Park Road, Notting Hill Village, Royal Borough of Kensington, Greater London Area, London W11 3QA, England, United Kingdom]
  email: maximiliane.von.hohenberg-schwarzenfeld@correspondence.example.org
  account: https://www.linkedin.com/in/maximiliane-alexandra-wilhelmina-von-hohenberg-schwarzenfeld-1234567890abcdef-extra-long-profile-identifier-for-testing-purposes-only
place: Royal Borough of Kensington and Chelsea, Greater London
paper: $2
envelope: $3
date: 2026-11-29
EOT
}

# check_layout NAME PAPER ENVELOPE: the words of page 1 above the subject
# ("Objection") lie inside one of the head boxes, each box's words stay clear
# of the others' and of the subject; every word of every page lies inside
# the margins.
check_layout() {
	"$S" --boxes "$2" "$3" >"$T/boxes"
	pdftotext -bbox "$T/$1.pdf" "$T/$1.html" 2>/dev/null
	awk -v name="$1" '
		FNR == NR { b[$1, 0] = $2; b[$1, 1] = $3; b[$1, 2] = $4; b[$1, 3] = $5; next }
		function attr(a,   v) { match($0, a "=\"[0-9.]+\""); v = substr($0, RSTART + length(a) + 2, RLENGTH - length(a) - 3); return v + 0 }
		/<page / { page++ }
		/<word / {
			t = $0; sub(/.*">/, "", t); sub(/<\/word>.*/, "", t)
			n++; W[n] = t; P[n] = page
			X0[n] = attr("xMin"); Y0[n] = attr("yMin"); X1[n] = attr("xMax"); Y1[n] = attr("yMax")
			if (page == 1 && t == "Objection" && !subj) subj = Y0[n]
		}
		function inside(i, k, e) { e = 0.5; return X0[i] >= b[k,0] - e && Y0[i] >= b[k,1] - e && X1[i] <= b[k,2] + e && Y1[i] <= b[k,3] + e }
		END {
			bad = 0
			if (!subj) { print "# " name ": no subject found"; exit 1 }
			split("sender info address", ks, " ")
			for (k = 1; k <= 3; k++) { lo[ks[k]] = 1e9; hi[ks[k]] = -1e9; lx[ks[k]] = 1e9; hx[ks[k]] = -1e9 }
			for (i = 1; i <= n; i++) {
				if (X0[i] < b["margins", 0] - 0.5 && !(P[i] == 1 && Y0[i] < subj) ||
				    X1[i] > b["page", 0] - b["margins", 1] + 0.5 || Y1[i] > b["page", 1] - 8 * 72 / 25.4) {
					print "# " name ": outside the margins: " W[i] " page " P[i]; bad++
				}
				if (P[i] != 1 || Y0[i] >= subj - 0.5) continue
				home = ""
				for (k = 1; k <= 3; k++) if (inside(i, ks[k])) { home = ks[k]; break }
				if (home == "") { printf "# %s: outside every head box: %s (%.1f %.1f %.1f %.1f)\n", name, W[i], X0[i], Y0[i], X1[i], Y1[i]; bad++; continue }
				if (Y1[i] > subj) { print "# " name ": overlaps the subject: " W[i]; bad++ }
				if (Y0[i] < lo[home]) lo[home] = Y0[i]; if (Y1[i] > hi[home]) hi[home] = Y1[i]
				if (X0[i] < lx[home]) lx[home] = X0[i]; if (X1[i] > hx[home]) hx[home] = X1[i]
				cnt[home]++
			}
			for (k = 1; k <= 3; k++) for (m = k + 1; m <= 3; m++) {
				p = ks[k]; q = ks[m]
				if (cnt[p] && cnt[q] && lx[p] < hx[q] && lx[q] < hx[p] && lo[p] < hi[q] && lo[q] < hi[p]) {
					print "# " name ": blocks overlap: " p " and " q; bad++
				}
			}
			if (!cnt["sender"] || !cnt["info"] || !cnt["address"]) { print "# " name ": a block is empty"; bad++ }
			exit bad > 0
		}' "$T/boxes" "$T/$1.html"
}

for geom in "a4 left" "a4 right" "letter left"; do
	set -- $geom
	n="long-$1-$2"
	answers "$n" "$1" "$2"
	run "$OBJECTOR" generate "$T/$n.yaml" -o "$T/$n.pdf"
	exit_is 0 "$n: rendered"
	check_layout "$n" "$1" "$2"; ok $? "$n: head blocks inside their boxes, apart; body inside the margins"
	pdftotext "$T/$n.pdf" "$T/$n.txt" 2>/dev/null
	tr -d ' \n' <"$T/$n.txt" >"$T/$n.flat"
	has "$T/$n.flat" "maximiliane.von.hohenberg-schwarzenfeld@correspondence.example.org" "$n: the e-mail address whole"
	has "$T/$n.flat" "1VeryLongIndustrialEstateRoad" "$n: the recipient's lines"
	has "$T/$n.flat" "England" "$n: the sender's seventh address line"
done

# --- too long for any page: every field at its limit (200 bytes), eight
# address lines: refused, the field and the limit named, no PDF written.
long=$(awk 'BEGIN { s = "Longstreetname"; while (length(s) < 190) s = s " Aussergewoehnlich"; print s }')
{
	echo "jurisdiction: uk"; echo "country: GB"; echo "controller: linkedin"
	echo "requester:"; echo "  name: $long"
	echo "  address:"; for i in 1 2 3 4 5 6 7 8; do echo "    - $i $long"; done
	echo "  email: a@example.org"; echo "place: $long"; echo "date: 2026-11-29"
} >"$T/over.yaml"
run "$OBJECTOR" generate "$T/over.yaml" -o "$T/over.pdf"
exit_is 65 "every field at its limit: EX_DATAERR"
has "$T/err" "does not fit its place on the page" "every field at its limit: says what does not fit"
has "$T/err" "at most" "every field at its limit: the limit named"
has "$T/err" "shorten" "every field at its limit: the field named"
[ ! -e "$T/over.pdf" ]; ok $? "every field at its limit: no PDF written"

# a long e-mail address on US Letter's narrow sender block: refused (65),
# the block and its limit named, no PDF written
answers letter-mail letter left
sed -i 's/^  email: .*/  email: maximiliane.alexandra.wilhelmina.von.hohenberg@correspondence-department.example.org/' "$T/letter-mail.yaml"
sed -i 's/^  account: .*/  account: https:\/\/www.linkedin.com\/in\/x/' "$T/letter-mail.yaml"
sed -i 's/Flat 12B Rosewood Court, /Flat 12B Rosewood Court Apartments Block C North Wing, /' "$T/letter-mail.yaml"
run "$OBJECTOR" generate "$T/letter-mail.yaml" -o "$T/letter-mail.pdf"
exit_is 65 "US Letter: an overlong sender block: EX_DATAERR"
has "$T/err" "sender block" "US Letter: the sender block named"
has "$T/err" "at most" "US Letter: the limit named"
[ ! -e "$T/letter-mail.pdf" ]; ok $? "US Letter: no PDF written"

[ -n "${KEEP:-}" ] && cp "$T"/*.pdf "$KEEP"/
done_testing
