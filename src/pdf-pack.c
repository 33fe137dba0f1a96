/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf-pack.c: a libharu PDF rewritten with an object stream and a
 * cross-reference stream; see pdf-pack.h.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "pdf-pack.h"
#include "xalloc.h"

struct obj {
	size_t start, end;	/* the value (dictionary, number, ...) in the input */
	size_t data, dlen;	/* a stream: its data */
	size_t len_at, len_end;	/* a stream: its "/Length N 0 R" value in [start, end) */
	size_t len_obj;		/* ... and N */
	int used, stream, dropped;
	size_t index;		/* in the object stream */
	size_t off;		/* in the output */
};

static int is_space(int ch)
{
	return ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t' || ch == '\f' || ch == 0;
}

static int is_delim(int ch)
{
	return is_space(ch) || strchr("()<>[]{}/%", ch) != NULL;
}

/* parse_uint: the decimal number at *p (advanced past it); -1 if none. */
static long long parse_uint(const char *in, size_t n, size_t *p)
{
	long long v = 0;
	size_t i = *p;
	if (i >= n || in[i] < '0' || in[i] > '9')
		return -1;
	for (; i < n && in[i] >= '0' && in[i] <= '9'; i++) {
		v = v * 10 + (in[i] - '0');
		if (v > (long long)1 << 40)
			return -1;
	}
	*p = i;
	return v;
}

static int starts(const char *in, size_t n, size_t p, const char *s)
{
	size_t l = strlen(s);
	return p <= n && n - p >= l && !memcmp(in + p, s, l);
}

/* scan_value: from o->start, the object's value up to the keyword that
 * follows it ("stream" or "endobj"); records a top-level /Length. The
 * keyword's position, or 0 if malformed. */
static size_t scan_value(const char *in, size_t n, struct obj *o, int *stream)
{
	int depth = 0;
	size_t i = o->start;
	while (i < n) {
		char ch = in[i];
		if (ch == '(') {
			int nest = 0;
			for (; i < n; i++) {
				if (in[i] == '\\')
					i++;
				else if (in[i] == '(')
					nest++;
				else if (in[i] == ')' && --nest == 0)
					break;
			}
			if (i >= n)
				return 0;
			i++;
		} else if (ch == '<' && i + 1 < n && in[i + 1] == '<') {
			depth++;
			i += 2;
		} else if (ch == '>' && i + 1 < n && in[i + 1] == '>') {
			if (--depth < 0)
				return 0;
			i += 2;
		} else if (ch == '<') {
			const char *q = memchr(in + i, '>', n - i);
			if (!q)
				return 0;
			i = (size_t)(q - in) + 1;
		} else if (ch == '[') {
			depth++;
			i++;
		} else if (ch == ']') {
			if (--depth < 0)
				return 0;
			i++;
		} else if (ch == '%') {
			return 0;	/* libharu writes no comments in objects */
		} else if (is_space(ch)) {
			i++;
		} else if (ch == '/') {
			size_t s = i++;
			while (i < n && !is_delim((unsigned char)in[i]))
				i++;
			if (depth == 1 && i - s == 7 && !memcmp(in + s, "/Length", 7)) {
				size_t p = i;
				while (p < n && is_space(in[p]))
					p++;
				size_t at = p;
				long long v = parse_uint(in, n, &p);
				if (v >= 0 && starts(in, n, p, " 0 R")) {
					o->len_at = at;
					o->len_end = p + 4;
					o->len_obj = (size_t)v;
				}
			}
		} else {
			size_t s = i;
			while (i < n && !is_delim((unsigned char)in[i]))
				i++;
			if (i == s)
				return 0;
			if (depth == 0 && (i - s == 6 && !memcmp(in + s, "stream", 6))) {
				*stream = 1;
				return s;
			}
			if (depth == 0 && (i - s == 6 && !memcmp(in + s, "endobj", 6))) {
				*stream = 0;
				return s;
			}
		}
	}
	return 0;
}

