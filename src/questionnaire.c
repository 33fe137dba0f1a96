/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * questionnaire.c: questions as data, asked on a pair of streams; see
 * questionnaire.h.
 *
 * The flow is: load the question list (qn_load), then for each question in
 * order decide whether it applies (its key is absent, its `when` holds, it
 * cannot be derived), print its prompt, read lines until one is valid, and
 * store the answer in the tree. This file is the engine (asking, asking
 * again, terminal or pipe, the summary and the confirmation); what each
 * type of question accepts is qn-fields.c's, on valid.h's rules. Every
 * check is made again by answers_from_doc on the whole file before anything
 * is written; the checks here exist to explain a problem at the moment the
 * person can fix it.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "answers.h"
#include "buf.h"
#include "catalog.h"
#include "date.h"
#include "diag.h"
#include "locale.h"
#include "qn-fields.h"
#include "questionnaire.h"
#include "utf8.h"
#include "valid.h"
#include "xalloc.h"
#include "ydoc.h"

#define LINE_MAX_BYTES (ANSWERS_MAX_TEXT + 1)	/* longer lines are refused, not kept */

static const struct {
	const char *name;
	enum qtype type;
} types[] = {
	{ "choice", Q_CHOICE }, { "text", Q_TEXT },   { "multi-line", Q_MULTI },
	{ "e-mail", Q_EMAIL },	{ "yes/no", Q_YESNO }, { "date", Q_DATE },
	{ "country", Q_COUNTRY },
};

/* ---- loading ---------------------------------------------------------- */

static int load_fail(struct questionnaire *q, char **errstr, char *msg)
{
	*errstr = msg;
	qn_free(q);
	return QN_DATA;
}

