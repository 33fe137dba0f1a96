/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-deadline.c: unit tests of due dates (src/deadline.c) against the real
 * rules in data/deadlines.yaml, and of the rules file's checks. Expected
 * dates were worked out by hand and checked with Python's datetime. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "deadline.h"
#include "tap.h"

static const char *iso(struct date d)
{
	static char s[4][11];
	static int i;
	i = (i + 1) % 4;
	date_iso(d, s[i]);
	return s[i];
}

static struct date D(const char *s)
{
	struct date d = { 0, 0, 0 };
	if (date_parse(s, &d) != 0)
		printf("# bad date in test: %s\n", s);
	return d;
}

/* GDPR / UK GDPR: one month (same day-number or the month's last day), then
 * Saturday/Sunday -> Monday; extended: three months from receipt. */
static const struct {
	const char *receipt, *due, *due_ext, *why;
} months[] = {
	{ "2026-01-31", "2026-03-02", "2026-04-30", "31 Jan (Sat) -> 28 Feb is a Saturday -> Mon 2 Mar" },
	{ "2024-01-31", "2024-02-29", "2024-04-30", "leap year: 31 Jan -> 29 Feb (Thu)" },
	{ "2024-01-30", "2024-02-29", "2024-04-30", "leap year: 30 Jan -> 29 Feb" },
	{ "2023-01-29", "2023-02-28", "2023-05-01", "29 Jan 2023 -> 28 Feb; extended 29 Apr (Sat) -> Mon 1 May" },
	{ "2026-01-29", "2026-03-02", "2026-04-29", "29 Jan 2026 -> 28 Feb (Sat) -> Mon 2 Mar" },
	{ "2026-03-31", "2026-04-30", "2026-06-30", "31 Mar -> 30 Apr" },
	{ "2026-05-31", "2026-06-30", "2026-08-31", "31 May -> 30 Jun" },
	{ "2026-08-31", "2026-09-30", "2026-11-30", "31 Aug -> 30 Sep" },
	{ "2026-10-31", "2026-11-30", "2027-02-01", "31 Oct -> 30 Nov; extended 31 Jan (Sun) -> 1 Feb" },
	{ "2026-12-31", "2027-02-01", "2027-03-31", "31 Dec -> 31 Jan 2027 (Sun) -> 1 Feb, across the year" },
	{ "2027-01-31", "2027-03-01", "2027-04-30", "31 Jan 2027 -> 28 Feb (Sun) -> 1 Mar" },
	{ "2028-01-31", "2028-02-29", "2028-05-01", "leap 2028; extended 30 Apr (Sun) -> 1 May" },
	{ "2100-01-31", "2100-03-01", "2100-04-30", "2100 is no leap year: 28 Feb (Sun) -> 1 Mar" },
	{ "2000-01-31", "2000-02-29", "2000-05-01", "2000 is a leap year" },
	{ "2026-11-29", "2026-12-29", "2027-03-01", "29 Nov -> 29 Dec; extended 28 Feb 2027 (Sun) -> 1 Mar" },
	{ "2026-12-28", "2027-01-28", "2027-03-29", "extended 28 Mar (Sun) -> 29 Mar" },
	{ "2026-10-03", "2026-11-03", "2027-01-04", "received on a Saturday: counted all the same" },
	{ "2026-09-03", "2026-10-05", "2026-12-03", "ICO's example: 3 Sep -> 3 Oct (Sat) -> Mon 5 Oct" },
	{ "2026-06-30", "2026-07-30", "2026-09-30", "30 Jun -> 30 Jul (not the month's end)" },
	{ "2024-02-29", "2024-03-29", "2024-05-29", "29 Feb -> 29 Mar (not 31 Mar)" },
};

/* ch, ca, hk: 30 days, no weekend rule (the letter names the date itself). */
static const struct {
	const char *receipt, *due;
} days30[] = {
	{ "2026-01-31", "2026-03-02" },
	{ "2024-01-31", "2024-03-01" },
	{ "2026-12-31", "2027-01-30" },	/* a Saturday: stays */
	{ "2026-09-03", "2026-10-03" },	/* a Saturday: stays */
	{ "2024-02-29", "2024-03-30" },
};

