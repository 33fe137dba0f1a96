/* SPDX-License-Identifier: GPL-3.0-or-later */
/* journal.c: the append-only journal; see journal.h. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stddef.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "buf.h"
#include "date.h"
#include "diag.h"
#include "sha256.h"
#include "fileio.h"
#include "journal.h"
#include "xalloc.h"
#include "ydoc.h"

#define JOURNAL_MAX ((size_t)256 << 20)	/* a quarter of a gigabyte of letters */

struct journal {
	char *path;
	int fd;		/* -1: the file does not exist (read-only use) */
	int torn;	/* documents cut short by a crash, skipped by journal_read */
	int torn_line;	/* the first one's line */
};

/* The fields in the order they are written (JOURNAL_FIELDS, journal.h). */
static const struct {
	const char *name;
	size_t off;
} fields[] = {
#define F(x) { #x, offsetof(struct jentry, x) },
	JOURNAL_FIELDS(F)
#undef F
};
#define NFIELDS (sizeof fields / sizeof *fields)
const unsigned journal_nfields = NFIELDS;

static char **field(struct jentry *e, size_t i)
{
	return (char **)((char *)e + fields[i].off);
}

static char *const *cfield(const struct jentry *e, size_t i)
{
	return (char *const *)((const char *)e + fields[i].off);
}

const char *journal_field_name(unsigned i)
{
	return i < NFIELDS ? fields[i].name : NULL;
}

char **jentry_field(struct jentry *e, unsigned i)
{
	return i < NFIELDS ? field(e, i) : NULL;
}

const char *journal_field(const struct jentry *e, unsigned i)
{
	return i < NFIELDS ? *cfield(e, i) : NULL;
}

