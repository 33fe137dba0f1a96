/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * diag.h: messages for people.
 *
 * Every message the program prints about a problem starts with "objector: ";
 * problems in an input file are "FILE:LINE:COL: message" (1-based line and
 * column, as editors count them). Messages are lowercase, without a final
 * full stop, with names of keys and files in quotes.
 */
#ifndef OBJECTOR_DIAG_H
#define OBJECTOR_DIAG_H

#include <stdarg.h>

/* errmsg: print "objector: <message>\n" on stderr, the message made safe
 * for a terminal (term.h): it may quote server replies and file contents. */
void errmsg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* diag_at: an allocated "FILE:LINE:COL: message" (col 0: "FILE:LINE: message"). */
char *diag_at(const char *file, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
char *diag_vat(const char *file, int line, int col, const char *fmt, va_list ap)
	__attribute__((format(printf, 4, 0)));

#endif