int qn_load(const char *data_dir, struct questionnaire **out, char **errstr)
{
	struct questionnaire *q = xcalloc(1, sizeof *q);
	char *path = xasprintf("%s/data/questionnaire.yaml", data_dir);
	int rc = ydoc_load_file(path, &q->doc, errstr);
	free(path);
	if (rc) {
		free(q);
		return QN_DATA;
	}
	const struct ynode *list = ynode_get(q->doc->root, "questions");
	if (!list || list->type != YNODE_SEQ || list->n == 0)
		return load_fail(q, errstr, ydoc_err(q->doc, list ? list : q->doc->root,
						     _("expected 'questions:', a list of questions")));
	q->extra = ynode_get(q->doc->root, "other_keys");
	if (q->extra && q->extra->type != YNODE_SEQ)
		return load_fail(q, errstr, ydoc_err(q->doc, q->extra, _("'other_keys' must be a list")));
	q->aliases = ynode_get(q->doc->root, "aliases");
	if (q->aliases && q->aliases->type != YNODE_MAP)
		return load_fail(q, errstr, ydoc_err(q->doc, q->aliases, _("'aliases' must be a mapping")));
	q->q = xcalloc(list->n, sizeof *q->q);
	for (size_t i = 0; i < list->n; i++, q->n++) {
		const struct ynode *e = list->items[i];
		struct question *qu = &q->q[i];
		if (e->type != YNODE_MAP)
			return load_fail(q, errstr, ydoc_err(q->doc, e, _("a question must be a mapping")));
		static const char *const keys[] = { "id", "type", "required", "default", "choices",
						    "other", "derive", "when", "as", "max_lines",
						    "max_length", "per_company", "several", "unless", NULL };
		for (size_t k = 0; k < e->n; k++) {
			int known = 0;
			for (const char *const *p = keys; *p; p++)
				known |= strcmp(*p, e->keys[k]->str) == 0;
			if (!known)
				return load_fail(q, errstr, ydoc_err(q->doc, e->keys[k],
								     _("unknown key '%s' in a question"),
								     e->keys[k]->str));
		}
		qu->id = ynode_scalar(ynode_get(e, "id"));
		const char *type = ynode_scalar(ynode_get(e, "type"));
		if (!qu->id || !type)
			return load_fail(q, errstr, ydoc_err(q->doc, e, _("a question needs 'id' and 'type'")));
		size_t t;
		for (t = 0; t < sizeof types / sizeof *types; t++)
			if (strcmp(types[t].name, type) == 0)
				break;
		if (t == sizeof types / sizeof *types)
			return load_fail(q, errstr, ydoc_err(q->doc, ynode_get(e, "type"),
							     _("unknown question type '%s'"), type));
		qu->type = types[t].type;
		const struct ynode *v = ynode_get(e, "required");
		qu->required = v ? ynode_bool(v) : 1;
		if (qu->required < 0)
			return load_fail(q, errstr, ydoc_err(q->doc, v, _("'required' must be true or false")));
		qu->def = ynode_scalar(ynode_get(e, "default"));
		v = ynode_get(e, "choices");
		if (qu->type == Q_CHOICE) {
			const char *s = ynode_scalar(v);
			if (v && v->type == YNODE_SEQ && v->n > 0) {
				qu->src = SRC_LIST;
				qu->codes = v;
				for (size_t k = 0; k < v->n; k++)
					if (!ynode_scalar(v->items[k]))
						return load_fail(q, errstr, ydoc_err(q->doc, v->items[k],
										     _("a choice is a code")));
			} else if (s && strcmp(s, "jurisdictions") == 0) {
				qu->src = SRC_JURISDICTIONS;
			} else if (s && strcmp(s, "controllers") == 0) {
				qu->src = SRC_CONTROLLERS;
			} else if (s && strcmp(s, "languages") == 0) {
				qu->src = SRC_LANGUAGES;
			} else if (s && strcmp(s, "situations") == 0) {
				qu->src = SRC_SITUATIONS;
			} else {
				return load_fail(q, errstr, ydoc_err(q->doc, v ? v : e,
					_("a choice needs 'choices': jurisdictions, controllers, languages, "
					"situations or a list")));
			}
		} else if (v) {
			return load_fail(q, errstr, ydoc_err(q->doc, v, _("'choices' is only for type choice")));
		}
		v = ynode_get(e, "other");
		qu->other = v ? ynode_bool(v) : 0;
		if (qu->other < 0)
			return load_fail(q, errstr, ydoc_err(q->doc, v, _("'other' must be true or false")));
		v = ynode_get(e, "several");
		qu->several = v ? ynode_bool(v) : 0;
		if (qu->several < 0 || (qu->several && (qu->type != Q_CHOICE || qu->other)))
			return load_fail(q, errstr, ydoc_err(q->doc, v,
				_("'several' must be true or false, for a choice without 'other'")));
		qu->unless = ynode_scalar(ynode_get(e, "unless"));
		if (ynode_get(e, "unless") && !qu->unless)
			return load_fail(q, errstr, ydoc_err(q->doc, ynode_get(e, "unless"),
							     _("'unless' must name one answer")));
		qu->derive = ynode_scalar(ynode_get(e, "derive"));
		v = ynode_get(e, "per_company");
		qu->per_company = v ? ynode_bool(v) : 0;
		if (qu->per_company < 0)
			return load_fail(q, errstr, ydoc_err(q->doc, v, _("'per_company' must be true or false")));
		qu->when = ynode_get(e, "when");
		if (qu->when && qu->when->type != YNODE_MAP)
			return load_fail(q, errstr, ydoc_err(q->doc, qu->when,
							     _("'when' must be a mapping of answers to values")));
		const char *as = ynode_scalar(ynode_get(e, "as"));
		if (as && strcmp(as, "text") != 0 && strcmp(as, "list") != 0)
			return load_fail(q, errstr, ydoc_err(q->doc, ynode_get(e, "as"),
							     _("'as' must be list or text")));
		qu->as_text = as && strcmp(as, "text") == 0;
		const char *ml = ynode_scalar(ynode_get(e, "max_lines"));
		const char *mx = ynode_scalar(ynode_get(e, "max_length"));
		qu->max_lines = ml ? strtoul(ml, NULL, 10) : ANSWERS_MAX_LINES;
		qu->max_length = mx ? strtoul(mx, NULL, 10) : ANSWERS_MAX_FIELD;
		if (qu->max_lines == 0 || qu->max_length == 0)
			return load_fail(q, errstr, ydoc_err(q->doc, e, _("max_lines and max_length must be positive numbers")));
	}
	*out = q;
	return QN_OK;
}

void qn_free(struct questionnaire *q)
{
	if (!q)
		return;
	free(q->q);
	ydoc_free(q->doc);
	free(q);
}

/* ---- the answers tree ----------------------------------------------- */

static int answered(const struct ynode *root, const char *path)
{
	return !ynode_is_null(ynode_get_path(root, path));
}

/* set_path: store v (owned) at a dotted path, creating mappings on the way
 * (a non-mapping in the way is replaced). */
static void set_path(struct ynode *root, const char *path, struct ynode *v)
{
	const char *dot = strchr(path, '.');
	if (!dot) {
		ynode_map_set(root, path, v);
		return;
	}
	char *head = xstrndup(path, (size_t)(dot - path));
	struct ynode *child = (struct ynode *)ynode_get(root, head);
	if (!child || child->type != YNODE_MAP)
		child = ynode_map_set(root, head, ynode_new_map());
	free(head);
	set_path(child, dot + 1, v);
}

/* remove_path: drop the key at a dotted path, if there. */
static void remove_path(struct ynode *root, const char *path)
{
	const char *dot = strrchr(path, '.');
	struct ynode *map = root;
	const char *key = path;
	char *parent = NULL;
	if (dot) {
		parent = xstrndup(path, (size_t)(dot - path));
		map = (struct ynode *)ynode_get_path(root, parent);
		key = dot + 1;
	}
	free(parent);
	if (!map || map->type != YNODE_MAP)
		return;
	for (size_t i = 0; i < map->n; i++) {
		if (strcmp(map->keys[i]->str, key) != 0)
			continue;
		ynode_free(map->keys[i]);
		ynode_free(map->items[i]);
		memmove(&map->keys[i], &map->keys[i + 1], (map->n - i - 1) * sizeof *map->keys);
		memmove(&map->items[i], &map->items[i + 1], (map->n - i - 1) * sizeof *map->items);
		map->n--;
		return;
	}
}

