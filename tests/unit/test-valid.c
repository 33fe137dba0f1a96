/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-valid.c: unit tests of the field rules (valid.h), with their edges. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "tap.h"
#include "valid.h"

static enum valid_code line_code(const char *s, size_t max)
{
	struct valid_problem p = { 0 };
	return valid_line(s, strlen(s), max, &p) ? p.code : VALID_OK;
}

static enum valid_code text_code(const char *s)
{
	struct valid_problem p = { 0 };
	return valid_text(s, strlen(s), VALID_MAX_TEXT, &p) ? p.code : VALID_OK;
}

static enum valid_code email_code(const char *s)
{
	struct valid_problem p = { 0 };
	return valid_email(s, &p) ? p.code : VALID_OK;
}

static void test_lines(void)
{
	is_int(line_code("Zoë Łukasiewicz-Øster", 200), VALID_OK, "a name with accents");
	is_int(line_code("王小明", 200), VALID_OK, "a CJK name");
	is_int(line_code("محمد", 200), VALID_OK, "a right-to-left name without controls");
	is_int(line_code("\xd9\x85\xe2\x80\x8c\xd9\x85", 200), VALID_OK, "U+200C (ZWNJ) is allowed");
	is_int(line_code("a\nb", 200), VALID_LINE_BREAK, "a newline");
	is_int(line_code("a\rb", 200), VALID_LINE_BREAK, "a carriage return");
	is_int(line_code("a\xe2\x80\xa8" "b", 200), VALID_LINE_BREAK, "U+2028");
	is_int(line_code("a\tb", 200), VALID_CONTROL, "a tab");
	is_int(line_code("a\x7f", 200), VALID_CONTROL, "DEL");
	is_int(line_code("a\xc2\x85" "b", 200), VALID_CONTROL, "C1 control (NEL)");
	is_int(line_code("a\xc2\x9b" "b", 200), VALID_CONTROL, "C1 control (CSI)");
	is_int(line_code("\xff", 200), VALID_NOT_UTF8, "invalid UTF-8");
	is_int(line_code("\xc0\xaf", 200), VALID_NOT_UTF8, "an overlong form");
	is_int(line_code("\xed\xa0\x80", 200), VALID_NOT_UTF8, "a surrogate");
	is_int(line_code("   ", 200), VALID_EMPTY, "blank");
	is_int(line_code("", 200), VALID_EMPTY, "empty");
	is_int(line_code("abcd", 3), VALID_TOO_LONG, "one byte over the limit");
	is_int(line_code("abc", 3), VALID_OK, "at the limit");
	is_int(line_code("\xff" "abcd", 3), VALID_NOT_UTF8, "invalid UTF-8 is named before the length");

	struct valid_problem p = { 0 };
	const char nul[] = "Ann\0Smith";
	ok(valid_line(nul, sizeof nul - 1, 200, &p) == -1 && p.code == VALID_CONTROL && p.cp == 0 &&
		   p.chr == 4 && p.off == 3, "a NUL inside is a control character, at its place");

	/* bidirectional controls, each of them */
	static const char *const bidi[] = {
		"\xe2\x80\xaa", "\xe2\x80\xab", "\xe2\x80\xac", "\xe2\x80\xad", "\xe2\x80\xae",
		"\xe2\x81\xa6", "\xe2\x81\xa7", "\xe2\x81\xa8", "\xe2\x81\xa9",
		"\xe2\x80\x8e", "\xe2\x80\x8f", "\xd8\x9c", "\xe2\x80\x8b", "\xef\xbb\xbf",
		"\xc2\xad", "\xe2\x81\xa0",
	};
	for (size_t i = 0; i < sizeof bidi / sizeof *bidi; i++) {
		char s[32];
		snprintf(s, sizeof s, "Zo%së", bidi[i]);
		is_int(line_code(s, 200), VALID_INVISIBLE, "an invisible format character refused");
	}
	ok(valid_line("Zoë \xe2\x80\xae" "abc", strlen("Zoë \xe2\x80\xae" "abc"), 200, &p) == -1 &&
		   p.code == VALID_INVISIBLE && p.cp == 0x202E && p.chr == 5 && p.off == 5,
	   "U+202E: the character and its place (character 5, byte 5)");
	char *m = valid_message(&p);
	is_str(m, "holds an invisible formatting character (U+202E) at character 5, which makes "
		  "text read differently from its bytes", "the message names the character");
	free(m);

	/* characters the fonts cannot show */
	is_int(line_code("Ann \xf0\x9f\x98\x80", 200), VALID_NO_GLYPH, "an emoji (U+1F600)");
	is_int(line_code("\xf0\xa0\x80\x80", 200), VALID_NO_GLYPH, "a CJK extension B character");
	is_int(line_code("\xee\x80\x80", 200), VALID_NO_GLYPH, "private use U+E000");
	is_int(line_code("\xef\xbf\xbf", 200), VALID_NO_GLYPH, "noncharacter U+FFFF");
	is_int(line_code("\xef\xbf\xbd", 200), VALID_OK, "U+FFFD is a character");
	ok(valid_line("ab\xf0\x9f\x98\x80", 6, 200, &p) == -1 && p.cp == 0x1F600 && p.chr == 3,
	   "the emoji's place");
}

