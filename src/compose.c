/*
 * compose.c: answers + catalogue + locale + template -> struct letter;
 * see compose.h.
 *
 * A letter template (templates/JUR/LANG.tmpl) is a text file cut into
 * sections by lines "== NAME": dateline, subject, salutation, body and
 * closing. Each section is a template (tmpl.h) rendered against one context
 * built here from the answers and the catalogue; the body's blank lines
 * separate paragraphs, and its other line breaks are joined (with a space,
 * or with nothing between CJK characters). Before the first section only
 * comments and blank lines may stand. Partials ({{> NAME}}) come from
 * templates/partials/NAME.LANG.tmpl.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "answers.h"
#include "buf.h"
#include "catalog.h"
#include "compose.h"
#include "diag.h"
#include "fileio.h"
#include "letter.h"
#include "locale.h"
#include "tmpl.h"
#include "utf8.h"
#include "xalloc.h"
#include "ydoc.h"

#define TEMPLATE_MAX (256u << 10)

static const char *const section_names[] = { "dateline", "subject", "salutation", "body",
					     "closing", "(prelude)" };
enum { S_DATELINE, S_SUBJECT, S_SALUTATION, S_BODY, S_CLOSING, S_PRELUDE, S_COUNT };

/* template_path: templates/JUR/LANG.tmpl (the tag was checked). */
static char *template_path(const char *data_dir, const char *jur, const char *lang)
{
	return xasprintf("%s/templates/%s/%s.tmpl", data_dir, jur, lang);
}

int compose_has_letter(const char *data_dir, const char *jur, const char *lang)
{
	if (!locale_tag_ok(jur) || !locale_tag_ok(lang))
		return 0;
	char *p = template_path(data_dir, jur, lang);
	int ok = access(p, R_OK) == 0;
	free(p);
	return ok;
}

const char *compose_default_language(const char *data_dir, const struct cat_jurisdiction *j,
				     const char *country)
{
	const char *l = cat_jurisdiction_language(j, country);
	if (l && compose_has_letter(data_dir, j->id, l))
		return l;
	for (size_t i = 0; i < j->languages.n; i++)
		if (compose_has_letter(data_dir, j->id, j->languages.v[i]))
			return j->languages.v[i];
	return NULL;
}

/* choose_language: the answers' language, else the country's, else the
 * jurisdiction's first; it must have a template. */
static int choose_language(const char *data_dir, const struct answers *a,
			   const struct cat_jurisdiction *j, char **lang, char **errstr)
{
	if (a->language) {
		if (cat_jurisdiction_offers(j, a->language) &&
		    compose_has_letter(data_dir, j->id, a->language)) {
			*lang = xstrdup(a->language);
			return 0;
		}
		struct buf have = BUF_INIT;
		for (size_t i = 0; i < j->languages.n; i++)
			if (compose_has_letter(data_dir, j->id, j->languages.v[i]))
				buf_printf(&have, "%s%s", have.len ? ", " : "", j->languages.v[i]);
		*errstr = ydoc_err(a->doc, ynode_get(a->doc->root, "language"),
				   "no letter in '%s' for the jurisdiction '%s' (available: %s)",
				   a->language, j->id, have.data);
		buf_free(&have);
		return EX_DATAERR;
	}
	const char *l = compose_default_language(data_dir, j, a->country);
	if (l) {
		*lang = xstrdup(l);
		return 0;
	}
	*errstr = xasprintf("%s/templates/%s: no letter template installed", data_dir, j->id);
	return EX_SOFTWARE;
}

/* The reference: "OBJ-YYYY-" and 8 Crockford base-32 digits of a 64-bit
 * FNV-1a hash of everything the answers say, so that the same answers give
 * the same reference and any change gives another. */
static void hash_str(uint64_t *h, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		*h ^= *p;
		*h *= 0x100000001b3ULL;
	}
	*h ^= 0x1F;	/* field separator */
	*h *= 0x100000001b3ULL;
}

