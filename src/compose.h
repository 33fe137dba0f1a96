/*
 * compose.h: from an answers file to a struct letter.
 *
 * Loads and validates the answers (answers.h), resolves the jurisdiction,
 * controller, authorities and language from the catalogue, picks the
 * template templates/JUR/LANG.tmpl, renders it (tmpl.h) with the locale
 * (locales/LANG.yaml) and returns the letter. Nothing is printed.
 * Status codes are sysexits values: EX_NOINPUT (answers file missing),
 * EX_DATAERR (answers, template or catalogue problem, "FILE:LINE:COL: ..."),
 * EX_IOERR; *errstr is set only on failure. The letter is the caller's
 * (letter_free).
 */
#ifndef OBJECTOR_COMPOSE_H
#define OBJECTOR_COMPOSE_H

struct catalog;
struct letter;
struct answers;
struct ynode;

int compose_file(const struct catalog *cat, const char *data_dir, const char *answers_path,
		 struct letter **out, char **errstr);
/* compose_answers: the same from answers already loaded and validated. */
int compose_answers(const struct catalog *cat, const char *data_dir, const struct answers *a,
		    struct letter **out, char **errstr);

/* compose_has_letter: whether a letter template for jurisdiction jur in
 * language lang is installed (templates/JUR/LANG.tmpl); tags that are not
 * plain language tags never are. */
int compose_has_letter(const char *data_dir, const char *jur, const char *lang);
/* compose_default_language: the language of a letter whose answers name
 * none: the country's (the jurisdiction's language_by_country) when that
 * letter is installed, else the first installed of its languages; NULL if
 * none is. The string belongs to the catalogue entry j. */
const char *compose_default_language(const char *data_dir, const struct ynode *j,
				     const char *country);

#endif
