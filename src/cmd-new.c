/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd-new.c: `objector new [--answers FILE] [-o PDF] [--send] [--lang L]`:
 * ask the questions, save the answers file and write the letter.
 *
 * The questions are asked by questionnaire.c on standard input, with the
 * dialogue on standard error, so that standard output holds only the paths
 * written (for scripts). Nothing is written before the person confirms the
 * summary: end of input (exit 65) or Ctrl-C (exit 130) before that leave no
 * file behind. The answers are emitted with ydoc_emit and the emitted bytes
 * are loaded and validated again (answers_from_doc) and the letter rendered
 * in memory before the first file is created; both files are created 0600,
 * atomically, and never over an existing file (a -2, -3 ... suffix instead).
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "answers.h"
#include "buf.h"
#include "catalog.h"
#include "cmd.h"
#include "compose.h"
#include "conf.h"
#include "diag.h"
#include "i18n.h"
#include "fileio.h"
#include "letter.h"
#include "locale.h"
#include "pdf.h"
#include "plan.h"
#include "term.h"
#include "questionnaire.h"
#include "submit.h"
#include "xalloc.h"
#include "ydoc.h"

#define EX_NOT_CONFIRMED 1
#define EX_INTERRUPTED 130

static volatile sig_atomic_t got_sigint;

static void on_sigint(int sig)
{
	(void)sig;
	got_sigint = 1;
}

static int exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0 || errno != ENOENT;
}

/* with_suffix: "dir/name.ext" -> "dir/name-N.ext" (N > 1), else a copy. */
static char *with_suffix(const char *path, int n)
{
	if (n <= 1)
		return xstrdup(path);
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(path, '.');
	if (!dot || (slash && dot < slash) || dot == (slash ? slash + 1 : path))
		return xasprintf("%s-%d", path, n);
	return xasprintf("%.*s-%d%s", (int)(dot - path), path, n, dot);
}

/* pick_paths: free names for the answers file and the letter: the stem in
 * the current directory, or the letter at output; the same suffix for both
 * when both are default names. */
static int pick_paths(const char *stem, const char *output, const char *ext, char **yaml,
		      char **letter)
{
	char *y0 = xasprintf("%s.yaml", stem);
	char *l0 = output ? xstrdup(output) : xasprintf("%s.%s", stem, ext);
	struct stat ost;	/* a device, a FIFO: written into as it is */
	int to_stdout = output && (strcmp(output, "-") == 0 ||
				   (stat(output, &ost) == 0 && !S_ISREG(ost.st_mode) &&
				    !S_ISDIR(ost.st_mode)));
	for (int n = 1; n < 1000; n++) {
		char *y = with_suffix(y0, n);
		if (exists(y)) {
			free(y);
			continue;
		}
		char *l = NULL;
		if (to_stdout) {
			l = xstrdup(output);
		} else if (!output) {
			l = with_suffix(l0, n);
			if (exists(l)) {
				free(y);
				free(l);
				continue;
			}
		} else {
			for (int m = 1; m < 1000 && !l; m++) {
				l = with_suffix(l0, m);
				if (exists(l) || strcmp(l, y) == 0) {
					free(l);
					l = NULL;
				}
			}
		}
		if (!l) {
			free(y);
			break;
		}
		free(y0);
		free(l0);
		*yaml = y;
		*letter = l;
		return 0;
	}
	free(y0);
	free(l0);
	return -1;
}

/* render: the letter for validated answers, and its PDF into out. */
static int render(const struct catalog *cat, const struct answers *a, struct letter **l,
		  struct buf *out, char **err)
{
	int rc = compose_answers(cat, app_data_dir(), a, l, err);
	if (rc)
		return rc;
	for (size_t i = 0; i < (*l)->warnings.n; i++)
		errmsg(_("warning: %s"), (*l)->warnings.v[i]);
	rc = pdf_render(*l, NULL, out, err);
	if (rc) {
		letter_free(*l);
		*l = NULL;
	}
	return rc;
}

/* load_preset: the --answers file, leniently: any mapping will do; what is
 * missing or invalid is asked. */
