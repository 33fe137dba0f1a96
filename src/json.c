/* SPDX-License-Identifier: GPL-3.0-or-later */
/* json.c: writing JSON; see json.h. */
#include "config.h"

#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "json.h"
#include "utf8.h"

static int add(struct buf *b, const char *s, size_t n)
{
	return buf_add(b, s, n);
}

static int adds(struct buf *b, const char *s)
{
	return add(b, s, strlen(s));
}

int json_escape(struct buf *b, const char *s)
{
	size_t len = strlen(s), off = 0;
	char esc[16];
	int r = adds(b, "\"");
	while (off < len) {
		uint32_t c;
		size_t n = utf8_decode(s + off, len - off, &c);
		if (!n) {
			snprintf(esc, sizeof esc, "\\\\x%02x", (unsigned char)s[off]);
			r |= adds(b, esc);
			off++;
			continue;
		}
		if (c == '"')
			r |= adds(b, "\\\"");
		else if (c == '\\')
			r |= adds(b, "\\\\");
		else if (c == '\n')
			r |= adds(b, "\\n");
		else if (c == '\t')
			r |= adds(b, "\\t");
		else if (c == '\r')
			r |= adds(b, "\\r");
		else if (utf8_is_control(c) || c == 0x2028 || c == 0x2029) {
			snprintf(esc, sizeof esc, "\\u%04x", (unsigned)c);
			r |= adds(b, esc);
		} else {
			r |= add(b, s + off, n);
		}
		off += n;
	}
	r |= adds(b, "\"");
	return r < 0 ? -1 : 0;
}

static void wadds(struct json *w, const char *s)
{
	if (adds(w->b, s) < 0)
		w->failed = 1;
}

void json_init(struct json *w, struct buf *b)
{
	memset(w, 0, sizeof *w);
	w->b = b;
}

static void indent(struct json *w)
{
	wadds(w, "\n");
	for (int i = 0; i < w->depth; i++)
		wadds(w, "  ");
}

/* value: what comes before a value: a comma and a new line in an array. */
static void value(struct json *w)
{
	if (w->after_key) {
		w->after_key = 0;
		return;
	}
	if (w->depth > 0) {
		if (w->count[w->depth]++)
			wadds(w, ",");
		indent(w);
	}
}

static void begin(struct json *w, const char *open)
{
	value(w);
	wadds(w, open);
	assert(w->depth + 1 < JSON_MAX_DEPTH);
	w->depth++;
	w->count[w->depth] = 0;
}

static void end(struct json *w, const char *close)
{
	int n = w->count[w->depth];
	w->depth--;
	if (n)
		indent(w);
	wadds(w, close);
}

void json_begin_object(struct json *w) { begin(w, "{"); }
void json_end_object(struct json *w) { end(w, "}"); }
void json_begin_array(struct json *w) { begin(w, "["); }
void json_end_array(struct json *w) { end(w, "]"); }

void json_key(struct json *w, const char *key)
{
	value(w);
	w->failed |= json_escape(w->b, key) < 0;
	wadds(w, ": ");
	w->after_key = 1;
}

void json_string(struct json *w, const char *s)
{
	value(w);
	w->failed |= json_escape(w->b, s) < 0;
}

void json_int(struct json *w, long v)
{
	char num[32];
	value(w);
	snprintf(num, sizeof num, "%ld", v);
	wadds(w, num);
}

void json_bool(struct json *w, int v)
{
	value(w);
	wadds(w, v ? "true" : "false");
}

void json_end(struct json *w)
{
	wadds(w, "\n");
}
