/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-journal.c: appending, reading back, locking under parallel writers. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sysexits.h>
#include <unistd.h>

#include "fileio.h"
#include "journal.h"
#include "tap.h"
#include "xalloc.h"

static char dir[] = "/tmp/test-journal.XXXXXX";

static int append(const char *path, struct jentry *e)
{
	struct journal *j;
	char *err = NULL;
	int rc = journal_open(path, 1, &j, &err);
	if (!rc)
		rc = journal_append(j, e, &err);
	if (rc)
		printf("# %s\n", err);
	free(err);
	journal_close(j);
	return rc;
}

static int readall(const char *path, struct jentry **v, size_t *n, char **err)
{
	struct journal *j;
	*err = NULL;
	int rc = journal_open(path, 0, &j, err);
	if (!rc)
		rc = journal_read(j, v, n, err);
	journal_close(j);
	return rc;
}


/* same_answers: the index answers as the linear finders over journal_read
 * do, for every reference and recipient asked. */
static int same_answers(const char *path, struct jindex *x, const char *what)
{
	static const char *refs[] = { "R1", "R2", "R3", "R4" };
	static const char *rcpts[] = { "dpo@example.com", "dpo@EXAMPLE.com", "DPO@example.com",
				       "other@example.com", "1 Street, Town" };
	struct journal *j;
	struct jentry *v = NULL;
	size_t n = 0;
	char *err = NULL;
	int rc = journal_open(path, 1, &j, &err);
	if (!rc)
		rc = journal_read(j, &v, &n, &err);
	int torn_read = rc ? -1 : journal_torn(j, NULL);
	if (!rc)
		rc = journal_index_update(j, x, &err);
	int good = rc == 0 && journal_torn(j, NULL) == torn_read;
	for (size_t a = 0; good && a < sizeof refs / sizeof *refs; a++)
		for (size_t b = 0; good && b < sizeof rcpts / sizeof *rcpts; b++) {
			const struct jentry *s1 = journal_find_sent(v, n, refs[a], rcpts[b], NULL);
			const struct jentry *s2 = jindex_find_sent(x, refs[a], rcpts[b]);
			const struct jentry *u1 = journal_find_unsettled(v, n, refs[a], rcpts[b]);
			const struct jentry *u2 = jindex_find_unsettled(x, refs[a], rcpts[b]);
			good = !s1 == !s2 && !u1 == !u2 && (!s1 || (s1->line == s2->line &&
					!s1->time == !s2->time && strcmp(s1->status, s2->status) == 0)) &&
			       (!u1 || (u1->line == u2->line && strcmp(u1->status, u2->status) == 0 &&
					!u1->reason == !u2->reason));
			if (!good)
				printf("# %s: %s %s: sent %d/%d unsettled %d/%d\n", what, refs[a], rcpts[b],
				       s1 ? s1->line : 0, s2 ? s2->line : 0, u1 ? u1->line : 0,
				       u2 ? u2->line : 0);
		}
	if (rc)
		printf("# %s\n", err);
	free(err);
	jentries_free(v, n);
	journal_close(j);
	return ok(good, "index: %s", what);
}

static void add(const char *path, const char *ref, const char *status, const char *rcpt,
		const char *event, int i)
{
	char t[32];
	snprintf(t, sizeof t, "2026-11-29T10:%02d:00Z", i % 60);
	struct jentry e = { .reference = (char *)ref, .status = (char *)status,
			    .recipient = (char *)rcpt, .event = (char *)event, .time = t,
			    .method = "email", .reason = strcmp(status, "sent") ? "why" : NULL };
	append(path, &e);
}

