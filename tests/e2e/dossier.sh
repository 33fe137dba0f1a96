# SPDX-License-Identifier: GPL-3.0-or-later
# tests/e2e/dossier.sh: whole cases with a fixed clock (OBJECTOR_NOW), walked
# to the evidence dossier:
#   1. a letter e-mailed to the loopback SMTP server, a reply with an attached
#      PDF and an .eml, a reminder sent by e-mail after the due date; then
#      `objector dossier REF` checked with pdfinfo, pdfdetach -list (names and
#      count), pdfdetach -saveall compared byte for byte with the stored
#      originals, qpdf --check and pdftotext (the timeline, the hashes, the
#      Message-ID, the rendering's note); refusals (an existing output, an
#      unknown reference) and a journal whose stored files are gone (listed
#      as missing, not fatal);
#   2. posted letters, delivered, and a reply of each outcome (complied
#      partial refused extended acknowledged) walked through `log REF`
#      states, each with its dossier; the calendar (`log --format ics`) of
#      those cases parsed by python3-icalendar.
top_srcdir=$(cd "${top_srcdir:-.}" && pwd)
. "$top_srcdir/tests/e2e/send-lib.sh"
case $OBJECTOR in /*) ;; *) OBJECTOR=$(pwd)/$OBJECTOR ;; esac
need_smtpd
for tool in pdfinfo pdfdetach pdftotext qpdf; do
	command -v $tool >/dev/null || { echo "1..0 # SKIP needs $tool"; exit 0; }
done
make_ca
start_smtpd $(tls_args) --user zoe@example.org --password 'pw' --require-auth
write_config
export OBJECTOR_SMTP_PASSWORD='pw'
S="$XDG_STATE_HOME/objector"
at() { export OBJECTOR_TODAY="$1" OBJECTOR_NOW="$1T10:00:00Z"; }
cd "$T" || exit 1

# 1. e-mail, reply with files, reminder, dossier
at 2026-11-29
run "$OBJECTOR" send --to dpo@linkedin.example "$EX_DE"
exit_is 0 "sent by e-mail"
REF=$(sed -n 's/^sent \(OBJ-[0-9A-Z-]*\) .*/\1/p' "$T/out")
[ -n "$REF" ] && pass "the reference" || fail "the reference"
mid=$(sed -n "s/^message_id: '\(.*\)'/\1/p" "$JOURNAL" | head -1)
pdf=$(sed -n "s/^pdf: '\(.*\)'/\1/p" "$JOURNAL" | head -1)
eml=$(sed -n "s/^eml: '\(.*\)'/\1/p" "$JOURNAL" | head -1)
sha=$(sed -n "s/^sha256: '\(.*\)'/\1/p" "$JOURNAL" | head -1)
server=$(sed -n "s/^reply: '\(.*\)'/\1/p" "$JOURNAL" | head -1)

at 2026-12-10
printf '%%PDF-1.4\n%% the company answers\n%%%%EOF\n' >"$T/Antwort vom 10.12.pdf"
cp "$MAILDIR/1.eml" "$T/answer.eml"
run "$OBJECTOR" reply "$REF" --outcome extended --received 2026-12-09 --attach "$T/Antwort vom 10.12.pdf" \
	--attach "$T/answer.eml" --note "they need two more months"
exit_is 0 "reply with two files"
att=$(sed -n "s/^attachments: '\(.*\)'/\1/p" "$JOURNAL")

at 2027-03-02
run "$OBJECTOR" remind "$REF" --send -o "$T/r.pdf"
exit_is 0 "the reminder sent after the extended due date"
is 2 "$(nmail)" "the server received the reminder"
rmid=$(sed -n "s/^message_id: '\(.*\)'/\1/p" "$JOURNAL" | sed -n 2p)
rpdf=$(sed -n "s/^pdf: '\(.*\)'/\1/p" "$JOURNAL" | sed -n 2p)
reml=$(sed -n "s/^eml: '\(.*\)'/\1/p" "$JOURNAL" | sed -n 2p)

