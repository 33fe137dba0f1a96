/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd-send.c: `objector send`: e-mail a letter with its PDF attached (or
 * journal that it went by post or through a web form), and journal it.
 *
 * For each answers file: compose the letter (compose.h), render (or read)
 * the PDF, and hand both to submit (submit.h), which builds the message,
 * refuses a duplicate, sends over one connection for all the letters of
 * one run and journals the outcome. --dry-run prints the message and
 * touches nothing.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "answers.h"
#include "buf.h"
#include "cmd.h"
#include "compose.h"
#include "conf.h"
#include "diag.h"
#include "i18n.h"
#include "fileio.h"
#include "letter.h"
#include "pdf.h"
#include "plan.h"
#include "term.h"
#include "submit.h"

#define PDF_MAX ((size_t)32 << 20)

/* read_pdf: the --pdf file, which must be a PDF. */
static int read_pdf(const char *path, struct buf *pdf)
{
	char *data, *err = NULL;
	size_t len;
	int rc = file_read(path, PDF_MAX, &data, &len, &err);
	if (rc) {
		errmsg("%s", err);
		free(err);
		return rc;
	}
	BUF_MUST(buf_add(pdf, data, len));
	free(data);
	if (len < 5 || memcmp(pdf->data, "%PDF-", 5) != 0) {
		errmsg(_("%s: not a PDF file"), path);
		return EX_DATAERR;
	}
	return 0;
}

/* send_file: one answers file: its letter, its PDF (given or rendered
 * now), then the submission (submit.h). */
static int send_file(struct submit_session *s, const struct catalog *cat,
		     const struct submit_opts *o)
{
	struct answers *a = NULL;
	struct letter *l = NULL;
	char *err = NULL;
	int rc = answers_load(cat, o->source, &a, &err);
	if (!rc)
		rc = compose_answers(cat, app_data_dir(), a, &l, &err);
	answers_free(a);
	if (rc) {
		errmsg("%s", err);
		free(err);
		return rc;
	}
	if (o->via == SUBMIT_EMAIL && !o->to && !l->to.email && l->to.ent) {
		/* no dead end: the plan, on standard error */
		struct plan_values v;
		plan_values_of(l, &v);
		v.answers_file = o->source;
		struct buf b = BUF_INIT;
		plan_letter_text(l, &v, 0, &b);
		errmsg(_("%s publishes no e-mail address for this; nothing was sent (an address of "
		       "your own: --to ADDRESS)."), l->to.name);
		term_printf(stderr, "%s", b.data);
		buf_free(&b);
		letter_free(l);
		return EX_USAGE;
	}
	struct buf pdf;
	buf_init(&pdf, PDF_MAX);
	rc = submit_check(l, o);
	if (!rc && o->pdf_path) {
		rc = read_pdf(o->pdf_path, &pdf);
	} else if (!rc) {
		rc = pdf_render(l, NULL, &pdf, &err);
		if (rc) {
			errmsg("%s", err);
			free(err);
		}
	}
	if (!rc)
		rc = submit(s, l, pdf.data, pdf.len, o);
	buf_free(&pdf);
	letter_free(l);
	return rc;
}

enum { O_PDF, O_TO, O_FORCE, O_DRY_RUN, O_EML, O_VIA, O_TRACKING, O_YES, O_NO_CC };
static const struct cmd_opt opts[] = {
	[O_PDF] = { "pdf", 0, CMD_ARG },
	[O_TO] = { "to", 0, CMD_ARG },
	[O_FORCE] = { "force", 0, CMD_FLAG },
	[O_DRY_RUN] = { "dry-run", 'n', CMD_FLAG },
	[O_EML] = { "eml", 0, CMD_ARG },
	[O_VIA] = { "via", 0, CMD_ARG },
	[O_TRACKING] = { "tracking", 0, CMD_ARG },
	[O_YES] = { "yes", 'y', CMD_FLAG },
	[O_NO_CC] = { "no-cc", 0, CMD_FLAG },
	{ NULL, 0, 0 },
};

static int send_exec(const struct cmd_entry *self, const struct cmd_args *args);

