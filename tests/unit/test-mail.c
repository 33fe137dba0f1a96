/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-mail.c: message bytes: structure, encodings, folding, header injection. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include "buf.h"
#include "mail.h"
#include "tap.h"
#include "xalloc.h"

static int hexval(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* qp_decode: the inverse of mail_qp, giving '\n' line ends. */
static char *qp_decode(const char *s, size_t n)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '=' && i + 2 < n && s[i + 1] == '\r' && s[i + 2] == '\n') {
			i += 2;
		} else if (s[i] == '=' && i + 2 < n && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
			BUF_MUST(buf_addc(&b, hexval(s[i + 1]) * 16 + hexval(s[i + 2])));
			i += 2;
		} else if (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n') {
			BUF_MUST(buf_addc(&b, '\n'));
			i++;
		} else {
			BUF_MUST(buf_addc(&b, s[i]));
		}
	}
	return buf_detach(&b, NULL);
}

static char *b64_decode(const char *s, size_t n, size_t *outlen)
{
	static const char a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	struct buf b = BUF_INIT;
	unsigned v = 0;
	int bits = 0;
	for (size_t i = 0; i < n; i++) {
		const char *p = s[i] ? strchr(a, s[i]) : NULL;
		if (!p)
			continue;
		v = v << 6 | (unsigned)(p - a);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			BUF_MUST(buf_addc(&b, (int)(v >> bits) & 255));
		}
	}
	return buf_detach(&b, outlen);
}

/* lines_ok: every line ends in CRLF, no bare CR/LF, at most max chars. */
static int lines_ok(const char *s, size_t n, size_t max)
{
	size_t col = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\r') {
			if (i + 1 >= n || s[i + 1] != '\n')
				return 0;
			i++;
			col = 0;
		} else if (s[i] == '\n') {
			return 0;
		} else if (++col > max) {
			return 0;
		}
	}
	return col == 0;
}

/* header: the unfolded value of the first header field name in msg. */
static char *header(const char *msg, const char *name)
{
	size_t nl = strlen(name);
	const char *p = msg;
	while (*p && !(p[0] == '\r' && p[1] == '\n')) {
		if (strncmp(p, name, nl) == 0 && p[nl] == ':') {
			struct buf b = BUF_INIT;
			p += nl + 1;
			for (;;) {
				const char *e = strstr(p, "\r\n");
				BUF_MUST(buf_add(&b, p, (size_t)(e - p)));
				p = e + 2;
				if (*p != ' ' && *p != '\t')
					break;
			}
			char *v = buf_detach(&b, NULL);
			char *t = v;
			while (*t == ' ')
				t++;
			memmove(v, t, strlen(t) + 1);
			return v;
		}
		p = strstr(p, "\r\n") + 2;
	}
	return NULL;
}

/* rfc2047: decode "=?UTF-8?B?...?=" words (whitespace between words dropped). */
static char *rfc2047(const char *s)
{
	struct buf b = BUF_INIT;
	const char *p = s;
	int prev_word = 0;
	while (*p) {
		if (strncmp(p, "=?UTF-8?B?", 10) == 0) {
			const char *e = strstr(p + 10, "?=");
			size_t n;
			char *d = b64_decode(p + 10, (size_t)(e - p - 10), &n);
			BUF_MUST(buf_add(&b, d, n));
			free(d);
			p = e + 2;
			prev_word = 1;
		} else if (*p == ' ' && prev_word) {
			size_t n = strspn(p, " ");
			if (strncmp(p + n, "=?", 2) != 0)
				BUF_MUST(buf_add(&b, p, n));
			p += n;
		} else {
			BUF_MUST(buf_addc(&b, *p++));
			prev_word = 0;
		}
	}
	return buf_detach(&b, NULL);
}

