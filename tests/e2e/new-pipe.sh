#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/e2e/new-pipe.sh: `objector new` with its answers from a pipe, one
# per line: five jurisdictions, the answers file (0600, exact values) and the
# letter's text; re-asking, defaults, --answers, -o, names never reused;
# end of input and "no" leave nothing behind.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/e2e/new-lib.sh"

# check_files DIR STEM: the answers file and the PDF exist, 0600, standard
# output named them, and $T/letter.txt holds the letter's text (pdftotext,
# else what `generate --format text` gives for the same answers).
check_files() {
	d=$1 stem=$2
	y="$d/$stem.yaml"
	l="$d/$stem.pdf"
	if [ -f "$y" ] && [ -f "$l" ] && [ "$(head -c 5 "$l")" = "%PDF-" ]; then pass "$stem: answers file and letter written"; else
		fail "$stem: answers file and letter written"; ls -la "$d" | sed 's/^/#   /'
		sed 's/^/#   err| /' "$T/nerr" | tail -20; return; fi
	is 600 "$(mode_of "$y")" "$stem: answers file is 0600"
	is 600 "$(mode_of "$l")" "$stem: letter is 0600"
	is "$(printf '%s\n%s' "$stem.yaml" "$(basename "$l")")" "$(cat "$T/nout")" \
		"$stem: standard output holds the two paths"
	if ! have_pdftotext; then
		"$OBJECTOR" --data-dir "$DD" generate "$y" --format text -o - >"$T/letter.txt"
	else
		letter_text "$l" >"$T/letter.txt"
	fi
	# the answers file on its own gives the same letter
	run "$OBJECTOR" --data-dir "$DD" generate "$y" --format text -o -
	exit_is 0 "$stem: 'objector generate' accepts the answers file"
}

# --- United Kingdom, LinkedIn, with the person's reasons --------------------
cat >"$T/in" <<'IN'
GB
linkedin
Siân O'Brien-Ørsted
14 Chapel Street
Penzance TR18 4AW
United Kingdom

sian@example.org
https://www.linkedin.com/in/sian-example
2,journalist
I am a freelance translator; a model trained on my posts competes with my work.

yes
Penzance


IN
new_in "$T/uk"
exit_is 0 "uk: new through a pipe"
check_files "$T/uk" objection-linkedin-uk-2026-11-29
y="$T/uk/objection-linkedin-uk-2026-11-29.yaml"
has "$y" "name: 'Siân O''Brien-Ørsted'" "uk: the name exactly, quoted"
has "$y" "jurisdiction: 'uk'" "uk: jurisdiction derived from GB"
has "$y" "- 'Penzance TR18 4AW'" "uk: address lines as a list"
has "$y" "erase_trained: true" "uk: erase_trained"
has "$y" "date: 2026-11-29" "uk: date defaults to today"
has "$y" "language: 'en'" "uk: the only language"
has "$T/letter.txt" "Siân O'Brien-Ørsted" "uk: the letter names the requester"
has "$T/letter.txt" "LinkedIn Corporation" "uk: the letter names the controller"
has "$T/letter.txt" "UK GDPR" "uk: the letter cites the UK GDPR"
has "$T/letter.txt" "a model trained on my posts" "uk: the letter holds the reasons"
has "$y" "situations:" "uk: the situations chosen are in the answers file"
grep -A2 '^situations:' "$y" | tr -d "'" | tr '\n' ' ' | grep -q -e '- health - journalist\|- journalist - health'
ok $? "uk: situations 2 and journalist, as codes"
has "$T/letter.txt" "I work as a journalist or with confidential sources" "uk: the letter states the first situation"
has "$T/letter.txt" "Data about me may reveal information about my health" "uk: ... and the second"
has "$T/letter.txt" "relating to my particular situation" "uk: ... as grounds relating to the particular situation"
hasnt "$T/nerr" "sian@example.org" "uk: nothing typed is echoed on stderr (not a terminal)"
hasnt "$T/nerr" "Penzance TR18" "uk: the summary shows no values when stderr is not a terminal"
has "$T/nerr" "Where do you live?" "uk: the questions are on stderr"

