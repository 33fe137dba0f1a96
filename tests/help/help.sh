#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/help/help.sh OUTDIR: every help text of the interface, in every
# language it speaks, as OUTDIR/LANG/objector.txt (`objector --help`) and
# OUTDIR/LANG/COMMAND.txt (`objector help COMMAND`). tests/e2e/help.sh
# compares them with tests/help/; update.sh (make update-help) writes them
# there. Needs OBJECTOR.
set -u
out=$1
: "${OBJECTOR:?}"
langs=$("$OBJECTOR" --lang xx --help 2>&1 | sed -n 's/.*(known: \(.*\))$/\1/p' | tr -d ',')
[ -n "$langs" ] || { echo "help.sh: no language list from objector --lang xx" >&2; exit 1; }
cmds=$("$OBJECTOR" --lang en --help | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z]*\)  .*/\1/p')
[ -n "$cmds" ] || { echo "help.sh: no command list from objector --help" >&2; exit 1; }
st=0
for l in $langs; do
	mkdir -p "$out/$l"
	"$OBJECTOR" --lang "$l" --help >"$out/$l/objector.txt" || st=1
	for c in $cmds; do
		"$OBJECTOR" --lang "$l" help "$c" >"$out/$l/$c.txt" || st=1
	done
done
exit $st
