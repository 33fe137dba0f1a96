/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * catalog.c: loading and checking the catalogues into typed structs; see
 * catalog.h.
 *
 * The YAML documents stay loaded (the structs' strings point into them);
 * the arrays of the structs are allocated here and listed in cat->owned so
 * that catalog_free releases them in one place. Every check reports the
 * first problem with its position and stops.
 */
#include "config.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "i18n.h"
#include "catalog.h"
#include "date.h"
#include "diag.h"
#include "fileio.h"
#include "xalloc.h"
#include "ydoc.h"

struct plz {
	char code[6];
	const char *land[2];	/* the second may be NULL */
};

struct catalog {
	struct ydoc *jur, *auth, *countries, *auth_de, *prov;
	char *data_dir;
	int lands_loaded;		/* the two German files below, read on first use */
	struct cat_authority *lands;	/* data/authorities-de.yaml */
	size_t nlands;
	struct plz *plz;		/* data/de-postcodes.txt, in order */
	size_t nplz;
	struct cat_provision *provs;
	size_t nprovs;
	struct ydoc **ctl_docs;
	size_t nctl_docs;
	const struct ynode *ccs;	/* countries: code -> name */
	struct cat_jurisdiction *jurs;
	size_t njurs;
	struct cat_authority *auths;
	size_t nauths;
	struct cat_controller *ctls;
	size_t nctls;
	struct cat_strs fact_keys;
	void **owned;
	size_t nowned;
};

/* A check in progress: the document, the first error. */
struct check {
	struct catalog *cat;
	const struct ydoc *doc;
	char *err;
};

static const struct cat_authority *catalog_authority(const struct catalog *cat, const char *id);

/* (catalog_authority_for_land is public: catalog.h) */

static void *own(struct catalog *cat, size_t n, size_t size)
{
	void *p = xcalloc(n ? n : 1, size);
	cat->owned = xreallocarray(cat->owned, cat->nowned + 1, sizeof *cat->owned);
	cat->owned[cat->nowned++] = p;
	return p;
}

static int fail(struct check *c, const struct ynode *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int fail(struct check *c, const struct ynode *n, const char *fmt, ...)
{
	if (c->err)
		return -1;
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	c->err = ydoc_err(c->doc, n, "%s", msg);
	free(msg);
	return -1;
}

/* need: the field key of entry, of type t (else an error at the entry);
 * with optional, an absent or null field gives NULL without error. */
static const struct ynode *field(struct check *c, const struct ynode *entry, const char *key,
				 enum ynode_type t, int optional)
{
	if (c->err)
		return NULL;
	const struct ynode *v = ynode_get(entry, key);
	if (!v || (optional && ynode_is_null(v))) {
		if (!optional)
			fail(c, entry, _("missing field '%s'"), key);
		return NULL;
	}
	if (v->type != t) {
		fail(c, v, _("'%s' must be %s"), key, ynode_type_name(t));
		return NULL;
	}
	return v;
}

static const char *str(struct check *c, const struct ynode *entry, const char *key)
{
	return ynode_scalar(field(c, entry, key, YNODE_SCALAR, 0));
}

static const char *opt_str(struct check *c, const struct ynode *entry, const char *key)
{
	return ynode_scalar(field(c, entry, key, YNODE_SCALAR, 1));
}

/* mapping: n must be a mapping with only the keys listed (when keys is not
 * NULL). */
static int mapping(struct check *c, const struct ynode *n, const char *const *keys)
{
	if (c->err)
		return -1;
	if (!n || n->type != YNODE_MAP)
		return fail(c, n, _("expected a mapping"));
	for (size_t i = 0; keys && i < n->n; i++) {
		const char *const *k = keys;
		while (*k && strcmp(*k, n->keys[i]->str) != 0)
			k++;
		if (!*k)
			return fail(c, n->keys[i], _("unknown key '%s'"), n->keys[i]->str);
	}
	return 0;
}

/* strs: a list of scalars (min..max items) as a cat_strs. */
static struct cat_strs strs(struct check *c, const struct ynode *seq, size_t min, size_t max,
			    const char *what)
{
	struct cat_strs s = { NULL, 0 };
	if (c->err || !seq)
		return s;
	if (seq->n < min || seq->n > max) {
		fail(c, seq, seq->n < min ? "too few %s" : "too many %s", what);
		return s;
	}
	const char **v = own(c->cat, seq->n, sizeof *v);
	for (size_t i = 0; i < seq->n; i++) {
		v[i] = ynode_scalar(seq->items[i]);
		if (!v[i]) {
			fail(c, seq->items[i], _("expected text in %s"), what);
			return s;
		}
	}
	s.v = v;
	s.n = seq->n;
	return s;
}

static int load_doc(const char *path, struct ydoc **out, char **errstr)
{
	int rc = ydoc_load_file(path, out, errstr);
	return rc == EX_NOINPUT ? EX_SOFTWARE : rc;	/* a missing catalogue is an installation problem */
}

static int load_one(const char *dir, const char *name, struct ydoc **out, char **errstr)
{
	char *path = xasprintf("%s/data/%s", dir, name);
	int rc = load_doc(path, out, errstr);
	free(path);
	return rc;
}

/* top_list: the document's top-level key, a list of mappings. */
static const struct ynode *top_list(struct check *c, const char *key)
{
	if (!c->doc->root || c->doc->root->type != YNODE_MAP) {
		fail(c, c->doc->root, _("expected a mapping with '%s'"), key);
		return NULL;
	}
	const struct ynode *l = field(c, c->doc->root, key, YNODE_SEQ, 0);
	for (size_t i = 0; l && i < l->n; i++)
		mapping(c, l->items[i], NULL);
	return c->err ? NULL : l;
}

/* unique_id: the entry's id, which the entries before it do not have. */
static const char *unique_id(struct check *c, const struct ynode *list, size_t i)
{
	const char *id = str(c, list->items[i], "id");
	for (size_t k = 0; id && k < i; k++)
		if (strcmp(id, ynode_scalar(ynode_get(list->items[k], "id"))) == 0)
			fail(c, ynode_get(list->items[i], "id"), _("duplicate id '%s'"), id);
	return id;
}

/* names: an authority's optional `names:`, language tag -> name. */
static const struct ynode *names(struct check *c, const struct ynode *e)
{
	const struct ynode *m = field(c, e, "names", YNODE_MAP, 1);
	for (size_t i = 0; m && i < m->n && !c->err; i++)
		if (!ynode_scalar(m->items[i]))
			fail(c, m->items[i], _("expected the authority's name in '%s'"), m->keys[i]->str);
	return m;
}

static void load_authorities(struct check *c)
{
	struct catalog *cat = c->cat;
	const struct ynode *l = top_list(c, "authorities");
	if (!l)
		return;
	cat->auths = own(cat, l->n, sizeof *cat->auths);
	for (size_t i = 0; i < l->n && !c->err; i++) {
		const struct ynode *e = l->items[i];
		struct cat_authority *a = &cat->auths[i];
		a->id = unique_id(c, l, i);
		a->name = str(c, e, "name");
		a->web = str(c, e, "web");
		str(c, e, "source");
		a->country = opt_str(c, e, "country");
		a->names = names(c, e);
		a->address = strs(c, field(c, e, "address", YNODE_SEQ, 1), 0, 8, "address lines");
		if (a->country && !catalog_country_name(cat, a->country))
			fail(c, ynode_get(e, "country"), _("unknown country code"));
		cat->nauths = i + 1;
	}
}

static void load_deadline(struct check *c, const struct ynode *dl, struct cat_deadline *d)
{
	const char *m = opt_str(c, dl, "months"), *days = opt_str(c, dl, "days");
	if (!c->err && !!m == !!days)
		fail(c, dl, _("deadline needs either 'months' or 'days'"));
	d->months = m ? atoi(m) : 0;
	d->days = days ? atoi(days) : 0;
	if (!c->err && d->months + d->days <= 0)
		fail(c, dl, _("deadline must be a positive number"));
	d->statutory = ynode_bool(ynode_get(dl, "statutory")) == 1;
	d->basis = str(c, dl, "basis");
	str(c, dl, "source");
}

static void load_jurisdiction(struct check *c, const struct ynode *e, struct cat_jurisdiction *j)
{
	struct catalog *cat = c->cat;
	j->name = str(c, e, "name");
	j->law = str(c, e, "law");
	j->law_long = str(c, e, "law_long");
	j->basis = str(c, e, "basis");
	j->paper = str(c, e, "paper");
	str(c, e, "source");
	const char *auth = str(c, e, "authority");
	j->countries = strs(c, field(c, e, "countries", YNODE_SEQ, 0), 0, 1000, "countries");
	j->languages = strs(c, field(c, e, "languages", YNODE_SEQ, 0), 1, 100, "languages");
	const struct ynode *dl = field(c, e, "deadline", YNODE_MAP, 0);
	if (c->err)
		return;
	for (size_t k = 0; k < j->countries.n; k++)
		if (!catalog_country_name(cat, j->countries.v[k]))
			fail(c, ynode_get(e, "countries")->items[k], _("unknown country code"));
	if (!c->err && strcmp(j->paper, "a4") != 0 && strcmp(j->paper, "letter") != 0)
		fail(c, ynode_get(e, "paper"), _("paper must be a4 or letter"));
	load_deadline(c, dl, &j->deadline);
	j->authority = auth ? catalog_authority(cat, auth) : NULL;
	if (!c->err && !j->authority)
		fail(c, ynode_get(e, "authority"), _("unknown authority '%s'"), auth);
	j->local_authority = ynode_get(e, "local_authority") != NULL;
	j->particular_situation = ynode_bool(ynode_get(e, "particular_situation")) == 1;
	const struct ynode *bc = field(c, e, "language_by_country", YNODE_MAP, 1);
	if (bc && !c->err) {
		const char **cc = own(cat, bc->n, sizeof *cc), **lang = own(cat, bc->n, sizeof *lang);
		for (size_t k = 0; k < bc->n && !c->err; k++) {
			cc[k] = bc->keys[k]->str;
			lang[k] = ynode_scalar(bc->items[k]);
			if (!lang[k])
				fail(c, bc->items[k], _("expected a language tag"));
		}
		j->lang_country = (struct cat_strs){ cc, bc->n };
		j->lang_by_country = (struct cat_strs){ lang, bc->n };
	}
}

static void load_regions(struct check *c, const struct ynode *e, struct cat_jurisdiction *j)
{
	const struct ynode *l = field(c, e, "regions", YNODE_SEQ, 1);
	if (!l || c->err)
		return;
	struct cat_region *r = own(c->cat, l->n, sizeof *r);
	static const char *const keys[] = { "code", "name", "postcode_prefixes", "authority",
					     "source", NULL };
	for (size_t i = 0; i < l->n && !c->err; i++) {
		const struct ynode *x = l->items[i];
		if (mapping(c, x, keys))
			return;
		r[i].code = str(c, x, "code");
		r[i].name = str(c, x, "name");
		str(c, x, "source");
		r[i].postcode_prefixes = strs(c, field(c, x, "postcode_prefixes", YNODE_SEQ, 1), 0, 26,
					      "postcode prefixes");
		const char *auth = opt_str(c, x, "authority");
		r[i].authority = auth ? catalog_authority(c->cat, auth) : NULL;
		if (!c->err && auth && !r[i].authority)
			fail(c, ynode_get(x, "authority"), _("unknown authority '%s'"), auth);
	}
	j->regions = r;
	j->nregions = l->n;
}

static void load_jurisdictions(struct check *c)
{
	struct catalog *cat = c->cat;
	const struct ynode *l = top_list(c, "jurisdictions");
	if (!l)
		return;
	cat->jurs = own(cat, l->n, sizeof *cat->jurs);
	for (size_t i = 0; i < l->n && !c->err; i++) {
		cat->jurs[i].id = unique_id(c, l, i);
		load_jurisdiction(c, l->items[i], &cat->jurs[i]);
		load_regions(c, l->items[i], &cat->jurs[i]);
		cat->njurs = i + 1;
	}
}

/* ---- a company's file ---- */

/* refs: a `sources:` list, each naming a source of the company. */
static struct cat_strs refs(struct check *c, const struct cat_controller *ctl,
			    const struct ynode *e, int required)
{
	const struct ynode *seq = field(c, e, "sources", YNODE_SEQ, !required);
	struct cat_strs s = strs(c, seq, required, 100, "sources");
	for (size_t i = 0; i < s.n && !c->err; i++) {
		size_t k = 0;
		while (k < ctl->nsources && strcmp(ctl->sources[k].id, s.v[i]) != 0)
			k++;
		if (k == ctl->nsources)
			fail(c, seq->items[i], _("no source '%s' in this file (see 'sources:' at the top)"),
			     s.v[i]);
	}
	return s;
}

static const char *date_str(struct check *c, const struct ynode *e, const char *key, int optional)
{
	const char *s = optional ? opt_str(c, e, key) : str(c, e, key);
	struct date d;
	if (s && date_parse(s, &d) != 0)
		fail(c, ynode_get(e, key), _("'%s' must be a date YYYY-MM-DD"), key);
	return s;
}

static void load_sources(struct check *c, const struct ynode *seq, struct cat_controller *ctl)
{
	static const char *const keys[] = { "id", "title", "url", "published", "checked", "copy",
					     NULL };
	struct cat_source *v = own(c->cat, seq->n, sizeof *v);
	ctl->sources = v;
	for (size_t i = 0; i < seq->n && !mapping(c, seq->items[i], keys); i++) {
		const struct ynode *e = seq->items[i];
		v[i].id = unique_id(c, seq, i);
		v[i].title = str(c, e, "title");
		v[i].url = str(c, e, "url");
		v[i].published = date_str(c, e, "published", 1);
		v[i].checked = date_str(c, e, "checked", 0);
		v[i].copy = opt_str(c, e, "copy");
		ctl->nsources = i + 1;
	}
}

static void load_products(struct check *c, const struct ynode *seq, struct cat_controller *ctl)
{
	static const char *const keys[] = { "id", "name", NULL };
	struct cat_product *v = own(c->cat, seq ? seq->n : 0, sizeof *v);
	ctl->products = v;
	for (size_t i = 0; seq && i < seq->n && !mapping(c, seq->items[i], keys); i++) {
		v[i].id = unique_id(c, seq, i);
		v[i].name = str(c, seq->items[i], "name");
		ctl->nproducts = i + 1;
	}
}

static void load_facts(struct check *c, const struct ynode *facts)
{
	for (size_t i = 0; facts && i < facts->n && !c->err; i++) {
		const struct ynode *v = facts->items[i];
		for (size_t k = 0; v->type == YNODE_SEQ && k < v->n; k++)
			if (v->items[k]->type != YNODE_SCALAR)
				fail(c, v->items[k], _("a fact is text or a list of texts"));
		if (v->type == YNODE_MAP)
			fail(c, v, _("a fact is text or a list of texts"));
	}
}

static void load_field(struct check *c, const struct ynode *e, struct cat_field *f)
{
	static const char *const keys[] = { "label", "value", "limit", NULL };
	static const char *const names[] = { "requester.name", "requester.email",
					      "requester.account", "requester.country",
					      "short_text", "letter", NULL };
	if (mapping(c, e, keys))
		return;
	f->label = str(c, e, "label");
	const char *lim = opt_str(c, e, "limit");
	f->limit = lim ? atol(lim) : 0;
	if (lim && f->limit <= 0)
		fail(c, ynode_get(e, "limit"), _("'limit' must be a positive number"));
	const struct ynode *v = ynode_get(e, "value");
	if (!c->err && v && v->type == YNODE_MAP) {
		static const char *const tkeys[] = { "text", NULL };
		f->value = CAT_V_TEXT;
		if (!mapping(c, v, tkeys))
			f->text = str(c, v, "text");
		return;
	}
	const char *s = str(c, e, "value");
	int k = 0;
	while (s && names[k] && strcmp(names[k], s) != 0)
		k++;
	if (s && !names[k])
		fail(c, v, _("unknown value '%s' (requester.name, requester.email, requester.account, "
		     "requester.country, short_text, letter or {text: \"...\"})"), s);
	f->value = (enum cat_field_value)k;
}

static void load_channel(struct check *c, const struct cat_controller *ctl,
			 const struct cat_entity *ent, const struct ynode *e, struct cat_channel *ch)
{
	static const char *const keys[] = { "kind", "product", "url", "path", "choose", "fields",
					     "sources", NULL };
	static const char *const kinds[] = { "setting", "form", "post", "email", NULL };
	if (mapping(c, e, keys))
		return;
	const char *kind = str(c, e, "kind");
	int k = 0;
	while (kind && kinds[k] && strcmp(kinds[k], kind) != 0)
		k++;
	if (kind && !kinds[k])
		fail(c, ynode_get(e, "kind"), _("unknown channel kind '%s' (setting, form, post, email)"),
		     kind);
	ch->kind = (enum cat_channel_kind)k;
	ch->url = opt_str(c, e, "url");
	ch->path = opt_str(c, e, "path");
	ch->choose = opt_str(c, e, "choose");
	ch->product = opt_str(c, e, "product");
	if (!c->err && !ch->url && (ch->kind == CAT_SETTING || ch->kind == CAT_FORM))
		fail(c, e, _("a %s channel needs a 'url'"), kind);
	if (!c->err && ch->kind == CAT_EMAIL && !ent->email)
		fail(c, e, _("an email channel needs the entity's 'email'"));
	size_t p = 0;
	while (ch->product && p < ctl->nproducts && strcmp(ctl->products[p].id, ch->product) != 0)
		p++;
	if (!c->err && ch->product && p == ctl->nproducts)
		fail(c, ynode_get(e, "product"), _("no product '%s' in 'products:'"), ch->product);
	const struct ynode *fs = field(c, e, "fields", YNODE_SEQ, 1);
	struct cat_field *f = own(c->cat, fs ? fs->n : 0, sizeof *f);
	for (size_t i = 0; fs && i < fs->n && !c->err; i++)
		load_field(c, fs->items[i], &f[i]);
	ch->fields = f;
	ch->nfields = fs ? fs->n : 0;
	ch->sources = refs(c, ctl, e, 0);
}

/* taken: whether jurisdiction id is already in one of the first n entities. */
static int taken(const struct cat_controller *ctl, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < ctl->entities[i].jurisdictions.n; k++)
			if (strcmp(ctl->entities[i].jurisdictions.v[k], id) == 0)
				return 1;
	return 0;
}

static void load_entity(struct check *c, const struct cat_controller *ctl, size_t idx,
			const struct ynode *e, struct cat_entity *ent)
{
	static const char *const keys[] = { "jurisdictions", "name", "attn", "address", "email",
					     "lead_authority", "sources", "channels", NULL };
	if (mapping(c, e, keys))
		return;
	const struct ynode *js = field(c, e, "jurisdictions", YNODE_SEQ, 0);
	ent->jurisdictions = strs(c, js, 1, 100, "jurisdictions");
	for (size_t k = 0; k < ent->jurisdictions.n && !c->err; k++) {
		const char *id = ent->jurisdictions.v[k];
		if (!catalog_jurisdiction(c->cat, id))
			fail(c, js->items[k], _("unknown jurisdiction '%s'"), id);
		else if (taken(ctl, idx, id))
			fail(c, js->items[k], _("jurisdiction '%s' is already in an entity above"), id);
	}
	ent->name = str(c, e, "name");
	ent->attn = opt_str(c, e, "attn");
	ent->address = strs(c, field(c, e, "address", YNODE_SEQ, 0), 1, 8, "address lines");
	ent->email = opt_str(c, e, "email");
	const char *lead = opt_str(c, e, "lead_authority");
	ent->lead_authority = lead ? catalog_authority(c->cat, lead) : NULL;
	if (!c->err && lead && !ent->lead_authority)
		fail(c, ynode_get(e, "lead_authority"), _("unknown authority '%s'"), lead);
	ent->sources = refs(c, ctl, e, 1);
	const struct ynode *chs = field(c, e, "channels", YNODE_SEQ, 0);
	if (!c->err && chs->n == 0)
		fail(c, chs, _("no channels"));
	struct cat_channel *v = own(c->cat, chs ? chs->n : 0, sizeof *v);
	for (size_t i = 0; chs && i < chs->n && !c->err; i++)
		load_channel(c, ctl, ent, chs->items[i], &v[i]);
	ent->channels = v;
	ent->nchannels = chs ? chs->n : 0;
}

/* load_controller: one company's file; stem is the file name without .yaml. */
static void load_controller(struct check *c, const char *stem, struct cat_controller *ctl)
{
	static const char *const keys[] = { "id", "name", "account", "what", "products", "facts",
					     "sources", "entities", NULL };
	const struct ynode *root = c->doc->root;
	if (mapping(c, root, keys))
		return;
	ctl->file = c->doc->file;
	ctl->id = str(c, root, "id");
	if (ctl->id && strcmp(ctl->id, stem) != 0)
		fail(c, ynode_get(root, "id"), _("the id must be the file's name ('%s')"), stem);
	ctl->name = str(c, root, "name");
	ctl->what = opt_str(c, root, "what");
	const struct ynode *acc = ynode_get(root, "account");
	ctl->account = !acc || ynode_bool(acc) != 0;
	if (!c->err && acc && ynode_bool(acc) < 0)
		fail(c, acc, _("'account' must be true or false"));
	load_products(c, field(c, root, "products", YNODE_SEQ, 1), ctl);
	ctl->facts = field(c, root, "facts", YNODE_MAP, 1);
	load_facts(c, ctl->facts);
	const struct ynode *srcs = field(c, root, "sources", YNODE_SEQ, 0);
	if (!c->err && srcs->n == 0)
		fail(c, srcs, _("no sources"));
	if (!c->err)
		load_sources(c, srcs, ctl);
	const struct ynode *ents = field(c, root, "entities", YNODE_SEQ, 0);
	if (!c->err && ents->n == 0)
		fail(c, ents, _("no entities"));
	struct cat_entity *v = own(c->cat, ents ? ents->n : 0, sizeof *v);
	ctl->entities = v;
	for (size_t i = 0; ents && i < ents->n && !c->err; i++) {
		load_entity(c, ctl, i, ents->items[i], &v[i]);
		ctl->nentities = i + 1;
	}
}

static int id_ok(const char *s, size_t n)
{
	if (n == 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return 0;
	return 1;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* controller_files: the names of data/controllers/ID.yaml, sorted. */
static int controller_files(const char *dir, char ***names, size_t *n, char **errstr)
{
	DIR *d = opendir(dir);
	if (!d) {
		*errstr = xasprintf(_("%s: cannot open the directory"), dir);
		return EX_SOFTWARE;
	}
	struct dirent *de;
	*names = NULL;
	*n = 0;
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);
		if (len <= 5 || strcmp(de->d_name + len - 5, ".yaml") != 0 || de->d_name[0] == '.')
			continue;
		*names = xreallocarray(*names, *n + 1, sizeof **names);
		(*names)[(*n)++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (*n)
		qsort(*names, *n, sizeof **names, by_name);
	return 0;
}

static void add_fact_keys(struct catalog *cat, const struct ynode *facts)
{
	for (size_t i = 0; facts && i < facts->n; i++) {
		const char *k = facts->keys[i]->str;
		size_t j = 0;
		while (j < cat->fact_keys.n && strcmp(cat->fact_keys.v[j], k) != 0)
			j++;
		if (j < cat->fact_keys.n)
			continue;
		const char **v = own(cat, cat->fact_keys.n + 1, sizeof *v);
		if (cat->fact_keys.n)
			memcpy(v, cat->fact_keys.v, cat->fact_keys.n * sizeof *v);
		v[cat->fact_keys.n] = k;
		cat->fact_keys = (struct cat_strs){ v, cat->fact_keys.n + 1 };
	}
}

static int load_controllers(struct catalog *cat, const char *data_dir, char **errstr)
{
	char *dir = xasprintf("%s/data/controllers", data_dir);
	char **names = NULL;
	size_t n = 0;
	int rc = controller_files(dir, &names, &n, errstr);
	if (!rc) {
		cat->ctl_docs = xcalloc(n ? n : 1, sizeof *cat->ctl_docs);
		cat->ctls = own(cat, n, sizeof *cat->ctls);
	}
	for (size_t i = 0; !rc && i < n; i++) {
		char *path = xasprintf("%s/%s", dir, names[i]);
		rc = load_doc(path, &cat->ctl_docs[i], errstr);
		free(path);
		if (rc)
			break;
		cat->nctl_docs = i + 1;
		struct check c = { cat, cat->ctl_docs[i], NULL };
		size_t stem = strlen(names[i]) - 5;
		names[i][stem] = '\0';
		if (!id_ok(names[i], stem))
			c.err = ydoc_err(c.doc, NULL, _("a company's file is named ID.yaml, "
				"ID of a-z, 0-9 and '-'"));
		else
			load_controller(&c, names[i], &cat->ctls[i]);
		add_fact_keys(cat, cat->ctls[i].facts);
		cat->nctls = i + 1;
		if (c.err) {
			*errstr = c.err;
			rc = EX_DATAERR;
		}
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(dir);
	return rc;
}

/* ---- data/authorities-de.yaml: the German Land authorities ---- */

static void load_lands(struct check *c)
{
	struct catalog *cat = c->cat;
	const struct ynode *l = top_list(c, "authorities");
	if (!l)
		return;
	static const char *const keys[] = { "id", "land", "name", "name_en", "names", "address",
					     "address_alt", "web", "complaint", "competence", "not",
					     "status", "secondary", "name_as_source", "sources", NULL };
	static const char *const skeys[] = { "title", "url", "checked", "copy", NULL };
	cat->lands = own(cat, l->n, sizeof *cat->lands);
	for (size_t i = 0; i < l->n && !c->err; i++) {
		const struct ynode *e = l->items[i];
		struct cat_authority *a = &cat->lands[i];
		if (mapping(c, e, keys))
			return;
		a->id = unique_id(c, l, i);
		a->land = str(c, e, "land");
		a->name = str(c, e, "name");
		a->web = str(c, e, "web");
		a->country = "DE";
		a->names = names(c, e);
		str(c, e, "name_en");
		str(c, e, "status");
		const struct ynode *sec = field(c, e, "secondary", YNODE_SEQ, 1);
		struct cat_strs sv = strs(c, sec, 1, 3, "facts from a secondary source");
		for (size_t k = 0; k < sv.n && !c->err; k++)
			if (strcmp(sv.v[k], "address") && strcmp(sv.v[k], "form") && strcmp(sv.v[k], "email"))
				fail(c, sec->items[k], _("'secondary' lists address, form or email, not '%s'"),
				     sv.v[k]);
		a->address = strs(c, field(c, e, "address", YNODE_SEQ, 0), 1, 8, "address lines");
		if (!c->err && (strncmp(a->land, "DE-", 3) != 0 || strlen(a->land) != 5))
			fail(c, ynode_get(e, "land"), _("'land' must be an ISO 3166-2 code DE-XX"));
		for (size_t k = 0; k < i && !c->err; k++)
			if (strcmp(cat->lands[k].land, a->land) == 0)
				fail(c, ynode_get(e, "land"), _("a second authority for %s"), a->land);
		const struct ynode *src = field(c, e, "sources", YNODE_SEQ, 0);
		if (!c->err && src->n == 0)
			fail(c, src, _("every authority needs a source"));
		for (size_t k = 0; src && k < src->n && !c->err; k++) {
			if (mapping(c, src->items[k], skeys))
				return;
			str(c, src->items[k], "title");
			str(c, src->items[k], "url");
			date_str(c, src->items[k], "checked", 0);
		}
		cat->nlands = i + 1;
	}
}

/* ---- data/de-postcodes.txt: "PLZ LAND[,LAND]" per line ---- */

static int plz_cmp(const void *a, const void *b)
{
	return strcmp(((const struct plz *)a)->code, ((const struct plz *)b)->code);
}

/* find_land: the Land authority read so far for "DE-XX", or NULL. */
static const struct cat_authority *find_land(const struct catalog *cat, const char *land)
{
	for (size_t i = 0; i < cat->nlands; i++)
		if (strcmp(cat->lands[i].land, land) == 0)
			return &cat->lands[i];
	return NULL;
}

/* land_of: the Land's authority code, looked up once per run of lines in
 * the same Land (*last remembers the previous line's). */
static const char *land_of(const struct catalog *cat, const char *code, const struct cat_authority **last)
{
	if (!*last || strcmp((*last)->land, code) != 0)
		*last = find_land(cat, code);
	return *last ? (*last)->land : NULL;
}

/* load_postcodes: the file is kept in ascending order of postcode, each
 * once (checked here, line by line), so that it is searched as it is read:
 * sorting 8,000 lines took a tenth of a letter's time in every command. */
static int load_postcodes(struct catalog *cat, const char *data_dir, char **errstr)
{
	char *path = xasprintf("%s/data/de-postcodes.txt", data_dir), *text;
	size_t len;
	int rc = file_read(path, 4u << 20, &text, &len, errstr);
	if (rc) {
		free(path);
		return rc == EX_NOINPUT ? EX_SOFTWARE : rc;
	}
	size_t cap = 0;
	int line = 0;
	const struct cat_authority *last1 = NULL, *last2 = NULL;
	for (char *p = text, *eol; *p && !rc; p = eol ? eol + 1 : p + strlen(p)) {
		eol = strchr(p, '\n');
		if (eol)
			*eol = '\0';
		line++;
		if (*p == '#' || *p == '\0')
			continue;
		struct plz z = { "", { NULL, NULL } };
		size_t n = strspn(p, "0123456789");
		char *l1 = p + n + 1, *l2 = NULL;
		if (n == 5 && p[5] == ' ') {
			l2 = strchr(l1, ',');
			if (l2)
				*l2++ = '\0';
			z.land[0] = land_of(cat, l1, &last1);
			z.land[1] = l2 ? land_of(cat, l2, &last2) : NULL;
			memcpy(z.code, p, 5);
		}
		if (n != 5 || p[5] != ' ' || !z.land[0] || (l2 && !z.land[1])) {
			*errstr = diag_at(path, line, 1, _("expected 'PLZ DE-XX' or 'PLZ DE-XX,DE-YY' "
					  "(five digits, Länder of data/authorities-de.yaml)"));
			rc = EX_DATAERR;
			break;
		}
		if (cat->nplz && strcmp(cat->plz[cat->nplz - 1].code, z.code) >= 0) {
			*errstr = diag_at(path, line, 1, _("postcode %s after %s: the postcodes go in "
					  "ascending order, each once"), z.code, cat->plz[cat->nplz - 1].code);
			rc = EX_DATAERR;
			break;
		}
		if (cat->nplz == cap) {
			cap = cap ? cap * 2 : 8192;
			cat->plz = xreallocarray(cat->plz, cap, sizeof *cat->plz);
		}
		cat->plz[cat->nplz++] = z;
	}
	free(text);
	free(path);
	return rc;
}

/* ---- data/provisions.yaml: what letters cite, in force since when ---- */

static void load_provisions(struct check *c)
{
	struct catalog *cat = c->cat;
	const struct ynode *l = top_list(c, "provisions");
	if (!l)
		return;
	static const char *const keys[] = { "id", "jurisdiction", "cites", "in_force", "cited",
					     "match", "source", "note", NULL };
	cat->provs = own(cat, l->n, sizeof *cat->provs);
	for (size_t i = 0; i < l->n && !c->err; i++) {
		const struct ynode *e = l->items[i];
		struct cat_provision *p = &cat->provs[i];
		if (mapping(c, e, keys))
			return;
		p->node = e;
		p->id = unique_id(c, l, i);
		p->jurisdiction = str(c, e, "jurisdiction");
		p->cites = str(c, e, "cites");
		const char *d = date_str(c, e, "in_force", 0);
		const char *how = str(c, e, "cited");
		str(c, e, "source");
		p->match = strs(c, field(c, e, "match", YNODE_SEQ, 0), 1, 20, "match strings");
		if (c->err)
			return;
		date_parse(d, &p->in_force);
		if (p->id[strspn(p->id, "abcdefghijklmnopqrstuvwxyz0123456789_")])
			fail(c, ynode_get(e, "id"), _("a provision's id is of a-z, 0-9 and '_'"));
		if (!catalog_jurisdiction(cat, p->jurisdiction))
			fail(c, ynode_get(e, "jurisdiction"), _("unknown jurisdiction '%s'"), p->jurisdiction);
		if (strcmp(how, "always") != 0 && strcmp(how, "from") != 0)
			fail(c, ynode_get(e, "cited"), _("'cited' must be always or from"));
		p->always = strcmp(how, "always") == 0;
		cat->nprovs = i + 1;
	}
}

int catalog_load_lands(const struct catalog *ccat, char **errstr)
{
	/* The catalogue was allocated writable (catalog_load): filling in
	 * what is read on first use does not change what it answers. */
	struct catalog *cat = (struct catalog *)ccat;
	if (cat->lands_loaded)
		return 0;
	int rc = load_one(cat->data_dir, "authorities-de.yaml", &cat->auth_de, errstr);
	if (!rc) {
		struct check c = { cat, cat->auth_de, NULL };
		load_lands(&c);
		if (c.err) {
			*errstr = c.err;
			rc = EX_DATAERR;
		}
	}
	if (!rc)
		rc = load_postcodes(cat, cat->data_dir, errstr);
	if (rc) {	/* nothing half-read is kept: a second call reads again */
		ydoc_free(cat->auth_de);
		cat->auth_de = NULL;
		free(cat->plz);
		cat->plz = NULL;
		cat->nlands = cat->nplz = 0;
		return rc;
	}
	cat->lands_loaded = 1;
	return 0;
}

/* german: the German data, read now if it was not (an error in those files
 * is an installation problem found on first use: it ends the program with
 * its FILE:LINE:COL, as catalog_load's would have). */
static const struct catalog *german(const struct catalog *cat)
{
	char *err = NULL;
	int rc = catalog_load_lands(cat, &err);
	if (rc) {
		errmsg("%s", err);
		free(err);
		exit(rc);
	}
	return cat;
}

int catalog_load(const char *data_dir, struct catalog **out, char **errstr)
{
	struct catalog *cat = xcalloc(1, sizeof *cat);
	int rc = load_one(data_dir, "countries.yaml", &cat->countries, errstr);
	if (!rc)
		rc = load_one(data_dir, "authorities.yaml", &cat->auth, errstr);
	if (!rc)
		rc = load_one(data_dir, "jurisdictions.yaml", &cat->jur, errstr);
	if (!rc)
		rc = load_one(data_dir, "provisions.yaml", &cat->prov, errstr);
	cat->data_dir = xstrdup(data_dir);
	struct check c = { cat, cat->countries, NULL };
	if (!rc) {
		if (!cat->countries->root || cat->countries->root->type != YNODE_MAP)
			fail(&c, cat->countries->root, _("expected a mapping with 'countries'"));
		cat->ccs = field(&c, cat->countries->root, "countries", YNODE_MAP, 0);
		c.doc = cat->auth;
		load_authorities(&c);
		c.doc = cat->jur;
		load_jurisdictions(&c);
		c.doc = cat->prov;
		load_provisions(&c);
		if (c.err) {
			*errstr = c.err;
			rc = EX_DATAERR;
		}
	}
	if (!rc)
		rc = load_controllers(cat, data_dir, errstr);
	if (rc) {
		catalog_free(cat);
		return rc;
	}
	*out = cat;
	return 0;
}

void catalog_free(struct catalog *cat)
{
	if (!cat)
		return;
	ydoc_free(cat->jur);
	ydoc_free(cat->auth);
	ydoc_free(cat->countries);
	ydoc_free(cat->auth_de);
	ydoc_free(cat->prov);
	free(cat->plz);
	free(cat->data_dir);
	for (size_t i = 0; i < cat->nctl_docs; i++)
		ydoc_free(cat->ctl_docs[i]);
	free(cat->ctl_docs);
	for (size_t i = 0; i < cat->nowned; i++)
		free(cat->owned[i]);
	free(cat->owned);
	free(cat);
}

size_t catalog_njurisdictions(const struct catalog *cat)
{
	return cat->njurs;
}

const struct cat_jurisdiction *catalog_jurisdiction_at(const struct catalog *cat, size_t i)
{
	return i < cat->njurs ? &cat->jurs[i] : NULL;
}

const struct cat_jurisdiction *catalog_jurisdiction(const struct catalog *cat, const char *id)
{
	for (size_t i = 0; id && i < cat->njurs; i++)
		if (strcmp(cat->jurs[i].id, id) == 0)
			return &cat->jurs[i];
	return NULL;
}

static int has(const struct cat_strs *s, const char *x)
{
	for (size_t i = 0; x && i < s->n; i++)
		if (strcmp(s->v[i], x) == 0)
			return 1;
	return 0;
}

const struct cat_jurisdiction *catalog_jurisdiction_for_country(const struct catalog *cat,
								 const char *cc)
{
	for (size_t i = 0; i < cat->njurs; i++)
		if (has(&cat->jurs[i].countries, cc))
			return &cat->jurs[i];
	return NULL;
}

const char *cat_jurisdiction_language(const struct cat_jurisdiction *j, const char *cc)
{
	for (size_t i = 0; cc && i < j->lang_country.n; i++)
		if (strcmp(j->lang_country.v[i], cc) == 0)
			return j->lang_by_country.v[i];
	return NULL;
}

int cat_jurisdiction_offers(const struct cat_jurisdiction *j, const char *lang)
{
	return has(&j->languages, lang);
}

const char *catalog_country_name(const struct catalog *cat, const char *cc)
{
	return cc ? ynode_scalar(ynode_get(cat->ccs, cc)) : NULL;
}

const struct ynode *catalog_countries(const struct catalog *cat)
{
	return cat->ccs;
}

static const struct cat_authority *catalog_authority(const struct catalog *cat, const char *id)
{
	for (size_t i = 0; id && i < cat->nauths; i++)
		if (strcmp(cat->auths[i].id, id) == 0)
			return &cat->auths[i];
	if (!id)
		return NULL;
	german(cat);
	for (size_t i = 0; i < cat->nlands; i++)
		if (strcmp(cat->lands[i].id, id) == 0)
			return &cat->lands[i];
	return NULL;
}

const struct cat_authority *catalog_authority_by_id(const struct catalog *cat, const char *id)
{
	return catalog_authority(cat, id);
}

const struct cat_authority *catalog_authority_for_land(const struct catalog *cat,
						       const char *land)
{
	return land ? find_land(german(cat), land) : NULL;
}

size_t catalog_nlands(const struct catalog *cat)
{
	return german(cat)->nlands;
}

const struct cat_authority *catalog_land_at(const struct catalog *cat, size_t i)
{
	return i < german(cat)->nlands ? &cat->lands[i] : NULL;
}

int catalog_de_postcode(const struct catalog *cat, const char *plz, const char *lands[2])
{
	struct plz key = { "", { NULL, NULL } };
	lands[0] = lands[1] = NULL;
	if (!plz || strlen(plz) != 5)
		return 0;
	memcpy(key.code, plz, 5);
	german(cat);
	const struct plz *z = cat->nplz ? bsearch(&key, cat->plz, cat->nplz, sizeof *cat->plz,
						  plz_cmp) : NULL;
	if (!z)
		return 0;
	lands[0] = z->land[0];
	lands[1] = z->land[1];
	return z->land[1] ? 2 : 1;
}

const char *cat_authority_name(const struct cat_authority *a, const char *lang)
{
	const char *n = lang ? ynode_scalar(ynode_get(a->names, lang)) : NULL;
	return n ? n : a->name;
}

const struct cat_region *cat_jurisdiction_region(const struct cat_jurisdiction *j,
						 const char *code)
{
	for (size_t i = 0; code && i < j->nregions; i++)
		if (strcmp(j->regions[i].code, code) == 0)
			return &j->regions[i];
	return NULL;
}

size_t catalog_nprovisions(const struct catalog *cat)
{
	return cat->nprovs;
}

const struct cat_provision *catalog_provision_at(const struct catalog *cat, size_t i)
{
	return i < cat->nprovs ? &cat->provs[i] : NULL;
}

const struct cat_authority *catalog_authority_for_country(const struct catalog *cat,
							  const char *cc)
{
	for (size_t i = 0; cc && i < cat->nauths; i++)
		if (cat->auths[i].country && strcmp(cat->auths[i].country, cc) == 0)
			return &cat->auths[i];
	return NULL;
}

size_t catalog_ncontrollers(const struct catalog *cat)
{
	return cat->nctls;
}

const struct cat_controller *catalog_controller_at(const struct catalog *cat, size_t i)
{
	return i < cat->nctls ? &cat->ctls[i] : NULL;
}

const struct cat_controller *catalog_controller(const struct catalog *cat, const char *id)
{
	for (size_t i = 0; id && i < cat->nctls; i++)
		if (strcmp(cat->ctls[i].id, id) == 0)
			return &cat->ctls[i];
	return NULL;
}

const struct cat_entity *cat_controller_entity(const struct cat_controller *c, const char *jur)
{
	for (size_t i = 0; c && i < c->nentities; i++)
		if (has(&c->entities[i].jurisdictions, jur))
			return &c->entities[i];
	return NULL;
}

const struct cat_channel *cat_entity_channel(const struct cat_entity *e,
					     enum cat_channel_kind kind)
{
	for (size_t i = 0; e && i < e->nchannels; i++)
		if (e->channels[i].kind == kind)
			return &e->channels[i];
	return NULL;
}

const struct cat_strs *catalog_fact_keys(const struct catalog *cat)
{
	return &cat->fact_keys;
}