# --- the same again: a new name, the first files untouched -----------------
cp "$y" "$T/uk-first.yaml"
new_in "$T/uk"
exit_is 0 "uk again"
is "$(printf '%s\n%s' objection-linkedin-uk-2026-11-29-2.yaml objection-linkedin-uk-2026-11-29-2.pdf)" \
	"$(cat "$T/out")" "again: -2 added to both names"
cmp -s "$y" "$T/uk-first.yaml"; ok $? "again: the first answers file is untouched"

# --- EEA (Germany), Meta, German by default from the country ----------------
cat >"$T/in" <<'IN'
Deutschland
meta
Zoë Łukasiewicz-Øster
Hauptstraße 5
10115 Berlin

zoe@example.org



no
Berlin
2026-12-01

y
IN
new_in "$T/eea"
exit_is 0 "eea: new through a pipe"
check_files "$T/eea" objection-meta-eea-2026-12-01
y="$T/eea/objection-meta-eea-2026-12-01.yaml"
has "$y" "name: 'Zoë Łukasiewicz-Øster'" "eea: Ł and Ø round-trip"
has "$y" "country: 'DE'" "eea: country from its German name"
has "$y" "language: 'de'" "eea: German by default for a resident of Germany"
has "$y" "erase_trained: false" "eea: no"
has "$y" "date: 2026-12-01" "eea: the date typed"
has "$T/letter.txt" "Meta Platforms Ireland Limited" "eea: the Irish controller"
has "$T/letter.txt" "DSGVO" "eea: the letter is in German"
has "$T/nerr" "Deutsch (German)" "eea: the languages installed are offered"

# --- Switzerland, a company not in the catalogue -----------------------------
cat >"$T/in" <<'IN'
Switzerland
other
Beispiel AG
Musterweg 1
8000 Zürich



Urs Müller
Bahnhofstrasse 1
8001 Zürich

urs@example.ch







IN
new_in "$T/ch"
exit_is 0 "ch: new with another company"
check_files "$T/ch" objection-beispiel-ag-ch-2026-11-29
y="$T/ch/objection-beispiel-ag-ch-2026-11-29.yaml"
has "$y" "name: 'Beispiel AG'" "ch: the company's name"
hasnt "$y" "place:" "ch: an empty optional place is left out"
has "$T/letter.txt" "Beispiel AG" "ch: the letter is addressed to it"
has "$T/letter.txt" "FADP" "ch: the letter cites the FADP"

# --- Canada -------------------------------------------------------------------
cat >"$T/in" <<'IN'
ca
linkedin
Jean Tremblay
1 rue Sainte-Catherine
Montréal QC H2X 1Z4

jean@example.ca
jean-t



yes
Montréal
2026-11-30

IN
new_in "$T/ca"
exit_is 0 "ca: new through a pipe"
check_files "$T/ca" objection-linkedin-ca-2026-11-30
has "$T/letter.txt" "PIPEDA" "ca: the letter cites PIPEDA"
has "$T/letter.txt" "Jean Tremblay" "ca: the requester"

# --- Hong Kong: Meta is not offered ----------------------------------------------
cat >"$T/in" <<'IN'
Hong Kong
meta
linkedin
Chan Tai Man
Flat A, 1/F
1 Queen's Road Central

chan@example.hk







IN
new_in "$T/hk"
exit_is 0 "hk: new through a pipe"
check_files "$T/hk" objection-linkedin-hk-2026-11-29
has "$T/nerr" "names a company that has no entity for your jurisdiction" "hk: meta refused (no Hong Kong entity), with what to do"
has "$T/letter.txt" "PDPO" "hk: the letter cites the PDPO"

# --- invalid answers are explained and asked again ---------------------------
cat >"$T/in" <<'IN'
Narnia
United States
gb
meta
{{x}}
1 Main Street

