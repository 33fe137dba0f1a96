#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/banned.sh: functions the sources must not use (as git's banned.h):
# unbounded copies (strcpy, strcat, sprintf, vsprintf, gets), functions with
# hidden static state (strtok, gmtime, localtime, ctime, asctime).
. "${top_srcdir:-.}/tests/lib.sh"
for fn in strcpy strcat sprintf vsprintf gets strtok gmtime localtime ctime asctime; do
	hits=$(grep -nE "(^|[^_a-zA-Z0-9])$fn[[:space:]]*\(" "$top_srcdir"/src/*.c "$top_srcdir"/src/*.h |
		grep -vE "^[^:]*:[0-9]+:[[:space:]]*(/\*|\*)" || true)
	[ -z "$hits" ]
	ok $? "no $fn() in src/${hits:+: $hits}"
done
done_testing
