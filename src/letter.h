/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * letter.h: a letter as one laid-out-agnostic structure.
 *
 * Answers + catalogue + locale + template -> struct letter (compose.h) ->
 * PDF (pdf.h), text (letter_text), e-mail body, and submit.h, which sends
 * it by the delivery the letter carries (`to`). Nothing downstream reads the
 * answers, the catalogue or the templates again. Every string is UTF-8, owned by the letter, and released
 * by letter_free(); no field is NULL unless it says "optional". Strings hold
 * no control characters other than '\n' inside paragraphs.
 */
#ifndef OBJECTOR_LETTER_H
#define OBJECTOR_LETTER_H

#include "date.h"
#include "strv.h"

struct buf;
struct cat_controller;
struct cat_entity;

/* The most characters a short text may hold (a form's field may allow fewer). */
#define LETTER_SHORT_MAX 1000

struct letter {
	char *lang;		/* BCP 47 tag of the text: "en", "de", "fr-CA", "zh-Hant" */
	char *jurisdiction;	/* "uk", "eea", "ch", "ca", "hk" */
	char *controller_id;	/* catalogue id, or "other" for an inline controller */
	char *paper;		/* "a4" or "letter" */
	char *envelope;		/* window: "left" (DIN 5008 / #10) or "right" (Swiss) */

	char *return_address;	/* one line shown above the window */
	struct strv sender;	/* name, postal address lines, e-mail, account (if any) */
	struct strv recipient;	/* controller name, "Attn:" line if any, address lines */
	char *place_date;	/* "Berlin, 29 November 2026" as the locale writes it */
	struct date date;	/* the letter's date */
	struct date due;	/* the date by which an answer is asked for */
	char *reference;	/* "OBJ-2026-XXXXXXXX": unique per letter, stable per answers */
	char *subject;		/* contains the reference */
	char *salutation;	/* "Dear Sir or Madam," */
	struct strv paragraphs;	/* body paragraphs; a paragraph may hold '\n' for hard breaks */
	char *closing;		/* "Yours faithfully," */
	char *signer;		/* the typed name under the signature */
	char *email;		/* the requester's e-mail address */
	char *signature_png;	/* optional: path of a signature image */
	char *account;		/* optional: the requester's account (profile URL, user name) */
	char *country;		/* optional: the requester's country (ISO alpha-2) */
	char *short_text;	/* optional: the objection in a few sentences, for a web form's
				 * field (templates/JUR/LANG.short.tmpl), at most LETTER_SHORT_MAX
				 * characters */

	/* Where it goes: resolved from the catalogue (or the answers' inline
	 * controller) when the letter was composed. */
	struct {
		char *name;	/* the controller's entity, as the journal names it */
		char *email;	/* optional: the address it publishes for this */
		char *form;	/* optional: its objection form (URL) */
		char *postal;	/* the recipient block on one line, ", "-separated */
		/* optional: the catalogue's company and entity (borrowed: the
		 * catalogue outlives the letter), whose channels are the
		 * submission plan (plan.h); NULL for an inline controller */
		const struct cat_controller *ctl;
		const struct cat_entity *ent;
	} to;

	/* What the writer should know before sending (a date far from today,
	 * no reasons given): printed by the commands as "warning: ...". */
	struct strv warnings;
	/* Words of the layout, from the locale. */
	char *label_reference;	/* "Reference" */
	char *label_date;	/* "Date" */
	char *label_colon;	/* between a label and its value in the text form: ": " */
	char *label_page;	/* "Page {page} of {pages}": pdf-layout.c substitutes the two */
};

void letter_free(struct letter *l);
/* letter_text: append the letter as plain UTF-8 text (the e-mail body and
 * `generate --format text`). */
void letter_text(const struct letter *l, struct buf *out);

#endif
