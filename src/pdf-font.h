/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf-font.h: which fonts print a letter (part of the pdf module, see
 * pdf.h). The only file that includes HarfBuzz; no libharu.
 *
 *   - pdf_fonts_check: every string is valid UTF-8 without control
 *     characters or characters above U+FFFF (libharu 2.3.0 drops those);
 *   - pdf_fonts_codepage: a single-byte Latin code page (CP1252, CP1250,
 *     CP1257, CP1254, converted with iconv) for the base-14 Times faces,
 *     when all the text fits one;
 *   - else pdf_fonts_unicode: the Unicode font (DejaVu Serif, regular and
 *     bold) and, for CJK text or anything DejaVu lacks, the CJK font (AR PL
 *     UMing, its Traditional Chinese face); each cut down with HarfBuzz's
 *     subsetter to the code points printed and handed to the caller's
 *     loader (pdf.c loads it into the document);
 *   - pdf_fonts_pick: the font that prints a character in a style.
 *
 * Font files read through HarfBuzz (the faces and their code point sets)
 * and the code pages' iconv converters are cached for the life of the
 * process and released at exit: nothing here is thread-safe. Without
 * HarfBuzz's subsetter (or with -DPDF_NO_HARFBUZZ) whole fonts are
 * loaded and the loader answers which characters a font has.
 *
 * Status codes are sysexits values; on failure *err (if still NULL) gets
 * an allocated message.
 */
#ifndef OBJECTOR_PDF_FONT_H
#define OBJECTOR_PDF_FONT_H

#include <stddef.h>
#include <stdint.h>

struct pdf_opts;
struct conv;

enum pdf_slot { PDF_F_REG, PDF_F_BOLD, PDF_F_CJK, PDF_NSLOTS };

/* One string the letter prints. */
struct pdf_text {
	const char *s;
	size_t n;
	int style;		/* enum pdf_style */
	char what[40];		/* "the subject", "paragraph 2" */
};

struct pdf_codepage {
	const char *iconv, *hpdf;	/* iconv's and libharu's names */
};

/* A subset made for one slot. data: the subset as a font file (with cmap,
 * name, OS/2 and post: libharu reads its metrics and glyph ids from
 * these), holding exactly the code points cps[0..ncps) the letter prints
 * with it (ascending, no duplicates; it also maps 'H', 'x' and space,
 * which libharu reads its metrics from). embed: the same font with only
 * the tables a PDF reader uses for a CIDFontType2 font (glyf, loca, head,
 * hhea, hmtx, maxp, and cvt, fpgm, prep when there are any): the
 * glyph ids are the same, and a PDF that addresses glyphs by id (an
 * Identity CIDToGIDMap) needs nothing else. */
struct pdf_subset {
	const void *data, *embed;
	size_t len, embed_len;
	const uint32_t *cps;
	size_t ncps;
};

/* How the caller loads a font file into its document: the subset sub made
 * for slot from the font at path; or, without HarfBuzz (sub NULL), the
 * font file itself. has: without HarfBuzz, whether the font loaded for
 * slot maps cp. Both return 0 or a status (and set *err). */
struct pdf_font_loader {
	int (*load)(void *ud, int slot, const char *path, const struct pdf_subset *sub,
		    char **err);
	int (*has)(void *ud, int slot, uint32_t cp);
	void *ud;
};

struct pdf_face;

struct pdf_fonts {
	const struct pdf_codepage *cp;	/* a code page and Times; NULL: Unicode fonts */
	struct conv *conv;		/* UTF-8 to cp->iconv (kept for the process) */
	int have[PDF_NSLOTS];		/* slots in use */
	int cjk;			/* CJK text, or text only the CJK font has */
	/* private */
	const struct pdf_font_loader *ld;
	struct pdf_face *face[PDF_NSLOTS];
	void *used[PDF_NSLOTS];		/* code points printed per slot */
};

/* pdf_char_name: "\"x\" (U+0078)", or "U+0007" for what is not printable. */
char *pdf_char_name(uint32_t cp);

/* pdf_fonts_check: the texts are printable (EX_DATAERR naming the
 * character and t->what otherwise); f->cjk is set for a CJK language
 * (lang "zh", "ja", "ko") or CJK characters. */
int pdf_fonts_check(struct pdf_fonts *f, const struct pdf_text *t, size_t n, const char *lang,
		    char **err);
/* pdf_fonts_codepage: 1 when one code page holds all the text (f->cp and
 * f->conv set), else 0. */
int pdf_fonts_codepage(struct pdf_fonts *f, const struct pdf_text *t, size_t n);
/* pdf_fonts_unicode: choose and load (through ld, which must outlive f)
 * the Unicode fonts for the texts; EX_DATAERR for a character no font
 * prints, EX_NOINPUT for a missing font, EX_SOFTWARE when subsetting fails. */
int pdf_fonts_unicode(struct pdf_fonts *f, const struct pdf_opts *opts, const struct pdf_text *t,
		      size_t n, const struct pdf_font_loader *ld, char **err);
/* pdf_fonts_pick: the slot that prints cp in style, or -1. */
int pdf_fonts_pick(const struct pdf_fonts *f, int style, uint32_t cp);
void pdf_fonts_free(struct pdf_fonts *f);

#endif