/* cond_value: the value a `when` compares: the scalar, or "other" for a
 * mapping; NULL when absent. */
static const char *cond_value(const struct ynode *n)
{
	if (ynode_is_null(n))
		return NULL;
	return n->type == YNODE_MAP ? "other" : ynode_scalar(n);
}

static int when_holds(const struct question *qu, const struct ynode *root)
{
	if (!qu->when)
		return 1;
	for (size_t i = 0; i < qu->when->n; i++) {
		const char *have = cond_value(ynode_get_path(root, qu->when->keys[i]->str));
		const struct ynode *want = qu->when->items[i];
		int match = 0;
		if (have && want->type == YNODE_SEQ) {
			for (size_t k = 0; k < want->n; k++)
				match |= ynode_scalar(want->items[k]) && strcmp(want->items[k]->str, have) == 0;
		} else if (have && ynode_scalar(want)) {
			match = strcmp(want->str, have) == 0;
		}
		if (!match)
			return 0;
	}
	return 1;
}

/* ---- words ------------------------------------------------------------ */

/* L: a string of the locale, or the key in brackets (a missing string shows). */
static const char *L(const struct qn_io *io, const char *key, char *tmp, size_t tmpsz)
{
	const char *s = io->loc ? locale_get(io->loc, key) : NULL;
	if (s)
		return s;
	snprintf(tmp, tmpsz, "[%s]", key);
	return tmp;
}

/* expand: tmpl with {name} replaced from the NULL-terminated pairs kv
 * (buf_expand); caller frees. */
static char *expand(const char *tmpl, const char *const *kv)
{
	struct buf b = BUF_INIT;
	if (buf_expand(&b, tmpl, kv) < 0)
		xalloc_die();
	return buf_detach(&b, NULL);
}

/* say: print locale string key (expanded with kv pairs) and a newline. */
static void say(const struct qn_io *io, const char *indent, const char *key, const char *const *kv)
{
	char tmp[96];
	static const char *const none[] = { NULL };
	char *s = expand(L(io, key, tmp, sizeof tmp), kv ? kv : none);
	fprintf(io->out, "%s%s\n", indent, s);
	free(s);
}

/* context_vars: the placeholders prompts may use. */
struct vars {
	const char *kv[13];
};

static void context_vars(const struct qn_io *io, const struct ynode *root, struct vars *v)
{
	const char *jur = ynode_scalar(ynode_get_path(root, "jurisdiction"));
	const struct cat_jurisdiction *j = jur ? catalog_jurisdiction(io->cat, jur) : NULL;
	const struct ynode *ctl = ynode_get_path(root, "controller");
	const char *cname = NULL;
	if (ctl && ctl->type == YNODE_MAP)
		cname = ynode_scalar(ynode_get(ctl, "name"));
	else if (ynode_scalar(ctl) && catalog_controller(io->cat, ctl->str))
		cname = catalog_controller(io->cat, ctl->str)->name;
	const char *cc = ynode_scalar(ynode_get_path(root, "country"));
	int i = 0;
	v->kv[i++] = "controller";
	v->kv[i++] = cname ? cname : "the company";
	v->kv[i++] = "law";
	v->kv[i++] = j ? j->law : "the law";
	v->kv[i++] = "basis";
	v->kv[i++] = j ? j->basis : "";
	v->kv[i++] = "jurisdiction";
	v->kv[i++] = j ? j->name : "";
	v->kv[i++] = "country";
	v->kv[i++] = cc && io->cat ? catalog_country_name(io->cat, cc) : "";
	v->kv[i++] = NULL;
}

/* ---- input ------------------------------------------------------------ */

static int interrupted(const struct qn_io *io)
{
	return io->interrupted && *io->interrupted;
}

/* read_answer: one line without its terminator into *line (caller frees),
 * its length in bytes in *len (a NUL inside counts: the caller refuses it,
 * it never cuts the answer short). *too_long is set (and *line NULL) for a
 * line over LINE_MAX_BYTES, which is read to its end and dropped. */
static int read_answer(const struct qn_io *io, char **line, size_t *len, int *too_long)
{
	struct buf b;
	buf_init(&b, LINE_MAX_BYTES);
	int c, got = 0;
	*too_long = 0;
	*line = NULL;
	fflush(io->out);
	for (;;) {
		errno = 0;
		c = getc(io->in);
		if (interrupted(io)) {
			buf_free(&b);
			return QN_INTERRUPTED;
		}
		if (c == EOF) {
			if (ferror(io->in)) {
				int e = errno;
				clearerr(io->in);
				if (e == EINTR)
					continue;
				buf_free(&b);
				return QN_IOERR;
			}
			if (!got) {
				buf_free(&b);
				return QN_EOF;
			}
			break;
		}
		got = 1;
		if (c == '\n')
			break;
		if (!*too_long && buf_addc(&b, c) < 0)
			*too_long = 1;
	}
	if (b.len && b.data[b.len - 1] == '\r')
		buf_truncate(&b, b.len - 1);
	if (!io->tty)		/* the answer is not echoed: end the prompt's line */
		fputc('\n', io->out);
	if (*too_long) {
		buf_free(&b);
		return QN_OK;
	}
	*line = buf_detach(&b, len);
	return QN_OK;
}