static void hash_node(uint64_t *h, const struct ynode *n)
{
	if (!n)
		return hash_str(h, "");
	if (n->type == YNODE_SCALAR)
		return hash_str(h, n->str);
	for (size_t i = 0; i < n->n; i++) {
		if (n->keys)
			hash_str(h, n->keys[i]->str);
		hash_node(h, n->items[i]);
	}
	hash_str(h, "\x1E");
}

static char *make_reference(const struct answers *a, const char *lang)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	char iso[11];
	date_iso(a->date, iso);
	hash_str(&h, a->jurisdiction);
	hash_str(&h, a->country);
	hash_str(&h, lang);
	hash_str(&h, a->controller_id);
	hash_node(&h, a->controller);
	hash_str(&h, a->name);
	hash_node(&h, a->address);
	hash_str(&h, a->email);
	hash_str(&h, a->account);
	hash_str(&h, a->reasons);
	hash_str(&h, a->erase_trained ? "1" : "0");
	hash_str(&h, a->place);
	hash_str(&h, iso);
	static const char digits[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
	char code[9];
	for (int i = 0; i < 8; i++) {
		code[i] = digits[h & 31];
		h >>= 5;
	}
	code[8] = '\0';
	return xasprintf("OBJ-%04d-%s", a->date.y, code);
}

static struct ynode *plain_bool(int b)
{
	return ynode_new_plain(b ? "true" : "false");
}

static struct ynode *strs_node(const struct cat_strs *v)
{
	struct ynode *s = ynode_new_seq();
	for (size_t i = 0; i < v->n; i++)
		ynode_seq_add(s, ynode_new_str(v->v[i]));
	return s;
}

static struct ynode *lines_node(const struct ynode *seq)
{
	struct ynode *s = ynode_new_seq();
	for (size_t i = 0; seq && seq->type == YNODE_SEQ && i < seq->n; i++)
		if (ynode_scalar(seq->items[i]))
			ynode_seq_add(s, ynode_new_str(seq->items[i]->str));
	return s;
}

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

/* A letter's recipient: the catalogue's entity for the jurisdiction, or
 * the answers' inline controller. Resolved once, here. */
struct target {
	const struct cat_controller *ctl;	/* NULL: inline */
	const struct cat_entity *ent;		/* NULL: inline */
	const char *name;			/* the entity's name */
	const char *email, *form, *setting;	/* or NULL */
};

static const char *non_empty(const char *s)
{
	return s && *s ? s : NULL;
}

static void resolve_target(const struct catalog *cat, const struct answers *a, struct target *t)
{
	memset(t, 0, sizeof *t);
	if (!a->controller_id) {
		t->name = ynode_scalar(ynode_get(a->controller, "name"));
		t->email = non_empty(ynode_scalar(ynode_get(a->controller, "email")));
		return;
	}
	t->ctl = catalog_controller(cat, a->controller_id);
	t->ent = cat_controller_entity(t->ctl, a->jurisdiction);
	t->name = t->ent->name;
	t->email = non_empty(t->ent->email);
	const struct cat_channel *ch = cat_entity_channel(t->ent, CAT_FORM);
	t->form = ch ? ch->url : NULL;
	ch = cat_entity_channel(t->ent, CAT_SETTING);
	t->setting = ch ? ch->url : NULL;
}

static struct ynode *authority_node(const struct cat_authority *auth)
{
	struct ynode *m = ynode_new_map();
	ynode_map_adds(m, "id", auth->id);
	ynode_map_adds(m, "name", auth->name);
	ynode_map_adds(m, "web", auth->web);
	ynode_map_add(m, "address", strs_node(&auth->address));
	return m;
}

/* facts_node: controller.facts: every fact key of the catalogue, with this
 * company's value or null. */
