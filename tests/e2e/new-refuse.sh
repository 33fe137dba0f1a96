#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/e2e/new-refuse.sh: input that must be refused (valid.h), in `new`
# through a pipe (asked again, with the reason) and in answers files
# (FILE:LINE:COL, exit 65): a NUL inside a piped answer, bidirectional
# override and isolate controls and other invisible format characters, and
# characters the letter's fonts cannot show (an emoji); e-mail addresses
# follow one rule for the answers, the questionnaire and `send --to`.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/e2e/new-lib.sh"

RLO=$(printf '\342\200\256')	# U+202E RIGHT-TO-LEFT OVERRIDE
LRI=$(printf '\342\201\246')	# U+2066 LEFT-TO-RIGHT ISOLATE
PDI=$(printf '\342\201\251')	# U+2069 POP DIRECTIONAL ISOLATE
ZWSP=$(printf '\342\200\213')	# U+200B ZERO WIDTH SPACE
EMOJI=$(printf '\360\237\230\200')	# U+1F600

# uk_input NAME ADDRESS REASONS: the answers for a UK letter to LinkedIn,
# one per line; NAME etc. may hold several lines (the refused, then the good).
uk_input() {
	printf 'GB\nlinkedin\n%s\n%s\n\nann@example.org\n\n\n%s\n\n\n\n\n\n' "$1" "$2" "$3" >"$T/in"
}
stem=objection-linkedin-uk-2026-11-29

# --- a NUL in a piped answer is refused, not cut short -----------------------
printf 'GB\nlinkedin\nAnn\000Evil\nAnn Smith\n1 High Street\n\nann@example.org\n\n\n\n\n\n\n\n' >"$T/in"
new_in "$T/nul"
exit_is 0 "NUL: new goes on once the answer is typed again"
has "$T/nerr" "That answer holds a control character; please type it again." "NUL: refused with the reason"
has "$T/nul/$stem.yaml" "name: 'Ann Smith'" "NUL: the answer typed again is kept"
hasnt "$T/nul/$stem.yaml" "name: 'Ann'" "NUL: the answer is not cut at the NUL"

printf 'GB\nlinkedin\nAnn Smith\n1 High\000 Street\n1 High Street\n\nann@example.org\n\n\n\n\n\n\n\n' >"$T/in"
new_in "$T/nul2"
exit_is 0 "NUL in an address line: asked again"
has "$T/nerr" "holds a control character" "NUL in an address line: the reason"
has "$T/nul2/$stem.yaml" "- '1 High Street'" "NUL in an address line: the good line kept"

printf 'GB\nlinkedin\nAnn Smith\n1 High Street\n\nann@example.org\n\n\n\n\n\n\n\000y\ny\n' >"$T/in"
new_in "$T/nul3"
exit_is 0 "NUL in the confirmation: asked again"
has "$T/nerr" "Please answer yes or no." "NUL in the confirmation: not taken as yes"

# --- bidirectional controls and invisible characters ----------------------------
uk_input "$(printf 'Ann %sSmith\nAnn Smith' "$RLO")" "1 High Street" ""
new_in "$T/rlo"
exit_is 0 "U+202E in the name: asked again"
has "$T/nerr" "That answer holds an invisible control character (U+202E, character 5)" "U+202E: the character and its place"
has "$T/rlo/$stem.yaml" "name: 'Ann Smith'" "U+202E: the answer typed again is kept"
hasnt "$T/rlo/$stem.yaml" "$RLO" "U+202E: not in the answers file"

uk_input "Ann Smith" "$(printf '1 High %sStreet%s\n1 High Street' "$LRI" "$PDI")" ""
new_in "$T/lri"
exit_is 0 "U+2066 in an address line: asked again"
has "$T/nerr" "(U+2066, character 8)" "U+2066: the character and its place"
has "$T/lri/$stem.yaml" "- '1 High Street'" "U+2066: the good line kept"
hasnt "$T/lri/$stem.yaml" "$LRI" "U+2066: not in the answers file"

