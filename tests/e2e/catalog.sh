#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# End-to-end tests of the controllers catalogue (data/controllers/ID.yaml):
# the load-time checks, each a "FILE:LINE:COL: message" with exit 65, and a
# fact added by a file alone reaching the templates.
. "${top_srcdir:-.}/tests/lib.sh"

# data DIR: a copy of the source tree's data directory, in $T/DIR, with
# LinkedIn's file replaced by a fixed copy (tests/data/catalog-linkedin.yaml),
# so that the positions below do not move when the real file is edited.
data() {
	mkdir -p "$T/$1"
	cp -r "$top_srcdir/templates" "$top_srcdir/locales" "$top_srcdir/data" "$T/$1/"
	chmod -R u+w "$T/$1"
	cp "$top_srcdir/tests/data/catalog-linkedin.yaml" "$T/$1/data/controllers/linkedin.yaml"
}

# bad NAME SED-SCRIPT POSITION MESSAGE: linkedin.yaml edited by SED-SCRIPT
# must be refused with exit 65 at POSITION (LINE:COL) saying MESSAGE.
n=0
bad() {
	n=$((n + 1))
	data "d$n"
	f="$T/d$n/data/controllers/linkedin.yaml"
	sed -i "$2" "$f"
	run "$OBJECTOR" --data-dir "$T/d$n" list controllers
	exit_is 65 "$1: exit 65"
	has "$T/err" "$f:$3: $4" "$1: $3: $4"
}

bad "unknown key" 's/^account: true/acount: true/' "7:1" "unknown key 'acount'"
bad "unknown entity key" '0,/^    attn:/s/^    attn:/    atn:/' "39:5" "unknown key 'atn'"
bad "source not in the file" '0,/sources: \[eu-notice, terms\]/s//sources: [eu-notice, nope]/' "42:26" "no source 'nope' in this file"
bad "source without checked" '/^    checked: 2026-11-30$/{x;s/^/x/;/^x$/{x;d};x}' "15:5" "missing field 'checked'"
bad "checked not a date" '0,/checked: 2026-11-30/s//checked: 30.11.2026/' "19:14" "'checked' must be a date YYYY-MM-DD"
bad "unknown jurisdiction" 's/jurisdictions: \[eea, ch\]/jurisdictions: [eea, xx]/' "37:26" "unknown jurisdiction 'xx'"
bad "jurisdiction twice" 's/jurisdictions: \[uk\]/jurisdictions: [eea]/' "55:21" "jurisdiction 'eea' is already in an entity above"
bad "channel kind" '0,/kind: post/s//kind: pigeon/' "53:15" "unknown channel kind 'pigeon'"
bad "form without url" '0,/url: https:\/\/www.linkedin.com\/help\/linkedin\/ask\/TS-DPRO/s//path: x/' "47:9" "a form channel needs a 'url'"
bad "email without address" '0,/kind: post/s//kind: email/' "53:9" "an email channel needs the entity's 'email'"
bad "id not the file name" 's/^id: linkedin/id: linked-in/' "5:5" "the id must be the file's name ('linkedin')"
bad "no entities" '/^entities:/,$d' "5:1" "missing field 'entities'"
bad "product not listed" '0,/      - kind: setting/s//      - kind: setting\n        product: facebook/' "45:18" "no product 'facebook' in 'products:'"

# A company's file named other than ID.yaml is refused too.
data named
mv "$T/named/data/controllers/meta.yaml" "$T/named/data/controllers/Meta.yaml"
run "$OBJECTOR" --data-dir "$T/named" list controllers
exit_is 65 "file name with capitals: exit 65"
has "$T/err" "Meta.yaml: a company's file is named ID.yaml" "file name with capitals: message"

# A form's fields: a value that is not one of the names.
data fields
sed -i '0,/url: https:\/\/www.linkedin.com\/help\/linkedin\/ask\/TS-DPRO/s//&\n        fields:\n          - {label: "Email", value: requester.mail}/' \
	"$T/fields/data/controllers/linkedin.yaml"
run "$OBJECTOR" --data-dir "$T/fields" list controllers
exit_is 65 "field value: exit 65"
has "$T/err" "linkedin.yaml:50:37: unknown value 'requester.mail'" "field value: position and message"

# A fact added in a company's file alone is seen by the templates, for every
# company (null where a company does not state it).
data facts
sed -i 's/^  shares_with_microsoft_uk: true/&\n  trains_since: "3 November 2025"/' "$T/facts/data/controllers/linkedin.yaml"
sed -i 's/^== closing$/{{#controller.facts.trains_since}}Since {{controller.facts.trains_since}}.{{\/controller.facts.trains_since}}\n&/' \
	"$T/facts/templates/uk/en.tmpl"
run "$OBJECTOR" --data-dir "$T/facts" generate "$top_srcdir/examples/uk-linkedin.yaml" --format text -o -
exit_is 0 "a new fact: linkedin letter"
has "$T/out" "Since 3 November 2025." "a new fact reaches the template"
sed 's/^controller: linkedin/controller: meta/' "$top_srcdir/examples/uk-linkedin.yaml" >"$T/uk-meta.yaml"
run "$OBJECTOR" --data-dir "$T/facts" generate "$T/uk-meta.yaml" --format text -o -
exit_is 0 "a new fact: a company without it"
hasnt "$T/out" "Since" "a fact a company does not state is null"

# data/authorities-de.yaml: 'secondary' names address, form or email only.
n=$((n + 1))
data "d$n"
f="$T/d$n/data/authorities-de.yaml"
sed -i '0,/^    secondary: \[address, form, email\]/s//    secondary: [address, fax]/' "$f"
line=$(grep -n '^    secondary: \[address, fax\]' "$f" | cut -d: -f1)
run "$OBJECTOR" --data-dir "$T/d$n" list controllers
exit_is 65 "authorities-de secondary: exit 65"
has "$T/err" "$f:$line:26: 'secondary' lists address, form or email, not 'fax'" "authorities-de secondary: FILE:LINE:COL and the value"
# The German data is read on first use: a UK letter does not read it (and
# is written), a German resident's letter does and stops with the error.
run "$OBJECTOR" --data-dir "$T/d$n" generate "$top_srcdir/examples/uk-linkedin.yaml" --format text -o "$T/uk.txt"
exit_is 0 "broken German data: a UK letter does not read it"
run "$OBJECTOR" --data-dir "$T/d$n" generate "$top_srcdir/tests/letters/de-berlin.yaml" --format text -o "$T/de.txt"
exit_is 65 "broken German data: a Berlin letter stops (exit 65)"
has "$T/err" "$f:$line:26: 'secondary' lists address, form or email, not 'fax'" "broken German data: the Berlin letter names FILE:LINE:COL"
[ ! -e "$T/de.txt" ]; ok $? "broken German data: no Berlin letter written"
n=$((n + 1))
data "d$n"
f="$T/d$n/data/de-postcodes.txt"
first=$(grep -n '^[0-9]' "$f" | head -1 | cut -d: -f1)
sed -i "$((first + 1))d" "$f"
sed -i "${first}a\\00001 DE-SN" "$f"
run "$OBJECTOR" --data-dir "$T/d$n" list jurisdictions
exit_is 65 "de-postcodes out of order: exit 65"
has "$T/err" "$f:$((first + 1)):1: postcode 00001 after " "de-postcodes out of order: FILE:LINE:COL, the codes"

done_testing
