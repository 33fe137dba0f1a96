/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd-log.c: `objector log`: the journal as a table (or YAML for scripts),
 * with the answers that are due and those that are overdue; `log REF`: one
 * case's timeline, due date and state; `log --format ics`: the due dates as
 * a calendar. Due dates and states are the cases' (case.h). "Today" is
 * date_today(), so OBJECTOR_TODAY (or OBJECTOR_NOW) makes the output
 * reproducible.
 *
 * `log --due` exits 1 when an answer is overdue (LOG_EXIT_OVERDUE), for a
 * cron job or a systemd timer; 0 when nothing is.
 *
 * The table fits the width (term_columns: $COLUMNS, the terminal's, or 80):
 * the reference, the dates and the channel are shown whole, the company,
 * the recipient and the state share what is left (the longest cut first,
 * with an ellipsis); --wide shows every cell whole. The filters (--ref
 * PREFIX, --company, --requester, --since) choose the rows, the cases
 * counted in the summary and in --due's exit status, and the calendar's
 * events. `--format json` is one document; its schema is doc/log-json.md.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>

#include "buf.h"
#include "case.h"
#include "caseio.h"
#include "cmd.h"
#include "conf.h"
#include "date.h"
#include "deadline.h"
#include "diag.h"
#include "i18n.h"
#include "ics.h"
#include "journal.h"
#include "json.h"
#include "term.h"
#include "utf8.h"
#include "xalloc.h"
#include "ydoc.h"

#define LOG_EXIT_OVERDUE 1

struct row {
	const struct jentry *e;
	const struct case_info *c;	/* its case (sent rows), or NULL */
	char *via;			/* --due: the channels, "email+post" */
};

static int is_sent(const struct jentry *e)
{
	return e->status && strcmp(e->status, "sent") == 0;
}

/* cell: s cut to w columns, padded to w and two spaces more. */
static void cell(const char *s, size_t w)
{
	char *fit = term_fit(s, w);
	fputs(fit, stdout);
	for (size_t i = term_width(fit); i < w + 2; i++)
		putchar(' ');
	free(fit);
}

/* The filters: a row or a case is shown when it matches every one given. */
struct filter {
	const char *ref;	/* a prefix of the reference (ASCII case ignored) */
	const char *company;	/* the catalogue id, or part of the company's name */
	const char *requester;	/* part of the requester's name or e-mail address */
	int has_since;
	struct date since;	/* on or after this day */
};

static int filter_active(const struct filter *f)
{
	return f->ref || f->company || f->requester || f->has_since;
}

static size_t put_utf8(char *out, uint32_t c)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xC0 | c >> 6);
		out[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xE0 | c >> 12);
		out[1] = (char)(0x80 | (c >> 6 & 0x3F));
		out[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | c >> 18);
	out[1] = (char)(0x80 | (c >> 12 & 0x3F));
	out[2] = (char)(0x80 | (c >> 6 & 0x3F));
	out[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

/* lower: the lower case of c for the Latin (Basic, Latin-1, Extended-A),
 * Greek and Cyrillic capitals; c itself otherwise. */
static uint32_t lower(uint32_t c)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7) ||
	    (c >= 0x391 && c <= 0x3AB && c != 0x3A2) || (c >= 0x410 && c <= 0x42F))
		return c + 32;
	if (c >= 0x400 && c <= 0x40F)
		return c + 80;
	if (c == 0x178)
		return 0xFF;
	if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177))
		return c | 1;
	if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
		return c + (c & 1);
	return c;
}

/* fold: s in lower case (lower), for comparing without case. */
static char *fold(const char *s)
{
	size_t len = strlen(s), off = 0, o = 0;
	char *out = xmalloc(len * 2 + 1);
	while (off < len) {
		uint32_t c;
		size_t n = utf8_decode(s + off, len - off, &c);
		if (!n) {
			out[o++] = s[off++];
			continue;
		}
		o += put_utf8(out + o, lower(c));
		off += n;
	}
	out[o] = 0;
	return out;
}

/* contains: needle is part of hay, case ignored (fold). */
static int contains(const char *hay, const char *needle)
{
	if (!hay)
		return 0;
	char *h = fold(hay), *n = fold(needle);
	int r = strstr(h, n) != NULL;
	free(h);
	free(n);
	return r;
}

static int entry_company(const struct jentry *e, const struct filter *f)
{
	return (e->controller && strcasecmp(e->controller, f->company) == 0) ||
	       contains(e->controller_name, f->company);
}

static int entry_requester(const struct jentry *e, const struct filter *f)
{
	return contains(e->requester, f->requester) || contains(e->requester_email, f->requester);
}

static int entry_since(const struct jentry *e, const struct filter *f)
{
	struct date d;
	return case_event_day(e, &d) == 0 && date_cmp(d, f->since) >= 0;
}

/* case_matches: the case's reference starts with the prefix, one of its
 * entries names the company and one the requester, and one of its
 * submissions (a sending or a failed attempt) was on or after --since. */
