#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# End-to-end tests of hostile answers files against `objector generate`:
# every one is refused with a positioned message and a proper exit code
# (65 bad data, 66 no input), never a crash, hang or runaway memory; values
# holding template syntax are printed literally. Each run is bounded by
# `timeout` (generously: 60 s, also under ASan or valgrind), so a hang fails
# the test instead of the suite; how fast a refusal is belongs to the
# benchmark, not here.
. "${top_srcdir:-.}/tests/lib.sh"

# gen FILE [SECONDS]: generate a text letter for FILE (within SECONDS, 60 by default).
gen() {
	run timeout "${2:-60}" "$OBJECTOR" generate "$1" --format text -o -
}

# gen_fast NAME FILE: gen FILE, and say that it finished (no hang: timeout
# exits 124, a signal 128 + N).
gen_fast() {
	gen "$2"
	if [ "$rc" -ne 124 ] && [ "$rc" -lt 128 ]; then pass "$1: answered (no hang, no crash)"; else
		fail "$1: no answer (exit $rc)"; fi
}

# A valid answers file; more keys follow it in each test.
base() {
	cat <<'YAML'
jurisdiction: uk
controller: linkedin
requester:
  name: Ann Example
  address: [1 High Street, London]
  email: ann@example.org
date: 2026-11-29
YAML
}

# repeat N STRING: STRING N times, no newline.
repeat() {
	awk -v n="$1" -v s="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s", s }'
}

# Billion laughs: nine levels of ten aliases; refused at the first anchor.
{
	echo 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'
	prev=a
	for l in b c d e f g h i; do
		printf '%s: &%s [' "$l" "$l"
		repeat 9 "*$prev,"
		printf '*%s]\n' "$prev"
		prev=$l
	done
} >"$T/laughs.yaml"
gen_fast "billion laughs" "$T/laughs.yaml"
exit_is 65 "billion laughs refused"
has "$T/err" "laughs.yaml:1:4: anchors and aliases are not supported" "billion laughs: message with position"

# 2 MB: over the 1 MiB limit on an answers file.
{ base; printf 'reasons: "'; repeat 20000 "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"; echo '"'; } >"$T/2mb.yaml"
gen_fast "2 MB file" "$T/2mb.yaml"
exit_is 65 "2 MB answers file refused"
has "$T/err" "2mb.yaml: file too large" "2 MB: message"

# Nesting 10000 deep, in flow style and as block sequences: no stack overflow.
{ printf 'jurisdiction: '; repeat 10000 '['; repeat 10000 ']'; echo; } >"$T/deep-flow.yaml"
gen_fast "10000 [ deep" "$T/deep-flow.yaml"
exit_is 65 "flow nesting 10000 deep refused"
has "$T/err" "deep-flow.yaml:1:46: nested too deeply (more than 32 levels)" "flow nesting: message with position"
{ printf 'jurisdiction: uk\nx:\n'; repeat 10000 '- '; echo 'x'; } >"$T/deep-block.yaml"
gen_fast "10000 - deep" "$T/deep-block.yaml"
exit_is 65 "block nesting 10000 deep refused"
has "$T/err" "nested too deeply" "block nesting: message"
{ printf 'a: '; repeat 10000 '{a: '; repeat 10000 '}'; echo; } >"$T/deep-map.yaml"
gen_fast "10000 { deep" "$T/deep-map.yaml"
exit_is 65 "mapping nesting 10000 deep refused"

# One scalar of 300 KB (the limit is 256 KiB).
{ base; printf 'reasons: '; repeat 3000 "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"; echo; } >"$T/scalar.yaml"
gen_fast "300 KB scalar" "$T/scalar.yaml"
exit_is 65 "300 KB scalar refused"
has "$T/err" "scalar.yaml:8:10: value too long" "300 KB scalar: message with position"

