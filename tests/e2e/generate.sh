#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# End-to-end tests of `objector generate` (text letters) and the command line:
# each jurisdiction's legal basis, controller, authority and the requester's
# name, exactly; bad input and its exit codes; no template injection.
. "${top_srcdir:-.}/tests/lib.sh"
ex="$top_srcdir/examples"

letter() { # letter EXAMPLE [LANG]: the text letter in $T/out (in LANG if given)
	f="$ex/$1.yaml"
	if [ -n "${2:-}" ]; then
		sed "s/^jurisdiction: \(.*\)/jurisdiction: \1\nlanguage: $2/" "$f" >"$T/$1-$2.yaml"
		f="$T/$1-$2.yaml"
	fi
	run "$OBJECTOR" generate "$f" --format text -o -
	exit_is 0 "generate $1 ${2:-}"
}

letter uk-linkedin
has "$T/out" "Siân O'Brien-Ørsted" "uk: requester's name with accents"
has "$T/out" "under Article 21(1) of the UK General Data Protection Regulation (UK GDPR)" "uk: legal basis"
has "$T/out" "(Article 17(1)(c) UK GDPR)" "uk: erasure"
has "$T/out" "(Article 18(1)(d) UK GDPR)" "uk: restriction"
has "$T/out" "Under Article 12(3) and Article 12A UK GDPR you must tell me what action you have taken without undue delay and in any event before the end of the applicable time period, which is one month from receipt" "uk: one month from receipt (Art. 12A)"
has "$T/out" "LinkedIn Corporation" "uk: controller is LinkedIn Corporation"
has "$T/out" "1000 W Maude Avenue" "uk: controller's address"
has "$T/out" "with Microsoft and its affiliates" "uk: LinkedIn shares with Microsoft"
has "$T/out" "Information Commissioner's Office (ICO), ico.org.uk" "uk: the ICO"
has "$T/out" "section 164A of the Data Protection Act 2018" "uk: DPA 2018 s.164A complaint"
has "$T/out" "I therefore expect your answer by 29 December 2026 at the latest" "uk: due date one month after receipt"
has "$T/out" "Penzance, 29 November 2026" "uk: place and date"
has "$T/out" "a model trained on them competes with my work" "uk: the person's own reasons"
has "$T/out" "Yours faithfully," "uk: closing"

letter eea-linkedin-de en
has "$T/out" "Zoë Łukasiewicz-Øster" "eea: requester's name (Ł and Ø)"
has "$T/out" "under Article 21(1) of Regulation (EU) 2016/679 (General Data Protection Regulation, GDPR)" "eea: legal basis"
has "$T/out" "(Article 17(1)(c) GDPR)" "eea: erasure"
has "$T/out" "(Article 18(1)(d) GDPR)" "eea: restriction"
has "$T/out" "Under Article 12(3) GDPR" "eea: Art. 12(3)"
has "$T/out" "complaint under Article 77 GDPR" "eea: Art. 77"
has "$T/out" "LinkedIn Ireland Unlimited Company" "eea: controller is LinkedIn Ireland"
has "$T/out" "Wilton Plaza" "eea: controller's postal address"
has "$T/out" "Data Protection Commission (DPC), www.dataprotection.ie" "eea: the DPC"
has "$T/out" "Berliner Beauftragte für Datenschutz und Informationsfreiheit (BlnBDI), www.datenschutz-berlin.de" "eea: the Land authority for a Berlin postcode (10115)"
hasnt "$T/out" "bfdi" "eea: not the BfDI"
has "$T/out" "Opinion 28/2024" "eea: EDPB opinion"
hasnt "$T/out" "Microsoft" "eea: no Microsoft sharing outside the UK"

letter eea-meta-fr en
has "$T/out" "Meta Platforms Ireland Limited" "eea meta: controller"
has "$T/out" "Merrion Road" "eea meta: address"
has "$T/out" "www.cnil.fr" "eea meta: CNIL for a resident of France"
has "$T/out" "Hélène Dupré" "eea meta: name"
hasnt "$T/out" "I did not share" "eea meta: no generic grounds without reasons"
has "$T/out" "I have not set out the details of my particular situation" "eea meta: says no particular situation was set out"

