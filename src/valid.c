/* SPDX-License-Identifier: GPL-3.0-or-later */
/* valid.c: the rule for each kind of field; see valid.h. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "date.h"
#include "utf8.h"
#include "valid.h"
#include "xalloc.h"

static int is_invisible(uint32_t c)
{
	return c == 0x00AD || c == 0x061C || c == 0x180E || c == 0x200B || c == 0x200E ||
	       c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x2064) ||
	       (c >= 0x2066 && c <= 0x206F) || c == 0xFEFF || (c >= 0xFFF9 && c <= 0xFFFB);
}

static int no_glyph(uint32_t c)
{
	return c > 0xFFFF || (c >= 0xE000 && c <= 0xF8FF) || (c >= 0xFDD0 && c <= 0xFDEF) ||
	       c == 0xFFFE || c == 0xFFFF;
}

static int problem(struct valid_problem *p, enum valid_code code, size_t off, size_t chr,
		   uint32_t cp)
{
	p->code = code;
	p->off = off;
	p->chr = chr;
	p->cp = cp;
	return -1;
}

/* chars: the character rule over s[0..len); newlines allowed or not. */
static int chars(const char *s, size_t len, int newlines, struct valid_problem *p)
{
	size_t off = 0, chr = 0;
	while (off < len) {
		uint32_t c;
		size_t k = utf8_decode(s + off, len - off, &c);
		chr++;
		if (!k)
			return problem(p, VALID_NOT_UTF8, off, chr, (unsigned char)s[off]);
		if (c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029) {
			if (!newlines)
				return problem(p, VALID_LINE_BREAK, off, chr, c);
			if (c != '\n')
				return problem(p, c == '\r' ? VALID_CONTROL : VALID_INVISIBLE, off, chr, c);
		} else if (utf8_is_control(c)) {
			return problem(p, VALID_CONTROL, off, chr, c);
		} else if (is_invisible(c)) {
			return problem(p, VALID_INVISIBLE, off, chr, c);
		} else if (no_glyph(c)) {
			return problem(p, VALID_NO_GLYPH, off, chr, c);
		}
		off += k;
	}
	return 0;
}

/* encoding: invalid UTF-8 is named first, then the length, then the
 * characters (the order answers files always reported them in). */
static int encoding(const char *s, size_t len, struct valid_problem *p)
{
	size_t off = 0, chr = 0;
	while (off < len) {
		uint32_t c;
		size_t k = utf8_decode(s + off, len - off, &c);
		chr++;
		if (!k)
			return problem(p, VALID_NOT_UTF8, off, chr, (unsigned char)s[off]);
		off += k;
	}
	return 0;
}

int valid_line(const char *s, size_t len, size_t max, struct valid_problem *p)
{
	if (encoding(s, len, p))
		return -1;
	if (len > max)
		return problem(p, VALID_TOO_LONG, 0, 0, 0);
	if (chars(s, len, 0, p))
		return -1;
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ')
			return 0;
	return problem(p, VALID_EMPTY, 0, 0, 0);
}

int valid_text(const char *s, size_t len, size_t max, struct valid_problem *p)
{
	if (encoding(s, len, p))
		return -1;
	if (len > max)
		return problem(p, VALID_TOO_LONG, 0, 0, 0);
	return chars(s, len, 1, p);
}

static int is_atext(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       (c && strchr("!#$%&'*+-/=?^_`{|}~", c));
}

static int is_ldh(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-';
}

int valid_email(const char *s, struct valid_problem *p)
{
	size_t len = strlen(s);
	if (chars(s, len, 0, p))
		return -1;
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80)
			return problem(p, VALID_NOT_ASCII, i, 0, 0);
	const char *at = strrchr(s, '@');
	if (!at || at == s || len > VALID_MAX_EMAIL || at - s > 64)
		return problem(p, VALID_NOT_EMAIL, 0, 0, 0);
	for (const char *c = s; c < at; c++) {
		if (*c == '.') {
			if (c == s || c[1] == '.' || c + 1 == at)
				return problem(p, VALID_NOT_EMAIL, 0, 0, 0);
		} else if (!is_atext((unsigned char)*c)) {
			return problem(p, VALID_NOT_EMAIL, 0, 0, 0);
		}
	}
	size_t labels = 0, digits_only = 0;
	const char *label = at + 1;
	for (const char *c = at + 1;; c++) {
		if (*c == '.' || *c == '\0') {
			size_t n = (size_t)(c - label);
			if (n == 0 || n > 63 || label[0] == '-' || c[-1] == '-')
				return problem(p, VALID_NOT_EMAIL, 0, 0, 0);
			labels++;
			digits_only = strspn(label, "0123456789") >= n;
			if (*c == '\0')
				break;
			label = c + 1;
		} else if (!is_ldh((unsigned char)*c)) {
			return problem(p, VALID_NOT_EMAIL, 0, 0, 0);
		}
	}
	if (labels < 2 || digits_only)
		return problem(p, VALID_NOT_EMAIL, 0, 0, 0);
	return 0;
}

int valid_language_tag(const char *s)
{
	size_t n = strlen(s);
	if (n < 2 || n > VALID_MAX_LANGUAGE_TAG)
		return 0;
	if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '-') {
			if (s[i + 1] == '-' || s[i + 1] == '\0')
				return 0;
		} else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			     (c >= '0' && c <= '9'))) {
			return 0;
		}
	}
	return 1;
}

int valid_country_code(const char *s)
{
	return s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' && s[2] == '\0';
}

int valid_date(const char *s, struct date *out)
{
	struct date d;
	if (date_parse(s, &d) < 0)
		return 0;
	if (out)
		*out = d;
	return 1;
}

const char *valid_why(enum valid_code code)
{
	switch (code) {
	case VALID_OK: return _("is valid");
	case VALID_EMPTY: return _("is empty");
	case VALID_TOO_LONG: return _("is too long");
	case VALID_NOT_UTF8: return _("is not valid UTF-8");
	case VALID_LINE_BREAK: return _("must be a single line");
	case VALID_CONTROL: return _("holds a control character");
	case VALID_INVISIBLE:
		return _("holds an invisible formatting character, which makes text read "
		       "differently from its bytes");
	case VALID_NO_GLYPH:
		return _("holds a character the letter's fonts cannot show (such as an emoji)");
	case VALID_NOT_EMAIL: return _("is not an e-mail address");
	case VALID_NOT_ASCII: return _("is not an e-mail address objector can write (non-ASCII)");
	}
	return _("is not valid");
}

char *valid_char_name(uint32_t cp, char out[9])
{
	snprintf(out, 9, "U+%04X", (unsigned)(cp & 0x1FFFFF));
	return out;
}

char *valid_message(const struct valid_problem *p)
{
	char name[9];
	valid_char_name(p->cp, name);
	switch (p->code) {
	case VALID_CONTROL:
		return xasprintf(_("holds a control character (%s) at character %zu"), name, p->chr);
	case VALID_INVISIBLE:
		return xasprintf(_("holds an invisible formatting character (%s) at character %zu, "
				 "which makes text read differently from its bytes"), name, p->chr);
	case VALID_NO_GLYPH:
		return xasprintf(_("holds %s at character %zu, which the letter's fonts cannot show "
				 "(emoji and other characters above U+FFFF are not supported)"),
				 name, p->chr);
	default:
		return xstrdup(valid_why(p->code));
	}
}
