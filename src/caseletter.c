/* SPDX-License-Identifier: GPL-3.0-or-later */
/* caseletter.c: reminders and complaints of a case; see caseletter.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "answers.h"
#include "buf.h"
#include "case.h"
#include "caseio.h"
#include "caseletter.h"
#include "catalog.h"
#include "cmd.h"
#include "compose.h"
#include "conf.h"
#include "diag.h"
#include "fileio.h"
#include "i18n.h"
#include "journal.h"
#include "letter.h"
#include "locale.h"
#include "pdf.h"
#include "sha256.h"
#include "submit.h"
#include "term.h"
#include "xalloc.h"
#include "ydoc.h"

static int is(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

static struct ynode *pbool(int b)
{
	return ynode_new_plain(b ? "true" : "false");
}

/* ldate: a journal day as the locale writes it; "" when it does not read. */
static void add_date(struct ynode *m, const char *key, const struct locale *loc, const char *iso)
{
	struct date d;
	if (!iso || date_parse(iso, &d) != 0) {
		ynode_map_set(m, key, ynode_new_str(""));
		return;
	}
	char *s = locale_date(loc, d);
	ynode_map_set(m, key, ynode_new_str(s));
	free(s);
}

static void add_day(struct ynode *m, const char *key, const struct locale *loc, struct date d)
{
	char *s = locale_date(loc, d);
	ynode_map_set(m, key, ynode_new_str(s));
	free(s);
}

static char *day_iso(const struct jentry *e)
{
	struct date d;
	char iso[11] = "";
	if (case_event_day(e, &d) == 0)
		date_iso(d, iso);
	return xstrdup(iso);
}

/* file_sha: the SHA-256 of a stored file (path relative to the state
 * directory unless absolute), "" when it cannot be read. */
static void file_sha(const struct caseio *io, const char *path, char out[SHA256_HEX_LEN + 1])
{
	out[0] = '\0';
	if (!path)
		return;
	char *full = path[0] == '/' ? xstrdup(path) : journal_state_dir(io->conf->journal, path);
	char *data, *err = NULL;
	size_t len;
	if (file_read(full, (size_t)64 << 20, &data, &len, &err) == 0) {
		sha256_hex(data, len, out);
		free(data);
	}
	free(err);
	free(full);
}

static struct ynode *annex(struct ynode *seq, const char *what)
{
	static const char *const kinds[] = { "letter", "email", "post", "webform", "reply_doc", "reminder_doc" };
	static const char *const keys[] = { "date", "file", "sha256", "message_id", "server_reply", "tracking",
					    "delivered" };
	struct ynode *m = ynode_new_map();
	char n[16];
	snprintf(n, sizeof n, "%zu", seq->n + 1);
	ynode_map_adds(m, "n", n);
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
		ynode_map_add(m, kinds[i], pbool(strcmp(kinds[i], what) == 0));
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
		ynode_map_adds(m, keys[i], "");
	return ynode_seq_add(seq, m);
}