zoe@@example
zoe@example.org
- [x]: y



yes
yes
2026-02-30
2026-12-24

IN
new_in "$T/reask"
exit_is 0 "re-ask: new succeeds in the end"
has "$T/nerr" "Unknown country" "re-ask: an unknown country is explained"
has "$T/nerr" "United States is not covered" "re-ask: a country no law here covers is explained"
has "$T/nerr" "That is not an e-mail address" "re-ask: an invalid e-mail is explained"
has "$T/nerr" "That is not a date" "re-ask: 30 February is refused"
hasnt "$T/nerr" "zoe@@example" "re-ask: the invalid answer is not echoed"
y="$T/reask/objection-meta-uk-2026-12-24.yaml"
has "$y" "name: '{{x}}'" "round-trip: {{x}} stays a string"
has "$y" "account: '- [x]: y'" "round-trip: YAML syntax typed stays a string"
has "$y" "place: 'yes'" "round-trip: 'yes' stays a string"
run "$OBJECTOR" --data-dir "$DD" generate "$y" --format text -o -
has "$T/out" "{{x}}" "round-trip: the letter shows {{x}} as typed"

# --- --answers: a half-filled file is resumed ---------------------------------
cat >"$T/half.yaml" <<'IN'
jurisdiction: eea
country: AT
controller: linkedin
requester:
  name: Anna Gruber
  email: not-an-address
place: Wien
IN
cat >"$T/in" <<'IN'
Stephansplatz 1
1010 Wien

anna@example.at







IN
new_in "$T/half" --answers "$T/half.yaml"
exit_is 0 "--answers: a half-filled file is completed"
has "$T/nerr" "half.yaml:6:10: 'requester.email'" "--answers: the invalid e-mail is named by position"
hasnt "$T/nerr" "Your full name" "--answers: the name is not asked again"
hasnt "$T/nerr" "Where do you live" "--answers: the country is not asked again"
y="$T/half/objection-linkedin-eea-2026-11-29.yaml"
has "$y" "email: 'anna@example.at'" "--answers: the e-mail asked again"
has "$y" "name: Anna Gruber" "--answers: the name kept (as the file wrote it)"
has "$y" "language: 'de'" "--answers: German by default for Austria"

# --- --answers: a complete file asks only for the confirmation ------------------
printf '\n' >"$T/in"
new_in "$T/full" --answers "$top_srcdir/examples/uk-linkedin.yaml"
exit_is 0 "--answers: complete file, one confirmation"
run "$OBJECTOR" --data-dir "$DD" generate "$top_srcdir/examples/uk-linkedin.yaml" --format text -o -
cp "$T/out" "$T/want.txt"
run "$OBJECTOR" --data-dir "$DD" generate "$T/full/objection-linkedin-uk-2026-11-29.yaml" --format text -o -
cmp -s "$T/out" "$T/want.txt"; ok $? "--answers: the same letter as from the file itself"

# --- -o: the PDF where asked, the answers file in the current directory -----------
cat >"$T/in" <<'IN'
GB
linkedin
Ann Smith
1 High Street

ann@example.org







IN
mkdir -p "$T/o"
new_in "$T/ocwd" -o "$T/o/letter.pdf"
exit_is 0 "-o: new with an output path"
if [ -f "$T/o/letter.pdf" ]; then pass "-o: the letter at the path given"; else fail "-o: the letter at the path given"; fi
[ -f "$T/ocwd/objection-linkedin-uk-2026-11-29.yaml" ]; ok $? "-o: the answers file in the current directory"
new_in "$T/ocwd" -o "$T/o/letter.pdf"
exit_is 0 "-o: again"
if [ -f "$T/o/letter-2.pdf" ]; then pass "-o: an existing letter is not overwritten"; else fail "-o: an existing letter is not overwritten"; fi

