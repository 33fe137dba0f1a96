#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
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

	# A Chinese letter's font subsets go to libharu 2.3.0 from memory; with
	# another libharu, through a temporary file in $TMPDIR (src/pdf.c: load_mem).
	# The libharu built against, when its header is where Debian puts it.
	hpdf_id=$(sed -n 's/^#define HPDF_VERSION_ID *\([0-9]*\).*/\1/p' /usr/include/hpdf_version.h 2>/dev/null)
	rm -rf "$G" && mkdir -p "$G/tmp"
	TMPDIR="$G/tmp" inj INJECT_FAIL=write INJECT_PATH_SUBSTR=objector-font -- \
		"$OBJECTOR" generate "$EX_HK" -o "$G/hk.pdf"
	if [ "$hpdf_id" = 20300 ]; then
		[ ! -s "$T/inject.log" ]
		ok $? "generate: libharu 2.3.0 takes the font subsets from memory (no temporary font file written)"
		exit_is 0 "generate: a Chinese letter without a temporary font file"
		want=
		clean "$G/tmp" "generate: nothing written in \$TMPDIR"
	elif [ -s "$T/inject.log" ]; then
		exit_is 73 "generate: the temporary font file cannot be written"
		want=tmp
		clean "$G" "generate: no letter written"
		want=
		clean "$G/tmp" "generate: the temporary font file is removed"
	else
		skip "generate: the temporary font file" "no font subset went through a temporary file"
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
linkedin
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

# --- security review (SECURITY.md): what a hostile answers file, name or ------
# --- file system can do without a mail server --------------------------------
S="$T/sec"
mkdir -p "$S"
# Header injection: a line break anywhere that could reach a header.
sed 's/^  name: Example Data B.V.$/  name: "Evil\\r\\nBcc: victim@example.com"/' "$EX_OTHER" >"$S/h1.yaml"
sed 's/^  email: joost@example.org$/  email: "joost@example.org\\r\\nBcc: victim@example.com"/' "$EX_OTHER" >"$S/h2.yaml"
sed 's/^  email: privacy@example.com$/  email: "privacy@example.com\\nBcc: victim@example.com"/' "$EX_OTHER" >"$S/h3.yaml"
sed 's/^  name: Joost van der Berg$/  name: "Joost\\u2028Bcc: victim@example.com"/' "$EX_OTHER" >"$S/h4.yaml"
for c in "h1 controller name" "h2 requester e-mail" "h3 controller e-mail" "h4 U+2028 in a name"; do
	set -- $c
	f=$1
	shift
	run $LIM "$OBJECTOR" send --dry-run "$S/$f.yaml"
	exit_is 65 "header injection through the $*: refused"
	hasnt "$T/out" "victim@" "header injection through the $*: nothing printed"
done
run $LIM "$OBJECTOR" send --dry-run --to "$(printf 'a@example.net\r\nBcc: victim@example.com')" "$EX_OTHER"
exit_is 65 "header injection through --to: refused"
run $LIM "$OBJECTOR" send --dry-run --to "a@example.net, victim@example.com" "$EX_OTHER"
exit_is 65 "two addresses in --to: refused"
run $LIM "$OBJECTOR" generate "$EX_OTHER" -o "$S/x.pdf"
evil_pdf=$(printf '%s/evil\r\nBcc: victim@example.com\r\n.pdf' "$S")
cp "$S/x.pdf" "$evil_pdf"
run $LIM "$OBJECTOR" send --dry-run --pdf "$evil_pdf" "$EX_OTHER"
exit_is 65 "header injection through the --pdf file name: refused"
has "$T/err" "file name contains a line break" "the --pdf file name: says why"
cp "$S/x.pdf" "$S/a \"b\"; name=c.pdf"
run $LIM "$OBJECTOR" send --dry-run --pdf "$S/a \"b\"; name=c.pdf" "$EX_OTHER"
exit_is 0 "a file name with quotes and ';'"
has "$T/out" "filename*=UTF-8''a%20%22b%22%3B%20name=c.pdf" "... is RFC 2231-encoded, not a parameter of its own"