uk_input "$(printf 'Ann%sSmith\nAnn Smith' "$ZWSP")" "1 High Street" ""
new_in "$T/zwsp"
exit_is 0 "U+200B in the name: asked again"
has "$T/nerr" "(U+200B, character 4)" "U+200B: refused as an invisible character"

uk_input "Ann Smith" "1 High Street" "$(printf 'My reasons %s(reversed)\nMy reasons\n' "$RLO")"
new_in "$T/reasons"
exit_is 0 "U+202E in the reasons: asked again"
has "$T/nerr" "(U+202E, character 12)" "U+202E in the reasons: the character and its place"
has "$T/reasons/$stem.yaml" "reasons: 'My reasons'" "U+202E in the reasons: the good line kept"

# --- characters the fonts cannot show -------------------------------------------
uk_input "$(printf 'Ann %s\nAnn Smith' "$EMOJI")" "1 High Street" ""
new_in "$T/emoji"
exit_is 0 "an emoji in the name: asked again"
has "$T/nerr" "That answer holds a character the letter cannot print (U+1F600, character 5;" "emoji: the character and its place"
hasnt "$T/nerr" "no available font" "emoji: not the font's vague message"
has "$T/emoji/$stem.yaml" "name: 'Ann Smith'" "emoji: the answer typed again is kept"

# the question language's own words
LANGUAGE=de new_in "$T/emoji-de"
has "$T/nerr" "Diese Antwort enthält ein Zeichen, das der Brief nicht drucken kann (U+1F600, Zeichen 5;" "emoji: the message in German"

# --- e-mail addresses: one rule ------------------------------------------------
printf 'GB\nlinkedin\nAnn Smith\n1 High Street\n\nann@localhost\nann@example.org\n\n\n\n\n\n\n\n' >"$T/in"
new_in "$T/mail"
exit_is 0 "an e-mail address without a dot in the domain: asked again"
has "$T/nerr" "That is not an e-mail address" "new: ann@localhost refused"
run "$OBJECTOR" --data-dir "$DD" send "$top_srcdir/examples/uk-linkedin.yaml" --to dpo@localhost --dry-run
exit_is 65 "send --to dpo@localhost: refused as the answers file refuses it"
has "$T/err" "'dpo@localhost' is not a valid e-mail address" "send --to: the reason"
run "$OBJECTOR" --data-dir "$DD" send "$top_srcdir/examples/uk-linkedin.yaml" --to dpo@example.net --dry-run
exit_is 0 "send --to dpo@example.net: accepted"

# --- answers files: FILE:LINE:COL, 65 --------------------------------------------
# answers NAME ADDRESS-LINE [EXTRA]: a UK answers file in $T/a.yaml
answers() {
	printf 'jurisdiction: uk\ncontroller: linkedin\nrequester:\n  name: %s\n  address: [%s]\n  email: ann@example.org\n%s' \
		"$1" "$2" "${3:-}" >"$T/a.yaml"
}
answers "Ann ${RLO}Smith" "1 High Street"
run "$OBJECTOR" --data-dir "$DD" generate "$T/a.yaml" --format text -o -
exit_is 65 "answers: U+202E in the name"
has "$T/err" "a.yaml:4:13: 'requester.name' holds an invisible formatting character (U+202E) at character 5" "answers: U+202E at its line and column"

answers "Ann Smith" "1 High ${LRI}Street${PDI}"
run "$OBJECTOR" --data-dir "$DD" generate "$T/a.yaml" --format text -o -
exit_is 65 "answers: U+2066 in an address line"
has "$T/err" "a.yaml:5:20: address line 1 holds an invisible formatting character (U+2066) at character 8" "answers: U+2066 at its line and column"

