#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/catalog-check.py as a test: every company's file against the
# catalogue layout (sources written out, each with a check date), and the
# generated tables (data/controllers/README.md, README.md's companies)
# against the files.
. "${top_srcdir:-.}/tests/lib.sh"

run /usr/bin/python3 "$top_srcdir/tests/catalog-check.py" "$top_srcdir"
exit_is 0 "catalog-check.py finds no problem"
[ -s "$T/out" ] && sed 's/^/#   /' "$T/out"
has "$T/err" "no problems" "it checked the files"

# A difference between README.md's table and the catalogue is caught.
mkdir -p "$T/src/data/controllers"
cp "$top_srcdir"/data/*.yaml "$T/src/data/"
cp "$top_srcdir"/data/controllers/* "$T/src/data/controllers/"
sed 's/^| LinkedIn (`linkedin`) | uk eea ch ca hk |/| LinkedIn (`linkedin`) | uk eea |/' \
	"$top_srcdir/README.md" >"$T/src/README.md"
run /usr/bin/python3 "$top_srcdir/tests/catalog-check.py" "$T/src"
exit_is 1 "an edited table in README.md"
has "$T/out" "README.md:" "names README.md and its line"

# --table prints what README.md holds.
run /usr/bin/python3 "$top_srcdir/tests/catalog-check.py" --table "$top_srcdir"
exit_is 0 "--table"
grep -qxF -f "$T/out" "$top_srcdir/README.md"
ok $? "README.md holds the table --table prints"

done_testing
