/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz-ydoc.c: the YAML layer (ydoc.h) on arbitrary bytes.
 *
 * Properties checked:
 * - a refusal carries a message that starts with the file's name, and no
 *   document;
 * - a loaded tree keeps ydoc.h's promises: depth, node count and scalar
 *   size within the limits, no NUL inside a scalar (len == strlen), keys
 *   are unique scalars, positions are 1-based;
 * - ynode_clone gives an equal tree;
 * - written back as user data (ydoc_emit, every value quoted) and read
 *   again, the tree is equal: what objector writes, it reads back as it
 *   was. Only for trees whose keys are names objector would use
 *   ([A-Za-z0-9_][A-Za-z0-9_-]*): ydoc_emit writes keys unquoted.
 */
#include "config.h"

#include <string.h>

#include "buf.h"
#include "fuzz.h"
#include "ydoc.h"

#define NAME "fuzz.yaml"

struct walk {
	size_t nodes;
	int names_only;		/* every key is a plain name */
};

static int is_name(const char *s)
{
	if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
	      *s == '_'))
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '_' || *s == '-'))
			return 0;
	return 1;
}

static void check_tree(const struct ynode *n, int depth, struct walk *w)
{
	FUZZ_CHECK(depth <= YDOC_MAX_DEPTH, "depth %d", depth);
	FUZZ_CHECK(++w->nodes <= YDOC_MAX_NODES, "%zu nodes", w->nodes);
	FUZZ_CHECK(n->line >= 1 && n->col >= 1, "position %d:%d", n->line, n->col);
	switch (n->type) {
	case YNODE_SCALAR:
		FUZZ_CHECK(n->str && strlen(n->str) == n->len, "scalar length");
		FUZZ_CHECK(n->len <= YDOC_MAX_SCALAR, "scalar of %zu bytes", n->len);
		FUZZ_CHECK(n->n == 0 && !n->items && !n->keys, "scalar with children");
		return;
	case YNODE_SEQ:
		FUZZ_CHECK(!n->keys && !n->str, "sequence with keys");
		break;
	case YNODE_MAP:
		FUZZ_CHECK(!n->str && (n->n == 0 || n->keys), "mapping without keys");
		for (size_t i = 0; i < n->n; i++) {
			const struct ynode *k = n->keys[i];
			FUZZ_CHECK(k && k->type == YNODE_SCALAR, "key not a scalar");
			check_tree(k, depth + 1, w);
			if (!is_name(k->str))
				w->names_only = 0;
			for (size_t j = 0; j < i; j++)
				FUZZ_CHECK(strcmp(n->keys[j]->str, k->str) != 0, "duplicate key '%s'",
					   k->str);
			FUZZ_CHECK(ynode_get(n, k->str) == n->items[i], "ynode_get");
		}
		break;
	}
	for (size_t i = 0; i < n->n; i++) {
		FUZZ_CHECK(n->items[i] != NULL, "NULL item");
		check_tree(n->items[i], depth + 1, w);
	}
}

/* same: equal types, strings and shapes (positions and styles not compared). */
static int same(const struct ynode *a, const struct ynode *b)
{
	if (!a || !b)
		return a == b;
	if (a->type != b->type || a->n != b->n)
		return 0;
	if (a->type == YNODE_SCALAR)
		return a->len == b->len && memcmp(a->str, b->str, a->len) == 0;
	for (size_t i = 0; i < a->n; i++) {
		if (a->type == YNODE_MAP && !same(a->keys[i], b->keys[i]))
			return 0;
		if (!same(a->items[i], b->items[i]))
			return 0;
	}
	return 1;
}

/* as_user_data: every value quoted when written (keys stay as they are). */
static void as_user_data(struct ynode *n)
{
	n->plain = 0;
	for (size_t i = 0; i < n->n; i++)
		as_user_data(n->items[i]);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ydoc *d = NULL;
	char *err = NULL;
	int rc = ydoc_load_mem(NAME, (const char *)data, size, &d, &err);
	if (rc) {
		FUZZ_CHECK(rc == 65, "status %d", rc);
		FUZZ_CHECK(d == NULL, "a document with an error");
		FUZZ_CHECK(err && strncmp(err, NAME ":", strlen(NAME) + 1) == 0, "message '%s'",
			   err ? err : "(null)");
		free(err);
		return 0;
	}
	FUZZ_CHECK(d && err == NULL, "success with a message");
	if (!d->root) {
		ydoc_free(d);
		return 0;
	}
	struct walk w = { 0, 1 };
	check_tree(d->root, 1, &w);

	struct ynode *c = ynode_clone(d->root);
	FUZZ_CHECK(same(c, d->root), "clone differs");

	if (w.names_only) {
		struct buf out = BUF_INIT;
		as_user_data(c);
		rc = ydoc_emit(c, &out, &err);
		FUZZ_CHECK(rc == 0, "ydoc_emit: %s", err);
		if (out.len <= YDOC_MAX_FILE) {
			struct ydoc *d2 = NULL;
			rc = ydoc_load_mem(NAME, out.data, out.len, &d2, &err);
			FUZZ_CHECK(rc == 0, "reading back what ydoc_emit wrote: %s\n%s", err, out.data);
			FUZZ_CHECK(same(d->root, d2->root), "read back differently:\n%s", out.data);
			ydoc_free(d2);
		}
		buf_free(&out);
	}
	ynode_free(c);
	ydoc_free(d);
	return 0;
}