static int load_preset(const char *path, struct ynode **root)
{
	struct ydoc *d;
	char *err = NULL;
	int rc = ydoc_load_file(path, &d, &err);
	if (rc) {
		errmsg("%s", err);
		free(err);
		return rc;
	}
	if (d->root && d->root->type != YNODE_MAP) {
		char *m = ydoc_err(d, d->root, _("expected a mapping of answers (jurisdiction: ..., "
					       "controller: ..., requester: ...)"));
		errmsg("%s", m);
		free(m);
		ydoc_free(d);
		return EX_DATAERR;
	}
	*root = d->root ? ynode_clone(d->root) : ynode_new_map();
	ydoc_free(d);
	return 0;
}

/* say: a message of the locale's `new:` section with {file}/{pdf}. */
static void say(const struct locale *loc, FILE *f, const char *key, const char *file,
		const char *pdf)
{
	const char *t = locale_get(loc, key);
	if (!t)
		return;
	for (const char *p = t; *p; p++) {
		if (!strncmp(p, "{file}", 6)) {
			fputs(file, f);
			p += 5;
		} else if (!strncmp(p, "{pdf}", 5)) {
			fputs(pdf, f);
			p += 4;
		} else {
			fputc(*p, f);
		}
	}
	fputc('\n', f);
}

/* send_letter: go on to send the letter just written (as `objector send`
 * would): by e-mail when the controller has an address for it, else
 * through its web form (submit prints the form's address and the text to
 * paste, and journals it once the person confirms). */
static int send_letter(const struct letter *l, const struct buf *pdf, const char *yaml,
		       const char *letter)
{
	struct submit_opts o = {
		.via = !l->to.email && l->to.form ? SUBMIT_WEBFORM : SUBMIT_EMAIL,
		.source = yaml,
		.pdf_path = strcmp(letter, "-") != 0 ? letter : NULL,
	};
	fflush(stdout);
	struct submit_session *s;
	int rc = submit_session_open(app.config_path, &s);
	if (!rc) {
		rc = submit(s, l, pdf->data, pdf->len, &o);
		submit_session_free(s);
	}
	if (rc)
		errmsg(_("the letter was not sent; the files are written: send it later with "
		       "'objector send %s'"), yaml);
	return rc;
}

static int finish(const struct catalog *cat, const struct locale *loc, const struct answers *a,
		  const char *ybytes, const char *output, int do_send)
{
	struct buf out = BUF_INIT;
	struct letter *l = NULL;
	char *err = NULL;
	int rc = render(cat, a, &l, &out, &err);
	if (rc) {
		errmsg("%s", err);
		free(err);
		buf_free(&out);
		return rc;
	}
	char *stem = qn_file_stem(a);
	char *yaml = NULL, *letter = NULL;
	if (pick_paths(stem, output, "pdf", &yaml, &letter)) {
		errmsg(_("cannot find a free file name for '%s'"), stem);
		free(stem);
		letter_free(l);
		buf_free(&out);
		return EX_CANTCREAT;
	}
	free(stem);

	/* The answers file: what was validated, byte for byte. */
	rc = file_write_atomic(yaml, ybytes, strlen(ybytes), 0600, 1, &err);
	if (rc) {
		errmsg("%s", err);
		free(err);
		goto done;
	}
	rc = file_write_out(letter, out.data, out.len, 0600, 0, &err);
	if (rc) {
		errmsg("%s", err);
		free(err);
		errmsg(_("the answers are saved in '%s': 'objector generate %s' writes the letter"), yaml,
		       yaml);
		goto done;
	}
	FILE *msg = stderr;
	fputc('\n', msg);
	say(loc, msg, "new.written_answers", yaml, letter);
	say(loc, msg, "new.written_letter", yaml,
	    strcmp(letter, "-") == 0 ? "standard output" : letter);
	if (!do_send && !l->to.email && l->to.ent) {
		/* no e-mail address: the plan instead of "send it with ..." */
		struct plan_values v;
		plan_values_of(l, &v);
		v.answers_file = yaml;
		v.letter_file = strcmp(letter, "-") != 0 ? letter : NULL;
		struct buf b = BUF_INIT;
		plan_letter_text(l, &v, 0, &b);
		fputc('\n', msg);
		term_printf(msg, "%s", b.data);
		buf_free(&b);
	} else if (!do_send) {
		say(loc, msg, "new.next_send", yaml, letter);
	}
	/* Standard output: the paths, for scripts (unless it holds the letter). */
	if (strcmp(letter, "-") != 0)
		printf("%s\n%s\n", yaml, letter);
	else
		fprintf(stderr, "%s\n", yaml);
	if (do_send) {
		struct sigaction sa = { .sa_handler = SIG_DFL };
		sigaction(SIGINT, &sa, NULL);
		rc = send_letter(l, &out, yaml, letter);
	}
done:
	letter_free(l);
	free(yaml);
	free(letter);
	buf_free(&out);
	return rc;
}

