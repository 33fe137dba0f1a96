/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * smtp.c: SMTP with libcurl; see smtp.h.
 *
 * libcurl reports the server's replies only to a debug callback, which runs
 * only with CURLOPT_VERBOSE: the callback keeps the last reply lines and
 * watches the commands going out (EHLO, AUTH) without ever printing them,
 * unless OBJECTOR_SMTP_DEBUG asks for a transcript (credentials redacted).
 * libcurl silently skips AUTH when the server advertises none: the read
 * callback refuses to hand over the message in that case, so an
 * unauthenticated message never leaves (the server sees DATA and a dropped
 * connection, which discards the transaction).
 *
 * libcurl is loaded with dlopen() the first time a connection is made, not
 * linked: its dependencies (two TLS stacks, Kerberos, LDAP, ...) cost about
 * 6 ms of start-up that every command would pay, while only `send` needs
 * it. The few functions used are looked up once into `lc`, and the names
 * below are mapped onto them.
 */
#include "config.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#define CURL_DISABLE_TYPECHECK 1
#include <curl/curl.h>

#include "i18n.h"
#include "buf.h"
#include "smtp.h"
#include "xalloc.h"

#ifndef CURL_SONAME
#define CURL_SONAME "libcurl.so.4"
#endif

static struct {
	CURLcode (*global_init)(long);
	CURL *(*easy_init)(void);
	CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
	CURLcode (*easy_perform)(CURL *);
	CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
	void (*easy_cleanup)(CURL *);
	const char *(*easy_strerror)(CURLcode);
	struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
	void (*slist_free_all)(struct curl_slist *);
} lc;

#undef curl_easy_setopt
#undef curl_easy_getinfo
#define curl_global_init lc.global_init
#define curl_easy_init lc.easy_init
#define curl_easy_setopt lc.easy_setopt
#define curl_easy_perform lc.easy_perform
#define curl_easy_getinfo lc.easy_getinfo
#define curl_easy_cleanup lc.easy_cleanup
#define curl_easy_strerror lc.easy_strerror
#define curl_slist_append lc.slist_append
#define curl_slist_free_all lc.slist_free_all

static char *load_error;

#define SMTP_OPENING_STEPS 8

/* load_curl: dlopen libcurl once and look up what smtp.c calls; 0 or -1
 * (load_error says why). */
static int load_curl(void)
{
	static int state;	/* 0 not tried, 1 loaded, -1 failed */
	if (state)
		return state > 0 ? 0 : -1;
	state = -1;
	void *h = dlopen(CURL_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		const char *e = dlerror();
		load_error = xasprintf(_("cannot load libcurl (%s): %s"), CURL_SONAME, e ? e : "not found");
		return -1;
	}
	struct { const char *name; void **slot; } fns[] = {
		{ "curl_global_init", (void **)&lc.global_init },
		{ "curl_easy_init", (void **)&lc.easy_init },
		{ "curl_easy_setopt", (void **)&lc.easy_setopt },
		{ "curl_easy_perform", (void **)&lc.easy_perform },
		{ "curl_easy_getinfo", (void **)&lc.easy_getinfo },
		{ "curl_easy_cleanup", (void **)&lc.easy_cleanup },
		{ "curl_easy_strerror", (void **)&lc.easy_strerror },
		{ "curl_slist_append", (void **)&lc.slist_append },
		{ "curl_slist_free_all", (void **)&lc.slist_free_all },
	};
	for (size_t i = 0; i < sizeof fns / sizeof *fns; i++) {
		*fns[i].slot = dlsym(h, fns[i].name);
		if (!*fns[i].slot) {
			load_error = xasprintf(_("cannot load libcurl (%s): no %s"), CURL_SONAME, fns[i].name);
			return -1;
		}
	}
	if (lc.global_init(CURL_GLOBAL_DEFAULT) != 0) {
		load_error = xasprintf(_("cannot initialise libcurl"));
		return -1;
	}
	state = 1;
	return 0;
}

const char *smtp_load_error(void)
{
	return load_error;
}


