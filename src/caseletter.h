/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * caseletter.h: the letters of a case after the first (remind, complain):
 * the case's variables (templates/CASE-VARIABLES.md) from the journal and
 * the answers the original was made from, composed by compose_case in the
 * case's jurisdiction and language, written as PDF or text, and sent.
 *
 * The answers: the copy journaled with the letter ("answers", relative to
 * the state directory: submit.h keeps it), or the file given (cases
 * journaled by older versions). The new deadline of a reminder:
 * data/reminders.yaml (14 days, not statutory). The authority of a
 * complaint: --authority ID (data/authorities.yaml), else the requester's
 * own as compose gives it; its complaint channel (data/authorities.yaml,
 * `complaint:`) decides how --send goes.
 *
 * Messages are printed here (diag.h, term.h); return values are exit codes.
 */
#ifndef OBJECTOR_CASELETTER_H
#define OBJECTOR_CASELETTER_H

struct cmd_entry;
struct cmd_args;

struct caseletter_cmd {
	const char *kind;	/* "remind" or "complain" */
	const char *output, *format, *answers, *authority;
	int send, force;
};

int caseletter_run(const struct cmd_entry *self, const char *reference,
		   const struct caseletter_cmd *o);

#endif