/* put_be: v as k big-endian bytes. */
static void put_be(struct buf *b, uint64_t v, int k)
{
	for (int i = k - 1; i >= 0; i--)
		BUF_MUST(buf_addc(b, (int)(v >> (8 * i) & 0xFF)));
}

/* xref_entry: one row of a cross-reference stream with /W [1 w 2]. */
static void xref_entry(struct buf *b, int w, int type, uint64_t f2, uint64_t f3)
{
	put_be(b, (uint64_t)type, 1);
	put_be(b, f2, w);
	put_be(b, f3, 2);
}

/* put_stream: "NUM 0 obj\n<<DICT/Length L>>\nstream\r\n...\nendstream\nendobj\n",
 * compressed when deflate is set. */
static int put_stream(struct buf *out, size_t num, const char *dict, const struct buf *data,
		      pdf_deflate_fn deflate, void *ud)
{
	struct buf z = BUF_INIT;
	z.max = (size_t)-1;
	const struct buf *d = data;
	if (deflate) {
		if (deflate(ud, data->data, data->len, &z)) {
			buf_free(&z);
			return -1;
		}
		d = &z;
	}
	int rc = buf_printf(out, "%zu 0 obj\n<<%s%s/Length %zu>>\nstream\r\n", num, dict,
			    deflate ? "/Filter/FlateDecode" : "", d->len);
	rc |= buf_add(out, d->data, d->len);
	rc |= buf_adds(out, "\nendstream\nendobj\n");
	buf_free(&z);
	return rc ? -1 : 0;
}

/* The input as read: the cross-reference table and the trailer's entries,
 * then the objects. */
struct pack {
	const char *in;
	size_t n;
	size_t xoff;		/* the table */
	size_t tbl;		/* its first row */
	size_t nobj;		/* its rows */
	long long rootn, infon;	/* the trailer's /Root and /Info (-1: none) */
	struct obj *o;		/* [nobj] */
	size_t first;		/* where the first object begins */
};

/* trailer_ref: the object number of "KEY N 0 R" in the trailer t[0..tl):
 * N, -1 when the key is not there, 0 when it is not such a reference. */
static long long trailer_ref(const char *t, size_t tl, const char *key)
{
	const char *at = strstr(t, key);
	if (!at)
		return -1;
	size_t q = (size_t)(at - t) + strlen(key);
	long long v = parse_uint(t, tl, &q);
	return v > 0 && starts(t, tl, q, " 0 R") ? v : 0;
}

/* read_table: startxref, the cross-reference table and the trailer; 0, or
 * 1 when they are not in libharu's form. */
static int read_table(struct pack *k)
{
	const char *in = k->in;
	size_t n = k->n, p = n;
	while (p > 0 && !starts(in, n, p, "startxref"))
		p--;
	if (!starts(in, n, p, "startxref\n") || !starts(in, n, 0, "%PDF-1."))
		return 1;
	p += 10;
	long long xoff = parse_uint(in, n, &p);
	if (xoff < 0 || !starts(in, n, (size_t)xoff, "xref\n0 "))
		return 1;
	p = (size_t)xoff + 7;
	long long cnt = parse_uint(in, n, &p);
	if (cnt < 1 || !starts(in, n, p, "\n") || (size_t)cnt > (n - p) / 20)
		return 1;
	k->xoff = (size_t)xoff;
	k->tbl = p + 1;
	k->nobj = (size_t)cnt;
	p = k->tbl + 20 * k->nobj;
	if (!starts(in, n, p, "trailer\n<<"))
		return 1;
	const char *tend = memchr(in + p, '>', n - p);
	if (!tend)
		return 1;
	size_t tl = (size_t)(tend - in) - p;
	char *trailer = xstrndup(in + p, tl);
	int bad = strstr(trailer, "/Encrypt") || strstr(trailer, "/Prev") || strstr(trailer, "/ID");
	k->rootn = trailer_ref(trailer, tl, "/Root ");
	k->infon = trailer_ref(trailer, tl, "/Info ");
	free(trailer);
	return bad || k->rootn <= 0 || k->infon == 0 || k->nobj > 65535 ||
	       (size_t)k->rootn >= k->nobj || (k->infon > 0 && (size_t)k->infon >= k->nobj);
}

