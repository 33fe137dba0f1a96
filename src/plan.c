/* SPDX-License-Identifier: GPL-3.0-or-later */
/* plan.c: the submission plan as text and as YAML; see plan.h. */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "buf.h"
#include "catalog.h"
#include "letter.h"
#include "plan.h"
#include "term.h"
#include "utf8.h"
#include "xalloc.h"
#include "ydoc.h"

#define WIDTH 79	/* characters on a line, the newline not counted */

/* wrap: text as lines of at most WIDTH columns, the first at indent, the
 * next at hang; a word longer than a line (an address) stands alone. */
static void wrap(struct buf *out, int indent, int hang, const char *text)
{
	term_wrap_buf(out, text, WIDTH, (size_t)indent, (size_t)hang);
}

static void wrapf(struct buf *out, int indent, int hang, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void wrapf(struct buf *out, int indent, int hang, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	BUF_MUST(buf_vprintf(&b, fmt, ap));
	va_end(ap);
	wrap(out, indent, hang, b.data ? b.data : "");
	buf_free(&b);
}

void plan_values_of(const struct letter *l, struct plan_values *v)
{
	memset(v, 0, sizeof *v);
	v->name = l->signer;
	v->email = l->email;
	v->account = l->account;
	v->country = l->country;
	v->short_text = l->short_text;
}

/* ---- fitting a text to a field ----------------------------------------- */

/* prefix_len: the bytes of the first limit characters of s. */
static size_t prefix_len(const char *s, long limit)
{
	size_t i = 0, len = strlen(s);
	for (long k = 0; k < limit && i < len; k++) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		i += n ? n : 1;
	}
	return i;
}

char *plan_fit(const char *text, long limit)
{
	if (limit <= 0 || (long)utf8_strlen(text) <= limit)
		return xstrdup(text);
	size_t max = prefix_len(text, limit);
	size_t cut = 0;
	/* the last paragraph that ends in time */
	for (size_t i = 0; i + 1 < max; i++)
		if (text[i] == '\n' && text[i + 1] == '\n')
			cut = i;
	/* else the last sentence: ". ", "。", "! ", "? " */
	if (!cut) {
		for (size_t i = max; i > 0; i--) {
			if ((strchr(".!?", text[i - 1]) && (i == max || text[i] == ' ')) ||
			    (i >= 3 && memcmp(text + i - 3, "\xe3\x80\x82", 3) == 0)) {
				cut = i;
				break;
			}
		}
	}
	if (!cut)
		for (size_t i = max; i > 0 && !cut; i--)
			if (text[i - 1] == ' ')
				cut = i - 1;
	if (!cut)
		cut = max;
	while (cut && (text[cut - 1] == ' ' || text[cut - 1] == '\n'))
		cut--;
	return xstrndup(text, cut);
}

long plan_field_limit(const struct cat_field *f)
{
	if (f->value == CAT_V_SHORT_TEXT)
		return f->limit > 0 && f->limit < LETTER_SHORT_MAX ? f->limit : LETTER_SHORT_MAX;
	return f->limit;
}

/* ---- text -------------------------------------------------------------- */

static const char *product_name(const struct cat_controller *c, const char *id)
{
	for (size_t i = 0; id && i < c->nproducts; i++)
		if (strcmp(c->products[i].id, id) == 0)
			return c->products[i].name;
	return id;
}

static const struct cat_source *source(const struct cat_controller *c, const char *id)
{
	for (size_t i = 0; i < c->nsources; i++)
		if (strcmp(c->sources[i].id, id) == 0)
			return &c->sources[i];
	return NULL;
}

static void sources_text(const struct cat_controller *c, const struct cat_strs *ids, int at,
			 struct buf *out)
{
	for (size_t i = 0; i < ids->n; i++) {
		const struct cat_source *s = source(c, ids->v[i]);
		if (!s)
			continue;
		wrapf(out, at, at + 2, _("source: %s (checked %s%s%s)"), s->title, s->checked,
		      s->published ? _("; dated ") : "", s->published ? s->published : "");
		wrap(out, at + 2, at + 2, s->url);
	}
}

