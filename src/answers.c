/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * answers.c: loading and validating answers files; see answers.h.
 *
 * Each key has one checker, which applies valid.h's rule for the kind of
 * field; the first problem found is reported with the position of the
 * offending key or value (or character: see fail_value).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "i18n.h"
#include "answers.h"
#include "buf.h"
#include "catalog.h"
#include "diag.h"
#include "valid.h"
#include "xalloc.h"
#include "ydoc.h"

struct ctx {
	const struct catalog *cat;
	struct answers *a;
	const struct ydoc *doc;
	char *err;
};

#define FAIL(c, node, ...) ((c)->err ? 0 : ((c)->err = ydoc_err((c)->doc, (node), __VA_ARGS__), 0))

/* fail_value: "'WHAT' PROBLEM" at the value, or at the offending character
 * itself when the value is a plain scalar (its characters are its columns;
 * in a quoted one escapes would shift them, so the message names the
 * character's number instead). */
static void fail_value(struct ctx *c, const struct ynode *v, const char *what,
		       const struct valid_problem *p)
{
	if (c->err)
		return;
	char *why = valid_message(p);
	int col = v->col;
	if (p->chr && v->plain && v->line)
		col = v->col + (int)p->chr - 1;
	c->err = diag_at(c->doc->file, v->line, col, "%s %s", what, why);
	free(why);
}

/* text: a one-line scalar under key, or NULL (absent/null). */
static const char *text(struct ctx *c, const struct ynode *map, const char *key, int required,
			const char *what)
{
	const struct ynode *v = ynode_get(map, key);
	if (ynode_is_null(v)) {
		if (required)
			FAIL(c, ynode_key(map, key) ? ynode_key(map, key) : map,
			     _("missing required answer '%s' (%s)"), what, key);
		return NULL;
	}
	if (v->type != YNODE_SCALAR) {
		FAIL(c, v, _("'%s' must be a single value, not %s"), what, ynode_type_name(v->type));
		return NULL;
	}
	struct valid_problem p;
	if (valid_line(v->str, v->len, ANSWERS_MAX_FIELD, &p)) {
		char *w = xasprintf("'%s'", what);
		fail_value(c, v, w, &p);
		free(w);
		return NULL;
	}
	return v->str;
}

static const struct ynode *address(struct ctx *c, const struct ynode *map, const char *what,
				   int required)
{
	const struct ynode *v = ynode_get(map, "address");
	if (ynode_is_null(v)) {
		if (required)
			FAIL(c, map, _("missing required answer '%s.address' (a list of lines)"), what);
		return NULL;
	}
	if (v->type != YNODE_SEQ || v->n == 0) {
		FAIL(c, v, _("'%s.address' must be a list of lines, e.g. [Street 1, 12345 City, Country]"),
		     what);
		return NULL;
	}
	if (v->n > ANSWERS_MAX_LINES) {
		FAIL(c, v, _("'%s.address' has more than %d lines"), what, ANSWERS_MAX_LINES);
		return NULL;
	}
	for (size_t i = 0; i < v->n; i++) {
		const struct ynode *l = v->items[i];
		struct valid_problem p;
		if (l->type != YNODE_SCALAR) {
			FAIL(c, l, _("address line %zu must be text"), i + 1);
			return NULL;
		}
		if (valid_line(l->str, l->len, ANSWERS_MAX_FIELD, &p)) {
			char *w = xasprintf(_("address line %zu"), i + 1);
			fail_value(c, l, w, &p);
			free(w);
			return NULL;
		}
	}
	return v;
}

static void only_keys(struct ctx *c, const struct ynode *map, const char *what,
		      const char *const *keys)
{
	for (size_t i = 0; i < map->n && !c->err; i++) {
		const char *k = map->keys[i]->str;
		int known = 0;
		for (const char *const *p = keys; *p; p++)
			known |= strcmp(*p, k) == 0;
		if (!known) {
			char *list = NULL;
			for (const char *const *p = keys; *p; p++) {
				char *n = xasprintf("%s%s%s", list ? list : "", list ? ", " : "", *p);
				free(list);
				list = n;
			}
			FAIL(c, map->keys[i], _("unknown key '%s'%s%s (known: %s)"), k, what ? " in " : "",
			     what ? what : "", list);
			free(list);
		}
	}
}

