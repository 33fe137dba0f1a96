/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * tmpl.c: the template engine; the language is described in tmpl.h.
 *
 * Two steps. tmpl_parse() cuts the source into tokens (text and tags, each
 * with its position), removes the lines of standalone tags, checks that
 * sections nest, and keeps a flat node list: a section node records the index
 * just past its body, so the body is nodes[i + 1 .. end). tmpl_render() walks
 * that list with a stack of contexts (YAML nodes, innermost last).
 *
 * The contract, beyond tmpl.h:
 * - Positions are "FILE:LINE:COL" of the tag's first "{", 1-based; a column
 *   counts characters (UTF-8 code points), not bytes, as ydoc's do; a tab is
 *   one character.
 * - Names: "." (the current context) or segments of [A-Za-z0-9_-] joined by
 *   single dots; whitespace inside the braces is ignored ("{{ name }}").
 *   A dotted name looks its first segment up the context stack, innermost
 *   first, and each further segment only in what the previous one found.
 * - A variable must resolve: an absent name is an error. A null prints as
 *   nothing; any other scalar prints as written; a list or mapping is an error.
 * - A section or inverted section over an absent name is an error too (unlike
 *   mustache): a misspelt section name must not silently drop a paragraph.
 *   The data gives every name a value ("", false or null when unset).
 * - Falsy: a null (ynode_is_null), an empty list, a scalar "" or
 *   "false", "no", "off" in any case, quoted or not. An empty mapping is true.
 * - A true scalar section is pushed as the context, so "{{.}}" prints it.
 * - Partials see the context stack of the tag that includes them; a
 *   standalone partial tag's indentation is put before each line of the
 *   partial's text (not inside values), as in mustache. A partial is loaded
 *   and parsed each time it is rendered; its errors point into its own file.
 * - Depth counts open sections and partials together; the limit applies
 *   when entering one more (so max_depth 1 allows one level).
 * - Work is bounded too, not only output: sections nested over lists repeat
 *   their bodies multiplicatively (20 levels over a list of 3 is 3^20
 *   passes) even when they print nothing. Each node rendered is a step, and
 *   so is each TMPL_STEP_BYTES bytes of a partial's source parsed; past
 *   TMPL_MAX_STEPS rendering fails.
 * - "{{{", "{{&", "{{=" (set delimiters) and other sigils are unknown tags;
 *   there is no escape for a literal "{{" in template text.
 * - A template must be valid UTF-8 without NUL bytes.
 */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>

#include "i18n.h"
#include "buf.h"
#include "diag.h"
#include "tmpl.h"
#include "utf8.h"
#include "xalloc.h"
#include "ydoc.h"

enum tkind {
	T_TEXT,		/* bytes of the source, copied out */
	T_VAR,		/* {{name}} */
	T_SECTION,	/* {{#name}} */
	T_INVERTED,	/* {{^name}} */
	T_PARTIAL,	/* {{>name}} */
	T_CLOSE,	/* {{/name}}: parsing only */
	T_COMMENT,	/* {{! ...}}: parsing only */
};

struct tnode {
	enum tkind kind;
	int line, col;		/* of the text's start or the tag's "{{" */
	size_t off, len;	/* TEXT: the bytes; tags: the whole "{{...}}" */
	char *name;		/* tags but TEXT and COMMENT: the trimmed name */
	size_t end;		/* SECTION, INVERTED: index past the body */
	size_t indent_off, indent_len;	/* PARTIAL: blanks before a standalone tag */
	int standalone;
};

struct tmpl {
	char *file;
	char *src;		/* NUL-terminated copy of the source */
	size_t len;
	struct tnode *nodes;
	size_t n;
};

/* ---- parsing ---- */

struct parser {
	struct tmpl *t;
	size_t off;		/* position reached by pos_to() */
	int line, col;
	char *err;
};