void journal_now(char out[32])
{
	time_t t = date_now();
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int lock(int fd, int op, const char *path)
{
	if (flock(fd, op | LOCK_NB) == 0)
		return 0;
	if (errno != EWOULDBLOCK)
		return -1;
	/* Another objector is writing: wait quietly for a moment, then say so. */
	for (int i = 0; i < 200; i++) {
		struct timespec ts = { 0, 10 * 1000 * 1000 };
		nanosleep(&ts, NULL);
		if (flock(fd, op | LOCK_NB) == 0)
			return 0;
		if (errno != EWOULDBLOCK)
			return -1;
	}
	errmsg(_("waiting for the lock on %s"), path);
	while (flock(fd, op) < 0)
		if (errno != EINTR)
			return -1;
	return 0;
}

int journal_open(const char *path, int for_write, struct journal **out, char **errstr)
{
	struct journal *j = xcalloc(1, sizeof *j);
	j->path = xstrdup(path);
	j->fd = -1;
	if (for_write) {
		struct stat st;
		int existed = stat(path, &st) == 0;
		if (!existed && file_mkdirs(path) < 0) {
			*errstr = xasprintf(_("%s: cannot create its directory: %s"), path, strerror(errno));
			journal_close(j);
			return EX_CANTCREAT;
		}
		j->fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
		if (j->fd < 0) {
			*errstr = xasprintf("%s: %s", path, strerror(errno));
			journal_close(j);
			return EX_CANTCREAT;
		}
		if (!existed) {
			/* make the new name durable too */
			char *dir = xstrdup(path), *slash = strrchr(dir, '/');
			if (slash) {
				*(slash == dir ? slash + 1 : slash) = '\0';
				int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
				if (dfd >= 0) {
					fsync(dfd);
					close(dfd);
				}
			}
			free(dir);
		}
	} else {
		j->fd = open(path, O_RDONLY | O_CLOEXEC);
		if (j->fd < 0 && errno != ENOENT) {
			*errstr = xasprintf("%s: %s", path, strerror(errno));
			journal_close(j);
			return EX_NOINPUT;
		}
	}
	if (j->fd >= 0 && lock(j->fd, for_write ? LOCK_EX : LOCK_SH, path) < 0) {
		*errstr = xasprintf(_("%s: cannot lock: %s"), path, strerror(errno));
		journal_close(j);
		return EX_IOERR;
	}
	*out = j;
	return 0;
}

void journal_close(struct journal *j)
{
	if (!j)
		return;
	if (j->fd >= 0)
		close(j->fd);	/* releases the lock */
	free(j->path);
	free(j);
}

void jentry_clear(struct jentry *e)
{
	for (size_t i = 0; i < NFIELDS; i++) {
		free(*field(e, i));
		*field(e, i) = NULL;
	}
}

void jentries_free(struct jentry *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		jentry_clear(&v[i]);
	free(v);
}

/* one_line: s with line breaks (CR, LF) turned into spaces; every other
 * byte is kept as it came (an escape sequence in a server's reply is
 * evidence): the emitter writes control characters as escapes inside a
 * double-quoted scalar, so each value stays on one line. */
static char *one_line(const char *s)
{
	char *c = xstrdup(s);
	for (char *p = c; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	return c;
}

/* set_aside_torn_tail: if the file ends in the middle of a line, a crash cut
 * its last append short: append that torn tail (from the end of the last
 * complete document, "\n...\n") to PATH.torn (0600) and cut it off, so
 * that the journal stays one valid YAML stream and nothing is lost;
 * st->st_size is updated. */
static int emit_entry(const struct jentry *e, struct buf *b, char **errstr);
static int recover_torn(const char *path, const char *doc, size_t len, int line, struct jentry *out);

static int set_aside_torn_tail(struct journal *j, struct stat *st, struct buf *recovered,
			       char **errstr)
{
	char last;
	off_t size = st->st_size;
	if (pread(j->fd, &last, 1, size - 1) == 1 && last == '\n')
		return 0;
	/* Find the end of the last complete document: the last "\n...\n". */
	size_t len = size > (off_t)JOURNAL_MAX ? JOURNAL_MAX : (size_t)size;
	char *data = xmalloc(len);
	off_t base = size - (off_t)len;
	if (pread(j->fd, data, len, base) != (ssize_t)len) {
		*errstr = xasprintf(_("%s: cannot read: %s"), j->path, strerror(errno));
		free(data);
		return EX_IOERR;
	}
	size_t keep = 0;
	for (size_t i = len; i >= 4; i--) {
		if (memcmp(data + i - 4, "...\n", 4) == 0 && (i == 4 || data[i - 5] == '\n')) {
			keep = i;
			break;
		}
	}
	char *aside = xasprintf("%s.torn", j->path);
	int fd = open(aside, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	int rc = 0;
	if (fd < 0 || write_all(fd, data + keep, len - keep) < 0 || fsync(fd) < 0) {
		*errstr = xasprintf(_("%s: cannot set aside a torn entry: %s"), aside, strerror(errno));
		rc = EX_IOERR;
	}
	if (fd >= 0)
		close(fd);
	if (!rc && (ftruncate(j->fd, base + (off_t)keep) < 0 || fsync(j->fd) < 0)) {
		*errstr = xasprintf("%s: %s", j->path, strerror(errno));
		rc = EX_IOERR;
	}
	if (!rc)
		st->st_size = base + (off_t)keep;
	/* What the torn entry still says goes back in whole, before the new one. */
	struct jentry r;
	if (!rc && recover_torn(j->path, data + keep, len - keep, 0, &r) == 0) {
		char *why = xasprintf("%s; the torn bytes are in %s", r.reason ? r.reason
					: "the journal entry was cut short by a crash", aside);
		free(r.reason);
		r.reason = why;
		char *e2 = NULL;
		if (emit_entry(&r, recovered, &e2))
			free(e2);
		jentry_clear(&r);
	}
	free(aside);
	free(data);
	return rc;
}

/* emit_entry: e as one YAML document. */
static int emit_entry(const struct jentry *e, struct buf *b, char **errstr)
{
	struct ynode *map = ynode_new_map();
	for (size_t i = 0; i < NFIELDS; i++) {
		const char *v = *cfield(e, i);
		if (!v)
			continue;
		char *c = one_line(v);
		ynode_map_adds(map, fields[i].name, c);
		free(c);
	}
	int rc = ydoc_emit(map, b, errstr);
	ynode_free(map);
	return rc;
}

int journal_append(struct journal *j, const struct jentry *e, char **errstr)
{
	struct buf b = BUF_INIT;
	int rc = emit_entry(e, &b, errstr);
	if (rc) {
		buf_free(&b);
		return rc;
	}
	struct stat st;
	if (fstat(j->fd, &st) < 0) {
		*errstr = xasprintf("%s: %s", j->path, strerror(errno));
		buf_free(&b);
		return EX_IOERR;
	}
	/* Every append ends with "...\n": a tail without it is a document a
	 * crash cut short. Move it aside (nothing is lost) so that the journal
	 * stays one valid YAML stream. */
	struct buf rec = BUF_INIT;
	if (st.st_size > 0 && (rc = set_aside_torn_tail(j, &st, &rec, errstr)) != 0) {
		buf_free(&rec);
		buf_free(&b);
		return rc;
	}
	if (rec.len) {
		/* one write: the recovered entry, then the new one */
		if (buf_add(&rec, b.data, b.len) < 0) {
			*errstr = xasprintf(_("%s: entry too large"), j->path);
			buf_free(&rec);
			buf_free(&b);
			return EX_SOFTWARE;
		}
		buf_free(&b);
		b = rec;
	} else {
		buf_free(&rec);
	}
	if (write_all(j->fd, b.data, b.len) < 0 || fsync(j->fd) < 0) {
		*errstr = xasprintf(_("%s: cannot write: %s"), j->path, strerror(errno));
		/* cut off whatever part got written: no half documents */
		if (ftruncate(j->fd, st.st_size) == 0)
			fsync(j->fd);
		buf_free(&b);
		return EX_IOERR;
	}
	buf_free(&b);
	return 0;
}

static int parse_doc(const char *path, const char *text, size_t len, int first_line,
		     struct jentry **v, size_t *n, size_t *cap, char **errstr)
{
	struct ydoc *d = NULL;
	char *err = NULL;
	int rc = ydoc_load_mem_at(path, first_line, text, len, &d, &err);
	if (rc) {
		*errstr = err;
		return EX_DATAERR;
	}
	const struct ynode *root = d->root;
	if (!root) {
		ydoc_free(d);
		return 0;
	}
	if (root->type != YNODE_MAP) {
		*errstr = diag_at(path, root->line, root->col,
				  _("a journal entry must be a mapping"));
		ydoc_free(d);
		return EX_DATAERR;
	}
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 16;
		*v = xreallocarray(*v, *cap, sizeof **v);
	}
	struct jentry *e = &(*v)[*n];
	memset(e, 0, sizeof *e);
	e->line = first_line;
	/* Unknown keys are kept out but tolerated: a newer objector may add some. */
	for (size_t i = 0; i < NFIELDS; i++) {
		const char *s = ynode_scalar(ynode_get(root, fields[i].name));
		if (s)
			*field(e, i) = xstrdup(s);
	}
	(*n)++;
	if (!e->reference || !e->status) {
		*errstr = diag_at(path, e->line, 0, _("a journal entry needs 'reference' and 'status'"));
		ydoc_free(d);
		return EX_DATAERR;
	}
	ydoc_free(d);
	return 0;
}

static int is_marker(const char *p, const char *end)
{
	return end - p >= 3 && p[0] == '-' && p[1] == '-' && p[2] == '-' &&
	       (end - p == 3 || p[3] == ' ' || p[3] == '\n' || p[3] == '\r' || p[3] == '\t');
}

/* recover_torn: what the complete lines of a torn document still say, as
 * an entry: status "unknown" (with a reason saying so) when the status line
 * was lost. -1 when they do not name a reference. */
static int recover_torn(const char *path, const char *doc, size_t len, int line, struct jentry *out)
{
	size_t cut = len;
	while (cut > 0 && doc[cut - 1] != '\n')
		cut--;
	if (cut == 0)
		return -1;
	struct ydoc *d = NULL;
	char *err = NULL;
	if (ydoc_load_mem_at(path, line > 0 ? line : 1, doc, cut, &d, &err)) {
		free(err);
		return -1;
	}
	int rc = -1;
	memset(out, 0, sizeof *out);
	if (d->root && d->root->type == YNODE_MAP) {
		for (size_t i = 0; i < NFIELDS; i++) {
			const char *s = ynode_scalar(ynode_get(d->root, fields[i].name));
			if (s)
				*field(out, i) = xstrdup(s);
		}
		if (out->reference && *out->reference) {
			if (!out->status) {
				out->status = xstrdup("unknown");
				if (!out->reason)
					out->reason = xstrdup("the journal entry was cut short by a crash "
							      "before its outcome was written");
			}
			out->line = line;
			rc = 0;
		} else {
			jentry_clear(out);
		}
	}
	ydoc_free(d);
	return rc;
}

/* parse_or_torn: parse_doc, except that the last document of the file, when
 * the file does not end with a newline and the document does not parse, was
 * cut short by a crash (SIGKILL, power loss) in the middle of its write: it
 * is counted, and what its complete lines say is kept as an entry
 * (recover_torn), so that one torn entry neither locks the user out of the
 * journal nor forgets its letter (the next append sets it aside). Any other
 * document that does not parse is an error, reported where it is. */
static int parse_or_torn(struct journal *j, const char *doc, size_t len, int line, int last,
			 struct jentry **v, size_t *n, size_t *cap, char **errstr)
{
	char *err = NULL;
	int rc = parse_doc(j->path, doc, len, line, v, n, cap, &err);
	if (rc == EX_DATAERR && last && len && doc[len - 1] != '\n') {
		free(err);
		j->torn = 1;
		j->torn_line = line;
		struct jentry r;
		if (recover_torn(j->path, doc, len, line, &r) == 0) {
			if (*n == *cap) {
				*cap = *cap ? 2 * *cap : 16;
				*v = xreallocarray(*v, *cap, sizeof **v);
			}
			(*v)[(*n)++] = r;
		}
		return 0;
	}
	if (rc)
		*errstr = err;
	return rc;
}

int journal_torn(const struct journal *j, int *line)
{
	if (line)
		*line = j->torn_line;
	return j->torn;
}

int journal_read(struct journal *j, struct jentry **out, size_t *nout, char **errstr)
{
	j->torn = 0;
	*out = NULL;
	*nout = 0;
	if (j->fd < 0)
		return 0;
	struct buf b;
	buf_init(&b, JOURNAL_MAX);
	char chunk[65536];
	off_t off = 0;
	for (;;) {
		ssize_t r = pread(j->fd, chunk, sizeof chunk, off);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			*errstr = xasprintf("%s: %s", j->path, strerror(errno));
			buf_free(&b);
			return EX_IOERR;
		}
		if (r == 0)
			break;
		if (buf_add(&b, chunk, (size_t)r) < 0) {
			*errstr = xasprintf(_("%s: larger than %zu bytes"), j->path, JOURNAL_MAX);
			buf_free(&b);
			return EX_DATAERR;
		}
		off += r;
	}
	/* Split at "---" lines: each document is parsed on its own, so one
	 * bad document is reported where it is. */
	struct jentry *v = NULL;
	size_t n = 0, cap = 0;
	const char *p = b.data, *end = b.data + b.len, *doc = p;
	int line = 1, doc_line = 1, rc = 0;
	while (p < end && !rc) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *next = nl ? nl + 1 : end;
		if (is_marker(p, end) && p > doc) {
			rc = parse_or_torn(j, doc, (size_t)(p - doc), doc_line, 0, &v, &n, &cap, errstr);
			doc = p;
			doc_line = line;
		}
		p = next;
		line++;
	}
	if (!rc && end > doc)
		rc = parse_or_torn(j, doc, (size_t)(end - doc), doc_line, 1, &v, &n, &cap, errstr);
	buf_free(&b);
	if (rc) {
		jentries_free(v, n);
		return rc;
	}
	*out = v;
	*nout = n;
	return 0;
}