static int case_matches(const struct case_info *c, const struct filter *f)
{
	int company = !f->company, requester = !f->requester, since = !f->has_since;
	if (f->ref && strncasecmp(c->reference, f->ref, strlen(f->ref)) != 0)
		return 0;
	if (f->company && c->controller && strcasecmp(c->controller, f->company) == 0)
		company = 1;
	for (size_t i = 0; i < c->nev; i++) {
		const struct jentry *e = c->ev[i];
		company = company || entry_company(e, f);
		requester = requester || entry_requester(e, f);
		since = since || (!e->event && entry_since(e, f));
	}
	return company && requester && since;
}

/* entry_matches: a row of the full log (or an unsettled one of --due): the
 * company and the requester of the entry or of its case (c, or NULL), the
 * day of the entry itself. */
static int entry_matches(const struct jentry *e, const struct case_info *c, const struct filter *f)
{
	if (f->ref && strncasecmp(e->reference, f->ref, strlen(f->ref)) != 0)
		return 0;
	if (f->has_since && !entry_since(e, f))
		return 0;
	if (f->company && !entry_company(e, f) && !(c && case_matches(c, &(struct filter){ .company = f->company })))
		return 0;
	if (f->requester && !entry_requester(e, f) &&
	    !(c && case_matches(c, &(struct filter){ .requester = f->requester })))
		return 0;
	return 1;
}

/* is_unsettled: the outcome is not known: interrupted, or "unknown". */
static int is_unsettled(const struct jentry *e)
{
	return !e->event && (strcmp(e->status, "sending") == 0 || strcmp(e->status, "unknown") == 0);
}

static char *state(const struct row *r)
{
	const struct jentry *e = r->e;
	if (strcmp(e->status, "sending") == 0)
		return xstrdup(_("INTERRUPTED while sending: may have been sent (check your sent mail)"));
	if (strcmp(e->status, "unknown") == 0)
		return xasprintf(_("UNKNOWN: may have been sent (check your sent mail)%s%s"),
				 e->reason ? ": " : "", e->reason ? e->reason : "");
	if (!is_sent(e))
		return xasprintf("%s%s%s", e->status, e->reason ? ": " : "", e->reason ? e->reason : "");
	if (!r->c)
		return xstrdup(_("sent"));
	return case_state_text(r->c, 1);
}

static void due_cell(const struct row *r, char out[11])
{
	if (r->c && r->c->has_due && is_sent(r->e))
		date_iso(r->c->due, out);
	else
		snprintf(out, 11, "-");
}

static void print_rows(const struct row *rows, size_t n, size_t cols);

/* print_text: the table, cols wide (0: every cell whole). */
static void print_text(const struct row *rows, size_t n, size_t cols)
{
	/* Everything shown came from the journal: made safe for the terminal. */
	struct jentry *safe = xcalloc(n ? n : 1, sizeof *safe);
	struct row *r = xcalloc(n ? n : 1, sizeof *r);
	for (size_t i = 0; i < n; i++) {
		for (unsigned k = 0; k < journal_nfields; k++) {
			const char *f = journal_field(rows[i].e, k);
			if (f)
				*jentry_field(&safe[i], k) = term_safe(f);
		}
		r[i] = rows[i];
		r[i].e = &safe[i];
	}
	print_rows(r, n, cols);
	free(r);
	jentries_free(safe, n);
}

/* fit_widths: when the line would be wider than cols: the channel (3),
 * then the sending date (0) are left out (width 0) while the company (2),
 * the recipient (4) and the state (6) would get less than FIT_MIN columns
 * each; those three then share what is left, the state first (two
 * columns for one up to STATE_WANT), never below 4 columns. The reference (1) and the due date (5) are always whole. */
#define FIT_MIN 12
#define STATE_WANT 24
static void fit_widths(size_t w[7], size_t cols)
{
	static const int shrink[] = { 6, 2, 4 }, drop[] = { 3, 0 }, round[] = { 6, 6, 2, 4 };
	size_t avail = 0;
	for (int d = 0; d <= 2; d++) {
		size_t fixed = 0;
		int shown = 0;
		for (int k = 0; k < 7; k++)
			if (w[k] && k != 2 && k != 4 && k != 6)
				fixed += w[k];
		for (int k = 0; k < 7; k++)
			shown += w[k] != 0;
		fixed += (size_t)(shown - 1) * 2;
		avail = cols > fixed ? cols - fixed : 0;
		if (w[2] + w[4] + w[6] <= avail)
			return;
		if (avail >= 3 * FIT_MIN || d == 2)
			break;
		w[drop[d]] = 0;
	}
	/* A column at a time, in rounds: the state two columns a round up
	 * to STATE_WANT, the company and the recipient one each. */
	size_t c[7] = { 0 };
	for (int more = 1; avail && more;) {
		more = 0;
		for (int k = 0; k < 4 && avail; k++) {
			int col = round[k];
			if (k == 1 && c[6] >= STATE_WANT)
				continue;
			if (c[col] < w[col]) {
				c[col]++;
				avail--;
				more = 1;
			}
		}
	}
	for (int k = 0; k < 3; k++)
		w[shrink[k]] = c[shrink[k]] < 4 ? 4 : c[shrink[k]];
}