const struct cmd_entry cmd_send_entry = {
	.name = "send",
	.args = "ANSWERS... [--pdf PDF] [--to ADDR] [--force] [--dry-run] [--eml FILE] [--via METHOD]",
	.summary = N_("e-mail the letter with the PDF attached, and journal it"),
	.help = N_("      --pdf PDF         attach this PDF (default: render it now)\n"
		"      --to ADDR         the recipient's address (instead of the one the company publishes)\n"
		"      --force           send again what was already sent to that address\n"
		"  -n, --dry-run         print the exact message on standard output; send and journal nothing\n"
		"      --eml FILE        also save the exact message sent to FILE\n"
		"      --via METHOD      email (default), post (journal a posted letter; --tracking NUMBER),\n"
		"                        or webform (show the form's address, what to choose, each\n"
		"                        field's value and the short text; journal it once sent);\n"
		"                        smtp or sendmail: e-mail through the SMTP server or the\n"
		"                        system's MTA (default: the configuration's mail.via)\n"
		"      --tracking NUMBER the postal tracking number, with --via post\n"
		"  -y, --yes             with --via webform: journal it without asking\n"
		"      --no-cc           do not send the sender a copy (Cc)\n"),
	.notes = N_("\nSeveral ANSWERS files go out over one connection. The password comes from\n"
		"OBJECTOR_SMTP_PASSWORD or smtp.password_command, never from the command line.\n"
		"A letter already sent to that address is refused (exit 64) without --force.\n"
		"When the company publishes no e-mail address and no --to is given, nothing is\n"
		"sent: its submission plan (setting, form, postal address) goes to standard\n"
		"error and the exit status is 64.\n"),
	.opts = opts,
	.exec = send_exec,
};

/* send_usage: the options' combination, or a message saying what is wrong. */
static const char *send_usage(const struct cmd_args *args, struct submit_opts *o)
{
	const char *const *v = args->opt;
	o->pdf_path = v[O_PDF];
	o->to = v[O_TO];
	o->eml = v[O_EML];
	o->tracking = v[O_TRACKING];
	o->force = v[O_FORCE] != NULL;
	o->dry_run = v[O_DRY_RUN] != NULL;
	o->yes = v[O_YES] != NULL;
	o->no_cc = v[O_NO_CC] != NULL;
	const char *via = v[O_VIA];
	if (via) {
		if (strcmp(via, "email") == 0)
			o->via = SUBMIT_EMAIL;
		else if (strcmp(via, "post") == 0)
			o->via = SUBMIT_POST;
		else if (strcmp(via, "webform") == 0)
			o->via = SUBMIT_WEBFORM;
		else if (strcmp(via, "smtp") == 0 || strcmp(via, "sendmail") == 0)
			o->transport = via;	/* e-mail, by this transport */
		else
			return "--via must be email, smtp, sendmail, post or webform";
	}
	if (args->argc < 1)
		return _("which answers file? (objector send ANSWERS)");
	if (args->argc > 1 && (o->pdf_path || o->eml))
		return _("--pdf and --eml take one answers file");
	if (o->tracking && o->via != SUBMIT_POST)
		return _("--tracking goes with --via post");
	if (o->via != SUBMIT_EMAIL && (o->dry_run || o->eml || o->to || o->no_cc))
		return _("--dry-run, --eml, --to and --no-cc go with --via email");
	return NULL;
}

static int send_exec(const struct cmd_entry *self, const struct cmd_args *args)
{
	struct submit_opts o = { 0 };
	const char *usage = send_usage(args, &o);
	if (usage)
		return cmd_usage_error(self, usage);
	if (o.tracking) {
		for (const char *p = o.tracking; *p; p++)
			if ((unsigned char)*p < 0x20) {
				errmsg(_("--tracking: control characters are not allowed"));
				return EX_DATAERR;
			}
	}

	struct submit_session *s;
	int rc = submit_session_open(app.config_path, &s);
	if (rc)
		return rc;
	const struct catalog *cat;
	rc = app_catalog(&cat);
	int first_rc = rc;
	for (int i = 0; !rc && i < args->argc; i++) {
		o.source = args->argv[i];
		int r = send_file(s, cat, &o);
		if (r && !first_rc)
			first_rc = r;
		/* A broken SMTP setup or a full disk stops the run; a refused
		 * letter does not stop the others. */
		if (r == EX_CONFIG || r == EX_IOERR || r == EX_NOPERM || submit_session_broken(s))
			break;
	}
	submit_session_free(s);
	return first_rc;
}