/* pos_to: advance the running line/column to byte offset off (off only grows). */
static void pos_to(struct parser *p, size_t off)
{
	const char *s = p->t->src;
	for (; p->off < off; p->off++) {
		if (s[p->off] == '\n') {
			p->line++;
			p->col = 1;
		} else if (((unsigned char)s[p->off] & 0xC0) != 0x80) {
			p->col++;
		}
	}
}

/* utf8_bad: offset of the first byte that is not valid UTF-8 (or a NUL), or len. */
static size_t utf8_bad(const char *s, size_t len)
{
	size_t i = 0;
	uint32_t cp;
	while (i < len) {
		size_t n = s[i] ? utf8_decode(s + i, len - i, &cp) : 0;
		if (n == 0)
			return i;
		i += n;
	}
	return len;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int is_name_char(char c, int partial)
{
	if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')
		return 1;
	return !partial && c >= 'A' && c <= 'Z';
}

/* valid_name: "." or [A-Za-z0-9_-]+ joined by single dots; a partial's name
 * is [a-z0-9_-]+ only, so it can never leave the partials' directory. */
static int valid_name(const char *s, int partial)
{
	if (!partial && strcmp(s, ".") == 0)
		return 1;
	int seg = 0;
	for (; *s; s++) {
		if (*s == '.' && !partial) {
			if (seg == 0)
				return 0;
			seg = 0;
		} else if (is_name_char(*s, partial)) {
			seg++;
		} else {
			return 0;
		}
	}
	return seg > 0;
}

static const char *kind_name(enum tkind k)
{
	switch (k) {
	case T_VAR:
		return "variable";
	case T_SECTION:
		return "section";
	case T_INVERTED:
		return "inverted";
	case T_PARTIAL:
		return "partial";
	default:
		return "?";
	}
}

/* tag: parse the tag at p->t->src[a] ("{{"); fill *nd. 0 or -1 with p->err. */
static int tag(struct parser *p, size_t a, struct tnode *nd)
{
	const char *s = p->t->src;
	const char *close = strstr(s + a + 2, "}}");
	pos_to(p, a);
	nd->line = p->line;
	nd->col = p->col;
	nd->off = a;
	if (!close) {
		p->err = diag_at(p->t->file, nd->line, nd->col, _("unclosed tag (no '}}')"));
		return -1;
	}
	nd->len = (size_t)(close + 2 - (s + a));
	const char *b = s + a + 2, *e = close;
	switch (*b) {
	case '!':
		nd->kind = T_COMMENT;
		return 0;
	case '#':
		nd->kind = T_SECTION;
		b++;
		break;
	case '^':
		nd->kind = T_INVERTED;
		b++;
		break;
	case '/':
		nd->kind = T_CLOSE;
		b++;
		break;
	case '>':
		nd->kind = T_PARTIAL;
		b++;
		break;
	default:
		nd->kind = T_VAR;
		if (b < e && ispunct((unsigned char)*b) && *b != '.' && *b != '_' && *b != '-') {
			p->err = diag_at(p->t->file, nd->line, nd->col, _("unknown tag '{{%c'"), *b);
			return -1;
		}
	}
	while (b < e && is_space(*b))
		b++;
	while (e > b && is_space(e[-1]))
		e--;
	nd->name = xstrndup(b, (size_t)(e - b));
	if (!*nd->name) {
		p->err = diag_at(p->t->file, nd->line, nd->col, _("missing name in tag"));
		return -1;
	}
	if (!valid_name(nd->name, nd->kind == T_PARTIAL)) {
		if (nd->kind == T_PARTIAL)
			p->err = diag_at(p->t->file, nd->line, nd->col,
					 _("invalid partial name '%s' (only a-z, 0-9, '_' and '-')"),
					 nd->name);
		else
			p->err = diag_at(p->t->file, nd->line, nd->col, _("invalid name '%s'"),
					 nd->name);
		return -1;
	}
	return 0;
}

/* tokenize: the source as alternating text and tags, into p->t->nodes. */
static int tokenize(struct parser *p)
{
	struct tmpl *t = p->t;
	size_t cap = 0, i = 0;
	while (i < t->len) {
		const char *open = strstr(t->src + i, "{{");
		size_t a = open ? (size_t)(open - t->src) : t->len;
		if (t->n + 2 > cap) {
			cap = cap ? cap * 2 : 16;
			t->nodes = xreallocarray(t->nodes, cap, sizeof *t->nodes);
		}
		if (a > i) {
			struct tnode *nd = &t->nodes[t->n++];
			memset(nd, 0, sizeof *nd);
			pos_to(p, i);
			nd->kind = T_TEXT;
			nd->line = p->line;
			nd->col = p->col;
			nd->off = i;
			nd->len = a - i;
		}
		if (!open)
			break;
		struct tnode *nd = &t->nodes[t->n++];
		memset(nd, 0, sizeof *nd);
		if (tag(p, a, nd) < 0)
			return -1;
		i = a + nd->len;
	}
	return 0;
}

/* standalone: mark tags alone on their line (decided on the untrimmed text),
 * then cut their lines out of the neighbouring text nodes. */
static void standalone(struct tmpl *t)
{
	const char *s = t->src;
	for (size_t i = 0; i < t->n; i++) {
		struct tnode *nd = &t->nodes[i];
		if (nd->kind == T_TEXT || nd->kind == T_VAR)
			continue;
		int before = i == 0, after = i + 1 == t->n;
		if (i > 0 && t->nodes[i - 1].kind == T_TEXT) {
			const struct tnode *pv = &t->nodes[i - 1];
			size_t k = pv->len;
			while (k > 0 && is_blank(s[pv->off + k - 1]))
				k--;
			before = k == 0 ? i == 1 : s[pv->off + k - 1] == '\n';
		}
		if (i + 1 < t->n && t->nodes[i + 1].kind == T_TEXT) {
			const struct tnode *nx = &t->nodes[i + 1];
			size_t k = 0;
			while (k < nx->len && is_blank(s[nx->off + k]))
				k++;
			if (k < nx->len && s[nx->off + k] == '\r')
				k++;
			after = k == nx->len ? i + 2 == t->n : s[nx->off + k] == '\n';
		}
		nd->standalone = before && after;
	}
	for (size_t i = 0; i < t->n; i++) {
		struct tnode *nd = &t->nodes[i];
		if (!nd->standalone)
			continue;
		if (i > 0 && t->nodes[i - 1].kind == T_TEXT) {
			struct tnode *pv = &t->nodes[i - 1];
			size_t k = pv->len;
			while (k > 0 && is_blank(s[pv->off + k - 1]))
				k--;
			nd->indent_off = pv->off + k;
			nd->indent_len = pv->len - k;
			pv->len = k;
		}
		if (i + 1 < t->n && t->nodes[i + 1].kind == T_TEXT) {
			struct tnode *nx = &t->nodes[i + 1];
			const char *nl = memchr(s + nx->off, '\n', nx->len);
			size_t k = nl ? (size_t)(nl - (s + nx->off)) + 1 : nx->len;
			if (k > 0 && nl) {
				nx->line++;
				nx->col = 1;
			}
			nx->off += k;
			nx->len -= k;
		}
	}
}

/* nest: drop comments, closing tags and empty text into a new node list;
 * match each closing tag with the section it closes. */
static int nest(struct parser *p)
{
	struct tmpl *t = p->t;
	struct tnode *nodes = xcalloc(t->n + 1, sizeof *nodes);
	size_t *open = xcalloc(t->n + 1, sizeof *open);
	size_t nopen = 0, w = 0;
	for (size_t i = 0; i < t->n && !p->err; i++) {
		struct tnode *nd = &t->nodes[i];
		if (nd->kind == T_CLOSE) {
			const struct tnode *o = nopen ? &nodes[open[nopen - 1]] : NULL;
			if (!o)
				p->err = diag_at(t->file, nd->line, nd->col,
						 _("'{{/%s}}' closes no open section"), nd->name);
			else if (strcmp(o->name, nd->name) != 0)
				p->err = diag_at(t->file, nd->line, nd->col,
						 _("'{{/%s}}' does not close section '%s' (opened at %d:%d)"),
						 nd->name, o->name, o->line, o->col);
			else
				nodes[open[--nopen]].end = w;
		} else if (nd->kind == T_COMMENT || (nd->kind == T_TEXT && nd->len == 0)) {
			continue;
		} else {
			if (nd->kind == T_SECTION || nd->kind == T_INVERTED)
				open[nopen++] = w;
			nodes[w++] = *nd;
			nd->name = NULL;	/* moved */
		}
	}
	if (!p->err && nopen > 0) {
		const struct tnode *o = &nodes[open[nopen - 1]];
		p->err = diag_at(t->file, o->line, o->col, _("unclosed section '%s'"), o->name);
	}
	for (size_t i = 0; i < t->n; i++)
		free(t->nodes[i].name);
	free(t->nodes);
	free(open);
	t->nodes = nodes;
	t->n = w;
	return p->err ? -1 : 0;
}

int tmpl_parse(const char *file, int line0, const char *src, size_t len, struct tmpl **out,
	       char **errstr)
{
	struct tmpl *t = xcalloc(1, sizeof *t);
	struct parser p = { t, 0, line0, 1, NULL };
	t->file = xstrdup(file);
	t->src = xstrndup(src, len);
	t->len = len;
	size_t bad = utf8_bad(src, len);
	if (bad < len) {
		pos_to(&p, bad);
		p.err = diag_at(file, p.line, p.col, "%s",
				src[bad] ? "invalid UTF-8" : "a NUL character in the template");
	} else if (tokenize(&p) == 0) {
		standalone(t);
		nest(&p);
	}
	if (p.err) {
		*errstr = p.err;
		tmpl_free(t);
		return EX_DATAERR;
	}
	*out = t;
	return 0;
}

void tmpl_free(struct tmpl *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++)
		free(t->nodes[i].name);
	free(t->nodes);
	free(t->src);
	free(t->file);
	free(t);
}

