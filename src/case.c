/* SPDX-License-Identifier: GPL-3.0-or-later */
/* case.c: a case from the journal's entries; see case.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case.h"
#include "deadline.h"
#include "i18n.h"
#include "journal.h"
#include "xalloc.h"

const char *const case_outcomes[] = { "complied", "partial", "refused", "extended", "acknowledged",
				      NULL };

int case_outcome_valid(const char *s)
{
	for (size_t i = 0; case_outcomes[i]; i++)
		if (strcmp(s, case_outcomes[i]) == 0)
			return 1;
	return 0;
}

static int is(const char *a, const char *b)
{
	return a && strcmp(a, b) == 0;
}

const char *case_kind(const struct jentry *e)
{
	if (e->event)
		return e->event;
	return is(e->status, "sent") ? "sent" : "failed";
}

int case_event_day(const struct jentry *e, struct date *out)
{
	if (e->date && date_parse(e->date, out) == 0)
		return 0;
	if (e->time && strlen(e->time) >= 10) {
		char d[11];
		memcpy(d, e->time, 10);
		d[10] = '\0';
		return date_parse(d, out);
	}
	return -1;
}

/* final: an outcome that ends what the company owes. */
static int final(const char *outcome)
{
	return is(outcome, "complied") || is(outcome, "partial") || is(outcome, "refused");
}

/* sent_again: a later "sent" submission of ev[i]'s letter by the same
 * channel to the same recipient (send --force) replaces it; ev are the
 * entries of one reference. */
static int sent_again(const struct jentry *const *ev, size_t n, size_t i)
{
	const struct jentry *e = ev[i];
	for (size_t k = i + 1; k < n; k++)
		if (!ev[k]->event && is(ev[k]->status, "sent") && is(ev[k]->method, e->method ? e->method : "") &&
		    is(ev[k]->recipient, e->recipient ? e->recipient : ""))
			return 1;
	return 0;
}

/* build: c's case from its entries c->ev (c->nev, in journal order), c's
 * reference and today set. */
static void build(const struct deadline_rules *rules, struct case_info *c)
{
	int has_email_receipt = 0, has_post = 0;
	struct date email_receipt = { 0, 0, 0 };
	const struct jentry *fallback_due = NULL;
	for (size_t i = 0; i < c->nev; i++) {
		const struct jentry *e = c->ev[i];
		if (!c->jurisdiction && e->jurisdiction)
			c->jurisdiction = e->jurisdiction;
		if (!c->controller && e->controller)
			c->controller = e->controller;
		if (!c->controller_name && e->controller_name)
			c->controller_name = e->controller_name;
		if (e->tracking)
			c->tracking = e->tracking;
		struct date day;
		int has_day = case_event_day(e, &day) == 0;
		if (!e->event) {
			if (!is(e->status, "sent") || !has_day)
				continue;
			if (!c->letter || date_cmp(day, c->sent) < 0)
				c->sent = day;
			if (!c->letter)
				c->letter = e;
			if (e->due)
				fallback_due = e;
			if (is(e->method, "post")) {
				has_post = 1;
			} else if (sent_again(c->ev, c->nev, i)) {
				continue;	/* the later sending counts */
			} else if (!has_email_receipt || date_cmp(day, email_receipt) < 0) {
				has_email_receipt = 1;
				email_receipt = day;
			}
		} else if (is(e->event, "delivered")) {
			if (e->date && has_day)
				c->delivered = e;
		} else if (is(e->event, "reply")) {
			c->reply = e;
			if (is(e->outcome, "extended") && !c->extended)
				c->extended = e;
		} else if (is(e->event, "reminder")) {
			c->reminder = e;
		} else if (is(e->event, "complaint")) {
			c->complaint = e;
		} else if (is(e->event, "closed")) {
			c->closed = e;
		}
	}
	if (c->jurisdiction)
		c->rule = rules ? deadline_rule_for(rules, c->jurisdiction) : NULL;
	/* receipt: the earliest of the channels' */
	if (has_email_receipt) {
		c->has_receipt = 1;
		c->receipt = email_receipt;
	}
	if (has_post && c->delivered) {
		struct date d;
		case_event_day(c->delivered, &d);
		if (!c->has_receipt || date_cmp(d, c->receipt) < 0)
			c->receipt = d;
		c->has_receipt = 1;
	}
	c->posted_undelivered = c->rule && c->letter && has_post && !has_email_receipt && !c->delivered;
	if (c->has_receipt && c->rule) {
		c->due = deadline_due(c->rule, c->receipt, c->extended != NULL);
		c->has_due = 1;
	} else if (c->letter && !c->rule && fallback_due &&
		   date_parse(fallback_due->due, &c->due) == 0) {
		c->has_due = 1;
	}
	if (c->has_due)
		c->days_left = date_days_between(c->today, c->due);
	if (!c->letter)
		c->state = CASE_NOT_SENT;
	else if (c->closed)
		c->state = CASE_CLOSED;
	else if (c->complaint)
		c->state = CASE_COMPLAINED;
	else if (c->reply && final(c->reply->outcome))
		c->state = CASE_ANSWERED;
	else if (c->reminder)
		c->state = CASE_REMINDED;
	else if (c->has_due && c->days_left < 0)
		c->state = CASE_OVERDUE;
	else
		c->state = CASE_WAITING;
}