static void test_rules_file(void)
{
	struct deadline_rules *rs = NULL;
	char *err = NULL;
	int rc = deadline_rules_load(ABS_TOP_SRCDIR, &rs, &err);
	if (!is_int(rc, 0, "data/deadlines.yaml loads"))
		printf("#   %s\n", err ? err : "");
	if (rc)
		exit(1);

	const char *jurs[] = { "uk", "eea", "ch", "ca", "hk" };
	for (size_t i = 0; i < sizeof jurs / sizeof *jurs; i++)
		ok(deadline_rule_for(rs, jurs[i]) != NULL, "a rule for %s", jurs[i]);
	ok(deadline_rule_for(rs, "us") == NULL, "no rule for us");
	ok(deadline_rule_for(rs, NULL) == NULL, "no rule for NULL");

	for (size_t k = 0; k < 2; k++) {
		const char *jur = k ? "uk" : "eea";
		const struct deadline_rule *r = deadline_rule_for(rs, jur);
		is_int(r->months, 1, "one month");
		is_int(r->statutory, 1, "statutory");
		ok(deadline_can_extend(r), "%s: may be extended", jur);
		is_int(r->ext_months, 2, "by two further months");
		is_int(r->end, DEADLINE_END_NEXT_WORKING_DAY, "a weekend moves the end");
		ok(r->end_basis && strstr(r->end_basis, k ? "ICO" : "1182/71"), "%s: end rule's basis", jur);
		for (size_t i = 0; i < sizeof months / sizeof *months; i++) {
			struct date rec = D(months[i].receipt);
			is_str(iso(deadline_due(r, rec, 0)), months[i].due, months[i].why);
			is_str(iso(deadline_due(r, rec, 1)), months[i].due_ext, months[i].why);
			ok(deadline_is_working_day(r, deadline_due(r, rec, 0)), "%s %s: due on a working day",
			   jur, months[i].receipt);
		}
	}
	for (size_t k = 2; k < 5; k++) {
		const struct deadline_rule *r = deadline_rule_for(rs, jurs[k]);
		is_int(r->days, 30, "30 days");
		is_int(r->statutory, 0, "asked for, not statutory");
		ok(!deadline_can_extend(r), "%s: no extension", jurs[k]);
		ok(r->basis && strstr(r->basis, "writer's request"), "%s: the data says it is a request", jurs[k]);
		is_int(r->end, DEADLINE_END_NONE, "no end rule");
		for (size_t i = 0; i < sizeof days30 / sizeof *days30; i++) {
			struct date rec = D(days30[i].receipt);
			is_str(iso(deadline_due(r, rec, 0)), days30[i].due, days30[i].receipt);
			is_str(iso(deadline_due(r, rec, 1)), days30[i].due, "extended: no further");
		}
	}
	deadline_rules_free(rs);
}

static void test_weekday(void)
{
	is_int(date_weekday(D("1970-01-01")), 4, "1 Jan 1970 was a Thursday");
	is_int(date_weekday(D("2026-11-29")), 7, "29 Nov 2026 is a Sunday");
	is_int(date_weekday(D("2026-11-30")), 1, "30 Nov 2026 is a Monday");
	is_int(date_weekday(D("2024-02-29")), 4, "29 Feb 2024 was a Thursday");
	is_int(date_weekday(D("1900-01-01")), 1, "1 Jan 1900 was a Monday");
	is_int(date_weekday(D("2000-01-01")), 6, "1 Jan 2000 was a Saturday");
}

#define RULE(extra)                                                                            \
	"rules:\n  - jurisdiction: eea\n    period: {months: 1}\n    statutory: true\n"            \
	"    basis: B\n    end_rule: next-working-day\n    end_rule_basis: E\n"                     \
	"    holidays: [2026-12-25, 2026-12-24]\n    sources: [s1]\n" extra                         \
	"sources:\n  - {id: s1, title: T, url: U, confidence: A, checked: 2026-11-30}\n"

