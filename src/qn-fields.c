/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * qn-fields.c: reading a typed answer as its question's type wants it; see
 * qn-fields.h. The text rules are valid.h's.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "answers.h"
#include "catalog.h"
#include "compose.h"
#include "date.h"
#include "locale.h"
#include "qn-fields.h"
#include "questionnaire.h"
#include "valid.h"
#include "i18n.h"
#include "xalloc.h"
#include "ydoc.h"

/* qn_lq: questions.ID.FIELD, or NULL. */
const char *qn_lq(const struct qn_io *io, const char *id, const char *field)
{
	if (!io->loc)
		return NULL;
	char *k = xasprintf("questions.%s.%s", id, field);
	const char *s = locale_get(io->loc, k);
	free(k);
	return s;
}

/* qn_trimmed: a copy without leading and trailing blanks (for codes, not text). */
char *qn_trimmed(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return xstrndup(s, n);
}

/* ---- choices ---------------------------------------------------------- */

static void add_choice(struct choices *cs, const char *code, char *label)
{
	cs->v = xreallocarray(cs->v, cs->n + 1, sizeof *cs->v);
	cs->v[cs->n].code = code;
	cs->v[cs->n].label = label;
	cs->n++;
}

void qn_choices_free(struct choices *cs)
{
	for (size_t i = 0; i < cs->n; i++)
		free(cs->v[i].label);
	free(cs->v);
	memset(cs, 0, sizeof *cs);
}

/* qn_language_label: the language's own name from its locale file, else a
 * built-in one, else the tag. */
char *qn_language_label(const char *data_dir, const char *tag)
{
	static const char *const names[][2] = {
		{ "en", "English" },	    { "de", "Deutsch (German)" },
		{ "fr", "Français (French)" }, { "es", "Español (Spanish)" },
		{ "it", "Italiano (Italian)" }, { "nl", "Nederlands (Dutch)" },
		{ "pl", "Polski (Polish)" },	    { "fr-CA", "Français canadien (Canadian French)" },
		{ "zh-Hant", "中文（繁體）(Traditional Chinese)" },
	};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (strcmp(names[i][0], tag) == 0)
			return xstrdup(names[i][1]);
	char *label = NULL;
	if (locale_tag_ok(tag)) {
		char *p = xasprintf("%s/locales/%s.yaml", data_dir, tag);
		struct ydoc *d;
		char *err = NULL;
		if (ydoc_load_file(p, &d, &err) == 0) {
			const char *n = ynode_scalar(ynode_get(d->root, "name"));
			if (n)
				label = xstrdup(n);
			ydoc_free(d);
		}
		free(err);
		free(p);
	}
	return label ? label : xstrdup(tag);
}

