#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/bench.sh: `make bench` for the PDF writer (and, at the end, the scale
# figures: tests/bench-batch.sh). Prints each figure with
# its target beside it and whether it is met (printed, never asserted):
#
#   in-process, per letter after the first letter of a batch (tests/bench-pdf):
#     latin  fits a single-byte code page (base-14 fonts)        <= 0.5 ms
#     mixed  "Zoë Łukasiewicz-Øster" (DejaVu subsets)            <= 1.5 ms
#     zh     Traditional Chinese (DejaVu + AR PL UMing subsets)   <= 4 ms,
#            and its PDF within 15% of its floor: the deflated glyph outlines
#            (glyf + loca) of exactly the characters it prints
#   per process: `objector generate` of a Latin letter (examples/uk-linkedin)
#     within 2.5x of tests/hpdf-minimal writing the same text with base-14
#     fonts (median of BENCH_RUNS runs of each, in the same run)
#
# The machine may be shared: timings are wall-clock and noisy, so the
# instructions per letter (valgrind --tool=callgrind, when installed) are
# printed beside them. Run from the build directory. N=... sets the timed
# renders per letter (default 200), BENCH_RUNS the process runs (default 21),
# BENCH_CALLGRIND=0 skips valgrind.
: "${top_builddir:=$(pwd)}"
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${N:=200}"
: "${BENCH_RUNS:=21}"
: "${OBJECTOR:=$top_builddir/objector}"
B="$top_builddir/tests/bench-pdf"
M="$top_builddir/tests/hpdf-minimal"
for p in "$B" "$M"; do
	if [ ! -x "$p" ]; then
		echo "bench: $p is missing (run 'make bench')" >&2
		exit 1
	fi
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/objector-bench.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
cg=
if [ "${BENCH_CALLGRIND:-1}" != 0 ] && command -v valgrind >/dev/null 2>&1; then
	cg=yes
fi

# met VALUE OP TARGET: "yes" or "NO"
met() {
	awk -v v="$1" -v t="$3" -v op="$2" 'BEGIN { ok = op == "<=" ? v + 0 <= t + 0 : 0
		print ok ? "yes" : "NO" }'
}

# callgrind_ir PROGRAM ARGS...: instructions executed (the totals line).
callgrind_ir() {
	valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" "$@" >/dev/null 2>&1 || return 1
	awk '/^(summary|totals):/ { print $2; exit }' "$tmp/cg.out"
}

echo "In-process pdf_render, per letter after the first of a batch ($N renders timed):"
printf '%-6s %-34s %9s %8s %4s %12s %10s %10s %7s %8s\n' letter sample ms target met \
	"Mi instr." "PDF bytes" "floor" "/floor" "RSS KB"
for row in "latin uk 0.5" "mixed mixed 1.5" "zh hk 4"; do
	set -- $row
	kind=$1 sample=$2 target=$3
	out=$("$B" "$sample" "$N") || { echo "bench: $sample failed" >&2; exit 1; }
	set -- $out
	ms=$2 bytes=$3 rss=$4 floor=$5
	ir=-
	if [ -n "$cg" ]; then
		# Only the timed renders (tests/bench-pdf.c: timed_loop), 20 of them.
		ir=$(valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" \
			--collect-atstart=no --toggle-collect=timed_loop "$B" "$sample" 20 \
			>/dev/null 2>&1 && awk '/^(summary|totals):/ { printf "%.2f", $2 / 20 / 1e6; exit }' \
			"$tmp/cg.out")
		[ -n "$ir" ] || ir=-
	fi
	case $kind in
	latin) what="English letter, CP1252, Times" ;;
	mixed) what="mixed-script name, DejaVu" ;;
	zh) what="Traditional Chinese, DejaVu+UMing" ;;
	esac
	ratio=-
	[ "$floor" -gt 0 ] 2>/dev/null && ratio=$(awk -v b="$bytes" -v f="$floor" 'BEGIN { printf "%.3f", b / f }')
	printf '%-6s %-34s %9s %8s %4s %12s %10s %10s %7s %8s\n' "$kind" "$what" "$ms" "<= $target" \
		"$(met "$ms" "<=" "$target")" "$ir" "$bytes" "$floor" "$ratio" "$rss"
	if [ "$kind" = zh ]; then
		printf '%-6s %-34s %9s %8s %4s\n' zh "PDF size / floor" "$ratio" "<= 1.15" \
			"$(met "$ratio" "<=" 1.15)"
	fi
done