# --- end of input and "no" leave nothing behind ----------------------------------
printf 'GB\nlinkedin\nAnn Smith\n' >"$T/in"
new_in "$T/eof"
exit_is 65 "eof: the input ends before the questions are answered"
nothing_in "$T/eof" "eof: nothing written"
is 1 "$(grep -c '^objector: ' "$T/err")" "eof: one line of message"
has "$T/nerr" "nothing was written" "eof: the message says nothing was written"

: >"$T/in"
new_in "$T/empty"
exit_is 65 "empty input"
nothing_in "$T/empty" "empty input: nothing written"

printf 'GB\nlinkedin\nAnn Smith\n1 High Street\n\nann@example.org\n\n\n\n\n\n\nn\n' >"$T/in"
new_in "$T/no"
exit_is 1 "no: not confirmed"
nothing_in "$T/no" "no: nothing written"

# --- --send: on to `objector send` once the files are written ---------------------
# LinkedIn publishes only web forms: send shows the form and the text, and
# journals the submission once confirmed (the last line of input).
printf 'GB\nlinkedin\nAnn Smith\n1 High Street\n\nann@example.org\n\n\n\n\n\n\n\ny\n' >"$T/in"
new_in "$T/send" --send
exit_is 0 "--send: a web-form controller"
[ -f "$T/send/objection-linkedin-uk-2026-11-29.yaml" ]; ok $? "--send: the answers file is written"
has "$T/nout" "https://www.linkedin.com/help/linkedin/ask/TS-DPRO" "--send: the form's address is shown"
has "$XDG_STATE_HOME/objector/journal.yaml" "method: 'webform'" "--send: the submission is journaled"
# A controller with an e-mail address but no SMTP server configured: the
# files stay, send's error and a hint say what to do.
printf 'CH\nother\nBeispiel AG\nMusterweg 1\n\ndsb@example.ch\n\nUrs Meier\nWeg 1\n\nurs@example.ch\n\n\n\n\n\n\n\n' >"$T/in"
new_in "$T/send2" --send
exit_is 78 "--send: no SMTP server configured"
[ -f "$T/send2/objection-beispiel-ag-ch-2026-11-29.yaml" ]; ok $? "--send: the files stay when sending fails"
has "$T/nerr" "send it later with 'objector send objection-beispiel-ag-ch-2026-11-29.yaml'" "--send: the hint"

printf 'jurisdiction: uk\nrequester:\n  emial: a@example.org\n' >"$T/typo.yaml"
printf 'GB\n' >"$T/in"
new_in "$T/typo" --answers "$T/typo.yaml"
exit_is 65 "--answers: a misspelt key is refused"
has "$T/nerr" "typo.yaml:3:3: unknown key 'emial' in 'requester'" "--answers: ... at its position, before asking"
hasnt "$T/nerr" "Your full name" "--answers: ... and nothing is asked"
nothing_in "$T/typo" "--answers: ... nothing written"

# -o -: the letter on standard output, the answers file in the current directory
printf '\n' >"$T/in"
new_in "$T/stdout" -o - --answers "$top_srcdir/examples/uk-linkedin.yaml"
exit_is 0 "-o -: the letter on standard output"
[ -f "$T/stdout/objection-linkedin-uk-2026-11-29.yaml" ]; ok $? "-o -: the answers file written"
if [ "$(head -c 5 "$T/nout")" = "%PDF-" ]; then
	pass "-o -: standard output holds the letter"; else fail "-o -: standard output holds the letter"; fi

# --- usage ----------------------------------------------------------------
run "$OBJECTOR" new extra-argument
exit_is 64 "an argument is a usage error"
run "$OBJECTOR" new --answers "$T/does-not-exist.yaml"
exit_is 66 "--answers with a missing file"
printf -- '- a\n- b\n' >"$T/list.yaml"
run "$OBJECTOR" new --answers "$T/list.yaml"
exit_is 65 "--answers with a list, not a mapping"
has "$T/err" "list.yaml:1:1:" "--answers: the error has a position"

done_testing
