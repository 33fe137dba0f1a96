/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fileio.c: whole-file reading and atomic writing; see fileio.h. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "i18n.h"
#include "buf.h"
#include "fileio.h"
#include "xalloc.h"

int file_read(const char *path, size_t max, char **data, size_t *len, char **errstr)
{
	int fd = strcmp(path, "-") == 0 ? 0 : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		*errstr = xasprintf("%s: %s", path, strerror(errno));
		return EX_NOINPUT;
	}
	struct stat st;
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		*errstr = xasprintf(_("%s: is a directory"), path);
		close(fd);
		return EX_NOINPUT;
	}
	struct buf b;
	buf_init(&b, max);
	char chunk[16384];
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			*errstr = xasprintf("%s: %s", path, strerror(errno));
			buf_free(&b);
			if (fd)
				close(fd);
			return EX_IOERR;
		}
		if (n == 0)
			break;
		if (buf_add(&b, chunk, (size_t)n) < 0) {
			*errstr = xasprintf(_("%s: file too large (more than %zu bytes)"), path, max);
			buf_free(&b);
			if (fd)
				close(fd);
			return EX_DATAERR;
		}
	}
	if (fd)
		close(fd);
	*data = buf_detach(&b, len);
	return 0;
}

int write_all(int fd, const void *data, size_t len)
{
	const char *p = data;
	while (len) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int file_write_atomic(const char *path, const void *data, size_t len, mode_t mode,
		      int exclusive, char **errstr)
{
	if (strcmp(path, "-") == 0) {
		if (write_all(1, data, len) < 0) {
			*errstr = xasprintf(_("standard output: %s"), strerror(errno));
			return EX_IOERR;
		}
		return 0;
	}
	if (exclusive && access(path, F_OK) == 0) {
		*errstr = xasprintf(_("%s: file exists (not overwritten)"), path);
		return EX_CANTCREAT;
	}
	char *tmp = xasprintf("%s.XXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		*errstr = xasprintf(_("%s: cannot create: %s"), path, strerror(errno));
		free(tmp);
		return EX_CANTCREAT;
	}
	int rc = 0;
	if (fchmod(fd, mode) < 0 || write_all(fd, data, len) < 0 || fsync(fd) < 0) {
		*errstr = xasprintf("%s: %s", path, strerror(errno));
		rc = EX_IOERR;
	}
	if (close(fd) < 0 && rc == 0) {
		*errstr = xasprintf("%s: %s", path, strerror(errno));
		rc = EX_IOERR;
	}
	if (rc == 0) {
		if (exclusive) {
			/* link(2) fails if path appeared meanwhile: never overwrite. */
			if (link(tmp, path) < 0) {
				*errstr = errno == EEXIST
					? xasprintf(_("%s: file exists (not overwritten)"), path)
					: xasprintf("%s: %s", path, strerror(errno));
				rc = errno == EEXIST ? EX_CANTCREAT : EX_IOERR;
			}
			unlink(tmp);
		} else if (rename(tmp, path) < 0) {
			*errstr = xasprintf("%s: %s", path, strerror(errno));
			rc = EX_IOERR;
		}
	}
	if (rc)
		unlink(tmp);
	free(tmp);
	return rc;
}

int file_check_out(const char *path, int replace, char **errstr)
{
	struct stat st;
	if (strcmp(path, "-") == 0 || stat(path, &st) != 0)
		return 0;
	if (S_ISDIR(st.st_mode)) {
		*errstr = xasprintf(_("%s: is a directory"), path);
		return EX_CANTCREAT;
	}
	if (S_ISREG(st.st_mode) && !replace) {
		*errstr = xasprintf(_("%s: file exists (not overwritten; --force replaces it)"), path);
		return EX_CANTCREAT;
	}
	return 0;
}

int file_write_out(const char *path, const void *data, size_t len, mode_t mode, int replace,
		   char **errstr)
{
	int rc = file_check_out(path, replace, errstr);
	if (rc)
		return rc;
	struct stat st;
	if (strcmp(path, "-") == 0 || stat(path, &st) != 0 || S_ISREG(st.st_mode))
		return file_write_atomic(path, data, len, mode, !replace, errstr);
	/* A device, a FIFO: write into it (a FIFO waits for its reader). */
	int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
	if (fd < 0) {
		*errstr = xasprintf(_("%s: cannot open: %s"), path, strerror(errno));
		return EX_CANTCREAT;
	}
	rc = 0;
	if (write_all(fd, data, len) < 0) {
		*errstr = xasprintf("%s: %s", path, strerror(errno));
		rc = EX_IOERR;
	}
	if (close(fd) < 0 && !rc) {
		*errstr = xasprintf("%s: %s", path, strerror(errno));
		rc = EX_IOERR;
	}
	return rc;
}

const char *file_base_name(const char *path)
{
	const char *b = path ? strrchr(path, '/') : NULL;
	return b ? b + 1 : path ? path : "";
}

char *file_safe_name(const char *path, const char *fallback)
{
	const char *b = file_base_name(path);
	char *s = xstrdup(*b && strcmp(b, ".") && strcmp(b, "..") ? b : fallback);
	for (char *p = s; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		      *p == '.' || *p == '_' || *p == '-'))
			*p = '_';
	if (s[0] == '.')
		s[0] = '_';
	return s;
}

int file_mkdirs(const char *path)
{
	char *p = xstrdup(path);
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0700) < 0 && errno != EEXIST) {
			int e = errno;
			free(p);
			errno = e;
			return -1;
		}
		*s = '/';
	}
	free(p);
	return 0;
}
