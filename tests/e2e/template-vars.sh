#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# templates/README.md against the templates and compose: every variable a
# template names is listed there, and every variable listed there is one
# compose gives (a template naming them all renders: tmpl.h makes an absent
# name an error).
. "${top_srcdir:-.}/tests/lib.sh"
readme="$top_srcdir/templates/README.md"

# The listed names: "- `NAME`: ..." lines.
sed -n 's/^- `\([a-z_.A-Z0-9]*\)`:.*/\1/p' "$readme" | grep -v '\.KEY$' | sort -u >"$T/listed"
[ -s "$T/listed" ]
ok $? "README.md lists variables"

# The names the letter templates use: {{name}}, {{#name}}, {{^name}}, {{/name}}.
# (Reminders and complaints, JUR/LANG.remind.tmpl and JUR/LANG.complain.tmpl,
# have their own list, templates/CASE-VARIABLES.md, and tests/unit/test-case-tmpl.)
find "$top_srcdir/templates" -name '*.tmpl' ! -name '*.remind.tmpl' ! -name '*.complain.tmpl' -exec cat {} + |
	grep -o '{{[#^/]\{0,1\}[a-zA-Z_][a-zA-Z0-9_.]*}}' |
	sed 's/^{{[#^/]\{0,1\}//; s/}}$//' | sort -u >"$T/used"
[ -s "$T/used" ]
ok $? "the templates use variables"
while read -r v; do
	case $v in
	controller.facts.*) continue ;;	# the pass-through mapping
	esac
	grep -qx -- "$v" "$T/listed"
	ok $? "used and listed: $v"
done <"$T/used"

# Every letter has its short text (templates/JUR/LANG.short.tmpl) and back.
for f in "$top_srcdir"/templates/*/*.tmpl; do
	case $f in
	*/partials/* | *.remind.tmpl | *.complain.tmpl) continue ;;
	*.short.tmpl) other=${f%.short.tmpl}.tmpl ;;
	*) other=${f%.tmpl}.short.tmpl ;;
	esac
	[ -f "$other" ]
	ok $? "$(basename "$(dirname "$f")")/$(basename "$f") has $(basename "$other")"
done
n=$(ls "$top_srcdir"/templates/*/*.short.tmpl | wc -l)
[ "$n" -ge 16 ]
ok $? "$n short templates (16 pairs)"

# Every listed name is given: a template naming each in a section renders.
mkdir -p "$T/d"
cp -r "$top_srcdir/templates" "$top_srcdir/locales" "$top_srcdir/data" "$T/d/"
chmod -R u+w "$T/d"
{
	printf '== dateline\nx\n== subject\nall\n== salutation\nx\n== body\n'
	grep -v '^region_authority\.' "$T/listed" | while read -r v; do printf '%s:{{#%s}}set{{/%s}}{{^%s}}unset{{/%s}}\n\n' "$v" "$v" "$v" "$v" "$v"; done
	sed -n 's/^  shares_with_microsoft_uk:.*/controller.facts.shares_with_microsoft_uk:{{#controller.facts.shares_with_microsoft_uk}}set{{\/controller.facts.shares_with_microsoft_uk}}/p' \
		"$top_srcdir/data/controllers/linkedin.yaml"
	printf '\n== closing\nx\n'
} >"$T/d/templates/eea/en.tmpl"
sed 's/^country: DE/country: DE\nlanguage: en/' "$top_srcdir/examples/eea-linkedin-de.yaml" >"$T/a.yaml"
run "$OBJECTOR" --data-dir "$T/d" generate "$T/a.yaml" --format text -o -
exit_is 0 "a template naming every listed variable renders"
cp "$T/out" "$T/out-eea"
# region_authority.* is a mapping only for a Quebec resident (Canada): the
# same check on a Canadian letter with region CA-QC.
{
	printf '== dateline\nx\n== subject\nall\n== salutation\nx\n== body\n'
	grep '^region_authority' "$T/listed" | while read -r v; do printf '%s:{{#%s}}set{{/%s}}{{^%s}}unset{{/%s}}\n\n' "$v" "$v" "$v" "$v" "$v"; done
	printf '\n== closing\nx\n'
} >"$T/d/templates/ca/en.tmpl"
printf 'region: CA-QC\n' | cat "$top_srcdir/examples/ca-linkedin.yaml" - >"$T/q.yaml"
run "$OBJECTOR" --data-dir "$T/d" generate "$T/q.yaml" --format text -o -
exit_is 0 "a template naming every region_authority variable renders (Quebec)"
cat "$T/out" >>"$T/out-eea"
while read -r v; do
	grep -q "^$v:" "$T/out-eea"
	ok $? "given by compose: $v"
done <"$T/listed"
has "$T/out-eea" "controller.facts.shares_with_microsoft_uk:set" "a fact reaches controller.facts"

done_testing
