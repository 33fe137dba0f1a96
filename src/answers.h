/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * answers.h: the answers file (product.md, "The answers file"): loading and
 * validating it against the catalogue.
 *
 * Keys: jurisdiction (required), country (required for the EEA), region
 * (ISO 3166-2: a German Land, "DE-BE", or "CA-QC"), language, controller (an
 * id or a mapping {name, address, email, account, country}), requester
 * {name, address, email, account}, situations, reasons, scope, erase_trained, place,
 * date, and
 * the layout extras paper (a4|letter), envelope (left|right) and signature
 * (a PNG file). Unknown keys are errors, so a typo never drops a request.
 * Each value follows valid.h's rule for its kind of field (names, postal
 * address lines, account, place: lines; reasons: free text; e-mail
 * addresses, language tag, country code, date; situations: a list of the
 * codes in answers_situations, each at most once, unknown ones listed in
 * the error); a refused character is
 * reported at its own column when the value is written without quotes.
 *
 * The region: for a resident of Germany the Land, whose data protection
 * authority the letter names: `region:` when given, else the postcode of
 * the requester's address (a line starting with five digits) looked up in
 * data/de-postcodes.txt; a postcode in two Länder or not listed, without
 * `region:`, is an error naming the key. For Canada a region of
 * data/jurisdictions.yaml (Quebec): `region:`, else the first letter of
 * the postal code in the address; none is no error.
 *
 * A struct answers owns its ydoc; all its strings point into that document
 * and live until answers_free(). Status codes are sysexits values:
 * EX_NOINPUT (no such file), EX_DATAERR ("FILE:LINE:COL: message"),
 * EX_IOERR; *errstr is set only on failure.
 */
#ifndef OBJECTOR_ANSWERS_H
#define OBJECTOR_ANSWERS_H

#include "date.h"
#include "valid.h"

struct catalog;
struct ydoc;
struct ynode;

/* The limits are valid.h's, the rule for each kind of field. */
#define ANSWERS_MAX_FIELD VALID_MAX_LINE		/* bytes in a one-line field */
#define ANSWERS_MAX_TEXT  VALID_MAX_TEXT		/* bytes in reasons */
#define ANSWERS_MAX_LINES VALID_MAX_ADDRESS_LINES	/* postal address lines */

struct answers {
	struct ydoc *doc;
	const char *file;		/* the name used in messages */
	const char *jurisdiction;	/* a catalogue id */
	const char *country;		/* ISO alpha-2, upper case, or NULL */
	const char *region;		/* ISO 3166-2 ("DE-BE", "CA-QC"), given or from the
					 * postcode, or NULL */
	const char *postcode;		/* the postcode region came from, or NULL (given) */
	char postcode_buf[6];
	const char *language;		/* as given, or NULL: compose chooses */
	const char *controller_id;	/* a catalogue id, or NULL for an inline controller */
	const struct ynode *controller;	/* the inline mapping, or NULL */
	int controller_account;		/* inline: people object as account holders
					 * (controller.account, default true) */
	const char *controller_country;	/* inline: its main establishment (ISO alpha-2), or NULL */
	const char *name;
	const struct ynode *address;	/* a sequence of scalars, at least one */
	const char *email;
	const char *account;		/* or NULL */
	const char *reasons;		/* or NULL */
	unsigned situations;		/* bit i: answers_situations[i] was chosen */
	int erase_trained;		/* default 1 */
	const char *place;		/* or NULL */
	struct date date;		/* given, or today */
	int date_given;
	const char *paper;		/* or NULL: the jurisdiction's */
	const char *envelope;		/* or NULL: "left" */
	const char *signature;		/* or NULL */
};

/* The common situations a person may choose as grounds relating to their
 * particular situation (`situations:`; `objector new` offers them), in the
 * order the letter states them. Each has a label in every locale
 * (questions.situations.choices.CODE) and a sentence in every letter
 * language (templates/partials/situations.LANG.tmpl, situation.CODE). */
#define ANSWERS_NSITUATIONS 6
extern const char *const answers_situations[ANSWERS_NSITUATIONS];
/* answers_situation_index: the index of code in answers_situations, or -1. */
int answers_situation_index(const char *code);

int answers_load(const struct catalog *cat, const char *path, struct answers **out,
		 char **errstr);
/* answers_from_doc: validate a loaded document; takes ownership of doc
 * (freed on failure too). */
int answers_from_doc(const struct catalog *cat, struct ydoc *doc, struct answers **out,
		     char **errstr);
void answers_free(struct answers *a);
/* answers_region_needed: whether answers for a resident of country with
 * this requester address (a sequence of lines) need `region:` (Germany:
 * the postcode is missing, unknown or in two Länder). */
int answers_region_needed(const struct catalog *cat, const char *country,
			  const struct ynode *address);

#endif
