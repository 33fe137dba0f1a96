#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/bench-batch.sh: the scale figures of `make bench` (called from
# tests/bench.sh; run from the build directory). Each figure is printed with
# its target beside it and whether it is met (printed, never asserted):
#
#   a. `objector batch` writing BENCH_LETTERS letters (default 10,000) from a
#      CSV made here: a mix of jurisdictions (eea, uk, ch, ca, hk), languages
#      (en de fr es it nl pl fr-CA zh-Hant) and scripts (Latin, Polish, Greek,
#      Cyrillic, Chinese), two companies. Letters a second (wall clock) and
#      CPU per letter (user + system of the batch and its workers, which a
#      loaded machine does not inflate), target: <= 7 ms, what one `generate`
#      process costs for a Latin letter (issue 15), so a batch beats a process
#      per letter on the mix; peak memory (GNU time, "Maximum resident set
#      size": the largest process), for a tenth of the letters and for all:
#      memory must not grow with the letters (the input is streamed), target:
#      within 5%.
#   b. BENCH_SEND messages (default 1,000) sent by `batch --send --to ...
#      --rate 1000000/min` to the loopback SMTP server (tests/smtpd.py), over
#      one connection, then the same messages (the bytes the server received
#      from objector, same envelope) sent by Python's smtplib over one
#      connection to a second server, in the same run: the time from the first
#      message accepted to the last, by the servers' own clocks (the same
#      measure for both), and the ratio. objector also journals each letter
#      (fsync'ed) and writes a pending marker before handing it over; target:
#      within 3x of smtplib, which does neither.
#   c. `objector log` over a journal of BENCH_JOURNAL entries (default 100,000,
#      made here in the journal's format), and of a tenth of them: wall time
#      and peak memory, target <= 10 s (one entry in 0.1 ms); a run is
#      stopped after BENCH_LOG_TIMEOUT seconds (default 60).
#
# BENCH_BASE=PATH also runs (b) with another objector (e.g. a build of an
# older main), BENCH_BASE_SEND messages of it (default 2,000), beside this
# one: the cost of reading the journal at every letter. Sizes for a quick
# run: BENCH_LETTERS=1000 BENCH_SEND=200 BENCH_JOURNAL=10000.
: "${top_builddir:=$(pwd)}"
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${OBJECTOR:=$top_builddir/objector}"
: "${BENCH_LETTERS:=10000}"
: "${BENCH_SEND:=1000}"
: "${BENCH_JOURNAL:=100000}"
: "${BENCH_BASE_SEND:=2000}"
: "${BENCH_LOG_TIMEOUT:=60}"
PY=/usr/bin/python3
TIME=/usr/bin/time
if [ ! -x "$PY" ] || [ ! -x "$TIME" ]; then
	echo "Scale: skipped (needs /usr/bin/python3 and GNU time in /usr/bin/time)"
	exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/objector-bench-batch.XXXXXX") || exit 1
SMTPD_PIDS=
cleanup() {
	for p in $SMTPD_PIDS; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
export OBJECTOR_DATA_DIR="${OBJECTOR_DATA_DIR:-$top_srcdir}"
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/config" XDG_STATE_HOME="$tmp/state" TZ=UTC
unset OBJECTOR_CONFIG OBJECTOR_SMTP_PASSWORD
mkdir -p "$HOME" "$XDG_CONFIG_HOME/objector"
cores=$(nproc 2>/dev/null || echo 1)

# met VALUE OP TARGET: "yes" or "NO"
met() {
	awk -v v="$1" -v t="$3" -v op="$2" 'BEGIN { ok = op == "<=" ? v + 0 <= t + 0 : v + 0 >= t + 0
		print ok ? "yes" : "NO" }'
}

