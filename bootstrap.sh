#!/bin/sh
# bootstrap.sh: set up a fresh Debian/Ubuntu machine and build objector.
#
#   ./bootstrap.sh run    install what is missing, build, then start the
#                         questionnaire (`objector new`): the main job
#   ./bootstrap.sh test   install what is missing, build, run the whole test
#                         suite; the last line says "N passed, N failed"
#   ./bootstrap.sh build  install what is missing and build only
#
# Packages are installed with apt-get (through sudo when not root) only when
# they are missing. Set OBJECTOR_NO_INSTALL=1 to skip that step.
set -eu
cd "$(dirname "$0")"
what=${1:-build}

BUILD_PKGS="gcc make autoconf automake pkg-config gettext autopoint
libcurl4-openssl-dev libhpdf-dev libyaml-dev libharfbuzz-dev
fonts-dejavu-core fonts-arphic-uming"
TEST_PKGS="poppler-utils qpdf python3 python3-aiosmtpd python3-yaml openssl valgrind"

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

build() {
	[ -x configure ] || ./autogen.sh
	[ -f Makefile ] || ./configure --quiet
	make -j"$(nproc 2>/dev/null || echo 2)" >/dev/null
}

# summary: "N passed, N failed" from the automake test logs.
summary() {
	pass=$(sed -n 's/^# PASS: *//p' test-suite.log 2>/dev/null | head -n1)
	fail=$(sed -n 's/^# FAIL: *//p' test-suite.log 2>/dev/null | head -n1)
	err=$(sed -n 's/^# ERROR: *//p' test-suite.log 2>/dev/null | head -n1)
	echo "${pass:-0} passed, $(( ${fail:-0} + ${err:-0} )) failed"
}

case $what in
run)
	install_missing $BUILD_PKGS
	build
	exec ./objector new
	;;
test)
	install_missing $BUILD_PKGS $TEST_PKGS
	build
	set +e
	make -j"$(nproc 2>/dev/null || echo 2)" check >check.out 2>&1
	rc=$?
	grep -E '^(FAIL|ERROR|XPASS):' check.out || true
	[ $rc -eq 0 ] || grep -E '^not ok' tests/*/*.log tests/*.log 2>/dev/null | head -n 40
	summary
	exit $rc
	;;
build)
	install_missing $BUILD_PKGS
	build
	echo "built ./objector"
	;;
*)
	echo "usage: ./bootstrap.sh run|test|build" >&2
	exit 64
	;;
esac