at 2027-03-05
run "$OBJECTOR" log "$REF"
has "$T/out" "state: reminded (new deadline 2027-03-16)" "log: reminded"
has "$T/out" "next: if the new deadline passes: objector complain $REF" "log: the next step names the command"
cp "$JOURNAL" "$T/journal-before"
run "$OBJECTOR" dossier "$REF"
exit_is 0 "dossier"
D="$T/dossier-$REF.pdf"
[ -f "$D" ] && pass "the default name dossier-REF.pdf" || fail "dossier-REF.pdf"
is 600 "$(stat -c %a "$D" 2>/dev/null)" "the dossier is 0600"
has "$T/out" "6 files embedded; the letter rendered from its answers" "says what it embedded"
cmp -s "$JOURNAL" "$T/journal-before" && pass "the journal is untouched" || fail "the journal is untouched"
run pdfinfo "$D"
exit_is 0 "pdfinfo reads it"
grep -q "^Title: *Dossier of case $REF$" "$T/out" && pass "its title" || fail "its title"
grep -q "^Keywords: *$REF$" "$T/out" && pass "its keywords: the reference" || fail "keywords"
pages=$(sed -n 's/^Pages: *//p' "$T/out")
[ "${pages:-0}" -ge 3 ] && pass "summary and letter pages ($pages)" || fail "pages: $pages"
run qpdf --check "$D"
exit_is 0 "qpdf --check"
has "$T/out" "No syntax or stream encoding errors found" "qpdf finds no errors"
run pdfdetach -list "$D"
exit_is 0 "pdfdetach -list"
has "$T/out" "6 embedded files" "six embedded files: two letters, two messages, two reply files"
has "$T/out" "$(basename "$pdf")" "the letter's stored PDF"
has "$T/out" "$(basename "$eml")" "its exact .eml"
has "$T/out" "$(basename "$reml")" "the reminder's .eml"
for a in $(printf '%s\n' "$att" | tr ',' '\n' | sed -n 's/^ *\([^ ]*\) sha256:.*/\1/p'); do
	has "$T/out" "$(basename "$a")" "the reply's file $(basename "$a")"
done
[ "$rpdf" = "$pdf" ] || has "$T/out" "$(basename "$rpdf")" "the reminder's stored PDF"
mkdir "$T/x"
run pdfdetach -saveall -o "$T/x" "$D"
exit_is 0 "pdfdetach -saveall"
cmp -s "$T/x/$(basename "$pdf")" "$pdf" && pass "the letter's PDF, byte for byte" || fail "the letter's PDF"
cmp -s "$T/x/$(basename "$eml")" "$S/$eml" && pass "the .eml, byte for byte" || fail "the .eml"
grep -q "^Message-ID: $mid" "$T/x/$(basename "$eml")" && pass "the embedded .eml is the message sent" ||
	fail "the embedded .eml's Message-ID"
cmp -s "$T/x/$(basename "$reml")" "$S/$reml" && pass "the reminder's .eml, byte for byte" || fail "the reminder's .eml"
cmp -s "$T/x/$(basename "$rpdf")" "$rpdf" && pass "the reminder's PDF, byte for byte" || fail "the reminder's PDF"
for a in $(printf '%s\n' "$att" | tr ',' '\n' | sed -n 's/^ *\([^ ]*\) sha256:.*/\1/p'); do
	cmp -s "$T/x/$(basename "$a")" "$S/$a" && pass "reply file $(basename "$a"), byte for byte" ||
		fail "reply file $(basename "$a")"
done
cmp -s "$T/x/$(ls "$T/x" | grep 'Antwort')" "$T/Antwort vom 10.12.pdf" && pass "the reply's PDF is the file given" ||
	fail "the reply's PDF is the file given"
qpdf --qdf --object-streams=disable "$D" "$T/qdf.pdf"	# the dictionaries readable
"$PY" - "$T/qdf.pdf" >"$T/spec" 2>&1 <<'EOF'
import re, sys, zlib
d = open(sys.argv[1], 'rb').read()
print(len(re.findall(rb'/Type /Filespec', d)), 'filespecs')
print(len(re.findall(rb'/Subtype /application#2[Ff]pdf', d)), 'pdf')
print(len(re.findall(rb'/Subtype /message#2[Ff]rfc822', d)), 'rfc822')
print(len(re.findall(rb'/Params <<\s*/Size \d+', d)) >= 6 and 'sizes' or 'no sizes')
EOF
has "$T/spec" "6 filespecs" "every attachment is a /Filespec"
has "$T/spec" "3 pdf" "three application/pdf"
has "$T/spec" "3 rfc822" "three message/rfc822"
has "$T/spec" "sizes" "their sizes"

