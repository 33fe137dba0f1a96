/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ydoc.c: YAML files to positioned trees and back; see ydoc.h. */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>
#include <yaml.h>

#include "i18n.h"
#include "buf.h"
#include "diag.h"
#include "fileio.h"
#include "xalloc.h"
#include "ydoc.h"

struct loader {
	yaml_parser_t parser;
	const char *name;
	const char *data;
	size_t len;
	size_t nodes;
	char *err;
	int line1;	/* the line number of data's first line */
};

static void offset_pos(const char *data, size_t len, size_t off, int *line, int *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < off && i < len; i++) {
		if (data[i] == '\n') {
			++*line;
			*col = 1;
		} else if (((unsigned char)data[i] & 0xC0) != 0x80) {
			++*col;
		}
	}
}

static void parser_error(struct loader *l)
{
	yaml_parser_t *p = &l->parser;
	int line, col;
	const char *what = p->problem ? p->problem : "syntax error";
	if (p->error == YAML_READER_ERROR) {
		offset_pos(l->data, l->len, p->problem_offset, &line, &col);
		line += l->line1 - 1;
		if (strstr(what, "invalid") || strstr(what, "UTF-8"))
			l->err = diag_at(l->name, line, col, _("invalid UTF-8 (%s)"), what);
		else
			l->err = diag_at(l->name, line, col, "%s", what);
		return;
	}
	line = (int)p->problem_mark.line + l->line1;
	col = (int)p->problem_mark.column + 1;
	if (p->context)
		l->err = diag_at(l->name, line, col, "%s %s", what, p->context);
	else
		l->err = diag_at(l->name, line, col, "%s", what);
}

static int next_event(struct loader *l, yaml_event_t *ev)
{
	if (!yaml_parser_parse(&l->parser, ev)) {
		parser_error(l);
		return -1;
	}
	return 0;
}

static struct ynode *node_new(enum ynode_type t, const yaml_mark_t *m, int line1)
{
	struct ynode *n = xcalloc(1, sizeof *n);
	n->type = t;
	if (m) {
		n->line = (int)m->line + line1;
		n->col = (int)m->column + 1;
	}
	return n;
}

static int check_props(struct loader *l, const yaml_event_t *ev, const yaml_char_t *anchor,
		       const yaml_char_t *tag)
{
	int line = (int)ev->start_mark.line + l->line1, col = (int)ev->start_mark.column + 1;
	if (anchor) {
		l->err = diag_at(l->name, line, col, _("anchors and aliases are not supported"));
		return -1;
	}
	if (tag && strcmp((const char *)tag, YAML_STR_TAG) != 0 &&
	    strcmp((const char *)tag, YAML_MAP_TAG) != 0 &&
	    strcmp((const char *)tag, YAML_SEQ_TAG) != 0) {
		l->err = diag_at(l->name, line, col, _("tag '%s' is not supported"), (const char *)tag);
		return -1;
	}
	return 0;
}

/* push: append to a sequence or mapping. The arrays grow by doubling (their
 * capacity is the next power of two from n, so it need not be stored):
 * growing by one item at a time is quadratic where realloc moves. */
static void push(struct ynode *parent, struct ynode *key, struct ynode *v)
{
	size_t n = parent->n;
	if (n == 0 || (n >= 4 && (n & (n - 1)) == 0)) {
		size_t cap = n ? n * 2 : 4;
		parent->items = xreallocarray(parent->items, cap, sizeof *parent->items);
		if (parent->type == YNODE_MAP)
			parent->keys = xreallocarray(parent->keys, cap, sizeof *parent->keys);
	}
	parent->items[parent->n] = v;
	if (parent->type == YNODE_MAP)
		parent->keys[parent->n] = key;
	parent->n++;
}

/* A set of a mapping's keys while it is read, so that finding a duplicate
 * costs O(1), not a scan of the keys before it: a mapping of 50000 keys
 * took seconds to refuse. Open addressing over indices into map->keys;
 * slots hold index + 1, 0 is empty. */
struct keyset {
	size_t *slot;
	size_t cap;	/* a power of two, or 0 */
};

