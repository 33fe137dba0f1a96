# SPDX-License-Identifier: GPL-3.0-or-later
# tests/e2e/send-smtp.sh: send a letter through a real SMTP server on
# loopback (STARTTLS, AUTH, a CA made for the test), then check with Python's
# email package what the server received against the journal.
. "$top_srcdir/tests/e2e/send-lib.sh"
need_smtpd
make_ca
start_smtpd $(tls_args) --user zoe@example.org --password 's3cret pass' --require-auth
write_config
export OBJECTOR_SMTP_PASSWORD='s3cret pass'

run "$OBJECTOR" send --to dpo@linkedin.example --eml "$T/sent.eml" "$EX_DE"
exit_is 0 "send over STARTTLS with AUTH"
has "$T/out" "sent OBJ-2026-" "says it was sent"
has "$T/out" "queued as" "shows the server's reply"
has "$T/out" "answer due by 2026-12-29" "shows the due date"
has "$T/out" "next: when the answer comes, objector reply " "and the next step"
is 1 "$(nmail)" "the server received one message"
hasnt "$T/err" "s3cret" "the password is not printed"

# What the server received, checked by Python.
"$PY" - "$MAILDIR/1.eml" "$MAILDIR/1.json" "$JOURNAL" "$T/sent.eml" >"$T/py" 2>&1 <<'PYEOF'
import email, email.policy, hashlib, json, sys, yaml
raw = open(sys.argv[1], "rb").read()
env = json.load(open(sys.argv[2]))
docs = [d for d in yaml.safe_load_all(open(sys.argv[3])) if d]
sent = open(sys.argv[4], "rb").read()
m = email.message_from_bytes(raw, policy=email.policy.default)
def check(cond, name):
    print(("ok - " if cond else "FAIL - ") + name)
check(all(not p.defects for p in m.walk()), "no MIME defects")
check(m.get_content_type() == "multipart/mixed", "multipart/mixed")
check(m["MIME-Version"] == "1.0", "MIME-Version")
e = docs[-1]
check("OBJ-2026-" in m["Subject"] and e["reference"] in m["Subject"], "subject decodes and holds the reference")
check(m["Subject"].startswith("Widerspruch gegen die Verwendung"), "German subject decoded")
check(m["From"].addresses[0].display_name == "Zoë Łukasiewicz-Øster", "From display name decoded")
check(m["To"].addresses[0].addr_spec == "dpo@linkedin.example", "To")
check(m["Cc"].addresses[0].addr_spec == "zoe@example.org", "Cc to the sender")
check(m["Date"] is not None and m["Date"].datetime is not None, "Date parses")
body = m.get_body(("plain",))
check(body.get_content_charset() == "utf-8", "text/plain; charset=UTF-8")
check("Zoë Łukasiewicz-Øster" in body.get_content(), "letter text decoded")
att = [p for p in m.iter_attachments()]
check(len(att) == 1 and att[0].get_content_type() == "application/pdf", "one PDF attachment")
pdf = att[0].get_payload(decode=True)
check(att[0].get_filename() == "objection-linkedin-eea-2026-11-29.pdf", "attachment file name")
check(pdf == open(e["pdf"], "rb").read(), "attachment byte-identical to the journaled PDF")
check(hashlib.sha256(pdf).hexdigest() == e["sha256"], "journal SHA-256 is the attachment's")
check(e["message_id"] == m["Message-ID"], "journal Message-ID is the message's")
check(e["reply"] == env["reply"], "journal has the server's final reply")
check(e["status"] == "sent" and e["method"] == "email", "journal status sent, method email")
check(e["recipient"] == "dpo@linkedin.example" and e["due"] == "2026-12-29", "journal recipient and due date")
check(e["jurisdiction"] == "eea" and e["controller"] == "linkedin", "journal jurisdiction and controller")
check(env["tls"] and env["authenticated"], "sent over TLS, authenticated")
check(sorted(env["rcpt_tos"]) == ["dpo@linkedin.example", "zoe@example.org"], "envelope recipients")
check(raw.replace(b"\r\n", b"\n") == sent.replace(b"\r\n", b"\n"), "--eml holds the bytes that were sent")
check(max(len(l) for l in sent.split(b"\r\n")) <= 78, "lines <= 78")
PYEOF
while read -r line; do
	case $line in
	"ok - "*) pass "${line#ok - }" ;;
	*) fail "$line" ;;
	esac
done <"$T/py"

mode=$(stat -c %a "$JOURNAL")
is 600 "$mode" "journal is 0600"
pdfpath=$(sed -n "s/^pdf: '\(.*\)'$/\1/p" "$JOURNAL")
is 600 "$(stat -c %a "$pdfpath")" "stored PDF is 0600"
hasnt "$JOURNAL" "s3cret" "no secret in the journal"

# The same letter to the same address again: refused, nothing sent.
run "$OBJECTOR" send --to dpo@linkedin.example "$EX_DE"
exit_is 64 "second send without --force refused"
has "$T/err" "--force" "the message says how"
is 1 "$(nmail)" "nothing sent the second time"
is 1 "$(njournal)" "nothing journaled the second time"

run "$OBJECTOR" send --force --to dpo@linkedin.example "$EX_DE"
exit_is 0 "--force sends again"
is 2 "$(nmail)" "second message received"
is 2 "$(njournal)" "second entry journaled"

# Two letters in one run share one connection.
before=$(wc -l <"$MAILDIR/connections")
run "$OBJECTOR" send --to privacy@example.net "$EX_UK" "$EX_OTHER"
exit_is 0 "two letters in one run"
after=$(wc -l <"$MAILDIR/connections")
is 1 "$((after - before))" "one connection for both"
is 4 "$(nmail)" "both received"
"$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["rcpt_tos"][0])' "$MAILDIR/4.json" >"$T/rcpt"
has "$T/rcpt" "privacy@example.net" "the inline controller's letter went to --to"

# A PDF of one's own with a non-ASCII name: RFC 2231 file name.
cp "$pdfpath" "$T/Widerspruch Zoë.pdf"
run "$OBJECTOR" send --force --pdf "$T/Widerspruch Zoë.pdf" --to dpo@linkedin.example "$EX_DE"
exit_is 0 "send with --pdf"
"$PY" - "$MAILDIR/5.eml" "$T/Widerspruch Zoë.pdf" >"$T/py" <<'PYEOF'
import email, email.policy, sys
m = email.message_from_bytes(open(sys.argv[1], "rb").read(), policy=email.policy.default)
a = next(m.iter_attachments())
print("ok" if a.get_filename() == "Widerspruch Zoë.pdf" and a.get_payload(decode=True) == open(sys.argv[2], "rb").read() else "no")
PYEOF
is ok "$(cat "$T/py")" "non-ASCII attachment name decoded, bytes identical"
has "$JOURNAL" "Widerspruch Zoë.pdf" "journal names the given PDF"

# password_command instead of the environment.
unset OBJECTOR_SMTP_PASSWORD
printf 's3cret pass\nsecond line\n' >"$T/pw"
write_config starttls "  password_command: cat '$T/pw'"
run "$OBJECTOR" send --force --to dpo@linkedin.example "$EX_DE"
exit_is 0 "password from password_command"

# The log.
run "$OBJECTOR" log
exit_is 0 "log"
has "$T/out" "waiting, 30 days left" "log shows what is waiting"
OBJECTOR_TODAY=2027-01-05 run "$OBJECTOR" log --due
has "$T/out" "OVERDUE by 7 days" "log --due shows what is overdue"
done_testing
