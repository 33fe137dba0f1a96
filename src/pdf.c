/*
 * pdf.c: a struct letter laid out as a PDF with libharu; see pdf.h.
 *
 * The only file that includes <hpdf.h> and HarfBuzz. A render goes:
 *
 *   collect   every string the letter prints, checked (UTF-8, control
 *             characters, characters above U+FFFF that libharu drops);
 *   fonts     a single-byte code page (CP1252, CP1250, CP1257, CP1254) with
 *             the base-14 Times faces when all the text fits one, else an
 *             embedded Unicode TrueType font (DejaVu Serif) and, for CJK
 *             text, an embedded CJK face; each embedded font is first cut
 *             down with HarfBuzz's subsetter to the code points printed
 *             (libharu 2.3.0 would otherwise copy most of the font);
 *   layout    positioned lines on pages: DIN 5008 form B geometry for A4
 *             (left window, or the Swiss right window), a #10 window for US
 *             Letter; paragraphs wrapped on measured widths, with break
 *             opportunities at spaces and between CJK characters (never
 *             before closing or after opening punctuation), widow and
 *             orphan control, the closing kept together;
 *   draw      the lines in runs of one font each, fold and punch marks,
 *             the signature image;
 *   save      metadata, compressed, into the caller's buffer.
 *
 * libharu pitfalls handled here: it prints characters a font lacks as empty
 * boxes and drops those above U+FFFF silently (checked before drawing); its
 * word wrapping only knows ASCII spaces (ours measures per character); the
 * UTF-8 encoder must be current before metadata is set.
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include <hpdf.h>

/* HarfBuzz's subsetter, with the API of 2.9.0 and later (subset flags,
 * table sets). Without it, or with -DPDF_NO_HARFBUZZ, whole fonts are
 * loaded and libharu keeps the glyphs used: correct but larger and slower. */
#if defined(HAVE_HB_SUBSET) && !defined(PDF_NO_HARFBUZZ)
#include <hb.h>
#if HB_VERSION_ATLEAST(2, 9, 0)
#define USE_HB 1
#include <hb-ot.h>
#include <hb-subset.h>
#endif
#endif

#include "buf.h"
#include "conv.h"
#include "letter.h"
#include "pdf.h"
#include "utf8.h"
#include "xalloc.h"

#ifndef UNICODE_FONT
#define UNICODE_FONT "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
#endif
#ifndef UNICODE_BOLD_FONT
#define UNICODE_BOLD_FONT "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"
#endif
#ifndef CJK_FONT
#define CJK_FONT "/usr/share/fonts/truetype/arphic/uming.ttc"
#endif

#define MM(x) ((x) * (72.0 / 25.4))

/* Type sizes (pt) and line spacing. */
#define BODY_SIZE	11.0
#define BODY_LEADING	1.35
#define CJK_LEADING	1.5
#define RETURN_SIZE	7.0
#define SENDER_SIZE	9.0
#define LABEL_SIZE	7.5
#define INFO_SIZE	10.0
#define HEADER_SIZE	8.5
#define SIG_SPACE	MM(22)		/* closing baseline to the typed name's */
#define SIG_MAX_W	MM(60)
#define SIG_MAX_H	MM(16)

enum style { ST_REG, ST_BOLD, ST_N };
enum slot { F_REG, F_BOLD, F_CJK, F_N };

/* Single-byte code pages tried in order, with libharu's name for each. Only
 * Latin ones: the base-14 Times faces have no other glyphs. */
static const struct codepage {
	const char *iconv, *hpdf;
} codepages[] = {
	{ "CP1252", "WinAnsiEncoding" },
	{ "CP1250", "CP1250" },
	{ "CP1257", "CP1257" },
	{ "CP1254", "CP1254" },
};

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

/* is_invisible: format characters that take no room and are not drawn (a
 * soft hyphen included: lines never break inside a word here). */
static int is_invisible(uint32_t c)
{
	return c == 0x00AD || (c >= 0x200B && c <= 0x200F) || c == 0x2060 || c == 0xFEFF;
}