/* read_objects: every object's value and, for a stream, its data and the
 * length from the number object its /Length points to (which is then
 * dropped); 0, or 1 when not in libharu's form. */
static int read_objects(struct pack *k)
{
	const char *in = k->in;
	size_t n = k->n;
	struct obj *o = k->o;
	k->first = k->xoff;
	for (size_t i = 1; i < k->nobj; i++) {
		const char *e = in + k->tbl + 20 * i;
		if (e[17] == 'f')
			continue;
		size_t q = k->tbl + 20 * i;
		long long off = parse_uint(in, n, &q);
		if (e[17] != 'n' || memcmp(e + 10, " 00000 n\r\n", 10) || off < 0 || (size_t)off >= n)
			return 1;
		q = (size_t)off;
		if ((size_t)off < k->first)
			k->first = (size_t)off;
		if (parse_uint(in, n, &q) != (long long)i || !starts(in, n, q, " 0 obj\n"))
			return 1;
		o[i].used = 1;
		o[i].start = q + 7;
		size_t kw = scan_value(in, n, &o[i], &o[i].stream);
		if (!kw)
			return 1;
		o[i].end = kw;
		while (o[i].end > o[i].start && is_space(in[o[i].end - 1]))
			o[i].end--;
		if (o[i].stream) {
			if (!starts(in, n, kw, "stream\r\n") || !o[i].len_end)
				return 1;
			o[i].data = kw + 8;
		}
	}
	for (size_t i = 1; i < k->nobj; i++) {
		if (!o[i].stream)
			continue;
		size_t m = o[i].len_obj;
		if (m >= k->nobj || !o[m].used || o[m].stream || o[m].dropped)
			return 1;
		size_t q = o[m].start;
		long long l = parse_uint(in, n, &q);
		if (l < 0 || q != o[m].end || (size_t)l > n - o[i].data ||
		    !starts(in, n, o[i].data + (size_t)l, "\nendstream"))
			return 1;
		o[i].dlen = (size_t)l;
		o[m].dropped = 1;
	}
	for (int r = 0; r < 2; r++) {	/* /Root and /Info: plain objects */
		long long v = r ? k->infon : k->rootn;
		if (v > 0 && (o[v].stream || o[v].dropped || !o[v].used))
			return 1;
	}
	return 0;
}

/* in_objstm: object i goes into the object stream. */
static int in_objstm(const struct obj *o)
{
	return o->used && !o->stream && !o->dropped;
}

/* write_streams: the header ("%PDF-1.5", the binary comment line kept),
 * then each stream object with its /Length in place. */
static int write_streams(struct pack *k, struct buf *out, size_t start)
{
	const char *in = k->in;
	const char *nl = memchr(in, '\n', k->first);
	if (!nl || buf_adds(out, "%PDF-1.5") || buf_add(out, nl, k->first - (size_t)(nl - in)))
		return -1;
	for (size_t i = 1; i < k->nobj; i++) {
		struct obj *o = &k->o[i];
		if (!o->stream)
			continue;
		o->off = out->len - start;
		if (buf_printf(out, "%zu 0 obj\n", i) ||
		    buf_add(out, in + o->start, o->len_at - o->start) ||
		    buf_printf(out, "%zu", o->dlen) ||
		    buf_add(out, in + o->len_end, o->end - o->len_end) ||
		    buf_adds(out, "\nstream\r\n") || buf_add(out, in + o->data, o->dlen) ||
		    buf_adds(out, "\nendstream\nendobj\n"))
			return -1;
	}
	return 0;
}

