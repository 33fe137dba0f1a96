# SPDX-License-Identifier: GPL-3.0-or-later
# tests/lib.sh: helpers for end-to-end tests of the real binary, producing TAP.
# Sourced by tests/e2e/*.sh; the test harness exports OBJECTOR, top_srcdir and
# top_builddir (see Makefile.am). A test can also be run by hand:
#   OBJECTOR=./objector top_srcdir=. sh tests/e2e/generate.sh
: "${OBJECTOR:=$(pwd)/objector}"
: "${top_srcdir:=$(pwd)}"
export OBJECTOR top_srcdir
export OBJECTOR_TODAY="${OBJECTOR_TODAY:-2026-11-29}"
# The clock (date_now): journal times and e-mail dates on the same day.
export OBJECTOR_NOW="${OBJECTOR_NOW:-${OBJECTOR_TODAY}T10:00:00Z}"
export TZ=UTC
unset OBJECTOR_DATA_DIR OBJECTOR_CONFIG OBJECTOR_SMTP_PASSWORD
# the interface in English unless a test asks for another language (i18n.h)
unset LANGUAGE LC_ALL LC_MESSAGES
export LANG=C.UTF-8

t_n=0
t_failed=0
T=$(mktemp -d "${TMPDIR:-/tmp}/objector-test.XXXXXX")
export XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state" HOME="$T/home"
mkdir -p "$XDG_CONFIG_HOME" "$XDG_STATE_HOME" "$HOME"
trap 't_cleanup' EXIT

t_cleanup() {
	rc=$?
	[ -n "${t_keep:-}" ] || rm -rf "$T"
	exit $rc
}

ok() { # ok COND-STATUS NAME
	t_n=$((t_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $t_n - $2"
	else
		echo "not ok $t_n - $2"
		t_failed=$((t_failed + 1))
	fi
}

pass() { ok 0 "$1"; }
fail() { ok 1 "$1"; }

# run CMD...: run it, keeping stdout in $T/out, stderr in $T/err, status in $rc.
run() {
	"$@" >"$T/out" 2>"$T/err"
	rc=$?
}

# is EXPECTED ACTUAL NAME
is() {
	if [ "$1" = "$2" ]; then pass "$3"; else
		fail "$3"; printf '#   got:  %s\n#   want: %s\n' "$2" "$1"; fi
}

# has FILE STRING NAME: FILE contains STRING (fixed string)
has() {
	if grep -qF -- "$2" "$1"; then pass "$3"; else
		fail "$3"; printf '#   %s does not contain: %s\n' "$1" "$2"; sed 's/^/#   | /' "$1" | head -40; fi
}

# hasnt FILE STRING NAME
hasnt() {
	if grep -qF -- "$2" "$1"; then fail "$3"; printf '#   %s contains: %s\n' "$1" "$2"; else pass "$3"; fi
}

# exit_is CODE NAME: $rc is CODE
exit_is() {
	if [ "$rc" = "$1" ]; then pass "$2 (exit $1)"; else
		fail "$2"; printf '#   exit %s, want %s\n' "$rc" "$1"; sed 's/^/#   stderr| /' "$T/err" | head -20; fi
}

# golden GOT WANT PATTERN TARGET [LABEL]: golden files. Each file matching
# PATTERN under GOT (what the test wrote) is exactly the file of the same
# relative path under WANT (the expected files in the tree), and none under
# WANT is left without its counterpart: one test per file, named LABEL and
# the path; a difference shows as a diff and names `make TARGET`, which
# rewrites WANT after review.
golden() {
	{ (cd "$1" && find . -type f -name "$3"); (cd "$2" && find . -type f -name "$3"); } |
		sed 's|^\./||' | LC_ALL=C sort -u >"$T/golden.list"
	while read -r f; do
		if cmp -s "$1/$f" "$2/$f"; then pass "${5:-}$f: exactly as expected"; else
			fail "${5:-}$f: exactly as expected (make $4 after review)"
			diff -u "$2/$f" "$1/$f" 2>&1 | sed 's/^/#   /' | head -40
		fi
	done <"$T/golden.list"
}

done_testing() {
	echo "1..$t_n"
	[ "$t_failed" -eq 0 ]
}
