# SPDX-License-Identifier: GPL-3.0-or-later
# tests/e2e/new-lib.sh: helpers for the tests of `objector new` (sourced
# after tests/lib.sh).
#
# $DD is a private data directory: the source tree's catalogue and locales,
# and the letter templates of English everywhere plus German for the EEA, so
# that which questions are asked (the letter language is asked only when
# there is a choice) does not change when more templates are installed.
DD="$T/datadir"
mkdir -p "$DD/templates"
ln -s "$top_srcdir/data" "$DD/data"
ln -s "$top_srcdir/locales" "$DD/locales"
ln -s "$top_srcdir/templates/partials" "$DD/templates/partials"
for j in uk eea ch ca hk; do
	mkdir -p "$DD/templates/$j"
	ln -s "$top_srcdir/templates/$j/en.tmpl" "$DD/templates/$j/en.tmpl"
done
ln -s "$top_srcdir/templates/eea/de.tmpl" "$DD/templates/eea/de.tmpl"

# new_in DIR ARGS...: run `objector new ARGS` in DIR with standard input
# from $T/in; stdout in $T/out and $T/nout, stderr in $T/err and $T/nerr
# (these two are kept when other commands run), status in $rc.
new_in() {
	d=$1; shift
	mkdir -p "$d"
	(cd "$d" && "$OBJECTOR" --data-dir "$DD" new "$@" <"$T/in" >"$T/nout" 2>"$T/nerr")
	rc=$?
	cp "$T/nout" "$T/out"
	cp "$T/nerr" "$T/err"
}

# letter_text FILE: the letter's text on stdout (pdftotext for a PDF).
letter_text() {
	case $1 in
	*.pdf) pdftotext -enc UTF-8 "$1" - 2>/dev/null ;;
	*) cat "$1" ;;
	esac
}

# mode_of FILE: its permission bits in octal.
mode_of() { stat -c %a "$1"; }

# nothing_in DIR NAME: DIR holds no file at all.
nothing_in() {
	if [ -z "$(ls -A "$1" 2>/dev/null)" ]; then pass "$2"; else
		fail "$2"; ls -la "$1" | sed 's/^/#   /'; fi
}

have_pdftotext() { command -v pdftotext >/dev/null 2>&1; }
