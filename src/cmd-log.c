/* cmd-log.c: `objector log` (not built yet: its issue has not landed). */
#include "config.h"

#include <sysexits.h>

#include "cmd.h"
#include "diag.h"

int cmd_log(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	errmsg("'log' is not built yet in this version");
	return EX_SOFTWARE;
}