struct smtp {
	CURL *curl;
	struct smtp_opts o;		/* strings not owned; the password is not kept */
	char errbuf[CURL_ERROR_SIZE];
	int debug;
	/* per connection */
	int auth_sent;			/* an AUTH command went out since the last EHLO */
	int auth_offered;		/* the last EHLO reply advertised AUTH */
	int in_auth;			/* client lines are credentials until 235/4xx/5xx */
	/* per message */
	const char *msg;
	size_t len, off;
	int refused_noauth;		/* the read callback stopped the message */
	size_t nrcpt;			/* recipients of this message */
	size_t rcpt_sent;		/* RCPT commands gone out */
	int rcpt_waiting;		/* the next reply answers RCPT number rcpt_sent - 1 */
	char *rcpt_refusal[2];		/* the refusal of RCPT 0 (To) and 1 (Cc), or NULL */
	int to_refused;			/* the read callback stopped it: To was refused */
	int data_given;			/* the read callback handed over the end of the message */
	int reply_after_data;		/* and the server answered after that */
	char *last_reply;		/* the last reply line other than 221 */
	char *last_error;		/* the last 4xx/5xx reply line */
	struct buf partial;		/* an incoming line not yet complete */
};

static int is_reply(const char *l, size_t n)
{
	return n >= 3 && l[0] >= '2' && l[0] <= '5' && l[1] >= '0' && l[1] <= '9' && l[2] >= '0' &&
	       l[2] <= '9' && (n == 3 || l[3] == ' ' || l[3] == '-');
}

static void set_str(char **dst, const char *s, size_t n)
{
	free(*dst);
	*dst = xstrndup(s, n);
}

static void reply_line(struct smtp *s, const char *l, size_t n)
{
	if (s->debug)
		fprintf(stderr, "smtp< %.*s\n", (int)n, l);
	if (!is_reply(l, n))
		return;
	/* EHLO capabilities: "250-AUTH PLAIN LOGIN" or "250 AUTH ..." */
	if (l[0] == '2' && n >= 8 && (strncmp(l + 4, "AUTH ", 5) == 0 || strncmp(l + 4, "AUTH=", 5) == 0))
		s->auth_offered = 1;
	if (s->in_auth && (l[0] == '2' || l[0] == '4' || l[0] == '5'))
		s->in_auth = 0;
	if (n > 3 && l[3] == '-')
		return;	/* keep only the last line of a multi-line reply */
	if (s->data_given)
		s->reply_after_data = 1;
	if (s->rcpt_waiting) {
		s->rcpt_waiting = 0;
		size_t i = s->rcpt_sent - 1;
		if (i < 2 && l[0] != '2')
			set_str(&s->rcpt_refusal[i], l, n);
	}
	if (strncmp(l, "221", 3) != 0)
		set_str(&s->last_reply, l, n);
	if (l[0] == '4' || l[0] == '5')
		set_str(&s->last_error, l, n);
}

static void command_line(struct smtp *s, const char *l, size_t n)
{
	int secret = s->in_auth;
	if (n >= 4 && (strncmp(l, "EHLO", 4) == 0 || strncmp(l, "HELO", 4) == 0)) {
		s->auth_offered = 0;
		s->auth_sent = 0;
	} else if (n >= 8 && strncmp(l, "RCPT TO:", 8) == 0) {
		s->rcpt_sent++;
		s->rcpt_waiting = 1;
	} else if (n >= 5 && strncmp(l, "AUTH ", 5) == 0) {
		s->auth_sent = 1;
		s->in_auth = 1;
		secret = 1;
	}
	if (s->debug) {
		if (secret)
			fprintf(stderr, "smtp> %s[redacted]\n", strncmp(l, "AUTH ", 5) == 0 ? "AUTH " : "");
		else
			fprintf(stderr, "smtp> %.*s\n", (int)n, l);
	}
}

