/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-fileio.c: the names fileio.c makes of paths (file_base_name,
 * file_safe_name: stored replies and a dossier's embedded files). */
#include "config.h"

#include <stdlib.h>

#include "fileio.h"
#include "tap.h"

static void safe(const char *path, const char *want, const char *name)
{
	char *s = file_safe_name(path, "reply");
	is_str(s, want, name);
	free(s);
}

int main(void)
{
	is_str(file_base_name("a/b/c.pdf"), "c.pdf", "base name after the last slash");
	is_str(file_base_name("c.pdf"), "c.pdf", "base name without a slash");
	is_str(file_base_name("dir/"), "", "base name of a directory path");
	is_str(file_base_name(NULL), "", "base name of NULL");

	safe("/home/zoë/Antwort von Meta.pdf", "Antwort_von_Meta.pdf", "spaces become _");
	safe("x/r\xC3\xA9ponse.eml", "r__ponse.eml", "each byte outside [A-Za-z0-9._-] becomes _");
	safe("a/.hidden", "_hidden", "a leading dot becomes _");
	safe("a/..", "reply", "'..' gives the fallback");
	safe(".", "reply", "'.' gives the fallback");
	safe("dir/", "reply", "an empty base name gives the fallback");
	safe("ok-name_1.2.txt", "ok-name_1.2.txt", "a safe name stays");
	safe("a/b\\c:d", "b_c_d", "backslash and colon become _");
	return done_testing();
}
