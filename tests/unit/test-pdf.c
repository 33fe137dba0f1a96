/* test-pdf.c: unit tests of conv (UTF-8, iconv) and pdf_render. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "buf.h"
#include "conv.h"
#include "letter.h"
#include "../pdf-letters.h"
#include "pdf.h"
#include "tap.h"
#include "xalloc.h"

static int contains(const struct buf *b, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = 0; i + n <= b->len; i++)
		if (!memcmp(b->data + i, needle, n))
			return 1;
	return 0;
}

static void test_utf8(void)
{
	const char *s = "Zo\xC3\xAB \xE2\x82\xAC \xF0\x9F\x98\x80";
	const char *p = s, *end = s + strlen(s);
	uint32_t cp[8];
	int n = 0;
	while (p < end && n < 8)
		if (conv_utf8_next(&p, end, &cp[n++]) < 0)
			break;
	is_int(n, 7, "utf8: seven characters");
	is_int((long)cp[2], 0xEB, "utf8: two-byte character");
	is_int((long)cp[4], 0x20AC, "utf8: three-byte character");
	is_int((long)cp[6], 0x1F600, "utf8: four-byte character");

	static const char *const bad[] = { "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "ab\xE2\x82",
					   "\x80", "\xFF" };
	static const size_t at[] = { 0, 0, 0, 2, 0, 0 };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		is_int((long)conv_utf8_check(bad[i], strlen(bad[i])), (long)at[i],
		       "utf8: invalid sequence found");
	char out[4];
	is_int(conv_utf8_put(0x1F600, out), 4, "utf8: encode four bytes");
	ok(!memcmp(out, "\xF0\x9F\x98\x80", 4), "utf8: encoded bytes");
	is_int(conv_utf8_put(0xD800, out), 0, "utf8: surrogate refused");
}

static void test_iconv(void)
{
	struct conv *c = conv_open("CP1252");
	ok(c != NULL, "iconv: CP1252 opens");
	if (!c)
		return;
	struct buf b = BUF_INIT;
	size_t bad = 99;
	is_int(conv_run(c, "Zo\xC3\xAB \xE2\x82\xAC", 8, &b, &bad), CONV_OK, "iconv: fits CP1252");
	ok(b.len == 5 && !memcmp(b.data, "Zo\xEB \x80", 5), "iconv: CP1252 bytes");
	b.len = 0;
	is_int(conv_run(c, "ab\xC5\x81x", 5, &b, &bad), CONV_UNMAPPABLE, "iconv: \xC5\x81 not in CP1252");
	is_int((long)bad, 2, "iconv: position of the unmappable character");
	is_int(conv_run(c, "ab\xFFx", 4, &b, &bad), CONV_INVALID, "iconv: invalid UTF-8 reported");
	ok(!conv_fits(c, "\xC5\x81ukasiewicz", 12), "iconv: conv_fits says no");
	conv_close(c);
	c = conv_open("CP1250");
	ok(c && conv_fits(c, "\xC5\x81ukasiewicz", 12), "iconv: CP1250 has \xC5\x81");
	conv_close(c);
	struct buf lim;
	buf_init(&lim, 3);
	c = conv_open("CP1252");
	is_int(conv_run(c, "abcdef", 6, &lim, NULL), CONV_TOOLONG, "iconv: buffer limit respected");
	conv_close(c);
	buf_free(&b);
	ok(conv_open("NO-SUCH-CHARSET") == NULL, "iconv: unknown charset");
}

static int render(const char *name, struct buf *out, char **err, const struct pdf_opts *o)
{
	struct letter *l = sample_letter(name);
	struct pdf_opts def = { .producer = "objector test", .created = 1795948200 };
	out->len = 0;
	int rc = pdf_render(l, o ? o : &def, out, err);
	sample_letter_free(l);
	return rc;
}

static void test_render(void)
{
	struct buf out = BUF_INIT;
	char *err = NULL;

	is_int(render("uk", &out, &err, NULL), 0, "render: English letter");
	ok(out.len > 4 && !memcmp(out.data, "%PDF-", 5), "render: starts like a PDF");
	ok(contains(&out, "%%EOF"), "render: ends like a PDF");
	ok(out.len < 10240, "render: Latin letter under 10 KB (%zu bytes)", out.len);
	ok(contains(&out, "/Times-Roman") && !contains(&out, "/FontFile2"),
	   "render: Latin letter uses base-14 fonts, nothing embedded");

	struct buf again = BUF_INIT;
	render("uk", &again, &err, NULL);
	ok(again.len == out.len && !memcmp(again.data, out.data, out.len),
	   "render: same letter, same bytes");
	buf_free(&again);

	is_int(render("pl", &out, &err, NULL), 0, "render: Polish letter");
	ok(contains(&out, "/Times-Roman") && !contains(&out, "/FontFile2"),
	   "render: Polish letter fits a code page");

	is_int(render("mixed", &out, &err, NULL), 0, "render: mixed-script letter");
	ok(contains(&out, "/FontFile2"), "render: mixed-script letter embeds a font");
	ok(out.len < 102400, "render: mixed-script letter under 100 KB (%zu bytes)", out.len);

	is_int(render("hk", &out, &err, NULL), 0, "render: Traditional Chinese letter");
	ok(contains(&out, "/FontFile2"), "render: Chinese letter embeds fonts");

	size_t before = 3;
	buf_truncate(&out, 0);
	buf_add(&out, "abc", 3);
	struct letter *l = sample_letter("uk");
	struct pdf_opts o = { .producer = "x", .created = 1 };
	pdf_render(l, &o, &out, &err);
	ok(out.len > before && !memcmp(out.data, "abc%PDF-", 8), "render: appends to the buffer");
	sample_letter_free(l);

	is_int(render("emoji", &out, &err, NULL), EX_DATAERR, "render: emoji refused");
	ok(err && strstr(err, "U+1F600") && strstr(err, "\xF0\x9F\x98\x80") &&
	   strstr(err, "paragraph 5"), "render: message names the character and where");
	if (err)
		printf("# %s\n", err);
	free(err);
	err = NULL;

	is_int(render("tibetan", &out, &err, NULL), EX_DATAERR, "render: character no font has");
	ok(err && strstr(err, "U+0F40"), "render: message names U+0F40");
	free(err);
	err = NULL;

	is_int(render("control", &out, &err, NULL), EX_DATAERR, "render: control character refused");
	ok(err && strstr(err, "U+0007") && strstr(err, "subject"), "render: message names U+0007");
	free(err);
	err = NULL;

	is_int(render("tab", &out, &err, NULL), 0, "render: a tab prints as a space");

	struct pdf_opts nf = { .font = "/nonexistent/font.ttf", .producer = "t", .created = 1 };
	is_int(render("mixed", &out, &err, &nf), EX_NOINPUT, "render: missing font");
	ok(err && strstr(err, "/nonexistent/font.ttf"), "render: message names the font");
	free(err);
	err = NULL;
	is_int(render("uk", &out, &err, &nf), 0, "render: a code-page letter needs no font file");

	l = sample_letter("uk");
	l->signature_png = xstrdup("/nonexistent/sig.png");
	is_int(pdf_render(l, &o, &out, &err), EX_NOINPUT, "render: missing signature image");
	free(err);
	err = NULL;
	free(l->signature_png);
	l->signature_png = xstrdup(ABS_TOP_SRCDIR "/tests/pdf-letters.h");
	is_int(pdf_render(l, &o, &out, &err), EX_DATAERR, "render: signature that is not a PNG");
	free(err);
	err = NULL;
	sample_letter_free(l);

	l = sample_letter("uk");
	free(l->subject);
	l->subject = xstrdup("bad \xC3\x28 UTF-8");
	is_int(pdf_render(l, &o, &out, &err), EX_DATAERR, "render: invalid UTF-8 refused");
	free(err);
	err = NULL;
	sample_letter_free(l);

	/* Every sample that should render does, with any sender/recipient counts. */
	l = sample_letter("uk");
	strv_free(&l->sender);
	strv_free(&l->recipient);
	strv_free(&l->paragraphs);
	is_int(pdf_render(l, &o, &out, &err), 0, "render: empty blocks are fine");
	sample_letter_free(l);

	buf_free(&out);
}

int main(void)
{
	test_utf8();
	test_iconv();
	test_render();
	return done_testing();
}
