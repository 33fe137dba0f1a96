/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz-mail.c: the message builder (mail.h) on arbitrary header values and
 * body bytes.
 *
 * Input: fields separated by NUL bytes, in this order (a missing field
 * takes a valid default, so that one field can vary at a time):
 *   from name, from address, to name, to address, cc address (empty: none),
 *   subject, language (empty: none), Message-ID (empty: made), user agent
 *   (empty: none), attachment file name (empty: no attachment), attachment
 *   type, date (seconds, decimal), body, attachment bytes (the rest, NULs
 *   included).
 * The "name <address>" forms of from and to also go through
 * mail_addr_parse. The boundary is fixed: it is a test parameter, not input.
 *
 * mail_build must refuse (EX_DATAERR with a message) or produce a message
 * where:
 * - every line ends in CRLF: no bare CR or LF anywhere;
 * - no line is longer than 998 bytes (RFC 5322);
 * - the header block holds exactly the fields mail_build writes, each once
 *   (nothing injected), continuation lines start with a blank and are not
 *   blank, and it ends at the first empty line;
 * - the Subject unfolds and decodes (RFC 2047, each encoded word whole
 *   UTF-8) to the subject;
 * - the text part decodes (quoted-printable) to the body, the attachment
 *   (base64) to its bytes, and exactly three lines start with the
 *   boundary's delimiter (the two parts and the end).
 */
#include "config.h"

#include <string.h>

#include "buf.h"
#include "fuzz.h"
#include "mail.h"
#include "utf8.h"
#include "xalloc.h"

#define BOUNDARY "=_fuzz_boundary"

enum { F_FROM_NAME, F_FROM, F_TO_NAME, F_TO, F_CC, F_SUBJECT, F_LANG, F_MID, F_UA, F_ANAME,
       F_ATYPE, F_DATE, F_BODY, F_ATTACH, F_COUNT };

static const char *const defaults[F_COUNT] = {
	"Zo\xc3\xab \xc5\x81ukasiewicz", "zoe@example.org", "Data Protection Officer",
	"dpo@example.com", "", "Objection to the use of my data for AI training", "en", "",
	"objector 0.1.0", "letter.pdf", "application/pdf", "1795996800", "Dear Sir or Madam,\n",
	"%PDF-1.4\n",
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	setenv("TZ", "UTC", 1);
	return 0;
}

static int b64_val(int c)
{
	const char *s = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const char *p = c ? strchr(s, c) : NULL;
	return p ? (int)(p - s) : -1;
}

/* b64_decode: append the bytes of base64 text s[0..n) (CRLFs skipped); -1 if malformed. */
static int b64_decode(const char *s, size_t n, struct buf *out)
{
	unsigned v = 0;
	int bits = 0, pad = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\r' || s[i] == '\n')
			continue;
		if (s[i] == '=') {
			pad++;
			continue;
		}
		int d = b64_val((unsigned char)s[i]);
		if (d < 0 || pad)
			return -1;
		v = v << 6 | (unsigned)d;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			BUF_MUST(buf_addc(out, (int)(v >> bits & 0xFF)));
		}
	}
	return pad > 2 ? -1 : 0;
}

static int hexval(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* qp_decode: quoted-printable s[0..n) to text with '\n' line ends; -1 if malformed. */
static int qp_decode(const char *s, size_t n, struct buf *out)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n') {
			BUF_MUST(buf_addc(out, '\n'));
			i++;
		} else if (s[i] == '=') {
			if (i + 2 < n && s[i + 1] == '\r' && s[i + 2] == '\n') {
				i += 2;
			} else if (i + 2 < n && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
				BUF_MUST(buf_addc(out, hexval(s[i + 1]) << 4 | hexval(s[i + 2])));
				i += 2;
			} else {
				return -1;
			}
		} else {
			BUF_MUST(buf_addc(out, s[i]));
		}
	}
	return 0;
}

