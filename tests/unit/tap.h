/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * tap.h: a tiny TAP producer for unit tests (header-only).
 *
 *   ok(cond, "name %d", i);  is_str(got, want, "name");  is_int(got, want, "name");
 *   return done_testing();
 */
#ifndef OBJECTOR_TAP_H
#define OBJECTOR_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

__attribute__((format(printf, 2, 3), unused))
static int ok(int cond, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	printf("%s %d - ", cond ? "ok" : "not ok", ++tap_n);
	vprintf(fmt, ap);
	putchar('\n');
	va_end(ap);
	if (!cond)
		tap_failed++;
	fflush(stdout);
	return cond;
}

__attribute__((unused))
static int is_str(const char *got, const char *want, const char *name)
{
	int c = (got == NULL && want == NULL) || (got && want && strcmp(got, want) == 0);
	ok(c, "%s", name);
	if (!c)
		printf("#   got:  \"%s\"\n#   want: \"%s\"\n", got ? got : "(null)", want ? want : "(null)");
	return c;
}

__attribute__((unused))
static int is_int(long got, long want, const char *name)
{
	int c = got == want;
	ok(c, "%s", name);
	if (!c)
		printf("#   got:  %ld\n#   want: %ld\n", got, want);
	return c;
}

__attribute__((unused))
static int done_testing(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif
