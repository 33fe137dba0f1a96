/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * locale.h: words and date formats per language, from locales/TAG.yaml,
 * with a fallback chain: "de-CH" -> "de" -> "en".
 *
 * A struct locale owns the documents of its chain; strings returned live
 * until locale_free(). Tags follow valid.h's rule for a language tag
 * (anything else is refused, so a tag never reaches outside locales/).
 */
#ifndef OBJECTOR_LOCALE_H
#define OBJECTOR_LOCALE_H

#include "date.h"

struct locale;

/* locale_load: the chain for tag; EX_DATAERR for a bad tag or a broken
 * locale file; a tag with no file of its own falls back silently. */
int locale_load(const char *data_dir, const char *tag, struct locale **out, char **errstr);
void locale_free(struct locale *l);
/* locale_get: the string at a dotted path ("letter.page"), looked up along
 * the chain; NULL if no locale has it. */
const char *locale_get(const struct locale *l, const char *path);
/* locale_date: the date written as the language writes it in a letter
 * ("29 November 2026", "29. November 2026", "2026年11月29日"); caller frees. */
char *locale_date(const struct locale *l, struct date d);
/* locale_tag_ok: valid_language_tag (valid.h): subtags of ASCII letters and
 * digits joined by single '-', starting with a letter, 2..35 characters. */
int locale_tag_ok(const char *tag);
/* locale_env_tag: the user's language from LANGUAGE, LC_ALL, LC_MESSAGES,
 * LANG ("de_CH.UTF-8" -> "de-CH"); "en" when none is set or it is C/POSIX.
 * Caller frees. */
char *locale_env_tag(void);

#endif
