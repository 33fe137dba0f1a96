/* SPDX-License-Identifier: GPL-3.0-or-later */
/* conf.c: the configuration file; see conf.h. */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <time.h>
#ifdef HAVE_SYS_PRCTL_H
#include <sys/prctl.h>
#endif
#include <sys/resource.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <sysexits.h>
#include <unistd.h>

#include "i18n.h"
#include "conf.h"
#include "mail.h"
#include "xalloc.h"
#include "ydoc.h"

#ifndef HAVE_EXPLICIT_BZERO	/* glibc >= 2.25 and the BSDs have it; macOS does not */
#define explicit_bzero conf_bzero
static void conf_bzero(void *p, size_t n)
{
	for (volatile char *v = p; n--;)
		*v++ = 0;
}
#endif

char *conf_expand(const char *path)
{
	if (path[0] == '~' && path[1] == '/') {
		const char *home = getenv("HOME");
		if (home && *home)
			return xasprintf("%s%s", home, path + 1);
	}
	return xstrdup(path);
}

static char *xdg_path(const char *var, const char *fallback, const char *file)
{
	const char *dir = getenv(var);
	if (dir && dir[0] == '/')
		return xasprintf("%s/objector/%s", dir, file);
	const char *home = getenv("HOME");
	return xasprintf("%s/%s/objector/%s", home && *home ? home : ".", fallback, file);
}

char *conf_default_path(void)
{
	return xdg_path("XDG_CONFIG_HOME", ".config", "config.yaml");
}

char *conf_default_journal(void)
{
	return xdg_path("XDG_STATE_HOME", ".local/state", "journal.yaml");
}

void conf_free(struct conf *c)
{
	if (!c)
		return;
	free(c->file);
	free(c->host);
	free(c->username);
	free(c->password_command);
	free(c->ca_file);
	free(c->from);
	free(c->journal);
	free(c->sendmail);
	free(c);
}

/* str: the scalar value of key in map into *out (a copy), or an error. */
static char *str(const struct ydoc *d, const struct ynode *map, const char *key, char **out)
{
	const struct ynode *v = ynode_get(map, key);
	if (!v || ynode_is_null(v))
		return NULL;
	if (v->type != YNODE_SCALAR)
		return ydoc_err(d, v, _("'%s' must be a single value, not %s"), key, ynode_type_name(v->type));
	if (!*v->str)
		return ydoc_err(d, v, _("'%s' is empty"), key);
	for (const char *p = v->str; *p; p++)
		if ((unsigned char)*p < 0x20)
			return ydoc_err(d, v, _("'%s' contains a control character"), key);
	free(*out);
	*out = xstrdup(v->str);
	return NULL;
}

static char *check_keys(const struct ydoc *d, const struct ynode *map, const char *where,
			const char *const *keys)
{
	for (size_t i = 0; i < map->n; i++) {
		const char *k = map->keys[i]->str;
		int known = 0;
		for (const char *const *p = keys; *p; p++)
			known |= strcmp(*p, k) == 0;
		if (strcmp(k, "password") == 0)
			return ydoc_err(d, map->keys[i],
					_("a password does not belong in the configuration file: use "
					"'password_command' or the environment variable OBJECTOR_SMTP_PASSWORD"));
		if (!known)
			return ydoc_err(d, map->keys[i], _("unknown key '%s'%s%s"), k, where ? " in " : "",
					where ? where : "");
	}
	return NULL;
}

/* check_host: a host name, an IPv4 address or an IPv6 address (bare or in
 * brackets, stored bare: smtp.c adds the brackets to its URL). */
static char *check_host(const struct ydoc *d, const struct ynode *n, char **host)
{
	char *h = *host;
	size_t len = strlen(h);
	const char *bad = "'host' must be a host name or address";
	for (const char *p = h; *p; p++)
		if (*p == ' ' || *p == '/' || *p == '@' || *p == '\\' || *p == '?' || *p == '#')
			return ydoc_err(d, n, "%s", bad);
	int bracketed = h[0] == '[';
	if (bracketed || strchr(h, ']')) {
		if (!bracketed || len < 3 || h[len - 1] != ']' || strchr(h + 1, '[') ||
		    strchr(h, ']') != h + len - 1)
			return ydoc_err(d, n, _("%s: '[' must enclose a whole IPv6 address, as in '[::1]'"),
					bad);
		memmove(h, h + 1, len - 2);
		h[len - 2] = '\0';
	}
	if (strchr(h, ':') || bracketed) {
		struct in6_addr a6;
		if (inet_pton(AF_INET6, h, &a6) != 1)
			return ydoc_err(d, n, _("%s: '%s' is not an IPv6 address (a port goes in 'port')"),
					bad, h);
	}
	return NULL;
}

