/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * people.c: CSV rows and YAML list items as answers trees; see people.h.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "i18n.h"
#include "buf.h"
#include "catalog.h"
#include "csv.h"
#include "diag.h"
#include "people.h"
#include "valid.h"
#include "xalloc.h"
#include "ydoc.h"

enum col {
	C_NAME, C_EMAIL, C_ACCOUNT, C_ADDRESS, C_ADDRESS1, C_ADDRESS2, C_ADDRESS3, C_ADDRESS4,
	C_ADDRESS5, C_ADDRESS6, C_COUNTRY, C_JURISDICTION, C_LANGUAGE, C_REASONS,
	C_ERASE_TRAINED, C_PLACE, C_DATE, C_CONTROLLER, C_PAPER, C_ENVELOPE, C_REGION, C_N
};
static const char *const col_names[C_N] = {
	"name", "email", "account", "address", "address1", "address2", "address3", "address4",
	"address5", "address6", "country", "jurisdiction", "language", "reasons",
	"erase_trained", "place", "date", "controller", "paper", "envelope",
	"region",	/* a German Land (DE-BE) or CA-QC: answers.h */
};

struct people {
	const struct catalog *cat;
	char *file;
	FILE *f;
	int yaml;
	unsigned long index;
	int line;
	/* CSV */
	struct csv *csv;
	size_t ncols;
	int col_of[CSV_MAX_FIELDS];	/* header field -> enum col */
	struct csv_row row;
	/* YAML */
	char *lbuf;
	size_t lcap;
	int yline;			/* lines read */
	char *pending;			/* an item's first line, read ahead */
	int pending_line;
};

static int ends_with(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);
	return n >= m && strcmp(s + n - m, suf) == 0;
}

static int header(struct people *p, char **errstr)
{
	struct csv_row h;
	int rc = csv_next(p->csv, &h, errstr);
	if (rc < 0 || rc > 1)
		return rc;
	if (rc == 0) {
		*errstr = diag_at(p->file, 1, 0, _("empty: expected a header row (name,email,address,country,...)"));
		return EX_DATAERR;
	}
	int seen[C_N] = { 0 };
	for (size_t i = 0; i < h.n; i++) {
		const struct csv_field *f = &h.f[i];
		int k = -1;
		for (int j = 0; j < C_N; j++)
			if (strlen(col_names[j]) == f->len && strcmp(col_names[j], f->s) == 0)
				k = j;
		if (k < 0) {
			struct buf known = BUF_INIT;
			for (int j = 0; j < C_N; j++)
				BUF_MUST(buf_printf(&known, "%s%s", j ? ", " : "", col_names[j]));
			*errstr = diag_at(p->file, f->line, f->col, _("unknown column '%.*s' (known: %s)"),
					  (int)(f->len > 60 ? 60 : f->len), f->s, known.data);
			buf_free(&known);
			return EX_DATAERR;
		}
		if (seen[k]) {
			*errstr = diag_at(p->file, f->line, f->col, _("the column '%s' appears twice"),
					  col_names[k]);
			return EX_DATAERR;
		}
		seen[k] = 1;
		p->col_of[i] = k;
	}
	p->ncols = h.n;
	const char *missing = !seen[C_NAME] ? "name" : !seen[C_EMAIL] ? "email"
		: !seen[C_ADDRESS] && !seen[C_ADDRESS1] ? "address"
		: !seen[C_COUNTRY] && !seen[C_JURISDICTION] ? "country" : NULL;
	if (missing) {
		*errstr = diag_at(p->file, h.line, 1, _("missing column '%s' (the header names: "
				  "name, email, address or address1..address6, country or jurisdiction, ...)"),
				  missing);
		return EX_DATAERR;
	}
	if (seen[C_ADDRESS] && seen[C_ADDRESS1]) {
		*errstr = diag_at(p->file, h.line, 1, _("give the address as 'address' (lines separated "
				  "by \" / \") or as address1..address6, not both"));
		return EX_DATAERR;
	}
	return 0;
}

int people_open(const struct catalog *cat, const char *path, struct people **out,
		char **errstr)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!f) {
		*errstr = xasprintf("%s: %s", path, strerror(errno));
		return errno == ENOENT || errno == EACCES ? EX_NOINPUT : EX_IOERR;
	}
	struct people *p = xcalloc(1, sizeof *p);
	p->cat = cat;
	p->file = xstrdup(path);
	p->f = f;
	p->yaml = ends_with(path, ".yaml") || ends_with(path, ".yml");
	if (!p->yaml) {
		p->csv = csv_open(f, path);
		int rc = header(p, errstr);
		if (rc) {
			people_close(p);
			return rc;
		}
	}
	*out = p;
	return 0;
}

