/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd-batch.c: `objector batch PEOPLE`: one letter per person and company,
 * written as an answers file and a PDF, and with --send sent over one
 * connection at a given rate.
 *
 * Three passes over PEOPLE (people.h), each streaming it, so memory does
 * not grow with the number of people:
 *   1. check: every person's answers for every company through the
 *      answers file's validators (answers.h); nothing is written when one
 *      is bad, unless --skip-bad;
 *   2. write: --jobs worker processes, worker k taking the people k, k+N,
 *      ...: the answers file DIR/NNNNN-COMPANY.yaml and its PDF
 *      DIR/NNNNN-COMPANY.pdf (0600; a file already there is kept, never
 *      overwritten, so a second run resumes); each letter done is one byte
 *      on a pipe to the parent, which shows the progress on a terminal;
 *   3. send (--send): in order, each letter written through submit()
 *      (submit.h) over one session, at most --rate a minute, waiting and
 *      slowing down on a temporary failure (4xx, a dropped connection). The
 *      journal and the pending markers say what went out: a letter sent
 *      (or perhaps sent) is not sent again.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sysexits.h>
#include <time.h>
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
#include "journal.h"
#include "letter.h"
#include "mail.h"
#include "pdf.h"
#include "people.h"
#include "strv.h"
#include "submit.h"
#include "xalloc.h"
#include "ydoc.h"

#define PDF_MAX ((size_t)32 << 20)
#define MAX_ERRORS 20		/* errors printed in the check */
#define MAX_TRIES 6		/* attempts at one letter in one run */

enum { O_COMPANY, O_OUTPUT_DIR, O_SEND, O_TO, O_RATE, O_JOBS, O_SKIP_BAD, O_VIA, O_NO_CC };
static const struct cmd_opt opts[] = {
	[O_COMPANY] = { "company", 'c', CMD_ARG },
	[O_OUTPUT_DIR] = { "output-dir", 'o', CMD_ARG },
	[O_SEND] = { "send", 0, CMD_FLAG },
	[O_TO] = { "to", 0, CMD_ARG },
	[O_RATE] = { "rate", 0, CMD_ARG },
	[O_JOBS] = { "jobs", 'j', CMD_ARG },
	[O_SKIP_BAD] = { "skip-bad", 0, CMD_FLAG },
	[O_VIA] = { "via", 0, CMD_ARG },
	[O_NO_CC] = { "no-cc", 0, CMD_FLAG },
	{ NULL, 0, 0 },
};

static int batch_exec(const struct cmd_entry *self, const struct cmd_args *args);

const struct cmd_entry cmd_batch_entry = {
	.name = "batch",
	.args = "PEOPLE [--company ID[,ID...]] [--output-dir DIR] [--send [--to ADDR]] [--rate N/min] [--jobs N]",
	.summary = N_("write (and send) one letter per person of a CSV or YAML list"),
	.help = N_("  -c, --company ID,...  the companies each person objects to (default: the\n"
		"                        'controller' column or key)\n"
		"  -o, --output-dir DIR  where the answers files and PDFs go (default: PEOPLE\n"
		"                        without its extension); files there are kept, never replaced\n"
		"      --send            e-mail every letter (through the journal, as 'send')\n"
		"      --to ADDR         send every letter to this address instead (a campaign's own\n"
		"                        collecting address, or a test server)\n"
		"      --rate N/min      at most N messages a minute (default 60)\n"
		"  -j, --jobs N          render on N processes (default: the number of CPUs)\n"
		"      --skip-bad        write the good rows even when some are bad\n"
		"      --via METHOD      smtp (default: the configuration's mail.via) or sendmail\n"
		"      --no-cc           do not send the sender a copy (Cc)\n"),
	.notes = N_("\nPEOPLE is a CSV file with a header row (columns: name, email, account, address\n"
		"with lines separated by \" / \" or address1..address6, country, jurisdiction,\n"
		"language, reasons, erase_trained, place, date, controller) or a YAML list of\n"
		"answers (.yaml). Every row is checked first: a bad one is reported as\n"
		"FILE:LINE:COL with its column and nothing is written (exit 65). Run again after\n"
		"an interruption: what was written is kept, what was sent is not sent again.\n"),
	.opts = opts,
	.exec = batch_exec,
};