# ---------------------------------------------------------------------------
# Per process: `objector generate` on examples/*.yaml (the whole process:
# exec, dynamic linking, catalogue, template, PDF, atomic write): median wall
# time of BENCH_RUNS runs, PDF size and peak memory (GNU time); and the
# Latin letter against tests/hpdf-minimal writing the same text.
# ---------------------------------------------------------------------------
set -- "$top_srcdir"/examples/*.yaml
if [ ! -e "$1" ]; then
	echo "Per process: skipped (no examples/*.yaml)"
	sh "$top_srcdir/tests/bench-batch.sh"
	exit
fi

# median_ms FILE: the median of the nanosecond times in FILE, in ms.
median_ms() {
	sort -n "$1" | awk '{ v[NR] = $1 } END { printf "%.2f", v[int((NR + 1) / 2)] / 1e6 }'
}

# time_runs OUTFILE CMD...: BENCH_RUNS wall times of CMD into OUTFILE.
time_runs() {
	f=$1
	shift
	: >"$f"
	i=0
	while [ $i -lt "$BENCH_RUNS" ]; do
		t0=$(date +%s%N)
		"$@" >/dev/null 2>&1
		t1=$(date +%s%N)
		echo $((t1 - t0)) >>"$f"
		i=$((i + 1))
	done
}

echo
echo "Per process: objector generate (median wall time of $BENCH_RUNS runs; peak RSS from GNU time):"
printf '%-32s %10s %12s %14s\n' example "ms" "PDF bytes" "peak RSS (KB)"
for ex in "$@"; do
	name=$(basename "$ex" .yaml)
	time_runs "$tmp/times" "$OBJECTOR" generate "$ex" -o "$tmp/$name.pdf"
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f '%e %M' -o "$tmp/time" \
			"$OBJECTOR" generate "$ex" -o "$tmp/$name.pdf" >/dev/null 2>"$tmp/err"
		rc=$?
	else
		"$OBJECTOR" generate "$ex" -o "$tmp/$name.pdf" >/dev/null 2>"$tmp/err"
		rc=$?
		echo "? ?" >"$tmp/time"
	fi
	if [ $rc -ne 0 ]; then
		printf '%-32s %s\n' "$name" "skipped: generate failed (exit $rc): $(head -1 "$tmp/err")"
		continue
	fi
	read -r secs rss <"$tmp/time"
	printf '%-32s %10s %12s %14s\n' "$name" "$(median_ms "$tmp/times")" \
		"$(wc -c <"$tmp/$name.pdf")" "$rss"
done

ex="$top_srcdir/examples/uk-linkedin.yaml"
if [ -e "$ex" ] && "$OBJECTOR" generate "$ex" --format text -o "$tmp/uk.txt" >/dev/null 2>&1 &&
	"$M" "$tmp/uk.txt" "$tmp/min.pdf"; then
	echo
	echo "Per process, Latin letter (uk-linkedin) against a minimal libharu program (tests/hpdf-minimal,"
	echo "same text, base-14 fonts); runs interleaved, median of $BENCH_RUNS each:"
	: >"$tmp/t-gen"
	: >"$tmp/t-min"
	i=0
	while [ $i -lt "$BENCH_RUNS" ]; do
		t0=$(date +%s%N)
		"$OBJECTOR" generate "$ex" -o "$tmp/uk.pdf" >/dev/null 2>&1
		t1=$(date +%s%N)
		"$M" "$tmp/uk.txt" "$tmp/min.pdf" >/dev/null 2>&1
		t2=$(date +%s%N)
		echo $((t1 - t0)) >>"$tmp/t-gen"
		echo $((t2 - t1)) >>"$tmp/t-min"
		i=$((i + 1))
	done
	g=$(median_ms "$tmp/t-gen") m=$(median_ms "$tmp/t-min")
	r=$(awk -v g="$g" -v m="$m" 'BEGIN { printf "%.2f", g / m }')
	printf '%-32s %10s ms %10s bytes\n' "objector generate" "$g" "$(wc -c <"$tmp/uk.pdf")"
	printf '%-32s %10s ms %10s bytes\n' "hpdf-minimal" "$m" "$(wc -c <"$tmp/min.pdf")"
	printf '%-32s %10s    target <= 2.5x: %s\n' "ratio (wall time)" "${r}x" "$(met "$r" "<=" 2.5)"
	if [ -n "$cg" ]; then
		gi=$(callgrind_ir "$OBJECTOR" generate "$ex" -o "$tmp/uk.pdf")
		mi=$(callgrind_ir "$M" "$tmp/uk.txt" "$tmp/min.pdf")
		if [ -n "$gi" ] && [ -n "$mi" ]; then
			r=$(awk -v g="$gi" -v m="$mi" 'BEGIN { printf "%.2f", g / m }')
			printf '%-32s %10s    (%s vs %s instructions, whole processes)\n' \
				"ratio (callgrind)" "${r}x" "$gi" "$mi"
		fi
	fi
fi

# The scale figures (batch, sending, log over a large journal).
sh "$top_srcdir/tests/bench-batch.sh"