/* addr_split: the '@' of an e-mail address (one '@', no space, no '/'), or NULL. */
static const char *addr_at(const char *s)
{
	const char *at = strrchr(s, '@');
	if (!at || at == s || !at[1] || strchr(s, '@') != at || strpbrk(s, " /,"))
		return NULL;
	return at;
}

int journal_same_recipient(const char *a, const char *b)
{
	const char *x = addr_at(a), *y = addr_at(b);
	if (!x || !y)
		return strcmp(a, b) == 0;
	if (x - a != y - b || memcmp(a, b, (size_t)(x - a)) != 0)
		return 0;
	for (x++, y++; *x || *y; x++, y++) {
		unsigned char c = (unsigned char)*x, d = (unsigned char)*y;
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (d >= 'A' && d <= 'Z')
			d += 'a' - 'A';
		if (c != d)
			return 0;
	}
	return 1;
}

/* recipient_key: the recipient as one spelling (the domain in lower case). */
static char *recipient_key(const char *r)
{
	char *k = xstrdup(r);
	const char *at = addr_at(r);
	if (at)
		for (char *p = k + (at - r); *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p += 'a' - 'A';
	return k;
}

const struct jentry *journal_find_sent(const struct jentry *v, size_t n, const char *reference,
				       const char *recipient, const char *method)
{
	for (size_t i = n; i-- > 0;) {
		const struct jentry *e = &v[i];
		if (!e->event && e->status && strcmp(e->status, "sent") == 0 && e->reference &&
		    strcmp(e->reference, reference) == 0 && e->recipient &&
		    journal_same_recipient(e->recipient, recipient) &&
		    (!method || (e->method && strcmp(e->method, method) == 0)))
			return e;
	}
	return NULL;
}

const struct jentry *journal_find_unsettled(const struct jentry *v, size_t n,
					    const char *reference, const char *recipient)
{
	for (size_t i = n; i-- > 0;) {
		const struct jentry *e = &v[i];
		if (e->event || !e->status || !e->reference || strcmp(e->reference, reference) != 0)
			continue;
		int same = !e->recipient || journal_same_recipient(e->recipient, recipient);
		if (!same)
			continue;
		int sent = strcmp(e->status, "sent") == 0;
		if (sent && e->recipient)
			return NULL;	/* settled: sent */
		if (sent || strcmp(e->status, "unknown") == 0)
			return e;
	}
	return NULL;
}

/* Pending sends. */

char *journal_state_dir(const char *journal, const char *sub)
{
	const char *slash = strrchr(journal, '/');
	if (!slash)
		return xasprintf("./%s", sub);
	return xasprintf("%.*s/%s", (int)(slash - journal), journal, sub);
}

char *journal_pending_path(const char *journal, const char *reference, const char *recipient)
{
	char hex[SHA256_HEX_LEN + 1];
	char *key = recipient_key(recipient);
	sha256_hex(key, strlen(key), hex);
	free(key);
	char *dir = journal_state_dir(journal, "pending");
	/* The reference is "OBJ-YYYY-" and base-32 digits: safe in a file name. */
	char *p = xasprintf("%s/%s-%.12s.yaml", dir, reference, hex);
	free(dir);
	return p;
}

int journal_pending_mark(const char *path, const struct jentry *e, char **errstr)
{
	char *dir = xstrdup(path);
	*strrchr(dir, '/') = '\0';
	if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
		*errstr = xasprintf("%s: %s", dir, strerror(errno));
		free(dir);
		return EX_CANTCREAT;
	}
	free(dir);
	struct buf b = BUF_INIT;
	int rc = emit_entry(e, &b, errstr);
	if (!rc)
		rc = file_write_atomic(path, b.data, b.len, 0600, 0, errstr);
	buf_free(&b);
	return rc;
}

