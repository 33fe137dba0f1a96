#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/e2e/valgrind.sh: the main paths of the real program under valgrind
# (memcheck): no invalid read or write, no use of uninitialised memory, no
# definite or indirect leak. generate (PDF and text: a Latin, a mixed-script
# and a Chinese letter), new through a pipe, send --dry-run, --via post and
# over SMTP to the loopback test server, log, list, and a few error paths.
# tests/valgrind.supp holds suppressions for libraries' own problems.
#
# Skipped without valgrind, and for an ASan build (the two do not mix).
. "$top_srcdir/tests/e2e/send-lib.sh"
. "$top_srcdir/tests/e2e/new-lib.sh"

if ! command -v valgrind >/dev/null 2>&1; then
	echo "1..0 # SKIP valgrind is not installed"
	exit 0
fi
if { nm "$OBJECTOR"; nm -D "$OBJECTOR"; } 2>/dev/null | grep -q __asan_init; then
	echo "1..0 # SKIP an ASan build does not run under valgrind"
	exit 0
fi

SUPP=
[ -f "$top_srcdir/tests/valgrind.supp" ] && SUPP="--suppressions=$top_srcdir/tests/valgrind.supp"

# vg WANT NAME ARGS...: run objector ARGS under valgrind (stdin from
# $VG_IN, else /dev/null); exit status WANT and no error valgrind reports.
vg_n=0
vg() {
	want=$1 name=$2
	shift 2
	vg_n=$((vg_n + 1))
	log="$T/vg.$vg_n"
	# shellcheck disable=SC2086
	timeout 300 valgrind -q --error-exitcode=99 --leak-check=full \
		--errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \
		--track-origins=yes --log-file="$log" $SUPP \
		"$OBJECTOR" "$@" <"${VG_IN:-/dev/null}" >"$T/out" 2>"$T/err"
	rc=$?
	if [ "$rc" = "$want" ] && [ ! -s "$log" ]; then
		pass "$name (exit $want, valgrind clean)"
	else
		fail "$name"
		printf '#   exit %s, want %s\n' "$rc" "$want"
		sed 's/^/#   vg| /' "$log" | head -60
		sed 's/^/#   stderr| /' "$T/err" | head -10
	fi
}

O="$T/out-files"
mkdir -p "$O"
sed 's/^language: en$/language: zh-Hant/' "$top_srcdir/examples/hk-linkedin.yaml" >"$T/hk-zh.yaml"
EX_HK="$top_srcdir/examples/hk-linkedin.yaml"
EX_FR="$top_srcdir/examples/eea-meta-fr.yaml"
EX_CA="$top_srcdir/examples/ca-linkedin.yaml"

# --- generate ------------------------------------------------------------------
vg 0 "generate PDF, Latin (uk)" generate "$EX_UK" -o "$O/uk.pdf"
vg 0 "generate PDF, Latin with Ł/Ø (eea, German)" generate "$EX_DE" -o "$O/de.pdf"
vg 0 "generate PDF, French (code-page font)" generate "$EX_FR" -o "$O/fr.pdf"
vg 0 "generate PDF, US Letter (ca)" generate "$EX_CA" -o "$O/ca.pdf"
vg 0 "generate PDF, mixed script (hk, English with a Chinese name)" generate "$EX_HK" -o "$O/hk.pdf"
vg 0 "generate PDF, Chinese (hk, zh-Hant)" generate "$T/hk-zh.yaml" -o "$O/zh.pdf"
vg 0 "generate PDF, another controller" generate "$EX_OTHER" -o "$O/other.pdf"
vg 0 "generate text, Latin" generate "$EX_UK" --format text -o "$O/uk.txt"
vg 0 "generate text, Chinese" generate "$T/hk-zh.yaml" --format text -o -
vg 0 "generate PDF to stdout" generate "$EX_DE" -o -
for f in uk de fr ca hk zh other; do
	[ "$(head -c 5 "$O/$f.pdf" 2>/dev/null)" = "%PDF-" ]; ok $? "generate: $f.pdf is a PDF"
done