# Template injection: mustache syntax in answers is text, never a template.
cat >"$S/tmpl.yaml" <<'YAML'
jurisdiction: eea
country: NL
language: en
controller:
  name: "{{requester.email}} Data {{> signature}}"
  address: ["{{#erase_trained}}yes{{/erase_trained}}", 1015 CJ Amsterdam]
  email: privacy@example.com
requester:
  name: "{{{reference}}} {{&x}} {{!c}}"
  address: [Prinsengracht 263, 1016 GV Amsterdam]
  email: joost@example.org
reasons: |
  {{> ../../../../etc/passwd}} {{=<% %>=}} <%reference%>
date: 2026-11-29
YAML
run $LIM "$OBJECTOR" generate "$S/tmpl.yaml" --format text -o -
exit_is 0 "template syntax in the answers"
has "$T/out" "{{{reference}}} {{&x}} {{!c}}" "template syntax in a name is printed as typed"
has "$T/out" "{{requester.email}} Data {{> signature}}" "... in the controller's name"
has "$T/out" "{{#erase_trained}}yes{{/erase_trained}}" "... in an address"
has "$T/out" "{{> ../../../../etc/passwd}} {{=<% %>=}} <%reference%>" "... in the reasons"
hasnt "$T/out" "root:" "no file is read through a partial tag in the answers"

# Path traversal: the language, the controller id, the file names of `new`.
for l in "../../../etc/passwd" "en/../../x" "."; do
	sed "s#^language: en#language: '$l'#" "$EX_OTHER" >"$S/lang.yaml"
	run $LIM "$OBJECTOR" generate "$S/lang.yaml" --format text -o -
	exit_is 65 "language '$l': refused"
	has "$T/err" "is not a language tag" "language '$l': not a language tag"
done
for c in "../../etc/passwd" "linkedin/../meta"; do
	printf "jurisdiction: uk\ncontroller: '%s'\nrequester: {name: A, address: [x], email: a@example.org}\n" "$c" >"$S/ctl.yaml"
	run $LIM "$OBJECTOR" generate "$S/ctl.yaml" --format text -o -
	exit_is 65 "controller id '$c': refused"
	has "$T/err" "unknown controller" "controller id '$c': unknown"
done
sed 's#^  name: Example Data B.V.$#  name: "../../../x/evil"#' "$EX_OTHER" >"$S/slug.yaml"
mkdir -p "$S/new/cwd"
(cd "$S/new/cwd" && printf '\n\n\n\n\n\n\n\n' | $LIM "$OBJECTOR" new --answers ../../slug.yaml >"$T/out" 2>"$T/err")
rc=$?
exit_is 0 "new: a controller named ../../../x/evil"
want="objection-x-evil-eea-2026-11-29.pdf
objection-x-evil-eea-2026-11-29.yaml"
clean "$S/new/cwd" "new: its files are named in the current directory only"
want=cwd
clean "$S/new" "new: nothing written above the current directory"

# A symbolic link where the output goes is replaced, never followed.
printf 'victim\n' >"$S/victim"
ln -s "$S/victim" "$S/link.pdf"
run $LIM "$OBJECTOR" generate "$EX_OTHER" -o "$S/link.pdf"
exit_is 0 "generate onto a symbolic link"
is victim "$(cat "$S/victim")" "the link's target is untouched"
[ -f "$S/link.pdf" ] && [ ! -L "$S/link.pdf" ]; ok $? "the link is replaced by the letter"

# File modes, whatever the umask.
(
	umask 000
	mkdir -p "$S/modes"
	"$OBJECTOR" generate "$EX_OTHER" -o "$S/modes/l.pdf" >/dev/null 2>&1
	"$OBJECTOR" generate "$EX_OTHER" --format text -o "$S/modes/l.txt" >/dev/null 2>&1
	cd "$S/modes" && printf '\n' | "$OBJECTOR" new --answers "$EX_UK" >/dev/null 2>&1
	XDG_STATE_HOME="$S/modes/state" "$OBJECTOR" send --via post "$EX_UK" >/dev/null 2>&1
	XDG_STATE_HOME="$S/modes/state" "$OBJECTOR" send --dry-run --to a@example.net \
		--eml "$S/modes/m.eml" "$EX_UK" >/dev/null 2>&1
)
for f in l.pdf l.txt objection-linkedin-uk-2026-11-29.yaml objection-linkedin-uk-2026-11-29.pdf \
	state/objector/journal.yaml; do
	is 600 "$(stat -c %a "$S/modes/$f" 2>&1)" "umask 000: $f is 0600"
