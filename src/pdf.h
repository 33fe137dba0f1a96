/*
 * pdf.h: a letter laid out as a PDF.
 *
 * The only module that includes <hpdf.h> (and HarfBuzz's subsetter). The
 * whole PDF is built in memory: the caller hashes, writes or attaches it.
 * Status codes are sysexits values; *errstr is set only on failure:
 * EX_DATAERR for text no font can show (the message names the character and
 * its code point), EX_NOINPUT for a missing font or signature image,
 * EX_SOFTWARE for a libharu failure.
 */
#ifndef OBJECTOR_PDF_H
#define OBJECTOR_PDF_H

#include <time.h>

struct buf;
struct letter;

struct pdf_opts {
	const char *font;	/* Unicode TrueType font; NULL: $OBJECTOR_FONT or UNICODE_FONT */
	const char *font_bold;	/* its bold face; NULL: $OBJECTOR_FONT_BOLD or UNICODE_BOLD_FONT */
	const char *font_cjk;	/* CJK collection; NULL: $OBJECTOR_CJK_FONT or CJK_FONT */
	const char *producer;	/* "objector 0.1.0" */
	time_t created;		/* creation date written in the metadata */
};

/* pdf_render: append the PDF for l to out. */
int pdf_render(const struct letter *l, const struct pdf_opts *opts, struct buf *out,
	       char **errstr);

#endif
