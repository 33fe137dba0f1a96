/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * submit.c: the submission transaction; see submit.h.
 *
 * struct tx holds everything one submission allocates; each step returns 0
 * or an exit code (its message printed, or left in tx->err for the one
 * cleanup path to print), and tx_free releases whatever was set.
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

#include "i18n.h"
#include "buf.h"
#include "conf.h"
#include "diag.h"
#include "fileio.h"
#include "journal.h"
#include "letter.h"
#include "mail.h"
#include "plan.h"
#include "sendmail.h"
#include "sha256.h"
#include "smtp.h"
#include "submit.h"
#include "term.h"
#include "xalloc.h"

struct submit_session {
	const struct conf *conf;
	struct smtp *smtp;
	int smtp_rc;		/* a failure to set up SMTP, not retried */
	struct jindex *jx;	/* the journal's index: read on, not again, per letter */
	struct conf *own_conf;	/* submit_session_open's: freed with the session */
};

static const char *const via_names[] = { "email", "post", "webform" };

struct tx {
	struct submit_session *s;
	const struct letter *l;
	const struct submit_opts *o;
	const void *pdf;
	size_t pdf_len;
	char *recipient;	/* what the journal names: address, postal address, form */
	struct mail_addr from, to;
	int have_from, have_to;
	char sha[SHA256_HEX_LEN + 1];
	char *pdf_path;		/* journaled path */
	struct buf msg;
	char *message_id;
	struct journal *jr;
	char *mark;		/* the pending-send marker, while sending */
	struct jentry e;	/* the entry to journal */
	char now[32], due[11];
	int st;			/* SMTP_OK, or how the e-mail failed */
	char *reply, *send_err;
	char *answers_rel, *eml_rel;	/* the copies kept with the letter */
	char *err;		/* a message for the cleanup path to print */
};

struct submit_session *submit_session_new(const struct conf *conf)
{
	struct submit_session *s = xcalloc(1, sizeof *s);
	s->conf = conf;
	return s;
}

int submit_session_open(const char *config_path, struct submit_session **out)
{
	struct conf *conf;
	char *err = NULL;
	*out = NULL;
	int rc = conf_load(config_path, &conf, &err);
	if (rc) {
		errmsg("%s", err);
		free(err);
		return rc;
	}
	*out = submit_session_new(conf);
	(*out)->own_conf = conf;
	return 0;
}

const struct conf *submit_session_conf(const struct submit_session *s)
{
	return s->conf;
}

void submit_session_free(struct submit_session *s)
{
	if (!s)
		return;
	smtp_free(s->smtp);
	jindex_free(s->jx);
	conf_free(s->own_conf);
	free(s);
}

int submit_session_broken(const struct submit_session *s)
{
	return s->smtp_rc != 0;
}

int submit_smtp_opts(const struct conf *c, struct smtp_opts *o, char **pw)
{
	*pw = NULL;
	if (c->username) {
		char *err = NULL;
		int rc = conf_password(c, pw, &err);
		if (rc) {
			errmsg("%s", err);
			free(err);
			return rc;
		}
		if (c->security == CONF_NONE)
			errmsg(_("warning: 'security: none': the password goes to %s in plain text"), c->host);
	}
	*o = (struct smtp_opts){
		.host = c->host,
		.port = c->port,
		.security = c->security == CONF_TLS ? SMTP_TLS : c->security == CONF_NONE ? SMTP_PLAIN
											: SMTP_STARTTLS,
		.username = c->username,
		.password = *pw,
		.ca_file = c->ca_file,
		.timeout = c->timeout,
	};
	return 0;
}

