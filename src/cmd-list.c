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
#include "xalloc.h"
#include "ydoc.h"

static void list_jurisdictions(const struct catalog *cat)
{
	for (size_t i = 0; i < catalog_njurisdictions(cat); i++) {
		const struct ynode *j = catalog_jurisdiction_at(cat, i);
		const struct ynode *dl = ynode_get(j, "deadline");
		const char *m = catalog_str(dl, "months");
		char due[64];
		if (m)
			snprintf(due, sizeof due, "%s month%s", m, strcmp(m, "1") ? "s" : "");
		else
			snprintf(due, sizeof due, "%s days", catalog_str(dl, "days"));
		int statutory = ynode_bool(ynode_get(dl, "statutory")) == 1;
		const struct ynode *auth = catalog_authority(cat, catalog_str(j, "authority"));
		printf("%-4s %s\n", catalog_str(j, "id"), catalog_str(j, "name"));
		printf("     law:       %s (%s)\n", catalog_str(j, "basis"), catalog_str(j, "law_long"));
		printf("     answer:    %s%s\n", due,
		       statutory ? "" : " (no statutory deadline: the letter asks for it)");
		printf("     authority: %s, %s%s\n", catalog_str(auth, "name"), catalog_str(auth, "web"),
		       ynode_get(j, "local_authority") ? "; and the member state's authority" : "");
		printf("     paper:     %s\n\n", strcmp(catalog_str(j, "paper"), "a4") == 0 ? "A4" : "US Letter");
	}
}

static void list_controllers(const struct catalog *cat)
{
	for (size_t i = 0; i < catalog_ncontrollers(cat); i++) {
		const struct ynode *c = catalog_controller_at(cat, i);
		printf("%-9s %s\n", catalog_str(c, "id"), catalog_str(c, "name"));
		const struct ynode *ents = ynode_get(c, "entities");
		for (size_t k = 0; k < ents->n; k++) {
			const struct ynode *e = ents->items[k];
			const struct ynode *js = ynode_get(e, "jurisdictions");
			printf("          ");
			for (size_t x = 0; x < js->n; x++)
				printf("%s%s", x ? "," : "", js->items[x]->str);
			printf(": %s", catalog_str(e, "name"));
			const struct ynode *addr = ynode_get(e, "address");
			for (size_t x = 0; x < addr->n; x++)
				printf(", %s", addr->items[x]->str);
			putchar('\n');
			const char *mail = catalog_str(e, "email"), *form = catalog_str(e, "webform");
			if (mail)
				printf("          e-mail: %s\n", mail);
			if (form)
				printf("          web form: %s%s\n", form, mail ? "" : " (no e-mail address published)");
		}
		putchar('\n');
	}
}

static void list_languages(const struct catalog *cat)
{
	const char *dir = app_data_dir();
	for (size_t i = 0; i < catalog_njurisdictions(cat); i++) {
		const struct ynode *j = catalog_jurisdiction_at(cat, i);
		const struct ynode *langs = ynode_get(j, "languages");
		printf("%-4s", catalog_str(j, "id"));
		for (size_t k = 0; k < langs->n; k++) {
			const char *l = ynode_scalar(langs->items[k]);
			if (!l)
				continue;
			if (compose_has_letter(dir, catalog_str(j, "id"), l))
				printf(" %s", l);
		}
		const struct ynode *bc = ynode_get(j, "language_by_country");
		if (bc && bc->n) {
			printf("   (default by country:");
			for (size_t k = 0; k < bc->n; k++)
				printf(" %s=%s", bc->keys[k]->str, ynode_scalar(bc->items[k]));
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
	.summary = "show the catalogues",
	.help = CMD_COMMON_HELP,
	.opts = opts,
	.exec = list,
};

static int list(const struct cmd_entry *self, const struct cmd_args *args)
{
	if (args->argc != 1)
		return cmd_usage_error(self, "list what? jurisdictions, controllers or languages");
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
		errmsg("cannot list '%s': choose jurisdictions, controllers or languages", what);
		return EX_USAGE;
	}
	return 0;
}