pdftotext -layout "$D" "$T/d.txt"
tr -s '\n ' '  ' <"$T/d.txt" >"$T/d1.txt"	# one line: phrases wrapped over lines
has "$T/d.txt" "Dossier of case $REF" "text: the title"
has "$T/d.txt" "Requester: Zoë Łukasiewicz-Øster <zoe@example.org>" "text: the requester"
has "$T/d.txt" "LinkedIn" "text: the company"
has "$T/d.txt" "Article 12(3) GDPR" "text: the due date's basis"
has "$T/d.txt" "Answer due by 2027-03-01" "text: the extended due date (a Sunday: the Monday)"
has "$T/d.txt" "2026-11-29" "text: the sending day"
has "$T/d.txt" "Message-ID: $mid" "text: the letter's Message-ID"
has "$T/d.txt" "Message-ID: $rmid" "text: the reminder's Message-ID"
has "$T/d.txt" "$server" "text: the server's reply"
has "$T/d.txt" "stored PDF (SHA-256 as journaled)" "text: the letter's SHA-256, checked"
has "$T/d.txt" "SHA-256 $sha" "text: the letter's SHA-256"
has "$T/d.txt" "outcome: extended" "text: the reply's outcome"
has "$T/d.txt" "note: they need two more months" "text: the note"
has "$T/d.txt" "new deadline set: 2027-03-16" "text: the reminder's deadline"
# the letter has embedded fonts: the stored PDF keeps its creation date in a
# compressed object stream, and the rendering is compared stream by stream
has "$T/d1.txt" "the rendering matches the stored file: the same page contents, fonts and images" "text: the rendering matches"
has "$T/d1.txt" "A rendering of $REF made on 2027-03-05 from the stored answers, not the stored file: its pages match that file's (contents, fonts, images)." "the note on the letter's pages"
has "$T/d.txt" "page 1 of" "numbered pages"
tl=$(grep -n "Timeline and proof" "$T/d.txt" | head -1 | cut -d: -f1)
[ -n "$tl" ] && pass "the timeline" || fail "the timeline"
order=$(grep -o "the letter sent by email\|reply received: extended\|reminder sent" "$T/d.txt" | tr '\n' '|')
is "the letter sent by email|reply received: extended|reminder sent|" "$order" "the timeline in order"
# the letter itself, as rendered, after the summary
grep -q "$REF" "$T/d.txt" && grep -q "Widerspruch\|widerspreche" "$T/d.txt" && pass "the letter's text (German)" ||
	fail "the letter's text"
if command -v pdftoppm >/dev/null; then
	pdftoppm -png -r 60 -f 1 -l 1 "$D" "$T/first" && pass "the first page renders" || fail "pdftoppm"
	[ -n "${DOSSIER_PNG:-}" ] && cp "$T"/first*.png "$DOSSIER_PNG"
fi

run "$OBJECTOR" dossier "$REF"
exit_is 73 "an existing dossier is not overwritten"
run "$OBJECTOR" dossier "$REF" --force -o "$T/again.pdf"
exit_is 0 "-o FILE"
run "$OBJECTOR" dossier "$REF" --force
exit_is 0 "--force overwrites"
run "$OBJECTOR" dossier OBJ-2026-NOSUCHXX
exit_is 65 "unknown reference"
has "$T/err" "unknown reference OBJ-2026-NOSUCHXX: not in the journal $JOURNAL" "names it and the journal"
[ ! -e "$T/dossier-OBJ-2026-NOSUCHXX.pdf" ] && pass "nothing written" || fail "nothing written"

# stored files gone, the answers copy too: listed as missing, not fatal
mv "$S/letters" "$S/letters.away"
run "$OBJECTOR" dossier "$REF" -o "$T/missing.pdf"
exit_is 0 "the stored files gone"
has "$T/out" "missing (listed in the dossier)" "says so"
has "$T/out" "the letter not rendered" "the letter cannot be rendered"
pdftotext "$T/missing.pdf" "$T/m.txt"
has "$T/m.txt" "MISSING" "the dossier lists them as missing"
run pdfdetach -list "$T/missing.pdf"
has "$T/out" "2 embedded files" "the reply's files are still embedded"
run "$OBJECTOR" dossier "$REF" -o "$T/answers.pdf" --answers "$EX_DE"
exit_is 0 "--answers renders the letter of an older journal"
has "$T/out" "the letter rendered" "rendered"
pdftotext "$T/answers.pdf" "$T/a.txt"
has "$T/a.txt" "the stored file is missing" "and says the stored file is missing"
has "$T/m.txt" "Requester: Zoë Łukasiewicz-Øster <zoe@example.org>" "without the answers: the requester as journaled"
mv "$S/letters.away" "$S/letters"
# a stored file changed after it was journaled
cp "$pdf" "$T/pdf.keep"
printf 'x' >>"$pdf"
run "$OBJECTOR" dossier "$REF" -o "$T/changed.pdf"
exit_is 0 "a changed file"
pdftotext "$T/changed.pdf" "$T/c.txt"
has "$T/c.txt" "DIFFERS from the journal" "is named as changed"
cp "$T/pdf.keep" "$pdf"

