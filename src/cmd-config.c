/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd-config.c: `objector config init` and `objector config test`.
 *
 * init asks, one answer per line on standard input (a terminal or a pipe,
 * prompts on standard error, as `new` does), for the sender's name and
 * address, the SMTP server, its security and port (suggested from
 * data/mail-providers.yaml when the address is at a known provider), the
 * user name and a command that prints the password, and writes the
 * configuration file (conf.h) with mode 0600, atomically, never replacing
 * one without --force. The password itself is never asked for, so it never
 * reaches the file.
 *
 * test loads the configuration, gets the password as send does, and has
 * smtp_probe (smtp.h) connect, upgrade to TLS, authenticate and quit
 * without sending, printing each step on standard output; it exits with
 * send's codes.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "i18n.h"
#include "buf.h"
#include "cmd.h"
#include "conf.h"
#include "diag.h"
#include "fileio.h"
#include "mail.h"
#include "smtp.h"
#include "submit.h"
#include "term.h"
#include "valid.h"
#include "xalloc.h"
#include "ydoc.h"

enum { O_FORCE };
static const struct cmd_opt opts[] = {
	[O_FORCE] = { "force", 0, CMD_FLAG },
	{ NULL, 0, 0 },
};

static int config_exec(const struct cmd_entry *self, const struct cmd_args *args);

const struct cmd_entry cmd_config_entry = {
	.name = "config",
	.args = "init|test [--force]",
	.summary = N_("write the mail configuration; test the server without sending"),
	.help = N_("      --force           init: replace an existing configuration file\n"),
	.notes = N_("\n"
		"init asks for your name and address, the SMTP server, its security and port\n"
		"(suggested for common providers), the user name and a command that prints\n"
		"the password (such as 'pass show mail/me' or 'secret-tool lookup ...'); the\n"
		"password itself is never asked for nor written. One answer per line, from a\n"
		"terminal or a pipe; an empty line takes the default shown in brackets. It\n"
		"writes the configuration file (mode 0600) and refuses to replace one\n"
		"without --force.\n"
		"\n"
		"test connects to the server, upgrades to TLS, authenticates and quits,\n"
		"sending nothing, and prints each step. Exit status as for send: 0 ok,\n"
		"69 refused (no STARTTLS, untrusted certificate), 75 unreachable or timed\n"
		"out, 77 authentication failed, 78 bad configuration.\n"),
	.opts = opts,
	.exec = config_exec,
};

/* ---- config test ------------------------------------------------------ */

/* print_step: one step of smtp_probe; it quotes the server (greeting,
 * mechanisms, certificate names): made safe for the terminal. */
static void print_step(void *arg, const char *line)
{
	(void)arg;
	term_printf(stdout, "%s\n", line);
	fflush(stdout);
}

static const char *security_name(enum conf_security s)
{
	return s == CONF_TLS ? "tls" : s == CONF_NONE ? "none" : "starttls";
}

static int config_test(void)
{
	struct conf *c = NULL;
	char *err = NULL;
	int rc = conf_load(app.config_path, &c, &err);
	if (rc) {
		errmsg("%s", err);
		free(err);
		return rc;
	}
	if (!c->host) {
		char *def = c->file ? NULL : conf_default_path();
		errmsg(_("no SMTP server configured in %s: run 'objector config init'"),
		       c->file ? c->file : def);
		free(def);
		conf_free(c);
		return EX_CONFIG;
	}
	term_printf(stdout, _("configuration: %s\n"), c->file);
	term_printf(stdout, _("server: %s:%d, security: %s%s%s\n"), c->host, c->port, security_name(c->security),
	       c->username ? _(", user ") : _(", no user name (no AUTH)"), c->username ? c->username : "");
	fflush(stdout);
	char *pw = NULL;
	struct smtp_opts o;
	rc = submit_smtp_opts(c, &o, &pw);
	if (rc) {
		conf_free(c);
		return rc;
	}
	int st = smtp_probe(&o, print_step, NULL, &err);
	free_secret(pw, 0);
	if (st != SMTP_OK) {
		errmsg("%s", err);
		free(err);
		conf_free(c);
		/* libcurl missing: send says 69 too */
		return st == SMTP_EINTERNAL && smtp_load_error() ? EX_UNAVAILABLE : smtp_exitcode(st);
	}
	term_printf(stdout, _("ok: %s can send through %s\n"), c->from ? c->from : _("this configuration"), c->host);
	conf_free(c);
	return 0;
}

