/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * plan.h: the submission plan: how to object to a company in a
 * jurisdiction, step by step, from the catalogue's channels in their order
 * (catalog.h: the setting that stops future use, the objection form with
 * what to choose and each field's value, the postal address, an e-mail
 * address only where the company publishes one), with the sources of each
 * step (title and the date it was checked) on request.
 *
 * Pure: everything is appended to a struct buf; nothing is printed, read
 * or allocated beyond the buffer and the strings a function says it
 * returns. Used by `list controllers` (text and YAML), the end of `new`
 * and `generate`, `send` when the company takes no e-mail, and the web
 * form step of submit.c. The text keeps to 80 columns (an address longer
 * than a line stands alone on its line). The wording is English, like the
 * program's other messages.
 */
#ifndef OBJECTOR_PLAN_H
#define OBJECTOR_PLAN_H

#include <stddef.h>

struct buf;
struct catalog;
struct cat_controller;
struct cat_entity;
struct cat_field;
struct letter;
struct ynode;

/* What fills a form's fields for one letter; a NULL member is described
 * ("your e-mail address") instead of given. */
struct plan_values {
	const char *name, *email, *account, *country;
	const char *short_text;
	const char *letter_file;	/* the letter (PDF) to upload or keep */
	const char *answers_file;	/* for the commands shown ("objector send FILE ...") */
};

enum {
	PLAN_SOURCES = 1,	/* each step's sources: title, checked date, address */
};

/* plan_values_of: the values a letter gives (pointers into l). */
void plan_values_of(const struct letter *l, struct plan_values *v);

/* plan_fit: text cut to at most limit characters (limit <= 0: as is), at
 * the last paragraph, else sentence, else word boundary that fits; caller
 * frees. */
char *plan_fit(const char *text, long limit);

/* plan_field_limit: the characters field f may hold: its limit, at most
 * LETTER_SHORT_MAX for the short text (0 for other values without one). */
long plan_field_limit(const struct cat_field *f);

/* plan_text: the plan for company c's entity e, numbered steps indented by
 * indent columns, with v's values (NULL: all described). */
void plan_text(const struct cat_controller *c, const struct cat_entity *e,
	       const struct plan_values *v, unsigned flags, int indent, struct buf *out);

/* plan_letter_text: the plan for a composed letter, headed "How to object
 * to BRAND (ENTITY):"; nothing for an inline controller (no catalogue
 * entry). */
void plan_letter_text(const struct letter *l, const struct plan_values *v, unsigned flags,
		      struct buf *out);

/* plan_webform: what `send --via webform` shows: the form's address, what
 * to choose, each field's value (the short text fitted to the field's
 * limit), and the full letter as the file to upload or keep (pdf_path, or
 * NULL). Without a catalogue form, the letter's form and its text. */
void plan_webform(const struct letter *l, const char *pdf_path, struct buf *out);

/* plan_catalog_yaml: every company with its entities and channels, keyed
 * as in data/controllers/ID.yaml (facts left out), as a built tree for
 * ydoc_emit; the caller frees it. */
struct ynode *plan_catalog_yaml(const struct catalog *cat);

#endif