# 2. posted letters, delivered, a reply of each outcome
stop_smtpd
i=0
for outcome in complied partial refused extended acknowledged; do
	i=$((i + 1))
	a="$T/post-$outcome.yaml"
	sed "s/^  name: .*/  name: Post Case $outcome/; /^date:/d" "$EX_UK" >"$a"
	at 2026-11-2$i
	run "$OBJECTOR" send --via post --tracking "RR00$i" "$a"
	exit_is 0 "$outcome: posted"
	ref=$(sed -n 's/^journaled \(OBJ-[0-9A-Z-]*\) .*/\1/p' "$T/out")
	eval "REF_$outcome=$ref"
	run "$OBJECTOR" log "$ref"
	has "$T/out" "objector delivered $ref --date DATE" "$outcome: waiting for the delivery"
	at 2026-12-0$i
	run "$OBJECTOR" delivered "$ref" --date 2026-12-0$i
	exit_is 0 "$outcome: delivered"
	run "$OBJECTOR" log "$ref"
	has "$T/out" "state: waiting" "$outcome: waiting after the delivery"
	has "$T/out" "counted from receipt on 2026-12-0$i" "$outcome: counted from the delivery"
	at 2026-12-20
	printf 'Reply %s\n' "$outcome" >"$T/reply-$outcome.txt"
	run "$OBJECTOR" reply "$ref" --outcome "$outcome" --received 2026-12-1$i --attach "$T/reply-$outcome.txt" \
		--note "answer $outcome"
	exit_is 0 "$outcome: reply"
	run "$OBJECTOR" log "$ref"
	case $outcome in
	complied | partial | refused) has "$T/out" "state: answered: $outcome" "$outcome: log says answered" ;;
	extended) has "$T/out" "(extended)" "extended: log says so"
		has "$T/out" "extended: Article 12A UK GDPR" "extended: the basis of the extension" ;;
	acknowledged) has "$T/out" "(acknowledged)" "acknowledged: still waiting" ;;
	esac
	case $outcome in
	partial | refused) has "$T/out" "next: if the answer does not satisfy you: objector complain $ref" \
		"$outcome: the next step names complain" ;;
	complied) hasnt "$T/out" "next:" "complied: no next step" ;;
	*) has "$T/out" "objector reply $ref" "$outcome: the next step names reply" ;;
	esac
	run "$OBJECTOR" dossier "$ref" -o "$T/d-$outcome.pdf"
	exit_is 0 "$outcome: dossier"
	qpdf --check "$T/d-$outcome.pdf" >/dev/null 2>&1 && pass "$outcome: qpdf --check" || fail "$outcome: qpdf"
	run pdfdetach -list "$T/d-$outcome.pdf"
	has "$T/out" "2 embedded files" "$outcome: the posted letter and the reply's file"
	pdftotext "$T/d-$outcome.pdf" - | tr -s '\n ' '  ' >"$T/d-$outcome.txt"
	has "$T/d-$outcome.txt" "tracking number: RR00$i" "$outcome: the tracking number"
	has "$T/d-$outcome.txt" "the posted letter was delivered" "$outcome: the delivery"
	has "$T/d-$outcome.txt" "outcome: $outcome" "$outcome: the outcome"
	has "$T/d-$outcome.txt" "note: answer $outcome" "$outcome: the note"
	has "$T/d-$outcome.txt" "the delivery of the posted letter" "$outcome: the due date counts from delivery"
	has "$T/d-$outcome.txt" "UK GDPR" "$outcome: the law"
	has "$T/d-$outcome.txt" "it matches that file byte for byte" "$outcome: the rendering, dated the sending day, matches"
done
at 2027-04-01
run "$OBJECTOR" log "$REF_acknowledged"
has "$T/out" "OVERDUE" "acknowledged, and the due date passed: overdue"
has "$T/out" "objector remind $REF_acknowledged" "the next step names remind"

# the calendar of these cases, read by a real parser
run "$OBJECTOR" log --format ics
exit_is 0 "log --format ics"
cp "$T/out" "$T/cal.ics"
if "$PY" -c 'import icalendar' 2>/dev/null; then
	"$PY" - "$T/cal.ics" "$REF" "$REF_extended" "$REF_acknowledged" >"$T/ics" 2>&1 <<'EOF'
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
ev = {str(e.get('uid')): e for e in cal.walk('VEVENT')}
print(len(ev), 'events')
for ref in sys.argv[2:]:
    e = [v for k, v in ev.items() if ref in k or ref in str(v.get('summary')) or ref in str(v.get('description'))]
    print(ref, 'found' if e else 'absent', e[0].decoded('dtstart') if e else '', 'alarm' if e and e[0].walk('VALARM') else '')
EOF
	has "$T/ics" "$REF found" "ics: the e-mailed case"
	has "$T/ics" "$REF_extended found 2027-03-04" "ics: the extended case, due two months later (delivered 2026-12-04)"
	has "$T/ics" "$REF_acknowledged found" "ics: the acknowledged case"
	has "$T/ics" "alarm" "ics: with an alarm"
	hasnt "$T/ics" "Traceback" "ics: parsed"
else
	pass "# SKIP python3-icalendar not installed"
fi
done_testing
