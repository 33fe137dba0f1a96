/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * case.h: a case: one letter (its reference) and what happened after it,
 * read from the journal's entries.
 *
 * The journal (journal.h) holds one document per event. A document without
 * an "event" field is a submission of the letter (a journal written before
 * cases existed holds only those): status "sent" is one channel it went
 * through (e-mail, post, web form; one letter through several channels is
 * one case), anything else a failed attempt. Later events carry "event":
 *
 *   delivered   the posted letter arrived ("date"), or only its "tracking"
 *   reply       the company answered ("date" received, "outcome", "note",
 *               "attachments")
 *   reminder    a reminder was written or sent ("status" sent when sent)
 *   complaint   a complaint to an authority ("authority")
 *   closed      the person closed the case
 *
 * The due date is counted by deadline.h from the day of receipt: the
 * earliest of the channels' receipts (the sending day for e-mail and web
 * forms, the delivery day for post); a posted letter without a delivery
 * has no due date yet. A reply "extended" extends it once (when the law
 * allows it). Without a rule for the jurisdiction the due date the letter
 * was journaled with counts.
 *
 * Pure: no I/O, no clock (the caller passes today). A struct case_info
 * borrows the entries and the rules it was built from; case_free frees
 * only its own array.
 */
#ifndef OBJECTOR_CASE_H
#define OBJECTOR_CASE_H

#include <stddef.h>

#include "date.h"

struct jentry;
struct deadline_rules;
struct deadline_rule;

enum case_state {
	CASE_NOT_SENT,		/* only failed attempts */
	CASE_WAITING,		/* sent, the due date not passed (or not known) */
	CASE_OVERDUE,		/* sent, the due date passed without an answer */
	CASE_ANSWERED,		/* a final answer: complied, partial, refused */
	CASE_REMINDED,		/* a reminder went after the due date */
	CASE_COMPLAINED,	/* a complaint went to an authority */
	CASE_CLOSED,
};

/* The outcomes of a reply, as `reply --outcome` takes them. */
extern const char *const case_outcomes[];	/* NULL-terminated */
#define CASE_OUTCOMES "complied, partial, refused, extended, acknowledged"
/* case_outcome_valid: 1 when s is one of case_outcomes. */
int case_outcome_valid(const char *s);

struct case_info {
	const char *reference;
	const struct jentry **ev;	/* its entries, in journal order */
	size_t nev;
	const struct jentry *letter;	/* the first "sent" submission, or NULL */
	const char *jurisdiction, *controller, *controller_name;
	const struct deadline_rule *rule;	/* NULL: none for the jurisdiction */
	struct date sent;		/* the first sending day (letter != NULL) */
	int has_receipt;
	struct date receipt;
	int has_due;
	struct date due;
	long days_left;			/* due - today */
	int posted_undelivered;		/* only post, and no delivery recorded */
	const struct jentry *delivered;	/* the last delivery with a date, or NULL */
	const char *tracking;		/* the last tracking number, or NULL */
	const struct jentry *extended;	/* the reply that claimed the extension */
	const struct jentry *reply;	/* the last reply */
	const struct jentry *reminder, *complaint, *closed;	/* the last of each */
	enum case_state state;
	struct date today;		/* as given to case_build */
};

/* case_build: the case of reference in v (n entries); -1 when no entry
 * names it, else 0. rules may be NULL. */
int case_build(const struct jentry *v, size_t n, const char *reference,
	       const struct deadline_rules *rules, struct date today, struct case_info *out);
void case_free(struct case_info *c);

/* case_build_all: the cases of v, one a distinct reference, in order of
 * first appearance (each as case_build would make it), in O(n log n);
 * *out is the caller's (case_free each, then free); their number. */
size_t case_build_all(const struct jentry *v, size_t n, const struct deadline_rules *rules,
		      struct date today, struct case_info **out);
/* case_sorted: pointers to the n cases of cs sorted by reference, for
 * case_find (the caller's to free). */
const struct case_info **case_sorted(const struct case_info *cs, size_t n);
/* case_find: the case of ref in sorted (case_sorted), or NULL. */
const struct case_info *case_find(const struct case_info *const *sorted, size_t n, const char *ref);

/* case_state_name: "waiting", "overdue", "answered", ... */
const char *case_state_name(enum case_state s);
/* case_state_text: one line: "OVERDUE by 16 days", "answered: refused",
 * "waiting, 3 days left (extended)"; in the interface language when tr,
 * else in English. Caller frees. */
char *case_state_text(const struct case_info *c, int tr);
/* case_is_overdue: the company owes an answer and its due date passed
 * (overdue; or reminded and the reminder's new deadline passed). */
int case_is_overdue(const struct case_info *c);
/* case_event_day: the day of an entry: its "date", else the day of its
 * "time" (UTC); -1 when neither reads. */
int case_event_day(const struct jentry *e, struct date *out);
/* case_kind: what an entry is: "sent", "failed", or its event. */
const char *case_kind(const struct jentry *e);
/* case_next_step: what the person can do next, one line with the command,
 * or NULL; in the interface language when tr, else in English. Caller
 * frees. */
char *case_next_step(const struct case_info *c, int tr);

#endif
