# SPDX-License-Identifier: GPL-3.0-or-later
# tests/e2e/log-width.sh: `objector log` fits 80 columns (or $COLUMNS, or
# the terminal's width): long recipients and company names and CJK names
# are cut with an ellipsis, counted in display columns (Python's
# unicodedata.east_asian_width: W and F are two columns); --wide shows
# every cell whole; the summary is wrapped, not cut.
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
recipient: 'data-protection-officer.for.a.very.long.department.name@legal.linkedin.example.com'
due: '2026-11-01'
...
---
reference: 'OBJ-2026-BBBBBBBB'
time: '2026-11-20T09:00:00Z'
method: 'email'
status: 'failed'
reason: 'example.net:587 refused the message: 550 5.1.1 no such user here, try another address'
controller: 'other'
controller_name: '香港個人資料私隱專員公署測試有限公司'
recipient: '資料保護主任@例子.香港'
...
---
reference: 'OBJ-2026-CCCCCCCC'
time: '2026-11-21T09:00:00Z'
method: 'post'
status: 'sent'
controller: '一二三四五六七八九十一二三四五六七八九十'
recipient: 'Meta Platforms Ireland Limited, Merrion Road, Dublin 4, D04 X2K5, Ireland'
due: '2026-12-21'
...
---
reference: 'OBJ-2026-DDDDDDDD'
time: '2026-11-22T09:00:00Z'
method: 'email'
status: 'unknown'
reason: 'the connection ended before the server answered'
controller: 'meta'
recipient: 'dpo@example.org'
...
YAML

# widths.py FILE MAX: every line at most MAX display columns; prints the widest.
cat >"$T/widths.py" <<'PYEOF'
import sys, unicodedata
def width(s):
    w = 0
    for c in s:
        if unicodedata.east_asian_width(c) in "WF":
            w += 2
        elif unicodedata.category(c) in ("Mn", "Me", "Cf") and c != "\u00ad":
            w += 0
        else:
            w += 1
    return w
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
widest = max(width(l) for l in lines)
print(widest if widest <= int(sys.argv[2]) else "too wide: %d: %r" % (widest, [l for l in lines if width(l) > int(sys.argv[2])]))
PYEOF

run env -u COLUMNS "$OBJECTOR" log
exit_is 0 "log"
w=$("$PY" "$T/widths.py" "$T/out" 80)
case $w in [0-9]*) pass "every line fits 80 columns ($w)" ;; *) fail "80 columns: $w" ;; esac
is 80 "$w" "the rows take the whole width"
has "$T/out" "…" "long cells end with an ellipsis"
has "$T/out" "OBJ-2026-AAAAAAAA" "references are whole"
has "$T/out" "2026-11-02" "due dates are whole"
hasnt "$T/out" "legal.linkedin.example.com" "the long recipient is cut"
# the summary is wrapped at a space, not cut
"$PY" - "$T/out" >"$T/py" <<'PYEOF'
import sys
lines = open(sys.argv[1], encoding="utf-8").read().rstrip("\n").split("\n")
i = lines.index("")
s = " ".join(lines[i + 1:])
print("ok" if s == "2 submissions, 2 waiting for an answer, 1 overdue, 1 failed attempt, 1 that may have been sent (check)" else repr(s))
PYEOF
is ok "$(cat "$T/py")" "the summary over several lines reads as one"

run env COLUMNS=70 "$OBJECTOR" log
w=$("$PY" "$T/widths.py" "$T/out" 70)
case $w in [0-9]*) pass "COLUMNS=70: every line fits ($w)" ;; *) fail "COLUMNS=70: $w" ;; esac
run env COLUMNS=200 "$OBJECTOR" log
w=$("$PY" "$T/widths.py" "$T/out" 200)
case $w in 200) pass "COLUMNS=200: the rows take 200 columns" ;; *) fail "COLUMNS=200: $w" ;; esac
run env COLUMNS=300 "$OBJECTOR" log
has "$T/out" "data-protection-officer.for.a.very.long.department.name@legal.linkedin.example.com" "COLUMNS=300: the recipient whole"
hasnt "$T/out" "…" "COLUMNS=300: nothing cut"

run env COLUMNS=80 "$OBJECTOR" log --wide
exit_is 0 "log --wide"
has "$T/out" "data-protection-officer.for.a.very.long.department.name@legal.linkedin.example.com" "--wide: the recipient whole"
has "$T/out" "一二三四五六七八九十一二三四五六七八九十" "--wide: the CJK company whole"
has "$T/out" "failed: example.net:587 refused the message: 550 5.1.1 no such user here, try another address" "--wide: the reason whole"
hasnt "$T/out" "…" "--wide: no ellipsis"
# the columns line up in display columns: the DUE column starts at the same column on every row
"$PY" - "$T/out" "$T/widths.py" >"$T/py" <<'PYEOF'
import sys
exec(open(sys.argv[2]).read().split("lines =")[0])
rows = open(sys.argv[1], encoding="utf-8").read().split("\n\n")[0].split("\n")
cols = set()
for r in rows[1:]:
    for tok in ("2026-11-02", "2026-12-21", " -  "):
        i = r.find(tok, 20)
        if i >= 0:
            cols.add(width(r[:i + (1 if tok == " -  " else 0)]))
            break
print("ok" if len(cols) == 1 else repr(cols))
PYEOF
is ok "$(cat "$T/py")" "--wide: the DUE column lines up across CJK and Latin rows"

# CJK cells cut at 80 columns: whole characters, the width counted as 2 each
run env -u COLUMNS "$OBJECTOR" log
has "$T/out" "一二三" "the CJK company, cut"
hasnt "$T/out" "一二三四五六七八九十一二三四五六七八九十" "not whole"

run env -u COLUMNS "$OBJECTOR" log --due
exit_is 1 "log --due (overdue)"
w=$("$PY" "$T/widths.py" "$T/out" 80)
case $w in [0-9]*) pass "--due fits 80 columns ($w)" ;; *) fail "--due at 80: $w" ;; esac

# A terminal: the width is the terminal's (TIOCGWINSZ), COLUMNS unset.
"$PY" - "$OBJECTOR" >"$T/tty" 2>&1 <<'PYEOF'
import os, pty, sys, fcntl, termios, struct
pid, fd = pty.fork()
if pid == 0:
    os.environ.pop("COLUMNS", None)
    fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    os.execv(sys.argv[1], [sys.argv[1], "log"])
out = b""
while True:
    try:
        d = os.read(fd, 65536)
    except OSError:
        break
    if not d:
        break
    out += d
os.waitpid(pid, 0)
sys.stdout.write(out.decode("utf-8").replace("\r\n", "\n"))
PYEOF
w=$("$PY" "$T/widths.py" "$T/tty" 100)
case $w in 100) pass "on a 100-column terminal the rows take 100 columns" ;; *) fail "terminal of 100 columns: $w"; sed 's/^/# /' "$T/tty" ;; esac
done_testing
