# SPDX-License-Identifier: GPL-3.0-or-later
# tests/e2e/log-json.sh: `objector log --format json`: one document that
# python3 -m json.tool reads, its schema (doc/log-json.md, checked by
# tests/log-json-check.py) for the log, --due and one case; strings
# escaped per RFC 8259 (control characters as \u00XX, a byte that is not
# UTF-8 as the text \xHH), the output ASCII-safe for a terminal.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/e2e/log-lib.sh"
CHECK="$PY $top_srcdir/tests/log-json-check.py $top_srcdir/src/journal.h"

run "$OBJECTOR" log --format json
exit_is 0 "json without a journal"
is "[]" "$(cat "$T/out")" "an empty array"
run "$OBJECTOR" log --due --format json
is "[]" "$(cat "$T/out")" "--due: an empty array"

journal_write <<'YAML'
---
reference: 'OBJ-2026-AAAAAAAA'
time: '2026-10-01T09:00:00Z'
method: 'email'
status: 'sent'
jurisdiction: 'uk'
controller: 'linkedin'
requester: 'Hélène "Léna" Dupré'
requester_email: 'helene@example.org'
recipient: 'dpo@example.com'
reply: "250 ok \e]0;owned\a \x9b31m back\\slash \u2028 香港"
due: '2026-11-01'
...
---
reference: 'OBJ-2026-BBBBBBBB'
time: '2026-11-21T09:00:00Z'
method: 'post'
status: 'sent'
controller: 'meta'
controller_name: 'Meta Platforms Ireland Limited'
recipient: 'Meta Platforms Ireland Limited, Merrion Road, Dublin 4, Ireland'
tracking: 'RR1'
due: '2026-12-21'
...
---
reference: 'OBJ-2026-BBBBBBBB'
time: '2026-11-22T09:00:00Z'
method: 'email'
status: 'sent'
controller: 'meta'
recipient: 'dpo@meta.example'
...
---
reference: 'OBJ-2026-BBBBBBBB'
time: '2026-11-24T09:00:00Z'
event: 'reply'
status: 'recorded'
date: '2026-11-24'
outcome: 'acknowledged'
...
---
reference: 'OBJ-2026-CCCCCCCC'
time: '2026-11-28T09:00:00Z'
method: 'email'
status: 'failed'
reason: 'refused'
recipient: 'x@example.net'
...
YAML
# (a byte that is not UTF-8 cannot be in the journal: libyaml refuses it;
# json.h writes it as the text \xHH: tests/unit/test-json)
cat >>"$J" <<'YAML'
---
reference: 'OBJ-2026-DDDDDDDD'
time: '2026-11-29T09:00:00Z'
method: 'email'
status: 'unknown'
reason: "cut \tthere"
recipient: 'y@example.net'
...
YAML

run "$OBJECTOR" log --format json
exit_is 0 "log --format json"
"$PY" -m json.tool "$T/out" >/dev/null 2>"$T/py"
is "" "$(cat "$T/py")" "python3 -m json.tool reads it"
is ok "$($CHECK entries "$T/out")" "the log: an array of entries, as the schema says"
# every byte printable ASCII or UTF-8 text (no ESC, no C1, no byte 0x9b alone)
"$PY" - "$T/out" >"$T/py" <<'PYEOF'
import sys, json
raw = open(sys.argv[1], "rb").read()
text = raw.decode("utf-8")
bad = [c for c in text if (ord(c) < 0x20 and c != "\n") or 0x7f <= ord(c) <= 0x9f]
l = json.loads(text)
a = l[0]
ok = (not bad
      and a["requester"] == 'Hélène "Léna" Dupré'
      and a["reply"] == "250 ok \x1b]0;owned\x07 \u009b31m back\\slash \u2028 香港"
      and a["overdue"] is True and a["days_left"] == -27 and a["case_due"] == "2026-11-02"
      and l[4]["reason"] == "cut \tthere"
      and [e["reference"] for e in l] == ["OBJ-2026-AAAAAAAA", "OBJ-2026-BBBBBBBB", "OBJ-2026-BBBBBBBB", "OBJ-2026-CCCCCCCC", "OBJ-2026-DDDDDDDD"]
      and "state" not in l[3])
print("ok" if ok else "no: bad=%r %r" % (bad, l))
PYEOF
is ok "$(cat "$T/py")" "the exact characters back, no raw control character"
has "$T/out" '\u001b]0;owned\u0007' "ESC and BEL as \\u00XX"
has "$T/out" '\u009b31m' "C1 as \\u009b"
has "$T/out" '"cut \tthere"' "a tab as \\t"

run "$OBJECTOR" log --due --format json
exit_is 1 "--due --format json: 1 when something is overdue"
"$PY" -m json.tool "$T/out" >/dev/null 2>"$T/py"
is "" "$(cat "$T/py")" "--due: python3 -m json.tool reads it"
is ok "$($CHECK cases "$T/out")" "--due: an array of cases, as the schema says"
"$PY" - "$T/out" >"$T/py" <<'PYEOF'
import sys, json
l = json.load(open(sys.argv[1]))
refs = [c["reference"] for c in l]
b = l[1]
ok = (refs == ["OBJ-2026-AAAAAAAA", "OBJ-2026-BBBBBBBB", "OBJ-2026-DDDDDDDD"]
      and l[0]["overdue"] is True and l[0]["unsettled"] is False
      and b["via"] == ["email", "post"] and b["state"] == "waiting" and len(b["events"]) == 3
      and b["events"][2]["outcome"] == "acknowledged"
      and l[2]["unsettled"] is True and l[2]["via"] == [] and "due" not in l[2])
print("ok" if ok else "no: %r" % l)
PYEOF
is ok "$(cat "$T/py")" "--due: by due date, both channels, the events, the unsettled sending last"

run "$OBJECTOR" log OBJ-2026-BBBBBBBB --format json
exit_is 0 "log REF --format json"
"$PY" -m json.tool "$T/out" >/dev/null 2>"$T/py"
is "" "$(cat "$T/py")" "REF: python3 -m json.tool reads it"
is ok "$($CHECK case "$T/out")" "REF: one case, as the schema says"
has "$T/out" '"next": "record the answer' "REF: the next step"

# the key order is stable: the same bytes twice, and json.tool keeps the order
run "$OBJECTOR" log --format json
cp "$T/out" "$T/one"
run "$OBJECTOR" log --format json
cmp -s "$T/one" "$T/out"
ok $? "the same output twice"
"$PY" -m json.tool --indent 2 --no-ensure-ascii "$T/one" >"$T/tool" 2>&1
"$PY" -c 'import sys, json; print(json.dumps(json.load(open(sys.argv[1])), indent=2, ensure_ascii=False))' "$T/one" >"$T/want"
cmp -s "$T/tool" "$T/want"
ok $? "json.tool keeps the key order"
done_testing