/* annexes: the evidence of the case, in order (templates/CASE-VARIABLES.md). */
static struct ynode *annexes(const struct caseio *io, const struct locale *loc)
{
	const struct case_info *c = &io->c;
	struct ynode *seq = ynode_new_seq();
	char sha[SHA256_HEX_LEN + 1];
	if (c->letter) {
		struct ynode *a = annex(seq, "letter");
		char *d = day_iso(c->letter);
		add_date(a, "date", loc, d);
		free(d);
		ynode_map_set(a, "file", ynode_new_str(file_base_name(c->letter->pdf)));
		ynode_map_set(a, "sha256", ynode_new_str(c->letter->sha256 ? c->letter->sha256 : ""));
	}
	for (size_t i = 0; i < c->nev; i++) {
		const struct jentry *e = c->ev[i];
		if (e->event || !is(e->status, "sent"))
			continue;
		const char *kind = is(e->method, "post") ? "post" : is(e->method, "webform") ? "webform" : "email";
		struct ynode *a = annex(seq, kind);
		char *d = day_iso(e);
		add_date(a, "date", loc, d);
		free(d);
		if (strcmp(kind, "email") == 0) {
			file_sha(io, e->eml, sha);
			ynode_map_set(a, "file", ynode_new_str(e->eml ? file_base_name(e->eml) : ""));
			ynode_map_set(a, "sha256", ynode_new_str(sha));
			ynode_map_set(a, "message_id", ynode_new_str(e->message_id ? e->message_id : ""));
			ynode_map_set(a, "server_reply", ynode_new_str(e->reply ? e->reply : ""));
		} else if (strcmp(kind, "post") == 0) {
			ynode_map_set(a, "tracking", ynode_new_str(c->tracking ? c->tracking : ""));
			if (c->delivered)
				add_date(a, "delivered", loc, c->delivered->date);
		}
	}
	for (size_t i = 0; i < c->nev; i++) {
		const struct jentry *e = c->ev[i];
		if (is(e->event, "reply")) {
			struct ynode *a = annex(seq, "reply_doc");
			add_date(a, "date", loc, e->date);
			/* the first attachment names the file; the rest are in the dossier */
			if (e->attachments) {
				const char *sp = strchr(e->attachments, ' ');
				char *path = xstrndup(e->attachments, sp ? (size_t)(sp - e->attachments)
								       : strlen(e->attachments));
				const char *h = strstr(e->attachments, "sha256:");
				ynode_map_set(a, "file", ynode_new_str(file_base_name(path)));
				if (h && strlen(h + 7) >= 64) {
					char hex[65];
					memcpy(hex, h + 7, 64);
					hex[64] = '\0';
					ynode_map_set(a, "sha256", ynode_new_str(hex));
				}
				free(path);
			}
		} else if (is(e->event, "reminder") && is(e->status, "sent")) {
			struct ynode *a = annex(seq, "reminder_doc");
			char *d = day_iso(e);
			add_date(a, "date", loc, d);
			free(d);
			ynode_map_set(a, "file", ynode_new_str(file_base_name(e->pdf)));
			ynode_map_set(a, "sha256", ynode_new_str(e->sha256 ? e->sha256 : ""));
			if (e->message_id)
				ynode_map_set(a, "message_id", ynode_new_str(e->message_id));
		}
	}
	return seq;
}

/* The authorities' data, for the complaint channels: data/authorities.yaml
 * and the German Länder's data/authorities-de.yaml. */
static struct ydoc *auth_docs[2];

static const struct ynode *authority_data(const char *id)
{
	for (size_t k = 0; k < 2; k++) {
		const struct ynode *list = auth_docs[k] ? ynode_get(auth_docs[k]->root, "authorities") : NULL;
		for (size_t i = 0; list && i < list->n; i++)
			if (is(ynode_scalar(ynode_get(list->items[i], "id")), id))
				return list->items[i];
	}
	return NULL;
}

static struct ynode *authority_node(const struct ynode *a)
{
	struct ynode *m = ynode_new_map();
	ynode_map_adds(m, "id", ynode_scalar(ynode_get(a, "id")));
	ynode_map_adds(m, "name", ynode_scalar(ynode_get(a, "name")));
	const char *web = ynode_scalar(ynode_get(a, "web"));
	ynode_map_adds(m, "web", web ? web : "");
	const struct ynode *addr = ynode_get(a, "address");
	ynode_map_add(m, "address", addr ? ynode_clone(addr) : ynode_new_seq());
	return m;
}

/* reminder_days: data/reminders.yaml. */
static int reminder_days(const char *data_dir, int *days)
{
	char *path = xasprintf("%s/data/reminders.yaml", data_dir), *err = NULL;
	struct ydoc *d;
	int rc = ydoc_load_file(path, &d, &err);
	if (!rc) {
		const char *s = ynode_scalar(ynode_get_path(d->root, "reminder.days"));
		*days = s ? atoi(s) : 0;
		if (*days <= 0 || *days > 365) {
			errmsg(_("%s: reminder.days: a number of days (1-365)"), path);
			rc = EX_SOFTWARE;
		}
		ydoc_free(d);
	} else {
		errmsg("%s", err);
		free(err);
		rc = EX_SOFTWARE;
	}
	free(path);
	return rc;
}

