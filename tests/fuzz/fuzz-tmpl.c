/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz-tmpl.c: the template engine (tmpl.h) on arbitrary template text.
 *
 * Input: the template; if it holds two NUL bytes in a row, what follows
 * them is the source of the partial "f" (a single NUL stays in the
 * template, which must then be refused). The data is a fixed tree (DATA
 * below) whose values hold template syntax; other partials are fixed too,
 * among them one that includes itself.
 *
 * Properties checked:
 * - a refusal (parse or render) carries a message naming the template's or
 *   a partial's file, and a failed render leaves the output buffer as it was;
 * - values are never parsed as templates: the template is rendered twice,
 *   with DATA and with DATA's brace-holding values replaced by short
 *   placeholders; the first output must be the second with each
 *   placeholder replaced by its value, byte for byte;
 * - the output is valid UTF-8 and within max_output;
 * - tmpl_names reports only the four kinds, with valid names.
 */
#include "config.h"

#include <string.h>

#include "buf.h"
#include "fuzz.h"
#include "tmpl.h"
#include "utf8.h"
#include "xalloc.h"
#include "ydoc.h"

#define FILE_NAME "test.tmpl"
#define MAX_OUTPUT (64u << 10)
#define PREFIX "(before)"

static const char DATA[] =
	"name: \"Zo\xc3\xab {{name}}\"\n"
	"title: \"{{#list}}{{.}}{{/list}}\"\n"
	"empty: \"\"\n"
	"nothing: ~\n"
	"yes: true\n"
	"no: false\n"
	"multi: \"line one\\n{{> p}}\\n  line three\\n\"\n"
	"list:\n"
	"  - \"{{.}}\"\n"
	"  - \"{{! c }}\"\n"
	"  - {name: \"{{^x}}in{{/x}}\", x: \"}}{{\"}\n"
	"emptylist: []\n"
	"map:\n"
	"  a: \"{{{a}}}\"\n"
	"  b:\n"
	"    c: \"{{&c}} {{=<% %>=}}\"\n"
	"  list: [\"x{{ \", \" }}y\"]\n"
	"nested: {list: [[\"{{name}}\", plain], []]}\n";

static struct ydoc *data;		/* DATA */
static struct ynode *plain;		/* DATA with placeholders */
static const char *values[32];		/* placeholder "\x02" 'A'+i "\x03" stands for values[i] */
static size_t nvalues;

/* placeholders: replace each scalar holding "{{" or "}}" by a placeholder. */
static void placeholders(struct ynode *n)
{
	if (n->type != YNODE_SCALAR) {
		for (size_t i = 0; i < n->n; i++)
			placeholders(n->items[i]);
		return;
	}
	if (!strstr(n->str, "{{") && !strstr(n->str, "}}"))
		return;
	FUZZ_CHECK(nvalues < sizeof values / sizeof *values && n->len > 3, "DATA");
	values[nvalues] = xstrdup(n->str);
	n->str[0] = '\x02';
	n->str[1] = (char)('A' + nvalues);
	n->str[2] = '\x03';
	n->str[3] = '\0';
	n->len = 3;
	nvalues++;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char *err = NULL;
	if (ydoc_load_mem("data.yaml", DATA, sizeof DATA - 1, &data, &err) != 0) {
		fprintf(stderr, "fuzz-tmpl: %s\n", err);
		exit(1);
	}
	plain = ynode_clone(data->root);
	placeholders(plain);
	return 0;
}

struct input {
	const char *f;		/* the partial "f", or NULL */
	size_t flen;
};

static int partial(void *ctx, const char *name, char **src, size_t *len, char **file,
		   char **errstr)
{
	const struct input *in = ctx;
	static const struct {
		const char *name, *src;
	} fixed[] = {
		{ "p", "<{{name}}>\n" },
		{ "list", "{{#list}}- {{.}}\n{{/list}}" },
		{ "rec", "{{>rec}}" },
	};
	const char *s = NULL;
	size_t n = 0;
	if (strcmp(name, "f") == 0) {
		s = in->f ? in->f : "[f]\n";
		n = in->f ? in->flen : 4;
	}
	for (size_t i = 0; !s && i < sizeof fixed / sizeof *fixed; i++)
		if (strcmp(name, fixed[i].name) == 0)
			s = fixed[i].src, n = strlen(s);
	if (!s) {
		*errstr = xasprintf("no partial '%s'", name);
		return 65;
	}
	*src = xmalloc(n + 1);
	memcpy(*src, s, n);
	(*src)[n] = '\0';
	*len = n;
	*file = xasprintf("partials/%s.tmpl", name);
	return 0;
}

