/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * mail.h: an e-mail message (RFC 5322 + MIME) as exact bytes.
 *
 * A pure module: no I/O, no network. mail_build writes the whole message
 * that will be sent (and shown by --dry-run, saved by --eml and hashed for
 * the journal), so everything that looks at the message sees the same bytes:
 *
 *   multipart/mixed
 *     text/plain; charset=UTF-8, quoted-printable   the letter
 *     application/pdf, base64                       the PDF, as an attachment
 *
 * Every line ends in CRLF and holds at most 76 characters in the bodies and
 * 78 in the headers (998 is the hard limit of RFC 5322). Non-ASCII display
 * names and subjects are RFC 2047 encoded words ("=?UTF-8?B?...?="), a
 * non-ASCII file name an RFC 2231 parameter (filename*=UTF-8''...).
 *
 * Header injection: a value that would reach a header (addresses, names,
 * subject, file name, Message-ID, language) and holds CR, LF or another
 * control character, or is not valid UTF-8, is refused with EX_DATAERR; so
 * are a Message-ID, language or attachment type longer than 900 bytes (one
 * token, never folded) and a date outside the years 1900..9999.
 * Dot-stuffing is the transport's job (libcurl does it), not this module's.
 *
 * Status codes are sysexits values; *errstr is set only on failure.
 */
#ifndef OBJECTOR_MAIL_H
#define OBJECTOR_MAIL_H

#include <stddef.h>
#include <time.h>

struct buf;

/* An address: "Zoë Ł. <zoe@example.org>" or "zoe@example.org". */
struct mail_addr {
	char *name;	/* display name (UTF-8), or NULL */
	char *addr;	/* the addr-spec, ASCII: local@domain */
};

/* mail_addr_parse: parse and check one address (the addr-spec follows
 * valid.h's rule for an e-mail address, the one answers files follow).
 * EX_DATAERR with a message naming what is wrong; out is the caller's
 * (mail_addr_free). */
int mail_addr_parse(const char *s, struct mail_addr *out, char **errstr);
void mail_addr_free(struct mail_addr *a);
/* mail_addr_valid: whether s is a bare addr-spec mail_addr_parse accepts
 * (valid_email). */
int mail_addr_valid(const char *s);

struct mail_msg {
	const struct mail_addr *from;
	const struct mail_addr *to;
	const struct mail_addr *cc;	/* optional */
	const char *subject;		/* UTF-8 */
	const char *lang;		/* optional: Content-Language of the text */
	const char *body;		/* UTF-8 text with '\n' line ends */
	const void *attachment;		/* optional: the PDF */
	size_t attachment_len;
	const char *attachment_name;	/* UTF-8 file name, no directory */
	const char *attachment_type;	/* "application/pdf" */
	time_t date;			/* the Date: header, written in local time */
	const char *message_id;		/* "<id@domain>", or NULL: mail_build makes one */
	const char *boundary;		/* NULL: a random one (tests give their own) */
	const char *user_agent;		/* optional: "objector 0.1.0" */
};

/* mail_build: append the message to out. *message_id (if not NULL) gets
 * the Message-ID used, with its angle brackets (caller frees). */
int mail_build(const struct mail_msg *m, struct buf *out, char **message_id, char **errstr);

/* mail_message_id: a new unique "<random.time@domain>". */
char *mail_message_id(const char *domain);

/* Encoders, exposed for tests. Output lines end in CRLF. */
/* mail_qp: quoted-printable of UTF-8 text with '\n' (or "\r\n") line ends. */
void mail_qp(const char *text, size_t len, struct buf *out);
/* mail_base64: base64 in lines of 76 characters. */
void mail_base64(const void *data, size_t len, struct buf *out);

#endif
