/* SPDX-License-Identifier: GPL-3.0-or-later */
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
#include <strings.h>
#include <sysexits.h>
#include <unistd.h>

#include "i18n.h"
#include "answers.h"
#include "buf.h"
#include "catalog.h"
#include "compose.h"
#include "deadline.h"
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
		/* Exactly one variant of the language ("fr" -> "fr-CA"): take it. */
		const char *only = NULL;
		int variants = 0;
		size_t pl = strcspn(a->language, "-");
		for (size_t i = 0; i < j->languages.n; i++) {
			const char *l = j->languages.v[i];
			if (strcspn(l, "-") == pl && strncmp(l, a->language, pl) == 0 &&
			    compose_has_letter(data_dir, j->id, l))
				only = l, variants++;
		}
		if (variants == 1) {
			*lang = xstrdup(only);
			return 0;
		}
		struct buf have = BUF_INIT;
		for (size_t i = 0; i < j->languages.n; i++)
			if (compose_has_letter(data_dir, j->id, j->languages.v[i]))
				BUF_MUST(buf_printf(&have, "%s%s", have.len ? ", " : "", j->languages.v[i]));
		*errstr = ydoc_err(a->doc, ynode_get(a->doc->root, "language"),
				   _("no letter in '%s' for the jurisdiction '%s' (available: %s)"),
				   a->language, j->id, have.data);
		buf_free(&have);
		return EX_DATAERR;
	}
	const char *l = compose_default_language(data_dir, j, a->country);
	if (l) {
		*lang = xstrdup(l);
		return 0;
	}
	*errstr = xasprintf(_("%s/templates/%s: no letter template installed"), data_dir, j->id);
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

static struct ynode *authority_node(const struct cat_authority *auth, const char *lang)
{
	struct ynode *m = ynode_new_map();
	ynode_map_adds(m, "id", auth->id);
	ynode_map_adds(m, "name", cat_authority_name(auth, lang));
	ynode_map_add(m, "land", plain_bool(auth->land != NULL));
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
	ynode_map_add(c, "account", plain_bool(t->ctl ? t->ctl->account : a->controller_account));
	ynode_map_add(c, "catalogued", plain_bool(t->ctl != NULL));
	ynode_map_add(c, "facts", facts_node(cat, t->ctl));
	return c;
}

/* jurisdiction_node: jurisdiction.* and deadline.*; returns deadline. */
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
	(void)jn;
	return dn;
}

/* build_context: everything a letter template may name (templates/README.md
 * lists it; tests/e2e/template-vars.sh checks the two agree). */
/* The dates of the answer: when the letter is likely received and when the
 * answer is therefore due (data/deadlines.yaml, src/deadline.h). */
struct timing {
	struct date received, due;
	int post;		/* it goes by post (no e-mail address or form to send it to) */
	int next_working_day;	/* the law moves a period ending on a non-working day */
};

/* The authorities a letter names (Art. 77 GDPR: the person's own; the lead
 * authority only where the catalogue or the inline controller's country of
 * main establishment says which). */
struct authorities {
	const struct cat_authority *own, *lead, *region;
};

static void resolve_authorities(const struct catalog *cat, const struct answers *a,
				const struct cat_jurisdiction *j, const struct target *t,
				struct authorities *au)
{
	memset(au, 0, sizeof *au);
	au->own = j->authority;
	if (j->local_authority && a->country) {
		const struct cat_authority *x = strcmp(a->country, "DE") == 0
			? catalog_authority_for_land(cat, a->region)
			: catalog_authority_for_country(cat, a->country);
		if (x)
			au->own = x;
		if (t->ent)
			au->lead = t->ent->lead_authority;
		else if (a->controller_country && strcmp(a->controller_country, "DE") != 0)
			au->lead = catalog_authority_for_country(cat, a->controller_country);
		if (au->lead == au->own)
			au->lead = NULL;
	}
	const struct cat_region *r = cat_jurisdiction_region(j, a->region);
	if (r && !j->local_authority)
		au->region = r->authority;
}

