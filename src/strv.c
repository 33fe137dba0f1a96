/* SPDX-License-Identifier: GPL-3.0-or-later */
/* strv.c: string vectors; see strv.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "strv.h"
#include "xalloc.h"

void strv_take(struct strv *sv, char *s)
{
	sv->v = xreallocarray(sv->v, sv->n + 1, sizeof *sv->v);
	sv->v[sv->n++] = s;
}

void strv_push(struct strv *sv, const char *s)
{
	strv_take(sv, xstrdup(s));
}

char *strv_join(const struct strv *sv, const char *sep)
{
	struct buf b = BUF_INIT;
	b.max = (size_t)-1;
	for (size_t i = 0; i < sv->n; i++) {
		if (i)
			BUF_MUST(buf_adds(&b, sep));
		BUF_MUST(buf_adds(&b, sv->v[i]));
	}
	return buf_detach(&b, NULL);
}

void strv_free(struct strv *sv)
{
	for (size_t i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	sv->v = NULL;
	sv->n = 0;
}
