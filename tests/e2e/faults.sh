#!/bin/sh
# tests/e2e/faults.sh: what the program does when the disk fills up, a write
# fails, standard output is full or a signal arrives in the middle of
# sending. The failing writes come from tests/inject.so (LD_PRELOAD; see
# tests/inject.c), which makes write/fsync/close/rename/link/fwrite fail
# with ENOSPC or EIO on the files named. Each case checks the exit status,
# that the message says what happened, and that no partial or temporary
# file is left: output files are whole or absent, the journal stays a valid
# YAML stream holding every earlier entry byte for byte.
#
# In a sanitizer build the ASan runtime must come first in the library
# list, so the injected cases are skipped there; /dev/full and signals run
# in every build. Eight parallel sends are tests/e2e/send-parallel.sh.
. "$top_srcdir/tests/e2e/send-lib.sh"
. "$top_srcdir/tests/e2e/new-lib.sh"

: "${top_builddir:=$(dirname "$OBJECTOR")}"
INJ="$top_builddir/tests/inject.so"
LIM="timeout 60"

skip() { # skip NAME REASON
	t_n=$((t_n + 1))
	echo "ok $t_n - $1 # SKIP $2"
}

no_inject=
if { nm "$OBJECTOR"; nm -D "$OBJECTOR"; } 2>/dev/null | grep -q __asan_init; then
	no_inject="an ASan build cannot take an LD_PRELOAD library"
elif [ ! -f "$INJ" ]; then
	no_inject="tests/inject.so was not built"
elif ! LD_PRELOAD="$INJ" /bin/true 2>/dev/null; then
	no_inject="tests/inject.so cannot be preloaded here"
fi

# inj VAR=VALUE... -- CMD...: run CMD with tests/inject.so and the INJECT_*
# settings given; like run(), plus $T/inject.log listing what was failed.
inj() {
	rm -f "$T/inject.log"
	env_args=
	while [ "$1" != "--" ]; do
		env_args="$env_args $1"
		shift
	done
	shift
	# shellcheck disable=SC2086
	env LD_PRELOAD="$INJ" INJECT_LOG="$T/inject.log" $env_args $LIM "$@" >"$T/out" 2>"$T/err"
	rc=$?
}

# hit NAME: the injected fault was reached (else the test proves nothing).
hit() {
	if [ -s "$T/inject.log" ]; then pass "$1: the fault was injected"; else
		fail "$1: the fault was injected"; sed 's/^/#   err| /' "$T/err" | head; fi
}

# clean DIR NAME: DIR holds exactly the files listed in $want (sorted, one
# a line), nothing else: no partial output, no temporary file.
clean() {
	got=$(ls -A "$1" 2>/dev/null | sort)
	if [ "$got" = "$want" ]; then pass "$2"; else
		fail "$2"; printf '#   got:  %s\n#   want: %s\n' "$(echo $got)" "$(echo $want)"; fi
}

# valid_journal FILE: prints the number of documents, or "invalid: ..."
valid_journal() {
	"$PY" -c 'import sys, yaml
try:
    print(sum(1 for d in yaml.safe_load_all(open(sys.argv[1])) if d))
except Exception as e:
    print("invalid:", str(e).replace("\n", " "))' "$1"
}

have_py=
if "$PY" -c 'import yaml' 2>/dev/null; then have_py=1; fi
have_smtpd=
if "$PY" -c 'import aiosmtpd, yaml' 2>/dev/null && command -v openssl >/dev/null; then have_smtpd=1; fi

EX_HK="$top_srcdir/examples/hk-linkedin.yaml"

# --- generate: the PDF or text on a full or failing disk -----------------------
G="$T/gen"
mkdir -p "$G"
if [ -n "$no_inject" ]; then
	skip "generate: injected write failures" "$no_inject"
