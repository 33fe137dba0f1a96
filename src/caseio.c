/* SPDX-License-Identifier: GPL-3.0-or-later */
/* caseio.c: what the case commands share; see caseio.h. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>

#include "i18n.h"
#include "caseio.h"
#include "cmd.h"
#include "conf.h"
#include "deadline.h"
#include "diag.h"
#include "journal.h"
#include "xalloc.h"

int caseio_open(struct caseio *io, const char *reference, int for_write)
{
	memset(io, 0, sizeof *io);
	char *err = NULL;
	int rc = conf_load(app.config_path, &io->conf, &err);
	if (!rc)
		rc = deadline_rules_load(app_data_dir(), &io->rules, &err);
	if (rc) {
		errmsg("%s", err);
		free(err);
		return rc;
	}
	date_today(&io->today);
	const char *path = io->conf->journal;
	struct stat st;
	if (reference && stat(path, &st) < 0) {
		/* nothing to record an event in: never create the journal for it */
		errmsg(_("unknown reference %s: the journal %s does not exist"), reference, path);
		return EX_DATAERR;
	}
	rc = journal_open(path, for_write, &io->j, &err);
	if (!rc)
		rc = journal_read(io->j, &io->v, &io->n, &err);
	if (rc) {
		errmsg("%s", err);
		free(err);
		return rc;
	}
	int torn_line, torn = journal_torn(io->j, &torn_line);
	if (torn)
		errmsg(i18n_ngettext("warning: %s:%d: %d entry cut short by a crash skipped",
				     "warning: %s:%d: %d entries cut short by a crash skipped",
				     (unsigned long)torn), path, torn_line, torn);
	if (!reference)
		return 0;
	if (case_build(io->v, io->n, reference, io->rules, io->today, &io->c) < 0) {
		errmsg(_("unknown reference %s: not in the journal %s"), reference, path);
		return EX_DATAERR;
	}
	io->have_case = 1;
	return 0;
}

void caseio_close(struct caseio *io)
{
	if (io->have_case)
		case_free(&io->c);
	jentries_free(io->v, io->n);
	journal_close(io->j);
	deadline_rules_free(io->rules);
	if (io->conf)
		conf_free(io->conf);
	memset(io, 0, sizeof *io);
}

int caseio_append(struct caseio *io, struct jentry *e)
{
	char now[32];
	if (!e->time) {
		journal_now(now);
		e->time = now;
	}
	char *err = NULL;
	int rc = journal_append(io->j, e, &err);
	if (e->time == now)
		e->time = NULL;
	if (rc) {
		errmsg("%s", err);
		free(err);
	}
	return rc;
}

char *caseio_case_dir(const struct caseio *io, const char *sub)
{
	char *top = journal_state_dir(io->conf->journal, sub);
	char *dir = xasprintf("%s/%s", top, io->c.reference);
	if ((mkdir(top, 0700) < 0 && errno != EEXIST) || (mkdir(dir, 0700) < 0 && errno != EEXIST)) {
		errmsg("%s: %s", dir, strerror(errno));
		free(top);
		free(dir);
		return NULL;
	}
	free(top);
	return dir;
}

int caseio_date_arg(const struct caseio *io, const char *opt, const char *s, struct date not_before,
		    const char *not_before_what, struct date *out)
{
	if (date_parse(s, out) < 0) {
		errmsg(_("--%s '%s': not a date of the form YYYY-MM-DD"), opt, s);
		return EX_USAGE;
	}
	char a[11], b[11];
	if (date_cmp(*out, not_before) < 0) {
		date_iso(not_before, b);
		errmsg(_("--%s %s is before %s (%s): refused, nothing recorded"), opt, s, not_before_what, b);
		return EX_DATAERR;
	}
	if (date_cmp(*out, io->today) > 0) {
		date_iso(io->today, a);
		errmsg(_("--%s %s is in the future (today is %s): refused, nothing recorded"), opt, s, a);
		return EX_DATAERR;
	}
	return 0;
}