struct batch {
	const struct catalog *cat;
	const char *people;
	char *dir;
	struct strv companies;	/* empty: the row's controller */
	int skip_bad;
	int send;
	double interval;	/* seconds between messages */
	int jobs;
	struct submit_opts so;
	int tty;
	/* the check */
	unsigned long nletters, nbad;
	int usage;		/* a row cannot go as asked (--send without --to) */
};

static volatile sig_atomic_t interrupted;
static void on_signal(int sig)
{
	(void)sig;
	interrupted = 1;
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void sleep_s(double s)
{
	if (s <= 0)
		return;
	struct timespec ts = { (time_t)s, (long)((s - floor(s)) * 1e9) };
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR && !interrupted)
		;
}

/* letter_doc: person d's answers for company (NULL: as they are), as a new
 * document. */
static struct ydoc *letter_doc(const struct ydoc *d, const char *company, int line)
{
	struct ydoc *k = xcalloc(1, sizeof *k);
	k->file = xstrdup(d->file);
	k->root = ynode_clone(d->root);
	if (company && k->root && k->root->type == YNODE_MAP) {
		struct ynode *v = ynode_map_set(k->root, "controller", ynode_new_str(company));
		v->line = line;
	}
	return k;
}

/* with_column: "FILE:L:C: column 'x': message" for an error at a CSV position. */
static char *with_column(const struct people *p, const char *file, char *err)
{
	size_t n = strlen(file);
	int line = 0, col = 0, used = 0;
	if (strncmp(err, file, n) != 0 || err[n] != ':' ||
	    sscanf(err + n + 1, "%d:%d: %n", &line, &col, &used) < 2 || !used)
		return err;
	const char *name = people_column(p, line, col);
	if (!name)
		return err;
	char *r = xasprintf(_("%.*scolumn '%s': %s"), (int)(n + 1 + (size_t)used), err, name,
			    err + n + 1 + used);
	free(err);
	return r;
}

static const char *company_of(const struct answers *a)
{
	return a->controller_id ? a->controller_id : "other";
}

/* each_letter: call fn for every valid letter of person d (per company). */
typedef int (*letter_fn)(struct batch *b, struct people *p, struct answers *a, void *arg);

/* check_letter: the letter can be sent as asked. */
static int check_send(struct batch *b, const struct answers *a, char **err, const struct ydoc *d)
{
	if (!b->send || b->so.to)
		return 0;
	if (a->controller_id) {
		const struct cat_controller *c = catalog_controller(b->cat, a->controller_id);
		const struct cat_entity *e = c ? cat_controller_entity(c, a->jurisdiction) : NULL;
		if (e && e->email)
			return 0;
		*err = ydoc_err(d, d->root, _("%s publishes no e-mail address for this: give the "
				"campaign's address with --to, or write the letters without --send"),
				c ? c->name : a->controller_id);
		return EX_USAGE;
	}
	if (ynode_get(a->controller, "email"))
		return 0;
	*err = ydoc_err(d, d->root, _("the controller's e-mail address is not given"));
	return EX_DATAERR;
}

/* pass: one pass over PEOPLE; fn for each valid letter of the people this
 * process takes (index % nproc == k); bad ones are reported when report. */
static int pass(struct batch *b, int report, unsigned long k, unsigned long nproc, letter_fn fn,
		void *arg)
{
	struct people *p;
	char *err = NULL;
	int rc = people_open(b->cat, b->people, &p, &err);
	if (rc) {
		errmsg("%s", err);
		free(err);
		return rc;
	}
	struct ydoc *d;
	int r = 0;
	while (!interrupted && (r = people_next(p, &d, &err)) == 1) {
		if ((people_index(p) - 1) % nproc != k) {
			ydoc_free(d);
			continue;
		}
		size_t nc = b->companies.n ? b->companies.n : 1;
		for (size_t i = 0; i < nc && !rc; i++) {
			struct ydoc *l = letter_doc(d, b->companies.n ? b->companies.v[i] : NULL,
						    people_line(p));
			struct answers *a = NULL;
			int v = answers_from_doc(b->cat, l, &a, &err);
			if (!v)
				v = check_send(b, a, &err, d);
			if (v) {
				if (report) {
					b->nbad++;
					if (v == EX_USAGE)
						b->usage = 1;
					err = with_column(p, d->file, err);
					if (b->nbad <= MAX_ERRORS)
						errmsg("%s", err);
				}
				free(err);
				err = NULL;
				answers_free(a);
				break;	/* the person's other letters: the same problem */
			}
			if (report)
				b->nletters++;
			if (fn)
				rc = fn(b, p, a, arg);
			answers_free(a);
		}
		ydoc_free(d);
		if (rc)
			break;
	}
	if (!rc && r > 1) {	/* the input cannot be read on */
		if (report)
			b->nbad++;
		errmsg("%s", err);
		free(err);
		rc = r;
	}
	people_close(p);
	return rc;
}

