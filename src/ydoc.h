/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ydoc.h: YAML documents as trees whose nodes know where they came from.
 *
 * The only module that includes <yaml.h>. A loaded document is one tree of
 * nodes owned by its struct ydoc: every node, key and string lives until
 * ydoc_free(). Scalars are strings (libyaml types nothing: "465" is a
 * string; callers decide). Keys of a mapping are scalars, unique (a
 * duplicate is an error). Anchors, aliases and tags other than the core ones
 * are refused: the files objector reads are small and written by people,
 * and an alias is the door to "billion laughs".
 *
 * Nodes built with ynode_new_* (for writing) are owned by whoever holds the
 * root: ynode_free() releases a whole tree. A loaded tree is made of the same
 * nodes; ydoc_free() releases it, so never ynode_free() a node of a document.
 *
 * Status codes are sysexits values; *errstr is set only on failure, to an
 * allocated "FILE:LINE:COL: message".
 */
#ifndef OBJECTOR_YDOC_H
#define OBJECTOR_YDOC_H

#include <stddef.h>

struct buf;

enum ynode_type { YNODE_SCALAR, YNODE_SEQ, YNODE_MAP };

struct ynode {
	enum ynode_type type;
	int line, col;		/* 1-based; 0 for built nodes */
	char *str;		/* SCALAR: the value, UTF-8, NUL-terminated */
	size_t len;		/* SCALAR: its length in bytes (a NUL inside is refused) */
	int plain;		/* SCALAR: written without quotes (so "~", "null" mean null) */
	size_t n;		/* SEQ: items; MAP: pairs */
	struct ynode **items;	/* SEQ: the items; MAP: the values */
	struct ynode **keys;	/* MAP: the keys (scalars), parallel to items */
};

struct ydoc {
	char *file;		/* name used in messages */
	struct ynode *root;	/* NULL for an empty document */
};

/* Limits on what a document may hold; hostile input fails with a message. */
#define YDOC_MAX_FILE   (1u << 20)	/* bytes */
#define YDOC_MAX_DEPTH  32
#define YDOC_MAX_NODES  100000
#define YDOC_MAX_SCALAR (256u << 10)	/* bytes in one scalar */

/* ydoc_load_file: read and parse one YAML document (a second is an error).
 * EX_NOINPUT (missing or unreadable), EX_DATAERR (syntax, limits, duplicate
 * keys), EX_IOERR. */
int ydoc_load_file(const char *path, struct ydoc **out, char **errstr);
/* ydoc_load_mem: the same from memory; name is used in messages. */
int ydoc_load_mem(const char *name, const char *data, size_t len, struct ydoc **out,
		  char **errstr);
/* ydoc_load_mem_at: the same for text cut out of a larger file whose first
 * line is line line1 of that file (>= 1), so that positions are the
 * file's, a document over the size limit included. */
int ydoc_load_mem_at(const char *name, int line1, const char *data, size_t len,
		     struct ydoc **out, char **errstr);
void ydoc_free(struct ydoc *d);

/* Look-ups (NULL-safe: a NULL node gives NULL/0). */
/* ynode_get: the value for key in a mapping, or NULL (absent or not a map). */
const struct ynode *ynode_get(const struct ynode *map, const char *key);
/* ynode_getn: the same for a key given as n bytes (not NUL-terminated). */
const struct ynode *ynode_getn(const struct ynode *map, const char *key, size_t n);
/* ynode_get_path: the node at a dotted key path ("requester.address"),
 * walking mappings from root; NULL if any step is absent or not a map. */
const struct ynode *ynode_get_path(const struct ynode *root, const char *path);
/* ynode_key: the key node for key in a mapping (for its position), or NULL. */
const struct ynode *ynode_key(const struct ynode *map, const char *key);
/* ynode_is_null: absent, or a plain "", "~", "null", "Null", "NULL". */
int ynode_is_null(const struct ynode *n);
/* ynode_bool: 1 for plain true/yes/on, 0 for false/no/off (any case), -1 otherwise. */
int ynode_bool(const struct ynode *n);
/* ynode_scalar: the string of a scalar node, else NULL. */
const char *ynode_scalar(const struct ynode *n);
const char *ynode_type_name(enum ynode_type t);

/* ydoc_err: an allocated "FILE:LINE:COL: message" at node n (or the file). */
char *ydoc_err(const struct ydoc *d, const struct ynode *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Building trees (for writing). Strings are copied. Adding to a map does
 * not check for duplicates: the caller builds each key once. */
struct ynode *ynode_new_str(const char *s);
/* ynode_new_plain: a scalar emitted without quotes (numbers, booleans, dates
 * objector itself writes); never use it for user data. */
struct ynode *ynode_new_plain(const char *s);
struct ynode *ynode_new_seq(void);
struct ynode *ynode_new_map(void);
/* ynode_seq_add / ynode_map_add take ownership of the added nodes; return v. */
struct ynode *ynode_seq_add(struct ynode *seq, struct ynode *v);
struct ynode *ynode_map_add(struct ynode *map, const char *key, struct ynode *v);
/* ynode_map_set: replace key's value (freeing the old) or add it. */
struct ynode *ynode_map_set(struct ynode *map, const char *key, struct ynode *v);
struct ynode *ynode_map_adds(struct ynode *map, const char *key, const char *s);
/* ynode_clone: a deep copy as a built tree (positions kept). */
struct ynode *ynode_clone(const struct ynode *n);
void ynode_free(struct ynode *n);

/* ydoc_emit: append one YAML document ("---" ... "...") holding the tree to
 * out, UTF-8, block style, user strings always quoted so that no reader
 * re-types them. 0, or EX_SOFTWARE/EX_DATAERR with *errstr. */
int ydoc_emit(const struct ynode *root, struct buf *out, char **errstr);

#endif
