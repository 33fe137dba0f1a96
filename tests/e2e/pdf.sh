#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/e2e/pdf.sh: the PDFs that tests/pdf-sample writes (src/pdf.c), checked
# with qpdf and poppler's tools: page size, text, where the address sits,
# fonts, metadata, page breaks, and refusals.
. "${top_srcdir:-.}/tests/lib.sh"
: "${top_builddir:=$(pwd)}"
S="$top_builddir/tests/pdf-sample"

for tool in qpdf pdfinfo pdftotext pdffonts pdftoppm pdfimages; do
	if ! command -v $tool >/dev/null 2>&1; then
		echo "1..0 # SKIP $tool not installed"
		exit 0
	fi
done

mm() { awk -v m="$1" 'BEGIN { printf "%.2f", m * 72 / 25.4 }'; }

# words_in FILE.pdf WORD X0 Y0 X1 Y1 [any] (mm): every occurrence of WORD on
# page 1 (with "any": at least one) lies inside the rectangle.
words_in() {
	pdftotext -f 1 -l 1 -bbox "$1" "$T/bbox.html" 2>"$T/bbox.err"
	awk -v w="$2" -v any="${7:-}" -v x0="$(mm "$3")" -v y0="$(mm "$4")" -v x1="$(mm "$5")" -v y1="$(mm "$6")" '
		/<word / {
			t = $0; sub(/.*">/, "", t); sub(/<\/word>.*/, "", t)
			if (t != w) next
			n++
			match($0, /xMin="[0-9.]+"/); xa = substr($0, RSTART + 6, RLENGTH - 7)
			match($0, /yMin="[0-9.]+"/); ya = substr($0, RSTART + 6, RLENGTH - 7)
			match($0, /xMax="[0-9.]+"/); xb = substr($0, RSTART + 6, RLENGTH - 7)
			match($0, /yMax="[0-9.]+"/); yb = substr($0, RSTART + 6, RLENGTH - 7)
			if (xa + 0 < x0 || ya + 0 < y0 || xb + 0 > x1 || yb + 0 > y1) bad++
		}
		END { exit !(n > 0 && (bad == 0 || (any != "" && bad < n))) }' "$T/bbox.html"
}

# inside_margins FILE.pdf WIDTH_MM HEIGHT_MM: no word on any page crosses the
# left (25 mm) or right (20 mm) margin or the bottom 8 mm.
inside_margins() {
	pdftotext -bbox "$1" "$T/all.html" 2>/dev/null
	awk -v x0="$(mm 24.5)" -v x1="$(mm "$2 - 19.5")" -v y1="$(mm "$3 - 8")" '
		/<word / {
			match($0, /xMin="[0-9.]+"/); xa = substr($0, RSTART + 6, RLENGTH - 7)
			match($0, /xMax="[0-9.]+"/); xb = substr($0, RSTART + 6, RLENGTH - 7)
			match($0, /yMax="[0-9.]+"/); yb = substr($0, RSTART + 6, RLENGTH - 7)
			if (xa + 0 < x0 || xb + 0 > x1 || yb + 0 > y1) { print "# outside: " $0; bad++ }
		}
		END { exit bad > 0 }' "$T/all.html"
}

# --- every sample renders to a valid PDF
for n in uk de pl mixed ru ch ca hk long; do
	run "$S" "$n" "$T/$n.pdf"
	exit_is 0 "$n: rendered"
	run qpdf --check "$T/$n.pdf"
	exit_is 0 "$n: qpdf --check"
	pdftotext "$T/$n.pdf" "$T/$n.txt" 2>"$T/$n.warn"
	if [ -s "$T/$n.warn" ]; then fail "$n: pdftotext without warnings"; sed 's/^/#   /' "$T/$n.warn" | head -5
	else pass "$n: pdftotext without warnings"; fi
done

# --- page sizes
for n in uk de pl mixed ch hk; do
	pdfinfo "$T/$n.pdf" >"$T/info"
	has "$T/info" "595.276 x 841.89 pts (A4)" "$n: A4"
done
pdfinfo "$T/ca.pdf" >"$T/info"
has "$T/info" "612 x 792 pts (letter)" "ca: US Letter"

# --- the requester's name comes back exactly
has "$T/uk.txt" "Jane Smith" "uk: name in the text"
has "$T/de.txt" "Jürgen Weiß" "de: name with ü and ß"
has "$T/pl.txt" "Łucja Wąsowska" "pl: name with Ł and ą"
has "$T/mixed.txt" "Zoë Łukasiewicz-Øster" "mixed: Zoë Łukasiewicz-Øster"
has "$T/ru.txt" "Анна Иванова" "ru: Cyrillic name"
has "$T/ca.txt" "Émilie Tremblay" "ca: name with É"
has "$T/ca.txt" "« Consentement »" "ca: guillemets with no-break spaces"
has "$T/hk.txt" "陳大文" "hk: Chinese name"
has "$T/hk.txt" "個人資料（私隱）條例" "hk: Chinese text"
has "$T/mixed.txt" "https://www.linkedin.com/in/zoe-example" "mixed: account URL whole"

# --- the recipient sits in the envelope window (first and last lines)
words_in "$T/uk.pdf" Unlimited 20 45 110 90; ok $? "uk: first address line in the DL window"
words_in "$T/uk.pdf" Dublin 20 45 110 90; ok $? "uk: last address lines in the DL window"
words_in "$T/uk.pdf" Jane 20 45 110 90 any; ok $? "uk: return address in the DL window"
words_in "$T/de.pdf" Platforms 20 45 110 90; ok $? "de: first address line in the DL window"
words_in "$T/ch.pdf" Platforms 108 52 210 97; ok $? "ch: first address line in the right window"
words_in "$T/ch.pdf" D04 108 52 210 97; ok $? "ch: last address lines in the right window"
words_in "$T/ca.pdf" Platforms, 22.2 50.8 136.5 79.4; ok $? "ca: first address line in the #10 window"
words_in "$T/ca.pdf" États-Unis 22.2 50.8 136.5 79.4; ok $? "ca: last address line in the #10 window"
words_in "$T/hk.pdf" Pte. 20 45 110 90; ok $? "hk: first address line in the DL window"
words_in "$T/hk.pdf" 049909 20 45 110 90; ok $? "hk: last address line in the DL window"
words_in "$T/uk.pdf" OBJ-2026-7KQ3M9XD 125 45 190 90 any; ok $? "uk: reference in the information block"

# --- no text past the margins
for n in uk de pl mixed ru hk long; do
	inside_margins "$T/$n.pdf" 210 297; ok $? "$n: text inside the margins"
done
inside_margins "$T/ca.pdf" 215.9 279.4; ok $? "ca: text inside the margins"

# --- fonts: base-14 for code pages, embedded subsets otherwise
for n in uk de pl ch ca long; do
	pdffonts "$T/$n.pdf" >"$T/fonts" 2>&1
	if grep -q "Times-Roman .* no  *no " "$T/fonts" && ! grep -q " yes " "$T/fonts"; then
		pass "$n: base-14 Times, nothing embedded"
	else fail "$n: base-14 Times, nothing embedded"; sed 's/^/#   /' "$T/fonts"; fi
done
for n in mixed ru; do
	pdffonts "$T/$n.pdf" >"$T/fonts" 2>&1
	if grep -q "+DejaVuSerif.* yes yes yes" "$T/fonts" && ! grep -q " no  *no " "$T/fonts"; then
		pass "$n: embedded subset DejaVu with ToUnicode"
	else fail "$n: embedded subset DejaVu with ToUnicode"; sed 's/^/#   /' "$T/fonts"; fi
done
pdffonts "$T/hk.pdf" >"$T/fonts" 2>&1
if grep -qi "+.*UMing.* yes yes yes" "$T/fonts"; then pass "hk: embedded subset CJK font"
else fail "hk: embedded subset CJK font"; sed 's/^/#   /' "$T/fonts"; fi
subset=$("$S" --subset)
for n in uk mixed; do
	if [ $n = mixed ] && [ "$subset" != yes ]; then
		echo "ok $((t_n += 1)) - # SKIP no HarfBuzz subsetter: whole fonts embedded"
		continue
	fi
	size=$(wc -c <"$T/$n.pdf")
	case $n in uk) max=10240 ;; *) max=102400 ;; esac
	[ "$size" -le $max ]; ok $? "$n: $size bytes <= $max"