int journal_pending_read(const char *path, struct jentry *e)
{
	char *text, *err = NULL;
	size_t len;
	memset(e, 0, sizeof *e);
	if (file_read(path, 1 << 16, &text, &len, &err)) {
		free(err);
		return -1;
	}
	struct jentry *v = NULL;
	size_t n = 0, cap = 0;
	int rc = parse_doc(path, text, len, 1, &v, &n, &cap, &err);
	free(text);
	if (rc || n != 1) {
		free(err);
		jentries_free(v, n);
		/* unreadable, but there: still a pending send */
		e->reference = xstrdup("?");
		e->status = xstrdup("sending");
		return 0;
	}
	*e = v[0];
	free(v);
	return 0;
}

int journal_pending_list(const char *journal, struct jentry **out, size_t *nout)
{
	*out = NULL;
	*nout = 0;
	char *pdir = journal_state_dir(journal, "pending");
	DIR *d = opendir(pdir);
	if (!d) {
		free(pdir);
		return 0;
	}
	struct dirent *de;
	size_t cap = 0;
	while ((de = readdir(d))) {
		size_t l = strlen(de->d_name);
		if (l < 6 || strcmp(de->d_name + l - 5, ".yaml") != 0)
			continue;
		char *p = xasprintf("%s/%s", pdir, de->d_name);
		if (*nout == cap) {
			cap = cap ? 2 * cap : 4;
			*out = xreallocarray(*out, cap, sizeof **out);
		}
		if (journal_pending_read(p, &(*out)[*nout]) == 0)
			(*nout)++;
		free(p);
	}
	closedir(d);
	free(pdir);
	return 0;
}

