#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/deb.sh: build the Debian package from a clean copy of the tree (the
# files git knows, as they are in the working tree), check it with lintian,
# install it with apt-get, and run the installed objector: it names its
# licence, finds its data, writes a letter, and the shells find the
# completions. Ends with "N passed, N failed". Run from anywhere; needs root
# (or sudo) to install, and dpkg-dev, debhelper, lintian and the package's
# Build-Depends (dpkg-checkbuilddeps says which are missing).
#
#   sh tests/deb.sh                       build (with the test suite), check, install, remove
#   DEB_BUILD_OPTIONS=nocheck sh tests/deb.sh    the same without the suite at build time
#   OBJECTOR_DEB_KEEP=1 sh tests/deb.sh   keep the package installed and the build directory
set -u
src=$(cd "$(dirname "$0")/.." && pwd)
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok - $1"; }
notok() { failed=$((failed + 1)); echo "not ok - $1"; }
check() { # check NAME COMMAND...: run it quietly, ok when it succeeds
	name=$1
	shift
	if "$@" >"$work/out" 2>&1; then ok "$name"; else
		notok "$name"
		sed 's/^/#   /' "$work/out" | tail -n 30
	fi
}
finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
}

for t in dpkg-buildpackage dpkg-checkbuilddeps lintian git; do
	command -v $t >/dev/null 2>&1 || {
		echo "# $t not installed: the Debian package is not built (apt-get install dpkg-dev debhelper lintian git)"
		finish
	}
done
sudo=
[ "$(id -u)" -eq 0 ] || sudo=sudo

work=$(mktemp -d "${TMPDIR:-/tmp}/objector-deb.XXXXXX")
cleanup() {
	if [ -z "${OBJECTOR_DEB_KEEP:-}" ]; then
		[ -n "${installed:-}" ] && $sudo dpkg --purge objector >/dev/null 2>&1
		rm -rf "$work"
	else
		echo "# kept: $work"
	fi
}
trap cleanup EXIT

# A clean copy: what git tracks (and new files not ignored), nothing built.
version=$(sed -n '1s/^objector (\([^)]*\)).*/\1/p' "$src/debian/changelog")
tree=$work/objector-$version
mkdir -p "$tree"
(cd "$src" && git ls-files -z --cached --others --exclude-standard |
	tar --null --ignore-failed-read -T - -cf - 2>/dev/null) | tar -C "$tree" -xf -
check "clean copy of the tree has debian/ and no build output" \
	sh -c "test -x '$tree/debian/rules' && test ! -e '$tree/configure' && test ! -e '$tree/_build'"

check "Build-Depends installed (dpkg-checkbuilddeps)" sh -c "cd '$tree' && dpkg-checkbuilddeps"

start=$(date +%s)
DEB_BUILD_OPTIONS="${DEB_BUILD_OPTIONS:-} parallel=${OBJECTOR_DEB_JOBS:-2}"
export DEB_BUILD_OPTIONS
if (cd "$tree" && dpkg-buildpackage -us -uc -b) >"$work/build.log" 2>&1; then
	ok "dpkg-buildpackage -us -uc -b ($(($(date +%s) - start)) s; DEB_BUILD_OPTIONS=$DEB_BUILD_OPTIONS)"
else
	notok "dpkg-buildpackage -us -uc -b"
	grep -E '^(FAIL|ERROR|not ok)|error|Error' "$work/build.log" | head -n 30 | sed 's/^/#   /'
	tail -n 30 "$work/build.log" | sed 's/^/#   /'
	finish
fi
grep -E '^# (PASS|FAIL|ERROR):' "$work/build.log" | sed 's/^/#   build-time test suite: /'
deb=$(ls "$work"/objector_"$version"_*.deb 2>/dev/null | head -n 1)
changes=$(ls "$work"/objector_"$version"_*.changes 2>/dev/null | head -n 1)
check "the .deb exists" test -f "$deb"

# lintian: no error, no warning (info and pedantic tags are printed).
if lintian --fail-on error,warning --info "$changes" >"$work/lintian" 2>&1; then
	ok "lintian: no errors or warnings"
