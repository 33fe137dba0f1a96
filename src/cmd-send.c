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
#include "term.h"
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

/* The controller's facts: from the catalogue or the inline mapping. */
struct target {
	const char *name;
	const char *email;	/* or NULL */
	const char *form;	/* or NULL */
};

static void find_target(const struct catalog *cat, const struct answers *a, struct target *t)
{
	memset(t, 0, sizeof *t);
	if (a->controller_id) {
		const struct ynode *ctl = catalog_controller(cat, a->controller_id);
		const struct ynode *ent = catalog_controller_entity(ctl, a->jurisdiction);
		t->name = catalog_str(ent, "name");
		if (!t->name)
			t->name = catalog_str(ctl, "name");
		t->email = catalog_str(ent, "email");
		t->form = catalog_str(ent, "objection_form");
		if (!t->form)
			t->form = catalog_str(ent, "webform");
	} else {
		t->name = ynode_scalar(ynode_get(a->controller, "name"));
		t->email = ynode_scalar(ynode_get(a->controller, "email"));
		t->form = ynode_scalar(ynode_get(a->controller, "webform"));
	}
	if (t->email && !*t->email)
		t->email = NULL;
	if (t->form && !*t->form)
		t->form = NULL;
	if (!t->name)
		t->name = a->controller_id ? a->controller_id : "the controller";
}

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
	struct target t;
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
	find_target(j->s->cat, j->a, &j->t);
	switch (o->via) {
	case VIA_EMAIL: {
		const char *to = o->to ? o->to : j->t.email;
		if (!to) {
			if (j->t.form)
				errmsg("%s publishes no e-mail address for this: give one with --to ADDRESS, "
				       "or use --via webform (its form: %s)", j->t.name, j->t.form);
			else
				errmsg("no e-mail address is known for %s: give one with --to ADDRESS, "
				       "or use --via post", j->t.name);
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
		if (!j->t.form) {
			errmsg("no web form is known for %s: use --via email (with --to) or --via post",
			       j->t.name);
			return EX_USAGE;
		}
		j->recipient = xstrdup(j->t.form);
		break;
	case VIA_POST:
		j->recipient = strv_join(&j->l->recipient, ", ");
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
	const struct jentry *u = journal_find_unsettled(v, n, j->l->reference, j->recipient);
	if (u) {
		errmsg("%s may already have been sent to %s: on %.10s the outcome was not known (%s; "
		       "%s:%d). Check the sent mail of your account (Message-ID %s); --force sends it "
		       "again", j->l->reference, j->recipient, u->time ? u->time : "?",
		       u->reason ? u->reason : "no reason recorded", journal, u->line,
		       u->message_id ? u->message_id : "-");
		return EX_USAGE;
	}
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
		term_printf(stdout, "Open the form of %s:\n\n  %s\n\nand paste this text (attach the PDF "
			    "if the form allows it):\n\n-------- 8< --------\n%s-------- 8< --------\n",
		       j.t.name, j.t.form, text.data);
		buf_free(&text);
		fflush(stdout);
		if (!o->yes && !confirm("Have you sent the form? Journal it as submitted?")) {
			errmsg("not journaled: run this again once the form is sent (or with --yes)");
			goto out;
		}
	}

	/* The password command runs before the lock is taken (reliab). */
	if (o->via == VIA_EMAIL && (rc = smtp_session(s)) != 0)
		goto out;
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
	/* --eml is written once the message has gone; refused now if it cannot be */
	if (o->eml && (rc = file_check_out(o->eml, o->force, &err)) != 0)
		goto fail;
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
	e.controller_name = (char *)j.t.name;
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
		if (st == SMTP_OK && cc && smtp_rcpt_refusal(s->smtp, 1))
			e.cc_refused = (char *)smtp_rcpt_refusal(s->smtp, 1);
		if (st != SMTP_OK) {
			e.status = st == SMTP_EUNKNOWN ? "unknown" : "failed";
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
		if (st != SMTP_OK && st != SMTP_EUNKNOWN && mark)
			unlink(mark);	/* not sent: nothing to guard */
		free(err);
		free(reply);
		free(send_err);
		goto out;
	}
	if (mark && st != SMTP_EUNKNOWN)
		unlink(mark);	/* the outcome is journaled; an unknown one stays guarded */
	if (o->eml && (st == SMTP_OK || st == SMTP_EUNKNOWN)) {
		char *eml_err = NULL;
		int erc = file_write_out(o->eml, j.msg.data, j.msg.len, 0600, o->force, &eml_err);
		if (erc) {
			errmsg("%s (the message itself went out)", eml_err);
			free(eml_err);
			if (st == SMTP_OK)
				rc = erc;
		}
	}
	if (st == SMTP_EUNKNOWN) {
		errmsg("%s: %s (journaled as unknown: check the sent mail of your account; a plain "
		       "send of it is refused, --force sends it again)", j.l->reference, send_err);
		rc = smtp_exitcode(st);
	} else if (st != SMTP_OK) {
		errmsg("%s: %s (journaled as failed)", j.l->reference, send_err);
		rc = smtp_exitcode(st);
	} else if (o->via == VIA_EMAIL) {
		if (e.cc_refused)
			errmsg("warning: the copy to %s was refused: %s (journaled; the letter to %s went)",
			       e.cc, e.cc_refused, j.recipient);
		term_printf(stdout, "sent %s to %s: %s\nanswer due by %s\n", j.l->reference, j.recipient,
			    reply ? reply : "accepted", due);
	} else {
		term_printf(stdout, "journaled %s (%s, %s)\nanswer due by %s\n", j.l->reference,
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

int cmd_send(int argc, char **argv)
{
	enum { OPT_PDF = 1, OPT_TO, OPT_FORCE, OPT_EML, OPT_VIA, OPT_TRACKING, OPT_NO_CC };
	static const struct option opts[] = {
		{ "pdf", required_argument, NULL, OPT_PDF },
		{ "to", required_argument, NULL, OPT_TO },
		{ "force", no_argument, NULL, OPT_FORCE },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "eml", required_argument, NULL, OPT_EML },
		{ "via", required_argument, NULL, OPT_VIA },
		{ "tracking", required_argument, NULL, OPT_TRACKING },
		{ "yes", no_argument, NULL, 'y' },
		{ "no-cc", no_argument, NULL, OPT_NO_CC },
		COMMON_OPTS,
		{ NULL, 0, NULL, 0 },
	};
	const struct cmd_entry *self = cmd_find("send");
	struct send_opts o = { 0 };
	const char *via = NULL;
	int c;
	while ((c = getopt_long(argc, argv, "nyh", opts, NULL)) != -1) {
		switch (c) {
		case OPT_PDF:
			o.pdf = optarg;
			break;
		case OPT_TO:
			o.to = optarg;
			break;
		case OPT_FORCE:
			o.force = 1;
			break;
		case 'n':
			o.dry_run = 1;
			break;
		case OPT_EML:
			o.eml = optarg;
			break;
		case OPT_VIA:
			via = optarg;
			break;
		case OPT_TRACKING:
			o.tracking = optarg;
			break;
		case 'y':
			o.yes = 1;
			break;
		case OPT_NO_CC:
			o.no_cc = 1;
			break;
		default: {
			int r = cmd_common(self, c);
			if (r != CMD_CONTINUE)
				return r;
		}
		}
	}
	int nfiles = argc - optind;
	const char *usage = NULL;
	if (via) {
		if (strcmp(via, "email") == 0)
			o.via = VIA_EMAIL;
		else if (strcmp(via, "post") == 0)
			o.via = VIA_POST;
		else if (strcmp(via, "webform") == 0)
			o.via = VIA_WEBFORM;
		else
			usage = "--via must be email, post or webform";
	}
	if (!usage && nfiles < 1)
		usage = "which answers file? (objector send ANSWERS)";
	else if (!usage && nfiles > 1 && (o.pdf || o.eml))
		usage = "--pdf and --eml take one answers file";
	else if (!usage && o.tracking && o.via != VIA_POST)
		usage = "--tracking goes with --via post";
	else if (!usage && o.via != VIA_EMAIL && (o.dry_run || o.eml || o.to || o.no_cc))
		usage = "--dry-run, --eml, --to and --no-cc go with --via email";
	if (usage) {
		errmsg("%s", usage);
		cmd_usage(self, 1);
		return EX_USAGE;
	}
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
	for (int i = optind; !rc && i < argc; i++) {
		int r = send_one(&s, &o, argv[i]);
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
