/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * compose.h: from answers to a struct letter.
 *
 * Resolves, once, the jurisdiction, the controller's entity (or the
 * answers' inline controller), the authorities and the language from the
 * catalogue; picks the template templates/JUR/LANG.tmpl, renders it (tmpl.h)
 * with the locale (locales/LANG.yaml) against the variables listed in
 * templates/README.md, and returns the letter with its delivery (letter.h:
 * the recipient's address, form, e-mail). Nothing is printed.
 * Status codes are sysexits values: EX_NOINPUT (answers file missing),
 * EX_DATAERR (answers, template or catalogue problem, "FILE:LINE:COL: ..."),
 * EX_IOERR; *errstr is set only on failure. The letter is the caller's
 * (letter_free).
 */
#ifndef OBJECTOR_COMPOSE_H
#define OBJECTOR_COMPOSE_H

struct catalog;
struct cat_jurisdiction;
struct letter;
struct answers;

int compose_file(const struct catalog *cat, const char *data_dir, const char *answers_path,
		 struct letter **out, char **errstr);
/* compose_answers: the same from answers already loaded and validated. */
int compose_answers(const struct catalog *cat, const char *data_dir, const struct answers *a,
		    struct letter **out, char **errstr);

/* compose_case: a letter of a case, kind "remind" or "complain"
 * (templates/JUR/LANG.KIND.tmpl, variables in templates/CASE-VARIABLES.md),
 * from the answers of the case's original letter (the caller dates them:
 * a->date is the new letter's date), in the original's language. Its
 * reference is case_ref; the entries of the mapping extra (borrowed) are
 * set in the context over the letter's own. A complaint goes to extra's
 * "authority" when it has one, else to the requester's own authority, as
 * the letter's context names it (the first mapping of region_authority,
 * local_authority, authority); *authority_id (when not NULL) gets the id of
 * the authority in the context (caller frees). kind NULL is
 * compose_answers. */
struct ynode;
int compose_case(const struct catalog *cat, const char *data_dir, const struct answers *a,
		 const char *kind, const char *case_ref, const struct ynode *extra,
		 struct letter **out, char **authority_id, char **errstr);

/* compose_has_letter: whether a letter template for jurisdiction jur in
 * language lang is installed (templates/JUR/LANG.tmpl); tags that are not
 * plain language tags never are. */
int compose_has_letter(const char *data_dir, const char *jur, const char *lang);
/* compose_default_language: the language of a letter whose answers name
 * none: the country's (the jurisdiction's language_by_country) when that
 * letter is installed, else the first installed of its languages; NULL if
 * none is. The string belongs to the catalogue. */
const char *compose_default_language(const char *data_dir, const struct cat_jurisdiction *j,
				     const char *country);

#endif
