/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf-layout.c: line breaking and placing a letter on its pages; see
 * pdf-layout.h. Pure: no libharu, no HarfBuzz (widths come from the
 * caller's pdf_measure).
 *
 * Lines break on measured widths, with break opportunities at spaces and
 * between CJK characters (never before closing or after opening
 * punctuation); the body flows with widow and orphan control and the
 * closing kept together.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "i18n.h"
#include "buf.h"
#include "conv.h"
#include "letter.h"
#include "pdf-layout.h"
#include "strv.h"
#include "utf8.h"
#include "xalloc.h"

#define MM PDF_MM

#define RETURN_SIZE	7.0
#define SENDER_SIZE	9.0
#define LABEL_SIZE	7.5
#define INFO_SIZE	10.0
#define HEADER_SIZE	8.5
#define SIG_SPACE	MM(22)		/* closing baseline to the typed name's */

static const char *S(const char *s)
{
	return s ? s : "";
}

/* ------------------------------------------------------------------ */
/* Character classes */

static int in_list(uint32_t c, const uint32_t *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == c)
			return 1;
	return 0;
}

/* no_start: characters a line may not begin with (closing punctuation and
 * other non-starters, CJK and Western). */
static int no_start(uint32_t c)
{
	static const uint32_t v[] = {
		',', '.', ';', ':', '?', '!', ')', ']', '}', '%',
		0x00BB, 0x2019, 0x201D, 0x203A, 0x2026, 0x2025, 0x00B7, 0x30FB,
		0x3001, 0x3002, 0xFF0C, 0xFF0E, 0xFF1A, 0xFF1B, 0xFF1F, 0xFF01,
		0xFF09, 0xFF3D, 0xFF5D, 0xFF63, 0xFF64, 0xFF61, 0xFF05,
		0x300D, 0x300F, 0x3011, 0x3015, 0x3009, 0x300B, 0x3017, 0x3019,
		0x301B, 0x301E, 0x301F, 0x3005, 0x309D, 0x309E, 0x30FD, 0x30FE, 0x30FC,
		0xFE50, 0xFE51, 0xFE52, 0xFE54, 0xFE55, 0xFE56, 0xFE57, 0xFE5A, 0xFE5C, 0xFE5E,
	};
	return in_list(c, v, sizeof v / sizeof v[0]);
}

/* no_end: characters a line may not end with (opening punctuation). */
static int no_end(uint32_t c)
{
	static const uint32_t v[] = {
		'(', '[', '{', 0x00AB, 0x2018, 0x201C, 0x2039,
		0xFF08, 0xFF3B, 0xFF5B, 0xFF62, 0x300C, 0x300E, 0x3010, 0x3014,
		0x3008, 0x300A, 0x3016, 0x3018, 0x301A, 0x301D, 0xFE59, 0xFE5B, 0xFE5D,
	};
	return in_list(c, v, sizeof v / sizeof v[0]);
}

static int is_space(uint32_t c)
{
	return c == ' ' || c == '\t';
}

int pdf_invisible(uint32_t c)
{
	return c == 0x00AD || (c >= 0x200B && c <= 0x200F) || c == 0x2060 || c == 0xFEFF;
}

void pdf_add_visible(struct buf *b, const char *s, size_t n)
{
	const char *p = s, *end = s + n;
	while (p < end) {
		const char *at = p;
		uint32_t cp;
		conv_utf8_next(&p, end, &cp);
		if (cp == '\t')
			BUF_MUST(buf_addc(b, ' '));
		else if (!pdf_invisible(cp))
			BUF_MUST(buf_add(b, at, (size_t)(p - at)));
	}
}

static int is_glue(uint32_t c)
{
	return c == 0x00A0 || c == 0x202F || c == 0x2060 || c == 0x2011;
}

/* break_before: may a line break between prev and c? */
static int break_before(uint32_t prev, uint32_t c)
{
	if (prev == 0 || is_space(c) || no_start(c) || no_end(prev) || is_glue(prev) || is_glue(c))
		return 0;
	if (is_space(prev) || prev == 0x200B)
		return 1;
	return utf8_is_cjk(prev) || utf8_is_cjk(c);
}