/* has_nul: a NUL inside the line just read. */
static int has_nul(const char *line, size_t len)
{
	return memchr(line, '\0', len) != NULL;
}

static int blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t')
			return 0;
	return 1;
}

/* ---- printing choices and countries ------------------------------------ */

static void print_choices(const struct qn_io *io, const struct choices *cs)
{
	for (size_t i = 0; i < cs->n; i++)
		fprintf(io->out, "  %2zu) %s  [%s]\n", i + 1, cs->v[i].label, cs->v[i].code);
}

/* print_covered: the countries objector writes for, by jurisdiction. */
static void print_covered(const struct qn_io *io)
{
	for (size_t i = 0; i < catalog_njurisdictions(io->cat); i++) {
		const struct cat_jurisdiction *j = catalog_jurisdiction_at(io->cat, i);
		const struct cat_strs *ccs = &j->countries;
		fprintf(io->out, "  %s (%s):", j->name, j->law);
		size_t col = 80;
		for (size_t k = 0; k < ccs->n; k++) {
			const char *cc = ccs->v[k];
			const char *name = catalog_country_name(io->cat, cc);
			size_t w = strlen(cc) + 3 + (name ? utf8_strlen(name) : 0);
			if (col + w > 76) {
				fputs("\n    ", io->out);
				col = 4;
			}
			fprintf(io->out, "%s %s%s", cc, name ? name : "", k + 1 < ccs->n ? ", " : "");
			col += w;
		}
		fputc('\n', io->out);
	}
}

static void print_problem(const struct qn_io *io, const struct verdict *v)
{
	char tmp[96];
	if (v->why_text) {
		const char *kv[] = { "problem", v->why_text, NULL };
		char *s = expand(L(io, "new.invalid_text", tmp, sizeof tmp), kv);
		fprintf(io->out, "  ! %s\n", s);
		free(s);
		return;
	}
	const char *kv[] = { "name", v->arg, "jurisdiction", v->arg2, "want", v->arg3,
			     "char", v->chr, "pos", v->pos, NULL };
	char *s = expand(L(io, v->why_key, tmp, sizeof tmp), kv);
	fprintf(io->out, "  ! %s\n", s);
	free(s);
}

/* ---- asking ----------------------------------------------------------- */

static void print_help(const struct questionnaire *q, const struct question *qu,
		       const struct qn_io *io, const struct vars *vars, const struct choices *cs)
{
	const char *h = qn_lq(io, qu->id, "help");
	if (h) {
		char *s = expand(h, vars->kv);
		fprintf(io->out, "  %s\n", s);
		free(s);
	}
	if (qu->type == Q_COUNTRY) {
		say(io, "  ", "new.covered", NULL);
		print_covered(io);
	} else if (qu->type == Q_CHOICE) {
		print_choices(io, cs);
	}
	(void)q;
}

/* default_text: what an empty line takes, for the prompt and the answer. */
static char *default_text(const struct question *qu, const struct qn_io *io,
			  const struct choices *cs)
{
	char tmp[96];
	if (qu->type == Q_CHOICE) {
		for (size_t i = 0; cs->def && i < cs->n; i++)
			if (strcmp(cs->v[i].code, cs->def) == 0)
				return xstrdup(cs->v[i].label);
		return NULL;
	}
	if (!qu->def)
		return NULL;
	if (qu->type == Q_DATE && strcmp(qu->def, "today") == 0) {
		struct date d;
		char iso[11];
		date_today(&d);
		date_iso(d, iso);
		return xstrdup(iso);
	}
	if (qu->type == Q_YESNO) {
		int b = qn_yesno(io, qu->def);
		return xstrdup(L(io, b ? "new.yes_word" : "new.no_word", tmp, sizeof tmp));
	}
	return xstrdup(qu->def);
}

static void print_prompt(const struct question *qu, const struct qn_io *io,
			 const struct vars *vars, const char *def)
{
	const char *p = qn_lq(io, qu->id, "prompt");
	char *s = expand(p ? p : qu->id, vars->kv);
	fputs(s, io->out);
	free(s);
	if (def)
		fprintf(io->out, " [%s]", def);
	fputs(": ", io->out);
}

static void print_intro(const struct question *qu, const struct qn_io *io,
			const struct ynode *root, const struct vars *vars)
{
	const char *jur = ynode_scalar(ynode_get_path(root, "jurisdiction"));
	const char *intro = NULL;
	if (jur && locale_tag_ok(jur)) {
		char *k = xasprintf("intro_%s", jur);
		intro = qn_lq(io, qu->id, k);
		free(k);
	}
	if (!intro)
		intro = qn_lq(io, qu->id, "intro");
	if (intro) {
		char *s = expand(intro, vars->kv);
		fprintf(io->out, "\n%s\n", s);
		free(s);
	} else {
		fputc('\n', io->out);
	}
}

