/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ydoc.c: unit tests of the YAML layer: positions, errors, limits, emitting. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "tap.h"
#include "ydoc.h"

static struct ydoc *load(const char *src, char **err)
{
	struct ydoc *d = NULL;
	*err = NULL;
	ydoc_load_mem("t.yaml", src, strlen(src), &d, err);
	return d;
}

static void error_is(const char *src, const char *want, const char *name)
{
	char *err;
	struct ydoc *d = load(src, &err);
	ok(d == NULL, "%s: refused", name);
	int c = err && strstr(err, want) != NULL;
	ok(c, "%s: message", name);
	if (!c)
		printf("#   got:  %s\n#   want: ...%s...\n", err ? err : "(null)", want);
	free(err);
	ydoc_free(d);
}

int main(void)
{
	char *err;
	struct ydoc *d = load("a: 1\nb:\n  c: \"x\"\n  d: [p, q]\nn: ~\nt: yes\n", &err);
	ok(d != NULL, "load a document");
	const struct ynode *c = ynode_get(ynode_get(d->root, "b"), "c");
	is_str(ynode_scalar(c), "x", "nested scalar");
	is_int(c->line, 3, "line of a value");
	is_int(c->col, 6, "column of a value");
	is_int(ynode_key(d->root, "b")->line, 2, "line of a key");
	const struct ynode *l = ynode_get(ynode_get(d->root, "b"), "d");
	ok(l && l->type == YNODE_SEQ && l->n == 2, "flow sequence");
	is_str(ynode_scalar(l->items[1]), "q", "sequence item");
	ok(ynode_is_null(ynode_get(d->root, "n")), "~ is null");
	ok(ynode_is_null(ynode_get(d->root, "absent")), "absent is null");
	is_int(ynode_bool(ynode_get(d->root, "t")), 1, "yes is true");
	is_int(ynode_bool(ynode_get(d->root, "a")), -1, "1 is not a boolean");
	ydoc_free(d);

	d = load("q: \"yes\"\n", &err);
	is_int(ynode_bool(ynode_get(d->root, "q")), -1, "quoted yes is a string");
	ydoc_free(d);

	d = load("", &err);
	ok(d && d->root == NULL, "empty document has no root");
	ydoc_free(d);

	error_is("a: 1\na: 2\n", "t.yaml:2:1: duplicate key 'a' (first at line 1)", "duplicate key");
	error_is("a: [1, 2\n", "t.yaml:2:1:", "unclosed flow sequence");
	error_is("a: &x 1\nb: *x\n", "t.yaml:1:4: anchors and aliases are not supported", "anchor");
	error_is("a: !!python/object 1\n", "tag '", "unknown tag");
	error_is("a: 1\n---\nb: 2\n", "more than one YAML document", "two documents");
	error_is("a: \"\xff\"\n", "t.yaml:1:5: invalid UTF-8", "invalid UTF-8");
	error_is("key: value\n  bad: indent\n", "t.yaml:2:", "bad indentation");

	/* Billion laughs is refused at the first anchor. */
	error_is("a: &a [\"lol\"]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n", "anchors and aliases", "billion laughs");

	/* Depth limit. */
	struct buf deep = BUF_INIT;
	for (int i = 0; i < 100; i++)
		BUF_MUST(buf_adds(&deep, "["));
	for (int i = 0; i < 100; i++)
		BUF_MUST(buf_adds(&deep, "]"));
	error_is(deep.data, "nested too deeply", "depth limit");
	buf_free(&deep);

	/* Duplicate keys in a large mapping: found through a hash of the keys
	 * (a scan of the earlier keys made a 50000-key file take seconds). */
	struct buf big = BUF_INIT;
	for (int i = 0; i < 40000; i++)
		BUF_MUST(buf_printf(&big, "k%d: %d\n", i, i));
	d = load(big.data, &err);
	ok(d && d->root && d->root->n == 40000, "a mapping of 40000 keys loads");
	is_int(d ? ynode_get(d->root, "k39999")->line : 0, 40000, "its last key is found");
	ydoc_free(d);
	BUF_MUST(buf_adds(&big, "k17: again\n"));
	error_is(big.data, "t.yaml:40001:1: duplicate key 'k17' (first at line 18)",
		 "duplicate at the end of a large mapping");
	buf_free(&big);
	error_is("a: 1\nb: {a: 1, b: 2, c: {b: 1}, b: 3}\n", "t.yaml:2:28: duplicate key 'b' (first at line 2)",
		 "duplicate in a nested flow mapping");

	/* Emitting user data: quoted so no reader re-types it; round trip. */
	struct ynode *root = ynode_new_map();
	ynode_map_adds(root, "name", "Zoë Łukasiewicz-Øster");
	ynode_map_adds(root, "yes", "yes");
	ynode_map_adds(root, "date", "2024-03-05");
	ynode_map_adds(root, "evil", "a: b # c\n\"quoted\"\t{{x}}");
	ynode_map_add(root, "flag", ynode_new_plain("true"));
	struct ynode *seq = ynode_map_add(root, "lines", ynode_new_seq());
	ynode_seq_add(seq, ynode_new_str("one"));
	ynode_seq_add(seq, ynode_new_str("123"));
	struct buf out = BUF_INIT;
	ok(ydoc_emit(root, &out, &err) == 0, "emit");
	ok(strstr(out.data, "Zoë Łukasiewicz-Øster") != NULL, "unicode written as is");
	ok(strstr(out.data, "'2024-03-05'") != NULL, "date-like user string quoted");
	ok(strstr(out.data, "flag: true") != NULL, "plain scalar unquoted");
	d = load(out.data, &err);
	ok(d != NULL, "emitted YAML loads again");
	is_str(ynode_scalar(ynode_get(d->root, "evil")), "a: b # c\n\"quoted\"\t{{x}}", "hostile string round-trips");
	is_str(ynode_scalar(ynode_get(d->root, "yes")), "yes", "yes stays a string");
	is_int(ynode_bool(ynode_get(d->root, "yes")), -1, "and is not read as a boolean");
	is_int(ynode_bool(ynode_get(d->root, "flag")), 1, "plain true is a boolean");
	is_str(ynode_scalar(ynode_get(d->root, "lines")->items[1]), "123", "sequence round-trips");
	struct ynode *cl = ynode_clone(d->root);
	ok(cl && cl->n == d->root->n, "clone");
	ynode_free(cl);
	ydoc_free(d);
	ynode_free(root);
	buf_free(&out);
	return done_testing();
}
