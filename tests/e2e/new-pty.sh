#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/e2e/new-pty.sh: `objector new` on a real pseudo-terminal
# (tests/pty-drive.py): prompts, numbered choices, help on `?`, re-asking,
# the summary, and Ctrl-C / Ctrl-D before the confirmation leaving nothing.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/e2e/new-lib.sh"

PY=/usr/bin/python3
[ -x "$PY" ] || PY=$(command -v python3 || true)
if [ -z "$PY" ] || ! "$PY" -c 'import pty' 2>/dev/null; then
	echo "1..0 # SKIP python3 with the pty module is needed"
	exit 0
fi

# drive DIR NAME [ARGS...]: run objector new in DIR on a pty with the
# script in $T/script; the transcript in $T/log, the status in $status.
drive() {
	d=$1 name=$2; shift 2
	mkdir -p "$d"
	status=$(cd "$d" && "$PY" "$top_srcdir/tests/pty-drive.py" --timeout 10 --log "$T/log" -- \
		"$OBJECTOR" --data-dir "$DD" new "$@" <"$T/script" 2>"$T/drive.err")
	r=$?
	if [ $r -eq 0 ]; then pass "$name: the dialogue went as scripted"; else
		fail "$name: the dialogue went as scripted"; sed 's/^/#   /' "$T/drive.err" | tail -30; fi
}

# --- United Kingdom: help, re-asking, the summary ----------------------------
cat >"$T/script" <<'S'
expect Type ? for help
expect Country (name or two-letter code
send Narnia
expect Unknown country
expect Country (name
send ?
expect Countries covered
expect Country (name
send United Kingdom
expect 3) another company
expect Company (number or code):
send linkedin
expect Your full name:
send Zoë Łukasiewicz-Øster
expect 1>
send 22 Acacia Avenue
expect 2>
send London N1 9GU
expect 3>
send
expect The e-mail address of your LinkedIn account:
send zoe.example.org
expect That is not an e-mail address
expect The e-mail address of your LinkedIn account:
send zoe@example.org
expect profile address or user name (optional):
send https://www.linkedin.com/in/zoe-example
expect Your situation (optional)
expect 1) I am a journalist or work with confidential sources  [journalist]
expect 6) I have reason to fear harassment  [harassment]
expect Situations that apply (e.g. 1,3; Enter for none):
send 7
expect Please type one of the numbers or codes shown
expect Situations that apply
send ?
expect each adds one sentence to the letter
expect Situations that apply
send harass, 4
expect Article 21(1) UK GDPR
expect 1>
send I am a photographer; my pictures are my income.
expect 2>
send
expect Ask for that too? (yes/no) [yes]:
send
expect Place (your town, optional):
send London
expect Date (YYYY-MM-DD) [2026-11-29]:
send
expect Your answers:
expect Zoë Łukasiewicz-Øster
expect 22 Acacia Avenue / London N1 9GU
expect I create and publish creative work / I have reason to fear harassment
expect Write the answers file and the letter? [yes]:
send y
expect Answers saved in objection-linkedin-uk-2026-11-29.yaml
S
drive "$T/uk" "uk"
is "exit 0" "$status" "uk: exit status"
y="$T/uk/objection-linkedin-uk-2026-11-29.yaml"
has "$y" "name: 'Zoë Łukasiewicz-Øster'" "uk: the name as typed"
has "$y" "email: 'zoe@example.org'" "uk: the e-mail asked again"
has "$y" "reasons: 'I am a photographer; my pictures are my income.'" "uk: reasons"
has "$y" "situations:" "uk: situations"
has "$y" "- 'creative'" "uk: creative (chosen by number)"
has "$y" "- 'harassment'" "uk: harassment (chosen by a prefix)"
is 600 "$(mode_of "$y")" "uk: answers file 0600"
l="$T/uk/objection-linkedin-uk-2026-11-29.pdf"
if [ -f "$l" ]; then
	is 600 "$(mode_of "$l")" "uk: PDF 0600"
	have_pdftotext && letter_text "$l" >"$T/letter.txt"
	[ -s "$T/letter.txt" ] || "$OBJECTOR" --data-dir "$DD" generate "$y" --format text -o - >"$T/letter.txt"
	has "$T/letter.txt" "Zoë Łukasiewicz-Øster" "uk: the letter names the requester"
	has "$T/letter.txt" "my pictures are my income" "uk: the letter holds the reasons"
