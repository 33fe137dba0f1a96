/* locale.c: language files and the fallback chain; see locale.h. */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "buf.h"
#include "locale.h"
#include "xalloc.h"
#include "ydoc.h"

#define CHAIN_MAX 6

struct locale {
	struct ydoc *docs[CHAIN_MAX];
	size_t n;
};

int locale_tag_ok(const char *tag)
{
	size_t n = strlen(tag);
	if (n == 0 || n > 35 || tag[0] == '-')
		return 0;
	for (const char *p = tag; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '-')
			return 0;
	return 1;
}

int locale_load(const char *data_dir, const char *tag, struct locale **out, char **errstr)
{
	if (!locale_tag_ok(tag)) {
		*errstr = xasprintf("'%s' is not a language tag (e.g. en, de, fr-CA, zh-Hant)", tag);
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
		strcpy(t, "en");	/* fits: tags are at least two characters */
	}
	free(t);
	if (l->n == 0) {
		*errstr = xasprintf("%s/locales/en.yaml: no locale files found", data_dir);
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
	struct buf b = BUF_INIT;
	for (const char *p = fmt; *p; p++) {
		if (*p != '{') {
			buf_addc(&b, *p);
			continue;
		}
		const char *end = strchr(p, '}');
		if (!end) {
			buf_adds(&b, p);
			break;
		}
		size_t n = (size_t)(end - p - 1);
		const char *k = p + 1;
		if (n == 1 && *k == 'd')
			buf_printf(&b, "%d", d.d);
		else if (n == 2 && !strncmp(k, "dd", 2))
			buf_printf(&b, "%02d", d.d);
		else if (n == 1 && *k == 'm')
			buf_printf(&b, "%d", d.m);
		else if (n == 2 && !strncmp(k, "mm", 2))
			buf_printf(&b, "%02d", d.m);
		else if (n == 1 && *k == 'y')
			buf_printf(&b, "%04d", d.y);
		else if (n == 5 && !strncmp(k, "month", 5) && months && months->type == YNODE_SEQ &&
			 months->n == 12 && ynode_scalar(months->items[d.m - 1]))
			buf_adds(&b, months->items[d.m - 1]->str);
		else
			buf_add(&b, p, n + 2);
		p = end;
	}
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
