# SPDX-License-Identifier: GPL-3.0-or-later
# tests/e2e/reliab.sh: never twice, never over a device, never hung, never
# raw bytes on the terminal (issue 16): a scripted SMTP server
# (tests/smtp-script.py) that closes or falls silent after the final ".",
# answers late, sends escape sequences or refuses the Cc; FIFOs and devices
# made under the test's own directory; a hanging password command; a torn
# journal.
. "$top_srcdir/tests/e2e/send-lib.sh"
if [ ! -x "$PY" ]; then echo "1..0 # SKIP needs /usr/bin/python3"; exit 0; fi

# script_smtpd ARGS...: tests/smtp-script.py on loopback; sets $PORT.
script_smtpd() { start_server smtp-script.py 60 "$@"; }
# plain_config [extra smtp lines]: no TLS, no AUTH, a 3-second timeout.
plain_config() {
	mkdir -p "$XDG_CONFIG_HOME/objector"
	CONFIG="$XDG_CONFIG_HOME/objector/config.yaml"
	{
		echo "smtp:"
		echo "  host: 127.0.0.1"
		echo "  port: $PORT"
		echo "  security: none"
		echo "  timeout: 3"
		[ -z "${1:-}" ] || printf '%s\n' "$1"
		echo "from: \"Zoe Example <zoe@example.org>\""
	} >"$CONFIG"
	chmod 600 "$CONFIG"
}
field() { # field N KEY: the journal's N-th entry's KEY
	"$PY" -c 'import sys, yaml
d = [x for x in yaml.safe_load_all(open(sys.argv[1], encoding="utf-8")) if x][int(sys.argv[2]) - 1]
print(d.get(sys.argv[3], ""))' "$JOURNAL" "$1" "$2"
}
npending() { ls "$XDG_STATE_HOME/objector/pending" 2>/dev/null | grep -c '\.yaml$'; }
# raw FILE NAME: FILE holds no ESC, BEL, or C1 CSI
raw() {
	if LC_ALL=C grep -q "$(printf '[\033\007]')" "$1" || LC_ALL=C grep -q "$(printf '\302\233')" "$1"; then
		fail "$2"; od -c "$1" | head -5 | sed 's/^/#   /'; else pass "$2"; fi
}

# --- 1. the server closes after the final "." -------------------------------------
script_smtpd --after-dot close
plain_config
run "$OBJECTOR" send --to dpo@example.net "$EX_DE"
exit_is 75 "closed after the dot"
is 1 "$(nmail)" "the server has the message"
has "$T/err" "journaled as unknown" "says the outcome is unknown"
is unknown "$(field 1 status)" "journaled as unknown, not failed"
is 1 "$(npending)" "the pending marker is kept"
run "$OBJECTOR" send --to dpo@example.net "$EX_DE"
exit_is 64 "a plain re-send is refused"
has "$T/err" "may already have been sent" "the refusal says why"
has "$T/err" "outcome was not known" "... the outcome was not known"
is 1 "$(nmail)" "nothing sent again"
run "$OBJECTOR" log --wide
has "$T/out" "UNKNOWN: may have been sent" "log shows it"
is 1 "$(grep -c 'UNKNOWN' "$T/out")" "once (the marker is that entry's)"
run "$OBJECTOR" log --due --wide
has "$T/out" "UNKNOWN: may have been sent" "log --due shows it"

# 5. the same address with the domain in capitals is the same recipient
run "$OBJECTOR" send --to dpo@EXAMPLE.NET "$EX_DE"
exit_is 64 "dpo@EXAMPLE.NET is dpo@example.net"
run "$OBJECTOR" send --to DPO@example.net --no-cc --dry-run "$EX_DE"
exit_is 0 "(the local part as written: a dry run goes)"

# --- the server falls silent after the "." ---------------------------------------
script_smtpd --after-dot silent
plain_config
run "$OBJECTOR" send --force --to dpo@example.net "$EX_DE"
exit_is 75 "silent after the dot (timeout)"
is unknown "$(field 2 status)" "journaled as unknown"
script_smtpd
plain_config
run "$OBJECTOR" send --force --to dpo@example.net --eml "$T/sent.eml" "$EX_DE"
exit_is 0 "--force sends it"
is 1 "$(nmail)" "delivered"
is 0 "$(npending)" "the marker is gone once it is sent"
[ -s "$T/sent.eml" ]; ok $? "--eml written after the message went"
run "$OBJECTOR" send --to dpo@example.net "$EX_DE"
exit_is 64 "sent now: refused again"
has "$T/err" "was already sent" "as already sent"
run "$OBJECTOR" log --due --wide
hasnt "$T/out" "UNKNOWN" "log --due: settled once sent"

