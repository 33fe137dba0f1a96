/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf-letters.h: sample letters for the PDF tests and the benchmark, built
 * directly from literal strings (no answers, catalogue or templates).
 *
 *   uk      English, A4, left window; fits CP1252 (base-14 fonts)
 *   de      German, A4; CP1252
 *   pl      Polish, A4; CP1250
 *   mixed   German with "Zoë Łukasiewicz-Øster": no code page holds it all
 *   ru      English with a Cyrillic name (embedded DejaVu)
 *   ch      Swiss, A4, right window; CP1252
 *   ca      Canadian French, US Letter, #10 window
 *   hk      Traditional Chinese, A4 (embedded CJK font, CJK line breaking)
 *   long    English with very long paragraphs: several pages
 *   emoji   a paragraph with U+1F600 (no font can print it)
 *   tibetan a paragraph with U+0F40 (neither DejaVu nor the CJK font has it)
 *   tab     a paragraph with a tab
 *   control a subject with U+0007
 *   invisible a paragraph with a soft hyphen, a zero-width space and U+FEFF
 */
#ifndef OBJECTOR_TESTS_PDF_LETTERS_H
#define OBJECTOR_TESTS_PDF_LETTERS_H

struct letter;

extern const char *const sample_names[];

/* sample_letter: a new letter by name, or NULL for an unknown name. */
struct letter *sample_letter(const char *name);
/* sample_letter_free: release a letter from sample_letter (NULL: no-op);
 * letter_free() itself. */
void sample_letter_free(struct letter *l);

#endif
