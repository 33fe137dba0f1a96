#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The iCalendar writer checked by a real parser: Debian's python3-icalendar
# (under /usr/bin/python3) reads the sample calendar of tests/unit/test-ics
# and finds the events, their stable UIDs, all-day due dates, the escaped
# text as written, and the alarms the day before. Writing the calendar again
# later gives the same UIDs (an import updates instead of duplicating).
. "${top_srcdir:-.}/tests/lib.sh"
: "${top_builddir:=$(pwd)}"
py=/usr/bin/python3
if ! "$py" -c 'import icalendar' 2>/dev/null; then
	echo "1..0 # SKIP python3-icalendar is not installed (apt-get install python3-icalendar)"
	exit 0
fi

"$top_builddir/tests/unit/test-ics" --sample >"$T/a.ics"
ok $? "write a sample calendar"
ICS_DTSTAMP=20261230T080000Z "$top_builddir/tests/unit/test-ics" --sample >"$T/b.ics"
ok $? "write it again a month later"

cat >"$T/check.py" <<'PY'
import sys, datetime
from icalendar import Calendar
a = Calendar.from_ical(open(sys.argv[1], 'rb').read())
b = Calendar.from_ical(open(sys.argv[2], 'rb').read())
def out(name, cond):
    print(("ok" if cond else "FAIL") + " " + name)
print("ok parsed")
out("version 2.0", str(a['VERSION']) == '2.0')
out("prodid", str(a['PRODID']).startswith('-//objector//objector '))
ev = a.walk('VEVENT')
out("three events", len(ev) == 3)
uids = [str(e['UID']) for e in ev]
out("uids " + ",".join(uids), uids == ['OBJ-2026-7K3M9QXA-due@objector', 'OBJ-2026-ABCDEFGH-due@objector',
                                      'OBJ-2026-ZZZZ0000-due@objector'])
out("same uids on the second export", [str(e['UID']) for e in b.walk('VEVENT')] == uids)
out("dtstamp changes", str(b.walk('VEVENT')[0]['DTSTAMP'].dt) != str(ev[0]['DTSTAMP'].dt))
starts = [e['DTSTART'].dt for e in ev]
out("all-day dates", starts == [datetime.date(2026, 12, 29), datetime.date(2027, 3, 1), datetime.date(2024, 2, 29)]
    and all(type(s) is datetime.date for s in starts))
out("dtend the day after", ev[2]['DTEND'].dt == datetime.date(2024, 3, 1))
out("summary with specials", str(ev[1]['SUMMARY']) == 'Reminder: Acme; Data, Brokers \\ Ltd')
d1 = str(ev[1]['DESCRIPTION'])
out("description lines", d1.endswith('Line one\nLine two, with; specials\\\nLine three'))
out("company in the description", 'Acme; Data, "Brokers" \\ Ltd' in d1)
d2 = str(ev[2]['DESCRIPTION'])
out("long utf-8 text unfolded intact", '個人資料（私隱）條例第2(3)條' in d2 and d2.endswith('😀' * 18)
    and 'Zoë Łukasiewicz-Øster' in d2)
out("sequence", int(ev[2]['SEQUENCE']) == 12)
for e in ev:
    al = e.walk('VALARM')
    out("alarm for " + str(e['UID']), len(al) == 1 and str(al[0]['ACTION']) == 'DISPLAY'
        and al[0]['TRIGGER'].dt == datetime.timedelta(days=-1))
PY
"$py" "$T/check.py" "$T/a.ics" "$T/b.ics" >"$T/res" 2>"$T/err"
ok $? "python3-icalendar reads it"
[ -s "$T/err" ] && sed 's/^/#   /' "$T/err"
while read -r st name; do
	[ "$st" = ok ]; ok $? "icalendar: $name"
done <"$T/res"
is 17 "$(wc -l <"$T/res" | tr -d ' ')" "every check ran"

# Raw form: CRLF everywhere, no line over 75 octets.
n=$(tr -d '\r' <"$T/a.ics" | wc -l)
is "$n" "$(grep -c "$(printf '\r')\$" "$T/a.ics")" "every line ends in CRLF"
is 0 "$(tr -d '\r' <"$T/a.ics" | LC_ALL=C awk 'length($0) > 75' | wc -l | tr -d ' ')" "no line over 75 octets"
done_testing
