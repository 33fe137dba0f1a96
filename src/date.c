/* SPDX-License-Identifier: GPL-3.0-or-later */
/* date.c: calendar arithmetic; see date.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "date.h"

static int leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
	static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return m == 2 && leap(y) ? 29 : dm[m - 1];
}

int date_parse(const char *s, struct date *out)
{
	for (int i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return -1;
		} else if (s[i] < '0' || s[i] > '9') {
			return -1;
		}
	}
	if (s[10] != '\0')
		return -1;
	struct date d = {
		(s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0'),
		(s[5] - '0') * 10 + (s[6] - '0'),
		(s[8] - '0') * 10 + (s[9] - '0'),
	};
	if (d.y < 1900 || d.m < 1 || d.m > 12 || d.d < 1 || d.d > date_days_in_month(d.y, d.m))
		return -1;
	*out = d;
	return 0;
}

time_t date_now(void)
{
	const char *fixed = getenv("OBJECTOR_NOW");
	struct date d;
	int h, mi, s;
	char z;
	if (fixed && strlen(fixed) == 20 && fixed[10] == 'T') {
		char day[11];
		memcpy(day, fixed, 10);
		day[10] = '\0';
		if (date_parse(day, &d) == 0 && sscanf(fixed + 11, "%2d:%2d:%2d%c", &h, &mi, &s, &z) == 4 &&
		    z == 'Z' && h >= 0 && h < 24 && mi >= 0 && mi < 60 && s >= 0 && s < 60)
			return (time_t)(date_days_between((struct date){ 1970, 1, 1 }, d) * 86400L +
					h * 3600L + mi * 60L + s);
	}
	return time(NULL);
}

void date_today(struct date *out)
{
	const char *fixed = getenv("OBJECTOR_TODAY");
	if (fixed && date_parse(fixed, out) == 0)
		return;
	time_t now = date_now();
	struct tm tm;
	localtime_r(&now, &tm);
	out->y = tm.tm_year + 1900;
	out->m = tm.tm_mon + 1;
	out->d = tm.tm_mday;
}

/* Days since 1970-01-01 (proleptic Gregorian), after Howard Hinnant. */
static long to_days(struct date d)
{
	long y = d.y - (d.m <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (d.m + (d.m > 2 ? -3 : 9)) + 2) / 5 + d.d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static struct date from_days(long z)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	struct date d;
	d.d = (int)(doy - (153 * mp + 2) / 5 + 1);
	d.m = (int)(mp < 10 ? mp + 3 : mp - 9);
	d.y = (int)(y + (d.m <= 2));
	return d;
}

struct date date_add_days(struct date d, int n)
{
	return from_days(to_days(d) + n);
}

struct date date_add_months(struct date d, int n)
{
	int m0 = d.y * 12 + (d.m - 1) + n;
	struct date r = { m0 / 12, m0 % 12 + 1, d.d };
	int dim = date_days_in_month(r.y, r.m);
	if (r.d > dim)
		r.d = dim;
	return r;
}

int date_cmp(struct date a, struct date b)
{
	long x = to_days(a), y = to_days(b);
	return x < y ? -1 : x > y;
}

long date_days_between(struct date a, struct date b)
{
	return to_days(b) - to_days(a);
}

int date_weekday(struct date d)
{
	long z = to_days(d);	/* 1970-01-01 was a Thursday (4) */
	return (int)(((z % 7) + 7 + 3) % 7) + 1;
}

void date_iso(struct date d, char out[11])
{
	unsigned y = (unsigned)d.y % 10000u, m = (unsigned)d.m % 100u, dd = (unsigned)d.d % 100u;
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + dd / 10);
	out[9] = (char)('0' + dd % 10);
	out[10] = '\0';
}
