/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * strv.h: a growable vector of owned strings.
 * A struct strv owns its strings and its array; strv_free releases both.
 */
#ifndef OBJECTOR_STRV_H
#define OBJECTOR_STRV_H

#include <stddef.h>

struct strv {
	char **v;
	size_t n;
};

#define STRV_INIT { NULL, 0 }

/* strv_push: append a copy of s. */
void strv_push(struct strv *sv, const char *s);
/* strv_take: append s itself (ownership passes to sv). */
void strv_take(struct strv *sv, char *s);
/* strv_join: an allocated string of the items joined by sep. */
char *strv_join(const struct strv *sv, const char *sep);
void strv_free(struct strv *sv);

#endif
