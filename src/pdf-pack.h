/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf-pack.h: a PDF as libharu 2.3.0 writes it (one classic cross-reference
 * table, every object generation 0, streams with indirect /Length
 * objects, no encryption) rewritten in the compact form of PDF 1.5 (part
 * of the pdf module, see pdf.h). No libraries: the caller compresses.
 *
 *   - the objects that are not streams (dictionaries of fonts, pages,
 *     the document information, ...) go into one object stream, compressed
 *     together;
 *   - each stream's /Length is written in its dictionary, and the number
 *     objects that held them are dropped (free entries);
 *   - the cross-reference table becomes a compressed cross-reference
 *     stream (its dictionary is the trailer);
 *   - streams, object numbers and everything else are kept as they were.
 *
 * Nothing else changes: the same objects with the same contents, read the
 * same by every PDF 1.5 reader (qpdf --check, poppler).
 */
#ifndef OBJECTOR_PDF_PACK_H
#define OBJECTOR_PDF_PACK_H

#include <stddef.h>

struct buf;

/* A zlib (FlateDecode) compressor: appends in[0..n) compressed to out;
 * 0, or -1 on failure. */
typedef int (*pdf_deflate_fn)(void *ud, const void *in, size_t n, struct buf *out);

/* pdf_pack: append the packed form of the PDF in[0..n) to out. deflate
 * NULL: the object stream and cross-reference stream are left
 * uncompressed (for tests). 0 when done; 1 when the input is not in the
 * form described above (out as it was: the caller keeps the input); -1
 * when out is full or deflate failed (out as it was). */
int pdf_pack(const char *in, size_t n, struct buf *out, pdf_deflate_fn deflate, void *ud);

#endif
