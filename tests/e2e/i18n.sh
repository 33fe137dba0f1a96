#!/bin/sh
# tests/e2e/i18n.sh: the interface in the user's language (issue 14).
. "${top_srcdir:-.}/tests/lib.sh"
run "$OBJECTOR" --lang xx list languages
exit_is 64 "--lang xx"
done_testing