static size_t key_hash(const char *s)
{
	size_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* keyset_find: the index of key in map->keys (as recorded in ks), or -1. */
static long keyset_find(const struct keyset *ks, const struct ynode *map, const char *key)
{
	if (!ks->cap)
		return -1;
	for (size_t i = key_hash(key) & (ks->cap - 1);; i = (i + 1) & (ks->cap - 1)) {
		if (!ks->slot[i])
			return -1;
		if (strcmp(map->keys[ks->slot[i] - 1]->str, key) == 0)
			return (long)(ks->slot[i] - 1);
	}
}

/* keyset_add: record map->keys[k]; the table stays at most half full. */
static void keyset_add(struct keyset *ks, const struct ynode *map, size_t k)
{
	if (2 * (k + 1) > ks->cap) {
		free(ks->slot);
		ks->cap = ks->cap ? 2 * ks->cap : 16;
		ks->slot = xcalloc(ks->cap, sizeof *ks->slot);
		for (size_t j = 0; j < k; j++)
			keyset_add(ks, map, j);
	}
	size_t i = key_hash(map->keys[k]->str) & (ks->cap - 1);
	while (ks->slot[i])
		i = (i + 1) & (ks->cap - 1);
	ks->slot[i] = k + 1;
}

/* parse_node: build the node that starts with ev (consumed). NULL on error. */
static struct ynode *parse_node(struct loader *l, yaml_event_t *ev, int depth)
{
	struct ynode *n = NULL;
	struct keyset ks = { NULL, 0 };	/* a mapping's keys */
	int line = (int)ev->start_mark.line + l->line1, col = (int)ev->start_mark.column + 1;

	if (++l->nodes > YDOC_MAX_NODES) {
		l->err = diag_at(l->name, line, col, _("too many nodes (more than %d)"), YDOC_MAX_NODES);
		yaml_event_delete(ev);
		return NULL;
	}
	if (depth > YDOC_MAX_DEPTH) {
		l->err = diag_at(l->name, line, col, _("nested too deeply (more than %d levels)"),
				 YDOC_MAX_DEPTH);
		yaml_event_delete(ev);
		return NULL;
	}
	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		l->err = diag_at(l->name, line, col, _("anchors and aliases are not supported"));
		yaml_event_delete(ev);
		return NULL;
	case YAML_SCALAR_EVENT:
		if (check_props(l, ev, ev->data.scalar.anchor, ev->data.scalar.tag) < 0) {
			yaml_event_delete(ev);
			return NULL;
		}
		if (ev->data.scalar.length > YDOC_MAX_SCALAR) {
			l->err = diag_at(l->name, line, col, _("value too long (more than %u bytes)"),
					 YDOC_MAX_SCALAR);
			yaml_event_delete(ev);
			return NULL;
		}
		if (memchr(ev->data.scalar.value, 0, ev->data.scalar.length)) {
			l->err = diag_at(l->name, line, col, _("a value holds a NUL character"));
			yaml_event_delete(ev);
			return NULL;
		}
		n = node_new(YNODE_SCALAR, &ev->start_mark, l->line1);
		n->str = xstrndup((const char *)ev->data.scalar.value, ev->data.scalar.length);
		n->len = ev->data.scalar.length;
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && !ev->data.scalar.tag;
		yaml_event_delete(ev);
		return n;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT: {
		int is_map = ev->type == YAML_MAPPING_START_EVENT;
		const yaml_char_t *anchor = is_map ? ev->data.mapping_start.anchor
						   : ev->data.sequence_start.anchor;
		const yaml_char_t *tag = is_map ? ev->data.mapping_start.tag
						: ev->data.sequence_start.tag;
		if (check_props(l, ev, anchor, tag) < 0) {
			yaml_event_delete(ev);
			return NULL;
		}
		n = node_new(is_map ? YNODE_MAP : YNODE_SEQ, &ev->start_mark, l->line1);
		yaml_event_delete(ev);
		for (;;) {
			yaml_event_t e;
			if (next_event(l, &e) < 0)
				goto fail;
			if (e.type == YAML_SEQUENCE_END_EVENT || e.type == YAML_MAPPING_END_EVENT) {
				yaml_event_delete(&e);
				free(ks.slot);
				return n;
			}
			struct ynode *key = NULL;
			if (is_map) {
				key = parse_node(l, &e, depth + 1);
				if (!key)
					goto fail;
				if (key->type != YNODE_SCALAR) {
					l->err = diag_at(l->name, key->line, key->col,
							 _("a key must be a plain string"));
					ynode_free(key);
					goto fail;
				}
				long first = keyset_find(&ks, n, key->str);
				if (first >= 0) {
					l->err = diag_at(l->name, key->line, key->col,
							 _("duplicate key '%s' (first at line %d)"),
							 key->str, n->keys[first]->line);
					ynode_free(key);
					goto fail;
				}
				if (next_event(l, &e) < 0) {
					ynode_free(key);
					goto fail;
				}
			}
			struct ynode *v = parse_node(l, &e, depth + 1);
			if (!v) {
				ynode_free(key);
				goto fail;
			}
			push(n, key, v);
			if (is_map)
				keyset_add(&ks, n, n->n - 1);
		}
	}
	default:
		l->err = diag_at(l->name, line, col, _("unexpected YAML event"));
		yaml_event_delete(ev);
		return NULL;
	}
fail:
	free(ks.slot);
	ynode_free(n);
	return NULL;
}