/* field_value: what goes into a field, as the plan says it. */
static char *field_value(const struct cat_field *f, const struct plan_values *v)
{
	const char *given = NULL, *what = NULL;
	switch (f->value) {
	case CAT_V_NAME:
		given = v ? v->name : NULL, what = _("your name");
		break;
	case CAT_V_EMAIL:
		given = v ? v->email : NULL, what = _("your e-mail address");
		break;
	case CAT_V_ACCOUNT:
		given = v ? v->account : NULL, what = _("your account (profile address or user name)");
		break;
	case CAT_V_COUNTRY:
		given = v ? v->country : NULL, what = _("your country");
		break;
	case CAT_V_SHORT_TEXT: {
		long lim = plan_field_limit(f);
		if (v && v->short_text) {
			char *fit = plan_fit(v->short_text, lim);
			char *s = xasprintf(_("the short text (%zu characters, at most %ld)"),
					    utf8_strlen(fit), lim);
			free(fit);
			return s;
		}
		return xasprintf(_("the short text of the letter (at most %ld characters)"), lim);
	}
	case CAT_V_LETTER:
		if (v && v->letter_file)
			return xasprintf(_("upload the letter: %s"), v->letter_file);
		return xstrdup(_("upload the letter (PDF)"));
	case CAT_V_TEXT:
		return xasprintf("\"%s\"", f->text);
	}
	return xstrdup(given ? given : what);
}

static void step_setting(const struct cat_controller *c, const struct cat_channel *ch,
			 int at, struct buf *out)
{
	wrapf(out, at, at, _("Switch off the setting%s%s (it stops future use only; it is "
	      "not an objection):"), ch->product ? _(" for ") : "",
	      ch->product ? product_name(c, ch->product) : "");
	wrap(out, at + 2, at + 2, ch->url);
	if (ch->path)
		wrap(out, at + 2, at + 4, ch->path);
}

static void step_form(const struct cat_controller *c, const struct cat_channel *ch,
		      const struct plan_values *v, int first, int at, struct buf *out)
{
	wrapf(out, at, at, _("Object through the form%s%s:"), ch->product ? _(" for ") : "",
	      ch->product ? product_name(c, ch->product) : "");
	wrap(out, at + 2, at + 2, ch->url);
	if (ch->choose)
		wrapf(out, at + 2, at + 4, _("choose: %s"), ch->choose);
	for (size_t i = 0; i < ch->nfields; i++) {
		char *val = field_value(&ch->fields[i], v);
		wrapf(out, at + 2, at + 4, "\"%s\": %s", ch->fields[i].label, val);
		free(val);
	}
	if (!ch->nfields)
		wrap(out, at + 2, at + 4, _("paste the short text of the letter where the form asks "
		     "for your request; upload the letter (PDF) where it takes a file"));
	if (first && v && v->answers_file)
		BUF_MUST(buf_printf(out, _("%*srun: objector send %s --via webform\n"), at + 2, "",
			   v->answers_file));
}

void plan_text(const struct cat_controller *c, const struct cat_entity *e,
	       const struct plan_values *v, unsigned flags, int indent, struct buf *out)
{
	int first_form = 1;
	for (size_t i = 0; i < e->nchannels; i++) {
		const struct cat_channel *ch = &e->channels[i];
		char num[32];
		snprintf(num, sizeof num, "%zu. ", i + 1);
		int at = indent + (int)strlen(num);	/* the column of the step's text */
		struct buf step = BUF_INIT;
		switch (ch->kind) {
		case CAT_SETTING:
			step_setting(c, ch, at, &step);
			break;
		case CAT_FORM:
			step_form(c, ch, v, first_form, at, &step);
			first_form = 0;
			break;
		case CAT_POST: {
			wrap(&step, at, at, _("Post the letter (PDF) to:"));
			struct buf a = BUF_INIT;
			BUF_MUST(buf_adds(&a, e->name));
			if (e->attn)
				BUF_MUST(buf_printf(&a, ", %s", e->attn));
			for (size_t k = 0; k < e->address.n; k++)
				BUF_MUST(buf_printf(&a, ", %s", e->address.v[k]));
			wrap(&step, at + 2, at + 4, a.data);
			buf_free(&a);
			if (v && v->answers_file)
				BUF_MUST(buf_printf(&step, _("%*sthen: objector send %s --via post\n"),
					   at + 2, "", v->answers_file));
			break;
		}
		case CAT_EMAIL:
			wrapf(&step, at, at, _("E-mail the letter to %s"), e->email);
			if (v && v->answers_file)
				BUF_MUST(buf_printf(&step, _("%*srun: objector send %s\n"), at + 2, "",
					   v->answers_file));
			break;
		}
		if (flags & PLAN_SOURCES)
			sources_text(c, &ch->sources, at + 2, &step);
		/* the number stands in the first line's indent */
		BUF_MUST(buf_printf(out, "%*s%s%s", indent, "", num, step.data + (size_t)at));
		buf_free(&step);
	}
}