/* validate: emit the tree (with a comment on top) and load the bytes back
 * as an answers file: what is written is exactly what was checked. *bytes
 * is the caller's. */
static int validate(const struct catalog *cat, const struct ynode *root, struct answers **a,
		    char **bytes)
{
	struct buf b = BUF_INIT;
	char *err = NULL;
	BUF_MUST(buf_adds(&b, "# Answers for an objection letter, written by 'objector new'.\n"
		     "# 'objector generate FILE' writes the letter again, 'objector send FILE' sends it.\n"));
	int rc = ydoc_emit(root, &b, &err);
	if (rc) {
		errmsg("%s", err);
		free(err);
		buf_free(&b);
		return rc;
	}
	struct ydoc *d;
	rc = ydoc_load_mem("the answers", b.data, b.len, &d, &err);
	if (!rc)
		rc = answers_from_doc(cat, d, a, &err);
	if (rc) {
		errmsg("%s", err);
		free(err);
		buf_free(&b);
		return rc;
	}
	*bytes = buf_detach(&b, NULL);
	return 0;
}

/* One letter to write: its validated answers and the answers file's text. */
struct job {
	struct answers *a;
	char *bytes;
};

static void jobs_free(struct job *jobs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		answers_free(jobs[i].a);
		free(jobs[i].bytes);
	}
	free(jobs);
}

/* skipped_note: after "all", the catalogued companies that have no entity
 * for the jurisdiction, which get no letter. */
static void skipped_note(const struct qn_io *io, const struct ynode *root,
			 const struct ynode *many)
{
	const char *jur = ynode_scalar(ynode_get(root, "jurisdiction"));
	size_t offered = 0;
	struct buf b = BUF_INIT;
	for (size_t i = 0; jur && i < catalog_ncontrollers(io->cat); i++) {
		const struct cat_controller *c = catalog_controller_at(io->cat, i);
		if (cat_controller_entity(c, jur))
			offered++;
		else
			BUF_MUST(buf_printf(&b, "%s%s", b.len ? ", " : "", c->name));
	}
	if (b.len && offered == many->n)
		fprintf(io->out, "\nNo letter to %s: the catalogue has no entity of theirs for %s "
			"(to write to one, run 'objector new' again, choose 'other' and give the "
			"entity its privacy notice names).\n", b.data, jur);
	buf_free(&b);
}

/* each_company: several companies chosen: for each, a copy of the answers
 * with its id as the controller, its own questions (the account), and the
 * validation. */
static int each_company(const struct questionnaire *q, const struct qn_io *io,
			const struct ynode *root, const struct ynode *many, struct job **jobs,
			size_t *njobs, char **err)
{
	skipped_note(io, root, many);
	*jobs = xcalloc(many->n, sizeof **jobs);
	int rc = QN_OK;
	for (size_t i = 0; i < many->n && rc == QN_OK; i++) {
		struct ynode *sub = ynode_clone(root);
		ynode_map_set(sub, "controller", ynode_new_str(many->items[i]->str));
		rc = qn_ask_per_company(q, io, sub, err);
		if (rc == QN_OK) {
			rc = validate(io->cat, sub, &(*jobs)[i].a, &(*jobs)[i].bytes);
			rc = rc ? -rc : QN_OK;	/* an exit code already reported */
		}
		ynode_free(sub);
		if (rc == QN_OK)
			(*njobs)++;
	}
	return rc;
}

