/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * csv.h: reading CSV (RFC 4180) one row at a time.
 *
 * A pure module over a FILE * (no catalogue, no answers): rows of fields
 * separated by commas, each field unquoted or in double quotes (a quoted
 * field may hold commas, newlines and doubled quotes ""). Rows end in CRLF
 * or LF; the last may end without one; a UTF-8 byte order mark at the start
 * is skipped; empty lines are skipped. A CRLF inside a quoted field is a
 * line break, read as LF. The text must be valid UTF-8: an
 * invalid byte is an error at its position. Memory does not grow with the
 * number of rows: a row's fields live until the next csv_next().
 *
 * Positions are 1-based lines and columns, columns counted in characters
 * (as editors count them). Errors are "FILE:LINE:COL: message"; status
 * codes are sysexits values (EX_DATAERR, EX_IOERR).
 */
#ifndef OBJECTOR_CSV_H
#define OBJECTOR_CSV_H

#include <stddef.h>
#include <stdio.h>

#define CSV_MAX_FIELD  ((size_t)64 << 10)	/* bytes in one field */
#define CSV_MAX_FIELDS 64			/* fields in one row */

struct csv_field {
	const char *s;		/* NUL-terminated (a NUL inside is kept: len counts it) */
	size_t len;
	int line, col;		/* where the field starts (its opening quote, if quoted) */
	int quoted;
};

struct csv_row {
	size_t n;
	const struct csv_field *f;
	int line;		/* the row's first line */
};

struct csv;

/* csv_open: a reader of f (borrowed); name is used in messages. */
struct csv *csv_open(FILE *f, const char *name);
/* csv_next: 1 and *row (valid until the next call), 0 at the end, or an
 * exit code with *errstr. */
int csv_next(struct csv *c, struct csv_row *row, char **errstr);
void csv_close(struct csv *c);

#endif