static int message_ok(const char *err)
{
	return err && (strncmp(err, FILE_NAME ":", strlen(FILE_NAME) + 1) == 0 ||
		       strncmp(err, "partials/", 9) == 0);
}

static void name_cb(void *ctx, const char *kind, const char *name)
{
	FUZZ_CHECK(strcmp(kind, "variable") == 0 || strcmp(kind, "section") == 0 ||
			   strcmp(kind, "inverted") == 0 || strcmp(kind, "partial") == 0,
		   "kind '%s'", kind);
	FUZZ_CHECK(name && *name && !strstr(name, "}}") && !strchr(name, ' '), "name '%s'",
		   name ? name : "(null)");
	++*(size_t *)ctx;
}

/* render: PREFIX + the output for root into out; the status. */
static int render(const struct tmpl *t, const struct ynode *root, struct input *in,
		  struct buf *out, char **err)
{
	struct tmpl_opts o = { .max_output = MAX_OUTPUT, .partial = partial, .partial_ctx = in };
	BUF_MUST(buf_adds(out, PREFIX));
	*err = NULL;
	int rc = tmpl_render(t, root, &o, out, err);
	if (rc) {
		FUZZ_CHECK(rc == 65, "status %d", rc);
		FUZZ_CHECK(message_ok(*err), "message '%s'", *err ? *err : "(null)");
		FUZZ_CHECK(out->len == strlen(PREFIX) && strcmp(out->data, PREFIX) == 0,
			   "output changed by a failed render");
	} else {
		FUZZ_CHECK(*err == NULL, "message on success");
		FUZZ_CHECK(out->len - strlen(PREFIX) <= MAX_OUTPUT, "output of %zu bytes",
			   out->len);
		FUZZ_CHECK(utf8_valid(out->data, out->len), "output not UTF-8");
	}
	return rc;
}

/* expand: out2 (after PREFIX) with each placeholder replaced by its value. */
static void expand(const struct buf *out2, struct buf *into)
{
	for (size_t i = strlen(PREFIX); i < out2->len; i++) {
		const char *c = out2->data + i;
		if (*c == '\x02' && i + 2 < out2->len && c[2] == '\x03' && c[1] >= 'A' &&
		    (size_t)(c[1] - 'A') < nvalues) {
			BUF_MUST(buf_adds(into, values[c[1] - 'A']));
			i += 2;
		} else {
			BUF_MUST(buf_addc(into, *c));
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
	const char *src = (const char *)bytes;
	size_t len = size;
	struct input in = { NULL, 0 };
	for (size_t i = 0; i + 1 < size; i++) {
		if (bytes[i] == 0 && bytes[i + 1] == 0) {
			len = i;
			in.f = src + i + 2;
			in.flen = size - i - 2;
			break;
		}
	}

	struct tmpl *t = NULL;
	char *err = NULL;
	int rc = tmpl_parse(FILE_NAME, 1, src, len, &t, &err);
	if (rc) {
		FUZZ_CHECK(rc == 65 && t == NULL, "status %d", rc);
		FUZZ_CHECK(message_ok(err), "message '%s'", err ? err : "(null)");
		free(err);
		return 0;
	}
	FUZZ_CHECK(t && !err, "success with a message");
	size_t names = 0;
	tmpl_names(t, name_cb, &names);

	struct buf out1 = BUF_INIT, out2 = BUF_INIT;
	char *err1, *err2;
	int rc1 = render(t, data->root, &in, &out1, &err1);
	int rc2 = render(t, plain, &in, &out2, &err2);
	/* the placeholders are shorter than the values: only DATA can hit the limit */
	FUZZ_CHECK(!rc2 || rc1, "placeholders fail (%s) where values do not", err2);
	FUZZ_CHECK(!rc1 || !rc2 || strcmp(err1, err2) == 0 || strstr(err1, "output too large"),
		   "different errors: '%s', '%s'", err1, err2);
	FUZZ_CHECK(!rc1 || rc2 || strstr(err1, "output too large"),
		   "values fail (%s) where placeholders do not", err1);
	int literal = !memchr(src, '\x02', size);	/* the template has no placeholders */
	if (!rc1 && !rc2 && literal) {
		struct buf want = BUF_INIT;
		expand(&out2, &want);
		FUZZ_CHECK(want.len == out1.len - strlen(PREFIX) &&
				   memcmp(want.data, out1.data + strlen(PREFIX), want.len) == 0,
			   "a value was not printed as it is:\n--- got\n%s\n--- want\n%s",
			   out1.data + strlen(PREFIX), want.data);
		buf_free(&want);
	}
	free(err1);
	free(err2);
	buf_free(&out1);
	buf_free(&out2);
	tmpl_free(t);
	return 0;
}