/* extra: the case's variables over the letter's. */
static struct ynode *case_vars(const struct caseio *io, const struct locale *loc, struct date new_due,
			       const struct ynode *authority, int cai)
{
	const struct case_info *c = &io->c;
	struct ynode *x = ynode_new_map();
	struct ynode *o = ynode_map_add(x, "original", ynode_new_map());
	ynode_map_adds(o, "reference", c->reference);
	add_day(o, "date", loc, c->sent);
	int email = 0, post = 0, web = 0;
	const char *email_to = "";
	for (size_t i = 0; i < c->nev; i++) {
		const struct jentry *e = c->ev[i];
		if (e->event || !is(e->status, "sent"))
			continue;
		if (is(e->method, "post"))
			post = 1;
		else if (is(e->method, "webform"))
			web = 1;
		else {
			email = 1;
			email_to = e->recipient ? e->recipient : "";
		}
	}
	struct ynode *via = ynode_map_add(o, "via", ynode_new_map());
	ynode_map_add(via, "email", pbool(email));
	ynode_map_add(via, "post", pbool(post));
	ynode_map_add(via, "webform", pbool(web));
	ynode_map_adds(o, "email_to", email_to);
	ynode_map_adds(o, "tracking", c->tracking ? c->tracking : "");
	if (c->delivered)
		add_date(o, "delivered", loc, c->delivered->date);
	else
		ynode_map_adds(o, "delivered", "");
	if (c->has_receipt)
		add_day(o, "received", loc, c->receipt);
	else
		add_day(o, "received", loc, c->sent);
	if (c->has_due)
		add_day(o, "due", loc, c->due);
	else
		ynode_map_adds(o, "due", "");
	ynode_map_add(o, "extended", pbool(c->extended != NULL));
	if (c->reply) {
		struct ynode *r = ynode_map_add(x, "reply", ynode_new_map());
		add_date(r, "date", loc, c->reply->date);
		ynode_map_adds(r, "outcome", c->reply->outcome ? c->reply->outcome : "");
		ynode_map_adds(r, "note", c->reply->note ? c->reply->note : "");
		for (size_t i = 0; case_outcomes[i]; i++)
			ynode_map_add(r, case_outcomes[i], pbool(is(c->reply->outcome, case_outcomes[i])));
	} else {
		ynode_map_add(x, "reply", pbool(0));
	}
	add_day(x, "new_due", loc, new_due);
	if (c->reminder) {
		struct ynode *r = ynode_map_add(x, "reminder", ynode_new_map());
		char *d = day_iso(c->reminder);
		add_date(r, "date", loc, d);
		free(d);
		add_date(r, "due", loc, c->reminder->due);
	} else {
		ynode_map_add(x, "reminder", pbool(0));
	}
	struct ynode *cn = ynode_map_add(x, "complaint", ynode_new_map());
	ynode_map_add(cn, "cai", pbool(cai));
	ynode_map_add(x, "annexes", annexes(io, loc));
	if (authority)
		ynode_map_add(x, "authority", authority_node(authority));
	return x;
}

/* answers_path: --answers, else the copy journaled with the letter. */
static char *answers_path(const struct caseio *io, const char *given)
{
	if (given)
		return xstrdup(given);
	for (size_t i = 0; i < io->c.nev; i++)
		if (io->c.ev[i]->answers && !io->c.ev[i]->event)
			return journal_state_dir(io->conf->journal, io->c.ev[i]->answers);
	return NULL;
}

/* secondary: whether the authority's data says that fact (address, form,
 * email) was read only in a secondary source (data/authorities-de.yaml). */
static int secondary(const struct ynode *auth, const char *fact)
{
	const struct ynode *s = ynode_get(auth, "secondary");
	for (size_t i = 0; s && s->type == YNODE_SEQ && i < s->n; i++)
		if (is(ynode_scalar(s->items[i]), fact))
			return 1;
	return 0;
}

/* auth_web: the authority's web site, where a secondary fact is confirmed. */
static const char *auth_web(const struct ynode *auth)
{
	const char *web = ynode_scalar(ynode_get(auth, "web"));
	return web ? web : "?";
}

/* print_channel: how the authority takes complaints (data/authorities.yaml),
 * each address that comes from a secondary source with where to confirm it. */
