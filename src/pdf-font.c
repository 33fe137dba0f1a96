/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf-font.c: choosing, checking and subsetting the fonts of a PDF letter;
 * see pdf-font.h. The only file that includes HarfBuzz.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

/* HarfBuzz's subsetter, with the API of 2.9.0 and later (subset flags,
 * table sets). Without it, or with -DPDF_NO_HARFBUZZ, whole fonts are
 * loaded and libharu keeps the glyphs used: correct but larger and slower.
 *
 * It is loaded with dlopen() the first time a letter needs a Unicode font,
 * not linked: with its dependencies (glib, freetype, graphite2, pcre2 ...)
 * it cost every process half a millisecond of start-up, while a letter that
 * fits a code page never uses it. The functions used are looked up once
 * into `hb`, and their names are mapped onto it (as smtp.c does for
 * libcurl). */
#if defined(HAVE_HB_SUBSET) && !defined(PDF_NO_HARFBUZZ)
#include <hb.h>
#if HB_VERSION_ATLEAST(2, 9, 0)
#define USE_HB 1
#include <dlfcn.h>
#include <hb-ot.h>
#include <hb-subset.h>
#ifndef HB_SUBSET_SONAME
#define HB_SUBSET_SONAME "libharfbuzz-subset.so.0"
#endif
#endif
#endif

#include "i18n.h"
#include "buf.h"
#include "conv.h"
#include "pdf-font.h"
#include "pdf-layout.h"
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

/* Single-byte code pages tried in order, with libharu's name for each. Only
 * Latin ones: the base-14 Times faces have no other glyphs. */
static const struct pdf_codepage codepages[] = {
	{ "CP1252", "WinAnsiEncoding" },
	{ "CP1250", "CP1250" },
	{ "CP1257", "CP1257" },
	{ "CP1254", "CP1254" },
};

__attribute__((format(printf, 3, 4)))
static int fail(char **err, int rc, const char *fmt, ...)
{
	if (*err)
		return rc;
	va_list ap;
	va_start(ap, fmt);
	*err = xvasprintf(fmt, ap);
	va_end(ap);
	return rc;
}

char *pdf_char_name(uint32_t cp)
{
	char u[5] = { 0 };
	if (!utf8_is_control(cp) && conv_utf8_put(cp, u) > 0)
		return xasprintf("\"%s\" (U+%04lX)", u, (unsigned long)cp);
	return xasprintf("U+%04lX", (unsigned long)cp);
}

/* fail_char: EX_DATAERR for cp in what: a control character, or one that
 * no font prints. */
static int fail_char(char **err, int control, uint32_t cp, const char *what)
{
	char *nm = pdf_char_name(cp);
	if (control)
		fail(err, EX_DATAERR, _("control character %s in %s"), nm, what);
	else
		fail(err, EX_DATAERR, _("cannot print %s in %s: no available font can show it"), nm,
		     what);
	free(nm);
	return EX_DATAERR;
}

int pdf_fonts_check(struct pdf_fonts *f, const struct pdf_text *t, size_t n, const char *lang,
		    char **err)
{
	/* (Latin text stays in DejaVu even then: UMing's Latin glyphs are
	 * typewriter-like and look wrong in an address.) */
	lang = lang ? lang : "";
	f->cjk = !strncmp(lang, "zh", 2) || !strncmp(lang, "ja", 2) || !strncmp(lang, "ko", 2);

	for (size_t i = 0; i < n; i++) {
		const char *p = t[i].s, *end = t[i].s + t[i].n;
		size_t bad = conv_utf8_check(t[i].s, t[i].n);
		if (bad < t[i].n)
			return fail(err, EX_DATAERR, _("invalid UTF-8 in %s (byte %zu)"), t[i].what,
				    bad + 1);
		while (p < end) {
			uint32_t cp;
			conv_utf8_next(&p, end, &cp);
			if ((utf8_is_control(cp) && cp != '\n' && cp != '\t') || cp == 0x2028 ||
			    cp == 0x2029)
				return fail_char(err, 1, cp, t[i].what);
			if (cp > 0xFFFF)	/* libharu 2.3.0 cannot print these at all */
				return fail_char(err, 0, cp, t[i].what);
			if (utf8_is_cjk(cp))
				f->cjk = 1;
		}
	}
	return 0;
}

