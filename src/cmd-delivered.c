/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd-delivered.c: `objector delivered REF [--date DATE] [--tracking NUMBER]`:
 * a posted letter arrived (the answer is due counted from that day), or
 * only its tracking number, known later. One "delivered" event in the
 * journal (case.h); nothing is written when the command refuses.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "case.h"
#include "caseio.h"
#include "cmd.h"
#include "deadline.h"
#include "diag.h"
#include "i18n.h"
#include "journal.h"
#include "xalloc.h"

enum { O_DATE, O_TRACKING };
static const struct cmd_opt opts[] = {
	[O_DATE] = { "date", 'd', CMD_ARG },
	[O_TRACKING] = { "tracking", 't', CMD_ARG },
	{ NULL, 0, 0 },
};

static int delivered_exec(const struct cmd_entry *self, const struct cmd_args *args);

const struct cmd_entry cmd_delivered_entry = {
	.name = "delivered",
	.args = "REF [--date DATE] [--tracking NUMBER]",
	.summary = N_("record that a posted letter arrived (or its tracking number)"),
	.help = N_("  -d, --date DATE       the day it was delivered, YYYY-MM-DD (default: today,\n"
		"                        unless only --tracking is given); the answer is due\n"
		"                        counted from it\n"
		"  -t, --tracking NUMBER the postal tracking number\n"),
	.opts = opts,
	.exec = delivered_exec,
};

/* posted: the first posting of the case, or NULL. */
static const struct jentry *posted(const struct case_info *c)
{
	for (size_t i = 0; i < c->nev; i++) {
		const struct jentry *e = c->ev[i];
		if (!e->event && e->status && strcmp(e->status, "sent") == 0 && e->method &&
		    strcmp(e->method, "post") == 0)
			return e;
	}
	return NULL;
}

/* due_with: the case's due date once e is recorded, as case.h counts it
 * (the earliest receipt of its channels, the last delivery's for post);
 * 0 when it has none. */
static int due_with(const struct caseio *io, const struct jentry *e, struct date *due)
{
	struct jentry *v = xcalloc(io->c.nev + 1, sizeof *v);
	for (size_t i = 0; i < io->c.nev; i++)
		v[i] = *io->c.ev[i];	/* borrowed by the case, not owned */
	v[io->c.nev] = *e;
	struct case_info c;
	int has = case_build(v, io->c.nev + 1, io->c.reference, io->rules, io->today, &c) == 0 && c.has_due;
	*due = c.due;
	case_free(&c);
	free(v);
	return has;
}

static int delivered_exec(const struct cmd_entry *self, const struct cmd_args *args)
{
	if (args->argc != 1)
		return cmd_usage_error(self, args->argc ? "one reference only" : "which case? give its reference");
	const char *ref = args->argv[0], *tracking = args->opt[O_TRACKING];
	if (tracking && (!*tracking || strlen(tracking) > 64 || strpbrk(tracking, "\r\n\t"))) {
		errmsg(_("--tracking '%s': not a tracking number (1 to 64 characters on one line)"), tracking);
		return EX_USAGE;
	}
	struct caseio io;
	int rc = caseio_open(&io, ref, 1);
	if (rc)
		goto out;
	const struct jentry *p = posted(&io.c);
	if (!p) {
		errmsg(_("%s was not posted (send --via post): no delivery to record, nothing recorded"), ref);
		rc = EX_USAGE;
		goto out;
	}
	struct date sent, day = io.today;
	case_event_day(p, &sent);
	const char *date = args->opt[O_DATE];
	if (date && (rc = caseio_date_arg(&io, "date", date, sent, "the day it was posted", &day)))
		goto out;
	int with_date = date || !tracking;
	char iso[11];
	date_iso(day, iso);
	struct jentry e = {
		.reference = (char *)ref,
		.method = "post",
		.status = "recorded",
		.event = "delivered",
		.date = with_date ? iso : NULL,
		.tracking = (char *)tracking,
	};
	if ((rc = caseio_append(&io, &e)))
		goto out;
	if (with_date)
		printf("%s: delivered on %s", ref, iso);
	else
		printf("%s: tracking number %s", ref, tracking);
	if (with_date && tracking)
		printf(" (tracking %s)", tracking);
	putchar('\n');
	struct date due;
	if (with_date && io.c.rule && due_with(&io, &e, &due)) {
		date_iso(due, iso);
		printf("answer due by %s (%s)\n", iso, io.c.rule->basis);
	}
out:
	caseio_close(&io);
	return rc;
}
