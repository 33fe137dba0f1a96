/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz-answers.c: answers validation (answers.h) and composing a letter
 * (compose.h) on arbitrary YAML, with the real catalogue, templates and
 * locales of the source tree (loaded from ABS_TOP_SRCDIR, the catalogue
 * once).
 *
 * Properties checked:
 * - a refusal is EX_DATAERR with a message naming the file;
 * - accepted answers hold what answers.h promises (a known jurisdiction, a
 *   requester with a valid e-mail address and one-line fields, reasons
 *   within ANSWERS_MAX_TEXT, an address of 1..ANSWERS_MAX_LINES lines);
 * - a letter composed from them keeps letter.h's promises (UTF-8, no control
 *   characters but '\n' in paragraphs, sender = name, address, e-mail);
 * - templates are rendered once: without a brace in the input, the letter
 *   shows no "{{" or "}}" (user data is never parsed as a template). The
 *   check that a value holding template syntax prints literally is
 *   fuzz-tmpl's.
 */
#include "config.h"

#include <string.h>

#include "answers.h"
#include "buf.h"
#include "catalog.h"
#include "compose.h"
#include "fuzz.h"
#include "letter.h"
#include "utf8.h"
#include "valid.h"
#include "xalloc.h"
#include "ydoc.h"

#define NAME "fuzz.yaml"

static struct catalog *cat;
static const char *data_dir = ABS_TOP_SRCDIR;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char *err = NULL;
	const char *top = getenv("top_srcdir");
	if (top)
		data_dir = top;
	setenv("OBJECTOR_TODAY", "2026-11-29", 1);
	setenv("TZ", "UTC", 1);
	if (catalog_load(data_dir, &cat, &err) != 0) {
		fprintf(stderr, "fuzz-answers: cannot load the catalogue: %s\n", err);
		exit(1);
	}
	return 0;
}

static void check_line(const char *what, const char *s, int newlines)
{
	FUZZ_CHECK(s != NULL, "%s is NULL", what);
	FUZZ_CHECK(utf8_valid(s, strlen(s)), "%s is not UTF-8", what);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		FUZZ_CHECK((*p >= 0x20 && *p != 0x7F) || (newlines && *p == '\n'),
			   "%s holds 0x%02X", what, *p);
}

static int line_ok(const char *s)
{
	struct valid_problem p;
	return valid_line(s, strlen(s), VALID_MAX_LINE, &p) == 0;
}

static int email_ok(const char *s)
{
	struct valid_problem p;
	return valid_email(s, &p) == 0;
}

static void check_answers(const struct answers *a)
{
	FUZZ_CHECK(a->jurisdiction && catalog_jurisdiction(cat, a->jurisdiction), "jurisdiction");
	FUZZ_CHECK(a->country == NULL || catalog_country_name(cat, a->country), "country");
	FUZZ_CHECK((a->controller_id != NULL) != (a->controller != NULL), "one controller");
	FUZZ_CHECK(line_ok(a->name), "name '%s'", a->name);
	FUZZ_CHECK(a->email && email_ok(a->email) && line_ok(a->email), "e-mail");
	FUZZ_CHECK(a->address && a->address->type == YNODE_SEQ && a->address->n >= 1 &&
			   a->address->n <= ANSWERS_MAX_LINES, "address");
	for (size_t i = 0; i < a->address->n; i++)
		FUZZ_CHECK(a->address->items[i]->type == YNODE_SCALAR &&
				   line_ok(a->address->items[i]->str), "address line");
	FUZZ_CHECK(!a->account || line_ok(a->account), "account");
	FUZZ_CHECK(!a->place || line_ok(a->place), "place");
	FUZZ_CHECK(!a->reasons || strlen(a->reasons) <= ANSWERS_MAX_TEXT, "reasons");
	if (a->reasons)
		check_line("reasons", a->reasons, 1);
	FUZZ_CHECK(a->erase_trained == 0 || a->erase_trained == 1, "erase_trained");
}

static void check_letter(const struct letter *l, const struct answers *a, int braces)
{
	const char *strs[] = { l->lang, l->jurisdiction, l->controller_id, l->paper, l->envelope,
			       l->return_address, l->place_date, l->reference, l->subject,
			       l->salutation, l->closing, l->signer, l->email };
	for (size_t i = 0; i < sizeof strs / sizeof *strs; i++)
		check_line("a letter field", strs[i], 0);
	for (size_t i = 0; i < l->sender.n; i++)
		check_line("a sender line", l->sender.v[i], 0);
	for (size_t i = 0; i < l->recipient.n; i++)
		check_line("a recipient line", l->recipient.v[i], 0);
	for (size_t i = 0; i < l->paragraphs.n; i++)
		check_line("a paragraph", l->paragraphs.v[i], 1);
	FUZZ_CHECK(l->sender.n == a->address->n + 2 && strcmp(l->sender.v[0], a->name) == 0 &&
			   strcmp(l->sender.v[l->sender.n - 1], a->email) == 0, "sender lines");
	FUZZ_CHECK(strcmp(l->signer, a->name) == 0, "signer");

	struct buf text = BUF_INIT;
	letter_text(l, &text);
	FUZZ_CHECK(braces || (!strstr(text.data, "{{") && !strstr(text.data, "}}")),
		   "template syntax in a letter made from input without braces:\n%s", text.data);
	buf_free(&text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ydoc *d = NULL;
	struct answers *a = NULL;
	char *err = NULL;
	int rc = ydoc_load_mem(NAME, (const char *)data, size, &d, &err);
	if (!rc)
		rc = answers_from_doc(cat, d, &a, &err);
	if (rc) {
		FUZZ_CHECK(rc == 65, "status %d: %s", rc, err);
		FUZZ_CHECK(err && strncmp(err, NAME ":", strlen(NAME) + 1) == 0, "message '%s'",
			   err ? err : "(null)");
		free(err);
		return 0;
	}
	check_answers(a);

	struct letter *l = NULL;
	rc = compose_answers(cat, data_dir, a, &l, &err);
	if (rc) {
		FUZZ_CHECK(rc == 65, "compose: status %d: %s", rc, err);
		FUZZ_CHECK(err != NULL, "compose: no message");
		free(err);
	} else {
		/* a brace can also come from an escape: "\x7B" */
		int braces = memchr(data, '{', size) || memchr(data, '}', size) ||
			     memchr(data, '\\', size);
		check_letter(l, a, braces);
		letter_free(l);
	}
	answers_free(a);
	return 0;
}
