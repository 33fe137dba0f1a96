/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bench-pdf.c: how long pdf_render takes in-process, how large the PDF is,
 * and the peak memory of the process (run once per letter by tests/bench.sh).
 *
 *   bench-pdf NAME [N]   prints: NAME ms_per_letter pdf_bytes peak_rss_kb floor_bytes
 *
 * The first render (font caches, iconv modules) is not timed; the next N
 * (default 200) are averaged: they run in timed_loop, so that
 * `valgrind --tool=callgrind --collect-atstart=no --toggle-collect=timed_loop`
 * counts the instructions of exactly those N renders. floor_bytes is the
 * deflated size of the glyph outlines (glyf and loca) of the embedded font
 * subsets, measured in a render of its own after the timed ones (0 for
 * base-14 fonts).
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

/* render_loop: n renders of l into out (kept out of line for callgrind). */
__attribute__((noinline)) static int render_loop(const struct letter *l, const struct pdf_opts *o,
						 struct buf *out, int n, char **err)
{
	for (int i = 0; i < n; i++) {
		out->len = 0;
		if (pdf_render(l, o, out, err))
			return 1;
	}
	return 0;
}

/* timed_loop: the timed renders (callgrind: --toggle-collect=timed_loop). */
__attribute__((noinline)) static int timed_loop(const struct letter *l, const struct pdf_opts *o,
						struct buf *out, int n, char **err)
{
	return render_loop(l, o, out, n, err);
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
	size_t floor = 0;

	if (render_loop(l, &o, &out, 1, &err)) {	/* the first letter of a batch */
		fprintf(stderr, "bench-pdf: %s\n", err);
		return 1;
	}
	double t0 = now_ms();
	if (timed_loop(l, &o, &out, n, &err)) {
		fprintf(stderr, "bench-pdf: %s\n", err);
		return 1;
	}
	double ms = (now_ms() - t0) / n;
	size_t bytes = out.len;
	o.glyph_floor = &floor;
	if (render_loop(l, &o, &out, 1, &err)) {
		fprintf(stderr, "bench-pdf: %s\n", err);
		return 1;
	}
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	printf("%s %.3f %zu %ld %zu\n", argv[1], ms, bytes, ru.ru_maxrss, floor);
	buf_free(&out);
	sample_letter_free(l);
	return 0;
}