/* add_visible: append s[0..n) without invisible characters, tabs as spaces. */
static void add_visible(struct buf *b, const char *s, size_t n)
{
	const char *p = s, *end = s + n;
	while (p < end) {
		const char *at = p;
		uint32_t cp;
		conv_utf8_next(&p, end, &cp);
		if (cp == '\t')
			buf_addc(b, ' ');
		else if (!is_invisible(cp))
			buf_add(b, at, (size_t)(p - at));
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
/* Fonts (HarfBuzz side: faces cached for the life of the process) */

#ifdef USE_HB
struct face {
	char *path;
	int cjk;		/* picked the Traditional Chinese face of a collection */
	unsigned index;
	hb_face_t *face;
	hb_set_t *unicodes;
	struct face *next;
};

static struct face *face_cache;

static void face_cache_free(void)
{
	while (face_cache) {
		struct face *f = face_cache;
		face_cache = f->next;
		hb_set_destroy(f->unicodes);
		hb_face_destroy(f->face);
		free(f->path);
		free(f);
	}
}

/* pick_index: in a collection, the face whose family name says "TW" (for
 * Traditional Chinese); else the first. */
static unsigned pick_index(hb_blob_t *blob)
{
	unsigned n = hb_face_count(blob);
	for (unsigned i = 0; n > 1 && i < n; i++) {
		hb_face_t *f = hb_face_create(blob, i);
		char name[256];
		unsigned len = sizeof name;
		hb_ot_name_get_utf8(f, HB_OT_NAME_ID_FONT_FAMILY, hb_language_from_string("en", -1),
				    &len, name);
		hb_face_destroy(f);
		if (strstr(name, " TW") && !strstr(name, "MBE"))
			return i;
	}
	return 0;
}
#endif

/* ------------------------------------------------------------------ */
/* The render context */

struct text {			/* one string the letter prints */
	const char *s;
	size_t n;
	int style;
	char what[40];		/* "the subject", "paragraph 2" */
};

struct glyph {
	int16_t w;		/* advance in 1/1000 em */
	int8_t slot;
	int8_t known;
};

enum kind { K_TEXT, K_RULE, K_IMAGE };

struct item {
	enum kind kind;
	int page;
	int style;
	double size, gray;
	double x, y;		/* text: baseline start; y from the top of the page */
	double w, h;		/* rule: end point (x2, y2); image: size */
	const char *s;
	size_t n;
};

struct fline {
	const char *s;
	size_t n;
};

struct flines {
	struct fline *v;
	size_t n, cap;
};

struct geom {
	double pw, ph;		/* page */
	double ml, mr;		/* body margins */
	double ax, aw;		/* address text x and width */
	double ret_y;		/* return line baseline */
	double rcp_y, rcp_max;	/* first recipient baseline; lowest last one */
	double field_bottom;	/* bottom of the window area */
	double ix, iw;		/* information and sender block */
	double sender_bottom;	/* last baseline of the sender block */
	double folds[2], punch;	/* marks, from the top; punch 0: none */
	double body_bottom;	/* lowest body baseline */
	double cont_top;	/* first body baseline on following pages */
	double head_y, foot_y;
};

struct ctx {
	const struct letter *l;
	const struct pdf_opts *opts;
	HPDF_Doc pdf;
	HPDF_STATUS herr, hdetail;
	int rc;
	char *err;

	struct text *texts;
	size_t ntexts;
	int needs_cjk;

	const struct codepage *cp;	/* NULL: Unicode fonts */
	struct conv *conv;
	HPDF_Font font[F_N];
	int have[F_N];
#ifdef USE_HB
	struct face *face[F_N];
	hb_set_t *used[F_N];
#else
	HPDF_FontDef fdef[F_N];
#endif
	struct glyph *gpage[ST_N][256];	/* BMP widths, 256 code points a page */

	struct geom g;
	double lh;			/* body line height */
	struct item *items;
	size_t nitems, capitems;
	int page;			/* current page (0-based) while flowing */
	double y;			/* next body baseline */
	HPDF_Image sig;
	double sig_w, sig_h;
	struct strv owned;		/* strings made here that items point into */
	struct buf scratch;
};

__attribute__((format(printf, 3, 4)))
static int fail(struct ctx *c, int rc, const char *fmt, ...)
{
	if (c->err)
		return c->rc;
	va_list ap;
	va_start(ap, fmt);
	c->err = xvasprintf(fmt, ap);
	va_end(ap);
	c->rc = rc;
	return rc;
}

static void HPDF_STDCALL on_hpdf_error(HPDF_STATUS e, HPDF_STATUS detail, void *ud)
{
	struct ctx *c = ud;
	if (!c->herr) {
		c->herr = e;
		c->hdetail = detail;
	}
}

static int hpdf_failed(struct ctx *c, const char *doing)
{
	if (!c->herr)
		return 0;
	fail(c, EX_SOFTWARE, "libharu failed %s (error 0x%04lX, detail %lu)", doing,
	     (unsigned long)c->herr, (unsigned long)c->hdetail);
	return 1;
}

static const char *S(const char *s)
{
	return s ? s : "";
}

/* ------------------------------------------------------------------ */
/* Collecting and checking the text */

static void add_text(struct ctx *c, const char *s, int style, const char *what, size_t idx)
{
	struct text *t;
	c->texts = xreallocarray(c->texts, c->ntexts + 1, sizeof *c->texts);
	t = &c->texts[c->ntexts++];
	t->s = S(s);
	t->n = strlen(t->s);
	t->style = style;
	if (idx)
		snprintf(t->what, sizeof t->what, "%s %zu", what, idx);
	else
		snprintf(t->what, sizeof t->what, "%s", what);
}

/* char_name: the character as UTF-8 in quotes (when printable) and its code point. */
static char *char_name(uint32_t cp)
{
	char u[5] = { 0 };
	if (cp >= 0x20 && !(cp >= 0x7F && cp <= 0x9F) && conv_utf8_put(cp, u) > 0)
		return xasprintf("\"%s\" (U+%04lX)", u, (unsigned long)cp);
	return xasprintf("U+%04lX", (unsigned long)cp);
}

static int collect(struct ctx *c)
{
	const struct letter *l = c->l;

	add_text(c, l->return_address, ST_REG, "the return address", 0);
	for (size_t i = 0; i < l->sender.n; i++)
		add_text(c, l->sender.v[i], i == 0 ? ST_BOLD : ST_REG, "sender line", i + 1);
	if (l->sender.n)
		add_text(c, l->sender.v[0], ST_REG, "sender line", 1);	/* following pages' header */
	for (size_t i = 0; i < l->recipient.n; i++)
		add_text(c, l->recipient.v[i], ST_REG, "recipient line", i + 1);
	add_text(c, l->label_reference, ST_REG, "the reference label", 0);
	add_text(c, l->reference, ST_REG, "the reference", 0);
	add_text(c, l->label_date, ST_REG, "the date label", 0);
	add_text(c, l->place_date, ST_REG, "the place and date", 0);
	add_text(c, l->subject, ST_BOLD, "the subject", 0);
	add_text(c, l->salutation, ST_REG, "the salutation", 0);
	for (size_t i = 0; i < l->paragraphs.n; i++)
		add_text(c, l->paragraphs.v[i], ST_REG, "paragraph", i + 1);
	add_text(c, l->closing, ST_REG, "the closing", 0);
	add_text(c, l->signer, ST_REG, "the signer's name", 0);
	add_text(c, l->label_page, ST_REG, "the page label", 0);
	add_text(c, " \xC2\xB7 0123456789", ST_REG, "page numbers", 0);

	const char *lang = S(l->lang);
	/* (Latin text stays in DejaVu even then: UMing's Latin glyphs are
	 * typewriter-like and look wrong in an address.) */
	c->needs_cjk = !strncmp(lang, "zh", 2) || !strncmp(lang, "ja", 2) || !strncmp(lang, "ko", 2);

	for (size_t i = 0; i < c->ntexts; i++) {
		const struct text *t = &c->texts[i];
		const char *p = t->s, *end = t->s + t->n;
		size_t bad = conv_utf8_check(t->s, t->n);
		if (bad < t->n)
			return fail(c, EX_DATAERR, "invalid UTF-8 in %s (byte %zu)", t->what, bad + 1);
		while (p < end) {
			uint32_t cp;
			conv_utf8_next(&p, end, &cp);
			if ((cp < 0x20 && cp != '\n' && cp != '\t') || (cp >= 0x7F && cp <= 0x9F) ||
			    cp == 0x2028 || cp == 0x2029) {
				char *nm = char_name(cp);
				fail(c, EX_DATAERR, "control character %s in %s", nm, t->what);
				free(nm);
				return c->rc;
			}
			if (cp > 0xFFFF) {	/* libharu 2.3.0 cannot print these at all */
				char *nm = char_name(cp);
				fail(c, EX_DATAERR, "cannot print %s in %s: no available font can show it",
				     nm, t->what);
				free(nm);
				return c->rc;
			}
			if (utf8_is_cjk(cp))
				c->needs_cjk = 1;
		}
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Choosing and loading fonts */

static int try_codepages(struct ctx *c)
{
	struct buf all = BUF_INIT;
	all.max = (size_t)-1;
	for (size_t i = 0; i < c->ntexts; i++) {
		add_visible(&all, c->texts[i].s, c->texts[i].n);
		buf_addc(&all, '\n');
	}
	for (size_t i = 0; i < sizeof codepages / sizeof codepages[0]; i++) {
		struct conv *cv = conv_open(codepages[i].iconv);
		if (!cv)
			continue;
		if (conv_fits(cv, all.data, all.len)) {
			c->cp = &codepages[i];
			c->conv = cv;
			break;
		}
		conv_close(cv);
	}
	buf_free(&all);
	if (!c->cp)
		return 0;
	c->font[F_REG] = HPDF_GetFont(c->pdf, "Times-Roman", c->cp->hpdf);
	c->font[F_BOLD] = HPDF_GetFont(c->pdf, "Times-Bold", c->cp->hpdf);
	c->have[F_REG] = c->have[F_BOLD] = 1;
	if (hpdf_failed(c, "loading the standard fonts"))
		return -1;
	return 1;
}

static const char *font_path(const char *opt, const char *env, const char *def)
{
	const char *e;
	if (opt && *opt)
		return opt;
	if ((e = getenv(env)) && *e)
		return e;
	return def;
}

static const char *slot_path(struct ctx *c, int slot)
{
	const struct pdf_opts *o = c->opts;
	switch (slot) {
	case F_REG:
		return font_path(o ? o->font : NULL, "OBJECTOR_FONT", UNICODE_FONT);
	case F_BOLD:
		return font_path(o ? o->font_bold : NULL, "OBJECTOR_FONT_BOLD", UNICODE_BOLD_FONT);
	default:
		return font_path(o ? o->font_cjk : NULL, "OBJECTOR_CJK_FONT", CJK_FONT);
	}
}

/* open_slot: make the font file of slot known (HarfBuzz face or, without
 * HarfBuzz, the whole font loaded into the document). */
static int open_slot(struct ctx *c, int slot)
{
	const char *path = slot_path(c, slot);
	FILE *f = fopen(path, "rb");
	if (!f)
		return fail(c, EX_NOINPUT, "cannot open font '%s': %s", path, strerror(errno));
	fclose(f);
#ifdef USE_HB
	struct face *fc;
	for (fc = face_cache; fc; fc = fc->next)
		if (fc->cjk == (slot == F_CJK) && !strcmp(fc->path, path))
			break;
	if (!fc) {
		hb_blob_t *blob = hb_blob_create_from_file(path);
		unsigned idx = slot == F_CJK ? pick_index(blob) : 0;
		hb_face_t *face = hb_face_create(blob, idx);
		hb_blob_destroy(blob);
		if (hb_face_get_glyph_count(face) == 0) {
			hb_face_destroy(face);
			return fail(c, EX_NOINPUT, "'%s' is not a TrueType font", path);
		}
		if (!face_cache)
			atexit(face_cache_free);
		fc = xcalloc(1, sizeof *fc);
		fc->path = xstrdup(path);
		fc->cjk = slot == F_CJK;
		fc->index = idx;
		fc->face = face;
		fc->unicodes = hb_set_create();
		hb_face_collect_unicodes(face, fc->unicodes);
		fc->next = face_cache;
		face_cache = fc;
	}
	c->face[slot] = fc;
	c->used[slot] = hb_set_create();
#else
	const char *name;
	size_t len = strlen(path);
	if (len > 4 && !strcmp(path + len - 4, ".ttc"))
		name = HPDF_LoadTTFontFromFile2(c->pdf, path, slot == F_CJK ? 2 : 0, HPDF_TRUE);
	else
		name = HPDF_LoadTTFontFromFile(c->pdf, path, HPDF_TRUE);
	if (!name || c->herr) {
		c->herr = 0;
		return fail(c, EX_NOINPUT, "cannot load font '%s' (not a TrueType font?)", path);
	}
	c->fdef[slot] = HPDF_GetFontDef(c->pdf, name);
	c->font[slot] = HPDF_GetFont(c->pdf, name, "UTF-8");
	if (hpdf_failed(c, "loading a font"))
		return c->rc;
#endif
	c->have[slot] = 1;
	return 0;
}

static int slot_has(struct ctx *c, int slot, uint32_t cp)
{
	if (!c->have[slot])
		return 0;
#ifdef USE_HB
	return hb_set_has(c->face[slot]->unicodes, cp);
#else
	return cp <= 0xFFFF && HPDF_TTFontDef_GetGlyphid(c->fdef[slot], (HPDF_UINT16)cp) != 0;
#endif
}

/* pick: the font slot that prints cp in style, or -1. */
static int pick(struct ctx *c, int style, uint32_t cp)
{
	if (cp == '\t')
		cp = ' ';
	if (c->cp)
		return style == ST_BOLD ? F_BOLD : F_REG;
	if (utf8_is_cjk(cp) && slot_has(c, F_CJK, cp))
		return F_CJK;
	int s = style == ST_BOLD ? F_BOLD : F_REG;
	if (slot_has(c, s, cp))
		return s;
	if (s == F_BOLD && slot_has(c, F_REG, cp))
		return F_REG;
	if (slot_has(c, F_CJK, cp))
		return F_CJK;
	return -1;
}

#ifdef USE_HB
/* load_subset: cut the slot's face down to the code points it prints, and
 * load that into the document (libharu 2.3.0 only loads from files). */
static int load_subset(struct ctx *c, int slot)
{
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	if (!in)
		xalloc_die();
	hb_set_t *u = hb_subset_input_unicode_set(in);
	hb_set_union(u, c->used[slot]);
	hb_set_add(u, 'H');	/* libharu reads CapHeight and XHeight from these */
	hb_set_add(u, 'x');
	hb_set_add(u, ' ');
	static const hb_tag_t drop[] = {
		HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'), HB_TAG('G', 'D', 'E', 'F'),
		HB_TAG('k', 'e', 'r', 'n'), HB_TAG('g', 'a', 's', 'p'), HB_TAG('M', 'A', 'T', 'H'),
		HB_TAG('E', 'B', 'D', 'T'), HB_TAG('E', 'B', 'L', 'C'), HB_TAG('E', 'B', 'S', 'C'),
		HB_TAG('B', 'A', 'S', 'E'), HB_TAG('J', 'S', 'T', 'F'), HB_TAG('D', 'S', 'I', 'G'),
		HB_TAG('h', 'd', 'm', 'x'), HB_TAG('V', 'D', 'M', 'X'), HB_TAG('L', 'T', 'S', 'H'),
		HB_TAG('v', 'h', 'e', 'a'), HB_TAG('v', 'm', 't', 'x'), HB_TAG('V', 'O', 'R', 'G'),
		HB_TAG('P', 'C', 'L', 'T'), HB_TAG('F', 'F', 'T', 'M'),
	};
	hb_set_t *dt = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
	for (size_t i = 0; i < sizeof drop / sizeof drop[0]; i++)
		hb_set_add(dt, drop[i]);
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
	hb_face_t *sub = hb_subset_or_fail(c->face[slot]->face, in);
	hb_subset_input_destroy(in);
	if (!sub)
		return fail(c, EX_SOFTWARE, "cannot subset font '%s'", c->face[slot]->path);
	hb_blob_t *blob = hb_face_reference_blob(sub);
	unsigned len;
	const char *data = hb_blob_get_data(blob, &len);

	const char *dir = getenv("TMPDIR");
	char *tmp = xasprintf("%s/objector-font-XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkstemp(tmp);
	int ok = fd >= 0;
	for (size_t off = 0; ok && off < len;) {
		ssize_t w = write(fd, data + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			ok = 0;
		else
			off += (size_t)w;
	}
	int e = errno;
	if (fd >= 0 && close(fd) != 0 && ok) {
		ok = 0;
		e = errno;
	}
	const char *name = NULL;
	if (ok)
		name = HPDF_LoadTTFontFromFile(c->pdf, tmp, HPDF_TRUE);
	if (fd >= 0)
		unlink(tmp);	/* libharu keeps its own descriptor until the save */
	hb_blob_destroy(blob);
	hb_face_destroy(sub);
	if (!ok) {
		fail(c, EX_CANTCREAT, "cannot write temporary font file '%s': %s", tmp, strerror(e));
		free(tmp);
		return c->rc;
	}
	free(tmp);
	if (!name || hpdf_failed(c, "loading a subset font"))
		return fail(c, EX_SOFTWARE, "libharu cannot load the subset of '%s'",
			    c->face[slot]->path);
	c->font[slot] = HPDF_GetFont(c->pdf, name, "UTF-8");
	if (hpdf_failed(c, "loading a subset font"))
		return c->rc;
	return 0;
}
#endif

static int unicode_fonts(struct ctx *c)
{
	HPDF_UseUTFEncodings(c->pdf);
	if (open_slot(c, F_REG) || open_slot(c, F_BOLD))
		return c->rc;

	/* The CJK face is needed for CJK text and for anything DejaVu lacks. */
	for (size_t i = 0; i < c->ntexts && !c->needs_cjk; i++) {
		const char *p = c->texts[i].s, *end = p + c->texts[i].n;
		while (p < end) {
			uint32_t cp;
			conv_utf8_next(&p, end, &cp);
			if (cp != '\n' && cp != '\t' && !is_invisible(cp) && !slot_has(c, F_REG, cp)) {
				c->needs_cjk = 1;
				break;
			}
		}
	}
	if (c->needs_cjk && open_slot(c, F_CJK))
		return c->rc;

	for (size_t i = 0; i < c->ntexts; i++) {
		const struct text *t = &c->texts[i];
		const char *p = t->s, *end = t->s + t->n;
		while (p < end) {
			uint32_t cp;
			conv_utf8_next(&p, end, &cp);
			if (cp == '\n' || is_invisible(cp))
				continue;
			int s = pick(c, t->style, cp);
			if (s < 0) {
				char *nm = char_name(cp);
				fail(c, EX_DATAERR, "cannot print %s in %s: no available font can show it",
				     nm, t->what);
				free(nm);
				return c->rc;
			}
#ifdef USE_HB
			hb_set_add(c->used[s], cp == '\t' ? ' ' : cp);
#endif
		}
	}
#ifdef USE_HB
	for (int s = 0; s < F_N; s++)
		if (c->have[s] && load_subset(c, s))
			return c->rc;
#endif
	return 0;
}

/* ------------------------------------------------------------------ */
/* Measuring */

static const struct glyph *glyph(struct ctx *c, int style, uint32_t cp)
{
	static const struct glyph none = { 0, F_REG, 1 };
	if (cp == '\t')
		cp = ' ';
	if (cp > 0xFFFF || is_invisible(cp))
		return &none;
	struct glyph **pg = &c->gpage[style][cp >> 8];
	if (!*pg)
		*pg = xcalloc(256, sizeof **pg);
	struct glyph *g = &(*pg)[cp & 0xFF];
	if (!g->known) {
		int s = pick(c, style, cp);
		g->known = 1;
		g->slot = (int8_t)(s < 0 ? F_REG : s);
		g->w = s < 0 ? 0 : (int16_t)HPDF_Font_GetUnicodeWidth(c->font[s], (HPDF_UNICODE)cp);
	}
	return g;
}

/* width: of s[0..n) in style at size, in pt. */
static double width(struct ctx *c, const char *s, size_t n, int style, double size)
{
	const char *p = s, *end = s + n;
	long w = 0;
	while (p < end) {
		uint32_t cp;
		conv_utf8_next(&p, end, &cp);
		w += glyph(c, style, cp)->w;
	}
	return (double)w * size / 1000.0;
}

static void push_line(struct flines *fl, const char *s, size_t n)
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

/* wrap: split s[0..n) into lines no wider than w pt. Breaks at '\n', else
 * at the last break opportunity that fits; spaces at the ends of wrapped
 * lines are dropped. */
static void wrap(struct ctx *c, const char *s, size_t n, int style, double size, double w,
		 struct flines *out)
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
			double cw = glyph(c, style, cp)->w;
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

/* ------------------------------------------------------------------ */
/* Layout */

static struct item *add_item(struct ctx *c, enum kind k)
{
	if (c->nitems == c->capitems) {
		c->capitems = c->capitems ? 2 * c->capitems : 64;
		c->items = xreallocarray(c->items, c->capitems, sizeof *c->items);
	}
	struct item *it = &c->items[c->nitems++];
	memset(it, 0, sizeof *it);
	it->kind = k;
	it->page = c->page;
	return it;
}

static void text_at(struct ctx *c, int page, const char *s, size_t n, int style, double size,
		    double x, double y, double gray)
{
	struct item *it = add_item(c, K_TEXT);
	it->page = page;
	it->s = s;
	it->n = n;
	it->style = style;
	it->size = size;
	it->x = x;
	it->y = y;
	it->gray = gray;
}

static void rule_at(struct ctx *c, int page, double x1, double y1, double x2, double y2)
{
	struct item *it = add_item(c, K_RULE);
	it->page = page;
	it->x = x1;
	it->y = y1;
	it->w = x2;
	it->h = y2;
	it->gray = 0.45;
}

static void set_geometry(struct ctx *c)
{
	struct geom *g = &c->g;
	int letter = !strcmp(S(c->l->paper), "letter");
	int right = !strcmp(S(c->l->envelope), "right");

	memset(g, 0, sizeof *g);
	if (letter) {
		/* US Letter, #10 window envelope: window 7/8" from the left,
		 * about 2" from the top, 4.5" x 1.125"; folded in thirds. */
		g->pw = 612;
		g->ph = 792;
		g->ml = MM(25.4);
		g->mr = MM(20);
		g->ax = MM(25.4);
		g->aw = MM(104);
		g->ret_y = MM(54.5);
		g->rcp_y = MM(59.5);
		g->rcp_max = MM(78);
		g->field_bottom = MM(79.4);
		g->ix = MM(142);
		g->folds[0] = MM(279.4 / 3);
		g->folds[1] = MM(279.4 * 2 / 3);
		g->punch = 0;
	} else if (right) {
		/* A4, Swiss right window (SN 010130): address from x 118 mm. */
		g->pw = MM(210);
		g->ph = MM(297);
		g->ml = MM(25);
		g->mr = MM(20);
		g->ax = MM(118);
		g->aw = MM(72);
		g->ret_y = MM(57);
		g->rcp_y = MM(63.5);
		g->rcp_max = MM(90);
		g->field_bottom = MM(97);
		g->ix = MM(25);
		g->folds[0] = MM(105);
		g->folds[1] = MM(210);
		g->punch = MM(148.5);
	} else {
		/* A4, DIN 5008 form B, DL left window: field 20..105 x 45..90 mm. */
		g->pw = MM(210);
		g->ph = MM(297);
		g->ml = MM(25);
		g->mr = MM(20);
		g->ax = MM(25);
		g->aw = MM(78);
		g->ret_y = MM(51);
		g->rcp_y = MM(57.5);
		g->rcp_max = MM(84);
		g->field_bottom = MM(90);
		g->ix = MM(125);
		g->folds[0] = MM(105);
		g->folds[1] = MM(210);
		g->punch = MM(148.5);
	}
	g->iw = right ? MM(80) : g->pw - g->mr - g->ix;
	g->sender_bottom = MM(right ? 42 : 38);
	g->body_bottom = g->ph - MM(25);
	g->cont_top = MM(30);
	g->head_y = MM(15);
	g->foot_y = g->ph - MM(12);
	c->lh = BODY_SIZE * (c->needs_cjk ? CJK_LEADING : BODY_LEADING);
}

/* place_lines: wrapped lines of a block at fixed positions; returns the
 * last baseline. */
static double place_lines(struct ctx *c, const struct flines *fl, int style, double size,
			  double x, double y, double lh, double gray)
{
	for (size_t i = 0; i < fl->n; i++, y += lh)
		text_at(c, 0, fl->v[i].s, fl->v[i].n, style, size, x, y, gray);
	return y - lh;
}

static double layout_head(struct ctx *c)
{
	const struct letter *l = c->l;
	struct geom *g = &c->g;
	struct flines fl = { 0 };
	double y, lh;

	/* Sender block: name (bold) and contact lines, ending above the field.
	 * A line without spaces (an e-mail address, a URL) that is too wide is
	 * set smaller, down to 7 pt, rather than cut. */
	struct flines name = { 0 };
	double fsize[16];
	size_t nfs = 0;
	if (l->sender.n)
		wrap(c, l->sender.v[0], strlen(l->sender.v[0]), ST_BOLD, INFO_SIZE, g->iw, &name);
	for (size_t i = 1; i < l->sender.n; i++) {
		const char *s = l->sender.v[i];
		size_t n = strlen(s), before = fl.n;
		double size = SENDER_SIZE, w = width(c, s, n, ST_REG, size);
		if (w > g->iw && !strchr(s, ' '))
			size = size * g->iw / w < 7 ? 7 : size * g->iw / w;
		wrap(c, s, n, ST_REG, size, g->iw, &fl);
		for (size_t k = before; k < fl.n; k++)
			if (nfs < sizeof fsize / sizeof fsize[0])
				fsize[nfs++] = size;
	}
	lh = MM(4.1);
	y = g->sender_bottom - (double)(name.n + fl.n > 0 ? name.n + fl.n - 1 : 0) * lh;
	if (y < MM(12))
		y = MM(12);
	y = place_lines(c, &name, ST_BOLD, INFO_SIZE, g->ix, y, lh, 0) + lh;
	for (size_t i = 0; i < fl.n; i++, y += lh)
		text_at(c, 0, fl.v[i].s, fl.v[i].n, ST_REG, i < nfs ? fsize[i] : SENDER_SIZE, g->ix, y, 0);
	free(name.v);
	fl.n = 0;

	/* Return address: one small line at the top of the window. */
	double rs = RETURN_SIZE, rw = width(c, S(l->return_address), strlen(S(l->return_address)),
					       ST_REG, rs);
	if (rw > g->aw && rw > 0)
		rs = rs * g->aw / rw < 5 ? 5 : rs * g->aw / rw;
	wrap(c, S(l->return_address), strlen(S(l->return_address)), ST_REG, rs, g->aw, &fl);
	place_lines(c, &fl, ST_REG, rs, g->ax, g->ret_y, rs * 1.15, 0.2);
	if (fl.n && l->recipient.n) {
		double uw = 0;
		for (size_t i = 0; i < fl.n; i++) {
			double w = width(c, fl.v[i].s, fl.v[i].n, ST_REG, rs);
			uw = w > uw ? w : uw;
		}
		double uy = g->ret_y + (double)(fl.n - 1) * rs * 1.15 + MM(1);
		struct item *it = add_item(c, K_RULE);
		it->page = 0;
		it->x = g->ax;
		it->y = uy;
		it->w = g->ax + uw;
		it->h = uy;
		it->gray = 0.6;
	}
	double rcp_y = g->rcp_y + (fl.n > 1 ? (double)(fl.n - 1) * rs * 1.15 : 0);
	fl.n = 0;

	/* Recipient: the largest size from 11 pt down to 8 pt that fits the window. */
	double size = 11;
	for (;; size -= 0.5) {
		fl.n = 0;
		for (size_t i = 0; i < l->recipient.n; i++)
			wrap(c, l->recipient.v[i], strlen(l->recipient.v[i]), ST_REG, size, g->aw, &fl);
		if (size <= 8 || rcp_y + (double)(fl.n ? fl.n - 1 : 0) * size * 1.2 <= g->rcp_max)
			break;
	}
	double bottom = place_lines(c, &fl, ST_REG, size, g->ax, rcp_y, size * 1.2, 0);
	fl.n = 0;

	/* Information block: reference and date, level with the address. */
	y = g->rcp_y - MM(4);
	text_at(c, 0, S(l->label_reference), strlen(S(l->label_reference)), ST_REG, LABEL_SIZE,
		g->ix, y, 0.35);
	wrap(c, S(l->reference), strlen(S(l->reference)), ST_REG, INFO_SIZE, g->iw, &fl);
	y = place_lines(c, &fl, ST_REG, INFO_SIZE, g->ix, y + MM(4), MM(4.2), 0);
	fl.n = 0;
	y += MM(6.5);
	text_at(c, 0, S(l->label_date), strlen(S(l->label_date)), ST_REG, LABEL_SIZE, g->ix, y, 0.35);
	wrap(c, S(l->place_date), strlen(S(l->place_date)), ST_REG, INFO_SIZE, g->iw, &fl);
	y = place_lines(c, &fl, ST_REG, INFO_SIZE, g->ix, y + MM(4), MM(4.2), 0);
	free(fl.v);

	/* The body starts below the window and the blocks beside it. */
	double top = g->field_bottom + MM(8.5);
	if (bottom + MM(14) > top)
		top = bottom + MM(14);
	if (y + MM(14) > top)
		top = y + MM(14);
	return top;
}

static void new_page(struct ctx *c)
{
	c->page++;
	c->y = c->g.cont_top;
}

/* flow: a block of wrapped lines in the body, with gap pt before it (not at
 * the top of a page). keep: all lines on one page. Otherwise at least two
 * lines stay together at the bottom (orphans) and at the top (widows). */
static void flow_at(struct ctx *c, const struct flines *fl, int style, double gap, int keep,
		    double indent, const char *marker, size_t mlen)
{
	double lh = c->lh, bottom = c->g.body_bottom;
	size_t i = 0, k = fl->n;

	if (c->y > c->g.cont_top || c->page == 0)
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
		int at_top = c->y <= c->g.cont_top + 0.01;
		if (take == 0 && at_top)	/* never loop: a whole page is not enough */
			take = fit ? (fit < rem ? fit : rem) : 1;
		for (size_t j = 0; j < take; j++, i++) {
			if (i == 0 && mlen)
				text_at(c, c->page, marker, mlen, style, BODY_SIZE, c->g.ml, c->y, 0);
			text_at(c, c->page, fl->v[i].s, fl->v[i].n, style, BODY_SIZE, c->g.ml + indent,
				c->y, 0);
			c->y += lh;
		}
		if (i < k)
			new_page(c);
	}
}

static void flow(struct ctx *c, const struct flines *fl, int style, double gap, int keep)
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

static void layout_body(struct ctx *c, double top)
{
	const struct letter *l = c->l;
	double tw = c->g.pw - c->g.ml - c->g.mr, lh = c->lh, pgap = lh * 0.7;
	struct flines fl = { 0 };

	c->page = 0;
	c->y = top;
	wrap(c, S(l->subject), strlen(S(l->subject)), ST_BOLD, BODY_SIZE, tw, &fl);
	flow(c, &fl, ST_BOLD, 0, 1);
	fl.n = 0;
	wrap(c, S(l->salutation), strlen(S(l->salutation)), ST_REG, BODY_SIZE, tw, &fl);
	flow(c, &fl, ST_REG, lh * 0.9, 0);
	/* A paragraph that starts with a list marker hangs from it; list items
	 * in a row are set closer together. */
	int prev_item = 0;
	for (size_t i = 0; i < l->paragraphs.n; i++) {
		const char *p = l->paragraphs.v[i];
		size_t n = strlen(p), m = bullet(p);
		double indent = 0;
		fl.n = 0;
		if (m) {
			indent = width(c, p, m, ST_REG, BODY_SIZE);
			if (indent < MM(4))
				indent = MM(4);
		}
		wrap(c, p + m, n - m, ST_REG, BODY_SIZE, tw - indent, &fl);
		flow_at(c, &fl, ST_REG, m && prev_item ? lh * 0.3 : pgap, 0, indent, p, m ? m - 1 : 0);
		prev_item = m > 0;
	}

	/* Closing, room for the signature, typed name: kept together. */
	struct flines cl = { 0 }, nm = { 0 };
	wrap(c, S(l->closing), strlen(S(l->closing)), ST_REG, BODY_SIZE, tw, &cl);
	wrap(c, S(l->signer), strlen(S(l->signer)), ST_REG, BODY_SIZE, tw, &nm);
	double space = SIG_SPACE;
	if (c->sig && c->sig_h + MM(9) > space)
		space = c->sig_h + MM(9);
	double need = (double)(cl.n ? cl.n - 1 : 0) * lh + space + (double)(nm.n ? nm.n - 1 : 0) * lh;
	if (c->y + pgap + need > c->g.body_bottom)
		new_page(c);
	else
		c->y += pgap;
	double y = c->y;
	for (size_t i = 0; i < cl.n; i++, y += lh)
		text_at(c, c->page, cl.v[i].s, cl.v[i].n, ST_REG, BODY_SIZE, c->g.ml, y, 0);
	y = y - lh + space;
	if (c->sig) {
		struct item *it = add_item(c, K_IMAGE);
		it->x = c->g.ml;
		it->y = y - MM(5);	/* bottom edge, above the name's capitals */
		it->w = c->sig_w;
		it->h = c->sig_h;
	}
	for (size_t i = 0; i < nm.n; i++, y += lh)
		text_at(c, c->page, nm.v[i].s, nm.v[i].n, ST_REG, BODY_SIZE, c->g.ml, y, 0);
	free(cl.v);
	free(nm.v);
	free(fl.v);
}

/* page_label: label_page with {page} and {pages} replaced. */
static char *page_label(struct ctx *c, int n, int total)
{
	struct buf b = BUF_INIT;
	const char *p = S(c->l->label_page);
	b.max = (size_t)-1;
	while (*p) {
		if (!strncmp(p, "{page}", 6)) {
			buf_printf(&b, "%d", n);
			p += 6;
		} else if (!strncmp(p, "{pages}", 7)) {
			buf_printf(&b, "%d", total);
			p += 7;
		} else {
			buf_addc(&b, *p++);
		}
	}
	char *s = buf_detach(&b, NULL);
	strv_take(&c->owned, s);
	return s;
}

static void layout_marks(struct ctx *c, int pages)
{
	const struct letter *l = c->l;
	struct geom *g = &c->g;
	double right = g->pw - g->mr;

	for (int i = 0; i < 2; i++)
		rule_at(c, 0, MM(4), g->folds[i], MM(9), g->folds[i]);
	if (g->punch > 0)
		rule_at(c, 0, MM(4), g->punch, MM(11), g->punch);
	if (pages < 2)
		return;
	for (int p = 0; p < pages; p++) {
		char *lab = page_label(c, p + 1, pages);
		size_t n = strlen(lab);
		double w = width(c, lab, n, ST_REG, HEADER_SIZE);
		if (p == 0) {
			text_at(c, 0, lab, n, ST_REG, HEADER_SIZE, right - w, g->foot_y, 0.3);
			continue;
		}
		const char *who = l->sender.n ? l->sender.v[0] : "";
		char *head = xasprintf("%s%s%s", who, *who ? " \xC2\xB7 " : "", S(l->reference));
		strv_take(&c->owned, head);
		/* the header is one line: cut the name short rather than overlap */
		size_t hn = strlen(head);
		double room = right - g->ml - w - MM(8);
		while (hn > 0 && width(c, head, hn, ST_REG, HEADER_SIZE) > room) {
			hn--;
			while (hn && (head[hn] & 0xC0) == 0x80)
				hn--;
		}
		text_at(c, p, head, hn, ST_REG, HEADER_SIZE, g->ml, g->head_y, 0.3);
		text_at(c, p, lab, n, ST_REG, HEADER_SIZE, right - w, g->head_y, 0.3);
		rule_at(c, p, g->ml, g->head_y + MM(2.5), right, g->head_y + MM(2.5));
	}
}

/* ------------------------------------------------------------------ */
/* Drawing */

struct pen {
	HPDF_Font font;
	double size, gray;
	int fake_bold;
};

static void set_font(struct ctx *c, HPDF_Page page, struct pen *pen, HPDF_Font f, double size,
		     int fake_bold)
{
	if (pen->font != f || pen->size != size) {
		HPDF_Page_SetFontAndSize(page, f, (HPDF_REAL)size);
		pen->font = f;
		pen->size = size;
	}
	if (pen->fake_bold != fake_bold) {
		/* No bold CJK face: fill and stroke the outlines instead. */
		HPDF_Page_SetTextRenderingMode(page, fake_bold ? HPDF_FILL_THEN_STROKE : HPDF_FILL);
		pen->fake_bold = fake_bold;
	}
}

static void draw_text(struct ctx *c, HPDF_Page page, struct pen *pen, const struct item *it)
{
	double x = it->x, y = c->g.ph - it->y;

	if (pen->gray != it->gray) {
		HPDF_Page_SetGrayFill(page, (HPDF_REAL)it->gray);
		HPDF_Page_SetGrayStroke(page, (HPDF_REAL)it->gray);
		pen->gray = it->gray;
	}
	c->scratch.len = 0;
	c->scratch.data[0] = '\0';
	if (c->cp) {
		struct buf vis = BUF_INIT;
		vis.max = (size_t)-1;
		add_visible(&vis, it->s, it->n);
		enum conv_status st = conv_run(c->conv, vis.data, vis.len, &c->scratch, NULL);
		buf_free(&vis);
		if (st != CONV_OK) {
			fail(c, EX_SOFTWARE, "text changed its character set while drawing");
			return;
		}
		set_font(c, page, pen, c->font[it->style == ST_BOLD ? F_BOLD : F_REG], it->size, 0);
		HPDF_Page_TextOut(page, (HPDF_REAL)x, (HPDF_REAL)y, c->scratch.data);
		return;
	}
	/* Unicode: runs of one font each. */
	const char *p = it->s, *end = it->s + it->n;
	while (p < end) {
		uint32_t cp;
		const char *q = p;
		conv_utf8_next(&q, end, &cp);
		int slot = glyph(c, it->style, cp)->slot;
		long w = 0;
		c->scratch.len = 0;
		while (p < end) {
			q = p;
			conv_utf8_next(&q, end, &cp);
			const struct glyph *gl = glyph(c, it->style, cp);
			if (gl->slot != slot && !is_invisible(cp))
				break;
			w += gl->w;
			if (cp == '\t')
				buf_addc(&c->scratch, ' ');
			else if (!is_invisible(cp))
				buf_add(&c->scratch, p, (size_t)(q - p));
			p = q;
		}
		if (c->scratch.len == 0)
			continue;
		set_font(c, page, pen, c->font[slot], it->size, slot == F_CJK && it->style == ST_BOLD);
		HPDF_Page_TextOut(page, (HPDF_REAL)x, (HPDF_REAL)y, c->scratch.data);
		x += (double)w * it->size / 1000.0;
	}
}

static int draw(struct ctx *c, int pages)
{
	HPDF_Page *pg = xcalloc((size_t)pages, sizeof *pg);
	for (int p = 0; p < pages; p++) {
		pg[p] = HPDF_AddPage(c->pdf);
		HPDF_Page_SetWidth(pg[p], (HPDF_REAL)c->g.pw);
		HPDF_Page_SetHeight(pg[p], (HPDF_REAL)c->g.ph);
	}
	if (hpdf_failed(c, "adding pages")) {
		free(pg);
		return c->rc;
	}
	for (int p = 0; p < pages && !c->err; p++) {
		HPDF_Page page = pg[p];
		HPDF_Page_SetLineWidth(page, 0.4);
		for (size_t i = 0; i < c->nitems; i++) {
			const struct item *it = &c->items[i];
			if (it->page != p || it->kind != K_RULE)
				continue;
			HPDF_Page_SetGrayStroke(page, (HPDF_REAL)it->gray);
			HPDF_Page_MoveTo(page, (HPDF_REAL)it->x, (HPDF_REAL)(c->g.ph - it->y));
			HPDF_Page_LineTo(page, (HPDF_REAL)it->w, (HPDF_REAL)(c->g.ph - it->h));
			HPDF_Page_Stroke(page);
		}
		for (size_t i = 0; i < c->nitems; i++) {
			const struct item *it = &c->items[i];
			if (it->page == p && it->kind == K_IMAGE)
				HPDF_Page_DrawImage(page, c->sig, (HPDF_REAL)it->x,
						    (HPDF_REAL)(c->g.ph - it->y), (HPDF_REAL)it->w,
						    (HPDF_REAL)it->h);
		}
		/* Line width for the fake bold of CJK text. */
		HPDF_Page_SetLineWidth(page, (HPDF_REAL)(BODY_SIZE * 0.035));
		HPDF_Page_BeginText(page);
		struct pen pen = { NULL, 0, 0, 0 };
		HPDF_Page_SetGrayFill(page, 0);
		HPDF_Page_SetGrayStroke(page, 0);
		for (size_t i = 0; i < c->nitems && !c->err; i++) {
			const struct item *it = &c->items[i];
			if (it->page == p && it->kind == K_TEXT && it->n)
				draw_text(c, page, &pen, it);
		}
		HPDF_Page_EndText(page);
	}
	free(pg);
	if (c->err)
		return c->rc;
	if (hpdf_failed(c, "drawing"))
		return c->rc;
	return 0;
}

static int load_signature(struct ctx *c)
{
	const char *path = c->l->signature_png;
	if (!path || !*path)
		return 0;
	FILE *f = fopen(path, "rb");
	if (!f)
		return fail(c, EX_NOINPUT, "cannot open signature image '%s': %s", path,
			    strerror(errno));
	unsigned char sig[8] = { 0 };
	size_t got = fread(sig, 1, sizeof sig, f);
	fclose(f);
	if (got != 8 || memcmp(sig, "\x89PNG\r\n\x1a\n", 8) != 0)
		return fail(c, EX_DATAERR, "signature image '%s' is not a PNG file", path);
	c->sig = HPDF_LoadPngImageFromFile(c->pdf, path);
	if (!c->sig || c->herr) {
		c->herr = 0;
		c->sig = NULL;
		return fail(c, EX_DATAERR, "cannot read signature image '%s' (a damaged PNG?)", path);
	}
	/* libharu 2.3.0 writes a PNG's alpha channel (the /SMask) uncompressed,
	 * 100 KB and more for a scanned signature: compress it. */
	HPDF_Dict smask = HPDF_Dict_GetItem(c->sig, "SMask", HPDF_OCLASS_DICT);
	if (smask)
		smask->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	c->herr = 0;	/* GetItem reports a missing key as an error */
	double pw = HPDF_Image_GetWidth(c->sig), ph = HPDF_Image_GetHeight(c->sig);
	if (pw <= 0 || ph <= 0)
		return fail(c, EX_DATAERR, "signature image '%s' is empty", path);
	c->sig_h = SIG_MAX_H;
	c->sig_w = c->sig_h * pw / ph;
	if (c->sig_w > SIG_MAX_W) {
		c->sig_w = SIG_MAX_W;
		c->sig_h = c->sig_w * ph / pw;
	}
	return 0;
}

/* fix_tounicode: libharu 2.3.0 gives a UTF-8 font its encoding CMap as
 * /ToUnicode, which is not a ToUnicode map at all (poppler warns "Invalid
 * 'begincidrange' operator" and other readers extract garbage). Its codes
 * (CIDs) are the Unicode values themselves, so the right map is the
 * identity over the 256-character blocks this document uses. */
static int fix_tounicode(struct ctx *c)
{
	struct buf m = BUF_INIT;
	size_t blocks = 0;

	m.max = (size_t)-1;
	for (int b = 0; b < 256; b++)
		if (c->gpage[ST_REG][b] || c->gpage[ST_BOLD][b])
			blocks++;
	buf_adds(&m, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
		 "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
		 "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
		 "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	size_t in_group = 0;
	for (int b = 0; b < 256; b++) {
		if (!c->gpage[ST_REG][b] && !c->gpage[ST_BOLD][b])
			continue;
		if (in_group == 0)
			buf_printf(&m, "%zu beginbfrange\n", blocks > 100 ? 100 : blocks);
		buf_printf(&m, "<%02X00> <%02XFF> <%02X00>\n", b, b, b);
		blocks--;
		if (++in_group == 100 || blocks == 0) {
			buf_adds(&m, "endbfrange\n");
			in_group = 0;
		}
	}
	buf_adds(&m, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");

	for (int s = 0; s < F_N; s++) {
		if (!c->have[s] || !c->font[s])
			continue;
		HPDF_Dict tu = HPDF_DictStream_New(c->pdf->mmgr, c->pdf->xref);
		if (!tu)
			break;
		tu->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
		HPDF_Stream_Write(tu->stream, (const HPDF_BYTE *)m.data, (HPDF_UINT)m.len);
		HPDF_Dict_Add(c->font[s], "ToUnicode", tu);
	}
	buf_free(&m);
	return hpdf_failed(c, "writing the ToUnicode maps") ? c->rc : 0;
}

/* ------------------------------------------------------------------ */
/* Metadata and saving */

static void set_info(struct ctx *c)
{
	const struct letter *l = c->l;
	const char *producer = c->opts && c->opts->producer ? c->opts->producer : "objector";

	if (c->cp)
		HPDF_UseUTFEncodings(c->pdf);
	HPDF_SetCurrentEncoder(c->pdf, "UTF-8");
	HPDF_SetInfoAttr(c->pdf, HPDF_INFO_TITLE, S(l->subject));
	HPDF_SetInfoAttr(c->pdf, HPDF_INFO_SUBJECT, S(l->subject));
	HPDF_SetInfoAttr(c->pdf, HPDF_INFO_AUTHOR, S(l->signer));
	HPDF_SetInfoAttr(c->pdf, HPDF_INFO_KEYWORDS, S(l->reference));
	HPDF_SetInfoAttr(c->pdf, HPDF_INFO_CREATOR, producer);
	HPDF_SetInfoAttr(c->pdf, HPDF_INFO_PRODUCER, producer);

	time_t t = c->opts && c->opts->created ? c->opts->created : time(NULL);
	struct tm tm;
	if (!localtime_r(&t, &tm))
		return;
	long off = tm.tm_gmtoff, a = off < 0 ? -off : off;
	HPDF_Date d = {
		.year = tm.tm_year + 1900, .month = tm.tm_mon + 1, .day = tm.tm_mday,
		.hour = tm.tm_hour, .minutes = tm.tm_min, .seconds = tm.tm_sec > 59 ? 59 : tm.tm_sec,
		.ind = off == 0 ? 'Z' : off > 0 ? '+' : '-',
		.off_hour = (HPDF_INT)(a / 3600), .off_minutes = (HPDF_INT)(a % 3600 / 60),
	};
	HPDF_SetInfoDateAttr(c->pdf, HPDF_INFO_CREATION_DATE, d);
	HPDF_SetInfoDateAttr(c->pdf, HPDF_INFO_MOD_DATE, d);
}

static int save(struct ctx *c, struct buf *out)
{
	size_t start = out->len;
	if (HPDF_SaveToStream(c->pdf) != HPDF_OK || hpdf_failed(c, "writing the PDF"))
		return fail(c, EX_SOFTWARE, "libharu cannot write the PDF");
	HPDF_ResetStream(c->pdf);
	for (;;) {
		HPDF_BYTE tmp[8192];
		HPDF_UINT32 n = sizeof tmp;
		HPDF_STATUS st = HPDF_ReadFromStream(c->pdf, tmp, &n);
		if (n && buf_add(out, tmp, n) < 0) {
			buf_truncate(out, start);
			return fail(c, EX_SOFTWARE, "the PDF is larger than its buffer allows");
		}
		if (st == HPDF_STREAM_EOF)
			break;
		if (st != HPDF_OK) {
			buf_truncate(out, start);
			c->herr = st;
			hpdf_failed(c, "reading the PDF stream");
			return c->rc;
		}
	}
	return 0;
}

/* ------------------------------------------------------------------ */

int pdf_render(const struct letter *l, const struct pdf_opts *opts, struct buf *out,
	       char **errstr)
{
	struct ctx c;
	int pages;

	memset(&c, 0, sizeof c);
	c.l = l;
	c.opts = opts;
	buf_init(&c.scratch, 0);

	if (collect(&c))
		goto done;
	c.pdf = HPDF_New(on_hpdf_error, &c);
	if (!c.pdf) {
		fail(&c, EX_SOFTWARE, "libharu cannot create a document");
		goto done;
	}
	HPDF_SetCompressionMode(c.pdf, HPDF_COMP_ALL);
	if (!c.needs_cjk) {
		int r = try_codepages(&c);
		if (r < 0)
			goto done;
	}
	if (!c.cp && unicode_fonts(&c))
		goto done;
	if (load_signature(&c))
		goto done;

	set_geometry(&c);
	layout_body(&c, layout_head(&c));
	pages = c.page + 1;
	layout_marks(&c, pages);
	if (draw(&c, pages))
		goto done;
	if (!c.cp && fix_tounicode(&c))
		goto done;
	set_info(&c);
	if (hpdf_failed(&c, "setting the metadata"))
		goto done;
	save(&c, out);

done:
	if (c.pdf)
		HPDF_Free(c.pdf);
	conv_close(c.conv);
#ifdef USE_HB
	for (int s = 0; s < F_N; s++)
		hb_set_destroy(c.used[s]);
#endif
	for (int s = 0; s < ST_N; s++)
		for (int i = 0; i < 256; i++)
			free(c.gpage[s][i]);
	free(c.texts);
	free(c.items);
	strv_free(&c.owned);
	buf_free(&c.scratch);
	if (c.err) {
		if (errstr)
			*errstr = c.err;
		else
			free(c.err);
		return c.rc;
	}
	return 0;
}