void qn_choices_build(const struct question *qu, const struct qn_io *io,
			  const struct ynode *root, struct choices *cs)
{
	memset(cs, 0, sizeof *cs);
	const char *jur = ynode_scalar(ynode_get_path(root, "jurisdiction"));
	switch (qu->src) {
	case SRC_LIST:
		for (size_t i = 0; i < qu->codes->n; i++) {
			const char *code = qu->codes->items[i]->str;
			char *k = xasprintf("choices.%s", code);
			const char *label = qn_lq(io, qu->id, k);
			free(k);
			add_choice(cs, code, xstrdup(label ? label : code));
		}
		break;
	case SRC_SITUATIONS:
		for (size_t i = 0; i < ANSWERS_NSITUATIONS; i++) {
			const char *code = answers_situations[i];
			char *k = xasprintf("choices.%s", code);
			const char *label = qn_lq(io, qu->id, k);
			free(k);
			add_choice(cs, code, xstrdup(label ? label : code));
		}
		break;
	case SRC_JURISDICTIONS:
		for (size_t i = 0; i < catalog_njurisdictions(io->cat); i++) {
			const struct cat_jurisdiction *j = catalog_jurisdiction_at(io->cat, i);
			add_choice(cs, j->id, xasprintf("%s (%s)", j->name, j->law));
		}
		break;
	case SRC_CONTROLLERS:
		for (size_t i = 0; i < catalog_ncontrollers(io->cat); i++) {
			const struct cat_controller *c = catalog_controller_at(io->cat, i);
			if (jur && !cat_controller_entity(c, jur))
				continue;
			add_choice(cs, c->id, xstrdup(c->name));
		}
		break;
	case SRC_LANGUAGES: {
		const struct cat_jurisdiction *j = jur ? catalog_jurisdiction(io->cat, jur) : NULL;
		for (size_t i = 0; j && i < j->languages.n; i++) {
			const char *l = j->languages.v[i];
			if (compose_has_letter(io->data_dir, jur, l))
				add_choice(cs, l, qn_language_label(io->data_dir, l));
		}
		/* the default is the language compose would choose */
		const char *cc = ynode_scalar(ynode_get_path(root, "country"));
		const char *def = j ? compose_default_language(io->data_dir, j, cc) : NULL;
		for (size_t i = 0; def && i < cs->n; i++)
			if (strcmp(cs->v[i].code, def) == 0)
				cs->def = cs->v[i].code;
		/* but a letter in the interface's language (i18n.h), when the
		 * jurisdiction has one and that language is not English (the
		 * untranslated interface chooses nothing) */
		const char *ui = i18n_tag();
		size_t uin = strcspn(ui, "-");
		int exact = 0;
		for (size_t i = 0; strcmp(ui, "en") != 0 && !exact && i < cs->n; i++) {
			const char *code = cs->v[i].code;
			exact = strcmp(code, ui) == 0;
			/* else the same language elsewhere: fr for fr-CA's letter */
			if (exact || (strncmp(code, ui, uin) == 0 && (code[uin] == '-' || !code[uin])))
				cs->def = code;
		}
		break;
	}
	case SRC_NONE:
		break;
	}
	if (qu->other) {
		const char *label = qn_lq(io, qu->id, "other");
		add_choice(cs, "other", xstrdup(label ? label : "other"));
	}
	if (!cs->def && qu->def)
		for (size_t i = 0; i < cs->n; i++)
			if (strcmp(cs->v[i].code, qu->def) == 0)
				cs->def = cs->v[i].code;
}

/* prefix_ci: whether p (ASCII case folded) starts s. */
static int prefix_ci(const char *p, const char *s)
{
	return strncasecmp(p, s, strlen(p)) == 0;
}

/* choice_match: the index of the choice the answer names (number, code,
 * label, or a unique prefix of two or more characters), or -1. */
static long choice_match(const struct choices *cs, const char *answer)
{
	char *a = qn_trimmed(answer);
	long hit = -1;
	char *end;
	long num = strtol(a, &end, 10);
	if (*a && *end == '\0' && isdigit((unsigned char)*a)) {
		hit = num >= 1 && (size_t)num <= cs->n ? num - 1 : -1;
		free(a);
		return hit;
	}
	for (size_t i = 0; i < cs->n && hit < 0; i++)
		if (strcasecmp(cs->v[i].code, a) == 0 || strcasecmp(cs->v[i].label, a) == 0)
			hit = (long)i;
	if (hit < 0 && strlen(a) >= 2) {
		size_t found = 0;
		for (size_t i = 0; i < cs->n; i++)
			if (prefix_ci(a, cs->v[i].code) || prefix_ci(a, cs->v[i].label)) {
				hit = (long)i;
				found++;
			}
		if (found != 1)
			hit = -1;
	}
	free(a);
	return hit;
}

/* ---- countries -------------------------------------------------------- */

static int covered(const struct qn_io *io, const char *cc)
{
	return catalog_jurisdiction_for_country(io->cat, cc) != NULL;
}

/* country_code: the ISO code the answer names (code, English name, alias,
 * or a unique prefix of three or more characters of a covered country's
 * name), or NULL. Returns a string of the questionnaire or catalogue. */