static struct ynode *facts_node(const struct catalog *cat, const struct cat_controller *ctl)
{
	struct ynode *m = ynode_new_map();
	const struct cat_strs *keys = catalog_fact_keys(cat);
	for (size_t i = 0; i < keys->n; i++) {
		const struct ynode *v = ctl ? ynode_get(ctl->facts, keys->v[i]) : NULL;
		ynode_map_add(m, keys->v[i], v ? ynode_clone(v) : ynode_new_plain("null"));
	}
	return m;
}

static struct ynode *controller_node(const struct catalog *cat, const struct answers *a,
				     const struct target *t)
{
	struct ynode *c = ynode_new_map();
	ynode_map_adds(c, "id", a->controller_id ? a->controller_id : "other");
	ynode_map_adds(c, "brand", t->ctl ? t->ctl->name : t->name);
	ynode_map_adds(c, "name", t->name);
	ynode_map_adds(c, "attn", t->ent ? or_empty(t->ent->attn) : "");
	ynode_map_add(c, "address", t->ent ? strs_node(&t->ent->address)
					   : lines_node(ynode_get(a->controller, "address")));
	ynode_map_adds(c, "email", or_empty(t->email));
	ynode_map_adds(c, "form", or_empty(t->form));
	ynode_map_adds(c, "setting", or_empty(t->setting));
	ynode_map_add(c, "account", plain_bool(t->ctl ? t->ctl->account : 1));
	ynode_map_add(c, "catalogued", plain_bool(t->ctl != NULL));
	ynode_map_add(c, "facts", facts_node(cat, t->ctl));
	return c;
}

static struct ynode *jurisdiction_node(struct ynode *ctx, const struct cat_jurisdiction *j)
{
	struct ynode *jn = ynode_map_add(ctx, "jurisdiction", ynode_new_map());
	ynode_map_adds(jn, "id", j->id);
	ynode_map_adds(jn, "name", j->name);
	ynode_map_adds(jn, "law", j->law);
	ynode_map_adds(jn, "law_long", j->law_long);
	ynode_map_adds(jn, "basis", j->basis);
	struct ynode *dn = ynode_map_add(ctx, "deadline", ynode_new_map());
	char num[16] = "";
	if (j->deadline.months)
		snprintf(num, sizeof num, "%d", j->deadline.months);
	ynode_map_adds(dn, "months", num);
	num[0] = '\0';
	if (j->deadline.days)
		snprintf(num, sizeof num, "%d", j->deadline.days);
	ynode_map_adds(dn, "days", num);
	ynode_map_add(dn, "statutory", plain_bool(j->deadline.statutory));
	ynode_map_adds(dn, "basis", j->deadline.basis);
	return jn;
}

/* build_context: everything a letter template may name (templates/README.md
 * lists it; tests/e2e/template-vars.sh checks the two agree). */
static struct ynode *build_context(const struct catalog *cat, const struct answers *a,
				   const struct cat_jurisdiction *j, const struct target *t,
				   const struct locale *loc, const char *reference, struct date due)
{
	struct ynode *ctx = ynode_new_map();
	char iso[11];

	ynode_map_adds(ctx, "reference", reference);
	char *s = locale_date(loc, a->date);
	ynode_map_adds(ctx, "date", s);
	free(s);
	date_iso(a->date, iso);
	ynode_map_adds(ctx, "date_iso", iso);
	s = locale_date(loc, due);
	ynode_map_adds(ctx, "due", s);
	free(s);
	date_iso(due, iso);
	ynode_map_adds(ctx, "due_iso", iso);
	ynode_map_adds(ctx, "place", or_empty(a->place));
	ynode_map_adds(ctx, "reasons", or_empty(a->reasons));
	ynode_map_add(ctx, "erase_trained", plain_bool(a->erase_trained));

	struct ynode *r = ynode_map_add(ctx, "requester", ynode_new_map());
	ynode_map_adds(r, "name", a->name);
	ynode_map_add(r, "address", lines_node(a->address));
	ynode_map_adds(r, "email", a->email);
	ynode_map_adds(r, "account", or_empty(a->account));

	struct ynode *cn = ynode_map_add(ctx, "country", ynode_new_map());
	ynode_map_adds(cn, "code", or_empty(a->country));
	ynode_map_adds(cn, "name", a->country ? catalog_country_name(cat, a->country) : "");

	jurisdiction_node(ctx, j);
	ynode_map_add(ctx, "controller", controller_node(cat, a, t));

	ynode_map_add(ctx, "authority", authority_node(j->authority));
	const struct cat_authority *local = NULL;
	if (j->local_authority && a->country)
		local = catalog_authority_for_country(cat, a->country);
	if (local && local != j->authority)
		ynode_map_add(ctx, "local_authority", authority_node(local));
	else
		ynode_map_add(ctx, "local_authority", plain_bool(0));
	return ctx;
}