# error paths free what they allocated too
printf 'jurisdiction: eea\ncountry: DE\ncontroller: linkedin\nrequester:\n  name: A\n  emial: a@example.org\n' >"$T/typo.yaml"
vg 65 "generate: an unknown key" generate "$T/typo.yaml" -o "$O/typo.pdf"
printf 'a: &a [*a, *a]\nb: {{{{\n' >"$T/bad.yaml"
vg 65 "generate: broken YAML" generate "$T/bad.yaml" -o "$O/bad.pdf"
vg 66 "generate: a missing file" generate "$T/does-not-exist.yaml"
vg 73 "generate: an output directory that does not exist" generate "$EX_UK" -o "$T/no/such/dir.pdf"

# --- new through a pipe ----------------------------------------------------------
cat >"$T/in" <<'IN'
Deutschland
meta
Zoë Łukasiewicz-Øster
Hauptstraße 5
10115 Berlin

zoe@@example
zoe@example.org
{{x}}
x,1
1,health
I write for a living.

no
Berlin
2026-02-30
2026-12-01

y
IN
mkdir -p "$T/new"
cd "$T/new" || exit 1
VG_IN="$T/in" vg 0 "new through a pipe (with answers asked again)" --data-dir "$DD" new
[ -f "$T/new/objection-meta-eea-2026-12-01.yaml" ] && [ -f "$T/new/objection-meta-eea-2026-12-01.pdf" ]
ok $? "new: the answers file and the letter are written"
printf 'GB\n1\nAnn\n' >"$T/in-eof"
VG_IN="$T/in-eof" vg 65 "new: the input ends early" --data-dir "$DD" new
printf 'n\n' >"$T/in-no"
VG_IN="$T/in-no" vg 1 "new --answers, not confirmed" --data-dir "$DD" new --answers "$EX_UK"
cd "$T" || exit 1

# --- send ------------------------------------------------------------------------
vg 0 "send --dry-run" send --dry-run --to dpo@example.net "$EX_DE"
has "$T/out" "Content-Type: multipart/mixed" "send --dry-run: the message"
vg 0 "send --dry-run, Chinese" send --dry-run --to dpo@example.hk "$T/hk-zh.yaml"
vg 0 "send --dry-run --pdf" send --dry-run --to dpo@example.net --pdf "$O/uk.pdf" "$EX_UK"
vg 64 "send: no address known" send "$EX_UK"
vg 0 "send --via post" send --via post --tracking RR1 "$EX_UK"
vg 64 "send --via post again: refused as a repeat" send --via post "$EX_UK"
vg 0 "send --via webform --yes" send --via webform --yes "$EX_DE"
if "$PY" -c 'import aiosmtpd' 2>/dev/null && command -v openssl >/dev/null; then
	make_ca
	# valgrind runs objector (TLS handshake, AUTH) many times slower, and a
	# loaded machine slower still: each reply gets a minute, not 5 s.
	SMTP_TIMEOUT=60
	start_smtpd $(tls_args) --user zoe@example.org --password pw --require-auth \
		--reject gone@example.net
	write_config
	export OBJECTOR_SMTP_PASSWORD=pw
	vg 0 "send over SMTP (STARTTLS, AUTH)" send --to dpo@example.net "$EX_DE"
	vg 69 "send over SMTP, refused (550)" send --to gone@example.net "$EX_DE"
	write_config starttls "  password_command: printf pw"
	unset OBJECTOR_SMTP_PASSWORD
	vg 0 "send over SMTP, two letters, password command" send --to dpo@example.net "$EX_UK" "$EX_OTHER"
	stop_smtpd
	vg 75 "send over SMTP, connection refused" send --to x@example.net "$EX_FR"
else
	t_n=$((t_n + 1))
	echo "ok $t_n - send over SMTP # SKIP needs /usr/bin/python3 with aiosmtpd, and openssl"
fi

# --- log and list ----------------------------------------------------------------
vg 0 "log" log
vg 0 "log --due" log --due
vg 0 "log --format yaml" log --format yaml
vg 0 "list jurisdictions" list jurisdictions
vg 0 "list controllers" list controllers
vg 0 "list languages" list languages
vg 64 "list: an unknown catalogue" list nothing
vg 0 "--help" --help
vg 0 "help send" help send

done_testing
