#!/bin/sh
# Regenerate the expected texts of the golden letters (tests/letters/*.txt)
# and of their reminders, complaints and short texts (tests/letters/cases/)
# after a wording change was reviewed: `make update-letters`. Review the diff
# (git diff tests/letters) before committing it.
set -eu
: "${OBJECTOR:?set OBJECTOR to the objector binary}"
: "${top_srcdir:?set top_srcdir}"
export OBJECTOR_TODAY="${OBJECTOR_TODAY:-2026-11-29}" TZ=UTC
unset OBJECTOR_DATA_DIR OBJECTOR_CONFIG
for a in "$top_srcdir"/tests/letters/*.yaml; do
	"$OBJECTOR" --data-dir "$top_srcdir" generate "$a" --format text -o "${a%.yaml}.txt" >/dev/null
done
mkdir -p "$top_srcdir/tests/letters/cases"
rm -f "$top_srcdir"/tests/letters/cases/*.txt
sh "$top_srcdir/tests/letters/cases.sh" "$top_srcdir/tests/letters/cases"
echo "updated $(ls "$top_srcdir"/tests/letters/cases/*.txt | wc -l) reminders, complaints and short texts (tests/letters/cases)"
echo "updated $(ls "$top_srcdir"/tests/letters/*.txt | wc -l) letters; review: git diff tests/letters"
