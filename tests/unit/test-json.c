/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-json.c: json.h (strings escaped per RFC 8259, the writer's layout)
 * and term.h's widths (term_width, term_fit, term_wrap_buf). */
#include "config.h"

#include <stdlib.h>

#include "buf.h"
#include "json.h"
#include "tap.h"
#include "term.h"

static void esc(const char *in, const char *want, const char *name)
{
	struct buf b = BUF_INIT;
	json_escape(&b, in);
	is_str(b.data, want, name);
	buf_free(&b);
}

static void fit(const char *in, size_t cols, const char *want, const char *name)
{
	char *got = term_fit(in, cols);
	is_str(got, want, name);
	free(got);
}

static void wrap(const char *in, size_t cols, size_t indent, size_t hang, const char *want,
		 const char *name)
{
	struct buf b = BUF_INIT;
	term_wrap_buf(&b, in, cols, indent, hang);
	is_str(b.data, want, name);
	buf_free(&b);
}

int main(void)
{
	esc("plain", "\"plain\"", "plain text");
	esc("a\"b\\c", "\"a\\\"b\\\\c\"", "quote and backslash");
	esc("a\nb\tc\rd", "\"a\\nb\\tc\\rd\"", "newline, tab, CR");
	esc("\x1b[31m\x07\x7f", "\"\\u001b[31m\\u0007\\u007f\"", "ESC, BEL, DEL as \\u00XX");
	esc("\xc2\x9b", "\"\\u009b\"", "C1 U+009B as \\u009b");
	esc("\xe2\x80\xa8", "\"\\u2028\"", "U+2028");
	esc("Hélène 香港 😀", "\"Hélène 香港 😀\"", "UTF-8 kept as it is");
	esc("a\xff" "b", "\"a\\\\xffb\"", "a byte that is not UTF-8: the text \\xff");
	esc("\xe2\x82", "\"\\\\xe2\\\\x82\"", "a cut-off sequence: each byte");

	struct buf b = BUF_INIT;
	struct json w;
	json_init(&w, &b);
	json_begin_array(&w);
	json_begin_object(&w);
	json_key(&w, "a");
	json_string(&w, "x");
	json_key(&w, "n");
	json_int(&w, -3);
	json_key(&w, "t");
	json_bool(&w, 1);
	json_key(&w, "l");
	json_begin_array(&w);
	json_end_array(&w);
	json_end_object(&w);
	json_begin_object(&w);
	json_end_object(&w);
	json_end_array(&w);
	json_end(&w);
	is_str(b.data, "[\n  {\n    \"a\": \"x\",\n    \"n\": -3,\n    \"t\": true,\n    \"l\": []\n  },\n  {}\n]\n",
	       "the writer's layout");
	ok(!w.failed, "not failed");
	buf_free(&b);

	struct buf small;
	buf_init(&small, 8);
	json_init(&w, &small);
	json_string(&w, "longer than eight bytes");
	ok(w.failed, "past the buffer's limit: failed");
	buf_free(&small);

	is_int((long)term_width("abc"), 3, "ASCII: one each");
	is_int((long)term_width("香港"), 4, "CJK: two each");
	is_int((long)term_width("e\xcc\x81"), 1, "a combining accent: none");
	is_int((long)term_width("ｱＡ"), 3, "halfwidth katakana 1, fullwidth A 2");
	is_int((long)term_width("\xff"), 1, "a byte that is not UTF-8: one");
	fit("abcdef", 6, "abcdef", "fits: whole");
	fit("abcdefg", 6, "abcde…", "cut: the ellipsis counts one");
	fit("香港個人資料", 6, "香港…", "CJK cut: whole characters (5 columns)");
	fit("香港個人資料", 7, "香港個…", "CJK cut at 7");
	fit("Hélène", 4, "Hél…", "Latin with accents");
	wrap("aa bb cc", 8, 0, 0, "aa bb cc\n", "wrap: fits on one line");
	wrap("aa bb cc", 5, 2, 4, "  aa\n    bb\n    cc\n", "wrap: the first line at indent, the next at hang");
	wrap("a verylongword b", 6, 0, 0, "a\nverylongword\nb\n", "wrap: a word longer than a line stands alone");
	wrap("  a   b  ", 10, 0, 0, "a b\n", "wrap: runs of spaces are one break");
	wrap("", 10, 0, 0, "\n", "wrap: empty text, one empty line");
	/* columns, not characters: 9 characters but 16 columns */
	wrap("香港香港 香港香港", 10, 0, 0, "香港香港\n香港香港\n", "wrap: CJK counted in columns");
	wrap("Zoë Łukasiewicz", 15, 0, 0, "Zoë Łukasiewicz\n", "wrap: accented letters one column each");
	return done_testing();
}
