/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ics.c: unit tests of the iCalendar writer (src/ics.c).
 *
 *   test-ics            the TAP tests
 *   test-ics --sample   write a sample calendar to stdout, for
 *                       tests/e2e/ics.sh to read with a real parser
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "ics.h"
#include "tap.h"

static struct date D(const char *s)
{
	struct date d = { 0, 0, 0 };
	date_parse(s, &d);
	return d;
}

/* The sample: plain, RFC 5545 specials, long UTF-8 text that must fold. */
static void sample(struct ics_event ev[3])
{
	memset(ev, 0, 3 * sizeof *ev);
	ev[0] = (struct ics_event){ "OBJ-2026-7K3M9QXA", "LinkedIn", D("2026-12-29"), "waiting", NULL, NULL, 0 };
	ev[1] = (struct ics_event){ "OBJ-2026-ABCDEFGH", "Acme; Data, \"Brokers\" \\ Ltd", D("2027-03-01"),
				    "overdue", "Reminder: Acme; Data, Brokers \\ Ltd",
				    "Line one\nLine two, with; specials\\\r\nLine three", 3 };
	ev[2] = (struct ics_event){ "OBJ-2026-ZZZZ0000", "領英 LinkedIn Corporation", D("2024-02-29"), "reminded",
				    NULL,
				    "個人資料（私隱）條例第2(3)條：撤回同意。Zoë Łukasiewicz-Øster asked on "
				    "2026-11-29; the company did not answer. 個人資料私隱專員公署 "
				    "個人資料私隱專員公署 個人資料私隱專員公署 😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀",
				    12 };
}

static int write_sample(void)
{
	struct ics_event ev[3];
	sample(ev);
	struct buf out = BUF_INIT;
	char *err = NULL;
	const char *stamp = getenv("ICS_DTSTAMP");
	struct ics_opts o = { NULL, stamp ? stamp : "20261129T120000Z", "objector" };
	if (ics_write(&out, ev, 3, &o, &err)) {
		fprintf(stderr, "test-ics: %s\n", err);
		return 1;
	}
	fwrite(out.data, 1, out.len, stdout);
	buf_free(&out);
	return 0;
}

static int lines_ok(const char *s, size_t len, int *maxlen, int *bare_lf, int *split_utf8)
{
	*maxlen = 0, *bare_lf = 0, *split_utf8 = 0;
	const char *p = s, *end = s + len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			return 0;	/* last line without CRLF */
		if (nl == p || nl[-1] != '\r')
			(*bare_lf)++;
		int n = (int)(nl - p - 1);
		if (n > *maxlen)
			*maxlen = n;
		/* a continuation line must not start inside a character */
		if (*p == ' ' && p + 1 < nl && ((unsigned char)p[1] & 0xC0) == 0x80)
			(*split_utf8)++;
		p = nl + 1;
	}
	return 1;
}

