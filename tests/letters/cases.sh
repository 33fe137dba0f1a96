#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/letters/cases.sh OUTDIR: the texts a case writes after the letter,
# for the golden letters named below: the web form's short text
# (JUR/LANG.short.tmpl), the reminder (JUR/LANG.remind.tmpl) and the complaint
# (JUR/LANG.complain.tmpl), as OUTDIR/NAME.CHANNEL.{short,remind,complain}.txt.
# Three channels per letter: through the web form with no answer; by post
# (tracked, delivered) with an answer that acted only in part; by e-mail
# (handed to a stand-in MTA) with a refusal and a reminder sent. tests/e2e/letters.sh compares
# them with tests/letters/cases/; update.sh (make update-letters) writes them
# there. In a complaint's annexes the stored files' names and SHA-256 (they pin
# the PDF's bytes, not the wording), the e-mail's Message-ID (random) and this
# script's directory are replaced by FILE.pdf, FILE.eml, SHA256, <ID> and "".
# Needs OBJECTOR and top_srcdir; runs in a state directory of its own.
set -u
out=$1
: "${OBJECTOR:?}" "${top_srcdir:?}"
w=$(mktemp -d) || exit 1
trap 'rm -rf "$w"' EXIT
export XDG_STATE_HOME="$w/state" XDG_CONFIG_HOME="$w/config" TZ=UTC
unset OBJECTOR_DATA_DIR OBJECTOR_CONFIG
printf '#!/bin/sh\ncat >/dev/null\n' >"$w/sendmail" && chmod +x "$w/sendmail"
printf 'from: "Alex Example <alex@example.org>"\nmail:\n  via: sendmail\n  sendmail: %s\n' "$w/sendmail" >"$w/config.yaml"
O() { "$OBJECTOR" --config "$w/config.yaml" --data-dir "$top_srcdir" "$@"; }
at() { export OBJECTOR_TODAY="$1" OBJECTOR_NOW="$1T10:00:00Z"; }
norm() {
	sed "s|$w/||g; s/OBJ-[0-9]*-[0-9A-Z]*-[0-9a-f]*\\.\\(pdf\\|eml\\)/FILE.\\1/g; s/[0-9a-f]\\{64\\}/SHA256/g; s/Message-ID <[^>]*>/Message-ID <ID>/g"
}
rc=0
step() { # what: a step that must succeed
	what=$1; shift
	"$@" >"$w/out" 2>&1 || { echo "cases.sh: $what: exit $?" >&2; cat "$w/out" >&2; rc=1; return 1; }
}
for name in eea-en eea-de eea-es eea-fr eea-it eea-nl eea-pl uk-en ch-en ch-de ch-fr ch-it \
	ca-en ca-fr-CA hk-en hk-zh-Hant de-berlin quebec-fr noaccount-en; do
	a="$top_srcdir/tests/letters/$name.yaml"
	for via in webform post email; do
		rm -rf "$XDG_STATE_HOME"
		at 2026-11-30
		case $via in
		webform)
			O send --via webform --yes "$a" >"$w/out" 2>&1 || continue	# no form published
			sed -n '/^-------- 8< --------$/,/^-------- 8< --------$/p' "$w/out" | sed '1d;$d' |
				norm >"$out/$name.$via.short.txt" ;;
		post) step "$name: post" O send --via post --tracking RR123456789DE "$a" || continue ;;
		email) step "$name: e-mail" O send --to dpo@example.org --no-cc "$a" || continue ;;
		esac
		ref=$(grep -o 'OBJ-[0-9]*-[0-9A-Z]*' "$w/out" | head -1)
		case $via in
		post)
			at 2026-12-04
			step "$name: delivered" O delivered "$ref" --date 2026-12-03 || continue
			at 2027-01-15
			step "$name: reply" O reply "$ref" --outcome partial --received 2026-12-20 || continue ;;
		email)
			at 2027-01-15
			step "$name: reply" O reply "$ref" --outcome refused --received 2026-12-10 || continue ;;
		esac
		at 2027-03-10
		for k in remind complain; do	# --force: a reminder after an answer
			step "$name: $via: $k" O $k "$ref" --format text -o "$w/$k.txt" $([ $k = remind ] && echo --force) &&
				norm <"$w/$k.txt" >"$out/$name.$via.$k.txt"
			# by e-mail the reminder is sent too: the complaint cites it
			[ $k = remind ] && [ $via = email ] &&
				step "$name: remind --send" O remind "$ref" --send --force -o "$w/r.pdf"
		done
	done
done
exit $rc
