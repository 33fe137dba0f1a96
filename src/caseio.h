/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * caseio.h: what the case commands (log REF, delivered, reply, remind,
 * complain, dossier) share: the configuration, the journal read (and for
 * those that record an event, kept locked until the event is appended),
 * the deadline rules, today, and the case of one reference.
 *
 * caseio_open prints its own errors (diag.h) and returns an exit code:
 * an unknown reference is EX_DATAERR naming it and the journal; a journal
 * that does not exist is never created by a refused command.
 *
 * Ownership: everything in a struct caseio is its own; caseio_close frees
 * it (and unlocks the journal).
 */
#ifndef OBJECTOR_CASEIO_H
#define OBJECTOR_CASEIO_H

#include <stddef.h>

#include "case.h"
#include "date.h"

struct conf;
struct journal;
struct jentry;
struct deadline_rules;

struct caseio {
	struct conf *conf;
	struct journal *j;		/* open (locked exclusively when for_write) */
	struct jentry *v;
	size_t n;
	struct deadline_rules *rules;
	struct date today;
	struct case_info c;		/* when a reference was given */
	int have_case;
};

/* caseio_open: load the configuration, the rules and the journal (for_write:
 * locked for an append); with reference, build its case. */
int caseio_open(struct caseio *io, const char *reference, int for_write);
void caseio_close(struct caseio *io);
/* caseio_append: append e (time set to now when NULL) and say nothing;
 * 0 or an exit code, message printed. */
int caseio_append(struct caseio *io, struct jentry *e);
/* caseio_state_dir: STATE/sub/REFERENCE, created 0700 (with STATE/sub);
 * NULL with a message printed on failure. Caller frees. */
char *caseio_case_dir(const struct caseio *io, const char *sub);
/* caseio_date_arg: parse an option's DATE (YYYY-MM-DD), refusing one before
 * not_before or after today, with the dates; 0 or EX_USAGE / EX_DATAERR. */
int caseio_date_arg(const struct caseio *io, const char *opt, const char *s, struct date not_before,
		    const char *not_before_what, struct date *out);

#endif