static void print_rows(const struct row *rows, size_t n, size_t cols)
{
	/* TRANSLATORS: log's column headings. */
	const char *head[] = { _("DATE"), _("REFERENCE"), _("COMPANY"), _("VIA"), _("TO"), _("DUE"),
			       _("STATUS") };
	size_t w[7];
	char **st = xcalloc(n ? n : 1, sizeof *st);
	for (int k = 0; k < 7; k++)
		w[k] = term_width(head[k]);
	for (size_t i = 0; i < n; i++) {
		const struct jentry *e = rows[i].e;
		char due[11];
		due_cell(&rows[i], due);
		char *raw = state(&rows[i]);
		st[i] = term_safe(raw);
		free(raw);
		const char *c[7] = { "", e->reference, e->controller ? e->controller : "-",
				     rows[i].via ? rows[i].via : e->method ? e->method : "-",
				     e->recipient ? e->recipient : "-", due, st[i] };
		for (int k = 1; k < 7; k++)
			if (term_width(c[k]) > w[k])
				w[k] = term_width(c[k]);
	}
	w[0] = 10;
	if (cols)
		fit_widths(w, cols);
	for (int k = 0; k < 6; k++)
		if (w[k])
			cell(head[k], w[k]);
	char *h = term_fit(head[6], w[6]);
	puts(h);
	free(h);
	for (size_t i = 0; i < n; i++) {
		const struct jentry *e = rows[i].e;
		char date[11] = "-", due[11];
		if (e->time)
			snprintf(date, sizeof date, "%.10s", e->time);
		due_cell(&rows[i], due);
		const char *c[6] = { date, e->reference, e->controller ? e->controller : "-",
				     rows[i].via ? rows[i].via : e->method ? e->method : "-",
				     e->recipient ? e->recipient : "-", due };
		for (int k = 0; k < 6; k++)
			if (w[k])
				cell(c[k], w[k]);
		char *fit = cols ? term_fit(st[i], w[6]) : xstrdup(st[i]);
		puts(fit);
		free(fit);
		free(st[i]);
	}
	free(st);
}

/* summary: the footer, counted by case (the cases that match the
 * filters), wrapped to cols (0: one line). */
static void summary(const struct row *rows, size_t n, const struct case_info *cs, size_t nc,
		    const struct filter *f, int due_only, size_t cols)
{
	size_t waiting = 0, overdue = 0, failed = 0, unsettled = 0;
	for (size_t i = 0; i < n; i++) {
		if (is_unsettled(rows[i].e))
			unsettled++;
		else if (!is_sent(rows[i].e))
			failed++;
	}
	for (size_t k = 0; k < nc; k++) {
		if (!case_matches(&cs[k], f))
			continue;
		enum case_state s = cs[k].state;
		if (s == CASE_WAITING || s == CASE_OVERDUE || s == CASE_REMINDED)
			waiting++;
		overdue += case_is_overdue(&cs[k]);
	}
	char extra[64] = "";
	if (unsettled)
		snprintf(extra, sizeof extra, _(", %zu that may have been sent (check)"), unsettled);
	char *line;
	if (due_only) {
		line = xasprintf(_("%zu waiting for an answer, %zu overdue%s"), waiting, overdue, extra);
	} else {
		size_t subs = n - failed - unsettled;
		/* TRANSLATORS: "3 submissions, " then the rest of the line. */
		char *a = xasprintf(i18n_ngettext("%zu submission, ", "%zu submissions, ", subs), subs);
		char *b = xasprintf(_("%zu waiting for an answer, %zu overdue, "), waiting, overdue);
		char *c = xasprintf(i18n_ngettext("%zu failed attempt%s", "%zu failed attempts%s", failed),
				    failed, extra);
		line = xasprintf("%s%s%s", a, b, c);
		free(a);
		free(b);
		free(c);
	}
	putchar('\n');
	if (cols)
		term_wrap(stdout, line, cols);
	else
		puts(line);
	free(line);
}

static int emit_yaml(struct ynode *root)
{
	struct buf b = BUF_INIT;
	char *err = NULL;
	int rc = ydoc_emit(root, &b, &err);
	ynode_free(root);
	if (rc) {
		errmsg("%s", err);
		free(err);
	} else {
		fwrite(b.data, 1, b.len, stdout);
	}
	buf_free(&b);
	return rc;
}

static void yaml_entry(struct ynode *m, const struct jentry *e)
{
	for (unsigned k = 0; k < journal_nfields; k++) {
		const char *v = journal_field(e, k);
		if (v)
			ynode_map_adds(m, journal_field_name(k), v);
	}
}

static void yaml_case(struct ynode *m, const struct case_info *c)
{
	char num[32];
	ynode_map_adds(m, "state", case_state_name(c->state));
	if (c->has_due) {
		char iso[11];
		date_iso(c->due, iso);
		ynode_map_adds(m, "case_due", iso);
		snprintf(num, sizeof num, "%ld", c->days_left);
		ynode_map_add(m, "days_left", ynode_new_plain(num));
		ynode_map_add(m, "overdue", ynode_new_plain(case_is_overdue(c) ? "true" : "false"));
	}
}

