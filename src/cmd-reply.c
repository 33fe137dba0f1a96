/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd-reply.c: `objector reply REF --outcome OUTCOME [--received DATE]
 * [--attach FILE]... [--note TEXT]`: the company's answer, as one "reply"
 * event of the case (case.h). Attached files (the reply as .eml or PDF)
 * are copied to STATE/replies/REF/ (0600) and named in the journal with
 * their SHA-256. "extended" extends the due date by the law's extension,
 * once. Nothing is written when the command refuses; a copy made before
 * the journal refused the event is removed again.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "buf.h"
#include "case.h"
#include "caseio.h"
#include "cmd.h"
#include "conf.h"
#include "deadline.h"
#include "diag.h"
#include "i18n.h"
#include "fileio.h"
#include "journal.h"
#include "sha256.h"
#include "xalloc.h"

#define REPLY_FILE_MAX ((size_t)64 << 20)

enum { O_OUTCOME, O_RECEIVED, O_ATTACH, O_NOTE };
static const struct cmd_opt opts[] = {
	[O_OUTCOME] = { "outcome", 0, CMD_ARG },
	[O_RECEIVED] = { "received", 'r', CMD_ARG },
	[O_ATTACH] = { "attach", 'a', CMD_ARGS },
	[O_NOTE] = { "note", 'n', CMD_ARG },
	{ NULL, 0, 0 },
};

static int reply_exec(const struct cmd_entry *self, const struct cmd_args *args);

const struct cmd_entry cmd_reply_entry = {
	.name = "reply",
	.args = "REF --outcome complied|partial|refused|extended|acknowledged [--received DATE] "
		"[--attach FILE]... [--note TEXT]",
	.summary = N_("record the company's answer to a letter"),
	.help = N_("      --outcome OUTCOME complied, partial, refused, extended (the company\n"
		"                        claimed the extension the law allows: the due date\n"
		"                        moves, once) or acknowledged (only a receipt)\n"
		"  -r, --received DATE   the day the answer came, YYYY-MM-DD (default: today)\n"
		"  -a, --attach FILE     keep the answer (.eml, PDF) with the case: copied under\n"
		"                        the state directory with its SHA-256; repeatable\n"
		"  -n, --note TEXT       a note of your own, one line\n"),
	.opts = opts,
	.exec = reply_exec,
};

struct copy {
	char *data;
	size_t len;
	char *name;	/* safe base name */
	char *rel;	/* replies/REF/NAME */
	char *path;	/* where it is written */
	char sha[SHA256_HEX_LEN + 1];
	int written;
};

/* --outcome and --note as the command takes them. */
static int check_options(const char *outcome, const char *note)
{
	if (!outcome) {
		errmsg(_("--outcome is required: one of %s"), CASE_OUTCOMES);
		return EX_USAGE;
	}
	if (!case_outcome_valid(outcome)) {
		errmsg(_("--outcome '%s': unknown; the outcomes are %s"), outcome, CASE_OUTCOMES);
		return EX_USAGE;
	}
	if (note && strpbrk(note, "\r\n")) {
		errmsg(_("--note: one line only"));
		return EX_USAGE;
	}
	return 0;
}

/* Reads the files first: a missing one refuses before anything is written.
 * The same file twice is kept once (*pnf drops). */
static int read_files(const char **files, size_t *pnf, struct copy *cp)
{
	size_t nf = *pnf;
	char *err = NULL;
	int rc = 0;
	for (size_t i = 0; i < nf && !rc; i++) {
		if ((rc = file_read(files[i], REPLY_FILE_MAX, &cp[i].data, &cp[i].len, &err))) {
			errmsg("--attach %s", err);
			free(err);
		}
		if (!rc) {
			sha256_hex(cp[i].data, cp[i].len, cp[i].sha);
			int dup = 0;
			for (size_t k = 0; k < i && !dup; k++)
				dup = strcmp(cp[k].sha, cp[i].sha) == 0 && strcmp(files[k], files[i]) == 0;
			if (dup) {	/* the same file twice: kept once */
				free(cp[i].data);
				cp[i].data = NULL;
				memmove(&files[i], &files[i + 1], (nf - i) * sizeof *files);
				nf--;
				i--;
				continue;
			}
			char *b = file_safe_name(files[i], "reply");
			cp[i].name = xasprintf("%.12s-%s", cp[i].sha, b);
			free(b);
		}
	}
	*pnf = nf;
	return rc;
}

