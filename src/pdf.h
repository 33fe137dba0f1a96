/*
 * pdf.h: a letter laid out as a PDF.
 *
 * The only module that includes <hpdf.h> and HarfBuzz's subsetter, in three
 * files: pdf-layout.c (geometry and line breaking, pure), pdf-font.c (font
 * choice and subsetting, the only HarfBuzz user) and pdf.c (drawing, the
 * only libharu user). The whole PDF is built in memory: the caller hashes,
 * writes or attaches it.
 *
 * Layout: A4 unless letter->paper is "letter" (US Letter, #10 window);
 * A4 uses DIN 5008 form B with the DL left window, or the Swiss right window
 * when letter->envelope is "right" (pdf-layout.h). Fonts: the base-14 Times faces when all
 * the text fits one Latin code page (CP1252, CP1250, CP1257, CP1254), else
 * the Unicode font and, for CJK text, the CJK font, both embedded as
 * subsets. The same letter and options give the same bytes.
 *
 * Status codes are sysexits values; *errstr is set only on failure (an
 * allocated message, the caller frees it) and out keeps what it held:
 * EX_DATAERR for text no font can show (the message names the character,
 * its code point and the field), invalid UTF-8, a control character, a
 * head block (sender, recipient, return line, place and date) that does not
 * fit its box even at the smallest size allowed (the message names the
 * field and the limit), or a signature file that is not a PNG; EX_NOINPUT for a missing font or
 * signature image; EX_CANTCREAT when the temporary file libharu loads a
 * subset font from cannot be written ($TMPDIR, else /tmp); EX_SOFTWARE for
 * a libharu failure or a PDF larger than out may grow.
 *
 * Font files read through HarfBuzz are cached for the life of the process
 * (released at exit): pdf_render is not thread-safe.
 */
#ifndef OBJECTOR_PDF_H
#define OBJECTOR_PDF_H

#include <time.h>

struct buf;
struct letter;

struct pdf_opts {
	const char *font;	/* Unicode TrueType font; NULL: $OBJECTOR_FONT or UNICODE_FONT */
	const char *font_bold;	/* its bold face; NULL: $OBJECTOR_FONT_BOLD or UNICODE_BOLD_FONT */
	const char *font_cjk;	/* CJK font (in a collection the face named "... TW");
				 * NULL: $OBJECTOR_CJK_FONT or CJK_FONT */
	const char *producer;	/* "objector 0.1.0"; NULL: "objector" (also the Creator) */
	time_t created;		/* creation date in the metadata, with the local time
				 * zone's offset; 0: now */
	size_t *glyph_floor;	/* if set: the deflated size of the glyph outlines
				 * (glyf and loca) of the embedded subsets is added
				 * to it (the benchmark's floor for the PDF size) */
};

/* pdf_render: append the PDF for l to out. Metadata: title and subject are
 * l->subject, author l->signer, keywords l->reference. opts may be NULL. */
int pdf_render(const struct letter *l, const struct pdf_opts *opts, struct buf *out,
	       char **errstr);

#endif