done

# --- metadata
pdfinfo -isodates "$T/mixed.pdf" | sed "s/:  */: /" >"$T/info"
has "$T/info" "Title: Widerspruch gegen KI-Training mit meinen Daten (OBJ-2026-ZL0E5TQ1)" "metadata: title is the subject"
has "$T/info" "Subject: Widerspruch gegen KI-Training" "metadata: subject"
has "$T/info" "Author: Zoë Łukasiewicz-Øster" "metadata: author is the requester"
has "$T/info" "Keywords: OBJ-2026-ZL0E5TQ1" "metadata: keywords hold the reference"
has "$T/info" "Producer: objector test" "metadata: producer"
has "$T/info" "CreationDate: 2026-11-29T10:30:00Z" "metadata: creation date in UTC"
TZ=Europe/Berlin "$S" uk "$T/tz.pdf"
pdfinfo -isodates "$T/tz.pdf" | sed "s/:  */: /" >"$T/info"
has "$T/info" "CreationDate: 2026-11-29T10:30:00+01" "metadata: creation date with its time zone"
pdfinfo -isodates "$T/hk.pdf" | sed "s/:  */: /" >"$T/info"
has "$T/info" "Author: 陳大文" "metadata: Chinese author"

# --- pages
pdfinfo "$T/uk.pdf" | sed "s/:  */: /" >"$T/info"
has "$T/info" "Pages: 1" "uk: one page"
hasnt "$T/uk.txt" "Page 1" "uk: no page number on a one-page letter"
pdfinfo "$T/long.pdf" >"$T/info"
pages=$(awk '/^Pages:/ { print $2 }' "$T/info")
[ "${pages:-0}" -ge 3 ]; ok $? "long: several pages ($pages)"
has "$T/long.txt" "Page 1 of $pages" "long: Page 1 of $pages"
has "$T/long.txt" "Page $pages of $pages" "long: Page $pages of $pages"
pdftotext -f 2 -l 2 "$T/long.pdf" "$T/p2.txt" 2>/dev/null
has "$T/p2.txt" "Jane Smith · OBJ-2026-7KQ3M9XD" "long: header on page 2"
hasnt "$T/p2.txt" "Wilton Plaza" "long: no address block on page 2"
# no word lost or changed: the paragraphs' words, in order, in the text
"$S" --paragraphs long | tr -s ' \n\f' '\n\n\n' | grep -v '^$' >"$T/want.words"
grep -v -e "Page [0-9]* of [0-9]*" -e "Jane Smith · OBJ-2026" "$T/long.txt" |
	tr -s ' \n\f' '\n\n\n' | grep -v '^$' >"$T/got.words"