struct partial_ctx {
	const char *data_dir;
	const char *lang;
};

static int load_partial(void *pc, const char *name, char **src, size_t *len, char **file,
			char **errstr)
{
	const struct partial_ctx *p = pc;
	/* tmpl.c allows only [a-z0-9_-] in partial names. */
	char *path = xasprintf("%s/templates/partials/%s.%s.tmpl", p->data_dir, name, p->lang);
	int rc = file_read(path, TEMPLATE_MAX, src, len, errstr);
	if (rc)
		free(path);
	else
		*file = path;
	return rc == EX_NOINPUT ? EX_DATAERR : rc;
}

struct section {
	const char *start;
	size_t len;
	int line;	/* of its first line */
	int present;
};

/* split_sections: cut the template file at "== NAME" lines. */
static int split_sections(const char *file, const char *src, struct section *sec, char **errstr)
{
	const char *p = src;
	int line = 1, cur = S_PRELUDE;
	memset(sec, 0, sizeof *sec * S_COUNT);
	sec[S_PRELUDE] = (struct section){ src, 0, 1, 1 };
	while (*p) {
		const char *eol = strchr(p, '\n');
		size_t n = eol ? (size_t)(eol - p) : strlen(p);
		if (n >= 3 && p[0] == '=' && p[1] == '=' && p[2] == ' ') {
			int k = -1;
			for (int i = 0; i < S_PRELUDE; i++)
				if (n - 3 == strlen(section_names[i]) &&
				    strncmp(p + 3, section_names[i], n - 3) == 0)
					k = i;
			if (k < 0) {
				*errstr = diag_at(file, line, 4, "unknown section '%.*s' (known: dateline, "
						  "subject, salutation, body, closing)", (int)(n - 3), p + 3);
				return EX_DATAERR;
			}
			if (sec[k].present) {
				*errstr = diag_at(file, line, 4, "section '%s' appears twice",
						  section_names[k]);
				return EX_DATAERR;
			}
			sec[cur].len = (size_t)(p - sec[cur].start);
			cur = k;
			sec[k].present = 1;
			sec[k].start = eol ? eol + 1 : p + n;
			sec[k].line = line + 1;
		}
		if (!eol)
			break;
		p = eol + 1;
		line++;
	}
	sec[cur].len = (size_t)(src + strlen(src) - sec[cur].start);
	for (int i = 0; i < S_COUNT; i++) {
		if (!sec[i].present) {
			*errstr = diag_at(file, 0, 0, "missing section '== %s'", section_names[i]);
			return EX_DATAERR;
		}
	}
	return 0;
}

static uint32_t last_char(const char *s, size_t n)
{
	if (n == 0)
		return 0;
	size_t i = n - 1;
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;
	uint32_t cp = 0;
	utf8_decode(s + i, n - i, &cp);
	return cp;
}

/* add_joined: append line to out, joined to what is there by a space, or by
 * nothing between CJK characters. */
static void add_joined(struct buf *out, const char *line, size_t n)
{
	while (n && (*line == ' ' || *line == '\t'))
		line++, n--;
	while (n && (line[n - 1] == ' ' || line[n - 1] == '\t'))
		n--;
	if (!n)
		return;
	if (out->len) {
		uint32_t first = 0;
		utf8_decode(line, n, &first);
		if (!(utf8_is_cjk(last_char(out->data, out->len)) && utf8_is_cjk(first)))
			buf_addc(out, ' ');
	}
	buf_add(out, line, n);
}

