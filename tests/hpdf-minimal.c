/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * hpdf-minimal.c: the yardstick for `objector generate` in `make bench`
 * (tests/bench.sh): a minimal libharu program that writes a letter's text
 * as an A4 PDF with the base-14 Times faces, the way objector writes a
 * Latin letter (WinAnsiEncoding, compressed, title metadata), and nothing
 * else: no catalogue, no template, no layout rules.
 *
 *   hpdf-minimal TEXT OUT.pdf
 *
 * TEXT is the letter as plain UTF-8 text (`objector generate --format
 * text`); its lines are converted to CP1252 with iconv and word-wrapped by
 * libharu. Built by make (a check program), never installed.
 */
#include "config.h"

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>

static void HPDF_STDCALL on_error(HPDF_STATUS e, HPDF_STATUS detail, void *ud)
{
	(void)ud;
	fprintf(stderr, "hpdf-minimal: libharu error 0x%04lX (detail %lu)\n", (unsigned long)e,
		(unsigned long)detail);
	exit(70);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fputs("usage: hpdf-minimal TEXT OUT.pdf\n", stderr);
		return 64;
	}
	FILE *in = fopen(argv[1], "r");
	if (!in) {
		perror(argv[1]);
		return 66;
	}
	iconv_t cd = iconv_open("CP1252", "UTF-8");
	if (cd == (iconv_t)-1) {
		perror("iconv_open");
		return 69;
	}
	HPDF_Doc pdf = HPDF_New(on_error, NULL);
	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	HPDF_Font font = HPDF_GetFont(pdf, "Times-Roman", "WinAnsiEncoding");
	const double size = 11, lead = 14, left = 70, right = 595.28 - 56, top = 841.89 - 60,
		     bottom = 60;
	HPDF_Page page = NULL;
	double y = 0;
	char line[8192], conv[8192];

	while (fgets(line, sizeof line, in)) {
		line[strcspn(line, "\n")] = '\0';
		char *ip = line, *op = conv;
		size_t il = strlen(line), ol = sizeof conv - 1;
		if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) {
			fprintf(stderr, "hpdf-minimal: a line does not fit CP1252\n");
			return 65;
		}
		*op = '\0';
		const char *s = conv;
		do {
			if (!page || y < bottom) {
				if (page)
					HPDF_Page_EndText(page);
				page = HPDF_AddPage(pdf);
				HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
				HPDF_Page_BeginText(page);
				HPDF_Page_SetFontAndSize(page, font, (HPDF_REAL)size);
				y = top;
			}
			HPDF_REAL w;
			HPDF_UINT n = HPDF_Page_MeasureText(page, s, (HPDF_REAL)(right - left), HPDF_TRUE,
							    &w);
			if (n == 0 && *s)	/* a word longer than the line */
				n = HPDF_Page_MeasureText(page, s, (HPDF_REAL)(right - left),
							  HPDF_FALSE, &w);
			char part[8192];
			memcpy(part, s, n);
			part[n] = '\0';
			HPDF_Page_TextOut(page, (HPDF_REAL)left, (HPDF_REAL)y, part);
			y -= lead;
			s += n;
			while (*s == ' ')
				s++;
		} while (*s);
	}
	if (page)
		HPDF_Page_EndText(page);
	HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, "Objection");
	HPDF_SetInfoAttr(pdf, HPDF_INFO_PRODUCER, "hpdf-minimal");
	int rc = HPDF_SaveToFile(pdf, argv[2]) == HPDF_OK ? 0 : 73;
	HPDF_Free(pdf);
	iconv_close(cd);
	fclose(in);
	return rc;
}
