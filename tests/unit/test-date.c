/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-date.c: unit tests of calendar arithmetic. */
#include "config.h"

#include <stdlib.h>

#include "date.h"
#include "tap.h"

static const char *iso(struct date d)
{
	static char s[4][11];
	static int i;
	i = (i + 1) % 4;
	date_iso(d, s[i]);
	return s[i];
}

int main(void)
{
	struct date d;
	ok(date_parse("2026-11-29", &d) == 0, "parse a date");
	is_str(iso(d), "2026-11-29", "round trip");
	ok(date_parse("2026-02-29", &d) < 0, "29 February 2026 does not exist");
	ok(date_parse("2024-02-29", &d) == 0, "29 February 2024 exists");
	ok(date_parse("2026-13-01", &d) < 0, "month 13 refused");
	ok(date_parse("2026-1-01", &d) < 0, "short month refused");
	ok(date_parse("2026-01-011", &d) < 0, "trailing characters refused");
	ok(date_parse("", &d) < 0, "empty refused");

	date_parse("2026-01-31", &d);
	is_str(iso(date_add_months(d, 1)), "2026-02-28", "31 Jan + 1 month = 28 Feb");
	date_parse("2024-01-31", &d);
	is_str(iso(date_add_months(d, 1)), "2024-02-29", "leap year");
	date_parse("2026-11-29", &d);
	is_str(iso(date_add_months(d, 1)), "2026-12-29", "+1 month");
	is_str(iso(date_add_months(d, 2)), "2027-01-29", "+2 months across the year");
	is_str(iso(date_add_days(d, 30)), "2026-12-29", "+30 days");
	is_str(iso(date_add_days(d, 40)), "2027-01-08", "+40 days");
	struct date e;
	date_parse("2027-01-08", &e);
	is_int(date_days_between(d, e), 40, "days between");
	ok(date_cmp(d, e) < 0 && date_cmp(e, d) > 0 && date_cmp(d, d) == 0, "compare");

	setenv("OBJECTOR_TODAY", "2030-05-06", 1);
	date_today(&d);
	is_str(iso(d), "2030-05-06", "OBJECTOR_TODAY fixes today");
	return done_testing();
}
