/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-tmpl.c: the template engine (tmpl.h), driven by the case files
 * $top_srcdir/tests/tmpl/NAME.test (top_srcdir defaults to "."), one TAP test
 * per case, then a few tests of the API itself.
 *
 * A case file holds cases:
 *
 *   Lines before the first case are comments.
 *   === name of the case
 *   lines here, before the first section, are comments too
 *   --- template
 *   Dear {{name}},
 *   --- data
 *   name: Zoë
 *   --- output
 *   Dear Zoë,
 *
 * A line "=== NAME" starts a case; a line "--- KIND" starts one of its
 * sections, which runs to the next "---" or "===" line or the end of the
 * file. A section's text is its lines, each with its newline; empty lines at
 * its end are dropped (they separate cases), so the text is empty or ends in
 * exactly one newline. For any other ending, or to make blanks visible, end
 * the header in " $" ("--- output $"): then every line ends in a '$' that is
 * not part of the text (only the empty lines at the end have none and are
 * dropped), and the newline after the last line is not part of the text ("a$" is "a"; "a$", "$" is "a\n").
 * A section's text cannot start a line with "--- " or "=== ".
 * An error message is compared without the final newline.
 *
 * Sections:
 *   template        the template (required), named "test.tmpl"
 *   data            a YAML document (the context); none or empty: no data
 *   partial NAME    the partial NAME, named "partials/NAME.tmpl"; a partial
 *                   not given inline is read from tests/tmpl/partials/NAME.tmpl
 *   opts            YAML: max_depth, max_output (tmpl_opts), partials (false:
 *                   no callback), file (the template's name), line (its line0),
 *                   status (the expected status of an error; default 65)
 *   output          the expected output, exactly
 *   error           the expected error message, exactly (either this or output)
 */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "buf.h"
#include "fileio.h"
#include "tap.h"
#include "tmpl.h"
#include "xalloc.h"
#include "ydoc.h"

struct section {
	char *kind;		/* "template", "partial", ... */
	char *arg;		/* partial: its name; else "" */
	struct buf text;
	int dollar;		/* lines end in '$' */
};

struct tcase {
	char *name;
	int line;		/* of the "===" line */
	int bad;		/* a '$' line without its '$' */
	struct section *s;
	size_t n;
};

static const char *top_srcdir;

static struct section *find(const struct tcase *c, const char *kind, const char *arg)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->s[i].kind, kind) == 0 && (!arg || strcmp(c->s[i].arg, arg) == 0))
			return &c->s[i];
	return NULL;
}

static void case_free(struct tcase *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->s[i].kind);
		free(c->s[i].arg);
		buf_free(&c->s[i].text);
	}
	free(c->s);
	free(c->name);
	memset(c, 0, sizeof *c);
}

/* finish: the end of a section's text (see the format above). */
static void finish(struct section *s)
{
	if (!s)
		return;
	if (s->dollar) {
		if (s->text.len)
			buf_truncate(&s->text, s->text.len - 1);
		return;
	}
	while (s->text.len >= 2 && s->text.data[s->text.len - 1] == '\n' &&
	       s->text.data[s->text.len - 2] == '\n')
		buf_truncate(&s->text, s->text.len - 1);
	if (s->text.len == 1)
		buf_truncate(&s->text, 0);
}

/* split: the cases of one file's text; returns how many, *out allocated. */
static size_t split(const char *data, struct tcase **out)
{
	struct tcase *cs = NULL;
	size_t n = 0;
	struct section *cur = NULL;
	int lineno = 0, blanks = 0;
	for (const char *p = data; *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		const char *next = nl ? nl + 1 : p + len;
		lineno++;
		if (len >= 4 && strncmp(p, "=== ", 4) == 0) {
			finish(cur);
			cur = NULL;
			cs = xreallocarray(cs, n + 1, sizeof *cs);
			memset(&cs[n], 0, sizeof cs[n]);
			cs[n].name = xstrndup(p + 4, len - 4);
			cs[n].line = lineno;
			n++;
		} else if (n > 0 && len >= 4 && strncmp(p, "--- ", 4) == 0) {
			finish(cur);
			struct tcase *c = &cs[n - 1];
			c->s = xreallocarray(c->s, c->n + 1, sizeof *c->s);
			cur = &c->s[c->n++];
			blanks = 0;
			memset(cur, 0, sizeof *cur);
			char *h = xstrndup(p + 4, len - 4);
			size_t hl = strlen(h);
			if (hl >= 2 && strcmp(h + hl - 2, " $") == 0) {
				cur->dollar = 1;
				h[hl - 2] = '\0';
			}
			char *sp = strchr(h, ' ');
			cur->arg = xstrdup(sp ? sp + 1 : "");
			if (sp)
				*sp = '\0';
			cur->kind = h;
			buf_init(&cur->text, 0);
		} else if (cur && cur->dollar && len == 0) {
			blanks++;	/* fine if only more follow */
		} else if (cur) {
			size_t l = len;
			if (cur->dollar && (blanks || p[l - 1] != '$'))
				cs[n - 1].bad = 1;
			if (cur->dollar)
				l--;
			BUF_MUST(buf_add(&cur->text, p, l));
			BUF_MUST(buf_addc(&cur->text, '\n'));
		}
		p = next;
	}
	finish(cur);
	*out = cs;
	return n;
}

