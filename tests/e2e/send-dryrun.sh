# SPDX-License-Identifier: GPL-3.0-or-later
# tests/e2e/send-dryrun.sh: --dry-run, the recipient rules, --via post and
# --via webform (no SMTP server involved except to prove nothing reached it).
. "$top_srcdir/tests/e2e/send-lib.sh"
need_smtpd
make_ca
start_smtpd $(tls_args) --user zoe@example.org --password pw
write_config
export OBJECTOR_SMTP_PASSWORD=pw

run "$OBJECTOR" send --dry-run --to dpo@linkedin.example "$EX_DE"
exit_is 0 "--dry-run"
[ ! -e "$MAILDIR/connections" ]; ok $? "--dry-run does not connect"
[ ! -e "$JOURNAL" ]; ok $? "--dry-run journals nothing"
"$PY" - "$T/out" >"$T/py" <<'PYEOF'
import email, email.policy, sys
raw = open(sys.argv[1], "rb").read()
m = email.message_from_bytes(raw, policy=email.policy.default)
ok = (not any(p.defects for p in m.walk()) and "OBJ-2026-" in m["Subject"]
      and b"\n" not in raw.replace(b"\r\n", b"") and next(m.iter_attachments()).get_payload(decode=True).startswith(b"%PDF-"))
print("ok" if ok else "no")
PYEOF
is ok "$(cat "$T/py")" "--dry-run prints a valid RFC 5322 message with CRLF lines"

# Without a configuration, --dry-run still works: From is the requester.
mv "$CONFIG" "$T/config.saved"
run "$OBJECTOR" send -n --to dpo@linkedin.example "$EX_DE"
exit_is 0 "--dry-run without a configuration"
has "$T/out" "<zoe@example.org>" "From is the requester's address"
mv "$T/config.saved" "$CONFIG"

# LinkedIn publishes no address: nothing sent, the plan instead (and --to).
run "$OBJECTOR" send "$EX_DE"
exit_is 64 "no e-mail address for LinkedIn"
has "$T/err" "--to ADDRESS" "says to use --to"
has "$T/err" "How to object to LinkedIn" "gives the plan"
has "$T/err" "--via webform" "or the web form"
has "$T/err" "https://www.linkedin.com/help/linkedin/ask/" "naming the form"

# The inline controller's own address is used.
run "$OBJECTOR" send -n "$EX_OTHER"
exit_is 0 "inline controller with an e-mail address"
has "$T/out" "To: privacy@example.com" "addressed to the controller's e-mail"

# --eml without sending? no: --eml goes with a real send; usage errors.
run "$OBJECTOR" send --via post --to x@example.net "$EX_DE"
exit_is 64 "--to with --via post is a usage error"
run "$OBJECTOR" send --via fax "$EX_DE"
exit_is 64 "unknown --via"
run "$OBJECTOR" send
exit_is 64 "no answers file"
run "$OBJECTOR" send -n --to x@example.net "$T/missing.yaml"
exit_is 66 "a missing answers file"

# --via post journals the posting (with a tracking number).
run "$OBJECTOR" send --via post --tracking RR123456789DE "$EX_DE"
exit_is 0 "--via post"
has "$T/out" "answer due by 2026-12-29" "post: due date"
has "$T/out" "next: the answer is due counted from delivery: once the letter has arrived, objector delivered " "post: the next step"
has "$JOURNAL" "method: 'post'" "journaled as post"
has "$JOURNAL" "tracking: 'RR123456789DE'" "with the tracking number"
run "$OBJECTOR" send --via post "$EX_DE"
exit_is 64 "posting the same letter again needs --force"
has "$T/err" "already posted" "says it was posted"

# --via webform: shows the form and the text, journals only when confirmed.
echo n | "$OBJECTOR" send --via webform "$EX_UK" >"$T/out" 2>"$T/err"
rc=$?
exit_is 0 "webform, not confirmed"
has "$T/out" "https://www.linkedin.com/help/linkedin/ask/TS-DPRO" "shows the form's address"
has "$T/out" "I object under Article 21(1) UK GDPR" "shows the short text to paste"
has "$T/err" "not journaled" "says nothing was journaled"
is 1 "$(njournal)" "nothing journaled without confirmation"
echo y | "$OBJECTOR" send --via webform "$EX_UK" >"$T/out" 2>"$T/err"
rc=$?
exit_is 0 "webform, confirmed with piped input"
is 2 "$(njournal)" "journaled once confirmed"
has "$JOURNAL" "method: 'webform'" "as webform"
run "$OBJECTOR" send --via webform --yes "$EX_UK"
exit_is 64 "the same form again needs --force"
run "$OBJECTOR" send --via webform --yes --force "$EX_UK" </dev/null
exit_is 0 "--yes confirms without asking"
is 3 "$(njournal)" "journaled"
[ ! -e "$MAILDIR/connections" ]; ok $? "no SMTP connection for post and webform"
done_testing
