/*
 * cmd.h: the command table and what commands share.
 *
 * Each command lives in its own cmd-NAME.c, exports one function
 * int cmd_NAME(int argc, char **argv) that gets argv from the command name on
 * and returns an exit code from sysexits.h; only main.c exits. Commands print
 * their own errors with errmsg().
 */
#ifndef OBJECTOR_CMD_H
#define OBJECTOR_CMD_H

#include <getopt.h>

struct catalog;

struct cmd_entry {
	const char *name;
	const char *args;	/* synopsis after the name */
	const char *summary;	/* one line */
	const char *help;	/* the options, for --help and `help NAME` */
	int (*exec)(int argc, char **argv);
};

/* Settings every command sees, from global options and the environment. */
struct app {
	const char *config_path;	/* --config, $OBJECTOR_CONFIG, or NULL (default path) */
	const char *data_dir_opt;	/* --data-dir or $OBJECTOR_DATA_DIR, or NULL */
};
extern struct app app;

const struct cmd_entry *cmd_find(const char *name);
void cmd_usage(const struct cmd_entry *c, int to_stderr);

/* Options every command also accepts; COMMON_OPTS goes at the end of a
 * command's struct option array (before the zero entry), and 'h' in its
 * short option string. A command passes every option it does not know
 * itself to cmd_common, which returns CMD_CONTINUE to go on, or else the
 * exit code the command returns at once (0 after --help, EX_USAGE after a
 * bad option, with the usage on stderr). */
enum { OPT_CONFIG = 1000, OPT_DATA_DIR, OPT_HELP };
#define COMMON_OPTS \
	{ "config", required_argument, NULL, OPT_CONFIG }, \
	{ "data-dir", required_argument, NULL, OPT_DATA_DIR }, \
	{ "help", no_argument, NULL, OPT_HELP }
#define CMD_CONTINUE (-2)
int cmd_common(const struct cmd_entry *c, int opt);

/* app_data_dir: the directory holding templates/, locales/ and data/:
 * --data-dir, $OBJECTOR_DATA_DIR, the source tree when run from the build
 * tree, else the installed $(pkgdatadir). Never NULL. */
const char *app_data_dir(void);
/* app_catalog: the catalogue, loaded once (0 or an exit code, message printed). */
int app_catalog(const struct catalog **out);

int cmd_new(int argc, char **argv);
int cmd_generate(int argc, char **argv);
int cmd_send(int argc, char **argv);
int cmd_log(int argc, char **argv);
int cmd_list(int argc, char **argv);

#endif
