/* term.c: text from outside made safe for a terminal; see term.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "term.h"
#include "utf8.h"
#include "xalloc.h"

char *term_safe(const char *s)
{
	struct buf b = BUF_INIT;
	size_t len = strlen(s), off = 0;
	int ok = 0;
	while (off < len) {
		uint32_t c;
		size_t n = utf8_decode(s + off, len - off, &c);
		char esc[16];
		if (!n || (utf8_is_control(c) && c < 0x80 && c != '\n' && c != '\t')) {
			/* not UTF-8, C0, DEL: the byte */
			snprintf(esc, sizeof esc, "\\x%02x", (unsigned char)s[off]);
			ok |= buf_adds(&b, esc);
			off++;
		} else if (utf8_is_control(c) && c >= 0x80) {
			snprintf(esc, sizeof esc, "U+%04X", (unsigned)c);	/* C1 */
			ok |= buf_adds(&b, esc);
			off += n;
		} else {
			ok |= buf_add(&b, s + off, n);
			off += n;
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
