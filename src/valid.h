/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * valid.h: one rule for each kind of field a person types, used by the
 * answers file (answers.c), the questionnaire of `objector new`
 * (questionnaire.c) and the addresses given to `send` (mail.c).
 *
 * A pure module: no I/O, no catalogue, no locale. Whether a country code or
 * a jurisdiction exists is the catalogue's question; here is only whether a
 * value has the shape of one. The rules:
 *
 * - Characters (every kind of text below): valid UTF-8, and none of
 *     control characters: U+0000..U+001F (a NUL too), U+007F, U+0080..U+009F
 *       (a line break only where the kind allows it: free text);
 *     invisible format characters: the bidirectional embeddings, overrides
 *       and isolates U+202A..U+202E and U+2066..U+2069, the marks U+200E,
 *       U+200F and U+061C, and U+00AD, U+180E, U+200B, U+2060..U+2064,
 *       U+206A..U+206F, U+FEFF, U+FFF9..U+FFFB: they make a letter or a mail
 *       header read differently from its bytes (U+200C and U+200D, the
 *       joiners some scripts need, are allowed);
 *     characters the letter's fonts cannot show: anything above U+FFFF
 *       (emoji; libharu drops them), private use U+E000..U+F8FF and the
 *       noncharacters U+FDD0..U+FDEF, U+FFFE, U+FFFF;
 *     the line and paragraph separators U+2028 and U+2029 (use a line break
 *       in free text, none in a line).
 * - A line (names, postal address lines, account or profile address, place,
 *   and every other one-line answer): the characters above, no line break,
 *   not blank, at most max bytes (VALID_MAX_LINE for a name or an address
 *   line). A postal address is 1..VALID_MAX_ADDRESS_LINES such lines. An
 *   account is a line as well (a profile address or a user name: what the
 *   company needs to find the person, in any form).
 * - Free text (reasons): the characters above, line breaks allowed, at most
 *   VALID_MAX_TEXT bytes; blank is allowed (it counts as no text).
 * - An e-mail address: an RFC 5321 addr-spec in ASCII, local@domain, at most
 *   254 bytes. The local part is a dot-atom of at most 64 bytes (letters,
 *   digits and !#$%&'*+-/=?^_`{|}~, dots between them, no quoted strings).
 *   The domain has at least two labels (a letter goes to a company on the
 *   Internet: "localhost" or "intranet" are no addresses there), each of
 *   1..63 letters, digits and '-' not starting or ending with '-', and the
 *   last label is not all digits (no bare IP addresses).
 * - A language tag: ASCII letters and digits in subtags joined by single
 *   '-', starting with a letter, 2..35 characters (RFC 5646's minimum
 *   buffer; the full BCP 47 grammar is not checked: a tag objector has no
 *   words for falls back to English). Nothing else reaches a file name.
 * - A country code: two ASCII capital letters (ISO 3166-1 alpha-2 shape).
 * - A date: "YYYY-MM-DD" naming a real day, years 1900..9999 (date_parse).
 *
 * Problems are reported as a code, an English phrase that completes
 * "'KEY' ..." or "That answer ...", and for a character problem the
 * character and its place, so that callers can point at it.
 */
#ifndef OBJECTOR_VALID_H
#define OBJECTOR_VALID_H

#include <stddef.h>
#include <stdint.h>

struct date;

#define VALID_MAX_LINE 200		/* bytes in a name, an address line, an account */
#define VALID_MAX_TEXT 20000		/* bytes of free text (reasons) */
#define VALID_MAX_ADDRESS_LINES 8	/* lines of a postal address */
#define VALID_MAX_EMAIL 254		/* bytes of an e-mail address */
#define VALID_MAX_LANGUAGE_TAG 35	/* characters of a language tag */

enum valid_code {
	VALID_OK = 0,
	VALID_EMPTY,		/* blank */
	VALID_TOO_LONG,		/* over the limit in bytes */
	VALID_NOT_UTF8,		/* at off: an invalid byte */
	VALID_LINE_BREAK,	/* a line break (or U+2028/U+2029) in a line */
	VALID_CONTROL,		/* at off: a control character (cp, chr) */
	VALID_INVISIBLE,	/* at off: an invisible format character (cp, chr) */
	VALID_NO_GLYPH,		/* at off: a character no letter font shows (cp, chr) */
	VALID_NOT_EMAIL,	/* not an e-mail address */
	VALID_NOT_ASCII,	/* an e-mail address with a non-ASCII character */
};

struct valid_problem {
	enum valid_code code;
	size_t off;		/* byte offset of the offending byte or character */
	size_t chr;		/* its 1-based character number (0 when not about a character) */
	uint32_t cp;		/* the character, for CONTROL, INVISIBLE, NO_GLYPH */
};

/* valid_line: s[0..len) as a one-line answer of at most max bytes.
 * 0, or -1 with *p filled. len counts a NUL inside (refused as a control). */
int valid_line(const char *s, size_t len, size_t max, struct valid_problem *p);
/* valid_text: s[0..len) as free text of at most max bytes (line breaks
 * allowed, blank allowed). 0, or -1 with *p filled. */
int valid_text(const char *s, size_t len, size_t max, struct valid_problem *p);
/* valid_email: s as an e-mail address (the rule above). 0, or -1 with *p
 * filled (VALID_NOT_ASCII or VALID_NOT_EMAIL, or a character problem). */
int valid_email(const char *s, struct valid_problem *p);
/* valid_language_tag, valid_country_code, valid_date: 1 when s has the
 * shape; valid_date also fills *out when out is not NULL. */
int valid_language_tag(const char *s);
int valid_country_code(const char *s);
int valid_date(const char *s, struct date *out);

/* valid_why: the static English phrase for a code ("is too long", "holds
 * a control character"); it completes "'KEY' ..." and "That answer ...". */
const char *valid_why(enum valid_code code);
/* valid_message: the phrase with the character when there is one: "holds
 * an invisible formatting character (U+202E) at character 5, which ...".
 * Caller frees. */
char *valid_message(const struct valid_problem *p);
/* valid_char_name: "U+202E" for cp into out (at least 9 bytes); returns out. */
char *valid_char_name(uint32_t cp, char out[9]);

#endif