int ydoc_load_mem(const char *name, const char *data, size_t len, struct ydoc **out,
		  char **errstr)
{
	return ydoc_load_mem_at(name, 0, data, len, out, errstr);
}

int ydoc_load_mem_at(const char *name, int line1, const char *data, size_t len,
		     struct ydoc **out, char **errstr)
{
	int part = line1 > 0;	/* 0: a whole file (ydoc_load_mem) */
	if (!part)
		line1 = 1;
	struct loader l = { .name = name, .data = data, .len = len, .line1 = line1 };
	struct ydoc *d = xcalloc(1, sizeof *d);
	d->file = xstrdup(name);

	if (len > YDOC_MAX_FILE) {
		/* a document cut out of a larger file (a journal entry) says where */
		*errstr = part ? diag_at(name, line1, 0, _("document too large (more than %u bytes)"),
					      YDOC_MAX_FILE)
				    : xasprintf(_("%s: file too large (more than %u bytes)"), name,
						YDOC_MAX_FILE);
		ydoc_free(d);
		return EX_DATAERR;
	}
	if (!yaml_parser_initialize(&l.parser))
		xalloc_die();
	yaml_parser_set_input_string(&l.parser, (const unsigned char *)data, len);

	yaml_event_t ev;
	int docs = 0;
	for (;;) {
		if (next_event(&l, &ev) < 0)
			goto fail;
		yaml_event_type_t t = ev.type;
		if (t == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		if (t == YAML_DOCUMENT_START_EVENT) {
			if (++docs > 1) {
				l.err = diag_at(name, (int)ev.start_mark.line + line1,
						(int)ev.start_mark.column + 1,
						_("more than one YAML document"));
				yaml_event_delete(&ev);
				goto fail;
			}
			yaml_event_delete(&ev);
			continue;
		}
		if (t == YAML_STREAM_START_EVENT || t == YAML_DOCUMENT_END_EVENT) {
			yaml_event_delete(&ev);
			continue;
		}
		d->root = parse_node(&l, &ev, 1);
		if (!d->root)
			goto fail;
	}
	yaml_parser_delete(&l.parser);
	*out = d;
	return 0;
fail:
	yaml_parser_delete(&l.parser);
	ydoc_free(d);
	*errstr = l.err ? l.err : xasprintf(_("%s: cannot parse YAML"), name);
	return EX_DATAERR;
}

int ydoc_load_file(const char *path, struct ydoc **out, char **errstr)
{
	char *data;
	size_t len;
	int rc = file_read(path, YDOC_MAX_FILE, &data, &len, errstr);
	if (rc)
		return rc;
	rc = ydoc_load_mem(path, data, len, out, errstr);
	free(data);
	return rc;
}

void ydoc_free(struct ydoc *d)
{
	if (!d)
		return;
	ynode_free(d->root);
	free(d->file);
	free(d);
}

const struct ynode *ynode_key(const struct ynode *map, const char *key)
{
	if (!map || map->type != YNODE_MAP)
		return NULL;
	for (size_t i = 0; i < map->n; i++)
		if (strcmp(map->keys[i]->str, key) == 0)
			return map->keys[i];
	return NULL;
}

const struct ynode *ynode_getn(const struct ynode *map, const char *key, size_t n)
{
	if (!map || map->type != YNODE_MAP)
		return NULL;
	for (size_t i = 0; i < map->n; i++)
		if (map->keys[i]->len == n && memcmp(map->keys[i]->str, key, n) == 0)
			return map->items[i];
	return NULL;
}

const struct ynode *ynode_get(const struct ynode *map, const char *key)
{
	return ynode_getn(map, key, strlen(key));
}

const struct ynode *ynode_get_path(const struct ynode *root, const char *path)
{
	const struct ynode *n = root;
	for (;;) {
		const char *dot = strchr(path, '.');
		n = ynode_getn(n, path, dot ? (size_t)(dot - path) : strlen(path));
		if (!n || !dot)
			return n;
		path = dot + 1;
	}
}

int ynode_is_null(const struct ynode *n)
{
	if (!n)
		return 1;
	if (n->type != YNODE_SCALAR || !n->plain)
		return 0;
	return n->str[0] == '\0' || strcmp(n->str, "~") == 0 || strcmp(n->str, "null") == 0 ||
	       strcmp(n->str, "Null") == 0 || strcmp(n->str, "NULL") == 0;
}

int ynode_bool(const struct ynode *n)
{
	if (!n || n->type != YNODE_SCALAR || !n->plain)
		return -1;
	static const char *const yes[] = { "true", "yes", "on" };
	static const char *const no[] = { "false", "no", "off" };
	for (size_t i = 0; i < 3; i++) {
		if (strcasecmp(n->str, yes[i]) == 0)
			return 1;
		if (strcasecmp(n->str, no[i]) == 0)
			return 0;
	}
	return -1;
}

const char *ynode_scalar(const struct ynode *n)
{
	return n && n->type == YNODE_SCALAR ? n->str : NULL;
}

const char *ynode_type_name(enum ynode_type t)
{
	switch (t) {
	case YNODE_SCALAR:
		return _("a value");
	case YNODE_SEQ:
		return _("a list");
	case YNODE_MAP:
		return _("a mapping");
	}
	return "?";
}

char *ydoc_err(const struct ydoc *d, const struct ynode *n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *r = diag_vat(d->file, n ? n->line : 0, n ? n->col : 0, fmt, ap);
	va_end(ap);
	return r;
}

/* Building. */

struct ynode *ynode_new_str(const char *s)
{
	struct ynode *n = node_new(YNODE_SCALAR, NULL, 0);
	n->str = xstrdup(s);
	n->len = strlen(s);
	return n;
}

struct ynode *ynode_new_plain(const char *s)
{
	struct ynode *n = ynode_new_str(s);
	n->plain = 1;
	return n;
}

struct ynode *ynode_new_seq(void)
{
	return node_new(YNODE_SEQ, NULL, 0);
}

struct ynode *ynode_new_map(void)
{
	return node_new(YNODE_MAP, NULL, 0);
}

struct ynode *ynode_seq_add(struct ynode *seq, struct ynode *v)
{
	push(seq, NULL, v);
	return v;
}

struct ynode *ynode_map_add(struct ynode *map, const char *key, struct ynode *v)
{
	push(map, ynode_new_str(key), v);
	return v;
}

struct ynode *ynode_map_set(struct ynode *map, const char *key, struct ynode *v)
{
	for (size_t i = 0; i < map->n; i++) {
		if (strcmp(map->keys[i]->str, key) == 0) {
			ynode_free(map->items[i]);
			map->items[i] = v;
			return v;
		}
	}
	return ynode_map_add(map, key, v);
}

struct ynode *ynode_map_adds(struct ynode *map, const char *key, const char *s)
{
	return ynode_map_add(map, key, ynode_new_str(s));
}

struct ynode *ynode_clone(const struct ynode *n)
{
	if (!n)
		return NULL;
	struct ynode *c = xcalloc(1, sizeof *c);
	c->type = n->type;
	c->line = n->line;
	c->col = n->col;
	c->plain = n->plain;
	if (n->type == YNODE_SCALAR) {
		c->str = xstrdup(n->str);
		c->len = n->len;
		return c;
	}
	for (size_t i = 0; i < n->n; i++)
		push(c, n->type == YNODE_MAP ? ynode_clone(n->keys[i]) : NULL,
		     ynode_clone(n->items[i]));
	return c;
}

void ynode_free(struct ynode *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->n; i++) {
		ynode_free(n->items[i]);
		if (n->keys)
			ynode_free(n->keys[i]);
	}
	free(n->items);
	free(n->keys);
	free(n->str);
	free(n);
}

