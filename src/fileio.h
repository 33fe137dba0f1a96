/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fileio.h: reading and writing whole files safely.
 *
 * Status codes are sysexits values (0 on success); on failure *errstr is set
 * to an allocated message (the caller frees it), on success it is untouched.
 */
#ifndef OBJECTOR_FILEIO_H
#define OBJECTOR_FILEIO_H

#include <stddef.h>
#include <sys/types.h>

/* file_read: the whole file into *data (NUL-terminated, caller frees).
 * EX_NOINPUT if it does not exist or cannot be opened, EX_DATAERR if it is
 * larger than max bytes, EX_IOERR on a read error. path "-" is stdin. */
int file_read(const char *path, size_t max, char **data, size_t *len, char **errstr);

/* file_write_atomic: write data to a temporary file beside path (created
 * with mode), fsync it and rename it over path. On any failure nothing is
 * left behind: EX_CANTCREAT if the temporary file cannot be created,
 * EX_IOERR on a write, sync or rename error. With exclusive, an existing
 * path is not replaced (EX_CANTCREAT, "exists"). path "-" writes to stdout
 * (and checks the write). */
int file_write_atomic(const char *path, const void *data, size_t len, mode_t mode,
		      int exclusive, char **errstr);

/* file_write_out: write an output file the user named (-o, --eml).
 * "-" is standard output. A path naming something that is not a regular
 * file (a character device such as /dev/null, a FIFO) is opened and written
 * straight into, never replaced; a directory is EX_CANTCREAT. A regular
 * file is written as file_write_atomic does; an existing one is replaced
 * only with replace, else EX_CANTCREAT ("exists"). */
int file_write_out(const char *path, const void *data, size_t len, mode_t mode, int replace,
		   char **errstr);
/* file_check_out: 0 when file_write_out(path, replace) would not refuse the
 * path itself (exists, a directory), else its status and message: to ask
 * before doing what the output is for. */
int file_check_out(const char *path, int replace, char **errstr);

/* file_mkdirs: the directories above path (0700 each, those that exist
 * kept), like mkdir -p of its directory. 0, or -1 with errno. */
int file_mkdirs(const char *path);

/* file_base_name: what follows the last '/' of path (all of it without
 * one); "" for NULL. Points into path. */
const char *file_base_name(const char *path);
/* file_safe_name: path's base name as a file name to store or embed:
 * [A-Za-z0-9._-], "_" for any other byte and for a leading '.'; fallback
 * for an empty name, "." or "..". Allocated. */
char *file_safe_name(const char *path, const char *fallback);

/* write_all: write(2) until done; 0 or -1 with errno. */
int write_all(int fd, const void *data, size_t len);

#endif