static int smtp_connect(struct submit_session *s)
{
	if (s->smtp || s->smtp_rc)
		return s->smtp_rc;
	const struct conf *c = s->conf;
	if (!c->host) {
		char *def = c->file ? NULL : conf_default_path();
		errmsg(_("no SMTP server configured: add 'smtp: {host: ..., username: ...}' to %s "
		       "(or use --dry-run or --eml to get the message)"), c->file ? c->file : def);
		free(def);
		return s->smtp_rc = EX_CONFIG;
	}
	char *pw = NULL;
	struct smtp_opts o;
	int rc = submit_smtp_opts(c, &o, &pw);
	if (rc)
		return s->smtp_rc = rc;
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

int submit_check(const struct letter *l, const struct submit_opts *o)
{
	if (o->via == SUBMIT_EMAIL && !o->to && !l->to.email) {
		if (l->to.form)
			errmsg(_("%s publishes no e-mail address for this: give one with --to ADDRESS, "
			       "or use --via webform (its form: %s)"), l->to.name, l->to.form);
		else
			errmsg(_("no e-mail address is known for %s: give one with --to ADDRESS, "
			       "or use --via post"), l->to.name);
		return EX_USAGE;
	}
	if (o->via == SUBMIT_WEBFORM && !l->to.form) {
		errmsg(_("no web form is known for %s: use --via email (with --to) or --via post"),
		       l->to.name);
		return EX_USAGE;
	}
	if (o->via == SUBMIT_EMAIL) {
		struct mail_addr a;
		char *err = NULL;
		int rc = mail_addr_parse(o->to ? o->to : l->to.email, &a, &err);
		if (rc) {
			errmsg("%s: %s", o->to ? "--to" : o->source, err);
			free(err);
			return rc;
		}
		mail_addr_free(&a);
	}
	return 0;
}

/* step_recipient: what the journal names as the recipient, and for an
 * e-mail the parsed address. */
static int step_recipient(struct tx *t)
{
	const struct submit_opts *o = t->o;
	int rc = submit_check(t->l, o);
	if (rc)
		return rc;
	if (o->via == SUBMIT_WEBFORM) {
		t->recipient = xstrdup(t->l->to.form);
		return 0;
	}
	if (o->via == SUBMIT_POST) {
		t->recipient = xstrdup(t->l->to.postal);
		return 0;
	}
	char *err = NULL;
	rc = mail_addr_parse(o->to ? o->to : t->l->to.email, &t->to, &err);
	if (rc) {	/* checked above */
		free(err);
		return rc;
	}
	t->have_to = 1;
	t->recipient = xstrdup(t->to.addr);
	return 0;
}

/* attachment_name: the given PDF's own name, else one that says what it is. */
static char *attachment_name(const struct submit_opts *o, const struct letter *l)
{
	if (o->pdf_path) {
		const char *b = strrchr(o->pdf_path, '/');
		return xstrdup(b ? b + 1 : o->pdf_path);
	}
	char d[11];
	date_iso(l->date, d);
	return xasprintf("objection-%s-%s-%s.pdf", l->controller_id, l->jurisdiction, d);
}

/* step_message: the exact bytes of the e-mail (mail.h). */
static int step_message(struct tx *t)
{
	const struct conf *c = t->s->conf;
	char *err = NULL;
	int rc = 0;
	if (c->from) {
		rc = mail_addr_parse(c->from, &t->from, &err);
	} else {
		t->from.name = xstrdup(t->l->signer);
		t->from.addr = xstrdup(t->l->email);
	}
	if (rc) {
		errmsg(_("%s:%d:%d: 'from': %s"), c->file, c->from_line, c->from_col, err);
		free(err);
		return EX_CONFIG;
	}
	t->have_from = 1;
	char *name = attachment_name(t->o, t->l);
	struct buf body = BUF_INIT;
	letter_text(t->l, &body);
	int cc = !t->o->no_cc && strcmp(t->from.addr, t->to.addr) != 0;
	struct mail_msg m = {
		.from = &t->from,
		.to = &t->to,
		.cc = cc ? &t->from : NULL,
		.subject = t->l->subject,
		.lang = t->l->lang,
		.body = body.data,
		.attachment = t->pdf,
		.attachment_len = t->pdf_len,
		.attachment_name = name,
		.attachment_type = "application/pdf",
		.date = date_now(),
		.user_agent = "objector " PACKAGE_VERSION,
	};
	rc = mail_build(&m, &t->msg, &t->message_id, &err);
	free(name);
	buf_free(&body);
	if (rc) {
		errmsg("%s: %s", t->o->source, err);
		free(err);
	}
	return rc;
}

/* already_sent: the refusal when the journal has this letter for this
 * recipient, or says its outcome was not known, or a pending marker says it
 * may have gone out. */
static int already_sent(const struct tx *t, const char *journal)
{
	if (t->o->force || t->o->event)
		return 0;
	const struct letter *l = t->l;
	const struct jentry *u = jindex_find_unsettled(t->s->jx, l->reference, t->recipient);
	if (u) {
		errmsg(_("%s may already have been sent to %s: on %.10s the outcome was not known (%s; "
		       "%s:%d). Check the sent mail of your account (Message-ID %s); --force sends it "
		       "again"), l->reference, t->recipient, u->time ? u->time : "?",
		       u->reason ? u->reason : "no reason recorded", journal, u->line,
		       u->message_id ? u->message_id : "-");
		return EX_USAGE;
	}
	char *mark = journal_pending_path(journal, l->reference, t->recipient);
	struct jentry p;
	int pending = journal_pending_read(mark, &p) == 0;
	if (pending) {
		errmsg(_("%s may already have been sent to %s: objector was stopped while sending it "
		       "on %.10s (Message-ID %s; %s). Check the sent mail of your account; --force "
		       "sends it again"), l->reference, t->recipient, p.time ? p.time : "?",
		       p.message_id ? p.message_id : "-", mark);
		jentry_clear(&p);
	}
	free(mark);
	if (pending)
		return EX_USAGE;
	const struct jentry *e = jindex_find_sent(t->s->jx, l->reference, t->recipient);
	if (!e)
		return 0;
	errmsg(_("%s was already %s to %s on %.10s (%s:%d); --force sends it again"), l->reference,
	       e->method && strcmp(e->method, "post") == 0 ? "posted" : "sent", t->recipient,
	       e->time ? e->time : "?", journal, e->line);
	return EX_USAGE;
}

/* read_journal: bring the session's index of the journal up to date: the
 * whole journal the first time, only what was appended since after that. */
static int read_journal(struct tx *t)
{
	if (!t->s->jx)
		t->s->jx = jindex_new();
	return journal_index_update(t->jr, t->s->jx, &t->err);
}

/* step_webform: check the journal without its lock, show the form and the
 * text, and ask whether the form was sent; -1: not confirmed. */
static int step_webform(struct tx *t, const char *jpath)
{
	int rc = journal_open(jpath, 0, &t->jr, &t->err);
	if (!rc)
		rc = read_journal(t);
	journal_close(t->jr);
	t->jr = NULL;
	if (rc || (rc = already_sent(t, jpath)))
		return rc;
	struct buf text = BUF_INIT;
	plan_webform(t->l, t->pdf_path, &text);
	term_printf(stdout, "%s", text.data);
	buf_free(&text);
	fflush(stdout);
	if (!t->o->yes && !confirm("Have you sent the form? Journal it as submitted?")) {
		errmsg(_("not journaled: run this again once the form is sent (or with --yes)"));
		return -1;
	}
	return 0;
}

/* use_sendmail: the e-mail goes to the MTA (--via sendmail, mail.via). */
static int use_sendmail(const struct tx *t)
{
	if (t->o->transport)
		return strcmp(t->o->transport, "sendmail") == 0;
	return t->s->conf->via_sendmail;
}

/* step_session: for an e-mail, the SMTP session (the password command)
 * before the lock: a password command that hangs never holds the journal. */
static int step_session(struct tx *t)
{
	return t->o->via == SUBMIT_EMAIL && !use_sendmail(t) ? smtp_connect(t->s) : 0;
}

/* step_lock: open the journal for writing (locked) and read it (on). */
static int step_lock(struct tx *t, const char *jpath)
{
	int rc = journal_open(jpath, 1, &t->jr, &t->err);
	if (!rc)
		rc = read_journal(t);
	if (rc)
		return rc;
	int torn_line, torn = journal_torn(t->jr, &torn_line);
	if (torn)
		errmsg(i18n_ngettext("warning: %s:%d: %d journal entry cut short by a crash skipped",
				     "warning: %s:%d: %d journal entries cut short by a crash skipped",
				     (unsigned long)torn), jpath, torn_line, torn);
	return 0;
}

/* step_store: --eml checked (it is written once the message has gone:
 * step_eml; refused now if it could not be), and the PDF beside the
 * journal, named after the reference and its hash (the same bytes are
 * stored once). */
static int step_store(struct tx *t, const char *jpath)
{
	int rc = 0;
	if (t->o->eml && (rc = file_check_out(t->o->eml, t->o->force, &t->err)) != 0)
		return rc;
	if (t->o->pdf_path)
		return 0;
	char *letters = journal_state_dir(jpath, "letters");
	if (mkdir(letters, 0700) < 0 && errno != EEXIST) {
		t->err = xasprintf("%s: %s", letters, strerror(errno));
		free(letters);
		return EX_CANTCREAT;
	}
	t->pdf_path = xasprintf("%s/%s-%.12s.pdf", letters, t->l->reference, t->sha);
	free(letters);
	if (access(t->pdf_path, F_OK) == 0)
		return 0;
	rc = file_write_atomic(t->pdf_path, t->pdf, t->pdf_len, 0600, 1, &t->err);
	if (rc) {
		free(t->pdf_path);
		t->pdf_path = NULL;
	}
	return rc;
}

/* entry: the journal entry as if all goes well. */
static void entry(struct tx *t)
{
	const struct letter *l = t->l;
	journal_now(t->now);
	date_iso(l->due, t->due);
	struct jentry *e = &t->e;
	e->reference = l->reference;
	e->time = t->now;
	e->method = (char *)via_names[t->o->via];
	e->status = "sent";
	e->jurisdiction = l->jurisdiction;
	e->controller = l->controller_id;
	e->controller_name = l->to.name;
	e->requester = l->signer;
	e->requester_email = l->email && *l->email ? l->email : NULL;
	e->recipient = t->recipient;
	e->pdf = t->pdf_path;
	e->sha256 = t->sha;
	e->tracking = (char *)t->o->tracking;
	e->due = t->due;
	e->event = (char *)t->o->event;
	e->authority = (char *)t->o->authority;
}

/* step_mark_pending: write ahead: should objector be stopped between the
 * server's acceptance and the journal entry, this marker stays, and the
 * letter is not sent twice by accident. */
static int step_mark_pending(struct tx *t, const char *jpath)
{
	t->mark = journal_pending_path(jpath, t->l->reference, t->recipient);
	struct jentry ahead = t->e;
	ahead.status = "sending";
	ahead.message_id = t->message_id;
	ahead.due = NULL;
	return journal_pending_mark(t->mark, &ahead, &t->err);
}

/* step_deliver: the e-mail to the server; its outcome goes into the entry. */
static void step_deliver(struct tx *t)
{
	const char *rcpt[2] = { t->to.addr, t->from.addr };
	int cc = !t->o->no_cc && strcmp(t->from.addr, t->to.addr) != 0;
	if (use_sendmail(t))
		t->st = sendmail_send(t->s->conf->sendmail ? t->s->conf->sendmail : SENDMAIL_DEFAULT,
				      t->from.addr, rcpt, cc ? 2 : 1, t->msg.data, t->msg.len,
				      &t->reply, &t->send_err);
	else
		t->st = smtp_send(t->s->smtp, t->from.addr, rcpt, cc ? 2 : 1, t->msg.data,
				  t->msg.len, &t->reply, &t->send_err);
	t->e.message_id = t->message_id;
	t->e.reply = t->reply;
	t->e.cc = cc ? t->from.addr : NULL;
	if (t->st == SMTP_OK && cc && t->s->smtp && smtp_rcpt_refusal(t->s->smtp, 1))
		t->e.cc_refused = (char *)smtp_rcpt_refusal(t->s->smtp, 1);
	if (t->st != SMTP_OK) {
		t->e.status = t->st == SMTP_EUNKNOWN ? "unknown" : "failed";
		t->e.reason = t->send_err;
		t->e.due = NULL;
	}
}

/* keep_copy: data as STATE/letters/REF-HASH.SUFFIX (0600; the same bytes
 * are kept once); the path relative to the state directory, or NULL with a
 * warning (the letter itself went: a missing copy does not undo that). */
static char *keep_copy(const struct tx *t, const char *jpath, const char *suffix, const void *data,
		       size_t len)
{
	char hex[SHA256_HEX_LEN + 1], *err = NULL;
	sha256_hex(data, len, hex);
	char *rel = xasprintf("letters/%s-%.12s.%s", t->l->reference, hex, suffix);
	char *path = journal_state_dir(jpath, rel);
	int rc = 0;
	if (access(path, F_OK) != 0 && (rc = file_write_atomic(path, data, len, 0600, 1, &err))) {
		errmsg(_("warning: no copy of the %s kept: %s"), suffix, err);
		free(err);
		free(rel);
		rel = NULL;
	}
	free(path);
	return rel;
}

/* step_copies: beside the stored PDF, a copy of the answers the letter was
 * made from (when they are a file) and of the exact e-mail, journaled as
 * "answers" and "eml": what remind, complain and dossier work from. Only
 * for a letter that went (or may have). */
static void step_copies(struct tx *t, const char *jpath)
{
	if (t->st != SMTP_OK && t->st != SMTP_EUNKNOWN)
		return;
	char *letters = journal_state_dir(jpath, "letters");
	int ok = mkdir(letters, 0700) == 0 || errno == EEXIST;
	free(letters);
	if (!ok)
		return;
	struct stat st;
	char *data, *err = NULL;
	size_t len;
	if (t->o->source && stat(t->o->source, &st) == 0 && S_ISREG(st.st_mode)) {
		if (file_read(t->o->source, 1 << 20, &data, &len, &err) == 0) {
			t->answers_rel = keep_copy(t, jpath, "answers.yaml", data, len);
			free(data);
		} else {
			errmsg(_("warning: no copy of the answers kept: %s"), err);
			free(err);
		}
	}
	if (t->o->via == SUBMIT_EMAIL && t->msg.len)
		t->eml_rel = keep_copy(t, jpath, "eml", t->msg.data, t->msg.len);
	t->e.answers = t->answers_rel;
	t->e.eml = t->eml_rel;
}

/* step_journal: append the entry and clear the marker; an unknown outcome
 * keeps it (the letter may have gone: a plain re-send stays refused). */
static int step_journal(struct tx *t)
{
	const struct letter *l = t->l;
	const struct submit_opts *o = t->o;
	char *err = NULL;
	int rc = journal_append(t->jr, &t->e, &err);
	if (rc) {
		if (t->st == SMTP_OK)
			errmsg(_("%s WAS %s to %s (Message-ID %s, %s) but the journal could not record it: %s"),
			       l->reference, o->via == SUBMIT_POST ? "posted" : "sent", t->recipient,
			       t->message_id ? t->message_id : "-", t->reply ? t->reply : "-", err);
		else
			errmsg(_("%s; the journal could not record the failure either: %s"), t->send_err, err);
		if (t->st != SMTP_OK && t->st != SMTP_EUNKNOWN && t->mark)
			unlink(t->mark);	/* not sent: nothing to guard */
		free(err);
		return rc;
	}
	if (t->mark && t->st != SMTP_EUNKNOWN)
		unlink(t->mark);	/* the outcome is journaled; an unknown one stays guarded */
	return 0;
}

/* step_eml: the message to --eml, once it has gone (or may have); a
 * failure here is reported, and is the exit code when it surely went. */
static int step_eml(struct tx *t)
{
	if (!t->o->eml || (t->st != SMTP_OK && t->st != SMTP_EUNKNOWN))
		return 0;
	char *err = NULL;
	int rc = file_write_out(t->o->eml, t->msg.data, t->msg.len, 0600, t->o->force, &err);
	if (rc) {
		errmsg(_("%s (the message itself went out)"), err);
		free(err);
	}
	return t->st == SMTP_OK ? rc : 0;
}

/* step_report: say what happened; the exit code of the delivery. */
static int step_report(struct tx *t)
{
	const struct letter *l = t->l;
	const struct submit_opts *o = t->o;
	if (t->st == SMTP_EUNKNOWN) {
		errmsg(_("%s: %s (journaled as unknown: check the sent mail of your account; a plain "
		       "send of it is refused, --force sends it again)"), l->reference, t->send_err);
		return smtp_exitcode(t->st);
	}
	if (t->st != SMTP_OK) {
		errmsg(_("%s: %s (journaled as failed)"), l->reference, t->send_err);
		return smtp_exitcode(t->st);
	}
	if (o->via == SUBMIT_EMAIL) {
		if (t->e.cc_refused)
			errmsg(_("warning: the copy to %s was refused: %s (journaled; the letter to %s went)"),
			       t->e.cc, t->e.cc_refused, t->recipient);
		if (o->quiet)
			return 0;
		if (o->event) {
			term_printf(stdout, _("sent the %s of %s to %s: %s\n"), o->event, l->reference,
				    t->recipient, t->reply ? t->reply : "accepted");
			return 0;
		}
		term_printf(stdout, _("sent %s to %s: %s\nanswer due by %s\n"), l->reference, t->recipient,
			    t->reply ? t->reply : "accepted", t->due);
	} else if (!o->quiet) {
		term_printf(stdout, _("journaled %s (%s, %s)\nanswer due by %s\n"), l->reference,
			    o->via == SUBMIT_POST ? _("posted") : _("web form"), t->recipient, t->due);
	}
	/* the next step of the case (case.h) */
	if (o->via == SUBMIT_POST)
		printf(_("next: the answer is due counted from delivery: once the letter has arrived, "
		       "objector delivered %s --date DATE (and objector log %s shows the date)\n"),
		       l->reference, l->reference);
	else
		printf(_("next: when the answer comes, objector reply %s --outcome OUTCOME; "
		       "if none has come by %s, objector log %s shows it overdue\n"), l->reference,
		       t->due, l->reference);
	return 0;
}

static void tx_free(struct tx *t)
{
	if (t->err)
		errmsg("%s", t->err);
	free(t->err);
	free(t->mark);
	journal_close(t->jr);
	free(t->recipient);
	if (t->have_from)
		mail_addr_free(&t->from);
	if (t->have_to)
		mail_addr_free(&t->to);
	free(t->pdf_path);
	free(t->answers_rel);
	free(t->eml_rel);
	buf_free(&t->msg);
	free(t->message_id);
	free(t->reply);
	free(t->send_err);
}

/* prepare: the recipient, the PDF's path and hash, the message. */
static int prepare(struct tx *t)
{
	int rc = step_recipient(t);
	if (rc)
		return rc;
	if (t->o->pdf_path) {
		char real[PATH_MAX];
		t->pdf_path = xstrdup(realpath(t->o->pdf_path, real) ? real : t->o->pdf_path);
	}
	sha256_hex(t->pdf, t->pdf_len, t->sha);
	return t->o->via == SUBMIT_EMAIL ? step_message(t) : 0;
}

int submit(struct submit_session *s, const struct letter *l, const void *pdf, size_t pdf_len,
	   const struct submit_opts *o)
{
	struct tx t = { .s = s, .l = l, .o = o, .pdf = pdf, .pdf_len = pdf_len, .st = SMTP_OK };
	buf_init(&t.msg, 0);
	const char *jpath = s->conf->journal;
	int rc = prepare(&t);
	if (!rc && o->dry_run) {
		if (fwrite(t.msg.data, 1, t.msg.len, stdout) != t.msg.len)
			rc = EX_IOERR;
		goto out;
	}
	if (!rc && o->via == SUBMIT_WEBFORM && (rc = step_webform(&t, jpath)) < 0)
		rc = 0;		/* not confirmed: nothing to do */
	else if (!rc && !(rc = step_session(&t)) && !(rc = step_lock(&t, jpath)) &&
		 !(rc = already_sent(&t, jpath)) && !(rc = step_store(&t, jpath))) {
		entry(&t);
		if (o->via == SUBMIT_EMAIL && !(rc = step_mark_pending(&t, jpath)))
			step_deliver(&t);
		if (!rc)
			step_copies(&t, jpath);
		if (!rc && !(rc = step_journal(&t))) {
			int erc = step_eml(&t);
			if (!(rc = step_report(&t)))
				rc = erc;
		}
	}
out:
	tx_free(&t);
	return rc;
}
