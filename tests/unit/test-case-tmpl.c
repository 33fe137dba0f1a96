/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-case-tmpl.c: every reminder and complaint template
 * (templates/JUR/LANG.remind.tmpl, .complain.tmpl) parses and renders with
 * the variables of templates/CASE-VARIABLES.md, in several cases: no reply,
 * each outcome, post with tracking and delivery, e-mail, several channels,
 * with and without a reminder, Quebec. Checks that the output names the
 * reference, the dates and (complaints) every annex, and that a template
 * using a name the data lacks fails (so a typo cannot pass). */
#include "config.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fileio.h"
#include "tap.h"
#include "tmpl.h"
#include "xalloc.h"
#include "ydoc.h"

static const char *base =
	"date: \"DATE-TODAY\"\nplace: Berlin\nreference: OBJ-2026-7K3M9QXA\n"
	"requester: {name: Zoë Example, email: zoe@example.org, account: \"\", address: [Street 1, 10115 Berlin]}\n"
	"controller: {name: Example Data Ltd, brand: Example, address: [Dublin 2, Ireland]}\n"
	"jurisdiction: {id: eea, name: European Economic Area, law: GDPR, law_long: GDPR, basis: Article 21(1) GDPR}\n"
	"deadline: {basis: Article 12(3) GDPR, statutory: true, months: \"1\", days: \"\"}\n"
	"authority: {id: x, name: AUTHORITY-NAME, web: authority.example, address: [Somewhere], land: false}\n"
	"complaint: {cai: %s}\n"
	"new_due: \"DATE-NEWDUE\"\n"
	"original:\n  reference: OBJ-2026-7K3M9QXA\n  date: \"DATE-SENT\"\n"
	"  via: {email: %s, post: %s, webform: %s}\n  email_to: dpo@example.net\n  tracking: \"%s\"\n"
	"  delivered: \"%s\"\n  received: \"DATE-RECEIVED\"\n  due: \"DATE-DUE\"\n  extended: %s\n"
	"reply: %s\nreminder: %s\n"
	"local_authority: %s\n"
	"annexes:\n"
	"  - {n: \"1\", letter: true, email: false, post: false, webform: false, reply_doc: false, reminder_doc: false,"
	" date: \"DATE-SENT\", file: letter.pdf, sha256: SHA-LETTER, message_id: \"\", server_reply: \"\", tracking: \"\", delivered: \"\"}\n"
	"  - {n: \"2\", letter: false, email: true, post: false, webform: false, reply_doc: false, reminder_doc: false,"
	" date: \"DATE-SENT\", file: letter.eml, sha256: SHA-EML, message_id: \"<MSGID@example.org>\","
	" server_reply: \"250 2.0.0 Ok: queued\", tracking: \"\", delivered: \"\"}\n"
	"  - {n: \"3\", letter: false, email: false, post: true, webform: false, reply_doc: false, reminder_doc: false,"
	" date: \"DATE-SENT\", file: \"\", sha256: \"\", message_id: \"\", server_reply: \"\", tracking: RR123456785DE,"
	" delivered: \"DATE-DELIVERED\"}\n"
	"  - {n: \"4\", letter: false, email: false, post: false, webform: false, reply_doc: true, reminder_doc: false,"
	" date: \"DATE-REPLY\", file: reply.eml, sha256: SHA-REPLY, message_id: \"\", server_reply: \"\", tracking: \"\","
	" delivered: \"\"}\n"
	"  - {n: \"5\", letter: false, email: false, post: false, webform: true, reply_doc: false, reminder_doc: false,"
	" date: \"DATE-SENT\", file: \"\", sha256: \"\", message_id: \"\", server_reply: \"\", tracking: \"\", delivered: \"\"}\n"
	"  - {n: \"6\", letter: false, email: false, post: false, webform: false, reply_doc: false, reminder_doc: true,"
	" date: \"DATE-REMINDER\", file: reminder.pdf, sha256: SHA-REMINDER, message_id: \"\", server_reply: \"\","
	" tracking: \"\", delivered: \"\"}\n";

