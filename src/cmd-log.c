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
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "buf.h"
#include "case.h"
#include "caseio.h"
#include "cmd.h"
#include "conf.h"
#include "date.h"
#include "deadline.h"
#include "diag.h"
#include "ics.h"
#include "journal.h"
#include "term.h"
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

/* width: display columns of UTF-8 text (one per code point). */
static size_t width(const char *s)
{
	size_t w = 0;
	for (; *s; s++)
		w += ((unsigned char)*s & 0xC0) != 0x80;
	return w;
}

static void cell(const char *s, size_t w)
{
	fputs(s, stdout);
	for (size_t i = width(s); i < w + 2; i++)
		putchar(' ');
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
		return xstrdup("INTERRUPTED while sending: may have been sent (check your sent mail)");
	if (strcmp(e->status, "unknown") == 0)
		return xasprintf("UNKNOWN: may have been sent (check your sent mail)%s%s",
				 e->reason ? ": " : "", e->reason ? e->reason : "");
	if (!is_sent(e))
		return xasprintf("%s%s%s", e->status, e->reason ? ": " : "", e->reason ? e->reason : "");
	if (!r->c)
		return xstrdup("sent");
	return case_state_text(r->c);
}

static void due_cell(const struct row *r, char out[11])
{
	if (r->c && r->c->has_due && is_sent(r->e))
		date_iso(r->c->due, out);
	else
		strcpy(out, "-");
}

static void print_rows(const struct row *rows, size_t n, int due_only);

static void print_text(const struct row *rows, size_t n, int due_only)
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
	print_rows(r, n, due_only);
	free(r);
	jentries_free(safe, n);
}

static void print_rows(const struct row *rows, size_t n, int due_only)
{
	const char *head[] = { "DATE", "REFERENCE", "CONTROLLER", "VIA", "TO", "DUE", "STATUS" };
	size_t w[6];
	for (int k = 0; k < 6; k++)
		w[k] = strlen(head[k]);
	for (size_t i = 0; i < n; i++) {
		const struct jentry *e = rows[i].e;
		char due[11];
		due_cell(&rows[i], due);
		const char *c[6] = { "", e->reference, e->controller ? e->controller : "-",
				     rows[i].via ? rows[i].via : e->method ? e->method : "-",
				     e->recipient ? e->recipient : "-", due };
		for (int k = 1; k < 6; k++)
			if (width(c[k]) > w[k])
				w[k] = width(c[k]);
	}
	w[0] = 10;
	for (int k = 0; k < 6; k++)
		cell(head[k], w[k]);
	puts(head[6]);
	for (size_t i = 0; i < n; i++) {
		const struct jentry *e = rows[i].e;
		char date[11] = "-", due[11];
		if (e->time)
			snprintf(date, sizeof date, "%.10s", e->time);
		due_cell(&rows[i], due);
		cell(date, w[0]);
		cell(e->reference, w[1]);
		cell(e->controller ? e->controller : "-", w[2]);
		cell(rows[i].via ? rows[i].via : e->method ? e->method : "-", w[3]);
		cell(e->recipient ? e->recipient : "-", w[4]);
		cell(due, w[5]);
		char *st = state(&rows[i]), *safe = term_safe(st);
		puts(safe);
		free(safe);
		free(st);
	}
	(void)due_only;
}

