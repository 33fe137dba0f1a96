/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * replay.c: a main() for a fuzz target without libFuzzer (any compiler).
 *
 * tests/fuzz/replay-NAME runs the target fuzz-NAME once on each file given
 * as an argument or, without arguments, on each file of
 * $top_srcdir/tests/fuzz/corpus/NAME/ (the name comes from argv[0]), and
 * prints one TAP line per file. A broken property aborts (FUZZ_CHECK), as
 * under the fuzzer; so does anything a sanitizer build catches.
 */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "fuzz.h"
#include "xalloc.h"

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* corpus: the sorted paths of the files in dir, NULL-terminated; *n set. */
static char **corpus(const char *dir, size_t *n)
{
	DIR *d = opendir(dir);
	char **v = NULL;
	*n = 0;
	if (!d)
		return NULL;
	for (struct dirent *e; (e = readdir(d)) != NULL;) {
		if (e->d_name[0] == '.')
			continue;
		v = xreallocarray(v, *n + 1, sizeof *v);
		v[(*n)++] = xasprintf("%s/%s", dir, e->d_name);
	}
	closedir(d);
	if (*n)
		qsort(v, *n, sizeof *v, cmp);
	return v;
}

static int run_one(const char *path, int i)
{
	char *data, *err = NULL;
	size_t len;
	if (file_read(path, (size_t)64 << 20, &data, &len, &err) != 0) {
		printf("not ok %d - %s\n", i, err);
		free(err);
		return 1;
	}
	/* an exact-size copy, so that a sanitizer sees reads past the end */
	uint8_t *copy = xmalloc(len ? len : 1);
	memcpy(copy, data, len);
	free(data);
	LLVMFuzzerTestOneInput(copy, len);
	free(copy);
	printf("ok %d - %s\n", i, path);
	fflush(stdout);
	return 0;
}

int main(int argc, char **argv)
{
	const char *base = strrchr(argv[0], '/');
	base = base ? base + 1 : argv[0];
	const char *name = strncmp(base, "replay-", 7) == 0 ? base + 7 : base;
	char **files, *dir = NULL;
	size_t n;

	LLVMFuzzerInitialize(&argc, &argv);
	if (argc > 1) {
		files = argv + 1;
		n = (size_t)argc - 1;
	} else {
		const char *top = getenv("top_srcdir");
		dir = xasprintf("%s/tests/fuzz/corpus/%.*s", top ? top : ABS_TOP_SRCDIR,
				(int)strcspn(name, "."), name);
		files = corpus(dir, &n);
		if (!n) {
			printf("Bail out! no corpus files in %s\n", dir);
			return 1;
		}
	}
	int failed = 0;
	for (size_t i = 0; i < n; i++)
		failed += run_one(files[i], (int)i + 1);
	printf("1..%zu\n", n);
	if (dir) {
		for (size_t i = 0; i < n; i++)
			free(files[i]);
		free(files);
		free(dir);
	}
	return failed != 0;
}
