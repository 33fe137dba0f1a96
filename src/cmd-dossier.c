/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd-dossier.c: `objector dossier REF [-o FILE.pdf] [--force] [--answers
 * FILE]`: one PDF that proves a case: the summary (who, which company and
 * entity, jurisdiction and law, the due date and its basis, the state), the
 * timeline with the proof of each event (dates, channel, recipient, the
 * SHA-256 of each stored file as read now and as journaled, Message-ID, the
 * server's final reply, tracking number, the reply's outcome and note),
 * the original letter rendered again from the stored copy of its answers
 * (libharu cannot import the stored PDF's pages: a note on each page says
 * so and whether the rendering matches the stored file), and as embedded
 * files every stored PDF (letter, reminders, complaints as sent), every
 * exact .eml and every file kept with a reply (pdf.h: pdf_dossier).
 *
 * A file the journal names that is gone (or a journal from before the
 * copies were kept) is listed as missing; the dossier is still made.
 * Nothing is written to the journal. The output is 0600 and is not
 * overwritten without --force.
 */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "answers.h"
#include "buf.h"
#include "case.h"
#include "caseio.h"
#include "catalog.h"
#include "cmd.h"
#include "compose.h"
#include "conf.h"
#include "conv.h"
#include "deadline.h"
#include "diag.h"
#include "fileio.h"
#include "i18n.h"
#include "journal.h"
#include "letter.h"
#include "pdf.h"
#include "sha256.h"
#include "strv.h"
#include "term.h"
#include "xalloc.h"

#define DOSSIER_FILE_MAX ((size_t)64 << 20)

enum { O_OUTPUT, O_FORCE, O_ANSWERS };
static const struct cmd_opt opts[] = {
	[O_OUTPUT] = { "output", 'o', CMD_ARG },
	[O_FORCE] = { "force", 0, CMD_FLAG },
	[O_ANSWERS] = { "answers", 0, CMD_ARG },
	{ NULL, 0, 0 },
};

static int dossier_exec(const struct cmd_entry *self, const struct cmd_args *args);

const struct cmd_entry cmd_dossier_entry = {
	.name = "dossier",
	.args = "REF [-o FILE.pdf] [--force] [--answers FILE]",
	.summary = N_("one PDF that proves a case: timeline, proof, letters and files"),
	.help = N_("  -o, --output FILE     where to write it (default dossier-REF.pdf)\n"
		"      --force           overwrite FILE\n"
		"      --answers FILE    the answers the letter was made from (for letters sent\n"
		"                        by older versions, which kept no copy)\n"),
	.notes = N_("\nThe dossier's first pages give the case (who, the company and entity, the\n"
		"law, the due date and its basis) and the timeline with the proof of each\n"
		"event (dates, channel, recipient, SHA-256 of each stored file, Message-ID,\n"
		"the server's reply, tracking number, the reply's outcome). The letter follows,\n"
		"rendered again from the stored copy of its answers (a note says whether it\n"
		"matches the stored file). The stored PDFs, the exact .eml messages and the\n"
		"files kept with replies are embedded as attachments (pdfdetach -list).\n"),
	.opts = opts,
	.exec = dossier_exec,
};

static int is(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

/* A stored file the dossier names (and embeds when it is there). */
struct sfile {
	char *rel;		/* as the journal names it */
	char *path;		/* where it is read */
	char *name;		/* its name in the dossier */
	char *desc;
	const char *mime;
	char sha[SHA256_HEX_LEN + 1];	/* as read now; "" when missing */
	char *expect;		/* the journal's hash (or its first 12 digits), or NULL */
	char *data;		/* the bytes hashed, kept for the letter's PDF (match) */
	size_t size;
	int missing;
};

struct dossier {
	struct caseio io;
	struct sfile *f;
	size_t nf;
	struct pdf_dline *lines;
	size_t nlines, cap;
	struct strv owned;
};

/* clean: text from the journal made printable in the PDF: control
 * characters and invalid bytes become '?', characters above U+FFFF too. */
static char *clean(const char *s)
{
	struct buf b = BUF_INIT;
	b.max = (size_t)-1;
	const char *p = s ? s : "", *end = p + strlen(p);
	while (p < end) {
		size_t ok = conv_utf8_check(p, (size_t)(end - p));
		const char *q = p;
		uint32_t cp;
		if (ok == 0) {
			BUF_MUST(buf_addc(&b, '?'));
			p++;
			continue;
		}
		conv_utf8_next(&q, end, &cp);
		if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 || cp > 0xFFFF)
			BUF_MUST(buf_addc(&b, '?'));
		else
			BUF_MUST(buf_add(&b, p, (size_t)(q - p)));
		p = q;
	}
	if (!b.data)
		return xstrdup("");
	return buf_detach(&b, NULL);
}

