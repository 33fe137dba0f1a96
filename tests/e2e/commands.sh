#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The command table (src/cmd.c): every command listed by --help answers
# `help CMD`, `CMD --help` and `CMD -h` with the same text; options are
# parsed in one place (an unknown option, a missing value: exit 64 with the
# command's usage); names are exact (no prefixes).
. "${top_srcdir:-.}/tests/lib.sh"

run "$OBJECTOR" --help
exit_is 0 "--help"
sed -n '/^Commands:/,/^$/p' "$T/out" | sed -n 's/^  \([a-z]*\) .*/\1/p' | grep -v '^help$' >"$T/names"
is 12 "$(wc -l <"$T/names" | tr -d ' ')" "--help lists twelve commands"
while read -r c; do
	"$OBJECTOR" help "$c" >"$T/a" 2>&1
	"$OBJECTOR" "$c" --help >"$T/b" 2>&1
	"$OBJECTOR" "$c" -h >"$T/c" 2>&1
	cmp -s "$T/a" "$T/b" && cmp -s "$T/a" "$T/c"
	ok $? "$c: help $c = $c --help = $c -h"
	has "$T/a" "Usage: objector $c " "$c: usage line"
	has "$T/a" "--data-dir DIR" "$c: the common options"
	run "$OBJECTOR" "$c" --no-such-option
	exit_is 64 "$c: unknown option"
	has "$T/err" "objector $c: unrecognized option '--no-such-option'" "$c: getopt names the command"
	has "$T/err" "Try 'objector help $c' for more information." "$c: usage on stderr"
done <"$T/names"

run "$OBJECTOR" generate --output
exit_is 64 "missing value"
has "$T/err" "objector generate: option '--output' requires an argument" "missing value: message"
run "$OBJECTOR" gen
exit_is 64 "a prefix is not a command"
has "$T/err" "unknown command 'gen'" "a prefix: message"
run "$OBJECTOR" --data-dir /nonexistent list --data-dir "$top_srcdir" jur
exit_is 0 "--data-dir after the command wins"
run "$OBJECTOR" log --due --format yaml extra
exit_is 64 "log: unexpected argument"

done_testing
