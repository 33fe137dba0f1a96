#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# bootstrap.sh: set up a fresh Debian/Ubuntu machine and build objector.
#
#   ./bootstrap.sh run    install what is missing, build, then start the
#                         questionnaire (`objector new`): the main job
#   ./bootstrap.sh test   install what is missing, build, run the whole test
#                         suite; the last line says "N passed, N failed"
#   ./bootstrap.sh build  install what is missing and build only
#   ./bootstrap.sh sanitize  the test suite again, built with ASan and UBSan
#
# Builds go to _build/ (and _build-asan/), out of the source tree; the
# program is _build/objector (`make -C _build install` installs it).
# Packages are installed with apt-get (through sudo when not root) only when
# they are missing. Set OBJECTOR_NO_INSTALL=1 to skip that step.
set -eu
cd "$(dirname "$0")"
what=${1:-build}

BUILD_PKGS="gcc make autoconf automake pkg-config gettext autopoint
libcurl4-openssl-dev libhpdf-dev libyaml-dev libharfbuzz-dev
fonts-dejavu-core fonts-arphic-uming"
TEST_PKGS="poppler-utils qpdf python3 python3-aiosmtpd python3-yaml python3-icalendar openssl valgrind msmtp"
B=${BUILD_DIR:-_build}

install_missing() {
	[ -z "${OBJECTOR_NO_INSTALL:-}" ] || return 0
	command -v dpkg-query >/dev/null 2>&1 || {
		echo "bootstrap: not a Debian-like system: install the packages named in README.md yourself" >&2
		return 0
	}
	missing=
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
	done
	[ -n "$missing" ] || return 0
	echo "bootstrap: installing:$missing" >&2
	sudo=
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	$sudo apt-get update -qq
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

jobs=$(nproc 2>/dev/null || echo 2)

# build DIR [CONFIGURE-ARGS...]: configure (once) and build in DIR.
build() {
	dir=$1
	shift
	[ -x configure ] || ./autogen.sh >/dev/null 2>&1 || ./autogen.sh
	mkdir -p "$dir"
	[ -f "$dir/Makefile" ] || (cd "$dir" && ../configure --quiet "$@")
	make -C "$dir" -j"$jobs" >/dev/null
}

# check DIR: run the test suite in DIR; print the failures and the line
# "N passed, N failed" (counted from the TAP results in test-suite.log).
check() {
	dir=$1
	set +e
	make -C "$dir" -j"$jobs" check >"$dir/check.out" 2>&1
	rc=$?
	set -e
	grep -E '^(FAIL|ERROR|XPASS):' "$dir/check.out" || true
	if [ $rc -ne 0 ]; then
		grep -hE '^not ok' "$dir"/tests/*/*.log "$dir"/tests/*.log 2>/dev/null | head -n 40
		[ -f "$dir/test-suite.log" ] || tail -n 20 "$dir/check.out"
	fi
	pass=$(sed -n 's/^# PASS: *//p' "$dir/test-suite.log" 2>/dev/null | head -n1)
	fail=$(sed -n 's/^# FAIL: *//p' "$dir/test-suite.log" 2>/dev/null | head -n1)
	err=$(sed -n 's/^# ERROR: *//p' "$dir/test-suite.log" 2>/dev/null | head -n1)
	fail=$(( ${fail:-0} + ${err:-0} ))
	[ $rc -eq 0 ] || [ "$fail" -gt 0 ] || fail=1
	echo "${pass:-0} passed, $fail failed"
	return $rc
}

case $what in
run)
	install_missing $BUILD_PKGS
	build "$B"
	exec "$B/objector" new
	;;
test)
	install_missing $BUILD_PKGS $TEST_PKGS
	build "$B"
	check "$B"
	;;
sanitize)
	install_missing $BUILD_PKGS $TEST_PKGS
	build "$B-asan" --enable-sanitizers
	check "$B-asan"
	;;
build)
	install_missing $BUILD_PKGS
	build "$B"
	echo "built $B/objector"
	;;
*)
	echo "usage: ./bootstrap.sh run|test|sanitize|build" >&2
	exit 64
	;;
esac
