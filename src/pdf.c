/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf.c: a struct letter drawn as a PDF with libharu; see pdf.h. The only
 * file that includes <hpdf.h>. A render goes:
 *
 *   collect   every string the letter prints, checked (pdf_fonts_check);
 *   fonts     a code page with the base-14 Times faces, or embedded subsets
 *             of the Unicode and CJK fonts (pdf-font.c chooses and subsets;
 *             here they are loaded into the document);
 *   layout    positioned lines on pages (pdf-layout.c), measured with the
 *             widths libharu reports for the chosen fonts;
 *   draw      the lines in runs of one font each, fold and punch marks,
 *             the signature image;
 *   save      metadata, compressed, into the caller's buffer.
 *
 * libharu pitfalls handled here: it prints characters a font lacks as empty
 * boxes and drops those above U+FFFF silently (checked before drawing); its
 * word wrapping only knows ASCII spaces (pdf-layout.c measures per
 * character); it loads TrueType fonts from files only (a subset goes
 * through a temporary file); the UTF-8 encoder must be current before
 * metadata is set.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include <hpdf.h>

#include "i18n.h"
#include "buf.h"
#include "conv.h"
#include "date.h"
#include "letter.h"
#include "pdf-font.h"
#include "pdf-layout.h"
#include "pdf-pack.h"
#include "pdf.h"
#include "strv.h"
#include "xalloc.h"

#define MM PDF_MM
#define SIG_MAX_W	MM(60)
#define SIG_MAX_H	MM(16)

struct glyph {
	int16_t w;		/* advance in 1/1000 em */
	int8_t slot;
	int8_t known;
	uint16_t code;		/* its code (glyph id) in a compact font (get_font); 0: none */
};

struct ctx {
	const struct letter *l;
	const struct pdf_opts *opts;
	HPDF_Doc pdf;
	HPDF_STATUS herr, hdetail;
	int rc;
	char *err;

	struct pdf_text *texts;		/* what the letter prints */
	size_t ntexts;
	struct pdf_fonts fonts;		/* which fonts print it */
	HPDF_Font font[PDF_NSLOTS];	/* those fonts in the document */
	HPDF_FontDef fdef[PDF_NSLOTS];	/* without HarfBuzz: whole fonts */
	uint32_t *cps[PDF_NSLOTS];	/* compact fonts: code code[k] prints cps[k] */
	uint16_t *code[PDF_NSLOTS];	/* (cps ascending; the codes are glyph ids) */
	size_t ncps[PDF_NSLOTS];
	struct glyph *gpage[PDF_NSTYLES][256];	/* BMP widths, 256 code points a page */

	struct pdf_layout lay;		/* where everything goes */
	HPDF_Image sig;
	double sig_w, sig_h;
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
	fail(c, EX_SOFTWARE, _("libharu failed %s (error 0x%04lX, detail %lu)"), doing,
	     (unsigned long)c->herr, (unsigned long)c->hdetail);
	return 1;
}

static const char *S(const char *s)
{
	return s ? s : "";
}

/* ------------------------------------------------------------------ */
/* Collecting the text */