/* ------------------------------------------------------------------ */
/* Measuring and breaking */

double pdf_width(const struct pdf_measure *m, const char *s, size_t n, int style, double size)
{
	const char *p = s, *end = s + n;
	long w = 0;
	while (p < end) {
		uint32_t cp;
		conv_utf8_next(&p, end, &cp);
		w += m->advance(m->ud, style, cp);
	}
	return (double)w * size / 1000.0;
}

static void push_line(struct pdf_lines *fl, const char *s, size_t n)
{
	if (fl->n == fl->cap) {
		fl->cap = fl->cap ? 2 * fl->cap : 16;
		fl->v = xreallocarray(fl->v, fl->cap, sizeof *fl->v);
	}
	fl->v[fl->n].s = s;
	fl->v[fl->n].n = n;
	fl->n++;
}

/* emergency: where to cut a token that is longer than a whole line: after
 * the last '/' in it, else after the last '@', '.', '_', '?', '&' or '=',
 * else after the last '-' (poppler joins "a-" + "b" into "ab"), else before
 * the character that overflows. */
static const char *emergency(const char *ls, const char *at)
{
	static const char *const prefs[] = { "/", "@._?&=", "-" };
	for (size_t i = 0; i < sizeof prefs / sizeof prefs[0]; i++)
		for (const char *q = at - 1; q > ls; q--)
			if (strchr(prefs[i], *q) && *q)
				return q + 1;
	return at;
}

