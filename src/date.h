/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * date.h: calendar dates (no time, no time zone) for letters and deadlines.
 */
#ifndef OBJECTOR_DATE_H
#define OBJECTOR_DATE_H

#include <time.h>

struct date {
	int y, m, d;	/* 1-based month and day */
};

/* date_parse: strict "YYYY-MM-DD" that names a real day (1900..9999); 0 or -1. */
int date_parse(const char *s, struct date *out);
/* date_today: today in the local time zone (TZ), from date_now().
 * OBJECTOR_TODAY=YYYY-MM-DD overrides it, for tests and reproducible output. */
void date_today(struct date *out);
/* date_now: the current time: the one place objector reads the clock.
 * OBJECTOR_NOW=YYYY-MM-DDTHH:MM:SSZ (UTC) fixes it, for tests only (the
 * journal's times, today's date and the e-mail's Date then follow it). */
time_t date_now(void);
struct date date_add_days(struct date d, int n);
/* date_add_months: the same day n months later, or the last day of that
 * month when it is shorter (31 January + 1 month = 28/29 February). */
struct date date_add_months(struct date d, int n);
int date_cmp(struct date a, struct date b);
int date_days_in_month(int y, int m);
/* date_iso: "YYYY-MM-DD" into out (11 bytes). */
void date_iso(struct date d, char out[11]);
/* date_days_between: b - a in days. */
long date_days_between(struct date a, struct date b);
/* date_weekday: ISO 8601 day of the week, 1 = Monday ... 7 = Sunday. */
int date_weekday(struct date d);

#endif
