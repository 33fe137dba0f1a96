/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * i18n.h: the interface in the user's language (GNU gettext): messages,
 * errors, help texts, `log` and `list`. Letters are not translated here:
 * they are templates (templates/, locales/LANG.yaml), and so are the
 * questionnaire's prompts (locales/LANG.yaml `questions:`, data shared with
 * the letters' locale).
 *
 * The interface language is resolved once at start (i18n_init): --lang,
 * else the first entry of LANGUAGE that objector has, else the first set of
 * LC_ALL, LC_MESSAGES, LANG. POSIX names are mapped to the catalogues
 * objector ships (see i18n.c's table): de_DE.UTF-8 -> de, fr_CA -> fr_CA,
 * zh_HK, zh_TW, zh-Hant -> zh_HK (Traditional Chinese); anything else is
 * English, the messages as written in the sources. This module is the only
 * one that includes <libintl.h>; it sets LANGUAGE to the catalogue chosen,
 * which glibc honours under the C.UTF-8 locale main() sets.
 *
 * _("text") translates at the call; N_("text") only marks a string for
 * xgettext (static tables: translate with _() where it is printed). Format
 * strings keep their arguments in order in every translation (msgfmt -c).
 */
#ifndef OBJECTOR_I18N_H
#define OBJECTOR_I18N_H

#define _(s) i18n_gettext(s)
#define N_(s) (s)

/* i18n_gettext: msgid in the interface language (msgid itself when there
 * is no translation); the string is static, never freed. */
const char *i18n_gettext(const char *msgid) __attribute__((format_arg(1)));
/* i18n_ngettext: the singular or plural form for n. */
const char *i18n_ngettext(const char *one, const char *many, unsigned long n)
	__attribute__((format_arg(1), format_arg(2)));

/* i18n_in, i18n_nin: like _() and i18n_ngettext() when tr is true, else
 * the English as written: for text that goes both to the interface and
 * into output that stays English (the dossier, JSON, the calendar). */
#define i18n_in(tr, s) ((tr) ? i18n_gettext(s) : (s))
#define i18n_nin(tr, one, many, n) \
	((tr) ? i18n_ngettext(one, many, n) : (n) == 1 ? (one) : (many))

/* i18n_init: the language from the environment, the catalogues from
 * localedir (the installed $(localedir), or the build tree's po/locale when
 * run from the build tree). Call once, before the first message. */
void i18n_init(const char *localedir);
/* i18n_set: the language named by --lang L (a language tag or a POSIX
 * name: "de", "de-CH", "de_CH.UTF-8", "fr-CA", "zh-Hant", "zh_HK", "en");
 * 0, or -1 when objector has no such interface language (nothing changed). */
int i18n_set(const char *lang);
/* i18n_tag: the interface language as a language tag, as locales/ names
 * them: "en", "de", "fr-CA", "zh-Hant" ... */
const char *i18n_tag(void);
/* i18n_known: the known interface languages, "en, de, es, ..." (static). */
const char *i18n_known(void);

#endif