static int print_yaml(const struct row *rows, size_t n)
{
	struct ynode *seq = ynode_new_seq();
	for (size_t i = 0; i < n; i++) {
		struct ynode *m = ynode_seq_add(seq, ynode_new_map());
		yaml_entry(m, rows[i].e);
		if (is_sent(rows[i].e) && rows[i].c)
			yaml_case(m, rows[i].c);
	}
	return emit_yaml(seq);
}

/* The JSON output (doc/log-json.md): entries as the journal holds them,
 * cases as objects of their own. */
static void json_fields(struct json *w, const struct jentry *e)
{
	for (unsigned k = 0; k < journal_nfields; k++) {
		const char *v = journal_field(e, k);
		if (v) {
			json_key(w, journal_field_name(k));
			json_string(w, v);
		}
	}
}

static void json_keyval(struct json *w, const char *key, const char *v)
{
	if (v) {
		json_key(w, key);
		json_string(w, v);
	}
}

/* json_row: an entry of the full log: its fields, and its case's state
 * (the same keys as the YAML). */
static void json_row(struct json *w, const struct row *r)
{
	json_begin_object(w);
	json_fields(w, r->e);
	if (is_sent(r->e) && r->c) {
		const struct case_info *c = r->c;
		json_keyval(w, "state", case_state_name(c->state));
		if (c->has_due) {
			char iso[11];
			date_iso(c->due, iso);
			json_keyval(w, "case_due", iso);
			json_key(w, "days_left");
			json_int(w, c->days_left);
			json_key(w, "overdue");
			json_bool(w, case_is_overdue(c));
		}
	}
	json_end_object(w);
}

/* first_field: the field k of the case's first entry that has it. */
static const char *first_field(const struct case_info *c, unsigned k)
{
	for (size_t i = 0; i < c->nev; i++)
		if (journal_field(c->ev[i], k))
			return journal_field(c->ev[i], k);
	return NULL;
}

static unsigned field_index(const char *name)
{
	for (unsigned k = 0; k < journal_nfields; k++)
		if (strcmp(journal_field_name(k), name) == 0)
			return k;
	return 0;
}

static char *channels(const struct case_info *c);

/* json_case: one case (`log REF`, and the items of --due). */
static void json_case(struct json *w, const struct case_info *c, int unsettled)
{
	char iso[11];
	json_begin_object(w);
	json_keyval(w, "reference", c->reference);
	json_keyval(w, "jurisdiction", c->jurisdiction);
	json_keyval(w, "controller", c->controller);
	json_keyval(w, "controller_name", c->controller_name);
	json_keyval(w, "requester", first_field(c, field_index("requester")));
	json_keyval(w, "requester_email", first_field(c, field_index("requester_email")));
	json_keyval(w, "state", case_state_name(c->state));
	char *st = case_state_text(c, 0);	/* English, as doc/log-json.md says */
	json_keyval(w, "state_text", st);
	free(st);
	if (c->letter) {
		date_iso(c->sent, iso);
		json_keyval(w, "sent", iso);
	}
	if (c->has_receipt) {
		date_iso(c->receipt, iso);
		json_keyval(w, "received", iso);
	}
	if (c->has_due) {
		date_iso(c->due, iso);
		json_keyval(w, "due", iso);
		json_key(w, "days_left");
		json_int(w, c->days_left);
	}
	json_key(w, "overdue");
	json_bool(w, case_is_overdue(c));
	json_key(w, "via");
	json_begin_array(w);
	char *via = channels(c), *save = NULL;
	for (char *t = strtok_r(via, "+", &save); t; t = strtok_r(NULL, "+", &save))
		json_string(w, t);
	free(via);
	json_end_array(w);
	json_key(w, "unsettled");
	json_bool(w, unsettled);
	char *next = case_next_step(c, 0);
	json_keyval(w, "next", next);
	free(next);
	json_key(w, "events");
	json_begin_array(w);
	for (size_t i = 0; i < c->nev; i++) {
		json_begin_object(w);
		json_fields(w, c->ev[i]);
		json_end_object(w);
	}
	json_end_array(w);
	json_end_object(w);
}

static int emit_json(struct buf *b, const struct json *w)
{
	if (w->failed) {
		errmsg(_("the JSON output is larger than %zu bytes"), b->max);
		buf_free(b);
		return EX_SOFTWARE;
	}
	fwrite(b->data, 1, b->len, stdout);
	buf_free(b);
	return 0;
}

static int by_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* add_pending: the pending sends (stopped half-way) as entries, except the
 * marker of an entry in the journal (its Message-ID: an "unknown" entry,
 * which shows it). The journal's Message-IDs are sorted once and each
 * marker's looked up. */