else
	for c in "write ENOSPC" "write EIO" "fsync EIO" "close EIO" "rename ENOSPC"; do
		set -- $c
		rm -rf "$G" && mkdir -p "$G"
		inj INJECT_FAIL="$1" INJECT_ERRNO="$2" INJECT_PATH_SUBSTR="$G/" -- \
			"$OBJECTOR" generate "$EX_UK" -o "$G/letter.pdf"
		exit_is 74 "generate: $1 fails with $2"
		hit "generate: $1 $2"
		want=
		clean "$G" "generate: $1 $2: no letter and no temporary file left"
		has "$T/err" "$G/letter.pdf: " "generate: $1 $2: the message names the file"
	done
	has "$T/err" "No space left on device" "generate: ENOSPC is called what it is"
	hasnt "$T/out" "letter.pdf" "generate: no path printed on failure"

	# A disk that fills up part way: half the bytes go, then ENOSPC.
	rm -rf "$G" && mkdir -p "$G"
	inj INJECT_FAIL=write INJECT_SHORT=1 INJECT_PATH_SUBSTR="$G/" -- \
		"$OBJECTOR" generate "$EX_DE" -o "$G/letter.pdf"
	exit_is 74 "generate: a short write, then ENOSPC"
	hit "generate: short write"
	want=
	clean "$G" "generate: short write: nothing left"

	# An existing letter is not touched when its replacement fails.
	rm -rf "$G" && mkdir -p "$G"
	printf 'the old letter\n' >"$G/letter.txt"
	want=letter.txt
	for c in write fsync rename; do
		inj INJECT_FAIL=$c INJECT_PATH_SUBSTR="$G/" -- \
			"$OBJECTOR" generate "$EX_UK" --format text -o "$G/letter.txt"
		exit_is 74 "generate --format text over an existing file: $c fails"
		clean "$G" "generate --format text: $c: no temporary file"
		is "the old letter" "$(cat "$G/letter.txt")" "generate --format text: $c: the old file is intact"
	done

	# A Chinese letter needs a font subset in a temporary file ($TMPDIR).
	rm -rf "$G" && mkdir -p "$G/tmp"
	TMPDIR="$G/tmp" inj INJECT_FAIL=write INJECT_PATH_SUBSTR=objector-font -- \
		"$OBJECTOR" generate "$EX_HK" -o "$G/hk.pdf"
	if [ -s "$T/inject.log" ]; then
		exit_is 73 "generate: the temporary font file cannot be written"
		want=tmp
		clean "$G" "generate: no letter written"
		want=
		clean "$G/tmp" "generate: the temporary font file is removed"
	else
		skip "generate: the temporary font file" "this build embeds no font subset"
	fi

	# The same injection without a fault for the target: it works.
	rm -rf "$G" && mkdir -p "$G"
	inj INJECT_FAIL=write INJECT_PATH_SUBSTR=/nothing-matches/ -- \
		"$OBJECTOR" generate "$EX_UK" -o "$G/letter.pdf"
	exit_is 0 "generate under inject.so with no matching file"
fi

# --- standard output on a full device ----------------------------------------
if [ -w /dev/full ]; then
	$LIM "$OBJECTOR" generate "$EX_UK" -o - >/dev/full 2>"$T/err"
	rc=$?
	exit_is 74 "generate -o - (PDF) on /dev/full"
	has "$T/err" "No space left on device" "generate -o -: says the device is full"
	$LIM "$OBJECTOR" generate "$EX_UK" --format text -o - >/dev/full 2>"$T/err"
	rc=$?
	exit_is 74 "generate --format text -o - on /dev/full"
	$LIM "$OBJECTOR" list controllers >/dev/full 2>"$T/err"
	rc=$?
	exit_is 74 "list controllers on /dev/full"
	$LIM "$OBJECTOR" --help >/dev/full 2>"$T/err"
	rc=$?
	exit_is 74 "--help on /dev/full"
	$LIM "$OBJECTOR" send --dry-run --to dpo@example.net "$EX_DE" >/dev/full 2>"$T/err"
	rc=$?
	exit_is 74 "send --dry-run on /dev/full"
	# log needs a journal with something in it
	$LIM "$OBJECTOR" send --via post --tracking RR123 "$EX_UK" >"$T/out" 2>"$T/err"
	rc=$?
	exit_is 0 "a posted letter journaled (for log)"
	$LIM "$OBJECTOR" log >/dev/full 2>"$T/err"
	rc=$?
	exit_is 74 "log on /dev/full"
	has "$T/err" "write error on standard output" "log: says so"
	$LIM "$OBJECTOR" log --format yaml >/dev/full 2>"$T/err"
	rc=$?
	exit_is 74 "log --format yaml on /dev/full"
	$LIM "$OBJECTOR" log --due >/dev/full 2>"$T/err"
	rc=$?
	exit_is 74 "log --due on /dev/full"
else
	skip "standard output on /dev/full" "no writable /dev/full"
fi
if [ -z "$no_inject" ]; then
	# fwrite failing as a stdio stream sees it (not only /dev/full)
	rm -f "$T/inject.log"
	env LD_PRELOAD="$INJ" INJECT_FAIL=fwrite INJECT_PATH_SUBSTR="$T/logout" INJECT_LOG="$T/inject.log" \
		$LIM "$OBJECTOR" log --format yaml >"$T/logout" 2>"$T/err"
	rc=$?
	exit_is 74 "log --format yaml: fwrite to a file fails"
	hit "log: fwrite"
	has "$T/err" "write error on standard output" "log: the failed fwrite is reported"