else
	notok "lintian: no errors or warnings"
fi
sed 's/^/#   /' "$work/lintian" | head -n 40

check "the package ships the copyright file (DEP-5, GPL-3+)" \
	sh -c "dpkg-deb --fsys-tarfile '$deb' | tar -xOf - ./usr/share/doc/objector/copyright | grep -q '^License: GPL-3+'"
for f in ./usr/bin/objector ./usr/share/man/man1/objector.1.gz ./usr/share/objector/data/controllers/linkedin.yaml \
	./usr/share/bash-completion/completions/objector ./usr/share/zsh/vendor-completions/_objector \
	./usr/share/fish/vendor_completions.d/objector.fish; do
	check "the package contains $f" sh -c "dpkg-deb -c '$deb' | awk '{ print \$6 }' | grep -qx '$f'"
done

# Install it as a user would.
if [ -n "$sudo" ] && ! command -v sudo >/dev/null 2>&1; then
	echo "# not root and no sudo: the package is not installed"
	finish
fi
if DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$deb" >"$work/install.log" 2>&1; then
	installed=1
	ok "apt-get install ./$(basename "$deb")"
else
	notok "apt-get install ./$(basename "$deb")"
	tail -n 20 "$work/install.log" | sed 's/^/#   /'
	finish
fi

# The installed program, in an empty home, nothing from the source tree.
home=$work/home
mkdir -p "$home"
(
	cd "$home" || exit 1
	env -i PATH=/usr/bin:/bin HOME="$home" XDG_CONFIG_HOME="$home/c" XDG_STATE_HOME="$home/s" TZ=UTC \
		/usr/bin/objector --version >"$work/version" 2>&1
)
check "/usr/bin/objector --version names the licence" grep -q 'GPL version 3 or later' "$work/version"
cp "$tree/examples/uk-linkedin.yaml" "$home/letter.yaml"
check "the installed objector writes a letter (text)" sh -c "cd '$home' && env -i PATH=/usr/bin:/bin HOME='$home' \
	/usr/bin/objector generate letter.yaml --format text -o - | grep -q LinkedIn"
check "the installed objector writes a letter (PDF)" sh -c "cd '$home' && env -i PATH=/usr/bin:/bin HOME='$home' \
	/usr/bin/objector generate letter.yaml && head -c 5 letter.pdf | grep -q '%PDF-'"
if command -v pdfinfo >/dev/null 2>&1; then
	check "the letter is a valid PDF (pdfinfo)" pdfinfo "$home/letter.pdf"
fi
# A Traditional Chinese letter: HarfBuzz's subsetter, loaded at run time
# (a dependency the package declares: debian/control), and the CJK font.
cp "$tree/examples/hk-linkedin.yaml" "$home/hk.yaml"
check "the installed objector writes a Chinese letter (HarfBuzz loaded at run time)" sh -c "cd '$home' && \
	env -i PATH=/usr/bin:/bin HOME='$home' /usr/bin/objector generate hk.yaml -o hk.pdf >/dev/null && \
	head -c 5 hk.pdf | grep -q '%PDF-'"
if command -v pdffonts >/dev/null 2>&1; then
	check "the Chinese letter embeds a subset of AR PL UMing" sh -c "pdffonts '$home/hk.pdf' | grep -q 'UMing'"
fi
check "the installed objector lists the catalogue" sh -c "env -i PATH=/usr/bin:/bin HOME='$home' /usr/bin/objector list controllers | grep -q '^linkedin '"
if [ -f /usr/share/bash-completion/bash_completion ]; then
	check "bash-completion loads the installed completion" bash -c '. /usr/share/bash-completion/bash_completion
		__load_completion objector 2>/dev/null || _completion_loader objector
		complete -p objector | grep -q _objector
		COMP_WORDS=(objector ge); COMP_CWORD=1; _objector; [ "${COMPREPLY[*]}" = generate ]'
fi
if command -v fish >/dev/null 2>&1; then
	check "fish finds the installed completion" sh -c "HOME='$home' fish -c 'complete -C \"objector ge\"' | grep -q '^generate'"
fi
finish