/* parse_mail: mail: {via: smtp|sendmail, sendmail: PATH}. */
static char *parse_mail(struct conf *c, const struct ydoc *d, const struct ynode *m)
{
	static const char *const mail_keys[] = { "via", "sendmail", NULL };
	if (!m || ynode_is_null(m))
		return NULL;
	if (m->type != YNODE_MAP)
		return ydoc_err(d, m, _("'mail' must be a mapping (via, sendmail)"));
	char *err, *via = NULL, *path = NULL;
	if ((err = check_keys(d, m, "'mail'", mail_keys)) || (err = str(d, m, "via", &via)) ||
	    (err = str(d, m, "sendmail", &path)))
		return err;
	if (via && strcmp(via, "sendmail") == 0)
		c->via_sendmail = 1;
	else if (via && strcmp(via, "smtp") != 0)
		err = ydoc_err(d, ynode_get(m, "via"), _("'via' must be smtp or sendmail, not '%s'"), via);
	free(via);
	if (path && !err) {
		c->sendmail = conf_expand(path);
		if (c->sendmail[0] != '/')
			err = ydoc_err(d, ynode_get(m, "sendmail"), _("'sendmail' must be an absolute path"));
	}
	free(path);
	return err;
}

static char *parse(struct conf *c, const struct ydoc *d, const struct stat *st)
{
	static const char *const top_keys[] = { "smtp", "from", "journal", "mail", NULL };
	static const char *const smtp_keys[] = { "host", "port", "security", "username",
						 "password_command", "ca_file", "timeout",
						 "password_timeout", NULL };
	const struct ynode *root = d->root;
	char *err = NULL;
	if (!root)
		return NULL;
	if (root->type != YNODE_MAP)
		return ydoc_err(d, root, _("the configuration must be a mapping (key: value)"));
	if ((err = check_keys(d, root, NULL, top_keys)))
		return err;
	if ((err = str(d, root, "from", &c->from)))
		return err;
	if (c->from) {
		const struct ynode *f = ynode_get(root, "from");
		struct mail_addr a;
		char *e = NULL;
		if (mail_addr_parse(c->from, &a, &e)) {
			err = ydoc_err(d, f, "'from': %s", e);
			free(e);
			return err;
		}
		mail_addr_free(&a);
		c->from_line = f->line;
		c->from_col = f->col;
	}
	char *journal = NULL;
	if ((err = str(d, root, "journal", &journal)))
		return err;
	if (journal) {
		free(c->journal);
		c->journal = conf_expand(journal);
		free(journal);
	}
	if ((err = parse_mail(c, d, ynode_get(root, "mail"))))
		return err;
	const struct ynode *smtp = ynode_get(root, "smtp");
	if (!smtp || ynode_is_null(smtp))
		return NULL;
	if (smtp->type != YNODE_MAP)
		return ydoc_err(d, smtp, _("'smtp' must be a mapping (host, port, security, ...)"));
	if ((err = check_keys(d, smtp, "'smtp'", smtp_keys)))
		return err;
	if ((err = str(d, smtp, "host", &c->host)) || (err = str(d, smtp, "username", &c->username)) ||
	    (err = str(d, smtp, "password_command", &c->password_command)))
		return err;
	if (!c->host)
		return ydoc_err(d, smtp, _("'smtp' needs a 'host'"));
	if ((err = check_host(d, ynode_get(smtp, "host"), &c->host)))
		return err;
	char *sec = NULL;
	if ((err = str(d, smtp, "security", &sec)))
		return err;
	if (sec) {
		if (strcmp(sec, "starttls") == 0)
			c->security = CONF_STARTTLS;
		else if (strcmp(sec, "tls") == 0)
			c->security = CONF_TLS;
		else if (strcmp(sec, "none") == 0)
			c->security = CONF_NONE;
		else
			err = ydoc_err(d, ynode_get(smtp, "security"),
				       _("'security' must be starttls, tls or none, not '%s'"), sec);
		free(sec);
		if (err)
			return err;
	}
	c->port = c->security == CONF_TLS ? 465 : c->security == CONF_NONE ? 25 : 587;
	static const char *const nums[] = { "port", "timeout", "password_timeout" };
	for (int i = 0; i < 3; i++) {
		char *s = NULL;
		if ((err = str(d, smtp, nums[i], &s)))
			return err;
		if (!s)
			continue;
		char *end;
		errno = 0;
		long v = strtol(s, &end, 10);
		long max = i == 0 ? 65535 : 3600;
		if (errno || *end || end == s || v < 1 || v > max)
			err = ydoc_err(d, ynode_get(smtp, nums[i]), _("'%s' must be a number from 1 to %ld"),
				       nums[i], max);
		else if (i == 0)
			c->port = (int)v;
		else if (i == 1)
			c->timeout = v;
		else
			c->password_timeout = v;
		free(s);
		if (err)
			return err;
	}
	char *ca = NULL;
	if ((err = str(d, smtp, "ca_file", &ca)))
		return err;
	if (ca) {
		c->ca_file = conf_expand(ca);
		free(ca);
		if (access(c->ca_file, R_OK) != 0) {
			err = ydoc_err(d, ynode_get(smtp, "ca_file"), _("'ca_file' %s: %s"), c->ca_file,
				       strerror(errno));
			return err;
		}
	}
	if ((c->username || c->password_command) && st) {
		if (st->st_mode & (S_IRWXG | S_IRWXO))
			return xasprintf(_("%s: names SMTP credentials but group or others can read or write "
					 "it; run 'chmod 600 %s'"), d->file, d->file);
		if (st->st_uid != getuid())
			return xasprintf(_("%s: names SMTP credentials but belongs to another user"), d->file);
	}
	if (c->password_command && !c->username)
		return ydoc_err(d, ynode_get(smtp, "password_command"),
				_("'password_command' needs a 'username'"));
	return NULL;
}

