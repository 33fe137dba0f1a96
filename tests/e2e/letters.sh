#!/bin/sh
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
[ "$n" -ge 16 ]
ok $? "at least the 16 jurisdiction-language letters are pinned ($n)"
for jl in uk-en eea-en eea-de eea-fr eea-es eea-it eea-nl eea-pl ch-en ch-de ch-fr ch-it ca-en ca-fr-CA hk-en hk-zh-Hant \
	de-berlin de-two-lands quebec-en quebec-fr other-nl noaccount-en; do
	[ -f "$top_srcdir/tests/letters/$jl.yaml" ]
	ok $? "pinned: $jl"
done
done_testing
