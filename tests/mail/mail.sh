#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/mail/mail.sh OUTDIR: the e-mail of each jurisdiction-language letter
# of tests/letters (send --dry-run: the exact message, nothing sent), as
# OUTDIR/NAME.eml with LF line ends and what is not the wording's replaced:
# the random part of the Message-ID by RANDOM, the MIME boundary by
# BOUNDARY, and the PDF's base64 lines by one line saying how the letter is
# attached (its bytes depend on the libharu and zlib versions; the PDF is
# checked by tests/e2e/pdf.sh). tests/e2e/mail-golden.sh compares them with
# tests/mail/; update.sh (make update-mail) writes them there.
# Needs OBJECTOR and top_srcdir; runs in a state directory of its own.
set -u
out=$1
: "${OBJECTOR:?}" "${top_srcdir:?}"
w=$(mktemp -d) || exit 1
trap 'rm -rf "$w"' EXIT
export XDG_STATE_HOME="$w/state" XDG_CONFIG_HOME="$w/config" TZ=UTC
export OBJECTOR_TODAY="${OBJECTOR_TODAY:-2026-11-29}"
export OBJECTOR_NOW="${OBJECTOR_TODAY}T10:00:00Z"
unset OBJECTOR_DATA_DIR OBJECTOR_CONFIG OBJECTOR_SMTP_PASSWORD
st=0
for jl in uk-en eea-en eea-de eea-fr eea-es eea-it eea-nl eea-pl ch-en ch-de ch-fr ch-it \
	ca-en ca-fr-CA hk-en hk-zh-Hant; do
	if ! "$OBJECTOR" --data-dir "$top_srcdir" send --dry-run --to dpo@example.net \
		"$top_srcdir/tests/letters/$jl.yaml" >"$w/m" 2>"$w/err"; then
		echo "mail.sh: $jl: $(cat "$w/err")" >&2
		st=1
		continue
	fi
	tr -d '\r' <"$w/m" | awk '
		/^Message-ID: </ { sub(/\.[0-9a-f]+@/, ".RANDOM@") }
		{ gsub(/=_objector_[0-9a-f]+/, "=_objector_BOUNDARY") }
		inb && /^[A-Za-z0-9+\/=]+$/ { n++; next }
		inb { print "[the PDF in base64: " (n ? "present" : "MISSING") "]"; inb = b64 = 0; n = 0 }
		/^Content-Transfer-Encoding: base64$/ { b64 = 1 }
		b64 && /^$/ { inb = 1; print; next }
		{ print }' >"$out/$jl.eml"
done
exit $st
