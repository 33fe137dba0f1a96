/* SPDX-License-Identifier: GPL-3.0-or-later */
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
/* utf8_is_control: cp is a control character: C0 (U+0000..U+001F, line
 * breaks and tabs included), DEL (U+007F) or C1 (U+0080..U+009F). The one
 * definition valid.h refuses at the door and term.h escapes on output. */
int utf8_is_control(uint32_t cp);
/* utf8_is_cjk: cp belongs to a script written without spaces between words
 * (Chinese, Japanese): text is joined without a space across a line break
 * and may break between any two such characters. The ranges: CJK Radicals
 * and Kangxi radicals (U+2E80..2FFF), CJK Symbols and Punctuation
 * (U+3000..303F), Hiragana and Katakana (U+3040..30FF), Bopomofo
 * (U+3100..312F), Kanbun, Bopomofo Extended, CJK Strokes and Katakana
 * Phonetic Extensions (U+3190..31FF), Enclosed CJK Letters and CJK
 * Compatibility (U+3200..33FF), CJK Unified Ideographs Extension A
 * (U+3400..4DBF), CJK Unified Ideographs (U+4E00..9FFF), CJK Compatibility
 * Ideographs (U+F900..FAFF), CJK Compatibility Forms (U+FE30..FE4F),
 * Halfwidth and Fullwidth Forms (U+FF00..FFEF), and the Supplementary and
 * Tertiary Ideographic Planes (U+20000..3FFFF). Not Hangul: Korean separates
 * words with spaces, so its lines join with a space and break at spaces. */
int utf8_is_cjk(uint32_t cp);

#endif