/* The index (journal.h). */

/* A slot: one reference and recipient (rkey NULL: the entries without a
 * recipient, recovered from torn ones), with the last "sent" entry (that
 * has a recipient) and the last "sent" or "unknown" entry. */
struct jslot {
	char *ref, *rkey;
	unsigned long su_seq;
	struct jentry *sent, *su;
};

struct jindex {
	int have_file;
	dev_t dev;
	ino_t ino;
	off_t off;		/* read up to here: the end of the last complete document */
	int line;		/* the line at off */
	unsigned char tail[16];	/* the bytes before off, to see a rewritten file */
	size_t tail_len;
	size_t last_read;
	unsigned long seq;	/* entries indexed, in order */
	struct jslot *slots;
	size_t cap, used;	/* open addressing, cap a power of two */
	struct jentry *torn;	/* the last document when not complete: read again each time */
	size_t ntorn;
};

struct jindex *jindex_new(void)
{
	return xcalloc(1, sizeof(struct jindex));
}

static void slot_clear(struct jslot *s)
{
	if (s->sent && s->sent != s->su) {
		jentry_clear(s->sent);
		free(s->sent);
	}
	if (s->su) {
		jentry_clear(s->su);
		free(s->su);
	}
	free(s->ref);
	free(s->rkey);
	memset(s, 0, sizeof *s);
}

