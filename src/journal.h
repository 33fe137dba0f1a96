/* SPDX-License-Identifier: GPL-3.0-or-later */
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
 * Fields are strings; a NULL field is not written. Strings are kept byte
 * for byte (a server's reply can hold anything: escape sequences are
 * evidence, and are written as YAML escapes), except that line breaks (CR,
 * LF) become spaces, which keeps every value on one line and every "---" at
 * the start of a line a document marker. Nothing read from the journal is
 * safe to print as it is: see term.h.
 *
 * Status codes are sysexits values; *errstr is set only on failure.
 */
#ifndef OBJECTOR_JOURNAL_H
#define OBJECTOR_JOURNAL_H

#include <stddef.h>

/* The fields of an entry, in the order they are written: the one list that
 * struct jentry, the reader, the writer and `log --format yaml` follow. */
#define JOURNAL_FIELDS(X)                                                                  \
	X(reference)		/* the letter's reference */                               \
	X(time)			/* when, UTC: "2026-11-29T10:00:00Z" */                    \
	X(method)		/* "email", "post", "webform" */                           \
	X(status)		/* "sent", "failed", "unknown" (see below), "sending" */   \
	X(reason)		/* failed, unknown: why */                                 \
	X(jurisdiction)                                                                    \
	X(controller)		/* catalogue id or "other" */                              \
	X(controller_name)                                                                 \
	X(requester)		/* the person's name (the letter's signer) */              \
	X(requester_email)	/* the person's e-mail address, if any */                 \
	X(recipient)		/* e-mail address, postal address, or form URL */          \
	X(cc)			/* e-mail: the copy's address */                           \
	X(cc_refused)		/* e-mail: the server's refusal of the copy, if any */     \
	X(message_id)                                                                      \
	X(reply)		/* the server's final reply */                             \
	X(pdf)			/* path of the PDF */                                      \
	X(sha256)		/* its SHA-256 */                                          \
	X(tracking)		/* post: tracking number */                                \
	X(due)			/* answer due by: YYYY-MM-DD (as counted when sent;	   \
				 * a reminder: the new deadline it set) */                 \
	/* Case events (case.h): a document with "event" is not a submission. */   \
	X(event)		/* "delivered", "reply", "reminder", "complaint",          \
				 * "closed"; absent: the letter itself */                  \
	X(date)			/* the event's own day, YYYY-MM-DD */                      \
	X(outcome)		/* reply: complied, partial, refused, extended,            \
				 * acknowledged */                                         \
	X(note)			/* the person's note */                                    \
	X(attachments)		/* files kept with the event: "PATH sha256:HEX" items      \
				 * joined by ", " (PATH relative to the state directory,   \
				 * made of [A-Za-z0-9._/-]) */                             \
	X(answers)		/* a copy of the answers the letter was made from */       \
	X(eml)			/* a copy of the exact message sent (e-mail) */            \
	X(authority)		/* complaint: the authority's id */

/* status "unknown": the whole message was handed to the server but the
 * connection ended (closed, timed out) before it answered: it may have the
 * letter. The pending marker (below) stays, so a plain re-send is refused. */
struct jentry {
#define JOURNAL_FIELD_MEMBER(name) char *name;
	JOURNAL_FIELDS(JOURNAL_FIELD_MEMBER)
#undef JOURNAL_FIELD_MEMBER
	int line;		/* where the document starts (read entries) */
};

/* journal_field_name, journal_field: the i-th of JOURNAL_NFIELDS fields. */
extern const unsigned journal_nfields;
const char *journal_field_name(unsigned i);
const char *journal_field(const struct jentry *e, unsigned i);
char **jentry_field(struct jentry *e, unsigned i);

struct journal;

/* journal_open: open path and lock it, exclusively when for_write (creating
 * the file and its directory), else shared (a missing file reads as empty).
 * EX_CANTCREAT / EX_IOERR / EX_NOINPUT. */