/* ---- config init ------------------------------------------------------ */

/* A provider's documented settings (data/mail-providers.yaml). */
struct provider {
	const char *name, *host, *port, *security, *username, *note, *url, *by, *checked;
};

/* find_provider: the entry serving domain, or 0 (none, or no file). */
static int find_provider(const struct ydoc *d, const char *domain, struct provider *out)
{
	const struct ynode *list = d ? ynode_get(d->root, "providers") : NULL;
	if (!list || list->type != YNODE_SEQ)
		return 0;
	for (size_t i = 0; i < list->n; i++) {
		const struct ynode *e = list->items[i];
		const struct ynode *doms = ynode_get(e, "domains");
		if (!doms || doms->type != YNODE_SEQ)
			continue;
		for (size_t k = 0; k < doms->n; k++) {
			const char *dm = ynode_scalar(doms->items[k]);
			if (!dm || strcasecmp(dm, domain) != 0)
				continue;
			const struct ynode *src = ynode_get(e, "source");
			*out = (struct provider){
				.name = ynode_scalar(ynode_get(e, "name")),
				.host = ynode_scalar(ynode_get(e, "host")),
				.port = ynode_scalar(ynode_get(e, "port")),
				.security = ynode_scalar(ynode_get(e, "security")),
				.username = ynode_scalar(ynode_get(e, "username")),
				.note = ynode_scalar(ynode_get(e, "note")),
				.url = ynode_scalar(ynode_get(src, "url")),
				.by = ynode_scalar(ynode_get(src, "by")),
				.checked = ynode_scalar(ynode_get(src, "checked")),
			};
			return out->host && out->port && out->security;
		}
	}
	return 0;
}

struct asker {
	FILE *in, *out;
	int eof;
};

/* ask: print the prompt (with [def] when there is a default), read one
 * line; the answer (caller frees), def for an empty line, NULL at the end
 * of the input. */
static char *ask(struct asker *a, const char *prompt, const char *def)
{
	if (def && *def)
		fprintf(a->out, "%s [%s]: ", prompt, def);
	else
		fprintf(a->out, "%s: ", prompt);
	fflush(a->out);
	char *line = NULL;
	size_t cap = 0;
	ssize_t n = getline(&line, &cap, a->in);
	if (n < 0) {
		free(line);
		fputc('\n', a->out);
		a->eof = 1;
		return NULL;
	}
	if (!isatty(fileno(a->in)))
		fputc('\n', a->out);	/* piped: the answer is not echoed */
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	size_t s = 0;
	while (line[s] == ' ' || line[s] == '\t')
		s++;
	while (n > (ssize_t)s && (line[n - 1] == ' ' || line[n - 1] == '\t'))
		line[--n] = '\0';
	if (s)
		memmove(line, line + s, (size_t)n - s + 1);
	if (!*line && def) {
		free(line);
		return xstrdup(def);
	}
	return line;
}

/* The checks of each answer: NULL when fine, else why (static text). */
static const char *check_line(const char *s)
{
	struct valid_problem p;
	if (!*s)
		return _("an answer is needed");
	if (valid_line(s, strlen(s), VALID_MAX_LINE, &p))
		return valid_why(p.code);
	return NULL;
}

static const char *check_email(const char *s)
{
	return mail_addr_valid(s) ? NULL : _("is not an e-mail address (name@example.org)");
}

static const char *check_host(const char *s)
{
	if (!*s)
		return _("an answer is needed");
	if (strlen(s) > 253)
		return _("is too long for a host name");
	for (const char *p = s; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '.' && *p != '-' && *p != ':')
			return _("is not a host name (smtp.example.org) or an IP address");
	return NULL;
}

static const char *check_security(const char *s)
{
	if (strcmp(s, "starttls") && strcmp(s, "tls") && strcmp(s, "none"))
		return _("must be starttls, tls or none");
	return NULL;
}

static const char *check_port(const char *s)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (!*s || *end || errno || v < 1 || v > 65535)
		return _("must be a number from 1 to 65535");
	return NULL;
}

static const char *check_user(const char *s)
{
	if (!*s)
		return _("an answer is needed ('-' for none)");
	return check_line(s);
}

static const char *check_command(const char *s)
{
	if (!*s)
		return NULL;	/* none: OBJECTOR_SMTP_PASSWORD */
	return check_line(s);
}

