/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-plan.c: unit tests of the submission plan's pure parts: fitting a
 * text to a field, and the text of a plan at 80 columns. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "catalog.h"
#include "letter.h"
#include "plan.h"
#include "tap.h"
#include "utf8.h"

static void test_fit(void)
{
	char *s = plan_fit("One. Two.", 0);
	is_str(s, "One. Two.", "no limit: as is");
	free(s);
	s = plan_fit("One. Two.", 9);
	is_str(s, "One. Two.", "a text that fits: as is");
	free(s);
	s = plan_fit("First paragraph.\n\nSecond paragraph, long.", 30);
	is_str(s, "First paragraph.", "cut at the last paragraph that fits");
	free(s);
	s = plan_fit("One sentence. Another sentence that is long.", 30);
	is_str(s, "One sentence.", "else at the last sentence");
	free(s);
	s = plan_fit("words without any full stop at all", 12);
	is_str(s, "words", "else at a word");
	free(s);
	s = plan_fit("Zoë Zoë Zoë Zoë", 8);
	is_str(s, "Zoë Zoë", "characters, not bytes");
	free(s);
	s = plan_fit("本人撤回同意。本人要求停止。", 10);
	is_str(s, "本人撤回同意。", "a CJK full stop ends a sentence");
	free(s);
	s = plan_fit("abcdefghij", 4);
	is_str(s, "abcd", "one long word: cut at the limit");
	free(s);
}

static void test_limit(void)
{
	struct cat_field f = { "Details", CAT_V_SHORT_TEXT, NULL, 0 };
	is_int(plan_field_limit(&f), LETTER_SHORT_MAX, "short text, no limit: 1,000");
	f.limit = 500;
	is_int(plan_field_limit(&f), 500, "a lower limit wins");
	f.limit = 5000;
	is_int(plan_field_limit(&f), LETTER_SHORT_MAX, "a higher one does not");
	f.value = CAT_V_NAME;
	f.limit = 0;
	is_int(plan_field_limit(&f), 0, "a name: no limit");
}

static void test_text(void)
{
	static const char *const jurs[] = { "eea" };
	static const char *const addr[] = { "Long Street Name 12345", "Dublin 2", "Ireland" };
	static const char *const srcs[] = { "notice" };
	static const struct cat_field fields[] = {
		{ "Email address", CAT_V_EMAIL, NULL, 0 },
		{ "Explain your objection in a few words", CAT_V_SHORT_TEXT, NULL, 600 },
	};
	static const struct cat_channel chans[] = {
		{ CAT_SETTING, NULL, "https://example.com/settings/a-very-long-address-that-goes-on-and-on-and-on-past-eighty",
		  "Settings > Data privacy > Data for Generative AI Improvement", NULL, NULL, 0, { srcs, 1 } },
		{ CAT_FORM, NULL, "https://example.com/form", NULL, "Object to processing", fields, 2,
		  { srcs, 1 } },
		{ CAT_POST, NULL, NULL, NULL, NULL, NULL, 0, { srcs, 1 } },
	};
	static const struct cat_entity e = {
		{ jurs, 1 }, "Example Ireland Unlimited Company With A Long Name", "Attn: DPO",
		{ addr, 3 }, NULL, NULL, { srcs, 1 }, chans, 3,
	};
	static const struct cat_source src = { "notice", "Example Privacy Notice", "https://example.com/p",
					       "2026-08-21", "2026-11-30", NULL };
	struct cat_controller c = { 0 };
	c.id = "example";
	c.name = "Example";
	c.account = 1;
	c.sources = &src;
	c.nsources = 1;
	c.entities = &e;
	c.nentities = 1;
	struct plan_values v = { .email = "zoe@example.org", .answers_file = "a.yaml" };
	struct buf b = BUF_INIT;
	plan_text(&c, &e, &v, PLAN_SOURCES, 4, &b);
	ok(strstr(b.data, "    1. Switch off the setting") != NULL, "numbered steps, indented");
	ok(strstr(b.data, "\"Email address\": zoe@example.org") != NULL, "a field's value given");
	ok(strstr(b.data, "at most 600") != NULL, "the short text's limit");
	ok(strstr(b.data, "choose: Object to processing") != NULL, "what to choose");
	ok(strstr(b.data, "run: objector send a.yaml --via webform\n") != NULL, "the command, whole");
	ok(strstr(b.data, "source: Example Privacy Notice (checked 2026-11-30") != NULL,
	   "the source and its check date");
	int wide = 0;
	for (const char *p = b.data; *p;) {
		const char *nl = strchr(p, '\n');
		char *line = strndup(p, (size_t)(nl - p));
		if (utf8_strlen(line) > 80 && !strstr(line, "https://"))
			wide = 1;
		free(line);
		p = nl + 1;
	}
	ok(!wide, "every line but an address keeps to 80 columns");
	buf_free(&b);
	plan_text(&c, &e, NULL, 0, 0, &b);
	ok(strstr(b.data, "\"Email address\": your e-mail address") != NULL, "no values: described");
	ok(strstr(b.data, "source:") == NULL, "no sources unless asked");
	buf_free(&b);
}

int main(void)
{
	test_fit();
	test_limit();
	test_text();
	return done_testing();
}