done
is 700 "$(stat -c %a "$S/modes/state/objector")" "umask 000: the journal's directory is 0700"
is 700 "$(stat -c %a "$S/modes/state/objector/letters")" "umask 000: the letters' directory is 0700"
is 600 "$(stat -c %a "$S/modes/state/objector/letters/"*.pdf)" "umask 000: the PDF kept beside the journal is 0600"

# Hostile YAML: aliases, depth, size, in answers, configuration and journal.
printf 'a: &a ["lol","lol"]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n' >"$S/laughs.yaml"
run $LIM "$OBJECTOR" generate "$S/laughs.yaml" -o "$S/laughs.pdf"
exit_is 65 "answers: aliases (billion laughs) refused"
has "$T/err" "laughs.yaml:1:4: anchors and aliases are not supported" "answers: aliases: where"
"$PY" -c 'print("a: " + "[" * 100000)' >"$S/deep.yaml" 2>/dev/null || awk 'BEGIN { s = "a: "; for (i = 0; i < 100000; i++) s = s "["; print s }' >"$S/deep.yaml"
run $LIM "$OBJECTOR" generate "$S/deep.yaml" -o "$S/deep.pdf"
exit_is 65 "answers: 100000 levels of nesting refused"
has "$T/err" "nested too deeply" "answers: nesting: says so"
{ echo "reasons: |"; i=0; while [ $i -lt 1100 ]; do echo "  $(printf '%01000d' 0)"; i=$((i + 1)); done; } >"$S/big.yaml"
run $LIM "$OBJECTOR" generate "$S/big.yaml" -o "$S/big.pdf"
exit_is 65 "answers: a file over 1 MiB refused"
has "$T/err" "file too large" "answers: size: says so"
[ ! -e "$S/laughs.pdf" ] && [ ! -e "$S/deep.pdf" ] && [ ! -e "$S/big.pdf" ]; ok $? "hostile answers: no output written"
mkdir -p "$S/cfg"
printf 'smtp: &s {host: h}\nfrom: *s\n' >"$S/cfg/alias.yaml"
chmod 600 "$S/cfg/alias.yaml"
run $LIM "$OBJECTOR" --config "$S/cfg/alias.yaml" send --dry-run --to a@example.net "$EX_UK"
exit_is 78 "configuration: aliases refused"
mkdir -p "$S/j/objector"
cp "$S/modes/state/objector/journal.yaml" "$S/j/objector/journal.yaml"
printf -- '---\nreference: &r OBJ-2026-AAAAAAAA\nstatus: *r\n' >>"$S/j/objector/journal.yaml"
cp "$S/j/objector/journal.yaml" "$S/j/before.yaml"
aline=$(($(grep -c '' "$S/j/before.yaml") - 1))
XDG_STATE_HOME="$S/j" run $LIM "$OBJECTOR" log
exit_is 65 "journal: aliases refused by log"
has "$T/err" "journal.yaml:$aline:12: anchors and aliases are not supported" "journal: where"
XDG_STATE_HOME="$S/j" run $LIM "$OBJECTOR" send --via post "$EX_OTHER"
exit_is 65 "journal: send refuses to append to a journal it cannot read"
cmp -s "$S/j/objector/journal.yaml" "$S/j/before.yaml"; ok $? "journal: left as it was"

