/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * deadline.h: when a company's answer is due.
 *
 * The rules come from DATA_DIR/data/deadlines.yaml (one per jurisdiction:
 * the period in months or days, whether the law sets it, the one extension
 * the law allows, what happens when the period ends on a Saturday, Sunday
 * or public holiday, the holidays with a source). The file's comments and
 * sources explain each rule; this module only counts.
 *
 * Counting:
 *   - The period runs from the day of receipt: the sending day for e-mail
 *     and web forms, the delivery day for post (case.c: the earliest
 *     channel's receipt counts).
 *   - A period of N months ends on the same day-number N months later, or
 *     on the last day of that month when it is shorter (31 January + 1 month
 *     = 28 or 29 February); a period of N days ends N days later.
 *   - An extension of E months makes the period N+E months from the same
 *     day of receipt (GDPR: "two further months"); it is granted once:
 *     deadline_due takes a flag, not a count.
 *   - end_rule next-working-day: a last day that is a Saturday, a Sunday or
 *     a listed holiday moves to the next day that is none of those.
 *
 * Ownership: a struct deadline_rules owns everything it points to; a rule
 * returned by deadline_rule_for is borrowed from it. Errors are sysexits
 * codes with *errstr ("FILE:LINE:COL: message") set only on failure.
 */
#ifndef OBJECTOR_DEADLINE_H
#define OBJECTOR_DEADLINE_H

#include <stddef.h>

#include "date.h"

enum deadline_end { DEADLINE_END_NONE, DEADLINE_END_NEXT_WORKING_DAY };

struct deadline_rule {
	const char *jurisdiction;	/* "eea", "uk", ... */
	int months, days;		/* exactly one is > 0 */
	int ext_months;			/* 0: no extension */
	int statutory;			/* 1: the law sets the period */
	enum deadline_end end;
	const char *basis;		/* "Article 12(3) GDPR" */
	const char *ext_basis;		/* NULL without extension */
	const char *end_basis;		/* NULL for DEADLINE_END_NONE */
	const struct date *holidays;	/* sorted, nholidays of them */
	size_t nholidays;
};

struct deadline_rules;

/* deadline_rules_load: read DATA_DIR/data/deadlines.yaml and check it
 * (known keys only, one rule per jurisdiction, every source id defined).
 * EX_DATAERR with a position, EX_SOFTWARE if the file is missing. */
int deadline_rules_load(const char *data_dir, struct deadline_rules **out, char **errstr);
/* deadline_rules_parse: the same from memory (name is used in messages). */
int deadline_rules_parse(const char *name, const char *text, size_t len,
			 struct deadline_rules **out, char **errstr);
void deadline_rules_free(struct deadline_rules *r);
/* deadline_rule_for: the rule of jurisdiction jur, or NULL. */
const struct deadline_rule *deadline_rule_for(const struct deadline_rules *r, const char *jur);

/* deadline_post_arrival: the day a letter posted on sent is likely to
 * arrive: the file's `post:` estimate in working days (Monday to Friday),
 * domestic or abroad. An estimate for the letter's wording, not a rule. */
struct date deadline_post_arrival(const struct deadline_rules *r, struct date sent, int abroad);
/* deadline_is_working_day: not a Saturday, a Sunday or one of r's holidays. */
int deadline_is_working_day(const struct deadline_rule *r, struct date d);
/* deadline_due: the last day for the answer to a letter received on
 * receipt; extended: the extension was claimed (ignored when the rule has
 * none: see deadline_can_extend). */
struct date deadline_due(const struct deadline_rule *r, struct date receipt, int extended);
/* deadline_can_extend: whether the rule allows an extension at all. */
int deadline_can_extend(const struct deadline_rule *r);

#endif