void pdf_wrap(const struct pdf_measure *m, const char *s, size_t n, int style, double size,
	      double w, struct pdf_lines *out)
{
	const char *p = s, *end = s + n;
	double limit = w * 1000.0 / size;

	while (p < end) {
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (p == end)
			break;
		const char *ls = p, *q = p, *brk = NULL, *cut, *next;
		double acc = 0;
		uint32_t prev = 0;
		for (;;) {
			if (q >= end) {
				cut = next = end;
				break;
			}
			const char *at = q;
			uint32_t cp;
			conv_utf8_next(&q, end, &cp);
			if (cp == '\n') {
				cut = at;
				next = q;
				break;
			}
			if (at > ls && break_before(prev, cp))
				brk = at;
			double cw = m->advance(m->ud, style, cp);
			if (acc + cw > limit && at > ls && !is_space(cp)) {
				cut = next = brk ? brk : emergency(ls, at);
				break;
			}
			acc += cw;
			prev = cp;
		}
		const char *e = cut;
		while (e > ls && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		push_line(out, ls, (size_t)(e - ls));
		p = next;
	}
}


static double width(struct pdf_layout *c, const char *s, size_t n, int style, double size)
{
	return pdf_width(&c->m, s, n, style, size);
}

static void wrap(struct pdf_layout *c, const char *s, size_t n, int style, double size, double w,
		 struct pdf_lines *out)
{
	pdf_wrap(&c->m, s, n, style, size, w, out);
}

/* ------------------------------------------------------------------ */
/* Layout */

static struct pdf_item *add_item(struct pdf_layout *c, enum pdf_kind k)
{
	if (c->nitems == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 64;
		c->items = xreallocarray(c->items, c->cap, sizeof *c->items);
	}
	struct pdf_item *it = &c->items[c->nitems++];
	memset(it, 0, sizeof *it);
	it->kind = k;
	it->page = c->page;
	return it;
}

void pdf_layout_text(struct pdf_layout *c, int page, const char *s, size_t n, int style,
		     double size, double x, double y, double gray)
{
	struct pdf_item *it = add_item(c, PDF_TEXT);
	it->page = page;
	it->s = s;
	it->n = n;
	it->style = style;
	it->size = size;
	it->x = x;
	it->y = y;
	it->gray = gray;
}

static void rule_at(struct pdf_layout *c, int page, double x1, double y1, double x2, double y2,
		    double gray)
{
	struct pdf_item *it = add_item(c, PDF_RULE);
	it->page = page;
	it->x = x1;
	it->y = y1;
	it->w = x2;
	it->h = y2;
	it->gray = gray;
}

/* ------------------------------------------------------------------ */
/* Geometry */

const struct pdf_geom pdf_geoms[] = {
	{
		/* A4, DIN 5008 form B: address field 20..105 x 45..90 mm (the
		 * DL window), information block from x 125 mm level with it,
		 * sender block above; folds at 105 and 210 mm, punch mark at
		 * the middle of the page. */
		.name = "A4, DIN 5008 form B, DL left window",
		.pw = MM(210), .ph = MM(297), .ml = MM(25), .mr = MM(20),
		.window = { MM(20), MM(45), MM(105), MM(90) },
		.ax = MM(25), .aw = MM(78), .ret_y = MM(51),
		.rcp_y = MM(57.5), .rcp_max = MM(84), .rcp_limit = MM(88), .field_bottom = MM(90),
		.ix = MM(125), .iw = MM(210) - MM(20) - MM(125),
		.sender_top = MM(12), .sender_bottom = MM(38), .sender_max = MM(48),
		.info_max = MM(96),
		.folds = { MM(105), MM(210) }, .punch = MM(148.5),
		.body_bottom = MM(297) - MM(25), .cont_top = MM(30),
		.head_y = MM(15), .foot_y = MM(297) - MM(12),
	},
	{
		/* A4, Swiss right window (SN 010130): the address from x 118 mm
		 * in a window 108..200 x 52..97 mm; information and sender
		 * blocks on the left. */
		.name = "A4, Swiss right window",
		.pw = MM(210), .ph = MM(297), .ml = MM(25), .mr = MM(20),
		.window = { MM(108), MM(52), MM(200), MM(97) },
		.ax = MM(118), .aw = MM(72), .ret_y = MM(57),
		.rcp_y = MM(63.5), .rcp_max = MM(90), .rcp_limit = MM(95), .field_bottom = MM(97),
		.ix = MM(25), .iw = MM(80),
		.sender_top = MM(12), .sender_bottom = MM(42), .sender_max = MM(54),
		.info_max = MM(103),
		.folds = { MM(105), MM(210) }, .punch = MM(148.5),
		.body_bottom = MM(297) - MM(25), .cont_top = MM(30),
		.head_y = MM(15), .foot_y = MM(297) - MM(12),
	},
	{
		/* US Letter, #10 window envelope: window 7/8" from the left,
		 * about 2" from the top, 4.5" x 1.125"; folded in thirds; no
		 * punch mark. */
		.name = "US Letter, #10 window",
		.pw = 612, .ph = 792, .ml = MM(25.4), .mr = MM(20),
		.window = { MM(22.2), MM(50.8), MM(136.5), MM(79.4) },
		.ax = MM(25.4), .aw = MM(104), .ret_y = MM(54.5),
		.rcp_y = MM(59.5), .rcp_max = MM(78), .rcp_limit = MM(78), .field_bottom = MM(79.4),
		.ix = MM(142), .iw = 612 - MM(20) - MM(142),
		.sender_top = MM(12), .sender_bottom = MM(38), .sender_max = MM(50),
		.info_max = MM(85.4),
		.folds = { MM(279.4 / 3), MM(279.4 * 2 / 3) }, .punch = 0,
		.body_bottom = 792 - MM(25), .cont_top = MM(30),
		.head_y = MM(15), .foot_y = 792 - MM(12),
	},
};
const size_t pdf_ngeoms = sizeof pdf_geoms / sizeof pdf_geoms[0];

const struct pdf_geom *pdf_geom_for(const char *paper, const char *envelope)
{
	if (!strcmp(S(paper), "letter"))
		return &pdf_geoms[2];
	if (!strcmp(S(envelope), "right"))
		return &pdf_geoms[1];
	return &pdf_geoms[0];
}

/* Room above a first baseline and below a last one, for the boxes. */
#define ASCENT_ROOM	MM(3.5)
#define DESCENT_ROOM	MM(1.2)
#define INFO_TOP(g)	((g)->rcp_y - MM(4))	/* the reference label's baseline */

void pdf_geom_box(const struct pdf_geom *g, int which, double box[4])
{
	switch (which) {
	case 's':
		box[0] = g->ix, box[1] = g->sender_top - ASCENT_ROOM;
		box[2] = g->ix + g->iw, box[3] = g->sender_max + DESCENT_ROOM;
		break;
	case 'i':
		box[0] = g->ix, box[1] = INFO_TOP(g) - ASCENT_ROOM;
		box[2] = g->ix + g->iw, box[3] = g->info_max + DESCENT_ROOM;
		break;
	default:
		box[0] = g->ax, box[1] = g->ret_y - ASCENT_ROOM;
		box[2] = g->ax + g->aw;
		box[3] = (g->rcp_limit > g->rcp_max ? g->rcp_limit : g->rcp_max) + DESCENT_ROOM;
		break;
	}
}

/* place_lines: wrapped lines of a block at fixed positions; returns the
 * last baseline. */
static double place_lines(struct pdf_layout *c, const struct pdf_lines *fl, int style, double size,
			  double x, double y, double lh, double gray)
{
	for (size_t i = 0; i < fl->n; i++, y += lh)
		pdf_layout_text(c, 0, fl->v[i].s, fl->v[i].n, style, size, x, y, gray);
	return y - lh;
}

/* too_long: the refusal for a block that does not fit its box: names the
 * field (the line of lines[] that takes the most lines at size) and the
 * limit. */
static int too_long(struct pdf_layout *c, char **errstr, const char *block,
		    const struct strv *lines, int style, double size, double w, size_t need,
		    size_t room)
{
	size_t worst = 0, most = 0;
	struct pdf_lines fl = { 0 };
	for (size_t i = 0; i < lines->n; i++) {
		fl.n = 0;
		wrap(c, lines->v[i], strlen(lines->v[i]), style, size, w, &fl);
		if (fl.n > most) {
			most = fl.n;
			worst = i;
		}
	}
	free(fl.v);
	const char *s = lines->n ? lines->v[worst] : "";
	size_t n = strlen(s), cut = n > 40 ? 37 : n;
	while (cut < n && ((unsigned char)s[cut] & 0xC0) == 0x80)
		cut--;
	/* which field the line is */
	char field[64];
	if (lines == &c->l->sender)
		snprintf(field, sizeof field, worst == 0 ? _("the name") :
			 !strcmp(s, S(c->l->email)) ? _("the e-mail address") : _("address line %zu"), worst);
	else
		snprintf(field, sizeof field, worst == 0 ? _("the company's name") : _("recipient line %zu"),
			 worst + 1);
	*errstr = xasprintf(i18n_ngettext("%s does not fit its place on the page (%s): its text needs "
					  "%zu lines at %.4g pt and at most %zu fit; shorten %s "
					  "(\"%.*s%s\", %zu bytes, %zu line)",
					  "%s does not fit its place on the page (%s): its text needs "
					  "%zu lines at %.4g pt and at most %zu fit; shorten %s "
					  "(\"%.*s%s\", %zu bytes, %zu lines)", most),
			    block, c->g->name, need, size, room, field, (int)cut, s, cut < n ? "..." : "",
			    n, most);
	return EX_DATAERR;
}

/* lines_between: how many baselines lh apart fit from top to bottom. */
static size_t lines_between(double top, double bottom, double lh)
{
	return bottom < top ? 0 : (size_t)((bottom - top) / lh + 1e-6) + 1;
}

/* Sender block: name (bold) and contact lines, ending above the
 * information block. A line without spaces (an e-mail address, a URL) that
 * is too wide is set smaller, down to 7 pt, rather than cut. The block ends
 * at sender_bottom when it fits below sender_top, else it starts at
 * sender_top and may reach sender_max; when even that is too little it is
 * set smaller, down to 7 pt. */
#define SENDER_MIN 7.0
static int layout_sender(struct pdf_layout *c, char **errstr)
{
	const struct letter *l = c->l;
	const struct pdf_geom *g = c->g;
	struct pdf_lines name = { 0 }, fl = { 0 };
	double *fsize = NULL, size, lh, y = 0;
	size_t nfs = 0, total;

	for (size = SENDER_SIZE;; size -= 0.5) {
		double nsize = size + (INFO_SIZE - SENDER_SIZE);
		name.n = fl.n = nfs = 0;
		if (l->sender.n)
			wrap(c, l->sender.v[0], strlen(l->sender.v[0]), PDF_BOLD, nsize, g->iw, &name);
		for (size_t i = 1; i < l->sender.n; i++) {
			const char *s = l->sender.v[i];
			size_t n = strlen(s), before = fl.n;
			double ls = size, w = width(c, s, n, PDF_REG, ls);
			if (w > g->iw && !strchr(s, ' '))
				ls = ls * g->iw / w < SENDER_MIN ? SENDER_MIN : ls * g->iw / w;
			wrap(c, s, n, PDF_REG, ls, g->iw, &fl);
			fsize = xreallocarray(fsize, fl.n ? fl.n : 1, sizeof *fsize);
			for (size_t k = before; k < fl.n; k++)
				fsize[nfs++] = ls;
		}
		lh = size == SENDER_SIZE ? MM(4.1) : MM(4.1) * size / SENDER_SIZE;
		total = name.n + fl.n;
		y = g->sender_bottom - (double)(total > 0 ? total - 1 : 0) * lh;
		if (y < g->sender_top)
			y = g->sender_top;
		if (y + (double)(total > 0 ? total - 1 : 0) * lh <= g->sender_max + 0.01)
			break;
		if (size <= SENDER_MIN) {
			size_t room = lines_between(g->sender_top, g->sender_max, lh);
			free(name.v);
			free(fl.v);
			free(fsize);
			return too_long(c, errstr, _("the sender block (name, address, e-mail)"),
					&l->sender, PDF_REG, size, g->iw, total, room);
		}
	}
	y = place_lines(c, &name, PDF_BOLD, size + (INFO_SIZE - SENDER_SIZE), g->ix, y, lh, 0) + lh;
	for (size_t i = 0; i < fl.n; i++, y += lh)
		pdf_layout_text(c, 0, fl.v[i].s, fl.v[i].n, PDF_REG, fsize[i], g->ix, y, 0);
	free(name.v);
	free(fl.v);
	free(fsize);
	return 0;
}

/* layout_head: the blocks above the body; *top is the first body baseline. */
#define RETURN_MIN 5.0
#define RETURN_LINES 3
#define RECIPIENT_MIN 8.0
#define INFO_MIN 8.0
static int layout_head(struct pdf_layout *c, double *top, char **errstr)
{
	const struct letter *l = c->l;
	const struct pdf_geom *g = c->g;
	struct pdf_lines fl = { 0 };
	double y;
	int rc;

	if ((rc = layout_sender(c, errstr)))
		return rc;

	/* Return address: one small line at the top of the window, set
	 * smaller (down to 5 pt) and then wrapped when it is too long. */
	double rs = RETURN_SIZE, rw = width(c, S(l->return_address), strlen(S(l->return_address)),
					       PDF_REG, rs);
	if (rw > g->aw && rw > 0)
		rs = rs * g->aw / rw < RETURN_MIN ? RETURN_MIN : rs * g->aw / rw;
	wrap(c, S(l->return_address), strlen(S(l->return_address)), PDF_REG, rs, g->aw, &fl);
	if (fl.n > RETURN_LINES) {
		*errstr = xasprintf(_("the return address (the sender's name and address lines, above "
				    "the window) does not fit its place on the page (%s): it needs "
				    "%zu lines at %.4g pt and at most %d fit; shorten the name or "
				    "the address lines (%zu bytes in all)"), g->name, fl.n, rs,
				    RETURN_LINES, strlen(S(l->return_address)));
		free(fl.v);
		return EX_DATAERR;
	}
	place_lines(c, &fl, PDF_REG, rs, g->ax, g->ret_y, rs * 1.15, 0.2);
	if (fl.n && l->recipient.n) {
		double uw = 0;
		for (size_t i = 0; i < fl.n; i++) {
			double w = width(c, fl.v[i].s, fl.v[i].n, PDF_REG, rs);
			uw = w > uw ? w : uw;
		}
		double uy = g->ret_y + (double)(fl.n - 1) * rs * 1.15 + MM(1);
		rule_at(c, 0, g->ax, uy, g->ax + uw, uy, 0.6);
	}
	double rcp_y = g->rcp_y + (fl.n > 1 ? (double)(fl.n - 1) * rs * 1.15 : 0);
	fl.n = 0;

	/* Recipient: the largest size from 11 pt down to 8 pt that fits the
	 * window down to rcp_max; at 8 pt, down to rcp_limit. */
	double size = 11;
	for (;; size -= 0.5) {
		fl.n = 0;
		for (size_t i = 0; i < l->recipient.n; i++)
			wrap(c, l->recipient.v[i], strlen(l->recipient.v[i]), PDF_REG, size, g->aw, &fl);
		if (size <= RECIPIENT_MIN ||
		    rcp_y + (double)(fl.n ? fl.n - 1 : 0) * size * 1.2 <= g->rcp_max)
			break;
	}
	double limit = g->rcp_limit > g->rcp_max ? g->rcp_limit : g->rcp_max;
	if (rcp_y + (double)(fl.n ? fl.n - 1 : 0) * size * 1.2 > limit + 0.01) {
		size_t need = fl.n;
		free(fl.v);
		return too_long(c, errstr, _("the recipient's address"), &l->recipient, PDF_REG, size,
				g->aw, need,
				lines_between(rcp_y, limit, size * 1.2));
	}
	double bottom = place_lines(c, &fl, PDF_REG, size, g->ax, rcp_y, size * 1.2, 0);
	fl.n = 0;

	/* Information block: reference and date, level with the address; set
	 * smaller (down to 8 pt) when the place and date need many lines. */
	double isize = INFO_SIZE, ilh = MM(4.2);
	struct pdf_lines ref = { 0 };
	for (;; isize -= 0.5) {
		ilh = isize == INFO_SIZE ? MM(4.2) : MM(4.2) * isize / INFO_SIZE;
		ref.n = fl.n = 0;
		wrap(c, S(l->reference), strlen(S(l->reference)), PDF_REG, isize, g->iw, &ref);
		wrap(c, S(l->place_date), strlen(S(l->place_date)), PDF_REG, isize, g->iw, &fl);
		double last = INFO_TOP(g) + MM(4) + (double)(ref.n ? ref.n - 1 : 0) * ilh + MM(6.5) +
			      MM(4) + (double)(fl.n ? fl.n - 1 : 0) * ilh;
		if (last <= g->info_max + 0.01)
			break;
		if (isize <= INFO_MIN) {
			size_t need = ref.n + fl.n;
			double first = INFO_TOP(g) + MM(4) + MM(6.5) + MM(4);
			size_t room = lines_between(first, g->info_max, ilh) + 1;
			free(ref.v);
			free(fl.v);
			*errstr = xasprintf(_("the place and date do not fit the information block (%s): "
					    "with the reference they need %zu lines at %.4g pt and at "
					    "most %zu fit; shorten the place (%zu bytes)"), g->name, need,
					    isize, room, strlen(S(l->place_date)));
			return EX_DATAERR;
		}
	}
	y = INFO_TOP(g);
	pdf_layout_text(c, 0, S(l->label_reference), strlen(S(l->label_reference)), PDF_REG, LABEL_SIZE,
		g->ix, y, 0.35);
	y = place_lines(c, &ref, PDF_REG, isize, g->ix, y + MM(4), ilh, 0);
	y += MM(6.5);
	pdf_layout_text(c, 0, S(l->label_date), strlen(S(l->label_date)), PDF_REG, LABEL_SIZE, g->ix, y,
			0.35);
	y = place_lines(c, &fl, PDF_REG, isize, g->ix, y + MM(4), ilh, 0);
	free(ref.v);
	free(fl.v);

	/* The body starts below the window and the blocks beside it. */
	double t = g->field_bottom + MM(8.5);
	if (bottom + MM(14) > t)
		t = bottom + MM(14);
	if (y + MM(14) > t)
		t = y + MM(14);
	*top = t;
	return 0;
}

static void new_page(struct pdf_layout *c)
{
	c->page++;
	c->y = c->g->cont_top;
}

/* flow: a block of wrapped lines in the body, with gap pt before it (not at
 * the top of a page). keep: all lines on one page. Otherwise at least two
 * lines stay together at the bottom (orphans) and at the top (widows). */
static void flow_at(struct pdf_layout *c, const struct pdf_lines *fl, int style, double gap, int keep,
		    double indent, const char *marker, size_t mlen)
{
	double lh = c->lh, bottom = c->g->body_bottom;
	size_t i = 0, k = fl->n;

	if (c->y > c->g->cont_top || c->page == 0)
		c->y += gap;
	while (i < k) {
		size_t rem = k - i, fit = 0;
		if (c->y <= bottom)
			fit = (size_t)((bottom - c->y) / lh) + 1;
		size_t take = fit >= rem ? rem : fit;
		if (take < rem) {
			if (keep)
				take = 0;
			else if (rem - take < 2 && rem >= 3)
				take = rem - 2;
			if (i == 0 && take < 2 && rem >= 2)
				take = 0;
		}
		int at_top = c->y <= c->g->cont_top + 0.01;
		if (take == 0 && at_top)	/* never loop: a whole page is not enough */
			take = fit ? (fit < rem ? fit : rem) : 1;
		for (size_t j = 0; j < take; j++, i++) {
			if (i == 0 && mlen)
				pdf_layout_text(c, c->page, marker, mlen, style, PDF_BODY_SIZE, c->g->ml, c->y, 0);
			pdf_layout_text(c, c->page, fl->v[i].s, fl->v[i].n, style, PDF_BODY_SIZE, c->g->ml + indent,
				c->y, 0);
			c->y += lh;
		}
		if (i < k)
			new_page(c);
	}
}

static void flow(struct pdf_layout *c, const struct pdf_lines *fl, int style, double gap, int keep)
{
	flow_at(c, fl, style, gap, keep, 0, NULL, 0);
}

/* bullet: the length of a list marker ("- ", "– ", "• ", "* ") that starts
 * s, with the spaces after it; 0 if none. */
static size_t bullet(const char *s)
{
	static const char *const marks[] = { "- ", "* ", "\xE2\x80\x93 ", "\xE2\x80\x94 ",
					     "\xE2\x80\xA2 " };
	for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++) {
		size_t n = strlen(marks[i]);
		if (!strncmp(s, marks[i], n)) {
			while (s[n] == ' ')
				n++;
			return n;
		}
	}
	return 0;
}

