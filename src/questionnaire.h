/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * questionnaire.h: the questions of `objector new`, as data, asked on any
 * pair of streams.
 *
 * The questions come from data/questionnaire.yaml (its header documents the
 * fields), their prompts and one-line help from the locale (questions.ID).
 * qn_ask fills an answers tree (a built ynode mapping, ydoc.h) with what is
 * missing from it: it asks only the questions whose key is absent, derives
 * what the catalogue decides (the jurisdiction from the country), checks
 * every answer as it comes and asks again, with the reason, when it is
 * invalid. It reads one answer per line: an empty line takes the default, a
 * multi-line answer ends with an empty line, `?` shows the help.
 *
 * Nothing typed is written anywhere but into the tree: messages about an
 * invalid answer never quote it. The streams are borrowed; whether `in` is a
 * terminal changes only the hints printed (help on `?`).
 *
 * A struct questionnaire owns its documents (qn_free). Status codes are
 * enum qn_status; *errstr is set (allocated) only for QN_DATA and QN_IOERR.
 */
#ifndef OBJECTOR_QUESTIONNAIRE_H
#define OBJECTOR_QUESTIONNAIRE_H

#include <signal.h>
#include <stdio.h>

struct catalog;
struct locale;
struct ynode;
struct answers;
struct date;

enum qn_status {
	QN_OK = 0,
	QN_EOF,			/* the input ended before the answers were complete */
	QN_INTERRUPTED,		/* *interrupted became non-zero (SIGINT) */
	QN_DECLINED,		/* the user did not confirm */
	QN_DATA,		/* a broken questionnaire file or answers tree */
	QN_IOERR,		/* reading or writing the streams failed */
};

struct qn_io {
	FILE *in, *out;			/* answers come from in; prompts go to out */
	int tty;			/* in is a terminal: show hints for `?` */
	int show_values;		/* the summary may show the answers (out is a terminal) */
	const char *in_name;		/* for messages: "standard input" */
	const struct catalog *cat;
	const char *data_dir;		/* for installed templates (letter languages) */
	const struct locale *loc;	/* prompts, help, messages (fallback: built-in English) */
	volatile sig_atomic_t *interrupted;	/* or NULL */
};

struct questionnaire;

/* qn_load: data_dir/data/questionnaire.yaml. QN_DATA with "FILE:LINE:COL:
 * message" for a broken file. */
int qn_load(const char *data_dir, struct questionnaire **out, char **errstr);
void qn_free(struct questionnaire *q);

/* qn_check_preset: check the answers already in root (from an --answers
 * file, positions kept) against the questions. A key that no question asks
 * and data/questionnaire.yaml's other_keys does not list is an error that
 * asking cannot mend: QN_DATA with "FILE:LINE:COL: unknown key ...". Each
 * invalid answer is reported on io->out as "FILE:LINE:COL: 'KEY':" and the
 * reason, and removed from root, so that qn_ask asks it again; QN_OK. */
int qn_check_preset(const struct questionnaire *q, const struct qn_io *io, struct ynode *root,
		    const char *file, char **errstr);

/* qn_ask: ask every question whose key root lacks (and whose condition
 * holds), storing the answers into root (a mapping). */
int qn_ask(const struct questionnaire *q, const struct qn_io *io, struct ynode *root,
	   char **errstr);

/* qn_ask_per_company: when several companies were chosen (the controller
 * answer is a sequence, and qn_ask left out the questions marked
 * per_company), ask those for one company: root is a copy of the answers
 * with that company's id as the controller. */
int qn_ask_per_company(const struct questionnaire *q, const struct qn_io *io,
		       struct ynode *root, char **errstr);

/* qn_summary: the answers as a person reads them (values only with
 * io->show_values), on io->out. */
void qn_summary(const struct questionnaire *q, const struct qn_io *io, const struct answers *a);

/* qn_confirm: "Write the answers file and the letter? [Y/n]". QN_OK for yes,
 * QN_DECLINED for no, QN_EOF / QN_INTERRUPTED / QN_IOERR. */
int qn_confirm(const struct qn_io *io);

/* qn_file_stem: "objection-CONTROLLER-JURISDICTION-YYYY-MM-DD" for validated
 * answers; an inline controller's name is made into a short ASCII slug
 * ("other" when nothing is left of it). Caller frees. */
char *qn_file_stem(const struct answers *a);

#endif