/* flow: split rendered text into paragraphs at blank lines; lines within a
 * paragraph are joined. With into == NULL all paragraphs are joined into one. */
static void flow(const char *text, struct strv *into, struct buf *one)
{
	struct buf para = BUF_INIT;
	const char *p = text;
	for (;;) {
		const char *eol = strchr(p, '\n');
		size_t n = eol ? (size_t)(eol - p) : strlen(p);
		size_t k = 0;
		while (k < n && (p[k] == ' ' || p[k] == '\t'))
			k++;
		if (k == n) {	/* blank line ends a paragraph */
			if (para.len) {
				if (into)
					strv_take(into, buf_detach(&para, NULL));
				else
					add_joined(one, para.data, para.len), buf_truncate(&para, 0);
			}
		} else {
			add_joined(&para, p, n);
		}
		if (!eol)
			break;
		p = eol + 1;
	}
	if (para.len) {
		if (into)
			strv_take(into, buf_detach(&para, NULL));
		else
			add_joined(one, para.data, para.len);
	}
	buf_free(&para);
}

static char *one_line(const char *text)
{
	struct buf b = BUF_INIT;
	flow(text, NULL, &b);
	return buf_detach(&b, NULL);
}

/* render_short: templates/JUR/LANG.short.tmpl, the objection in a few
 * sentences for a web form's field (one text, no sections), into
 * l->short_text; none installed leaves it NULL. More than LETTER_SHORT_MAX
 * characters is the template's fault (EX_DATAERR). */
static int render_short(const char *data_dir, const char *lang, const struct ynode *ctx,
			struct letter *l, char **errstr)
{
	char *path = xasprintf("%s/templates/%s/%s.short.tmpl", data_dir, l->jurisdiction, lang);
	char *src = NULL;
	size_t len;
	struct tmpl *t = NULL;
	int rc = 0;
	if (access(path, F_OK) != 0)
		goto out;
	rc = file_read(path, TEMPLATE_MAX, &src, &len, errstr);
	if (!rc)
		rc = tmpl_parse(path, 1, src, len, &t, errstr);
	if (!rc) {
		struct partial_ctx pc = { data_dir, lang };
		struct tmpl_opts opts = { 0, 0, load_partial, &pc };
		struct buf out = BUF_INIT;
		rc = tmpl_render(t, ctx, &opts, &out, errstr);
		if (!rc) {
			struct strv paras = STRV_INIT;
			flow(out.data, &paras, NULL);
			l->short_text = strv_join(&paras, "\n\n");
			strv_free(&paras);
			size_t n = utf8_strlen(l->short_text);
			if (n > LETTER_SHORT_MAX) {
				*errstr = diag_at(path, 0, 0, "the short text has %zu characters, "
						  "more than %d", n, LETTER_SHORT_MAX);
				rc = EX_DATAERR;
			}
		}
		buf_free(&out);
	}
out:
	tmpl_free(t);
	free(src);
	free(path);
	return rc;
}

