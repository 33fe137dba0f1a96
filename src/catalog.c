/*
 * catalog.c: loading and checking the catalogues; see catalog.h.
 *
 * Four files under DATA_DIR/data: jurisdictions.yaml, authorities.yaml,
 * controllers.yaml, countries.yaml. Each is checked once at load time so
 * that the rest of the program can trust the fields it reads.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "catalog.h"
#include "xalloc.h"
#include "ydoc.h"

struct catalog {
	struct ydoc *jur, *auth, *ctl, *countries;
	const struct ynode *jurs, *auths, *ctls, *ccs;	/* the top-level collections */
};

struct check {
	const struct ydoc *doc;
	char *err;
};

/* need: the field key of entry, of type t, else an error at the entry. */
static const struct ynode *need(struct check *c, const struct ynode *entry, const char *key,
				enum ynode_type t)
{
	if (c->err)
		return NULL;
	const struct ynode *v = ynode_get(entry, key);
	if (!v) {
		c->err = ydoc_err(c->doc, entry, "missing field '%s'", key);
		return NULL;
	}
	if (v->type != t) {
		c->err = ydoc_err(c->doc, v, "'%s' must be %s", key, ynode_type_name(t));
		return NULL;
	}
	return v;
}

static const struct ynode *top_list(struct check *c, const char *key, enum ynode_type t)
{
	if (!c->doc->root || c->doc->root->type != YNODE_MAP) {
		c->err = ydoc_err(c->doc, c->doc->root, "expected a mapping with '%s'", key);
		return NULL;
	}
	return need(c, c->doc->root, key, t);
}

static int load_one(const char *dir, const char *name, struct ydoc **out, char **errstr)
{
	char *path = xasprintf("%s/data/%s", dir, name);
	int rc = ydoc_load_file(path, out, errstr);
	free(path);
	return rc == EX_NOINPUT ? EX_SOFTWARE : rc;	/* a missing catalogue is an installation problem */
}

static void check_entries(struct check *c, const struct ynode *list, const char *const *fields)
{
	for (size_t i = 0; i < list->n && !c->err; i++) {
		const struct ynode *e = list->items[i];
		if (e->type != YNODE_MAP) {
			c->err = ydoc_err(c->doc, e, "expected a mapping");
			return;
		}
		for (const char *const *f = fields; *f && !c->err; f++)
			need(c, e, *f, YNODE_SCALAR);
		need(c, e, "source", YNODE_SCALAR);
		const char *id = ynode_scalar(ynode_get(e, "id"));
		for (size_t j = 0; j < i && !c->err; j++)
			if (strcmp(id, ynode_scalar(ynode_get(list->items[j], "id"))) == 0)
				c->err = ydoc_err(c->doc, ynode_get(e, "id"), "duplicate id '%s'", id);
	}
}