static int ask_multi(const struct questionnaire *q, const struct question *qu,
		     const struct qn_io *io, struct ynode *root, const struct vars *vars)
{
	struct ynode *seq = ynode_new_seq();
	struct buf text = BUF_INIT;
	size_t lines = 0;
	int rc = QN_OK;
	{
		char tmp[96];
		const char *p = qn_lq(io, qu->id, "prompt");
		char *s = expand(p ? p : qu->id, vars->kv);
		fprintf(io->out, "%s %s:\n", s,
			L(io, qu->required ? "new.lines_end" : "new.lines_end_optional", tmp, sizeof tmp));
		free(s);
	}
	while (lines < qu->max_lines) {
		fprintf(io->out, "  %zu> ", lines + 1);
		char *line;
		size_t len;
		int too_long;
		rc = read_answer(io, &line, &len, &too_long);
		if (rc)
			break;
		if (too_long) {
			struct verdict v = { .why_text = _("is too long") };
			print_problem(io, &v);
			continue;
		}
		if (has_nul(line, len)) {
			struct verdict v = { 0 };
			qn_check_raw(line, len, &v);
			free(line);
			print_problem(io, &v);
			continue;
		}
		if (strcmp(line, "?") == 0) {
			free(line);
			struct choices none = { 0 };
			print_help(q, qu, io, vars, &none);
			continue;
		}
		if (blank(line)) {
			free(line);
			if (lines == 0 && qu->required) {
				struct verdict v = { .why_key = "new.required" };
				print_problem(io, &v);
				continue;
			}
			break;
		}
		struct verdict v = { 0 };
		if (qu->as_text) {
			qn_check_text_line(qu, line, len, text.len, &v);
		} else {
			qn_check_line(qu, line, &v);
		}
		if (v.why_text || v.why_key) {
			free(line);
			print_problem(io, &v);
			continue;
		}
		if (qu->as_text) {
			if (lines)
				BUF_MUST(buf_addc(&text, '\n'));
			BUF_MUST(buf_adds(&text, line));
		} else {
			ynode_seq_add(seq, ynode_new_str(line));
		}
		free(line);
		lines++;
		if (lines == qu->max_lines)
			say(io, "  ", "new.lines_max", NULL);
	}
	if (rc == QN_OK && lines > 0) {
		if (qu->as_text)
			set_path(root, qu->id, ynode_new_str(text.data));
		else
			set_path(root, qu->id, seq), seq = NULL;
	}
	ynode_free(seq);
	buf_free(&text);
	return rc;
}

static int ask_one(const struct questionnaire *q, const struct question *qu,
		   const struct qn_io *io, struct ynode *root)
{
	struct vars vars;
	context_vars(io, root, &vars);
	print_intro(qu, io, root, &vars);
	if (qu->type == Q_MULTI)
		return ask_multi(q, qu, io, root, &vars);

	struct choices cs = { 0 };
	if (qu->type == Q_CHOICE) {
		qn_choices_build(qu, io, root, &cs);
		if (cs.n == 0) {
			qn_choices_free(&cs);
			return QN_DATA;
		}
		print_choices(io, &cs);
	}
	char *def = default_text(qu, io, &cs);
	int rc;
	for (;;) {
		print_prompt(qu, io, &vars, def);
		char *line;
		size_t len;
		int too_long;
		rc = read_answer(io, &line, &len, &too_long);
		if (rc)
			break;
		struct verdict v = { 0 };
		if (too_long) {
			v.why_text = _("is too long");
			print_problem(io, &v);
			continue;
		}
		if (has_nul(line, len)) {
			qn_check_raw(line, len, &v);
			free(line);
			print_problem(io, &v);
			continue;
		}
		if (strcmp(line, "?") == 0) {
			free(line);
			print_help(q, qu, io, &vars, &cs);
			continue;
		}
		if (blank(line)) {
			free(line);
			if (def) {
				line = xstrdup(qu->type == Q_CHOICE ? cs.def
					       : qu->type == Q_YESNO ? qu->def : def);
			} else if (!qu->required) {
				break;
			} else {
				v.why_key = "new.required";
				print_problem(io, &v);
				continue;
			}
		}
		qn_check_single(q, qu, io, root, line, &cs, &v);
		free(line);
		if (!v.node) {
			print_problem(io, &v);
			continue;
		}
		set_path(root, qu->id, v.node);
		break;
	}
	free(def);
	qn_choices_free(&cs);
	return rc;
}

