#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Golden help: `objector --help` and `objector help COMMAND`, in every
# interface language (tests/help/help.sh), are exactly tests/help/LANG/*.txt,
# and no expected text is left without its command. A change of wording or
# layout shows here as a diff; after reviewing it, `make update-help`
# (tests/help/update.sh) and commit tests/help with the change. The layout:
# in a command's help, every line of the options block (from the line after
# the header to "-h, --help") is an option or its continuation, indented;
# prose comes after it.
. "${top_srcdir:-.}/tests/lib.sh"
mkdir -p "$T/help"
OBJECTOR="$OBJECTOR" sh "$top_srcdir/tests/help/help.sh" "$T/help" 2>"$T/help.err"
ok $? "help.sh: every help text is written" || sed 's/^/#   /' "$T/help.err" | head -20
golden "$T/help" "$top_srcdir/tests/help" '*.txt' update-help "help "
n=$(ls "$T"/help/*/*.txt | wc -l)
[ "$n" -ge 126 ]
ok $? "at least 9 languages x 14 help texts ($n)"
for f in "$T"/help/*/*.txt; do
	case $f in */objector.txt | */help.txt) continue ;; esac
	bad=$(awk 'blank && !hdr { hdr = 1; next }
		hdr && /^  -h, --help / { exit }
		hdr && !/^ / { print FNR ": " $0; exit }
		/^$/ { blank = 1 }' "$f")
	[ -z "$bad" ]
	ok $? "${f#"$T"/help/}: the options block holds only options" || echo "#   $bad"
done
done_testing