void tmpl_names(const struct tmpl *t, void (*fn)(void *ctx, const char *kind, const char *name),
		void *ctx)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->nodes[i].kind != T_TEXT)
			fn(ctx, kind_name(t->nodes[i].kind), t->nodes[i].name);
}

/* ---- rendering ---- */

struct render {
	size_t max_depth;
	tmpl_partial_fn partial;
	void *partial_ctx;
	struct buf *out;
	size_t start;		/* out->len when rendering began */
	size_t limit;		/* out->len may not pass this */
	const struct ynode **stack;	/* contexts, innermost last */
	size_t sp;
	size_t depth;		/* open sections and partials */
	size_t steps;		/* work done so far (see the top of this file) */
	char *indent;		/* put before each line of partial text; NULL: none */
	size_t indent_len;
	int bol;		/* the output is at the start of a template line */
	char *err;
};

static int fail(struct render *r, const struct tmpl *t, const struct tnode *nd, const char *fmt,
		...) __attribute__((format(printf, 4, 5)));

static int fail(struct render *r, const struct tmpl *t, const struct tnode *nd, const char *fmt,
		...)
{
	va_list ap;
	va_start(ap, fmt);
	r->err = diag_vat(t->file, nd->line, nd->col, fmt, ap);
	va_end(ap);
	return EX_DATAERR;
}

