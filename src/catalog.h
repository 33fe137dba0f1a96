/*
 * catalog.h: the catalogues: jurisdictions, supervisory authorities,
 * controllers and ISO country codes, read from YAML files under the data
 * directory (data/NAME.yaml). Every fact in them carries a `source:`.
 *
 * Entries are YAML mappings (struct ynode): code reads the few fields it
 * needs through the accessors below, and templates see whole entries. All
 * returned nodes and strings belong to the catalogue and live until
 * catalog_free(). catalog_load checks the files' shape (required fields,
 * ids that refer to existing entries, a source on every entry) and reports
 * problems as "FILE:LINE:COL: message" with EX_DATAERR.
 */
#ifndef OBJECTOR_CATALOG_H
#define OBJECTOR_CATALOG_H

#include <stddef.h>

struct ynode;
struct catalog;

int catalog_load(const char *data_dir, struct catalog **out, char **errstr);
void catalog_free(struct catalog *cat);

/* The jurisdictions, in catalogue order (uk, eea, ch, ca, hk). */
size_t catalog_njurisdictions(const struct catalog *cat);
const struct ynode *catalog_jurisdiction_at(const struct catalog *cat, size_t i);
/* By id, or NULL. */
const struct ynode *catalog_jurisdiction(const struct catalog *cat, const char *id);
/* The jurisdiction whose law applies to a resident of country cc (ISO
 * alpha-2, upper case), or NULL (no jurisdiction of objector's covers it). */
const struct ynode *catalog_jurisdiction_for_country(const struct catalog *cat, const char *cc);
/* Whether cc is an ISO 3166-1 alpha-2 code; its English name or NULL. */
const char *catalog_country_name(const struct catalog *cat, const char *cc);
/* The ISO 3166-1 alpha-2 codes: a mapping from code to English name. */
const struct ynode *catalog_countries(const struct catalog *cat);

/* Supervisory authorities: by id ("ico", "dpc", "fdpic", ...), or the
 * authority of a member state by country code; NULL if none. */
const struct ynode *catalog_authority(const struct catalog *cat, const char *id);
const struct ynode *catalog_authority_for_country(const struct catalog *cat, const char *cc);

/* Controllers: the list, by id, and the entity (name, address, forms) that
 * is the controller for members in jurisdiction jur (NULL: the controller is
 * not catalogued for that jurisdiction). */
size_t catalog_ncontrollers(const struct catalog *cat);
const struct ynode *catalog_controller_at(const struct catalog *cat, size_t i);
const struct ynode *catalog_controller(const struct catalog *cat, const char *id);
const struct ynode *catalog_controller_entity(const struct ynode *controller, const char *jur);

/* catalog_str: the scalar at a dotted path under an entry ("deadline.months"),
 * or NULL. */
const char *catalog_str(const struct ynode *entry, const char *path);

#endif