static void jindex_reset(struct jindex *x)
{
	for (size_t i = 0; i < x->cap; i++)
		if (x->slots[i].ref)
			slot_clear(&x->slots[i]);
	free(x->slots);
	jentries_free(x->torn, x->ntorn);
	memset(x, 0, sizeof *x);
}

void jindex_free(struct jindex *x)
{
	if (!x)
		return;
	jindex_reset(x);
	free(x);
}

size_t jindex_last_read(const struct jindex *x)
{
	return x->last_read;
}

static size_t slot_hash(const char *ref, const char *rkey)
{
	size_t h = 14695981039346656037u;
	for (const unsigned char *p = (const unsigned char *)ref; *p; p++)
		h = (h ^ *p) * 1099511628211u;
	h = (h ^ (rkey ? 1 : 2)) * 1099511628211u;
	for (const unsigned char *p = (const unsigned char *)(rkey ? rkey : ""); *p; p++)
		h = (h ^ *p) * 1099511628211u;
	return h;
}

/* slot_find: the slot of ref and rkey, or the empty one where it goes. */
static struct jslot *slot_find(struct jslot *slots, size_t cap, const char *ref, const char *rkey)
{
	for (size_t i = slot_hash(ref, rkey) & (cap - 1);; i = (i + 1) & (cap - 1)) {
		struct jslot *s = &slots[i];
		if (!s->ref || (strcmp(s->ref, ref) == 0 && (rkey ? s->rkey && strcmp(s->rkey, rkey) == 0
								    : !s->rkey)))
			return s;
	}
}

