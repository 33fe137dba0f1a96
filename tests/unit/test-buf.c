/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-buf.c: unit tests of the size-limited buffer and string vectors. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "strv.h"
#include "tap.h"

static char *expanded(const char *tmpl, const char *const *kv)
{
	struct buf b = BUF_INIT;
	if (buf_expand(&b, tmpl, kv) < 0)
		return NULL;
	return buf_detach(&b, NULL);
}

static void test_expand(void)
{
	static const char *const kv[] = { "name", "Zoë", "n", "2", "empty", NULL, NULL };
	static const struct { const char *in, *want, *what; } t[] = {
		{ "Dear {name},", "Dear Zoë,", "a name" },
		{ "{n}/{n}", "2/2", "twice" },
		{ "[{empty}]", "[]", "a NULL value is empty" },
		{ "{unknown} {name}", "{unknown} Zoë", "an unknown name stays" },
		{ "{na{name}}", "{naZoë}", "an unknown name is rescanned from its '{'" },
		{ "open { brace", "open { brace", "a '{' without '}'" },
		{ "{}", "{}", "an empty name" },
		{ "", "", "empty template" },
		{ "{{name}}", "{Zoë}", "mustache braces are not this syntax" },
	};
	for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
		char *s = expanded(t[i].in, kv);
		is_str(s, t[i].want, t[i].what);
		free(s);
	}
	char *s = expanded("{name}", NULL);
	is_str(s, "{name}", "no pairs at all");
	free(s);
	struct buf lim;
	buf_init(&lim, 6);
	ok(buf_adds(&lim, "ab") == 0, "expand: a limited buffer");
	ok(buf_expand(&lim, "x{name}yz", kv) == -1, "expand past the limit refused");
	is_str(lim.data, "ab", "a refused expansion leaves the buffer as it was");
	buf_free(&lim);
}

int main(void)
{
	test_expand();
	struct buf b = BUF_INIT;
	is_str(b.data, "", "empty buffer is an empty string");
	ok(buf_adds(&b, "abc") == 0, "append");
	ok(buf_printf(&b, "-%d-", 42) == 0, "printf");
	is_str(b.data, "abc-42-", "contents");
	is_int((long)b.len, 7, "length");
	buf_truncate(&b, 3);
	is_str(b.data, "abc", "truncate");
	buf_free(&b);

	struct buf lim;
	buf_init(&lim, 5);
	ok(buf_adds(&lim, "12345") == 0, "up to the limit");
	ok(buf_addc(&lim, 'x') == -1, "past the limit refused");
	ok(buf_printf(&lim, "%s", "y") == -1, "printf past the limit refused");
	is_str(lim.data, "12345", "refused append leaves the buffer as it was");
	size_t len;
	char *s = buf_detach(&lim, &len);
	is_str(s, "12345", "detach hands the string over");
	is_int((long)len, 5, "detach gives its length");
	is_str(lim.data, "", "detached buffer is empty");
	free(s);
	s = buf_detach(&lim, NULL);
	is_str(s, "", "detaching an empty buffer gives an owned empty string");
	free(s);

	struct strv sv = STRV_INIT;
	strv_push(&sv, "a");
	strv_push(&sv, "b");
	char *j = strv_join(&sv, ", ");
	is_str(j, "a, b", "strv_join");
	free(j);
	strv_free(&sv);
	is_int((long)sv.n, 0, "strv_free empties");
	return done_testing();
}