/* header: the unfolded value of field name in the header block h, or NULL. */
static char *header(const char *h, const char *name)
{
	size_t nl = strlen(name);
	for (const char *p = h; *p;) {
		const char *e = strstr(p, "\r\n");
		if (strncmp(p, name, nl) == 0 && p[nl] == ':') {
			struct buf v = BUF_INIT;
			p += nl + 1;
			for (;;) {
				BUF_MUST(buf_add(&v, p, (size_t)(e - p)));
				if (e[2] != ' ' && e[2] != '\t')
					break;
				p = e + 2;
				e = strstr(p, "\r\n");
			}
			return buf_detach(&v, NULL);
		}
		p = e + 2;
	}
	return NULL;
}

/* check_subject: the unfolded Subject value decodes to subject. */
static void check_subject(const char *value, const char *subject)
{
	struct buf dec = BUF_INIT;
	if (strstr(value, "=?UTF-8?B?")) {
		/* " =?UTF-8?B?...?=" words; the blanks between them are not text */
		for (const char *p = value; *p;) {
			FUZZ_CHECK(*p == ' ', "Subject: blank expected at '%s'", p);
			p++;
			FUZZ_CHECK(strncmp(p, "=?UTF-8?B?", 10) == 0, "Subject: word expected at '%s'", p);
			p += 10;
			const char *e = strstr(p, "?=");
			FUZZ_CHECK(e != NULL, "Subject: unterminated word");
			FUZZ_CHECK(e - p + 12 <= 75, "Subject: encoded word of %d characters",
				   (int)(e - p + 12));
			size_t before = dec.len;
			FUZZ_CHECK(b64_decode(p, (size_t)(e - p), &dec) == 0, "Subject: bad base64");
			FUZZ_CHECK(utf8_valid(dec.data + before, dec.len - before),
				   "Subject: an encoded word cuts a UTF-8 character");
			p = e + 2;
		}
	} else if (*value) {
		FUZZ_CHECK(value[0] == ' ', "Subject: no blank after the colon");
		BUF_MUST(buf_adds(&dec, value + 1));
	}
	FUZZ_CHECK(strcmp(dec.data, subject) == 0, "Subject decodes to '%s', not '%s'", dec.data,
		   subject);
	buf_free(&dec);
}