static void test_index(void)
{
	char *path = xasprintf("%s/index.yaml", dir);
	struct jindex *x = jindex_new();
	same_answers(path, x, "a missing journal");
	add(path, "R1", "failed", "dpo@example.com", NULL, 1);
	same_answers(path, x, "a failed attempt");
	size_t whole = jindex_last_read(x);
	add(path, "R1", "sent", "dpo@example.com", NULL, 2);
	same_answers(path, x, "then sent");
	ok(jindex_last_read(x) < 2 * whole, "only the appended entry is read (%zu bytes)",
	   jindex_last_read(x));
	add(path, "R2", "unknown", "dpo@Example.COM", NULL, 3);
	same_answers(path, x, "unknown, the domain in other case");
	add(path, "R2", "failed", "dpo@example.com", NULL, 4);
	same_answers(path, x, "a failure after unknown");
	add(path, "R2", "sent", "dpo@example.com", NULL, 5);
	same_answers(path, x, "sent after unknown");
	add(path, "R3", "sent", "1 Street, Town", NULL, 6);
	add(path, "R3", "sent", "1 Street, Town", "delivered", 7);
	add(path, "R3", "unknown", NULL, NULL, 8);
	same_answers(path, x, "posted, an event, a recovered entry without recipient");
	add(path, "R3", "sent", "other@example.com", NULL, 9);
	add(path, "R1", "sent", "DPO@example.com", NULL, 10);
	same_answers(path, x, "sent again, another local part");
	/* another writer's appends are read on too */
	struct jindex *y = jindex_new();
	same_answers(path, y, "a second index from the start");
	add(path, "R4", "unknown", "other@example.com", NULL, 11);
	same_answers(path, x, "read on after another writer");
	same_answers(path, y, "and the second one too");
	jindex_free(y);
	/* a torn tail: read, not indexed, and set aside by the next append */
	FILE *f = fopen(path, "a");
	fputs("---\nreference: 'R4'\nrecipient: 'other@example.com'\nstatus: 'se", f);
	fclose(f);
	same_answers(path, x, "a torn last entry");
	same_answers(path, x, "read again");
	add(path, "R1", "failed", "other@example.com", NULL, 12);
	same_answers(path, x, "the torn entry set aside, then an append");
	f = fopen(path, "a");
	fputs("---\nreference: 'R4'\nstatus: 'sent'\nrecipient: 'other@example.com'\n", f);
	fclose(f);
	same_answers(path, x, "a last document without its end");
	add(path, "R2", "sent", "other@example.com", NULL, 13);
	same_answers(path, x, "then completed by the next append");
	/* replaced by another file, cut shorter: read again from the start */
	const char *text = "---\nreference: \"R1\"\nstatus: \"unknown\"\nrecipient: \"dpo@example.com\"\n...\n";
	char *err = NULL;
	file_write_atomic(path, text, strlen(text), 0600, 0, &err);
	same_answers(path, x, "a journal replaced by another file");
	add(path, "R2", "sent", "dpo@example.com", NULL, 14);
	add(path, "R3", "sent", "dpo@example.com", NULL, 15);
	same_answers(path, x, "appended to");
	if (truncate(path, (off_t)strlen(text)) == 0)
		add(path, "R3", "unknown", "dpo@example.com", NULL, 16);
	same_answers(path, x, "cut shorter, then appended to");
	jindex_free(x);
	unlink(path);
	free(path);
}

