/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-pdf-layout.c: the page geometry table of pdf-layout (no libharu):
 * windows where the envelopes have them, every box inside the page and its
 * window, margins, no block overlapping another; and the line breaker with
 * a fixed-width measure. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf-layout.h"
#include "tap.h"

#define MM PDF_MM
#define EPS 0.01

static int near(double a, double b)
{
	return a > b - 0.05 && a < b + 0.05;
}

/* inside: box a within box b. */
static int inside(const double a[4], const double b[4])
{
	return a[0] >= b[0] - EPS && a[1] >= b[1] - EPS && a[2] <= b[2] + EPS && a[3] <= b[3] + EPS;
}

static int overlap(const double a[4], const double b[4])
{
	return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
}

static void test_geometry(void)
{
	ok(pdf_ngeoms == 3, "three geometries");
	for (size_t i = 0; i < pdf_ngeoms; i++) {
		const struct pdf_geom *g = &pdf_geoms[i];
		double page[4] = { 0, 0, g->pw, g->ph }, s[4], in[4], a[4];
		char what[96];
		pdf_geom_box(g, 's', s);
		pdf_geom_box(g, 'i', in);
		pdf_geom_box(g, 'a', a);
		snprintf(what, sizeof what, "%s: window inside the page", g->name);
		ok(inside(g->window, page), "%s", what);
		snprintf(what, sizeof what, "%s: address box inside the window", g->name);
		ok(inside(a, g->window), "%s", what);
		snprintf(what, sizeof what, "%s: sender box inside the page", g->name);
		ok(inside(s, page), "%s", what);
		snprintf(what, sizeof what, "%s: information box inside the page", g->name);
		ok(inside(in, page), "%s", what);
		snprintf(what, sizeof what, "%s: sender and information boxes apart", g->name);
		ok(!overlap(s, in), "%s", what);
		snprintf(what, sizeof what, "%s: sender box clear of the window", g->name);
		ok(!overlap(s, g->window), "%s", what);
		snprintf(what, sizeof what, "%s: information box clear of the window", g->name);
		ok(!overlap(in, g->window), "%s", what);
		snprintf(what, sizeof what, "%s: blocks within the body's margins", g->name);
		ok(s[0] >= g->ml - EPS && in[0] >= g->ml - EPS && s[2] <= g->pw - g->mr + EPS &&
			   in[2] <= g->pw - g->mr + EPS, "%s", what);
		snprintf(what, sizeof what, "%s: margins at least 20 mm, body 150 mm wide", g->name);
		ok(g->ml >= MM(20) - EPS && g->mr >= MM(20) - EPS &&
			   g->pw - g->ml - g->mr >= MM(150), "%s", what);
		snprintf(what, sizeof what, "%s: body below the window, above the bottom", g->name);
		ok(g->field_bottom < g->body_bottom && g->body_bottom <= g->ph - MM(20) + EPS &&
			   g->cont_top > g->head_y, "%s", what);
		snprintf(what, sizeof what, "%s: recipient starts below the return line", g->name);
		ok(g->rcp_y > g->ret_y && g->rcp_max <= g->field_bottom &&
			   g->rcp_limit <= g->field_bottom, "%s", what);
		snprintf(what, sizeof what, "%s: sender block grows downwards only", g->name);
		ok(g->sender_top < g->sender_bottom && g->sender_bottom <= g->sender_max, "%s", what);
		snprintf(what, sizeof what, "%s: fold marks on the page", g->name);
		ok(g->folds[0] > 0 && g->folds[0] < g->folds[1] && g->folds[1] < g->ph, "%s", what);
	}

	/* DIN 5008 form B: A4, address field 20 mm from the left, 85 x 45 mm,
	 * 45 mm from the top; information block at 125 mm; folds 105/210 mm. */
	const struct pdf_geom *din = pdf_geom_for("a4", "left");
	ok(near(din->pw, MM(210)) && near(din->ph, MM(297)), "DIN: A4");
	ok(near(din->window[0], MM(20)) && near(din->window[1], MM(45)) &&
		   near(din->window[2] - din->window[0], MM(85)) &&
		   near(din->window[3] - din->window[1], MM(45)),
	   "DIN 5008 B: window 20 mm from the left, 45 mm from the top, 85 x 45 mm");
	ok(near(din->ix, MM(125)), "DIN 5008 B: information block at 125 mm");
	ok(near(din->folds[0], MM(105)) && near(din->folds[1], MM(210)) &&
		   near(din->punch, MM(148.5)), "DIN 5008 B: folds and punch mark");
	ok(pdf_geom_for(NULL, NULL) == din && pdf_geom_for("a4", "other") == din,
	   "DIN 5008 B is the default");

	/* Swiss right window: the window on the right half of the page. */
	const struct pdf_geom *ch = pdf_geom_for("a4", "right");
	ok(ch != din && ch->window[0] > ch->pw / 2, "Swiss: window on the right");
	ok(near(ch->ax, MM(118)), "Swiss: address from 118 mm");
	ok(ch->ix + ch->iw <= ch->window[0], "Swiss: information block left of the window");

	/* US Letter, #10: 8.5 x 11 in, window 7/8 in from the left, 4.5 x 1.125 in. */
	const struct pdf_geom *us = pdf_geom_for("letter", "left");
	ok(near(us->pw, 612) && near(us->ph, 792), "US Letter: 8.5 x 11 in");
	ok(near(us->window[0], MM(22.2)) && near(us->window[2] - us->window[0], MM(114.3)) &&
		   near(us->window[3] - us->window[1], MM(28.6)),
	   "#10: window 7/8 in from the left, 4.5 x 1.125 in");
	ok(us->punch == 0 && near(us->folds[0], us->ph / 3), "US Letter: folded in thirds, no punch");
	ok(pdf_geom_for("letter", "right") == us, "US Letter: a left window whatever the envelope");
}

/* Every character 500/1000 em wide; invisible ones 0. */
static int fixed(void *ud, int style, uint32_t cp)
{
	(void)ud;
	(void)style;
	return pdf_invisible(cp) ? 0 : 500;
}

static void test_wrap(void)
{
	struct pdf_measure m = { fixed, NULL };
	struct pdf_lines fl = { 0 };
	/* at 10 pt a character is 5 pt: 10 characters in 50 pt */
	pdf_wrap(&m, "aaaa bbbb cccc", 14, PDF_REG, 10, 50, &fl);
	ok(fl.n == 2 && fl.v[0].n == 9 && !strncmp(fl.v[1].s, "cccc", 4), "wrap: at a space");
	fl.n = 0;
	pdf_wrap(&m, "name@example.org", 16, PDF_REG, 10, 50, &fl);
	ok(fl.n == 3 && fl.v[0].n == 5 && !strncmp(fl.v[0].s, "name@", 5) && fl.v[1].n == 8,
	   "wrap: an address cut after '@' and '.'");
	fl.n = 0;
	pdf_wrap(&m, "\xE4\xB8\x80\xE4\xB8\x80\xE4\xB8\x80\xE3\x80\x82", 12, PDF_REG, 10, 15, &fl);
	ok(fl.n == 2 && fl.v[1].n == 6, "wrap: between CJK characters, never before '\xE3\x80\x82'");
	fl.n = 0;
	pdf_wrap(&m, "one\ntwo", 7, PDF_REG, 10, 500, &fl);
	ok(fl.n == 2, "wrap: at a newline");
	ok(near(pdf_width(&m, "abc\xC2\xAD", 5, PDF_REG, 10), 15), "width: soft hyphen takes no room");
	free(fl.v);
}

int main(void)
{
	test_geometry();
	test_wrap();
	return done_testing();
}