# The journal cannot be forged through what is journaled.
run $LIM "$OBJECTOR" send --via post --tracking "$(printf 'x\n---\nstatus: sent')" "$EX_OTHER"
exit_is 65 "--tracking with a line break: refused"
XDG_STATE_HOME="$S/modes/state" run $LIM "$OBJECTOR" send --via post --tracking "x' status: sent #" "$EX_OTHER"
exit_is 0 "--tracking with YAML syntax"
if [ -n "$have_py" ]; then
	"$PY" -c 'import sys, yaml
d = [x for x in yaml.safe_load_all(open(sys.argv[1])) if x][-1]
print(d["tracking"])' "$S/modes/state/objector/journal.yaml" >"$T/py" 2>&1
	is "x' status: sent #" "$(cat "$T/py")" "--tracking: journaled as one string"
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
	# is sent, nothing journaled. (A letter whose PDF is not stored yet: the
	# copies are named by their SHA-256, and the same answers and clock give
	# the same PDF, which an earlier send stored.)
	sed 's/^place: .*/place: Truro/' "$EX_UK" >"$T/uk-truro.yaml"
	inj INJECT_FAIL=write INJECT_PATH_SUBSTR=/letters/ -- \
		"$OBJECTOR" send --to k@example.net "$T/uk-truro.yaml"
	exit_is 74 "send: the PDF copy cannot be stored"
	hit "send: PDF copy"
	is "$m0" "$(nmail)" "send: nothing sent when the PDF copy fails"
	journal_same "send (PDF copy)"
	want=$(ls -A "$XDG_STATE_HOME/objector/letters" | grep -v '\.pdf\.' | sort)
	clean "$XDG_STATE_HOME/objector/letters" "send: no temporary PDF copy left"

	# --eml cannot be written: it is written once the message has gone, so
	# the letter goes, is journaled, and the failure is reported.
	inj INJECT_FAIL=write INJECT_PATH_SUBSTR=msg.eml -- \
		"$OBJECTOR" send --to k@example.net --eml "$T/msg.eml" "$EX_UK"
	exit_is 74 "send --eml: the file cannot be written"
	has "$T/err" "the message itself went out" "send --eml: says the message went"
	is $((m0 + 1)) "$(nmail)" "send --eml: the message went"
	[ ! -e "$T/msg.eml" ]; ok $? "send --eml: no partial file"
	n0=$((n0 + 1))
	is "$n0" "$(valid_journal "$JOURNAL")" "send (--eml): the send is journaled"
	cp "$JOURNAL" "$T/journal.before"

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
run $LIM "$OBJECTOR" log --wide
exit_is 0 "log reads the journal after the signals"
# The letter may have gone out before the signal: a pending marker says so.
has "$T/out" "INTERRUPTED while sending" "log shows the interrupted sends"
run $LIM "$OBJECTOR" send --to "sigINT@example.net" "$EX_OTHER"
exit_is 64 "an interrupted letter is not sent again by accident"
has "$T/err" "may already have been sent to sigINT@example.net" "the refusal says why"
run $LIM "$OBJECTOR" send --force --to "sigINT@example.net" "$EX_OTHER"
exit_is 0 "--force sends it again"
run $LIM "$OBJECTOR" log
is "0" "$(grep 'INTERRUPTED' "$T/out" | grep -c sigINT@)" "once sent again, its marker is gone"
is "1" "$(grep 'INTERRUPTED' "$T/out" | grep -c sigTERM@)" "the other interrupted send still shows"
if [ -z "$no_inject" ]; then
	is "3" "$(grep 'INTERRUPTED' "$T/out" | grep -c 'j[123]@')" "so do the sends whose journal entry could not be written"
else
	skip "so do the sends whose journal entry could not be written" "$no_inject"
fi

# --- security review (SECURITY.md): TLS and secrets, against the test server ---
stop_smtpd
SECRET=Hunter2-s3cret-pw
start_smtpd $(tls_args) --user zoe@example.org --password "$SECRET" --require-auth --delay 2
write_config
export OBJECTOR_SMTP_PASSWORD="$SECRET"
# While a send waits for the server, nothing any user can see in `ps` holds it.
OBJECTOR_SMTP_DEBUG=1 "$OBJECTOR" send --to ps@example.net --eml "$T/ps.eml" "$EX_UK" >"$T/out" 2>"$T/debug" &
pid=$!
sleep 1
ps -eo args 2>/dev/null | grep -v smtpd.py >"$T/ps"	# (the test server is told it on argv)
cat /proc/$pid/cmdline >"$T/cmdline" 2>/dev/null
wait "$pid"
rc=$?
exit_is 0 "send with OBJECTOR_SMTP_DEBUG (a transcript on stderr)"
if grep -q objector "$T/ps"; then
	hasnt "$T/ps" "$SECRET" "ps: no command line holds the password"
