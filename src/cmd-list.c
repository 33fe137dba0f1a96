/* cmd-list.c: `objector list` (not built yet: its issue has not landed). */
#include "config.h"

#include <sysexits.h>

#include "cmd.h"
#include "diag.h"

int cmd_list(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	errmsg("'list' is not built yet in this version");
	return EX_SOFTWARE;
}
