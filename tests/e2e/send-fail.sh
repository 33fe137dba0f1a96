# SPDX-License-Identifier: GPL-3.0-or-later
# tests/e2e/send-fail.sh: every way sending can fail maps to its exit code,
# is journaled with its reason when it was an attempt, and sends nothing it
# should not.
. "$top_srcdir/tests/e2e/send-lib.sh"
need_smtpd
make_ca
export OBJECTOR_SMTP_PASSWORD=pw

# reason_of N: the journal's N-th entry's status and reason.
entry() {
	"$PY" -c 'import sys, yaml
d = [x for x in yaml.safe_load_all(open(sys.argv[1])) if x][int(sys.argv[2]) - 1]
print(d.get("status"), "|", d.get("reason", ""), "|", d.get("reply", ""))' "$JOURNAL" "$1"
}

start_smtpd $(tls_args) --user zoe@example.org --password pw --require-auth \
	--reject gone@example.net --tempfail busy@example.net
write_config

run "$OBJECTOR" send --to gone@example.net "$EX_DE"
exit_is 69 "a rejected recipient (550)"
has "$T/err" "550 5.1.1" "the server's reason is shown"
is 0 "$(nmail)" "nothing accepted"
is 1 "$(njournal)" "the failed attempt is journaled"
entry 1 >"$T/e"
has "$T/e" "failed | " "status failed"
has "$T/e" "550 5.1.1 <gone@example.net>: Recipient address rejected" "with the server's reason"

run "$OBJECTOR" send --to busy@example.net "$EX_DE"
exit_is 75 "a temporary failure (451)"
has "$T/err" "451 4.3.0" "the server's reason is shown"
entry 2 >"$T/e"
has "$T/e" "failed | " "journaled as failed"
has "$T/e" "451 4.3.0" "with the 451 reply"

# A failed attempt does not block the real send later.
run "$OBJECTOR" send --to ok@example.net "$EX_DE"
exit_is 0 "a good recipient still works"

export OBJECTOR_SMTP_PASSWORD=wrong
run "$OBJECTOR" send --to other@example.net "$EX_DE"
exit_is 77 "a wrong password"
has "$T/err" "authentication failed" "says authentication failed"
hasnt "$T/err" "wrong" "does not print the password"
is 1 "$(nmail)" "nothing more accepted"
entry 4 >"$T/e"
has "$T/e" "authentication failed" "journaled with the reason"
hasnt "$JOURNAL" "wrong" "the password is not in the journal"
export OBJECTOR_SMTP_PASSWORD=pw

# Connection refused: a port nobody listens on any more.
stop_smtpd
run "$OBJECTOR" send --to refused@example.net "$EX_DE"
exit_is 75 "connection refused"
has "$T/err" "cannot reach 127.0.0.1:$PORT" "names the server"
entry 5 >"$T/e"
has "$T/e" "failed | cannot reach" "journaled with the reason"

# A server without STARTTLS: refused before anything is sent.
start_smtpd --user zoe@example.org --password pw
write_config
n0=$(njournal)
run "$OBJECTOR" send --to plain@example.net "$EX_DE"
exit_is 69 "no STARTTLS under security: starttls"
has "$T/err" "does not offer STARTTLS" "says so"
is 0 "$(nmail)" "nothing sent in plain text"
is $((n0 + 1)) "$(njournal)" "the attempt is journaled"

# A server that does not offer AUTH while a user name is configured.
start_smtpd $(tls_args) --no-auth
write_config
run "$OBJECTOR" send --to noauth@example.net "$EX_DE"
exit_is 77 "no AUTH offered"
has "$T/err" "offers no authentication" "says so"
is 0 "$(nmail)" "nothing sent unauthenticated"

# A certificate from a CA we were not told about.
start_smtpd $(tls_args) --user zoe@example.org --password pw
write_config
sed -i '/ca_file/d' "$CONFIG"
run "$OBJECTOR" send --to untrusted@example.net "$EX_DE"
exit_is 69 "an untrusted certificate"
has "$T/err" "could not be verified" "a clear TLS message"
is 0 "$(nmail)" "nothing sent"

# Implicit TLS (smtps) works.
start_smtpd $(tls_args) --implicit-tls --user zoe@example.org --password pw
write_config tls
run "$OBJECTOR" send --to tls@example.net "$EX_DE"
exit_is 0 "implicit TLS"
is 1 "$(nmail)" "received over implicit TLS"

# A server that never answers: the timeout.
start_smtpd --stall
write_config starttls
sed -i 's/timeout: 5/timeout: 2/' "$CONFIG"
run "$OBJECTOR" send --to stall@example.net "$EX_DE"
exit_is 75 "a server that does not answer (timeout)"

# Header injection: refused before anything happens.
start_smtpd $(tls_args) --user zoe@example.org --password pw
write_config
n0=$(njournal)
run "$OBJECTOR" send --to 'x@example.net
Bcc: victim@example.com' "$EX_DE"
exit_is 65 "an address with a line break"
has "$T/err" "line break" "says why"
run "$OBJECTOR" send --to 'x@example.net>, <victim@example.com' "$EX_DE"
exit_is 65 "an address smuggling a second one"
sed 's/^  name: Joost van der Berg$/  name: "Joost\\r\\nBcc: victim@example.com"/' "$EX_OTHER" >"$T/evil.yaml"
run "$OBJECTOR" send --to x@example.net "$T/evil.yaml"
case $rc in 65) pass "a name with CR LF refused (exit 65)" ;; *) fail "a name with CR LF refused (exit $rc)" ;; esac
printf 'from: "Eve <eve@example.org>\\r\\nBcc: victim@example.com"\n' >>"$CONFIG"
sed -i '/^from: "Zo/d' "$CONFIG"
run "$OBJECTOR" send --to x@example.net "$EX_DE"
exit_is 78 "a From with CR LF in the configuration"
is 0 "$(nmail)" "nothing sent"
is "$n0" "$(njournal)" "nothing journaled"

# Configuration problems.
write_config
chmod 644 "$CONFIG"
run "$OBJECTOR" send --to x@example.net "$EX_DE"
exit_is 78 "credentials in a file others can read"
has "$T/err" "chmod 600" "says how to fix it"
write_config
echo "  prot: 25" >>"$CONFIG"
printf 'smtp:\n  host: 127.0.0.1\n  prot: 25\n' >"$CONFIG"
run "$OBJECTOR" send --to x@example.net "$EX_DE"
exit_is 78 "an unknown key"
has "$T/err" "config.yaml:3:3: unknown key 'prot'" "with FILE:LINE:COL"
run "$OBJECTOR" --config "$T/nonexistent.yaml" send --to x@example.net "$EX_DE"
exit_is 78 "a missing --config file"
rm -f "$CONFIG"
run "$OBJECTOR" send --to x@example.net "$EX_DE"
exit_is 78 "no server configured"
has "$T/err" "no SMTP server configured" "says so"
is 0 "$(nmail)" "nothing sent"
done_testing