fi

# --- new through a pipe: the answers file or the letter cannot be written --------
cat >"$T/in" <<'IN'
GB
1
Ann Smith
1 High Street

ann@example.org






IN
stem=objection-linkedin-uk-2026-11-29
if [ -n "$no_inject" ]; then
	skip "new: injected write failures" "$no_inject"
else
	for c in write fsync link; do
		rm -rf "$T/n-$c"
		mkdir -p "$T/n-$c"
		(cd "$T/n-$c" && env LD_PRELOAD="$INJ" INJECT_LOG="$T/inject.log" INJECT_FAIL=$c \
			INJECT_PATH_SUBSTR="$stem.yaml" $LIM "$OBJECTOR" --data-dir "$DD" new \
			<"$T/in" >"$T/out" 2>"$T/err")
		rc=$?
		exit_is 74 "new: the answers file: $c fails"
		hit "new: answers file, $c"
		nothing_in "$T/n-$c" "new: answers file, $c: nothing left"
		has "$T/err" "$stem.yaml" "new: answers file, $c: the message names the file"
		rm -f "$T/inject.log"
	done
	# The letter fails after the answers file is written: the answers stay
	# (and the message says how to write the letter), no letter, no temporary.
	rm -rf "$T/n-pdf"
	mkdir -p "$T/n-pdf"
	(cd "$T/n-pdf" && env LD_PRELOAD="$INJ" INJECT_LOG="$T/inject.log" INJECT_FAIL=write \
		INJECT_PATH_SUBSTR="$stem.pdf" $LIM "$OBJECTOR" --data-dir "$DD" new \
		<"$T/in" >"$T/out" 2>"$T/err")
	rc=$?
	exit_is 74 "new: the letter cannot be written"
	hit "new: letter"
	want="$stem.yaml"
	clean "$T/n-pdf" "new: only the (whole) answers file is left"
	has "$T/err" "'objector generate $stem.yaml' writes the letter" "new: says how to get the letter"
	run "$OBJECTOR" --data-dir "$DD" generate "$T/n-pdf/$stem.yaml" --format text -o -
	exit_is 0 "new: the answers file left is whole"
fi

# --- the journal during send ------------------------------------------------------
if [ -z "$have_smtpd" ]; then
	skip "send: journal faults and signals" "needs /usr/bin/python3 with aiosmtpd and yaml, and openssl"
	done_testing
	exit $?
fi
make_ca
export OBJECTOR_SMTP_PASSWORD=pw
start_smtpd $(tls_args) --user zoe@example.org --password pw --require-auth \
	--reject gone@example.net
write_config
run $LIM "$OBJECTOR" send --to first@example.net "$EX_DE"
exit_is 0 "send: a first letter"
run $LIM "$OBJECTOR" send --to first@example.net "$EX_OTHER"
exit_is 0 "send: a second letter"
n0=$(valid_journal "$JOURNAL")
is 3 "$n0" "the journal holds three entries (post, two e-mails)"
cp "$JOURNAL" "$T/journal.before"
m0=$(nmail)

# journal_same NAME: the journal is byte for byte what it was, and valid.
journal_same() {
	if cmp -s "$JOURNAL" "$T/journal.before"; then pass "$1: the journal is unchanged"; else
		fail "$1: the journal is unchanged"; diff "$T/journal.before" "$JOURNAL" | sed 's/^/#   /' | head -20; fi
	is "$n0" "$(valid_journal "$JOURNAL")" "$1: the journal is valid YAML with every entry"
}

if [ -n "$no_inject" ]; then
	skip "send: injected journal failures" "$no_inject"
