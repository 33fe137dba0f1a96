/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * mail.c: RFC 5322 / MIME messages as exact bytes; see mail.h.
 *
 * Headers are written through struct hdr, which folds a header between
 * tokens so that no line passes 78 characters; a token never holds a line
 * break (values with CR/LF are refused before they get here).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef HAVE_SYS_RANDOM_H
#include <sys/random.h>
#endif
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "buf.h"
#include "date.h"
#include "mail.h"
#include "utf8.h"
#include "valid.h"
#include "xalloc.h"

#define HDR_WIDTH 78

static void add(struct buf *b, const void *p, size_t n)
{
	if (buf_add(b, p, n) < 0)
		xalloc_die();
}

static void adds(struct buf *b, const char *s)
{
	add(b, s, strlen(s));
}

/* UTF-8 and header-value checks. */

/* check_value: a header value must be one line of printable UTF-8. */
static int check_value(const char *what, const char *s, char **errstr)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '\r' || *p == '\n') {
			*errstr = xasprintf(_("%s contains a line break (refused: it would reach a mail header)"),
					    what);
			return EX_DATAERR;
		}
		if (*p < 0x20 || *p == 0x7F) {
			*errstr = xasprintf(_("%s contains a control character (0x%02X)"), what, *p);
			return EX_DATAERR;
		}
	}
	if (!utf8_valid(s, strlen(s))) {
		*errstr = xasprintf(_("%s is not valid UTF-8"), what);
		return EX_DATAERR;
	}
	return 0;
}

/* check_token: a value written as one unfoldable token (Message-ID,
 * language, attachment type) must leave its header line within RFC 5322's
 * 998 characters, and hold no blank (a fold there could leave a line of
 * blanks, which RFC 5322 does not allow). */
#define MAX_TOKEN 900

static int check_token(const char *what, const char *s, char **errstr)
{
	if (strlen(s) > MAX_TOKEN) {
		*errstr = xasprintf(_("%s is longer than %d bytes"), what, MAX_TOKEN);
		return EX_DATAERR;
	}
	if (strpbrk(s, " \t")) {
		*errstr = xasprintf(_("%s contains a blank: '%s'"), what, s);
		return EX_DATAERR;
	}
	return 0;
}

static int is_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

/* RFC 5322 atext. */
static int is_atext(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       (c && strchr("!#$%&'*+-/=?^_`{|}~", c));
}

/* Addresses. */

int mail_addr_valid(const char *s)
{
	struct valid_problem p;
	return valid_email(s, &p) == 0;
}

void mail_addr_free(struct mail_addr *a)
{
	if (!a)
		return;
	free(a->name);
	free(a->addr);
	a->name = a->addr = NULL;
}

static char *trim_dup(const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return xstrndup(s, n);
}

int mail_addr_parse(const char *s, struct mail_addr *out, char **errstr)
{
	int rc = check_value(_("the address"), s, errstr);
	if (rc)
		return rc;
	out->name = out->addr = NULL;
	const char *lt = strchr(s, '<');
	if (lt) {
		const char *gt = strchr(lt, '>');
		if (!gt || gt[1] != '\0' || strchr(lt + 1, '<')) {
			/* tolerate trailing blanks after '>' */
			const char *p = gt ? gt + 1 : NULL;
			while (p && (*p == ' ' || *p == '\t'))
				p++;
			if (!gt || *p || strchr(lt + 1, '<')) {
				*errstr = xasprintf(_("'%s' is not an e-mail address (expected \"Name <user@domain>\")"), s);
				return EX_DATAERR;
			}
		}
		char *name = trim_dup(s, (size_t)(lt - s));
		size_t nl = strlen(name);
		/* a quoted display name: drop the quotes and the escapes */
		if (nl >= 2 && name[0] == '"' && name[nl - 1] == '"') {
			char *w = name;
			for (size_t i = 1; i + 1 < nl; i++) {
				if (name[i] == '\\' && i + 2 < nl)
					i++;
				*w++ = name[i];
			}
			*w = '\0';
		}
		out->addr = xstrndup(lt + 1, (size_t)(gt - lt - 1));
		out->name = *name ? name : (free(name), NULL);
	} else {
		out->addr = trim_dup(s, strlen(s));
	}
	struct valid_problem p;
	if (valid_email(out->addr, &p) && p.code == VALID_NOT_ASCII) {
		*errstr = xasprintf(_("'%s': addresses with non-ASCII characters are not supported"), out->addr);
		mail_addr_free(out);
		return EX_DATAERR;
	}
	if (valid_email(out->addr, &p)) {
		*errstr = xasprintf(_("'%s' is not a valid e-mail address"), out->addr);
		mail_addr_free(out);
		return EX_DATAERR;
	}
	return 0;
}

