/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd-list.c: `objector list jurisdictions|controllers|languages`: the
 * catalogues, as a person reads them (and the companies as YAML).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "i18n.h"
#include "catalog.h"
#include "cmd.h"
#include "compose.h"
#include "buf.h"
#include "diag.h"
#include "plan.h"
#include "ydoc.h"

static void list_jurisdictions(const struct catalog *cat)
{
	for (size_t i = 0; i < catalog_njurisdictions(cat); i++) {
		const struct cat_jurisdiction *j = catalog_jurisdiction_at(cat, i);
		const struct cat_deadline *dl = &j->deadline;
		char due[64];
		if (dl->months)
			snprintf(due, sizeof due, i18n_ngettext("%d month", "%d months", (unsigned long)dl->months),
				 dl->months);
		else
			snprintf(due, sizeof due, i18n_ngettext("%d day", "%d days", (unsigned long)dl->days),
				 dl->days);
		printf("%-4s %s\n", j->id, j->name);
		/* TRANSLATORS: list jurisdictions: the labels are padded to one width. */
		printf(_("     law:       %s (%s)\n"), j->basis, j->law_long);
		printf(_("     answer:    %s%s\n"), due,
		       dl->statutory ? "" : _(" (no statutory deadline: the letter asks for it)"));
		printf(_("     authority: %s, %s%s\n"), j->authority->name, j->authority->web,
		       j->local_authority ? _("; and the member state's authority") : "");
		printf(_("     paper:     %s\n\n"), strcmp(j->paper, "a4") == 0 ? "A4" : _("US Letter"));
	}
}

/* list_controllers: each company, and for each of its entities the
 * jurisdictions, the entity and its submission plan (plan.h). */
static void list_controllers(const struct catalog *cat, unsigned flags)
{
	struct buf out = BUF_INIT;
	for (size_t i = 0; i < catalog_ncontrollers(cat); i++) {
		const struct cat_controller *c = catalog_controller_at(cat, i);
		BUF_MUST(buf_printf(&out, "%-10s %s%s\n", c->id, c->name,
			   c->account ? "" : _(" (no account needed)")));
		for (size_t k = 0; k < c->nentities; k++) {
			const struct cat_entity *e = &c->entities[k];
			for (size_t x = 0; x < e->jurisdictions.n; x++)
				BUF_MUST(buf_printf(&out, "%s%s", x ? ", " : "  ", e->jurisdictions.v[x]));
			BUF_MUST(buf_printf(&out, ": %s\n", e->name));
			if (!e->email)
				BUF_MUST(buf_adds(&out, _("    (no e-mail address published)\n")));
			plan_text(c, e, NULL, flags, 4, &out);
		}
		BUF_MUST(buf_addc(&out, '\n'));
	}
	fwrite(out.data, 1, out.len, stdout);
	buf_free(&out);
}

/* list_controllers_yaml: the catalogue's companies as YAML (plan.h). */
static int list_controllers_yaml(const struct catalog *cat)
{
	struct ynode *root = plan_catalog_yaml(cat);
	struct buf out = BUF_INIT;
	char *err = NULL;
	int rc = ydoc_emit(root, &out, &err);
	ynode_free(root);
	if (rc) {
		errmsg("%s", err);
		free(err);
	} else {
		fwrite(out.data, 1, out.len, stdout);
	}
	buf_free(&out);
	return rc;
}

static void list_languages(const struct catalog *cat)
{
	const char *dir = app_data_dir();
	for (size_t i = 0; i < catalog_njurisdictions(cat); i++) {
		const struct cat_jurisdiction *j = catalog_jurisdiction_at(cat, i);
		printf("%-4s", j->id);
		for (size_t k = 0; k < j->languages.n; k++)
			if (compose_has_letter(dir, j->id, j->languages.v[k]))
				printf(" %s", j->languages.v[k]);
		if (j->lang_country.n) {
			printf("   %s", _("(default by country:"));
			for (size_t k = 0; k < j->lang_country.n; k++)
				printf(" %s=%s", j->lang_country.v[k], j->lang_by_country.v[k]);
			printf(")");
		}
		putchar('\n');
	}
}

enum { O_FORMAT, O_SOURCES };
static const struct cmd_opt opts[] = {
	[O_FORMAT] = { "format", 'f', CMD_ARG },
	[O_SOURCES] = { "sources", 0, CMD_FLAG },
	{ NULL, 0, 0 },
};

static int list(const struct cmd_entry *self, const struct cmd_args *args);

const struct cmd_entry cmd_list_entry = {
	.name = "list",
	.args = "jurisdictions|controllers|languages [--format text|yaml] [--sources]",
	.summary = N_("show the catalogues"),
	.help = N_("  -f, --format FORMAT   controllers: text (default) or yaml (every company, entity\n"
		"                        and channel, keyed as in data/controllers/ID.yaml)\n"
		"      --sources         controllers: each step's sources (title, date checked, address)\n"),
	.notes = N_("\n'list controllers' shows each company's submission plan per jurisdiction, in\n"
		"the order to follow: the setting that stops future use (not an objection), the\n"
		"objection form (what to choose, what goes in each field), the postal address,\n"
		"and an e-mail address only where the company publishes one.\n"),
	.opts = opts,
	.exec = list,
};

static int list(const struct cmd_entry *self, const struct cmd_args *args)
{
	if (args->argc != 1)
		return cmd_usage_error(self, _("list what? jurisdictions, controllers or languages"));
	const char *what = args->argv[0];
	const struct catalog *cat;
	int rc = app_catalog(&cat);
	if (rc)
		return rc;
	/* list shows the catalogues: the German data is checked too (other
	 * commands read it only for a German resident) */
	char *err = NULL;
	if ((rc = catalog_load_lands(cat, &err)) != 0) {
		errmsg("%s", err);
		free(err);
		return rc;
	}
	size_t n = strlen(what);
	const char *format = args->opt[O_FORMAT];
	int controllers = n && strncmp(what, "controllers", n) == 0;
	if (format && strcmp(format, "text") != 0 && strcmp(format, "yaml") != 0) {
		errmsg(_("unknown format '%s' (text or yaml)"), format);
		return EX_USAGE;
	}
	if ((format || args->opt[O_SOURCES]) && !controllers)
		return cmd_usage_error(self, _("--format and --sources go with 'list controllers'"));
	if (controllers && format && strcmp(format, "yaml") == 0)
		return list_controllers_yaml(cat);
	if (n && strncmp(what, "jurisdictions", n) == 0)
		list_jurisdictions(cat);
	else if (controllers)
		list_controllers(cat, args->opt[O_SOURCES] ? PLAN_SOURCES : 0);
	else if (n && strncmp(what, "languages", n) == 0)
		list_languages(cat);
	else {
		errmsg(_("cannot list '%s': choose jurisdictions, controllers or languages"), what);
		return EX_USAGE;
	}
	return 0;
}
