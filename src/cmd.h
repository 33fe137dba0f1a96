/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd.h: the command table and what commands share.
 *
 * Each command lives in its own cmd-NAME.c and exports one
 * `const struct cmd_entry cmd_NAME_entry` carrying its name, synopsis,
 * summary, help text, option spec and exec. cmd.c holds the table (one line
 * per command), parses the global options, finds the command by its exact
 * name, parses the command's options in one place (its own and the common
 * --config, --data-dir, --help) and calls exec with the parsed values and
 * the positional arguments. exec returns an exit code from sysexits.h; only
 * main.c exits. Commands print their own errors with errmsg().
 *
 * Adding a command: a new cmd-NAME.c with its entry, one line in the table
 * in cmd.c, and the file in the Makefile fragment's objector_SOURCES.
 */
#ifndef OBJECTOR_CMD_H
#define OBJECTOR_CMD_H

struct catalog;

/* One option of a command: --long (and -s when short is not 0), with a
 * value when arg is CMD_ARG, or with a value and repeatable when CMD_ARGS
 * (every value kept, in order). */
enum { CMD_FLAG = 0, CMD_ARG = 1, CMD_ARGS = 2 };
struct cmd_opt {
	const char *name;	/* long name, without "--" */
	int short_name;		/* 'o', or 0 */
	int arg;		/* CMD_FLAG or CMD_ARG */
};
#define CMD_MAX_OPTS 16

/* What exec receives: the value of each of the entry's options, by its index
 * in the entry's opts (NULL: not given; a flag given is ""; the last of
 * repeated options counts), and the positional arguments in order. */
struct cmd_args {
	const char *opt[CMD_MAX_OPTS];
	const char **list[CMD_MAX_OPTS];	/* CMD_ARGS: all values, NULL-terminated,
						 * or NULL when not given */
	int argc;
	char **argv;
};

struct cmd_entry {
	const char *name;
	const char *args;	/* synopsis after the name */
	const char *summary;	/* one line (N_(): translated where printed) */
	const char *help;	/* the options, for --help and `help NAME` (N_()) */
	const char *notes;	/* what follows the common options, or NULL (N_()) */
	const struct cmd_opt *opts;	/* ends with { NULL }; at most CMD_MAX_OPTS */
	int (*exec)(const struct cmd_entry *self, const struct cmd_args *args);
};

/* The help lines of the options every command accepts are printed by
 * cmd_usage between an entry's help and its notes (translated there); this
 * macro is empty and only kept for entries written before. */
#define CMD_COMMON_HELP ""

/* Settings every command sees, from global options and the environment. */
struct app {
	const char *config_path;	/* --config, $OBJECTOR_CONFIG, or NULL (default path) */
	const char *data_dir_opt;	/* --data-dir or $OBJECTOR_DATA_DIR, or NULL */
};
extern struct app app;

/* cmd_run: everything after main's setup: global options, `help`, the
 * command. Returns the exit code (stdout not yet flushed). */
int cmd_run(int argc, char **argv);
/* cmd_usage: the full help on stdout, or the two-line usage on stderr. */
void cmd_usage(const struct cmd_entry *c, int to_stderr);
/* cmd_usage_error: errmsg(msg) (msg already translated), the usage on
 * stderr; returns EX_USAGE. */
int cmd_usage_error(const struct cmd_entry *c, const char *msg);

/* app_data_dir: the directory holding templates/, locales/ and data/:
 * --data-dir, $OBJECTOR_DATA_DIR, the source tree when run from the build
 * tree, else the installed $(pkgdatadir). Never NULL. */
const char *app_data_dir(void);
/* app_set_lang: --lang L for the interface (i18n_set); -1 with the message
 * printed (the known languages) when objector has no such language. */
int app_set_lang(const char *lang);
/* app_locale_dir: where the interface's catalogues are (i18n.h): the build
 * tree's po/locale when run from the build tree, else $(localedir). */
const char *app_locale_dir(void);
/* app_catalog: the catalogue, loaded once (0 or an exit code, message printed). */
int app_catalog(const struct catalog **out);

#endif