/* The code pages' converters, opened on first use and kept for the life of
 * the process: iconv_open loads a gconv module and iconv_close unloads it,
 * which cost a tenth of a Unicode letter's time when done per letter. */
#define NCODEPAGES (sizeof codepages / sizeof codepages[0])
static struct conv *cp_conv[NCODEPAGES];
static int cp_opened[NCODEPAGES], cp_atexit;

static void cp_conv_free(void)
{
	for (size_t i = 0; i < NCODEPAGES; i++) {
		conv_close(cp_conv[i]);
		cp_conv[i] = NULL;
		cp_opened[i] = 0;
	}
}

static struct conv *codepage_conv(size_t i)
{
	if (!cp_opened[i]) {
		if (!cp_atexit++)
			atexit(cp_conv_free);
		cp_conv[i] = conv_open(codepages[i].iconv);
		cp_opened[i] = 1;
	}
	return cp_conv[i];
}

int pdf_fonts_codepage(struct pdf_fonts *f, const struct pdf_text *t, size_t n)
{
	struct buf all = BUF_INIT;
	all.max = (size_t)-1;
	for (size_t i = 0; i < n; i++) {
		pdf_add_visible(&all, t[i].s, t[i].n);
		BUF_MUST(buf_addc(&all, '\n'));
	}
	for (size_t i = 0; i < NCODEPAGES; i++) {
		struct conv *cv = codepage_conv(i);
		if (cv && conv_fits(cv, all.data, all.len)) {
			f->cp = &codepages[i];
			f->conv = cv;
			break;
		}
	}
	buf_free(&all);
	return f->cp != NULL;
}

/* ------------------------------------------------------------------ */
/* Faces (HarfBuzz side: cached for the life of the process) */

#ifdef USE_HB
#define HB_FUNCS(X) \
	X(hb_blob_create_from_file) X(hb_blob_destroy) X(hb_blob_get_data) X(hb_blob_get_length) \
	X(hb_face_builder_add_table) X(hb_face_builder_create) X(hb_face_collect_unicodes) \
	X(hb_face_count) X(hb_face_create) X(hb_face_destroy) X(hb_face_get_glyph_count) \
	X(hb_face_reference_blob) X(hb_face_reference_table) X(hb_language_from_string) \
	X(hb_ot_name_get_utf8) X(hb_set_add) X(hb_set_clear) X(hb_set_create) X(hb_set_destroy) \
	X(hb_set_get_population) X(hb_set_has) X(hb_set_next) X(hb_set_union) \
	X(hb_subset_input_create_or_fail) X(hb_subset_input_destroy) X(hb_subset_input_set) \
	X(hb_subset_input_set_flags) X(hb_subset_input_unicode_set) X(hb_subset_or_fail)

#define HB_SLOT(f) __typeof__(f) *f;
static struct {
	HB_FUNCS(HB_SLOT)
} hb;

/* load_hb: dlopen HarfBuzz's subsetter once (its library brings HarfBuzz
 * itself, which dlsym searches too) and look up the functions used; 0, or
 * EX_SOFTWARE with *err set. */