__attribute__((format(printf, 4, 5)))
static void line(struct dossier *d, enum pdf_dline_kind kind, int indent, const char *fmt, ...)
{
	if (d->nlines == d->cap) {
		d->cap = d->cap ? 2 * d->cap : 64;
		d->lines = xreallocarray(d->lines, d->cap, sizeof *d->lines);
	}
	char *s = NULL;
	if (fmt) {
		va_list ap;
		va_start(ap, fmt);
		char *raw = xvasprintf(fmt, ap);
		va_end(ap);
		s = clean(raw);
		free(raw);
		strv_take(&d->owned, s);
	}
	d->lines[d->nlines++] = (struct pdf_dline){ kind, indent, s };
}

static const char *mime_of(const char *name)
{
	size_t n = strlen(name);
	if (n > 4 && strcmp(name + n - 4, ".pdf") == 0)
		return "application/pdf";
	if (n > 4 && strcmp(name + n - 4, ".eml") == 0)
		return "message/rfc822";
	if (n > 4 && strcmp(name + n - 4, ".txt") == 0)
		return "text/plain";
	return "application/octet-stream";
}

/* stored: the file the journal names (rel: relative to the state directory
 * unless absolute), read and hashed once; the same file named twice is one.
 * The letter's stored PDF keeps its bytes, for comparing the rendering. */
static struct sfile *stored(struct dossier *d, const char *rel, const char *expect, const char *desc)
{
	for (size_t i = 0; i < d->nf; i++)
		if (strcmp(d->f[i].rel, rel) == 0)
			return &d->f[i];
	d->f = xreallocarray(d->f, d->nf + 1, sizeof *d->f);
	struct sfile *f = &d->f[d->nf++];
	memset(f, 0, sizeof *f);
	f->rel = xstrdup(rel);
	f->path = rel[0] == '/' ? xstrdup(rel) : journal_state_dir(d->io.conf->journal, rel);
	if (rel[0] != '/' && access(f->path, F_OK) != 0 && access(rel, F_OK) == 0) {
		free(f->path);	/* a --pdf given relative to where send ran */
		f->path = xstrdup(rel);
	}
	f->expect = expect ? xstrdup(expect) : NULL;
	f->desc = xstrdup(desc);
	char *data, *err = NULL;
	if (file_read(f->path, DOSSIER_FILE_MAX, &data, &f->size, &err) == 0) {
		sha256_hex(data, f->size, f->sha);
		const struct jentry *letter = d->io.c.letter;
		if (letter && letter->pdf && strcmp(letter->pdf, rel) == 0)
			f->data = data;
		else
			free(data);
	} else {
		f->missing = 1;
		free(err);
	}
	/* unique names: the stored names are (REF-HASH.pdf, HASH-NAME) */
	char *n = file_safe_name(rel, "file");
	for (int k = 2;; k++) {
		size_t i = 0;
		while (i + 1 < d->nf && strcmp(d->f[i].name, n) != 0)
			i++;
		if (i + 1 == d->nf)
			break;
		free(n);
		char *b = file_safe_name(rel, "file");
		n = xasprintf("%d-%s", k, b);
		free(b);
	}
	f->name = n;
	f->mime = mime_of(n);
	return f;
}

/* shown: a stored file's path as the dossier shows it: relative to the
 * state directory when it is in it. */
static const char *shown(const struct dossier *d, const struct sfile *f)
{
	char *top = journal_state_dir(d->io.conf->journal, "");
	size_t n = strlen(top);
	const char *r = strncmp(f->rel, top, n) == 0 && f->rel[n] ? f->rel + n : f->rel;
	free(top);
	return r;
}

/* proof: a stored file's lines: where, whether it is the one journaled,
 * its name in the dossier, its SHA-256. */