int main(void)
{
	if (!mkdtemp(dir))
		return 99;
	char *path = xasprintf("%s/state/objector/journal.yaml", dir);
	struct jentry *v;
	size_t n;
	char *err;

	is_int(readall(path, &v, &n, &err), 0, "a missing journal reads as empty");
	is_int((long)n, 0, "no entries");

	struct jentry e = { 0 };
	e.reference = "OBJ-2026-ABCD1234";
	e.time = "2026-11-29T10:00:00Z";
	e.method = "email";
	e.status = "sent";
	e.jurisdiction = "eea";
	e.controller = "linkedin";
	e.controller_name = "LinkedIn Ireland Unlimited Company";
	e.recipient = "dpo@example.com";
	e.message_id = "<1.abc@example.org>";
	e.reply = "250 2.0.0 Ok: queued as 4ABC";
	e.pdf = "/home/zoë/objection.pdf";
	e.sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
	e.due = "2026-12-29";
	is_int(append(path, &e), 0, "append creates the journal and its directories");
	struct stat st;
	ok(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600, "journal is 0600");
	char *d = xasprintf("%s/state/objector", dir);
	ok(stat(d, &st) == 0 && (st.st_mode & 0777) == 0700, "its directory is 0700");
	free(d);

	struct jentry f = { 0 };
	f.reference = "OBJ-2026-ABCD1234";
	f.time = "2026-11-29T10:05:00Z";
	f.method = "email";
	f.status = "failed";
	f.reason = "550 5.1.1 no such user\r\n--- \nstatus: sent";	/* hostile text stays one value */
	f.recipient = "other@example.com";
	f.due = "null";
	is_int(append(path, &f), 0, "append a failed attempt");

	is_int(readall(path, &v, &n, &err), 0, "read back");
	is_int((long)n, 2, "two entries");
	if (n == 2) {
		is_str(v[0].reference, e.reference, "reference");
		is_str(v[0].pdf, e.pdf, "UTF-8 path survives");
		is_str(v[0].reply, e.reply, "reply");
		is_str(v[0].due, "2026-12-29", "due date is a string");
		is_int(v[0].line, 1, "first entry at line 1");
		is_str(v[1].reason, "550 5.1.1 no such user  ---  status: sent", "control characters became spaces");
		is_str(v[1].due, "null", "'null' stays a string");
		ok(v[1].line > 1, "second entry's line: %d", v[1].line);
		ok(journal_find_sent(v, n, e.reference, "dpo@example.com", NULL) == &v[0], "find the sent one");
		ok(journal_find_sent(v, n, e.reference, "other@example.com", NULL) == NULL,
		   "a failed attempt does not count as sent");
		ok(journal_find_sent(v, n, e.reference, "dpo@example.com", "post") == NULL, "method filter");
	}
	jentries_free(v, n);

	/* Parallel writers: every document whole. */
	enum { WRITERS = 8, EACH = 40 };
	for (int w = 0; w < WRITERS; w++) {
		if (fork() == 0) {
			for (int i = 0; i < EACH; i++) {
				struct jentry p = { 0 };
				char ref[64];
				snprintf(ref, sizeof ref, "OBJ-PAR-%d-%d", w, i);
				p.reference = ref;
				p.status = "sent";
				p.method = "post";
				p.recipient = "A long postal address, 12345 Somewhere, Somewhere else, Country";
				if (append(path, &p)) {
					free(path);
					_exit(1);
				}
			}
			free(path);
			_exit(0);
		}
	}
	int allok = 1;
	for (int w = 0; w < WRITERS; w++) {
		int status;
		wait(&status);
		allok &= WIFEXITED(status) && WEXITSTATUS(status) == 0;
	}
	ok(allok, "parallel writers succeed");
	is_int(readall(path, &v, &n, &err), 0, "journal reads after parallel writes");
	is_int((long)n, 2 + WRITERS * EACH, "every document is there");
	jentries_free(v, n);

	/* A damaged complete document is reported at its line in the file. */
	char *bad = xasprintf("%s/bad.yaml", dir);
	const char *text = "---\nreference: \"A\"\nstatus: \"sent\"\n...\n---\nreference: \"B\n...\n";
	file_write_atomic(bad, text, strlen(text), 0600, 0, &err);
	int rc = readall(bad, &v, &n, &err);
	ok(rc == EX_DATAERR && err && strstr(err, "bad.yaml:") != NULL, "damaged entry: %s", err ? err : "");
	free(err);
	text = "---\nreference: \"A\"\n...\n";
	file_write_atomic(bad, text, strlen(text), 0600, 0, &err);
	rc = readall(bad, &v, &n, &err);
	ok(rc == EX_DATAERR && err && strstr(err, "needs 'reference' and 'status'") != NULL, "missing status");
	free(err);

	/* A document a crash cut short (no final "...") is skipped and counted... */
	text = "---\nreference: \"A\"\nstatus: \"sent\"\n...\n---\nreference: \"B\"\nstatus: \"se";
	file_write_atomic(bad, text, strlen(text), 0600, 0, &err);
	struct journal *jr;
	rc = journal_open(bad, 0, &jr, &err);
	rc = rc ? rc : journal_read(jr, &v, &n, &err);
	int torn_line = 0;
	ok(rc == 0 && n == 2, "a torn last entry does not lock the journal");
	/* what its complete lines say is kept: the letter is not forgotten */
	is_str(n == 2 ? v[1].reference : NULL, "B", "the torn entry's reference is read");
	is_str(n == 2 ? v[1].status : NULL, "unknown", "its lost status reads as unknown");
	is_int(journal_torn(jr, &torn_line), 1, "it is counted");
	is_int(torn_line, 5, "at its line");
	journal_close(jr);
	jentries_free(v, n);
	/* ... and the next append sets it aside in PATH.torn, keeping the stream valid. */
	struct jentry g = { .reference = "C", .status = "sent" };
	ok(append(bad, &g) == 0, "append after a torn entry");
	rc = readall(bad, &v, &n, &err);
	ok(rc == 0 && n == 3, "the journal reads whole again");
	is_str(n == 3 ? v[1].reference : NULL, "B", "the torn entry is written whole again");
	is_str(n == 3 ? v[1].status : NULL, "unknown", "as unknown");
	ok(n == 3 && v[1].reason && strstr(v[1].reason, ".torn") != NULL, "saying where the torn bytes are");
	is_str(n == 3 ? v[2].reference : NULL, "C", "with the new entry last");
	jentries_free(v, n);
	char *aside = xasprintf("%s.torn", bad);
	char *torn;
	size_t tlen;
	ok(file_read(aside, 1 << 20, &torn, &tlen, &err) == 0 &&
	   strcmp(torn, "---\nreference: \"B\"\nstatus: \"se") == 0, "the torn bytes are kept in .torn");
	ok(stat(aside, &st) == 0 && (st.st_mode & 0777) == 0600, ".torn is 0600");
	free(torn);
	unlink(aside);
	free(aside);
	unlink(bad);
	free(bad);

	test_index();

	char cmd[256];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		return 99;
	free(path);
	return done_testing();
}
