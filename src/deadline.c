/* SPDX-License-Identifier: GPL-3.0-or-later */
/* deadline.c: due dates for answers; see deadline.h and data/deadlines.yaml. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "i18n.h"
#include "deadline.h"
#include "fileio.h"
#include "xalloc.h"
#include "ydoc.h"

struct deadline_rules {
	struct ydoc *doc;		/* the strings below point into it */
	struct deadline_rule *v;
	size_t n;
	struct date *hol;		/* all rules' holidays, each rule a run */
	int post_days[2];		/* post: working days to arrive, domestic and abroad */
};

struct check {
	const struct ydoc *doc;
	char *err;
};

/* only: every key of map is one of keys, else an error at the first other. */
static void only(struct check *c, const struct ynode *map, const char *const *keys)
{
	for (size_t i = 0; !c->err && i < map->n; i++) {
		const char *k = map->keys[i]->str;
		const char *const *p = keys;
		while (*p && strcmp(*p, k) != 0)
			p++;
		if (!*p)
			c->err = ydoc_err(c->doc, map->keys[i], _("unknown key '%s'"), k);
	}
}

static const struct ynode *need(struct check *c, const struct ynode *map, const char *key,
				enum ynode_type t)
{
	if (c->err)
		return NULL;
	const struct ynode *v = ynode_get(map, key);
	if (!v)
		c->err = ydoc_err(c->doc, map, _("missing field '%s'"), key);
	else if (v->type != t)
		c->err = ydoc_err(c->doc, v, _("'%s' must be %s"), key, ynode_type_name(t));
	return c->err ? NULL : v;
}

/* positive: a scalar holding 1..600, else an error. */
static int positive(struct check *c, const struct ynode *v)
{
	const char *s = ynode_scalar(v);
	char *end = NULL;
	long n = s ? strtol(s, &end, 10) : 0;
	if (!c->err && (!s || !*s || *end || n < 1 || n > 600))
		c->err = ydoc_err(c->doc, v, _("expected a whole number from 1 to 600"));
	return (int)n;
}

static int bool_field(struct check *c, const struct ynode *map, const char *key)
{
	const struct ynode *v = need(c, map, key, YNODE_SCALAR);
	int b = ynode_bool(v);
	if (!c->err && b < 0)
		c->err = ydoc_err(c->doc, v, _("'%s' must be true or false"), key);
	return b > 0;
}

static int cmp_date(const void *a, const void *b)
{
	return date_cmp(*(const struct date *)a, *(const struct date *)b);
}

static void check_sources(struct check *c, const struct ynode *srcs, const struct ynode *used)
{
	for (size_t i = 0; !c->err && i < used->n; i++) {
		const char *id = ynode_scalar(used->items[i]);
		size_t k = 0;
		while (id && k < srcs->n && strcmp(id, ynode_scalar(ynode_get(srcs->items[k], "id"))) != 0)
			k++;
		if (!id || k == srcs->n)
			c->err = ydoc_err(c->doc, used->items[i], _("unknown source '%s'"), id ? id : "");
	}
}

static void check_source_list(struct check *c, const struct ynode *srcs)
{
	static const char *const keys[] = { "id", "title", "url", "confidence", "checked", "note", NULL };
	for (size_t i = 0; !c->err && i < srcs->n; i++) {
		const struct ynode *s = srcs->items[i];
		if (s->type != YNODE_MAP) {
			c->err = ydoc_err(c->doc, s, _("expected a mapping"));
			return;
		}
		only(c, s, keys);
		const char *id = ynode_scalar(need(c, s, "id", YNODE_SCALAR));
		need(c, s, "title", YNODE_SCALAR);
		need(c, s, "url", YNODE_SCALAR);
		const struct ynode *conf = need(c, s, "confidence", YNODE_SCALAR);
		if (!c->err && strcmp(conf->str, "A") != 0 && strcmp(conf->str, "S") != 0)
			c->err = ydoc_err(c->doc, conf, _("confidence must be A or S"));
		const struct ynode *chk = need(c, s, "checked", YNODE_SCALAR);
		struct date d;
		if (!c->err && date_parse(chk->str, &d) != 0)
			c->err = ydoc_err(c->doc, chk, _("expected a date YYYY-MM-DD"));
		for (size_t k = 0; !c->err && k < i; k++)
			if (strcmp(id, ynode_scalar(ynode_get(srcs->items[k], "id"))) == 0)
				c->err = ydoc_err(c->doc, ynode_get(s, "id"), _("duplicate source id '%s'"), id);
	}
}