static int render_template(const char *data_dir, const char *path, const char *lang,
			   const struct ynode *ctx, struct letter *l, char **errstr)
{
	char *src;
	size_t len;
	int rc = file_read(path, TEMPLATE_MAX, &src, &len, errstr);
	if (rc)
		return rc == EX_NOINPUT ? EX_SOFTWARE : rc;
	struct section sec[S_COUNT];
	rc = split_sections(path, src, sec, errstr);
	struct partial_ctx pc = { data_dir, lang };
	struct tmpl_opts opts = { 0, 0, load_partial, &pc };
	for (int i = 0; i < S_COUNT && !rc; i++) {
		struct tmpl *t;
		rc = tmpl_parse(path, sec[i].line, sec[i].start, sec[i].len, &t, errstr);
		if (rc)
			break;
		struct buf out = BUF_INIT;
		rc = tmpl_render(t, ctx, &opts, &out, errstr);
		tmpl_free(t);
		if (rc) {
			buf_free(&out);
			break;
		}
		switch (i) {
		case S_DATELINE:
			l->place_date = one_line(out.data);
			break;
		case S_SUBJECT:
			l->subject = one_line(out.data);
			break;
		case S_SALUTATION:
			l->salutation = one_line(out.data);
			break;
		case S_BODY:
			flow(out.data, &l->paragraphs, NULL);
			break;
		case S_CLOSING:
			l->closing = one_line(out.data);
			break;
		case S_PRELUDE:
			/* Only comments and blank lines may stand before the first section. */
			if (out.data[strspn(out.data, " \t\n")]) {
				*errstr = diag_at(path, 1, 0, "text before the first section "
						  "(sections start with lines '== subject', '== body', ...)");
				rc = EX_DATAERR;
			}
			break;
		}
		buf_free(&out);
	}
	free(src);
	if (!rc && (!*l->subject || l->paragraphs.n == 0)) {
		*errstr = diag_at(path, 0, 0, "the letter's subject or body is empty");
		rc = EX_DATAERR;
	}
	return rc;
}

static char *locale_or(const struct locale *loc, const char *key, const char *dflt)
{
	const char *s = locale_get(loc, key);
	return xstrdup(s ? s : dflt);
}

/* addresses: the sender, the return address and the recipient's block;
 * and the delivery: how the letter can reach the recipient. */
static void addresses(struct letter *l, const struct answers *a, const struct ynode *c,
		      const struct target *t)
{
	strv_push(&l->sender, a->name);
	struct buf ret = BUF_INIT;
	buf_adds(&ret, a->name);
	for (size_t i = 0; i < a->address->n; i++) {
		strv_push(&l->sender, a->address->items[i]->str);
		buf_printf(&ret, ", %s", a->address->items[i]->str);
	}
	strv_push(&l->sender, a->email);
	l->return_address = buf_detach(&ret, NULL);

	strv_push(&l->recipient, ynode_scalar(ynode_get(c, "name")));
	const char *attn = ynode_scalar(ynode_get(c, "attn"));
	if (*attn)
		strv_push(&l->recipient, attn);
	const struct ynode *addr = ynode_get(c, "address");
	for (size_t i = 0; i < addr->n; i++)
		strv_push(&l->recipient, addr->items[i]->str);

	l->to.name = xstrdup(t->name ? t->name : "the controller");
	l->to.email = xstrdup_or_null(t->email);
	l->to.form = xstrdup_or_null(t->form);
	l->to.postal = strv_join(&l->recipient, ", ");
	l->to.ctl = t->ctl;
	l->to.ent = t->ent;
}

static struct letter *new_letter(const struct answers *a, const struct cat_jurisdiction *j,
				 const struct locale *loc, char *lang, char *reference,
				 struct date due)
{
	struct letter *l = xcalloc(1, sizeof *l);
	l->lang = lang;
	l->jurisdiction = xstrdup(a->jurisdiction);
	l->controller_id = xstrdup(a->controller_id ? a->controller_id : "other");
	l->paper = xstrdup(a->paper ? a->paper : j->paper);
	l->envelope = xstrdup(a->envelope ? a->envelope : "left");
	l->date = a->date;
	l->due = due;
	l->reference = reference;
	l->signer = xstrdup(a->name);
	l->email = xstrdup(a->email);
	l->signature_png = xstrdup_or_null(a->signature);
	l->account = xstrdup_or_null(a->account);
	l->country = xstrdup_or_null(a->country);
	l->label_reference = locale_or(loc, "letter.reference", "Reference");
	l->label_date = locale_or(loc, "letter.date", "Date");
	l->label_page = locale_or(loc, "letter.page", "Page {page} of {pages}");
	return l;
}