static int debug_cb(CURL *h, curl_infotype type, char *data, size_t size, void *arg)
{
	struct smtp *s = arg;
	(void)h;
	if (type == CURLINFO_HEADER_IN) {
		/* lines may arrive whole or in pieces: split at LF */
		for (size_t i = 0; i < size; i++) {
			if (data[i] == '\n') {
				size_t n = s->partial.len;
				if (n && s->partial.data[n - 1] == '\r')
					n--;
				reply_line(s, s->partial.data, n);
				buf_truncate(&s->partial, 0);
			} else if (buf_addc(&s->partial, data[i]) < 0) {
				buf_truncate(&s->partial, 0);
			}
		}
	} else if (type == CURLINFO_HEADER_OUT) {
		for (size_t i = 0; i < size;) {
			size_t j = i;
			while (j < size && data[j] != '\r' && data[j] != '\n')
				j++;
			if (j > i)
				command_line(s, data + i, j - i);
			i = j;
			while (i < size && (data[i] == '\r' || data[i] == '\n'))
				i++;
		}
	} else if (type == CURLINFO_TEXT && s->debug) {
		fprintf(stderr, "smtp* %.*s", (int)size, data);
	}
	return 0;
}

static size_t read_cb(char *dst, size_t size, size_t nmemb, void *arg)
{
	struct smtp *s = arg;
	if (s->o.username && !s->auth_sent) {
		s->refused_noauth = 1;
		return CURL_READFUNC_ABORT;
	}
	if (s->rcpt_refusal[0]) {
		/* the company's address was refused, the copy accepted: the
		 * message must not go to the copy alone */
		s->to_refused = 1;
		return CURL_READFUNC_ABORT;
	}
	size_t n = size * nmemb;
	if (s->off == s->len)
		s->data_given = 1;	/* libcurl now writes the final "." */
	if (n > s->len - s->off)
		n = s->len - s->off;
	memcpy(dst, s->msg + s->off, n);
	s->off += n;
	return n;
}

struct smtp *smtp_new(const struct smtp_opts *o)
{
	if (load_curl() < 0)
		return NULL;
	struct smtp *s = xcalloc(1, sizeof *s);
	s->o = *o;
	s->o.password = NULL;
	buf_init(&s->partial, 4096);
	const char *dbg = getenv("OBJECTOR_SMTP_DEBUG");
	s->debug = dbg && *dbg && strcmp(dbg, "0") != 0;
	s->curl = curl_easy_init();
	if (!s->curl)
		xalloc_die();
	CURL *c = s->curl;
	int v6 = strchr(o->host, ':') != NULL;
	/* The path is the EHLO name: "localhost" (as msmtp), not this machine's name. */
	char *url = xasprintf("%s://%s%s%s:%d/localhost", o->security == SMTP_TLS ? "smtps" : "smtp",
			      v6 ? "[" : "", o->host, v6 ? "]" : "", o->port);
	curl_easy_setopt(c, CURLOPT_URL, url);
	free(url);
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
#else
	curl_easy_setopt(c, CURLOPT_PROTOCOLS, (long)(CURLPROTO_SMTP | CURLPROTO_SMTPS));
#endif
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, s->errbuf);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_USE_SSL,
			 o->security == SMTP_PLAIN ? (long)CURLUSESSL_NONE : (long)CURLUSESSL_ALL);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	if (o->ca_file)
		curl_easy_setopt(c, CURLOPT_CAINFO, o->ca_file);
	if (o->username) {
		curl_easy_setopt(c, CURLOPT_USERNAME, o->username);
		curl_easy_setopt(c, CURLOPT_PASSWORD, o->password ? o->password : "");
	}
	long t = o->timeout > 0 ? o->timeout : 60;
	/* Each reply of the server (the greeting, EHLO, ... the one after the
	 * message) gets t seconds: CURLOPT_SERVER_RESPONSE_TIMEOUT. libcurl's
	 * connect timeout covers the whole opening (TCP, greeting, EHLO,
	 * STARTTLS, TLS, EHLO, AUTH) together, so it gets one t per step. */
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, t * SMTP_OPENING_STEPS);
	curl_easy_setopt(c, CURLOPT_SERVER_RESPONSE_TIMEOUT, t);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, t);
	curl_easy_setopt(c, CURLOPT_VERBOSE, 1L);
	curl_easy_setopt(c, CURLOPT_DEBUGFUNCTION, debug_cb);
	curl_easy_setopt(c, CURLOPT_DEBUGDATA, s);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(c, CURLOPT_READDATA, s);
	return s;
}