static void add_text(struct ctx *c, const char *s, int style, const char *what, size_t idx)
{
	struct pdf_text *t;
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

/* collect: every string the letter prints. */
static void collect(struct ctx *c)
{
	const struct letter *l = c->l;

	add_text(c, l->return_address, PDF_REG, "the return address", 0);
	for (size_t i = 0; i < l->sender.n; i++)
		add_text(c, l->sender.v[i], i == 0 ? PDF_BOLD : PDF_REG, "sender line", i + 1);
	if (l->sender.n)
		add_text(c, l->sender.v[0], PDF_REG, "sender line", 1);	/* following pages' header */
	for (size_t i = 0; i < l->recipient.n; i++)
		add_text(c, l->recipient.v[i], PDF_REG, "recipient line", i + 1);
	add_text(c, l->label_reference, PDF_REG, "the reference label", 0);
	add_text(c, l->reference, PDF_REG, "the reference", 0);
	add_text(c, l->label_date, PDF_REG, "the date label", 0);
	add_text(c, l->place_date, PDF_REG, "the place and date", 0);
	add_text(c, l->subject, PDF_BOLD, "the subject", 0);
	add_text(c, l->salutation, PDF_REG, "the salutation", 0);
	for (size_t i = 0; i < l->paragraphs.n; i++)
		add_text(c, l->paragraphs.v[i], PDF_REG, "paragraph", i + 1);
	add_text(c, l->closing, PDF_REG, "the closing", 0);
	add_text(c, l->signer, PDF_REG, "the signer's name", 0);
	add_text(c, l->label_page, PDF_REG, "the page label", 0);
	add_text(c, " \xC2\xB7 0123456789", PDF_REG, "page numbers", 0);
}

/* check: every collected text printable (pdf_fonts_check), in lang. */
static int check(struct ctx *c, const char *lang)
{
	return c->rc = pdf_fonts_check(&c->fonts, c->texts, c->ntexts, lang, &c->err);
}

/* ------------------------------------------------------------------ */
/* Loading fonts into the document */

#if HPDF_VERSION_ID == 20300
/* compact_widths: the /W array of a compact font (get_font) again, over
 * its codes code[0..n) (ascending) with the advances w[]: runs of equal
 * widths as "first last width" (a CJK font's characters are all 1000
 * wide: one entry instead of one number each), the others listed. */
static void compact_widths(struct ctx *c, HPDF_Font f, const uint16_t *code, const HPDF_INT *w,
			   size_t n)
{
	HPDF_FontAttr fa = f->attr;
	if (!fa || !fa->descendant_font || !fa->fontdef)
		return;
	HPDF_INT dw = fa->fontdef->missing_width;
	HPDF_Array arr = HPDF_Array_New(c->pdf->mmgr), list = NULL;
	if (!arr)
		return;
	for (size_t k = 0; k < n;) {
		size_t e = k + 1;
		while (e < n && code[e] == code[e - 1] + 1 && w[e] == w[k])
			e++;
		if (w[k] == dw) {
			list = NULL;
		} else if (e - k >= 3) {
			HPDF_Array_AddNumber(arr, code[k]);
			HPDF_Array_AddNumber(arr, code[e - 1]);
			HPDF_Array_AddNumber(arr, w[k]);
			list = NULL;
		} else {
			for (size_t i = k; i < e; i++) {
				if (list && i > 0 && code[i] != code[i - 1] + 1)
					list = NULL;
				if (!list) {
					list = HPDF_Array_New(c->pdf->mmgr);
					HPDF_Array_AddNumber(arr, code[i]);
					HPDF_Array_Add(arr, list);
				}
				HPDF_Array_AddNumber(list, w[i]);
			}
		}
		k = e;
		if (k < n && code[k] != code[k - 1] + 1)
			list = NULL;
	}
	HPDF_Dict_Add(fa->descendant_font, "W", arr);
}

/* font_descriptor: the FontDescriptor of a compact font, with the font
 * program embed (see struct pdf_subset) as its FontFile2, made here so
 * that libharu does not write its own copy of the font file (with its
 * cmap, name, OS/2 and post tables, which a CIDFontType2 font addressed
 * by glyph id does not use). The entries are libharu's, with CapHeight. */
static int font_descriptor(struct ctx *c, HPDF_FontDef def, const void *embed, size_t len)
{
	HPDF_MMgr mm = c->pdf->mmgr;
	HPDF_TTFontDefAttr ta = def->attr;
	HPDF_Dict d = HPDF_Dict_New(mm), ff;
	if (!d || HPDF_Xref_Add(c->pdf->xref, d) != HPDF_OK)
		return -1;
	HPDF_STATUS r = HPDF_Dict_AddName(d, "Type", "FontDescriptor");
	r += HPDF_Dict_AddName(d, "FontName", ta->base_font);
	r += HPDF_Dict_AddNumber(d, "Flags", (HPDF_INT32)def->flags);
	r += HPDF_Dict_Add(d, "FontBBox", HPDF_Box_Array_New(mm, def->font_bbox));
	r += HPDF_Dict_AddNumber(d, "ItalicAngle", def->italic_angle);
	r += HPDF_Dict_AddNumber(d, "Ascent", def->ascent);
	r += HPDF_Dict_AddNumber(d, "Descent", def->descent);
	r += HPDF_Dict_AddNumber(d, "CapHeight", def->cap_height);
	r += HPDF_Dict_AddNumber(d, "XHeight", def->x_height);
	r += HPDF_Dict_AddNumber(d, "StemV", def->stemv);
	if (r != HPDF_OK || !(ff = HPDF_DictStream_New(mm, c->pdf->xref)))
		return -1;
	r = HPDF_Dict_AddNumber(ff, "Length1", (HPDF_INT32)len);
	r += HPDF_Stream_Write(ff->stream, embed, (HPDF_UINT)len);
	r += HPDF_Dict_Add(d, "FontFile2", ff);
	ff->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	def->descriptor = d;
	return r == HPDF_OK ? 0 : -1;
}
#endif

/* code_order: the indexes 0..n-1 of a compact font's codes (see get_font)
 * in ascending order of code[]; allocated. The codes are glyph ids of
 * characters in ascending order: nearly sorted already. */
static size_t *code_order(const uint16_t *code, size_t n)
{
	size_t *ord = xreallocarray(NULL, n ? n : 1, sizeof *ord);
	for (size_t k = 0; k < n; k++)
		ord[k] = k;
	for (size_t k = 1; k < n; k++) {
		size_t v = ord[k], i = k;
		for (; i > 0 && code[ord[i - 1]] > code[v]; i--)
			ord[i] = ord[i - 1];
		ord[i] = v;
	}
	return ord;
}

/* get_font: the Type0 font for the subset sub loaded as name, printing
 * each character sub->cps[k] with the code (and CID) that is its glyph id
 * in the subset, the font's CIDToGIDMap being /Identity; its font program
 * sub->embed.
 *
 * libharu 2.3.0 builds a UTF-8 font's CIDToGIDMap and widths (/W) over all
 * 65536 codes: 65536 cmap look-ups and a 128 KB map to compress per font,
 * most of the time a letter took. For an encoder that looks like a plain
 * CMap encoder it visits only the codes its cid_map defines, up to the
 * highest one. So while HPDF_GetFont runs, the document's UTF-8 encoder
 * poses as one defining the glyph ids of the characters (and one more,
 * because libharu leaves out the highest code), and is put back
 * afterwards; with the font definition's embedding off, libharu makes no
 * CIDToGIDMap stream and no font file (font_descriptor makes those). The
 * text is still written through the UTF-8 encoder, which turns each
 * character into its value: code k goes in as the UTF-8 of k
 * (draw_text); the ToUnicode map gives the characters back
 * (fix_tounicode). Only for the libharu version whose code this relies on;
 * else (and without HarfBuzz) codes are the characters themselves. */
static HPDF_Font get_font(struct ctx *c, int slot, const char *name, const struct pdf_subset *sub)
{
#if HPDF_VERSION_ID == 20300
	const uint32_t *cps = sub->cps;
	size_t ncps = sub->ncps, top = 0;
	HPDF_Encoder enc = HPDF_GetEncoder(c->pdf, "UTF-8");
	HPDF_FontDef def = HPDF_GetFontDef(c->pdf, name);
	c->herr = 0;
	if (!enc || !enc->attr || !def || def->type != HPDF_FONTDEF_TYPE_TRUETYPE || ncps == 0)
		return HPDF_GetFont(c->pdf, name, "UTF-8");
	uint16_t *code = xreallocarray(NULL, ncps, sizeof *code);
	for (size_t k = 0; k < ncps; k++) {
		HPDF_UINT16 gid = cps[k] <= 0xFFFF ?
			HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)cps[k]) : 0;
		if (gid == 0 || gid >= 0xD7FF) {	/* not in the subset, or no UTF-8 */
			free(code);
			c->herr = 0;
			return HPDF_GetFont(c->pdf, name, "UTF-8");
		}
		code[k] = gid;
		if (gid > top)
			top = gid;
	}
	HPDF_CMapEncoderAttr ea = enc->attr;
	size_t rows = (top + 1) / 256 + 1;	/* codes 0..top + 1 */
	size_t bytes = rows * sizeof ea->cid_map[0];
	/* Row 0 of cid_map holds the UTF-8 encoder's parsing state; the
	 * others are empty (it defines no codes there) and unicode_map is
	 * unused: save what is touched and put it back. */
	HPDF_UINT16 *save_cid = xmalloc(bytes), *save_uni = xmalloc(bytes);
	memcpy(save_cid, ea->cid_map, bytes);
	memcpy(save_uni, ea->unicode_map, bytes);
	memset(ea->cid_map, 0, bytes);
	for (size_t k = 0; k <= ncps; k++) {
		size_t cd = k < ncps ? code[k] : top + 1;
		ea->cid_map[cd >> 8][cd & 0xFF] = (HPDF_UINT16)cd;
		ea->unicode_map[cd >> 8][cd & 0xFF] = (HPDF_UNICODE)(k < ncps ? cps[k] : 0);
	}
	HPDF_TTFontDefAttr ta = def->attr;
	ta->embedding = HPDF_FALSE;
	HPDF_Encoder_ToUnicode_Func to_unicode = enc->to_unicode_fn;
	enc->to_unicode_fn = HPDF_CMapEncoder_ToUnicode;
	HPDF_Font f = HPDF_GetFont(c->pdf, name, "UTF-8");
	enc->to_unicode_fn = to_unicode;
	memcpy(ea->cid_map, save_cid, bytes);
	memcpy(ea->unicode_map, save_uni, bytes);
	free(save_cid);
	free(save_uni);
	HPDF_FontAttr fa = f ? f->attr : NULL;
	if (!fa || !fa->descendant_font || font_descriptor(c, def, sub->embed, sub->embed_len)) {
		free(code);
		return f;
	}
	HPDF_Dict_AddName(fa->descendant_font, "CIDToGIDMap", "Identity");
	HPDF_Dict_RemoveElement(fa->descendant_font, "DW2");	/* vertical writing only */
	/* The codes in ascending order, with their advances. */
	size_t *ord = code_order(code, ncps);
	uint16_t *sc = xreallocarray(NULL, ncps, sizeof *sc);
	HPDF_INT *w = xreallocarray(NULL, ncps, sizeof *w);
	for (size_t k = 0; k < ncps; k++) {
		sc[k] = code[ord[k]];
		w[k] = HPDF_Font_GetUnicodeWidth(f, (HPDF_UNICODE)cps[ord[k]]);
	}
	compact_widths(c, f, sc, w, ncps);
	free(ord);
	free(sc);
	free(w);
	c->cps[slot] = xreallocarray(NULL, ncps, sizeof *cps);
	memcpy(c->cps[slot], cps, ncps * sizeof *cps);
	c->code[slot] = code;
	c->ncps[slot] = ncps;
	return f;