static void test_addresses(void)
{
	struct mail_addr a;
	char *err = NULL;
	is_int(mail_addr_parse("Zoë Łukasiewicz-Øster <zoe@example.org>", &a, &err), 0, "parse name <addr>");
	is_str(a.name, "Zoë Łukasiewicz-Øster", "display name");
	is_str(a.addr, "zoe@example.org", "addr-spec");
	mail_addr_free(&a);
	is_int(mail_addr_parse("  zoe@example.org ", &a, &err), 0, "bare address");
	ok(a.name == NULL, "no display name");
	is_str(a.addr, "zoe@example.org", "trimmed");
	mail_addr_free(&a);
	is_int(mail_addr_parse("\"Doe, Jane \\\"JD\\\"\" <jd@x.example>", &a, &err), 0, "quoted name");
	is_str(a.name, "Doe, Jane \"JD\"", "quotes and escapes removed");
	mail_addr_free(&a);
	static const char *const bad[] = {
		"zoe", "@example.org", "zoe@", "zoe@@example.org", "zoe@-x.org", "zo e@example.org",
		"zoe.@example.org", ".zoe@example.org", "z..oe@example.org", "Zoe <zoe@example.org",
		"Zoe <zoe@example.org> x", "zoë@example.org", "zoe@exa_mple.org", "zoe@example.org\r\nBcc: x@y.z",
		"Zoe <zoe@example.org>\nBcc: x@y.z",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		int rc = mail_addr_parse(bad[i], &a, &err);
		ok(rc == EX_DATAERR && err, "refused: bad address %zu", i);
		free(err);
		err = NULL;
	}
}

static void test_qp(void)
{
	const char *t = "Grüße aus Berlin = schön\nTrailing space \nTab\t\n.dot\nFrom here\n"
			"A very long line that goes on and on and on and on and on and on and on and on "
			"and ends with ümläuts ümläuts ümläuts ümläuts ümläuts ümläuts ümläuts\n";
	struct buf b = BUF_INIT;
	mail_qp(t, strlen(t), &b);
	ok(lines_ok(b.data, b.len, 76), "qp: CRLF lines of <= 76 characters");
	char *d = qp_decode(b.data, b.len);
	is_str(d, t, "qp: decodes to the input");
	free(d);
	ok(strstr(b.data, "space=20\r\n") != NULL, "qp: trailing space encoded");
	ok(strstr(b.data, "\r\n=2Edot") != NULL, "qp: leading dot encoded");
	ok(strstr(b.data, "\r\n=46rom here") != NULL, "qp: From at line start encoded");
	buf_free(&b);

	/* 76-character boundary: exactly 76 literal characters stay on one line. */
	char line[200];
	memset(line, 'x', 76);
	strcpy(line + 76, "\n");
	mail_qp(line, strlen(line), &b);
	ok(lines_ok(b.data, b.len, 76) && b.len == 78, "qp: 76 characters fit one line");
	buf_free(&b);
	memset(line, 'x', 77);
	strcpy(line + 77, "\n");
	mail_qp(line, strlen(line), &b);
	d = qp_decode(b.data, b.len);
	ok(lines_ok(b.data, b.len, 76) && strcmp(d, line) == 0, "qp: 77 characters get a soft break");
	free(d);
	buf_free(&b);
	/* no final newline: one is added, nothing else changes */
	mail_qp("abc", 3, &b);
	is_str(b.data, "abc\r\n", "qp: unterminated text");
	buf_free(&b);
}

static void test_base64(void)
{
	unsigned char data[1000];
	for (size_t i = 0; i < sizeof data; i++)
		data[i] = (unsigned char)(i * 7 + 3);
	for (size_t n = 0; n <= 120; n += 1) {
		struct buf b = BUF_INIT;
		mail_base64(data, n, &b);
		size_t dn;
		char *d = b64_decode(b.data, b.len, &dn);
		if (!(lines_ok(b.data, b.len, 76) && dn == n && memcmp(d, data, n) == 0)) {
			ok(0, "base64 round trip of %zu bytes", n);
			free(d);
			buf_free(&b);
			return;
		}
		free(d);
		buf_free(&b);
	}
	ok(1, "base64 round trips, 0..120 bytes, lines <= 76");
	struct buf b = BUF_INIT;
	mail_base64("Man", 3, &b);
	is_str(b.data, "TWFu\r\n", "base64 of Man");
	buf_free(&b);
	mail_base64("Ma", 2, &b);
	is_str(b.data, "TWE=\r\n", "base64 padding");
	buf_free(&b);
}