int case_build(const struct jentry *v, size_t n, const char *reference,
	       const struct deadline_rules *rules, struct date today, struct case_info *c)
{
	memset(c, 0, sizeof *c);
	c->reference = reference;
	c->today = today;
	for (size_t i = 0; i < n; i++)
		if (is(v[i].reference, reference))
			c->nev++;
	if (!c->nev)
		return -1;
	c->ev = xcalloc(c->nev, sizeof *c->ev);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (is(v[i].reference, reference))
			c->ev[k++] = &v[i];
	build(rules, c);
	return 0;
}

/* by_ref: entries by reference, then by position (qsort). */
struct refpos {
	const char *ref;
	size_t i;
};
static int by_ref(const void *pa, const void *pb)
{
	const struct refpos *a = pa, *b = pb;
	int c = strcmp(a->ref, b->ref);
	return c ? c : (a->i < b->i ? -1 : a->i > b->i);
}

/* by_first: groups [start, end) of the sorted indices, by their first
 * entry's position. */
struct group {
	size_t first, start, end;
};
static int by_first(const void *pa, const void *pb)
{
	const struct group *a = pa, *b = pb;
	return a->first < b->first ? -1 : a->first > b->first;
}

/* groups: the entries of v that have a reference, grouped by reference
 * (*idx: indices sorted by reference then position; *out: the groups in
 * order of first appearance; both the caller's to free); their number. */
static size_t groups(const struct jentry *v, size_t n, size_t **idx, struct group **out)
{
	struct refpos *rp = xcalloc(n ? n : 1, sizeof *rp);
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (v[i].reference)
			rp[m++] = (struct refpos){ v[i].reference, i };
	qsort(rp, m, sizeof *rp, by_ref);
	size_t *ix = xcalloc(m ? m : 1, sizeof *ix);
	for (size_t i = 0; i < m; i++)
		ix[i] = rp[i].i;
	struct group *g = xcalloc(m ? m : 1, sizeof *g);
	size_t ng = 0;
	for (size_t i = 0; i < m; i++) {
		if (i && strcmp(rp[i].ref, rp[i - 1].ref) == 0) {
			g[ng - 1].end = i + 1;
			continue;
		}
		g[ng++] = (struct group){ ix[i], i, i + 1 };
	}
	free(rp);
	qsort(g, ng, sizeof *g, by_first);
	*idx = ix;
	*out = g;
	return ng;
}

size_t case_build_all(const struct jentry *v, size_t n, const struct deadline_rules *rules,
		      struct date today, struct case_info **out)
{
	size_t *ix;
	struct group *g;
	size_t ng = groups(v, n, &ix, &g);
	struct case_info *cs = xcalloc(ng ? ng : 1, sizeof *cs);
	for (size_t k = 0; k < ng; k++) {
		struct case_info *c = &cs[k];
		c->reference = v[g[k].first].reference;
		c->today = today;
		c->nev = g[k].end - g[k].start;
		c->ev = xcalloc(c->nev, sizeof *c->ev);
		for (size_t i = 0; i < c->nev; i++)
			c->ev[i] = &v[ix[g[k].start + i]];
		build(rules, c);
	}
	free(ix);
	free(g);
	*out = cs;
	return ng;
}

