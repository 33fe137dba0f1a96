/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-pdf-pack.c: pdf_pack on a small PDF in libharu's form, without
 * compression, so that the object stream and the cross-reference stream
 * can be read back: every object where the cross-reference stream says,
 * the same text, stream lengths in place; input in another form is left
 * alone. (tests/e2e/pdf.sh checks real letters with qpdf and poppler.) */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "pdf-pack.h"
#include "tap.h"

static const char *const objs[] = {
	NULL,
	"<<\n/Type /Catalog\n/Pages 2 0 R\n>>",
	"<<\n/Type /Pages\n/Kids [ 4 0 R ]\n/Count 1\n>>",
	"<<\n/Producer (a \\) endobj << b)\n/Title <FEFF0041>\n>>",
	"<<\n/Type /Page\n/Parent 2 0 R\n/Contents 5 0 R\n/R [ << /A [ 1 ] >> ]\n>>",
	NULL,	/* the stream */
	"23",
};
static const char data[] = "BT (endobj stream) Tj E";	/* 23 bytes */

/* libharu_pdf: objs and the stream as libharu writes a file. */
static void libharu_pdf(struct buf *b, int bad_length)
{
	size_t off[7];
	BUF_MUST(buf_adds(b, "%PDF-1.3\n%\xB7\xBE\xAD\xAA\n"));
	for (int i = 1; i <= 6; i++) {
		off[i] = b->len;
		BUF_MUST(buf_printf(b, "%d 0 obj\n", i));
		if (i == 5) {
			BUF_MUST(buf_adds(b, "<<\n/Length 6 0 R\n/Filter [ /FlateDecode ]\n>>\nstream\r\n"));
			BUF_MUST(buf_adds(b, data));
			BUF_MUST(buf_adds(b, "\nendstream"));
		} else {
			BUF_MUST(buf_adds(b, i == 6 && bad_length ? "22" : objs[i]));
		}
		BUF_MUST(buf_adds(b, "\nendobj\n"));
	}
	size_t x = b->len;
	BUF_MUST(buf_adds(b, "xref\n0 7\n0000000000 65535 f\r\n"));
	for (int i = 1; i <= 6; i++)
		BUF_MUST(buf_printf(b, "%010zu 00000 n\r\n", off[i]));
	BUF_MUST(buf_printf(b, "trailer\n<<\n/Root 1 0 R\n/Info 3 0 R\n/Size 7\n>>\nstartxref\n%zu\n%%%%EOF\n", x));
}

static unsigned long be(const unsigned char *p, int n)
{
	unsigned long v = 0;
	for (int i = 0; i < n; i++)
		v = v << 8 | p[i];
	return v;
}

/* stream_of: the data of object num in the packed file (uncompressed). */
static const char *stream_of(const struct buf *b, size_t off, size_t *len)
{
	const char *p = b->data + off, *s = strstr(p, "stream\r\n"), *l = strstr(p, "/Length ");
	if (!s || !l || l > s)
		return NULL;
	*len = strtoul(l + 8, NULL, 10);
	return s + 8;
}

