#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Golden letters (issue 12): every tests/letters/NAME.yaml, written as text,
# is exactly tests/letters/NAME.txt. A wording change shows here as a diff;
# after reviewing it, regenerate the expected texts with `make update-letters`
# (tests/letters/update.sh) and commit them with the change.
. "${top_srcdir:-.}/tests/lib.sh"
n=0
for a in "$top_srcdir"/tests/letters/*.yaml; do
	name=$(basename "$a" .yaml)
	run "$OBJECTOR" generate "$a" --format text -o "$T/$name.txt"
	exit_is 0 "$name: generates"
	if cmp -s "$T/$name.txt" "$top_srcdir/tests/letters/$name.txt"; then
		pass "$name: exactly the expected letter"
	else
		fail "$name: exactly the expected letter (make update-letters after review)"
		diff -u "$top_srcdir/tests/letters/$name.txt" "$T/$name.txt" | sed 's/^/#   /' | head -40
	fi
	n=$((n + 1))
done
# The reminder, the complaint and the web form's short text of each case
# (tests/letters/cases.sh: three channels per letter) are exactly
# tests/letters/cases/NAME.txt, and no expected text is left without its case.
mkdir -p "$T/cases"
OBJECTOR="$OBJECTOR" top_srcdir="$top_srcdir" sh "$top_srcdir/tests/letters/cases.sh" "$T/cases" 2>"$T/cases.err"
ok $? "cases.sh: every step of every case succeeds" || sed 's/^/#   /' "$T/cases.err" | head -20
golden "$T/cases" "$top_srcdir/tests/letters/cases" '*.txt' update-letters "cases/"
n_cases=$(ls "$top_srcdir"/tests/letters/cases/*.txt | wc -l)
[ "$n_cases" -ge 130 ]
ok $? "at least 130 case texts are pinned ($n_cases)"
[ "$n" -ge 16 ]
ok $? "at least the 16 jurisdiction-language letters are pinned ($n)"
for jl in uk-en eea-en eea-de eea-fr eea-es eea-it eea-nl eea-pl ch-en ch-de ch-fr ch-it ca-en ca-fr-CA hk-en hk-zh-Hant \
	de-berlin de-two-lands quebec-en quebec-fr other-nl noaccount-en situations-de situations-pl; do
	[ -f "$top_srcdir/tests/letters/$jl.yaml" ]
	ok $? "pinned: $jl"
done
# Canadian English dates month first (locales/en-CA.yaml; issue 12 item 12);
# Canadian French and other English letters do not.
has "$top_srcdir/tests/letters/ca-en.txt" "Town, November 30, 2026" "ca-en: the date month first (en-CA)"
has "$top_srcdir/tests/letters/ca-en.txt" "by December 30, 2026" "ca-en: the due date too"
has "$top_srcdir/tests/letters/ca-fr-CA.txt" "30 novembre 2026" "ca-fr-CA: the French date"
has "$top_srcdir/tests/letters/uk-en.txt" "Town, 30 November 2026" "uk-en: the British date"
done_testing
