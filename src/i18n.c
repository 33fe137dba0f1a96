/* SPDX-License-Identifier: GPL-3.0-or-later */
/* i18n.c: the interface language and GNU gettext; see i18n.h. */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#ifdef ENABLE_NLS
#include <libintl.h>
#endif

#include "i18n.h"

/* The interface languages objector ships: the language tag (as locales/
 * and templates/ name a language) and the gettext catalogue (po/NAME.po,
 * installed as $(localedir)/NAME/LC_MESSAGES/objector.mo). Traditional
 * Chinese is one catalogue, zh_HK (as written in Hong Kong), that zh_TW,
 * zh_MO and the script subtag Hant also take. English is the sources'. */
static const struct lang {
	const char *tag, *catalogue;
} langs[] = {
	{ "en", NULL },
	{ "de", "de" },
	{ "es", "es" },
	{ "fr", "fr" },
	{ "fr-CA", "fr_CA" },
	{ "it", "it" },
	{ "nl", "nl" },
	{ "pl", "pl" },
	{ "zh-Hant", "zh_HK" },
};
#define NLANGS (sizeof langs / sizeof *langs)

static const struct lang *current = &langs[0];

/* lookup: the language a name stands for: a language tag ("de-CH",
 * "zh-Hant-HK") or a POSIX locale name ("de_CH.UTF-8", "zh_TW@x"); "C"
 * and "POSIX" are English; NULL for one objector has no catalogue for. */
static const struct lang *lookup(const char *name)
{
	char buf[64];
	size_t n = strcspn(name, ".@");
	if (n == 0 || n >= sizeof buf)
		return NULL;
	for (size_t i = 0; i < n; i++)
		buf[i] = name[i] == '_' ? '-' : name[i];
	buf[n] = '\0';
	if (strcmp(buf, "C") == 0 || strcmp(buf, "POSIX") == 0)
		return &langs[0];
	/* the primary language subtag, then the others */
	char *rest = strchr(buf, '-');
	if (rest)
		*rest++ = '\0';
	for (char *p = buf; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	int hant = 0, ca = 0;
	while (rest && *rest) {
		char *next = strchr(rest, '-');
		if (next)
			*next++ = '\0';
		if (strcasecmp(rest, "Hant") == 0 || strcasecmp(rest, "HK") == 0 ||
		    strcasecmp(rest, "TW") == 0 || strcasecmp(rest, "MO") == 0)
			hant = 1;
		else if (strcasecmp(rest, "CA") == 0)
			ca = 1;
		rest = next;
	}
	const char *tag = buf;
	if (strcmp(buf, "zh") == 0) {
		if (!hant)
			return NULL;	/* Simplified Chinese: no catalogue */
		tag = "zh-Hant";
	} else if (strcmp(buf, "fr") == 0 && ca) {
		tag = "fr-CA";
	}
	for (size_t i = 0; i < NLANGS; i++)
		if (strcmp(langs[i].tag, tag) == 0)
			return &langs[i];
	return NULL;
}

/* from_env: LANGUAGE's first entry that objector has, else the first set
 * of LC_ALL, LC_MESSAGES and LANG (a language without a catalogue there is
 * English). */
static const struct lang *from_env(void)
{
	const char *v = getenv("LANGUAGE");
	if (v && *v) {
		char entry[64];
		while (*v) {
			size_t n = strcspn(v, ":");
			if (n > 0 && n < sizeof entry) {
				memcpy(entry, v, n);
				entry[n] = '\0';
				const struct lang *l = lookup(entry);
				if (l)
					return l;
			}
			v += n;
			if (*v == ':')
				v++;
		}
	}
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	for (size_t i = 0; i < sizeof vars / sizeof *vars; i++) {
		v = getenv(vars[i]);
		if (v && *v) {
			const struct lang *l = lookup(v);
			return l ? l : &langs[0];
		}
	}
	return &langs[0];
}

/* apply: make gettext use l's catalogue. glibc reads LANGUAGE at each call
 * (under C.UTF-8 too) and keeps its cache until textdomain() is called. */
static void apply(const struct lang *l)
{
	current = l;
#ifdef ENABLE_NLS
	setenv("LANGUAGE", l->catalogue ? l->catalogue : "en", 1);
	textdomain(PACKAGE);
#endif
}

void i18n_init(const char *localedir)
{
#ifdef ENABLE_NLS
	bindtextdomain(PACKAGE, localedir);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
#else
	(void)localedir;
#endif
	apply(from_env());
}

int i18n_set(const char *lang)
{
	const struct lang *l = lookup(lang);
	if (!l)
		return -1;
	apply(l);
	return 0;
}

const char *i18n_tag(void)
{
	return current->tag;
}

const char *i18n_known(void)
{
	static char list[NLANGS * 12];
	size_t at = 0;
	if (!list[0])
		for (size_t i = 0; i < NLANGS && at < sizeof list; i++)
			at += (size_t)snprintf(list + at, sizeof list - at, "%s%s", i ? ", " : "",
					       langs[i].tag);
	return list;
}

const char *i18n_gettext(const char *msgid)
{
#ifdef ENABLE_NLS
	/* "" is the catalogue's header: never a message */
	return *msgid ? gettext(msgid) : msgid;
#else
	return msgid;
#endif
}

const char *i18n_ngettext(const char *one, const char *many, unsigned long n)
{
#ifdef ENABLE_NLS
	return ngettext(one, many, n);
#else
	return n == 1 ? one : many;
#endif
}