/* The partials callback: inline sections first, then tests/tmpl/partials/. */
static int load_partial(void *ctx, const char *name, char **src, size_t *len, char **file,
			char **errstr)
{
	const struct tcase *c = ctx;
	const struct section *s = find(c, "partial", name);
	if (s) {
		*src = xstrndup(s->text.data, s->text.len);
		*len = s->text.len;
	} else {
		char *path = xasprintf("%s/tests/tmpl/partials/%s.tmpl", top_srcdir, name);
		char *err = NULL;
		int rc = file_read(path, 1 << 20, src, len, &err);
		free(path);
		if (rc) {
			free(err);
			*errstr = xasprintf("'partials/%s.tmpl' not found", name);
			return EX_NOINPUT;
		}
	}
	*file = xasprintf("partials/%s.tmpl", name);
	return 0;
}

static long opt_num(const struct ynode *opts, const char *key, long def)
{
	const char *s = ynode_scalar(ynode_get(opts, key));
	return s ? strtol(s, NULL, 10) : def;
}

/* show: a string with newlines and tabs made visible, for diagnostics. */
static void show(const char *label, const char *s)
{
	printf("#   %s \"", label);
	for (; s && *s; s++) {
		if (*s == '\n')
			fputs("\\n", stdout);
		else if (*s == '\t')
			fputs("\\t", stdout);
		else
			putchar(*s);
	}
	printf("\"%s\n", s ? "" : " (null)");
}

