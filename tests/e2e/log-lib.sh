# SPDX-License-Identifier: GPL-3.0-or-later
# tests/e2e/log-lib.sh: helpers for the tests of `objector log` (sourced
# after tests/lib.sh).
#
# $PY is the python3 the tests use; $J is the journal's path (under
# $XDG_STATE_HOME, as objector finds it without a configuration).
PY=/usr/bin/python3
J="$XDG_STATE_HOME/objector/journal.yaml"

# journal_write: standard input becomes the journal (its directory made).
journal_write() {
	mkdir -p "$XDG_STATE_HOME/objector"
	cat >"$J"
}
