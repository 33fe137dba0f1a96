/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd-remind.c: `objector remind REF [-o FILE] [--format pdf|text] [--send]
 * [--answers FILE] [--force]`: the reminder of a case whose answer is
 * overdue (caseletter.h does the work).
 */
#include "config.h"

#include <stddef.h>

#include "caseletter.h"
#include "cmd.h"
#include "i18n.h"

enum { O_OUTPUT, O_FORMAT, O_SEND, O_ANSWERS, O_FORCE };
static const struct cmd_opt opts[] = {
	[O_OUTPUT] = { "output", 'o', CMD_ARG },
	[O_FORMAT] = { "format", 'f', CMD_ARG },
	[O_SEND] = { "send", 0, CMD_FLAG },
	[O_ANSWERS] = { "answers", 0, CMD_ARG },
	[O_FORCE] = { "force", 0, CMD_FLAG },
	{ NULL, 0, 0 },
};

static int remind_exec(const struct cmd_entry *self, const struct cmd_args *args)
{
	if (args->argc != 1)
		return cmd_usage_error(self, args->argc ? _("one reference only") : _("which case? give its reference"));
	struct caseletter_cmd o = {
		.kind = "remind",
		.output = args->opt[O_OUTPUT],
		.format = args->opt[O_FORMAT],
		.answers = args->opt[O_ANSWERS],
		.send = args->opt[O_SEND] != NULL,
		.force = args->opt[O_FORCE] != NULL,
	};
	return caseletter_run(self, args->argv[0], &o);
}

const struct cmd_entry cmd_remind_entry = {
	.name = "remind",
	.args = "REF [-o FILE] [--format pdf|text] [--send] [--answers FILE] [--force]",
	.summary = N_("write (and send) a reminder when the answer is overdue"),
	.help = N_("  -o, --output FILE     where to write it (default REF-reminder.pdf or .txt;\n"
		"                        - for standard output)\n"
		"  -f, --format FORMAT   pdf (default) or text\n"
		"      --send            send it the way the letter went: e-mail to the same\n"
		"                        address (journaled as a reminder); post or web form:\n"
		"                        says what to do\n"
		"      --answers FILE    the answers the letter was made from (for letters sent\n"
		"                        by older versions, which kept no copy)\n"
		"      --force           write one before the due date has passed\n"),
	.notes = N_("\nThe reminder cites the letter's date and reference, the deadline that passed\n"
		"and its basis, and sets a new deadline of 14 days (data/reminders.yaml: not a\n"
		"statutory period).\n"),
	.opts = opts,
	.exec = remind_exec,
};