letter ch-linkedin
has "$T/out" "Françoise Müller-Nägeli" "ch: name"
has "$T/out" "Under Article 30(2)(b) of the Federal Act on Data Protection (FADP)" "ch: legal basis Art. 30(2)(b)"
has "$T/out" "(Article 30(3) FADP)" "ch: express prohibition, Art. 30(3)"
has "$T/out" "I expressly prohibit LinkedIn Ireland Unlimited Company" "ch: express prohibition"
has "$T/out" "Under Article 31 FADP" "ch: Art. 31"
has "$T/out" "(Article 32(2) FADP)" "ch: Art. 32(2)"
has "$T/out" "Federal Data Protection and Information Commissioner (FDPIC), www.edoeb.admin.ch" "ch: the FDPIC"
has "$T/out" "by 29 December 2026" "ch: 30 days asked for"

letter ca-linkedin
has "$T/out" "Geneviève Tremblay" "ca: name"
has "$T/out" "I withdraw my consent" "ca: withdrawal of consent"
has "$T/out" "clause 4.3.8 of Schedule 1 to the Personal Information Protection and Electronic Documents Act (PIPEDA)" "ca: PIPEDA Sch. 1 cl. 4.3.8"
has "$T/out" "LinkedIn Corporation" "ca: controller"
has "$T/out" "Office of the Privacy Commissioner of Canada, www.priv.gc.ca, under section 11(1) of PIPEDA" "ca: the OPC"
has "$T/out" "Sincerely," "ca: closing"

letter hk-linkedin
has "$T/out" "陳大文 Chan Tai-man" "hk: name in Chinese characters"
has "$T/out" "Data Protection Principle 3 in Schedule 1 to the Personal Data (Privacy) Ordinance (Cap. 486)" "hk: DPP3"
has "$T/out" "by this notice in writing under section 2(3) of the PDPO" "hk: s.2(3) written withdrawal"
has "$T/out" "Office of the Privacy Commissioner for Personal Data (PCPD), www.pcpd.org.hk" "hk: the PCPD"
hasnt "$T/out" "to erase the personal data" "hk: erase_trained: false leaves out the erasure request"

letter other-controller
has "$T/out" "Example Data B.V." "inline controller: name"
has "$T/out" "Keizersgracht 1" "inline controller: address"
has "$T/out" "autoriteitpersoonsgegevens.nl" "inline controller: Dutch authority"

# The country's language is the default for the EEA.
letter eea-linkedin-de
has "$T/out" "Art. 21 Abs. 1 DSGVO" "eea, DE: German letter by default"
letter eea-meta-fr
has "$T/out" "RGPD" "eea, FR: French letter by default"

# The reference: in the subject, stable for the same answers, distinct otherwise.
letter uk-linkedin
ref1=$(sed -n 's/^Reference: //p' "$T/out")
grep -q "ref. $ref1\$" "$T/out"; ok $? "reference appears in the subject"
letter uk-linkedin
ref2=$(sed -n 's/^Reference: //p' "$T/out")
is "$ref1" "$ref2" "same answers, same reference"
sed 's/^date: .*/date: 2026-11-30/' "$ex/uk-linkedin.yaml" >"$T/other.yaml"
run "$OBJECTOR" generate "$T/other.yaml" --format text -o -
ref3=$(sed -n 's/^Reference: //p' "$T/out")
[ -n "$ref3" ] && [ "$ref3" != "$ref1" ]; ok $? "another letter, another reference"
case "$ref1" in OBJ-2026-????????) pass "reference format" ;; *) fail "reference format: $ref1" ;; esac

# User answers are never template syntax.
cat >"$T/inject.yaml" <<'Y'
jurisdiction: uk
controller: linkedin
requester:
  name: "{{reference}} Mallory"
  address: ["{{> account}}", London]
  email: m@example.org
reasons: "{{requester.email}} {{#erase_trained}}x{{/erase_trained}}"
Y
run "$OBJECTOR" generate "$T/inject.yaml" --format text -o -
exit_is 0 "answers holding template syntax"
has "$T/out" "{{reference}} Mallory" "a name with {{...}} prints literally"
has "$T/out" "{{requester.email}} {{#erase_trained}}x{{/erase_trained}}" "reasons with {{...}} print literally"
has "$T/out" "{{> account}}" "an address line with a partial tag prints literally"