static void proof(struct dossier *d, const char *what, const struct sfile *f)
{
	if (f->missing) {
		line(d, PDF_DL_TEXT, 1, "%s: %s: MISSING (not found where the journal says; not embedded)",
		     what, shown(d, f));
		if (f->expect)
			line(d, PDF_DL_TEXT, 2, "journaled SHA-256 %s", f->expect);
		return;
	}
	int same = !f->expect || strncmp(f->sha, f->expect, strlen(f->expect)) == 0;
	const char *check = !f->expect ? "" : !same ? " (DIFFERS from the journal's: the file changed since it was stored)"
				       : strlen(f->expect) == SHA256_HEX_LEN ? " (SHA-256 as journaled)"
				       : " (SHA-256 as its name records)";
	line(d, PDF_DL_TEXT, 1, "%s%s: %s, %zu bytes, embedded as %s", what, check, shown(d, f), f->size, f->name);
	line(d, PDF_DL_TEXT, 2, "SHA-256 %s", f->sha);
	if (!same)
		line(d, PDF_DL_TEXT, 2, "journaled %s", f->expect);
}

/* name_hash: the first 12 digits of the hash in a stored copy's name
 * (letters/REF-HASH12.eml), or NULL. */
static char *name_hash(const char *rel)
{
	const char *b = file_base_name(rel), *dot = strrchr(b, '.');
	if (!dot || dot - b < 13 || b[dot - b - 13] != '-')
		return NULL;
	const char *h = dot - 12;
	for (int i = 0; i < 12; i++)
		if (!strchr("0123456789abcdef", h[i]))
			return NULL;
	return xstrndup(h, 12);
}

/* The event's first line: its day and what happened. */
static void event_headline(struct dossier *d, const struct jentry *e, const char *k, const char *iso)
{
	const char *via = e->method ? e->method : "?";
	if (!e->event) {
		if (is(k, "sent"))
			line(d, PDF_DL_TEXT, 0, "%s  the letter %s by %s to %s", iso,
			     is(e->method, "post") ? "posted" : is(e->method, "webform") ? "submitted" : "sent",
			     via, e->recipient ? e->recipient : "?");
		else
			line(d, PDF_DL_TEXT, 0, "%s  FAILED attempt by %s to %s%s%s", iso, via,
			     e->recipient ? e->recipient : "?", e->reason ? ": " : "", e->reason ? e->reason : "");
	} else if (is(k, "delivered")) {
		line(d, PDF_DL_TEXT, 0, "%s  %s", iso, e->date ? "the posted letter was delivered"
						       : "tracking number recorded");
	} else if (is(k, "reply")) {
		line(d, PDF_DL_TEXT, 0, "%s  the company's reply received: %s", iso, e->outcome ? e->outcome : "?");
	} else if (is(k, "reminder") || is(k, "complaint")) {
		line(d, PDF_DL_TEXT, 0, "%s  %s %s%s%s%s%s", iso, is(k, "reminder") ? "reminder" : "complaint",
		     is(e->status, "sent") ? "sent" : is(e->status, "failed") ? "FAILED" : "written",
		     e->authority ? " to the authority " : "", e->authority ? e->authority : "",
		     e->method && e->recipient ? " by e-mail to " : "", e->method && e->recipient ? e->recipient : "");
	} else {
		line(d, PDF_DL_TEXT, 0, "%s  %s", iso, k);
	}
}

/* The event's indented details from the journal entry. */
static void event_details(struct dossier *d, const struct jentry *e, const char *k)
{
	if (e->time)
		line(d, PDF_DL_TEXT, 1, "journaled at %s (UTC)", e->time);
	if (e->event && e->reason)
		line(d, PDF_DL_TEXT, 1, "reason: %s", e->reason);
	if (e->tracking)
		line(d, PDF_DL_TEXT, 1, "tracking number: %s", e->tracking);
	if (e->message_id)
		line(d, PDF_DL_TEXT, 1, "Message-ID: %s", e->message_id);
	if (e->reply)
		line(d, PDF_DL_TEXT, 1, "the server's final reply: %s", e->reply);
	if (e->cc)
		line(d, PDF_DL_TEXT, 1, "copy (Cc) to %s%s%s", e->cc, e->cc_refused ? ", refused: " : "",
		     e->cc_refused ? e->cc_refused : "");
	if (e->due && is(k, "reminder"))
		line(d, PDF_DL_TEXT, 1, "new deadline set: %s", e->due);
	else if (e->due && is(k, "sent"))
		line(d, PDF_DL_TEXT, 1, "answer asked for by %s (as counted when sent)", e->due);
	if (e->outcome && is(k, "reply"))
		line(d, PDF_DL_TEXT, 1, "outcome: %s", e->outcome);
	if (e->note)
		line(d, PDF_DL_TEXT, 1, "note: %s", e->note);
}