/* Emitting. */

static int write_handler(void *data, unsigned char *buffer, size_t size)
{
	return buf_add(data, buffer, size) == 0;
}

static int emit_node(yaml_emitter_t *em, const struct ynode *n, int depth)
{
	yaml_event_t ev;
	if (depth > YDOC_MAX_DEPTH)
		return 0;
	switch (n->type) {
	case YNODE_SCALAR:
		if (!yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)n->str,
						  (int)n->len, n->plain, !n->plain,
						  n->plain ? YAML_PLAIN_SCALAR_STYLE
							   : YAML_ANY_SCALAR_STYLE))
			return 0;
		return yaml_emitter_emit(em, &ev);
	case YNODE_SEQ:
		if (!yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE) ||
		    !yaml_emitter_emit(em, &ev))
			return 0;
		for (size_t i = 0; i < n->n; i++)
			if (!emit_node(em, n->items[i], depth + 1))
				return 0;
		if (!yaml_sequence_end_event_initialize(&ev))
			return 0;
		return yaml_emitter_emit(em, &ev);
	case YNODE_MAP:
		if (!yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE) ||
		    !yaml_emitter_emit(em, &ev))
			return 0;
		for (size_t i = 0; i < n->n; i++) {
			struct ynode key = *n->keys[i];
			key.plain = 1;	/* keys are objector's own names */
			if (!emit_node(em, &key, depth + 1) || !emit_node(em, n->items[i], depth + 1))
				return 0;
		}
		if (!yaml_mapping_end_event_initialize(&ev))
			return 0;
		return yaml_emitter_emit(em, &ev);
	}
	return 0;
}

