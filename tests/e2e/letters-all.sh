#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The check over all combinations (issue 12): tests/letters-check.py.
. "${top_srcdir:-.}/tests/lib.sh"
/usr/bin/python3 "$top_srcdir/tests/letters-check.py" "$OBJECTOR" "$top_srcdir" "$T" | sed '/^1\.\./d' >"$T/tap"
rc=$?
while IFS= read -r l; do
	case $l in
	"ok "*) pass "${l#ok * - }" ;;
	"not ok "*) fail "${l#not ok * - }" ;;
	*) echo "$l" ;;
	esac
done <"$T/tap"
done_testing