static const char *reply_of(const char *outcome, char *buf, size_t n)
{
	if (!outcome)
		return "false";
	snprintf(buf, n,
		 "{date: \"DATE-REPLY\", outcome: %s, note: \"\", acknowledged: %s, partial: %s, refused: %s,"
		 " extended: %s, complied: %s}",
		 outcome, strcmp(outcome, "acknowledged") == 0 ? "true" : "false",
		 strcmp(outcome, "partial") == 0 ? "true" : "false", strcmp(outcome, "refused") == 0 ? "true" : "false",
		 strcmp(outcome, "extended") == 0 ? "true" : "false", strcmp(outcome, "complied") == 0 ? "true" : "false");
	return buf;
}

struct scenario {
	const char *name;
	const char *email, *post, *webform, *tracking, *delivered, *extended, *outcome, *reminder, *cai;
};

static const struct scenario scen[] = {
	{ "e-mail, no answer", "true", "false", "false", "", "", "false", NULL, "false", "false" },
	{ "post with tracking, delivered, acknowledged", "false", "true", "false", "RR123456785DE", "DATE-DELIVERED",
	  "false", "acknowledged", "{date: \"DATE-REMINDER\", due: \"DATE-REMDUE\"}", "false" },
	{ "e-mail and post, extended", "true", "true", "false", "", "DATE-DELIVERED", "true", "extended", "false", "true" },
	{ "web form, refused", "false", "false", "true", "", "", "false", "refused",
	  "{date: \"DATE-REMINDER\", due: \"DATE-REMDUE\"}", "false" },
	{ "e-mail, partial", "true", "false", "false", "", "", "false", "partial", "false", "true" },
	{ "e-mail, complied", "true", "false", "false", "", "", "false", "complied", "false", "false" },
};

struct pctx {
	const char *dir;
	const char *lang;
};

static int partial(void *c, const char *name, char **src, size_t *len, char **file, char **errstr)
{
	struct pctx *p = c;
	char *path = xasprintf("%s/templates/partials/%s.%s.tmpl", p->dir, name, p->lang);
	int rc = file_read(path, 1 << 20, src, len, errstr);
	if (rc == 0)
		*file = xstrdup(path);
	free(path);
	return rc;
}

static int has(const char *s, const char *what)
{
	return strstr(s, what) != NULL;
}

static void check_template(const char *jur, const char *file, const char *lang, int complain)
{
	char *path = xasprintf("%s/templates/%s/%s", ABS_TOP_SRCDIR, jur, file);
	char *src, *err = NULL;
	size_t len;
	if (file_read(path, 1 << 20, &src, &len, &err)) {
		fail_msg:
		ok(0, "%s/%s: %s", jur, file, err ? err : "");
		free(err);
		free(path);
		return;
	}
	struct tmpl *t;
	if (tmpl_parse(path, 1, src, len, &t, &err)) {
		free(src);
		goto fail_msg;
	}
	free(src);
	ok(1, "%s/%s parses", jur, file);
	struct pctx pc = { ABS_TOP_SRCDIR, lang };
	struct tmpl_opts o = { 0, 0, partial, &pc };
	for (size_t i = 0; i < sizeof scen / sizeof *scen; i++) {
		const struct scenario *s = &scen[i];
		char rb[400];
		const char *local = strcmp(jur, "eea") == 0 ? "{id: de, name: LOCAL-NAME, web: local.example, address: []}" : "false";
		char *yaml = xasprintf(base, s->cai, s->email, s->post, s->webform, s->tracking, s->delivered, s->extended,
				       reply_of(s->outcome, rb, sizeof rb), s->reminder, local);
		struct ydoc *d;
		if (ydoc_load_mem("data.yaml", yaml, strlen(yaml), &d, &err)) {
			ok(0, "test data: %s", err);
			free(err);
			free(yaml);
			continue;
		}
		struct buf out = BUF_INIT;
		int rc = tmpl_render(t, d->root, &o, &out, &err);
		if (!ok(rc == 0, "%s/%s renders: %s", jur, file, s->name))
			printf("#   %s\n", err ? err : "");
		free(err);
		err = NULL;
		const char *x = out.data;
		int good = has(x, "OBJ-2026-7K3M9QXA") && has(x, "DATE-SENT") && has(x, "DATE-DUE") &&
			   has(x, "Example Data Ltd") && !has(x, "{{") &&
			   (!s->outcome || has(x, "DATE-REPLY")) &&
			   (strcmp(s->tracking, "") == 0 || has(x, "RR123456785DE")) &&
			   (strcmp(s->delivered, "") == 0 || has(x, "DATE-DELIVERED"));
		if (complain)
			good = good && has(x, "SHA-LETTER") && has(x, "<MSGID@example.org>") &&
			       has(x, "250 2.0.0 Ok: queued") && has(x, "SHA-REPLY") && has(x, "SHA-REMINDER") &&
			       has(x, "Zoë Example") && (s->reminder[0] != '{' || has(x, "DATE-REMDUE"));
		else
			good = good && has(x, "DATE-NEWDUE");
		if (!ok(rc == 0 && good, "%s/%s: the facts are in the text (%s)", jur, file, s->name))
			printf("# ---\n%s\n# ---\n", x);
		if (i == 0 && getenv("CASE_TMPL_SHOW"))
			printf("%s\n", x);
		buf_free(&out);
		ydoc_free(d);
		free(yaml);
	}
	tmpl_free(t);
	free(path);
}

