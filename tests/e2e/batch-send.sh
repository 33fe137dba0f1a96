# SPDX-License-Identifier: GPL-3.0-or-later
# tests/e2e/batch-send.sh: a 200-person campaign sent to the loopback SMTP
# server (tests/smtpd.py), which answers 421 and closes the connection after
# every 50 messages; the batch is stopped with Ctrl-C (SIGINT), then killed
# with SIGKILL while sending, then run again until it is done. What the
# server received, the journal and the pending markers are then checked with
# Python: every letter sent exactly once, the journal complete, the rate kept
# (from the server's own timestamps).
. "$top_srcdir/tests/e2e/send-lib.sh"
need_smtpd
start_smtpd --421-after 50
mkdir -p "$XDG_CONFIG_HOME/objector"
CONFIG="$XDG_CONFIG_HOME/objector/config.yaml"
printf 'smtp:\n  host: 127.0.0.1\n  port: %s\n  security: none\n  timeout: 5\nfrom: "Campaign <campaign@example.org>"\n' "$PORT" >"$CONFIG"
RATE=3000	# a minute: 20 ms apart

"$PY" - "$T/people.csv" <<'PYEOF'
import sys
countries = ["DE", "FR", "GB", "CH", "IT", "ES", "NL", "AT"]
with open(sys.argv[1], "w", newline="") as f:
    f.write("name,email,address,country,place,date\r\n")
    for i in range(1, 201):
        c = countries[i % len(countries)]
        f.write('Person %d,p%d@example.org,"Street %d / %s City, %s",%s,City,2026-11-29\r\n'
                % (i, i, i, "10115" if c == "DE" else "1000", c, c))
PYEOF

batch() {
	"$OBJECTOR" batch "$T/people.csv" --company linkedin --send --to dpo@example.org \
		--rate "$RATE/min" --jobs 2 -o "$T/out" >"$T/out.$1" 2>"$T/err.$1" &
	BPID=$!
}
# wait_mail N: until the server holds N messages (at most 60 s).
wait_mail() {
	i=0
	while [ "$(nmail)" -lt "$1" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
}

# 1. Ctrl-C after 30 messages: the letter being sent is finished, the rest waits.
batch 1
wait_mail 30
kill -INT "$BPID"
wait "$BPID"
rc=$?
is 75 "$rc" "interrupted: exit 75 (letters waiting)"
has "$T/out.1" "waiting" "the summary says what is waiting"
n1=$(nmail)

# 2. SIGKILL after 100 messages.
batch 2
wait_mail 100
kill -KILL "$BPID"
wait "$BPID" 2>/dev/null
n2=$(nmail)
[ "$n2" -ge 100 ] && [ "$n2" -lt 200 ] && pass "killed in the middle ($n1, then $n2 of 200 sent)" ||
	fail "killed in the middle ($n1, then $n2 of 200 sent)"

# 3. Again, to the end.
batch 3
wait "$BPID"
rc=$?
case $rc in
0 | 75) pass "the last run ends (exit $rc)" ;;
*) fail "the last run ends (exit $rc)"; sed 's/^/#   /' "$T/err.3" | head ;;
esac
has "$T/out.3" "200 letters in" "the files were written once and kept"
has "$T/out.3" "already sent before" "the summary counts what went out before"
[ -s "$MAILDIR/421" ] && pass "the server answered 421 and closed" || fail "the server answered 421"
[ "$(wc -l <"$MAILDIR/connections")" -gt 3 ] && pass "reconnected after each 421" ||
	fail "reconnected after each 421"

"$PY" - "$MAILDIR" "$JOURNAL" "$XDG_STATE_HOME/objector/pending" "$RATE" "$T/out.3" >"$T/py" 2>&1 <<'PYEOF'
import collections, email, email.policy, glob, json, os, re, sys, yaml
maildir, journal, pending, rate, out3 = sys.argv[1:6]
def check(cond, name):
    print(("ok - " if cond else "FAIL - ") + name)
got = []
times = []
for j in glob.glob(os.path.join(maildir, "*.json")):
    n = j[:-5]
    m = email.message_from_bytes(open(n + ".eml", "rb").read(), policy=email.policy.default)
    got.append((re.search(r"OBJ-\d{4}-[0-9A-Z]{8}", m["Subject"]).group(0), m["Message-ID"]))
    times.append(json.load(open(j))["time"])
refs = collections.Counter(r for r, _ in got)
dups = [r for r, c in refs.items() if c > 1]
check(not dups, "no letter received twice (%d received, duplicates: %s)" % (len(got), dups[:3]))
docs = [d for d in yaml.safe_load_all(open(journal)) if d]
sent = collections.Counter(d["reference"] for d in docs if d["status"] == "sent")
check(all(c == 1 for c in sent.values()), "the journal has each letter sent once")
marks = [yaml.safe_load(open(p)) for p in glob.glob(os.path.join(pending, "*.yaml"))]
mrefs = set(m["reference"] for m in marks)
check(len(mrefs) <= 1, "at most the one letter killed while sending is pending (%d)" % len(mrefs))
check(len(set(sent) | mrefs) == 200, "every letter is journaled as sent or pending (%d)" % len(set(sent) | mrefs))
check(set(sent) <= set(refs), "every letter journaled as sent was received")
check(set(refs) - set(sent) <= mrefs, "every letter received is journaled (or pending)")
ids = {d["reference"]: d["message_id"] for d in docs if d["status"] == "sent"}
check(all(ids[r] == mid for r, mid in got if r in ids), "journal Message-IDs are the received ones")
failed = [d for d in docs if d["status"] == "failed"]
check(failed and all("421" in (d.get("reason") or "") for d in failed), "the 421s are journaled as failed attempts, with the reply")
check(all(d.get("reason") for d in failed), "each failure has its reason")
if mrefs:
    check("perhaps sent" in open(out3).read(), "the summary names the letter perhaps sent")
# the rate: any 11 messages in a row span at least 9 intervals
iv = 60.0 / float(rate)
times.sort()
worst = min((times[i + 10] - times[i] for i in range(len(times) - 10)), default=99)
check(worst >= 9 * iv, "at most %s a minute: 11 messages span >= %.3f s (tightest %.3f s)" % (rate, 9 * iv, worst))
PYEOF
while read -r line; do
	case $line in
	"ok - "*) pass "${line#ok - }" ;;
	*) fail "$line" ;;
	esac
done <"$T/py"
stop_smtpd
done_testing
