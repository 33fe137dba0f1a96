#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Regenerate the expected e-mails (tests/mail/*.eml) after a change of
# wording or form was reviewed: `make update-mail`. Review the diff
# (git diff tests/mail) before committing it.
set -eu
: "${OBJECTOR:?set OBJECTOR to the objector binary}"
: "${top_srcdir:?set top_srcdir}"
rm -f "$top_srcdir"/tests/mail/*.eml
sh "$top_srcdir/tests/mail/mail.sh" "$top_srcdir/tests/mail"
echo "updated $(ls "$top_srcdir"/tests/mail/*.eml | wc -l) e-mails; review: git diff tests/mail"
