/*
 * cmd-send.c: `objector send`: e-mail a letter with its PDF attached (or
 * journal that it went by post or through a web form), and journal it.
 *
 * For each answers file: compose the letter, render (or read) the PDF, build
 * the exact message bytes (mail.h), then, under the journal's lock, refuse a
 * letter already sent to that address (unless --force), send it (smtp.h;
 * one connection for all the letters of one run) and journal the outcome,
 * a failure with its reason as much as a success. --dry-run prints the
 * message and touches nothing.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "answers.h"
#include "buf.h"
#include "catalog.h"
#include "cmd.h"
#include "compose.h"
#include "conf.h"
#include "diag.h"
#include "fileio.h"
#include "journal.h"
#include "letter.h"
#include "mail.h"
#include "pdf.h"
#include "sha256.h"
#include "smtp.h"
#include "xalloc.h"
#include "ydoc.h"

#define PDF_MAX ((size_t)32 << 20)

enum via { VIA_EMAIL, VIA_POST, VIA_WEBFORM };

struct send_opts {
	const char *pdf, *to, *eml, *tracking;
	enum via via;
	int force, dry_run, yes, no_cc;
};

struct session {
	struct conf *conf;
	const struct catalog *cat;
	struct smtp *smtp;
	int smtp_rc;		/* a failure to set up SMTP, not retried */
};

static const char *const via_names[] = { "email", "post", "webform" };

/* store_pdf: keep the PDF that went out beside the journal, named after the
 * reference and its hash (so the same bytes are stored once). */
static int store_pdf(const char *journal, const char *reference, const char *sha,
		     const struct buf *pdf, char **path, char **errstr)
{
	char *letters = journal_state_dir(journal, "letters");
	if (mkdir(letters, 0700) < 0 && errno != EEXIST) {
		*errstr = xasprintf("%s: %s", letters, strerror(errno));
		free(letters);
		return EX_CANTCREAT;
	}
	*path = xasprintf("%s/%s-%.12s.pdf", letters, reference, sha);
	free(letters);
	if (access(*path, F_OK) == 0)
		return 0;
	int rc = file_write_atomic(*path, pdf->data, pdf->len, 0600, 1, errstr);
	if (rc) {
		free(*path);
		*path = NULL;
	}
	return rc;
}

static int smtp_session(struct session *s)
{
	if (s->smtp || s->smtp_rc)
		return s->smtp_rc;
	struct conf *c = s->conf;
	if (!c->host) {
		char *def = c->file ? NULL : conf_default_path();
		errmsg("no SMTP server configured: add 'smtp: {host: ..., username: ...}' to %s "
		       "(or use --dry-run or --eml to get the message)", c->file ? c->file : def);
		free(def);
		return s->smtp_rc = EX_CONFIG;
	}
	char *pw = NULL;
	if (c->username) {
		char *err = NULL;
		int rc = conf_password(c, &pw, &err);
		if (rc) {
			errmsg("%s", err);
			free(err);
			return s->smtp_rc = rc;
		}
		if (c->security == CONF_NONE)
			errmsg("warning: 'security: none': the password goes to %s in plain text", c->host);
	}
	struct smtp_opts o = {
		.host = c->host,
		.port = c->port,
		.security = c->security == CONF_TLS ? SMTP_TLS : c->security == CONF_NONE ? SMTP_PLAIN
											: SMTP_STARTTLS,
		.username = c->username,
		.password = pw,
		.ca_file = c->ca_file,
		.timeout = c->timeout,
	};
	s->smtp = smtp_new(&o);
	free_secret(pw, 0);
	if (!s->smtp) {
		errmsg("%s", smtp_load_error());
		return s->smtp_rc = EX_UNAVAILABLE;
	}
	return 0;
}

/* confirm: ask on stderr, read one line from stdin; 1 for yes. */
static int confirm(const char *question)
{
	fprintf(stderr, "%s [y/N] ", question);
	fflush(stderr);
	char line[64];
	if (!fgets(line, sizeof line, stdin)) {
		fputc('\n', stderr);
		return 0;
	}
	if (!isatty(0))
		fputc('\n', stderr);
	return line[0] == 'y' || line[0] == 'Y';
}