/* classify: a status and a message for a failed transfer. */
static int classify(struct smtp *s, CURLcode res, long code, char **errstr)
{
	const char *detail = s->errbuf[0] ? s->errbuf : curl_easy_strerror(res);
	const char *server = s->last_error;
	char *where = xasprintf("%s:%d", s->o.host, s->o.port);
	int st;
	/* Transport and TLS problems first: they say nothing about AUTH. */
	int transport = res == CURLE_LOGIN_DENIED || res == CURLE_USE_SSL_FAILED ||
			res == CURLE_PEER_FAILED_VERIFICATION || res == CURLE_SSL_CONNECT_ERROR ||
			res == CURLE_SSL_CACERT_BADFILE || res == CURLE_COULDNT_RESOLVE_HOST ||
			res == CURLE_COULDNT_CONNECT || res == CURLE_OPERATION_TIMEDOUT;
	if (s->to_refused) {
		const char *r = s->rcpt_refusal[0];
		if (r[0] == '5') {
			*errstr = xasprintf(_("%s refused the message: %s"), where, r);
			st = SMTP_EREFUSED;
		} else {
			*errstr = xasprintf(_("%s deferred the message (temporary failure): %s"), where, r);
			st = SMTP_ETEMP;
		}
	} else if (s->data_given && !s->reply_after_data) {
		*errstr = xasprintf(_("the connection to %s ended after the whole message was handed over, "
				    "before the server confirmed it (%s): it may have the letter"),
				    where, detail);
		st = SMTP_EUNKNOWN;
	} else if (!transport && s->o.username && !s->auth_sent && !s->auth_offered) {
		*errstr = xasprintf(_("%s offers no authentication (AUTH) but a user name is configured; "
				    "nothing was sent"), where);
		st = SMTP_EAUTH;
	} else if (!transport && (s->refused_noauth || (s->o.username && !s->auth_sent))) {
		*errstr = xasprintf(_("%s: authentication did not take place; nothing was sent"), where);
		st = SMTP_EAUTH;
	} else {
		switch (res) {
		case CURLE_LOGIN_DENIED:
			*errstr = xasprintf(_("authentication failed at %s%s%s"), where, server ? ": " : "",
					    server ? server : "");
			st = SMTP_EAUTH;
			break;
		case CURLE_USE_SSL_FAILED:
			*errstr = xasprintf(_("%s does not offer STARTTLS: refusing to send in plain text "
					    "(security: starttls); nothing was sent"), where);
			st = SMTP_ETLS;
			break;
		case CURLE_PEER_FAILED_VERIFICATION:
			*errstr = xasprintf(_("the TLS certificate of %s could not be verified (%s); "
					    "give its CA with smtp.ca_file if it is your own"), where, detail);
			st = SMTP_ETLS;
			break;
		case CURLE_SSL_CONNECT_ERROR:
		case CURLE_SSL_CERTPROBLEM:
		case CURLE_SSL_CIPHER:
		case CURLE_SSL_ISSUER_ERROR:
		case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
		case CURLE_SSL_INVALIDCERTSTATUS:
		case CURLE_SSL_CRL_BADFILE:
			*errstr = xasprintf(_("TLS with %s failed: %s"), where, detail);
			st = SMTP_ETLS;
			break;
		case CURLE_SSL_CACERT_BADFILE:
			*errstr = xasprintf(_("cannot use the CA file '%s': %s"), s->o.ca_file ? s->o.ca_file : "",
					    detail);
			st = SMTP_ECONFIG;
			break;
		case CURLE_COULDNT_RESOLVE_HOST:
		case CURLE_COULDNT_CONNECT:
		case CURLE_OPERATION_TIMEDOUT:
			*errstr = xasprintf(_("cannot reach %s: %s"), where, detail);
			st = SMTP_ETEMP;
			break;
		case CURLE_OUT_OF_MEMORY:
		case CURLE_BAD_FUNCTION_ARGUMENT:
		case CURLE_UNKNOWN_OPTION:
		case CURLE_NOT_BUILT_IN:
		case CURLE_UNSUPPORTED_PROTOCOL:
			*errstr = xasprintf("libcurl: %s", detail);
			st = SMTP_EINTERNAL;
			break;
		default:
			if (code >= 500 && code < 600) {
				*errstr = xasprintf(_("%s refused the message: %s"), where, server ? server : detail);
				st = SMTP_EREFUSED;
			} else if (code >= 400 && code < 500) {
				*errstr = xasprintf(_("%s deferred the message (temporary failure): %s"), where,
						    server ? server : detail);
				st = SMTP_ETEMP;
			} else {
				*errstr = xasprintf(_("sending through %s failed: %s"), where, detail);
				st = SMTP_ETEMP;
			}
		}
	}
	free(where);
	return st;
}