static const struct jslot *slot_get(const struct jindex *x, const char *ref, const char *rkey)
{
	if (!x->cap)
		return NULL;
	const struct jslot *s = slot_find(x->slots, x->cap, ref, rkey);
	return s->ref ? s : NULL;
}

/* slim: the fields of e the questions need. */
static struct jentry *slim(const struct jentry *e)
{
	struct jentry *s = xcalloc(1, sizeof *s);
#define DUP(f) s->f = e->f ? xstrdup(e->f) : NULL
	DUP(reference);
	DUP(time);
	DUP(method);
	DUP(status);
	DUP(reason);
	DUP(recipient);
	DUP(message_id);
#undef DUP
	s->line = e->line;
	return s;
}

static void jindex_add(struct jindex *x, const struct jentry *e)
{
	if (e->event || !e->status || !e->reference)
		return;
	int sent = strcmp(e->status, "sent") == 0;
	if (!sent && strcmp(e->status, "unknown") != 0)
		return;	/* failed, sending: neither question looks at them */
	if (2 * (x->used + 1) > x->cap) {
		size_t cap = x->cap ? 2 * x->cap : 64;
		struct jslot *v = xcalloc(cap, sizeof *v);
		for (size_t i = 0; i < x->cap; i++)
			if (x->slots[i].ref)
				*slot_find(v, cap, x->slots[i].ref, x->slots[i].rkey) = x->slots[i];
		free(x->slots);
		x->slots = v;
		x->cap = cap;
	}
	char *rkey = e->recipient ? recipient_key(e->recipient) : NULL;
	struct jslot *s = slot_find(x->slots, x->cap, e->reference, rkey);
	if (!s->ref) {
		s->ref = xstrdup(e->reference);
		s->rkey = rkey;
		rkey = NULL;
		x->used++;
	}
	free(rkey);
	struct jentry *n = slim(e), *old = s->su;
	s->su = n;
	s->su_seq = ++x->seq;
	if (old && old != s->sent) {
		jentry_clear(old);
		free(old);
	}
	if (sent && e->recipient) {
		old = s->sent;
		s->sent = n;
		if (old && old != s->su) {
			jentry_clear(old);
			free(old);
		}
	}
}

const struct jentry *jindex_find_sent(const struct jindex *x, const char *reference,
				      const char *recipient)
{
	/* the torn last document is the latest entry */
	const struct jentry *t = journal_find_sent(x->torn, x->ntorn, reference, recipient, NULL);
	if (t)
		return t;
	char *k = recipient_key(recipient);
	const struct jslot *s = slot_get(x, reference, k);
	free(k);
	return s ? s->sent : NULL;
}

const struct jentry *jindex_find_unsettled(const struct jindex *x, const char *reference,
					   const char *recipient)
{
	for (size_t i = x->ntorn; i-- > 0;) {
		const struct jentry *e = &x->torn[i];
		if (e->event || !e->status || !e->reference || strcmp(e->reference, reference) != 0 ||
		    (e->recipient && !journal_same_recipient(e->recipient, recipient)))
			continue;
		if (strcmp(e->status, "sent") == 0 || strcmp(e->status, "unknown") == 0)
			return journal_find_unsettled(e, 1, reference, recipient);
	}
	char *k = recipient_key(recipient);
	const struct jslot *a = slot_get(x, reference, k), *b = slot_get(x, reference, NULL);
	free(k);
	const struct jslot *s = a && b ? (a->su_seq > b->su_seq ? a : b) : a ? a : b;
	if (!s || !s->su)
		return NULL;
	return journal_find_unsettled(s->su, 1, reference, recipient);
}