static void add_pending(const char *path, struct jentry **v, size_t *n)
{
	struct jentry *pv = NULL;
	size_t pn = 0;
	journal_pending_list(path, &pv, &pn);
	if (!pn)
		return;
	const char **ids = xcalloc(*n + 1, sizeof *ids);
	size_t ni = 0;
	for (size_t k = 0; k < *n; k++)
		if ((*v)[k].message_id)
			ids[ni++] = (*v)[k].message_id;
	qsort(ids, ni, sizeof *ids, by_str);
	*v = xreallocarray(*v, *n + pn, sizeof **v);
	for (size_t i = 0; i < pn; i++) {
		if (pv[i].message_id && bsearch(&pv[i].message_id, ids, ni, sizeof *ids, by_str))
			jentry_clear(&pv[i]);
		else
			(*v)[(*n)++] = pv[i];
	}
	free(ids);
	free(pv);
}

static int by_due(const void *pa, const void *pb)
{
	const struct row *a = pa, *b = pb;
	int c = date_cmp(a->c->due, b->c->due);
	return c ? c : (a->e < b->e ? -1 : a->e > b->e);
}

/* channels: the methods a case's letter went by, "email+post". */
static char *channels(const struct case_info *c)
{
	struct buf b = BUF_INIT;
	static const char *const m[] = { "email", "post", "webform" };
	for (size_t k = 0; k < 3; k++)
		for (size_t i = 0; i < c->nev; i++) {
			const struct jentry *e = c->ev[i];
			if (!e->event && is_sent(e) && e->method && strcmp(e->method, m[k]) == 0) {
				if (b.len)
					BUF_MUST(buf_addc(&b, '+'));
				BUF_MUST(buf_adds(&b, m[k]));
				break;
			}
		}
	return buf_detach(&b, NULL);
}

/* print_timeline: `log REF` (journal text made safe for the terminal: term.h). */
static void print_timeline(const struct caseio *io)
{
	const struct case_info *c = &io->c;
	term_printf(stdout, "%s", c->reference);
	if (c->controller_name || c->controller)
		term_printf(stdout, "  %s", c->controller_name ? c->controller_name : c->controller);
	if (c->controller && c->controller_name)
		term_printf(stdout, " (%s)", c->controller);
	if (c->jurisdiction)
		term_printf(stdout, _("  jurisdiction %s"), c->jurisdiction);
	putchar('\n');
	char *st = case_state_text(c, 1);
	term_printf(stdout, _("state: %s\n"), st);
	free(st);
	char iso[11], r[11];
	if (c->has_due) {
		date_iso(c->due, iso);
		if (c->rule && c->has_receipt) {
			date_iso(c->receipt, r);
			term_printf(stdout, _("due:   %s (%s; counted from receipt on %s%s%s)\n"), iso, c->rule->basis, r,
			       c->extended ? _("; extended: ") : "",
			       c->extended ? (c->rule->ext_basis ? c->rule->ext_basis : _("extension")) : "");
		} else {
			term_printf(stdout, _("due:   %s\n"), iso);
		}
	} else {
		term_printf(stdout, _("due:   %s\n"), c->posted_undelivered ? _("counted from delivery (not recorded yet)")
							: "-");
	}
	term_printf(stdout, "%s", _("timeline:\n"));
	for (size_t i = 0; i < c->nev; i++) {
		const struct jentry *e = c->ev[i];
		struct date d;
		char day[11] = "?";
		if (case_event_day(e, &d) == 0)
			date_iso(d, day);
		const char *k = case_kind(e);
		term_printf(stdout, "  %s  ", day);
		if (!e->event) {
			term_printf(stdout, _("%s by %s to %s"), strcmp(k, "sent") == 0 ? _("sent") : _("FAILED"),
			       e->method ? e->method : "?", e->recipient ? e->recipient : "?");
			if (e->reason)
				term_printf(stdout, ": %s", e->reason);
		} else if (strcmp(k, "delivered") == 0) {
			term_printf(stdout, "%s", e->date ? _("delivered") : _("tracking number recorded"));
		} else if (strcmp(k, "reply") == 0) {
			term_printf(stdout, _("reply: %s"), e->outcome ? e->outcome : "?");
		} else if (strcmp(k, "reminder") == 0 || strcmp(k, "complaint") == 0) {
			int sent = e->status && strcmp(e->status, "sent") == 0;
			term_printf(stdout, "%s", strcmp(k, "reminder") == 0
						    ? (sent ? _("reminder sent") : _("reminder written"))
						    : (sent ? _("complaint sent") : _("complaint written")));
			if (e->authority)
				term_printf(stdout, _(" to %s"), e->authority);
			if (e->method && e->recipient)
				term_printf(stdout, _(" by %s to %s"), e->method, e->recipient);
			if (e->due && strcmp(k, "reminder") == 0)
				term_printf(stdout, _(", new deadline %s"), e->due);
		} else {
			term_printf(stdout, "%s", k);
		}
		putchar('\n');
		if (e->tracking)
			term_printf(stdout, _("              tracking: %s\n"), e->tracking);
		if (e->message_id)
			term_printf(stdout, "              Message-ID: %s\n", e->message_id);
		if (e->reply)
			term_printf(stdout, _("              server: %s\n"), e->reply);
		if (e->pdf)
			term_printf(stdout, "              PDF: %s\n", e->pdf);
		if (e->sha256)
			term_printf(stdout, "              SHA-256: %s\n", e->sha256);
		if (e->eml)
			term_printf(stdout, _("              message: %s\n"), e->eml);
		if (e->attachments)
			term_printf(stdout, _("              files: %s\n"), e->attachments);
		if (e->note)
			term_printf(stdout, _("              note: %s\n"), e->note);
	}
	char *next = case_next_step(c, 1);
	if (next)
		term_printf(stdout, _("next: %s\n"), next);
	free(next);
}