static const char *country_code(const struct questionnaire *q, const struct qn_io *io,
				const char *answer)
{
	const struct ynode *cm = catalog_countries(io->cat);
	char *a = qn_trimmed(answer);
	const char *code = NULL;
	if (strlen(a) == 2 && isalpha((unsigned char)a[0]) && isalpha((unsigned char)a[1])) {
		char up[3] = { (char)toupper((unsigned char)a[0]), (char)toupper((unsigned char)a[1]), 0 };
		for (size_t i = 0; cm && i < cm->n; i++)
			if (strcmp(cm->keys[i]->str, up) == 0)
				code = cm->keys[i]->str;
	}
	for (size_t i = 0; !code && cm && i < cm->n; i++)
		if (ynode_scalar(cm->items[i]) && strcasecmp(cm->items[i]->str, a) == 0)
			code = cm->keys[i]->str;
	for (size_t i = 0; !code && q->aliases && i < q->aliases->n; i++)
		if (strcasecmp(q->aliases->keys[i]->str, a) == 0)
			code = ynode_scalar(q->aliases->items[i]);
	if (!code && strlen(a) >= 3) {
		size_t found = 0;
		const char *c = NULL;
		for (size_t i = 0; cm && i < cm->n; i++)
			if (ynode_scalar(cm->items[i]) && covered(io, cm->keys[i]->str) &&
			    prefix_ci(a, cm->items[i]->str)) {
				c = cm->keys[i]->str;
				found++;
			}
		if (found == 1)
			code = c;
	}
	free(a);
	return code;
}

/* ---- checking one answer ---------------------------------------------- */

/* refuse: the verdict for a problem valid.h found. Invisible characters and
 * characters no font shows are named with their code and place; the
 * others keep their English phrase. */
static void refuse(struct verdict *v, const struct valid_problem *p)
{
	if (p->code == VALID_INVISIBLE || p->code == VALID_NO_GLYPH) {
		v->why_key = p->code == VALID_INVISIBLE ? "new.invalid_invisible" : "new.invalid_no_glyph";
		valid_char_name(p->cp, v->chr);
		snprintf(v->pos, sizeof v->pos, "%zu", p->chr);
		return;
	}
	v->why_text = valid_why(p->code);
}

/* qn_check_raw: a line read with a NUL inside is refused whatever the question. */
void qn_check_raw(const char *line, size_t len, struct verdict *v)
{
	struct valid_problem p;
	if (valid_text(line, len, (size_t)-1, &p))
		refuse(v, &p);
}

void qn_check_text_line(const struct question *qu, const char *line, size_t len, size_t sofar,
			struct verdict *v)
{
	struct valid_problem p;
	if (valid_text(line, len, (size_t)-1, &p))
		refuse(v, &p);
	else if (sofar + 1 + len > qu->max_length)
		v->why_text = valid_why(VALID_TOO_LONG);
}

void qn_check_line(const struct question *qu, const char *s, struct verdict *v)
{
	struct valid_problem p;
	size_t max = qu->max_length < ANSWERS_MAX_FIELD ? qu->max_length : ANSWERS_MAX_FIELD;
	if (valid_line(s, strlen(s), max, &p))
		refuse(v, &p);
}

static void check_country(const struct questionnaire *q, const struct qn_io *io,
			  const struct ynode *root, const char *s, struct verdict *v)
{
	const char *cc = country_code(q, io, s);
	if (!cc) {
		v->why_key = "new.unknown_country";
		return;
	}
	const struct cat_jurisdiction *j = catalog_jurisdiction_for_country(io->cat, cc);
	if (!j) {
		v->why_key = "new.country_not_covered";
		v->arg = catalog_country_name(io->cat, cc);
		return;
	}
	const char *jur = ynode_scalar(ynode_get_path(root, "jurisdiction"));
	if (jur && strcmp(jur, j->id) != 0) {
		const struct cat_jurisdiction *want = catalog_jurisdiction(io->cat, jur);
		v->why_key = "new.country_other_jurisdiction";
		v->arg = catalog_country_name(io->cat, cc);
		v->arg2 = j->name;
		v->arg3 = want ? want->name : jur;
		return;
	}
	v->node = ynode_new_str(cc);
}