/* run: one case; 1 if it passes. */
static int run(const char *fname, struct tcase *c)
{
	const struct section *ts = find(c, "template", NULL);
	const struct section *ds = find(c, "data", NULL);
	const struct section *os = find(c, "opts", NULL);
	const struct section *want = find(c, "output", NULL);
	const struct section *wanterr = find(c, "error", NULL);
	if (c->bad) {
		printf("# %s:%d: a line of a '$' section does not end in '$'\n", fname, c->line);
		return 0;
	}
	if (!ts || !want == !wanterr) {
		printf("# %s:%d: a case needs a template and either output or error\n", fname,
		       c->line);
		return 0;
	}
	char *err = NULL;
	struct ydoc *opts = NULL, *data = NULL;
	if (os && ydoc_load_mem("opts", os->text.data, os->text.len, &opts, &err)) {
		printf("# %s\n", err);
		free(err);
		return 0;
	}
	if (ds && ydoc_load_mem("data.yaml", ds->text.data, ds->text.len, &data, &err)) {
		printf("# %s\n", err);
		free(err);
		ydoc_free(opts);
		return 0;
	}
	const struct ynode *o = opts ? opts->root : NULL;
	struct tmpl_opts to = {
		.max_depth = (size_t)opt_num(o, "max_depth", 0),
		.max_output = (size_t)opt_num(o, "max_output", 0),
		.partial = ynode_bool(ynode_get(o, "partials")) == 0 ? NULL : load_partial,
		.partial_ctx = c,
	};
	const char *file = ynode_scalar(ynode_get(o, "file"));
	struct tmpl *t = NULL;
	struct buf out;
	buf_init(&out, 0);
	int rc = tmpl_parse(file ? file : "test.tmpl", (int)opt_num(o, "line", 1), ts->text.data,
			    ts->text.len, &t, &err);
	if (rc == 0)
		rc = tmpl_render(t, data ? data->root : NULL, &to, &out, &err);
	int pass;
	if (want) {
		pass = rc == 0 && strcmp(out.data, want->text.data) == 0;
		if (!pass) {
			if (rc)
				show("error:", err);
			show("got: ", out.data);
			show("want:", want->text.data);
		}
	} else {
		long status = opt_num(o, "status", EX_DATAERR);
		size_t wl = wanterr->text.len;
		if (wl && wanterr->text.data[wl - 1] == '\n')
			wl--;
		pass = rc == status && err && strlen(err) == wl &&
		       strncmp(err, wanterr->text.data, wl) == 0;
		if (!pass) {
			printf("#   status %d, want %ld\n", rc, status);
			show("got: ", rc ? err : out.data);
			show("want:", wanterr->text.data);
		}
		if (out.len != 0)
			pass = 0;	/* a failed render leaves nothing */
	}
	free(err);
	buf_free(&out);
	tmpl_free(t);
	ydoc_free(data);
	ydoc_free(opts);
	return pass;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* run_files: every tests/tmpl/NAME.test in name order; the number of cases. */
static size_t run_files(void)
{
	char *dir = xasprintf("%s/tests/tmpl", top_srcdir);
	DIR *d = opendir(dir);
	size_t total = 0, nf = 0;
	char **names = NULL;
	struct dirent *e;
	if (!d) {
		printf("# cannot open '%s'\n", dir);
		free(dir);
		return 0;
	}
	while ((e = readdir(d)) != NULL) {
		size_t l = strlen(e->d_name);
		if (l > 5 && strcmp(e->d_name + l - 5, ".test") == 0) {
			names = xreallocarray(names, nf + 1, sizeof *names);
			names[nf++] = xstrdup(e->d_name);
		}
	}
	closedir(d);
	if (nf)
		qsort(names, nf, sizeof *names, cmp_str);
	for (size_t i = 0; i < nf; i++) {
		char *path = xasprintf("%s/%s", dir, names[i]);
		char *data = NULL, *err = NULL;
		size_t len;
		if (file_read(path, 1 << 20, &data, &len, &err)) {
			ok(0, "read %s: %s", names[i], err);
			free(err);
		} else {
			struct tcase *cs;
			size_t n = split(data, &cs);
			for (size_t k = 0; k < n; k++) {
				ok(run(names[i], &cs[k]), "%s:%d: %s", names[i], cs[k].line,
				   cs[k].name);
				case_free(&cs[k]);
			}
			free(cs);
			total += n;
		}
		free(data);
		free(path);
		free(names[i]);
	}
	free(names);
	free(dir);
	return total;
}

/* ---- the API beyond what case files show ---- */

static void collect(void *ctx, const char *kind, const char *name)
{
	BUF_MUST(buf_printf(ctx, "%s:%s ", kind, name));
}

static void api_tests(void)
{
	struct tmpl *t = NULL;
	char *err = NULL;
	const char *src = "{{#a}}{{b.c}}{{/a}}{{^d}}{{! no }}{{> p}}{{/d}}{{.}}";
	is_int(tmpl_parse("x.tmpl", 1, src, strlen(src), &t, &err), 0, "names: parse");
	struct buf names = BUF_INIT;
	tmpl_names(t, collect, &names);
	is_str(names.data, "section:a variable:b.c inverted:d partial:p variable:. ",
	       "names: kinds and names in order");
	buf_free(&names);
	tmpl_free(t);

	/* A failed render leaves the output as it was; a good one appends. */
	struct ydoc *d = NULL;
	ydoc_load_mem("d.yaml", "a: 1\n", 5, &d, &err);
	src = "{{a}}{{b}}";
	tmpl_parse("x.tmpl", 1, src, strlen(src), &t, &err);
	struct buf out = BUF_INIT;
	BUF_MUST(buf_adds(&out, "before|"));
	is_int(tmpl_render(t, d->root, NULL, &out, &err), EX_DATAERR, "failed render: status");
	is_str(out.data, "before|", "failed render: output left as it was");
	is_str(err, "x.tmpl:1:6: unknown variable 'b'", "failed render: message");
	free(err);
	err = NULL;
	tmpl_free(t);
	src = "{{a}}!";
	tmpl_parse("x.tmpl", 1, src, strlen(src), &t, &err);
	is_int(tmpl_render(t, d->root, NULL, &out, &err), 0, "render appends: status");
	is_str(out.data, "before|1!", "render appends: output");
	/* Rendering twice gives the same text. */
	is_int(tmpl_render(t, d->root, NULL, &out, &err), 0, "render again");
	is_str(out.data, "before|1!1!", "render again: output");
	buf_free(&out);

	/* The output buffer's own limit is an error too. */
	buf_init(&out, 3);
	BUF_MUST(buf_adds(&out, "ab"));
	is_int(tmpl_render(t, d->root, NULL, &out, &err), EX_DATAERR, "buffer limit: status");
	is_str(err, "x.tmpl:1:6: output too large (more than 1 bytes)", "buffer limit: message");
	is_str(out.data, "ab", "buffer limit: output left as it was");
	free(err);
	buf_free(&out);
	tmpl_free(t);
	ydoc_free(d);

	/* A source with a NUL byte; a length shorter than the string. */
	err = NULL;
	t = NULL;
	is_int(tmpl_parse("x.tmpl", 1, "ab\0c", 4, &t, &err), EX_DATAERR, "NUL: refused");
	is_str(err, "x.tmpl:1:3: a NUL character in the template", "NUL: message");
	ok(t == NULL, "NUL: no template");
	free(err);
	err = NULL;
	tmpl_parse("x.tmpl", 1, "ab{{x}}", 2, &t, &err);
	buf_init(&out, 0);
	is_int(tmpl_render(t, NULL, NULL, &out, &err), 0, "len is honoured");
	is_str(out.data, "ab", "len is honoured: output");
	buf_free(&out);
	tmpl_free(t);
	tmpl_free(NULL);
}

int main(void)
{
	top_srcdir = getenv("top_srcdir");
	if (!top_srcdir || !*top_srcdir)
		top_srcdir = ".";
	size_t n = run_files();
	ok(n >= 40, "%zu cases found under '%s/tests/tmpl'", n, top_srcdir);
	api_tests();
	return done_testing();
}