int smtp_send(struct smtp *s, const char *from, const char *const *rcpt, size_t nrcpt,
	      const char *msg, size_t len, char **reply, char **errstr)
{
	CURL *c = s->curl;
	s->msg = msg;
	s->len = len;
	s->off = 0;
	s->refused_noauth = 0;
	s->nrcpt = nrcpt;
	s->rcpt_sent = 0;
	s->rcpt_waiting = 0;
	s->to_refused = s->data_given = s->reply_after_data = 0;
	for (int i = 0; i < 2; i++) {
		free(s->rcpt_refusal[i]);
		s->rcpt_refusal[i] = NULL;
	}
	s->errbuf[0] = '\0';
	free(s->last_reply);
	free(s->last_error);
	s->last_reply = s->last_error = NULL;
	buf_truncate(&s->partial, 0);

	char *mf = xasprintf("<%s>", from);
	struct curl_slist *rl = NULL;
	for (size_t i = 0; i < nrcpt; i++) {
		char *r = xasprintf("<%s>", rcpt[i]);
		struct curl_slist *n = curl_slist_append(rl, r);
		free(r);
		if (!n)
			xalloc_die();
		rl = n;
	}
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, mf);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rl);
	curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
	/* With a copy: a refused copy does not stop the letter (the read
	 * callback stops it when the first recipient is refused). */
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT_ALLLOWFAILS, nrcpt > 1 ? 1L : 0L);
	CURLcode res = curl_easy_perform(c);
	long code = 0;
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, NULL);
	curl_slist_free_all(rl);
	free(mf);

	int st = SMTP_OK;
	if (res != CURLE_OK || (s->o.username && !s->auth_sent))
		st = classify(s, res, code, errstr);
	if (reply) {
		const char *r = st == SMTP_OK ? s->last_reply : s->last_error;
		*reply = r ? xstrdup(r) : NULL;
	}
	return st;
}

void smtp_free(struct smtp *s)
{
	if (!s)
		return;
	curl_easy_cleanup(s->curl);
	free(s->last_reply);
	free(s->last_error);
	free(s->rcpt_refusal[0]);
	free(s->rcpt_refusal[1]);
	buf_free(&s->partial);
	free(s);
}

int smtp_exitcode(int status)
{
	switch (status) {
	case SMTP_OK:
		return 0;
	case SMTP_EREFUSED:
	case SMTP_ETLS:
		return EX_UNAVAILABLE;
	case SMTP_ETEMP:
	case SMTP_EUNKNOWN:
		return EX_TEMPFAIL;
	case SMTP_EAUTH:
		return EX_NOPERM;
	case SMTP_ECONFIG:
		return EX_CONFIG;
	default:
		return EX_SOFTWARE;
	}
}

const char *smtp_rcpt_refusal(const struct smtp *s, size_t i)
{
	return i < 2 ? s->rcpt_refusal[i] : NULL;
}