int main(void)
{
	struct buf in = BUF_INIT, out = BUF_INIT;
	libharu_pdf(&in, 0);
	BUF_MUST(buf_adds(&out, "xy"));
	is_int(pdf_pack(in.data, in.len, &out, NULL, NULL), 0, "pack: packed");
	ok(!memcmp(out.data, "xy%PDF-1.5\n%\xB7\xBE\xAD\xAA\n", 16),
	   "pack: appended, PDF 1.5, the binary comment kept");
	const char *eof = out.data + out.len - 6;
	ok(!strcmp(eof, "%%EOF\n"), "pack: ends with %%%%EOF");
	const char *sx = NULL;	/* the last "startxref" (the data holds NULs) */
	for (size_t i = out.len - 10; !sx && i-- > 0;)
		if (!memcmp(out.data + i, "startxref\n", 10))
			sx = out.data + i;
	ok(sx != NULL, "pack: startxref");
	size_t xoff = sx ? strtoul(sx + 10, NULL, 10) : 0;
	const struct buf packed = { out.data + 2, out.len - 2, 0, 0 };
	ok(xoff < packed.len && !strncmp(packed.data + xoff, "8 0 obj\n<</Type/XRef/Size 9/W[1 2 2]"
					  "/Root 1 0 R/Info 3 0 R/Length ", 59),
	   "pack: the cross-reference stream is object 8, with the trailer's entries");
	size_t xl = 0;
	const unsigned char *x = (const unsigned char *)stream_of(&packed, xoff, &xl);
	is_int((long)xl, 9 * 5, "pack: nine entries of five bytes");
	if (!x || xl != 45)
		return done_testing();
	is_int((long)be(x, 1), 0, "pack: object 0 free");
	is_int((long)be(x + 3, 2), 65535, "pack: ... generation 65535");
	is_int((long)be(x + 6 * 5, 1), 0, "pack: the length object 6 is free now");
	/* the stream, object 5, where its entry says, its length in place */
	is_int((long)be(x + 5 * 5, 1), 1, "pack: stream object 5 in the file");
	size_t so = be(x + 5 * 5 + 1, 2);
	ok(!strncmp(packed.data + so, "5 0 obj\n<<\n/Length 23\n/Filter [ /FlateDecode ]\n>>\n"
		    "stream\r\nBT (endobj stream) Tj E\nendstream\nendobj\n", 99),
	   "pack: stream object kept, /Length written in place");
	/* the object stream, object 7 */
	is_int((long)be(x + 7 * 5, 1), 1, "pack: object stream 7 in the file");
	size_t oo = be(x + 7 * 5 + 1, 2), ol = 0;
	ok(!strncmp(packed.data + oo, "7 0 obj\n<</Type/ObjStm/N 4/First ", 33),
	   "pack: object stream of 4 objects");
	const char *os = stream_of(&packed, oo, &ol);
	const char *fp = strstr(packed.data + oo, "/First ");
	size_t first = fp ? strtoul(fp + 7, NULL, 10) : 0;
	ok(os && first < ol, "pack: object stream data");
	for (int i = 1, k = 0; os && i <= 4; i++, k++) {
		char what[64];
		snprintf(what, sizeof what, "pack: object %d in the object stream at %d", i, k);
		ok(be(x + i * 5, 1) == 2 && be(x + i * 5 + 1, 2) == 7 && be(x + i * 5 + 3, 2) == (unsigned)k,
		   "%s", what);
		/* the header: pairs "num offset" */
		const char *h = os;
		unsigned long num = 0, off = 0;
		for (int j = 0; j <= k; j++) {
			char *e;
			num = strtoul(h, &e, 10);
			off = strtoul(e, &e, 10);
			h = e;
		}
		ok(num == (unsigned long)i && first + off + strlen(objs[i]) <= ol &&
		   !strncmp(os + first + off, objs[i], strlen(objs[i])),
		   "pack: object %d's text, unchanged", i);
	}

	/* another form: left alone */
	struct buf bad = BUF_INIT;
	libharu_pdf(&bad, 1);
	size_t before = out.len;
	is_int(pdf_pack(bad.data, bad.len, &out, NULL, NULL), 1, "pack: a wrong /Length: not packed");
	is_int((long)out.len, (long)before, "pack: ... nothing appended");
	is_int(pdf_pack(in.data, in.len - 30, &out, NULL, NULL), 1, "pack: cut short: not packed");
	is_int(pdf_pack("%PDF-1.3\n", 9, &out, NULL, NULL), 1, "pack: no table: not packed");
	is_int((long)out.len, (long)before, "pack: ... nothing appended");
	buf_free(&bad);
	buf_free(&in);
	buf_free(&out);
	return done_testing();
}