int main(void)
{
	static const struct {
		const char *jur, *langs[8];
	} pairs[] = {
		{ "uk", { "en" } },
		{ "eea", { "en", "de", "fr", "es", "it", "nl", "pl" } },
		{ "ch", { "de", "fr", "it", "en" } },
		{ "ca", { "en", "fr-CA" } },
		{ "hk", { "en", "zh-Hant" } },
	};
	size_t n = 0;
	for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++)
		for (size_t k = 0; k < 8 && pairs[i].langs[k]; k++) {
			char *f = xasprintf("%s.remind.tmpl", pairs[i].langs[k]);
			check_template(pairs[i].jur, f, pairs[i].langs[k], 0);
			free(f);
			f = xasprintf("%s.complain.tmpl", pairs[i].langs[k]);
			check_template(pairs[i].jur, f, pairs[i].langs[k], 1);
			free(f);
			n++;
		}
	is_int((long)n, 16, "16 jurisdiction-language pairs");

	/* every letter template has its reminder and complaint */
	for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
		char *dir = xasprintf("%s/templates/%s", ABS_TOP_SRCDIR, pairs[i].jur);
		DIR *dp = opendir(dir);
		struct dirent *e;
		while (dp && (e = readdir(dp))) {
			size_t l = strlen(e->d_name);
			if (l < 6 || strcmp(e->d_name + l - 5, ".tmpl") != 0 || memchr(e->d_name, '.', l - 5))
				continue;
			char *lang = xstrndup(e->d_name, l - 5);
			int listed = 0;
			for (size_t k = 0; k < 8 && pairs[i].langs[k]; k++)
				listed |= strcmp(pairs[i].langs[k], lang) == 0;
			ok(listed, "%s/%s: its reminder and complaint are tested", pairs[i].jur, e->d_name);
			free(lang);
		}
		if (dp)
			closedir(dp);
		free(dir);
	}

	/* a name the data lacks is an error, not a blank */
	struct tmpl *t;
	char *err = NULL;
	const char *src = "{{original.dat}}";
	tmpl_parse("x.tmpl", 1, src, strlen(src), &t, &err);
	struct ydoc *d;
	ydoc_load_mem("d.yaml", "original: {date: x}\n", 20, &d, &err);
	struct buf out = BUF_INIT;
	ok(tmpl_render(t, d->root, NULL, &out, &err) != 0, "a misspelt name fails");
	free(err);
	tmpl_free(t);
	ydoc_free(d);
	buf_free(&out);
	return done_testing();
}