/* paths: DIR/NNNNN-COMPANY.yaml and .pdf for the letter. */
static void paths(const struct batch *b, const struct people *p, const struct answers *a,
		  char **yaml, char **pdf)
{
	*yaml = xasprintf("%s/%05lu-%s.yaml", b->dir, people_index(p), company_of(a));
	*pdf = xasprintf("%s/%05lu-%s.pdf", b->dir, people_index(p), company_of(a));
}

/* unplain: user text is always written quoted (ydoc_emit quotes what is
 * not plain); erase_trained stays a boolean. */
static void unplain(struct ynode *n)
{
	if (!n)
		return;
	n->plain = 0;
	for (size_t i = 0; i < n->n; i++)
		unplain(n->items[i]);
}

/* answers_text: the answers file for a, with its date fixed (the row's,
 * else date, else today's): the file alone makes the same letter again. */
static int answers_text(const struct answers *a, const char *date, struct buf *out, char **err)
{
	struct ynode *root = ynode_clone(a->doc->root);
	unplain(root);
	const struct ynode *et = ynode_get(root, "erase_trained");
	if (et)
		ynode_map_set(root, "erase_trained", ynode_new_plain(a->erase_trained ? "true" : "false"));
	if (!a->date_given) {
		char d[11];
		date_iso(a->date, d);
		ynode_map_set(root, "date", ynode_new_plain(date ? date : d));
	} else {
		char d[11];
		date_iso(a->date, d);
		ynode_map_set(root, "date", ynode_new_plain(d));
	}
	BUF_MUST(buf_adds(out, "# written by objector batch\n"));
	int rc = ydoc_emit(root, out, err);
	ynode_free(root);
	return rc;
}

/* existing_date: the date: of an answers file already written, or NULL. */
static char *existing_date(const char *text, size_t len)
{
	struct ydoc *d;
	char *err = NULL;
	if (ydoc_load_mem("x", text, len, &d, &err)) {
		free(err);
		return NULL;
	}
	const char *s = ynode_scalar(ynode_get(d->root, "date"));
	char *r = s ? xstrdup(s) : NULL;
	ydoc_free(d);
	return r;
}

/* write_letter: the answers file (kept when already there with the same
 * answers) and the PDF (kept when there). 'w' written, 'k' kept. */
static int write_letter(struct batch *b, struct people *p, struct answers *a, void *arg)
{
	int *fd = arg;
	char *ypath, *ppath, *err = NULL;
	paths(b, p, a, &ypath, &ppath);
	struct buf text = BUF_INIT, pdf;
	buf_init(&pdf, PDF_MAX);
	struct letter *l = NULL;
	char *old = NULL, *date = NULL;
	size_t oldlen = 0;
	int rc = 0, kept = 0;
	if (file_read(ypath, YDOC_MAX_FILE, &old, &oldlen, &err) == 0) {
		date = a->date_given ? NULL : existing_date(old, oldlen);
	} else {
		free(err);
		err = NULL;
		old = NULL;
	}
	rc = answers_text(a, date, &text, &err);
	if (!rc && old) {
		if (oldlen != text.len || memcmp(old, text.data, oldlen) != 0) {
			err = xasprintf(_("%s exists with other answers (person %lu, line %d): not replaced; "
					"move it away or use another --output-dir"), ypath,
					people_index(p), people_line(p));
			rc = EX_CANTCREAT;
		} else {
			kept = 1;
		}
	} else if (!rc) {
		rc = file_write_atomic(ypath, text.data, text.len, 0600, 1, &err);
	}
	if (!rc && access(ppath, F_OK) != 0) {
		kept = 0;
		/* the letter from the answers file's own text */
		struct ydoc *d = NULL;
		struct answers *fa = NULL;
		rc = ydoc_load_mem(ypath, text.data, text.len, &d, &err);
		if (!rc)
			rc = answers_from_doc(b->cat, d, &fa, &err);
		if (!rc)
			rc = compose_answers(b->cat, app_data_dir(), fa, &l, &err);
		answers_free(fa);
		if (!rc)
			rc = pdf_render(l, NULL, &pdf, &err);
		if (!rc)
			rc = file_write_atomic(ppath, pdf.data, pdf.len, 0600, 1, &err);
	}
	if (rc) {
		errmsg("%s", err);
		free(err);
	}
	char c = rc ? 'e' : kept ? 'k' : 'w';
	if (write_all(*fd, &c, 1) < 0)
		rc = EX_IOERR;
	letter_free(l);
	free(old);
	free(date);
	buf_free(&text);
	buf_free(&pdf);
	free(ypath);
	free(ppath);
	return rc;
}

