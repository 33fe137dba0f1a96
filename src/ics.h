/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ics.h: due dates as an iCalendar file (RFC 5545), for `log --format ics`.
 *
 * One VCALENDAR (VERSION 2.0, a PRODID, METHOD PUBLISH) holding one VEVENT
 * per case: an all-day event on the due date (DTSTART;VALUE=DATE, DTEND the
 * day after), UID "REFERENCE-due@objector" so that importing the file again
 * updates the event instead of adding a second one, SEQUENCE from the
 * caller (raise it when the case changes), DTSTAMP, SUMMARY and DESCRIPTION,
 * and a VALARM (ACTION:DISPLAY, TRIGGER:-P1D) the day before.
 *
 * Text values are escaped (backslash, semicolon, comma, newline as \n;
 * other control characters dropped), lines are folded at 75 octets without
 * splitting a UTF-8 character, and every line ends in CRLF.
 *
 * Pure: no I/O and no clock (the caller passes DTSTAMP). Ownership: all
 * parameters are borrowed. Errors: EX_DATAERR with *errstr (a reference
 * that cannot make a UID, a DTSTAMP of the wrong form, invalid UTF-8),
 * EX_SOFTWARE if out's size limit is reached; out is left as it was.
 */
#ifndef OBJECTOR_ICS_H
#define OBJECTOR_ICS_H

#include <stddef.h>
#include <time.h>

#include "date.h"

struct buf;

struct ics_event {
	const char *reference;		/* "OBJ-2026-..." ([A-Za-z0-9._-], 1..64) */
	const char *company;		/* "LinkedIn" */
	struct date due;
	const char *state;		/* "waiting", "overdue", "reminded", ... */
	const char *summary;		/* one line; NULL: "Answer due: COMPANY (REFERENCE)" */
	const char *description;	/* more lines, or NULL */
	unsigned sequence;		/* 0 for a new case */
};

struct ics_opts {
	const char *prodid;		/* NULL: "-//objector//objector VERSION//EN" */
	const char *dtstamp;		/* UTC "YYYYMMDDTHHMMSSZ" (ics_dtstamp) */
	const char *name;		/* X-WR-CALNAME, or NULL */
};

/* ics_write: append the calendar for n events to out. */
int ics_write(struct buf *out, const struct ics_event *ev, size_t n, const struct ics_opts *o,
	      char **errstr);
/* ics_dtstamp: t as a UTC DATE-TIME "YYYYMMDDTHHMMSSZ" into s (17 bytes). */
void ics_dtstamp(time_t t, char s[17]);
/* ics_text: append s escaped as an RFC 5545 TEXT value (no folding). */
int ics_text(struct buf *out, const char *s);
/* ics_line: append one content line, folded at 75 octets, ending in CRLF. */
int ics_line(struct buf *out, const char *line, size_t len);

#endif