# --- 2. --eml and -o -----------------------------------------------------------------
echo keep >"$T/old.eml"
run "$OBJECTOR" send --to eml@example.net --eml "$T/old.eml" "$EX_DE"
exit_is 73 "--eml over an existing file: refused"
is keep "$(cat "$T/old.eml")" "the file is untouched"
is 1 "$(nmail)" "and nothing was sent"
mkfifo "$T/fifo"
cat "$T/fifo" >"$T/fifo.out" &
catpid=$!
run "$OBJECTOR" generate --format text -o "$T/fifo" "$EX_DE"
exit_is 0 "generate -o FIFO"
wait $catpid
[ -p "$T/fifo" ]; ok $? "the FIFO is still a FIFO"
has "$T/fifo.out" "OBJ-" "the letter went through it"
run "$OBJECTOR" generate -o "$T" "$EX_DE"
exit_is 73 "generate -o DIR"
if [ "$(id -u)" = 0 ]; then
	mknod "$T/null" c 1 3 && mknod "$T/full" c 1 7
	run "$OBJECTOR" generate -o "$T/null" "$EX_DE"
	exit_is 0 "generate -o a character device (null)"
	[ -c "$T/null" ]; ok $? "the device is still a device"
	run "$OBJECTOR" generate -o "$T/full" "$EX_DE"
	exit_is 74 "generate -o a full device"
	[ -c "$T/full" ]; ok $? "that device is still a device"
	run "$OBJECTOR" send --to dev@example.net --eml "$T/null" "$EX_UK"
	exit_is 0 "send --eml a character device"
	[ -c "$T/null" ]; ok $? "... still a device"
else
	for i in 1 2 3 4 5 6; do echo "ok - # SKIP mknod needs root"; t_n=$((t_n + 1)); done
fi

# --- 4. escape sequences from the server ---------------------------------------------
script_smtpd --escapes
plain_config
run "$OBJECTOR" send --to esc@example.net "$EX_UK"
exit_is 0 "a server that replies with escapes"
raw "$T/out" "send's output holds no raw escape"
has "$T/out" '\x1b]0;pwned\x07' "... shows them escaped"
has "$T/out" 'U+009B' "... the C1 CSI too"
n=$(njournal)
"$PY" -c 'import sys, yaml
d = [x for x in yaml.safe_load_all(open(sys.argv[1], encoding="utf-8")) if x][-1]
sys.exit(0 if "\x1b]0;pwned\x07\x1b[2J\x9b31m" in d["reply"] else 1)' "$JOURNAL"
ok $? "the journal keeps the exact bytes"
script_smtpd --escapes --reject esc2@example.net
plain_config
run "$OBJECTOR" send --to "esc2@example.net" "$EX_UK"
exit_is 69 "refused with escapes in the reply"
raw "$T/err" "the error holds no raw escape"
has "$T/err" 'U+009B' "the error shows them escaped"
run "$OBJECTOR" log --wide
raw "$T/out" "log holds no raw escape"
has "$T/out" 'U+009B' "log shows them escaped"

# --- 7. a 550 on the sender's own Cc ----------------------------------------------
script_smtpd --reject zoe@example.org
plain_config
run "$OBJECTOR" send --to cc@example.net "$EX_UK"
exit_is 0 "the Cc refused: the letter to the company still goes"
is 1 "$(nmail)" "it went"
has "$T/err" "the copy to zoe@example.org was refused" "the refused Cc is reported"
has "$T/err" "550 5.1.1" "with the server's reply"
case "$(field "$(njournal)" cc_refused)" in "550 5.1.1"*) pass "and journaled";; *) fail "and journaled";; esac
script_smtpd --reject to@example.net
plain_config
run "$OBJECTOR" send --to to@example.net "$EX_UK"
exit_is 69 "the company's address refused, the Cc accepted: not sent"
is 0 "$(nmail)" "nothing went to the Cc alone"