void people_close(struct people *p)
{
	if (!p)
		return;
	csv_close(p->csv);
	if (p->f && p->f != stdin)
		fclose(p->f);
	free(p->lbuf);
	free(p->pending);
	free(p->file);
	free(p);
}

unsigned long people_index(const struct people *p)
{
	return p->index;
}

int people_line(const struct people *p)
{
	return p->line;
}

const char *people_column(const struct people *p, int line, int col)
{
	if (p->yaml || !p->row.n || col <= 0)
		return NULL;
	const char *name = NULL;
	for (size_t i = 0; i < p->row.n && i < p->ncols; i++) {
		const struct csv_field *f = &p->row.f[i];
		if (f->line < line || (f->line == line && f->col <= col))
			name = col_names[p->col_of[i]];
	}
	return name;
}

/* scalar: a node for field f (its text from off, n bytes, starting chars
 * characters into the field), positioned at it. */
static struct ynode *scalar(const struct csv_field *f, const char *s, size_t n, size_t chars)
{
	struct ynode *v = ynode_new_str("");
	free(v->str);
	v->str = xmalloc(n + 1);
	memcpy(v->str, s, n);
	v->str[n] = '\0';
	v->len = n;	/* a NUL inside is kept: the validators refuse it */
	v->line = f->line;
	v->col = f->col + (f->quoted ? 1 : 0) + (int)chars;
	/* Unquoted, its characters are its columns: answers.c then points at
	 * the offending character itself. The null words must stay text. */
	static const char *const nulls[] = { "~", "null", "Null", "NULL", NULL };
	int isnull = 0;
	for (const char *const *w = nulls; *w; w++)
		isnull |= strcmp(v->str, *w) == 0;
	v->plain = !f->quoted && !isnull;
	return v;
}

static void add(struct ynode *map, const char *key, struct ynode *v, int line, int col)
{
	ynode_map_add(map, key, v);
	map->keys[map->n - 1]->line = line;
	map->keys[map->n - 1]->col = col;
}

