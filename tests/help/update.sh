#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Regenerate the expected help texts (tests/help/LANG/*.txt) after a change
# of wording or layout was reviewed: `make update-help`. Review the diff
# (git diff tests/help) before committing it.
set -eu
: "${OBJECTOR:?set OBJECTOR to the objector binary}"
: "${top_srcdir:?set top_srcdir}"
for d in "$top_srcdir"/tests/help/*/; do
	rm -f "$d"*.txt
done
sh "$top_srcdir/tests/help/help.sh" "$top_srcdir/tests/help"
echo "updated $(ls "$top_srcdir"/tests/help/*/*.txt | wc -l) help texts; review: git diff tests/help"
