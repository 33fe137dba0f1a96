/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * tmpl-names.c: the names a letter template uses, read with the real
 * template parser (tmpl_parse, tmpl_names), for the translation
 * consistency test (tests/e2e/translations.sh).
 *
 *   tmpl-names FILE            a letter: its "== NAME" sections, each parsed
 *                              on its own as compose does; the text before the
 *                              first section (comments) is skipped
 *   tmpl-names --partial FILE  a partial: the whole file, as section "(prelude)"
 *
 * Prints "SECTION<TAB>KIND<TAB>NAME" for each variable, section, inverted
 * section and partial tag, in order (the caller sorts). A template the
 * parser refuses is an error: its "FILE:LINE:COL: message" on stderr, exit 65.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "fileio.h"
#include "tmpl.h"
#include "xalloc.h"

static void print_name(void *ctx, const char *kind, const char *name)
{
	printf("%s\t%s\t%s\n", (const char *)ctx, kind, name);
}

/* section: parse src[0..len) (line line0 of file) and print its names. */
static int section(const char *file, int line0, const char *name, const char *src, size_t len)
{
	struct tmpl *t;
	char *err = NULL;
	if (tmpl_parse(file, line0, src, len, &t, &err)) {
		fprintf(stderr, "tmpl-names: %s\n", err);
		free(err);
		return EX_DATAERR;
	}
	tmpl_names(t, print_name, (void *)name);
	tmpl_free(t);
	return 0;
}

int main(int argc, char **argv)
{
	int partial = argc == 3 && strcmp(argv[1], "--partial") == 0;
	if (argc != 2 + partial) {
		fprintf(stderr, "usage: tmpl-names [--partial] FILE\n");
		return EX_USAGE;
	}
	const char *file = argv[1 + partial];
	char *src;
	size_t len;
	char *err = NULL;
	int rc = file_read(file, 1u << 20, &src, &len, &err);
	if (rc) {
		fprintf(stderr, "tmpl-names: %s\n", err);
		free(err);
		return rc;
	}
	if (partial) {
		rc = section(file, 1, "(prelude)", src, len);
		free(src);
		return rc;
	}
	/* cut at "== NAME" lines: a section runs from the line after its
	 * heading to the next heading or the end */
	char *name = NULL;
	size_t i = 0, body = 0;
	int line = 1, body_line = 1;
	for (;;) {
		int at_end = i >= len;
		size_t eol = i;
		while (eol < len && src[eol] != '\n')
			eol++;
		int heading = !at_end && eol - i >= 3 && strncmp(src + i, "== ", 3) == 0;
		if (heading || at_end) {
			if (name)
				rc = section(file, body_line, name, src + body, i - body);
			free(name);
			name = NULL;
			if (at_end || rc)
				break;
			name = xstrndup(src + i + 3, eol - i - 3);
			body = eol < len ? eol + 1 : len;
			body_line = line + 1;
		}
		i = eol < len ? eol + 1 : len;
		line++;
	}
	free(name);
	free(src);
	return rc;
}
