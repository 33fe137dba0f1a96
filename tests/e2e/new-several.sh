#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# new with several companies (issue 11): "all", "1,3", codes; the shared
# questions once, the account per company, one answers file and letter
# each, never overwriting; companies without an entity for the
# jurisdiction: left out of "all" with a note, refused when named. And the
# answers file's bad company ids.
. "${top_srcdir:-.}/tests/lib.sh"
cat >"$T/p.yaml" <<'EOA'
jurisdiction: hk
country: HK
language: en
requester:
  name: Zoe Example
  address: [1 Queen's Road, Hong Kong]
  email: zoe@example.org
situations: [creative]
reasons: My posts are mine.
erase_trained: true
place: Hong Kong
date: 2026-11-29
EOA
mkdir "$T/w" && cd "$T/w" || exit 1
n=$("$OBJECTOR" list controllers | grep -c '^  .*hk.*: ')

# all: one account question per company, then one confirmation
{ echo all; i=0; while [ $i -lt "$n" ]; do echo "@zoe$i"; i=$((i + 1)); done; echo y; } >"$T/in"
run "$OBJECTOR" new --answers "$T/p.yaml" <"$T/in"
exit_is 0 "new: all"
is "$n" "$(ls objection-*-hk-2026-11-29.yaml | wc -l)" "one answers file per company catalogued for hk"
is "$n" "$(ls objection-*-hk-2026-11-29.pdf | wc -l)" "one letter per company"
is "$((2 * n))" "$(wc -l <"$T/out")" "standard output: the paths"
has "$T/err" "No letter to Anthropic" "the companies left out are named"
has "$T/err" "no entity of theirs for hk" "and why"
is "$n" "$(grep -c 'profile address or user name' "$T/err")" "the account asked once per company"
is 1 "$(grep -c 'Write the answers file' "$T/err")" "one confirmation"
grep -q "account: '@zoe0'" objection-automattic-hk-2026-11-29.yaml &&
	grep -q "account: '@zoe2'" objection-linkedin-hk-2026-11-29.yaml
ok $? "each file has its own account"
has "$T/err" "How to object to LinkedIn (LinkedIn Corporation)" "each letter's plan"
for f in objection-*-hk-2026-11-29.yaml; do
	"$OBJECTOR" generate "$f" --format text -o - >/dev/null 2>&1
	ok $? "$f generates"
done

# again: new names, nothing overwritten
printf '1,3\n@a\n@b\ny\n' >"$T/in"
run "$OBJECTOR" new --answers "$T/p.yaml" <"$T/in"
exit_is 0 "new: 1,3"
has "$T/out" "objection-automattic-hk-2026-11-29-2.yaml" "a second run adds -2"
has "$T/out" "objection-linkedin-hk-2026-11-29-2.pdf" "for each company"
is 4 "$(wc -l <"$T/out")" "two companies, two files each"

# codes, a duplicate, and a company named that has no entity in hk
printf 'linkedin, meta\nlinkedin,x,linkedin\n\n\ny\n' >"$T/in"
run "$OBJECTOR" new --answers "$T/p.yaml" <"$T/in"
exit_is 0 "new: codes"
has "$T/err" "no entity for your jurisdiction in the catalogue" "meta in hk: refused with the reason"
has "$T/err" "'other'" "and what to do"
is 4 "$(wc -l <"$T/out")" "linkedin and x once each"
printf 'meta\nother\n' >"$T/in"
run "$OBJECTOR" new --answers "$T/p.yaml" <"$T/in"
has "$T/err" "choose 'other' and give the entity" "one company without an entity: what to do"
printf '2,other\n' >"$T/in"
run "$OBJECTOR" new --answers "$T/p.yaml" <"$T/in"
has "$T/err" "'other' (a company not in the catalogue) goes alone" "other is not part of a list"
printf 'all\n\n\n\n\n\n\n\n\ny\n' >"$T/in"
run "$OBJECTOR" new --answers "$T/p.yaml" -o - <"$T/in"
exit_is 64 "-o - with several companies"

# The answers file: an unknown id lists the known ones; no entity: what to do.
sed 's/^jurisdiction: hk/controller: linkdin\njurisdiction: hk/' "$T/p.yaml" >"$T/bad.yaml"
run "$OBJECTOR" generate "$T/bad.yaml" -o "$T/x.pdf"
exit_is 65 "unknown company"
has "$T/err" "bad.yaml:1:13: unknown controller 'linkdin'" "at its position"
has "$T/err" "anthropic, automattic, google, linkedin" "lists the known ones"
sed 's/^jurisdiction: hk/controller: meta\njurisdiction: hk/' "$T/p.yaml" >"$T/bad.yaml"
run "$OBJECTOR" generate "$T/bad.yaml" -o "$T/x.pdf"
exit_is 65 "a company without an entity for hk"
has "$T/err" "(only for eea, uk, ca)" "says where it is catalogued"
has "$T/err" "controller: {name: ..., address: [...], email: ...}" "and the inline mapping"

done_testing