static void check_jurisdiction(struct ctx *c, const struct ynode *root)
{
	struct answers *a = c->a;
	a->jurisdiction = text(c, root, "jurisdiction", 1, "jurisdiction");
	if (c->err)
		return;
	const struct cat_jurisdiction *j = catalog_jurisdiction(c->cat, a->jurisdiction);
	if (!j) {
		struct buf ids = BUF_INIT;
		for (size_t i = 0; i < catalog_njurisdictions(c->cat); i++)
			if (buf_printf(&ids, "%s%s", i ? ", " : "",
				       catalog_jurisdiction_at(c->cat, i)->id) < 0)
				xalloc_die();
		FAIL(c, ynode_get(root, "jurisdiction"), _("unknown jurisdiction '%s' (known: %s)"),
		     a->jurisdiction, ids.data);
		buf_free(&ids);
		return;
	}
	int eea = j->local_authority;
	a->country = text(c, root, "country", eea, "country of residence");
	if (c->err || !a->country)
		return;
	const struct ynode *cn = ynode_get(root, "country");
	if (!valid_country_code(a->country) || !catalog_country_name(c->cat, a->country)) {
		FAIL(c, cn, _("'%s' is not an ISO 3166-1 country code (two capital letters, e.g. DE, FR, GB)"),
		     a->country);
		return;
	}
	const struct cat_jurisdiction *cj = catalog_jurisdiction_for_country(c->cat, a->country);
	if (cj != j) {
		if (cj)
			FAIL(c, cn, _("a resident of %s (%s) writes under the jurisdiction '%s', not '%s'"),
			     catalog_country_name(c->cat, a->country), a->country,
			     cj->id, a->jurisdiction);
		else
			FAIL(c, cn, _("%s (%s) is not in the jurisdiction '%s'"),
			     catalog_country_name(c->cat, a->country), a->country, a->jurisdiction);
	}
}

/* known_controllers: "anthropic, automattic, ..." (caller frees). */
static char *known_controllers(const struct catalog *cat)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < catalog_ncontrollers(cat); i++)
		BUF_MUST(buf_printf(&b, "%s%s", i ? ", " : "", catalog_controller_at(cat, i)->id));
	return buf_detach(&b, NULL);
}

/* controller_jurisdictions: "uk, eea, ca": where a company is catalogued. */
static char *controller_jurisdictions(const struct cat_controller *ctl)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < ctl->nentities; i++)
		for (size_t k = 0; k < ctl->entities[i].jurisdictions.n; k++)
			BUF_MUST(buf_printf(&b, "%s%s", b.len ? ", " : "", ctl->entities[i].jurisdictions.v[k]));
	return buf_detach(&b, NULL);
}

static void check_controller(struct ctx *c, const struct ynode *root)
{
	struct answers *a = c->a;
	const struct ynode *v = ynode_get(root, "controller");
	if (ynode_is_null(v)) {
		FAIL(c, root, _("missing required answer 'controller' (e.g. linkedin, or a mapping with "
			      "name, address and email)"));
		return;
	}
	if (v->type == YNODE_SCALAR) {
		const struct cat_controller *ctl = catalog_controller(c->cat, v->str);
		if (!ctl) {
			char *known = known_controllers(c->cat);
			FAIL(c, v, _("unknown controller '%s': the catalogue knows %s ('objector list "
				   "controllers'); for another company give a mapping with name, "
				   "address and email"), v->str, known);
			free(known);
			return;
		}
		if (!cat_controller_entity(ctl, a->jurisdiction)) {
			char *where = controller_jurisdictions(ctl);
			FAIL(c, v, _("the catalogue has no controller entity of '%s' for the jurisdiction "
				   "'%s' (only for %s): give the entity its privacy notice names for "
				   "you as a mapping, controller: {name: ..., address: [...], email: ...}"),
			     v->str, a->jurisdiction, where);
			free(where);
			return;
		}
		a->controller_id = v->str;
		return;
	}
	if (v->type != YNODE_MAP) {
		FAIL(c, v, _("'controller' must be an id or a mapping"));
		return;
	}
	static const char *const keys[] = { "name", "address", "email", "account", "country", NULL };
	only_keys(c, v, "controller", keys);
	text(c, v, "name", 1, "controller.name");
	address(c, v, "controller", 1);
	const char *mail = text(c, v, "email", 0, "controller.email");
	struct valid_problem p;
	if (mail && valid_email(mail, &p))
		FAIL(c, ynode_get(v, "email"), _("'%s' is not an e-mail address"), mail);
	a->controller_account = 1;
	const struct ynode *acc = ynode_get(v, "account");
	if (!c->err && !ynode_is_null(acc)) {
		int b = ynode_bool(acc);
		if (b < 0)
			FAIL(c, acc, _("'controller.account' must be true (people have an account with it) "
				     "or false (a data broker, a scraper)"));
		a->controller_account = b;
	}
	const char *cc = text(c, v, "country", 0, "controller.country");
	if (cc && (!valid_country_code(cc) || !catalog_country_name(c->cat, cc)))
		FAIL(c, ynode_get(v, "country"), _("'controller.country' (its main establishment) must be "
			"an ISO 3166-1 country code, e.g. IE"));
	a->controller_country = cc;
	a->controller = v;
}

