#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Translation consistency: every language version of a letter has the same
# sections, in the same order, and uses the same variables, sections and
# partials as the English letter of its jurisdiction; the partials a letter
# includes exist in its language with the English partial's names, and no
# partial is left that no letter includes; Swiss letters and the
# partials they use contain no "ß"; every language has a complete locale file
# (the questions and the questionnaire's messages, new:, of English).
#
# One exception, by design (issue 6): a translation may leave out the
# variables authority.name and local_authority.name, whose catalogue values
# are English, and write the authority's official name in its own language in
# the template text instead (the web address variable stays).
. "${top_srcdir:-.}/tests/lib.sh"
tdir="$top_srcdir/templates"
ldir="$top_srcdir/locales"

# names OUT FILE [partial]: into OUT, "SECTION<TAB>KIND<TAB>NAME" for each tag of a
# template file, read with the real template parser (tests/tmpl-names, linked
# with the library: comments and closing tags are no names; a partial file is
# one section). A template the parser refuses fails the test with its message.
TMPL_NAMES="$top_builddir/tests/tmpl-names"
names() {
	if [ -n "${3:-}" ]; then
		"$TMPL_NAMES" --partial "$2" >"$T/names.raw" 2>"$T/names.err"
	else
		"$TMPL_NAMES" "$2" >"$T/names.raw" 2>"$T/names.err"
	fi
	st=$?
	if [ $st -ne 0 ]; then
		fail "${2#"$tdir"/}: the template parser reads it (status $st)"
		sed 's/^/#   /' "$T/names.err"
	fi
	LC_ALL=C sort -u "$T/names.raw" >"$1"
}

# sections FILE: the "== NAME" lines in order
sections() { grep '^== ' "$1" | tr '\n' ' '; }

# same_names EN XX LABEL: XX uses exactly EN's names (less the allowed omissions)
same_names() {
	names "$T/en.names" "$1" "${4:-}"
	names "$T/xx.names" "$2" "${4:-}"
	extra=$(LC_ALL=C comm -13 "$T/en.names" "$T/xx.names")
	missing=$(LC_ALL=C comm -23 "$T/en.names" "$T/xx.names" |
		while IFS='	' read -r sec kind name; do
			case "$(printf '%s\t%s' "$kind" "$name")" in
			"variable	authority.name" | "variable	local_authority.name") continue ;;
			esac
			printf '%s %s %s\n' "$sec" "$kind" "$name"
		done)
	if [ -z "$extra$missing" ]; then pass "$3"; else
		fail "$3"
		[ -z "$extra" ] || printf '%s\n' "$extra" | sed 's/^/#   not in English: /'
		[ -z "$missing" ] || printf '%s\n' "$missing" | sed 's/^/#   missing: /'
	fi
}

# sanity: the extraction sees the English letter's names
names "$T/eea.names" "$tdir/eea/en.tmpl"
has "$T/eea.names" "body	section	erase_trained" "extraction finds {{#erase_trained}} in eea/en"
has "$T/eea.names" "body	inverted	grounds" "extraction finds {{^grounds}} in eea/en"
has "$T/eea.names" "body	partial	account" "extraction finds {{> account}} in eea/en"
has "$T/eea.names" "subject	variable	reference" "extraction finds {{reference}} in the subject"
hasnt "$T/eea.names" "Sources" "extraction skips comments"
printf '{{! prelude }}\n== subject\nfine {{x}}\n== body\ntext\n{{#a}}x\n' >"$T/bad.tmpl"
"$TMPL_NAMES" "$T/bad.tmpl" >"$T/bad.out" 2>"$T/bad.err"
is 65 $? "extraction: a template the parser refuses is an error"
has "$T/bad.err" "bad.tmpl:6:1: unclosed section 'a'" "extraction: ... with the parser's position"
has "$T/bad.out" "subject	variable	x" "extraction: the sections before it are read"

langs=""
for jd in "$tdir"/*/; do
	jur=$(basename "$jd")
	[ "$jur" = partials ] && continue
	en="$jd/en.tmpl"
	[ -f "$en" ] || { fail "$jur: an English letter"; continue; }
	for t in "$jd"/*.tmpl; do
		lang=$(basename "$t" .tmpl)
		[ "$lang" = en ] && continue
		case $lang in *.*) continue ;; esac	# LANG.remind, LANG.complain: tests/unit/test-case-tmpl
		case " $langs " in *" $lang "*) ;; *) langs="$langs $lang" ;; esac
		is "$(sections "$en")" "$(sections "$t")" "$jur/$lang: the same sections as English"
		same_names "$en" "$t" "$jur/$lang: the same variables, sections and partials as English"
	done
done

# The partials: each letter includes its partials in its own language
# (templates/partials/NAME.LANG.tmpl, src/compose.c); each of those exists
# and uses the English partial's names, and a partial file that no letter
# includes is dead: it fails.
: >"$T/needed"
for t in "$tdir"/*/*.tmpl; do
	lang=$(basename "$t" .tmpl)
	case $lang in *.*) continue ;; esac
	[ "$(basename "$(dirname "$t")")" = partials ] && continue
	names "$T/t.names" "$t"
	awk -F'\t' -v l="$lang" '$2 == "partial" { print $3 "." l }' "$T/t.names" >>"$T/needed"