#else
	(void)slot;
	(void)sub;
	return HPDF_GetFont(c->pdf, name, "UTF-8");
#endif
}

/* glyph_floor: the deflated size of the glyph outlines (glyf and loca, or
 * CFF) in the TrueType font data, as libharu compresses streams. */
static size_t glyph_floor(struct ctx *c, const unsigned char *d, size_t len)
{
	if (len < 12)
		return 0;
	size_t n = (size_t)d[4] << 8 | d[5], sum = 0;
	HPDF_Stream src = HPDF_MemStream_New(c->pdf->mmgr, 8192);
	HPDF_Stream dst = HPDF_MemStream_New(c->pdf->mmgr, 8192);
	for (size_t i = 0; src && dst && i < n && 12 + 16 * (i + 1) <= len; i++) {
		const unsigned char *r = d + 12 + 16 * i;
		size_t off = (size_t)r[8] << 24 | (size_t)r[9] << 16 | (size_t)r[10] << 8 | r[11];
		size_t l = (size_t)r[12] << 24 | (size_t)r[13] << 16 | (size_t)r[14] << 8 | r[15];
		if ((!memcmp(r, "glyf", 4) || !memcmp(r, "loca", 4) || !memcmp(r, "CFF ", 4)) &&
		    off <= len && l <= len - off)
			HPDF_Stream_Write(src, d + off, (HPDF_UINT)l);
	}
	if (src && dst && HPDF_Stream_WriteToStream(src, dst, HPDF_STREAM_FILTER_FLATE_DECODE, NULL) ==
				  HPDF_OK)
		sum = HPDF_Stream_Size(dst);
	if (src)
		HPDF_Stream_Free(src);
	if (dst)
		HPDF_Stream_Free(dst);
	return sum;
}

#if HPDF_VERSION_ID == 20300
/* load_mem: the font file data[0..len) loaded into the document as
 * HPDF_LoadTTFontFromFile(pdf, file, HPDF_TRUE) loads a file, from a memory
 * stream instead: libharu 2.3.0 loads fonts only from files, and writing
 * one per subset took a tenth of a letter's time. These are the steps of
 * its LoadTTFontFromStream: read the definition (which owns the stream,
 * also on failure), keep the one already loaded under the same name, else
 * register it with the document's next subset tag. */
static const char *load_mem(struct ctx *c, const void *data, size_t len)
{
	HPDF_Doc pdf = c->pdf;
	HPDF_Stream s = HPDF_MemStream_New(pdf->mmgr, (HPDF_UINT)len);
	if (!s)
		return NULL;
	if (HPDF_Stream_Write(s, data, (HPDF_UINT)len) != HPDF_OK) {
		HPDF_Stream_Free(s);
		return NULL;
	}
	HPDF_FontDef def = HPDF_TTFontDef_Load(pdf->mmgr, s, HPDF_TRUE), had;
	if (!def)
		return NULL;
	if ((had = HPDF_Doc_FindFontDef(pdf, def->base_font))) {
		HPDF_FontDef_Free(def);
		return had->base_font;
	}
	if (HPDF_List_Add(pdf->fontdef_list, def) != HPDF_OK) {
		HPDF_FontDef_Free(def);
		return NULL;
	}
	if (pdf->ttfont_tag[0] == 0) {
		memcpy(pdf->ttfont_tag, "HPDFAA", 6);
	} else {
		for (int i = 5; i >= 0; i--) {
			pdf->ttfont_tag[i] += 1;
			if (pdf->ttfont_tag[i] <= 'Z')
				break;
			pdf->ttfont_tag[i] = 'A';
		}
	}
	HPDF_TTFontDef_SetTagName(def, (char *)pdf->ttfont_tag);
	return def->base_font;
}
#else
/* load_mem: the font file data[0..len) written to a temporary file for
 * libharu (which loads fonts only from files) and unlinked at once:
 * libharu keeps its own descriptor until the save. */
