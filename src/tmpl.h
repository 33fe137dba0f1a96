/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * tmpl.h: a small mustache-like template language for letters.
 *
 * Syntax (plain text out, nothing is HTML-escaped):
 *   {{name}}  {{a.b.c}}  {{.}}     a value; names resolve against the context
 *                                  stack, innermost first (as in mustache);
 *                                  dotted names walk mappings
 *   {{#name}} ... {{/name}}        a section: a list repeats its body once per
 *                                  item (pushed as the context), a mapping is
 *                                  pushed once, a true value renders once
 *   {{^name}} ... {{/name}}        an inverted section: renders when falsy
 *   {{! comment }}                 nothing; may span lines
 *   {{> partial}}                  another template, loaded through a callback;
 *                                  names are [a-z0-9_-] only
 * Falsy: an empty list, a scalar "", "false", "no", "off" (plain or not, any
 * case) or a null. An absent name is an error in a section as in a
 * variable (unlike mustache): a typo never silently drops text. A standalone tag (a
 * section, inverted, closing, comment or partial tag alone on its line, with
 * only blanks around it) removes its whole line, as in mustache; a standalone
 * partial's indentation is put before each line of the partial.
 *
 * Errors name the template's "FILE:LINE:COL" (columns count characters, not
 * bytes; a partial's errors name the partial's file): an unknown variable
 * (never a silent blank), a value that is not a scalar where text is wanted,
 * an unclosed or mismatched section, an unknown tag, a partial that cannot be
 * loaded, nesting deeper than max_depth, output larger than max_output,
 * more than TMPL_MAX_STEPS steps of work (sections nested over lists repeat
 * multiplicatively, even when they print nothing).
 *
 * Values are copied to the output as they are: a value is never parsed as a
 * template, so "{{x}}" typed by a user prints literally.
 *
 * Ownership: a struct tmpl owns a copy of its source; the data tree is
 * borrowed during tmpl_render. No I/O here: partials come from the callback.
 * Status codes are sysexits values (EX_DATAERR for template and data errors);
 * *errstr is set only on failure.
 */
#ifndef OBJECTOR_TMPL_H
#define OBJECTOR_TMPL_H

#include <stddef.h>

struct buf;
struct ynode;
struct tmpl;

#define TMPL_MAX_DEPTH  32		/* sections and partials, nested */
#define TMPL_MAX_OUTPUT (1u << 20)	/* bytes rendered by one call */
#define TMPL_MAX_STEPS  (1u << 20)	/* work of one call: nodes rendered, ... */
#define TMPL_STEP_BYTES 64		/* ... and partial source parsed, in steps of this */

/* tmpl_partial_fn: load partial `name` for the template being rendered.
 * On success set *src and *len (malloc'd, the engine frees it) and *file (malloc'd,
 * the name used in messages) and return 0; else set *errstr and return a
 * sysexits code. */
typedef int (*tmpl_partial_fn)(void *ctx, const char *name, char **src, size_t *len,
			       char **file, char **errstr);

struct tmpl_opts {
	size_t max_depth;	/* 0: TMPL_MAX_DEPTH */
	size_t max_output;	/* 0: TMPL_MAX_OUTPUT */
	tmpl_partial_fn partial;	/* NULL: partials are an error */
	void *partial_ctx;
};

/* tmpl_parse: parse src (len bytes, UTF-8) named file; line0 is the line
 * number of src's first line in that file (1 for a whole file), so that
 * templates cut out of a larger file report true positions. */
int tmpl_parse(const char *file, int line0, const char *src, size_t len, struct tmpl **out,
	       char **errstr);
/* tmpl_render: append the output for data (a mapping) to out. opts may be NULL.
 * On failure out is left as it was. */
int tmpl_render(const struct tmpl *t, const struct ynode *data, const struct tmpl_opts *opts,
		struct buf *out, char **errstr);
/* tmpl_names: call fn for each tag that names something, in source order:
 * kind is "variable", "section", "inverted" or "partial" (the partial's name;
 * partials are not followed); comments and closing tags are not reported.
 * tests/tmpl-names prints them for the translation consistency test
 * (tests/e2e/translations.sh). */
void tmpl_names(const struct tmpl *t, void (*fn)(void *ctx, const char *kind, const char *name),
		void *ctx);
void tmpl_free(struct tmpl *t);

#endif