# Many keys: 49000 in one mapping (finding a duplicate used to be quadratic: 6 s).
awk 'BEGIN { print "jurisdiction: uk"; for (i = 0; i < 49000; i++) printf "k%06d: 1\n", i }' >"$T/keys.yaml"
gen_fast "49000 keys" "$T/keys.yaml"
exit_is 65 "49000 unknown keys refused"
has "$T/err" "keys.yaml:2:1: unknown key 'k000000'" "49000 keys: the first unknown key"
{ cat "$T/keys.yaml"; echo 'k000001: 2'; } >"$T/dupkeys.yaml"
gen_fast "49000 keys and a duplicate" "$T/dupkeys.yaml"
exit_is 65 "a duplicate after 49000 keys refused"
has "$T/err" "dupkeys.yaml:49002:1: duplicate key 'k000001' (first at line 3)" "duplicate: message"

# reasons: 19000 bytes are accepted, 21000 refused (the limit is 20000).
word="I object. "
{ base; printf 'reasons: "'; repeat 1900 "$word"; echo '"'; } >"$T/reasons19k.yaml"
gen "$T/reasons19k.yaml"
exit_is 0 "reasons of 19000 bytes accepted"
has "$T/out" "I object. I object. I object." "reasons of 19000 bytes: in the letter"
{ base; printf 'reasons: "'; repeat 2100 "$word"; echo '"'; } >"$T/reasons21k.yaml"
gen "$T/reasons21k.yaml"
exit_is 65 "reasons of 21000 bytes refused"
has "$T/err" "reasons21k.yaml:8:10: 'reasons' is longer than 20000 bytes" "reasons of 21000 bytes: message"

# Template syntax in values is printed as it is, never rendered.
cat >"$T/tmpl.yaml" <<'YAML'
jurisdiction: uk
controller: linkedin
requester:
  name: "Ann {{requester.email}}"
  address: ["{{#controller}}1 High Street{{/controller}}", "{{> account}}"]
  email: ann@example.org
place: "{{{place}}}"
reasons: "My reasons: {{reasons}} {{! not a comment }} {{^x}}y{{/x}}"
date: 2026-11-29
YAML
gen "$T/tmpl.yaml"
exit_is 0 "values with template syntax accepted"
has "$T/out" "Ann {{requester.email}}" "a name with {{...}} printed literally"
has "$T/out" "{{#controller}}1 High Street{{/controller}}" "an address line with a section printed literally"
has "$T/out" "{{> account}}" "a partial tag in a value printed literally"
has "$T/out" "{{{place}}}, 29 November 2026" "a place with {{{...}}} printed literally"
has "$T/out" "My reasons: {{reasons}} {{! not a comment }} {{^x}}y{{/x}}" "reasons with tags printed literally"

# Invalid UTF-8: refused with its position.
{ base; printf 'place: "Lond\377n"\n'; } >"$T/utf8.yaml"
gen_fast "invalid UTF-8" "$T/utf8.yaml"
exit_is 65 "invalid UTF-8 refused"
has "$T/err" "utf8.yaml:8:13: invalid UTF-8" "invalid UTF-8: message with position"
{ base; printf 'place: "\355\240\200"\n'; } >"$T/surrogate.yaml"
gen "$T/surrogate.yaml"
exit_is 65 "an encoded surrogate refused"

# A NUL byte in the file, raw and as an escape.
{ base; printf 'place: Lon\000don\n'; } >"$T/nul.yaml"
gen_fast "NUL byte" "$T/nul.yaml"
exit_is 65 "a NUL byte refused"
has "$T/err" "nul.yaml:8:11:" "a NUL byte: message with position"
{ base; printf 'place: "Lon\\0don"\n'; } >"$T/nul-escape.yaml"
gen "$T/nul-escape.yaml"
exit_is 65 "an escaped NUL refused"
has "$T/err" "nul-escape.yaml:8:8: a value holds a NUL character" "an escaped NUL: message"

# Not a regular file.
mkdir "$T/dir.yaml"
gen "$T/dir.yaml"
exit_is 66 "a directory as the answers file"
has "$T/err" "dir.yaml: is a directory" "a directory: message"
gen /dev/zero
exit_is 65 "/dev/zero refused by size, no hang"
has "$T/err" "/dev/zero: file too large" "/dev/zero: message"
gen "$T/missing.yaml"
exit_is 66 "a missing answers file"

done_testing
