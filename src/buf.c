/* SPDX-License-Identifier: GPL-3.0-or-later */
/* buf.c: growable, size-limited buffers; see buf.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "xalloc.h"

char buf_empty[1];

void buf_init(struct buf *b, size_t max)
{
	b->data = buf_empty;
	b->len = 0;
	b->cap = 0;
	b->max = max ? max : BUF_DEFAULT_MAX;
}

static int grow(struct buf *b, size_t extra)
{
	if (extra > b->max || b->len > b->max - extra)
		return -1;
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return 0;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > ((size_t)-1) / 2 ? need : cap * 2;
	if (b->cap == 0) {
		b->data = xmalloc(cap);
		b->data[0] = '\0';
	} else {
		b->data = xrealloc(b->data, cap);
	}
	b->cap = cap;
	return 0;
}

int buf_add(struct buf *b, const void *p, size_t n)
{
	if (n == 0)
		return 0;
	if (grow(b, n) < 0)
		return -1;
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

int buf_adds(struct buf *b, const char *s)
{
	return buf_add(b, s, strlen(s));
}

int buf_addc(struct buf *b, int c)
{
	char ch = (char)c;
	return buf_add(b, &ch, 1);
}

int buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return -1;
	if (grow(b, (size_t)n) < 0)
		return -1;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return 0;
}

int buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = buf_vprintf(b, fmt, ap);
	va_end(ap);
	return r;
}

void buf_truncate(struct buf *b, size_t n)
{
	if (n < b->len) {
		b->len = n;
		b->data[n] = '\0';
	}
}

char *buf_detach(struct buf *b, size_t *len)
{
	char *p = b->cap ? b->data : xstrdup("");
	if (len)
		*len = b->len;
	buf_init(b, b->max);
	return p;
}

void buf_free(struct buf *b)
{
	if (b->cap)
		free(b->data);
	buf_init(b, b->max);
}

int buf_expand(struct buf *b, const char *tmpl, const char *const *kv)
{
	size_t start = b->len;
	for (const char *p = tmpl; *p; p++) {
		if (*p == '{') {
			const char *end = strchr(p + 1, '}');
			size_t n = end ? (size_t)(end - p - 1) : 0;
			const char *const *k = kv;
			for (; end && k && *k; k += 2)
				if (strlen(k[0]) == n && strncmp(p + 1, k[0], n) == 0)
					break;
			if (end && k && *k) {
				if (buf_adds(b, k[1] ? k[1] : "") < 0)
					goto fail;
				p = end;
				continue;
			}
		}
		if (buf_addc(b, *p) < 0)
			goto fail;
	}
	return 0;
fail:
	buf_truncate(b, start);
	return -1;
}

void buf_must(int rc, const char *file, int line)
{
	if (rc >= 0)
		return;
	fprintf(stderr, "objector: internal error: a text grew past its limit at %s:%d\n", file, line);
	exit(70);	/* EX_SOFTWARE */
}
