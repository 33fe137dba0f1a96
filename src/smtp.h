/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * smtp.h: sending message bytes over SMTP.
 *
 * The only module that includes <curl/curl.h>. A struct smtp is one
 * session: the first smtp_send connects (STARTTLS or implicit TLS unless
 * told otherwise, certificate verification always on, AUTH when a user name
 * is given) and later sends reuse the connection. The message is sent
 * exactly as given (mail.h builds it); libcurl does the dot-stuffing.
 *
 * Secrets: the password is handed to libcurl and never printed; the
 * protocol transcript is only kept in memory (the server's replies) and,
 * with OBJECTOR_SMTP_DEBUG set, printed to stderr with the AUTH exchange
 * replaced by "[redacted]".
 *
 * smtp_send returns one of enum smtp_status; *errstr is set on failure to a
 * message for people, *reply (on success and failure) to the server's last
 * relevant reply line ("250 2.0.0 Ok: queued as 4Xyz", "550 5.1.1 ...") or
 * NULL when the server said nothing useful. smtp_exitcode maps a status to
 * sysexits, in this one place.
 */
#ifndef OBJECTOR_SMTP_H
#define OBJECTOR_SMTP_H

#include <stddef.h>

enum smtp_security { SMTP_STARTTLS, SMTP_TLS, SMTP_PLAIN };

enum smtp_status {
	SMTP_OK = 0,
	SMTP_EREFUSED,	/* a 5xx reply: the server will not take it (EX_UNAVAILABLE) */
	SMTP_ETEMP,	/* 4xx, connection refused or lost, timeout (EX_TEMPFAIL) */
	SMTP_EAUTH,	/* authentication failed or impossible (EX_NOPERM) */
	SMTP_ETLS,	/* no STARTTLS, certificate not trusted, handshake failed (EX_UNAVAILABLE) */
	SMTP_ECONFIG,	/* e.g. an unreadable CA file (EX_CONFIG) */
	SMTP_EINTERNAL,	/* libcurl misbehaved (EX_SOFTWARE) */
	SMTP_EUNKNOWN,	/* the connection ended (closed, timed out) after the whole
			 * message and its final "." were handed over, before the
			 * server answered: it may have it (EX_TEMPFAIL; the caller
			 * must not treat it as not sent) */
};

struct smtp_opts {
	const char *host;
	int port;
	enum smtp_security security;
	const char *username;	/* NULL: no AUTH */
	const char *password;	/* copied by libcurl; the caller clears its own copy */
	const char *ca_file;	/* NULL: the system's CAs only */
	long timeout;		/* seconds for each reply (the greeting, EHLO, ...);
				 * the whole opening gets 8 times that */
};

struct smtp;

/* smtp_new: a client for o (it connects on the first smtp_send). NULL when
 * libcurl cannot be loaded: smtp_load_error() says why. */
struct smtp *smtp_new(const struct smtp_opts *o);
const char *smtp_load_error(void);
/* smtp_send: MAIL FROM from, RCPT TO each of rcpt[0..nrcpt), DATA msg. */
int smtp_send(struct smtp *s, const char *from, const char *const *rcpt, size_t nrcpt,
	      const char *msg, size_t len, char **reply, char **errstr);
/* smtp_free: say QUIT and close the connection (NULL is a no-op). */
void smtp_free(struct smtp *s);
int smtp_exitcode(int status);
/* smtp_rcpt_refusal: after smtp_send, the server's reply refusing rcpt[i]
 * (4xx or 5xx), or NULL when it was accepted (or not asked). With more than
 * one recipient a refusal of any but the first does not stop the message;
 * a refusal of the first always does. */
const char *smtp_rcpt_refusal(const struct smtp *s, size_t i);

/* smtp_probe: what `objector config test` does: connect as smtp_send
 * would (same TLS, verification and AUTH rules), authenticate when a user
 * name is given, then say NOOP and QUIT: no MAIL, no RCPT, no message.
 * Each step reached is reported as it happens by step(arg, line), a line
 * for people without a newline ("connected to HOST:PORT", "TLS: VERSION /
 * CIPHER", "server certificate verified ...", "AUTH mechanisms offered:
 * ...", "authenticated as USER"). Returns an enum smtp_status with *errstr
 * set on failure as smtp_send does (a wrong password is SMTP_EAUTH, no
 * STARTTLS SMTP_ETLS, unreachable SMTP_ETEMP); SMTP_EINTERNAL with
 * smtp_load_error() when libcurl cannot be loaded. */
int smtp_probe(const struct smtp_opts *o, void (*step)(void *arg, const char *line), void *arg,
	       char **errstr);

#endif
