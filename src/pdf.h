/* SPDX-License-Identifier: GPL-3.0-or-later */
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
	const char *producer;	/* also the Creator; NULL: "objector VERSION" */
	time_t created;		/* creation date in the metadata, with the local time
				 * zone's offset; 0: now (date_now) */
	size_t *glyph_floor;	/* if set: the deflated size of the glyph outlines
				 * (glyf and loca) of the embedded subsets is added
				 * to it (the benchmark's floor for the PDF size) */
};

/* pdf_render: append the PDF for l to out. Metadata: title and subject are
 * l->subject, author l->signer, keywords l->reference. opts may be NULL
 * (the defaults above). */
int pdf_render(const struct letter *l, const struct pdf_opts *opts, struct buf *out,
	       char **errstr);

/* The dossier of a case (cmd-dossier.c): pages of text lines, then,
 * optionally, a letter rendered as pdf_render draws it (with note lines at
 * the top of each of its pages), then files embedded as PDF attachments
 * (the EmbeddedFiles name tree: `pdfdetach -list` lists them by name).
 * The dossier's pages have the letter's paper (A4 without a letter). */
enum pdf_dline_kind { PDF_DL_TITLE, PDF_DL_HEAD, PDF_DL_TEXT, PDF_DL_SMALL, PDF_DL_GAP };
struct pdf_dline {
	enum pdf_dline_kind kind;
	int indent;		/* levels of indentation */
	const char *s;		/* UTF-8, wrapped to the page; NULL for PDF_DL_GAP */
};
struct pdf_attachment {
	const char *path;	/* the file, read while the PDF is made */
	const char *name;	/* its name in the PDF: ASCII, no '/' */
	const char *desc;	/* ASCII: what it is */
	const char *mime;	/* its type: "application/pdf", "message/rfc822" */
};
struct pdf_dossier {
	const char *title, *author, *reference;	/* metadata */
	const char *header;	/* at the top of each dossier page, before "page N of M" */
	const char *lang;	/* the text's language (CJK fonts), or NULL */
	const struct pdf_dline *lines;
	size_t nlines;
	const struct letter *letter;	/* optional: drawn after the dossier's pages */
	const char *letter_note[2];	/* optional: small lines above each of its pages */
	const struct pdf_attachment *att;
	size_t natt;
};

/* pdf_dossier: append the dossier's PDF to out; statuses as pdf_render's
 * (EX_NOINPUT for an attachment that cannot be read). */
int pdf_dossier(const struct pdf_dossier *d, const struct pdf_opts *opts, struct buf *out,
		char **errstr);

#endif