static struct ynode *build_context(const struct catalog *cat, const struct answers *a,
				   const struct cat_jurisdiction *j, const struct target *t,
				   const struct locale *loc, const char *lang, const char *reference,
				   const struct timing *tm, const struct authorities *au)
{
	struct date due = tm->due;
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
	s = locale_date(loc, tm->received);
	ynode_map_adds(ctx, "received", s);
	free(s);
	ynode_map_add(ctx, "post", plain_bool(tm->post));
	ynode_map_adds(ctx, "place", or_empty(a->place));
	ynode_map_adds(ctx, "reasons", or_empty(a->reasons));
	ynode_map_add(ctx, "grounds", plain_bool(a->reasons || a->situations));
	struct ynode *sn = ynode_map_add(ctx, "situation", ynode_new_map());
	for (int i = 0; i < ANSWERS_NSITUATIONS; i++)
		ynode_map_add(sn, answers_situations[i], plain_bool(a->situations >> i & 1));
	ynode_map_add(ctx, "erase_trained", plain_bool(a->erase_trained));

	struct ynode *r = ynode_map_add(ctx, "requester", ynode_new_map());
	ynode_map_adds(r, "name", a->name);
	ynode_map_add(r, "address", lines_node(a->address));
	ynode_map_adds(r, "email", a->email);
	ynode_map_adds(r, "account", or_empty(a->account));

	struct ynode *cn = ynode_map_add(ctx, "country", ynode_new_map());
	ynode_map_adds(cn, "code", or_empty(a->country));
	ynode_map_adds(cn, "name", a->country ? catalog_country_name(cat, a->country) : "");

	struct ynode *dn = jurisdiction_node(ctx, j);
	ynode_map_add(dn, "next_working_day", plain_bool(tm->next_working_day));
	ynode_map_add(ctx, "controller", controller_node(cat, a, t));

	ynode_map_add(ctx, "authority", authority_node(au->own, lang));
	ynode_map_add(ctx, "lead_authority", au->lead ? authority_node(au->lead, lang) : plain_bool(0));
	ynode_map_add(ctx, "region_authority",
		      au->region ? authority_node(au->region, lang) : plain_bool(0));

	struct ynode *in = ynode_map_add(ctx, "in_force", ynode_new_map());
	for (size_t i = 0; i < catalog_nprovisions(cat); i++) {
		const struct cat_provision *p = catalog_provision_at(cat, i);
		ynode_map_add(in, p->id, plain_bool(date_cmp(a->date, p->in_force) >= 0));
	}
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
				*errstr = diag_at(file, line, 4, _("unknown section '%.*s' (known: dateline, "
						  "subject, salutation, body, closing)"), (int)(n - 3), p + 3);
				return EX_DATAERR;
			}
			if (sec[k].present) {
				*errstr = diag_at(file, line, 4, _("section '%s' appears twice"),
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
			*errstr = diag_at(file, 0, 0, _("missing section '== %s'"), section_names[i]);
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
			BUF_MUST(buf_addc(out, ' '));
	}
	BUF_MUST(buf_add(out, line, n));
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
				*errstr = diag_at(path, 0, 0, _("the short text has %zu characters, "
						  "more than %d"), n, LETTER_SHORT_MAX);
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
				*errstr = diag_at(path, 1, 0, _("text before the first section "
						  "(sections start with lines '== subject', '== body', ...)"));
				rc = EX_DATAERR;
			}
			break;
		}
		buf_free(&out);
	}
	free(src);
	if (!rc && (!*l->subject || l->paragraphs.n == 0)) {
		*errstr = diag_at(path, 0, 0, _("the letter's subject or body is empty"));
		rc = EX_DATAERR;
	}
	return rc;
}

static char *locale_or(const struct locale *loc, const char *key, const char *dflt)
{
	const char *s = locale_get(loc, key);
	return xstrdup(s ? s : dflt);
}

/* country_named: the country code whose English name (or a common short
 * form) a postal address line is, or starts with before a postcode
 * ("Singapore 048583"); NULL if none. */
