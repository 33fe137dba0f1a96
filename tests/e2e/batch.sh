# SPDX-License-Identifier: GPL-3.0-or-later
# tests/e2e/batch.sh: `objector batch` without sending: CSV edge cases (a
# missing column, a bad e-mail address in row 734, invalid UTF-8, a BOM, CRLF,
# quoted newlines), --skip-bad, a YAML list, the files written (0600, kept on
# a second run) and their letters.
. "$top_srcdir/tests/lib.sh"
PY=/usr/bin/python3

# 1000 people, the e-mail address of person 734 (line 735) is bad.
awk 'BEGIN { print "name,email,address,country"
	for (i = 1; i <= 1000; i++)
		printf "Person %d,%s,Street %d / 10115 Berlin,DE\n", i, (i == 734 ? "p734-at-example.org" : "p" i "@example.org"), i }' >"$T/many.csv"
run "$OBJECTOR" batch "$T/many.csv" --company linkedin -o "$T/many"
exit_is 65 "a bad e-mail address in row 734"
has "$T/err" "many.csv:735:12: column 'email': 'p734-at-example.org' is not an e-mail address" "its line, column and column name"
has "$T/err" "1 bad row: nothing written" "says nothing was written"
[ ! -e "$T/many" ] && pass "no output directory" || fail "no output directory"

printf 'name,address,country\nA,X,DE\n' >"$T/nomail.csv"
run "$OBJECTOR" batch "$T/nomail.csv" --company linkedin
exit_is 65 "a missing column"
has "$T/err" "nomail.csv:1:1: missing column 'email'" "names the column"

printf 'name,email,address,country,colour\nA,a@example.org,X,DE,red\n' >"$T/unknown.csv"
run "$OBJECTOR" batch "$T/unknown.csv" --company linkedin
exit_is 65 "an unknown column"
has "$T/err" "unknown.csv:1:28: unknown column 'colour'" "at its position"

printf 'name,email,address,country\nA,a@example.org,X,DE\nB,b@example.org,Stra\337e 1,DE\n' >"$T/latin1.csv"
run "$OBJECTOR" batch "$T/latin1.csv" --company linkedin
exit_is 65 "invalid UTF-8 (Latin-1)"
has "$T/err" "latin1.csv:3:21: invalid UTF-8 (byte 0x65 does not continue the character)" "its line and column"

printf 'name,email,address,country\nA,a@example.org,X,DE,extra\n' >"$T/fields.csv"
run "$OBJECTOR" batch "$T/fields.csv" --company linkedin
exit_is 65 "a row with a field too many"

# A BOM, CRLF, quoted fields with commas, quotes and a newline; jurisdiction
# from the country; address1..address3.
printf '\357\273\277name,email,address1,address2,address3,country,reasons,place,date\r\n"Łukasiewicz, Zoë",zoe@example.org,Hauptstraße 5,10115 Berlin,Germany,DE,"I write; my ""sources"" did not agree.\r\nSecond line.",Berlin,2026-11-29\r\nJohn Smith,john@example.org,1 High St,London,,GB,,London,2026-11-29\r\n' >"$T/ok.csv"
run "$OBJECTOR" batch "$T/ok.csv" --company linkedin,meta -o "$T/ok" --jobs 2
exit_is 0 "BOM, CRLF, quoted newline: read"
has "$T/out" "4 letters in $T/ok/: 4 written, 0 already there" "four letters written"
is "" "$(cat "$T/err")" "nothing on stderr when it is not a terminal"
is 8 "$(ls "$T/ok" | wc -l)" "an answers file and a PDF each"
is "600" "$(stat -c %a "$T/ok/00001-linkedin.pdf" "$T/ok/00002-meta.yaml" | sort -u)" "files are 0600"
is 700 "$(stat -c %a "$T/ok")" "the directory is 0700"
"$PY" - "$T/ok/00001-linkedin.yaml" >"$T/py" 2>&1 <<'PYEOF' || true
import sys, yaml
d = yaml.safe_load(open(sys.argv[1]))
assert d["requester"]["name"] == "Łukasiewicz, Zoë", d
assert d["requester"]["address"] == ["Hauptstraße 5", "10115 Berlin", "Germany"], d
assert d["reasons"] == 'I write; my "sources" did not agree.\nSecond line.', repr(d["reasons"])
assert d["jurisdiction"] == "eea" and d["country"] == "DE" and d["controller"] == "linkedin", d
print("fine")
PYEOF
is fine "$(cat "$T/py")" "the answers file holds the row (quotes, commas, the line break, address lines)"
run "$OBJECTOR" generate "$T/ok/00002-meta.yaml" -o "$T/again.pdf"
exit_is 0 "an answers file written is an answers file"
if command -v pdftotext >/dev/null; then
	pdftotext "$T/ok/00001-linkedin.pdf" "$T/1.txt"
	has "$T/1.txt" "Łukasiewicz, Zoë" "the PDF is the person's letter"
	pdftotext "$T/ok/00002-meta.pdf" "$T/2.txt"
	has "$T/2.txt" "John Smith" "and the next person's"