int qn_yesno(const struct qn_io *io, const char *s)
{
	char *a = qn_trimmed(s);
	int r = -1;
	static const char *const yes[] = { "y", "yes", "true", NULL };
	static const char *const no[] = { "n", "no", "false", NULL };
	for (const char *const *p = yes; *p; p++)
		if (strcasecmp(a, *p) == 0)
			r = 1;
	for (const char *const *p = no; *p; p++)
		if (strcasecmp(a, *p) == 0)
			r = 0;
	/* The question language's own words, e.g. "ja" / "nein". */
	const char *ly = io->loc ? locale_get(io->loc, "new.yes_word") : NULL;
	const char *ln = io->loc ? locale_get(io->loc, "new.no_word") : NULL;
	if (r < 0 && ly && (strcasecmp(a, ly) == 0 || (a[0] && !a[1] && strncasecmp(a, ly, 1) == 0)))
		r = 1;
	if (r < 0 && ln && (strcasecmp(a, ln) == 0 || (a[0] && !a[1] && strncasecmp(a, ln, 1) == 0)))
		r = 0;
	free(a);
	return r;
}

/* qn_check_single: a one-line answer (not multi-line, not empty). */
/* ---- several companies ------------------------------------------------ */

static int is_all(const char *s)
{
	char *t = qn_trimmed(s);
	int all = strcasecmp(t, "all") == 0;
	free(t);
	return all;
}

/* not_there: the answer names a catalogued company (by id or brand) that
 * the choices leave out: it has no entity for the jurisdiction. */
static int not_there(const struct qn_io *io, const char *s)
{
	char *t = qn_trimmed(s);
	int found = 0;
	for (size_t i = 0; i < catalog_ncontrollers(io->cat) && !found; i++) {
		const struct cat_controller *c = catalog_controller_at(io->cat, i);
		found = strcasecmp(c->id, t) == 0 || strcasecmp(c->name, t) == 0;
	}
	free(t);
	return found;
}

/* check_companies: "1,3,5", "linkedin, meta" or "all": a sequence of the
 * companies' ids (each once, in the order given); "all" is every company
 * offered (those with an entity for the jurisdiction). One company is
 * answered as one. */
static void check_companies(const struct qn_io *io, const struct choices *cs, const char *s,
			    struct verdict *v)
{
	struct ynode *seq = ynode_new_seq();
	if (is_all(s)) {
		for (size_t i = 0; i < cs->n; i++)
			if (strcmp(cs->v[i].code, "other") != 0)
				ynode_seq_add(seq, ynode_new_str(cs->v[i].code));
	} else {
		char *copy = xstrdup(s);
		for (char *save = NULL, *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
			char *t = qn_trimmed(tok);
			long i = *t ? choice_match(cs, t) : -2;
			if (i == -1 && not_there(io, t))
				v->why_text = "names a company that has no entity for your jurisdiction "
					      "in the catalogue: leave it out, or choose it alone as "
					      "'other' and give the entity's name and postal address";
			else if (i == -1)
				v->why_key = "new.invalid_choice";
			else if (i >= 0 && strcmp(cs->v[i].code, "other") == 0)
				v->why_text = "lists 'other' with other companies: 'other' (a company "
					      "not in the catalogue) goes alone";
			free(t);
			if (v->why_text || v->why_key)
				break;
			int dup = 0;
			for (size_t k = 0; i >= 0 && k < seq->n; k++)
				dup |= strcmp(seq->items[k]->str, cs->v[i].code) == 0;
			if (i >= 0 && !dup)
				ynode_seq_add(seq, ynode_new_str(cs->v[i].code));
		}
		free(copy);
	}
	if (!v->why_text && !v->why_key && seq->n == 0)
		v->why_key = "new.invalid_choice";
	if (v->why_text || v->why_key) {
		ynode_free(seq);
		return;
	}
	if (seq->n == 1) {
		v->node = ynode_new_str(seq->items[0]->str);
		ynode_free(seq);
		return;
	}
	v->node = seq;
}

