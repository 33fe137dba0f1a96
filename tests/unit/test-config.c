/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-config.c: the configuration file (src/conf.c) and the password. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "conf.h"
#include "tap.h"
#include "xalloc.h"

static char dir[] = "/tmp/test-config.XXXXXX";

static char *write_conf(const char *text, mode_t mode)
{
	char *p = xasprintf("%s/config.yaml", dir);
	FILE *f = fopen(p, "w");
	fputs(text, f);
	fclose(f);
	chmod(p, mode);
	return p;
}

/* load: conf_load on text; returns the status, error in *err (or NULL). */
static int load(const char *text, mode_t mode, struct conf **c, char **err)
{
	char *p = write_conf(text, mode);
	*err = NULL;
	*c = NULL;
	int rc = conf_load(p, c, err);
	free(p);
	return rc;
}

static void expect_error(const char *text, mode_t mode, const char *want, const char *name)
{
	struct conf *c;
	char *err;
	int rc = load(text, mode, &c, &err);
	ok(rc == EX_CONFIG && err && strstr(err, want), "%s", name);
	if (!(err && strstr(err, want)))
		printf("#   got: %s\n#   want: %s\n", err ? err : "(none)", want);
	free(err);
	conf_free(c);
}

int main(void)
{
	if (!mkdtemp(dir))
		return 99;
	setenv("HOME", dir, 1);
	setenv("XDG_STATE_HOME", "/state", 1);
	setenv("XDG_CONFIG_HOME", "/nonexistent-config", 1);
	unsetenv("OBJECTOR_SMTP_PASSWORD");
	struct conf *c;
	char *err = NULL;

	/* No file at the default place: defaults. */
	is_int(conf_load(NULL, &c, &err), 0, "missing default file: defaults");
	is_str(c->journal, "/state/objector/journal.yaml", "default journal under XDG_STATE_HOME");
	ok(c->host == NULL && c->file == NULL, "no server configured");
	conf_free(c);
	unsetenv("XDG_STATE_HOME");
	char *p = conf_default_journal(), *want = xasprintf("%s/.local/state/objector/journal.yaml", dir);
	is_str(p, want, "default journal under ~/.local/state");
	free(p);
	free(want);
	p = conf_default_path();
	is_str(p, "/nonexistent-config/objector/config.yaml", "default config path");
	free(p);
	is_int(conf_load("/nonexistent/x.yaml", &c, &err), EX_CONFIG, "missing explicit file");
	ok(err && strstr(err, "/nonexistent/x.yaml"), "the message names the file");
	free(err);

	/* A full file. */
	int rc = load("smtp:\n  host: smtp.example.org\n  security: tls\n  username: zoe@example.org\n"
		      "  password_command: printf 'secret\\nsecond line\\n'\n  timeout: 5\n"
		      "from: \"Zoë Łukasiewicz-Øster <zoe@example.org>\"\njournal: ~/j.yaml\n",
		      0600, &c, &err);
	is_int(rc, 0, "full config loads");
	if (rc == 0) {
		is_str(c->host, "smtp.example.org", "host");
		is_int(c->port, 465, "tls defaults to port 465");
		is_int(c->security, CONF_TLS, "security tls");
		is_int(c->timeout, 5, "timeout");
		is_str(c->from, "Zoë Łukasiewicz-Øster <zoe@example.org>", "from");
		is_int(c->from_line, 7, "from's line");
		want = xasprintf("%s/j.yaml", dir);
		is_str(c->journal, want, "~/ expanded in journal");
		free(want);
		char *pw = NULL;
		is_int(conf_password(c, &pw, &err), 0, "password command runs");
		is_str(pw, "secret", "first line of its output");
		free_secret(pw, 0);
		setenv("OBJECTOR_SMTP_PASSWORD", "from-env", 1);
		pw = NULL;
		is_int(conf_password(c, &pw, &err), 0, "password from the environment");
		is_str(pw, "from-env", "the environment wins");
		free_secret(pw, 0);
		unsetenv("OBJECTOR_SMTP_PASSWORD");
	}
	conf_free(c);

	rc = load("smtp:\n  host: h\n  username: u\n  password_command: exit 3\n", 0600, &c, &err);
	char *pw = NULL;
	ok(rc == 0 && conf_password(c, &pw, &err) == EX_CONFIG && err && strstr(err, "exit 3"),
	   "a failing password command is an error");
	free(err);
	conf_free(c);
	rc = load("smtp:\n  host: h\n  username: u\n  password_command: 'true'\n", 0600, &c, &err);
	ok(rc == 0 && conf_password(c, &pw, &err) == EX_CONFIG && err && strstr(err, "no password"),
	   "an empty password is an error");
	free(err);
	conf_free(c);
	rc = load("smtp:\n  host: h\n  username: u\n", 0600, &c, &err);
	ok(rc == 0 && conf_password(c, &pw, &err) == EX_CONFIG && err &&
	   strstr(err, "OBJECTOR_SMTP_PASSWORD"), "no password source: the message says how to give one");
	free(err);
	is_int(c->port, 587, "starttls defaults to port 587");
	conf_free(c);

	/* Errors, with positions. */
	expect_error("smtp:\n  host: h\n  prot: 25\n", 0600, "config.yaml:3:3: unknown key 'prot' in 'smtp'",
		     "unknown key in smtp, with FILE:LINE:COL");
	expect_error("from: a@b.example\njornal: x\n", 0600, "config.yaml:2:1: unknown key 'jornal'",
		     "unknown top-level key");
	expect_error("smtp:\n  host: h\n  password: hunter2\n", 0600, "password_command",
		     "a password in the file is refused");
	expect_error("smtp:\n  host: h\n  security: ssl\n", 0600, "3:13: 'security' must be starttls, tls or none",
		     "bad security");
	expect_error("smtp:\n  host: h\n  port: 99999\n", 0600, "'port' must be a number from 1 to 65535",
		     "bad port");
	expect_error("smtp:\n  host: h\n  port: 25x\n", 0600, "'port' must be a number", "port not a number");
	expect_error("smtp:\n  port: 25\n", 0600, "'smtp' needs a 'host'", "host required");
	expect_error("from: not an address\n", 0600, "1:7: 'from':", "bad from");
	expect_error("smtp: [a, b]\n", 0600, "'smtp' must be a mapping", "smtp not a mapping");
	expect_error("smtp:\n  host: h\n  ca_file: /nonexistent/ca.pem\n", 0600, "3:12: 'ca_file' /nonexistent/ca.pem",
		     "missing CA file");
	expect_error("smtp:\n  host: h\n  username: u\n", 0644, "group or others can read",
		     "credentials in a file others can read: refused");
	expect_error("smtp:\n  host: h\n  username: u\n  password_command: x\n", 0640, "chmod 600",
		     "credentials in a group-readable file: refused");
	expect_error("smtp: {host: h\n", 0600, "config.yaml:", "YAML syntax error is a config error");
	rc = load("smtp:\n  host: h\n", 0644, &c, &err);
	is_int(rc, 0, "a readable file without credentials is fine");
	conf_free(c);
	rc = load("", 0600, &c, &err);
	is_int(rc, 0, "an empty file is fine");
	conf_free(c);

	p = xasprintf("%s/config.yaml", dir);
	unlink(p);
	free(p);
	rmdir(dir);
	return done_testing();
}