/* progress: "  120/200  41.3/s  0:02 left" on a terminal, at most 10 times a second. */
static void progress(const struct batch *b, const char *what, unsigned long done,
		     unsigned long total, double t0, int last)
{
	static double shown;
	if (!b->tty)
		return;
	double t = now_s();
	if (!last && t - shown < 0.1)
		return;
	shown = t;
	double rate = t > t0 ? done / (t - t0) : 0;
	long left = rate > 0 ? (long)((total - done) / rate + 0.5) : 0;
	fprintf(stderr, "\r%s %lu/%lu  %.1f/s  %ld:%02ld left  ", what, done, total, rate,
		left / 60, left % 60);
	if (last)
		fputc('\n', stderr);
	fflush(stderr);
}

struct tally {
	unsigned long written, kept, errors;
};

/* write_all_letters: the workers, and their progress. */
static int write_letters(struct batch *b, struct tally *t)
{
	int fds[2];
	if (pipe(fds) < 0) {
		errmsg("pipe: %s", strerror(errno));
		return EX_OSERR;
	}
	fflush(NULL);
	unsigned long n = (unsigned long)b->jobs;
	pid_t *pids = xcalloc(n, sizeof *pids);
	for (unsigned long k = 0; k < n; k++) {
		pid_t pid = fork();
		if (pid < 0) {
			errmsg("fork: %s", strerror(errno));
			n = k;
			break;
		}
		if (pid == 0) {
			close(fds[0]);
			int rc = pass(b, 0, k, n == 0 ? 1 : (unsigned long)b->jobs, write_letter, &fds[1]);
			fflush(NULL);
			_exit(rc);
		}
		pids[k] = pid;
	}
	close(fds[1]);
	double t0 = now_s();
	char buf[256];
	ssize_t r;
	while ((r = read(fds[0], buf, sizeof buf)) != 0) {
		if (r < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (ssize_t i = 0; i < r; i++)
			buf[i] == 'w' ? t->written++ : buf[i] == 'k' ? t->kept++ : t->errors++;
		progress(b, "writing", t->written + t->kept + t->errors, b->nletters, t0, 0);
	}
	close(fds[0]);
	int rc = 0;
	for (unsigned long k = 0; k < n; k++) {
		int st;
		while (waitpid(pids[k], &st, 0) < 0 && errno == EINTR)
			;
		int wrc = WIFEXITED(st) ? WEXITSTATUS(st) : EX_SOFTWARE;
		if (wrc && !rc)
			rc = wrc;
	}
	free(pids);
	if (n < (unsigned long)b->jobs && !rc)
		rc = EX_OSERR;
	progress(b, "writing", t->written + t->kept + t->errors, b->nletters, t0, 1);
	return rc;
}

/* The send pass. */

struct sent_set {
	char **v;	/* "REFERENCE RECIPIENT", sorted */
	size_t n;
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* sent_load: what the journal says was sent, once at the start. */
static int sent_load(const char *journal, struct sent_set *s)
{
	struct journal *j;
	struct jentry *v = NULL;
	size_t n = 0;
	char *err = NULL;
	int rc = journal_open(journal, 0, &j, &err);
	if (!rc)
		rc = journal_read(j, &v, &n, &err);
	journal_close(j);
	if (rc) {
		errmsg("%s", err);
		free(err);
		return rc;
	}
	s->v = xcalloc(n + 1, sizeof *s->v);
	for (size_t i = 0; i < n; i++)
		if (v[i].status && strcmp(v[i].status, "sent") == 0 && v[i].reference && v[i].recipient)
			s->v[s->n++] = xasprintf("%s %s", v[i].reference, v[i].recipient);
	qsort(s->v, s->n, sizeof *s->v, cmp_str);
	jentries_free(v, n);
	return 0;
}

static int sent_has(const struct sent_set *s, const char *ref, const char *rcpt)
{
	char *k = xasprintf("%s %s", ref, rcpt);
	void *hit = s->n ? bsearch(&k, s->v, s->n, sizeof *s->v, cmp_str) : NULL;
	free(k);
	return hit != NULL;
}

struct sender {
	struct submit_session *s;
	const struct conf *conf;
	struct sent_set sent;
	unsigned long total, done, sent_now, already, uncertain, failed, waiting;
	unsigned long f_refused, f_other;
	double t0, last, interval, base;
	int stop, first_rc;
};

/* send_letter: one letter, retried on temporary failures. */
/* prepare_letter: a letter of the batch as written: its answers, the letter,
 * the PDF and the recipient; 0 or an exit code with *err set. */
static int prepare_letter(struct batch *b, const char *ypath, const char *ppath, struct answers **fa,
			  struct letter **l, char **pdf, size_t *pdflen, char **rcpt, char **err)
{
	int rc = answers_load(b->cat, ypath, fa, err);
	if (!rc)
		rc = compose_answers(b->cat, app_data_dir(), *fa, l, err);
	if (!rc)
		rc = file_read(ppath, PDF_MAX, pdf, pdflen, err);
	if (!rc) {
		struct mail_addr ad;
		rc = mail_addr_parse(b->so.to ? b->so.to : (*l)->to.email ? (*l)->to.email : "", &ad,
				     err);
		if (!rc) {
			*rcpt = xstrdup(ad.addr);
			mail_addr_free(&ad);
		}
	}
	return rc;
}

/* count_outcome: a letter that did not go (r is submit's exit code); stops
 * the batch where the next letters cannot go either. */
static void count_outcome(struct sender *S, int r)
{
	if (r == EX_TEMPFAIL) {
		S->waiting++;
	} else if (r == EX_USAGE) {
		S->uncertain++;	/* refused under the journal's lock: sent or pending */
	} else {
		S->failed++;
		if (r == EX_UNAVAILABLE)
			S->f_refused++;
		else
			S->f_other++;
		if (!S->first_rc)
			S->first_rc = r;
	}
	if (r == EX_CONFIG || r == EX_IOERR || r == EX_NOPERM || r == EX_CANTCREAT ||
	    submit_session_broken(S->s))
		S->stop = 1;
}

/* submit_paced: submit at the batch's rate; on a 4xx wait, slow down and
 * try the same letter again, up to MAX_TRIES times. */
static void submit_paced(struct sender *S, struct letter *l, const char *pdf, size_t pdflen,
			 const struct submit_opts *o)
{
	for (int tries = 0;; tries++) {
		double wait = S->last + S->interval - now_s();
		sleep_s(wait);
		if (interrupted) {
			S->waiting++;
			S->stop = 1;
			return;
		}
		S->last = now_s();
		int r = submit(S->s, l, pdf, pdflen, o);
		if (r == 0) {
			S->sent_now++;
			/* recover towards the asked rate */
			S->interval = S->interval * 0.9 < S->base ? S->base : S->interval * 0.9;
			return;
		}
		if (r == EX_TEMPFAIL && tries + 1 < MAX_TRIES) {
			/* the server asks to slow down: wait, then send slower */
			double back = S->interval * 2;
			if (back < 1)
				back = 1;
			for (int i = 0; i < tries; i++)
				back *= 2;
			if (back > 300)
				back = 300;
			S->interval = S->interval * 2 > 60 ? 60 : S->interval * 2;
			if (S->interval < S->base)
				S->interval = S->base;
			sleep_s(back);
			continue;
		}
		count_outcome(S, r);
		return;
	}
}

static int send_letter(struct batch *b, struct people *p, struct answers *a, void *arg)
{
	struct sender *S = arg;
	if (S->stop) {
		S->waiting++;
		return 0;
	}
	char *ypath, *ppath, *err = NULL;
	paths(b, p, a, &ypath, &ppath);
	struct answers *fa = NULL;
	struct letter *l = NULL;
	char *pdf = NULL, *rcpt = NULL;
	size_t pdflen = 0;
	int rc = prepare_letter(b, ypath, ppath, &fa, &l, &pdf, &pdflen, &rcpt, &err);
	S->done++;
	if (rc) {
		errmsg("%s", err);
		free(err);
		S->failed++;
		S->f_other++;
		if (!S->first_rc)
			S->first_rc = rc;
		rc = 0;
		goto out;
	}
	if (sent_has(&S->sent, l->reference, rcpt)) {
		S->already++;
		goto out;
	}
	char *mark = journal_pending_path(S->conf->journal, l->reference, rcpt);
	int pending = access(mark, F_OK) == 0;
	free(mark);
	if (pending) {
		errmsg(_("%s (%s) may already have been sent to %s: objector was stopped while "
		       "sending it; not sent again (see 'objector log')"), l->reference, ypath, rcpt);
		S->uncertain++;
		goto out;
	}
	struct submit_opts o = b->so;
	o.source = ypath;
	submit_paced(S, l, pdf, pdflen, &o);
out:
	progress(b, "sending", S->done, S->total, S->t0, 0);
	free(rcpt);
	free(pdf);
	letter_free(l);
	answers_free(fa);
	free(ypath);
	free(ppath);
	return rc;
}
static int send_letters(struct batch *b)
{
	struct submit_session *s;
	int rc = submit_session_open(app.config_path, &s);
	if (rc)
		return rc;
	struct sender S = { .s = s, .conf = submit_session_conf(s), .total = b->nletters,
			    .interval = b->interval, .base = b->interval };
	rc = sent_load(S.conf->journal, &S.sent);
	if (rc) {
		submit_session_free(s);
		return rc;
	}
	S.t0 = now_s();
	S.last = S.t0 - S.interval;
	struct sigaction sa = { 0 };
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	rc = pass(b, 0, 0, 1, send_letter, &S);
	if (interrupted && S.done < S.total)
		S.waiting += S.total - S.done;
	progress(b, "sending", S.done, S.total, S.t0, 1);
	submit_session_free(S.s);
	printf("sent %lu, already sent before %lu, failed %lu", S.sent_now, S.already, S.failed);
	if (S.failed)
		printf(" (refused by the server %lu, other %lu; see the messages above and 'objector log')",
		       S.f_refused, S.f_other);
	printf(", waiting %lu", S.waiting + S.uncertain);
	if (S.waiting + S.uncertain)
		printf(" (%lu to try again: run the same command again; %lu perhaps sent when objector "
		       "was stopped: check the sent mail, then 'objector send --force')",
		       S.waiting, S.uncertain);
	printf("\n");
	for (size_t i = 0; i < S.sent.n; i++)
		free(S.sent.v[i]);
	free(S.sent.v);
	if (rc)
		return rc;
	if (S.first_rc)
		return S.first_rc;
	return S.waiting + S.uncertain ? EX_TEMPFAIL : 0;
}

/* parse_rate: "N/min" or "N" (a minute); 0 when not a rate. */
static double parse_rate(const char *s)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (errno || end == s || !(v >= 1) || v > 1e6)
		return 0;
	if (*end && strcmp(end, "/min") != 0 && strcmp(end, "/m") != 0)
		return 0;
	return v;
}

/* batch_options: the options into b; 0, or the exit code of a usage error. */
static int batch_options(const struct cmd_entry *self, const struct cmd_args *args, struct batch *b)
{
	const char *const *v = args->opt;
	if (args->argc != 1)
		return cmd_usage_error(self, args->argc ? "one PEOPLE file at a time"
							: "which people? (objector batch PEOPLE.csv)");
	b->people = args->argv[0];
	b->skip_bad = v[O_SKIP_BAD] != NULL;
	b->send = v[O_SEND] != NULL;
	b->so.via = SUBMIT_EMAIL;
	b->so.to = v[O_TO];
	b->so.no_cc = v[O_NO_CC] != NULL;
	b->so.quiet = 1;
	if ((v[O_TO] || v[O_RATE] || v[O_NO_CC]) && !b->send)
		return cmd_usage_error(self, _("--to, --rate and --no-cc go with --send"));
	double rate = v[O_RATE] ? parse_rate(v[O_RATE]) : 60;
	if (rate <= 0)
		return cmd_usage_error(self, _("--rate must be messages a minute, e.g. 30/min"));
	b->interval = 60.0 / rate;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	b->jobs = cpus > 0 ? (int)cpus : 1;
	if (v[O_JOBS]) {
		char *end;
		long j = strtol(v[O_JOBS], &end, 10);
		if (*end || end == v[O_JOBS] || j < 1 || j > 256)
			return cmd_usage_error(self, _("--jobs must be a number from 1 to 256"));
		b->jobs = (int)j;
	}
	if (v[O_VIA]) {
		if (strcmp(v[O_VIA], "smtp") != 0 && strcmp(v[O_VIA], "sendmail") != 0)
			return cmd_usage_error(self, _("--via must be smtp or sendmail"));
		b->so.transport = v[O_VIA];
	}
	if (b->so.to) {
		struct mail_addr a;
		char *err = NULL;
		if (mail_addr_parse(b->so.to, &a, &err)) {
			errmsg("--to: %s", err);
			free(err);
			return EX_USAGE;
		}
		mail_addr_free(&a);
	}
	return 0;
}

/* parse_companies: --company ID,... into b->companies; 0 or EX_USAGE. */
static int parse_companies(struct batch *b, const char *s)
{
	while (*s) {
		size_t n = strcspn(s, ",");
		char *id = xstrndup(s, n);
		if (!catalog_controller(b->cat, id)) {
			errmsg(_("--company: unknown company '%s' (see 'objector list controllers')"), id);
			free(id);
			strv_free(&b->companies);
			return EX_USAGE;
		}
		strv_push(&b->companies, id);
		free(id);
		s += n;
		if (*s == ',')
			s++;
	}
	return 0;
}

/* output_dir: --output-dir, else PEOPLE without its extension; made 0700. */
static int output_dir(struct batch *b, const char *opt)
{
	if (opt) {
		b->dir = xstrdup(opt);
	} else {
		const char *base = strrchr(b->people, '/');
		base = base ? base + 1 : b->people;
		const char *dot = strrchr(base, '.');
		size_t n = dot && dot != base ? (size_t)(dot - b->people) : strlen(b->people);
		b->dir = strcmp(b->people, "-") == 0 ? xstrdup("people") : xstrndup(b->people, n);
	}
	if (mkdir(b->dir, 0700) < 0 && errno != EEXIST) {
		errmsg("%s: %s", b->dir, strerror(errno));
		free(b->dir);
		b->dir = NULL;
		return EX_CANTCREAT;
	}
	return 0;
}

static int batch_exec(const struct cmd_entry *self, const struct cmd_args *args)
{
	const char *const *v = args->opt;
	struct batch b = { 0 };
	int rc = batch_options(self, args, &b);
	if (rc)
		return rc;
	rc = app_catalog(&b.cat);
	if (rc)
		return rc;
	if (v[O_COMPANY] && (rc = parse_companies(&b, v[O_COMPANY])) != 0)
		return rc;
	/* 1. the check */
	rc = pass(&b, 1, 0, 1, NULL, NULL);
	if (b.nbad > MAX_ERRORS)
		errmsg(_("... and %lu more"), b.nbad - MAX_ERRORS);
	if (rc || (b.nbad && !b.skip_bad)) {
		if (!rc)
			errmsg(i18n_ngettext("%lu bad row: nothing written (--skip-bad writes the others)",
					     "%lu bad rows: nothing written (--skip-bad writes the others)",
					     b.nbad), b.nbad);
		strv_free(&b.companies);
		return rc ? rc : b.usage ? EX_USAGE : EX_DATAERR;
	}
	/* 2. the files */
	if ((rc = output_dir(&b, v[O_OUTPUT_DIR])) != 0) {
		strv_free(&b.companies);
		return rc;
	}
	b.tty = isatty(2);
	struct tally t = { 0 };
	rc = write_letters(&b, &t);
	printf(i18n_ngettext("%lu letter in %s/: %lu written, %lu already there",
			     "%lu letters in %s/: %lu written, %lu already there", b.nletters),
	       b.nletters, b.dir, t.written, t.kept);
	if (b.nbad)
		printf(i18n_ngettext(", %lu bad row skipped", ", %lu bad rows skipped", b.nbad), b.nbad);
	if (t.errors)
		printf(_(", %lu failed"), t.errors);
	printf("\n");
	fflush(stdout);
	/* 3. sending */
	if (!rc && b.send)
		rc = send_letters(&b);
	else if (rc && b.send)
		errmsg(_("not sending: some letters could not be written"));
	free(b.dir);
	strv_free(&b.companies);
	return rc;
}