/* attachment_name: the --pdf file's own name, else one that says what it is. */
static char *attachment_name(const struct send_opts *o, const struct letter *l)
{
	if (o->pdf) {
		const char *b = strrchr(o->pdf, '/');
		return xstrdup(b ? b + 1 : o->pdf);
	}
	char d[11];
	date_iso(l->date, d);
	return xasprintf("objection-%s-%s-%s.pdf", l->controller_id, l->jurisdiction, d);
}

struct job {
	const struct send_opts *o;
	struct session *s;
	const char *answers_path;
	struct answers *a;
	struct letter *l;
	char *recipient;	/* what the journal names: address, postal address, form */
	struct mail_addr from, to;
	int have_from, have_to;
	struct buf pdf;
	char sha[SHA256_HEX_LEN + 1];
	char *pdf_path;		/* journaled path */
	struct buf msg;
	char *message_id;
};

static void job_free(struct job *j)
{
	answers_free(j->a);
	if (j->l)
		letter_free(j->l);
	free(j->recipient);
	if (j->have_from)
		mail_addr_free(&j->from);
	if (j->have_to)
		mail_addr_free(&j->to);
	buf_free(&j->pdf);
	free(j->pdf_path);
	buf_free(&j->msg);
	free(j->message_id);
}

static int prepare(struct job *j)
{
	const struct send_opts *o = j->o;
	char *err = NULL;
	int rc = answers_load(j->s->cat, j->answers_path, &j->a, &err);
	if (!rc)
		rc = compose_answers(j->s->cat, app_data_dir(), j->a, &j->l, &err);
	if (rc) {
		errmsg("%s", err);
		free(err);
		return rc;
	}
	switch (o->via) {
	case VIA_EMAIL: {
		const char *to = o->to ? o->to : j->l->to.email;
		if (!to) {
			if (j->l->to.form)
				errmsg("%s publishes no e-mail address for this: give one with --to ADDRESS, "
				       "or use --via webform (its form: %s)", j->l->to.name, j->l->to.form);
			else
				errmsg("no e-mail address is known for %s: give one with --to ADDRESS, "
				       "or use --via post", j->l->to.name);
			return EX_USAGE;
		}
		rc = mail_addr_parse(to, &j->to, &err);
		if (rc) {
			errmsg("%s: %s", o->to ? "--to" : j->answers_path, err);
			free(err);
			return rc;
		}
		j->have_to = 1;
		j->recipient = xstrdup(j->to.addr);
		break;
	}
	case VIA_WEBFORM:
		if (!j->l->to.form) {
			errmsg("no web form is known for %s: use --via email (with --to) or --via post",
			       j->l->to.name);
			return EX_USAGE;
		}
		j->recipient = xstrdup(j->l->to.form);
		break;
	case VIA_POST:
		j->recipient = xstrdup(j->l->to.postal);
		break;
	}

	/* The PDF: given, or rendered now. */
	if (o->pdf) {
		char *data;
		size_t len;
		rc = file_read(o->pdf, PDF_MAX, &data, &len, &err);
		if (rc) {
			errmsg("%s", err);
			free(err);
			return rc;
		}
		buf_add(&j->pdf, data, len);
		free(data);
		if (len < 5 || memcmp(j->pdf.data, "%PDF-", 5) != 0) {
			errmsg("%s: not a PDF file", o->pdf);
			return EX_DATAERR;
		}
		char real[PATH_MAX];
		j->pdf_path = xstrdup(realpath(o->pdf, real) ? real : o->pdf);
	} else {
		struct pdf_opts po = { .producer = "objector " PACKAGE_VERSION, .created = time(NULL) };
		rc = pdf_render(j->l, &po, &j->pdf, &err);
		if (rc) {
			errmsg("%s", err);
			free(err);
			return rc;
		}
	}
	sha256_hex(j->pdf.data, j->pdf.len, j->sha);
	if (o->via != VIA_EMAIL)
		return 0;

	/* The message. */
	const struct conf *c = j->s->conf;
	if (c->from) {
		rc = mail_addr_parse(c->from, &j->from, &err);
	} else {
		j->from.name = xstrdup(j->l->signer);
		j->from.addr = xstrdup(j->l->email);
		rc = 0;
	}
	if (rc) {
		errmsg("%s:%d:%d: 'from': %s", c->file, c->from_line, c->from_col, err);
		free(err);
		return EX_CONFIG;
	}
	j->have_from = 1;
	char *name = attachment_name(o, j->l);
	struct buf body = BUF_INIT;
	letter_text(j->l, &body);
	int cc = !o->no_cc && strcmp(j->from.addr, j->to.addr) != 0;
	struct mail_msg m = {
		.from = &j->from,
		.to = &j->to,
		.cc = cc ? &j->from : NULL,
		.subject = j->l->subject,
		.lang = j->l->lang,
		.body = body.data,
		.attachment = j->pdf.data,
		.attachment_len = j->pdf.len,
		.attachment_name = name,
		.attachment_type = "application/pdf",
		.date = time(NULL),
		.user_agent = "objector " PACKAGE_VERSION,
	};
	rc = mail_build(&m, &j->msg, &j->message_id, &err);
	free(name);
	buf_free(&body);
	if (rc) {
		errmsg("%s: %s", j->answers_path, err);
		free(err);
	}
	return rc;
}