static void parse_rule(struct check *c, const struct ynode *e, struct deadline_rule *r,
		       struct date *hol, size_t *nhol)
{
	static const char *const keys[] = { "jurisdiction", "period", "statutory", "basis",
					    "extension", "end_rule", "end_rule_basis", "holidays",
					    "sources", NULL };
	if (e->type != YNODE_MAP) {
		c->err = ydoc_err(c->doc, e, _("expected a mapping"));
		return;
	}
	only(c, e, keys);
	r->jurisdiction = ynode_scalar(need(c, e, "jurisdiction", YNODE_SCALAR));
	const struct ynode *p = need(c, e, "period", YNODE_MAP);
	if (p) {
		static const char *const pkeys[] = { "months", "days", NULL };
		only(c, p, pkeys);
		const struct ynode *m = ynode_get(p, "months"), *d = ynode_get(p, "days");
		if (!c->err && !!m == !!d)
			c->err = ydoc_err(c->doc, p, _("a period needs either 'months' or 'days'"));
		if (m)
			r->months = positive(c, m);
		if (d)
			r->days = positive(c, d);
	}
	r->statutory = bool_field(c, e, "statutory");
	r->basis = ynode_scalar(need(c, e, "basis", YNODE_SCALAR));
	const struct ynode *x = ynode_get(e, "extension");
	if (x && !c->err) {
		static const char *const xkeys[] = { "months", "basis", NULL };
		if (x->type != YNODE_MAP) {
			c->err = ydoc_err(c->doc, x, _("'extension' must be a mapping"));
			return;
		}
		only(c, x, xkeys);
		r->ext_months = positive(c, need(c, x, "months", YNODE_SCALAR));
		r->ext_basis = ynode_scalar(need(c, x, "basis", YNODE_SCALAR));
		if (!c->err && r->months == 0)
			c->err = ydoc_err(c->doc, x, _("an extension needs a period in months"));
	}
	const struct ynode *end = need(c, e, "end_rule", YNODE_SCALAR);
	if (!c->err && strcmp(end->str, "next-working-day") == 0) {
		r->end = DEADLINE_END_NEXT_WORKING_DAY;
		r->end_basis = ynode_scalar(need(c, e, "end_rule_basis", YNODE_SCALAR));
	} else if (!c->err && strcmp(end->str, "none") == 0) {
		r->end = DEADLINE_END_NONE;
		if (ynode_get(e, "end_rule_basis"))
			c->err = ydoc_err(c->doc, ynode_get(e, "end_rule_basis"),
					  _("'end_rule_basis' without an end rule"));
	} else if (!c->err) {
		c->err = ydoc_err(c->doc, end, _("end_rule must be next-working-day or none"));
	}
	const struct ynode *h = need(c, e, "holidays", YNODE_SEQ);
	r->holidays = hol + *nhol;
	for (size_t i = 0; !c->err && i < h->n; i++) {
		const char *s = ynode_scalar(h->items[i]);
		if (!s || date_parse(s, &hol[*nhol]) != 0)
			c->err = ydoc_err(c->doc, h->items[i], _("expected a date YYYY-MM-DD"));
		else
			(*nhol)++, r->nholidays++;
	}
	if (!c->err && r->nholidays)
		qsort(hol + (*nhol - r->nholidays), r->nholidays, sizeof *hol, cmp_date);
	const struct ynode *s = need(c, e, "sources", YNODE_SEQ);
	if (!c->err && s->n == 0)
		c->err = ydoc_err(c->doc, s, _("no sources"));
}

int deadline_rules_parse(const char *name, const char *text, size_t len,
			 struct deadline_rules **out, char **errstr)
{
	struct ydoc *doc;
	int rc = ydoc_load_mem(name, text, len, &doc, errstr);
	if (rc)
		return rc;
	struct check c = { doc, NULL };
	const struct ynode *root = doc->root;
	if (!root || root->type != YNODE_MAP) {
		*errstr = ydoc_err(doc, root, _("expected a mapping with 'rules' and 'sources'"));
		ydoc_free(doc);
		return EX_DATAERR;
	}
	static const char *const keys[] = { "rules", "sources", "post", NULL };
	only(&c, root, keys);
	int post_days[2] = { 0, 0 };
	const struct ynode *post = ynode_get(root, "post");
	if (!c.err && post) {
		static const char *const pkeys[] = { "domestic_days", "abroad_days", "basis", NULL };
		if (post->type != YNODE_MAP)
			c.err = ydoc_err(doc, post, _("'post' must be a mapping"));
		else
			only(&c, post, pkeys);
		for (int k = 0; k < 2 && !c.err; k++) {
			const char *key = k ? "abroad_days" : "domestic_days";
			const char *v = ynode_scalar(ynode_get(post, key));
			char *end;
			long n = v ? strtol(v, &end, 10) : -1;
			if (!v || *end || n < 0 || n > 30)
				c.err = ydoc_err(doc, ynode_get(post, key) ? ynode_get(post, key) : post,
						 _("'post.%s' must be a number of working days (0..30)"), key);
			post_days[k] = (int)n;
		}
	}
	const struct ynode *rules = need(&c, root, "rules", YNODE_SEQ);
	const struct ynode *srcs = need(&c, root, "sources", YNODE_SEQ);
	if (!c.err)
		check_source_list(&c, srcs);

