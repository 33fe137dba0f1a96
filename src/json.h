/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * json.h: writing JSON (RFC 8259) into a buffer, for `log --format json`.
 *
 * A writer puts values one after the other; it adds the commas, the
 * newlines and two spaces of indentation per level itself, so the output
 * reads like `python3 -m json.tool`'s. Keys and values are written in the
 * order they are given (callers keep a stable order). Pure: no I/O.
 *
 * Strings are UTF-8. The output is ASCII-safe for a terminal: '"' and '\'
 * are escaped, the control characters U+0000..U+001F, DEL and the C1
 * controls U+0080..U+009F (and U+2028, U+2029) are written as \u00XX
 * escapes, so a JSON reader gets those characters back exactly; every
 * other character is written as it is. A byte that is not UTF-8 cannot be
 * written in JSON: it becomes the four characters \xHH (a backslash, "x"
 * and two lower-case hex digits, itself escaped as "\\xff"), as term.h
 * shows it on a terminal.
 */
#ifndef OBJECTOR_JSON_H
#define OBJECTOR_JSON_H

#include "buf.h"

#define JSON_MAX_DEPTH 16

struct json {
	struct buf *b;		/* borrowed */
	int depth;
	int count[JSON_MAX_DEPTH];	/* values written at each level */
	int after_key;
	int failed;		/* the buffer's limit was reached: what was
				 * written is cut short */
};

void json_init(struct json *w, struct buf *b);
void json_begin_object(struct json *w);
void json_end_object(struct json *w);
void json_begin_array(struct json *w);
void json_end_array(struct json *w);
/* json_key: the key of the next value, in an object. */
void json_key(struct json *w, const char *key);
void json_string(struct json *w, const char *s);
void json_int(struct json *w, long v);
void json_bool(struct json *w, int v);
/* json_end: the final newline, after the outermost value. */
void json_end(struct json *w);
/* json_escape: s as a JSON string, quotes included, appended to b; -1
 * past the buffer's limit. */
int json_escape(struct buf *b, const char *s);

#endif
