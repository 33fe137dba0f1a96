/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * catalog.h: the catalogues, typed: jurisdictions, supervisory authorities,
 * companies (controllers) with their entities and channels, and ISO country
 * codes.
 *
 * Files under the data directory: data/jurisdictions.yaml,
 * data/authorities.yaml, data/authorities-de.yaml (the German Land
 * authorities), data/de-postcodes.txt (postcode -> Land),
 * data/provisions.yaml (what letters cite, in force since when),
 * data/countries.yaml, and one file per company,
 * data/controllers/ID.yaml (layout in doc/HACKING.md, "A company"), read in file-name
 * order. catalog_load reads and checks them all once (the German two on
 * first use, see catalog_load_lands): required fields, the
 * type of every field, ids that refer to existing entries; in a company's
 * file also unknown keys, its own sources (every `sources:` reference names
 * a source of the same file, every source has a title, a URL and the date it
 * was checked) and channels that fit their kind. A problem is reported as
 * "FILE:LINE:COL: message" with EX_DATAERR; a missing file or directory is
 * an installation problem (EX_SOFTWARE). After that the program trusts the
 * structs below: every field not marked "optional" is set.
 *
 * Ownership: everything returned (structs, strings, nodes) belongs to the
 * catalogue and lives until catalog_free().
 */
#ifndef OBJECTOR_CATALOG_H
#define OBJECTOR_CATALOG_H

#include <stddef.h>

#include "date.h"

struct ynode;
struct catalog;

/* A list of strings (address lines, ids). */
struct cat_strs {
	const char *const *v;
	size_t n;
};

struct cat_authority {
	const char *id;			/* "ico", "dpc", "fdpic", ... */
	const char *name;
	const char *web;		/* "ico.org.uk" */
	const char *country;		/* optional: the EEA member state it serves (ISO alpha-2) */
	const char *land;		/* optional: the German Land it serves (ISO 3166-2,
					 * "DE-BE"; data/authorities-de.yaml) */
	const struct ynode *names;	/* optional: language tag -> its name in that
					 * language (a mapping of scalars) */
	struct cat_strs address;	/* possibly empty */
};

/* A region of a jurisdiction that changes a letter (data/jurisdictions.yaml,
 * `regions:`): Quebec in Canada. */
struct cat_region {
	const char *code;		/* ISO 3166-2, "CA-QC" */
	const char *name;
	struct cat_strs postcode_prefixes;	/* first letters of its postcodes */
	const struct cat_authority *authority;	/* optional: its own authority */
};

/* A provision a letter cites, with the day it came into force
 * (data/provisions.yaml). */
struct cat_provision {
	const char *id;			/* [a-z0-9_], a template names in_force.ID */
	const char *jurisdiction;	/* the jurisdiction whose letters cite it */
	const char *cites;		/* "section 164A DPA 2018" */
	struct date in_force;
	int always;			/* 1: every letter of the jurisdiction cites it (an
					 * earlier letter date is refused); 0: the letter
					 * cites it only from that day (older wording before) */
	struct cat_strs match;		/* text that shows a letter cites it (tests) */
	const struct ynode *node;	/* its entry, for messages */
};

struct cat_deadline {
	int months, days;		/* exactly one is > 0 */
	int statutory;			/* 1 when the law sets it, 0 when the letter asks for it */
	const char *basis;		/* "Article 12(3) GDPR" */
};

struct cat_jurisdiction {
	const char *id;			/* "uk", "eea", "ch", "ca", "hk" */
	const char *name, *law, *law_long, *basis;
	const char *paper;		/* "a4" or "letter" */
	const struct cat_authority *authority;
	int local_authority;		/* the member state's authority is the person's own */
	int particular_situation;	/* the objection rests on the person's particular
					 * situation (Art. 21(1)): warn without reasons */
	struct cat_deadline deadline;
	struct cat_strs countries;	/* ISO alpha-2 codes */
	struct cat_strs languages;	/* in order of preference */
	struct cat_strs lang_country, lang_by_country;	/* parallel: country -> language */
	const struct cat_region *regions;	/* optional */
	size_t nregions;
};

enum cat_channel_kind { CAT_SETTING, CAT_FORM, CAT_POST, CAT_EMAIL };

/* What goes into a form's field. */
enum cat_field_value {
	CAT_V_NAME, CAT_V_EMAIL, CAT_V_ACCOUNT, CAT_V_COUNTRY,	/* requester.* */
	CAT_V_SHORT_TEXT, CAT_V_LETTER, CAT_V_TEXT		/* short_text, letter, {text: ...} */
};

struct cat_field {
	const char *label;
	enum cat_field_value value;
	const char *text;		/* CAT_V_TEXT: the literal */
	long limit;			/* characters the field accepts, 0: unknown */
};

struct cat_channel {
	enum cat_channel_kind kind;
	const char *product;		/* optional: a product id of the company */
	const char *url;		/* setting, form: set; else optional */
	const char *path;		/* optional: the menu path of a setting */
	const char *choose;		/* optional: the option to pick in a form */
	const struct cat_field *fields;
	size_t nfields;
	struct cat_strs sources;	/* source ids of the company */
};

struct cat_entity {
	struct cat_strs jurisdictions;
	const char *name;
	const char *attn;		/* optional */
	struct cat_strs address;	/* 1..8 lines */
	const char *email;		/* optional: published for data-protection requests */
	const struct cat_authority *lead_authority;	/* optional */
	struct cat_strs sources;
	const struct cat_channel *channels;	/* in the order a person should follow them */
	size_t nchannels;
};

