/*
 * bench-pdf.c: how long pdf_render takes in-process, how large the PDF is,
 * and the peak memory of the process (run once per letter by tests/bench.sh).
 *
 *   bench-pdf NAME [N]   prints: NAME ms_per_letter pdf_bytes peak_rss_kb
 *
 * The first render (font caches, iconv modules) is not timed; the next N
 * (default 200) are averaged.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "buf.h"
#include "pdf-letters.h"
#include "pdf.h"

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs("usage: bench-pdf NAME [N]\n", stderr);
		return 64;
	}
	int n = argc > 2 ? atoi(argv[2]) : 200;
	struct letter *l = sample_letter(argv[1]);
	if (!l || n < 1) {
		fputs("bench-pdf: unknown letter or bad count\n", stderr);
		return 64;
	}
	struct pdf_opts o = { .producer = "objector bench", .created = 1795948200 };
	struct buf out = BUF_INIT;
	char *err = NULL;
	size_t bytes = 0;
	double t0 = 0;

	for (int i = 0; i <= n; i++) {
		if (i == 1)
			t0 = now_ms();
		out.len = 0;
		if (pdf_render(l, &o, &out, &err)) {
			fprintf(stderr, "bench-pdf: %s\n", err);
			return 1;
		}
		bytes = out.len;
	}
	double ms = (now_ms() - t0) / n;
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	printf("%s %.3f %zu %ld\n", argv[1], ms, bytes, ru.ru_maxrss);
	buf_free(&out);
	sample_letter_free(l);
	return 0;
}
