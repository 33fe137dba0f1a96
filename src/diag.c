/* SPDX-License-Identifier: GPL-3.0-or-later */
/* diag.c: messages for people; see diag.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "diag.h"
#include "term.h"
#include "xalloc.h"

void errmsg(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("objector: ", stderr);
	term_vprintf(stderr, fmt, ap);	/* messages quote replies and files */
	fputc('\n', stderr);
	va_end(ap);
}

char *diag_vat(const char *file, int line, int col, const char *fmt, va_list ap)
{
	char *msg = xvasprintf(fmt, ap);
	char *r;
	if (col > 0)
		r = xasprintf("%s:%d:%d: %s", file, line, col, msg);
	else if (line > 0)
		r = xasprintf("%s:%d: %s", file, line, msg);
	else
		r = xasprintf("%s: %s", file, msg);
	free(msg);
	return r;
}

char *diag_at(const char *file, int line, int col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *r = diag_vat(file, line, col, fmt, ap);
	va_end(ap);
	return r;
}
