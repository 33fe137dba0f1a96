/* cmd-generate.c: `objector generate` (not built yet: its issue has not landed). */
#include "config.h"

#include <sysexits.h>

#include "cmd.h"
#include "diag.h"

int cmd_generate(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	errmsg("'generate' is not built yet in this version");
	return EX_SOFTWARE;
}
