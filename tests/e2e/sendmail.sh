# SPDX-License-Identifier: GPL-3.0-or-later
# tests/e2e/sendmail.sh: --via sendmail (and mail.via: sendmail) hands the
# exact message to an MTA: msmtp in its sendmail mode, relaying to the
# loopback SMTP server; its exit status is journaled. batch --send too.
. "$top_srcdir/tests/e2e/send-lib.sh"
need_smtpd
MSMTP=$(command -v msmtp) || { echo "1..0 # SKIP needs msmtp"; exit 0; }
start_smtpd
printf 'defaults\nauth off\ntls off\naccount default\nhost 127.0.0.1\nport %s\nfrom campaign@example.org\n' "$PORT" >"$HOME/.msmtprc"
chmod 600 "$HOME/.msmtprc"
mkdir -p "$XDG_CONFIG_HOME/objector"
CONFIG="$XDG_CONFIG_HOME/objector/config.yaml"
printf 'from: "Campaign <campaign@example.org>"\nmail:\n  sendmail: %s\n' "$MSMTP" >"$CONFIG"

run "$OBJECTOR" send --via sendmail --to dpo@example.org --eml "$T/sent.eml" "$EX_DE"
exit_is 0 "send --via sendmail through msmtp"
is 1 "$(nmail)" "the server received it"
"$PY" - "$MAILDIR/1.eml" "$MAILDIR/1.json" "$JOURNAL" "$T/sent.eml" >"$T/py" 2>&1 <<'PYEOF'
import json, sys, yaml
raw = open(sys.argv[1], "rb").read()
env = json.load(open(sys.argv[2]))
e = [d for d in yaml.safe_load_all(open(sys.argv[3])) if d][-1]
sent = open(sys.argv[4], "rb").read()
def check(cond, name):
    print(("ok - " if cond else "FAIL - ") + name)
check(raw.replace(b"\r\n", b"\n") == sent.replace(b"\r\n", b"\n"), "the MTA relayed the exact message")
check(env["mail_from"] == "campaign@example.org", "envelope sender from -f")
check(sorted(env["rcpt_tos"]) == ["campaign@example.org", "dpo@example.org"], "envelope recipients after --")
check(e["status"] == "sent" and e["method"] == "email", "journaled as sent")
check(e["reply"].endswith("msmtp: exit status 0"), "the MTA's exit status is journaled")
PYEOF
while read -r line; do
	case $line in "ok - "*) pass "${line#ok - }" ;; *) fail "$line" ;; esac
done <"$T/py"

# mail.via: sendmail, and an MTA that fails: journaled with its status.
printf 'from: "Campaign <campaign@example.org>"\nmail:\n  via: sendmail\n  sendmail: /bin/false\n' >"$CONFIG"
run "$OBJECTOR" send --to other@example.org "$EX_UK"
exit_is 69 "an MTA exiting 1: refused"
has "$T/err" "/bin/false exited with status 1" "says so"
has "$JOURNAL" "/bin/false: exit status 1" "the exit status is journaled"
printf 'mail:\n  via: pigeon\n' >"$CONFIG"
run "$OBJECTOR" send --to other@example.org "$EX_UK"
exit_is 78 "an unknown mail.via"

# A batch through the MTA.
printf 'from: "Campaign <campaign@example.org>"\nmail:\n  via: sendmail\n  sendmail: %s\n' "$MSMTP" >"$CONFIG"
printf 'name,email,address,country\nA,a@example.org,X 1 / 10115 Berlin,DE\nB,b@example.org,Y 2 / Paris,FR\n' >"$T/p.csv"
run "$OBJECTOR" batch "$T/p.csv" --company linkedin --send --to dpo@example.org --rate 600/min
exit_is 0 "batch --send through the MTA"
has "$T/out" "sent 2," "the summary"
is 3 "$(nmail)" "two more messages received"
stop_smtpd
done_testing
