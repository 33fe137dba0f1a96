#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/e2e/sources.sh: every document the templates and the catalogues cite
# by file name ("legal-reference.md, EEA", "authorities.md E") is in the
# repository, so a citation never points outside it.
. "${top_srcdir:-.}/tests/lib.sh"
cd "$top_srcdir" || exit 1
# a bare name (not the end of a path or an address, nor an Open Terms Archive
# copy such as "LinkedIn/Privacy Policy.md": those are copies elsewhere, named
# with their repository)
find templates data doc/legal-sources.md -type f -exec cat {} + |
	sed -E 's#[A-Za-z]+/[A-Za-z ]*(Policy|Service|Terms)\.md##g' |
	grep -oE '(^|[[:space:](`"])[A-Za-z][A-Za-z0-9_-]*\.md\b' |
	sed 's/^[[:space:](`"]*//' | sort -u >"$T/cited"
[ -s "$T/cited" ]
ok $? "the templates and data cite documents by name"
while read -r f; do
	found=$(find . -path ./_build -prune -o -name "$f" -print | head -n 1)
	[ -n "$found" ]
	ok $? "cited $f is in the repository${found:+ ($found)}"
done <"$T/cited"
done_testing
