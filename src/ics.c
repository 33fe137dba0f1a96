/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ics.c: an iCalendar file of due dates; see ics.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include "i18n.h"
#include "buf.h"
#include "ics.h"
#include "utf8.h"
#include "xalloc.h"

#define ICS_FOLD 75	/* octets per line, CRLF not counted (RFC 5545 3.1) */

int ics_line(struct buf *out, const char *line, size_t len)
{
	size_t room = ICS_FOLD;	/* the first line has 75 octets, the others a space and 74 */
	while (len > room) {
		size_t n = room;
		while (n > 0 && ((unsigned char)line[n] & 0xC0) == 0x80)
			n--;	/* never cut inside a UTF-8 character */
		if (n == 0)
			n = room;	/* not UTF-8: cannot happen after the checks */
		if (buf_add(out, line, n) || buf_add(out, "\r\n ", 3))
			return -1;
		line += n;
		len -= n;
		room = ICS_FOLD - 1;
	}
	if (buf_add(out, line, len) || buf_add(out, "\r\n", 2))
		return -1;
	return 0;
}

int ics_text(struct buf *out, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		int rc;
		if (c == '\\' || c == ';' || c == ',')
			rc = buf_addc(out, '\\') || buf_addc(out, c);
		else if (c == '\n')
			rc = buf_add(out, "\\n", 2);
		else if (c == '\r' && s[1] == '\n')
			continue;	/* CRLF is one line break */
		else if (c == '\r')
			rc = buf_add(out, "\\n", 2);
		else if ((c < 0x20 && c != '\t') || c == 0x7F)
			continue;	/* TEXT allows no other control characters */
		else
			rc = buf_addc(out, c);
		if (rc)
			return -1;
	}
	return 0;
}

void ics_dtstamp(time_t t, char s[17])
{
	struct tm tm;
	gmtime_r(&t, &tm);
	if (strftime(s, 17, "%Y%m%dT%H%M%SZ", &tm) != 16)
		snprintf(s, 17, "19700101T000000Z");
}

static int valid_dtstamp(const char *s)
{
	if (!s || strlen(s) != 16 || s[8] != 'T' || s[15] != 'Z')
		return 0;
	for (int i = 0; i < 15; i++)
		if (i != 8 && (s[i] < '0' || s[i] > '9'))
			return 0;
	return 1;
}

static int valid_reference(const char *r)
{
	size_t n = r ? strlen(r) : 0;
	if (n == 0 || n > 64)
		return 0;
	for (; *r; r++)
		if (!((*r >= 'A' && *r <= 'Z') || (*r >= 'a' && *r <= 'z') || (*r >= '0' && *r <= '9') ||
		      *r == '-' || *r == '_' || *r == '.'))
			return 0;
	return 1;
}

static int valid_text(const char *s)
{
	return !s || utf8_valid(s, strlen(s));
}

/* prop: one property NAME:VALUE where value is already in its final form. */
static int prop(struct buf *out, struct buf *tmp, const char *name, const char *value)
{
	buf_truncate(tmp, 0);
	if (buf_printf(tmp, "%s:%s", name, value))
		return -1;
	return ics_line(out, tmp->data, tmp->len);
}

/* prop_text: one property whose value is TEXT, escaped here. */
static int prop_text(struct buf *out, struct buf *tmp, const char *name, const char *text)
{
	buf_truncate(tmp, 0);
	if (buf_printf(tmp, "%s:", name) || ics_text(tmp, text))
		return -1;
	return ics_line(out, tmp->data, tmp->len);
}