static int load_hb(char **err)
{
	static int state;	/* 0 not tried, 1 loaded, -1 failed */
	static char *why;
	if (state == 0) {
		state = -1;
		void *h = dlopen(HB_SUBSET_SONAME, RTLD_NOW | RTLD_LOCAL);
		if (!h) {
			const char *e = dlerror();
			why = xasprintf(_("cannot load HarfBuzz (%s): %s"), HB_SUBSET_SONAME,
					e ? e : "not found");
		}
#define HB_LOOKUP(f)                                                                     \
		if (h && !why && !(*(void **)&hb.f = dlsym(h, #f)))                      \
			why = xasprintf(_("cannot load HarfBuzz (%s): no %s"), HB_SUBSET_SONAME, #f);
		HB_FUNCS(HB_LOOKUP)
#undef HB_LOOKUP
		if (!why)
			state = 1;
	}
	if (state > 0)
		return 0;
	return fail(err, EX_SOFTWARE, "%s", why);
}

/* From here on, HarfBuzz's names are the functions looked up. */
#define HB_ALIAS(f) hb.f
#define hb_blob_create_from_file HB_ALIAS(hb_blob_create_from_file)
#define hb_blob_destroy HB_ALIAS(hb_blob_destroy)
#define hb_blob_get_data HB_ALIAS(hb_blob_get_data)
#define hb_blob_get_length HB_ALIAS(hb_blob_get_length)
#define hb_face_builder_add_table HB_ALIAS(hb_face_builder_add_table)
#define hb_face_builder_create HB_ALIAS(hb_face_builder_create)
#define hb_face_collect_unicodes HB_ALIAS(hb_face_collect_unicodes)
#define hb_face_count HB_ALIAS(hb_face_count)
#define hb_face_create HB_ALIAS(hb_face_create)
#define hb_face_destroy HB_ALIAS(hb_face_destroy)
#define hb_face_get_glyph_count HB_ALIAS(hb_face_get_glyph_count)
#define hb_face_reference_blob HB_ALIAS(hb_face_reference_blob)
#define hb_face_reference_table HB_ALIAS(hb_face_reference_table)
#define hb_language_from_string HB_ALIAS(hb_language_from_string)
#define hb_ot_name_get_utf8 HB_ALIAS(hb_ot_name_get_utf8)
#define hb_set_add HB_ALIAS(hb_set_add)
#define hb_set_clear HB_ALIAS(hb_set_clear)
#define hb_set_create HB_ALIAS(hb_set_create)
#define hb_set_destroy HB_ALIAS(hb_set_destroy)
#define hb_set_get_population HB_ALIAS(hb_set_get_population)
#define hb_set_has HB_ALIAS(hb_set_has)
#define hb_set_next HB_ALIAS(hb_set_next)
#define hb_set_union HB_ALIAS(hb_set_union)
#define hb_subset_input_create_or_fail HB_ALIAS(hb_subset_input_create_or_fail)
#define hb_subset_input_destroy HB_ALIAS(hb_subset_input_destroy)
#define hb_subset_input_set HB_ALIAS(hb_subset_input_set)
#define hb_subset_input_set_flags HB_ALIAS(hb_subset_input_set_flags)
#define hb_subset_input_unicode_set HB_ALIAS(hb_subset_input_unicode_set)
#define hb_subset_or_fail HB_ALIAS(hb_subset_or_fail)

struct pdf_face {
	char *path;
	int cjk;		/* picked the Traditional Chinese face of a collection */
	unsigned index;
	hb_face_t *face;
	hb_set_t *unicodes;
	struct pdf_face *next;
};

static struct pdf_face *face_cache;

static void face_cache_free(void)
{
	while (face_cache) {
		struct pdf_face *f = face_cache;
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

static const char *font_path(const char *opt, const char *env, const char *def)
{
	const char *e;
	if (opt && *opt)
		return opt;
	if ((e = getenv(env)) && *e)
		return e;
	return def;
}

static const char *slot_path(const struct pdf_opts *o, int slot)
{
	switch (slot) {
	case PDF_F_REG:
		return font_path(o ? o->font : NULL, "OBJECTOR_FONT", UNICODE_FONT);
	case PDF_F_BOLD:
		return font_path(o ? o->font_bold : NULL, "OBJECTOR_FONT_BOLD", UNICODE_BOLD_FONT);
	default:
		return font_path(o ? o->font_cjk : NULL, "OBJECTOR_CJK_FONT", CJK_FONT);
	}
}

/* open_slot: make the font file of slot known (a cached HarfBuzz face or,
 * without HarfBuzz, the whole font loaded through the loader). */
static int open_slot(struct pdf_fonts *f, const struct pdf_opts *opts, int slot, char **err)
{
	const char *path = slot_path(opts, slot);
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return fail(err, EX_NOINPUT, _("cannot open font '%s': %s"), path, strerror(errno));
	fclose(fp);
#ifdef USE_HB
	int rc = load_hb(err);
	if (rc)
		return rc;
	struct pdf_face *fc;
	for (fc = face_cache; fc; fc = fc->next)
		if (fc->cjk == (slot == PDF_F_CJK) && !strcmp(fc->path, path))
			break;
	if (!fc) {
		hb_blob_t *blob = hb_blob_create_from_file(path);
		unsigned idx = slot == PDF_F_CJK ? pick_index(blob) : 0;
		hb_face_t *face = hb_face_create(blob, idx);
		hb_blob_destroy(blob);
		if (hb_face_get_glyph_count(face) == 0) {
			hb_face_destroy(face);
			return fail(err, EX_NOINPUT, _("'%s' is not a TrueType font"), path);
		}
		if (!face_cache)
			atexit(face_cache_free);
		fc = xcalloc(1, sizeof *fc);
		fc->path = xstrdup(path);
		fc->cjk = slot == PDF_F_CJK;
		fc->index = idx;
		fc->face = face;
		fc->unicodes = hb_set_create();
		hb_face_collect_unicodes(face, fc->unicodes);
		fc->next = face_cache;
		face_cache = fc;
	}
	f->face[slot] = fc;
	f->used[slot] = hb_set_create();
#else
	int rc = f->ld->load(f->ld->ud, slot, path, NULL, err);
	if (rc)
		return rc;
#endif
	f->have[slot] = 1;
	return 0;
}

static int slot_has(const struct pdf_fonts *f, int slot, uint32_t cp)
{
	if (!f->have[slot])
		return 0;
#ifdef USE_HB
	return hb_set_has(f->face[slot]->unicodes, cp);
#else
	return f->ld->has(f->ld->ud, slot, cp);
#endif
}

int pdf_fonts_pick(const struct pdf_fonts *f, int style, uint32_t cp)
{
	if (cp == '\t')
		cp = ' ';
	if (f->cp)
		return style == PDF_BOLD ? PDF_F_BOLD : PDF_F_REG;
	if (utf8_is_cjk(cp) && slot_has(f, PDF_F_CJK, cp))
		return PDF_F_CJK;
	int s = style == PDF_BOLD ? PDF_F_BOLD : PDF_F_REG;
	if (slot_has(f, s, cp))
		return s;
	if (s == PDF_F_BOLD && slot_has(f, PDF_F_REG, cp))
		return PDF_F_REG;
	if (slot_has(f, PDF_F_CJK, cp))
		return PDF_F_CJK;
	return -1;
}

#ifdef USE_HB
/* embed_blob: the subset with only the tables a PDF reader needs of an
 * embedded CIDFontType2 font (ISO 32000-1, 9.9: glyphs by id, the widths
 * in the PDF): glyf, loca, head, hhea, hmtx, maxp, and the hinting tables
 * when there are any. The cmap, name, OS/2 and post tables stay out. */
static hb_blob_t *embed_blob(hb_face_t *sub)
{
	static const hb_tag_t keep[] = {
		HB_TAG('c', 'v', 't', ' '), HB_TAG('f', 'p', 'g', 'm'), HB_TAG('g', 'l', 'y', 'f'),
		HB_TAG('h', 'e', 'a', 'd'), HB_TAG('h', 'h', 'e', 'a'), HB_TAG('h', 'm', 't', 'x'),
		HB_TAG('l', 'o', 'c', 'a'), HB_TAG('m', 'a', 'x', 'p'), HB_TAG('p', 'r', 'e', 'p'),
	};
	hb_face_t *b = hb_face_builder_create();
	for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++) {
		hb_blob_t *t = hb_face_reference_table(sub, keep[i]);
		if (hb_blob_get_length(t))
			hb_face_builder_add_table(b, keep[i], t);
		hb_blob_destroy(t);
	}
	hb_blob_t *r = hb_face_reference_blob(b);
	hb_face_destroy(b);
	return r;
}

/* load_subset: cut the slot's face down to the code points it prints and
 * hand that to the loader. */
static int load_subset(struct pdf_fonts *f, int slot, char **err)
{
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	if (!in)
		xalloc_die();
	hb_set_t *u = hb_subset_input_unicode_set(in);
	hb_set_union(u, f->used[slot]);
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
	/* Names: family, style and PostScript name (libharu's BaseFont); the
	 * copyright and licence texts of a CJK font are larger than some
	 * letters' glyphs. */
	hb_set_t *names = hb_subset_input_set(in, HB_SUBSET_SETS_NAME_ID);
	hb_set_clear(names);
	hb_set_add(names, 1);
	hb_set_add(names, 2);
	hb_set_add(names, 6);
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
	hb_face_t *sub = hb_subset_or_fail(f->face[slot]->face, in);
	hb_subset_input_destroy(in);
	if (!sub)
		return fail(err, EX_SOFTWARE, _("cannot subset font '%s'"), f->face[slot]->path);
	hb_blob_t *blob = hb_face_reference_blob(sub), *eblob = embed_blob(sub);
	unsigned len, elen;
	struct pdf_subset ps;
	ps.data = hb_blob_get_data(blob, &len);
	ps.embed = hb_blob_get_data(eblob, &elen);
	ps.len = len;
	ps.embed_len = elen;
	size_t ncps = hb_set_get_population(f->used[slot]), i = 0;
	uint32_t *cps = xreallocarray(NULL, ncps ? ncps : 1, sizeof *cps);
	hb_codepoint_t cp = HB_SET_VALUE_INVALID;
	while (i < ncps && hb_set_next(f->used[slot], &cp))
		cps[i++] = cp;
	ps.cps = cps;
	ps.ncps = i;
	int rc = f->ld->load(f->ld->ud, slot, f->face[slot]->path, &ps, err);
	free(cps);
	hb_blob_destroy(eblob);
	hb_blob_destroy(blob);
	hb_face_destroy(sub);
	return rc;
}
#endif

int pdf_fonts_unicode(struct pdf_fonts *f, const struct pdf_opts *opts, const struct pdf_text *t,
		      size_t n, const struct pdf_font_loader *ld, char **err)
{
	int rc;
	f->ld = ld;
	if ((rc = open_slot(f, opts, PDF_F_REG, err)) || (rc = open_slot(f, opts, PDF_F_BOLD, err)))
		return rc;

	/* The CJK face is needed for CJK text and for anything DejaVu lacks. */
	for (size_t i = 0; i < n && !f->cjk; i++) {
		const char *p = t[i].s, *end = p + t[i].n;
		while (p < end) {
			uint32_t cp;
			conv_utf8_next(&p, end, &cp);
			if (cp != '\n' && cp != '\t' && !pdf_invisible(cp) &&
			    !slot_has(f, PDF_F_REG, cp)) {
				f->cjk = 1;
				break;
			}
		}
	}
	if (f->cjk && (rc = open_slot(f, opts, PDF_F_CJK, err)))
		return rc;

	for (size_t i = 0; i < n; i++) {
		const char *p = t[i].s, *end = t[i].s + t[i].n;
		while (p < end) {
			uint32_t cp;
			conv_utf8_next(&p, end, &cp);
			if (cp == '\n' || pdf_invisible(cp))
				continue;
			int s = pdf_fonts_pick(f, t[i].style, cp);
			if (s < 0)
				return fail_char(err, 0, cp, t[i].what);
#ifdef USE_HB
			hb_set_add(f->used[s], cp == '\t' ? ' ' : cp);
#endif
		}
	}
#ifdef USE_HB
	for (int s = 0; s < PDF_NSLOTS; s++)
		if (f->have[s] && (rc = load_subset(f, s, err)))
			return rc;
#endif
	return 0;
}

void pdf_fonts_free(struct pdf_fonts *f)
{
	f->conv = NULL;	/* one of cp_conv[] */
#ifdef USE_HB
	for (int s = 0; s < PDF_NSLOTS; s++) {
		if (f->used[s])	/* none unless HarfBuzz was loaded */
			hb_set_destroy(f->used[s]);
		f->used[s] = NULL;
	}
#endif
}
