# SPDX-License-Identifier: GPL-3.0-or-later
# tests/e2e/send-parallel.sh: several objector processes sending at once:
# every message arrives, the journal holds one whole document for each, and
# the same letter sent twice at the same moment goes out only once.
. "$top_srcdir/tests/e2e/send-lib.sh"
need_smtpd
make_ca
start_smtpd $(tls_args) --user zoe@example.org --password pw --require-auth
write_config
export OBJECTOR_SMTP_PASSWORD=pw

N=8
# (wait for these processes only: a bare `wait` would wait for the server too)
pids=
i=1
while [ $i -le $N ]; do
	"$OBJECTOR" send --to "dpo$i@example.net" "$EX_DE" >"$T/out.$i" 2>"$T/err.$i" &
	pids="$pids $!"
	i=$((i + 1))
done
for p in $pids; do wait "$p"; done
fails=0
i=1
while [ $i -le $N ]; do
	grep -q "^sent OBJ-" "$T/out.$i" || { fails=$((fails + 1)); sed 's/^/# /' "$T/err.$i"; }
	i=$((i + 1))
done
is 0 "$fails" "$N parallel sends all succeed"
is $N "$(nmail)" "$N messages received"
"$PY" - "$JOURNAL" $N >"$T/py" 2>&1 <<'PYEOF'
import sys, yaml
docs = [d for d in yaml.safe_load_all(open(sys.argv[1])) if d]
n = int(sys.argv[2])
keys = {"reference", "time", "method", "status", "recipient", "message_id", "reply", "pdf", "sha256", "due"}
ok = (len(docs) == n and all(keys <= set(d) and d["status"] == "sent" for d in docs)
      and len({d["recipient"] for d in docs}) == n and len({d["message_id"] for d in docs}) == n)
print("ok" if ok else "no: %d docs" % len(docs))
PYEOF
is ok "$(cat "$T/py")" "the journal holds $N whole entries"

# The same letter to the same address from two processes at once: one wins.
pids=
for k in 1 2 3; do
	"$OBJECTOR" send --to same@example.net "$EX_UK" >"$T/same.$k" 2>&1 &
	pids="$pids $!"
done
for p in $pids; do wait "$p"; done
is 1 "$(grep -l '^sent OBJ-' "$T"/same.* | wc -l)" "one of three racing sends goes out"
is 2 "$(grep -l 'already sent' "$T"/same.* | wc -l)" "the others are refused"
is $((N + 1)) "$(nmail)" "one more message received"
done_testing