/* already_sent: the refusal message when the journal has this letter. */
static int already_sent(const struct job *j, const struct jentry *v, size_t n, const char *journal)
{
	if (j->o->force)
		return 0;
	char *mark = journal_pending_path(journal, j->l->reference, j->recipient);
	struct jentry p;
	int pending = journal_pending_read(mark, &p) == 0;
	if (pending) {
		errmsg("%s may already have been sent to %s: objector was stopped while sending it "
		       "on %.10s (Message-ID %s; %s). Check the sent mail of your account; --force "
		       "sends it again", j->l->reference, j->recipient, p.time ? p.time : "?",
		       p.message_id ? p.message_id : "-", mark);
		jentry_clear(&p);
	}
	free(mark);
	if (pending)
		return EX_USAGE;
	const struct jentry *e = journal_find_sent(v, n, j->l->reference, j->recipient, NULL);
	if (!e)
		return 0;
	errmsg("%s was already %s to %s on %.10s (%s:%d); --force sends it again", j->l->reference,
	       e->method && strcmp(e->method, "post") == 0 ? "posted" : "sent", j->recipient,
	       e->time ? e->time : "?", journal, e->line);
	return EX_USAGE;
}

static int send_one(struct session *s, const struct send_opts *o, const char *answers_path)
{
	struct job j = { 0 };
	j.o = o;
	j.s = s;
	j.answers_path = answers_path;
	buf_init(&j.pdf, PDF_MAX);
	buf_init(&j.msg, 0);
	char *err = NULL;
	struct journal *jr = NULL;
	struct jentry *v = NULL;
	size_t n = 0;
	char *mark = NULL;	/* the pending-send marker, while sending */
	int rc = prepare(&j);
	if (rc)
		goto out;

	if (o->dry_run) {
		if (fwrite(j.msg.data, 1, j.msg.len, stdout) != j.msg.len)
			rc = EX_IOERR;
		goto out;
	}
	const char *jpath = s->conf->journal;

	if (o->via == VIA_WEBFORM) {
		/* Ask first (without holding the lock), check again after. */
		rc = journal_open(jpath, 0, &jr, &err);
		if (!rc)
			rc = journal_read(jr, &v, &n, &err);
		journal_close(jr);
		jr = NULL;
		if (rc)
			goto fail;
		if ((rc = already_sent(&j, v, n, jpath)))
			goto out;
		jentries_free(v, n);
		v = NULL;
		n = 0;
		struct buf text = BUF_INIT;
		letter_text(j.l, &text);
		printf("Open the form of %s:\n\n  %s\n\nand paste this text (attach the PDF if the form "
		       "allows it):\n\n-------- 8< --------\n%s-------- 8< --------\n",
		       j.l->to.name, j.l->to.form, text.data);
		buf_free(&text);
		fflush(stdout);
		if (!o->yes && !confirm("Have you sent the form? Journal it as submitted?")) {
			errmsg("not journaled: run this again once the form is sent (or with --yes)");
			goto out;
		}
	}

	rc = journal_open(jpath, 1, &jr, &err);
	if (!rc)
		rc = journal_read(jr, &v, &n, &err);
	if (rc)
		goto fail;
	int torn_line, torn = journal_torn(jr, &torn_line);
	if (torn)
		errmsg("warning: %s:%d: %d journal entr%s cut short by a crash skipped", jpath,
		       torn_line, torn, torn == 1 ? "y" : "ies");
	if ((rc = already_sent(&j, v, n, jpath)))
		goto out;
	if (o->eml) {
		/* written before sending: it is the message, whatever the server says */
		rc = file_write_atomic(o->eml, j.msg.data, j.msg.len, 0600, 0, &err);
		if (rc)
			goto fail;
	}
	if (!o->pdf) {
		rc = store_pdf(jpath, j.l->reference, j.sha, &j.pdf, &j.pdf_path, &err);
		if (rc)
			goto fail;
	}

	char now[32], due[11];
	journal_now(now);
	date_iso(j.l->due, due);
	struct jentry e = { 0 };
	e.reference = j.l->reference;
	e.time = now;
	e.method = (char *)via_names[o->via];
	e.status = "sent";
	e.jurisdiction = j.l->jurisdiction;
	e.controller = j.l->controller_id;
	e.controller_name = (char *)j.l->to.name;
	e.recipient = j.recipient;
	e.pdf = j.pdf_path;
	e.sha256 = j.sha;
	e.tracking = (char *)o->tracking;
	e.due = due;

	char *reply = NULL, *send_err = NULL;
	int st = SMTP_OK;
	if (o->via == VIA_EMAIL) {
		rc = smtp_session(s);
		if (rc)
			goto out;
		const char *rcpt[2] = { j.to.addr, j.from.addr };
		int cc = !o->no_cc && strcmp(j.from.addr, j.to.addr) != 0;
		/* Write ahead: should objector be stopped between the server's
		 * acceptance and the journal entry, this marker stays, and the
		 * letter is not sent twice by accident. */
		mark = journal_pending_path(jpath, j.l->reference, j.recipient);
		struct jentry ahead = e;
		ahead.status = "sending";
		ahead.message_id = j.message_id;
		ahead.due = NULL;
		rc = journal_pending_mark(mark, &ahead, &err);
		if (rc)
			goto fail;
		st = smtp_send(s->smtp, j.from.addr, rcpt, cc ? 2 : 1, j.msg.data, j.msg.len, &reply,
			       &send_err);
		e.message_id = j.message_id;
		e.reply = reply;
		e.cc = cc ? j.from.addr : NULL;
		if (st != SMTP_OK) {
			e.status = "failed";
			e.reason = send_err;
			e.due = NULL;
		}
	}
	rc = journal_append(jr, &e, &err);
	if (rc) {
		if (st == SMTP_OK)
			errmsg("%s WAS %s to %s (Message-ID %s, %s) but the journal could not record it: %s",
			       j.l->reference, o->via == VIA_POST ? "posted" : "sent", j.recipient,
			       j.message_id ? j.message_id : "-", reply ? reply : "-", err);
		else
			errmsg("%s; the journal could not record the failure either: %s", send_err, err);
		if (st != SMTP_OK && mark)
			unlink(mark);	/* not sent: nothing to guard */
		free(err);
		free(reply);
		free(send_err);
		goto out;
	}
	if (mark)
		unlink(mark);	/* the outcome is journaled */
	if (st != SMTP_OK) {
		errmsg("%s: %s (journaled as failed)", j.l->reference, send_err);
		rc = smtp_exitcode(st);
	} else if (o->via == VIA_EMAIL) {
		printf("sent %s to %s: %s\nanswer due by %s\n", j.l->reference, j.recipient,
		       reply ? reply : "accepted", due);
	} else {
		printf("journaled %s (%s, %s)\nanswer due by %s\n", j.l->reference,
		       o->via == VIA_POST ? "posted" : "web form", j.recipient, due);
	}
	free(reply);
	free(send_err);
	goto out;
fail:
	errmsg("%s", err);
	free(err);
out:
	free(mark);
	jentries_free(v, n);
	journal_close(jr);
	job_free(&j);
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
	.summary = "e-mail the letter with the PDF attached, and journal it",
	.help = "      --pdf PDF         attach this PDF (default: render it now)\n"
		"      --to ADDR         the recipient's address (LinkedIn publishes only web forms)\n"
		"      --force           send again what was already sent to that address\n"
		"  -n, --dry-run         print the exact message on standard output; send and journal nothing\n"
		"      --eml FILE        also save the exact message sent to FILE\n"
		"      --via METHOD      email (default), post (journal a posted letter; --tracking NUMBER),\n"
		"                        or webform (show the form's address and the text to paste)\n"
		"      --tracking NUMBER the postal tracking number, with --via post\n"
		"  -y, --yes             with --via webform: journal it without asking\n"
		"      --no-cc           do not send the sender a copy (Cc)\n"
		CMD_COMMON_HELP
		"\nSeveral ANSWERS files go out over one connection. The password comes from\n"
		"OBJECTOR_SMTP_PASSWORD or smtp.password_command, never from the command line.\n"
		"A letter already sent to that address is refused (exit 64) without --force.\n",
	.opts = opts,
	.exec = send_exec,
};

