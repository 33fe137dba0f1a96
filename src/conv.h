/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * conv.h: UTF-8 checks and character set conversions.
 *
 * The only module that includes <iconv.h>. UTF-8 here is strict: no
 * overlong forms, no surrogates, nothing above U+10FFFF. A struct conv is
 * an iconv descriptor from UTF-8 to one target character set, owned by the
 * caller and released with conv_close(); it is not thread-safe.
 */
#ifndef OBJECTOR_CONV_H
#define OBJECTOR_CONV_H

#include <stddef.h>
#include <stdint.h>

struct buf;

/* conv_utf8_next: decode the character at *p (p < end) into *cp and advance
 * *p past it. Returns its length in bytes (1..4), or -1 for invalid UTF-8
 * (then *cp is the offending byte and *p moves on by one byte). */
int conv_utf8_next(const char **p, const char *end, uint32_t *cp);
/* conv_utf8_check: the offset of the first invalid byte of s[0..n), or n
 * when all of it is valid UTF-8. */
size_t conv_utf8_check(const char *s, size_t n);
/* conv_utf8_put: write cp as UTF-8 into out (at least 4 bytes); returns the
 * number of bytes written, 0 for a value that is not a character. */
int conv_utf8_put(uint32_t cp, char *out);

enum conv_status {
	CONV_OK = 0,
	CONV_UNMAPPABLE,	/* a valid character the target set lacks */
	CONV_INVALID,		/* the input is not valid UTF-8 */
	CONV_TOOLONG,		/* the output buffer reached its size limit */
};

struct conv;

/* conv_open: a converter from UTF-8 to charset (an iconv name such as
 * "CP1252"); NULL when iconv does not know it (errno is set). */
struct conv *conv_open(const char *charset);
/* conv_run: convert s[0..n) and append the result to out. On
 * CONV_UNMAPPABLE and CONV_INVALID *bad (if not NULL) is the offset in s of
 * the character that failed and out holds what was converted before it. */
enum conv_status conv_run(struct conv *c, const char *s, size_t n, struct buf *out,
			  size_t *bad);
/* conv_fits: 1 if all of s[0..n) can be written in the converter's charset. */
int conv_fits(struct conv *c, const char *s, size_t n);
void conv_close(struct conv *c);

#endif