static size_t nchars(const char *s, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

/* address_split: "Street 1 / 12345 City / Country" into line nodes. */
static void address_split(struct ynode *seq, const struct csv_field *f)
{
	const char *s = f->s, *end = f->s + f->len;
	while (s <= end) {
		const char *sep = NULL;
		for (const char *q = s; q + 3 <= end; q++)
			if (q[0] == ' ' && q[1] == '/' && q[2] == ' ') {
				sep = q;
				break;
			}
		const char *e = sep ? sep : end, *b = s;
		while (b < e && *b == ' ')
			b++;
		while (e > b && e[-1] == ' ')
			e--;
		ynode_seq_add(seq, scalar(f, b, (size_t)(e - b), nchars(f->s, (size_t)(b - f->s))));
		if (!sep)
			break;
		s = sep + 3;
	}
}

static int csv_person(struct people *p, struct ydoc **doc, char **errstr)
{
	int rc = csv_next(p->csv, &p->row, errstr);
	if (rc != 1)
		return rc;
	const struct csv_row *r = &p->row;
	p->index++;
	p->line = r->line;
	if (r->n != p->ncols) {
		const struct csv_field *f = &r->f[r->n - 1];
		*errstr = diag_at(p->file, f->line, f->col,
				  i18n_ngettext("this row has %zu field, the header %zu",
						"this row has %zu fields, the header %zu", r->n),
				  r->n, p->ncols);
		return EX_DATAERR;
	}
	const struct csv_field *by[C_N] = { 0 };
	for (size_t i = 0; i < r->n; i++)
		if (r->f[i].len > 0)
			by[p->col_of[i]] = &r->f[i];
	struct ynode *root = ynode_new_map();
	root->line = r->line;
	struct ynode *req = ynode_new_map();
	req->line = r->line;
	static const int top[] = { C_JURISDICTION, C_COUNTRY, C_REGION, C_LANGUAGE, C_CONTROLLER };
	for (size_t i = 0; i < sizeof top / sizeof *top; i++) {
		const struct csv_field *f = by[top[i]];
		if (f)
			add(root, col_names[top[i]], scalar(f, f->s, f->len, 0), f->line, f->col);
	}
	if (!by[C_JURISDICTION] && by[C_COUNTRY]) {
		/* the country tells the jurisdiction */
		const struct cat_jurisdiction *j = valid_country_code(by[C_COUNTRY]->s)
			? catalog_jurisdiction_for_country(p->cat, by[C_COUNTRY]->s) : NULL;
		if (j) {
			const struct csv_field *f = by[C_COUNTRY];
			struct ynode *v = ynode_new_str(j->id);
			v->line = f->line;
			v->col = f->col;
			add(root, "jurisdiction", v, f->line, f->col);
		}
	}
	static const int rq[] = { C_NAME, C_EMAIL, C_ACCOUNT };
	static const char *const rqk[] = { "name", "email", "account" };
	for (size_t i = 0; i < 3; i++) {
		const struct csv_field *f = by[rq[i]];
		if (f)
			add(req, rqk[i], scalar(f, f->s, f->len, 0), f->line, f->col);
	}
	struct ynode *addr = ynode_new_seq();
	const struct csv_field *af = by[C_ADDRESS];
	if (af) {
		addr->line = af->line;
		addr->col = af->col;
		address_split(addr, af);
	}
	for (int k = C_ADDRESS1; k <= C_ADDRESS6; k++) {
		const struct csv_field *f = by[k];
		if (!f)
			continue;
		if (!addr->line) {
			addr->line = f->line;
			addr->col = f->col;
		}
		ynode_seq_add(addr, scalar(f, f->s, f->len, 0));
	}
	if (addr->n)
		add(req, "address", addr, addr->line, addr->col);
	else
		ynode_free(addr);
	ynode_map_add(root, "requester", req);
	static const int rest[] = { C_REASONS, C_ERASE_TRAINED, C_PLACE, C_DATE, C_PAPER, C_ENVELOPE };
	for (size_t i = 0; i < sizeof rest / sizeof *rest; i++) {
		const struct csv_field *f = by[rest[i]];
		if (!f)
			continue;
		struct ynode *v = scalar(f, f->s, f->len, 0);
		if (rest[i] == C_ERASE_TRAINED)
			v->plain = 1;	/* a boolean, read as one */
		add(root, col_names[rest[i]], v, f->line, f->col);
	}
	struct ydoc *d = xcalloc(1, sizeof *d);
	d->file = xstrdup(p->file);
	d->root = root;
	*doc = d;
	return 1;
}

/* yaml_getline: the next line into p->lbuf, or NULL at the end. */
static char *yaml_getline(struct people *p)
{
	ssize_t n = getline(&p->lbuf, &p->lcap, p->f);
	if (n < 0)
		return NULL;
	p->yline++;
	return p->lbuf;
}

static int item_start(const char *l)
{
	return l[0] == '-' && (l[1] == ' ' || l[1] == '\n' || l[1] == '\r' || l[1] == '\0');
}

static int yaml_person(struct people *p, struct ydoc **doc, char **errstr)
{
	if (!p->pending) {
		/* before the first item: comments, blank lines, "---" */
		char *l;
		while ((l = yaml_getline(p))) {
			if (item_start(l)) {
				p->pending = xstrdup(l);
				p->pending_line = p->yline;
				break;
			}
			const char *s = l + strspn(l, " \t\r\n");
			if (*s && *s != '#' && strncmp(l, "---", 3) != 0) {
				*errstr = diag_at(p->file, p->yline, 1, _("expected a list of answers: items "
						  "starting with '- ' in the first column"));
				return EX_DATAERR;
			}
		}
		if (!p->pending)
			return 0;
	}
	struct buf chunk = BUF_INIT;
	buf_init(&chunk, YDOC_MAX_FILE);
	int line1 = p->pending_line;
	BUF_MUST(buf_adds(&chunk, p->pending));
	free(p->pending);
	p->pending = NULL;
	char *l;
	while ((l = yaml_getline(p))) {
		if (item_start(l)) {
			p->pending = xstrdup(l);
			p->pending_line = p->yline;
			break;
		}
		if (strncmp(l, "...", 3) == 0 || strncmp(l, "---", 3) == 0) {
			*errstr = diag_at(p->file, p->yline, 1, _("one list of answers, in one document"));
			buf_free(&chunk);
			return EX_DATAERR;
		}
		if (buf_adds(&chunk, l) < 0) {
			*errstr = diag_at(p->file, line1, 1, _("this item is longer than %u bytes"),
					  YDOC_MAX_FILE);
			buf_free(&chunk);
			return EX_DATAERR;
		}
	}
	p->index++;
	p->line = line1;
	struct ydoc *d;
	int rc = ydoc_load_mem_at(p->file, line1, chunk.data, chunk.len, &d, errstr);
	buf_free(&chunk);
	if (rc)
		return rc;
	struct ynode *seq = d->root;
	if (!seq || seq->type != YNODE_SEQ || seq->n != 1) {
		*errstr = diag_at(p->file, line1, 1, _("expected one item of answers here"));
		ydoc_free(d);
		return EX_DATAERR;
	}
	d->root = seq->items[0];
	seq->n = 0;
	ynode_free(seq);
	*doc = d;
	return 1;
}

int people_next(struct people *p, struct ydoc **doc, char **errstr)
{
	return p->yaml ? yaml_person(p, doc, errstr) : csv_person(p, doc, errstr);
}