/* check_several: "1,3", "journalist, health" (numbers, codes, labels or
 * unique prefixes, comma separated): a sequence of the codes, each once, in
 * the order offered. */
static void check_several(const struct choices *cs, const char *s, struct verdict *v)
{
	char *copy = xstrdup(s);
	unsigned char *chosen = xcalloc(cs->n ? cs->n : 1, 1);
	size_t n = 0;
	for (char *save = NULL, *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		char *t = qn_trimmed(tok);
		long i = *t ? choice_match(cs, t) : -2;
		free(t);
		if (i == -1) {
			v->why_key = "new.invalid_choice";
			break;
		}
		if (i >= 0 && !chosen[i]) {
			chosen[i] = 1;
			n++;
		}
	}
	free(copy);
	if (!v->why_key && n == 0)
		v->why_key = "new.invalid_choice";
	if (!v->why_key) {
		v->node = ynode_new_seq();
		for (size_t i = 0; i < cs->n; i++)
			if (chosen[i])
				ynode_seq_add(v->node, ynode_new_str(cs->v[i].code));
	}
	free(chosen);
}

void qn_check_single(const struct questionnaire *q, const struct question *qu,
			 const struct qn_io *io, const struct ynode *root, const char *s,
			 const struct choices *cs, struct verdict *v)
{
	switch (qu->type) {
	case Q_TEXT:
		qn_check_line(qu, s, v);
		if (!v->why_text && !v->why_key)
			v->node = ynode_new_str(s);
		break;
	case Q_EMAIL: {
		char *t = qn_trimmed(s);
		struct valid_problem p;
		qn_check_line(qu, t, v);
		if (!v->why_text && !v->why_key && valid_email(t, &p))
			v->why_key = "new.invalid_email";
		if (!v->why_text && !v->why_key)
			v->node = ynode_new_str(t);
		free(t);
		break;
	}
	case Q_YESNO: {
		int b = qn_yesno(io, s);
		if (b < 0)
			v->why_key = "new.invalid_yesno";
		else
			v->node = ynode_new_plain(b ? "true" : "false");
		break;
	}
	case Q_DATE: {
		char *t = qn_trimmed(s);
		struct date d;
		if (strcasecmp(t, "today") == 0) {
			date_today(&d);
		} else if (!valid_date(t, &d)) {
			v->why_key = "new.invalid_date";
			free(t);
			break;
		}
		char iso[11];
		date_iso(d, iso);
		v->node = ynode_new_plain(iso);
		free(t);
		break;
	}
	case Q_COUNTRY:
		check_country(q, io, root, s, v);
		break;
	case Q_CHOICE: {
		if (qu->several) {
			check_several(cs, s, v);
			break;
		}
		if (qu->src == SRC_CONTROLLERS && (strchr(s, ',') || is_all(s))) {
			check_companies(io, cs, s, v);
			break;
		}
		long i = choice_match(cs, s);
		if (i < 0 && qu->src == SRC_CONTROLLERS && not_there(io, s)) {
			v->why_text = "names a company that has no entity for your jurisdiction in "
				      "the catalogue: choose 'other' and give the entity its privacy "
				      "notice names for you (name and postal address)";
			break;
		}
		if (i < 0) {
			v->why_key = "new.invalid_choice";
			break;
		}
		if (strcmp(cs->v[i].code, "other") == 0 && qu->other)
			v->node = ynode_new_map();
		else
			v->node = ynode_new_str(cs->v[i].code);
		break;
	}
	case Q_MULTI:
		break;
	}
}