static struct mail_addr from = { "Zoë Łukasiewicz-Øster", "zoe@example.org" };
static struct mail_addr to = { NULL, "privacy@example.com" };

static void base_msg(struct mail_msg *m)
{
	memset(m, 0, sizeof *m);
	m->from = &from;
	m->to = &to;
	m->cc = &from;
	m->subject = "Widerspruch gegen die Verarbeitung zum KI-Training – Ref. OBJ-2026-ABCD1234";
	m->lang = "de";
	m->body = "Sehr geehrte Damen und Herren,\n\nich widerspreche gemäß Art. 21 Abs. 1 DSGVO.\n";
	static const char pdf[] = "%PDF-1.4\n\x00\x01\x02\xff binary\r\n%%EOF\n";
	m->attachment = pdf;
	m->attachment_len = sizeof pdf - 1;
	m->attachment_name = "Widerspruch-Zoë-Łukasiewicz-Øster-OBJ-2026-ABCD1234-sehr-langer-Name.pdf";
	m->attachment_type = "application/pdf";
	m->date = 1795950000;	/* 2026-11-29 11:00:00 UTC */
	m->message_id = "<test.1@example.org>";
	m->boundary = "=_objector_test";
	m->user_agent = "objector 0.1.0";
}

static void test_message(void)
{
	struct mail_msg m;
	base_msg(&m);
	struct buf b = BUF_INIT;
	char *err = NULL, *mid = NULL;
	is_int(mail_build(&m, &b, &mid, &err), 0, "build a message");
	is_str(mid, "<test.1@example.org>", "the given Message-ID is used");
	free(mid);
	ok(lines_ok(b.data, b.len, 78), "message: CRLF lines, none longer than 78");
	if (getenv("SHOW"))
		fputs(b.data, stderr);
	for (const unsigned char *p = (const unsigned char *)b.data; *p; p++)
		if (*p >= 0x80) {
			ok(0, "message is 7-bit");
			break;
		} else if (!p[1]) {
			ok(1, "message is 7-bit");
		}
	char *v = header(b.data, "From");
	char *dec = rfc2047(v);
	is_str(dec, "Zoë Łukasiewicz-Øster <zoe@example.org>", "From decodes");
	free(v);
	free(dec);
	v = header(b.data, "Cc");
	ok(v && strstr(v, "<zoe@example.org>"), "Cc to the sender");
	free(v);
	v = header(b.data, "To");
	is_str(v, "privacy@example.com", "To");
	free(v);
	v = header(b.data, "Subject");
	dec = rfc2047(v);
	is_str(dec, m.subject, "Subject decodes (RFC 2047)");
	free(v);
	free(dec);
	v = header(b.data, "Date");
	is_str(v, "Sun, 29 Nov 2026 11:00:00 +0000", "Date (TZ=UTC)");
	free(v);
	v = header(b.data, "MIME-Version");
	is_str(v, "1.0", "MIME-Version");
	free(v);
	v = header(b.data, "Content-Type");
	is_str(v, "multipart/mixed; boundary=\"=_objector_test\"", "multipart/mixed");
	free(v);

	/* The text part decodes to the body. */
	const char *tp = strstr(b.data, "Content-Type: text/plain; charset=UTF-8\r\n");
	ok(tp != NULL, "text part");
	const char *tb = strstr(tp, "\r\n\r\n") + 4;
	const char *te = strstr(tb, "\r\n--=_objector_test\r\n");
	char *body = qp_decode(tb, (size_t)(te - tb));
	if (!is_str(body, m.body, "text part decodes to the letter"))
		printf("# %s\n", tb);
	free(body);
	ok(strstr(tp, "Content-Language: de\r\n") != NULL, "Content-Language");

	/* The attachment decodes to the same bytes; its name is RFC 2231. */
	const char *ap = strstr(b.data, "Content-Type: application/pdf;");
	ok(ap != NULL, "attachment part");
	const char *cd = strstr(ap, "Content-Disposition: attachment;");
	ok(cd && strstr(cd, "filename*0*=UTF-8''Widerspruch-Zo%C3%AB-%C5%81ukasiewicz") != NULL,
	   "file name as RFC 2231 continuations");
	const char *ab = strstr(ap, "\r\n\r\n") + 4;
	const char *ae = strstr(ab, "\r\n--=_objector_test--\r\n");
	ok(ae && ae[strlen("\r\n--=_objector_test--\r\n")] == '\0', "closing boundary ends the message");
	size_t n;
	char *att = b64_decode(ab, (size_t)(ae - ab), &n);
	ok(n == m.attachment_len && memcmp(att, m.attachment, n) == 0, "attachment is byte-identical");
	free(att);
	buf_free(&b);

	/* ASCII everything: plain headers, a quoted file name. */
	struct mail_addr f2 = { "Jane Doe", "jane@example.org" };
	m.from = &f2;
	m.cc = NULL;
	m.subject = "Objection to processing for AI training, ref. OBJ-2026-ABCD1234";
	m.attachment_name = "objection-linkedin-uk-2026-11-29.pdf";
	m.message_id = NULL;
	is_int(mail_build(&m, &b, &mid, &err), 0, "build an ASCII message");
	ok(strstr(b.data, "From: Jane Doe <jane@example.org>\r\n") != NULL, "plain From");
	ok(strstr(b.data, "Subject: Objection to processing for AI training, ref. OBJ-2026-ABCD1234\r\n") != NULL,
	   "plain Subject");
	ok(strstr(b.data, "filename=\"objection-linkedin-uk-2026-11-29.pdf\"") != NULL, "quoted file name");
	ok(strstr(b.data, "\r\nCc:") == NULL, "no Cc when none is given");
	ok(mid && mid[0] == '<' && strstr(mid, "@example.org>") != NULL, "generated Message-ID: %s", mid);
	v = header(b.data, "Message-ID");
	is_str(v, mid, "Message-ID header matches");
	free(v);
	free(mid);
	buf_free(&b);

	/* Long ASCII subject folds at spaces and unfolds to itself. */
	m.subject = "Objection under Article 21(1) of the UK GDPR to the processing of my personal data "
		    "for training artificial intelligence models, ref. OBJ-2026-ABCD1234";
	is_int(mail_build(&m, &b, NULL, &err), 0, "long subject");
	v = header(b.data, "Subject");
	ok(lines_ok(b.data, b.len, 78), "long subject folded to <= 78");
	is_str(v, m.subject, "long subject unfolds to itself");
	free(v);
	buf_free(&b);

	/* Two message ids differ. */
	char *a = mail_message_id("example.org"), *c = mail_message_id("example.org");
	ok(strcmp(a, c) != 0, "message ids are unique");
	free(a);
	free(c);
}

