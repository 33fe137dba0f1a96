/* term.c: text from outside made safe for a terminal; see term.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "term.h"
#include "xalloc.h"

/* utf8_len: the length of the valid UTF-8 sequence at s (1..4), or 0. */
static size_t utf8_len(const unsigned char *s)
{
	unsigned c = s[0];
	size_t n;
	unsigned min;
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		n = 2, min = 0x80;
	else if (c >= 0xE0 && c <= 0xEF)
		n = 3, min = 0x800;
	else if (c >= 0xF0 && c <= 0xF4)
		n = 4, min = 0x10000;
	else
		return 0;
	unsigned cp = c & (0x7F >> n);
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return n;
}

char *term_safe(const char *s)
{
	struct buf b = BUF_INIT;
	const unsigned char *p = (const unsigned char *)s;
	int ok = 0;
	while (*p) {
		size_t n = utf8_len(p);
		char esc[16];
		if (n == 1 && ((*p < 0x20 && *p != '\n' && *p != '\t') || *p == 0x7F)) {
			snprintf(esc, sizeof esc, "\\x%02x", *p);
			ok |= buf_adds(&b, esc);
			p++;
		} else if (n == 2 && p[0] == 0xC2 && p[1] < 0xA0) {
			snprintf(esc, sizeof esc, "U+%04X", p[1]);
			ok |= buf_adds(&b, esc);
			p += 2;
		} else if (n == 0) {
			snprintf(esc, sizeof esc, "\\x%02x", *p);
			ok |= buf_adds(&b, esc);
			p++;
		} else {
			ok |= buf_add(&b, p, n);
			p += n;
		}
	}
	if (ok < 0)
		xalloc_die();
	return buf_detach(&b, NULL);
}

int term_vprintf(FILE *f, const char *fmt, va_list ap)
{
	char *raw = xvasprintf(fmt, ap);
	char *safe = term_safe(raw);
	int r = fputs(safe, f);
	free(raw);
	free(safe);
	return r;
}

int term_printf(FILE *f, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = term_vprintf(f, fmt, ap);
	va_end(ap);
	return r;
}
