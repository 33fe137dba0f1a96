/* catalog.c: placeholder */
#include "config.h"
#include <sysexits.h>
#include "catalog.h"
#include "xalloc.h"
int catalog_load(const char *data_dir, struct catalog **out, char **errstr)
{
	*errstr = xstrdup("catalog not built yet");
	return EX_SOFTWARE;
}
