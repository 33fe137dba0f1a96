/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sendmail.c: the message to the MTA through a pipe; see sendmail.h.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <sysexits.h>
#include <unistd.h>

#include "i18n.h"
#include "fileio.h"
#include "sendmail.h"
#include "smtp.h"
#include "xalloc.h"

int sendmail_send(const char *path, const char *from, const char *const *rcpt, size_t nrcpt,
		  const char *msg, size_t len, char **reply, char **errstr)
{
	*reply = NULL;
	int fds[2];
	if (pipe(fds) < 0) {
		*errstr = xasprintf(_("cannot run %s: %s"), path, strerror(errno));
		return SMTP_ETEMP;
	}
	char **argv = xcalloc(nrcpt + 6, sizeof *argv);
	size_t k = 0;
	argv[k++] = (char *)path;
	argv[k++] = "-i";
	argv[k++] = "-f";
	argv[k++] = (char *)from;
	argv[k++] = "--";
	for (size_t i = 0; i < nrcpt; i++)
		argv[k++] = (char *)rcpt[i];
	argv[k] = NULL;
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		*errstr = xasprintf(_("cannot run %s: %s"), path, strerror(errno));
		free(argv);
		close(fds[0]);
		close(fds[1]);
		return SMTP_ETEMP;
	}
	if (pid == 0) {
		close(fds[1]);
		if (dup2(fds[0], 0) < 0)
			_exit(EX_OSERR);
		close(fds[0]);
		execv(path, argv);
		_exit(127);
	}
	free(argv);
	close(fds[0]);
	/* the MTA may stop reading early: a write error is its exit status's business */
	void (*old)(int) = signal(SIGPIPE, SIG_IGN);
	int werr = 0;
	size_t from_i = 0;
	for (size_t i = 0; i + 1 < len; i++)
		if (msg[i] == '\r' && msg[i + 1] == '\n') {
			if (!werr && write_all(fds[1], msg + from_i, i - from_i) < 0)
				werr = errno;
			from_i = i + 1;
		}
	if (!werr && write_all(fds[1], msg + from_i, len - from_i) < 0)
		werr = errno;
	close(fds[1]);
	signal(SIGPIPE, old);
	int status;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!WIFEXITED(status)) {
		*errstr = xasprintf(_("%s was killed by signal %d"), path, WTERMSIG(status));
		*reply = xasprintf(_("%s: killed by signal %d"), path, WTERMSIG(status));
		return SMTP_ETEMP;
	}
	int ex = WEXITSTATUS(status);
	*reply = xasprintf(_("%s: exit status %d"), path, ex);
	if (ex == 0 && !werr)
		return SMTP_OK;
	if (ex == 0) {
		*errstr = xasprintf(_("writing to %s: %s"), path, strerror(werr));
		return SMTP_ETEMP;
	}
	if (ex == 127) {
		*errstr = xasprintf(_("cannot run %s (exit status 127): is it installed? (mail.sendmail "
				    "in the configuration)"), path);
		return SMTP_ECONFIG;
	}
	*errstr = xasprintf(_("%s exited with status %d%s"), path, ex,
			    ex == EX_TEMPFAIL ? " (temporary failure: it will not retry this one)" : "");
	return ex == EX_TEMPFAIL ? SMTP_ETEMP : SMTP_EREFUSED;
}