/* Header writing with folding. */

struct hdr {
	struct buf *out;
	size_t col;	/* characters on the current line */
};

static void hdr_start(struct hdr *h, struct buf *out, const char *name)
{
	h->out = out;
	adds(out, name);
	add(out, ":", 1);
	h->col = strlen(name) + 1;
}

/* hdr_token: a token preceded by a space, or by a fold when the line is full. */
static void hdr_token(struct hdr *h, const char *tok, size_t n)
{
	if (h->col + 1 + n > HDR_WIDTH && h->col > 1) {
		adds(h->out, "\r\n");
		h->col = 0;
	}
	add(h->out, " ", 1);
	add(h->out, tok, n);
	h->col += 1 + n;
}

/* hdr_glue: text that must follow the previous token directly (";"). */
static void hdr_glue(struct hdr *h, const char *s)
{
	adds(h->out, s);
	h->col += strlen(s);
}

static void hdr_end(struct hdr *h)
{
	adds(h->out, "\r\n");
}

static const char b64chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void b64_raw(const unsigned char *p, size_t n, struct buf *out)
{
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)p[i] << 16;
		if (i + 1 < n)
			v |= (unsigned)p[i + 1] << 8;
		if (i + 2 < n)
			v |= p[i + 2];
		char q[4] = { b64chars[v >> 18 & 63], b64chars[v >> 12 & 63],
			      i + 1 < n ? b64chars[v >> 6 & 63] : '=', i + 2 < n ? b64chars[v & 63] : '=' };
		add(out, q, 4);
	}
}

/* hdr_encoded: s as RFC 2047 "B" encoded words of at most 75 characters,
 * never cutting a UTF-8 character in two. */
static void hdr_encoded(struct hdr *h, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s);
	while (len) {
		/* fill the current line when there is room for a useful word, else
		 * take a whole folded line: 45 bytes -> 60 base64 chars -> 72 in all */
		size_t room = HDR_WIDTH > h->col + 1 + 12 ? (HDR_WIDTH - h->col - 1 - 12) / 4 * 3 : 0;
		size_t max = room >= 12 ? (room < 45 ? room : 45) : 45;
		size_t n = len < max ? len : max;
		while (n < len && n && (p[n] & 0xC0) == 0x80)
			n--;
		struct buf w = BUF_INIT;
		adds(&w, "=?UTF-8?B?");
		b64_raw(p, n, &w);
		adds(&w, "?=");
		hdr_token(h, w.data, w.len);
		buf_free(&w);
		p += n;
		len -= n;
	}
}

/* hdr_text: unstructured text (Subject): plain words when ASCII and
 * harmless, else encoded words. */
static void hdr_text(struct hdr *h, const char *s)
{
	int plain = is_ascii(s) && !strstr(s, "=?") && *s && *s != ' ' && s[strlen(s) - 1] != ' ' &&
		    !strstr(s, "  ");
	for (const char *p = s; plain && *p;) {
		size_t n = strcspn(p, " ");
		if (n > HDR_WIDTH - 2)
			plain = 0;
		p += n;
		p += *p == ' ';
	}
	if (!plain) {
		hdr_encoded(h, s);
		return;
	}
	for (const char *p = s; *p;) {
		size_t n = strcspn(p, " ");
		hdr_token(h, p, n);
		p += n;
		p += *p == ' ';
	}
}