/* May this reply be recorded on the day *day (--received or today)? */
static int check_case(struct caseio *io, const char *ref, const char *outcome, const char *received,
		      struct date *day)
{
	const struct case_info *c = &io->c;
	int rc;
	if (!c->letter) {
		errmsg(_("%s was never sent (only failed attempts): no reply to record, nothing recorded"), ref);
		return EX_USAGE;
	}
	if (received && (rc = caseio_date_arg(io, "received", received, c->sent,
					      "the day the letter was sent", day)))
		return rc;
	if (!received && date_cmp(*day, c->sent) < 0) {
		char a[11], b[11];
		date_iso(*day, a);
		date_iso(c->sent, b);
		errmsg(_("today (%s) is before the day the letter was sent (%s): refused, nothing recorded"), a, b);
		return EX_DATAERR;
	}
	if (strcmp(outcome, "extended") == 0) {
		if (c->extended) {
			errmsg(_("%s: the extension was already claimed (reply of %s, %s:%d): the law allows it "
			       "once, no further; nothing recorded"), ref,
			       c->extended->date ? c->extended->date : "?", io->conf->journal, c->extended->line);
			return EX_DATAERR;
		}
		if (c->rule && !deadline_can_extend(c->rule)) {
			errmsg(_("%s: the law of this case (%s) allows no extension of its period; "
			       "nothing recorded (record the answer as acknowledged instead)"), ref,
			       c->jurisdiction);
			return EX_DATAERR;
		}
	}
	return 0;
}

/* Copies the files to STATE/replies/REF/ (0600) and lists them for the
 * journal as "PATH sha256:HEX, ...". */
static int store_files(struct caseio *io, const char *ref, struct copy *cp, size_t nf, char **pdir,
		       struct buf *list)
{
	char *err = NULL, *dir = NULL;
	int rc = 0;
	if (nf && !(dir = *pdir = caseio_case_dir(io, "replies")))
		return EX_CANTCREAT;
	for (size_t i = 0; i < nf && !rc; i++) {
		cp[i].path = xasprintf("%s/%s", dir, cp[i].name);
		cp[i].rel = xasprintf("replies/%s/%s", ref, cp[i].name);
		if (access(cp[i].path, F_OK) == 0)
			continue;	/* the same bytes under the same name: kept once */
		rc = file_write_atomic(cp[i].path, cp[i].data, cp[i].len, 0600, 1, &err);
		if (rc) {
			errmsg("%s", err);
			free(err);
		} else {
			cp[i].written = 1;
		}
	}
	for (size_t i = 0; i < nf && !rc; i++) {
		if (i)
			BUF_MUST(buf_adds(list, ", "));
		BUF_MUST(buf_adds(list, cp[i].rel));
		BUF_MUST(buf_adds(list, " sha256:"));
		BUF_MUST(buf_adds(list, cp[i].sha));
	}
	return rc;
}

/* What was recorded, and what follows from it. */
static void report(const struct case_info *c, const char *ref, const char *outcome, char *iso,
		   const struct copy *cp, size_t nf)
{
	printf("%s: reply recorded: %s, received %s\n", ref, outcome, iso);
	for (size_t i = 0; i < nf; i++)
		printf("kept %s (SHA-256 %s)\n", cp[i].path, cp[i].sha);
	if (strcmp(outcome, "extended") == 0 && c->has_receipt && c->rule) {
		struct date due = deadline_due(c->rule, c->receipt, 1);
		date_iso(due, iso);
		printf("answer now due by %s (%s)\n", iso, c->rule->ext_basis ? c->rule->ext_basis : c->rule->basis);
	} else if (strcmp(outcome, "partial") == 0 || strcmp(outcome, "refused") == 0) {
		printf(_("next: if the answer does not satisfy you: objector complain %s\n"), ref);
	}
}

static int reply_exec(const struct cmd_entry *self, const struct cmd_args *args)
{
	if (args->argc != 1)
		return cmd_usage_error(self, args->argc ? "one reference only" : "which case? give its reference");
	const char *ref = args->argv[0], *outcome = args->opt[O_OUTCOME], *note = args->opt[O_NOTE];
	int rc = check_options(outcome, note);
	if (rc)
		return rc;
	const char **files = args->list[O_ATTACH];
	size_t nf = 0;
	while (files && files[nf])
		nf++;
	struct copy *cp = xcalloc(nf + 1, sizeof *cp);
	struct caseio io;
	struct buf list = BUF_INIT;
	char *dir = NULL;
	rc = read_files(files, &nf, cp);
	memset(&io, 0, sizeof io);
	if (rc || (rc = caseio_open(&io, ref, 1)))
		goto out;
	struct date day = io.today;
	if ((rc = check_case(&io, ref, outcome, args->opt[O_RECEIVED], &day)) ||
	    (rc = store_files(&io, ref, cp, nf, &dir, &list)))
		goto out;
	char iso[11];
	date_iso(day, iso);
	struct jentry e = {
		.reference = (char *)ref,
		.status = "recorded",
		.event = "reply",
		.date = iso,
		.outcome = (char *)outcome,
		.note = (char *)note,
		.attachments = nf ? list.data : NULL,
	};
	if ((rc = caseio_append(&io, &e)))
		goto out;
	report(&io.c, ref, outcome, iso, cp, nf);
out:
	if (rc)
		for (size_t i = 0; i < nf; i++)
			if (cp[i].written)
				unlink(cp[i].path);	/* refused: nothing left behind */
	for (size_t i = 0; i < nf; i++) {
		free(cp[i].data);
		free(cp[i].name);
		free(cp[i].rel);
		free(cp[i].path);
	}
	free(cp);
	free(dir);
	buf_free(&list);
	caseio_close(&io);
	return rc;
}