int conf_load(const char *path, struct conf **out, char **errstr)
{
	struct conf *c = xcalloc(1, sizeof *c);
	c->timeout = 60;
	c->password_timeout = 120;
	c->port = 587;
	c->journal = conf_default_journal();
	char *def = path ? NULL : conf_default_path();
	const char *p = path ? path : def;
	struct stat st;
	if (stat(p, &st) != 0) {
		if (!path && errno == ENOENT) {
			free(def);
			*out = c;
			return 0;
		}
		*errstr = xasprintf("%s: %s", p, strerror(errno));
		goto fail;
	}
	struct ydoc *d = NULL;
	char *err = NULL;
	if (ydoc_load_file(p, &d, &err) != 0) {
		*errstr = err;
		goto fail;
	}
	err = parse(c, d, &st);
	ydoc_free(d);
	if (err) {
		*errstr = err;
		goto fail;
	}
	c->file = xstrdup(p);
	free(def);
	*out = c;
	return 0;
fail:
	free(def);
	conf_free(c);
	return EX_CONFIG;
}

int conf_password(const struct conf *c, char **password, char **errstr)
{
	/* Whoever holds a password: no core dump, no ptrace by others. */
#if defined HAVE_PRCTL && defined PR_SET_DUMPABLE
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);	/* Linux; elsewhere the core limit only */
#endif
	const struct rlimit no_core = { 0, 0 };
	setrlimit(RLIMIT_CORE, &no_core);
	char *env = getenv("OBJECTOR_SMTP_PASSWORD");
	if (env && *env) {
		*password = xstrdup(env);
		/* Clear it from the environment: no child process inherits it. */
		for (char *p = env; *p; p++)
			*(volatile char *)p = 0;
		unsetenv("OBJECTOR_SMTP_PASSWORD");
		return 0;
	}
	if (!c->password_command) {
		*errstr = xasprintf(_("no SMTP password: set 'password_command' in %s or the environment "
				    "variable OBJECTOR_SMTP_PASSWORD"),
				    c->file ? c->file : _("the configuration file"));
		return EX_CONFIG;
	}
	int fds[2];
	if (pipe(fds) < 0) {
		*errstr = xasprintf(_("cannot run the password command: %s"), strerror(errno));
		return EX_OSERR;
	}
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		*errstr = xasprintf(_("cannot run the password command: %s"), strerror(errno));
		return EX_OSERR;
	}
	if (pid == 0) {
		/* its own process group: on a timeout the whole group is killed */
		setpgid(0, 0);
		close(fds[0]);
		if (dup2(fds[1], 1) < 0)
			_exit(127);
		close(fds[1]);
		execl("/bin/sh", "sh", "-c", c->password_command, (char *)NULL);
		_exit(127);
	}
	setpgid(pid, pid);	/* also here: no race with the kill below */
	close(fds[1]);
	/* Read until end of file, at most PW_MAX bytes and password_timeout
	 * seconds; once the command itself has ended, a process it left behind
	 * holding the pipe gets a moment, not forever. */
	enum { PW_MAX = 4096, PW_ALL = 65536 };
	char buf[PW_MAX];
	size_t n = 0, total = 0;
	int toolong = 0, timedout = 0, status = 0, reaped = 0;
	struct timespec t0, now;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	long limit_ms = c->password_timeout * 1000L, reaped_ms = 0;
	for (;;) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		long ms = (now.tv_sec - t0.tv_sec) * 1000L + (now.tv_nsec - t0.tv_nsec) / 1000000L;
		if (!reaped) {
			pid_t w = waitpid(pid, &status, WNOHANG);
			if (w == pid) {
				reaped = 1;
				reaped_ms = ms;
			}
		}
		if (reaped && ms - reaped_ms > 500)
			break;	/* the command ended; what holds the pipe is not it */
		if (ms >= limit_ms) {
			timedout = 1;
			break;
		}
		struct pollfd pf = { fds[0], POLLIN, 0 };
		int pr = poll(&pf, 1, 100);
		if (pr < 0 && errno == EINTR)
			continue;
		if (pr <= 0)
			continue;
		char sink[512];
		char *dst = n < sizeof buf - 1 ? buf + n : sink;
		size_t room = n < sizeof buf - 1 ? sizeof buf - 1 - n : sizeof sink;
		ssize_t r = read(fds[0], dst, room);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		total += (size_t)r;
		if (dst == sink) {
			explicit_bzero(sink, sizeof sink);
			toolong = 1;
		} else {
			n += (size_t)r;
		}
		if (total > PW_ALL)
			break;
	}
	close(fds[0]);
	buf[n] = '\0';
	int rc = 0;
	if (timedout || total > PW_ALL) {
		kill(-pid, SIGKILL);
		if (!reaped)
			while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
				;
		if (timedout)
			*errstr = xasprintf(i18n_ngettext("the password command did not finish within %ld "
							  "second: stopped (smtp.password_timeout in %s)",
							  "the password command did not finish within %ld "
							  "seconds: stopped (smtp.password_timeout in %s)",
							  (unsigned long)c->password_timeout),
					    c->password_timeout,
					    c->file ? c->file : _("the configuration file"));
		else
			*errstr = xasprintf(_("the password command printed more than %d bytes: stopped"),
					    PW_ALL);
		explicit_bzero(buf, sizeof buf);
		return EX_CONFIG;
	}
	if (!reaped)
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	size_t len = strcspn(buf, "\r\n");
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		*errstr = WIFEXITED(status)
			? xasprintf(_("the password command failed (exit %d)"), WEXITSTATUS(status))
			: xstrdup(_("the password command was killed by a signal"));
		rc = EX_CONFIG;
	} else if (len == 0) {
		*errstr = xstrdup(_("the password command printed no password"));
		rc = EX_CONFIG;
	} else if (toolong && len == n) {
		*errstr = xstrdup(_("the password command printed too much (more than 4 KiB on one line)"));
		rc = EX_CONFIG;
	} else {
		*password = xstrndup(buf, len);
	}
	explicit_bzero(buf, sizeof buf);
	return rc;
}