void plan_letter_text(const struct letter *l, const struct plan_values *v, unsigned flags,
		      struct buf *out)
{
	if (!l->to.ctl || !l->to.ent)
		return;
	wrapf(out, 0, 2, _("How to object to %s (%s), in this order:"), l->to.ctl->name,
	      l->to.ent->name);
	plan_text(l->to.ctl, l->to.ent, v, flags, 2, out);
	if (!(flags & PLAN_SOURCES))
		wrap(out, 0, 2, _("Each step's sources: objector list controllers --sources"));
}

/* ---- the web form ------------------------------------------------------ */

static const struct cat_channel *letter_form(const struct letter *l)
{
	const struct cat_entity *e = l->to.ent;
	for (size_t i = 0; e && l->to.form && i < e->nchannels; i++)
		if (e->channels[i].kind == CAT_FORM && strcmp(e->channels[i].url, l->to.form) == 0)
			return &e->channels[i];
	return NULL;
}

void plan_webform(const struct letter *l, const char *pdf_path, struct buf *out)
{
	const struct cat_channel *ch = letter_form(l);
	if (!ch || !l->short_text) {
		struct buf text = BUF_INIT;
		letter_text(l, &text);
		BUF_MUST(buf_printf(out, _("Open the form of %s:\n\n  %s\n\nand paste this text (attach the "
			   "PDF if the form allows it):\n\n-------- 8< --------\n%s-------- 8< "
			   "--------\n"), l->to.name, l->to.form, text.data));
		buf_free(&text);
		return;
	}
	struct plan_values v;
	plan_values_of(l, &v);
	v.letter_file = pdf_path;
	BUF_MUST(buf_printf(out, _("Open the form of %s:\n\n  %s\n\n"), l->to.name, ch->url));
	if (ch->choose)
		wrapf(out, 0, 2, _("Choose: %s"), ch->choose);
	long lim = LETTER_SHORT_MAX;
	for (size_t i = 0; i < ch->nfields; i++)
		if (ch->fields[i].value == CAT_V_SHORT_TEXT && plan_field_limit(&ch->fields[i]) < lim)
			lim = plan_field_limit(&ch->fields[i]);
	char *fit = plan_fit(l->short_text, lim);
	size_t nfit = utf8_strlen(fit);
	if (ch->nfields) {
		BUF_MUST(buf_adds(out, _("Fill in:\n")));
		for (size_t i = 0; i < ch->nfields; i++) {
			const struct cat_field *f = &ch->fields[i];
			char *val = f->value == CAT_V_SHORT_TEXT
					    ? xasprintf(_("the text below (%zu characters; the field takes "
							"%ld)"), nfit, plan_field_limit(f))
					    : field_value(f, &v);
			wrapf(out, 2, 4, "\"%s\": %s", f->label, val);
			free(val);
		}
		BUF_MUST(buf_printf(out, _("\nThe text (%zu characters):\n"), nfit));
	} else {
		wrapf(out, 0, 0, _("Where the form asks for your request, paste this text (%zu "
		      "characters):"), nfit);
	}
	BUF_MUST(buf_printf(out, "\n-------- 8< --------\n%s\n-------- 8< --------\n\n", fit));
	free(fit);
	if (pdf_path)
		wrapf(out, 0, 2, _("The full letter, to upload where the form takes a file (or to "
		      "keep): %s"), pdf_path);
	else
		wrap(out, 0, 0, _("The full letter (PDF) is kept beside the journal once it is "
		     "journaled: upload it where the form takes a file."));
}

/* ---- YAML -------------------------------------------------------------- */

static void add_opt(struct ynode *m, const char *key, const char *s)
{
	if (s)
		ynode_map_adds(m, key, s);
}

static struct ynode *strs(const struct cat_strs *s)
{
	struct ynode *q = ynode_new_seq();
	for (size_t i = 0; i < s->n; i++)
		ynode_seq_add(q, ynode_new_str(s->v[i]));
	return q;
}

