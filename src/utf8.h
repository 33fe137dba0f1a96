/*
 * utf8.h: small pure UTF-8 helpers (no iconv: see conv.h for conversions).
 */
#ifndef OBJECTOR_UTF8_H
#define OBJECTOR_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* utf8_decode: decode one character at s (n bytes available) into *cp;
 * returns its length, or 0 for an invalid or cut-off sequence (overlong
 * forms and surrogates are invalid). */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);
/* utf8_valid: the whole string is valid UTF-8. */
int utf8_valid(const char *s, size_t n);
/* utf8_strlen: characters in a valid string. */
size_t utf8_strlen(const char *s);

#endif