	struct deadline_rules *r = xcalloc(1, sizeof *r);
	r->doc = doc;
	r->post_days[0] = post_days[0];
	r->post_days[1] = post_days[1];
	size_t nhol = 0;
	for (size_t i = 0; rules && i < rules->n; i++) {
		const struct ynode *h = ynode_get(rules->items[i], "holidays");
		nhol += h && h->type == YNODE_SEQ ? h->n : 0;
	}
	r->hol = xcalloc(nhol + 1, sizeof *r->hol);
	r->v = xcalloc(rules ? rules->n + 1 : 1, sizeof *r->v);
	nhol = 0;
	for (size_t i = 0; !c.err && i < rules->n; i++) {
		struct deadline_rule *x = &r->v[r->n];
		parse_rule(&c, rules->items[i], x, r->hol, &nhol);
		if (!c.err)
			check_sources(&c, srcs, ynode_get(rules->items[i], "sources"));
		if (!c.err && deadline_rule_for(r, x->jurisdiction))
			c.err = ydoc_err(doc, ynode_get(rules->items[i], "jurisdiction"),
					 _("a second rule for '%s'"), x->jurisdiction);
		r->n++;
	}
	if (c.err) {
		*errstr = c.err;
		deadline_rules_free(r);
		return EX_DATAERR;
	}
	*out = r;
	return 0;
}

struct date deadline_post_arrival(const struct deadline_rules *r, struct date sent, int abroad)
{
	struct date d = sent;
	for (int n = r->post_days[!!abroad]; n > 0; ) {
		d = date_add_days(d, 1);
		int wd = date_weekday(d);
		if (wd < 6)
			n--;
	}
	return d;
}

int deadline_rules_load(const char *data_dir, struct deadline_rules **out, char **errstr)
{
	char *path = xasprintf("%s/data/deadlines.yaml", data_dir);
	char *text;
	size_t len;
	int rc = file_read(path, YDOC_MAX_FILE, &text, &len, errstr);
	if (rc == 0) {
		rc = deadline_rules_parse(path, text, len, out, errstr);
		free(text);
	} else if (rc == EX_NOINPUT) {
		rc = EX_SOFTWARE;	/* a missing data file is an installation problem */
	}
	free(path);
	return rc;
}

void deadline_rules_free(struct deadline_rules *r)
{
	if (!r)
		return;
	ydoc_free(r->doc);
	free(r->v);
	free(r->hol);
	free(r);
}

const struct deadline_rule *deadline_rule_for(const struct deadline_rules *r, const char *jur)
{
	for (size_t i = 0; jur && i < r->n; i++)
		if (r->v[i].jurisdiction && strcmp(r->v[i].jurisdiction, jur) == 0)
			return &r->v[i];
	return NULL;
}

int deadline_is_working_day(const struct deadline_rule *r, struct date d)
{
	if (date_weekday(d) >= 6)
		return 0;
	return !(r->nholidays &&
		 bsearch(&d, r->holidays, r->nholidays, sizeof d, cmp_date));
}

int deadline_can_extend(const struct deadline_rule *r)
{
	return r->ext_months > 0;
}

struct date deadline_due(const struct deadline_rule *r, struct date receipt, int extended)
{
	struct date d;
	if (r->months)
		d = date_add_months(receipt, r->months + (extended ? r->ext_months : 0));
	else
		d = date_add_days(receipt, r->days);
	if (r->end == DEADLINE_END_NEXT_WORKING_DAY)
		for (int i = 0; i < 366 && !deadline_is_working_day(r, d); i++)
			d = date_add_days(d, 1);
	return d;
}