/* hdr_phrase: a display name as atoms, a quoted string or encoded words. */
static void hdr_phrase(struct hdr *h, const char *name)
{
	if (!is_ascii(name) || strstr(name, "=?") || strlen(name) > 60) {
		hdr_encoded(h, name);
		return;
	}
	int atoms = 1;
	for (const char *p = name; *p; p++)
		if (!is_atext((unsigned char)*p) && *p != ' ')
			atoms = 0;
	if (atoms && !strstr(name, "  ") && name[0] != ' ') {
		hdr_text(h, name);
		return;
	}
	struct buf q = BUF_INIT;
	add(&q, "\"", 1);
	for (const char *p = name; *p; p++) {
		if (*p == '"' || *p == '\\')
			add(&q, "\\", 1);
		add(&q, p, 1);
	}
	add(&q, "\"", 1);
	hdr_token(h, q.data, q.len);
	buf_free(&q);
}

static void hdr_addr(struct buf *out, const char *field, const struct mail_addr *a)
{
	struct hdr h;
	hdr_start(&h, out, field);
	if (a->name && *a->name) {
		hdr_phrase(&h, a->name);
		char *t = xasprintf("<%s>", a->addr);
		hdr_token(&h, t, strlen(t));
		free(t);
	} else {
		hdr_token(&h, a->addr, strlen(a->addr));
	}
	hdr_end(&h);
}

static int check_addr(const char *what, const struct mail_addr *a, char **errstr)
{
	int rc = check_value(what, a->addr, errstr);
	if (!rc && a->name)
		rc = check_value(what, a->name, errstr);
	if (!rc && !mail_addr_valid(a->addr)) {
		*errstr = xasprintf(_("%s: '%s' is not a valid e-mail address"), what, a->addr);
		rc = EX_DATAERR;
	}
	return rc;
}

/* The file name parameter: filename="x.pdf", or RFC 2231 filename*=... */
static int is_tspecial_free(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80 || *s < 0x20 || *s == '"' || *s == '\\')
			return 0;
	return 1;
}

static void param_filename(struct hdr *h, const char *param, const char *name)
{
	if (is_tspecial_free(name) && strlen(name) + strlen(param) + 3 < HDR_WIDTH - 2) {
		char *t = xasprintf("%s=\"%s\"", param, name);
		hdr_token(h, t, strlen(t));
		free(t);
		return;
	}
	/* RFC 2231: percent-encoded UTF-8 in continuations of <= 60 characters. */
	static const char hex[] = "0123456789ABCDEF";
	struct buf enc = BUF_INIT;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if (is_atext(*p) && *p != '%' && *p != '\'' && *p != '*') {
			add(&enc, p, 1);
		} else if (*p == '.') {
			add(&enc, ".", 1);
		} else {
			char e[3] = { '%', hex[*p >> 4], hex[*p & 15] };
			add(&enc, e, 3);
		}
	}
	size_t off = 0;
	for (int part = 0; off < enc.len; part++) {
		/* " name*NN*=UTF-8''" ... ";" on a line of at most 78 */
		size_t max = HDR_WIDTH - 1 - (strlen(param) + 5 + (part == 0 ? 7 : 0)) - 1 - (part > 9);
		size_t n = enc.len - off < max ? enc.len - off : max;
		/* keep %XX triplets whole */
		if (off + n < enc.len) {
			if (enc.data[off + n - 1] == '%')
				n -= 1;
			else if (n >= 2 && enc.data[off + n - 2] == '%')
				n -= 2;
		}
		char *t;
		int last = off + n == enc.len;
		if (part == 0 && last)
			t = xasprintf("%s*=UTF-8''%.*s", param, (int)n, enc.data + off);
		else
			t = xasprintf("%s*%d*=%s%.*s", param, part, part == 0 ? "UTF-8''" : "", (int)n,
				      enc.data + off);
		if (part > 0)
			hdr_glue(h, ";");
		hdr_token(h, t, strlen(t));
		free(t);
		off += n;
	}
	buf_free(&enc);
}

/* Bodies. */

