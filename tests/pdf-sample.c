/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf-sample.c: render a sample letter (tests/pdf-letters.h) as a PDF, for
 * tests/e2e/pdf.sh and for looking at the pages.
 *
 *   pdf-sample [--signature PNG] NAME OUT.pdf   render; exit status is pdf_render's
 *   pdf-sample --paragraphs NAME                the body paragraphs, one a line
 *   pdf-sample --list                           the sample names
 *   pdf-sample --subset                         "yes" if fonts are subset with HarfBuzz
 *   pdf-sample --boxes PAPER ENVELOPE           the layout's boxes for a paper
 *       ("a4", "letter") and envelope ("left", "right"), in pt from the top
 *       left corner, one a line: "page W H", "margins LEFT RIGHT BOTTOM",
 *       "window|sender|info|address X0 Y0 X1 Y1"
 *
 * The creation date is fixed (2026-11-29 10:30:00 in $TZ) and the producer
 * is "objector test", so that the metadata can be checked.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include "buf.h"
#include "letter.h"
#include "pdf-layout.h"
#include "pdf-letters.h"
#include "pdf.h"
#include "xalloc.h"

static int usage(void)
{
	fputs("usage: pdf-sample [--signature PNG] NAME OUT.pdf | --paragraphs NAME | --list\n", stderr);
	return EX_USAGE;
}

int main(int argc, char **argv)
{
	const char *sig = NULL;
	int i = 1;

	if (argc == 2 && !strcmp(argv[1], "--list")) {
		for (const char *const *n = sample_names; *n; n++)
			puts(*n);
		return 0;
	}
	if (argc == 4 && !strcmp(argv[1], "--boxes")) {
		const struct pdf_geom *g = pdf_geom_for(argv[2], argv[3]);
		static const struct {
			const char *name;
			int which;
		} boxes[] = { { "sender", 's' }, { "info", 'i' }, { "address", 'a' } };
		printf("page %.2f %.2f\nmargins %.2f %.2f %.2f\n", g->pw, g->ph, g->ml, g->mr,
		       g->ph - g->body_bottom);
		printf("window %.2f %.2f %.2f %.2f\n", g->window[0], g->window[1], g->window[2],
		       g->window[3]);
		for (size_t k = 0; k < sizeof boxes / sizeof boxes[0]; k++) {
			double b[4];
			pdf_geom_box(g, boxes[k].which, b);
			printf("%s %.2f %.2f %.2f %.2f\n", boxes[k].name, b[0], b[1], b[2], b[3]);
		}
		return 0;
	}
	if (argc == 2 && !strcmp(argv[1], "--subset")) {
#if defined(HAVE_HB_SUBSET) && !defined(PDF_NO_HARFBUZZ)
		puts("yes");
#else
		puts("no");
#endif
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "--paragraphs")) {
		struct letter *l = sample_letter(argv[2]);
		if (!l)
			return usage();
		for (size_t k = 0; k < l->paragraphs.n; k++)
			puts(l->paragraphs.v[k]);
		sample_letter_free(l);
		return 0;
	}
	if (argc > 2 && !strcmp(argv[1], "--signature")) {
		sig = argv[2];
		i = 3;
	}
	if (argc - i != 2)
		return usage();
	struct letter *l = sample_letter(argv[i]);
	if (!l)
		return usage();
	if (sig)
		l->signature_png = xstrdup(sig);

	struct tm tm = { .tm_year = 126, .tm_mon = 10, .tm_mday = 29, .tm_hour = 10,
			 .tm_min = 30, .tm_isdst = -1 };
	struct pdf_opts o = { .producer = "objector test", .created = mktime(&tm) };
	struct buf out = BUF_INIT;
	char *err = NULL;
	int rc = pdf_render(l, &o, &out, &err);
	sample_letter_free(l);
	if (rc) {
		fprintf(stderr, "pdf-sample: %s\n", err ? err : "(no message)");
		free(err);
		buf_free(&out);
		return rc;
	}
	FILE *f = fopen(argv[i + 1], "wb");
	if (!f || fwrite(out.data, 1, out.len, f) != out.len || fclose(f) != 0) {
		perror(argv[i + 1]);
		buf_free(&out);
		return EX_CANTCREAT;
	}
	buf_free(&out);
	return 0;
}
