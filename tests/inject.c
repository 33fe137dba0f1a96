/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * tests/inject.c: an LD_PRELOAD library that makes I/O fail on purpose, for
 * tests/e2e/faults.sh (after jq's src/inject_errors.c).
 *
 * It wraps write, fsync, fdatasync, close, rename, link and fwrite. A call
 * fails (returns -1 / a short count with errno set) when all of these hold:
 *
 *   INJECT_FAIL=write,fsync,...  the call's name is in this comma-separated
 *                                list ("all" for every wrapped call)
 *   INJECT_PATH_SUBSTR=S         the file it works on (for a descriptor or a
 *                                stream: its /proc/self/fd link; for rename
 *                                and link: either name) contains S; unset or
 *                                empty: any file but standard input, output
 *                                and error
 *   INJECT_AFTER=N               N such calls have already succeeded
 *                                (default 0: the first one fails)
 *
 *   INJECT_ERRNO=ENOSPC|EIO|EDQUOT|EROFS   the error (default ENOSPC)
 *   INJECT_SHORT=1               a failing write (or fwrite) first writes half
 *                                of its bytes and returns that short count,
 *                                as a disk that fills up does; the next call
 *                                then fails
 *   INJECT_LOG=FILE              append one line per injected failure to FILE
 *                                (so that a test can tell the fault was hit)
 *
 * Built by mk/faults.am as tests/inject.so with $(CC) -shared -fPIC. It is
 * not usable with an ASan build (the ASan runtime must come first in the
 * library list); tests/e2e/faults.sh skips in that case.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int passed;	/* matching calls that were let through so far */
static int half_done;	/* INJECT_SHORT: the half write was returned */

static void *next(const char *name)
{
	void *f = dlsym(RTLD_NEXT, name);
	if (!f) {
		static const char msg[] = "inject.so: dlsym failed\n";
		ssize_t (*w)(int, const void *, size_t) = dlsym(RTLD_NEXT, "write");
		if (w)
			(void)w(2, msg, sizeof msg - 1);
		abort();
	}
	return f;
}

/* listed: call is named in INJECT_FAIL. */
static int listed(const char *call)
{
	const char *list = getenv("INJECT_FAIL");
	if (!list || !*list)
		return 0;
	size_t n = strlen(call);
	for (const char *p = list; *p;) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if ((len == n && strncmp(p, call, n) == 0) || (len == 3 && strncmp(p, "all", 3) == 0))
			return 1;
		if (!end)
			break;
		p = end + 1;
	}
	return 0;
}

static int path_matches(const char *path)
{
	const char *sub = getenv("INJECT_PATH_SUBSTR");
	if (!sub || !*sub)
		return 1;
	return path && strstr(path, sub) != NULL;
}

static int fd_matches(int fd)
{
	const char *sub = getenv("INJECT_PATH_SUBSTR");
	if (fd < 0)
		return 0;
	if (!sub || !*sub)
		return fd > 2;
	char link[64], target[PATH_MAX];
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	ssize_t n = readlink(link, target, sizeof target - 1);
	if (n < 0)
		return 0;
	target[n] = '\0';
	return strstr(target, sub) != NULL;
}

static int the_errno(void)
{
	const char *e = getenv("INJECT_ERRNO");
	if (!e || !*e || strcmp(e, "ENOSPC") == 0)
		return ENOSPC;
	if (strcmp(e, "EIO") == 0)
		return EIO;
	if (strcmp(e, "EDQUOT") == 0)
		return EDQUOT;
	if (strcmp(e, "EROFS") == 0)
		return EROFS;
	return atoi(e) > 0 ? atoi(e) : ENOSPC;
}