/* summary: the footer, counted by case. */
static void summary(const struct row *rows, size_t n, const struct case_info *cs, size_t nc,
		    int due_only)
{
	size_t waiting = 0, overdue = 0, failed = 0, unsettled = 0;
	for (size_t i = 0; i < n; i++) {
		if (is_unsettled(rows[i].e))
			unsettled++;
		else if (!is_sent(rows[i].e))
			failed++;
	}
	for (size_t k = 0; k < nc; k++) {
		enum case_state s = cs[k].state;
		if (s == CASE_WAITING || s == CASE_OVERDUE || s == CASE_REMINDED)
			waiting++;
		overdue += case_is_overdue(&cs[k]);
	}
	char extra[64] = "";
	if (unsettled)
		snprintf(extra, sizeof extra, ", %zu that may have been sent (check)", unsettled);
	if (due_only)
		printf("\n%zu waiting for an answer, %zu overdue%s\n", waiting, overdue, extra);
	else
		printf("\n%zu submission%s, %zu waiting for an answer, %zu overdue, %zu failed attempt%s%s\n",
		       n - failed - unsettled, n - failed - unsettled == 1 ? "" : "s", waiting, overdue,
		       failed, failed == 1 ? "" : "s", extra);
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

/* add_pending: the pending sends (stopped half-way) as entries, except the
 * marker of an "unknown" entry: that entry shows it. */
static void add_pending(const char *path, struct jentry **v, size_t *n)
{
	struct jentry *pv = NULL;
	size_t pn = 0;
	journal_pending_list(path, &pv, &pn);
	if (pn) {
		*v = xreallocarray(*v, *n + pn, sizeof **v);
		size_t n0 = *n;
		for (size_t i = 0; i < pn; i++) {
			int dup = 0;
			for (size_t k = 0; k < n0 && pv[i].message_id && !dup; k++)
				dup = (*v)[k].message_id && strcmp((*v)[k].message_id, pv[i].message_id) == 0;
			if (dup)
				jentry_clear(&pv[i]);
			else
				(*v)[(*n)++] = pv[i];
		}
		free(pv);
	}
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
					buf_addc(&b, '+');
				buf_adds(&b, m[k]);
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
		term_printf(stdout, "  jurisdiction %s", c->jurisdiction);
	putchar('\n');
	char *st = case_state_text(c);
	term_printf(stdout, "state: %s\n", st);
	free(st);
	char iso[11], r[11];
	if (c->has_due) {
		date_iso(c->due, iso);
		if (c->rule && c->has_receipt) {
			date_iso(c->receipt, r);
			term_printf(stdout, "due:   %s (%s; counted from receipt on %s%s%s)\n", iso, c->rule->basis, r,
			       c->extended ? "; extended: " : "",
			       c->extended ? (c->rule->ext_basis ? c->rule->ext_basis : "extension") : "");
		} else {
			term_printf(stdout, "due:   %s\n", iso);
		}
	} else {
		term_printf(stdout, "due:   %s\n", c->posted_undelivered ? "counted from delivery (not recorded yet)"
							: "-");
	}
	term_printf(stdout, "timeline:\n");
	for (size_t i = 0; i < c->nev; i++) {
		const struct jentry *e = c->ev[i];
		struct date d;
		char day[11] = "?";
		if (case_event_day(e, &d) == 0)
			date_iso(d, day);
		const char *k = case_kind(e);
		term_printf(stdout, "  %s  ", day);
		if (!e->event) {
			term_printf(stdout, "%s by %s to %s", strcmp(k, "sent") == 0 ? "sent" : "FAILED",
			       e->method ? e->method : "?", e->recipient ? e->recipient : "?");
			if (e->reason)
				term_printf(stdout, ": %s", e->reason);
		} else if (strcmp(k, "delivered") == 0) {
			term_printf(stdout, e->date ? "delivered" : "tracking number recorded");
		} else if (strcmp(k, "reply") == 0) {
			term_printf(stdout, "reply: %s", e->outcome ? e->outcome : "?");
		} else if (strcmp(k, "reminder") == 0 || strcmp(k, "complaint") == 0) {
			term_printf(stdout, "%s %s", k, e->status && strcmp(e->status, "sent") == 0 ? "sent" : "written");
			if (e->authority)
				term_printf(stdout, " to %s", e->authority);
			if (e->method && e->recipient)
				term_printf(stdout, " by %s to %s", e->method, e->recipient);
			if (e->due && strcmp(k, "reminder") == 0)
				term_printf(stdout, ", new deadline %s", e->due);
		} else {
			term_printf(stdout, "%s", k);
		}
		putchar('\n');
		if (e->tracking)
			term_printf(stdout, "              tracking: %s\n", e->tracking);
		if (e->message_id)
			term_printf(stdout, "              Message-ID: %s\n", e->message_id);
		if (e->reply)
			term_printf(stdout, "              server: %s\n", e->reply);
		if (e->pdf)
			term_printf(stdout, "              PDF: %s\n", e->pdf);
		if (e->sha256)
			term_printf(stdout, "              SHA-256: %s\n", e->sha256);
		if (e->eml)
			term_printf(stdout, "              message: %s\n", e->eml);
		if (e->attachments)
			term_printf(stdout, "              files: %s\n", e->attachments);
		if (e->note)
			term_printf(stdout, "              note: %s\n", e->note);
	}
	char *next = case_next_step(c);
	if (next)
		term_printf(stdout, "next: %s\n", next);
	free(next);
}

/* print_ics: one event per case with a due date (not closed). */
static int print_ics(const struct case_info *cs, size_t nc)
{
	struct ics_event *ev = xcalloc(nc ? nc : 1, sizeof *ev);
	char **desc = xcalloc(nc ? nc : 1, sizeof *desc);
	size_t m = 0;
	for (size_t k = 0; k < nc; k++) {
		const struct case_info *c = &cs[k];
		if (!c->has_due || c->state == CASE_NOT_SENT || c->state == CASE_CLOSED)
			continue;
		char *st = case_state_text(c), *next = case_next_step(c);
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

enum { O_DUE, O_FORMAT };
static const struct cmd_opt opts[] = {
	[O_DUE] = { "due", 0, CMD_FLAG },
	[O_FORMAT] = { "format", 'f', CMD_ARG },
	{ NULL, 0, 0 },
};

static int log_exec(const struct cmd_entry *self, const struct cmd_args *args);

const struct cmd_entry cmd_log_entry = {
	.name = "log",
	.args = "[REF] [--due] [--format text|yaml|ics]",
	.summary = "show the journal: what was sent, when, and when the answer is due",
	.help = "  REF                   one case: its timeline, due date, state and next step\n"
		"      --due             only the cases still waiting for an answer; exits 1 when\n"
		"                        one is overdue, 0 when none is (for cron or a systemd timer)\n"
		"  -f, --format FORMAT   text (default), yaml, or ics (the due dates as an\n"
		"                        iCalendar file: one event per case, an alarm the day before)\n"
		CMD_COMMON_HELP,
	.opts = opts,
	.exec = log_exec,
};

static int log_exec(const struct cmd_entry *self, const struct cmd_args *args)
{
	int due_only = args->opt[O_DUE] != NULL, yaml = 0, ics = 0;
	const char *format = args->opt[O_FORMAT];
	if (format && strcmp(format, "yaml") == 0)
		yaml = 1;
	else if (format && strcmp(format, "ics") == 0)
		ics = 1;
	else if (format && strcmp(format, "text") != 0)
		return cmd_usage_error(self, "--format must be text, yaml or ics");
	if (args->argc > 1) {
		errmsg("unexpected argument '%s'", args->argv[1]);
		cmd_usage(self, 1);
		return EX_USAGE;
	}
	const char *ref = args->argc ? args->argv[0] : NULL;
	if (ref && (due_only || ics))
		return cmd_usage_error(self, "REF shows one case: not with --due or --format ics");
	struct caseio io;
	int rc = caseio_open(&io, ref, 0);
	if (rc) {
		caseio_close(&io);
		return rc;
	}
	if (ref) {
		if (yaml) {
			struct ynode *m = ynode_new_map();
			ynode_map_adds(m, "reference", ref);
			yaml_case(m, &io.c);
			struct ynode *seq = ynode_map_add(m, "events", ynode_new_seq());
			for (size_t i = 0; i < io.c.nev; i++)
				yaml_entry(ynode_seq_add(seq, ynode_new_map()), io.c.ev[i]);
			rc = emit_yaml(m);
		} else {
			print_timeline(&io);
		}
		caseio_close(&io);
		return rc;
	}
	/* the cases, then the rows */
	const char **refs;
	size_t nc = case_references(io.v, io.n, &refs);
	struct case_info *cs = xcalloc(nc ? nc : 1, sizeof *cs);
	for (size_t k = 0; k < nc; k++)
		case_build(io.v, io.n, refs[k], io.rules, io.today, &cs[k]);
	size_t nreal = io.n;
	add_pending(io.conf->journal, &io.v, &io.n);
	struct row *rows = xcalloc(io.n + 1, sizeof *rows);
	size_t nr = 0, noverdue = 0;
	if (due_only) {
		for (size_t k = 0; k < nc; k++) {
			enum case_state s = cs[k].state;
			noverdue += case_is_overdue(&cs[k]);
			if (!cs[k].has_due || !(s == CASE_WAITING || s == CASE_OVERDUE || s == CASE_REMINDED))
				continue;
			rows[nr++] = (struct row){ cs[k].letter, &cs[k], channels(&cs[k]) };
		}
		qsort(rows, nr, sizeof *rows, by_due);
		/* an outcome not known needs a look first: the last such entry of
		 * its letter and recipient, unless sent after */
		for (size_t i = 0; i < io.n; i++) {
			const struct jentry *e = &io.v[i];
			if (!is_unsettled(e))
				continue;
			int later = 0;
			for (size_t k = i + 1; k < io.n && !later; k++)
				later = !io.v[k].event && strcmp(io.v[k].reference, e->reference) == 0 &&
					(is_sent(&io.v[k]) || is_unsettled(&io.v[k])) &&
					journal_same_recipient(io.v[k].recipient ? io.v[k].recipient : "",
							       e->recipient ? e->recipient : "");
			if (!later)
				rows[nr++] = (struct row){ e, NULL, NULL };
		}
	} else {
		for (size_t i = 0; i < io.n; i++) {
			if (io.v[i].event)
				continue;
			const struct case_info *c = NULL;
			for (size_t k = 0; i < nreal && k < nc; k++)
				if (strcmp(refs[k], io.v[i].reference) == 0)
					c = &cs[k];
			rows[nr++] = (struct row){ &io.v[i], c, NULL };
		}
	}
	if (ics)
		rc = print_ics(cs, nc);
	else if (yaml)
		rc = print_yaml(rows, nr);
	else if (nr == 0)
		printf(due_only ? "nothing is waiting for an answer\n"
				: "no submissions in the journal yet (%s)\n", io.conf->journal);
	else {
		print_text(rows, nr, due_only);
		summary(rows, nr, cs, nc, due_only);
	}
	for (size_t i = 0; i < nr; i++)
		free(rows[i].via);
	free(rows);
	for (size_t k = 0; k < nc; k++)
		case_free(&cs[k]);
	free(cs);
	free(refs);
	caseio_close(&io);
	if (!rc && due_only && noverdue)
		rc = LOG_EXIT_OVERDUE;
	return rc;
}