static const char *country_named(const struct catalog *cat, const char *line)
{
	static const char *const alias[][2] = { { "USA", "US" }, { "U.S.A.", "US" },
		{ "United States of America", "US" }, { "UK", "GB" }, { "U.K.", "GB" },
		{ "Great Britain", "GB" }, { NULL, NULL } };
	for (int i = 0; alias[i][0]; i++)
		if (strcasecmp(line, alias[i][0]) == 0)
			return alias[i][1];
	const struct ynode *cc = catalog_countries(cat);
	for (size_t i = 0; cc && i < cc->n; i++) {
		const char *name = ynode_scalar(cc->items[i]);
		size_t n = name ? strlen(name) : 0;
		if (n && strncasecmp(line, name, n) == 0 &&
		    (line[n] == '\0' || (line[n] == ' ' && line[n + 1] >= '0' && line[n + 1] <= '9')))
			return cc->keys[i]->str;
	}
	return NULL;
}

/* sender_country: the requester's country: the answers' country, else the
 * jurisdiction's only one; NULL if not known. */
static const char *sender_country(const struct answers *a, const struct cat_jurisdiction *j)
{
	if (a->country)
		return a->country;
	return j->countries.n == 1 ? j->countries.v[0] : NULL;
}

/* recipient_country: the inline controller's `country`, else the country
 * the last line of its address names; NULL: not named (a domestic address). */
static const char *recipient_country(const struct catalog *cat, const struct answers *a,
				     const struct ynode *c)
{
	if (!a->controller_id && a->controller_country)
		return a->controller_country;
	const struct ynode *addr = ynode_get(c, "address");
	return addr && addr->n ? country_named(cat, addr->items[addr->n - 1]->str) : NULL;
}

/* goes_abroad: the letter crosses a border (postal practice: the return
 * address then ends with the sender's country). */
static int goes_abroad(const struct catalog *cat, const struct answers *a,
		       const struct cat_jurisdiction *j, const struct ynode *c)
{
	const char *from = sender_country(a, j), *to = recipient_country(cat, a, c);
	return from && to && strcmp(from, to) != 0;
}

/* addresses: the sender, the return address and the recipient's block;
 * and the delivery: how the letter can reach the recipient. */
static void addresses(const struct catalog *cat, struct letter *l, const struct answers *a,
		      const struct cat_jurisdiction *j, const struct ynode *c,
		      const struct target *t)
{
	strv_push(&l->sender, a->name);
	struct buf ret = BUF_INIT;
	BUF_MUST(buf_adds(&ret, a->name));
	for (size_t i = 0; i < a->address->n; i++) {
		strv_push(&l->sender, a->address->items[i]->str);
		BUF_MUST(buf_printf(&ret, ", %s", a->address->items[i]->str));
	}
	const char *from = sender_country(a, j);
	if (from && goes_abroad(cat, a, j, c) &&
	    country_named(cat, a->address->items[a->address->n - 1]->str) == NULL)
		BUF_MUST(buf_printf(&ret, ", %s", catalog_country_name(cat, from)));
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
	l->label_colon = locale_or(loc, "letter.colon", ": ");
	return l;
}

/* check_date: a letter dated before a provision it always cites came into
 * force is refused (data/provisions.yaml, cited: always). */
static int check_date(const struct catalog *cat, const struct answers *a,
		      const struct cat_jurisdiction *j, char **errstr)
{
	for (size_t i = 0; i < catalog_nprovisions(cat); i++) {
		const struct cat_provision *p = catalog_provision_at(cat, i);
		if (!p->always || strcmp(p->jurisdiction, j->id) != 0 ||
		    date_cmp(a->date, p->in_force) >= 0)
			continue;
		char d[11], f[11];
		date_iso(a->date, d);
		date_iso(p->in_force, f);
		const struct ynode *at = ynode_get(a->doc->root, "date");
		*errstr = ydoc_err(a->doc, at ? at : a->doc->root,
				   _("the letter's date %s is before %s came into force (%s), and the "
				   "letter cites it: date the letter on or after %s"), d, p->cites, f, f);
		return EX_DATAERR;
	}
	return 0;
}

/* timing: e-mail and web form reach the company the day they are sent; a
 * letter without either goes by post and arrives a few working days later
 * (data/deadlines.yaml, post:). The period counts from receipt. */
