/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd-complain.c: `objector complain REF [-o FILE] [--format pdf|text]
 * [--authority ID] [--send] [--answers FILE]`: the complaint (or report) to
 * the authority (caseletter.h does the work).
 */
#include "config.h"

#include <stddef.h>

#include "caseletter.h"
#include "cmd.h"
#include "i18n.h"

enum { O_OUTPUT, O_FORMAT, O_AUTHORITY, O_SEND, O_ANSWERS };
static const struct cmd_opt opts[] = {
	[O_OUTPUT] = { "output", 'o', CMD_ARG },
	[O_FORMAT] = { "format", 'f', CMD_ARG },
	[O_AUTHORITY] = { "authority", 0, CMD_ARG },
	[O_SEND] = { "send", 0, CMD_FLAG },
	[O_ANSWERS] = { "answers", 0, CMD_ARG },
	{ NULL, 0, 0 },
};

static int complain_exec(const struct cmd_entry *self, const struct cmd_args *args)
{
	if (args->argc != 1)
		return cmd_usage_error(self, args->argc ? _("one reference only") : _("which case? give its reference"));
	struct caseletter_cmd o = {
		.kind = "complain",
		.output = args->opt[O_OUTPUT],
		.format = args->opt[O_FORMAT],
		.authority = args->opt[O_AUTHORITY],
		.answers = args->opt[O_ANSWERS],
		.send = args->opt[O_SEND] != NULL,
	};
	return caseletter_run(self, args->argv[0], &o);
}

const struct cmd_entry cmd_complain_entry = {
	.name = "complain",
	.args = "REF [-o FILE] [--format pdf|text] [--authority ID] [--send] [--answers FILE]",
	.summary = N_("write (and send) the complaint to the data protection authority"),
	.help = N_("  -o, --output FILE     where to write it (default REF-complaint.pdf or .txt;\n"
		"                        - for standard output)\n"
		"  -f, --format FORMAT   pdf (default) or text\n"
		"      --authority ID    the authority (data/authorities.yaml); default: your\n"
		"                        own (EEA: your country's, in Germany your Land's, under\n"
		"                        Art. 77 GDPR; ico; fdpic, a report under Art. 49 FADP;\n"
		"                        opc, or cai for Quebec residents; pcpd)\n"
		"      --send            by e-mail where the authority takes complaints by\n"
		"                        e-mail (journaled as a complaint); else prints its\n"
		"                        online form and the text to paste, or where to post it\n"
		"      --answers FILE    the answers the letter was made from (for letters sent\n"
		"                        by older versions, which kept no copy)\n"),
	.notes = N_("\nIt states who you are, the company, what you asked when and what was answered,\n"
		"and lists the evidence as annexes (objector dossier REF puts it in one PDF).\n"),
	.opts = opts,
	.exec = complain_exec,
};