else
	i=0
	for c in "write ENOSPC" "write EIO short" "fsync EIO"; do
		set -- $c
		i=$((i + 1))
		short=
		[ "${3:-}" = short ] && short=INJECT_SHORT=1
		inj INJECT_FAIL="$1" INJECT_ERRNO="$2" $short INJECT_PATH_SUBSTR=journal.yaml -- \
			"$OBJECTOR" send --to "j$i@example.net" "$EX_DE"
		exit_is 74 "send: the journal entry cannot be written ($c)"
		hit "send: journal $c"
		has "$T/err" "WAS sent to j$i@example.net" "send ($c): says the letter went out all the same"
		has "$T/err" "the journal could not record it" "send ($c): ... and that the journal lacks it"
		has "$T/err" "Message-ID <" "send ($c): ... with its Message-ID"
		is $((m0 + i)) "$(nmail)" "send ($c): the server has the message"
		journal_same "send ($c)"
	done
	m0=$(nmail)

	# A refused letter whose failure cannot be journaled either.
	inj INJECT_FAIL=write INJECT_PATH_SUBSTR=journal.yaml -- \
		"$OBJECTOR" send --to gone@example.net "$EX_DE"
	exit_is 74 "send: refused, and the journal cannot record it"
	has "$T/err" "550 5.1.1" "send: the server's refusal is shown"
	has "$T/err" "the journal could not record the failure either" "send: ... and the journal's failure"
	journal_same "send (refused)"

	# The copy of the PDF kept beside the journal cannot be written: nothing
	# is sent, nothing journaled.
	inj INJECT_FAIL=write INJECT_PATH_SUBSTR=/letters/ -- \
		"$OBJECTOR" send --to k@example.net "$EX_UK"
	exit_is 74 "send: the PDF copy cannot be stored"
	hit "send: PDF copy"
	is "$m0" "$(nmail)" "send: nothing sent when the PDF copy fails"
	journal_same "send (PDF copy)"
	want=$(ls -A "$XDG_STATE_HOME/objector/letters" | grep -v '\.pdf\.' | sort)
	clean "$XDG_STATE_HOME/objector/letters" "send: no temporary PDF copy left"

	# --eml cannot be written: nothing is sent.
	inj INJECT_FAIL=write INJECT_PATH_SUBSTR=msg.eml -- \
		"$OBJECTOR" send --to k@example.net --eml "$T/msg.eml" "$EX_UK"
	exit_is 74 "send --eml: the file cannot be written"
	is "$m0" "$(nmail)" "send --eml: nothing sent"
	[ ! -e "$T/msg.eml" ]; ok $? "send --eml: no partial file"
	journal_same "send (--eml)"

	# --via post: the journal is all there is to write.
	inj INJECT_FAIL=write INJECT_SHORT=1 INJECT_PATH_SUBSTR=journal.yaml -- \
		"$OBJECTOR" send --via post "$EX_OTHER"
	exit_is 74 "send --via post: the journal fills up"
	has "$T/err" "WAS posted" "send --via post: says what happened"
	journal_same "send --via post"
fi

# The journal works again afterwards.
run $LIM "$OBJECTOR" send --to again@example.net "$EX_DE"
exit_is 0 "send: works again once the disk has room"
n0=$((n0 + 1))
is "$n0" "$(valid_journal "$JOURNAL")" "send: the new entry is journaled after the old ones"
ls -A "$XDG_STATE_HOME/objector" "$XDG_STATE_HOME/objector/letters" | grep -E '\.[A-Za-z0-9]{6}$' >"$T/tmpfiles"
is "" "$(cat "$T/tmpfiles")" "no temporary file anywhere in the state directory"

# --- SIGINT and SIGTERM while the server takes its time over DATA --------------
# (asynchronous commands of a non-interactive shell ignore SIGINT: the
# wrapper gives the program the default action back)
start_smtpd $(tls_args) --user zoe@example.org --password pw --require-auth --delay 4
write_config
for sig in INT TERM; do
	cp "$JOURNAL" "$T/journal.before"
	rm -f "$MAILDIR/connections"
	"$PY" -c 'import os, signal, sys
signal.signal(signal.SIGINT, signal.SIG_DFL)
signal.signal(signal.SIGTERM, signal.SIG_DFL)
os.execv(sys.argv[1], sys.argv[1:])' "$OBJECTOR" send --to "sig$sig@example.net" "$EX_OTHER" \
		>"$T/out" 2>"$T/err" &
	pid=$!
	k=0
	while [ ! -s "$MAILDIR/connections" ] && [ $k -lt 100 ]; do sleep 0.1; k=$((k + 1)); done
	sleep 1.5	# TLS, AUTH, MAIL, RCPT, DATA and the message: then the server waits
	kill -"$sig" "$pid"
	wait "$pid"
	rc=$?
	if [ "$rc" -ne 0 ]; then pass "SIG$sig during send: non-zero exit ($rc)"; else
		fail "SIG$sig during send: non-zero exit"; fi
	journal_same "SIG$sig during send"
	hasnt "$T/out" "sent OBJ-" "SIG$sig: nothing claims the letter was sent"
done
ls -A "$XDG_STATE_HOME/objector" "$XDG_STATE_HOME/objector/letters" | grep -E '\.[A-Za-z0-9]{6}$' >"$T/tmpfiles"
is "" "$(cat "$T/tmpfiles")" "signals: no temporary file in the state directory"
run $LIM "$OBJECTOR" log
exit_is 0 "log reads the journal after the signals"

done_testing