/* print_ics: one event per case with a due date (not closed). */
static int print_ics(const struct case_info *cs, size_t nc, const struct filter *f)
{
	struct ics_event *ev = xcalloc(nc ? nc : 1, sizeof *ev);
	char **desc = xcalloc(nc ? nc : 1, sizeof *desc);
	size_t m = 0;
	for (size_t k = 0; k < nc; k++) {
		const struct case_info *c = &cs[k];
		if (!c->has_due || c->state == CASE_NOT_SENT || c->state == CASE_CLOSED ||
		    !case_matches(c, f))
			continue;
		char *st = case_state_text(c, 0), *next = case_next_step(c, 0);	/* as SUMMARY: English */
		desc[m] = xasprintf("%s%s%s", st, next ? "\nNext: " : "", next ? next : "");
		free(st);
		free(next);
		ev[m] = (struct ics_event){
			.reference = c->reference,
			.company = c->controller_name ? c->controller_name
				   : c->controller    ? c->controller
						      : "?",
			.due = c->due,
			.state = case_state_name(c->state),
			.description = desc[m],
			.sequence = (unsigned)c->nev,
		};
		m++;
	}
	char stamp[17];
	ics_dtstamp(date_now(), stamp);
	struct ics_opts o = { .dtstamp = stamp, .name = "objector: answers due" };
	struct buf b = BUF_INIT;
	char *err = NULL;
	int rc = ics_write(&b, ev, m, &o, &err);
	if (rc) {
		errmsg("%s", err);
		free(err);
	} else {
		fwrite(b.data, 1, b.len, stdout);
	}
	buf_free(&b);
	for (size_t k = 0; k < m; k++)
		free(desc[k]);
	free(desc);
	free(ev);
	return rc;
}

/* resends: x is a sending (sent, or its outcome not known) to e's
 * recipient: after e, it settles e. */
static int resends(const struct jentry *x, const struct jentry *e)
{
	return !x->event && (is_sent(x) || is_unsettled(x)) &&
	       journal_same_recipient(x->recipient ? x->recipient : "", e->recipient ? e->recipient : "");
}

/* resent_in_case: one of c's entries after its entry ev[i] resends it. */
static int resent_in_case(const struct case_info *c, size_t i)
{
	for (size_t k = i + 1; k < c->nev; k++)
		if (resends(c->ev[k], c->ev[i]))
			return 1;
	return 0;
}

/* has_unsettled: a sending of the case whose outcome is not known, with
 * no sending to that recipient after it. */
static int has_unsettled(const struct case_info *c)
{
	for (size_t i = 0; i < c->nev; i++)
		if (is_unsettled(c->ev[i]) && !resent_in_case(c, i))
			return 1;
	return 0;
}

/* ev_index: where e is among c's entries (in journal order, so in the
 * order of their addresses in the journal's array). */
static size_t ev_index(const struct case_info *c, const struct jentry *e)
{
	size_t lo = 0, hi = c->nev;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->ev[mid] < e)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* print_json: the full log, an array of entries. */
static int print_json(const struct row *rows, size_t n)
{
	struct buf b = BUF_INIT;
	struct json w;
	json_init(&w, &b);
	json_begin_array(&w);
	for (size_t i = 0; i < n; i++)
		json_row(&w, &rows[i]);
	json_end_array(&w);
	json_end(&w);
	return emit_json(&b, &w);
}

/* print_json_due: --due, an array of cases: those waiting, by due date,
 * then those with a sending whose outcome is not known (a pending marker
 * without a journal entry is a case of its own). */
static int print_json_due(const struct row *rows, size_t n, const struct case_info *cs, size_t nc,
			  const struct case_info *const *sorted, const struct caseio *io)
{
	struct buf b = BUF_INIT;
	struct json w;
	char *done = xcalloc(nc + 1, 1), *unsettled = xcalloc(nc + 1, 1);
	json_init(&w, &b);
	json_begin_array(&w);
	for (size_t k = 0; k < n; k++) {
		const struct case_info *c = rows[k].c ? NULL : case_find(sorted, nc, rows[k].e->reference);
		if (c)
			unsettled[c - cs] = 1;
	}
	for (size_t i = 0; i < n; i++) {
		const struct case_info *c = rows[i].c ? rows[i].c : case_find(sorted, nc, rows[i].e->reference);
		if (c) {
			if (done[c - cs])
				continue;
			done[c - cs] = 1;
			json_case(&w, c, unsettled[c - cs]);
		} else {
			struct case_info one;
			case_build(rows[i].e, 1, rows[i].e->reference, io->rules, io->today, &one);
			json_case(&w, &one, 1);
			case_free(&one);
		}
	}
	free(done);
	free(unsettled);
	json_end_array(&w);
	json_end(&w);
	return emit_json(&b, &w);
}

