/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-questionnaire.c: the questionnaire driven through memory streams.
 *
 * A private data directory links the source tree's data/ and locales/ and
 * holds empty templates (en everywhere, de for the EEA as well), so that
 * which languages are offered does not depend on the templates installed.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "answers.h"
#include "buf.h"
#include "catalog.h"
#include "locale.h"
#include "questionnaire.h"
#include "tap.h"
#include "xalloc.h"
#include "ydoc.h"

static struct catalog *cat;
static struct locale *loc;
static struct questionnaire *qn;
static char data_dir[] = "/tmp/objector-qn.XXXXXX";
static char out_text[65536];
static volatile sig_atomic_t flag;
static char last_err[512];

static void touch(const char *rel)
{
	char *p = xasprintf("%s/%s", data_dir, rel);
	FILE *f = fopen(p, "w");
	if (f)
		fclose(f);
	free(p);
}

static void mkdir_rel(const char *rel)
{
	char *p = xasprintf("%s/%s", data_dir, rel);
	mkdir(p, 0700);
	free(p);
}

static void setup(void)
{
	if (!mkdtemp(data_dir))
		abort();
	char *p = xasprintf("%s/data", data_dir);
	if (symlink(ABS_TOP_SRCDIR "/data", p))
		abort();
	free(p);
	p = xasprintf("%s/locales", data_dir);
	if (symlink(ABS_TOP_SRCDIR "/locales", p))
		abort();
	free(p);
	mkdir_rel("templates");
	static const char *const jurs[] = { "uk", "eea", "ch", "ca", "hk" };
	for (size_t i = 0; i < 5; i++) {
		char *d = xasprintf("templates/%s", jurs[i]);
		mkdir_rel(d);
		char *f = xasprintf("%s/en.tmpl", d);
		touch(f);
		free(f);
		free(d);
	}
	touch("templates/eea/de.tmpl");
	char *err = NULL;
	if (catalog_load(data_dir, &cat, &err) || qn_load(data_dir, &qn, &err) ||
	    locale_load(data_dir, "en", &loc, &err)) {
		printf("Bail out! %s\n", err);
		exit(1);
	}
}

static void teardown(void)
{
	static const char *const rm[] = {
		"templates/uk/en.tmpl", "templates/eea/en.tmpl", "templates/eea/de.tmpl",
		"templates/ch/en.tmpl", "templates/ca/en.tmpl", "templates/hk/en.tmpl",
		"templates/uk", "templates/eea", "templates/ch", "templates/ca", "templates/hk",
		"templates", "data", "locales",
	};
	for (size_t i = 0; i < sizeof rm / sizeof *rm; i++) {
		char *p = xasprintf("%s/%s", data_dir, rm[i]);
		if (remove(p) != 0)
			perror(p);
		free(p);
	}
	rmdir(data_dir);
	qn_free(qn);
	locale_free(loc);
	catalog_free(cat);
}

/* ask: run the questionnaire on input, into root (a new map if NULL is
 * passed, returned through *rootp); the dialogue lands in out_text. */
static int ask(const char *input, struct ynode **rootp, const char *preset_file)
{
	FILE *in = fmemopen((void *)input, strlen(input), "r");
	char *obuf = NULL;
	size_t olen = 0;
	FILE *out = open_memstream(&obuf, &olen);
	struct qn_io io = { .in = in, .out = out, .tty = 0, .show_values = 1,
			    .in_name = "test input", .cat = cat, .data_dir = data_dir,
			    .loc = loc, .interrupted = &flag };
	if (!*rootp)
		*rootp = ynode_new_map();
	char *err = NULL;
	int rc = preset_file ? qn_check_preset(qn, &io, *rootp, preset_file, &err) : QN_OK;
	if (rc == QN_OK)
		rc = qn_ask(qn, &io, *rootp, &err);
	else
		snprintf(last_err, sizeof last_err, "%s", err ? err : "");
	if (err)
		printf("# error: %s\n", err);
	free(err);
	fclose(in);
	fclose(out);
	snprintf(out_text, sizeof out_text, "%s", obuf ? obuf : "");
	free(obuf);
	return rc;
}