static void note(const char *call, const char *what)
{
	const char *log = getenv("INJECT_LOG");
	if (!log || !*log)
		return;
	int (*o)(const char *, int, ...) = next("open");
	ssize_t (*w)(int, const void *, size_t) = next("write");
	int (*c)(int) = next("close");
	int fd = o(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	if (fd < 0)
		return;
	char line[PATH_MAX + 64];
	int n = snprintf(line, sizeof line, "%s %s %s\n", call, what ? what : "-",
			 strerror(the_errno()));
	if (n > 0)
		(void)w(fd, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
	c(fd);
}

/* should_fail: this matching call is past INJECT_AFTER. */
static int should_fail(void)
{
	const char *a = getenv("INJECT_AFTER");
	int after = a && *a ? atoi(a) : 0;
	if (passed < after) {
		passed++;
		return 0;
	}
	return 1;
}

static char *fd_name(int fd, char *buf, size_t size)
{
	char link[64];
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	ssize_t n = readlink(link, buf, size - 1);
	if (n < 0)
		n = 0;
	buf[n] = '\0';
	return buf;
}

ssize_t write(int fd, const void *data, size_t len)
{
	static ssize_t (*real)(int, const void *, size_t);
	if (!real)
		real = next("write");
	if (listed("write") && fd_matches(fd) && (half_done || should_fail())) {
		char name[PATH_MAX];
		const char *s = getenv("INJECT_SHORT");
		if (s && *s == '1' && !half_done && len > 1) {
			half_done = 1;
			note("write(short)", fd_name(fd, name, sizeof name));
			return real(fd, data, len / 2);
		}
		note("write", fd_name(fd, name, sizeof name));
		errno = the_errno();
		return -1;
	}
	return real(fd, data, len);
}

int fsync(int fd)
{
	static int (*real)(int);
	if (!real)
		real = next("fsync");
	if (listed("fsync") && fd_matches(fd) && should_fail()) {
		char name[PATH_MAX];
		note("fsync", fd_name(fd, name, sizeof name));
		errno = EIO;
		return -1;
	}
	return real(fd);
}

int fdatasync(int fd)
{
	static int (*real)(int);
	if (!real)
		real = next("fdatasync");
	if (listed("fdatasync") && fd_matches(fd) && should_fail()) {
		char name[PATH_MAX];
		note("fdatasync", fd_name(fd, name, sizeof name));
		errno = EIO;
		return -1;
	}
	return real(fd);
}

/* close fails as NFS does when a delayed write fails: the descriptor is
 * closed all the same. */
int close(int fd)
{
	static int (*real)(int);
	if (!real)
		real = next("close");
	if (listed("close") && fd_matches(fd) && should_fail()) {
		char name[PATH_MAX];
		note("close", fd_name(fd, name, sizeof name));
		real(fd);
		errno = the_errno();
		return -1;
	}
	return real(fd);
}

int rename(const char *from, const char *to)
{
	static int (*real)(const char *, const char *);
	if (!real)
		real = next("rename");
	if (listed("rename") && (path_matches(from) || path_matches(to)) && should_fail()) {
		note("rename", to);
		errno = the_errno();
		return -1;
	}
	return real(from, to);
}

int link(const char *from, const char *to)
{
	static int (*real)(const char *, const char *);
	if (!real)
		real = next("link");
	if (listed("link") && (path_matches(from) || path_matches(to)) && should_fail()) {
		note("link", to);
		errno = the_errno();
		return -1;
	}
	return real(from, to);
}

/* fwrite: glibc's stdio writes through its own internal write, not the one
 * above, so streams are failed here, with the stream's error flag set as a
 * real write error would set it. */
size_t fwrite(const void *data, size_t size, size_t n, FILE *f)
{
	static size_t (*real)(const void *, size_t, size_t, FILE *);
	if (!real)
		real = next("fwrite");
	if (listed("fwrite") && f && fd_matches(fileno(f)) && size && n && should_fail()) {
		char name[PATH_MAX];
		note("fwrite", fd_name(fileno(f), name, sizeof name));
		size_t done = 0;
		const char *s = getenv("INJECT_SHORT");
		if (s && *s == '1' && n > 1)
			done = real(data, size, n / 2, f);
#ifdef _IO_ERR_SEEN
		f->_flags |= _IO_ERR_SEEN;
#endif
		errno = the_errno();
		return done;
	}
	return real(data, size, n, f);
}