static void print_channel(const struct ynode *auth, const struct letter *l, const char *file, int with_text)
{
	const struct ynode *ch = ynode_get(auth, "complaint");
	const char *name = ynode_scalar(ynode_get(auth, "name"));
	const char *form = ynode_scalar(ynode_get(ch, "form"));
	const char *req = ynode_scalar(ynode_get(ch, "form_required"));
	const char *email = ynode_scalar(ynode_get(ch, "email"));
	const char *post = ynode_scalar(ynode_get(ch, "post"));
	const char *kind = ynode_scalar(ynode_get(ch, "kind"));
	const char *basis = ynode_scalar(ynode_get(ch, "basis"));
	const char *web = auth_web(auth);
	/* TRANSLATORS: "a complaint" or "a report", " to ", the authority, then " (its basis)" or nothing. */
	term_printf(stdout, _("%s to %s%s%s%s\n"), is(kind, "report") ? _("a report") : _("a complaint"), name,
		    basis ? " (" : "", basis ? basis : "", basis ? ")" : "");
	if (form && !ynode_is_null(ynode_get(ch, "form"))) {
		term_printf(stdout, _("its online form%s: %s\n"), is(req, "yes") ? _(" (required)") : "", form);
		if (secondary(auth, "form"))
			term_printf(stdout, _("  (this address of the form comes from a secondary source: if it "
				    "does not open, find the form on %s)\n"), web);
	}
	if (with_text && form && !ynode_is_null(ynode_get(ch, "form"))) {
		term_printf(stdout, _("paste this text into the form's description (and attach %s and the "
			    "annexes):\n\n"), file ? file : _("the letter"));
		struct buf b = BUF_INIT;
		letter_text(l, &b);
		term_printf(stdout, "%s\n", b.data);
		buf_free(&b);
	}
	if (email && !ynode_is_null(ynode_get(ch, "email"))) {
		term_printf(stdout, _("by e-mail: %s\n"), email);
		if (secondary(auth, "email"))
			term_printf(stdout, _("  (this e-mail address comes from a secondary source: confirm it "
				    "on %s)\n"), web);
	}
	if (is(post, "yes") || is(post, "true")) {
		term_printf(stdout, _("by post: print %s, sign it and send it with the annexes to: %s\n"),
			    file ? file : _("the letter"), name);
		if (secondary(auth, "address"))
			term_printf(stdout, _("  (its postal address, as the letter gives it, comes from a "
				    "secondary source: confirm it on %s before posting)\n"), web);
	}
	const char *req2 = ynode_scalar(ynode_get(ch, "requirements"));
	if (req2)
		term_printf(stdout, _("it asks for: %s\n"), req2);
}

static int do_send(struct caseio *io, const struct caseletter_cmd *o, const struct letter *l,
		   const struct buf *pdf, const char *pdf_file, const struct ynode *auth,
		   const char *authority_id)
{
	const struct case_info *c = &io->c;
	const char *event = strcmp(o->kind, "remind") == 0 ? "reminder" : "complaint";
	const char *to = NULL;
	if (strcmp(o->kind, "remind") == 0) {
		for (size_t i = 0; i < c->nev; i++)
			if (!c->ev[i]->event && is(c->ev[i]->status, "sent") && is(c->ev[i]->method, "email"))
				to = c->ev[i]->recipient;
	} else {
		const struct ynode *ch = ynode_get(auth, "complaint");
		if (ch && !ynode_is_null(ynode_get(ch, "email")))
			to = ynode_scalar(ynode_get(ch, "email"));
		if (to && secondary(auth, "email"))
			errmsg(_("warning: the address %s comes from a secondary source: if the message "
				 "bounces, find the authority's address on %s"), to, auth_web(auth));
	}
	if (!to) {
		/* post, web form: say what to do; nothing is journaled */
		if (strcmp(o->kind, "complain") == 0) {
			if (auth)
				print_channel(auth, l, pdf_file, 1);
		} else if (c->letter && is(c->letter->method, "webform")) {
			term_printf(stdout, _("the letter went through the web form %s: send this reminder there "
				    "(text below), then objector log %s\n\n"),
				    c->letter->recipient ? c->letter->recipient : "", c->reference);
			struct buf b = BUF_INIT;
			letter_text(l, &b);
			term_printf(stdout, "%s\n", b.data);
			buf_free(&b);
		} else {
			term_printf(stdout, _("the letter went by post: print %s, sign it and post it to %s "
				    "(registered, keep the receipt)\n"), pdf_file ? pdf_file : _("the reminder"),
				    c->letter && c->letter->recipient ? c->letter->recipient : _("the company"));
		}
		return 0;
	}
	/* e-mail, through submit (the one place a letter leaves objector):
	 * it takes the journal's lock itself, so ours goes first */
	journal_close(io->j);
	io->j = NULL;
	struct submit_session *s = submit_session_new(io->conf);
	struct submit_opts so = {
		.via = SUBMIT_EMAIL,
		.source = o->answers,
		.to = to,
		.event = event,
		.authority = strcmp(o->kind, "complain") == 0 ? authority_id : NULL,
	};
	int rc = submit(s, l, pdf->data, pdf->len, &so);
	submit_session_free(s);
	return rc;
}

