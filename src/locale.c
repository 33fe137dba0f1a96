/* SPDX-License-Identifier: GPL-3.0-or-later */
/* locale.c: language files and the fallback chain; see locale.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "i18n.h"
#include "buf.h"
#include "locale.h"
#include "valid.h"
#include "xalloc.h"
#include "ydoc.h"

#define CHAIN_MAX 6

struct locale {
	struct ydoc *docs[CHAIN_MAX];
	size_t n;
};

int locale_tag_ok(const char *tag)
{
	return valid_language_tag(tag);
}

int locale_load(const char *data_dir, const char *tag, struct locale **out, char **errstr)
{
	if (!locale_tag_ok(tag)) {
		*errstr = xasprintf(_("'%s' is not a language tag (e.g. en, de, fr-CA, zh-Hant)"), tag);
		return EX_DATAERR;
	}
	struct locale *l = xcalloc(1, sizeof *l);
	char *t = xstrdup(tag);
	for (;;) {
		char *path = xasprintf("%s/locales/%s.yaml", data_dir, t);
		struct ydoc *d;
		int rc = ydoc_load_file(path, &d, errstr);
		free(path);
		if (rc == 0 && l->n < CHAIN_MAX - 1) {
			l->docs[l->n++] = d;
		} else if (rc == 0) {
			ydoc_free(d);
		} else if (rc != EX_NOINPUT) {
			free(t);
			locale_free(l);
			return rc;
		} else {
			free(*errstr);
			*errstr = NULL;
		}
		char *dash = strrchr(t, '-');
		if (dash) {
			*dash = '\0';
			continue;
		}
		if (strcmp(t, "en") == 0)
			break;
		free(t);
		t = xstrdup("en");
	}
	free(t);
	if (l->n == 0) {
		*errstr = xasprintf(_("%s/locales/en.yaml: no locale files found"), data_dir);
		locale_free(l);
		return EX_SOFTWARE;
	}
	*out = l;
	return 0;
}

void locale_free(struct locale *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		ydoc_free(l->docs[i]);
	free(l);
}

const char *locale_get(const struct locale *l, const char *path)
{
	for (size_t i = 0; i < l->n; i++) {
		const char *s = ynode_scalar(ynode_get_path(l->docs[i]->root, path));
		if (s)
			return s;
	}
	return NULL;
}

static const struct ynode *locale_node(const struct locale *l, const char *key1, const char *key2)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct ynode *n = ynode_get(ynode_get(l->docs[i]->root, key1), key2);
		if (n)
			return n;
	}
	return NULL;
}

char *locale_date(const struct locale *l, struct date d)
{
	const char *fmt = locale_get(l, "date.format");
	const struct ynode *months = locale_node(l, "date", "months");
	if (!fmt)
		fmt = "{y}-{mm}-{dd}";
	char day[12], day2[12], mon[12], mon2[12], year[12];
	snprintf(day, sizeof day, "%d", d.d);
	snprintf(day2, sizeof day2, "%02d", d.d);
	snprintf(mon, sizeof mon, "%d", d.m);
	snprintf(mon2, sizeof mon2, "%02d", d.m);
	snprintf(year, sizeof year, "%04d", d.y);
	const char *kv[] = { "d", day, "dd", day2, "m", mon, "mm", mon2, "y", year,
			     "month", NULL, NULL };
	if (months && months->type == YNODE_SEQ && months->n == 12 &&
	    ynode_scalar(months->items[d.m - 1]))
		kv[11] = months->items[d.m - 1]->str;
	else
		kv[10] = NULL;	/* no month names: "{month}" stays as it is */
	struct buf b = BUF_INIT;
	if (buf_expand(&b, fmt, kv) < 0)
		xalloc_die();
	return buf_detach(&b, NULL);
}

char *locale_env_tag(void)
{
	static const char *const vars[] = { "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG" };
	for (size_t i = 0; i < sizeof vars / sizeof *vars; i++) {
		const char *v = getenv(vars[i]);
		if (!v || !*v)
			continue;
		/* LANGUAGE may be a list "de_CH:de:en": take the first. */
		size_t n = strcspn(v, ":.@");
		if (n == 0)
			continue;
		char *t = xstrndup(v, n);
		if (strcmp(t, "C") == 0 || strcmp(t, "POSIX") == 0) {
			free(t);
			continue;
		}
		for (char *p = t; *p; p++)
			if (*p == '_')
				*p = '-';
		if (!locale_tag_ok(t)) {
			free(t);
			continue;
		}
		return t;
	}
	return xstrdup("en");
}