static int check_catalog(struct catalog *cat, char **errstr)
{
	struct check c = { cat->countries, NULL };
	static const char *const jfields[] = { "id", "name", "law", "law_long", "basis", "paper",
					       "authority", NULL };
	static const char *const afields[] = { "id", "name", "web", NULL };
	static const char *const cfields[] = { "id", "name", NULL };

	cat->ccs = top_list(&c, "countries", YNODE_MAP);

	c.doc = cat->auth;
	cat->auths = top_list(&c, "authorities", YNODE_SEQ);
	if (!c.err)
		check_entries(&c, cat->auths, afields);
	for (size_t i = 0; !c.err && i < cat->auths->n; i++) {
		const struct ynode *cc = ynode_get(cat->auths->items[i], "country");
		if (cc && !catalog_country_name(cat, ynode_scalar(cc) ? ynode_scalar(cc) : ""))
			c.err = ydoc_err(c.doc, cc, "unknown country code");
	}

	c.doc = cat->jur;
	if (!c.err)
		cat->jurs = top_list(&c, "jurisdictions", YNODE_SEQ);
	if (!c.err)
		check_entries(&c, cat->jurs, jfields);
	for (size_t i = 0; !c.err && i < cat->jurs->n; i++) {
		const struct ynode *j = cat->jurs->items[i];
		const struct ynode *ccs = need(&c, j, "countries", YNODE_SEQ);
		const struct ynode *langs = need(&c, j, "languages", YNODE_SEQ);
		const struct ynode *dl = need(&c, j, "deadline", YNODE_MAP);
		if (c.err)
			break;
		for (size_t k = 0; k < ccs->n && !c.err; k++)
			if (!catalog_country_name(cat, ynode_scalar(ccs->items[k]) ? ynode_scalar(ccs->items[k]) : ""))
				c.err = ydoc_err(c.doc, ccs->items[k], "unknown country code");
		if (!c.err && langs->n == 0)
			c.err = ydoc_err(c.doc, langs, "no languages");
		const char *paper = ynode_scalar(ynode_get(j, "paper"));
		if (!c.err && strcmp(paper, "a4") != 0 && strcmp(paper, "letter") != 0)
			c.err = ydoc_err(c.doc, ynode_get(j, "paper"), "paper must be a4 or letter");
		const char *m = catalog_str(dl, "months"), *d = catalog_str(dl, "days");
		if (!c.err && !!m == !!d)
			c.err = ydoc_err(c.doc, dl, "deadline needs either 'months' or 'days'");
		if (!c.err && atoi(m ? m : d) <= 0)
			c.err = ydoc_err(c.doc, dl, "deadline must be a positive number");
		need(&c, dl, "basis", YNODE_SCALAR);
		need(&c, dl, "source", YNODE_SCALAR);
		const char *auth = ynode_scalar(ynode_get(j, "authority"));
		if (!c.err && !catalog_authority(cat, auth))
			c.err = ydoc_err(c.doc, ynode_get(j, "authority"), "unknown authority '%s'", auth);
	}

	c.doc = cat->ctl;
	if (!c.err)
		cat->ctls = top_list(&c, "controllers", YNODE_SEQ);
	if (!c.err)
		check_entries(&c, cat->ctls, cfields);
	for (size_t i = 0; !c.err && i < cat->ctls->n; i++) {
		const struct ynode *ents = need(&c, cat->ctls->items[i], "entities", YNODE_SEQ);
		for (size_t k = 0; ents && k < ents->n && !c.err; k++) {
			const struct ynode *e = ents->items[k];
			need(&c, e, "name", YNODE_SCALAR);
			need(&c, e, "source", YNODE_SCALAR);
			const struct ynode *addr = need(&c, e, "address", YNODE_SEQ);
			const struct ynode *js = need(&c, e, "jurisdictions", YNODE_SEQ);
			for (size_t x = 0; addr && x < addr->n && !c.err; x++)
				if (addr->items[x]->type != YNODE_SCALAR)
					c.err = ydoc_err(c.doc, addr->items[x], "an address line must be text");
			for (size_t x = 0; js && x < js->n && !c.err; x++) {
				const char *id = ynode_scalar(js->items[x]);
				if (!id || !catalog_jurisdiction(cat, id))
					c.err = ydoc_err(c.doc, js->items[x], "unknown jurisdiction");
			}
		}
	}
	if (c.err) {
		*errstr = c.err;
		return EX_DATAERR;
	}
	return 0;
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
		rc = load_one(data_dir, "controllers.yaml", &cat->ctl, errstr);
	if (!rc)
		rc = check_catalog(cat, errstr);
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
	ydoc_free(cat->ctl);
	ydoc_free(cat->countries);
	free(cat);
}

static const struct ynode *by_field(const struct ynode *list, const char *field, const char *value)
{
	for (size_t i = 0; list && i < list->n; i++) {
		const char *v = ynode_scalar(ynode_get(list->items[i], field));
		if (v && strcmp(v, value) == 0)
			return list->items[i];
	}
	return NULL;
}

size_t catalog_njurisdictions(const struct catalog *cat)
{
	return cat->jurs->n;
}

const struct ynode *catalog_jurisdiction_at(const struct catalog *cat, size_t i)
{
	return i < cat->jurs->n ? cat->jurs->items[i] : NULL;
}

const struct ynode *catalog_jurisdiction(const struct catalog *cat, const char *id)
{
	return by_field(cat->jurs, "id", id);
}

const struct ynode *catalog_jurisdiction_for_country(const struct catalog *cat, const char *cc)
{
	for (size_t i = 0; i < cat->jurs->n; i++) {
		const struct ynode *ccs = ynode_get(cat->jurs->items[i], "countries");
		for (size_t k = 0; k < ccs->n; k++)
			if (strcmp(ccs->items[k]->str, cc) == 0)
				return cat->jurs->items[i];
	}
	return NULL;
}

const char *catalog_country_name(const struct catalog *cat, const char *cc)
{
	return ynode_scalar(ynode_get(cat->ccs, cc));
}

const struct ynode *catalog_countries(const struct catalog *cat)
{
	return cat->ccs;
}

const struct ynode *catalog_authority(const struct catalog *cat, const char *id)
{
	return by_field(cat->auths, "id", id);
}

const struct ynode *catalog_authority_for_country(const struct catalog *cat, const char *cc)
{
	return by_field(cat->auths, "country", cc);
}

size_t catalog_ncontrollers(const struct catalog *cat)
{
	return cat->ctls->n;
}

const struct ynode *catalog_controller_at(const struct catalog *cat, size_t i)
{
	return i < cat->ctls->n ? cat->ctls->items[i] : NULL;
}

const struct ynode *catalog_controller(const struct catalog *cat, const char *id)
{
	return by_field(cat->ctls, "id", id);
}

const struct ynode *catalog_controller_entity(const struct ynode *controller, const char *jur)
{
	const struct ynode *ents = ynode_get(controller, "entities");
	for (size_t i = 0; ents && i < ents->n; i++) {
		const struct ynode *js = ynode_get(ents->items[i], "jurisdictions");
		for (size_t k = 0; js && k < js->n; k++)
			if (js->items[k]->type == YNODE_SCALAR && strcmp(js->items[k]->str, jur) == 0)
				return ents->items[i];
	}
	return NULL;
}

const char *catalog_str(const struct ynode *entry, const char *path)
{
	return ynode_scalar(ynode_get_path(entry, path));
}
