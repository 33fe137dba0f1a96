#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Golden e-mails: the message of each jurisdiction-language letter
# (tests/mail/mail.sh: send --dry-run, with the Message-ID's random part,
# the MIME boundary and the PDF's base64 replaced) is exactly
# tests/mail/NAME.eml, and no expected message is left without its letter.
# A change of wording, headers or encoding shows here as a diff; after
# reviewing it, `make update-mail` (tests/mail/update.sh) and commit
# tests/mail with the change.
. "${top_srcdir:-.}/tests/lib.sh"
mkdir -p "$T/mail"
OBJECTOR="$OBJECTOR" top_srcdir="$top_srcdir" sh "$top_srcdir/tests/mail/mail.sh" "$T/mail" 2>"$T/mail.err"
ok $? "mail.sh: every message is written" || sed 's/^/#   /' "$T/mail.err" | head -20
golden "$T/mail" "$top_srcdir/tests/mail" '*.eml' update-mail "mail "
n=$(ls "$T"/mail/*.eml | wc -l)
is 16 "$n" "one message per jurisdiction-language letter"
without=$(grep -L "the PDF in base64: present" "$T"/mail/*.eml)
[ -z "$without" ]
ok $? "every message carries the PDF" || echo "#   $without"
done_testing
