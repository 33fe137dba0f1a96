/* cmd-new.c: `objector new` (not built yet: its issue has not landed). */
#include "config.h"

#include <sysexits.h>

#include "cmd.h"
#include "diag.h"

int cmd_new(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	errmsg("'new' is not built yet in this version");
	return EX_SOFTWARE;
}