static int put(struct render *r, const struct tmpl *t, const struct tnode *nd, const char *s,
	       size_t n)
{
	if (n > r->limit - r->out->len || buf_add(r->out, s, n) < 0)
		return fail(r, t, nd, _("output too large (more than %zu bytes)"),
			    r->limit - r->start);
	return 0;
}

/* emit: append n bytes; template text (text != 0) ends lines, so that the
 * indentation of a standalone partial starts the next one. */
static int emit(struct render *r, const struct tmpl *t, const struct tnode *nd, const char *s,
		size_t n, int text)
{
	while (n > 0) {
		if (r->bol && r->indent_len && put(r, t, nd, r->indent, r->indent_len))
			return EX_DATAERR;
		r->bol = 0;
		size_t k = n;
		const char *nl = text ? memchr(s, '\n', n) : NULL;
		if (nl) {
			k = (size_t)(nl - s) + 1;
			r->bol = 1;
		}
		if (put(r, t, nd, s, k))
			return EX_DATAERR;
		s += k;
		n -= k;
	}
	return 0;
}

/* lookup: resolve name against the context stack; NULL if absent. */
static const struct ynode *lookup(const struct render *r, const char *name)
{
	if (strcmp(name, ".") == 0)
		return r->sp ? r->stack[r->sp - 1] : NULL;
	const char *dot = strchr(name, '.');
	size_t seg = dot ? (size_t)(dot - name) : strlen(name);
	const struct ynode *v = NULL;
	for (size_t i = r->sp; i-- > 0 && !v;)
		v = ynode_getn(r->stack[i], name, seg);
	return v && dot ? ynode_get_path(v, dot + 1) : v;
}