static void test_text(void)
{
	is_int(text_code("line one\nline two\n\nline four"), VALID_OK, "free text with line breaks");
	is_int(text_code(""), VALID_OK, "empty free text is allowed (no text)");
	is_int(text_code("a\r\nb"), VALID_CONTROL, "a carriage return in free text");
	is_int(text_code("a\tb"), VALID_CONTROL, "a tab in free text");
	is_int(text_code("a\xe2\x80\xa9" "b"), VALID_INVISIBLE, "U+2029 in free text");
	is_int(text_code("a\xe2\x81\xa7" "b"), VALID_INVISIBLE, "U+2067 in free text");
	is_int(text_code("I \xe2\x9d\xa4 it"), VALID_OK, "U+2764 (a BMP symbol) is allowed");
	is_int(text_code("I \xf0\x9f\x92\x94 it"), VALID_NO_GLYPH, "U+1F494 in free text");
	struct valid_problem p;
	ok(valid_text("abcd", 4, 3, &p) == -1 && p.code == VALID_TOO_LONG, "free text over its limit");
}

static void test_email(void)
{
	is_int(email_code("zoe@example.org"), VALID_OK, "plain address");
	is_int(email_code("first.last+tag@sub.example.co.uk"), VALID_OK, "dots, plus, subdomains");
	is_int(email_code("o'brien@example.ie"), VALID_OK, "an apostrophe (atext)");
	is_int(email_code("zoe@a-b.example.org"), VALID_OK, "inner hyphen");
	is_int(email_code("zoe@xn--bcher-kva.example"), VALID_OK, "an A-label domain");
	is_int(email_code("zoe@localhost"), VALID_NOT_EMAIL, "one label (localhost) refused");
	is_int(email_code("dpo@example"), VALID_NOT_EMAIL, "no dot in the domain");
	is_int(email_code("zoe@127.0.0.1"), VALID_NOT_EMAIL, "a bare IP address");
	is_int(email_code("zoe@example.123"), VALID_NOT_EMAIL, "an all-digit last label");
	is_int(email_code("zoe@3com.example"), VALID_OK, "digits in an inner label");
	is_int(email_code("zoe(at)example.org"), VALID_NOT_EMAIL, "no @");
	is_int(email_code("zo e@example.org"), VALID_NOT_EMAIL, "space");
	is_int(email_code("zoe@example.org\r\nBcc: x@y.z"), VALID_LINE_BREAK, "CR LF");
	is_int(email_code(".zoe@example.org"), VALID_NOT_EMAIL, "leading dot");
	is_int(email_code("zoe.@example.org"), VALID_NOT_EMAIL, "trailing dot in the local part");
	is_int(email_code("z..oe@example.org"), VALID_NOT_EMAIL, "two dots");
	is_int(email_code("zoe@-example.org"), VALID_NOT_EMAIL, "label starting with a hyphen");
	is_int(email_code("zoe@example-.org"), VALID_NOT_EMAIL, "label ending with a hyphen");
	is_int(email_code("zoe@example.-org"), VALID_NOT_EMAIL, "inner label starting with a hyphen");
	is_int(email_code("zoe@example..org"), VALID_NOT_EMAIL, "empty label");
	is_int(email_code("zoe@example.org."), VALID_NOT_EMAIL, "trailing dot in the domain");
	is_int(email_code("zoe@exa_mple.org"), VALID_NOT_EMAIL, "underscore in the domain");
	is_int(email_code("@example.org"), VALID_NOT_EMAIL, "empty local part");
	is_int(email_code("zoe@"), VALID_NOT_EMAIL, "empty domain");
	is_int(email_code("zoe@@example.org"), VALID_NOT_EMAIL, "two @");
	is_int(email_code("zoë@example.org"), VALID_NOT_ASCII, "non-ASCII local part");
	is_int(email_code("zoe@\xe2\x80\xae" "gro.example"), VALID_INVISIBLE, "a bidi control");

	char local[80], addr[300];
	memset(local, 'a', 64);
	local[64] = '\0';
	snprintf(addr, sizeof addr, "%s@example.org", local);
	is_int(email_code(addr), VALID_OK, "a 64-byte local part");
	memset(local, 'a', 65);
	local[65] = '\0';
	snprintf(addr, sizeof addr, "%s@example.org", local);
	is_int(email_code(addr), VALID_NOT_EMAIL, "a 65-byte local part");
	/* 254 bytes in all: a@ + 4 labels of 63 = 2 + 252 - ... built exactly */
	char dom[260];
	memset(dom, 'b', sizeof dom);
	dom[63] = dom[127] = dom[191] = '.';
	size_t dl = 254 - 2;		/* "a@" + domain = 254 */
	dom[dl] = '\0';
	snprintf(addr, sizeof addr, "a@%s", dom);
	is_int((long)strlen(addr), 254, "(the address is 254 bytes)");
	is_int(email_code(addr), VALID_OK, "254 bytes in all");
	snprintf(addr, sizeof addr, "ab@%s", dom);
	is_int(email_code(addr), VALID_NOT_EMAIL, "255 bytes in all");
	char lab[80];
	memset(lab, 'c', 64);
	lab[64] = '\0';
	snprintf(addr, sizeof addr, "a@%s.org", lab);
	is_int(email_code(addr), VALID_NOT_EMAIL, "a 64-character label");
}

