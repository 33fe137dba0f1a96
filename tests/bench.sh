#!/bin/sh
# tests/bench.sh: `make bench`. Prints how long a PDF letter takes, how large
# it is and how much memory it needs, for three kinds of letter:
#   latin  fits a single-byte code page (base-14 fonts)   target <= 1 ms, <= 10 KB
#   mixed  "Zoë Łukasiewicz-Øster" (embedded subset font)  target <= 25 ms, <= 100 KB
#   zh     Traditional Chinese (embedded subset CJK font)
# Numbers are printed, never asserted. Run from the build directory;
# N=... sets the number of timed renders per letter (default 200).
: "${top_builddir:=$(pwd)}"
: "${N:=200}"
B="$top_builddir/tests/bench-pdf"
if [ ! -x "$B" ]; then
	echo "bench: $B is missing (run 'make bench')" >&2
	exit 1
fi

echo "In-process pdf_render (average of $N renders after one warm-up):"
printf '%-8s %-32s %12s %12s %14s\n' letter sample "ms/letter" "PDF bytes" "peak RSS (KB)"
for row in "latin uk" "mixed mixed" "zh hk"; do
	set -- $row
	out=$("$B" "$2" "$N") || { echo "bench: $2 failed" >&2; exit 1; }
	set -- "$1" $out
	case $1 in
	latin) what="English letter, CP1252" ;;
	mixed) what="mixed-script name, DejaVu" ;;
	zh) what="Traditional Chinese, DejaVu+UMing" ;;
	esac
	printf '%-8s %-32s %12s %12s %14s\n' "$1" "$what" "$3" "$4" "$5"
done

# ---------------------------------------------------------------------------
# Per process: `objector generate` on examples/*.yaml: the median wall time
# of BENCH_RUNS runs (default 21; the whole process: exec, dynamic linking,
# catalogue, template, PDF, atomic write), PDF size and peak memory (GNU time).
# ---------------------------------------------------------------------------
: "${OBJECTOR:=$top_builddir/objector}"
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
set -- "$top_srcdir"/examples/*.yaml
if [ ! -e "$1" ]; then
	echo "Per process: skipped (no examples/*.yaml)"
	exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/objector-bench.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
echo
runs=${BENCH_RUNS:-21}
echo "Per process: objector generate (median wall time of $runs runs; peak RSS from GNU time):"
printf '%-32s %12s %12s %14s\n' example "ms" "PDF bytes" "peak RSS (KB)"
for ex in "$@"; do
	name=$(basename "$ex" .yaml)
	: >"$tmp/times"
	i=0
	while [ $i -lt "$runs" ]; do
		t0=$(date +%s%N)
		"$OBJECTOR" generate "$ex" -o "$tmp/$name.pdf" >/dev/null 2>&1
		t1=$(date +%s%N)
		echo $((t1 - t0)) >>"$tmp/times"
		i=$((i + 1))
	done
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
	ms=$(sort -n "$tmp/times" | awk '{ v[NR] = $1 } END { printf "%.1f", v[int((NR + 1) / 2)] / 1e6 }')
	printf '%-32s %12s %12s %14s\n' "$name" "$ms" "$(wc -c <"$tmp/$name.pdf")" "$rss"
done
