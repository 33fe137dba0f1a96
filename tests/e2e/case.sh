# SPDX-License-Identifier: GPL-3.0-or-later
# tests/e2e/case.sh: cases on a journal written by the previous version
# (tests/data/journal-v0.yaml, written by objector before cases existed: a
# letter posted and e-mailed, one sent by web form, one e-mailed): `log REF`,
# `delivered`, `reply` with each outcome, refusals that write nothing,
# `log --due` and its exit status, `log --format ics` read by python3-icalendar.
. "$top_srcdir/tests/lib.sh"
PY=/usr/bin/python3
J="$XDG_STATE_HOME/objector/journal.yaml"
mkdir -p "$XDG_STATE_HOME/objector"
cp "$top_srcdir/tests/data/journal-v0.yaml" "$J"
chmod 600 "$J"
POST=OBJ-2026-QJ3YZ3PF WEB=OBJ-2026-9ANM67EQ MAIL=OBJ-2026-QDA5MFJC
export OBJECTOR_TODAY=2026-12-05

run "$OBJECTOR" log
exit_is 0 "the old journal reads"
has "$T/out" "4 submissions, 3 waiting for an answer, 0 overdue, 0 failed attempts" "one case per letter"
run "$OBJECTOR" log --due --wide
exit_is 0 "--due: nothing overdue"
is 3 "$(grep -c '^2026' "$T/out")" "--due: three cases, the letter posted and e-mailed is one"
has "$T/out" "email+post" "with both channels"
run "$OBJECTOR" log "$POST"
exit_is 0 "log REF"
has "$T/out" "state: waiting, 25 days left" "its state"
has "$T/out" "due:   2026-12-30 (Article 12(3) GDPR; counted from receipt on 2026-11-30)" "its due date and basis"
has "$T/out" "tracking: RR123456785FR" "its tracking number"

# refusals write nothing
cp "$J" "$T/before"
run "$OBJECTOR" log OBJ-2026-NOSUCHXX
exit_is 65 "unknown reference"
has "$T/err" "unknown reference OBJ-2026-NOSUCHXX: not in the journal $J" "names it and the journal"
run "$OBJECTOR" delivered OBJ-2026-NOSUCHXX
exit_is 65 "delivered: unknown reference"
run "$OBJECTOR" delivered "$MAIL"
exit_is 64 "delivered: not posted"
run "$OBJECTOR" delivered "$POST" --date 2026-11-20
exit_is 65 "delivered before it was posted"
has "$T/err" "--date 2026-11-20 is before the day it was posted (2026-11-30)" "with the dates"
run "$OBJECTOR" delivered "$POST" --date 2026-12-09
exit_is 65 "delivered in the future"
has "$T/err" "--date 2026-12-09 is in the future (today is 2026-12-05)" "with the dates"
run "$OBJECTOR" delivered "$POST" --date 2026-12-32
exit_is 64 "not a date"
run "$OBJECTOR" reply "$WEB" --outcome maybe
exit_is 64 "unknown outcome"
has "$T/err" "the outcomes are complied, partial, refused, extended, acknowledged" "lists the valid ones"
run "$OBJECTOR" reply "$WEB"
exit_is 64 "no outcome"
run "$OBJECTOR" reply "$WEB" --outcome refused --received 2026-11-01
exit_is 65 "received before it was sent"
has "$T/err" "--received 2026-11-01 is before the day the letter was sent (2026-11-30)" "with the dates"
run "$OBJECTOR" reply "$WEB" --outcome refused --attach "$T/nonexistent.pdf"
exit_is 66 "a missing attachment"
cmp -s "$J" "$T/before" && pass "nothing written when refused" || fail "nothing written when refused"
[ ! -e "$XDG_STATE_HOME/objector/replies" ] && pass "no copy left behind" || fail "no copy left behind"

# a delivery, then the due date counts from it (post only: the web case is
# not posted; the posted-and-e-mailed letter counts from the e-mail)
run "$OBJECTOR" delivered "$POST" --date 2026-12-02 --tracking RR999
exit_is 0 "delivered"
has "$T/out" "$POST: delivered on 2026-12-02 (tracking RR999)" "says so"
has "$T/out" "answer due by 2026-12-30 (Article 12(3) GDPR)" "the due date as the case counts it (the e-mail's)"
run "$OBJECTOR" log "$POST"
has "$T/out" "2026-12-02  delivered" "in the timeline"
has "$T/out" "due:   2026-12-30" "the e-mail reached it first: its due date stays"