static void test_tags_codes_dates(void)
{
	ok(valid_language_tag("en"), "en");
	ok(valid_language_tag("fr-CA"), "fr-CA");
	ok(valid_language_tag("zh-Hant"), "zh-Hant");
	ok(valid_language_tag("sr-Latn-RS"), "sr-Latn-RS");
	ok(valid_language_tag("es-419"), "es-419");
	ok(valid_language_tag("de-CH-1996-x-private-use-abcdefghi"), "a long tag");
	ok(valid_language_tag("abcdefghij-abcdefghij-abcdefghij-ab"), "35 characters");
	ok(!valid_language_tag("abcdefghij-abcdefghij-abcdefghij-abc"), "36 characters");
	ok(!valid_language_tag("e"), "one character");
	ok(!valid_language_tag(""), "empty");
	ok(!valid_language_tag("-en"), "leading hyphen");
	ok(!valid_language_tag("en-"), "trailing hyphen");
	ok(!valid_language_tag("en--GB"), "two hyphens");
	ok(!valid_language_tag("1en"), "starts with a digit");
	ok(!valid_language_tag("en_GB"), "underscore");
	ok(!valid_language_tag("../etc"), "a path");
	ok(!valid_language_tag("de/../../x"), "a path inside");

	ok(valid_country_code("DE"), "DE");
	ok(!valid_country_code("de"), "lower case");
	ok(!valid_country_code("D"), "one letter");
	ok(!valid_country_code("DEU"), "three letters");
	ok(!valid_country_code("D1"), "a digit");
	ok(!valid_country_code(""), "empty");

	struct date d;
	ok(valid_date("2026-11-29", &d) && d.y == 2026 && d.m == 11 && d.d == 29, "a date");
	ok(valid_date("2028-02-29", NULL), "29 February of a leap year");
	ok(!valid_date("2026-02-29", NULL), "29 February of a common year");
	ok(!valid_date("2026-13-01", NULL), "month 13");
	ok(!valid_date("1899-12-31", NULL), "before 1900");
	ok(!valid_date("2026-1-1", NULL), "not zero-padded");
	ok(!valid_date("2026-11-29 ", NULL), "a trailing blank");
	ok(!valid_date("29.11.2026", NULL), "another format");
}

int main(void)
{
	test_lines();
	test_text();
	test_email();
	test_tags_codes_dates();
	return done_testing();
}