/* unfold: the logical lines (CRLF + space removed). */
static char *unfold(const char *s)
{
	struct buf b = BUF_INIT;
	for (const char *p = s; *p; p++) {
		if (p[0] == '\r' && p[1] == '\n' && p[2] == ' ') {
			p += 2;
			continue;
		}
		BUF_MUST(buf_addc(&b, *p));
	}
	return buf_detach(&b, NULL);
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--sample") == 0)
		return write_sample();

	struct buf b = BUF_INIT;
	ics_text(&b, "a,b;c\\d\ne\r\nf\rg\x01h\ti");
	is_str(b.data, "a\\,b\\;c\\\\d\\ne\\nf\\ng" "h\ti", "TEXT escaping");
	buf_free(&b);

	char line[200];
	memset(line, 'x', sizeof line);
	ics_line(&b, line, 75);
	is_str(b.data + 75, "\r\n", "75 octets: one line");
	buf_free(&b);
	ics_line(&b, line, 76);
	ok(b.len == 76 + 2 + 3 && memcmp(b.data + 75, "\r\n x\r\n", 6) == 0, "76 octets: folded after 75");
	buf_free(&b);
	ics_line(&b, line, 75 + 74 + 1);
	ok(memcmp(b.data + 75, "\r\n ", 3) == 0 && memcmp(b.data + 75 + 3 + 74, "\r\n x\r\n", 6) == 0,
	   "continuation lines carry 74 octets after the space");
	buf_free(&b);
	/* 74 x's then a 3-byte character: it does not fit on the first line */
	char u[100];
	memset(u, 'x', 74);
	memcpy(u + 74, "€€", 6);
	ics_line(&b, u, 80);
	ok(memcmp(b.data + 74, "\r\n €€\r\n", 11) == 0, "a UTF-8 character is not split");
	buf_free(&b);

	char st[17];
	ics_dtstamp(0, st);
	is_str(st, "19700101T000000Z", "DTSTAMP of the epoch");
	ics_dtstamp(1795953600, st);
	is_str(st, "20261129T120000Z", "DTSTAMP in UTC");

	struct ics_event ev[3];
	sample(ev);
	struct ics_opts o = { NULL, "20261129T120000Z", NULL };
	char *err = NULL;
	is_int(ics_write(&b, ev, 3, &o, &err), 0, "write a calendar");
	int maxlen, bare, split;
	ok(lines_ok(b.data, b.len, &maxlen, &bare, &split), "every line ends in CRLF");
	ok(maxlen <= 75, "no line longer than 75 octets (longest %d)", maxlen);
	is_int(bare, 0, "no bare LF");
	is_int(split, 0, "no line starts inside a UTF-8 character");
	ok(strncmp(b.data, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//objector//objector " VERSION "//EN\r\n",
		   strlen("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//objector//objector " VERSION "//EN\r\n")) == 0,
	   "VCALENDAR, VERSION, PRODID first");
	ok(b.len > 15 && strcmp(b.data + b.len - 15, "END:VCALENDAR\r\n") == 0, "ends with END:VCALENDAR");
	char *un = unfold(b.data);
	ok(strstr(un, "\r\nUID:OBJ-2026-7K3M9QXA-due@objector\r\n") != NULL, "stable UID from the reference");
	ok(strstr(un, "\r\nDTSTART;VALUE=DATE:20261229\r\nDTEND;VALUE=DATE:20261230\r\n") != NULL,
	   "all-day event on the due date");
	ok(strstr(un, "\r\nDTSTART;VALUE=DATE:20240229\r\nDTEND;VALUE=DATE:20240301\r\n") != NULL,
	   "DTEND after 29 February");
	ok(strstr(un, "\r\nDTSTAMP:20261129T120000Z\r\n") != NULL, "DTSTAMP");
	ok(strstr(un, "\r\nSUMMARY:Answer due: LinkedIn (OBJ-2026-7K3M9QXA)\r\n") != NULL, "default summary");
	ok(strstr(un, "\r\nSUMMARY:Reminder: Acme\\; Data\\, Brokers \\\\ Ltd\r\n") != NULL, "summary escaped");
	ok(strstr(un, "Line one\\nLine two\\, with\\; specials\\\\\\nLine three") != NULL,
	   "description: newlines and specials escaped");
	ok(strstr(un, "\r\nSEQUENCE:3\r\n") != NULL, "SEQUENCE");
	ok(strstr(un, "\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-P1D\r\n") != NULL, "an alarm the day before");
	ok(strstr(un, "😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀") != NULL, "unfolding gives the text back");
	size_t nev = 0;
	for (const char *p = un; (p = strstr(p, "BEGIN:VEVENT")); p++)
		nev++;
	is_int((long)nev, 3, "three events");
	free(un);

	/* the same cases again: the same UIDs, byte for byte the same file */
	struct buf b2 = BUF_INIT;
	ics_write(&b2, ev, 3, &o, &err);
	ok(b.len == b2.len && memcmp(b.data, b2.data, b.len) == 0, "deterministic");
	buf_free(&b2);
	buf_free(&b);

	ev[0].reference = "OBJ 1";
	is_int(ics_write(&b, ev, 1, &o, &err), 65, "a reference with a space refused");
	is_str(err, "'OBJ 1' cannot name a calendar event (letters, digits, '-', '_', '.')", "its message");
	free(err);
	is_int((long)b.len, 0, "nothing written");
	ev[0].reference = "OBJ-1";
	ev[0].company = "bad \xC3";
	is_int(ics_write(&b, ev, 1, &o, &err), 65, "invalid UTF-8 refused");
	free(err);
	ev[0].company = "ok";
	o.dtstamp = "2026-11-29";
	is_int(ics_write(&b, ev, 1, &o, &err), 65, "a DTSTAMP of the wrong form refused");
	free(err);
	o.dtstamp = "20261129T120000Z";
	is_int(ics_write(&b, ev, 0, &o, &err), 0, "no cases: an empty calendar");
	ok(strstr(b.data, "VEVENT") == NULL && strstr(b.data, "END:VCALENDAR") != NULL, "empty calendar is valid");
	buf_free(&b);

	struct buf small;
	buf_init(&small, 100);
	is_int(ics_write(&small, ev, 1, &o, &err), 70, "size limit reached");
	is_int((long)small.len, 0, "out left as it was");
	free(err);
	buf_free(&small);
	return done_testing();
}