else
	skip "ps: no command line holds the password" "ps saw no objector process"
fi
hasnt "$T/cmdline" "$SECRET" "/proc/PID/cmdline: no password"
has "$T/debug" "smtp> AUTH [redacted]" "the transcript redacts AUTH"
plain=$(printf '\000zoe@example.org\000%s' "$SECRET" | base64 | tr -d '\n')
login=$(printf '%s' "$SECRET" | base64 | tr -d '\n')
hasnt "$T/debug" "$SECRET" "the transcript holds no password"
hasnt "$T/debug" "$plain" "the transcript holds no AUTH PLAIN credentials"
hasnt "$T/debug" "$login" "the transcript holds no AUTH LOGIN password"
hasnt "$JOURNAL" "$SECRET" "the journal holds no password"
hasnt "$T/ps.eml" "$SECRET" "the .eml holds no password"
is 600 "$(stat -c %a "$T/ps.eml")" "the .eml is 0600"
is 600 "$(stat -c %a "$JOURNAL")" "the journal is 0600"
# The same through a password command: not in any argv either (only the
# command, which prints it).
unset OBJECTOR_SMTP_PASSWORD
printf '%s\n' "$SECRET" >"$T/pwfile"
write_config starttls "  password_command: cat $T/pwfile"
run $LIM "$OBJECTOR" send --to pwcmd@example.net "$EX_UK"
exit_is 0 "send with a password command"
hasnt "$T/err" "$SECRET" "password command: nothing printed holds the password"

# Configuration permissions: credentials in a file others can read, or that
# belongs to someone else, are refused (0644 with a user name: send-fail.sh).
chmod 640 "$CONFIG"
run $LIM "$OBJECTOR" send --to perm@example.net "$EX_UK"
exit_is 78 "a 0640 configuration with a password command is refused"
has "$T/err" "chmod 600" "... and says how to fix it"
chmod 600 "$CONFIG"
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
	chown nobody "$CONFIG"
	run $LIM "$OBJECTOR" send --to owner@example.net "$EX_UK"
	exit_is 78 "a configuration with credentials that belongs to another user is refused"
	chown 0 "$CONFIG"
else
	skip "a configuration that belongs to another user" "needs root to give it away"
fi
export OBJECTOR_SMTP_PASSWORD="$SECRET"

# TLS: a certificate for another name, from a CA we trust, is refused; a
# server that speaks STARTTLS does not pass for implicit TLS.
(
	cd "$T/tls" &&
	openssl req -newkey rsa:2048 -nodes -keyout other.key -out other.csr -subj "/CN=mail.example.org" &&
	printf 'subjectAltName=DNS:mail.example.org\n' >ext2 &&
	openssl x509 -req -in other.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out other.pem -days 2 -extfile ext2
) >"$T/tls/log2" 2>&1
start_smtpd --tls-cert "$T/tls/other.pem" --tls-key "$T/tls/other.key" --user zoe@example.org --password "$SECRET"
write_config
run $LIM "$OBJECTOR" send --to name@example.net "$EX_UK"
exit_is 69 "a certificate for another host name is refused"
has "$T/err" "could not be verified" "... says the certificate could not be verified"
is 0 "$(nmail)" "... and nothing was sent"
start_smtpd $(tls_args) --user zoe@example.org --password "$SECRET"
write_config tls
run $LIM "$OBJECTOR" send --to implicit@example.net "$EX_UK"
exit_is 69 "security: tls against a STARTTLS server fails"
is 0 "$(nmail)" "... and nothing was sent"

done_testing