/* index_doc: parse one complete document and index it. */
static int index_doc(struct journal *j, struct jindex *x, const char *doc, size_t len, int line,
		     char **errstr)
{
	struct jentry *v = NULL;
	size_t n = 0, cap = 0;
	int rc = parse_doc(j->path, doc, len, line, &v, &n, &cap, errstr);
	if (!rc && n)
		jindex_add(x, &v[0]);
	jentries_free(v, n);
	return rc;
}

static int ends_document(const char *doc, size_t len)
{
	return len >= 4 && memcmp(doc + len - 4, "...\n", 4) == 0 &&
	       (len == 4 || doc[len - 5] == '\n');
}

int journal_index_update(struct journal *j, struct jindex *x, char **errstr)
{
	j->torn = 0;
	jentries_free(x->torn, x->ntorn);
	x->torn = NULL;
	x->ntorn = 0;
	x->last_read = 0;
	if (j->fd < 0) {
		jindex_reset(x);
		return 0;
	}
	struct stat st;
	if (fstat(j->fd, &st) < 0) {
		*errstr = xasprintf("%s: %s", j->path, strerror(errno));
		return EX_IOERR;
	}
	/* Read on from where the last update stopped, unless the file is not
	 * the one read then, or not only appended to since. */
	int again = !x->have_file || x->dev != st.st_dev || x->ino != st.st_ino ||
		    st.st_size < x->off;
	if (!again && x->tail_len) {
		unsigned char tail[sizeof x->tail];
		again = pread(j->fd, tail, x->tail_len, x->off - (off_t)x->tail_len) !=
				(ssize_t)x->tail_len || memcmp(tail, x->tail, x->tail_len) != 0;
	}
	if (again) {
		jindex_reset(x);
		x->line = 1;
	}
	x->have_file = 1;
	x->dev = st.st_dev;
	x->ino = st.st_ino;
	size_t len = (size_t)(st.st_size - x->off);
	if (len > JOURNAL_MAX) {
		*errstr = xasprintf("%s: larger than %zu bytes", j->path, JOURNAL_MAX);
		jindex_reset(x);
		return EX_DATAERR;
	}
	char *data = xmalloc(len + 1);
	size_t got = 0;
	while (got < len) {
		ssize_t r = pread(j->fd, data + got, len - got, x->off + (off_t)got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			*errstr = xasprintf("%s: %s", j->path, strerror(errno));
			free(data);
			jindex_reset(x);
			return EX_IOERR;
		}
		if (r == 0)
			break;
		got += (size_t)r;
	}
	len = got;
	x->last_read = len;
	/* Split at "---" lines as journal_read does. */
	const char *p = data, *end = data + len, *doc = p;
	int line = x->line, doc_line = line, rc = 0;
	while (p < end && !rc) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *next = nl ? nl + 1 : end;
		if (is_marker(p, end) && p > doc) {
			rc = index_doc(j, x, doc, (size_t)(p - doc), doc_line, errstr);
			doc = p;
			doc_line = line;
		}
		p = next;
		line++;
	}
	if (!rc && end > doc) {
		if (ends_document(doc, (size_t)(end - doc))) {
			rc = index_doc(j, x, doc, (size_t)(end - doc), doc_line, errstr);
			doc = end;
			doc_line = line;
		} else {
			/* not ended (yet): torn by a crash, or written by hand;
			 * read again next time */
			size_t cap = 0;
			rc = parse_or_torn(j, doc, (size_t)(end - doc), doc_line, 1, &x->torn,
					   &x->ntorn, &cap, errstr);
		}
	}
	if (rc) {
		free(data);
		jindex_reset(x);
		return rc;
	}
	x->off += (off_t)(doc - data);
	x->line = doc_line;
	size_t tl = sizeof x->tail < (size_t)x->off ? sizeof x->tail : (size_t)x->off;
	if (doc - data >= (ptrdiff_t)tl) {
		memcpy(x->tail, doc - tl, tl);
	} else if (pread(j->fd, x->tail, tl, x->off - (off_t)tl) != (ssize_t)tl) {
		tl = 0;
		x->have_file = 0;	/* read it all again next time */
	}
	x->tail_len = tl;
	free(data);
	return 0;
}