fi
sum1=$(sha256sum "$T/ok/00001-linkedin.pdf")
run "$OBJECTOR" batch "$T/ok.csv" --company linkedin,meta -o "$T/ok"
exit_is 0 "run again"
has "$T/out" "0 written, 4 already there" "nothing rewritten"
is "$sum1" "$(sha256sum "$T/ok/00001-linkedin.pdf")" "the PDF is kept as it was"
sed 's/John Smith/Jon Smith/' "$T/ok.csv" >"$T/changed.csv"
run "$OBJECTOR" batch "$T/changed.csv" --company linkedin,meta -o "$T/ok"
exit_is 73 "other answers over a file written: refused"
has "$T/err" "exists with other answers" "says why"

# --skip-bad writes the good rows.
printf 'name,email,address,country\nA,a@example.org,X / 10115 Berlin,DE\nB,bad,X,DE\nC,c@example.org,Y,FR\n' >"$T/some.csv"
run "$OBJECTOR" batch "$T/some.csv" --company linkedin -o "$T/some" --skip-bad
exit_is 0 "--skip-bad"
has "$T/err" "some.csv:3:3: column 'email'" "the bad row is still reported"
has "$T/out" "2 letters in" "the two good ones"
[ -e "$T/some/00003-linkedin.pdf" ] && [ ! -e "$T/some/00002-linkedin.yaml" ] && pass "numbered by person" ||
	fail "numbered by person"

# A YAML list of answers, its controller from each item.
cat >"$T/people.yaml" <<'YEOF'
# members
- jurisdiction: uk
  controller: linkedin
  requester: {name: Ann, address: [1 Road, London], email: ann@example.org}
- jurisdiction: eea
  country: FR
  controller: meta
  requester:
    name: Bea
    address: [2 rue, Paris]
    email: bea@example
YEOF
run "$OBJECTOR" batch "$T/people.yaml"
exit_is 65 "a YAML list with a bad item"
has "$T/err" "people.yaml:11:12: 'bea@example' is not an e-mail address" "at its line and column"
sed -i 's/bea@example$/bea@example.org/' "$T/people.yaml"
run "$OBJECTOR" batch "$T/people.yaml"
exit_is 0 "a YAML list"
[ -e "$T/people/00001-linkedin.pdf" ] && [ -e "$T/people/00002-meta.pdf" ] && pass "default directory: PEOPLE without .yaml" ||
	fail "default directory"

run "$OBJECTOR" batch "$T/ok.csv" --company nosuch
exit_is 64 "an unknown company"
run "$OBJECTOR" batch "$T/ok.csv" --company linkedin --rate 10/min
exit_is 64 "--rate without --send"
run "$OBJECTOR" batch "$T/ok.csv" --company linkedin --send
exit_is 64 "--send to a company without an e-mail address, without --to"
has "$T/err" "publishes no e-mail address" "says so"
done_testing
