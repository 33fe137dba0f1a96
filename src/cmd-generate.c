/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd-generate.c: `objector generate ANSWERS [-o FILE] [--format pdf|text]`:
 * write the letter for an answers file, asking nothing.
 *
 * The output is built in memory, then written to a temporary file beside
 * the target and renamed over it (0600: it holds personal data), so a
 * failure never leaves half a letter; "-" writes to standard output, and a
 * device or a FIFO is written into, never replaced (file_write_out). Unlike
 * `new` and `send --eml`, generate replaces an existing regular file: it
 * renders the letter again from the answers file, as a compiler's -o does.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "buf.h"
#include "cmd.h"
#include "compose.h"
#include "diag.h"
#include "i18n.h"
#include "fileio.h"
#include "letter.h"
#include "pdf.h"
#include "plan.h"
#include "term.h"
#include "xalloc.h"

/* default_output: ANSWERS with its .yaml/.yml replaced by .EXT. */
static char *default_output(const char *answers, const char *ext)
{
	size_t n = strlen(answers);
	if (n > 5 && strcmp(answers + n - 5, ".yaml") == 0)
		n -= 5;
	else if (n > 4 && strcmp(answers + n - 4, ".yml") == 0)
		n -= 4;
	return xasprintf("%.*s.%s", (int)n, answers, ext);
}

enum { O_OUTPUT, O_FORMAT };
static const struct cmd_opt opts[] = {
	[O_OUTPUT] = { "output", 'o', CMD_ARG },
	[O_FORMAT] = { "format", 'f', CMD_ARG },
	{ NULL, 0, 0 },
};

static int generate(const struct cmd_entry *self, const struct cmd_args *args);

const struct cmd_entry cmd_generate_entry = {
	.name = "generate",
	.args = "ANSWERS [-o FILE] [--format pdf|text]",
	.summary = N_("write the letter for an answers file, asking nothing"),
	.help = N_("  -o, --output FILE     where to write it ('-' for standard output; default: the\n"
		"                        answers file's name with .pdf or .txt)\n"
		"  -f, --format FORMAT   pdf (default) or text (UTF-8, the e-mail body)\n"),
	.opts = opts,
	.exec = generate,
};

static int generate(const struct cmd_entry *self, const struct cmd_args *args)
{
	const char *output = args->opt[O_OUTPUT];
	const char *format = args->opt[O_FORMAT] ? args->opt[O_FORMAT] : "pdf";
	if (strcmp(format, "pdf") != 0 && strcmp(format, "text") != 0) {
		errmsg(_("unknown format '%s' (pdf or text)"), format);
		return EX_USAGE;
	}
	if (args->argc != 1)
		return cmd_usage_error(self, args->argc == 0 ? "which answers file?"
							     : "one answers file at a time");
	const char *answers = args->argv[0];

	const struct catalog *cat;
	int rc = app_catalog(&cat);
	if (rc)
		return rc;
	struct letter *l;
	char *err = NULL;
	rc = compose_file(cat, app_data_dir(), answers, &l, &err);
	if (rc) {
		errmsg("%s", err);
		free(err);
		return rc;
	}

	for (size_t i = 0; i < l->warnings.n; i++)
		errmsg(_("warning: %s"), l->warnings.v[i]);
	struct buf out = BUF_INIT;
	if (strcmp(format, "text") == 0) {
		letter_text(l, &out);
	} else {
		rc = pdf_render(l, NULL, &out, &err);
	}
	char *path = output ? xstrdup(output) : default_output(answers, strcmp(format, "text") == 0 ? "txt" : "pdf");
	if (!rc)
		rc = file_write_out(path, out.data, out.len, 0600, 1, &err);
	if (rc) {
		errmsg("%s", err);
		free(err);
	} else {
		if (strcmp(path, "-") != 0)
			printf("%s\n", path);
		/* how to send it: the plan, on standard error */
		struct plan_values v;
		plan_values_of(l, &v);
		v.answers_file = answers;
		v.letter_file = strcmp(path, "-") != 0 && strcmp(format, "pdf") == 0 ? path : NULL;
		struct buf b = BUF_INIT;
		plan_letter_text(l, &v, 0, &b);
		if (b.len)
			term_printf(stderr, "%s", b.data);
		buf_free(&b);
	}
	letter_free(l);
	free(path);
	buf_free(&out);
	return rc;
}