static const char *load_mem(struct ctx *c, const void *data, size_t len)
{
	const char *dir = getenv("TMPDIR"), *name = NULL;
	char *tmp = xasprintf("%s/objector-font-XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkstemp(tmp);
	int ok = fd >= 0;
	for (size_t off = 0; ok && off < len;) {
		ssize_t w = write(fd, (const char *)data + off, len - off);
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
	if (ok)
		name = HPDF_LoadTTFontFromFile(c->pdf, tmp, HPDF_TRUE);
	if (fd >= 0)
		unlink(tmp);
	if (!ok)
		fail(c, EX_CANTCREAT, _("cannot write temporary font file '%s': %s"), tmp, strerror(e));
	free(tmp);
	return name;
}
#endif

/* load_font: pdf-font's loader: the whole font file, or the subset (from
 * memory, see load_mem). */
static int load_font(void *ud, int slot, const char *path, const struct pdf_subset *sub,
		     char **err)
{
	struct ctx *c = ud;
	const char *name = NULL;
	(void)err;	/* c->err is the same string */

	if (!sub) {	/* without HarfBuzz: the whole font */
		size_t pl = strlen(path);
		if (pl > 4 && !strcmp(path + pl - 4, ".ttc"))
			name = HPDF_LoadTTFontFromFile2(c->pdf, path, slot == PDF_F_CJK ? 2 : 0,
							HPDF_TRUE);
		else
			name = HPDF_LoadTTFontFromFile(c->pdf, path, HPDF_TRUE);
		if (!name || c->herr) {
			c->herr = 0;
			return fail(c, EX_NOINPUT, _("cannot load font '%s' (not a TrueType font?)"),
				    path);
		}
		c->fdef[slot] = HPDF_GetFontDef(c->pdf, name);
		c->font[slot] = HPDF_GetFont(c->pdf, name, "UTF-8");
		if (hpdf_failed(c, _("loading a font")))
			return c->rc;
		return 0;
	}

	name = load_mem(c, sub->data, sub->len);
	if (c->rc)
		return c->rc;
	if (!name || hpdf_failed(c, _("loading a subset font")))
		return fail(c, EX_SOFTWARE, _("libharu cannot load the subset of '%s'"), path);
	if (c->opts && c->opts->glyph_floor)
		*c->opts->glyph_floor += glyph_floor(c, sub->data, sub->len);
	c->font[slot] = get_font(c, slot, name, sub);
	if (hpdf_failed(c, _("loading a subset font")))
		return c->rc;
	return 0;
}

static int font_has(void *ud, int slot, uint32_t cp)
{
	struct ctx *c = ud;
	return cp <= 0xFFFF && c->fdef[slot] &&
	       HPDF_TTFontDef_GetGlyphid(c->fdef[slot], (HPDF_UINT16)cp) != 0;
}

static int load_fonts(struct ctx *c)
{
	static struct pdf_font_loader ld = { load_font, font_has, NULL };
	int rc;

	if (!c->fonts.cjk && pdf_fonts_codepage(&c->fonts, c->texts, c->ntexts)) {
		c->font[PDF_F_REG] = HPDF_GetFont(c->pdf, "Times-Roman", c->fonts.cp->hpdf);
		c->font[PDF_F_BOLD] = HPDF_GetFont(c->pdf, "Times-Bold", c->fonts.cp->hpdf);
		c->fonts.have[PDF_F_REG] = c->fonts.have[PDF_F_BOLD] = 1;
		if (hpdf_failed(c, _("loading the standard fonts")))
			return c->rc;
		return 0;
	}
	HPDF_UseUTFEncodings(c->pdf);
	ld.ud = c;
	if ((rc = pdf_fonts_unicode(&c->fonts, c->opts, c->texts, c->ntexts, &ld, &c->err))) {
		c->rc = rc;
		return rc;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Measuring */

static const struct glyph *glyph(struct ctx *c, int style, uint32_t cp)
{
	static const struct glyph none = { 0, PDF_F_REG, 1, 0 };
	if (cp == '\t')
		cp = ' ';
	if (cp > 0xFFFF || pdf_invisible(cp))
		return &none;
	struct glyph **pg = &c->gpage[style][cp >> 8];
	if (!*pg)
		*pg = xcalloc(256, sizeof **pg);
	struct glyph *g = &(*pg)[cp & 0xFF];
	if (!g->known) {
		int s = pdf_fonts_pick(&c->fonts, style, cp);
		g->known = 1;
		g->slot = (int8_t)(s < 0 ? PDF_F_REG : s);
		g->w = s < 0 ? 0 : (int16_t)HPDF_Font_GetUnicodeWidth(c->font[s], (HPDF_UNICODE)cp);
		if (s >= 0 && c->cps[s]) {	/* its code: code[] at its place in cps */
			size_t lo = 0, hi = c->ncps[s];
			while (lo < hi) {
				size_t mid = lo + (hi - lo) / 2;
				if (c->cps[s][mid] < cp)
					lo = mid + 1;
				else
					hi = mid;
			}
			if (lo < c->ncps[s] && c->cps[s][lo] == cp)
				g->code = c->code[s][lo];
		}
	}
	return g;
}

static int advance(void *ud, int style, uint32_t cp)
{
	return glyph(ud, style, cp)->w;
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

static void draw_text(struct ctx *c, HPDF_Page page, struct pen *pen, const struct pdf_item *it)
{
	double x = it->x, y = c->lay.g->ph - it->y;

	if (pen->gray != it->gray) {
		HPDF_Page_SetGrayFill(page, (HPDF_REAL)it->gray);
		HPDF_Page_SetGrayStroke(page, (HPDF_REAL)it->gray);
		pen->gray = it->gray;
	}
	c->scratch.len = 0;
	c->scratch.data[0] = '\0';
	if (c->fonts.cp) {
		struct buf vis = BUF_INIT;
		vis.max = (size_t)-1;
		pdf_add_visible(&vis, it->s, it->n);
		enum conv_status st = conv_run(c->fonts.conv, vis.data, vis.len, &c->scratch, NULL);
		buf_free(&vis);
		if (st != CONV_OK) {
			fail(c, EX_SOFTWARE, _("text changed its character set while drawing"));
			return;
		}
		set_font(c, page, pen, c->font[it->style == PDF_F_BOLD ? PDF_F_BOLD : PDF_F_REG], it->size, 0);
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
			if (gl->slot != slot && !pdf_invisible(cp))
				break;
			w += gl->w;
			if (pdf_invisible(cp))
				;
			else if (c->cps[slot]) {
				char u[4];
				int un = gl->code ? conv_utf8_put(gl->code, u) : 0;
				if (un <= 0) {
					fail(c, EX_SOFTWARE, _("no code for U+%04lX in its font"),
					     (unsigned long)cp);
					return;
				}
				BUF_MUST(buf_add(&c->scratch, u, (size_t)un));
			} else if (cp == '\t')
				BUF_MUST(buf_addc(&c->scratch, ' '));
			else
				BUF_MUST(buf_add(&c->scratch, p, (size_t)(q - p)));
			p = q;
		}
		if (c->scratch.len == 0)
			continue;
		set_font(c, page, pen, c->font[slot], it->size, slot == PDF_F_CJK && it->style == PDF_F_BOLD);
		HPDF_Page_TextOut(page, (HPDF_REAL)x, (HPDF_REAL)y, c->scratch.data);
		x += (double)w * it->size / 1000.0;
	}
}

static int draw(struct ctx *c, int pages)
{
	HPDF_Page *pg = xcalloc((size_t)pages, sizeof *pg);
	for (int p = 0; p < pages; p++) {
		pg[p] = HPDF_AddPage(c->pdf);
		HPDF_Page_SetWidth(pg[p], (HPDF_REAL)c->lay.g->pw);
		HPDF_Page_SetHeight(pg[p], (HPDF_REAL)c->lay.g->ph);
	}
	if (hpdf_failed(c, _("adding pages"))) {
		free(pg);
		return c->rc;
	}
	for (int p = 0; p < pages && !c->err; p++) {
		HPDF_Page page = pg[p];
		HPDF_Page_SetLineWidth(page, 0.4);
		for (size_t i = 0; i < c->lay.nitems; i++) {
			const struct pdf_item *it = &c->lay.items[i];
			if (it->page != p || it->kind != PDF_RULE)
				continue;
			HPDF_Page_SetGrayStroke(page, (HPDF_REAL)it->gray);
			HPDF_Page_MoveTo(page, (HPDF_REAL)it->x, (HPDF_REAL)(c->lay.g->ph - it->y));
			HPDF_Page_LineTo(page, (HPDF_REAL)it->w, (HPDF_REAL)(c->lay.g->ph - it->h));
			HPDF_Page_Stroke(page);
		}
		for (size_t i = 0; i < c->lay.nitems; i++) {
			const struct pdf_item *it = &c->lay.items[i];
			if (it->page == p && it->kind == PDF_IMAGE)
				HPDF_Page_DrawImage(page, c->sig, (HPDF_REAL)it->x,
						    (HPDF_REAL)(c->lay.g->ph - it->y), (HPDF_REAL)it->w,
						    (HPDF_REAL)it->h);
		}
		/* Line width for the fake bold of CJK text. */
		HPDF_Page_SetLineWidth(page, (HPDF_REAL)(PDF_BODY_SIZE * 0.035));
		HPDF_Page_BeginText(page);
		struct pen pen = { NULL, 0, 0, 0 };
		HPDF_Page_SetGrayFill(page, 0);
		HPDF_Page_SetGrayStroke(page, 0);
		for (size_t i = 0; i < c->lay.nitems && !c->err; i++) {
			const struct pdf_item *it = &c->lay.items[i];
			if (it->page == p && it->kind == PDF_TEXT && it->n)
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
		return fail(c, EX_NOINPUT, _("cannot open signature image '%s': %s"), path,
			    strerror(errno));
	unsigned char sig[8] = { 0 };
	size_t got = fread(sig, 1, sizeof sig, f);
	fclose(f);
	if (got != 8 || memcmp(sig, "\x89PNG\r\n\x1a\n", 8) != 0)
		return fail(c, EX_DATAERR, _("signature image '%s' is not a PNG file"), path);
	c->sig = HPDF_LoadPngImageFromFile(c->pdf, path);
	if (!c->sig || c->herr) {
		c->herr = 0;
		c->sig = NULL;
		return fail(c, EX_DATAERR, _("cannot read signature image '%s' (a damaged PNG?)"), path);
	}
	/* libharu 2.3.0 writes a PNG's alpha channel (the /SMask) uncompressed,
	 * 100 KB and more for a scanned signature: compress it. */
	HPDF_Dict smask = HPDF_Dict_GetItem(c->sig, "SMask", HPDF_OCLASS_DICT);
	if (smask)
		smask->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	c->herr = 0;	/* GetItem reports a missing key as an error */
	double pw = HPDF_Image_GetWidth(c->sig), ph = HPDF_Image_GetHeight(c->sig);
	if (pw <= 0 || ph <= 0)
		return fail(c, EX_DATAERR, _("signature image '%s' is empty"), path);
	c->sig_h = SIG_MAX_H;
	c->sig_w = c->sig_h * pw / ph;
	if (c->sig_w > SIG_MAX_W) {
		c->sig_w = SIG_MAX_W;
		c->sig_h = c->sig_w * ph / pw;
	}
	return 0;
}

/* cmap_head, cmap_tail: a ToUnicode CMap around its ranges. */
static void cmap_head(struct buf *m)
{
	BUF_MUST(buf_adds(m, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
		 "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
		 "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
		 "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"));
}

static void cmap_tail(struct buf *m)
{
	BUF_MUST(buf_adds(m, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"));
}

/* cmap_ranges: bfrange lines (at most 100 a group, as the format wants)
 * for n ranges from[i]..to[i] -> dst[i]. */
static void cmap_ranges(struct buf *m, const unsigned *from, const unsigned *to,
			const unsigned *dst, size_t n)
{
	for (size_t i = 0; i < n; i += 100) {
		size_t g = n - i < 100 ? n - i : 100;
		BUF_MUST(buf_printf(m, "%zu beginbfrange\n", g));
		for (size_t k = i; k < i + g; k++)
			BUF_MUST(buf_printf(m, "<%04X> <%04X> <%04X>\n", from[k], to[k], dst[k]));
		BUF_MUST(buf_adds(m, "endbfrange\n"));
	}
}

/* compact_tounicode: the map of a compact font (see get_font): code[k]
 * -> cps[k]. Runs of consecutive codes within one 256-block become one
 * bfrange each: "<first> <last> <char>" where the characters are
 * consecutive too, else "<first> <last> [<char> ...]"; a lone code a
 * bfchar line. */
static void compact_tounicode(struct buf *m, const uint32_t *cps, const uint16_t *code, size_t n)
{
	size_t *ord = code_order(code, n);
	/* runs: [run[r], run[r + 1]) in ord */
	size_t *run = xreallocarray(NULL, n + 1, sizeof *run), nr = 0, nsingle = 0;
	for (size_t k = 0; k < n; k++) {
		unsigned cd = code[ord[k]];
		if (k == 0 || cd != (unsigned)code[ord[k - 1]] + 1 || (cd & 0xFF) == 0)
			run[nr++] = k;
	}
	run[nr] = n;
	for (size_t r = 0; r < nr; r++)
		nsingle += run[r + 1] - run[r] == 1;
	cmap_head(m);
	for (int pass = 0; pass < 2; pass++) {	/* bfchar, then bfrange */
		size_t total = pass ? nr - nsingle : nsingle, done = 0;
		for (size_t r = 0; r < nr; r++) {
			size_t a = run[r], b = run[r + 1];
			if ((b - a == 1) != !pass)
				continue;
			if (done % 100 == 0) {
				size_t g = total - done < 100 ? total - done : 100;
				BUF_MUST(buf_printf(m, "%zu begin%s\n", g, pass ? "bfrange" : "bfchar"));
			}
			if (!pass) {
				BUF_MUST(buf_printf(m, "<%04X> <%04X>\n", code[ord[a]], (unsigned)cps[ord[a]]));
			} else {
				int seq = 1;
				for (size_t k = a + 1; k < b && seq; k++)
					seq = cps[ord[k]] == cps[ord[k - 1]] + 1 && (cps[ord[k]] & 0xFF);
				BUF_MUST(buf_printf(m, "<%04X> <%04X> ", code[ord[a]], code[ord[b - 1]]));
				if (seq) {
					BUF_MUST(buf_printf(m, "<%04X>\n", (unsigned)cps[ord[a]]));
				} else {
					BUF_MUST(buf_addc(m, '['));
					for (size_t k = a; k < b; k++)
						BUF_MUST(buf_printf(m, "%s<%04X>", k > a ? " " : "",
							   (unsigned)cps[ord[k]]));
					BUF_MUST(buf_adds(m, "]\n"));
				}
			}
			if (++done % 100 == 0 || done == total)
				BUF_MUST(buf_printf(m, "end%s\n", pass ? "bfrange" : "bfchar"));
		}
	}
	cmap_tail(m);
	free(run);
	free(ord);
}

/* fix_tounicode: libharu 2.3.0 gives a UTF-8 font its encoding CMap as
 * /ToUnicode, which is not a ToUnicode map at all (poppler warns "Invalid
 * 'begincidrange' operator" and other readers extract garbage). That
 * stream's content is replaced: for a compact font (get_font) with its
 * codes' characters; else its codes (CIDs) are the Unicode values
 * themselves, and the map is the identity over the 256-character blocks
 * this document uses. Nothing to do for the base-14 fonts. */
static int fix_tounicode(struct ctx *c)
{
	struct buf ident = BUF_INIT, m = BUF_INIT;
	size_t nr = 0;
	unsigned from[256], to[256];

	if (c->fonts.cp)
		return 0;

	ident.max = m.max = (size_t)-1;
	for (int b = 0; b < 256; b++)
		if (c->gpage[PDF_F_REG][b] || c->gpage[PDF_F_BOLD][b]) {
			from[nr] = (unsigned)b << 8;
			to[nr++] = (unsigned)b << 8 | 0xFF;
		}
	cmap_head(&ident);
	cmap_ranges(&ident, from, to, from, nr);
	cmap_tail(&ident);

	for (int s = 0; s < PDF_NSLOTS; s++) {
		if (!c->fonts.have[s] || !c->font[s])
			continue;
		const struct buf *map = &ident;
		if (c->cps[s]) {
			m.len = 0;
			compact_tounicode(&m, c->cps[s], c->code[s], c->ncps[s]);
			map = &m;
		}
		HPDF_FontAttr fa = c->font[s]->attr;
		HPDF_Dict tu = fa ? fa->cmap_stream : NULL;
		if (tu && tu->stream) {	/* libharu's own, already in the font */
			HPDF_MemStream_FreeData(tu->stream);
			/* the entries of the encoding CMap it was made as */
			static const char *const junk[] = { "Type", "CMapName", "CIDSystemInfo",
							    "WMode" };
			for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++)
				HPDF_Dict_RemoveElement(tu, junk[i]);
		} else {
			tu = HPDF_DictStream_New(c->pdf->mmgr, c->pdf->xref);
			if (!tu)
				break;
			HPDF_Dict_Add(c->font[s], "ToUnicode", tu);
		}
		tu->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
		HPDF_Stream_Write(tu->stream, (const HPDF_BYTE *)map->data, (HPDF_UINT)map->len);
	}
	buf_free(&ident);
	buf_free(&m);
	return hpdf_failed(c, _("writing the ToUnicode maps")) ? c->rc : 0;
}

/* ------------------------------------------------------------------ */
/* Metadata and saving */

/* set_info: the document's information dictionary (title and subject
 * alike), and its creation and modification dates. */
static void set_info(struct ctx *c, const char *title, const char *author, const char *reference)
{
	const char *producer =
		c->opts && c->opts->producer ? c->opts->producer : "objector " PACKAGE_VERSION;

	if (c->fonts.cp)
		HPDF_UseUTFEncodings(c->pdf);
	HPDF_SetCurrentEncoder(c->pdf, "UTF-8");
	HPDF_SetInfoAttr(c->pdf, HPDF_INFO_TITLE, S(title));
	HPDF_SetInfoAttr(c->pdf, HPDF_INFO_SUBJECT, S(title));
	HPDF_SetInfoAttr(c->pdf, HPDF_INFO_AUTHOR, S(author));
	HPDF_SetInfoAttr(c->pdf, HPDF_INFO_KEYWORDS, S(reference));
	HPDF_SetInfoAttr(c->pdf, HPDF_INFO_CREATOR, producer);
	HPDF_SetInfoAttr(c->pdf, HPDF_INFO_PRODUCER, producer);

	time_t t = c->opts && c->opts->created ? c->opts->created : date_now();
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

/* pack_deflate: pdf_pack's compressor, libharu's (as it compresses its
 * own streams). */
static int pack_deflate(void *ud, const void *in, size_t n, struct buf *out)
{
	struct ctx *c = ud;
	HPDF_Stream src = HPDF_MemStream_New(c->pdf->mmgr, 8192);
	HPDF_Stream dst = HPDF_MemStream_New(c->pdf->mmgr, 8192);
	int rc = -1;
	if (src && dst && HPDF_Stream_Write(src, in, (HPDF_UINT)n) == HPDF_OK &&
	    HPDF_Stream_WriteToStream(src, dst, HPDF_STREAM_FILTER_FLATE_DECODE, NULL) == HPDF_OK &&
	    HPDF_Stream_Seek(dst, 0, HPDF_SEEK_SET) == HPDF_OK) {
		rc = 0;
		for (;;) {
			HPDF_BYTE tmp[8192];
			HPDF_UINT got = sizeof tmp;
			HPDF_STATUS st = HPDF_Stream_Read(dst, tmp, &got);
			if (got && buf_add(out, tmp, got) < 0) {
				rc = -1;
				break;
			}
			if (st != HPDF_OK)
				break;
		}
	}
	if (src)
		HPDF_Stream_Free(src);
	if (dst)
		HPDF_Stream_Free(dst);
	c->herr = 0;	/* the end of dst is reported as an error */
	return rc;
}

static int save(struct ctx *c, struct buf *out)
{
	size_t start = out->len;
	if (HPDF_SaveToStream(c->pdf) != HPDF_OK || hpdf_failed(c, _("writing the PDF")))
		return fail(c, EX_SOFTWARE, _("libharu cannot write the PDF"));
	HPDF_ResetStream(c->pdf);
	for (;;) {
		HPDF_BYTE tmp[8192];
		HPDF_UINT32 n = sizeof tmp;
		HPDF_STATUS st = HPDF_ReadFromStream(c->pdf, tmp, &n);
		if (n && buf_add(out, tmp, n) < 0) {
			buf_truncate(out, start);
			return fail(c, EX_SOFTWARE, _("the PDF is larger than its buffer allows"));
		}
		if (st == HPDF_STREAM_EOF)
			break;
		if (st != HPDF_OK) {
			buf_truncate(out, start);
			c->herr = st;
			hpdf_failed(c, _("reading the PDF stream"));
			return c->rc;
		}
	}
	/* With embedded fonts, their dictionaries, the document information
	 * and the cross-reference table are a tenth of a letter: compressed
	 * together in PDF 1.5 form (pdf-pack.h). The base-14 letters stay as
	 * libharu writes them (there is less to gain than it costs). */
	if (!c->fonts.cp) {
		struct buf packed = BUF_INIT;
		packed.max = out->max;
		if (pdf_pack(out->data + start, out->len - start, &packed, pack_deflate, c) == 0 &&
		    packed.len < out->len - start) {
			buf_truncate(out, start);
			if (buf_add(out, packed.data, packed.len) < 0) {
				buf_free(&packed);
				return fail(c, EX_SOFTWARE, _("the PDF is larger than its buffer allows"));
			}
		}
		buf_free(&packed);
	}
	return 0;
}

/* ------------------------------------------------------------------ */

/* ctx_init: a render context for the letter l (NULL: none). */
static void ctx_init(struct ctx *c, const struct letter *l, const struct pdf_opts *opts)
{
	memset(c, 0, sizeof *c);
	c->l = l;
	c->opts = opts;
	buf_init(&c->scratch, 0);
}

/* open_doc: the document, its fonts for the collected texts and the
 * letter's signature image, and the page geometry (the letter's paper, A4
 * without a letter). */
static int open_doc(struct ctx *c)
{
	c->pdf = HPDF_New(on_hpdf_error, c);
	if (!c->pdf)
		return fail(c, EX_SOFTWARE, _("libharu cannot create a document"));
	HPDF_SetCompressionMode(c->pdf, HPDF_COMP_ALL);
	if (load_fonts(c) || (c->l && load_signature(c)))
		return c->rc;
	c->lay.g = pdf_geom_for(c->l ? c->l->paper : NULL, c->l ? c->l->envelope : NULL);
	c->lay.m.advance = advance;
	c->lay.m.ud = c;
	return 0;
}

/* layout_letter: the letter placed on its pages (c->lay). */
static int layout_letter(struct ctx *c)
{
	char *lerr = NULL;
	c->lay.l = c->l;
	c->lay.cjk = c->fonts.cjk;
	c->lay.has_sig = c->sig != NULL;
	c->lay.sig_w = c->sig_w;
	c->lay.sig_h = c->sig_h;
	if ((c->rc = pdf_layout(&c->lay, &lerr)))
		c->err = lerr;
	return c->rc;
}

/* finish: the metadata, and the document saved into out. */
static void finish(struct ctx *c, const char *title, const char *author, const char *reference,
		   struct buf *out)
{
	set_info(c, title, author, reference);
	if (hpdf_failed(c, _("setting the metadata")))
		return;
	save(c, out);
}

/* ctx_release: everything the context holds; its status, with *errstr
 * (or the message freed). */
static int ctx_release(struct ctx *c, char **errstr)
{
	if (c->pdf)
		HPDF_Free(c->pdf);
	pdf_fonts_free(&c->fonts);
	for (int s = 0; s < PDF_NSTYLES; s++)
		for (int i = 0; i < 256; i++)
			free(c->gpage[s][i]);
	for (int s = 0; s < PDF_NSLOTS; s++) {
		free(c->cps[s]);
		free(c->code[s]);
	}
	free(c->texts);
	pdf_layout_free(&c->lay);
	buf_free(&c->scratch);
	if (!c->err)
		return 0;
	if (errstr)
		*errstr = c->err;
	else
		free(c->err);
	return c->rc;
}

int pdf_render(const struct letter *l, const struct pdf_opts *opts, struct buf *out,
	       char **errstr)
{
	struct ctx c;
	ctx_init(&c, l, opts);
	collect(&c);
	if (!check(&c, l->lang) && !open_doc(&c) && !layout_letter(&c) && !draw(&c, c.lay.pages) &&
	    !fix_tounicode(&c))
		finish(&c, l->subject, l->signer, l->reference, out);
	return ctx_release(&c, errstr);
}

/* ------------------------------------------------------------------ */
/* The dossier of a case (pdf.h: pdf_dossier): its own pages of text, a
 * letter drawn as pdf_render draws it, and embedded files. */

static const struct {
	double size, before;
	int style;
	double gray;
} dl_style[] = {
	[PDF_DL_TITLE] = { 15, 0, PDF_BOLD, 0 },
	[PDF_DL_HEAD] = { 11, 9, PDF_BOLD, 0 },
	[PDF_DL_TEXT] = { 9.5, 0, PDF_REG, 0 },
	[PDF_DL_SMALL] = { 8, 0, PDF_REG, 0.3 },
	[PDF_DL_GAP] = { 4, 0, PDF_REG, 0 },
};

/* dossier_layout: the lines placed on pages of dp (its items, pages and
 * owned strings), the headers numbered. */
static void dossier_layout(struct ctx *c, const struct pdf_dossier *d, struct pdf_layout *dp)
{
	const struct pdf_geom *g = c->lay.g;
	double ml = MM(22), mr = MM(20), top = MM(24), bottom = g->ph - MM(18);
	double lead = c->fonts.cjk ? PDF_CJK_LEADING : 1.3;
	double y = top;
	int page = 0;
	for (size_t i = 0; i < d->nlines; i++) {
		const struct pdf_dline *dl = &d->lines[i];
		double size = dl_style[dl->kind].size, lh = size * lead;
		if (dl->kind == PDF_DL_GAP || !dl->s) {
			y += size;
			continue;
		}
		if (y > top)
			y += dl_style[dl->kind].before;
		/* a heading keeps the first lines of what follows */
		if (dl->kind == PDF_DL_HEAD && y + 3 * lh > bottom) {
			page++;
			y = top;
		}
		double x = ml + dl->indent * MM(5);
		struct pdf_lines ls = { NULL, 0, 0 };
		pdf_wrap(&c->lay.m, dl->s, strlen(dl->s), dl_style[dl->kind].style, size, g->pw - mr - x, &ls);
		for (size_t k = 0; k < ls.n; k++) {
			if (y > bottom) {
				page++;
				y = top;
			}
			pdf_layout_text(dp, page, ls.v[k].s, ls.v[k].n, dl_style[dl->kind].style, size,
					x + (k ? MM(3) : 0), y, dl_style[dl->kind].gray);
			y += lh;
		}
		free(ls.v);
	}
	dp->pages = page + 1;
	for (int p = 0; p < dp->pages; p++) {
		char *h = xasprintf("%s \xC2\xB7 page %d of %d", S(d->header), p + 1, dp->pages);
		strv_take(&dp->owned, h);
		pdf_layout_text(dp, p, h, strlen(h), PDF_REG, 8, ml, MM(13), 0.4);
	}
}

static int dossier_draw(struct ctx *c, const struct pdf_layout *dp)
{
	for (int p = 0; p < dp->pages && !c->err; p++) {
		HPDF_Page page = HPDF_AddPage(c->pdf);
		HPDF_Page_SetWidth(page, (HPDF_REAL)c->lay.g->pw);
		HPDF_Page_SetHeight(page, (HPDF_REAL)c->lay.g->ph);
		HPDF_Page_SetLineWidth(page, 0.4);
		HPDF_Page_SetGrayStroke(page, 0.6);
		HPDF_Page_MoveTo(page, (HPDF_REAL)MM(22), (HPDF_REAL)(c->lay.g->ph - MM(15)));
		HPDF_Page_LineTo(page, (HPDF_REAL)(c->lay.g->pw - MM(20)), (HPDF_REAL)(c->lay.g->ph - MM(15)));
		HPDF_Page_Stroke(page);
		HPDF_Page_BeginText(page);
		struct pen pen = { NULL, 0, 0, 0 };
		HPDF_Page_SetGrayFill(page, 0);
		HPDF_Page_SetGrayStroke(page, 0);
		for (size_t i = 0; i < dp->nitems && !c->err; i++)
			if (dp->items[i].page == p && dp->items[i].n)
				draw_text(c, page, &pen, &dp->items[i]);
		HPDF_Page_EndText(page);
	}
	if (c->err)
		return c->rc;
	return hpdf_failed(c, "drawing the dossier") ? c->rc : 0;
}

/* letter_notes: the note lines as items on every page of the letter. */
static void letter_notes(struct ctx *c, const struct pdf_dossier *d)
{
	for (int p = 0; p < c->lay.pages; p++)
		for (int k = 0; k < 2; k++)
			if (d->letter_note[k] && *d->letter_note[k])
				pdf_layout_text(&c->lay, p, d->letter_note[k], strlen(d->letter_note[k]),
						PDF_REG, 6.5, c->lay.g->ml, MM(5) + k * MM(3.2), 0.35);
}

static HPDF_String pdf_str(struct ctx *c, const char *s)
{
	return HPDF_String_New(c->pdf->mmgr, s, NULL);
}

/* attach: the files as embedded files, each with a file specification a
 * reader accepts: libharu 2.3.0 names it by the path it was given (the
 * name tree's key and /F) and leaves out /Type, /UF, /Desc, the stream's
 * /Subtype and /Params /Size: set here. Its name tree breaks when a key
 * sorts before the last one (HPDF_Array_Insert drops the value, and the
 * next HPDF_AttachFile crashes): the files are attached in the order of
 * their paths, which only appends, and the tree's array is written again
 * keyed by the names, in their order. */
static int by_name(const void *a, const void *b)
{
	const struct pdf_attachment *const *x = a, *const *y = b;
	return strcmp((*x)->name, (*y)->name);
}

static int by_path(const void *a, const void *b)
{
	const struct pdf_attachment *const *x = a, *const *y = b;
	return strcmp((*x)->path, (*y)->path);
}

static int attach(struct ctx *c, const struct pdf_dossier *d)
{
	if (!d->natt)
		return 0;
	HPDF_EmbeddedFile *fs = xcalloc(d->natt, sizeof *fs);
	const struct pdf_attachment **order = xcalloc(d->natt, sizeof *order);
	for (size_t i = 0; i < d->natt; i++)
		order[i] = &d->att[i];
	qsort(order, d->natt, sizeof *order, by_path);
	for (size_t k = 0; k < d->natt && !c->err; k++) {
		const struct pdf_attachment *a = order[k];
		size_t i = (size_t)(a - d->att);
		if (k && strcmp(order[k - 1]->path, a->path) == 0) {
			fail(c, EX_SOFTWARE, "%s: attached twice", a->path);
			break;
		}
		FILE *f = fopen(a->path, "rb");
		if (!f) {
			fail(c, EX_NOINPUT, "%s: %s", a->path, strerror(errno));
			break;
		}
		long size = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
		fclose(f);
		fs[i] = HPDF_AttachFile(c->pdf, a->path);
		if (!fs[i] || hpdf_failed(c, "embedding a file")) {
			fail(c, EX_SOFTWARE, "libharu cannot embed %s", a->path);
			break;
		}
		HPDF_Dict_AddName(fs[i], "Type", "Filespec");
		HPDF_Dict_Add(fs[i], "F", pdf_str(c, a->name));
		HPDF_Dict_Add(fs[i], "UF", pdf_str(c, a->name));
		if (a->desc)
			HPDF_Dict_Add(fs[i], "Desc", pdf_str(c, a->desc));
		HPDF_Dict ef = HPDF_Dict_GetItem(fs[i], "EF", HPDF_OCLASS_DICT);
		HPDF_Dict st = ef ? HPDF_Dict_GetItem(ef, "F", HPDF_OCLASS_DICT) : NULL;
		if (st) {
			if (a->mime)
				HPDF_Dict_AddName(st, "Subtype", a->mime);
			HPDF_Dict params = HPDF_Dict_New(c->pdf->mmgr);
			HPDF_Dict_AddNumber(params, "Size", (HPDF_INT32)(size < 0 ? 0 : size));
			HPDF_Dict_Add(st, "Params", params);
		}
		hpdf_failed(c, "describing an embedded file");
	}
	HPDF_Dict names = c->err ? NULL : HPDF_Dict_GetItem(c->pdf->catalog, "Names", HPDF_OCLASS_DICT);
	HPDF_Dict efs = names ? HPDF_Dict_GetItem(names, "EmbeddedFiles", HPDF_OCLASS_DICT) : NULL;
	HPDF_Array arr = efs ? HPDF_Dict_GetItem(efs, "Names", HPDF_OCLASS_ARRAY) : NULL;
	if (!c->err && !arr)
		fail(c, EX_SOFTWARE, "libharu's embedded files are not where they were expected");
	if (!c->err) {
		qsort(order, d->natt, sizeof *order, by_name);
		HPDF_Array_Clear(arr);
		for (size_t k = 0; k < d->natt; k++) {
			HPDF_Array_Add(arr, pdf_str(c, order[k]->name));
			HPDF_Array_Add(arr, fs[order[k] - d->att]);
		}
		hpdf_failed(c, "naming the embedded files");
	}
	free(order);
	free(fs);
	return c->err ? c->rc : 0;
}

int pdf_dossier(const struct pdf_dossier *d, const struct pdf_opts *opts, struct buf *out,
		char **errstr)
{
	struct ctx c;
	struct pdf_layout dp = { 0 };	/* the dossier's own pages */

	ctx_init(&c, d->letter, opts);
	/* every string printed, the letter's and the dossier's, checked once */
	if (c.l)
		collect(&c);
	for (size_t i = 0; i < d->nlines; i++)
		if (d->lines[i].s)
			add_text(&c, d->lines[i].s, dl_style[d->lines[i].kind].style, "dossier line", i + 1);
	add_text(&c, d->header, PDF_REG, "the dossier's header", 0);
	add_text(&c, " \xC2\xB7 page of 0123456789", PDF_REG, "page numbers", 0);
	for (int k = 0; k < 2; k++)
		if (d->letter_note[k])
			add_text(&c, d->letter_note[k], PDF_REG, "the note on the letter", (size_t)k + 1);
	if (check(&c, c.l ? c.l->lang : d->lang) || open_doc(&c))
		goto done;
	dossier_layout(&c, d, &dp);
	if (dossier_draw(&c, &dp))
		goto done;
	if (c.l) {
		if (layout_letter(&c))
			goto done;
		letter_notes(&c, d);
		if (draw(&c, c.lay.pages))
			goto done;
	}
	if (fix_tounicode(&c) || attach(&c, d))
		goto done;
	finish(&c, d->title, d->author, d->reference, out);
done:
	pdf_layout_free(&dp);
	return ctx_release(&c, errstr);
}
