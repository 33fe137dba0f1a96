/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * main.c: objector's entry point: the locale and the interface language
 * (i18n.h), the settings from the
 * environment, the command (cmd.h), and the final check that everything
 * written to stdout really got there.
 */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cmd.h"
#include "diag.h"
#include "i18n.h"

static int finish(int rc)
{
	/* A full disk or a closed pipe on stdout must not pass silently. */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		if (errno != EPIPE)
			errmsg(_("write error on standard output: %s"), strerror(errno));
		return rc ? rc : EX_IOERR;
	}
	return rc;
}

static const char *env_or_null(const char *name)
{
	const char *v = getenv(name);
	return v && *v ? v : NULL;
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "C.UTF-8");
	app.config_path = env_or_null("OBJECTOR_CONFIG");
	app.data_dir_opt = env_or_null("OBJECTOR_DATA_DIR");
	i18n_init(app_locale_dir());	/* --lang may change it (cmd_run) */
	return finish(cmd_run(argc, argv));
}
