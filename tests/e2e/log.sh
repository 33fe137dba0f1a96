# SPDX-License-Identifier: GPL-3.0-or-later
# tests/e2e/log.sh: `objector log` on a journal written by hand: what is
# waiting, what is overdue (today from OBJECTOR_TODAY), --due, --format yaml.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/e2e/log-lib.sh"

run "$OBJECTOR" log
exit_is 0 "log without a journal"
has "$T/out" "no submissions in the journal yet" "says so"
run "$OBJECTOR" log --format yaml
exit_is 0 "yaml without a journal"
is "--- []" "$(head -1 "$T/out")" "an empty list"

journal_write <<'YAML'
---
reference: 'OBJ-2026-AAAAAAAA'
time: '2026-10-01T09:00:00Z'
method: 'email'
status: 'sent'
jurisdiction: 'uk'
controller: 'linkedin'
recipient: 'dpo@example.com'
message_id: '<1@example.org>'
reply: '250 2.0.0 Ok: queued as A1'
due: '2026-11-01'
...
---
reference: 'OBJ-2026-BBBBBBBB'
time: '2026-11-20T09:00:00Z'
method: 'email'
status: 'failed'
reason: 'example.net:587 refused the message: 550 5.1.1 no such user'
recipient: 'nobody@example.net'
...
---
reference: 'OBJ-2026-BBBBBBBB'
time: '2026-11-21T09:00:00Z'
method: 'post'
status: 'sent'
controller: 'meta'
recipient: 'Meta Platforms Ireland Limited, Merrion Road, Dublin 4, Ireland'
tracking: 'RR1'
due: '2026-12-21'
future_key: 'ignored by this version'
...
---
reference: 'OBJ-2026-CCCCCCCC'
time: '2026-11-29T09:00:00Z'
method: 'webform'
status: 'sent'
controller: 'linkedin'
recipient: 'https://www.linkedin.com/help/linkedin/ask/TS-DPRO'
due: '2026-11-29'
...
YAML

export OBJECTOR_TODAY=2026-11-29
run "$OBJECTOR" log --wide
exit_is 0 "log"
has "$T/out" "OVERDUE by 27 days" "the October letter is overdue (due 2026-11-02: 1 November is a Sunday)"
has "$T/out" "failed: example.net:587 refused the message" "the failed attempt and why"
has "$T/out" "waiting, 22 days left" "the posted letter is waiting"
has "$T/out" "due today" "the web form answer is due today"
has "$T/out" "3 submissions, 3 waiting for an answer, 1 overdue, 1 failed attempt" "summary"

run "$OBJECTOR" log --due
exit_is 1 "log --due: 1 when something is overdue"
hasnt "$T/out" "failed" "--due leaves out failed attempts"
first=$(sed -n 2p "$T/out")
case $first in *OBJ-2026-AAAAAAAA*) pass "--due sorts by due date" ;; *) fail "--due sorts by due date: $first" ;; esac
has "$T/out" "3 waiting for an answer, 1 overdue" "--due summary"

run "$OBJECTOR" log --due --format yaml
exit_is 1 "log --due --format yaml: 1 when something is overdue"
"$PY" - "$T/out" >"$T/py" <<'PYEOF'
import sys, yaml
docs = list(yaml.safe_load_all(open(sys.argv[1])))
l = docs[0]
ok = (len(docs) == 1 and isinstance(l, list) and len(l) == 3
      and l[0]["reference"] == "OBJ-2026-AAAAAAAA" and l[0]["overdue"] is True and l[0]["days_left"] == -27 and l[0]["case_due"] == "2026-11-02"
      and l[1]["overdue"] is False and l[1]["due"] == "2026-11-29"
      and l[2]["tracking"] == "RR1" and l[2]["due"] == "2026-12-21")
print("ok" if ok else "no: %r" % l)
PYEOF
is ok "$(cat "$T/py")" "yaml: a list with overdue and days_left, strings stay strings"

OBJECTOR_TODAY=2027-06-01 run "$OBJECTOR" log --due
has "$T/out" "3 waiting for an answer, 3 overdue" "later, everything is overdue"

run "$OBJECTOR" log --format xml
exit_is 64 "unknown format"
run "$OBJECTOR" log OBJ-2026-AAAAAAAA extra
exit_is 64 "unexpected argument"
run "$OBJECTOR" log OBJ-2026-NOSUCHXX
exit_is 65 "an unknown reference"
has "$T/err" "unknown reference OBJ-2026-NOSUCHXX: not in the journal $J" "names it and the journal"
run "$OBJECTOR" log OBJ-2026-AAAAAAAA
exit_is 0 "one case"
has "$T/out" "state: OVERDUE by 27 days" "its state"
has "$T/out" "next: the answer is overdue: objector remind OBJ-2026-AAAAAAAA" "its next step names the command"
# In another interface language the state and the next step are that
# language's (plural included), and JSON's state_text and next stay English.
run "$OBJECTOR" --lang de log OBJ-2026-AAAAAAAA
has "$T/out" "ÜBERFÄLLIG seit 27 Tagen" "--lang de: the state in German, plural"
has "$T/out" "die Antwort ist überfällig: objector remind OBJ-2026-AAAAAAAA" "--lang de: the next step in German"
hasnt "$T/out" "OVERDUE" "--lang de: no English state"
run "$OBJECTOR" --lang pl log OBJ-2026-AAAAAAAA
has "$T/out" "PO TERMINIE od 27 dni" "--lang pl: the Polish plural"
run "$OBJECTOR" --lang de log --format json OBJ-2026-AAAAAAAA
has "$T/out" '"state_text": "OVERDUE by 27 days"' "--lang de: JSON's state_text stays English"
has "$T/out" '"next": "the answer is overdue: objector remind OBJ-2026-AAAAAAAA' "--lang de: JSON's next stays English"

# The overdue letter sent again (--force): the new sending replaces it in --due.
cat >>"$J" <<'YAML'
---
reference: 'OBJ-2026-AAAAAAAA'
time: '2026-11-29T10:00:00Z'
method: 'email'
status: 'sent'
recipient: 'dpo@example.com'
due: '2026-12-29'
...
YAML
run "$OBJECTOR" log --due
exit_is 0 "log --due: 0 when nothing is overdue"
has "$T/out" "3 waiting for an answer, 0 overdue" "a letter sent again counts once, with its new due date"
run "$OBJECTOR" log
has "$T/out" "4 submissions" "the full log keeps both sendings"

# A damaged journal is reported where it is damaged.
n=$(wc -l <"$J")
printf -- "---\nreference: 'OBJ-X'\nstatus: [sent\n" >>"$J"
run "$OBJECTOR" log
exit_is 65 "a damaged journal"
has "$T/err" "journal.yaml:$((n + 4)):1: " "with its position"

# --config moves the journal.
printf 'journal: %s/other.yaml\n' "$T" >"$T/config.yaml"
run "$OBJECTOR" --config "$T/config.yaml" log
exit_is 0 "journal from the configuration"
has "$T/out" "$T/other.yaml" "names it"
done_testing