static int write_event(struct buf *out, struct buf *tmp, const struct ics_event *e,
		       const char *dtstamp)
{
	char d0[11], d1[11], uid[96], seq[24];
	struct date next = date_add_days(e->due, 1);
	date_iso(e->due, d0);
	date_iso(next, d1);
	/* DATE values are YYYYMMDD */
	char s0[9] = { d0[0], d0[1], d0[2], d0[3], d0[5], d0[6], d0[8], d0[9], 0 };
	char s1[9] = { d1[0], d1[1], d1[2], d1[3], d1[5], d1[6], d1[8], d1[9], 0 };
	const char *company = e->company ? e->company : "";
	char *summary = e->summary ? xstrdup(e->summary)
				   : xasprintf("Answer due: %s (%s)", company, e->reference);
	char *desc = xasprintf("Case %s, %s: the answer is due on %s.%s%s%s%s", e->reference, company, d0,
			       e->state ? " State: " : "", e->state ? e->state : "",
			       e->description ? "\n" : "", e->description ? e->description : "");
	char *alarm = xasprintf("Tomorrow: %s", summary);
	snprintf(uid, sizeof uid, "%s-due@objector", e->reference);	/* reference: 64 at most */
	snprintf(seq, sizeof seq, "%u", e->sequence);
	int rc = ics_line(out, "BEGIN:VEVENT", 12) ||
		 prop(out, tmp, "UID", uid) ||
		 prop(out, tmp, "DTSTAMP", dtstamp) ||
		 prop(out, tmp, "SEQUENCE", seq) ||
		 prop(out, tmp, "DTSTART;VALUE=DATE", s0) ||
		 prop(out, tmp, "DTEND;VALUE=DATE", s1) ||
		 prop_text(out, tmp, "SUMMARY", summary) ||
		 prop_text(out, tmp, "DESCRIPTION", desc) ||
		 (e->state && prop_text(out, tmp, "CATEGORIES", e->state)) ||
		 prop(out, tmp, "TRANSP", "TRANSPARENT") ||
		 ics_line(out, "BEGIN:VALARM", 12) ||
		 prop(out, tmp, "ACTION", "DISPLAY") ||
		 prop(out, tmp, "TRIGGER", "-P1D") ||
		 prop_text(out, tmp, "DESCRIPTION", alarm) ||
		 ics_line(out, "END:VALARM", 10) ||
		 ics_line(out, "END:VEVENT", 10);
	free(summary);
	free(desc);
	free(alarm);
	return rc ? -1 : 0;
}

int ics_write(struct buf *out, const struct ics_event *ev, size_t n, const struct ics_opts *o,
	      char **errstr)
{
	if (!valid_dtstamp(o->dtstamp)) {
		*errstr = xasprintf(_("'%s' is not a UTC time YYYYMMDDTHHMMSSZ"), o->dtstamp ? o->dtstamp : "");
		return EX_DATAERR;
	}
	for (size_t i = 0; i < n; i++) {
		const struct ics_event *e = &ev[i];
		if (!valid_reference(e->reference)) {
			*errstr = xasprintf(_("'%s' cannot name a calendar event (letters, digits, '-', '_', '.')"),
					    e->reference ? e->reference : "");
			return EX_DATAERR;
		}
		if (!valid_text(e->company) || !valid_text(e->state) || !valid_text(e->summary) ||
		    !valid_text(e->description) || !valid_text(o->name)) {
			*errstr = xasprintf(_("%s: invalid UTF-8 in the calendar text"), e->reference);
			return EX_DATAERR;
		}
	}
	size_t len0 = out->len;
	struct buf tmp = BUF_INIT;
	char *prodid = o->prodid ? xstrdup(o->prodid) : xasprintf("-//objector//objector %s//EN", VERSION);
	int rc = ics_line(out, "BEGIN:VCALENDAR", 15) ||
		 prop(out, &tmp, "VERSION", "2.0") ||
		 prop_text(out, &tmp, "PRODID", prodid) ||
		 prop(out, &tmp, "CALSCALE", "GREGORIAN") ||
		 prop(out, &tmp, "METHOD", "PUBLISH") ||
		 (o->name && prop_text(out, &tmp, "X-WR-CALNAME", o->name));
	for (size_t i = 0; !rc && i < n; i++)
		rc = write_event(out, &tmp, &ev[i], o->dtstamp);
	rc = rc || ics_line(out, "END:VCALENDAR", 13);
	free(prodid);
	buf_free(&tmp);
	if (rc) {
		buf_truncate(out, len0);
		*errstr = xasprintf(_("the calendar is too large"));
		return EX_SOFTWARE;
	}
	return 0;
}
