/*
 * journal.h: the append-only journal of submissions.
 *
 * A YAML stream, one document per event (a letter sent, posted, submitted
 * through a web form, or a failed attempt), written with ydoc_emit. The
 * file is created 0600 (its directory 0700), every append happens under an
 * exclusive lock (flock), in one write(2), and is fsync'ed before
 * journal_append returns; a failed write is cut off again, so the journal
 * never holds half a document. Readers take a shared lock.
 *
 * Besides the submissions (a letter sent, posted, submitted through a web
 * form, or a failed attempt), later events of the same case (case.h) are
 * documents of their own with an "event" field; a journal written before
 * they existed reads the same.
 *
 * Fields are strings; a NULL field is not written. Strings must be one line:
 * control characters are replaced by spaces when written (server replies
 * can hold anything), which also keeps every "---" at the start of a line a
 * document marker.
 *
 * Status codes are sysexits values; *errstr is set only on failure.
 */
#ifndef OBJECTOR_JOURNAL_H
#define OBJECTOR_JOURNAL_H

#include <stddef.h>

struct jentry {
	char *reference;	/* the letter's reference */
	char *time;		/* when, UTC: "2026-11-29T10:00:00Z" */
	char *method;		/* "email", "post", "webform" */
	char *status;		/* "sent" or "failed" */
	char *reason;		/* failed: why */
	char *jurisdiction;
	char *controller;	/* catalogue id or "other" */
	char *controller_name;
	char *recipient;	/* e-mail address, postal address, or form URL */
	char *cc;		/* e-mail: the copy's address */
	char *message_id;
	char *reply;		/* the server's final reply */
	char *pdf;		/* path of the PDF */
	char *sha256;		/* its SHA-256 */
	char *tracking;		/* post: tracking number */
	char *due;		/* answer due by: YYYY-MM-DD (as counted when sent) */
	/* Case events (case.h): a document with "event" is not a submission. */
	char *event;		/* "delivered", "reply", "reminder", "complaint",
				 * "closed"; NULL: the letter itself (sent/failed) */
	char *date;		/* the event's own day, YYYY-MM-DD (delivered, received) */
	char *outcome;		/* reply: complied, partial, refused, extended, acknowledged */
	char *note;		/* the person's note */
	char *attachments;	/* files kept with the event: "PATH sha256:HEX"
				 * items joined by ", " (PATH relative to the state
				 * directory, made of [A-Za-z0-9._/-]) */
	char *answers;		/* a copy of the answers the letter was made from */
	char *eml;		/* a copy of the exact message sent (e-mail) */
	char *authority;	/* complaint: the authority's id */
	int line;		/* where the document starts (read entries) */
};

/* journal_field_name, journal_field: the i-th field (in the order written),
 * NULL past the last. */
const char *journal_field_name(unsigned i);
const char *journal_field(const struct jentry *e, unsigned i);

struct journal;

/* journal_open: open path and lock it, exclusively when for_write (creating
 * the file and its directory), else shared (a missing file reads as empty).
 * EX_CANTCREAT / EX_IOERR / EX_NOINPUT. */
int journal_open(const char *path, int for_write, struct journal **out, char **errstr);
/* journal_read: all entries, oldest first (*v is the caller's:
 * jentries_free). EX_DATAERR with "FILE:LINE:COL: ..." on a bad document. */
int journal_read(struct journal *j, struct jentry **v, size_t *n, char **errstr);
/* journal_torn: 1 if the last journal_read skipped the file's last document
 * because a crash cut it short (the file ends mid-line and the document does
 * not parse), with its line; the caller warns. The next journal_append moves
 * the torn bytes to PATH.torn. */
int journal_torn(const struct journal *j, int *line);
/* journal_append: one document for e, on disk when it returns 0. */
int journal_append(struct journal *j, const struct jentry *e, char **errstr);
/* journal_close: unlock and close (NULL is a no-op). */
void journal_close(struct journal *j);
const char *journal_path(const struct journal *j);

/* journal_find_sent: the last entry with status "sent" for this reference
 * and recipient (and method when not NULL), or NULL. */
const struct jentry *journal_find_sent(const struct jentry *v, size_t n, const char *reference,
				       const char *recipient, const char *method);

/* journal_state_dir: STATE/sub, STATE being the directory that holds the
 * journal ("." for a bare file name), where objector keeps what belongs
 * with it (pending/, letters/). Caller frees; nothing is created. */
char *journal_state_dir(const char *journal, const char *sub);

/* Pending sends. Before `send` hands a message to the server it writes a
 * marker, STATE/pending/REFERENCE-HASH.yaml (HASH: of the recipient; 0600,
 * one document like a journal entry with the Message-ID), and removes it
 * once the outcome is journaled. A marker left behind means objector was
 * stopped in between and the letter may have gone out: the next send of
 * that letter to that address is refused without --force, and `log`
 * shows it. */
char *journal_pending_path(const char *journal, const char *reference, const char *recipient);
int journal_pending_mark(const char *path, const struct jentry *e, char **errstr);
/* journal_pending_read: 0 and *e filled (jentry_clear it) if the marker
 * exists, else -1. */
int journal_pending_read(const char *path, struct jentry *e);
/* journal_pending_list: every marker beside the journal (jentries_free). */
int journal_pending_list(const char *journal, struct jentry **v, size_t *n);

void jentry_clear(struct jentry *e);
void jentries_free(struct jentry *v, size_t n);
/* journal_now: the current time as written in "time" (32 bytes). */
void journal_now(char out[32]);

#endif