first=$(head -1 "$T/want.words")
start=$(grep -n -x -F -- "$first" "$T/got.words" | head -1 | cut -d: -f1)
if [ -n "$start" ] && tail -n +"$start" "$T/got.words" | head -n "$(wc -l <"$T/want.words")" |
	cmp -s - "$T/want.words"; then
	pass "long: every word of every paragraph, in order ($(wc -l <"$T/want.words") words)"
else
	fail "long: every word of every paragraph, in order"
	tail -n +"${start:-1}" "$T/got.words" | diff "$T/want.words" - | head -10 | sed 's/^/#   /'
fi

# list items: continuation lines are indented past the marker ("– ")
pdftotext -bbox-layout "$T/long.pdf" "$T/long.html" 2>/dev/null
hanging=$(awk -v lo="$(mm 26)" -v hi="$(mm 32)" '
	/<line / { match($0, /xMin="[0-9.]+"/); x = substr($0, RSTART + 6, RLENGTH - 7) + 0
		   if (x > lo && x < hi) n++ }
	END { print n + 0 }' "$T/long.html")
[ "$hanging" -ge 2 ]; ok $? "long: list items hang from their markers ($hanging indented lines)"

# --- CJK line breaking: no line starts with closing or ends with opening punctuation
bad=0
for p in ， 。 、 ； ： ？ ！ ） 」 』; do
	if grep -q "^$p" "$T/hk.txt"; then bad=1; echo "# line starts with $p"; fi
done
for p in （ 「 『; do
	if grep -q "$p\$" "$T/hk.txt"; then bad=1; echo "# line ends with $p"; fi
done
ok $bad "hk: CJK punctuation rules at line ends"
lines=$(grep -c "本人" "$T/hk.txt")
[ "$lines" -ge 3 ]; ok $? "hk: paragraphs wrapped over several lines"

# --- refusals
run "$S" emoji "$T/emoji.pdf"
exit_is 65 "emoji: EX_DATAERR"
has "$T/err" "U+1F600" "emoji: code point named"
has "$T/err" "😀" "emoji: character shown"
[ ! -e "$T/emoji.pdf" ]; ok $? "emoji: no PDF written"
run "$S" tibetan "$T/tibetan.pdf"
exit_is 65 "character no font has: EX_DATAERR"
has "$T/err" "U+0F40" "character no font has: code point named"
run "$S" control "$T/control.pdf"
exit_is 65 "control character: EX_DATAERR"
run "$S" tab "$T/tab.pdf"
exit_is 0 "tab: rendered"
pdftotext "$T/tab.pdf" - | grep -q "Column one column two" ; ok $? "tab: printed as a space"
run "$S" invisible "$T/invisible.pdf"
exit_is 0 "invisible characters: rendered"
pdffonts "$T/invisible.pdf" | grep -q " yes " ; ok $((!$?)) "invisible characters: still a code-page letter"
pdftotext "$T/invisible.pdf" - | grep -q "Dataprotection law applies here." ; ok $? "invisible characters: not printed"
OBJECTOR_FONT=/nonexistent/x.ttf run "$S" mixed "$T/nofont.pdf"
exit_is 66 "missing font: EX_NOINPUT"
has "$T/err" "/nonexistent/x.ttf" "missing font: named"

# --- signature image (a PNG made from a page of a sample letter)
pdftoppm -png -r 40 -f 1 -l 1 -x 40 -y 20 -W 160 -H 50 "$T/uk.pdf" "$T/sig" 2>/dev/null
sig=$(ls "$T"/sig*.png 2>/dev/null | head -1)
run "$S" --signature "$sig" uk "$T/sig.pdf"
exit_is 0 "signature: rendered"
pdfimages -list "$T/sig.pdf" >"$T/images" 2>&1
n=$(grep -c "image\|smask" "$T/images")
[ "$n" -ge 1 ]; ok $? "signature: image embedded"
run qpdf --check "$T/sig.pdf"
exit_is 0 "signature: qpdf --check"
run "$S" --signature "$T/nonexistent.png" uk "$T/nosig.pdf"
exit_is 66 "missing signature image: EX_NOINPUT"

done_testing