static const char *get(const struct ynode *root, const char *path)
{
	return ynode_scalar(ynode_get_path(root, path));
}

/* validated: emit and load back through answers_from_doc. */
static struct answers *validated(const struct ynode *root)
{
	struct buf b = BUF_INIT;
	char *err = NULL;
	struct ydoc *d;
	struct answers *a = NULL;
	if (ydoc_emit(root, &b, &err) || ydoc_load_mem("emitted", b.data, b.len, &d, &err) ||
	    answers_from_doc(cat, d, &a, &err)) {
		printf("# invalid: %s\n", err);
		free(err);
		a = NULL;
	}
	buf_free(&b);
	return a;
}

static void test_uk_pipe(void)
{
	struct ynode *root = NULL;
	int rc = ask("GB\nlinkedin\nSiân O'Brien\n14 Chapel Street\nPenzance TR18 4AW\n\n"
		     "sian@example.org\n\n\n\n\nPenzance\n\n", &root, NULL);
	is_int(rc, QN_OK, "uk: all answered");
	is_str(get(root, "country"), "GB", "uk: country");
	is_str(get(root, "jurisdiction"), "uk", "uk: jurisdiction derived from the country");
	is_str(get(root, "controller"), "linkedin", "uk: controller by code");
	is_str(get(root, "requester.name"), "Siân O'Brien", "uk: name");
	const struct ynode *addr = ynode_get_path(root, "requester.address");
	ok(addr && addr->type == YNODE_SEQ && addr->n == 2, "uk: two address lines");
	is_str(get(root, "requester.email"), "sian@example.org", "uk: e-mail");
	ok(ynode_get_path(root, "requester.account") == NULL, "uk: empty optional account left out");
	ok(ynode_get_path(root, "situations") == NULL, "uk: no situations: left out");
	ok(ynode_get_path(root, "reasons") == NULL, "uk: no reasons");
	is_str(get(root, "erase_trained"), "true", "uk: erase defaults to yes");
	is_str(get(root, "place"), "Penzance", "uk: place");
	is_str(get(root, "date"), "2026-11-29", "uk: date defaults to today");
	is_str(get(root, "language"), "en", "uk: one language: not asked, filled");
	ok(strstr(out_text, "Letter language") == NULL, "uk: the language question is not shown");
	struct answers *a = validated(root);
	ok(a != NULL, "uk: the answers validate");
	if (a) {
		char *stem = qn_file_stem(a);
		is_str(stem, "objection-linkedin-uk-2026-11-29", "uk: file stem");
		free(stem);
	}
	answers_free(a);
	ynode_free(root);
}

static void test_reask(void)
{
	struct ynode *root = NULL;
	int rc = ask("Atlantis\nUnited States\nfrance\nmeta\nZoë Łukasiewicz-Øster\n1 rue X\n\n"
		     "bogus@@example\nzoe@example.org\nzoe\n9\nharassment, 1,journalist\nline one\nline two\n\nnope\nno\n\n"
		     "2026-02-30\n2026-12-01\n\n", &root, NULL);
	is_int(rc, QN_OK, "re-ask: all answered in the end");
	ok(strstr(out_text, "Unknown country") != NULL, "re-ask: unknown country explained");
	ok(strstr(out_text, "United States is not covered") != NULL,
	   "re-ask: a country no jurisdiction covers is explained");
	is_str(get(root, "country"), "FR", "re-ask: country by name, any case");
	is_str(get(root, "jurisdiction"), "eea", "re-ask: EEA derived");
	is_str(get(root, "controller"), "meta", "re-ask: controller by code");
	ok(strstr(out_text, "not an e-mail address") != NULL, "re-ask: invalid e-mail explained");
	ok(strstr(out_text, "bogus") == NULL, "re-ask: the invalid answer is not echoed");
	is_str(get(root, "requester.email"), "zoe@example.org", "re-ask: e-mail");
	const struct ynode *sit = ynode_get_path(root, "situations");
	ok(sit && sit->type == YNODE_SEQ && sit->n == 2, "re-ask: two situations, each once");
	if (sit && sit->type == YNODE_SEQ && sit->n == 2) {
		is_str(ynode_scalar(sit->items[0]), "journalist", "re-ask: situations in the order offered");
		is_str(ynode_scalar(sit->items[1]), "harassment", "re-ask: ... by code");
	}
	ok(strstr(out_text, "I have reason to fear harassment") != NULL,
	   "re-ask: the situations are offered with their labels");
	ok(strstr(out_text, "one of the numbers or codes") != NULL, "re-ask: an unknown situation explained");
	is_str(get(root, "reasons"), "line one\nline two", "re-ask: reasons joined by line breaks");
	ok(strstr(out_text, "yes or no") != NULL, "re-ask: invalid yes/no explained");
	is_str(get(root, "erase_trained"), "false", "re-ask: no");
	ok(strstr(out_text, "That is not a date") != NULL, "re-ask: 30 February refused");
	is_str(get(root, "date"), "2026-12-01", "re-ask: date");
	is_str(get(root, "language"), "en", "re-ask: FR has no language of its own installed: en");
	ok(strstr(out_text, "Letter language") != NULL, "re-ask: the EEA offers two languages");
	ynode_free(root);
}

