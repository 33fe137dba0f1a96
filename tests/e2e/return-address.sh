#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The return address above the envelope window (issue 12, item 13): a letter
# going abroad carries the sender's country (postal practice), a domestic
# letter does not, and an address that already ends with the country does
# not get it twice. The return address is drawn in the PDF only (the text
# form has the sender block), so the PDFs are read with pdftotext.
. "${top_srcdir:-.}/tests/lib.sh"
if ! command -v pdftotext >/dev/null 2>&1; then
	echo "1..0 # SKIP pdftotext not installed"
	exit 0
fi
L="$top_srcdir/tests/letters"

# ret FILE: the return address line of the letter for answers FILE.
ret() {
	"$OBJECTOR" generate "$1" -o "$T/r.pdf" 2>"$T/err" >/dev/null || echo "generate failed: $1"
	pdftotext -enc UTF-8 "$T/r.pdf" - 2>/dev/null | grep '^Alex Example, ' | head -1
}

is "Alex Example, Hauptstraße 5, 10115 Berlin, Germany" "$(ret "$L/de-berlin.yaml")" \
	"abroad (Germany to Ireland): the return address ends with the sender's country"
is "Alex Example, Damrak 1, 1012 LG Amsterdam" "$(ret "$L/other-nl.yaml")" \
	"domestic (the Netherlands to the Netherlands): no country in the return address"
is "Alex Example, 1 High Street, London SW1A 1AA, United Kingdom" "$(ret "$L/uk-en.yaml")" \
	"abroad (United Kingdom to the United States): the sender's country"
sed 's/address: \[Hauptstraße 5, 10115 Berlin\]/address: [Hauptstraße 5, 10115 Berlin, Germany]/' \
	"$L/de-berlin.yaml" >"$T/named.yaml"
is "Alex Example, Hauptstraße 5, 10115 Berlin, Germany" "$(ret "$T/named.yaml")" \
	"abroad, the address already names the country: not twice"
done_testing