static const char *const kind_names[] = { "setting", "form", "post", "email" };
static const char *const value_names[] = { "requester.name", "requester.email",
					   "requester.account", "requester.country",
					   "short_text", "letter" };

static struct ynode *channel_yaml(const struct cat_channel *ch)
{
	struct ynode *m = ynode_new_map();
	ynode_map_add(m, "kind", ynode_new_plain(kind_names[ch->kind]));
	add_opt(m, "product", ch->product);
	add_opt(m, "url", ch->url);
	add_opt(m, "path", ch->path);
	add_opt(m, "choose", ch->choose);
	if (ch->nfields) {
		struct ynode *fs = ynode_map_add(m, "fields", ynode_new_seq());
		for (size_t i = 0; i < ch->nfields; i++) {
			const struct cat_field *f = &ch->fields[i];
			struct ynode *fm = ynode_seq_add(fs, ynode_new_map());
			ynode_map_adds(fm, "label", f->label);
			if (f->value == CAT_V_TEXT)
				ynode_map_adds(ynode_map_add(fm, "value", ynode_new_map()), "text",
					       f->text);
			else
				ynode_map_add(fm, "value", ynode_new_plain(value_names[f->value]));
			if (f->limit > 0) {
				char n[32];
				snprintf(n, sizeof n, "%ld", f->limit);
				ynode_map_add(fm, "limit", ynode_new_plain(n));
			}
		}
	}
	ynode_map_add(m, "sources", strs(&ch->sources));
	return m;
}

static struct ynode *entity_yaml(const struct cat_entity *e)
{
	struct ynode *m = ynode_new_map();
	ynode_map_add(m, "jurisdictions", strs(&e->jurisdictions));
	ynode_map_adds(m, "name", e->name);
	add_opt(m, "attn", e->attn);
	ynode_map_add(m, "address", strs(&e->address));
	ynode_map_add(m, "email", e->email ? ynode_new_str(e->email) : ynode_new_plain("null"));
	if (e->lead_authority)
		ynode_map_adds(m, "lead_authority", e->lead_authority->id);
	ynode_map_add(m, "sources", strs(&e->sources));
	struct ynode *chs = ynode_map_add(m, "channels", ynode_new_seq());
	for (size_t i = 0; i < e->nchannels; i++)
		ynode_seq_add(chs, channel_yaml(&e->channels[i]));
	return m;
}

struct ynode *plan_catalog_yaml(const struct catalog *cat)
{
	struct ynode *root = ynode_new_map();
	struct ynode *list = ynode_map_add(root, "controllers", ynode_new_seq());
	for (size_t i = 0; i < catalog_ncontrollers(cat); i++) {
		const struct cat_controller *c = catalog_controller_at(cat, i);
		struct ynode *m = ynode_seq_add(list, ynode_new_map());
		ynode_map_adds(m, "id", c->id);
		ynode_map_adds(m, "name", c->name);
		ynode_map_add(m, "account", ynode_new_plain(c->account ? "true" : "false"));
		add_opt(m, "what", c->what);
		if (c->nproducts) {
			struct ynode *ps = ynode_map_add(m, "products", ynode_new_seq());
			for (size_t k = 0; k < c->nproducts; k++) {
				struct ynode *p = ynode_seq_add(ps, ynode_new_map());
				ynode_map_adds(p, "id", c->products[k].id);
				ynode_map_adds(p, "name", c->products[k].name);
			}
		}
		struct ynode *ss = ynode_map_add(m, "sources", ynode_new_seq());
		for (size_t k = 0; k < c->nsources; k++) {
			const struct cat_source *s = &c->sources[k];
			struct ynode *sm = ynode_seq_add(ss, ynode_new_map());
			ynode_map_adds(sm, "id", s->id);
			ynode_map_adds(sm, "title", s->title);
			ynode_map_adds(sm, "url", s->url);
			if (s->published)
				ynode_map_add(sm, "published", ynode_new_plain(s->published));
			ynode_map_add(sm, "checked", ynode_new_plain(s->checked));
			add_opt(sm, "copy", s->copy);
		}
		struct ynode *es = ynode_map_add(m, "entities", ynode_new_seq());
		for (size_t k = 0; k < c->nentities; k++)
			ynode_seq_add(es, entity_yaml(&c->entities[k]));
	}
	return root;
}
