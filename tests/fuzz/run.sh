#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/fuzz/run.sh SECONDS [NAME...]: run each fuzz target that is built
# (tests/fuzz/fuzz-NAME in the current directory, the build directory of a
# `./configure --enable-fuzzing CC=clang && make fuzz`) for SECONDS seconds
# on a copy of its seed corpus, in a temporary directory; builds nothing.
#
# Prints one line per target and a summary; exits 1 if any target found
# something (crash, leak, timeout, out of memory, sanitizer report), 2 if no
# target is built or on a usage error. The input of a finding is kept in
# $FUZZ_ARTIFACTS (default ./fuzz-artifacts): add it to the corpus once the
# bug is fixed. Environment: FUZZ_JOBS is not used; targets run one after
# another. FUZZ_FLAGS adds libFuzzer flags.
set -u

usage() { echo "usage: $0 SECONDS [ydoc|answers|tmpl|mail ...]" >&2; exit 2; }
[ $# -ge 1 ] || usage
secs=$1
shift
case $secs in '' | *[!0-9]*) usage ;; esac
names=${*:-ydoc answers tmpl mail}

here=$(cd "$(dirname "$0")" && pwd)		# tests/fuzz in the source tree
corpora="$here/corpus"
artifacts=${FUZZ_ARTIFACTS:-$(pwd)/fuzz-artifacts}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/objector-fuzz.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# A UBSan report must count as a finding, not scroll by.
UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS ASAN_OPTIONS

ran=0 found=0 missing=0
for name in $names; do
	bin=tests/fuzz/fuzz-$name
	if [ ! -x "$bin" ]; then
		printf '%-8s not built (%s)\n' "$name" "$bin"
		missing=$((missing + 1))
		continue
	fi
	work="$tmp/$name"
	mkdir -p "$work/corpus" "$work/artifacts"
	[ -d "$corpora/$name" ] && cp "$corpora/$name"/* "$work/corpus/" 2>/dev/null
	seeds=$(ls "$work/corpus" | wc -l)
	# shellcheck disable=SC2086
	"$bin" -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
		-artifact_prefix="$work/artifacts/" ${FUZZ_FLAGS:-} "$work/corpus" \
		>"$work/log" 2>&1
	rc=$?
	ran=$((ran + 1))
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log" | tail -1)
	speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$work/log" | tail -1)
	cov=$(sed -n 's/.*cov: \([0-9]*\).*/\1/p' "$work/log" | tail -1)
	size=$(ls "$work/corpus" | wc -l)
	finding=$(ls "$work/artifacts" 2>/dev/null | head -1)
	if [ "$rc" -ne 0 ] || [ -n "$finding" ]; then
		found=$((found + 1))
		kind=$(grep -m1 -oE 'ERROR: (libFuzzer|AddressSanitizer|LeakSanitizer): [a-z-]+|runtime error|property broken|deadly signal|out-of-memory|timeout' "$work/log" | head -1)
		printf '%-8s FINDING after %s s: %s (exit %s)\n' "$name" "$secs" "${kind:-exit $rc}" "$rc"
		mkdir -p "$artifacts/$name"
		cp "$work/artifacts"/* "$artifacts/$name/" 2>/dev/null
		cp "$work/log" "$artifacts/$name/log"
		sed -n '/ERROR\|runtime error\|property broken/,+12p' "$work/log" | head -20 | sed 's/^/    /'
		echo "    input and log kept in $artifacts/$name"
	else
		printf '%-8s ok: %s s, %s executions (%s/s), coverage %s, corpus %s -> %s\n' \
			"$name" "$secs" "${execs:-?}" "${speed:-?}" "${cov:-?}" "$seeds" "$size"
	fi
done
echo "fuzz: $ran run, $found with findings, $missing not built"
[ "$ran" -gt 0 ] || exit 2
[ "$found" -eq 0 ]