# --- 7. a reply late, each within the timeout ----------------------------------------
script_smtpd --delay-greeting 2 --delay-ehlo 2
plain_config
run "$OBJECTOR" send --to slow@example.net "$EX_UK"
exit_is 0 "greeting and EHLO 2 s late each, timeout 3 s"
script_smtpd --delay-greeting 5
plain_config
run "$OBJECTOR" send --to slower@example.net "$EX_UK"
exit_is 75 "a greeting 5 s late, timeout 3 s"
has "$T/err" "journaled as failed" "journaled as failed: nothing was handed over"

# --- 3. a password command that never ends -------------------------------------------
for cmd in "sleep 30" "yes" "echo pw; sleep 3 &"; do
	plain_config "  username: zoe@example.org
  password_command: $cmd
  password_timeout: 2"
	start=$(date +%s)
	timeout 20 "$OBJECTOR" send --to pw@example.net "$EX_UK" >/dev/null 2>&1 &
	spid=$!
	sleep 0.5
	timeout 5 "$OBJECTOR" log >/dev/null 2>&1
	is 0 "$?" "'$cmd': log does not wait for the password command"
	wait $spid
	took=$(($(date +%s) - start))
	[ "$took" -lt 10 ]; ok $? "'$cmd': objector does not hang ($took s)"
done
plain_config "  username: zoe@example.org
  password_command: echo \$\$ >$T/pw.pid; sleep 31 & wait
  password_timeout: 1"
run timeout 20 "$OBJECTOR" send --to pw@example.net "$EX_UK"
exit_is 78 "a password command that never ends"
has "$T/err" "did not finish within 1 second" "says so"
sleep 0.2
alive=$(ps -e -o pgid=,stat= | awk -v g="$(cat "$T/pw.pid")" '$1 == g && $2 !~ /Z/' | wc -l)
is 0 "$alive" "its whole process group is killed"
plain_config "  username: zoe@example.org
  password_command: yes
  password_timeout: 5"
run "$OBJECTOR" send --to pw@example.net "$EX_UK"
exit_is 78 "a password command that prints forever"
has "$T/err" "printed more than" "says so"

# --- 7. "[::1" is a configuration error -------------------------------------------
plain_config
sed -i 's/host: 127.0.0.1/host: "[::1"/' "$CONFIG"
run "$OBJECTOR" send --to v6@example.net "$EX_UK"
exit_is 78 "host '[::1'"
has "$T/err" "config.yaml:2:" "with its position"
plain_config
sed -i 's/host: 127.0.0.1/host: "127.0.0.1:25"/' "$CONFIG"
run "$OBJECTOR" send --to v6@example.net "$EX_UK"
exit_is 78 "host with a port"

# --- 6. a torn journal entry --------------------------------------------------------
script_smtpd
plain_config
run "$OBJECTOR" send --to torn@example.net "$EX_UK"
exit_is 0 "a letter sent"
# a crash cut the last entry in the middle of its status line
"$PY" - "$JOURNAL" <<'PYEOF'
import sys
p = sys.argv[1]
t = open(p, "rb").read()
last = t.rindex(b"\n---")
cut = t.index(b"status:", last) + 10
open(p, "wb").write(t[:cut])
PYEOF
run "$OBJECTOR" send --to torn@example.net "$EX_UK"
exit_is 64 "a re-send after a torn entry is refused"
has "$T/err" "cut short by a crash" "and says the entry was torn"
is 1 "$(nmail)" "nothing sent again"
run "$OBJECTOR" send --via post "$EX_OTHER"
exit_is 0 "the next append sets the torn bytes aside"
run "$OBJECTOR" send --to torn@example.net "$EX_UK"
exit_is 64 "... and the letter is still remembered"
[ -s "$JOURNAL.torn" ]; ok $? "the torn bytes are in journal.yaml.torn"

# --- 7. a 2 MB hand-edited journal entry --------------------------------------------
n=$(grep -c '^---' "$JOURNAL")
"$PY" -c 'import sys; open(sys.argv[1], "a").write("---\nreference: OBJ-X\nstatus: sent\nreason: \"" + "x" * 2000000 + "\"\n...\n")' "$JOURNAL"
line=$(($(wc -l <"$JOURNAL") - 4))
run "$OBJECTOR" log --wide
exit_is 65 "a 2 MB journal entry"
has "$T/err" "journal.yaml:$line: document too large" "with its position"

stop_smtpd
done_testing