answers "\"Ann ${RLO}Smith\"" "1 High Street"
run "$OBJECTOR" --data-dir "$DD" generate "$T/a.yaml" --format text -o -
exit_is 65 "answers: U+202E in a quoted name"
has "$T/err" "a.yaml:4:9: 'requester.name' holds an invisible formatting character (U+202E) at character 5" "answers: a quoted value is pointed at, with the character's number"

answers "Ann $EMOJI" "1 High Street"
run "$OBJECTOR" --data-dir "$DD" generate "$T/a.yaml" -o "$T/a.pdf"
exit_is 65 "answers: an emoji in the name"
has "$T/err" "a.yaml:4:13: 'requester.name' holds U+1F600 at character 5, which the letter's fonts cannot show" "answers: the emoji at its line and column"
hasnt "$T/err" "no available font" "answers: not the font's vague message"
[ ! -e "$T/a.pdf" ]; ok $? "answers: no letter written"

answers "Ann Smith" "1 High Street" "reasons: |
  I object.
  Really ${RLO}truly.
"
run "$OBJECTOR" --data-dir "$DD" generate "$T/a.yaml" --format text -o -
exit_is 65 "answers: U+202E in the reasons"
has "$T/err" "'reasons' holds an invisible formatting character (U+202E) at character 18" "answers: the reasons' character"

answers "Ann Smith" "1 High Street" "situations: [health, journalst, harrassment]
"
run "$OBJECTOR" --data-dir "$DD" generate "$T/a.yaml" --format text -o -
exit_is 65 "answers: unknown situations"
has "$T/err" "a.yaml:7:13: unknown situations 'journalst', 'harrassment' in 'situations' (known: journalist, health, children, creative, public, harassment)" "answers: the unknown situations listed, with the known ones"
answers "Ann Smith" "1 High Street" "situations: health
"
run "$OBJECTOR" --data-dir "$DD" generate "$T/a.yaml" --format text -o -
exit_is 65 "answers: situations not a list"
has "$T/err" "'situations' must be a list, e.g. [journalist, health]" "answers: situations must be a list"
answers "Ann Smith" "1 High Street" "situations: [health, health]
"
run "$OBJECTOR" --data-dir "$DD" generate "$T/a.yaml" --format text -o -
exit_is 0 "answers: a situation given twice is stated once"
is 1 "$(grep -c 'information about my health' "$T/out")" "answers: ... once"
hasnt "$T/err" "no 'reasons'" "answers: situations alone: no warning about missing grounds"

answers "Ann Smith" "1 High Street" "language: en-$(printf 'a%.0s' 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33)
"
run "$OBJECTOR" --data-dir "$DD" generate "$T/a.yaml" --format text -o -
exit_is 65 "answers: a 36-character language tag"
has "$T/err" "is not a language tag" "answers: the language tag rule (35 characters at most)"

printf 'jurisdiction: uk\ncontroller: linkedin\nrequester:\n  name: Ann\n  address: [1 High Street]\n  email: ann@localhost\n' >"$T/a.yaml"
run "$OBJECTOR" --data-dir "$DD" generate "$T/a.yaml" --format text -o -
exit_is 65 "answers: ann@localhost"
has "$T/err" "a.yaml:6:10: 'ann@localhost' is not an e-mail address" "answers: the e-mail rule"

# --- new --answers: a preset answer with a bidi control is asked again ----------
answers "Ann ${RLO}Smith" "1 High Street"
printf 'Ann Smith\n\n\n\n\n\n\n\n' >"$T/in"
new_in "$T/preset" --answers "$T/a.yaml"
exit_is 0 "--answers: a refused name is asked again"
has "$T/nerr" "a.yaml:4:9: 'requester.name':" "--answers: the preset's position"
has "$T/nerr" "(U+202E, character 5)" "--answers: the character"
has "$T/preset/$stem.yaml" "name: 'Ann Smith'" "--answers: the answer typed again is kept"

done_testing