/* ask_valid: ask until check accepts the answer; NULL at the end of input. */
static char *ask_valid(struct asker *a, const char *prompt, const char *def,
		       const char *(*check)(const char *))
{
	for (;;) {
		char *v = ask(a, prompt, def);
		if (!v)
			return NULL;
		const char *why = check(v);
		if (!why)
			return v;
		fprintf(a->out, _("That answer %s.\n"), why);
		free(v);
	}
}

/* yaml_quoted: s as a double-quoted YAML scalar (the answers hold no
 * control characters: only \ and " need escaping). */
static void yaml_quoted(struct buf *b, const char *s)
{
	BUF_MUST(buf_addc(b, '"'));
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			BUF_MUST(buf_addc(b, '\\'));
		BUF_MUST(buf_addc(b, *s));
	}
	BUF_MUST(buf_addc(b, '"'));
}

struct answers_init {
	char *name, *email, *host, *security, *port, *user, *command;
};

static void answers_init_free(struct answers_init *a)
{
	free(a->name);
	free(a->email);
	free(a->host);
	free(a->security);
	free(a->port);
	free(a->user);
	free(a->command);
}

/* ask_all: the questions in order; 0, or EX_DATAERR when the input ended. */
static int ask_all(struct asker *k, const struct ydoc *providers, struct answers_init *a)
{
	if (!(a->name = ask_valid(k, _("Your name, as the From line shows it"), NULL, check_line)))
		return EX_DATAERR;
	if (!(a->email = ask_valid(k, _("Your e-mail address"), NULL, check_email)))
		return EX_DATAERR;
	const char *domain = strrchr(a->email, '@') + 1;
	struct provider pv = { 0 };
	int known = find_provider(providers, domain, &pv);
	if (known) {
		fprintf(k->out, _("%s documents: server %s, port %s, security %s\n"), pv.name, pv.host,
			pv.port, pv.security);
		fprintf(k->out, _("  (source: %s%s%s, checked %s)\n"), pv.url ? pv.url : "?",
			pv.by ? "; " : "", pv.by ? pv.by : "", pv.checked ? pv.checked : "?");
		if (pv.note)
			fprintf(k->out, _("  Note: %s.\n"), pv.note);
	}
	char *guess = known ? NULL : xasprintf("smtp.%s", domain);
	a->host = ask_valid(k, _("SMTP server"), known ? pv.host : guess, check_host);
	free(guess);
	if (!a->host)
		return EX_DATAERR;
	int same = known && strcasecmp(a->host, pv.host) == 0;
	if (!(a->security = ask_valid(k, _("Security: starttls, tls (implicit TLS) or none"),
				      same ? pv.security : "starttls", check_security)))
		return EX_DATAERR;
	const char *def_port = same && strcmp(a->security, pv.security) == 0 ? pv.port
			       : strcmp(a->security, "tls") == 0	       ? "465"
			       : strcmp(a->security, "none") == 0	       ? "25"
									       : "587";
	if (!(a->port = ask_valid(k, _("Port"), def_port, check_port)))
		return EX_DATAERR;
	char *def_user = same && pv.username && strcmp(pv.username, "localpart") == 0
				 ? xstrndup(a->email, (size_t)(strrchr(a->email, '@') - a->email))
				 : xstrdup(a->email);
	a->user = ask_valid(k, _("User name for the server ('-' for no authentication)"), def_user,
			    check_user);
	free(def_user);
	if (!a->user)
		return EX_DATAERR;
	if (strcmp(a->user, "-") != 0) {
		fprintf(k->out,
			_("objector never stores your password. Give a command that prints it, e.g.\n"
			  "  pass show mail/%s\n"
			  "  secret-tool lookup service smtp user %s\n"
			  "or leave it empty and set OBJECTOR_SMTP_PASSWORD when sending.\n"),
			a->email, a->user);
		if (!(a->command = ask_valid(k, _("Password command"), "", check_command)))
			return EX_DATAERR;
	}
	return 0;
}

