/*
 * cmd-list.c: `objector list jurisdictions|controllers|languages`: the
 * catalogues, as a person reads them.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "catalog.h"
#include "cmd.h"
#include "compose.h"
#include "diag.h"
#include "i18n.h"

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

/* list_entity: one entity: its jurisdictions, name and address, its e-mail
 * address and its general web form (the last form of its channels: the
 * objection form, which send uses, comes first). */
static void list_entity(const struct cat_entity *e)
{
	printf("          ");
	for (size_t x = 0; x < e->jurisdictions.n; x++)
		printf("%s%s", x ? "," : "", e->jurisdictions.v[x]);
	printf(": %s", e->name);
	for (size_t x = 0; x < e->address.n; x++)
		printf(", %s", e->address.v[x]);
	putchar('\n');
	const char *form = NULL;
	for (size_t x = 0; x < e->nchannels; x++)
		if (e->channels[x].kind == CAT_FORM)
			form = e->channels[x].url;
	if (e->email)
		printf(_("          e-mail: %s\n"), e->email);
	if (form)
		printf(_("          web form: %s%s\n"), form, e->email ? "" : _(" (no e-mail address published)"));
}

static void list_controllers(const struct catalog *cat)
{
	for (size_t i = 0; i < catalog_ncontrollers(cat); i++) {
		const struct cat_controller *c = catalog_controller_at(cat, i);
		printf("%-9s %s\n", c->id, c->name);
		for (size_t k = 0; k < c->nentities; k++)
			list_entity(&c->entities[k]);
		putchar('\n');
	}
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

static const struct cmd_opt opts[] = { { NULL, 0, 0 } };

static int list(const struct cmd_entry *self, const struct cmd_args *args);

const struct cmd_entry cmd_list_entry = {
	.name = "list",
	.args = "jurisdictions|controllers|languages",
	.summary = N_("show the catalogues"),
	.help = "",
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
	size_t n = strlen(what);
	if (n && strncmp(what, "jurisdictions", n) == 0)
		list_jurisdictions(cat);
	else if (n && strncmp(what, "controllers", n) == 0)
		list_controllers(cat);
	else if (n && strncmp(what, "languages", n) == 0)
		list_languages(cat);
	else {
		errmsg(_("cannot list '%s': choose jurisdictions, controllers or languages"), what);
		return EX_USAGE;
	}
	return 0;
}
