/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * conv.c: UTF-8 walking (on top of utf8_decode) and iconv conversions from
 * UTF-8; see conv.h.
 *
 * glibc's iconv reports a character the target set lacks as EILSEQ at its
 * position, which is what conv_fits and conv_run rely on; //TRANSLIT and
 * //IGNORE are never used (they depend on the locale or hide failures).
 */
#include "config.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "conv.h"
#include "utf8.h"
#include "xalloc.h"

struct conv {
	iconv_t cd;
};

int conv_utf8_next(const char **p, const char *end, uint32_t *cp)
{
	size_t len = utf8_decode(*p, (size_t)(end - *p), cp);
	if (len == 0) {
		*cp = (unsigned char)**p;
		*p += 1;
		return -1;
	}
	*p += len;
	return (int)len;
}

size_t conv_utf8_check(const char *s, size_t n)
{
	const char *p = s, *end = s + n;
	uint32_t cp;

	while (p < end) {
		const char *at = p;
		if (conv_utf8_next(&p, end, &cp) < 0)
			return (size_t)(at - s);
	}
	return n;
}

int conv_utf8_put(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;

	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp >= 0xD800 && cp <= 0xDFFF)
		return 0;
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	if (cp <= 0x10FFFF) {
		o[0] = (unsigned char)(0xF0 | (cp >> 18));
		o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
		o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[3] = (unsigned char)(0x80 | (cp & 0x3F));
		return 4;
	}
	return 0;
}

struct conv *conv_open(const char *charset)
{
	iconv_t cd = iconv_open(charset, "UTF-8");
	if (cd == (iconv_t)-1)
		return NULL;
	struct conv *c = xmalloc(sizeof *c);
	c->cd = cd;
	return c;
}

void conv_close(struct conv *c)
{
	if (!c)
		return;
	iconv_close(c->cd);
	free(c);
}

/* run: the conversion loop; with out == NULL the output is discarded. */
static enum conv_status run(struct conv *c, const char *s, size_t n, struct buf *out,
			    size_t *bad)
{
	char tmp[512];
	char *in = (char *)s;	/* iconv's prototype is not const-correct */
	size_t inleft = n;
	enum conv_status st = CONV_OK;

	iconv(c->cd, NULL, NULL, NULL, NULL);
	while (inleft > 0) {
		char *o = tmp;
		size_t oleft = sizeof tmp;
		size_t r = iconv(c->cd, &in, &inleft, &o, &oleft);
		int e = errno;
		if (out && buf_add(out, tmp, (size_t)(o - tmp)) < 0)
			return CONV_TOOLONG;
		if (r != (size_t)-1)
			continue;
		if (e == E2BIG)
			continue;
		if (e == EILSEQ) {
			/* glibc says EILSEQ both for invalid input and for an
			 * unmappable character: look at the input to tell. */
			const char *p = in;
			uint32_t cp;
			st = conv_utf8_next(&p, s + n, &cp) < 0 ? CONV_INVALID : CONV_UNMAPPABLE;
		} else {
			st = CONV_INVALID;	/* EINVAL: cut off in the middle of a character */
		}
		if (bad)
			*bad = (size_t)(in - s);
		return st;
	}
	char *o = tmp;
	size_t oleft = sizeof tmp;
	iconv(c->cd, NULL, NULL, &o, &oleft);	/* shift sequences; none for code pages */
	if (out && buf_add(out, tmp, (size_t)(o - tmp)) < 0)
		return CONV_TOOLONG;
	return st;
}

enum conv_status conv_run(struct conv *c, const char *s, size_t n, struct buf *out, size_t *bad)
{
	return run(c, s, n, out, bad);
}

int conv_fits(struct conv *c, const char *s, size_t n)
{
	return run(c, s, n, NULL, NULL) == CONV_OK;
}