/* The reply's files, "PATH sha256:HEX, PATH sha256:HEX", embedded as proofs. */
static void reply_files(struct dossier *d, const struct jentry *e, const char *iso)
{
	char *list = xstrdup(e->attachments), *save = NULL;
	for (char *item = strtok_r(list, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
		while (*item == ' ')
			item++;
		char *sp = strchr(item, ' ');
		const char *hex = sp && strncmp(sp + 1, "sha256:", 7) == 0 ? sp + 8 : NULL;
		if (sp)
			*sp = '\0';
		if (!*item)
			continue;
		char *desc = xasprintf("a file of the company's reply (%s, %s)", iso, e->outcome ? e->outcome : "?");
		proof(d, "reply file", stored(d, item, hex, desc));
		free(desc);
	}
	free(list);
}

/* The event's stored files (PDF, .eml, reply files) as proofs. */
static void event_proofs(struct dossier *d, const struct jentry *e, const char *k, const char *iso)
{
	const char *via = e->method ? e->method : "?";
	int letter = !e->event || is(k, "reminder") || is(k, "complaint");
	const char *what = !e->event ? "the letter" : is(k, "reminder") ? "the reminder" : "the complaint";
	if (letter && e->pdf && is(e->status, "sent")) {
		char *desc = xasprintf("%s as sent (%s, %s)", what, via, iso);
		proof(d, "stored PDF", stored(d, e->pdf, e->sha256, desc));
		free(desc);
	} else if (letter && e->pdf) {
		line(d, PDF_DL_TEXT, 1, "PDF: %s (not sent: not embedded)", e->pdf);
	}
	if (e->eml) {
		char *h = name_hash(e->eml);
		char *desc = xasprintf("the exact e-mail message of %s (%s)", what, iso);
		proof(d, "exact message (.eml)", stored(d, e->eml, h, desc));
		free(desc);
		free(h);
	} else if (!e->event && is(k, "sent") && is(e->method, "email")) {
		line(d, PDF_DL_TEXT, 1, "exact message (.eml): none kept (journaled by an older version)");
	}
	if (e->answers)
		line(d, PDF_DL_TEXT, 1, "answers copy: %s (not embedded: the letter below is rendered from it)",
		     e->answers);
	if (e->attachments)
		reply_files(d, e, iso);
}

static void event_lines(struct dossier *d, const struct jentry *e)
{
	const char *k = case_kind(e);
	struct date day;
	char iso[11] = "?";
	if (case_event_day(e, &day) == 0)
		date_iso(day, iso);
	event_headline(d, e, k, iso);
	event_details(d, e, k);
	event_proofs(d, e, k, iso);
}

/* creation_time: the /CreationDate of a PDF, as a time; 0 when none reads. */
static time_t creation_time(const char *pdf, size_t len)
{
	const char *key = "/CreationDate (D:";
	const char *p = NULL;
	for (size_t i = 0; i + strlen(key) + 14 < len; i++)
		if (memcmp(pdf + i, key, strlen(key)) == 0) {
			p = pdf + i + strlen(key);
			break;
		}
	if (!p)
		return 0;
	int Y, M, D, h, m, s, oh = 0, om = 0;
	char ind = 'Z';
	if (sscanf(p, "%4d%2d%2d%2d%2d%2d%c%2d'%2d", &Y, &M, &D, &h, &m, &s, &ind, &oh, &om) < 6)
		return 0;
	struct date day = { Y, M, D };
	long off = ind == '+' ? oh * 3600L + om * 60L : ind == '-' ? -(oh * 3600L + om * 60L) : 0;
	return (time_t)(date_days_between((struct date){ 1970, 1, 1 }, day) * 86400L + h * 3600L +
			m * 60L + s - off);
}

/* A stream of a PDF: its data, between "stream" and "endstream". */
struct span {
	const char *p;
	size_t n;
};

static const char *find(const char *h, size_t hn, const char *needle)
{
	size_t nn = strlen(needle);
	for (size_t i = 0; i + nn <= hn; i++)
		if (h[i] == needle[0] && memcmp(h + i, needle, nn) == 0)
			return h + i;
	return NULL;
}

/* streams: the streams of a PDF other than object and cross-reference
 * streams (which hold the document information: its creation date) and
 * the number of them (at most max). */
static size_t streams(const char *pdf, size_t len, struct span *out, size_t max)
{
	size_t m = 0;
	const char *p = pdf, *end = pdf + len, *obj = pdf;
	while (m < max) {
		const char *o = find(p, (size_t)(end - p), " obj");
		const char *s = find(p, (size_t)(end - p), "stream");
		if (!s)
			break;
		if (o && o < s) {	/* the object the next stream belongs to */
			obj = o;
			p = o + 4;
			continue;
		}
		const char *d = s + 6;
		if (d < end && *d == '\r')
			d++;
		if (d >= end || *d != '\n') {	/* "endstream", or a word in the data */
			p = s + 6;
			continue;
		}
		d++;
		const char *e = find(d, (size_t)(end - d), "endstream");
		if (!e)
			break;
		size_t dn = (size_t)(s - obj);
		if (!find(obj, dn, "/ObjStm") && !find(obj, dn, "/XRef"))
			out[m++] = (struct span){ d, (size_t)(e - d) };
		p = e + 9;
	}
	return m;
}

/* same_streams: the two PDFs have the same page contents, fonts and
 * images (their streams, outside the document information). */
static int same_streams(const char *a, size_t an, const char *b, size_t bn)
{
	enum { MAX = 256 };
	struct span *x = xcalloc(MAX, sizeof *x), *y = xcalloc(MAX, sizeof *y);
	size_t nx = streams(a, an, x, MAX), ny = streams(b, bn, y, MAX);
	int same = nx == ny && nx > 0;
	for (size_t i = 0; same && i < nx; i++)
		same = x[i].n == y[i].n && memcmp(x[i].p, y[i].p, x[i].n) == 0;
	free(x);
	free(y);
	return same;
}

/* match: how the rendering compares with the stored PDF: the same bytes
 * (when its creation date reads: a PDF without embedded fonts), else the
 * same streams (page contents, fonts, images: a packed PDF keeps its
 * creation date in a compressed object stream). */
static const char *match(const struct letter *l, const struct sfile *f)
{
	if (!f || f->missing)
		return "the stored file is missing: nothing to compare with";
	const char *data = f->data;
	size_t len = f->size;
	char *err = NULL;
	time_t created = creation_time(data, len);
	struct pdf_opts po = { .created = created ? created : 1 };
	struct buf again = BUF_INIT;
	again.max = DOSSIER_FILE_MAX;
	const char *r = "the rendering does NOT match the stored file (another version of objector, other "
			"answers, or a PDF of its own): the stored file, embedded, is what was sent";
	if (pdf_render(l, &po, &again, &err) == 0) {
		if (created && again.len == len && memcmp(again.data, data, len) == 0)
			r = "the rendering matches the stored file byte for byte";
		else if (same_streams(again.data, again.len, data, len))
			r = "the rendering matches the stored file: the same page contents, fonts and images "
			    "(the metadata, such as its creation date, not compared)";
	}
	free(err);
	buf_free(&again);
	return r;
}

/* compose_original: the letter again from the answers, dated as it was:
 * the answers' date, else the sending day (UTC) or the day next to it
 * whose reference is the case's. */
static int compose_original(const struct catalog *cat, struct answers *a, const struct case_info *c,
			    struct letter **out, char **err)
{
	struct letter *l = NULL;
	int rc = 0;
	static const int tries[] = { 0, -1, 1 };
	for (size_t i = 0; i < (a->date_given ? 1u : 3u); i++) {
		if (!a->date_given)
			a->date = date_add_days(c->sent, tries[i]);
		if (l)
			letter_free(l);
		l = NULL;
		if ((rc = compose_answers(cat, app_data_dir(), a, &l, err)) != 0)
			return rc;
		if (is(l->reference, c->reference))
			break;
		if (!a->date_given)
			a->date = c->sent;
	}
	*out = l;
	return 0;
}

/* short_match: the verdict of match() for the note on the letter's pages. */
static const char *short_match(const char *m)
{
	if (strstr(m, "byte for byte"))
		return "it matches that file byte for byte";
	if (strstr(m, "the same page contents"))
		return "its pages match that file's (contents, fonts, images)";
	if (strstr(m, "does NOT match"))
		return "it does NOT match that file";
	return "no stored file to compare with";
}

static const char *receipt_basis(const struct case_info *c)
{
	if (c->delivered) {
		struct date d;
		if (case_event_day(c->delivered, &d) == 0 && date_cmp(d, c->receipt) == 0)
			return "the delivery of the posted letter";
	}
	return "the sending day of the e-mail or web form";
}

/* The answers the letter is rendered from (the copy journaled with the
 * letter, or --answers) and the letter composed again; *l stays NULL and
 * the reason is returned when it cannot be rendered. */
static const char *load_letter(struct dossier *d, const struct catalog *cat, const char *answers,
			       struct answers **a, struct letter **l)
{
	const struct case_info *c = &d->io.c;
	char *apath = NULL, *err = NULL;
	if (answers) {
		apath = xstrdup(answers);
	} else {
		for (size_t i = 0; i < c->nev && !apath; i++)
			if (c->ev[i]->answers && !c->ev[i]->event && is(c->ev[i]->status, "sent"))
				apath = journal_state_dir(d->io.conf->journal, c->ev[i]->answers);
	}
	const char *no_letter = NULL;
	if (!c->letter)
		no_letter = "the letter was never sent (only failed attempts)";
	else if (!apath)
		no_letter = "the journal keeps no copy of the answers (the letter was sent by an older "
			    "version; --answers FILE renders it)";
	else if (answers_load(cat, apath, a, &err) != 0) {
		errmsg(_("warning: %s: the letter is not rendered in the dossier"), err);
		no_letter = "its answers could not be read";
	} else if (c->jurisdiction && !is((*a)->jurisdiction, c->jurisdiction)) {
		errmsg(_("warning: %s: these answers are for the jurisdiction '%s', the case is '%s': "
		       "the letter is not rendered in the dossier"), apath, (*a)->jurisdiction, c->jurisdiction);
		no_letter = "its answers are for another jurisdiction";
	} else if (compose_original(cat, *a, c, l, &err) != 0) {
		errmsg(_("warning: %s: the letter is not rendered in the dossier"), err);
		no_letter = "its answers could not be composed into the letter";
	}
	free(err);
	free(apath);
	return no_letter;
}

/* The section "The case": who, the company, the law, the due date, the state. */
static void case_summary(struct dossier *d, const struct catalog *cat, const char *ref, const char *today,
			 const struct letter *l, const struct answers *a)
{
	const struct case_info *c = &d->io.c;
	char iso[11], r[11];
	const struct cat_jurisdiction *j = c->jurisdiction ? catalog_jurisdiction(cat, c->jurisdiction) : NULL;
	const struct cat_controller *ctl = c->controller ? catalog_controller(cat, c->controller) : NULL;
	line(d, PDF_DL_TITLE, 0, "Dossier of case %s", ref);
	line(d, PDF_DL_SMALL, 0, "Made on %s by objector %s from the journal %s. Every file named "
	     "below with \"embedded as\" is attached to this PDF (pdfdetach -list, or the attachments "
	     "pane of a PDF reader); its SHA-256 was computed from the stored file now and compared "
	     "with the one journaled when it was stored.", today, PACKAGE_VERSION, d->io.conf->journal);
	line(d, PDF_DL_HEAD, 0, "The case");
	if (l)
		line(d, PDF_DL_TEXT, 0, "Requester: %s <%s>", l->signer, l->email);
	else if (a)
		line(d, PDF_DL_TEXT, 0, "Requester: %s <%s>", a->name, a->email);
	else if (c->letter && c->letter->requester)
		line(d, PDF_DL_TEXT, 0, "Requester: %s%s%s%s", c->letter->requester,
		     c->letter->requester_email ? " <" : "", c->letter->requester_email ? c->letter->requester_email : "",
		     c->letter->requester_email ? ">" : "");
	else
		line(d, PDF_DL_TEXT, 0, "Requester: not known (no copy of the answers)");
	if (ctl)
		line(d, PDF_DL_TEXT, 0, "Company: %s (catalogue: %s)", ctl->name, ctl->id);
	else
		line(d, PDF_DL_TEXT, 0, "Company: %s", c->controller ? c->controller : "?");
	line(d, PDF_DL_TEXT, 0, "Entity addressed: %s", c->controller_name ? c->controller_name : "?");
	if (l && l->to.postal)
		line(d, PDF_DL_TEXT, 1, "%s", l->to.postal);
	if (j)
		line(d, PDF_DL_TEXT, 0, "Jurisdiction: %s (%s); law: %s; the objection under %s", j->name,
		     j->id, j->law_long ? j->law_long : j->law, j->basis);
	else
		line(d, PDF_DL_TEXT, 0, "Jurisdiction: %s", c->jurisdiction ? c->jurisdiction : "?");
	if (c->letter) {
		date_iso(c->sent, iso);
		line(d, PDF_DL_TEXT, 0, "Letter sent: %s", iso);
	}
	if (c->has_due && c->rule && c->has_receipt) {
		date_iso(c->due, iso);
		date_iso(c->receipt, r);
		line(d, PDF_DL_TEXT, 0, "Answer due by %s: %s, counted from receipt on %s (%s)%s%s", iso,
		     c->rule->basis, r, receipt_basis(c), c->extended ? "; extended under " : "",
		     c->extended ? (c->rule->ext_basis ? c->rule->ext_basis : "the law's extension") : "");
		if (c->rule->end_basis)
			line(d, PDF_DL_TEXT, 1, "a period ending on a weekend or holiday: %s", c->rule->end_basis);
	} else if (c->has_due) {
		date_iso(c->due, iso);
		line(d, PDF_DL_TEXT, 0, "Answer due by %s (as journaled when the letter was sent)", iso);
	} else {
		line(d, PDF_DL_TEXT, 0, "Answer due: %s", c->posted_undelivered
				? "counted from the delivery of the posted letter, not recorded yet" : "not known");
	}
	char *st = case_state_text(c, 0);	/* the dossier is English */
	line(d, PDF_DL_TEXT, 0, "State on %s: %s", today, st);
	free(st);
	char *next = case_next_step(c, 0);
	if (next)
		line(d, PDF_DL_TEXT, 0, "Next step: %s", next);
	free(next);

}

/* The section "Embedded files"; fills att with the files that are there. */
static size_t embedded_files(struct dossier *d, struct pdf_attachment *att)
{
	size_t natt = 0;
	line(d, PDF_DL_HEAD, 0, "Embedded files");
	for (size_t i = 0; i < d->nf; i++) {
		struct sfile *f = &d->f[i];
		if (f->missing) {
			line(d, PDF_DL_TEXT, 0, "missing: %s (%s)", f->rel, f->desc);
			continue;
		}
		att[natt++] = (struct pdf_attachment){ f->path, f->name, f->desc, f->mime };
		line(d, PDF_DL_TEXT, 0, "%zu. %s: %s (%s, %zu bytes)", natt, f->name, f->desc, f->mime, f->size);
		line(d, PDF_DL_TEXT, 2, "SHA-256 %s", f->sha);
	}
	if (!d->nf)
		line(d, PDF_DL_TEXT, 0, "none: the journal names no stored file");
	return natt;
}

/* The section "The letter as sent" and the note on each page of its rendering. */
static void letter_section(struct dossier *d, const char *ref, const char *today, const struct letter *l,
			   const char *no_letter, char *note[2])
{
	const struct case_info *c = &d->io.c;
	line(d, PDF_DL_HEAD, 0, "The letter as sent");
	const struct sfile *orig = NULL;
	if (c->letter && c->letter->pdf)
		for (size_t i = 0; i < d->nf && !orig; i++)
			if (strcmp(d->f[i].rel, c->letter->pdf) == 0)
				orig = &d->f[i];
	if (l) {
		const char *m = match(l, orig);
		line(d, PDF_DL_TEXT, 0, "The following pages are a rendering of the letter made now from the "
		     "stored copy of its answers, not the stored file itself (a PDF cannot take another PDF's "
		     "pages here): %s.", m);
		if (orig && !orig->missing) {
			line(d, PDF_DL_TEXT, 0, "The stored file %s is embedded as %s; its SHA-256:", shown(d, orig),
			     orig->name);
			line(d, PDF_DL_TEXT, 2, "%s", orig->sha);
		}
		note[0] = xasprintf("A rendering of %s made on %s from the stored answers, not the stored file: %s.",
				    ref, today, short_match(m));
		note[1] = orig && !orig->missing ? xasprintf("The stored file's SHA-256: %s (embedded in this dossier)",
							      orig->sha)
					     : xstrdup("The stored file is missing.");
	} else {
		line(d, PDF_DL_TEXT, 0, "Not rendered: %s.%s", no_letter ? no_letter : "?",
		     orig && !orig->missing ? " The stored file is embedded." : "");
	}
}

/* Assembles the PDF from the dossier's lines, the letter and the attachments. */
static int make_pdf(const struct dossier *d, const char *ref, const struct letter *l, const struct answers *a,
		    char *note[2], const struct pdf_attachment *att, size_t natt, struct buf *out, char **err)
{
	char *title = xasprintf("Dossier of case %s", ref);
	char *header = xasprintf("objector dossier %s", ref);
	struct pdf_dossier pd = {
		.title = title,
		.author = l ? l->signer : a ? a->name : NULL,
		.reference = ref,
		.header = header,
		.lang = l ? l->lang : NULL,
		.lines = d->lines,
		.nlines = d->nlines,
		.letter = l,
		.letter_note = { note[0], note[1] },
		.att = att,
		.natt = natt,
	};
	int rc = pdf_dossier(&pd, NULL, out, err);
	free(title);
	free(header);
	return rc;
}

/* What was written, on stdout (nothing when the dossier went to stdout). */
static void report(const struct dossier *d, const char *out_path, size_t natt, const struct letter *l)
{
	if (strcmp(out_path, "-") == 0)
		return;
	term_printf(stdout, "%s\n", out_path);
	size_t missing = 0;
	for (size_t i = 0; i < d->nf; i++)
		missing += d->f[i].missing;
	printf(i18n_ngettext("%zu file embedded", "%zu files embedded", natt), natt);
	if (missing)
		printf(_(", %zu missing (listed in the dossier)"), missing);
	fputs(l ? _("; the letter rendered from its answers\n") : _("; the letter not rendered\n"), stdout);
}

static void dossier_free(struct dossier *d)
{
	for (size_t i = 0; i < d->nf; i++) {
		free(d->f[i].rel);
		free(d->f[i].path);
		free(d->f[i].name);
		free(d->f[i].desc);
		free(d->f[i].expect);
		free(d->f[i].data);
	}
	free(d->f);
	free(d->lines);
	strv_free(&d->owned);
	caseio_close(&d->io);
}

static int dossier_exec(const struct cmd_entry *self, const struct cmd_args *args)
{
	if (args->argc != 1)
		return cmd_usage_error(self, args->argc ? _("one reference only") : _("which case? give its reference"));
	const char *ref = args->argv[0];
	const struct catalog *cat;
	int rc = app_catalog(&cat);
	if (rc)
		return rc;
	struct dossier d;
	memset(&d, 0, sizeof d);
	struct answers *a = NULL;
	struct letter *l = NULL;
	struct buf out = BUF_INIT;
	char *err = NULL, *out_path = NULL, *note[2] = { NULL, NULL };
	struct pdf_attachment *att = NULL;
	out.max = (size_t)1 << 30;
	out_path = args->opt[O_OUTPUT] ? xstrdup(args->opt[O_OUTPUT]) : xasprintf("dossier-%s.pdf", ref);
	int force = args->opt[O_FORCE] != NULL;
	if (strcmp(out_path, "-") != 0 && (rc = file_check_out(out_path, force, &err)) != 0) {
		errmsg("%s", err);
		goto out;
	}
	if ((rc = caseio_open(&d.io, ref, 0)))
		goto out;
	const struct case_info *c = &d.io.c;
	char today[11];
	date_iso(d.io.today, today);
	const char *no_letter = load_letter(&d, cat, args->opt[O_ANSWERS], &a, &l);
	case_summary(&d, cat, ref, today, l, a);
	line(&d, PDF_DL_HEAD, 0, "Timeline and proof");
	for (size_t i = 0; i < c->nev; i++) {
		if (i)
			line(&d, PDF_DL_GAP, 0, NULL);
		event_lines(&d, c->ev[i]);
	}
	att = xcalloc(d.nf + 1, sizeof *att);
	size_t natt = embedded_files(&d, att);
	letter_section(&d, ref, today, l, no_letter, note);
	if ((rc = make_pdf(&d, ref, l, a, note, att, natt, &out, &err)) != 0 ||
	    (rc = file_write_out(out_path, out.data, out.len, 0600, force, &err)) != 0) {
		errmsg("%s", err);
		goto out;
	}
	report(&d, out_path, natt, l);
out:
	free(err);
	free(out_path);
	free(note[0]);
	free(note[1]);
	free(att);
	buf_free(&out);
	if (l)
		letter_free(l);
	if (a)
		answers_free(a);
	dossier_free(&d);
	return rc;
}
