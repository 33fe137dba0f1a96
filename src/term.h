/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * term.h: text from outside made safe for a terminal.
 *
 * Server replies, file contents and answers can hold bytes that a terminal
 * obeys instead of showing: ESC (CSI, OSC sequences that retitle the
 * window, rewrite the screen or define hyperlinks), BEL, other C0 controls,
 * DEL, the C1 controls U+0080..U+009F (U+009B is a CSI of its own) and
 * bytes that are not UTF-8 (a terminal in an 8-bit mode reads 0x9B as CSI).
 * term_safe shows each of them escaped instead: C0 and DEL as "\x1b",
 * C1 as "U+009B", a byte that is not UTF-8 as "\xff"; newline and tab stay
 * (a message may have several lines), everything else is kept. Every
 * message and every line of output that carries such text goes through
 * here (errmsg does it for the whole message); what is stored (the
 * journal, the answers file) keeps the exact bytes.
 */
#ifndef OBJECTOR_TERM_H
#define OBJECTOR_TERM_H

#include <stdarg.h>
#include <stdio.h>

struct buf;

/* term_safe: an allocated safe copy of s. */
char *term_safe(const char *s);
/* term_printf: fprintf to f, the formatted text made safe as a whole. */
int term_printf(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int term_vprintf(FILE *f, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

/* Fitting text to the terminal's width (for text made safe first).
 *
 * term_width: the display columns of UTF-8 text: 2 for the East Asian Wide
 * and Fullwidth characters (CJK ideographs, kana, Hangul syllables,
 * fullwidth forms, most emoji), 0 for combining marks and format characters
 * (categories Mn, Me, Cf except the soft hyphen), 1 for anything else and
 * for each byte that is not UTF-8. The tables are Unicode 14's
 * (EastAsianWidth.txt and the general categories, as Python's unicodedata
 * 14.0.0 reads them). */
size_t term_width(const char *s);
/* term_fit: an allocated copy of s cut to at most cols columns: when it
 * is longer, as many whole characters as fit before an ellipsis "…" (one
 * column; a wide character that would straddle the limit is left out). */
char *term_fit(const char *s, size_t cols);
/* term_columns: the width to fit f's output to: $COLUMNS when it is a
 * number from 20 to 1000, else the terminal's (TIOCGWINSZ) when f is a
 * terminal, else 80. */
size_t term_columns(FILE *f);
/* term_wrap_buf: append text to out in lines of at most cols columns
 * (term_width), broken at spaces, the first line indented by indent
 * spaces, the next by hang (a word longer than a line keeps its own line,
 * whole), each line ending with a newline. */
void term_wrap_buf(struct buf *out, const char *text, size_t cols, size_t indent, size_t hang);
/* term_wrap: print text to f as term_wrap_buf does, without indent. */
void term_wrap(FILE *f, const char *text, size_t cols);

#endif