void mail_qp(const char *text, size_t len, struct buf *out)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t col = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];
		if (c == '\n' || (c == '\r' && i + 1 < len && text[i + 1] == '\n')) {
			if (c == '\r')
				i++;
			adds(out, "\r\n");
			col = 0;
			continue;
		}
		int at_eol = i + 1 == len || text[i + 1] == '\n' ||
			     (text[i + 1] == '\r' && i + 2 < len && text[i + 2] == '\n');
		int literal = (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !at_eol);
		/* at the start of a line, "." and "From " are encoded, for old MTAs */
		if (col == 0 && (c == '.' || (c == 'F' && len - i >= 5 && memcmp(text + i, "From ", 5) == 0)))
			literal = 0;
		size_t w = literal ? 1 : 3;
		/* a soft break keeps lines at 76 characters, the '=' included */
		if (col + w > 75 && !(at_eol && col + w <= 76)) {
			adds(out, "=\r\n");
			col = 0;
		}
		if (literal) {
			add(out, &c, 1);
		} else {
			char e[3] = { '=', hex[c >> 4], hex[c & 15] };
			add(out, e, 3);
		}
		col += w;
	}
	if (col)
		adds(out, "\r\n");
}

void mail_base64(const void *data, size_t len, struct buf *out)
{
	const unsigned char *p = data;
	for (size_t off = 0; off < len; off += 57) {
		b64_raw(p + off, len - off < 57 ? len - off : 57, out);
		adds(out, "\r\n");
	}
}

/* Identifiers. */