/* write_objstm: the other objects in one object stream, number nobj (none
 * when there are no others); *nin: how many went in. */
static int write_objstm(struct pack *k, struct buf *out, pdf_deflate_fn deflate, void *ud,
			size_t *nin)
{
	struct buf head = BUF_INIT, body = BUF_INIT, dict = BUF_INIT;
	head.max = body.max = (size_t)-1;
	*nin = 0;
	for (size_t i = 1; i < k->nobj; i++) {
		struct obj *o = &k->o[i];
		if (!in_objstm(o))
			continue;
		o->index = (*nin)++;
		BUF_MUST(buf_printf(&head, "%s%zu %zu", *nin > 1 ? " " : "", i, body.len));
		BUF_MUST(buf_add(&body, k->in + o->start, o->end - o->start));
		BUF_MUST(buf_addc(&body, '\n'));
	}
	BUF_MUST(buf_addc(&head, '\n'));
	BUF_MUST(buf_printf(&dict, "/Type/ObjStm/N %zu/First %zu", *nin, head.len));
	BUF_MUST(buf_add(&head, body.data, body.len));
	int r = *nin ? put_stream(out, k->nobj, dict.data, &head, deflate, ud) : 0;
	buf_free(&head);
	buf_free(&body);
	buf_free(&dict);
	return r;
}

/* write_xref: the cross-reference stream, number nobj + 1, with the
 * trailer's entries, then startxref. */
static int write_xref(struct pack *k, struct buf *out, size_t start, size_t stm_off, size_t nin,
		      pdf_deflate_fn deflate, void *ud)
{
	size_t stm = k->nobj, xrefn = k->nobj + 1, xoff = out->len - start;
	int w = 2;
	while (w < 8 && (xoff >> (8 * w)) != 0)
		w++;
	struct buf x = BUF_INIT, dict = BUF_INIT;
	x.max = (size_t)-1;
	for (size_t i = 0; i < k->nobj + 2; i++) {
		if (i == 0)
			xref_entry(&x, w, 0, 0, 65535);
		else if (i == stm)
			xref_entry(&x, w, nin ? 1 : 0, nin ? stm_off : 0, 0);
		else if (i == xrefn)
			xref_entry(&x, w, 1, xoff, 0);
		else if (k->o[i].stream)
			xref_entry(&x, w, 1, k->o[i].off, 0);
		else if (in_objstm(&k->o[i]))
			xref_entry(&x, w, 2, stm, k->o[i].index);
		else	/* free, or a length now written in place */
			xref_entry(&x, w, 0, 0, 1);
	}
	BUF_MUST(buf_printf(&dict, "/Type/XRef/Size %zu/W[1 %d 2]/Root %lld 0 R", k->nobj + 2, w,
			    k->rootn));
	if (k->infon > 0)
		BUF_MUST(buf_printf(&dict, "/Info %lld 0 R", k->infon));
	int r = put_stream(out, xrefn, dict.data, &x, deflate, ud);
	buf_free(&x);
	buf_free(&dict);
	if (r || buf_printf(out, "startxref\n%zu\n%%%%EOF\n", xoff))
		return -1;
	return 0;
}

int pdf_pack(const char *in, size_t n, struct buf *out, pdf_deflate_fn deflate, void *ud)
{
	struct pack k = { .in = in, .n = n };
	size_t start = out->len;
	if (read_table(&k))
		return 1;
	k.o = xcalloc(k.nobj, sizeof *k.o);
	int rc = read_objects(&k) ? 1 : -1;
	if (rc < 0 && !write_streams(&k, out, start)) {
		size_t stm_off = out->len - start, nin;
		if (!write_objstm(&k, out, deflate, ud, &nin) &&
		    !write_xref(&k, out, start, stm_off, nin, deflate, ud))
			rc = 0;
	}
	if (rc)
		buf_truncate(out, start);
	free(k.o);
	return rc;
}