# Default output name, file mode, nothing else left behind.
cp "$ex/uk-linkedin.yaml" "$T/mine.yaml"
(cd "$T" && umask 022 && "$OBJECTOR" generate mine.yaml --format text >"$T/path" 2>"$T/err"); rc=$?
exit_is 0 "generate next to the answers file"
is "mine.txt" "$(cat "$T/path")" "the output path is printed"
is "600" "$(stat -c %a "$T/mine.txt")" "the letter is created 0600"
is "0" "$(ls "$T" | grep -c 'mine.txt.')" "no temporary file left behind"

# Bad input: the exit codes of product.md, with FILE:LINE:COL.
bad() { # bad NAME EXPECTED-CODE EXPECTED-MESSAGE  (answers in $T/bad.yaml)
	run "$OBJECTOR" generate "$T/bad.yaml" --format text -o -
	exit_is "$2" "$1"
	has "$T/err" "$3" "$1: message"
	is "" "$(cat "$T/out")" "$1: nothing written"
}
printf 'jurisdiction: uk\ncontroller: [linkedin\nrequester: x\n' >"$T/bad.yaml"
bad "malformed YAML" 65 "bad.yaml:3:"
printf 'jurisdiction: mars\ncontroller: linkedin\n' >"$T/bad.yaml"
bad "unknown jurisdiction" 65 "bad.yaml:1:15: unknown jurisdiction 'mars' (known: uk, eea, ch, ca, hk)"
sed 's/^erase_trained:/erase_traned:/' "$ex/uk-linkedin.yaml" >"$T/bad.yaml"
bad "unknown key" 65 "bad.yaml:14:1: unknown key 'erase_traned'"
grep -v '^  email:' "$ex/uk-linkedin.yaml" >"$T/bad.yaml"
bad "missing required answer" 65 "bad.yaml:7:3: missing required answer 'requester.email'"
sed 's/^country: DE/country: XX/' "$ex/eea-linkedin-de.yaml" >"$T/bad.yaml"
bad "unknown country" 65 "bad.yaml:5:10: 'XX' is not an ISO 3166-1 country code"
sed 's/^country: DE/country: GB/' "$ex/eea-linkedin-de.yaml" >"$T/bad.yaml"
bad "country of another jurisdiction" 65 "writes under the jurisdiction 'uk', not 'eea'"
sed 's/zoe@example.org/zoe(at)example.org/' "$ex/eea-linkedin-de.yaml" >"$T/bad.yaml"
bad "bad e-mail" 65 "bad.yaml:10:10: 'zoe(at)example.org' is not an e-mail address"
sed 's/^date: .*/date: 2026-02-30/' "$ex/uk-linkedin.yaml" >"$T/bad.yaml"
bad "impossible date" 65 "bad.yaml:16:7: '2026-02-30' is not a date"
sed 's/^jurisdiction: eea/jurisdiction: eea\nlanguage: tlh/' "$ex/eea-linkedin-de.yaml" >"$T/bad.yaml"
bad "language without a letter" 65 "no letter in 'tlh' for the jurisdiction 'eea'"
sed 's/^jurisdiction: eea/jurisdiction: eea\nlanguage: ..\/..\/x/' "$ex/eea-linkedin-de.yaml" >"$T/bad.yaml"
bad "path traversal through language" 65 "is not a language tag"
printf 'jurisdiction: uk\ncontroller: linkedin\nrequester:\n  name: "Eve\\r\\nBcc: x@example.org"\n  address: [a]\n  email: e@example.org\n' >"$T/bad.yaml"
bad "CR/LF in a name" 65 "'requester.name' must be a single line"
printf 'jurisdiction: uk\nrequester: &a {name: x}\n' >"$T/bad.yaml"
bad "YAML alias" 65 "anchors and aliases are not supported"