static int falsy(const struct ynode *v)
{
	if (!v || ynode_is_null(v))
		return 1;
	if (v->type == YNODE_SEQ)
		return v->n == 0;
	if (v->type == YNODE_MAP)
		return 0;
	return v->str[0] == '\0' || strcasecmp(v->str, "false") == 0 ||
	       strcasecmp(v->str, "no") == 0 || strcasecmp(v->str, "off") == 0;
}

static int render_nodes(struct render *r, const struct tmpl *t, size_t from, size_t to);

/* step: count n steps of work at node nd; EX_DATAERR past the limit. */
static int step(struct render *r, const struct tmpl *t, const struct tnode *nd, size_t n)
{
	if (n > TMPL_MAX_STEPS - r->steps)
		return fail(r, t, nd, _("too much work to render (more than %u steps: sections "
				      "nested over lists?)"), TMPL_MAX_STEPS);
	r->steps += n;
	return 0;
}

static int enter(struct render *r, const struct tmpl *t, const struct tnode *nd)
{
	if (r->depth >= r->max_depth)
		return fail(r, t, nd, _("nested too deeply (more than %zu levels)"), r->max_depth);
	r->depth++;
	return 0;
}

static int section(struct render *r, const struct tmpl *t, size_t i)
{
	const struct tnode *nd = &t->nodes[i];
	const struct ynode *v = lookup(r, nd->name);
	int rc;
	if (!v)
		return fail(r, t, nd, _("unknown section name '%s'"), nd->name);
	if ((nd->kind == T_INVERTED) != falsy(v))
		return 0;
	if ((rc = enter(r, t, nd)) != 0)
		return rc;
	if (nd->kind == T_INVERTED) {
		rc = render_nodes(r, t, i + 1, nd->end);
	} else if (v->type == YNODE_SEQ) {
		for (size_t k = 0; k < v->n && rc == 0; k++) {
			r->stack[r->sp++] = v->items[k];
			rc = render_nodes(r, t, i + 1, nd->end);
			r->sp--;
		}
	} else {
		r->stack[r->sp++] = v;
		rc = render_nodes(r, t, i + 1, nd->end);
		r->sp--;
	}
	r->depth--;
	return rc;
}

/* partial_body: render partial pt for the tag nd of t, with the tag's
 * indentation added when it stands alone on its line. */
static int partial_body(struct render *r, const struct tmpl *t, const struct tnode *nd,
			const struct tmpl *pt)
{
	char *saved = r->indent;
	size_t saved_len = r->indent_len;
	if (nd->standalone && nd->indent_len) {
		r->indent = xmalloc(saved_len + nd->indent_len);
		if (saved_len)
			memcpy(r->indent, saved, saved_len);
		memcpy(r->indent + saved_len, t->src + nd->indent_off, nd->indent_len);
		r->indent_len = saved_len + nd->indent_len;
		r->bol = 1;
	}
	int rc = render_nodes(r, pt, 0, pt->n);
	if (r->indent != saved)
		free(r->indent);
	r->indent = saved;
	r->indent_len = saved_len;
	return rc;
}