# people N FILE: N people, the mix described above.
people() {
	"$PY" - "$1" >"$2" <<'PYEOF'
import csv, sys
n = int(sys.argv[1])
rows = [
    ("GB", "uk", "en", "John Smith", "1 High Street / London SW1A 1AA / United Kingdom", "London"),
    ("DE", "eea", "de", "Jürgen Müller", "Hauptstraße 5 / 10115 Berlin / Deutschland", "Berlin"),
    ("FR", "eea", "fr", "Hélène Dupré", "12 rue de la Paix / 75002 Paris / France", "Paris"),
    ("PL", "eea", "pl", "Zoë Łukasiewicz-Øster", "ul. Długa 7 / 00-238 Warszawa / Polska", "Warszawa"),
    ("ES", "eea", "es", "José Núñez", "Calle Mayor 3 / 28013 Madrid / España", "Madrid"),
    ("IT", "eea", "it", "Niccolò Rossi", "Via Roma 1 / 00184 Roma / Italia", "Roma"),
    ("NL", "eea", "nl", "Sanne de Vries", "Damrak 1 / 1012 LG Amsterdam / Nederland", "Amsterdam"),
    ("GR", "eea", "en", "Γιώργος Παπαδόπουλος", "Ermou 10 / 105 63 Athens / Greece", "Athens"),
    ("BG", "eea", "en", "Иван Петров", "ul. Vitosha 1 / 1000 Sofia / Bulgaria", "Sofia"),
    ("CH", "ch", "fr", "Léa Favre", "Rue du Rhône 1 / 1204 Genève / Suisse", "Genève"),
    ("CH", "ch", "de", "Urs Bühler", "Bahnhofstrasse 1 / 8001 Zürich / Schweiz", "Zürich"),
    ("CA", "ca", "fr-CA", "Émilie Tremblay", "1 rue Sainte-Catherine / Montréal QC H2X 1Z4 / Canada", "Montréal"),
    ("CA", "ca", "en", "Liam Wilson", "1 King St W / Toronto ON M5H 1A1 / Canada", "Toronto"),
    ("HK", "hk", "zh-Hant", "陳大文", "香港九龍尖沙咀彌敦道18號5A室 / Hong Kong", "香港"),
    ("HK", "hk", "en", "陳大文 Chan Tai-man", "Flat 5A, 18 Nathan Road / Tsim Sha Tsui, Kowloon / Hong Kong", "Hong Kong"),
]
w = csv.writer(sys.stdout, lineterminator="\n")
w.writerow(["name", "email", "address", "country", "jurisdiction", "language", "controller",
            "place", "date"])
for i in range(1, n + 1):
    c, j, lang, name, addr, place = rows[i % len(rows)]
    # LinkedIn has an entity everywhere; Meta in the EEA, the UK and Canada
    company = "linkedin" if j in ("ch", "hk") or (i // len(rows)) % 2 == 0 else "meta"
    w.writerow(["%s %d" % (name, i), "p%d@example.org" % i, addr, c, j, lang, company, place,
                "2026-11-29"])
PYEOF
}

# timed OUT CMD...: run CMD under GNU time -v (its report in OUT.time,
# stdout in OUT.out, stderr in OUT.err); the exit status of CMD.
timed() {
	o=$1
	shift
	"$TIME" -v -o "$o.time" "$@" >"$o.out" 2>"$o.err"
}
# tv OUT FIELD: a field of GNU time's report.
tv() {
	sed -n "s/^[[:space:]]*$2: //p" "$1.time" | head -1
}
# wall OUT: the elapsed time in seconds.
wall() {
	tv "$1" "Elapsed (wall clock) time (h:mm:ss or m:ss)" |
		awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }'
}
fail() {
	echo "bench: $1 failed:" >&2
	head -5 "$2.err" >&2
	exit 1
}

# ---------------------------------------------------------------------------
# a. Writing letters.
# ---------------------------------------------------------------------------
small=$((BENCH_LETTERS / 10))
[ "$small" -ge 1 ] || small=1
echo
echo "Scale a. objector batch writing letters (mix of 5 jurisdictions, 9 languages, Latin, Polish,"
echo "Greek, Cyrillic and Chinese names; $cores CPUs; load average now: $(cut -d' ' -f1-3 /proc/loadavg)):"
printf '%-8s %9s %11s %12s %6s %12s %12s\n' letters "wall s" "letters/s" "CPU ms/ltr" met \
	"peak RSS KB" "disk MB"
