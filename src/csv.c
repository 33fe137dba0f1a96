/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * csv.c: the CSV reader; see csv.h.
 *
 * A byte-at-a-time state machine: the position advances by one column for
 * each byte that starts a character, and UTF-8 is checked as it streams
 * (utf8_decode on each complete sequence).
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "i18n.h"
#include "buf.h"
#include "csv.h"
#include "diag.h"
#include "utf8.h"
#include "xalloc.h"

struct csv {
	FILE *f;
	char *name;
	int line, col;		/* of the next byte */
	int started;		/* the BOM check is done */
	int pb[4];		/* bytes read ahead, the next one last */
	int npb;
	/* UTF-8 being checked */
	unsigned char seq[4];
	size_t seqlen, seqneed;
	int seqline, seqcol;
	struct buf data[CSV_MAX_FIELDS];
	struct csv_field fld[CSV_MAX_FIELDS];
};

struct csv *csv_open(FILE *f, const char *name)
{
	struct csv *c = xcalloc(1, sizeof *c);
	c->f = f;
	c->name = xstrdup(name);
	c->line = 1;
	c->col = 1;
	for (size_t i = 0; i < CSV_MAX_FIELDS; i++)
		buf_init(&c->data[i], CSV_MAX_FIELD);
	return c;
}

void csv_close(struct csv *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < CSV_MAX_FIELDS; i++)
		buf_free(&c->data[i]);
	free(c->name);
	free(c);
}

static int raw(struct csv *c)
{
	if (c->npb)
		return c->pb[--c->npb];
	return getc(c->f);
}

/* get: the next byte, checking UTF-8 and advancing the position; EOF at the
 * end; -2 (with *errstr) for invalid UTF-8 or a read error. */
static int get(struct csv *c, char **errstr)
{
	int ch = raw(c);
	if (ch == EOF) {
		if (ferror(c->f)) {
			*errstr = diag_at(c->name, c->line, c->col, _("read error"));
			return -2;
		}
		if (c->seqneed) {
			*errstr = diag_at(c->name, c->seqline, c->seqcol,
					  _("invalid UTF-8: a character cut off at the end of the file"));
			return -2;
		}
		return EOF;
	}
	unsigned char b = (unsigned char)ch;
	if (c->seqneed) {
		c->seq[c->seqlen++] = b;
		if ((b & 0xC0) != 0x80) {
			*errstr = diag_at(c->name, c->seqline, c->seqcol,
					  _("invalid UTF-8 (byte 0x%02X does not continue the character)"), b);
			return -2;
		}
		if (c->seqlen == c->seqneed) {
			uint32_t cp;
			if (!utf8_decode((const char *)c->seq, c->seqlen, &cp)) {
				*errstr = diag_at(c->name, c->seqline, c->seqcol,
						  _("invalid UTF-8 (an overlong form or a surrogate)"));
				return -2;
			}
			c->seqneed = 0;
		}
		return ch;
	}
	if (b >= 0x80) {
		size_t need = b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3
			: b >= 0xF0 && b <= 0xF4 ? 4 : 0;
		if (!need) {
			*errstr = diag_at(c->name, c->line, c->col, _("invalid UTF-8 (byte 0x%02X)"), b);
			return -2;
		}
		c->seq[0] = b;
		c->seqlen = 1;
		c->seqneed = need;
		c->seqline = c->line;
		c->seqcol = c->col;
	}
	if (ch == '\n') {
		c->line++;
		c->col = 1;
	} else {
		c->col++;
	}
	return ch;
}

int csv_next(struct csv *c, struct csv_row *row, char **errstr)
{
	if (!c->started) {
		c->started = 1;
		int b[3], k = 0;
		while (k < 3 && (b[k] = getc(c->f)) != EOF)
			k++;
		if (!(k == 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF))
			while (k > 0)
				c->pb[c->npb++] = b[--k];	/* popped last first */
	}
	for (size_t i = 0; i < CSV_MAX_FIELDS; i++)
		buf_truncate(&c->data[i], 0);

	size_t n = 0;
	int line0 = c->line;
	for (;;) {
		/* one field */
		if (n == CSV_MAX_FIELDS) {
			*errstr = diag_at(c->name, c->line, c->col, _("more than %d fields in a row"),
					  CSV_MAX_FIELDS);
			return EX_DATAERR;
		}
		struct buf *b = &c->data[n];
		struct csv_field *f = &c->fld[n];
		f->line = c->line;
		f->col = c->col;
		f->quoted = 0;
		int ch = get(c, errstr);
		if (ch == -2)
			return EX_DATAERR;
		if (ch == '"' && b->len == 0) {
			f->quoted = 1;
			for (;;) {
				ch = get(c, errstr);
				if (ch == -2)
					return EX_DATAERR;
				if (ch == EOF) {
					*errstr = diag_at(c->name, f->line, f->col,
							  _("a quoted field is not closed (no closing '\"')"));
					return EX_DATAERR;
				}
				if (ch == '\r') {
					/* CRLF inside quotes is a line break: '\n' */
					int nx = get(c, errstr);
					if (nx == -2)
						return EX_DATAERR;
					if (nx != '\n' && buf_addc(b, '\r') < 0)
						goto toolong;
					if (nx == EOF)
						continue;
					ch = nx;
				}
				if (ch == '"') {
					int nx = get(c, errstr);
					if (nx == -2)
						return EX_DATAERR;
					if (nx == '"') {
						ch = '"';
					} else {
						ch = nx;
						break;
					}
				}
				if (buf_addc(b, ch) < 0)
					goto toolong;
			}
			/* after the closing quote: a separator, a line end or the end */
			if (ch == '\r') {
				int nx = get(c, errstr);
				if (nx == -2)
					return EX_DATAERR;
				if (nx != '\n') {
					*errstr = diag_at(c->name, c->line, c->col - 1,
							  _("a carriage return not followed by a line feed"));
					return EX_DATAERR;
				}
				ch = '\n';
			}
			if (ch != ',' && ch != '\n' && ch != EOF) {
				*errstr = diag_at(c->name, c->line, c->col - 1,
						  _("text after the closing quote of a field (a '\"' inside a "
						  "field is written '\"\"')"));
				return EX_DATAERR;
			}
		} else {
			while (ch != ',' && ch != '\n' && ch != EOF) {
				if (ch == '\r') {
					int nx = get(c, errstr);
					if (nx == -2)
						return EX_DATAERR;
					if (nx == '\n') {
						ch = '\n';
						break;
					}
					if (buf_addc(b, '\r') < 0)
						goto toolong;
					ch = nx;
					continue;
				}
				if (ch == '"') {
					*errstr = diag_at(c->name, c->line, c->col - 1,
							  _("a '\"' inside a field that does not start with one "
							  "(quote the whole field and write the '\"' as '\"\"')"));
					return EX_DATAERR;
				}
				if (buf_addc(b, ch) < 0)
					goto toolong;
				ch = get(c, errstr);
				if (ch == -2)
					return EX_DATAERR;
			}
		}
		f->s = b->data;
		f->len = b->len;
		n++;
		if (ch == ',')
			continue;
		/* the end of a row (or of the file) */
		if (n == 1 && !f->quoted && f->len == 0) {
			if (ch == EOF)
				return 0;
			n = 0;	/* an empty line */
			line0 = c->line;
			continue;
		}
		row->n = n;
		row->f = c->fld;
		row->line = line0;
		return 1;
	}
toolong:
	*errstr = diag_at(c->name, c->fld[0].line, 1, _("a field longer than %zu bytes"),
			  CSV_MAX_FIELD);
	return EX_DATAERR;
}