/* interview: the preset's check, the questions, the validation and the
 * summary: QN_OK with *jobs set (one per company chosen), another QN_
 * status, or minus an exit code already reported. */
static int interview(const struct questionnaire *q, const struct qn_io *io, struct ynode *root,
		     const char *answers_file, struct job **jobs, size_t *njobs, char **err)
{
	const char *w = locale_get(io->loc, "new.welcome");
	if (w)
		fprintf(stderr, "%s\n", w);
	int rc = answers_file ? qn_check_preset(q, io, root, answers_file, err) : QN_OK;
	if (rc == QN_DATA) {
		errmsg("%s", *err);
		free(*err);
		*err = NULL;
		rc = -EX_DATAERR;
	} else {
		rc = qn_ask(q, io, root, err);
	}
	if (rc != QN_OK)
		return rc;
	const struct ynode *many = ynode_get(root, "controller");
	if (many && many->type == YNODE_SEQ) {
		rc = each_company(q, io, root, many, jobs, njobs, err);
	} else {
		*jobs = xcalloc(1, sizeof **jobs);
		rc = validate(io->cat, root, &(*jobs)[0].a, &(*jobs)[0].bytes);
		if (rc == 0)
			*njobs = 1;
		rc = rc ? -rc : QN_OK;	/* an exit code already reported */
	}
	if (rc == QN_OK) {
		qn_summary(q, io, (*jobs)[0].a);
		if (*njobs > 1) {
			fprintf(io->out, "One letter to each of:");
			for (size_t i = 0; i < *njobs; i++)
				fprintf(io->out, "%s %s", i ? "," : "",
					catalog_controller(io->cat, (*jobs)[i].a->controller_id)->name);
			fputc('\n', io->out);
		}
		rc = qn_confirm(io);
	}
	return rc;
}

/* exit_code: the exit code for the interview's outcome (messages printed). */
static int exit_code(int rc, const char *err)
{
	switch (rc) {
	case QN_OK:
		break;
	case QN_EOF:
		fputc('\n', stderr);
		errmsg(_("the input ended before the questions were answered; nothing was written"));
		rc = EX_DATAERR;
		break;
	case QN_INTERRUPTED:
		fputc('\n', stderr);
		errmsg(_("interrupted; nothing was written"));
		rc = EX_INTERRUPTED;
		break;
	case QN_DECLINED:
		errmsg(_("not confirmed; nothing was written"));
		rc = EX_NOT_CONFIRMED;
		break;
	case QN_DATA:
		errmsg("%s", err);
		rc = EX_SOFTWARE;
		break;
	case QN_IOERR:
		errmsg("%s", err ? err : "I/O error");
		rc = EX_IOERR;
		break;
	default:
		rc = -rc;
		break;
	}
	return rc;
}

enum { O_ANSWERS, O_OUTPUT, O_SEND, O_LANG };
static const struct cmd_opt opts[] = {
	[O_ANSWERS] = { "answers", 'a', CMD_ARG },
	[O_OUTPUT] = { "output", 'o', CMD_ARG },
	[O_SEND] = { "send", 0, CMD_FLAG },
	[O_LANG] = { "lang", 0, CMD_ARG },
	{ NULL, 0, 0 },
};

static int new_exec(const struct cmd_entry *self, const struct cmd_args *args);

