#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/e2e/i18n.sh: the interface in the user's language (issue 14; i18n.h):
# the committed po/objector.pot holds every string the sources mark (the
# same xgettext run as `make -C po update-po`), every catalogue passes
# msgfmt -c, and under each interface language, chosen by LANGUAGE, by
# LANG=xx_YY.UTF-8 and by --lang, `help`, `log`, `list`, an error and `new`
# (piped) print that language's translation; --lang with an unknown language
# is an error (64) that lists the known ones.
. "${top_srcdir:-.}/tests/lib.sh"
: "${top_builddir:=$(pwd)}"
po="$top_srcdir/po"

# --- the template and the catalogues ---------------------------------------
# every src/*.c is in POTFILES.in
missing=
for f in "$top_srcdir"/src/*.c; do
	grep -qx "src/${f##*/}" "$po/POTFILES.in" || missing="$missing ${f##*/}"
done
is "" "$missing" "every src/*.c is in po/POTFILES.in"
# LINGUAS and mk/i18n.am's PO_LANGS name the same catalogues
linguas=$(sed -e '/^#/d' "$po/LINGUAS" | tr -s ' \n' '  ' | sed 's/ *$//')
langs=$(sed -n 's/^PO_LANGS = //p' "$top_srcdir/mk/i18n.am")
is "$linguas" "$langs" "po/LINGUAS = mk/i18n.am's PO_LANGS"

if command -v xgettext >/dev/null 2>&1; then
	# XGETTEXT_OPTIONS from po/Makevars (its continuation lines joined)
	opts=$(awk '/^XGETTEXT_OPTIONS *=/ { on = 1; sub(/^[^=]*=/, "") }
		on { l = $0; c = sub(/\\$/, "", l); printf "%s ", l; if (!c) on = 0 }' "$po/Makevars")
	sed -e '/^#/d' "$po/POTFILES.in" >"$T/potfiles"
	# shellcheck disable=SC2086
	(cd "$top_srcdir" && xgettext --default-domain=objector --add-comments=TRANSLATORS: $opts \
		--files-from="$T/potfiles" -o "$T/new.pot") 2>"$T/xg.err"
	strip() { grep -v -e '^#' -e '^"POT-Creation-Date:' -e '^"Project-Id-Version:' \
		-e '^"Report-Msgid-Bugs-To:' -e '^"Content-Type:' "$1"; }
	strip "$T/new.pot" >"$T/new.strings"
	strip "$po/objector.pot" >"$T/old.strings"
	if cmp -s "$T/new.strings" "$T/old.strings"; then pass "po/objector.pot is up to date with the sources"; else
		fail "po/objector.pot is up to date with the sources"
		echo "#   run 'make -C po update-po' (in the build tree) and commit po/"
		diff "$T/old.strings" "$T/new.strings" | head -20 | sed 's/^/#   /'
	fi
else
	pass "# SKIP xgettext not installed"
fi
for l in $linguas; do
	if msgfmt -c --check-format -o /dev/null "$po/$l.po" 2>"$T/msgfmt.err"; then
		pass "$l.po: msgfmt -c --check-format"
	else
		fail "$l.po: msgfmt -c --check-format"; sed 's/^/#   /' "$T/msgfmt.err" | head
	fi
done

# --- the languages at run time ---------------------------------------------
# tr CATALOGUE MSGID: the translation, as gettext(1) reads the build tree's
# catalogue (the test then checks objector prints it)
tr_() {
	TEXTDOMAINDIR="$top_builddir/po/locale" LANGUAGE=$1 gettext -e -d objector "$2"
}
command -v gettext >/dev/null 2>&1 || { pass "# SKIP gettext(1) not installed"; done_testing; exit; }

run "$OBJECTOR" --lang xx list languages
exit_is 64 "--lang xx"
has "$T/err" "no interface language 'xx' (known: en, de, es, fr, fr-CA, it, nl, pl, zh-Hant)" "--lang xx: the known languages"
run "$OBJECTOR" new --lang tlh </dev/null
exit_is 64 "new --lang tlh"
has "$T/err" "(known: en, de" "new --lang tlh: the known languages"

# each catalogue, the POSIX name it is chosen by, the --lang tag
for spec in de:de_DE:de es:es_ES:es fr:fr_FR:fr fr_CA:fr_CA:fr-CA it:it_IT:it nl:nl_NL:nl \
	pl:pl_PL:pl zh_HK:zh_HK:zh-Hant; do
	cat=${spec%%:*} rest=${spec#*:}
	posix=${rest%%:*} tag=${rest#*:}
	want=$(tr_ "$cat" "show the catalogues")
	[ "$want" != "show the catalogues" ] || fail "$cat: 'show the catalogues' is translated"
	for how in "LANGUAGE=$cat" "LANG=$posix.UTF-8" "--lang $tag"; do
		case $how in
		--lang*) pre= lang="--lang $tag" ;;
		*) pre=$how lang= ;;
		esac
		# shellcheck disable=SC2086
		run env $pre "$OBJECTOR" $lang help
		has "$T/out" "list       $want" "$cat ($how): help"
		# shellcheck disable=SC2086
		run env $pre "$OBJECTOR" $lang log
		exit_is 0 "$cat ($how): log"
		w=$(tr_ "$cat" "no submissions in the journal yet (%s)" | sed 's/[ （(]*%s.*//')
		has "$T/out" "$w" "$cat ($how): log, the empty journal"
		# the summary's translation (a msgid that stays when log's texts change)
		lw=$(tr_ "$cat" "show the journal: what was sent, when, and when the answer is due")
		[ "$lw" != "show the journal: what was sent, when, and when the answer is due" ] ||
			fail "$cat: log's summary is translated"
		# shellcheck disable=SC2086
		run env $pre "$OBJECTOR" $lang log --help
		has "$T/out" "$lw" "$cat ($how): log --help"
		# shellcheck disable=SC2086
		run env $pre "$OBJECTOR" $lang list jurisdictions
		w=$(tr_ "$cat" "     law:       %s (%s)\n" | sed 's/%s.*//')
		has "$T/out" "$w" "$cat ($how): list"
		# shellcheck disable=SC2086
		run env $pre "$OBJECTOR" $lang no-such-command
		exit_is 64 "$cat ($how): an error"
		w=$(tr_ "$cat" "unknown command '%s'; see 'objector --help'" | sed 's/%s.*//')
		has "$T/err" "$w" "$cat ($how): the error is translated"
		# shellcheck disable=SC2086
		run sh -c 'cd "$1" && shift && "$@" </dev/null' sh "$T" env $pre "$OBJECTOR" $lang new
		exit_is 65 "$cat ($how): new with no input"
		w=$(tr_ "$cat" "the input ended before the questions were answered; nothing was written")
		has "$T/err" "$w" "$cat ($how): new says it in the language"
	done
done

# the order: LANGUAGE's first entry objector has; LC_ALL over LANG; C is English
run env LANGUAGE=xx:ja:nl LANG=de_DE.UTF-8 "$OBJECTOR" help
has "$T/out" "$(tr_ nl "show the catalogues")" "LANGUAGE=xx:ja:nl: Dutch"
run env LC_ALL=it_IT.UTF-8 LANG=de_DE.UTF-8 "$OBJECTOR" help
has "$T/out" "$(tr_ it "show the catalogues")" "LC_ALL over LANG"
run env LC_MESSAGES=pl_PL.UTF-8 LANG=de_DE.UTF-8 "$OBJECTOR" help
has "$T/out" "$(tr_ pl "show the catalogues")" "LC_MESSAGES over LANG"
run env LANG=zh_TW.UTF-8 "$OBJECTOR" help
has "$T/out" "$(tr_ zh_HK "show the catalogues")" "zh_TW: Traditional Chinese"
run env LANG=ja_JP.UTF-8 "$OBJECTOR" help
has "$T/out" "list       show the catalogues" "a language without a catalogue: English"
run env LANGUAGE=de "$OBJECTOR" --lang en help
has "$T/out" "list       show the catalogues" "--lang en over LANGUAGE"

# the letter's default language is the interface's, where the jurisdiction has it
printf 'HK\nlinkedin\nChan Tai Man\n1 Queen'"'"'s Road\n\nchan@example.org\n\n\n\n\n\n\n\n\n\n\n\n' >"$T/in"
mkdir -p "$T/hk"
(cd "$T/hk" && "$OBJECTOR" new --lang zh-Hant <"$T/in" >"$T/nout" 2>"$T/nerr")
rc=$?
exit_is 0 "hk: new --lang zh-Hant"
has "$T/hk/objection-linkedin-hk-2026-11-29.yaml" "language: 'zh-Hant'" "hk: the letter in Chinese by default"
mkdir -p "$T/hk2"
(cd "$T/hk2" && "$OBJECTOR" new <"$T/in" >"$T/nout" 2>"$T/nerr")
has "$T/hk2/objection-linkedin-hk-2026-11-29.yaml" "language: 'en'" "hk: English by default for an English interface"

done_testing