/* derive: fill an answer the catalogue decides; 1 if filled. */
static int derive(const struct question *qu, const struct qn_io *io, struct ynode *root)
{
	if (!qu->derive)
		return 0;
	/* The Land follows from the postcode when data/de-postcodes.txt gives
	 * one: then it is not asked (answers.h). */
	if (strcmp(qu->id, "region") == 0)
		return !answers_region_needed(io->cat, ynode_scalar(ynode_get_path(root, "country")),
					      ynode_get_path(root, qu->derive));
	const char *from = ynode_scalar(ynode_get_path(root, qu->derive));
	if (!from)
		return 0;
	if (qu->type == Q_CHOICE && qu->src == SRC_JURISDICTIONS) {
		const struct cat_jurisdiction *j = catalog_jurisdiction_for_country(io->cat, from);
		if (!j)
			return 0;
		set_path(root, qu->id, ynode_new_str(j->id));
		return 1;
	}
	if (qu->type == Q_COUNTRY) {
		const struct cat_jurisdiction *j = catalog_jurisdiction(io->cat, from);
		if (!j || j->countries.n != 1)
			return 0;
		set_path(root, qu->id, ynode_new_str(j->countries.v[0]));
		return 1;
	}
	return 0;
}

/* single_choice: a choice with one option is not asked. */
static int single_choice(const struct question *qu, const struct qn_io *io, struct ynode *root)
{
	if (qu->type != Q_CHOICE || qu->other || qu->several)
		return 0;
	struct choices cs;
	qn_choices_build(qu, io, root, &cs);
	int one = cs.n == 1;
	if (one)
		set_path(root, qu->id, ynode_new_str(cs.v[0].code));
	qn_choices_free(&cs);
	return one;
}

static int ask_all(const struct questionnaire *q, const struct qn_io *io, struct ynode *root,
		   int per_company_only, char **errstr);

int qn_ask(const struct questionnaire *q, const struct qn_io *io, struct ynode *root,
	   char **errstr)
{
	return ask_all(q, io, root, 0, errstr);
}

int qn_ask_per_company(const struct questionnaire *q, const struct qn_io *io,
		       struct ynode *root, char **errstr)
{
	return ask_all(q, io, root, 1, errstr);
}

static int ask_all(const struct questionnaire *q, const struct qn_io *io, struct ynode *root,
		   int per_company_only, char **errstr)
{
	if (!root || root->type != YNODE_MAP) {
		*errstr = xstrdup(_("the answers must be a mapping"));
		return QN_DATA;
	}
	for (size_t i = 0; i < q->n; i++) {
		const struct question *qu = &q->q[i];
		if (answered(root, qu->id) || !when_holds(qu, root) ||
		    (qu->unless && answered(root, qu->unless)) ||
		    (per_company_only && !qu->per_company))
			continue;
		/* Several companies chosen: a per-company question is asked for
		 * each of them afterwards (qn_ask on each one's answers). */
		const struct ynode *ctl = ynode_get(root, "controller");
		if (qu->per_company && ctl && ctl->type == YNODE_SEQ)
			continue;
		/* A question whose parent answer is not a mapping (a catalogued
		 * controller) does not apply. */
		const char *dot = strrchr(qu->id, '.');
		if (dot) {
			char *parent = xstrndup(qu->id, (size_t)(dot - qu->id));
			const struct ynode *p = ynode_get_path(root, parent);
			free(parent);
			if (p && p->type != YNODE_MAP)
				continue;
		}
		if (derive(qu, io, root) || single_choice(qu, io, root))
			continue;
		int rc = ask_one(q, qu, io, root);
		if (rc == QN_DATA) {
			*errstr = xasprintf(_("nothing to choose from for '%s' (is a letter template "
					    "installed for this jurisdiction?)"), qu->id);
			return rc;
		}
		if (rc == QN_IOERR) {
			*errstr = xasprintf(_("reading %s: %s"), io->in_name, strerror(errno));
			return rc;
		}
		if (rc)
			return rc;
		if (ferror(io->out)) {
			*errstr = xstrdup(_("cannot write the questions"));
			return QN_IOERR;
		}
	}
	return QN_OK;
}

/* ---- answers given beforehand ----------------------------------------- */

/* known_key: whether a question or other_keys names path, or (prefix) a
 * key under it. */
static int known_key(const struct questionnaire *q, const char *path, int prefix)
{
	size_t n = strlen(path);
	for (size_t i = 0; i < q->n; i++)
		if (strcmp(q->q[i].id, path) == 0 ||
		    (prefix && strncmp(q->q[i].id, path, n) == 0 && q->q[i].id[n] == '.'))
			return 1;
	for (size_t i = 0; q->extra && i < q->extra->n; i++)
		if (ynode_scalar(q->extra->items[i]) && strcmp(q->extra->items[i]->str, path) == 0)
			return 1;
	return 0;
}

