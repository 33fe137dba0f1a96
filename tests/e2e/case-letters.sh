# SPDX-License-Identifier: GPL-3.0-or-later
# tests/e2e/case-letters.sh: whole cases with a fixed clock (OBJECTOR_NOW):
# a letter e-mailed to the loopback SMTP server (the answers and the exact
# .eml kept beside the PDF and journaled), a reminder refused before the due
# date, written and sent by e-mail after it (what the server received), a
# complaint; a posted letter with a later delivery; refusals (unknown
# reference, no answers copy); and every reminder and complaint template in
# every language it has, each from a case of its own (text output: the
# reference, the dates, the authority).
. "$top_srcdir/tests/e2e/send-lib.sh"
need_smtpd
make_ca
start_smtpd $(tls_args) --user zoe@example.org --password 'pw' --require-auth
write_config
export OBJECTOR_SMTP_PASSWORD='pw'
S="$XDG_STATE_HOME/objector"
at() { export OBJECTOR_TODAY="$1" OBJECTOR_NOW="$1T10:00:00Z"; }

# 1. by e-mail
at 2026-11-29
run "$OBJECTOR" send --to dpo@linkedin.example "$EX_DE"
exit_is 0 "sent by e-mail"
REF=$(sed -n 's/^sent \(OBJ-[0-9A-Z-]*\) .*/\1/p' "$T/out")
[ -n "$REF" ] && pass "the reference" || fail "the reference"
ans=$(sed -n "s/^answers: '\(.*\)'/\1/p" "$JOURNAL")
eml=$(sed -n "s/^eml: '\(.*\)'/\1/p" "$JOURNAL")
case $ans in letters/$REF-*.answers.yaml) pass "answers copy journaled" ;; *) fail "answers: $ans" ;; esac
case $eml in letters/$REF-*.eml) pass "eml copy journaled" ;; *) fail "eml: $eml" ;; esac
cmp -s "$S/$ans" "$EX_DE" && pass "the answers copy is the file" || fail "the answers copy is the file"
is 600 "$(stat -c %a "$S/$ans")" "answers copy 0600"
is 600 "$(stat -c %a "$S/$eml")" "eml copy 0600"
mid=$(sed -n "s/^message_id: '\(.*\)'/\1/p" "$JOURNAL")
grep -q "^Message-ID: $mid" "$S/$eml" && pass "the eml copy is the message sent" || fail "eml Message-ID"
grep -q "$mid" "$MAILDIR/1.eml" && pass "the server has that message" || fail "server Message-ID"

run "$OBJECTOR" remind "$REF" --format text -o "$T/r.txt"
exit_is 64 "remind before the due date"
has "$T/err" "the answer is due by 2026-12-29 (today is 2026-11-29)" "says why, with the dates"
[ ! -e "$T/r.txt" ] && pass "nothing written" || fail "nothing written"

at 2027-01-05
run "$OBJECTOR" remind "$REF" --format text -o "$T/r.txt"
exit_is 0 "remind after the due date"
has "$T/out" "new deadline: 2027-01-19 (14 days: data/reminders.yaml; not a statutory period)" "the new deadline"
has "$T/r.txt" "$REF" "the reminder names the reference"
has "$T/r.txt" "29. November 2026" "the original's date (German)"
has "$T/r.txt" "19. Januar 2027" "the new deadline in the letter"
run "$OBJECTOR" remind "$REF" --send -o "$T/r.pdf"
exit_is 0 "remind --send"
has "$T/out" "sent the reminder of $REF to dpo@linkedin.example" "by e-mail to the same address"
is 2 "$(nmail)" "the server received the reminder"
grep -q "^Subject: .*$REF" "$MAILDIR/2.eml" && pass "its subject names the reference" ||
	grep -q "$REF" "$MAILDIR/2.eml" && pass "it names the reference" || fail "reminder names the reference"
has "$JOURNAL" "event: 'reminder'" "journaled as a reminder"
run "$OBJECTOR" remind "$REF" --send
exit_is 64 "a second reminder is refused"
run "$OBJECTOR" log "$REF"
has "$T/out" "remind" "log shows the reminder"
run "$OBJECTOR" complain "$REF" --format text -o "$T/c.txt"
exit_is 0 "complain"
has "$T/c.txt" "$REF" "the complaint names the reference"
has "$T/c.txt" "$mid" "and the Message-ID as evidence"
has "$T/out" "to: " "names the authority"
run "$OBJECTOR" complain "$REF" --authority nosuch
exit_is 64 "unknown authority"
run "$OBJECTOR" complain OBJ-2026-NOSUCHXX
exit_is 65 "complain: unknown reference"
has "$T/err" "OBJ-2026-NOSUCHXX" "names it"
run "$OBJECTOR" remind OBJ-2026-NOSUCHXX
exit_is 65 "remind: unknown reference"

# 2. a journal without the answers copy (an older version): --answers
P=$(grep -v '^answers:' "$JOURNAL"); printf '%s\n' "$P" >"$JOURNAL"
run "$OBJECTOR" complain "$REF" --format text -o -
exit_is 64 "no answers copy"
has "$T/err" "give them with --answers FILE" "says what to do"
run "$OBJECTOR" complain "$REF" --format text -o - --answers "$EX_DE"
exit_is 0 "--answers"