static void check_requester(struct ctx *c, const struct ynode *root)
{
	struct answers *a = c->a;
	const struct ynode *r = ynode_get(root, "requester");
	if (ynode_is_null(r)) {
		FAIL(c, root, _("missing required answer 'requester' (name, address, email)"));
		return;
	}
	if (r->type != YNODE_MAP) {
		FAIL(c, r, _("'requester' must be a mapping with name, address and email"));
		return;
	}
	static const char *const keys[] = { "name", "address", "email", "account", NULL };
	only_keys(c, r, "requester", keys);
	a->name = text(c, r, "name", 1, "requester.name");
	a->address = address(c, r, "requester", 1);
	a->email = text(c, r, "email", 1, "requester.email");
	struct valid_problem p;
	if (a->email && valid_email(a->email, &p))
		FAIL(c, ynode_get(r, "email"), _("'%s' is not an e-mail address (expected name@example.org)"),
		     a->email);
	a->account = text(c, r, "account", 0, "requester.account");
}

static void check_rest(struct ctx *c, const struct ynode *root)
{
	struct answers *a = c->a;
	const struct ynode *v;

	a->language = text(c, root, "language", 0, "language");
	if (a->language && !valid_language_tag(a->language))
		return (void)FAIL(c, ynode_get(root, "language"),
				  _("'%s' is not a language tag (e.g. en, de, fr-CA, zh-Hant)"), a->language);

	v = ynode_get(root, "reasons");
	if (!ynode_is_null(v)) {
		if (v->type != YNODE_SCALAR)
			return (void)FAIL(c, v, _("'reasons' must be text"));
		struct valid_problem vp;
		if (valid_text(v->str, v->len, ANSWERS_MAX_TEXT, &vp)) {
			if (vp.code == VALID_TOO_LONG)
				return (void)FAIL(c, v, _("'reasons' is longer than %d bytes"), ANSWERS_MAX_TEXT);
			return fail_value(c, v, "'reasons'", &vp);
		}
		const char *p = v->str;
		while (*p == ' ' || *p == '\n')
			p++;
		if (*p)
			a->reasons = v->str;
	}

	v = ynode_get(root, "situations");
	if (!ynode_is_null(v)) {
		if (v->type != YNODE_SEQ)
			return (void)FAIL(c, v, _("'situations' must be a list, e.g. [journalist, health]"));
		struct buf bad = BUF_INIT;
		size_t nbad = 0;
		for (size_t i = 0; i < v->n; i++) {
			const char *s = ynode_scalar(v->items[i]);
			int k = s ? answers_situation_index(s) : -1;
			if (k >= 0) {
				a->situations |= 1u << k;
				continue;
			}
			BUF_MUST(buf_printf(&bad, "%s'%s'", nbad++ ? ", " : "", s ? s : _("(not a code)")));
		}
		if (nbad) {
			struct buf known = BUF_INIT;
			for (size_t k = 0; k < ANSWERS_NSITUATIONS; k++)
				BUF_MUST(buf_printf(&known, "%s%s", k ? ", " : "", answers_situations[k]));
			FAIL(c, v, i18n_ngettext("unknown situation %s in 'situations' (known: %s)",
						 "unknown situations %s in 'situations' (known: %s)", nbad),
			     bad.data, known.data);
			buf_free(&known);
		}
		buf_free(&bad);
		if (nbad)
			return;
	}

	v = ynode_get(root, "scope");
	if (!ynode_is_null(v)) {
		if (v->type != YNODE_SEQ || v->n == 0)
			return (void)FAIL(c, v, _("'scope' must be a list, e.g. [ai_training]"));
		for (size_t i = 0; i < v->n; i++)
			if (!ynode_scalar(v->items[i]) || strcmp(v->items[i]->str, "ai_training") != 0)
				return (void)FAIL(c, v->items[i],
						  _("unknown scope (this version knows: ai_training)"));
	}

	a->erase_trained = 1;
	v = ynode_get(root, "erase_trained");
	if (!ynode_is_null(v)) {
		int b = ynode_bool(v);
		if (b < 0)
			return (void)FAIL(c, v, _("'erase_trained' must be true or false"));
		a->erase_trained = b;
	}

	a->place = text(c, root, "place", 0, "place");

	const char *d = text(c, root, "date", 0, "date");
	if (d) {
		if (!valid_date(d, &a->date))
			return (void)FAIL(c, ynode_get(root, "date"),
					  _("'%s' is not a date (expected YYYY-MM-DD)"), d);
		a->date_given = 1;
	} else {
		date_today(&a->date);
	}

	a->paper = text(c, root, "paper", 0, "paper");
	if (a->paper && strcmp(a->paper, "a4") != 0 && strcmp(a->paper, "letter") != 0)
		return (void)FAIL(c, ynode_get(root, "paper"), _("'paper' must be a4 or letter"));
	a->envelope = text(c, root, "envelope", 0, "envelope");
	if (a->envelope && strcmp(a->envelope, "left") != 0 && strcmp(a->envelope, "right") != 0)
		return (void)FAIL(c, ynode_get(root, "envelope"), _("'envelope' must be left or right"));
	a->signature = text(c, root, "signature", 0, "signature");
}