/* send_usage: the options' combination, or a message saying what is wrong. */
static const char *send_usage(const struct cmd_args *args, struct send_opts *o)
{
	const char *const *v = args->opt;
	o->pdf = v[O_PDF];
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
			o->via = VIA_EMAIL;
		else if (strcmp(via, "post") == 0)
			o->via = VIA_POST;
		else if (strcmp(via, "webform") == 0)
			o->via = VIA_WEBFORM;
		else
			return "--via must be email, post or webform";
	}
	if (args->argc < 1)
		return "which answers file? (objector send ANSWERS)";
	if (args->argc > 1 && (o->pdf || o->eml))
		return "--pdf and --eml take one answers file";
	if (o->tracking && o->via != VIA_POST)
		return "--tracking goes with --via post";
	if (o->via != VIA_EMAIL && (o->dry_run || o->eml || o->to || o->no_cc))
		return "--dry-run, --eml, --to and --no-cc go with --via email";
	return NULL;
}

static int send_exec(const struct cmd_entry *self, const struct cmd_args *args)
{
	struct send_opts o = { 0 };
	const char *usage = send_usage(args, &o);
	if (usage)
		return cmd_usage_error(self, usage);
	if (o.tracking) {
		for (const char *p = o.tracking; *p; p++)
			if ((unsigned char)*p < 0x20) {
				errmsg("--tracking: control characters are not allowed");
				return EX_DATAERR;
			}
	}

	struct session s = { 0 };
	char *err = NULL;
	int rc = conf_load(app.config_path, &s.conf, &err);
	if (rc) {
		errmsg("%s", err);
		free(err);
		return rc;
	}
	rc = app_catalog(&s.cat);
	int first_rc = rc;
	for (int i = 0; !rc && i < args->argc; i++) {
		int r = send_one(&s, &o, args->argv[i]);
		if (r && !first_rc)
			first_rc = r;
		/* A broken SMTP setup or a full disk stops the run; a refused
		 * letter does not stop the others. */
		if (r == EX_CONFIG || r == EX_IOERR || r == EX_NOPERM || s.smtp_rc)
			break;
	}
	smtp_free(s.smtp);
	conf_free(s.conf);
	return first_rc;
}