done
LC_ALL=C sort -u "$T/needed" -o "$T/needed"
[ -s "$T/needed" ]; ok $? "the letters include partials (extraction sanity)"
while read -r pl; do
	f="$tdir/partials/$pl.tmpl"
	if [ -f "$f" ]; then
		p=${pl%%.*}
		same_names "$tdir/partials/$p.en.tmpl" "$f" "partial $pl: the same names as English" partial
	else
		fail "partial $pl exists (a letter includes it)"
	fi
done <"$T/needed"
for f in "$tdir"/partials/*.tmpl; do
	pl=$(basename "$f" .tmpl)
	grep -qxF "$pl" "$T/needed"; ok $? "partial $pl: a letter includes it"
done

# Swiss letters are written without "ß"; so are the partials they use.
for t in "$tdir"/ch/*.tmpl; do
	lang=$(basename "$t" .tmpl)
	for f in "$t" "$tdir/partials/account.$lang.tmpl" "$tdir/partials/setting.$lang.tmpl" "$tdir/partials/situations.$lang.tmpl"; do
		[ -f "$f" ] || continue
		hasnt "$f" "ß" "no ß in ${f#"$tdir"/} (Swiss spelling)"
	done
done

# Locale files: language, name, date format, 12 month names, letter labels.
for lang in $langs; do
	f="$ldir/$lang.yaml"
	if [ ! -f "$f" ]; then fail "locale $lang.yaml exists"; continue; fi
	has "$f" "language: $lang" "locale $lang: language tag"
	grep -q '^name: ..' "$f"; ok $? "locale $lang: its own name"
	grep -q '^  format: ".*{y}' "$f"; ok $? "locale $lang: a date format with the year"
	months=$(sed -n '/^  months: \[/,/\]/p' "$f" | tr -d '\n' | sed 's/.*\[//; s/\].*//' |
		tr ',' '\n' | grep -c '[^ ]')
	is 12 "$months" "locale $lang: 12 month names"
	grep -q '^  reference: ..' "$f"; ok $? "locale $lang: letter.reference"
	grep -q '^  date: ..' "$f"; ok $? "locale $lang: letter.date"
	grep -q '^  page: ".*{page}.*{pages}' "$f"; ok $? "locale $lang: letter.page with {page} and {pages}"
done

# The questionnaire: once the English locale has questions, every language
# has the same question keys.
if grep -q '^questions:' "$ldir/en.yaml"; then
	keys() { sed -n '/^questions:/,/^[^ #]/p' "$1" | grep -E '^ +[A-Za-z0-9_]+:' | sed 's/:.*//'; }
	keys "$ldir/en.yaml" >"$T/en.q"
	for lang in $langs; do
		keys "$ldir/$lang.yaml" >"$T/xx.q"
		if cmp -s "$T/en.q" "$T/xx.q"; then pass "locale $lang: the same questions as English"; else
			fail "locale $lang: the same questions as English"
			diff "$T/en.q" "$T/xx.q" | head -n 10 | sed 's/^/#   /'
		fi
	done
fi

# The questionnaire engine's own messages (new:): every language has every
# key of the English section (locale_get would fall back to English and mix
# it in), each with the same {placeholders}.
# new_msgs FILE: "KEY<TAB>PLACEHOLDERS" for each key of FILE's new: section, sorted
new_msgs() {
	sed -n '/^new:/,/^[^ #]/p' "$1" | grep -E '^  [A-Za-z0-9_]+:' |
		while IFS= read -r line; do
			key=${line#  }; key=${key%%:*}
			ph=$(printf '%s\n' "${line#*:}" | grep -o '{[a-z_]*}' | LC_ALL=C sort | tr -d '\n')
			printf '%s\t%s\n' "$key" "$ph"
		done | LC_ALL=C sort
}
new_msgs "$ldir/en.yaml" >"$T/en.n"
has "$T/en.n" "confirm	" "the English locale's new: section is read"
has "$T/en.n" "next_send	{file}" "new: placeholders are read"
for lang in $langs; do
	new_msgs "$ldir/$lang.yaml" >"$T/xx.n"
	cut -f1 "$T/en.n" >"$T/en.k"
	cut -f1 "$T/xx.n" >"$T/xx.k"
	missing=$(LC_ALL=C comm -23 "$T/en.k" "$T/xx.k")
	if [ -z "$missing" ]; then pass "locale $lang: every new: message of English"; else
		fail "locale $lang: every new: message of English"
		printf '%s\n' "$missing" | head -n 10 | sed 's/^/#   missing: /'
	fi
	if cmp -s "$T/en.n" "$T/xx.n"; then pass "locale $lang: new: messages with English's placeholders"; else
		fail "locale $lang: new: messages with English's placeholders"
		diff "$T/en.n" "$T/xx.n" | grep '^[<>]' | head -n 10 | sed 's/^/#   /'
	fi
done

done_testing