static char *unknown_key(const struct questionnaire *q, const struct ynode *root, const char *file)
{
	for (size_t i = 0; i < root->n; i++) {
		const char *k = root->keys[i]->str;
		const struct ynode *v = root->items[i];
		if (!known_key(q, k, 0) && !known_key(q, k, 1))
			return diag_at(file, root->keys[i]->line, root->keys[i]->col,
				       _("unknown key '%s' (see 'objector help new' and the answers file "
				       "format in objector(1))"), k);
		if (v->type != YNODE_MAP || !known_key(q, k, 1))
			continue;
		for (size_t j = 0; j < v->n; j++) {
			char *path = xasprintf("%s.%s", k, v->keys[j]->str);
			int ok = known_key(q, path, 0);
			free(path);
			if (!ok)
				return diag_at(file, v->keys[j]->line, v->keys[j]->col,
					       _("unknown key '%s' in '%s'"), v->keys[j]->str, k);
		}
	}
	return NULL;
}

int qn_check_preset(const struct questionnaire *q, const struct qn_io *io, struct ynode *root,
		    const char *file, char **errstr)
{
	char *unknown = unknown_key(q, root, file);
	if (unknown) {
		*errstr = unknown;
		return QN_DATA;
	}
	for (size_t i = 0; i < q->n; i++) {
		const struct question *qu = &q->q[i];
		const struct ynode *n = ynode_get_path(root, qu->id);
		if (ynode_is_null(n))
			continue;
		struct verdict v = { 0 };
		struct choices cs = { 0 };
		if (qu->type == Q_MULTI) {
			if (qu->as_text ? n->type != YNODE_SCALAR : n->type != YNODE_SEQ)
				v.why_key = qu->as_text ? "new.preset_not_text" : "new.preset_not_list";
			for (size_t k = 0; !qu->as_text && !v.why_key && !v.why_text && k < n->n; k++) {
				if (n->items[k]->type != YNODE_SCALAR)
					v.why_key = "new.preset_not_list";
				else
					qn_check_line(qu, n->items[k]->str, &v);
			}
		} else if (qu->type == Q_CHOICE && qu->several) {
			qn_choices_build(qu, io, root, &cs);
			if (n->type != YNODE_SEQ || n->n == 0)
				v.why_key = "new.preset_not_list";
			for (size_t k = 0; !v.why_key && k < n->n; k++) {
				const char *code = ynode_scalar(n->items[k]);
				size_t c = 0;
				while (code && c < cs.n && strcmp(cs.v[c].code, code) != 0)
					c++;
				if (!code || c == cs.n)
					v.why_key = "new.invalid_choice";
			}
		} else if (qu->type == Q_CHOICE && qu->other && n->type == YNODE_MAP) {
			/* an inline controller: its parts are checked as questions */
		} else if (n->type != YNODE_SCALAR) {
			v.why_key = "new.preset_not_text";
		} else {
			if (qu->type == Q_CHOICE)
				qn_choices_build(qu, io, root, &cs);
			qn_check_single(q, qu, io, root, n->str, &cs, &v);
			/* A choice must be given by its code in a file. */
			if (v.node && qu->type == Q_CHOICE && strcmp(v.node->str, n->str) != 0) {
				ynode_free(v.node);
				v.node = NULL;
				v.why_key = "new.invalid_choice";
			}
		}
		qn_choices_free(&cs);
		if (v.node || (!v.why_key && !v.why_text)) {
			ynode_free(v.node);
			continue;
		}
		fprintf(io->out, "%s:%d:%d: '%s':\n", file, n->line, n->col, qu->id);
		print_problem(io, &v);
		say(io, "  ", "new.asked_again", NULL);
		remove_path(root, qu->id);
	}
	return QN_OK;
}

/* ---- the summary and the confirmation --------------------------------- */

/* label_width: the widest summary label, in characters, with its colon. */
static size_t label_width(const struct questionnaire *q, const struct qn_io *io)
{
	size_t max = 0;
	for (size_t i = 0; i < q->n; i++) {
		const char *label = qn_lq(io, q->q[i].id, "label");
		size_t w = utf8_strlen(label ? label : q->q[i].id) + 1;
		if (w > max && w <= 30)
			max = w;
	}
	return max;
}

static void summary_line(const struct qn_io *io, size_t width, const char *id, const char *value)
{
	const char *label = qn_lq(io, id, "label");
	char *l = xasprintf("%s:", label ? label : id);
	size_t w = utf8_strlen(l);
	fprintf(io->out, "  %s%*s %s\n", l, w < width ? (int)(width - w) : 0, "", value);
	free(l);
}

static char *join_seq(const struct ynode *seq, const char *sep)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; seq && seq->type == YNODE_SEQ && i < seq->n; i++)
		BUF_MUST(buf_printf(&b, "%s%s", i ? sep : "", ynode_scalar(seq->items[i]) ? seq->items[i]->str : ""));
	return buf_detach(&b, NULL);
}