static void random_bytes(unsigned char *p, size_t n)
{
	size_t got = 0;
#if defined HAVE_GETRANDOM	/* Linux, FreeBSD */
	while (got < n) {
		ssize_t r = getrandom(p + got, n - got, 0);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
#elif defined HAVE_ARC4RANDOM_BUF	/* macOS, the BSDs */
	arc4random_buf(p, n);
	got = n;
#endif
	if (got < n) {
		/* no getrandom: mix time and pid (uniqueness, not secrecy, is needed) */
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		uint64_t x = (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 20) ^ ((uint64_t)getpid() << 40);
		for (; got < n; got++) {
			x = x * 6364136223846793005u + 1442695040888963407u;
			p[got] = (unsigned char)(x >> 56);
		}
	}
}

static char *random_hex(size_t nbytes)
{
	unsigned char r[32];
	char *s = xmalloc(2 * nbytes + 1);
	if (nbytes > sizeof r)
		nbytes = sizeof r;
	random_bytes(r, nbytes);
	for (size_t i = 0; i < nbytes; i++)
		snprintf(s + 2 * i, 3, "%02x", r[i]);
	return s;
}

char *mail_message_id(const char *domain)
{
	char *r = random_hex(12);
	char *id = xasprintf("<%lld.%s@%s>", (long long)date_now(), r, domain);
	free(r);
	return id;
}

static void date_header(time_t t, struct buf *out)
{
	static const char *const wd[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
	static const char *const mo[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	struct tm tm;
	if (!localtime_r(&t, &tm) && !gmtime_r(&t, &tm))
		abort();	/* mail_build checked the date */
	long off = tm.tm_gmtoff / 60;
	char sign = off < 0 ? '-' : '+';
	if (off < 0)
		off = -off;
	if (buf_printf(out, "Date: %s, %d %s %d %02d:%02d:%02d %c%02ld%02ld\r\n", wd[tm.tm_wday],
		       tm.tm_mday, mo[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec,
		       sign, off / 60, off % 60) < 0)
		xalloc_die();
}

int mail_build(const struct mail_msg *m, struct buf *out, char **message_id, char **errstr)
{
	int rc = check_addr(_("the sender (From)"), m->from, errstr);
	if (!rc)
		rc = check_addr(_("the recipient (To)"), m->to, errstr);
	if (!rc && m->cc)
		rc = check_addr(_("the copy (Cc)"), m->cc, errstr);
	if (!rc)
		rc = check_value(_("the subject"), m->subject, errstr);
	if (!rc && m->lang)
		rc = check_value(_("the language"), m->lang, errstr);
	if (!rc && m->message_id)
		rc = check_value(_("the Message-ID"), m->message_id, errstr);
	if (!rc && m->user_agent)
		rc = check_value(_("the user agent"), m->user_agent, errstr);
	if (!rc && m->attachment) {
		rc = check_value(_("the attachment's file name"), m->attachment_name, errstr);
		if (!rc)
			rc = check_value(_("the attachment's type"), m->attachment_type, errstr);
	}
	if (!rc && m->lang && !valid_language_tag(m->lang)) {
		*errstr = xasprintf(_("the language '%s' is not a language tag"), m->lang);
		rc = EX_DATAERR;
	}
	if (!rc && m->message_id)
		rc = check_token(_("the Message-ID"), m->message_id, errstr);
	if (!rc && m->attachment)
		rc = check_token(_("the attachment's type"), m->attachment_type, errstr);
	struct tm tm;
	if (!rc && ((!localtime_r(&m->date, &tm) && !gmtime_r(&m->date, &tm)) ||
		    tm.tm_year < 0 || tm.tm_year > 9999 - 1900)) {
		*errstr = xasprintf(_("the date (%lld) cannot be written in a Date: header"),
				    (long long)m->date);
		rc = EX_DATAERR;
	}
	if (!rc && !utf8_valid(m->body, strlen(m->body))) {
		*errstr = xstrdup(_("the letter's text is not valid UTF-8"));
		rc = EX_DATAERR;
	}
	if (!rc && m->message_id &&
	    (m->message_id[0] != '<' || m->message_id[strlen(m->message_id) - 1] != '>' ||
	     !strchr(m->message_id, '@') || strchr(m->message_id, ' '))) {
		*errstr = xasprintf(_("'%s' is not a Message-ID"), m->message_id);
		rc = EX_DATAERR;
	}
	if (rc)
		return rc;

	char *mid = m->message_id ? xstrdup(m->message_id)
				  : mail_message_id(strrchr(m->from->addr, '@') + 1);
	char *bnd = m->boundary ? xstrdup(m->boundary) : NULL;
	if (!bnd) {
		/* "=_" never occurs in quoted-printable or base64 text */
		char *r = random_hex(12);
		bnd = xasprintf("=_objector_%s", r);
		free(r);
	}

	hdr_addr(out, "From", m->from);
	hdr_addr(out, "To", m->to);
	if (m->cc)
		hdr_addr(out, "Cc", m->cc);
	struct hdr h;
	hdr_start(&h, out, "Subject");
	hdr_text(&h, m->subject);
	hdr_end(&h);
	date_header(m->date, out);
	hdr_start(&h, out, "Message-ID");
	hdr_token(&h, mid, strlen(mid));
	hdr_end(&h);
	if (m->user_agent) {
		hdr_start(&h, out, "User-Agent");
		hdr_text(&h, m->user_agent);
		hdr_end(&h);
	}
	adds(out, "MIME-Version: 1.0\r\n");
	if (m->attachment) {
		hdr_start(&h, out, "Content-Type");
		hdr_token(&h, "multipart/mixed;", 16);
		char *t = xasprintf("boundary=\"%s\"", bnd);
		hdr_token(&h, t, strlen(t));
		free(t);
		hdr_end(&h);
		adds(out, "\r\nThis is a message in MIME format.\r\n\r\n--");
		adds(out, bnd);
		adds(out, "\r\n");
	}
	adds(out, "Content-Type: text/plain; charset=UTF-8\r\n");
	adds(out, "Content-Transfer-Encoding: quoted-printable\r\n");
	if (m->lang) {
		hdr_start(&h, out, "Content-Language");
		hdr_token(&h, m->lang, strlen(m->lang));
		hdr_end(&h);
	}
	adds(out, "\r\n");
	mail_qp(m->body, strlen(m->body), out);
	if (m->attachment) {
		adds(out, "\r\n--");
		adds(out, bnd);
		adds(out, "\r\n");
		hdr_start(&h, out, "Content-Type");
		char *t = xasprintf("%s;", m->attachment_type);
		hdr_token(&h, t, strlen(t));
		free(t);
		param_filename(&h, "name", m->attachment_name);
		hdr_end(&h);
		adds(out, "Content-Transfer-Encoding: base64\r\n");
		hdr_start(&h, out, "Content-Disposition");
		hdr_token(&h, "attachment;", 11);
		param_filename(&h, "filename", m->attachment_name);
		hdr_end(&h);
		adds(out, "\r\n");
		mail_base64(m->attachment, m->attachment_len, out);
		adds(out, "\r\n--");
		adds(out, bnd);
		adds(out, "--\r\n");
	}
	free(bnd);
	if (message_id)
		*message_id = mid;
	else
		free(mid);
	return 0;
}