for n in "$small" "$BENCH_LETTERS"; do
	people "$n" "$tmp/p$n.csv"
	timed "$tmp/a$n" "$OBJECTOR" batch "$tmp/p$n.csv" -o "$tmp/a$n.d" || fail "batch of $n" "$tmp/a$n"
	w=$(wall "$tmp/a$n")
	u=$(tv "$tmp/a$n" "User time (seconds)")
	s=$(tv "$tmp/a$n" "System time (seconds)")
	rss=$(tv "$tmp/a$n" "Maximum resident set size (kbytes)")
	eval "rss$n=\$rss"
	cpu=$(awk -v u="$u" -v s="$s" -v n="$n" 'BEGIN { printf "%.2f", (u + s) * 1000 / n }')
	rate=$(awk -v w="$w" -v n="$n" 'BEGIN { printf "%.0f", (w > 0 ? n / w : 0) }')
	printf '%-8s %9s %11s %12s %6s %12s %12s\n' "$n" "$w" "$rate" "$cpu" \
		"$(met "$cpu" "<=" 7)" "$rss" "$(du -sm "$tmp/a$n.d" | cut -f1)"
	rm -rf "$tmp/a$n.d"
done
eval "r1=\$rss$small r2=\$rss$BENCH_LETTERS"
g=$(awk -v a="$r1" -v b="$r2" 'BEGIN { printf "%.3f", (a > 0 ? b / a : 0) }')
printf '%-40s %7s   target <= 1.05: %s\n' "peak RSS, $BENCH_LETTERS letters / $small letters" \
	"$g" "$(met "$g" "<=" 1.05)"
echo "(CPU target: <= 7 ms a letter, one 'generate' process of a Latin letter)"

