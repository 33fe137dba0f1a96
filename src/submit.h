/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * submit.h: sending a finished letter and journaling it: the one place
 * where a letter leaves objector.
 *
 * The input is a struct letter (compose.h), which carries its delivery
 * (letter.h: `to`), and the PDF's bytes. submit() runs the transaction as
 * named steps, in this order: build the message (e-mail), set up the
 * SMTP session (the password command runs here, before the lock, so one
 * that hangs never holds the journal), lock the journal, refuse a
 * duplicate (a letter already sent or posted to that recipient, a send
 * that was interrupted, or one whose outcome was not known: unless force),
 * check --eml and store the PDF beside the journal, write the pending
 * marker, deliver by the channel (e-mail through smtp.h over the session's
 * one connection; post and web form are journaled only, after the person
 * confirms the form), journal the outcome (a failure with its reason as
 * much as a success; "unknown" when the connection ended after the whole
 * message was handed over), clear the marker (an unknown outcome keeps
 * it), write --eml once the message has gone. One cleanup path releases
 * everything.
 *
 * What the person reads is printed here: the result on standard output
 * ("sent ... to ...", "journaled ..."), the web form's address and text
 * (made safe for a terminal: term.h), errors on standard error (diag.h).
 * Return values are exit codes from sysexits.h (smtp_exitcode() for a
 * refused, failed or unknown delivery).
 *
 * Every sender (send, new --send, and later reminders, complaints,
 * batches) calls this; none goes through another command.
 */
#ifndef OBJECTOR_SUBMIT_H
#define OBJECTOR_SUBMIT_H

#include <stddef.h>

struct conf;
struct letter;
struct smtp_opts;
struct submit_session;

enum submit_via { SUBMIT_EMAIL, SUBMIT_POST, SUBMIT_WEBFORM };

struct submit_opts {
	enum submit_via via;
	const char *source;	/* the answers file, named in messages */
	const char *to;		/* optional: the address instead of the letter's (e-mail) */
	const char *pdf_path;	/* optional: the PDF is this file (journaled as is,
				 * and its name is the attachment's); else it is
				 * stored beside the journal */
	const char *eml;	/* optional: also write the message to this file,
				 * once it has gone (fileio.h: file_write_out) */
	const char *tracking;	/* optional: post */
	int force;		/* send again what was already sent */
	int dry_run;		/* e-mail: print the message; send and journal nothing */
	int yes;		/* web form: journal without asking */
	int no_cc;		/* e-mail: no copy to the sender */
	int quiet;		/* print nothing when it went well (errors still) */
	const char *transport;	/* e-mail: "smtp" or "sendmail"; NULL: the
				 * configuration's mail.via */
	const char *event;	/* optional: a later letter of the case ("reminder",
				 * "complaint", caseletter.h), journaled as that event
				 * of the letter's reference; the caller checks for
				 * duplicates */
	const char *authority;	/* optional: a complaint's authority (its id) */
};

/* A session: the configuration (borrowed), the SMTP connection, opened
 * at the first e-mail and kept for the next letters, and the journal's
 * index (journal.h: struct jindex), built at the first letter and read on
 * from there at each next one, under the lock: a batch of n letters reads
 * the journal once, not n times. */
struct submit_session *submit_session_new(const struct conf *conf);
void submit_session_free(struct submit_session *s);
/* submit_session_open: conf_load(config_path) (conf.h), its error printed,
 * and a session that owns the configuration (freed with the session);
 * 0, or conf_load's exit code with *out NULL. */
int submit_session_open(const char *config_path, struct submit_session **out);
/* submit_session_conf: the session's configuration. */
const struct conf *submit_session_conf(const struct submit_session *s);
/* submit_session_broken: the SMTP setup failed (no point in going on). */
int submit_session_broken(const struct submit_session *s);

/* submit_smtp_opts: c's SMTP settings as smtp.h's options, with the
 * password (conf_password) when there is a user name; its error printed,
 * and a warning when it would go in plain text. *pw is the caller's
 * (free_secret), NULL when there is none; 0, or conf_password's exit code. */
int submit_smtp_opts(const struct conf *c, struct smtp_opts *o, char **pw);

/* submit_check: whether the letter can go by o->via (an e-mail address, a
 * form); 0, or EX_USAGE / EX_DATAERR with the message printed. submit()
 * checks it again; a caller checks first to say so before other work. */
int submit_check(const struct letter *l, const struct submit_opts *o);

/* submit: the transaction; 0 when sent or journaled (or when the person
 * did not confirm the web form, with a message), else an exit code. */
int submit(struct submit_session *s, const struct letter *l, const void *pdf, size_t pdf_len,
	   const struct submit_opts *o);

#endif