/* The configuration file's YAML from the answers. */
static void config_yaml(const struct answers_init *a, const char *from, struct buf *y)
{
	BUF_MUST(buf_printf(y, "# objector configuration, written by 'objector config init'.\n"
		     "# The password is not here: password_command prints it, or set\n"
		     "# OBJECTOR_SMTP_PASSWORD. Test it, sending nothing: objector config test\n"
		     "smtp:\n  host: "));
	yaml_quoted(y, a->host);
	BUF_MUST(buf_printf(y, "\n  port: %s\n  security: %s\n", a->port, a->security));
	if (strcmp(a->user, "-") != 0) {
		BUF_MUST(buf_printf(y, "  username: "));
		yaml_quoted(y, a->user);
		BUF_MUST(buf_addc(y, '\n'));
		if (a->command && *a->command) {
			BUF_MUST(buf_printf(y, "  password_command: "));
			yaml_quoted(y, a->command);
			BUF_MUST(buf_addc(y, '\n'));
		}
	}
	BUF_MUST(buf_printf(y, "from: "));
	yaml_quoted(y, from);
	BUF_MUST(buf_addc(y, '\n'));
}

/* The From line must be one send accepts. */
static int check_from(const char *from)
{
	char *err = NULL;
	int rc = 0;
	struct mail_addr ma = { 0 };
	if (mail_addr_parse(from, &ma, &err)) {
		errmsg(_("name and address do not make a From line: %s; nothing was written"), err);
		free(err);
		rc = EX_DATAERR;
	}
	mail_addr_free(&ma);
	return rc;
}

/* Writes the file (0600) and loads it again. */
static int write_config(const char *path, const struct buf *y, int force)
{
	char *err = NULL;
	int rc = 0;
	if (file_mkdirs(path) < 0) {
		errmsg(_("cannot create the directory of %s: %s"), path, strerror(errno));
		return EX_CANTCREAT;
	}
	rc = file_write_atomic(path, y->data, y->len, 0600, !force, &err);
	if (rc) {
		errmsg("%s", err);
		free(err);
		return rc;
	}
	struct conf *c = NULL;
	if (conf_load(path, &c, &err)) {	/* never expected: say so */
		errmsg(_("the file written does not load: %s"), err);
		free(err);
		rc = EX_SOFTWARE;
	}
	conf_free(c);
	return rc;
}

static int config_init(int force)
{
	char *path = app.config_path ? xstrdup(app.config_path) : conf_default_path();
	struct stat st;
	if (!force && stat(path, &st) == 0) {
		errmsg(_("%s already exists: use 'objector config init --force' to replace it"), path);
		free(path);
		return EX_CANTCREAT;
	}
	char *pfile = xasprintf("%s/data/mail-providers.yaml", app_data_dir());
	struct ydoc *providers = NULL;
	char *err = NULL;
	if (ydoc_load_file(pfile, &providers, &err)) {
		errmsg(_("%s (no provider suggestions)"), err);	/* not fatal */
		free(err);
		err = NULL;
	}
	free(pfile);

	struct asker k = { .in = stdin, .out = stderr };
	struct answers_init a = { 0 };
	int rc = ask_all(&k, providers, &a);
	ydoc_free(providers);
	if (rc) {
		errmsg(_("the input ended before every question was answered; nothing was written"));
		answers_init_free(&a);
		free(path);
		return rc;
	}

	struct buf y;
	buf_init(&y, (size_t)1 << 16);
	char *from = xasprintf("%s <%s>", a.name, a.email);
	config_yaml(&a, from, &y);
	rc = check_from(from);
	free(from);
	if (!rc)
		rc = write_config(path, &y, force);
	buf_free(&y);
	if (!rc) {
		int def = !app.config_path;
		term_printf(stdout, _("Wrote %s (mode 0600, no password in it).\n"), path);
		if (a.user && strcmp(a.user, "-") != 0 && !(a.command && *a.command))
			fputs(_("Set OBJECTOR_SMTP_PASSWORD, or add smtp.password_command, before sending.\n"), stdout);
		term_printf(stdout, _("Test it (connects, authenticates, sends nothing): objector%s%s config test\n"),
		       def ? "" : " --config ", def ? "" : path);
	}
	answers_init_free(&a);
	free(path);
	return rc;
}

static int config_exec(const struct cmd_entry *self, const struct cmd_args *args)
{
	if (args->argc != 1)
		return cmd_usage_error(self, _("config needs one of: init, test"));
	const char *what = args->argv[0];
	if (strcmp(what, "init") == 0)
		return config_init(args->opt[O_FORCE] != NULL);
	if (strcmp(what, "test") == 0) {
		if (args->opt[O_FORCE])
			return cmd_usage_error(self, _("--force is for 'config init'"));
		return config_test();
	}
	char *msg = xasprintf(_("unknown 'config %s': init or test"), what);
	int rc = cmd_usage_error(self, msg);
	free(msg);
	return rc;
}