static void test_language_default_and_other(void)
{
	struct ynode *root = NULL;
	int rc = ask("de\nother\nExample Data B.V.\nKeizersgracht 1\n1015 CJ Amsterdam\n\n"
		     "not an address\nprivacy@example.com\n\n{{x}}\nyes\n\nDE-BE\nzoe@example.org\n\n\n\n\n"
		     "yes\n\n\n", &root, NULL);
	is_int(rc, QN_OK, "other: all answered");
	const struct ynode *c = ynode_get_path(root, "controller");
	ok(c && c->type == YNODE_MAP, "other: the controller is a mapping");
	is_str(get(root, "controller.name"), "Example Data B.V.", "other: name");
	is_str(get(root, "controller.email"), "privacy@example.com", "other: e-mail re-asked");
	is_str(get(root, "requester.name"), "{{x}}", "other: {{x}} kept as typed");
	is_str(get(root, "language"), "de", "other: the default language follows the country (DE)");
	is_str(get(root, "place"), "yes", "other: 'yes' as a place stays a string");
	struct answers *a = validated(root);
	ok(a != NULL, "other: the answers validate");
	if (a) {
		is_str(a->name, "{{x}}", "other: {{x}} round-trips through YAML");
		is_str(a->place, "yes", "other: 'yes' round-trips as a string");
		char *stem = qn_file_stem(a);
		is_str(stem, "objection-example-data-b-v-eea-2026-11-29", "other: file stem from the name");
		free(stem);
	}
	answers_free(a);
	ynode_free(root);
}

static void test_help_and_limits(void)
{
	struct ynode *root = NULL;
	char *longline = xmalloc(30000);
	memset(longline, 'x', 29999);
	longline[29999] = '\0';
	char *input = xasprintf("?\nHK\n?\nlinkedin\n%s\nChan Tai Man\nFlat 1\n\n", longline);
	int rc = ask(input, &root, NULL);
	free(input);
	free(longline);
	is_int(rc, QN_EOF, "eof: the end of input is reported");
	ok(strstr(out_text, "Countries covered") != NULL, "help: ? on the country lists the countries");
	ok(strstr(out_text, "Hong Kong (PDPO)") != NULL, "help: ... by jurisdiction");
	ok(strstr(out_text, "That answer is too long") != NULL, "limits: a 30000-byte line refused");
	is_str(get(root, "requester.name"), "Chan Tai Man", "limits: the next line is the answer");
	ok(strstr(out_text, "Meta") == NULL, "hk: Meta has no Hong Kong entity: not offered");
	ynode_free(root);
}

