/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * qn-fields.h: what each kind of question accepts, inside the questionnaire
 * (questionnaire.c is the engine: asking, asking again, terminal or pipe,
 * the summary and the confirmation; qn-fields.c reads a typed answer as the
 * question's type wants it). Not for use outside questionnaire*.c and
 * qn-fields.c.
 *
 * The rules for the text of a field (characters, lengths, e-mail addresses,
 * dates) are valid.h's; here they are applied to typed answers, and the
 * answers that name something in the catalogue (a country by name or alias,
 * a choice by number, code or label, yes/no in the question language) are
 * looked up. A check fills a struct verdict: a node (owned by the caller)
 * for a valid answer, else the reason as a locale key (new.*) or a static
 * English phrase. Messages never quote what was typed.
 */
#ifndef OBJECTOR_QN_FIELDS_H
#define OBJECTOR_QN_FIELDS_H

#include <stddef.h>

struct qn_io;
struct ydoc;
struct ynode;

enum qtype { Q_CHOICE, Q_TEXT, Q_MULTI, Q_EMAIL, Q_YESNO, Q_DATE, Q_COUNTRY };
enum qsrc { SRC_NONE, SRC_LIST, SRC_JURISDICTIONS, SRC_CONTROLLERS, SRC_LANGUAGES,
	    SRC_SITUATIONS };

struct question {
	const char *id;
	enum qtype type;
	int required;
	const char *def;		/* literal default, or NULL */
	enum qsrc src;
	const struct ynode *codes;	/* SRC_LIST: a sequence of codes */
	int other;
	const char *derive;		/* the key this answer can follow from, or NULL */
	const char *unless;		/* not asked when this answer is given, or NULL */
	const struct ynode *when;	/* a mapping, or NULL */
	int as_text;
	int per_company;		/* asked for each company when several are chosen */
	int several;			/* a choice of several: "1,3", codes; a list */
	size_t max_lines, max_length;
};

struct questionnaire {
	struct ydoc *doc;
	const struct ynode *aliases;	/* a mapping name -> code, or NULL */
	const struct ynode *extra;	/* keys no question asks but a file may hold */
	struct question *q;
	size_t n;
};

/* The choices a choice question offers, with their labels (owned). */
struct choice {
	const char *code;
	char *label;
};

struct choices {
	struct choice *v;
	size_t n;
	const char *def;	/* a code, or NULL */
};

/* A check returns NULL and a node (owned) for a valid answer, or a problem
 * (locale key or static English text in *why_text) for an invalid one. */
struct verdict {
	struct ynode *node;
	const char *why_key;	/* a locale key (new.*) */
	const char *why_text;	/* or a static English phrase (valid_why) */
	const char *arg;	/* {name} for the message: catalogue text, never typed text */
	const char *arg2;
	const char *arg3;
	char chr[9];		/* {char}: "U+202E", for a refused character */
	char pos[24];		/* {pos}: its number in the answer */
};

/* qn_lq: the locale's questions.ID.FIELD, or NULL. */
const char *qn_lq(const struct qn_io *io, const char *id, const char *field);
/* qn_trimmed: a copy without leading and trailing blanks; caller frees. */
char *qn_trimmed(const char *s);

/* qn_choices_build: the choices of a choice question, given the answers so
 * far (root); qn_choices_free releases them. */
void qn_choices_build(const struct question *qu, const struct qn_io *io,
		      const struct ynode *root, struct choices *cs);
void qn_choices_free(struct choices *cs);
/* qn_language_label: a language's name for people; caller frees. */
char *qn_language_label(const char *data_dir, const char *tag);

/* qn_yesno: 1 for yes, 0 for no (English or the question language's own
 * words), -1 otherwise. */
int qn_yesno(const struct qn_io *io, const char *s);
/* qn_check_raw: a line as read, len bytes: refused (a NUL inside) or not. */
void qn_check_raw(const char *line, size_t len, struct verdict *v);
/* qn_check_line: one line of text for qu (valid_line, at most its max_length). */
void qn_check_line(const struct question *qu, const char *s, struct verdict *v);
/* qn_check_text_line: one more line (len bytes) of a free-text answer that
 * holds sofar bytes: its characters (valid_text), then the length of all. */
void qn_check_text_line(const struct question *qu, const char *line, size_t len, size_t sofar,
			struct verdict *v);
/* qn_check_single: a one-line answer (not multi-line, not blank) for qu. */
void qn_check_single(const struct questionnaire *q, const struct question *qu,
		     const struct qn_io *io, const struct ynode *root, const char *s,
		     const struct choices *cs, struct verdict *v);

#endif