run "$OBJECTOR" generate "$T/does-not-exist.yaml" --format text
exit_is 66 "missing answers file"
has "$T/err" "does-not-exist.yaml: No such file or directory" "missing file: message"
run "$OBJECTOR" generate --bogus "$ex/uk-linkedin.yaml"
exit_is 64 "bad option"
run "$OBJECTOR" generate "$ex/uk-linkedin.yaml" --format docx
exit_is 64 "bad format"
run "$OBJECTOR" generate
exit_is 64 "no answers file"
run "$OBJECTOR" frobnicate
exit_is 64 "unknown command"
run "$OBJECTOR" generate "$ex/uk-linkedin.yaml" --format text -o "$T/no/such/dir/x.txt"
exit_is 73 "output directory missing"

# Help and version.
run "$OBJECTOR" --version
exit_is 0 "--version"
grep -q "^objector [0-9]" "$T/out"; ok $? "--version prints the version"
run "$OBJECTOR" --help
has "$T/out" "generate" "--help lists the commands"
run "$OBJECTOR" help generate
has "$T/out" "--format FORMAT" "help COMMAND shows its options"
run "$OBJECTOR" generate --help
has "$T/out" "Usage: objector generate" "COMMAND --help"
run "$OBJECTOR" list jurisdictions
has "$T/out" "Article 30(2)(b) FADP" "list jurisdictions"
run "$OBJECTOR" list controllers
has "$T/out" "LinkedIn Ireland Unlimited Company" "list controllers"
run "$OBJECTOR" list languages
has "$T/out" "eea  en" "list languages"

# The data directory: --data-dir and OBJECTOR_DATA_DIR.
run "$OBJECTOR" --data-dir "$T/nowhere" list jurisdictions
exit_is 70 "a data directory without catalogues"
OBJECTOR_DATA_DIR="$top_srcdir" run "$OBJECTOR" list jurisdictions
exit_is 0 "OBJECTOR_DATA_DIR"
ls /dev/full >/dev/null 2>&1 && {
	run sh -c '"$OBJECTOR" list jurisdictions >/dev/full'
	exit_is 74 "a full disk on standard output"
}

# The PDF's dates come from the one clock (OBJECTOR_NOW in tests): the same
# answers give the same bytes, a second later too.
run "$OBJECTOR" generate "$ex/uk-linkedin.yaml" -o "$T/a.pdf"
exit_is 0 "generate a PDF"
sleep 1
run "$OBJECTOR" generate "$ex/uk-linkedin.yaml" -o "$T/b.pdf"
exit_is 0 "generate it again"
cmp -s "$T/a.pdf" "$T/b.pdf"
ok $? "the same answers and clock give the same PDF"
if command -v pdfinfo >/dev/null 2>&1; then
	pdfinfo -isodates "$T/a.pdf" | sed 's/:  */: /' >"$T/info" 2>&1
	has "$T/info" "CreationDate: $OBJECTOR_NOW" "the PDF's creation date is OBJECTOR_NOW"
	has "$T/info" "Producer: $("$OBJECTOR" --version | sed -n 1p)" "the PDF's producer names the version"
fi

# HarfBuzz is loaded when a letter needs a Unicode font, not at start-up
# (src/pdf-font.c): a Latin letter never loads it, a Chinese one does
# (glibc's LD_DEBUG=files lists what the dynamic linker loads).
if LD_DEBUG=files /bin/true 2>&1 | grep -q 'file='; then
	LD_DEBUG=files "$OBJECTOR" generate "$ex/uk-linkedin.yaml" -o "$T/ld-uk.pdf" >/dev/null 2>"$T/ld-uk"
	hasnt "$T/ld-uk" "libharfbuzz" "a Latin letter does not load HarfBuzz"
	hasnt "$T/ld-uk" "libcurl" "nor libcurl"
	LD_DEBUG=files "$OBJECTOR" generate "$ex/hk-linkedin.yaml" -o "$T/ld-hk.pdf" >/dev/null 2>"$T/ld-hk"
	grep -q 'file=libharfbuzz-subset.*dynamically loaded by' "$T/ld-hk"
	ok $? "a Chinese letter loads HarfBuzz's subsetter when it needs it"
	pdffonts "$T/ld-hk.pdf" 2>/dev/null | grep -q 'UMing' && pass "... and embeds the subset" || fail "... and embeds the subset"
fi

done_testing