else
	fail "uk: the PDF is written"
fi

# --- EEA (Austria): the language question, German by default, English chosen ---
cat >"$T/script" <<'S'
expect Country (name
send at
expect Company (number or code):
send meta
expect Your full name:
send Anna Gruber
expect 1>
send Stephansplatz 1
expect 2>
send 1010 Wien
expect 3>
send
expect e-mail address of your Meta (Facebook, Instagram) account:
send anna@example.at
expect (optional):
send
expect Situations that apply
send
expect Article 21(1) GDPR
expect 1>
send
expect Ask for that too?
send no
expect Place
send Wien
expect Date
send 2026-12-03
expect 2) Deutsch (German)  [de]
expect Letter language (number or code) [Deutsch (German)]:
send 1
expect Your answers:
expect Letter language:
expect English
expect Write the answers file
send
expect Letter written to
S
drive "$T/eea" "eea"
is "exit 0" "$status" "eea: exit status"
y="$T/eea/objection-meta-eea-2026-12-03.yaml"
has "$y" "language: 'en'" "eea: English chosen by number"
has "$y" "erase_trained: false" "eea: no"

# --- Canada -------------------------------------------------------------------
cat >"$T/script" <<'S'
expect Country (name
send Canada
expect Company (number or code):
send meta
expect Your full name:
send Jean Tremblay
expect 1>
send 1 rue Sainte-Catherine
expect 2>
send Montréal QC H2X 1Z4
expect 3>
send
expect account:
send jean@example.ca
expect (optional):
send
expect Situations that apply
send
expect Withdrawing your consent under PIPEDA needs no reasons
expect 1>
send
expect Ask for that too?
send
expect Place
send
expect Date
send
expect Write the answers file
send yes
expect Letter written to
S
drive "$T/ca" "ca"
is "exit 0" "$status" "ca: exit status"
[ -f "$T/ca/objection-meta-ca-2026-11-29.yaml" ]; ok $? "ca: answers file named after Meta, ca and the date"

# --- Ctrl-C, Ctrl-D and "no" leave nothing behind ------------------------------
cat >"$T/script" <<'S'
expect Country (name
send GB
expect Company (number or code):
intr
S
drive "$T/intr" "Ctrl-C"
is "exit 130" "$status" "Ctrl-C at a question: exit 130"
nothing_in "$T/intr" "Ctrl-C at a question: nothing written"
has "$T/log" "objector: interrupted; nothing was written" "Ctrl-C: one line says so"

cat >"$T/script" <<'S'
expect Country (name
send GB
expect Company (number or code):
send linkedin
expect Your full name:
send Ann Smith
expect 1>
send 1 High Street
expect 2>
send
expect account:
send ann@example.org
expect (optional):
send
expect Situations that apply
send
expect 1>
send
expect Ask for that too?
send
expect Place
send
expect Date
send
expect Write the answers file
intr
S
drive "$T/intr2" "Ctrl-C at the confirmation"
is "exit 130" "$status" "Ctrl-C at the confirmation: exit 130"
nothing_in "$T/intr2" "Ctrl-C at the confirmation: nothing written"

sed 's/^intr$/send no/' "$T/script" >"$T/script2" && mv "$T/script2" "$T/script"
drive "$T/no" "no at the confirmation"
is "exit 1" "$status" "no at the confirmation: exit 1"
nothing_in "$T/no" "no at the confirmation: nothing written"

cat >"$T/script" <<'S'
expect Country (name
send GB
expect Company (number or code):
send linkedin
expect Your full name:
eof
S
drive "$T/eof" "Ctrl-D"
is "exit 65" "$status" "Ctrl-D: exit 65"
nothing_in "$T/eof" "Ctrl-D: nothing written"
has "$T/log" "the input ended before the questions were answered; nothing was written" "Ctrl-D: says so"

done_testing
