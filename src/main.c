/*
 * main.c: objector's entry point: global options, the command, and the
 * final check that everything written to stdout really got there.
 */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cmd.h"
#include "diag.h"

static void usage(FILE *f)
{
	fputs("Usage: objector [--config FILE] [--data-dir DIR] COMMAND [ARGS...]\n"
	      "Write, send and track letters objecting to the use of your personal data\n"
	      "(first of all to train AI models), under the law where you live.\n\n"
	      "Commands:\n", f);
	static const char *const names[] = { "new", "generate", "send", "log", "list" };
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		const struct cmd_entry *c = cmd_find(names[i]);
		fprintf(f, "  %-10s %s\n", c->name, c->summary);
	}
	fputs("  help       help COMMAND shows a command's options\n\n"
	      "Global options:\n"
	      "      --config FILE     configuration file (default $XDG_CONFIG_HOME/objector/config.yaml;\n"
	      "                        env OBJECTOR_CONFIG)\n"
	      "      --data-dir DIR    templates, locales and catalogues (env OBJECTOR_DATA_DIR)\n"
	      "  -h, --help            this help\n"
	      "  -V, --version         version and licence\n\n"
	      "Exit status: 0 ok, 64 usage, 65 bad data, 66 missing input, 69 refused by the\n"
	      "mail server, 70 internal error, 73 cannot create output, 74 I/O error,\n"
	      "75 temporary failure, 77 authentication failed, 78 bad configuration.\n"
	      "See objector(1).\n", f);
}

static int finish(int rc)
{
	/* A full disk or a closed pipe on stdout must not pass silently. */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		if (errno != EPIPE)
			errmsg("write error on standard output: %s", strerror(errno));
		return rc ? rc : EX_IOERR;
	}
	return rc;
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "C.UTF-8");
	app.config_path = getenv("OBJECTOR_CONFIG");
	if (app.config_path && !*app.config_path)
		app.config_path = NULL;
	app.data_dir_opt = getenv("OBJECTOR_DATA_DIR");
	if (app.data_dir_opt && !*app.data_dir_opt)
		app.data_dir_opt = NULL;

	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "data-dir", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	/* "+": stop at the command name; its options are its own. */
	while ((c = getopt_long(argc, argv, "+hV", opts, NULL)) != -1) {
		switch (c) {
		case 'c':
			app.config_path = optarg;
			break;
		case 'd':
			app.data_dir_opt = optarg;
			break;
		case 'h':
			usage(stdout);
			return finish(0);
		case 'V':
			printf("objector %s\n"
			       "Copyright (C) 2026 the objector authors.\n"
			       "License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.\n"
			       "This is free software: you are free to change and redistribute it.\n"
			       "There is NO WARRANTY, to the extent permitted by law.\n",
			       PACKAGE_VERSION);
			return finish(0);
		default:
			fputs("Try 'objector --help' for more information.\n", stderr);
			return EX_USAGE;
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return EX_USAGE;
	}
	const char *name = argv[optind];
	if (strcmp(name, "help") == 0) {
		if (optind + 1 >= argc) {
			usage(stdout);
			return finish(0);
		}
		const struct cmd_entry *h = cmd_find(argv[optind + 1]);
		if (!h) {
			errmsg("unknown command '%s'; see 'objector --help'", argv[optind + 1]);
			return EX_USAGE;
		}
		cmd_usage(h, 0);
		return finish(0);
	}
	const struct cmd_entry *cmd = cmd_find(name);
	if (!cmd) {
		errmsg("unknown command '%s'; see 'objector --help'", name);
		return EX_USAGE;
	}
	argc -= optind;
	argv += optind;
	/* getopt's messages start with argv[0]: "objector generate: ...". */
	char prog[64];
	snprintf(prog, sizeof prog, "objector %s", cmd->name);
	argv[0] = prog;
	optind = 0;	/* glibc: reinitialise getopt for the command */
	return finish(cmd->exec(argc, argv));
}
