/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * xalloc.h: allocation that never returns NULL.
 *
 * Out of memory is fatal in one place (xalloc_die), so callers never check.
 * Everything returned is owned by the caller and released with free().
 */
#ifndef OBJECTOR_XALLOC_H
#define OBJECTOR_XALLOC_H

#include <stddef.h>
#include <stdarg.h>

void xalloc_die(void) __attribute__((noreturn));
void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
/* xreallocarray: like reallocarray(3), overflow is fatal too. */
void *xreallocarray(void *p, size_t nmemb, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* xstrdup_or_null: NULL stays NULL. */
char *xstrdup_or_null(const char *s);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* free_secret: overwrite n bytes (strlen+1 when n == 0) before free(); NULL is a no-op. */
void free_secret(char *s, size_t n);

#endif
