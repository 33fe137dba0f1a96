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

	char cmd[256];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		return 99;
	free(path);
	return done_testing();
}
