/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd.c: the command table, option parsing, dispatch and shared settings;
 * see cmd.h. */
#include "config.h"

#include <getopt.h>
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
#include "i18n.h"
#include "xalloc.h"

struct app app;

/* The table: one line per command, in the order --help lists them. */
extern const struct cmd_entry cmd_new_entry, cmd_generate_entry, cmd_send_entry, cmd_log_entry,
	cmd_list_entry, cmd_delivered_entry, cmd_reply_entry, cmd_remind_entry, cmd_complain_entry,
	cmd_dossier_entry, cmd_batch_entry, cmd_config_entry;
static const struct cmd_entry *const commands[] = {
	&cmd_new_entry, &cmd_generate_entry, &cmd_send_entry, &cmd_log_entry, &cmd_list_entry,
	&cmd_delivered_entry, &cmd_reply_entry, &cmd_remind_entry, &cmd_complain_entry,
	&cmd_dossier_entry, &cmd_batch_entry, &cmd_config_entry,
};
#define NCOMMANDS (sizeof commands / sizeof *commands)

/* cmd_find: by exact name (no prefixes or aliases: a name in a script keeps
 * its meaning when a command is added). */
static const struct cmd_entry *cmd_find(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	return NULL;
}

void cmd_usage(const struct cmd_entry *c, int to_stderr)
{
	FILE *f = to_stderr ? stderr : stdout;
	if (to_stderr) {
		fprintf(f, _("Usage: objector %s %s\nTry 'objector help %s' for more information.\n"),
			c->name, c->args, c->name);
		return;
	}
	/* TRANSLATORS: the command's name, its synopsis, its one-line summary. */
	fprintf(f, _("Usage: objector %s %s\n%s.\n\nOptions:\n"), c->name, c->args, _(c->summary));
	if (*c->help)
		fputs(_(c->help), f);
	fputs(_("      --config FILE     configuration file (env OBJECTOR_CONFIG)\n"
		"      --data-dir DIR    templates, locales and catalogues (env OBJECTOR_DATA_DIR)\n"
		"  -h, --help            this help\n"), f);
	if (c->notes)
		fputs(_(c->notes), f);
}

int cmd_usage_error(const struct cmd_entry *c, const char *msg)
{
	errmsg("%s", msg);
	cmd_usage(c, 1);
	return EX_USAGE;
}

static void usage(FILE *f)
{
	fputs(_("Usage: objector [--config FILE] [--data-dir DIR] [--lang L] COMMAND [ARGS...]\n"
		"Write, send and track letters objecting to the use of your personal data\n"
		"(first of all to train AI models), under the law where you live.\n\n"
		"Commands:\n"), f);
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %-10s %s\n", commands[i]->name, _(commands[i]->summary));
	fputs(_("  help       help COMMAND shows a command's options\n\n"
		"Global options:\n"
		"      --config FILE     configuration file (default $XDG_CONFIG_HOME/objector/config.yaml;\n"
		"                        env OBJECTOR_CONFIG)\n"
		"      --data-dir DIR    templates, locales and catalogues (env OBJECTOR_DATA_DIR)\n"
		"      --lang L          language of the messages (default from LANGUAGE, LC_ALL,\n"
		"                        LC_MESSAGES, LANG)\n"
		"  -h, --help            this help\n"
		"  -V, --version         version and licence\n\n"
		"Exit status: 0 ok, 64 usage, 65 bad data, 66 missing input, 69 refused by the\n"
		"mail server, 70 internal error, 73 cannot create output, 74 I/O error,\n"
		"75 temporary failure, 77 authentication failed, 78 bad configuration.\n"
		"See objector(1).\n"), f);
}

/* The options every command accepts after its own, by getopt value. */
enum { OPT_CONFIG = 1000, OPT_DATA_DIR, OPT_HELP, OPT_OWN = 2000 };

/* getopt_spec: the getopt_long tables for a command's options plus the
 * common ones; an option of the command returns OPT_OWN + its index. */
static void getopt_spec(const struct cmd_entry *c, struct option *lo, char *so)
{
	size_t n = 0, k = 0;
	for (; c->opts[n].name; n++) {
		const struct cmd_opt *o = &c->opts[n];
		int has = o->arg != CMD_FLAG ? required_argument : no_argument;
		lo[n] = (struct option){ o->name, has, NULL, OPT_OWN + (int)n };
		if (o->short_name) {
			so[k++] = (char)o->short_name;
			if (o->arg != CMD_FLAG)
				so[k++] = ':';
		}
	}
	lo[n++] = (struct option){ "config", required_argument, NULL, OPT_CONFIG };
	lo[n++] = (struct option){ "data-dir", required_argument, NULL, OPT_DATA_DIR };
	lo[n++] = (struct option){ "help", no_argument, NULL, OPT_HELP };
	lo[n] = (struct option){ NULL, 0, NULL, 0 };
	so[k++] = 'h';
	so[k] = '\0';
}

/* short_index: the index of the option with short name ch, or -1. */
static int short_index(const struct cmd_entry *c, int ch)
{
	for (int i = 0; c->opts[i].name; i++)
		if (c->opts[i].short_name && c->opts[i].short_name == ch)
			return i;
	return -1;
}