# 3. every template in every language: a posted letter each, delivered,
# reminded and complained about after the due date
for pair in eea:de eea:en eea:es eea:fr eea:it eea:nl eea:pl uk:en ch:de ch:en ch:fr ch:it \
	ca:en ca:fr-CA hk:en hk:zh-Hant; do
	jur=${pair%%:*} lang=${pair#*:}
	case $jur in eea) ex="$EX_DE" ;; *) ex="$top_srcdir/examples/$jur-linkedin.yaml" ;; esac
	a="$T/$jur-$lang.yaml"
	grep -v '^language:' "$ex" >"$a"
	echo "language: $lang" >>"$a"
	at 2026-11-29
	run "$OBJECTOR" send --via post --tracking "RR$jur$lang" "$a"
	exit_is 0 "$pair: posted"
	ref=$(sed -n 's/^journaled \(OBJ-[0-9A-Z-]*\) .*/\1/p' "$T/out")
	at 2026-12-02
	run "$OBJECTOR" delivered "$ref" --date 2026-12-01
	exit_is 0 "$pair: delivered"
	at 2027-03-10
	run "$OBJECTOR" remind "$ref" --format text -o "$T/r-$pair.txt"
	exit_is 0 "$pair: remind"
	has "$T/out" "new deadline: 2027-03-24" "$pair: the new deadline"
	has "$T/r-$pair.txt" "$ref" "$pair: the reminder names the reference"
	has "$T/r-$pair.txt" "RR$jur$lang" "$pair: and the tracking number"
	grep -q 2027 "$T/r-$pair.txt" && grep -q 2026 "$T/r-$pair.txt" && pass "$pair: dates" || fail "$pair: dates"
	run "$OBJECTOR" complain "$ref" --format text -o "$T/c-$pair.txt"
	exit_is 0 "$pair: complain"
	has "$T/c-$pair.txt" "$ref" "$pair: the complaint names the reference"
	auth=$(sed -n 's/^to: //p' "$T/out")
	[ -n "$auth" ] && grep -qF "$auth" "$T/c-$pair.txt" && pass "$pair: addressed to $auth" || fail "$pair: authority '$auth'"
	case $jur in
	uk) is "Information Commissioner's Office (ICO)" "$auth" "uk: the ICO" ;;
	ch) has "$T/out" "a report to" "ch: a report (Art. 49 FADP)" ;;
	hk) case $auth in *Privacy*) pass "hk: the PCPD" ;; *) fail "hk: $auth" ;; esac ;;
	ca) case $auth in *Privacy\ Commissioner*|*"accès à l'information"*) pass "ca: the OPC or the CAI" ;; *) fail "ca: $auth" ;; esac ;;
	esac
done
# 4. a German Land's addresses read only in a secondary source
# (data/authorities-de.yaml 'secondary'): the complaint's instructions say
# to confirm each on the authority's site; a Land whose postal address and
# e-mail were read on its own site gets no such note for them.
for land in berlin:10115:Berlin:"form email" dresden:01067:Dresden:"form" halle:06108:Halle:"address form email"; do
	name=${land%%:*} rest=${land#*:} plz=${rest%%:*} rest=${rest#*:} city=${rest%%:*} sec=${rest#*:}
	a="$T/de-$name.yaml"
	sed "s/^  address: .*/  address: [Hauptstraße 5, $plz $city]/" "$top_srcdir/tests/letters/de-berlin.yaml" >"$a"
	at 2026-11-29
	run "$OBJECTOR" send --via post --tracking "RRDE$plz" "$a"
	ref=$(sed -n 's/^journaled \(OBJ-[0-9A-Z-]*\) .*/\1/p' "$T/out")
	at 2026-12-02
	run "$OBJECTOR" delivered "$ref" --date 2026-12-01
	at 2027-03-10
	run "$OBJECTOR" complain "$ref" --format text -o "$T/c-$name.txt"
	exit_is 0 "$name: complain"
	for fact in address form email; do
		case $fact in
		address) note="its postal address, as the letter gives it, comes from a secondary source: confirm it on" ;;
		form) note="this address of the form comes from a secondary source: if it does not open, find the form on" ;;
		email) note="this e-mail address comes from a secondary source: confirm it on" ;;
		esac
		case " $sec " in
		*" $fact "*) has "$T/out" "$note" "$name: the $fact is marked secondary, with where to confirm it" ;;
		*) hasnt "$T/out" "$note" "$name: the $fact (read on the authority's site) is not" ;;
		esac
	done
	[ "$name" != halle ] ||
		has "$T/out" "confirm it on datenschutz.sachsen-anhalt.de before posting" "halle: the authority's site named"
	# complain --send e-mails the authority; an address from a secondary
	# source is said to be one before it goes
	run "$OBJECTOR" complain "$ref" --send -o "$T/cs-$name.pdf"
	exit_is 0 "$name: complain --send"
	warn="comes from a secondary source: if the message bounces, find the authority's address on"
	case " $sec " in
	*" email "*) has "$T/err" "$warn" "$name: complain --send warns of the secondary e-mail address" ;;
	*) hasnt "$T/err" "$warn" "$name: complain --send: no warning for an address read on its site" ;;
	esac
done
done_testing