int journal_open(const char *path, int for_write, struct journal **out, char **errstr);
/* journal_read: all entries, oldest first (*v is the caller's:
 * jentries_free). EX_DATAERR with "FILE:LINE:COL: ..." on a bad document. */
int journal_read(struct journal *j, struct jentry **v, size_t *n, char **errstr);
/* journal_torn: 1 if the last document of the file was cut short by a crash
 * (the file ends mid-line and the document does not parse), with its line;
 * the caller warns. journal_read still returns what its complete lines say
 * (when they name a reference) as its last entry, with status "unknown"
 * when the status line was lost: a torn entry does not forget its letter.
 * The next journal_append moves the torn bytes to PATH.torn and writes that
 * recovered entry whole before its own. */
int journal_torn(const struct journal *j, int *line);
/* journal_append: one document for e, on disk when it returns 0. */
int journal_append(struct journal *j, const struct jentry *e, char **errstr);
/* journal_close: unlock and close (NULL is a no-op). */
void journal_close(struct journal *j);

/* journal_find_sent: the last entry with status "sent" for this reference
 * and recipient (and method when not NULL), or NULL. Recipients compare as
 * journal_same_recipient does. */
const struct jentry *journal_find_sent(const struct jentry *v, size_t n, const char *reference,
				       const char *recipient, const char *method);

/* journal_find_unsettled: the last entry for reference and recipient whose
 * outcome is not known ("unknown", or recovered from a torn entry without
 * its recipient), unless a "sent" entry follows it; else NULL. */
const struct jentry *journal_find_unsettled(const struct jentry *v, size_t n,
					    const char *reference, const char *recipient);
/* The journal's index: what journal_find_sent (any method) and
 * journal_find_unsettled answer, for a sender of many letters (a batch).
 * It keeps, per reference and recipient (as journal_same_recipient
 * compares them), only the last entry that matters to those questions, so
 * it grows with the letters, not with the attempts; the fields kept are
 * reference, time, method, status, reason, recipient, message_id and line.
 * journal_index_update, called with the journal open (and locked),
 * reads only what was appended since its last call (by file offset; a
 * journal that was cut shorter, replaced or rewritten is read again from
 * the start), so each letter of a batch costs O(1) instead of a reading of
 * the whole journal. A first update reads the whole file as journal_read
 * does, with the same errors, and sets journal_torn the same way. A torn
 * last document is not indexed: it is read again at every update (it is
 * the latest entry) until an append sets it aside. */
struct jindex;
struct jindex *jindex_new(void);
void jindex_free(struct jindex *x);
int journal_index_update(struct journal *j, struct jindex *x, char **errstr);
/* jindex_find_sent, jindex_find_unsettled: as journal_find_sent (method
 * NULL) and journal_find_unsettled over the entries read so far; the
 * entry is valid until the next update. */
const struct jentry *jindex_find_sent(const struct jindex *x, const char *reference,
				      const char *recipient);
const struct jentry *jindex_find_unsettled(const struct jindex *x, const char *reference,
					   const char *recipient);
/* jindex_last_read: the bytes the last update read (tests). */
size_t jindex_last_read(const struct jindex *x);

/* journal_same_recipient: 1 when a and b name the same recipient: e-mail
 * addresses with the domain compared without case (the local part as
 * written, RFC 5321), anything else byte for byte. */
int journal_same_recipient(const char *a, const char *b);

/* journal_state_dir: STATE/sub, STATE being the directory that holds the
 * journal ("." for a bare file name), where objector keeps what belongs
 * with it (pending/, letters/). Caller frees; nothing is created. */
char *journal_state_dir(const char *journal, const char *sub);

/* Pending sends. Before `send` hands a message to the server it writes a
 * marker, STATE/pending/REFERENCE-HASH.yaml (HASH: of the recipient, its
 * domain in lower case; 0600, one document like a journal entry with the
 * Message-ID), and removes it once a known outcome is journaled. A marker
 * left behind means objector was stopped in between, or the outcome is
 * "unknown", and the letter may have gone out: the next send of that
 * letter to that address is refused without --force, and `log` shows it. */
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
