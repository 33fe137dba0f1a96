# SPDX-License-Identifier: GPL-3.0-or-later
# tests/e2e/log-filter.sh: `objector log` filters: --ref PREFIX, --company,
# --requester (name or e-mail, case ignored), --since; with --due (and its
# exit status), yaml, json and ics; send journals the requester.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/e2e/log-lib.sh"
journal_write <<'YAML'
---
reference: 'OBJ-2026-AAAAAAAA'
time: '2026-10-01T09:00:00Z'
method: 'email'
status: 'sent'
jurisdiction: 'uk'
controller: 'linkedin'
controller_name: 'LinkedIn Ireland Unlimited Company'
requester: 'Hélène Dupré'
requester_email: 'helene@example.org'
recipient: 'dpo@linkedin.example'
due: '2026-11-01'
...
---
reference: 'OBJ-2026-ABBBBBBB'
time: '2026-11-20T09:00:00Z'
method: 'post'
status: 'sent'
jurisdiction: 'eea'
controller: 'meta'
controller_name: 'Meta Platforms Ireland Limited'
requester: 'ÉMILE ZOLA'
requester_email: 'emile@example.net'
recipient: 'Meta Platforms Ireland Limited, Merrion Road, Dublin 4'
due: '2026-12-21'
...
---
reference: 'OBJ-2026-ABBBBBBB'
event: 'delivered'
status: 'recorded'
date: '2026-11-25'
time: '2026-11-25T09:00:00Z'
...
---
reference: 'OBJ-2026-CCCCCCCC'
time: '2026-11-28T09:00:00Z'
method: 'email'
status: 'failed'
reason: 'refused'
controller: 'meta'
requester: 'Hélène Dupré'
requester_email: 'helene@example.org'
recipient: 'x@meta.example'
...
YAML

refs() { grep -o 'OBJ-2026-[A-Z]*' "$T/out" | tr '\n' ' '; }

run "$OBJECTOR" log --ref OBJ-2026-A
exit_is 0 "--ref: a prefix"
is "OBJ-2026-AAAAAAAA OBJ-2026-ABBBBBBB " "$(refs)" "--ref OBJ-2026-A: two letters"
run "$OBJECTOR" log --ref obj-2026-c
is "OBJ-2026-CCCCCCCC " "$(refs)" "--ref: case ignored"
has "$T/out" "0 submissions, 0 waiting for an answer, 0 overdue, 1 failed attempt" "the summary counts what is shown"
run "$OBJECTOR" log --ref OBJ-2027
exit_is 0 "--ref matching nothing"
is "no submissions match" "$(cat "$T/out")" "says so"

run "$OBJECTOR" log --company meta
is "OBJ-2026-ABBBBBBB OBJ-2026-CCCCCCCC " "$(refs)" "--company: the catalogue id"
run "$OBJECTOR" log --company "linkedin ireland"
is "OBJ-2026-AAAAAAAA " "$(refs)" "--company: part of the name, case ignored"

run "$OBJECTOR" log --requester hélène
is "OBJ-2026-AAAAAAAA OBJ-2026-CCCCCCCC " "$(refs)" "--requester: part of the name"
run "$OBJECTOR" log --requester "émile zola"
is "OBJ-2026-ABBBBBBB " "$(refs)" "--requester: case ignored beyond ASCII (É, é)"
run "$OBJECTOR" log --requester EMILE@EXAMPLE
is "OBJ-2026-ABBBBBBB " "$(refs)" "--requester: the e-mail address"

run "$OBJECTOR" log --since 2026-11-20
is "OBJ-2026-ABBBBBBB OBJ-2026-CCCCCCCC " "$(refs)" "--since: on or after the day"
run "$OBJECTOR" log --since 2026-11-32
exit_is 64 "--since: not a date"
has "$T/err" "--since takes a date: YYYY-MM-DD" "says what it takes"
run "$OBJECTOR" log --company ""
exit_is 64 "--company: empty"
run "$OBJECTOR" log OBJ-2026-AAAAAAAA --company meta
exit_is 64 "REF with a filter"

# combined, and with --due: the exit status counts the cases shown
run "$OBJECTOR" log --company meta --requester helene
is "OBJ-2026-CCCCCCCC " "$(refs)" "filters combine (and)"
run "$OBJECTOR" log --due
exit_is 1 "--due: the LinkedIn letter is overdue"
run "$OBJECTOR" log --due --company meta
exit_is 0 "--due --company meta: nothing of Meta's is overdue"
is "OBJ-2026-ABBBBBBB " "$(refs)" "--due --company meta: one case"
has "$T/out" "1 waiting for an answer, 0 overdue" "the summary counts the cases shown"
run "$OBJECTOR" log --due --since 2026-11-01
exit_is 0 "--due --since: the overdue letter was sent before"
run "$OBJECTOR" log --due --requester helene
exit_is 1 "--due --requester: hers is overdue"
is "OBJ-2026-AAAAAAAA " "$(refs)" "--due --requester: her waiting case"

# every format
run "$OBJECTOR" log --company meta --format yaml
"$PY" -c 'import sys, yaml; l = yaml.safe_load(open(sys.argv[1])); print(",".join(e["reference"] for e in l))' "$T/out" >"$T/py"
is "OBJ-2026-ABBBBBBB,OBJ-2026-CCCCCCCC" "$(cat "$T/py")" "yaml: filtered"
run "$OBJECTOR" log --requester emile --format json
"$PY" -c 'import sys, json; l = json.load(open(sys.argv[1])); print(",".join(e["reference"] for e in l))' "$T/out" >"$T/py"
is "OBJ-2026-ABBBBBBB" "$(cat "$T/py")" "json: filtered"
run "$OBJECTOR" log --due --company linkedin --format json
exit_is 1 "json --due: the exit status too"
"$PY" -c 'import sys, json; l = json.load(open(sys.argv[1])); print(",".join(c["reference"] for c in l))' "$T/out" >"$T/py"
is "OBJ-2026-AAAAAAAA" "$(cat "$T/py")" "json --due: filtered"
run "$OBJECTOR" log --format ics --company meta
grep -c '^BEGIN:VEVENT' "$T/out" >"$T/n"
is 1 "$(cat "$T/n")" "ics: one event for Meta"
has "$T/out" "OBJ-2026-ABBBBBBB" "ics: Meta's letter"

# send journals who the letter is from
run "$OBJECTOR" send --via post "$top_srcdir/examples/eea-meta-fr.yaml"
exit_is 0 "send --via post"
has "$J" "requester: 'Hélène Dupré'" "the journal names the requester"
has "$J" "requester_email: 'helene@example.org'" "and the requester's e-mail"
run "$OBJECTOR" log --requester "DUPRÉ" --since 2026-11-29
exit_is 0 "the new letter, by its requester"
is 1 "$(grep -c '^OBJ\|  post  \|OBJ-' "$T/out")" "one row"
done_testing