/* check_message: the properties listed at the top, for message m built from msg. */
static void check_message(const struct buf *m, const struct mail_msg *msg, size_t attach_len)
{
	const char *s = m->data;
	/* CRLF only, lines of at most 998 bytes */
	size_t col = 0;
	for (size_t i = 0; i < m->len; i++) {
		if (s[i] == '\r') {
			FUZZ_CHECK(i + 1 < m->len && s[i + 1] == '\n', "bare CR at %zu", i);
			i++;
			col = 0;
			continue;
		}
		FUZZ_CHECK(s[i] != '\n', "bare LF at %zu", i);
		FUZZ_CHECK(s[i] != '\0', "NUL at %zu", i);
		FUZZ_CHECK(++col <= 998, "line longer than 998 bytes at %zu", i);
	}
	FUZZ_CHECK(m->len >= 2 && s[m->len - 2] == '\r', "no CRLF at the end");

	/* the header block */
	const char *end = strstr(s, "\r\n\r\n");
	FUZZ_CHECK(end != NULL, "no end of the header");
	char *h = xstrndup(s, (size_t)(end - s) + 2);
	static const char *const names[] = { "From", "To", "Cc", "Subject", "Date", "Message-ID",
					     "User-Agent", "MIME-Version", "Content-Type",
					     "Content-Transfer-Encoding", "Content-Language" };
	int count[sizeof names / sizeof *names] = { 0 };
	for (const char *p = h; *p;) {
		const char *e = strstr(p, "\r\n");
		if (*p == ' ' || *p == '\t') {
			FUZZ_CHECK(p != h, "the header starts with a continuation");
			FUZZ_CHECK(strspn(p, " \t") < (size_t)(e - p), "a blank continuation line");
		} else {
			size_t k = strcspn(p, ":\r");
			FUZZ_CHECK(p[k] == ':', "a header line without a field name: '%.*s'",
				   (int)(e - p), p);
			size_t i;
			for (i = 0; i < sizeof names / sizeof *names; i++)
				if (strlen(names[i]) == k && strncmp(p, names[i], k) == 0)
					break;
			FUZZ_CHECK(i < sizeof names / sizeof *names, "unexpected field '%.*s'", (int)k,
				   p);
			FUZZ_CHECK(++count[i] == 1, "field '%s' twice", names[i]);
		}
		p = e + 2;
	}
	int expect[] = { 1, 1, msg->cc != NULL, 1, 1, 1, msg->user_agent != NULL, 1, 1,
		       !msg->attachment, !msg->attachment && msg->lang };
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		FUZZ_CHECK(count[i] == expect[i], "field '%s' %d times, not %d", names[i], count[i],
			   expect[i]);
	char *subject = header(h, "Subject");
	check_subject(subject, msg->subject);
	free(subject);
	free(h);

	/* the parts */
	const char *body = end + 4;
	const char *text = body;
	const char *text_end = s + m->len;
	if (msg->attachment) {
		const char *d1 = strstr(body, "\r\n--" BOUNDARY "\r\n");
		FUZZ_CHECK(d1 != NULL, "no first delimiter");
		const char *d2 = strstr(d1 + 1, "\r\n--" BOUNDARY "\r\n");
		FUZZ_CHECK(d2 != NULL, "no second delimiter");
		const char *d3 = strstr(d2 + 1, "\r\n--" BOUNDARY "--\r\n");
		FUZZ_CHECK(d3 != NULL && d3 + strlen("\r\n--" BOUNDARY "--\r\n") == s + m->len,
			   "no close delimiter at the end");
		/* no other line starts with the delimiter (RFC 2046: the boundary may
		 * occur elsewhere, e.g. in a parameter value, but never as a line) */
		int nb = 0;
		for (const char *b = strstr(body, "\r\n--" BOUNDARY); b;
		     b = strstr(b + 1, "\r\n--" BOUNDARY))
			nb++;
		FUZZ_CHECK(nb == 3 && strncmp(body, "--", 2) != 0,
			   "%d delimiter lines in the body, not 3", nb);
		const char *ph = strstr(d1 + 2, "\r\n\r\n");
		FUZZ_CHECK(ph && ph < d2, "the text part has no header");
		text = ph + 4;
		text_end = d2;	/* the CRLF before a delimiter is part of it */
		const char *ah = strstr(d2 + 2, "\r\n\r\n");
		FUZZ_CHECK(ah && ah < d3, "the attachment has no header");
		struct buf bin = BUF_INIT;
		FUZZ_CHECK(b64_decode(ah + 4, (size_t)(d3 + 2 - (ah + 4)), &bin) == 0,
			   "attachment: bad base64");
		FUZZ_CHECK(bin.len == attach_len && memcmp(bin.data, msg->attachment, attach_len) == 0,
			   "attachment decodes differently");
		buf_free(&bin);
	} else {
		FUZZ_CHECK(!strstr(body, "\r\n--" BOUNDARY), "a delimiter in a single-part message");
	}
	/* quoted-printable text: 76 characters a line at most, decodes to the body */
	col = 0;
	for (const char *p = text; p < text_end; p++) {
		if (*p == '\r') {
			p++;
			col = 0;
		} else {
			FUZZ_CHECK(++col <= 76, "quoted-printable line longer than 76");
		}
	}
	struct buf dec = BUF_INIT, want = BUF_INIT;
	FUZZ_CHECK(qp_decode(text, (size_t)(text_end - text), &dec) == 0, "bad quoted-printable");
	for (const char *p = msg->body; *p; p++)
		if (!(p[0] == '\r' && p[1] == '\n'))
			BUF_MUST(buf_addc(&want, *p));
	if (want.len && want.data[want.len - 1] != '\n')
		BUF_MUST(buf_addc(&want, '\n'));
	FUZZ_CHECK(dec.len == want.len && memcmp(dec.data, want.data, dec.len) == 0,
		   "the text decodes differently:\n%s\n---\n%s", dec.data, want.data);
	buf_free(&dec);
	buf_free(&want);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *f[F_COUNT];
	size_t attach_len = 0;
	size_t off = 0;		/* where the next field starts; > size: no more fields */
	for (int i = 0; i < F_COUNT; i++) {
		if (off > size) {
			f[i] = xstrdup(defaults[i]);
			if (i == F_ATTACH)
				attach_len = strlen(defaults[i]);
			continue;
		}
		const char *p = (const char *)data + off;
		size_t n = i == F_ATTACH ? size - off : strnlen(p, size - off);
		f[i] = xmalloc(n + 1);
		memcpy(f[i], p, n);
		f[i][n] = '\0';
		if (i == F_ATTACH)
			attach_len = n;
		off += n + 1;
	}

	/* the parser on "name <address>" */
	struct mail_addr parsed = { NULL, NULL };
	char *err = NULL;
	char *both = xasprintf("%s <%s>", f[F_FROM_NAME], f[F_FROM]);
	if (mail_addr_parse(both, &parsed, &err) == 0) {
		FUZZ_CHECK(mail_addr_valid(parsed.addr), "parsed an invalid address '%s'", parsed.addr);
		for (const unsigned char *c = (const unsigned char *)parsed.name; c && *c; c++)
			FUZZ_CHECK(*c >= 0x20 && *c != 0x7F, "a control character in a parsed name");
		mail_addr_free(&parsed);
	} else {
		FUZZ_CHECK(err != NULL, "mail_addr_parse: no message");
		free(err);
		err = NULL;
	}
	free(both);
	if (mail_addr_parse(f[F_TO], &parsed, &err) == 0)
		mail_addr_free(&parsed);
	else
		free(err), err = NULL;

	struct mail_addr from = { *f[F_FROM_NAME] ? f[F_FROM_NAME] : NULL, f[F_FROM] };
	struct mail_addr to = { *f[F_TO_NAME] ? f[F_TO_NAME] : NULL, f[F_TO] };
	struct mail_addr cc = { NULL, f[F_CC] };
	struct mail_msg msg = {
		.from = &from,
		.to = &to,
		.cc = *f[F_CC] ? &cc : NULL,
		.subject = f[F_SUBJECT],
		.lang = *f[F_LANG] ? f[F_LANG] : NULL,
		.body = f[F_BODY],
		.attachment = *f[F_ANAME] ? f[F_ATTACH] : NULL,
		.attachment_len = attach_len,
		.attachment_name = f[F_ANAME],
		.attachment_type = f[F_ATYPE],
		.date = (time_t)strtoll(f[F_DATE], NULL, 10),
		.message_id = *f[F_MID] ? f[F_MID] : NULL,
		.boundary = BOUNDARY,
		.user_agent = *f[F_UA] ? f[F_UA] : NULL,
	};
	struct buf out = BUF_INIT;
	char *mid = NULL;
	int rc = mail_build(&msg, &out, &mid, &err);
	if (rc) {
		FUZZ_CHECK(rc == 65, "status %d", rc);
		FUZZ_CHECK(err != NULL, "refused without a message");
		FUZZ_CHECK(mid == NULL, "a Message-ID for a refused message");
		free(err);
	} else {
		FUZZ_CHECK(mid && mid[0] == '<', "Message-ID");
		check_message(&out, &msg, attach_len);
		free(mid);
	}
	buf_free(&out);
	for (int i = 0; i < F_COUNT; i++)
		free(f[i]);
	return 0;
}