static void layout_body(struct pdf_layout *c, double top)
{
	const struct letter *l = c->l;
	double tw = c->g->pw - c->g->ml - c->g->mr, lh = c->lh, pgap = lh * 0.7;
	struct pdf_lines fl = { 0 };

	c->page = 0;
	c->y = top;
	wrap(c, S(l->subject), strlen(S(l->subject)), PDF_BOLD, PDF_BODY_SIZE, tw, &fl);
	flow(c, &fl, PDF_BOLD, 0, 1);
	fl.n = 0;
	wrap(c, S(l->salutation), strlen(S(l->salutation)), PDF_REG, PDF_BODY_SIZE, tw, &fl);
	flow(c, &fl, PDF_REG, lh * 0.9, 0);
	/* A paragraph that starts with a list marker hangs from it; list items
	 * in a row are set closer together. */
	int prev_item = 0;
	for (size_t i = 0; i < l->paragraphs.n; i++) {
		const char *p = l->paragraphs.v[i];
		size_t n = strlen(p), m = bullet(p);
		double indent = 0;
		fl.n = 0;
		if (m) {
			indent = width(c, p, m, PDF_REG, PDF_BODY_SIZE);
			if (indent < MM(4))
				indent = MM(4);
		}
		wrap(c, p + m, n - m, PDF_REG, PDF_BODY_SIZE, tw - indent, &fl);
		flow_at(c, &fl, PDF_REG, m && prev_item ? lh * 0.3 : pgap, 0, indent, p, m ? m - 1 : 0);
		prev_item = m > 0;
	}

	/* Closing, room for the signature, typed name: kept together. */
	struct pdf_lines cl = { 0 }, nm = { 0 };
	wrap(c, S(l->closing), strlen(S(l->closing)), PDF_REG, PDF_BODY_SIZE, tw, &cl);
	wrap(c, S(l->signer), strlen(S(l->signer)), PDF_REG, PDF_BODY_SIZE, tw, &nm);
	double space = SIG_SPACE;
	if (c->has_sig && c->sig_h + MM(9) > space)
		space = c->sig_h + MM(9);
	double need = (double)(cl.n ? cl.n - 1 : 0) * lh + space + (double)(nm.n ? nm.n - 1 : 0) * lh;
	if (c->y + pgap + need > c->g->body_bottom)
		new_page(c);
	else
		c->y += pgap;
	double y = c->y;
	for (size_t i = 0; i < cl.n; i++, y += lh)
		pdf_layout_text(c, c->page, cl.v[i].s, cl.v[i].n, PDF_REG, PDF_BODY_SIZE, c->g->ml, y, 0);
	y = y - lh + space;
	if (c->has_sig) {
		struct pdf_item *it = add_item(c, PDF_IMAGE);
		it->x = c->g->ml;
		it->y = y - MM(5);	/* bottom edge, above the name's capitals */
		it->w = c->sig_w;
		it->h = c->sig_h;
	}
	for (size_t i = 0; i < nm.n; i++, y += lh)
		pdf_layout_text(c, c->page, nm.v[i].s, nm.v[i].n, PDF_REG, PDF_BODY_SIZE, c->g->ml, y, 0);
	free(cl.v);
	free(nm.v);
	free(fl.v);
}