int compose_answers(const struct catalog *cat, const char *data_dir, const struct answers *a,
		    struct letter **out, char **errstr)
{
	return compose_case(cat, data_dir, a, NULL, NULL, NULL, out, NULL, errstr);
}

/* case_context: a case letter's own entries over the letter's context; a
 * complaint's authority is extra's, else the requester's own (the first
 * mapping of region_authority, local_authority, authority). */
static void case_context(struct ynode *ctx, const char *reference, const struct ynode *extra,
			 const char *kind, char **authority_id)
{
	ynode_map_set(ctx, "reference", ynode_new_str(reference));
	for (size_t i = 0; extra && i < extra->n; i++)
		ynode_map_set(ctx, extra->keys[i]->str, ynode_clone(extra->items[i]));
	if (strcmp(kind, "complain") == 0 && !ynode_get(extra, "authority")) {
		static const char *const own[] = { "region_authority", "local_authority" };
		for (size_t i = 0; i < sizeof own / sizeof *own; i++) {
			const struct ynode *x = ynode_get(ctx, own[i]);
			if (x && x->type == YNODE_MAP) {
				ynode_map_set(ctx, "authority", ynode_clone(x));
				break;
			}
		}
	}
	if (authority_id)
		*authority_id = xstrdup(ynode_scalar(ynode_get(ynode_get(ctx, "authority"), "id")));
}

int compose_case(const struct catalog *cat, const char *data_dir, const struct answers *a,
		 const char *kind, const char *case_ref, const struct ynode *extra,
		 struct letter **out, char **authority_id, char **errstr)
{
	const struct cat_jurisdiction *j = catalog_jurisdiction(cat, a->jurisdiction);
	char *lang = NULL;
	int rc = choose_language(data_dir, a, j, &lang, errstr);
	if (rc)
		return rc;
	struct locale *loc = NULL;
	rc = locale_load(data_dir, lang, &loc, errstr);
	if (rc) {
		free(lang);
		return rc;
	}

	struct date due = j->deadline.months ? date_add_months(a->date, j->deadline.months)
					     : date_add_days(a->date, j->deadline.days);
	char *reference = make_reference(a, lang);
	struct target t;
	resolve_target(cat, a, &t);
	if (kind) {
		free(reference);
		reference = xstrdup(case_ref);
	}
	struct ynode *ctx = build_context(cat, a, j, &t, loc, reference, due);
	if (kind)
		case_context(ctx, reference, extra, kind, authority_id);
	struct letter *l = new_letter(a, j, loc, lang, reference, due);
	addresses(l, a, ynode_get(ctx, "controller"), &t);
	if (kind && strcmp(kind, "complain") == 0) {
		/* a complaint goes to the authority: its name and address */
		const struct ynode *au = ynode_get(ctx, "authority"), *ad = ynode_get(au, "address");
		strv_free(&l->recipient);
		strv_push(&l->recipient, ynode_scalar(ynode_get(au, "name")));
		for (size_t i = 0; ad && i < ad->n; i++)
			strv_push(&l->recipient, ad->items[i]->str);
		free(l->to.postal);
		l->to.postal = strv_join(&l->recipient, ", ");
	}

	char *path = kind ? xasprintf("%s/templates/%s/%s.%s.tmpl", data_dir, a->jurisdiction, lang, kind)
			  : template_path(data_dir, a->jurisdiction, lang);
	rc = render_template(data_dir, path, lang, ctx, l, errstr);
	if (!rc && !kind)
		rc = render_short(data_dir, lang, ctx, l, errstr);
	free(path);
	ynode_free(ctx);
	locale_free(loc);
	if (rc) {
		letter_free(l);
		return rc;
	}
	*out = l;
	return 0;
}

int compose_file(const struct catalog *cat, const char *data_dir, const char *answers_path,
		 struct letter **out, char **errstr)
{
	struct answers *a;
	int rc = answers_load(cat, answers_path, &a, errstr);
	if (rc)
		return rc;
	rc = compose_answers(cat, data_dir, a, out, errstr);
	answers_free(a);
	return rc;
}
