/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf-layout.h: where a letter's text goes on the page (part of the pdf
 * module, see pdf.h; no libharu, no HarfBuzz).
 *
 * Given a struct letter, the page geometry and a function that tells the
 * advance width of a character, pdf_layout breaks the text into lines and
 * places them: the head (sender block, return line, recipient in the
 * envelope window, reference and date) and the body flowing over pages,
 * with fold and punch marks and page numbers. pdf.c draws the result.
 *
 * Every head block has a box in the geometry table; a block whose text does
 * not fit its box at the default size is set smaller, down to the smallest
 * size its standard allows (recipient 8 pt, sender block 7 pt, return line
 * 5 pt, information block 8 pt), and a letter that still does not fit is
 * refused (EX_DATAERR, the message names the field and the limit): text is
 * never drawn outside its box and the blocks never overlap.
 *
 * Positions are in PostScript points (1/72 inch), x from the left edge and
 * y from the top edge of the page; a text item's y is its baseline.
 */
#ifndef OBJECTOR_PDF_LAYOUT_H
#define OBJECTOR_PDF_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

#include "strv.h"

struct buf;
struct letter;

#define PDF_MM(x) ((x) * (72.0 / 25.4))

/* Type sizes (pt) and line spacing. */
#define PDF_BODY_SIZE	11.0
#define PDF_BODY_LEADING 1.35
#define PDF_CJK_LEADING	1.5

enum pdf_style { PDF_REG, PDF_BOLD, PDF_NSTYLES };

/* One kind of page and envelope. A box is { x0, y0, x1, y1 }: left, top,
 * right, bottom. */
struct pdf_geom {
	const char *name;	/* "DIN 5008 B, DL left window" */
	double pw, ph;		/* page */
	double ml, mr;		/* body margins */
	double window[4];	/* the envelope's window (the address field) */
	double ax, aw;		/* address text x and width */
	double ret_y;		/* return line baseline */
	double rcp_y;		/* first recipient baseline */
	double rcp_max;		/* lowest last recipient baseline at 8..11 pt */
	double rcp_limit;	/* lowest last baseline at 8 pt, when rcp_max is too high */
	double field_bottom;	/* bottom of the window area */
	double ix, iw;		/* information and sender block: x and width */
	double sender_top;	/* highest first baseline of the sender block */
	double sender_bottom;	/* last baseline of the sender block, when it fits above */
	double sender_max;	/* lowest last baseline of a long sender block */
	double info_max;	/* lowest last baseline of the information block */
	double folds[2], punch;	/* marks, from the top; punch 0: none */
	double body_bottom;	/* lowest body baseline */
	double cont_top;	/* first body baseline on following pages */
	double head_y, foot_y;	/* page header and footer baselines */
};

/* The geometry table: DIN 5008 form B with the DL left window (A4), the
 * Swiss right window (A4), US Letter with a #10 window. */
extern const struct pdf_geom pdf_geoms[];
extern const size_t pdf_ngeoms;

/* pdf_geom_for: the geometry for a letter's paper ("a4", "letter") and
 * envelope ("left", "right"); US Letter has a left window only. */
const struct pdf_geom *pdf_geom_for(const char *paper, const char *envelope);

/* pdf_geom_box: the box of a head block, for checks and tests: which is
 * 's' (sender), 'i' (information: reference and date), 'a' (address:
 * return line and recipient). y0/y1 include the ascent and descent. */
void pdf_geom_box(const struct pdf_geom *g, int which, double box[4]);

/* Character classes of the line breaker. */
/* pdf_invisible: format characters that take no room and are not drawn (a
 * soft hyphen included: lines never break inside a word here). */
int pdf_invisible(uint32_t c);
/* pdf_add_visible: append s[0..n) to b without invisible characters, tabs
 * as spaces. */
void pdf_add_visible(struct buf *b, const char *s, size_t n);

/* The advance width of cp in style, in 1/1000 em (0 for a character no font
 * prints; invisible characters included). */
struct pdf_measure {
	int (*advance)(void *ud, int style, uint32_t cp);
	void *ud;
};

struct pdf_line {
	const char *s;
	size_t n;
};

struct pdf_lines {
	struct pdf_line *v;
	size_t n, cap;
};

/* pdf_wrap: split s[0..n) into lines no wider than w pt at size. Breaks at
 * '\n', else at the last break opportunity that fits (after spaces, between
 * CJK characters, never before closing or after opening punctuation, never
 * at no-break glue); a token longer than a line is cut after '/', else
 * '@._?&=', else '-', else where it overflows. Spaces at the ends of
 * wrapped lines are dropped. The lines point into s. */
void pdf_wrap(const struct pdf_measure *m, const char *s, size_t n, int style, double size,
	      double w, struct pdf_lines *out);
/* pdf_width: of s[0..n) in style at size, in pt. */
double pdf_width(const struct pdf_measure *m, const char *s, size_t n, int style, double size);

enum pdf_kind { PDF_TEXT, PDF_RULE, PDF_IMAGE };

struct pdf_item {
	enum pdf_kind kind;
	int page;
	int style;
	double size, gray;
	double x, y;		/* text: baseline start; image: bottom-left corner */
	double w, h;		/* rule: end point (x2, y2); image: size */
	const char *s;		/* text: points into the letter or into owned */
	size_t n;
};

struct pdf_layout {
	/* in */
	const struct letter *l;
	const struct pdf_geom *g;
	struct pdf_measure m;
	int cjk;		/* CJK text: wider line spacing */
	int has_sig;		/* a signature image of sig_w x sig_h pt */
	double sig_w, sig_h;
	/* out */
	struct pdf_item *items;
	size_t nitems;
	int pages;
	/* private */
	size_t cap;
	int page;
	double y, lh;
	struct strv owned;
};

/* pdf_layout: place the letter's text (lay's "in" fields set, the rest
 * zero). Returns 0, or EX_DATAERR with *errstr (allocated) naming the field
 * that does not fit its box and the limit. */
int pdf_layout(struct pdf_layout *lay, char **errstr);
/* pdf_layout_text: one more text item, for pages the caller lays out
 * itself (pdf.c: a dossier's own pages, the notes above a letter's); s is
 * not copied: it must outlive lay, or be handed to lay->owned. */
void pdf_layout_text(struct pdf_layout *lay, int page, const char *s, size_t n, int style,
		     double size, double x, double y, double gray);
void pdf_layout_free(struct pdf_layout *lay);

#endif
