/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-answers.c: unit tests of answers validation and the catalogue. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "answers.h"
#include "catalog.h"
#include "compose.h"
#include "letter.h"
#include "locale.h"
#include "tap.h"
#include "ydoc.h"

static const struct catalog *cat;
static const char *dir;

static int check(const char *src, char **err)
{
	struct ydoc *d;
	*err = NULL;
	int rc = ydoc_load_mem("a.yaml", src, strlen(src), &d, err);
	if (rc)
		return rc;
	struct answers *a;
	rc = answers_from_doc(cat, d, &a, err);
	if (!rc)
		answers_free(a);
	return rc;
}

static void refused(const char *src, const char *want, const char *name)
{
	char *err;
	int rc = check(src, &err);
	ok(rc == 65, "%s: refused with 65", name);
	int c = err && strstr(err, want);
	ok(c, "%s: message", name);
	if (!c)
		printf("#   got:  %s\n#   want: ...%s...\n", err ? err : "(null)", want);
	free(err);
}

#define BASE "jurisdiction: uk\ncontroller: linkedin\nrequester:\n  name: Ann\n  address: [1 Road]\n  email: ann@example.org\n"

int main(void)
{
	dir = getenv("top_srcdir");
	if (!dir)
		dir = ".";
	struct catalog *c;
	char *err = NULL;
	ok(catalog_load(dir, &c, &err) == 0, "the shipped catalogue loads and checks");
	cat = c;

	/* The e-mail and line rules moved to valid.h: tests/unit/test-valid.c
	 * holds these cases and their edges. */

	ok(check(BASE, &err) == 0, "minimal answers");
	free(err);
	ok(check(BASE "country: GB\nerase_trained: no\ndate: 2024-02-29\n", &err) == 0, "optional keys");
	free(err);
	refused(BASE "colour: red\n", "a.yaml:7:1: unknown key 'colour'", "unknown key");
	refused("jurisdiction: eea\ncontroller: linkedin\n", "a.yaml:1:1: missing required answer 'country of residence' (country)", "EEA needs a country");
	refused(BASE "erase_trained: maybe\n", "a.yaml:7:16: 'erase_trained' must be true or false", "bad boolean");
	refused(BASE "erase_trained: \"true\"\n", "must be true or false", "a quoted boolean is text");
	refused(BASE "scope: [marketing]\n", "a.yaml:7:9: unknown scope", "unknown scope");
	refused(BASE "paper: a5\n", "'paper' must be a4 or letter", "bad paper");
	refused("jurisdiction: hk\ncountry: HK\ncontroller: meta\n", "no controller entity of 'meta' for the jurisdiction 'hk'", "controller without an entity there");
	refused("jurisdiction: uk\ncontroller: {name: X, address: [a], email: bad}\n", "'bad' is not an e-mail address", "inline controller e-mail");
	refused("jurisdiction: uk\ncontroller: {name: X, address: [a], phone: 1}\n", "unknown key 'phone' in controller", "inline controller unknown key");
	refused("- a\n- b\n", "a.yaml:1:1: expected a mapping of answers", "not a mapping");
	refused(BASE "reasons: [a, b]\n", "'reasons' must be text", "reasons as a list");
	refused("jurisdiction: uk\ncontroller: linkedin\nrequester:\n  name: Ann\n  address: []\n  email: a@b.cd\n",
		"'requester.address' must be a list of lines", "empty address");

	/* The same answers compose to the same reference; another date to another. */
	struct ydoc *d;
	struct answers *a;
	struct letter *l1, *l2;
	const char *src = BASE "date: 2026-11-29\n";
	ydoc_load_mem("a.yaml", src, strlen(src), &d, &err);
	answers_from_doc(cat, d, &a, &err);
	ok(compose_answers(cat, dir, a, &l1, &err) == 0, "compose");
	ok(compose_answers(cat, dir, a, &l2, &err) == 0, "compose again");
	is_str(l1->reference, l2->reference, "stable reference");
	ok(strstr(l1->subject, l1->reference) != NULL, "the subject holds the reference");
	char iso[11];
	date_iso(l1->due, iso);
	is_str(iso, "2026-12-29", "UK: one month");
	is_str(l1->paper, "a4", "UK: A4");
	letter_free(l2);
	a->date.d = 30;
	ok(compose_answers(cat, dir, a, &l2, &err) == 0, "compose with another date");
	ok(strcmp(l1->reference, l2->reference) != 0, "another date, another reference");
	letter_free(l1);
	letter_free(l2);
	answers_free(a);

	struct locale *loc;
	ok(locale_load(dir, "en-GB", &loc, &err) == 0, "en-GB falls back to en");
	struct date dt = { 2026, 11, 20 };
	char *s = locale_date(loc, dt);
	is_str(s, "20 November 2026", "English date");
	free(s);
	locale_free(loc);
	ok(locale_load(dir, "../../etc/passwd", &loc, &err) == 65, "a tag with a path is refused");
	free(err);

	catalog_free(c);
	return done_testing();
}