void qn_summary(const struct questionnaire *q, const struct qn_io *io, const struct answers *a)
{
	char tmp[96];
	const struct ynode *root = a->doc->root;
	fputc('\n', io->out);
	say(io, "", "new.summary", NULL);
	if (!io->show_values) {
		say(io, "  ", "new.summary_hidden", NULL);
		return;
	}
	size_t width = label_width(q, io);
	for (size_t i = 0; i < q->n; i++) {
		const struct question *qu = &q->q[i];
		const struct ynode *n = ynode_get_path(root, qu->id);
		if (ynode_is_null(n)) {
			if (strcmp(qu->id, "date") == 0) {
				char iso[11];
				date_iso(a->date, iso);
				summary_line(io, width, qu->id, iso);
			}
			continue;
		}
		char *val = NULL;
		if (strcmp(qu->id, "country") == 0) {
			val = xasprintf("%s (%s)", catalog_country_name(io->cat, a->country), a->country);
		} else if (strcmp(qu->id, "jurisdiction") == 0) {
			const struct cat_jurisdiction *j = catalog_jurisdiction(io->cat, a->jurisdiction);
			val = xasprintf("%s: %s", j->name, j->basis);
		} else if (strcmp(qu->id, "controller") == 0) {
			if (a->controller_id) {
				const struct cat_controller *c = catalog_controller(io->cat, a->controller_id);
				const struct cat_entity *e = cat_controller_entity(c, a->jurisdiction);
				struct buf addr = BUF_INIT;
				for (size_t k = 0; k < e->address.n; k++)
					BUF_MUST(buf_printf(&addr, "%s%s", k ? ", " : "", e->address.v[k]));
				val = xasprintf("%s: %s, %s", c->name, e->name, addr.data);
				buf_free(&addr);
			} else {
				continue;	/* its parts follow */
			}
		} else if (strcmp(qu->id, "language") == 0) {
			val = qn_language_label(io->data_dir, n->str);
		} else if (qu->type == Q_YESNO) {
			val = xstrdup(L(io, ynode_bool(n) > 0 ? "new.yes_word" : "new.no_word", tmp, sizeof tmp));
		} else if (qu->several && n->type == YNODE_SEQ) {
			struct choices cs;
			struct buf b = BUF_INIT;
			qn_choices_build(qu, io, root, &cs);
			for (size_t k = 0; k < n->n; k++) {
				const char *code = ynode_scalar(n->items[k]), *label = code;
				for (size_t c = 0; code && c < cs.n; c++)
					if (strcmp(cs.v[c].code, code) == 0)
						label = cs.v[c].label;
				BUF_MUST(buf_printf(&b, "%s%s", k ? " / " : "", label ? label : ""));
			}
			qn_choices_free(&cs);
			val = buf_detach(&b, NULL);
		} else if (n->type == YNODE_SEQ) {
			val = join_seq(n, " / ");
		} else if (n->type == YNODE_SCALAR) {
			struct buf b = BUF_INIT;
			size_t len = strlen(n->str);
			while (len && n->str[len - 1] == '\n')
				len--;
			for (const char *p = n->str; p < n->str + len; p++)
				if (*p == '\n')
					BUF_MUST(buf_printf(&b, "\n  %*s ", (int)width, ""));
				else
					BUF_MUST(buf_addc(&b, *p));
			val = buf_detach(&b, NULL);
		} else {
			continue;
		}
		summary_line(io, width, qu->id, val);
		free(val);
	}
	/* what the letter asks for, in one line */
	if (!a->reasons && !a->situations)
		say(io, "  ", "new.summary_no_reasons", NULL);
}

int qn_confirm(const struct qn_io *io)
{
	char tmp[96];
	for (;;) {
		fprintf(io->out, "\n%s [%s]: ", L(io, "new.confirm", tmp, sizeof tmp),
			L(io, "new.yes_word", tmp + 48, 48));
		char *line;
		size_t len;
		int too_long;
		int rc = read_answer(io, &line, &len, &too_long);
		if (rc)
			return rc;
		if (too_long)
			continue;
		int b = has_nul(line, len) ? -1 : blank(line) ? 1 : qn_yesno(io, line);
		free(line);
		if (b == 1)
			return QN_OK;
		if (b == 0)
			return QN_DECLINED;
		struct verdict v = { .why_key = "new.invalid_yesno" };
		print_problem(io, &v);
	}
}

/* ---- file names ------------------------------------------------------- */

char *qn_file_stem(const struct answers *a)
{
	char iso[11];
	date_iso(a->date, iso);
	if (a->controller_id)
		return xasprintf("objection-%s-%s-%s", a->controller_id, a->jurisdiction, iso);
	struct buf slug = BUF_INIT;
	const char *name = ynode_scalar(ynode_get(a->controller, "name"));
	for (const char *p = name ? name : ""; *p && slug.len < 24; p++) {
		unsigned char ch = (unsigned char)*p;
		if (isalnum(ch) && ch < 0x80)
			BUF_MUST(buf_addc(&slug, tolower(ch)));
		else if (slug.len && slug.data[slug.len - 1] != '-')
			BUF_MUST(buf_addc(&slug, '-'));
	}
	while (slug.len && slug.data[slug.len - 1] == '-')
		buf_truncate(&slug, slug.len - 1);
	char *s = xasprintf("objection-%s-%s-%s", slug.len ? slug.data : "other", a->jurisdiction, iso);
	buf_free(&slug);
	return s;
}