static void test_injection(void)
{
	struct mail_msg m;
	struct buf b = BUF_INIT;
	char *err = NULL;
	static const char *const subjects[] = {
		"Ref. 1\r\nBcc: victim@example.net", "Ref. 1\nBcc: victim@example.net", "Ref. 1\rX: y",
		"Ref\x01", "bad \xC3 utf8",
	};
	for (size_t i = 0; i < sizeof subjects / sizeof *subjects; i++) {
		base_msg(&m);
		m.subject = subjects[i];
		int rc = mail_build(&m, &b, NULL, &err);
		ok(rc == EX_DATAERR && b.len == 0, "subject %zu refused: %s", i, err ? err : "");
		free(err);
		err = NULL;
	}
	struct mail_addr evil = { "Evil\r\nBcc: x@example.net", "a@example.org" };
	base_msg(&m);
	m.to = &evil;
	ok(mail_build(&m, &b, NULL, &err) == EX_DATAERR && b.len == 0, "display name with CRLF refused");
	free(err);
	err = NULL;
	struct mail_addr evil2 = { NULL, "a@example.org>\r\nBcc: x@example.net" };
	m.to = &evil2;
	ok(mail_build(&m, &b, NULL, &err) == EX_DATAERR && b.len == 0, "address with CRLF refused");
	free(err);
	err = NULL;
	base_msg(&m);
	m.attachment_name = "a.pdf\"\r\nContent-Type: text/html";
	ok(mail_build(&m, &b, NULL, &err) == EX_DATAERR && b.len == 0, "file name with CRLF refused");
	free(err);
	err = NULL;
	base_msg(&m);
	m.body = "text \xff\n";
	ok(mail_build(&m, &b, NULL, &err) == EX_DATAERR, "body with invalid UTF-8 refused");
	free(err);
	/* Values written as one token cannot be folded: one that would make a
	 * header line longer than 998 characters is refused (fuzz-mail). */
	char *longv = xmalloc(1002);
	memset(longv, 'x', 1001);
	longv[1001] = '\0';
	base_msg(&m);
	m.lang = longv;
	ok(mail_build(&m, &b, NULL, &err) == EX_DATAERR && b.len == 0, "a 1001-byte language refused");
	free(err);
	err = NULL;
	base_msg(&m);
	longv[0] = '<';
	longv[500] = '@';
	longv[1000] = '>';
	m.message_id = longv;
	ok(mail_build(&m, &b, NULL, &err) == EX_DATAERR && b.len == 0, "a 1001-byte Message-ID refused");
	free(err);
	err = NULL;
	base_msg(&m);
	m.attachment_type = longv;
	ok(mail_build(&m, &b, NULL, &err) == EX_DATAERR && b.len == 0, "a 1001-byte type refused");
	free(err);
	err = NULL;
	free(longv);
	/* A token with a blank could be folded into a line of blanks (fuzz-mail
	 * found a language of 130 spaces): a language must be a language tag,
	 * a Message-ID and a type hold no blank. */
	static const char *const bad_lang[] = { "   ", "en GB", "en_GB", "e", "en--GB", "-en" };
	for (size_t i = 0; i < sizeof bad_lang / sizeof *bad_lang; i++) {
		base_msg(&m);
		m.lang = bad_lang[i];
		ok(mail_build(&m, &b, NULL, &err) == EX_DATAERR && b.len == 0 && err &&
			   strstr(err, "language tag"),
		   "language '%s' refused, named", bad_lang[i]);
		free(err);
		err = NULL;
	}
	base_msg(&m);
	m.lang = "zh-Hant";
	is_int(mail_build(&m, &b, NULL, &err), 0, "language zh-Hant accepted");
	b.len = 0;
	base_msg(&m);
	m.message_id = "<a b@example.org>";
	ok(mail_build(&m, &b, NULL, &err) == EX_DATAERR && b.len == 0 && err && strstr(err, "blank"),
	   "a Message-ID with a blank refused");
	free(err);
	err = NULL;
	base_msg(&m);
	m.attachment_type = "application/pdf ";
	ok(mail_build(&m, &b, NULL, &err) == EX_DATAERR && b.len == 0, "a type with a blank refused");
	free(err);
	err = NULL;
	/* A date localtime cannot convert left struct tm unset (fuzz-mail). */
	base_msg(&m);
	m.date = (time_t)INT64_MAX;
	ok(mail_build(&m, &b, NULL, &err) == EX_DATAERR && b.len == 0, "an impossible date refused");
	free(err);
	err = NULL;
	base_msg(&m);
	m.date = (time_t)-99999999999LL;
	ok(mail_build(&m, &b, NULL, &err) == EX_DATAERR && b.len == 0, "a date before 1900 refused");
	free(err);
	err = NULL;
	/* A body line that looks like a boundary or header cannot escape: QP. */
	base_msg(&m);
	m.body = "--=_objector_test--\nBcc: x@example.net\n";
	err = NULL;
	is_int(mail_build(&m, &b, NULL, &err), 0, "body with boundary-like text");
	ok(strstr(b.data, "\r\n--=_objector_test--\r\nBcc") == NULL, "boundary text is encoded in the body");
	buf_free(&b);
}

int main(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
	test_addresses();
	test_qp();
	test_base64();
	test_message();
	test_injection();
	return done_testing();
}