/* de_postcode: the last address line's leading five digits ("10115 Berlin",
 * "D-10115 Berlin"), copied to out; 0 when no line has them. */
static int de_postcode(const struct ynode *addr, char out[6])
{
	int found = 0;
	for (size_t i = 0; addr && i < addr->n; i++) {
		const char *l = addr->items[i]->str;
		if ((l[0] == 'D' || l[0] == 'd') && l[1] == '-')
			l += 2;
		if (strspn(l, "0123456789") == 5 && (l[5] == ' ' || l[5] == '\0')) {
			memcpy(out, l, 5);
			out[5] = '\0';
			found = 1;
		}
	}
	return found;
}

/* ca_postcode_letter: the first letter of the last Canadian postal code
 * ("A1A 1A1") in the address, or 0. */
static char ca_postcode_letter(const struct ynode *addr)
{
	char found = 0;
	for (size_t i = 0; addr && i < addr->n; i++) {
		const char *l = addr->items[i]->str;
		for (size_t k = 0; l[k]; k++) {
			const char *q = l + k;
#define UP(ch) ((ch) >= 'A' && (ch) <= 'Z')
#define DG(ch) ((ch) >= '0' && (ch) <= '9')
			if ((k == 0 || l[k - 1] == ' ') && UP(q[0]) && DG(q[1]) && UP(q[2])) {
				const char *r = q + 3 + (q[3] == ' ');
				if (DG(r[0]) && UP(r[1]) && DG(r[2]) && (r[3] == '\0' || r[3] == ' ' ||
									  r[3] == ','))
					found = q[0];
			}
#undef UP
#undef DG
		}
	}
	return found;
}

static void land_list(const struct catalog *cat, struct buf *b)
{
	for (size_t i = 0; i < catalog_nlands(cat); i++)
		BUF_MUST(buf_printf(b, "%s%s", i ? ", " : "", catalog_land_at(cat, i)->land));
}

int answers_region_needed(const struct catalog *cat, const char *country,
			  const struct ynode *address)
{
	if (!country || strcmp(country, "DE") != 0)
		return 0;
	char plz[6];
	const char *lands[2];
	if (!address || address->type != YNODE_SEQ)
		return 1;
	for (size_t i = 0; i < address->n; i++)
		if (!ynode_scalar(address->items[i]))
			return 1;
	return !de_postcode(address, plz) || catalog_de_postcode(cat, plz, lands) != 1;
}