/* partial: load, parse and render the partial named by tag nd. */
static int partial(struct render *r, const struct tmpl *t, const struct tnode *nd)
{
	char *src = NULL, *file = NULL, *err = NULL;
	size_t len = 0;
	struct tmpl *pt = NULL;
	int rc = enter(r, t, nd);
	if (rc)
		return rc;
	if (!r->partial) {
		rc = fail(r, t, nd, _("partial '%s': no partials here"), nd->name);
	} else if ((rc = r->partial(r->partial_ctx, nd->name, &src, &len, &file, &err)) != 0) {
		rc = rc > 0 ? rc : EX_SOFTWARE;
		r->err = diag_at(t->file, nd->line, nd->col, _("partial '%s': %s"), nd->name,
				 err ? err : "cannot be loaded");
		free(err);
	} else if ((rc = step(r, t, nd, len / TMPL_STEP_BYTES)) == 0 &&
		   (rc = tmpl_parse(file ? file : nd->name, 1, src ? src : "", len, &pt,
				    &r->err)) == 0) {
		rc = partial_body(r, t, nd, pt);
	}
	tmpl_free(pt);
	free(src);
	free(file);
	r->depth--;
	return rc;
}

static int variable(struct render *r, const struct tmpl *t, const struct tnode *nd)
{
	const struct ynode *v = lookup(r, nd->name);
	if (!v)
		return fail(r, t, nd, _("unknown variable '%s'"), nd->name);
	if (v->type != YNODE_SCALAR)
		return fail(r, t, nd, _("'%s' is %s, not text"), nd->name, ynode_type_name(v->type));
	if (ynode_is_null(v))
		return 0;
	return emit(r, t, nd, v->str, v->len, 0);
}

/* render_nodes: render t->nodes[from .. to). */
static int render_nodes(struct render *r, const struct tmpl *t, size_t from, size_t to)
{
	int rc = 0;
	for (size_t i = from; i < to && rc == 0; i++) {
		const struct tnode *nd = &t->nodes[i];
		if ((rc = step(r, t, nd, 1)) != 0)
			break;
		switch (nd->kind) {
		case T_TEXT:
			rc = emit(r, t, nd, t->src + nd->off, nd->len, 1);
			break;
		case T_VAR:
			rc = variable(r, t, nd);
			break;
		case T_SECTION:
		case T_INVERTED:
			rc = section(r, t, i);
			i = nd->end - 1;
			break;
		case T_PARTIAL:
			rc = partial(r, t, nd);
			break;
		default:
			abort();
		}
	}
	return rc;
}

int tmpl_render(const struct tmpl *t, const struct ynode *data, const struct tmpl_opts *opts,
		struct buf *out, char **errstr)
{
	static const struct tmpl_opts none;
	const struct tmpl_opts *o = opts ? opts : &none;
	size_t max_output = o->max_output ? o->max_output : TMPL_MAX_OUTPUT;
	struct render r = {
		.max_depth = o->max_depth ? o->max_depth : TMPL_MAX_DEPTH,
		.partial = o->partial,
		.partial_ctx = o->partial_ctx,
		.out = out,
		.bol = 1,
	};
	size_t start = out->len;
	r.start = start;
	r.limit = start + (max_output < out->max - start ? max_output : out->max - start);
	r.stack = xcalloc(r.max_depth + 1, sizeof *r.stack);
	if (data)
		r.stack[r.sp++] = data;
	int rc = render_nodes(&r, t, 0, t->n);
	free(r.stack);
	if (rc) {
		buf_truncate(out, start);
		*errstr = r.err;
	}
	return rc;
}
