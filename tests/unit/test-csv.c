/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-csv.c: the CSV reader (csv.h): RFC 4180 quoting, line ends, the BOM,
 * positions, and refused input with its line and column. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "csv.h"
#include "tap.h"

/* rows: the rows of text as "a|b|c\n" lines (fields joined by '|'), or
 * "ERR <message>" for the first error. */
static char *rows(const char *text, size_t len)
{
	FILE *f = fmemopen((void *)text, len, "rb");
	struct csv *c = csv_open(f, "t.csv");
	static char out[4096];
	out[0] = '\0';
	struct csv_row r;
	char *err = NULL;
	int rc;
	while ((rc = csv_next(c, &r, &err)) == 1) {
		for (size_t i = 0; i < r.n; i++) {
			strcat(out, i ? "|" : "");
			strcat(out, r.f[i].s);
		}
		strcat(out, "\n");
	}
	if (rc) {
		snprintf(out, sizeof out, "ERR %s", err);
		free(err);
	}
	csv_close(c);
	fclose(f);
	return out;
}

#define ROWS(s) rows(s, sizeof s - 1)

int main(void)
{
	is_str(ROWS("a,b,c\n1,2,3\n"), "a|b|c\n1|2|3\n", "plain rows");
	is_str(ROWS("a,b\r\n1,2\r\n"), "a|b\n1|2\n", "CRLF");
	is_str(ROWS("a,b\n1,2"), "a|b\n1|2\n", "no line end at the end");
	is_str(ROWS("\xEF\xBB\xBF" "a,b\n1,2\n"), "a|b\n1|2\n", "a BOM is skipped");
	is_str(ROWS("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n"), "a|b\nx, y|say \"hi\"\n",
	       "quoted commas and quotes");
	is_str(ROWS("a,b\r\n\"line 1\r\nline 2\",z\r\n"), "a|b\nline 1\nline 2|z\n",
	       "a quoted newline is kept");
	is_str(ROWS("a,b\n\n1,2\n\n"), "a|b\n1|2\n", "empty lines skipped");
	is_str(ROWS("a,,c\n,,\n"), "a||c\n||\n", "empty fields");
	is_str(ROWS("Zoë,Łódź\n"), "Zoë|Łódź\n", "UTF-8");
	is_str(ROWS("a,b\n1,Zo\xFF\n"), "ERR t.csv:2:5: invalid UTF-8 (byte 0xFF)",
	       "invalid byte: line and column");
	is_str(ROWS("a,b\nöö,Z\xC3\x28\n"), "ERR t.csv:2:5: invalid UTF-8 (byte 0x28 does not continue the character)",
	       "a cut character: its column in characters");
	is_str(ROWS("a,b\n1,\xC0\xAF\n"), "ERR t.csv:2:3: invalid UTF-8 (byte 0xC0)", "overlong lead byte");
	is_str(ROWS("a,b\n1,\xED\xA0\x80\n"), "ERR t.csv:2:3: invalid UTF-8 (an overlong form or a surrogate)",
	       "a surrogate");
	is_str(ROWS("a,b\n\"1,2\n"), "ERR t.csv:2:1: a quoted field is not closed (no closing '\"')",
	       "unclosed quote");
	is_str(ROWS("a,b\n\"1\"x,2\n"), "ERR t.csv:2:4: text after the closing quote of a field (a '\"' inside a field is written '\"\"')",
	       "text after a quote");
	is_str(ROWS("a,b\n1,2\"3\n"), "ERR t.csv:2:4: a '\"' inside a field that does not start with one (quote the whole field and write the '\"' as '\"\"')",
	       "a bare quote");
	is_str(ROWS("\xEF\xBB" "a\n"), "ERR t.csv:1:1: invalid UTF-8 (byte 0x61 does not continue the character)",
	       "half a BOM");

	/* positions */
	const char text[] = "h1,h2\n\"a\nb\",Zoë\nx,\"y\"\n";
	FILE *f = fmemopen((void *)text, sizeof text - 1, "rb");
	struct csv *c = csv_open(f, "t.csv");
	struct csv_row r;
	char *err = NULL;
	csv_next(c, &r, &err);
	csv_next(c, &r, &err);
	is_int(r.line, 2, "row starts on line 2");
	is_int(r.f[1].line, 3, "second field on line 3");
	is_int(r.f[1].col, 4, "at column 4");
	is_int(r.f[0].quoted, 1, "first quoted");
	csv_next(c, &r, &err);
	is_int(r.line, 4, "next row on line 4");
	is_int(r.f[1].col, 3, "quoted field's column is its quote's");
	is_int(csv_next(c, &r, &err), 0, "the end");
	csv_close(c);
	fclose(f);
	return done_testing();
}