const struct case_info *case_find(const struct case_info *const *sorted, size_t n, const char *ref)
{
	size_t lo = 0, hi = n;
	if (!ref)
		return NULL;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(sorted[mid]->reference, ref);
		if (c == 0)
			return sorted[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static int by_case_ref(const void *pa, const void *pb)
{
	const struct case_info *const *a = pa, *const *b = pb;
	return strcmp((*a)->reference, (*b)->reference);
}

const struct case_info **case_sorted(const struct case_info *cs, size_t n)
{
	const struct case_info **s = xcalloc(n ? n : 1, sizeof *s);
	for (size_t k = 0; k < n; k++)
		s[k] = &cs[k];
	qsort(s, n, sizeof *s, by_case_ref);
	return s;
}

void case_free(struct case_info *c)
{
	free(c->ev);
	c->ev = NULL;
}

const char *case_state_name(enum case_state s)
{
	static const char *const names[] = { "not sent", "waiting", "overdue", "answered",
					     "reminded", "complained", "closed" };
	return names[s];
}

char *case_state_text(const struct case_info *c, int tr)
{
	switch (c->state) {
	case CASE_NOT_SENT:
		return xstrdup(i18n_in(tr, "not sent (failed)"));
	case CASE_CLOSED:
		return xstrdup(i18n_in(tr, "closed"));
	case CASE_COMPLAINED:
		if (c->complaint->authority)
			return xasprintf(i18n_in(tr, "complained to %s"), c->complaint->authority);
		return xstrdup(i18n_in(tr, "complained"));
	case CASE_ANSWERED:
		return xasprintf(i18n_in(tr, "answered: %s"), c->reply->outcome);
	case CASE_REMINDED: {
		struct date nd;
		if (!c->reminder->due || date_parse(c->reminder->due, &nd) != 0)
			return xstrdup(i18n_in(tr, "reminded"));
		if (date_cmp(nd, c->today) < 0)
			return xasprintf(i18n_in(tr, "reminded (new deadline %s, passed)"), c->reminder->due);
		return xasprintf(i18n_in(tr, "reminded (new deadline %s)"), c->reminder->due);
	}
	case CASE_OVERDUE: {
		long n = -c->days_left;
		unsigned long un = (unsigned long)n;
		if (c->extended)
			return xasprintf(i18n_nin(tr, "OVERDUE by %ld day (extended)",
						  "OVERDUE by %ld days (extended)", un), n);
		return xasprintf(i18n_nin(tr, "OVERDUE by %ld day", "OVERDUE by %ld days", un), n);
	}
	case CASE_WAITING:
		break;
	}
	if (c->posted_undelivered)
		return xasprintf(i18n_in(tr, "waiting (posted; the due date counts from delivery: "
				 "objector delivered %s --date DATE)"), c->reference);
	int ack = c->reply && is(c->reply->outcome, "acknowledged"), ext = !ack && c->extended;
	long n = c->days_left;
	unsigned long un = (unsigned long)n;
	if (!c->has_due)
		return xstrdup(ack ? i18n_in(tr, "waiting (acknowledged)")
			       : ext ? i18n_in(tr, "waiting (extended)")
				     : i18n_in(tr, "waiting"));
	if (n == 0)
		return xstrdup(ack ? i18n_in(tr, "waiting, due today (acknowledged)")
			       : ext ? i18n_in(tr, "waiting, due today (extended)")
				     : i18n_in(tr, "waiting, due today"));
	if (ack)
		return xasprintf(i18n_nin(tr, "waiting, %ld day left (acknowledged)",
					  "waiting, %ld days left (acknowledged)", un), n);
	if (ext)
		return xasprintf(i18n_nin(tr, "waiting, %ld day left (extended)",
					  "waiting, %ld days left (extended)", un), n);
	return xasprintf(i18n_nin(tr, "waiting, %ld day left", "waiting, %ld days left", un), n);
}

int case_is_overdue(const struct case_info *c)
{
	if (c->state == CASE_OVERDUE)
		return 1;
	struct date nd;
	return c->state == CASE_REMINDED && c->reminder->due &&
	       date_parse(c->reminder->due, &nd) == 0 && date_cmp(nd, c->today) < 0;
}

char *case_next_step(const struct case_info *c, int tr)
{
	const char *r = c->reference;
	switch (c->state) {
	case CASE_WAITING:
		if (c->posted_undelivered)
			return xasprintf(i18n_in(tr, "record the delivery: objector delivered %s --date DATE"), r);
		return xasprintf(i18n_in(tr, "record the answer when it comes: objector reply %s "
				 "--outcome OUTCOME"), r);
	case CASE_OVERDUE:
		return xasprintf(i18n_in(tr, "the answer is overdue: objector remind %s (a reminder with a "
				 "short new deadline), then objector complain %s"), r, r);
	case CASE_REMINDED:
		return xasprintf(i18n_in(tr, "if the new deadline passes: objector complain %s"), r);
	case CASE_ANSWERED:
		if (is(c->reply->outcome, "complied"))
			return NULL;
		return xasprintf(i18n_in(tr, "if the answer does not satisfy you: objector complain %s"), r);
	case CASE_COMPLAINED:
		return xasprintf(i18n_in(tr, "the evidence for the authority: objector dossier %s"), r);
	default:
		return NULL;
	}
}