/* parse: the command's options into a; CMD_CONTINUE to run it, else the
 * exit code (0 after --help, EX_USAGE after a bad option). */
#define CMD_CONTINUE (-1)
static int parse(const struct cmd_entry *c, int argc, char **argv, struct cmd_args *a)
{
	struct option lo[CMD_MAX_OPTS + 4];
	char so[2 * CMD_MAX_OPTS + 2];
	getopt_spec(c, lo, so);
	memset(a, 0, sizeof *a);
	optind = 0;	/* glibc: reinitialise getopt for the command */
	int ch;
	while ((ch = getopt_long(argc, argv, so, lo, NULL)) != -1) {
		int i = ch >= OPT_OWN ? ch - OPT_OWN : ch != 'h' ? short_index(c, ch) : -1;
		if (i >= 0) {
			a->opt[i] = c->opts[i].arg != CMD_FLAG ? optarg : "";
			if (c->opts[i].arg == CMD_ARGS) {
				size_t k = 0;
				if (!a->list[i])
					a->list[i] = xcalloc((size_t)argc + 1, sizeof *a->list[i]);
				while (a->list[i][k])
					k++;
				a->list[i][k] = optarg;
			}
		} else if (ch == OPT_CONFIG) {
			app.config_path = optarg;
		} else if (ch == OPT_DATA_DIR) {
			app.data_dir_opt = optarg;
		} else if (ch == 'h' || ch == OPT_HELP) {
			cmd_usage(c, 0);
			return 0;
		} else {	/* '?' and ':' */
			cmd_usage(c, 1);
			return EX_USAGE;
		}
	}
	a->argc = argc - optind;
	a->argv = argv + optind;
	return CMD_CONTINUE;
}

/* run_command: argv from the command's name on. */
static int run_command(const struct cmd_entry *c, int argc, char **argv)
{
	/* getopt's messages start with argv[0]: "objector generate: ...". */
	char prog[64];
	snprintf(prog, sizeof prog, "objector %s", c->name);
	argv[0] = prog;
	struct cmd_args a;
	int rc = parse(c, argc, argv, &a);
	if (rc == CMD_CONTINUE)
		rc = c->exec(c, &a);
	for (size_t i = 0; i < CMD_MAX_OPTS; i++)
		free(a.list[i]);
	return rc;
}

/* help: `objector help [COMMAND]` (`help help` is the general help, which
 * says what help does). */
static int help(const char *name)
{
	if (!name || strcmp(name, "help") == 0) {
		usage(stdout);
		return 0;
	}
	const struct cmd_entry *h = cmd_find(name);
	if (!h) {
		errmsg(_("unknown command '%s'; see 'objector --help'"), name);
		return EX_USAGE;
	}
	cmd_usage(h, 0);
	return 0;
}

int cmd_run(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "data-dir", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "lang", required_argument, NULL, 'l' },
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
		case 'l':
			if (app_set_lang(optarg))
				return EX_USAGE;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf(_("objector %s\n"
			       "Copyright (C) 2026 the objector authors.\n"
			       "License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.\n"
			       "This is free software: you are free to change and redistribute it.\n"
			       "There is NO WARRANTY, to the extent permitted by law.\n"),
			       PACKAGE_VERSION);
			return 0;
		default:
			fputs(_("Try 'objector --help' for more information.\n"), stderr);
			return EX_USAGE;
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return EX_USAGE;
	}
	const char *name = argv[optind];
	if (strcmp(name, "help") == 0)
		return help(optind + 1 < argc ? argv[optind + 1] : NULL);
	const struct cmd_entry *cmd = cmd_find(name);
	if (!cmd) {
		errmsg(_("unknown command '%s'; see 'objector --help'"), name);
		return EX_USAGE;
	}
	return run_command(cmd, argc - optind, argv + optind);
}

static int is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* in_build_tree: whether the running program is the build tree's (its
 * directory is ABS_TOP_BUILDDIR), found once. */
static int in_build_tree(void)
{
	static int known, yes;
	if (known)
		return yes;
	known = 1;
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
			yes = realpath(ABS_TOP_BUILDDIR, real) && strcmp(real, exe) == 0;
		}
	}
	return yes;
}

const char *app_data_dir(void)
{
	static char *dir;
	if (app.data_dir_opt)
		return app.data_dir_opt;
	if (dir)
		return dir;
	/* Run from the build tree: use the source tree's data. */
	if (in_build_tree() && is_dir(ABS_TOP_SRCDIR "/templates"))
		dir = xstrdup(ABS_TOP_SRCDIR);
	else
		dir = xstrdup(PKGDATADIR);
	return dir;
}

int app_set_lang(const char *lang)
{
	if (i18n_set(lang) == 0)
		return 0;
	errmsg(_("no interface language '%s' (known: %s)"), lang, i18n_known());
	return -1;
}

const char *app_locale_dir(void)
{
	/* Run from the build tree: the catalogues compiled there (mk/i18n.am). */
	return in_build_tree() ? ABS_TOP_BUILDDIR "/po/locale" : LOCALEDIR;
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