/* page_label: label_page with {page} and {pages} replaced. */
static char *page_label(struct pdf_layout *c, int n, int total)
{
	char page[16], pages[16];
	snprintf(page, sizeof page, "%d", n);
	snprintf(pages, sizeof pages, "%d", total);
	const char *const kv[] = { "page", page, "pages", pages, NULL };
	struct buf b = BUF_INIT;
	b.max = (size_t)-1;
	BUF_MUST(buf_expand(&b, S(c->l->label_page), kv));	/* no limit: cannot fail */
	char *s = buf_detach(&b, NULL);
	strv_take(&c->owned, s);
	return s;
}

static void layout_marks(struct pdf_layout *c, int pages)
{
	const struct letter *l = c->l;
	const struct pdf_geom *g = c->g;
	double right = g->pw - g->mr;

	for (int i = 0; i < 2; i++)
		rule_at(c, 0, MM(4), g->folds[i], MM(9), g->folds[i], 0.45);
	if (g->punch > 0)
		rule_at(c, 0, MM(4), g->punch, MM(11), g->punch, 0.45);
	if (pages < 2)
		return;
	for (int p = 0; p < pages; p++) {
		char *lab = page_label(c, p + 1, pages);
		size_t n = strlen(lab);
		double w = width(c, lab, n, PDF_REG, HEADER_SIZE);
		if (p == 0) {
			pdf_layout_text(c, 0, lab, n, PDF_REG, HEADER_SIZE, right - w, g->foot_y, 0.3);
			continue;
		}
		const char *who = l->sender.n ? l->sender.v[0] : "";
		char *head = xasprintf("%s%s%s", who, *who ? " \xC2\xB7 " : "", S(l->reference));
		strv_take(&c->owned, head);
		/* the header is one line: cut the name short rather than overlap */
		size_t hn = strlen(head);
		double room = right - g->ml - w - MM(8);
		while (hn > 0 && width(c, head, hn, PDF_REG, HEADER_SIZE) > room) {
			hn--;
			while (hn && (head[hn] & 0xC0) == 0x80)
				hn--;
		}
		pdf_layout_text(c, p, head, hn, PDF_REG, HEADER_SIZE, g->ml, g->head_y, 0.3);
		pdf_layout_text(c, p, lab, n, PDF_REG, HEADER_SIZE, right - w, g->head_y, 0.3);
		rule_at(c, p, g->ml, g->head_y + MM(2.5), right, g->head_y + MM(2.5), 0.45);
	}
}


int pdf_layout(struct pdf_layout *c, char **errstr)
{
	double top = 0;
	int rc;

	c->lh = PDF_BODY_SIZE * (c->cjk ? PDF_CJK_LEADING : PDF_BODY_LEADING);
	if ((rc = layout_head(c, &top, errstr)))
		return rc;
	layout_body(c, top);
	c->pages = c->page + 1;
	layout_marks(c, c->pages);
	return 0;
}

void pdf_layout_free(struct pdf_layout *c)
{
	free(c->items);
	c->items = NULL;
	c->nitems = c->cap = 0;
	strv_free(&c->owned);
}