# ---------------------------------------------------------------------------
# b. Sending: objector batch --send against Python's smtplib.
# ---------------------------------------------------------------------------
# smtpd DIR: a loopback server storing into DIR; sets PORT.
smtpd() {
	: >"$tmp/port"
	"$PY" "$top_srcdir/tests/smtpd.py" --dir "$1" --lifetime 900 >"$tmp/port" 2>"$tmp/smtpd.err" &
	SMTPD_PIDS="$SMTPD_PIDS $!"
	i=0
	while [ ! -s "$tmp/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	PORT=$(cat "$tmp/port")
	[ -n "$PORT" ] || { echo "bench: smtpd did not start" >&2; cat "$tmp/smtpd.err" >&2; exit 1; }
}
# span DIR: seconds from the first message accepted to the last, scaled to
# all N messages (N/(N-1) intervals); and the number received.
span() {
	"$PY" - "$1" <<'PYEOF'
import glob, json, os, sys
t = sorted(json.load(open(f))["time"] for f in glob.glob(os.path.join(sys.argv[1], "*.json")))
n = len(t)
print("%.3f %d" % ((t[-1] - t[0]) * n / (n - 1) if n > 1 else 0, n))
PYEOF
}
# send_run BIN N NAME: N letters written, then sent by BIN batch --send; the
# server-side span and the count in $tmp/NAME.span, the wall time of the
# sending run in $tmp/NAME.wall.
send_run() {
	bin=$1 n=$2 name=$3
	people "$n" "$tmp/$name.csv"
	"$bin" batch "$tmp/$name.csv" -o "$tmp/$name.d" >/dev/null 2>"$tmp/$name.werr" ||
		{ echo "bench: writing $n letters failed" >&2; head -5 "$tmp/$name.werr" >&2; exit 1; }
	smtpd "$tmp/$name.mail"
	rm -rf "$XDG_STATE_HOME"
	printf 'smtp:\n  host: 127.0.0.1\n  port: %s\n  security: none\n  timeout: 30\nfrom: "Campaign <campaign@example.org>"\n' \
		"$PORT" >"$XDG_CONFIG_HOME/objector/config.yaml"
	timed "$tmp/$name" "$bin" batch "$tmp/$name.csv" -o "$tmp/$name.d" --send \
		--to dpo@example.org --rate 1000000/min --no-cc || fail "batch --send ($name)" "$tmp/$name"
	span "$tmp/$name.mail" >"$tmp/$name.span"
	wall "$tmp/$name" >"$tmp/$name.wall"
	conns=$(wc -l <"$tmp/$name.mail/connections")
	echo "$conns" >"$tmp/$name.conns"
}
echo
echo "Scale b. $BENCH_SEND messages to the loopback SMTP server over one connection (load average"
echo "now: $(cut -d' ' -f1-3 /proc/loadavg)); time from the first message accepted to the last:"
send_run "$OBJECTOR" "$BENCH_SEND" obj
read -r os on <"$tmp/obj.span"
# The same messages by smtplib: the bytes objector sent, the same envelope.
smtpd "$tmp/py.mail"
cat >"$tmp/send.py" <<'PYEOF'
import glob, json, os, smtplib, sys
src, port = sys.argv[1], int(sys.argv[2])
msgs = []
for j in sorted(glob.glob(os.path.join(src, "*.json")), key=lambda p: int(os.path.basename(p)[:-5])):
    env = json.load(open(j))
    msgs.append((env["mail_from"], env["rcpt_tos"], open(j[:-5] + ".eml", "rb").read()))
s = smtplib.SMTP("127.0.0.1", port)
for f, r, m in msgs:
    s.sendmail(f, r, m)
s.quit()
PYEOF
timed "$tmp/py" "$PY" "$tmp/send.py" "$tmp/obj.mail" "$PORT" || fail "smtplib" "$tmp/py"
span "$tmp/py.mail" >"$tmp/py.span"
read -r ps pn <"$tmp/py.span"
ratio=$(awk -v a="$os" -v b="$ps" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
# cpu OUT N: CPU ms (user + system) per message of a timed run.
cpu() {
	awk -v u="$(tv "$1" "User time (seconds)")" -v s="$(tv "$1" "System time (seconds)")" \
		-v n="$2" 'BEGIN { printf "%.2f", (n > 0 ? (u + s) * 1000 / n : 0) }'
}
oc=$(cpu "$tmp/obj" "$on") pc=$(cpu "$tmp/py" "$pn")
printf '%-36s %9s %8s %10s %12s %12s\n' sender "messages" "s" "msg/s" "connections" "CPU ms/msg"
printf '%-36s %9s %8s %10s %12s %12s\n' "objector batch --send" "$on" "$os" \
	"$(awk -v n="$on" -v s="$os" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }')" \
	"$(cat "$tmp/obj.conns")" "$oc"
printf '%-36s %9s %8s %10s %12s %12s\n' "python3 smtplib (same messages)" "$pn" "$ps" \
	"$(awk -v n="$pn" -v s="$ps" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }')" \
	"$(wc -l <"$tmp/py.mail/connections")" "$pc"
printf '%-36s %9s    target <= 3x: %s   (CPU: %sx)\n' "ratio objector / smtplib" "${ratio}x" \
	"$(met "$ratio" "<=" 3)" "$(awk -v a="$oc" -v b="$pc" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')"
echo "(the whole objector run, with checking the $BENCH_SEND rows and finding the letters written: $(cat "$tmp/obj.wall") s;"
echo " objector's CPU includes composing each letter again from its answers file; it journals each"
echo " letter, fsync'ed, and writes a pending marker and a copy of the PDF beside the journal, each"
echo " fsync'ed, before handing it over: on a busy disk that waiting is most of its time)"
rm -rf "$tmp/obj.d" "$tmp/obj.mail" "$tmp/py.mail"

if [ -n "${BENCH_BASE:-}" ]; then
	echo
	echo "Journal index: $BENCH_BASE_SEND letters sent by batch --send, $BENCH_BASE against $OBJECTOR"
	echo "(load average now: $(cut -d' ' -f1-3 /proc/loadavg)):"
	printf '%-44s %9s %10s %10s %12s\n' objector "messages" "send s" "msg/s" "run wall s"
	for b in "$BENCH_BASE" "$OBJECTOR"; do
		send_run "$b" "$BENCH_BASE_SEND" base
		read -r bs bn <"$tmp/base.span"
		printf '%-44s %9s %10s %10s %12s\n' "$b" "$bn" "$bs" \
			"$(awk -v n="$bn" -v s="$bs" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }')" \
			"$(cat "$tmp/base.wall")"
		rm -rf "$tmp/base.d" "$tmp/base.mail"
	done
fi

# ---------------------------------------------------------------------------
# c. log over a large journal.
# ---------------------------------------------------------------------------
# journal N: a journal of N letters sent, in the journal's format.
J="$XDG_STATE_HOME/objector/journal.yaml"
journal() {
	rm -rf "$XDG_STATE_HOME"
	mkdir -p "$XDG_STATE_HOME/objector"
	"$PY" - "$1" "$J" <<'PYEOF'
import sys
n, path = int(sys.argv[1]), sys.argv[2]
alpha = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
def ref(i):
    s = ""
    for _ in range(8):
        s = alpha[i % 32] + s
        i //= 32
    return "OBJ-2026-" + s
companies = [("linkedin", "LinkedIn Ireland Unlimited Company", "eea"),
             ("meta", "Meta Platforms Ireland Limited", "eea"),
             ("linkedin", "LinkedIn Corporation", "uk")]
with open(path, "w") as f:
    for i in range(n):
        cid, cname, jur = companies[i % 3]
        day = 1 + i % 28
        r = ref(i * 7919 + 13)
        f.write("---\nreference: '%s'\ntime: '2026-11-%02dT10:%02d:%02dZ'\nmethod: 'email'\n"
                "status: 'sent'\njurisdiction: '%s'\ncontroller: '%s'\ncontroller_name: '%s'\n"
                "recipient: 'dpo%d@example.org'\nmessage_id: '<%d.bench@example.org>'\n"
                "reply: '250 2.0.0 Ok: queued as %08X'\npdf: '/tmp/letters/%s-0123456789ab.pdf'\n"
                "sha256: '%064x'\ndue: '2026-12-%02d'\n...\n"
                % (r, day, i // 60 % 60, i % 60, jur, cid, cname, i, i, i, r, i, day))
PYEOF
	chmod 600 "$J"
}
echo
echo "Scale c. objector log over a journal of letters sent (load average now: $(cut -d' ' -f1-3 /proc/loadavg));"
echo "at most $BENCH_LOG_TIMEOUT s a run (BENCH_LOG_TIMEOUT):"
printf '%-10s %8s %8s %14s %10s %8s\n' entries MB "wall s" "peak RSS KB" "lines" met
small=$((BENCH_JOURNAL / 10))
[ "$small" -ge 1 ] || small=1
for n in "$small" "$BENCH_JOURNAL"; do
	journal "$n"
	timed "$tmp/log" timeout "$BENCH_LOG_TIMEOUT" env OBJECTOR_NOW=2026-11-30T12:00:00Z "$OBJECTOR" log
	rc=$?
	w=$(wall "$tmp/log")
	if [ $rc -eq 124 ]; then
		w="> $BENCH_LOG_TIMEOUT"
	elif [ $rc -ne 0 ]; then
		fail "log" "$tmp/log"
	fi
	eval "logw$n=\$w"
	m=-
	[ "$n" = "$BENCH_JOURNAL" ] && m=$(met "${w#> }" "<=" 10)
	[ $rc -eq 124 ] && m=NO
	printf '%-10s %8s %8s %14s %10s %8s\n' "$n" "$(du -m "$J" | cut -f1)" "$w" \
		"$(tv "$tmp/log" "Maximum resident set size (kbytes)")" "$(wc -l <"$tmp/log.out")" "$m"
done
eval "w1=\$logw$small w2=\$logw$BENCH_JOURNAL"
case $w2 in
">"*) g="more than $(awk -v a="$w1" -v b="${w2#> }" 'BEGIN { printf "%.0f", (a > 0 ? b / a : 0) }')" ;;
*) g=$(awk -v a="$w1" -v b="$w2" 'BEGIN { printf "%.0f", (a > 0 ? b / a : 0) }') ;;
esac
echo "(target: $BENCH_JOURNAL entries in <= 10 s; 10 times the entries took $g times as long: 10 is linear)"