enum { O_DUE, O_FORMAT, O_WIDE, O_REF, O_COMPANY, O_REQUESTER, O_SINCE };
static const struct cmd_opt opts[] = {
	[O_DUE] = { "due", 0, CMD_FLAG },
	[O_FORMAT] = { "format", 'f', CMD_ARG },
	[O_WIDE] = { "wide", 'w', CMD_FLAG },
	[O_REF] = { "ref", 0, CMD_ARG },
	[O_COMPANY] = { "company", 0, CMD_ARG },
	[O_REQUESTER] = { "requester", 0, CMD_ARG },
	[O_SINCE] = { "since", 0, CMD_ARG },
	{ NULL, 0, 0 },
};

static int log_exec(const struct cmd_entry *self, const struct cmd_args *args);

const struct cmd_entry cmd_log_entry = {
	.name = "log",
	.args = "[REF] [--due] [--ref PREFIX] [--company ID] [--requester TEXT] [--since DATE] "
		"[--wide] [--format text|yaml|json|ics]",
	.summary = N_("show the journal: what was sent, when, and when the answer is due"),
	.help = N_("  REF                   one case: its timeline, due date, state and next step\n"
		"      --due             only the cases still waiting for an answer; exits 1 when\n"
		"                        one is overdue, 0 when none is (for cron or a systemd timer)\n"
		"      --ref PREFIX      only the letters whose reference starts with PREFIX\n"
		"      --company ID      only the letters to this company (its id, or part of its name)\n"
		"      --requester TEXT  only the letters of this person (part of the name or e-mail)\n"
		"      --since DATE      only what was sent on or after DATE (YYYY-MM-DD)\n"
		"  -w, --wide            every cell whole (the table fits the terminal, or 80 columns)\n"
		"  -f, --format FORMAT   text (default), yaml, json (doc/log-json.md), or ics (the\n"
		"                        due dates as an iCalendar file: one event per case, an\n"
		"                        alarm the day before)\n"),
	.opts = opts,
	.exec = log_exec,
};

enum log_format { LOG_TEXT, LOG_YAML, LOG_JSON, LOG_ICS };

/* One case (log REF): its timeline, or the case in YAML or JSON. */
static int show_case(struct caseio *io, const char *ref, int yaml, int json)
{
	int rc = 0;
	if (yaml) {
		struct ynode *m = ynode_new_map();
		ynode_map_adds(m, "reference", ref);
		yaml_case(m, &io->c);
		struct ynode *seq = ynode_map_add(m, "events", ynode_new_seq());
		for (size_t i = 0; i < io->c.nev; i++)
			yaml_entry(ynode_seq_add(seq, ynode_new_map()), io->c.ev[i]);
		rc = emit_yaml(m);
	} else if (json) {
		struct buf b = BUF_INIT;
		struct json w;
		json_init(&w, &b);
		json_case(&w, &io->c, has_unsettled(&io->c));
		json_end(&w);
		rc = emit_json(&b, &w);
	} else {
		print_timeline(io);
	}
	return rc;
}

/* The rows of log --due: the cases waiting for an answer by due date, then
 * the sending attempts whose outcome is not known (the first nreal entries
 * of the journal, the rest pending sends); counts the overdue. */
static size_t due_rows(const struct caseio *io, size_t nreal, struct case_info *cs, size_t nc,
		       const struct case_info *const *sorted, const struct filter *f, struct row *rows,
		       size_t *pnoverdue)
{
	size_t nr = 0, noverdue = 0;
	for (size_t k = 0; k < nc; k++) {
		if (!case_matches(&cs[k], f))
			continue;
		enum case_state s = cs[k].state;
		noverdue += case_is_overdue(&cs[k]);
		if (!cs[k].has_due || !(s == CASE_WAITING || s == CASE_OVERDUE || s == CASE_REMINDED))
			continue;
		rows[nr++] = (struct row){ cs[k].letter, &cs[k], channels(&cs[k]) };
	}
	qsort(rows, nr, sizeof *rows, by_due);
	/* an outcome not known needs a look first: the last such entry of
	 * its letter and recipient, unless sent after (later in its case, the
	 * first nreal entries; or a pending send, the rest) */
	for (size_t i = 0; i < io->n; i++) {
		const struct jentry *e = &io->v[i];
		const struct case_info *c;
		if (!is_unsettled(e) || !entry_matches(e, c = case_find(sorted, nc, e->reference), f))
			continue;
		size_t from = i + 1;
		int later = 0;
		if (i < nreal && c) {
			later = resent_in_case(c, ev_index(c, e));
			from = nreal;
		}
		for (size_t k = from; k < io->n && !later; k++)
			later = strcmp(io->v[k].reference, e->reference) == 0 && resends(&io->v[k], e);
		if (!later)
			rows[nr++] = (struct row){ e, NULL, NULL };
	}
	*pnoverdue = noverdue;
	return nr;
}

/* The rows of log: every sending attempt that matches, the first nreal of
 * the journal with their case. */