static void test_parse(void)
{
	struct deadline_rules *rs = NULL;
	char *err = NULL;
	const char *good = RULE("");
	is_int(deadline_rules_parse("t.yaml", good, strlen(good), &rs, &err), 0, "a small file parses");
	const struct deadline_rule *r = deadline_rule_for(rs, "eea");
	is_int((long)r->nholidays, 2, "two holidays");
	ok(!deadline_is_working_day(r, D("2026-12-25")), "a listed holiday is no working day");
	ok(!deadline_is_working_day(r, D("2026-12-24")), "listed out of order, found");
	ok(deadline_is_working_day(r, D("2026-12-23")), "a Wednesday is one");
	/* 24 Nov 2026 + 1 month = Thu 24 Dec (holiday) -> Fri 25 Dec (holiday) -> Sat, Sun -> Mon 28 Dec */
	is_str(iso(deadline_due(r, D("2026-11-24"), 0)), "2026-12-28", "holidays and a weekend in a row");
	is_str(iso(deadline_due(r, D("2026-11-24"), 1)), "2026-12-28",
	       "no extension in the rule: the flag changes nothing");
	deadline_rules_free(rs);

	static const struct {
		const char *text, *err;
	} bad[] = {
		{ RULE("    colour: red\n"), "t.yaml:10:5: unknown key 'colour'" },
		{ "rules:\n  - jurisdiction: eea\n    period: {months: 1, days: 3}\nsources: []\n", "t.yaml:3:13: a period needs either 'months' or 'days'" },
		{ "rules:\n  - jurisdiction: eea\n    period: {months: 0}\nsources: []\n", "t.yaml:3:22: expected a whole number from 1 to 600" },
		{ "rules: []\nsources: []\nother: 1\n", "t.yaml:3:1: unknown key 'other'" },
		{ "- 1\n", "t.yaml:1:1: expected a mapping with 'rules' and 'sources'" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		err = NULL;
		rs = NULL;
		int rc = deadline_rules_parse("t.yaml", bad[i].text, strlen(bad[i].text), &rs, &err);
		is_int(rc, 65, "bad file refused");
		is_str(err, bad[i].err, bad[i].err);
		free(err);
		deadline_rules_free(rs);
	}
	const char *dup = RULE("  - {jurisdiction: eea, period: {days: 1}, statutory: false, basis: b,"
			       " end_rule: none, holidays: [], sources: [s1]}\n");
	err = NULL;
	is_int(deadline_rules_parse("t.yaml", dup, strlen(dup), &rs, &err), 65, "a second rule refused");
	ok(err && strstr(err, "a second rule for 'eea'"), "a second rule: message (%s)", err ? err : "");
	free(err);
	const char *nosrc = "rules:\n  - {jurisdiction: x, period: {days: 1}, statutory: false, basis: b,"
			    " end_rule: none, holidays: [], sources: [nope]}\nsources: []\n";
	err = NULL;
	is_int(deadline_rules_parse("t.yaml", nosrc, strlen(nosrc), &rs, &err), 65, "unknown source refused");
	ok(err && strstr(err, "unknown source 'nope'"), "unknown source: message (%s)", err ? err : "");
	free(err);
	const char *badend = "rules:\n  - {jurisdiction: x, period: {days: 1}, statutory: false, basis: b,"
			     " end_rule: sometimes, holidays: [], sources: [s1]}\nsources: []\n";
	err = NULL;
	is_int(deadline_rules_parse("t.yaml", badend, strlen(badend), &rs, &err), 65, "unknown end rule refused");
	ok(err && strstr(err, "end_rule must be next-working-day or none"), "end rule: message (%s)", err ? err : "");
	free(err);
	err = NULL;
	is_int(deadline_rules_load("/nonexistent", &rs, &err), 70, "missing file: an installation problem");
	free(err);
}

int main(void)
{
	test_weekday();
	test_rules_file();
	test_parse();
	return done_testing();
}