const struct cmd_entry cmd_new_entry = {
	.name = "new",
	.args = "[--answers FILE] [-o PDF] [--send] [--lang L]",
	.summary = N_("ask the questions, save the answers and write the letter"),
	.help = N_("  -a, --answers FILE    start from this answers file: its answers are not asked again\n"
		"                        (a half-filled file is completed; invalid answers are asked again)\n"
		"  -o, --output PDF      where to write the PDF (default: in the current directory,\n"
		"                        named after controller, jurisdiction and date)\n"
		"      --send            go on to send the letter (see 'objector help send')\n"
		"      --lang L          language of the questions and messages (see 'objector --help')\n"),
	.notes = N_("\nThe questions are asked on standard error and answered on standard input, one\n"
		"answer per line: an empty line takes the default in brackets, a choice takes its\n"
		"number or code, a multi-line answer ends with an empty line, '?' shows help.\n"
		"The company question takes several (1,3,5, codes, or all): the shared questions\n"
		"are asked once, the account for each company, and each company gets its own\n"
		"answers file and letter (companies with no entity for your jurisdiction in the\n"
		"catalogue are left out of 'all', with a note). When a company publishes no\n"
		"e-mail address, new ends with its submission plan (setting, form, post).\n"
		"Nothing is written before you confirm the summary. The answers file (0600) and\n"
		"the letter never replace a file: -2, -3 ... is added to the name. Standard output\n"
		"gets their paths.\n"
		"Exit status: 0 written, 1 not confirmed, 65 the input ended before the questions\n"
		"were answered, 130 interrupted (Ctrl-C); 66, 73, 74 as for other commands.\n"),
	.opts = opts,
	.exec = new_exec,
};

static int new_exec(const struct cmd_entry *self, const struct cmd_args *args)
{
	const char *answers_file = args->opt[O_ANSWERS], *output = args->opt[O_OUTPUT];
	const char *lang = args->opt[O_LANG];
	int do_send = args->opt[O_SEND] != NULL;
	if (args->argc > 0) {
		errmsg(_("unexpected argument '%s' (the answers file goes after --answers)"), args->argv[0]);
		cmd_usage(self, 1);
		return EX_USAGE;
	}
	/* --lang here is the global --lang: the interface and the questions */
	if (lang && app_set_lang(lang))
		return EX_USAGE;

	const struct catalog *cat;
	int rc = app_catalog(&cat);
	if (rc)
		return rc;
	char *err = NULL;
	struct questionnaire *q;
	if (qn_load(app_data_dir(), &q, &err)) {
		errmsg("%s", err);
		free(err);
		return EX_SOFTWARE;
	}
	struct locale *loc;
	rc = locale_load(app_data_dir(), i18n_tag(), &loc, &err);
	if (rc) {
		errmsg("%s", err);
		free(err);
		qn_free(q);
		return rc;
	}
	struct ynode *root = NULL;
	if (answers_file) {
		rc = load_preset(answers_file, &root);
		if (rc)
			goto out;
	} else {
		root = ynode_new_map();
	}

	struct sigaction sa = { .sa_handler = on_sigint };	/* no SA_RESTART: reads stop */
	sigemptyset(&sa.sa_mask);
	struct sigaction old_sa;
	sigaction(SIGINT, &sa, &old_sa);

	struct qn_io io = {
		.in = stdin,
		.out = stderr,
		.tty = isatty(STDIN_FILENO),
		.show_values = isatty(STDERR_FILENO),
		.in_name = "standard input",
		.cat = cat,
		.data_dir = app_data_dir(),
		.loc = loc,
		.interrupted = &got_sigint,
	};
	struct job *jobs = NULL;
	size_t njobs = 0;
	rc = interview(q, &io, root, answers_file, &jobs, &njobs, &err);
	rc = exit_code(rc, err);
	free(err);
	if (rc == 0 && njobs > 1 && output && strcmp(output, "-") == 0) {
		errmsg(_("-o - writes one letter: choose one company, or write them to files"));
		rc = EX_USAGE;
	}
	/* From here on each letter's files are written whole or not at all. */
	for (size_t i = 0; rc == 0 && i < njobs; i++) {
		int r = finish(cat, loc, jobs[i].a, jobs[i].bytes, output, do_send);
		if (r && !rc)
			rc = r;
	}
	sigaction(SIGINT, &old_sa, NULL);
	jobs_free(jobs, njobs);
out:
	ynode_free(root);
	locale_free(loc);
	qn_free(q);
	return rc;
}