int caseletter_run(const struct cmd_entry *self, const char *reference, const struct caseletter_cmd *o)
{
	const char *format = o->format ? o->format : "pdf";
	if (strcmp(format, "pdf") != 0 && strcmp(format, "text") != 0) {
		errmsg(_("unknown format '%s' (pdf or text)"), format);
		return EX_USAGE;
	}
	(void)self;
	int remind = strcmp(o->kind, "remind") == 0;
	const struct catalog *cat;
	int rc = app_catalog(&cat);
	if (rc)
		return rc;
	struct caseio io;
	rc = caseio_open(&io, reference, o->send);
	if (rc) {
		caseio_close(&io);
		return rc;
	}
	const struct case_info *c = &io.c;
	struct answers *a = NULL;
	struct locale *loc = NULL;
	struct ydoc *auths = NULL;
	struct ynode *extra = NULL;
	struct letter *l = NULL;
	char *apath = NULL, *err = NULL, *authority_id = NULL, *out_path = NULL;
	struct buf out = BUF_INIT;
	char iso[11], today[11];
	date_iso(io.today, today);

	if (!c->letter) {
		errmsg(remind ? _("%s was never sent (the journal %s has only failed attempts): nothing to remind of")
			      : _("%s was never sent (the journal %s has only failed attempts): nothing to complain about"),
		       reference, io.conf->journal);
		rc = EX_DATAERR;
		goto out;
	}
	if (remind && !o->force) {
		if (!c->has_due) {
			errmsg(_("%s: the answer's due date is not known yet (%s): a reminder makes sense once it "
			       "has passed; --force writes one anyway"), reference,
			       c->posted_undelivered ? _("record the delivery first: objector delivered REF --date DATE")
						     : _("no rule for the jurisdiction"));
			rc = EX_USAGE;
			goto out;
		}
		if (c->days_left >= 0) {
			date_iso(c->due, iso);
			errmsg(_("%s: the answer is due by %s (today is %s): a reminder before the deadline has "
			       "passed asks for nothing the law does not already; --force writes one anyway"),
			       reference, iso, today);
			rc = EX_USAGE;
			goto out;
		}
		if (c->reply && strcmp(c->reply->outcome ? c->reply->outcome : "", "acknowledged") != 0 &&
		    strcmp(c->reply->outcome, "extended") != 0) {
			errmsg(_("%s: the company answered (%s, %s): a reminder is for an answer that did not come; "
			       "objector complain %s if the answer does not satisfy you (--force writes one anyway)"),
			       reference, c->reply->outcome, c->reply->date ? c->reply->date : "?", reference);
			rc = EX_USAGE;
			goto out;
		}
	}
	if (o->send && remind && c->reminder && is(c->reminder->status, "sent") && !o->force) {
		errmsg(_("a reminder of %s was already sent on %.10s; --force sends another"), reference,
		       c->reminder->time ? c->reminder->time : "?");
		rc = EX_USAGE;
		goto out;
	}

	apath = answers_path(&io, o->answers);
	if (!apath) {
		errmsg(_("%s: the journal %s keeps no copy of the answers the letter was made from (it was sent by "
		       "an older version): give them with --answers FILE"), reference, io.conf->journal);
		rc = EX_USAGE;
		goto out;
	}
	if ((rc = answers_load(cat, apath, &a, &err)) != 0) {
		errmsg("%s", err);
		goto out;
	}
	if (c->jurisdiction && strcmp(a->jurisdiction, c->jurisdiction) != 0) {
		errmsg(_("%s: these answers are for the jurisdiction '%s', the case is '%s'"), apath,
		       a->jurisdiction, c->jurisdiction);
		rc = EX_DATAERR;
		goto out;
	}
	a->date = io.today;
	a->date_given = 1;
	const struct cat_jurisdiction *j = catalog_jurisdiction(cat, a->jurisdiction);
	const char *lang = a->language ? a->language : compose_default_language(app_data_dir(), j, a->country);
	if (!lang || (rc = locale_load(app_data_dir(), lang, &loc, &err)) != 0) {
		errmsg("%s", err ? err : _("no language for the case"));
		rc = rc ? rc : EX_SOFTWARE;
		goto out;
	}
	int days = 0;
	if (remind && (rc = reminder_days(app_data_dir(), &days)) != 0)
		goto out;
	struct date new_due = date_add_days(io.today, days);

	char *apath2 = xasprintf("%s/data/authorities.yaml", app_data_dir());
	rc = ydoc_load_file(apath2, &auths, &err);
	free(apath2);
	if (rc) {
		errmsg("%s", err);
		goto out;
	}
	auth_docs[0] = auths;
	apath2 = xasprintf("%s/data/authorities-de.yaml", app_data_dir());
	if (access(apath2, F_OK) == 0 && ydoc_load_file(apath2, &auth_docs[1], &err) != 0) {
		free(err);	/* only the Länder's channels are missing */
		err = NULL;
	}
	free(apath2);
	const struct ynode *chosen = NULL;
	if (o->authority) {
		if (remind) {
			errmsg(_("--authority is for complaints"));
			rc = EX_USAGE;
			goto out;
		}
		chosen = authority_data(o->authority);
		if (!chosen) {
			errmsg(_("--authority %s: unknown (data/authorities.yaml)"), o->authority);
			rc = EX_USAGE;
			goto out;
		}
	}
	extra = case_vars(&io, loc, new_due, chosen, 0);
	rc = compose_case(cat, app_data_dir(), a, o->kind, reference, extra, &l, &authority_id, &err);
	if (!rc && !remind && is(authority_id, "cai")) {
		/* the CAI's wording: compose again with complaint.cai */
		letter_free(l);
		l = NULL;
		ynode_free(extra);
		extra = case_vars(&io, loc, new_due, chosen, 1);
		free(authority_id);
		authority_id = NULL;
		rc = compose_case(cat, app_data_dir(), a, o->kind, reference, extra, &l, &authority_id, &err);
	}
	if (rc) {
		errmsg("%s", err);
		goto out;
	}
	if (remind)
		l->due = new_due;
	const struct ynode *auth = authority_data(authority_id);

	int text = strcmp(format, "text") == 0;
	if (text) {
		letter_text(l, &out);
	} else {
		if ((rc = pdf_render(l, NULL, &out, &err)) != 0) {
			errmsg("%s", err);
			goto out;
		}
	}
	out_path = o->output ? xstrdup(o->output)
			     : xasprintf("%s-%s.%s", reference, remind ? "reminder" : "complaint", text ? "txt" : "pdf");
	if ((rc = file_write_out(out_path, out.data, out.len, 0600, 1, &err)) != 0) {
		errmsg("%s", err);
		goto out;
	}
	if (strcmp(out_path, "-") != 0) {
		printf("%s\n", out_path);
		if (remind) {
			date_iso(new_due, iso);
			printf(_("new deadline: %s (%d days: data/reminders.yaml; not a statutory period)\n"), iso, days);
		} else if (l->recipient.n) {
			term_printf(stdout, _("to: %s\n"), l->recipient.v[0]);
		}
	}
	if (o->send) {
		struct buf pdf = BUF_INIT;
		if (text) {
			rc = pdf_render(l, NULL, &pdf, &err);
		} else {
			BUF_MUST(buf_add(&pdf, out.data, out.len));
		}
		if (!rc)
			rc = do_send(&io, o, l, &pdf, text ? NULL : out_path, auth, authority_id);
		else
			errmsg("%s", err);
		buf_free(&pdf);
	} else if (!remind && auth) {
		print_channel(auth, l, strcmp(out_path, "-") != 0 && !text ? out_path : NULL, 0);
	}
out:
	free(err);
	buf_free(&out);
	free(out_path);
	free(authority_id);
	if (l)
		letter_free(l);
	ynode_free(extra);
	if (auths)
		ydoc_free(auths);
	if (auth_docs[1])
		ydoc_free(auth_docs[1]);
	auth_docs[0] = auth_docs[1] = NULL;
	locale_free(loc);
	if (a)
		answers_free(a);
	free(apath);
	caseio_close(&io);
	return rc;
}
