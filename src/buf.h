/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * buf.h: a growable byte buffer with a size limit.
 *
 * Invariants: data is never NULL and always NUL-terminated at data[len]
 * (an empty buffer points at a shared static ""); len < cap unless cap is 0.
 * A buffer never grows past max bytes (not counting the NUL): an append that
 * would is refused whole with -1 and the buffer is left as it was, so hostile
 * input fails cleanly instead of eating memory. buf_detach hands the memory
 * over to the caller (free() it) and leaves the buffer empty.
 */
#ifndef OBJECTOR_BUF_H
#define OBJECTOR_BUF_H

#include <stddef.h>
#include <stdarg.h>

struct buf {
	char *data;
	size_t len;
	size_t cap;
	size_t max;
};

#define BUF_DEFAULT_MAX ((size_t)64 << 20)	/* 64 MiB */
extern char buf_empty[];
#define BUF_INIT { buf_empty, 0, 0, BUF_DEFAULT_MAX }

/* buf_init: an empty buffer; max 0 means BUF_DEFAULT_MAX. */
void buf_init(struct buf *b, size_t max);
/* Appends: 0 on success, -1 if the result would exceed max (nothing appended).
 * The result must be looked at (as curl's dynbuf asks): a caller either
 * handles -1 or, where the text cannot reach the limit (small pieces into a
 * buffer without a tight max), says so with BUF_MUST, which treats -1 as a
 * bug: a message naming the place, and exit 70. */
#define BUF_WUR __attribute__((warn_unused_result))
int buf_add(struct buf *b, const void *p, size_t n) BUF_WUR;
int buf_adds(struct buf *b, const char *s) BUF_WUR;
int buf_addc(struct buf *b, int c) BUF_WUR;
int buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3))) BUF_WUR;
int buf_vprintf(struct buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0))) BUF_WUR;
#define BUF_MUST(call) buf_must((call), __FILE__, __LINE__)
void buf_must(int rc, const char *file, int line);
/* buf_expand: append tmpl with each "{name}" that kv names replaced by its
 * value. kv is NULL or a NULL-terminated list of pairs name, value (a NULL
 * value is ""); a "{name}" kv does not name, and a '{' without a '}', are
 * copied as they are. The one expander of the program's messages and date
 * formats (letters use tmpl.h). -1, with b as it was, past max. */
int buf_expand(struct buf *b, const char *tmpl, const char *const *kv) BUF_WUR;
/* buf_truncate: shorten to n bytes (n <= len). */
void buf_truncate(struct buf *b, size_t n);
/* buf_detach: the caller owns the returned NUL-terminated string; b is reset. */
char *buf_detach(struct buf *b, size_t *len);
/* buf_free: release the memory; b is reusable as an empty buffer. */
void buf_free(struct buf *b);

#endif
