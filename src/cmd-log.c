/*
 * cmd-log.c: `objector log`: the journal as a table (or YAML for scripts),
 * with the answers that are due and those that are overdue. "Today" is
 * date_today(), so OBJECTOR_TODAY makes the output reproducible.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "buf.h"
#include "cmd.h"
#include "conf.h"
#include "date.h"
#include "diag.h"
#include "journal.h"
#include "term.h"
#include "xalloc.h"
#include "ydoc.h"

struct row {
	const struct jentry *e;
	int has_due;
	struct date due;
	long days_left;		/* due - today */
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
	return strcmp(e->status, "sending") == 0 || strcmp(e->status, "unknown") == 0;
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
	if (!r->has_due)
		return xstrdup("sent");
	if (r->days_left < 0)
		return xasprintf("OVERDUE by %ld day%s", -r->days_left, r->days_left == -1 ? "" : "s");
	if (r->days_left == 0)
		return xstrdup("due today");
	return xasprintf("waiting, %ld day%s left", r->days_left, r->days_left == 1 ? "" : "s");
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
		const char *c[6] = { "", e->reference, e->controller ? e->controller : "-",
				     e->method ? e->method : "-", e->recipient ? e->recipient : "-",
				     e->due && is_sent(e) ? e->due : "-" };
		for (int k = 1; k < 6; k++)
			if (width(c[k]) > w[k])
				w[k] = width(c[k]);
	}
	w[0] = 10;
	for (int k = 0; k < 6; k++)
		cell(head[k], w[k]);
	puts(head[6]);
	size_t waiting = 0, overdue = 0, failed = 0, unsettled = 0;
	for (size_t i = 0; i < n; i++) {
		const struct jentry *e = rows[i].e;
		char date[11] = "-";
		if (e->time)
			snprintf(date, sizeof date, "%.10s", e->time);
		cell(date, w[0]);
		cell(e->reference, w[1]);
		cell(e->controller ? e->controller : "-", w[2]);
		cell(e->method ? e->method : "-", w[3]);
		cell(e->recipient ? e->recipient : "-", w[4]);
		cell(e->due && is_sent(e) ? e->due : "-", w[5]);
		char *st = state(&rows[i]);
		puts(st);
		free(st);
		if (is_unsettled(e))
			unsettled++;
		else if (!is_sent(e))
			failed++;
		else if (rows[i].has_due) {
			waiting++;
			overdue += rows[i].days_left < 0;
		}
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

static int print_yaml(const struct row *rows, size_t n)
{
	struct ynode *seq = ynode_new_seq();
	for (size_t i = 0; i < n; i++) {
		const struct jentry *e = rows[i].e;
		struct ynode *m = ynode_seq_add(seq, ynode_new_map());
		for (unsigned k = 0; k < journal_nfields; k++)
			if (journal_field(e, k))
				ynode_map_adds(m, journal_field_name(k), journal_field(e, k));
		if (is_sent(e) && rows[i].has_due) {
			char num[32];
			snprintf(num, sizeof num, "%ld", rows[i].days_left);
			ynode_map_add(m, "days_left", ynode_new_plain(num));
			ynode_map_add(m, "overdue", ynode_new_plain(rows[i].days_left < 0 ? "true" : "false"));
		}
	}
	struct buf b = BUF_INIT;
	char *err = NULL;
	int rc = ydoc_emit(seq, &b, &err);
	ynode_free(seq);
	if (rc) {
		errmsg("%s", err);
		free(err);
	} else {
		fwrite(b.data, 1, b.len, stdout);
	}
	buf_free(&b);
	return rc;
}

/* by_key: entries by reference, recipient, then position in the journal. */
static const struct jentry *key_base;
static int by_key(const void *pa, const void *pb)
{
	const struct jentry *a = &key_base[*(const size_t *)pa], *b = &key_base[*(const size_t *)pb];
	int c = strcmp(a->reference, b->reference);
	if (!c)
		c = strcmp(a->recipient ? a->recipient : "", b->recipient ? b->recipient : "");
	return c ? c : (a < b ? -1 : a > b);
}

/* mark_latest: latest[i] = 1 when v[i] is the last "sent" (or unsettled:
 * interrupted, unknown) entry for its reference and recipient (a letter
 * sent again replaces the earlier one). */
static char *mark_latest(const struct jentry *v, size_t n)
{
	char *latest = xcalloc(n ? n : 1, 1);
	size_t *ix = xcalloc(n ? n : 1, sizeof *ix), m = 0;
	for (size_t i = 0; i < n; i++)
		if (is_sent(&v[i]) || is_unsettled(&v[i]))
			ix[m++] = i;
	key_base = v;
	qsort(ix, m, sizeof *ix, by_key);
	for (size_t k = 0; k < m; k++) {
		const struct jentry *a = &v[ix[k]], *b = k + 1 < m ? &v[ix[k + 1]] : NULL;
		latest[ix[k]] = !b || strcmp(a->reference, b->reference) != 0 ||
				strcmp(a->recipient ? a->recipient : "", b->recipient ? b->recipient : "") != 0;
	}
	free(ix);
	return latest;
}

static int by_due(const void *pa, const void *pb)
{
	const struct row *a = pa, *b = pb;
	int c = date_cmp(a->due, b->due);
	return c ? c : (a->e < b->e ? -1 : a->e > b->e);
}

/* read_entries: the journal's entries, then the pending sends (stopped
 * half-way) as entries of their own, but for the marker an "unknown" entry
 * keeps (that entry shows it); 0 or an exit code, message printed. */
static int read_entries(const char *path, struct jentry **out, size_t *nout)
{
	struct journal *j;
	struct jentry *v = NULL;
	size_t n = 0;
	char *err = NULL;
	int rc = journal_open(path, 0, &j, &err);
	if (!rc) {
		rc = journal_read(j, &v, &n, &err);
		int torn_line, torn = rc ? 0 : journal_torn(j, &torn_line);
		if (torn)
			errmsg("warning: %s:%d: %d entr%s cut short by a crash skipped", path,
			       torn_line, torn, torn == 1 ? "y" : "ies");
		journal_close(j);
	}
	if (rc) {
		errmsg("%s", err);
		free(err);
		return rc;
	}
	struct jentry *pv = NULL;
	size_t pn = 0;
	journal_pending_list(path, &pv, &pn);
	if (pn) {
		v = xreallocarray(v, n + pn, sizeof *v);
		size_t n0 = n;
		for (size_t i = 0; i < pn; i++) {
			/* the marker of an "unknown" entry: that entry shows it */
			int dup = 0;
			for (size_t k = 0; k < n0 && pv[i].message_id && !dup; k++)
				dup = v[k].message_id && strcmp(v[k].message_id, pv[i].message_id) == 0;
			if (dup)
				jentry_clear(&pv[i]);
			else
				v[n++] = pv[i];
		}
		free(pv);
	}
	*out = v;
	*nout = n;
	return 0;
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
	.args = "[--due] [--format text|yaml]",
	.summary = "show the journal: what was sent, when, and when the answer is due",
	.help = "      --due             only submissions still waiting for an answer\n"
		"  -f, --format FORMAT   text (default) or yaml\n"
		CMD_COMMON_HELP,
	.opts = opts,
	.exec = log_exec,
};

static int log_exec(const struct cmd_entry *self, const struct cmd_args *args)
{
	int due_only = args->opt[O_DUE] != NULL, yaml = 0;
	const char *format = args->opt[O_FORMAT];
	if (format && strcmp(format, "yaml") == 0)
		yaml = 1;
	else if (format && strcmp(format, "text") != 0)
		return cmd_usage_error(self, "--format must be text or yaml");
	if (args->argc > 0) {
		errmsg("unexpected argument '%s'", args->argv[0]);
		cmd_usage(self, 1);
		return EX_USAGE;
	}
	struct conf *conf;
	char *err = NULL;
	int rc = conf_load(app.config_path, &conf, &err);
	if (rc) {
		errmsg("%s", err);
		free(err);
		return rc;
	}
	struct jentry *v = NULL;
	size_t n = 0;
	rc = read_entries(conf->journal, &v, &n);
	if (rc) {
		conf_free(conf);
		return rc;
	}
	struct date today;
	date_today(&today);
	struct row *rows = xcalloc(n ? n : 1, sizeof *rows);
	size_t nr = 0;
	char *latest = due_only ? mark_latest(v, n) : NULL;
	for (size_t i = 0; i < n; i++) {
		struct row r = { &v[i], 0, { 0, 0, 0 }, 0 };
		if (v[i].due && date_parse(v[i].due, &r.due) == 0) {
			r.has_due = 1;
			r.days_left = date_days_between(today, r.due);
		}
		if (due_only) {
			/* still waiting: sent, with a due date, and not sent again later
			 * (a later entry for the same reference and recipient replaces it);
			 * or its outcome is not known: that needs a look first */
			if (!latest[i] || !(is_unsettled(&v[i]) || (is_sent(&v[i]) && r.has_due)))
				continue;
		}
		rows[nr++] = r;
	}
	if (due_only)
		qsort(rows, nr, sizeof *rows, by_due);
	if (yaml)
		rc = print_yaml(rows, nr);
	else if (nr == 0)
		printf(due_only ? "nothing is waiting for an answer\n"
				: "no submissions in the journal yet (%s)\n", conf->journal);
	else
		print_text(rows, nr, due_only);
	free(rows);
	free(latest);
	jentries_free(v, n);
	conf_free(conf);
	return rc;
}
