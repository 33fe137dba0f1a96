/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-fileio.c: the names fileio.c makes of paths (file_base_name,
 * file_safe_name: stored replies and a dossier's embedded files), and
 * file_mkdirs in a temporary directory. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

	char tmpl[] = "/tmp/test-fileio.XXXXXX";
	char *top = mkdtemp(tmpl);
	ok(top != NULL, "a temporary directory");
	if (top) {
		char path[256], dir[256];
		snprintf(path, sizeof path, "%s/a/b/c/file", top);
		is_int(file_mkdirs(path), 0, "mkdirs a/b/c for a/b/c/file");
		struct stat st;
		snprintf(dir, sizeof dir, "%s/a/b/c", top);
		ok(stat(dir, &st) == 0 && S_ISDIR(st.st_mode) && (st.st_mode & 0777) == 0700,
		   "a/b/c is a directory, 0700");
		snprintf(dir, sizeof dir, "%s/a/b/c/file", top);
		ok(stat(dir, &st) != 0, "the file itself is not created");
		is_int(file_mkdirs(path), 0, "again: the existing directories are kept");
		snprintf(dir, sizeof dir, "%s/plain", top);
		FILE *f = fopen(dir, "w");
		if (f)
			fclose(f);
		snprintf(path, sizeof path, "%s/plain/x/file", top);
		errno = 0;
		is_int(file_mkdirs(path), -1, "under a regular file: -1");
		is_int(errno, ENOTDIR, "... with ENOTDIR");
		unlink(dir);
		const char *rm[] = { "a/b/c", "a/b", "a" };
		for (int i = 0; i < 3; i++) {
			snprintf(dir, sizeof dir, "%s/%s", top, rm[i]);
			rmdir(dir);
		}
		rmdir(top);
	}
	return done_testing();
}