/* ---- smtp_probe: connect, TLS, AUTH, QUIT; nothing sent ---------------
 *
 * libcurl has no "stop after AUTH", but without CURLOPT_UPLOAD and
 * CURLOPT_MAIL_RCPT it sends CURLOPT_CUSTOMREQUEST as a plain command after
 * EHLO, STARTTLS and AUTH (curl's test 929: `-X NOOP -I` gives EHLO, NOOP,
 * QUIT). NOOP changes nothing on the server. The steps are read from the
 * same debug stream smtp_send uses: libcurl's informational lines for the
 * connection and TLS, the server's replies for the rest. */

struct probe {
	struct smtp *s;
	void (*step)(void *, const char *);
	void *arg;
	struct buf line;		/* an incoming reply line not yet complete */
	int connected, tls_said, verified_said, mechs_said, authed;
	int starttls_sent, tls_up;
	char *mechs;			/* the AUTH mechanisms of the last EHLO reply */
	char *subject, *issuer;		/* of the server certificate, when libcurl says */
};

static void probe_say(struct probe *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void probe_say(struct probe *p, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	p->step(p->arg, msg);
	free(msg);
}

static void probe_connected(struct probe *p)
{
	if (!p->connected) {
		p->connected = 1;
		probe_say(p, _("connected to %s:%d"), p->s->o.host, p->s->o.port);
	}
}

/* probe_text: one of libcurl's informational lines (trimmed). */
static void probe_text(struct probe *p, const char *t, size_t n)
{
	while (n && (*t == ' ' || *t == '*')) {
		t++;
		n--;
	}
	while (n && (t[n - 1] == '\n' || t[n - 1] == '\r' || t[n - 1] == ' '))
		n--;
	if (n >= 13 && strncmp(t, "Connected to ", 13) == 0) {
		probe_connected(p);
	} else if (n > 21 && strncmp(t, "SSL connection using ", 21) == 0 && !p->tls_said) {
		p->tls_said = 1;
		p->tls_up = 1;
		probe_say(p, _("TLS: %.*s"), (int)(n - 21), t + 21);
	} else if (n > 9 && strncmp(t, "subject: ", 9) == 0) {
		set_str(&p->subject, t + 9, n - 9);
	} else if (n > 8 && strncmp(t, "issuer: ", 8) == 0) {
		set_str(&p->issuer, t + 8, n - 8);
	} else if (n >= 25 && strncmp(t, "SSL certificate verify ok", 25) == 0 && !p->verified_said) {
		p->verified_said = 1;
		if (p->subject)
			probe_say(p, _("server certificate verified: %s, issued by %s"), p->subject,
				  p->issuer ? p->issuer : "?");
		else
			probe_say(p, _("server certificate verified"));
	}
}

/* probe_reply: one complete reply line from the server. */
static void probe_reply(struct probe *p, const char *l, size_t n)
{
	if (!is_reply(l, n))
		return;
	if (strncmp(l, "220", 3) == 0 && !p->connected)
		probe_connected(p);
	if (strncmp(l, "220", 3) == 0 && !p->starttls_sent && n > 4)
		probe_say(p, _("greeting: %.*s"), (int)(n - 4), l + 4);
	if (l[0] == '2' && n > 9 && (strncmp(l + 4, "AUTH ", 5) == 0 || strncmp(l + 4, "AUTH=", 5) == 0))
		set_str(&p->mechs, l + 9, n - 9);
	if (strncmp(l, "235", 3) == 0 && !p->authed) {
		p->authed = 1;
		probe_say(p, _("authenticated as %s"), p->s->o.username ? p->s->o.username : "?");
	}
}

/* probe_command: one command line going out (never an AUTH argument). */
static void probe_command(struct probe *p, const char *l, size_t n)
{
	if (n >= 4 && (strncmp(l, "EHLO", 4) == 0 || strncmp(l, "HELO", 4) == 0)) {
		free(p->mechs);
		p->mechs = NULL;
	} else if (n == 8 && strncmp(l, "STARTTLS", 8) == 0) {
		p->starttls_sent = 1;
		probe_say(p, _("STARTTLS offered: upgrading to TLS"));
	} else if ((n >= 5 && strncmp(l, "AUTH ", 5) == 0) || (n >= 4 && strncmp(l, "NOOP", 4) == 0)) {
		if (!p->mechs_said) {
			p->mechs_said = 1;
			if (p->mechs)
				probe_say(p, _("AUTH mechanisms offered: %s"), p->mechs);
			else
				probe_say(p, _("the server offers no authentication (AUTH)"));
		}
		if (strncmp(l, "NOOP", 4) == 0 && !p->s->o.username)
			probe_say(p, _("no user name configured: not authenticating"));
	}
}

static int probe_debug_cb(CURL *h, curl_infotype type, char *data, size_t size, void *arg)
{
	struct probe *p = arg;
	int secret = p->s->in_auth;	/* lines after AUTH carry credentials: never looked at */
	debug_cb(h, type, data, size, p->s);	/* the bookkeeping smtp_send relies on */
	if (type == CURLINFO_TEXT) {
		probe_text(p, data, size);
	} else if (type == CURLINFO_HEADER_IN) {
		for (size_t i = 0; i < size; i++) {
			if (data[i] == '\n') {
				size_t n = p->line.len;
				if (n && p->line.data[n - 1] == '\r')
					n--;
				probe_reply(p, p->line.data, n);
				buf_truncate(&p->line, 0);
			} else if (buf_addc(&p->line, data[i]) < 0) {
				buf_truncate(&p->line, 0);
			}
		}
	} else if (type == CURLINFO_HEADER_OUT && !secret) {
		for (size_t i = 0; i < size;) {
			size_t j = i;
			while (j < size && data[j] != '\r' && data[j] != '\n')
				j++;
			if (j > i)
				probe_command(p, data + i, j - i);
			i = j;
			while (i < size && (data[i] == '\r' || data[i] == '\n'))
				i++;
		}
	}
	return 0;
}

static size_t probe_discard(char *ptr, size_t size, size_t nmemb, void *arg)
{
	(void)ptr;
	(void)arg;
	return size * nmemb;
}

int smtp_probe(const struct smtp_opts *o, void (*step)(void *arg, const char *line), void *arg,
	       char **errstr)
{
	struct smtp *s = smtp_new(o);
	if (!s) {
		*errstr = xstrdup(smtp_load_error() ? smtp_load_error() : "cannot load libcurl");
		return SMTP_EINTERNAL;
	}
	struct probe p = { .s = s, .step = step, .arg = arg };
	buf_init(&p.line, 4096);
	CURL *c = s->curl;
	curl_easy_setopt(c, CURLOPT_UPLOAD, 0L);
	curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, "NOOP");
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, probe_discard);
	curl_easy_setopt(c, CURLOPT_DEBUGFUNCTION, probe_debug_cb);
	curl_easy_setopt(c, CURLOPT_DEBUGDATA, &p);
	s->errbuf[0] = '\0';
	CURLcode res = curl_easy_perform(c);
	long code = 0;
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
	int st = SMTP_OK;
	if (res != CURLE_OK || (o->username && !s->auth_sent)) {
		st = classify(s, res, code, errstr);
	} else {
		long verify = -1;
		if (o->security != SMTP_PLAIN && !p.verified_said &&
		    curl_easy_getinfo(c, CURLINFO_SSL_VERIFYRESULT, &verify) == CURLE_OK && verify == 0)
			probe_say(&p, _("server certificate verified"));
		if (o->security == SMTP_PLAIN)
			probe_say(&p, _("no TLS (security: none): everything went in plain text"));
	}
	smtp_free(s);	/* says QUIT */
	if (st == SMTP_OK)
		probe_say(&p, _("QUIT: nothing was sent"));
	buf_free(&p.line);
	free(p.mechs);
	free(p.subject);
	free(p.issuer);
	return st;
}