static void test_preset(void)
{
	static const char yaml[] = "jurisdiction: ch\n"
				   "controller: linkedin\n"
				   "requester:\n"
				   "  name: Urs Müller\n"
				   "  email: not-an-address\n"
				   "erase_trained: true\n";
	struct ydoc *d;
	char *err = NULL;
	if (ydoc_load_mem("half.yaml", yaml, strlen(yaml), &d, &err))
		printf("# %s\n", err);
	struct ynode *root = ynode_clone(d->root);
	ydoc_free(d);
	int rc = ask("Bahnhofstrasse 1\n8001 Zürich\n\nurs@example.ch\nurs-m\n\n\nZürich\n\n\n", &root,
		     "half.yaml");
	is_int(rc, QN_OK, "preset: the missing answers are asked");
	ok(strstr(out_text, "half.yaml:5:10: 'requester.email'") != NULL,
	   "preset: the invalid e-mail is reported at its position");
	is_str(get(root, "country"), "CH", "preset: the country follows from ch");
	is_str(get(root, "requester.name"), "Urs Müller", "preset: the name is kept");
	is_str(get(root, "requester.email"), "urs@example.ch", "preset: the e-mail asked again");
	ok(strstr(out_text, "Your full name") == NULL, "preset: the name is not asked");
	ok(strstr(out_text, "Ask for that too") == NULL, "preset: erase_trained is not asked");
	struct answers *a = validated(root);
	ok(a != NULL, "preset: the answers validate");
	answers_free(a);
	ynode_free(root);
}

static void test_preset_unknown(void)
{
	static const struct { const char *yaml, *want; } cases[] = {
		{ "jurisdiction: uk\nfoo: 1\n", "typo.yaml:2:1: unknown key 'foo'" },
		{ "requester:\n  name: A\n  emial: a@example.org\n",
		  "typo.yaml:3:3: unknown key 'emial' in 'requester'" },
		{ "paper: letter\nscope: [ai_training]\n", NULL },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct ydoc *d;
		char *err = NULL;
		if (ydoc_load_mem("typo.yaml", cases[i].yaml, strlen(cases[i].yaml), &d, &err))
			printf("# %s\n", err);
		struct ynode *root = ynode_clone(d->root);
		ydoc_free(d);
		last_err[0] = '\0';
		int rc = ask("", &root, "typo.yaml");
		if (cases[i].want) {
			is_int(rc, QN_DATA, "unknown key: refused before asking");
			ok(strncmp(last_err, cases[i].want, strlen(cases[i].want)) == 0,
			   "unknown key: %s", cases[i].want);
		} else {
			is_int(rc, QN_EOF, "other_keys: paper and scope are kept (then the input ends)");
		}
		ynode_free(root);
	}
}

static void test_interrupt(void)
{
	struct ynode *root = NULL;
	flag = 1;
	int rc = ask("GB\n", &root, NULL);
	flag = 0;
	is_int(rc, QN_INTERRUPTED, "interrupt: reported");
	ok(ynode_get_path(root, "country") == NULL, "interrupt: nothing stored");
	ynode_free(root);
}

static void test_confirm(void)
{
	static const struct { const char *in; int want; } cases[] = {
		{ "\n", QN_OK }, { "y\n", QN_OK }, { "YES\n", QN_OK },
		{ "n\n", QN_DECLINED }, { "maybe\nno\n", QN_DECLINED }, { "", QN_EOF },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		FILE *in = fmemopen((void *)cases[i].in, strlen(cases[i].in) ? strlen(cases[i].in) : 1, "r");
		if (!*cases[i].in)
			fgetc(in);	/* leave it at end of file */
		FILE *out = fopen("/dev/null", "w");
		struct qn_io io = { .in = in, .out = out, .loc = loc, .cat = cat, .in_name = "t" };
		char name[64];
		snprintf(name, sizeof name, "confirm: %zu", i);
		is_int(qn_confirm(&io), cases[i].want, name);
		fclose(in);
		fclose(out);
	}
}

int main(void)
{
	setenv("OBJECTOR_TODAY", "2026-11-29", 1);
	setup();
	test_uk_pipe();
	test_reask();
	test_language_default_and_other();
	test_help_and_limits();
	test_preset();
	test_preset_unknown();
	test_interrupt();
	test_confirm();
	teardown();
	return done_testing();
}