/* check_region: the German Land or the Canadian region (answers.h). */
static void check_region(struct ctx *c, const struct ynode *root)
{
	struct answers *a = c->a;
	char *plz = a->postcode_buf;
	const struct ynode *rn = ynode_get(root, "region");
	a->region = text(c, root, "region", 0, "region");
	if (c->err)
		return;
	const struct cat_jurisdiction *j = catalog_jurisdiction(c->cat, a->jurisdiction);
	int de = a->country && strcmp(a->country, "DE") == 0;
	if (a->region) {
		if (de ? catalog_authority_for_land(c->cat, a->region) != NULL
		       : cat_jurisdiction_region(j, a->region) != NULL)
			return;
		struct buf known = BUF_INIT;
		if (de)
			land_list(c->cat, &known);
		for (size_t i = 0; !de && i < j->nregions; i++)
			BUF_MUST(buf_printf(&known, "%s%s", i ? ", " : "", j->regions[i].code));
		if (known.len)
			FAIL(c, rn, _("unknown region '%s' for %s (known: %s)"), a->region,
			     a->country ? a->country : a->jurisdiction, known.data);
		else
			FAIL(c, rn, _("'region' means nothing for the jurisdiction '%s' (it is for a German "
				    "Land, e.g. DE-BE, or CA-QC)"), a->jurisdiction);
		buf_free(&known);
		return;
	}
	if (de) {
		const char *lands[2];
		int has = de_postcode(a->address, plz);
		int n = has ? catalog_de_postcode(c->cat, plz, lands) : 0;
		if (n == 1) {
			a->region = lands[0];
			a->postcode = plz;
			return;
		}
		struct buf known = BUF_INIT;
		land_list(c->cat, &known);
		if (n == 2)
			FAIL(c, ynode_get(ynode_get(root, "requester"), "address"), _("the postcode %s lies in two German Länder "
			     "(%s, %s): say which is yours with 'region: %s' or 'region: %s' (the letter "
			     "names that Land's data protection authority)"), plz, lands[0], lands[1],
			     lands[0], lands[1]);
		else if (has)
			FAIL(c, ynode_get(ynode_get(root, "requester"), "address"), _("the postcode %s is not in data/de-postcodes.txt: "
			     "say which German Land you live in with 'region: DE-XX' (one of %s)"), plz,
			     known.data);
		else
			FAIL(c, ynode_get(ynode_get(root, "requester"), "address"), _("no German postcode (a line starting with five "
			     "digits) in the address: say which Land you live in with 'region: DE-XX' "
			     "(one of %s)"), known.data);
		buf_free(&known);
		return;
	}
	char first = j->nregions ? ca_postcode_letter(a->address) : 0;
	for (size_t i = 0; first && i < j->nregions; i++)
		for (size_t k = 0; k < j->regions[i].postcode_prefixes.n; k++)
			if (j->regions[i].postcode_prefixes.v[k][0] == first &&
			    !j->regions[i].postcode_prefixes.v[k][1]) {
				a->region = j->regions[i].code;
				return;
			}
}

const char *const answers_situations[ANSWERS_NSITUATIONS] = {
	"journalist", "health", "children", "creative", "public", "harassment",
};

int answers_situation_index(const char *code)
{
	for (int i = 0; i < ANSWERS_NSITUATIONS; i++)
		if (strcmp(answers_situations[i], code) == 0)
			return i;
	return -1;
}

int answers_from_doc(const struct catalog *cat, struct ydoc *doc, struct answers **out,
		     char **errstr)
{
	struct answers *a = xcalloc(1, sizeof *a);
	a->doc = doc;
	a->file = doc->file;
	struct ctx c = { cat, a, doc, NULL };
	const struct ynode *root = doc->root;

	if (!root || root->type != YNODE_MAP) {
		c.err = ydoc_err(doc, root, _("expected a mapping of answers (jurisdiction: ..., "
					    "controller: ..., requester: ...)"));
	} else {
		static const char *const keys[] = { "jurisdiction", "country", "region", "language",
						    "controller", "requester", "situations", "reasons", "scope",
						    "erase_trained", "place", "date", "paper",
						    "envelope", "signature", NULL };
		only_keys(&c, root, NULL, keys);
		if (!c.err)
			check_jurisdiction(&c, root);
		if (!c.err)
			check_controller(&c, root);
		if (!c.err)
			check_requester(&c, root);
		if (!c.err)
			check_region(&c, root);
		if (!c.err)
			check_rest(&c, root);
	}
	if (c.err) {
		*errstr = c.err;
		answers_free(a);
		return EX_DATAERR;
	}
	*out = a;
	return 0;
}

int answers_load(const struct catalog *cat, const char *path, struct answers **out,
		 char **errstr)
{
	struct ydoc *doc;
	int rc = ydoc_load_file(path, &doc, errstr);
	if (rc)
		return rc;
	return answers_from_doc(cat, doc, out, errstr);
}

void answers_free(struct answers *a)
{
	if (!a)
		return;
	ydoc_free(a->doc);
	free(a);
}
