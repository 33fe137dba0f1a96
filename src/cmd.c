/* cmd.c: the command table, shared options and settings; see cmd.h. */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#ifdef HAVE_MACH_O_DYLD_H
#include <mach-o/dyld.h>
#endif

#include "catalog.h"
#include "cmd.h"
#include "diag.h"
#include "xalloc.h"

struct app app;

#define COMMON_HELP \
	"      --config FILE     configuration file (env OBJECTOR_CONFIG)\n" \
	"      --data-dir DIR    templates, locales and catalogues (env OBJECTOR_DATA_DIR)\n" \
	"  -h, --help            this help\n"

static const struct cmd_entry commands[] = {
	{ "new", "[--answers FILE] [-o PDF] [--send] [--lang L]",
	  "ask the questions, save the answers and write the letter",
	  "  -a, --answers FILE    start from this answers file: its answers are not asked again\n"
	  "                        (a half-filled file is completed; invalid answers are asked again)\n"
	  "  -o, --output PDF      where to write the PDF (default: in the current directory,\n"
	  "                        named after controller, jurisdiction and date)\n"
	  "      --send            go on to send the letter (see 'objector help send')\n"
	  "      --lang L          language of the questions (default from LANGUAGE/LC_ALL/LANG)\n"
	  COMMON_HELP
	  "\nThe questions are asked on standard error and answered on standard input, one\n"
	  "answer per line: an empty line takes the default in brackets, a choice takes its\n"
	  "number or code, a multi-line answer ends with an empty line, '?' shows help.\n"
	  "Nothing is written before you confirm the summary. The answers file (0600) and\n"
	  "the letter never replace a file: -2, -3 ... is added to the name. Standard output\n"
	  "gets their paths.\n"
	  "Exit status: 0 written, 1 not confirmed, 65 the input ended before the questions\n"
	  "were answered, 130 interrupted (Ctrl-C); 66, 73, 74 as for other commands.\n",
	  cmd_new },
	{ "generate", "ANSWERS [-o FILE] [--format pdf|text]",
	  "write the letter for an answers file, asking nothing",
	  "  -o, --output FILE     where to write it ('-' for standard output; default: the\n"
	  "                        answers file's name with .pdf or .txt)\n"
	  "  -f, --format FORMAT   pdf (default) or text (UTF-8, the e-mail body)\n"
	  COMMON_HELP,
	  cmd_generate },
	{ "send", "ANSWERS... [--pdf PDF] [--to ADDR] [--force] [--dry-run] [--eml FILE] [--via METHOD]",
	  "e-mail the letter with the PDF attached, and journal it",
	  "      --pdf PDF         attach this PDF (default: render it now)\n"
	  "      --to ADDR         the recipient's address (LinkedIn publishes only web forms)\n"
	  "      --force           send again what was already sent to that address\n"
	  "  -n, --dry-run         print the exact message on standard output; send and journal nothing\n"
	  "      --eml FILE        also save the exact message sent to FILE\n"
	  "      --via METHOD      email (default), post (journal a posted letter; --tracking NUMBER),\n"
	  "                        or webform (show the form's address and the text to paste)\n"
	  "      --tracking NUMBER the postal tracking number, with --via post\n"
	  "  -y, --yes             with --via webform: journal it without asking\n"
	  "      --no-cc           do not send the sender a copy (Cc)\n"
	  COMMON_HELP
	  "\nSeveral ANSWERS files go out over one connection. The password comes from\n"
	  "OBJECTOR_SMTP_PASSWORD or smtp.password_command, never from the command line.\n"
	  "A letter already sent to that address is refused (exit 64) without --force.\n",
	  cmd_send },
	{ "log", "[--due] [--format text|yaml]",
	  "show the journal: what was sent, when, and when the answer is due",
	  "      --due             only submissions still waiting for an answer\n"
	  "  -f, --format FORMAT   text (default) or yaml\n"
	  COMMON_HELP,
	  cmd_log },
	{ "list", "jurisdictions|controllers|languages",
	  "show the catalogues",
	  COMMON_HELP,
	  cmd_list },
};

const struct cmd_entry *cmd_find(const char *name)
{
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

void cmd_usage(const struct cmd_entry *c, int to_stderr)
{
	FILE *f = to_stderr ? stderr : stdout;
	if (to_stderr) {
		fprintf(f, "Usage: objector %s %s\nTry 'objector help %s' for more information.\n",
			c->name, c->args, c->name);
		return;
	}
	fprintf(f, "Usage: objector %s %s\n%s.\n\nOptions:\n%s", c->name, c->args, c->summary,
		c->help);
}

int cmd_common(const struct cmd_entry *c, int opt)
{
	switch (opt) {
	case OPT_CONFIG:
		app.config_path = optarg;
		return CMD_CONTINUE;
	case OPT_DATA_DIR:
		app.data_dir_opt = optarg;
		return CMD_CONTINUE;
	case 'h':
	case OPT_HELP:
		cmd_usage(c, 0);
		return 0;
	default:	/* '?', ':' and anything the command did not handle */
		cmd_usage(c, 1);
		return EX_USAGE;
	}
}

static int is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *app_data_dir(void)
{
	static char *dir;
	if (app.data_dir_opt)
		return app.data_dir_opt;
	if (dir)
		return dir;
	/* Run from the build tree: use the source tree's data. */
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);	/* Linux */
#ifdef HAVE__NSGETEXECUTABLEPATH	/* macOS; elsewhere the installed data */
	char ns[PATH_MAX];
	uint32_t size = sizeof ns;
	if (n <= 0 && _NSGetExecutablePath(ns, &size) == 0 && realpath(ns, exe))
		n = (ssize_t)strlen(exe);
#endif
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			char real[PATH_MAX];
			if (realpath(ABS_TOP_BUILDDIR, real) && strcmp(real, exe) == 0 &&
			    is_dir(ABS_TOP_SRCDIR "/templates")) {
				dir = xstrdup(ABS_TOP_SRCDIR);
				return dir;
			}
		}
	}
	dir = xstrdup(PKGDATADIR);
	return dir;
}

int app_catalog(const struct catalog **out)
{
	static struct catalog *cat;
	if (!cat) {
		char *err = NULL;
		int rc = catalog_load(app_data_dir(), &cat, &err);
		if (rc) {
			errmsg("%s", err);
			free(err);
			return rc;
		}
	}
	*out = cat;
	return 0;
}
