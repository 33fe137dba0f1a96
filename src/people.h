/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * people.h: the people of a batch (`objector batch PEOPLE`), one answers
 * document per person, read as a stream.
 *
 * PEOPLE is a CSV file (csv.h; any name not ending in .yaml or .yml) or a
 * YAML list of answers mappings (.yaml, .yml), each item starting with "- "
 * in column 1. A CSV file has a header row naming its columns after the
 * answers keys: name, email, account, address (its lines separated by
 * " / ") or address1..address6, country, jurisdiction, language, reasons,
 * erase_trained, place, date, and optionally controller, paper, envelope,
 * region (a German Land where the postcode gives none; answers.h).
 * name, email, an address and country or jurisdiction are required
 * columns; an empty field is an answer not given; jurisdiction, left out
 * or empty, is the one the country's residents write under. Each row
 * becomes an answers tree (requester: {name, address, email, account},
 * ...) whose nodes carry the row's lines and columns, so that answers.h
 * reports a problem as "FILE:LINE:COL" of the CSV file; people_column
 * names the column at such a position.
 *
 * Memory does not grow with the number of people: one row or item is held
 * at a time. Status codes are sysexits values; *errstr is set only on
 * failure ("FILE:LINE:COL: message").
 */
#ifndef OBJECTOR_PEOPLE_H
#define OBJECTOR_PEOPLE_H

struct catalog;
struct ydoc;

struct people;

/* people_open: EX_NOINPUT when path cannot be read, EX_DATAERR for a bad
 * CSV header (an unknown, repeated or missing column). */
int people_open(const struct catalog *cat, const char *path, struct people **out,
		char **errstr);
/* people_next: 1 and *doc (the next person's answers, not yet validated:
 * answers_from_doc does that; the caller frees it), 0 at the end, or an
 * exit code with *errstr (the input cannot be read on). */
int people_next(struct people *p, struct ydoc **doc, char **errstr);
/* people_index: the 1-based number of the person last returned. */
unsigned long people_index(const struct people *p);
/* people_line: the line where that person starts. */
int people_line(const struct people *p);
/* people_column: for a CSV file, the name of the column holding position
 * line:col of the row last returned (NULL otherwise). */
const char *people_column(const struct people *p, int line, int col);
void people_close(struct people *p);

#endif