static struct timing timing(const struct catalog *cat, const struct answers *a,
			    const struct cat_jurisdiction *j, const struct target *t,
			    const struct deadline_rules *rules)
{
	struct timing tm = { a->date, a->date, 0, 0 };
	tm.post = !t->email && !t->form;
	if (tm.post) {
		struct ynode *c = controller_node(cat, a, t);
		tm.received = deadline_post_arrival(rules, a->date, goes_abroad(cat, a, j, c));
		ynode_free(c);
	}
	const struct deadline_rule *r = deadline_rule_for(rules, j->id);
	if (r) {
		tm.due = deadline_due(r, tm.received, 0);
		tm.next_working_day = r->end == DEADLINE_END_NEXT_WORKING_DAY;
	} else {
		tm.due = j->deadline.months ? date_add_months(tm.received, j->deadline.months)
					    : date_add_days(tm.received, j->deadline.days);
	}
	return tm;
}

/* warnings: what the writer should know before sending. */
static void warnings(const struct answers *a, const struct cat_jurisdiction *j, struct letter *l)
{
	struct date today, lo, hi;
	date_today(&today);
	lo = date_add_months(today, -1);
	hi = date_add_months(today, 1);
	if (date_cmp(a->date, lo) < 0 || date_cmp(a->date, hi) > 0) {
		char d[11];
		date_iso(a->date, d);
		strv_take(&l->warnings, ydoc_err(a->doc, ynode_get(a->doc->root, "date"),
				_("the letter's date %s is more than a month from today"), d));
	}
	if (!a->reasons && !a->situations && j->particular_situation)
		strv_take(&l->warnings, ydoc_err(a->doc, a->doc->root,
				_("no 'reasons' or 'situations': an objection under %s rests on grounds "
				"relating to your particular situation; without them the company may "
				"refuse it (add 'situations:' or 'reasons:', or choose situations in "
				"'objector new')"), j->basis));
}

/* letter_locale: the locale of the letter's words and dates: LANG-CC when
 * locales/LANG-CC.yaml exists for a language without a region of its own
 * and the sender's country CC (Canadian English, en-CA: "November 29,
 * 2026"; issue 12 item 12), else LANG. Caller frees. */
static char *letter_locale(const char *data_dir, const char *lang, const struct answers *a,
			   const struct cat_jurisdiction *j)
{
	const char *cc = sender_country(a, j);
	if (cc && !strchr(lang, '-')) {
		char *tag = xasprintf("%s-%s", lang, cc);
		char *path = locale_tag_ok(tag) ? xasprintf("%s/locales/%s.yaml", data_dir, tag) : NULL;
		int have = path && access(path, R_OK) == 0;
		free(path);
		if (have)
			return tag;
		free(tag);
	}
	return xstrdup(lang);
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
	char *loc_tag = letter_locale(data_dir, lang, a, j);
	rc = locale_load(data_dir, loc_tag, &loc, errstr);
	free(loc_tag);
	if (rc) {
		free(lang);
		return rc;
	}

	rc = check_date(cat, a, j, errstr);
	struct deadline_rules *rules = NULL;
	if (!rc)
		rc = deadline_rules_load(data_dir, &rules, errstr);
	if (rc) {
		locale_free(loc);
		free(lang);
		return rc;
	}
	char *reference = make_reference(a, lang);
	struct target t;
	resolve_target(cat, a, &t);
	if (kind) {
		free(reference);
		reference = xstrdup(case_ref);
	}
	struct authorities au;
	resolve_authorities(cat, a, j, &t, &au);
	struct timing tm = timing(cat, a, j, &t, rules);
	deadline_rules_free(rules);
	struct ynode *ctx = build_context(cat, a, j, &t, loc, lang, reference, &tm, &au);
	if (kind)
		case_context(ctx, reference, extra, kind, authority_id);
	struct letter *l = new_letter(a, j, loc, lang, reference, tm.due);
	addresses(cat, l, a, j, ynode_get(ctx, "controller"), &t);
	if (kind && strcmp(kind, "complain") == 0) {
		/* a complaint goes to the authority: its name and address */
		const struct ynode *aun = ynode_get(ctx, "authority"), *ad = ynode_get(aun, "address");
		strv_free(&l->recipient);
		strv_push(&l->recipient, ynode_scalar(ynode_get(aun, "name")));
		for (size_t i = 0; ad && i < ad->n; i++)
			strv_push(&l->recipient, ad->items[i]->str);
		free(l->to.postal);
		l->to.postal = strv_join(&l->recipient, ", ");
	}
	if (!kind)
		warnings(a, j, l);

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