# each outcome
printf 'From: dpo@example.com\nSubject: Re: objection\n\nWe need more time.\n' >"$T/reply 1.eml"
run "$OBJECTOR" reply "$WEB" --outcome extended --received 2026-12-04 --attach "$T/reply 1.eml" --note "they need time"
exit_is 0 "reply extended"
has "$T/out" "answer now due by 2027-03-01" "the extension moves the due date (uk: two further months)"
f=$(ls "$XDG_STATE_HOME/objector/replies/$WEB/")
case $f in *-reply_1.eml) pass "the attachment kept under a safe name" ;; *) fail "attachment name: $f" ;; esac
is 600 "$(stat -c %a "$XDG_STATE_HOME/objector/replies/$WEB/$f")" "0600"
sha=$(sha256sum "$T/reply 1.eml" | cut -d' ' -f1)
has "$J" "replies/$WEB/$f sha256:$sha" "journaled with its SHA-256"
run "$OBJECTOR" reply "$WEB" --outcome extended
exit_is 65 "a second extension"
has "$T/err" "the extension was already claimed" "is refused"
run "$OBJECTOR" reply "$MAIL" --outcome extended
exit_is 65 "ch: no extension in the law"
run "$OBJECTOR" log "$WEB"
has "$T/out" "state: waiting, 86 days left (extended)" "extended: waiting, to the new date"
run "$OBJECTOR" reply "$MAIL" --outcome acknowledged
exit_is 0 "reply acknowledged"
run "$OBJECTOR" log "$MAIL"
has "$T/out" "(acknowledged)" "acknowledged: still waiting"
OBJECTOR_TODAY=2027-01-10 run "$OBJECTOR" log --due
exit_is 1 "--due: 1 when an answer is overdue"
has "$T/out" "3 waiting for an answer, 2 overdue" "the acknowledged and the posted case are overdue"
for o in complied partial refused; do
	run "$OBJECTOR" reply "$POST" --outcome $o
	exit_is 0 "reply $o"
	run "$OBJECTOR" log "$POST"
	has "$T/out" "state: answered: $o" "state answered: $o"
done
OBJECTOR_TODAY=2027-01-10 run "$OBJECTOR" log --due
has "$T/out" "2 waiting for an answer, 1 overdue" "an answered case is no longer waiting"

# the calendar
run "$OBJECTOR" log --format ics
exit_is 0 "log --format ics"
cp "$T/out" "$T/one.ics"
run "$OBJECTOR" log --format ics
if "$PY" -c 'import icalendar' 2>/dev/null; then
	"$PY" - "$T/one.ics" "$T/out" >"$T/py" <<'PYEOF'
import sys, icalendar
a = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
b = icalendar.Calendar.from_ical(open(sys.argv[2], 'rb').read())
ev = {str(e['UID']): e for e in a.walk('VEVENT')}
ok = len(ev) == 3
w = ev.get('OBJ-2026-9ANM67EQ-due@objector')
ok = ok and w is not None and str(w.decoded('DTSTART')) == '2027-03-01'
ok = ok and all(len(e.walk('VALARM')) == 1 and str(e.walk('VALARM')[0]['TRIGGER'].to_ical(), 'ascii') == '-P1D' for e in ev.values())
ok = ok and sorted(ev) == sorted(str(e['UID']) for e in b.walk('VEVENT'))
print('ok' if ok else 'no: %r' % [(k, str(e.decoded('DTSTART'))) for k, e in ev.items()])
PYEOF
	is ok "$(cat "$T/py")" "the calendar parses: one event per case, stable UIDs, an alarm the day before"
else
	pass "# SKIP python3-icalendar not installed"
fi

# a delivery recorded again (a corrected date): the due date counts from the
# last one, in what delivered says as in log REF
S2="$T/state2"
mkdir -p "$S2/objector"
cat >"$S2/objector/journal.yaml" <<'YAML'
---
reference: 'OBJ-2026-ABBBBBBB'
time: '2026-11-20T09:00:00Z'
method: 'post'
status: 'sent'
jurisdiction: 'eea'
controller: 'meta'
recipient: 'Meta Platforms Ireland Limited, Merrion Road, Dublin 4'
...
---
reference: 'OBJ-2026-ABBBBBBB'
event: 'delivered'
status: 'recorded'
date: '2026-11-25'
time: '2026-11-25T09:00:00Z'
...
YAML
chmod 600 "$S2/objector/journal.yaml"
XDG_STATE_HOME="$S2" run "$OBJECTOR" delivered OBJ-2026-ABBBBBBB --date 2026-11-28
exit_is 0 "delivered again"
has "$T/out" "answer due by 2026-12-28 (Article 12(3) GDPR)" "due counted from the last delivery"
XDG_STATE_HOME="$S2" run "$OBJECTOR" log OBJ-2026-ABBBBBBB
has "$T/out" "due:   2026-12-28 (Article 12(3) GDPR; counted from receipt on 2026-11-28)" "as log REF counts it"
done_testing