int ydoc_emit(const struct ynode *root, struct buf *out, char **errstr)
{
	yaml_emitter_t em;
	yaml_event_t ev;
	size_t start = out->len;
	if (!yaml_emitter_initialize(&em))
		xalloc_die();
	yaml_emitter_set_output(&em, write_handler, out);
	yaml_emitter_set_unicode(&em, 1);
	yaml_emitter_set_width(&em, -1);
	yaml_emitter_set_break(&em, YAML_LN_BREAK);
	int ok = yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING) &&
		 yaml_emitter_emit(&em, &ev) &&
		 yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 0) &&
		 yaml_emitter_emit(&em, &ev) &&
		 emit_node(&em, root, 1) &&
		 yaml_document_end_event_initialize(&ev, 0) &&
		 yaml_emitter_emit(&em, &ev) &&
		 yaml_stream_end_event_initialize(&ev) &&
		 yaml_emitter_emit(&em, &ev) &&
		 yaml_emitter_flush(&em);
	if (!ok) {
		*errstr = xasprintf(_("cannot write YAML: %s"),
				    em.problem ? em.problem : "output too large or invalid value");
		yaml_emitter_delete(&em);
		buf_truncate(out, start);
		return EX_DATAERR;
	}
	yaml_emitter_delete(&em);
	return 0;
}
