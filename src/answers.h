/*
 * answers.h: the answers file (product.md, "The answers file"): loading and
 * validating it against the catalogue.
 *
 * Keys: jurisdiction (required), country (required for the EEA), language,
 * controller (an id or a mapping {name, address, email}), requester {name,
 * address, email, account}, reasons, scope, erase_trained, place, date, and
 * the layout extras paper (a4|letter), envelope (left|right) and signature
 * (a PNG file). Unknown keys are errors, so a typo never drops a request.
 *
 * A struct answers owns its ydoc; all its strings point into that document
 * and live until answers_free(). Status codes are sysexits values:
 * EX_NOINPUT (no such file), EX_DATAERR ("FILE:LINE:COL: message"),
 * EX_IOERR; *errstr is set only on failure.
 */
#ifndef OBJECTOR_ANSWERS_H
#define OBJECTOR_ANSWERS_H

#include "date.h"

struct catalog;
struct ydoc;
struct ynode;

#define ANSWERS_MAX_FIELD 200		/* bytes in a one-line field */
#define ANSWERS_MAX_TEXT  20000		/* bytes in reasons */
#define ANSWERS_MAX_LINES 8		/* postal address lines */

struct answers {
	struct ydoc *doc;
	const char *file;		/* the name used in messages */
	const char *jurisdiction;	/* a catalogue id */
	const char *country;		/* ISO alpha-2, upper case, or NULL */
	const char *language;		/* as given, or NULL: compose chooses */
	const char *controller_id;	/* a catalogue id, or NULL for an inline controller */
	const struct ynode *controller;	/* the inline mapping, or NULL */
	const char *name;
	const struct ynode *address;	/* a sequence of scalars, at least one */
	const char *email;
	const char *account;		/* or NULL */
	const char *reasons;		/* or NULL */
	int erase_trained;		/* default 1 */
	const char *place;		/* or NULL */
	struct date date;		/* given, or today */
	int date_given;
	const char *paper;		/* or NULL: the jurisdiction's */
	const char *envelope;		/* or NULL: "left" */
	const char *signature;		/* or NULL */
};

int answers_load(const struct catalog *cat, const char *path, struct answers **out,
		 char **errstr);
/* answers_from_doc: validate a loaded document; takes ownership of doc
 * (freed on failure too). */
int answers_from_doc(const struct catalog *cat, struct ydoc *doc, struct answers **out,
		     char **errstr);
void answers_free(struct answers *a);

/* answers_email_ok: whether s looks like an e-mail address (local@domain.tld,
 * no spaces, no control characters). */
int answers_email_ok(const char *s);
/* answers_line_ok: one line of text: valid UTF-8, no control characters, not
 * blank, at most ANSWERS_MAX_FIELD bytes. Returns NULL or a static reason. */
const char *answers_line_problem(const char *s);

#endif
