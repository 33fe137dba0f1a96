# SPDX-License-Identifier: GPL-3.0-or-later
# tests/e2e/config.sh: `objector config init` (piped answers: the file, its
# mode, no password, --force, a provider's suggestion) and `objector config
# test` against the loopback SMTP server (STARTTLS and AUTH, implicit TLS, a
# wrong password, no STARTTLS, nothing listening), which must never send.
. "$top_srcdir/tests/e2e/send-lib.sh"

CFG="$XDG_CONFIG_HOME/objector/config.yaml"

# ---- config init ----------------------------------------------------------
printf '%s\n' "Zoë Łukasiewicz-Øster" "zoe@gmail.com" "" "" "" "" "pass show mail/zoe" >"$T/in"
run "$OBJECTOR" config init <"$T/in"
exit_is 0 "config init, piped"
is 600 "$(stat -c %a "$CFG")" "the configuration file is 0600"
has "$T/err" "Gmail documents: server smtp.gmail.com, port 587, security starttls" "suggests Gmail's documented settings"
has "$T/err" "developers.google.com" "names the source of the suggestion"
has "$T/err" "SMTP server [smtp.gmail.com]" "the suggestion is the default"
has "$T/out" "objector config test" "says how to test it"
"$PY" - "$CFG" >"$T/py" 2>&1 <<'PYEOF'
import sys, yaml
d = yaml.safe_load(open(sys.argv[1]))
want = {"smtp": {"host": "smtp.gmail.com", "port": 587, "security": "starttls",
                 "username": "zoe@gmail.com", "password_command": "pass show mail/zoe"},
        "from": "Zoë Łukasiewicz-Øster <zoe@gmail.com>"}
print("ok" if d == want else "got %r" % d)
PYEOF
is ok "$(cat "$T/py")" "the file holds exactly the answers"
hasnt "$CFG" "password:" "no password key in the file"

# An existing file is kept without --force.
cp "$CFG" "$T/before"
printf '%s\n' "Other" "other@example.org" >"$T/in"
run "$OBJECTOR" config init <"$T/in"
exit_is 73 "an existing configuration is not replaced"
has "$T/err" "--force" "the message says how to replace it"
cmp -s "$CFG" "$T/before" && pass "the file is unchanged" || fail "the file is unchanged"

# --force replaces it; an invalid answer is explained and asked again; an
# unknown domain gets smtp.DOMAIN; web.de's user name is the local part.
printf '%s\n' "Zoë" "not an address" "zoe@web.de" "" "" "" "" "" >"$T/in"
run "$OBJECTOR" config init --force <"$T/in"
exit_is 0 "config init --force replaces it"
has "$T/err" "That answer is not an e-mail address" "an invalid address is asked again"
has "$T/err" "WEB.DE documents: server smtp.web.de" "suggests WEB.DE's settings"
has "$T/err" "[zoe]" "WEB.DE: the user name defaults to the local part"
has "$CFG" 'username: "zoe"' "the user name written"
hasnt "$CFG" "  password_command:" "no password command when none was given"
has "$T/out" "OBJECTOR_SMTP_PASSWORD" "says where the password comes from then"
is 600 "$(stat -c %a "$CFG")" "still 0600 after --force"

printf '%s\n' "Ann" "ann@example.net" "" "tls" "" "-" >"$T/in"
run "$OBJECTOR" --config "$T/own.yaml" config init <"$T/in"
exit_is 0 "config init --config FILE, no authentication"
has "$T/err" "SMTP server [smtp.example.net]" "an unknown domain: smtp.DOMAIN proposed"
has "$T/own.yaml" "port: 465" "tls proposes port 465"
hasnt "$T/own.yaml" "username" "'-': no user name"
has "$T/out" "--config $T/own.yaml config test" "the test command names the file"

printf '%s\n' "Ann" >"$T/in"
run "$OBJECTOR" --config "$T/cut.yaml" config init <"$T/in"
exit_is 65 "input ending early"
[ ! -e "$T/cut.yaml" ] && pass "nothing written when the input ends" || fail "nothing written when the input ends"

# ---- config test ----------------------------------------------------------
need_smtpd
make_ca
start_smtpd $(tls_args) --user zoe@example.org --password 's3cret pass' --require-auth
write_config
export OBJECTOR_SMTP_PASSWORD='s3cret pass'

run "$OBJECTOR" config test
exit_is 0 "config test: STARTTLS and AUTH"
has "$T/out" "connected to 127.0.0.1:$PORT" "reports the connection"
has "$T/out" "STARTTLS offered" "reports STARTTLS"
has "$T/out" "TLS: TLSv1." "reports the TLS version and cipher"
has "$T/out" "server certificate verified" "reports the certificate verified"
has "$T/out" "AUTH mechanisms offered: " "reports the AUTH mechanisms"
has "$T/out" "PLAIN" "PLAIN among them"
has "$T/out" "authenticated as zoe@example.org" "reports the authentication"
has "$T/out" "QUIT: nothing was sent" "quits without sending"
is 0 "$(nmail)" "the server received no message"
hasnt "$T/out" "s3cret" "the password is not printed"
hasnt "$T/err" "s3cret" "the password is not printed on stderr"
[ ! -e "$JOURNAL" ] && pass "nothing journaled" || fail "nothing journaled"

OBJECTOR_SMTP_PASSWORD=wrong run "$OBJECTOR" config test
exit_is 77 "a wrong password"
has "$T/err" "authentication failed" "says authentication failed"
hasnt "$T/out" "authenticated as" "no authentication reported"

# A password command, as the file written by init would name it.
unset OBJECTOR_SMTP_PASSWORD
printf '#!/bin/sh\necho "s3cret pass"\n' >"$T/pw.sh"
chmod 700 "$T/pw.sh"
write_config starttls "  password_command: $T/pw.sh"
run "$OBJECTOR" config test
exit_is 0 "the password from password_command"
export OBJECTOR_SMTP_PASSWORD='s3cret pass'

# Implicit TLS.
start_smtpd $(tls_args) --implicit-tls --user zoe@example.org --password 's3cret pass' --require-auth
write_config tls
run "$OBJECTOR" config test
exit_is 0 "config test: implicit TLS"
hasnt "$T/out" "STARTTLS" "no STARTTLS with implicit TLS"
has "$T/out" "authenticated as zoe@example.org" "authenticated over implicit TLS"
is 0 "$(nmail)" "nothing received over implicit TLS"

# A server without STARTTLS while the configuration says starttls: refused
# before AUTH, as send refuses it (69).
start_smtpd --user zoe@example.org --password 's3cret pass' --auth-plaintext
write_config starttls
run "$OBJECTOR" config test
exit_is 69 "no STARTTLS offered with security: starttls"
has "$T/err" "does not offer STARTTLS" "says STARTTLS is missing"
hasnt "$T/out" "authenticated" "the password did not go out in plain text"

# Nothing listening: temporary failure.
stop_smtpd
run "$OBJECTOR" config test
exit_is 75 "unreachable server"
has "$T/err" "cannot reach 127.0.0.1:$PORT" "says it cannot reach the server"

# No server configured.
printf 'from: "Zoë <zoe@example.org>"\n' >"$CONFIG"
run "$OBJECTOR" config test
exit_is 78 "no smtp server configured"
has "$T/err" "objector config init" "points at config init"

run "$OBJECTOR" config frobnicate
exit_is 64 "an unknown config action"
run "$OBJECTOR" config test --force
exit_is 64 "--force is only for init"

done_testing