struct cat_source {
	const char *id, *title, *url;
	const char *published;		/* optional, YYYY-MM-DD */
	const char *checked;		/* YYYY-MM-DD */
	const char *copy;		/* optional: where the copy was read */
};

struct cat_product {
	const char *id, *name;
};

struct cat_controller {
	const char *id;			/* = the file name without .yaml */
	const char *name;		/* the brand */
	const char *what;		/* optional: what it does with the data */
	int account;			/* people object as account holders */
	const char *file;		/* the file it was read from */
	const struct ynode *facts;	/* optional: a mapping of scalars or lists of scalars */
	const struct cat_product *products;
	size_t nproducts;
	const struct cat_source *sources;
	size_t nsources;
	const struct cat_entity *entities;
	size_t nentities;
};

int catalog_load(const char *data_dir, struct catalog **out, char **errstr);
/* catalog_load_lands: read and check the German data (data/authorities-de.yaml,
 * data/de-postcodes.txt) now, with catalog_load's statuses. catalog_load
 * leaves them to their first use (most letters need neither): the
 * functions below that answer from them read them then, and end the program
 * with the error if they are broken; call this first to get the error
 * instead (list, the checks). 0 once they are read. */
int catalog_load_lands(const struct catalog *cat, char **errstr);
void catalog_free(struct catalog *cat);

/* The jurisdictions, in catalogue order (uk, eea, ch, ca, hk). */
size_t catalog_njurisdictions(const struct catalog *cat);
const struct cat_jurisdiction *catalog_jurisdiction_at(const struct catalog *cat, size_t i);
/* By id, or NULL. */
const struct cat_jurisdiction *catalog_jurisdiction(const struct catalog *cat, const char *id);
/* The jurisdiction whose law applies to a resident of country cc (ISO
 * alpha-2, upper case), or NULL (no jurisdiction of objector's covers it). */
const struct cat_jurisdiction *catalog_jurisdiction_for_country(const struct catalog *cat,
								 const char *cc);
/* cat_jurisdiction_language: the language the jurisdiction gives residents
 * of country cc (language_by_country), or NULL. */
const char *cat_jurisdiction_language(const struct cat_jurisdiction *j, const char *cc);
/* cat_jurisdiction_offers: whether lang is one of j's languages. */
int cat_jurisdiction_offers(const struct cat_jurisdiction *j, const char *lang);

/* Whether cc is an ISO 3166-1 alpha-2 code; its English name or NULL. */
const char *catalog_country_name(const struct catalog *cat, const char *cc);
/* The ISO 3166-1 alpha-2 codes: a mapping from code to English name. */
const struct ynode *catalog_countries(const struct catalog *cat);

/* The supervisory authority of a member state by country code, or NULL
 * (a jurisdiction's own is j->authority). */
const struct cat_authority *catalog_authority_for_country(const struct catalog *cat,
							  const char *cc);

/* catalog_authority_by_id: an authority of data/authorities.yaml or
 * data/authorities-de.yaml by id, or NULL. */
const struct cat_authority *catalog_authority_by_id(const struct catalog *cat, const char *id);
/* catalog_authority_for_land: the German Land authority for "DE-XX", or NULL. */
const struct cat_authority *catalog_authority_for_land(const struct catalog *cat,
						       const char *land);
/* The German Land authorities (data/authorities-de.yaml), in file order. */
size_t catalog_nlands(const struct catalog *cat);
const struct cat_authority *catalog_land_at(const struct catalog *cat, size_t i);
/* catalog_de_postcode: the Länder of a German postcode (five digits) from
 * data/de-postcodes.txt: 0 (unknown), 1 or 2; lands[] gets the ISO 3166-2
 * codes (the catalogue's strings). */
int catalog_de_postcode(const struct catalog *cat, const char *plz, const char *lands[2]);
/* cat_authority_name: its name in language lang (names:), else its name. */
const char *cat_authority_name(const struct cat_authority *a, const char *lang);
/* cat_jurisdiction_region: j's region with that ISO 3166-2 code, or NULL. */
const struct cat_region *cat_jurisdiction_region(const struct cat_jurisdiction *j,
						 const char *code);
/* The provisions letters cite (data/provisions.yaml), in file order. */
size_t catalog_nprovisions(const struct catalog *cat);
const struct cat_provision *catalog_provision_at(const struct catalog *cat, size_t i);

/* Companies, in file-name order, and by id (NULL if none). */
size_t catalog_ncontrollers(const struct catalog *cat);
const struct cat_controller *catalog_controller_at(const struct catalog *cat, size_t i);
const struct cat_controller *catalog_controller(const struct catalog *cat, const char *id);
/* cat_controller_entity: the entity that is the controller for people in
 * jurisdiction jur, or NULL (the company is not catalogued there). */
const struct cat_entity *cat_controller_entity(const struct cat_controller *c, const char *jur);
/* cat_entity_channel: the entity's first channel of that kind, or NULL. */
const struct cat_channel *cat_entity_channel(const struct cat_entity *e,
					     enum cat_channel_kind kind);
/* catalog_fact_keys: every key that some company's `facts:` holds, once
 * each, in the order first seen; a template may name any of them for every
 * company (those a company does not state are null). */
const struct cat_strs *catalog_fact_keys(const struct catalog *cat);

#endif