static size_t journal_rows(const struct caseio *io, const struct case_info *const *sorted, size_t nc,
			   size_t nreal, const struct filter *f, struct row *rows)
{
	size_t nr = 0;
	for (size_t i = 0; i < io->n; i++) {
		if (io->v[i].event)
			continue;
		const struct case_info *c = i < nreal ? case_find(sorted, nc, io->v[i].reference) : NULL;
		if (!entry_matches(&io->v[i], c, f))
			continue;
		rows[nr++] = (struct row){ &io->v[i], c, NULL };
	}
	return nr;
}

/* The rows in the format asked for. */
static int print_listing(const struct caseio *io, enum log_format fmt, int due_only, struct row *rows, size_t nr,
		      struct case_info *cs, size_t nc, const struct case_info *const *sorted,
		      const struct filter *f, size_t cols)
{
	int rc = 0, yaml = fmt == LOG_YAML, json = fmt == LOG_JSON, ics = fmt == LOG_ICS;
	if (ics)
		rc = print_ics(cs, nc, f);
	else if (yaml)
		rc = print_yaml(rows, nr);
	else if (json)
		rc = due_only ? print_json_due(rows, nr, cs, nc, sorted, io) : print_json(rows, nr);
	else if (nr == 0 && due_only)
		fputs(_("nothing is waiting for an answer\n"), stdout);
	else if (nr == 0 && io->n && filter_active(f))
		fputs(_("no submissions match\n"), stdout);
	else if (nr == 0) {
		char *msg = xasprintf(_("no submissions in the journal yet (%s)"), io->conf->journal);
		if (cols)
			term_wrap(stdout, msg, cols);
		else
			puts(msg);
		free(msg);
	} else {
		print_text(rows, nr, cols);
		summary(rows, nr, cs, nc, f, due_only, cols);
	}
	return rc;
}

static int log_exec(const struct cmd_entry *self, const struct cmd_args *args)
{
	int due_only = args->opt[O_DUE] != NULL, yaml = 0, ics = 0, json = 0;
	const char *format = args->opt[O_FORMAT];
	if (format && strcmp(format, "yaml") == 0)
		yaml = 1;
	else if (format && strcmp(format, "json") == 0)
		json = 1;
	else if (format && strcmp(format, "ics") == 0)
		ics = 1;
	else if (format && strcmp(format, "text") != 0)
		return cmd_usage_error(self, _("--format must be text, yaml, json or ics"));
	if (args->argc > 1) {
		errmsg(_("unexpected argument '%s'"), args->argv[1]);
		cmd_usage(self, 1);
		return EX_USAGE;
	}
	struct filter f = { .ref = args->opt[O_REF], .company = args->opt[O_COMPANY],
			    .requester = args->opt[O_REQUESTER] };
	if (args->opt[O_SINCE]) {
		if (date_parse(args->opt[O_SINCE], &f.since) != 0)
			return cmd_usage_error(self, _("--since takes a date: YYYY-MM-DD"));
		f.has_since = 1;
	}
	if ((f.ref && !*f.ref) || (f.company && !*f.company) || (f.requester && !*f.requester))
		return cmd_usage_error(self, _("--ref, --company and --requester take a text that is not empty"));
	size_t cols = args->opt[O_WIDE] ? 0 : term_columns(stdout);
	const char *ref = args->argc ? args->argv[0] : NULL;
	if (ref && (due_only || ics))
		return cmd_usage_error(self, _("REF shows one case: not with --due or --format ics"));
	if (ref && filter_active(&f))
		return cmd_usage_error(self, _("REF shows one case: not with --ref, --company, --requester or --since"));
	struct caseio io;
	int rc = caseio_open(&io, ref, 0);
	if (rc || ref) {
		if (!rc)
			rc = show_case(&io, ref, yaml, json);
		caseio_close(&io);
		return rc;
	}
	/* the cases, then the rows */
	/* the pending entries first: the cases point into io.v, which grows */
	size_t nreal = io.n;
	add_pending(io.conf->journal, &io.v, &io.n);
	struct case_info *cs;
	size_t nc = case_build_all(io.v, nreal, io.rules, io.today, &cs);
	const struct case_info **sorted = case_sorted(cs, nc);
	struct row *rows = xcalloc(io.n + 1, sizeof *rows);
	size_t nr, noverdue = 0;
	if (due_only)
		nr = due_rows(&io, nreal, cs, nc, sorted, &f, rows, &noverdue);
	else
		nr = journal_rows(&io, sorted, nc, nreal, &f, rows);
	rc = print_listing(&io, ics ? LOG_ICS : yaml ? LOG_YAML : json ? LOG_JSON : LOG_TEXT, due_only, rows, nr,
			   cs, nc, sorted, &f, cols);
	for (size_t i = 0; i < nr; i++)
		free(rows[i].via);
	free(rows);
	for (size_t k = 0; k < nc; k++)
		case_free(&cs[k]);
	free(cs);
	free(sorted);
	caseio_close(&io);
	if (!rc && due_only && noverdue)
		rc = LOG_EXIT_OVERDUE;
	return rc;
}
