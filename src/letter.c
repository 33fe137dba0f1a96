/* SPDX-License-Identifier: GPL-3.0-or-later */
/* letter.c: freeing and writing letters as text; see letter.h. */
#include "config.h"

#include <stdlib.h>

#include "buf.h"
#include "letter.h"

void letter_free(struct letter *l)
{
	if (!l)
		return;
	char **strs[] = { &l->lang, &l->jurisdiction, &l->controller_id, &l->paper, &l->envelope,
			  &l->return_address, &l->place_date, &l->reference, &l->subject,
			  &l->salutation, &l->closing, &l->signer, &l->email, &l->signature_png,
			  &l->account, &l->country, &l->short_text,
			  &l->label_reference, &l->label_date, &l->label_page, &l->label_colon,
			  &l->to.name, &l->to.email, &l->to.form, &l->to.postal };
	for (size_t i = 0; i < sizeof strs / sizeof *strs; i++)
		free(*strs[i]);
	strv_free(&l->sender);
	strv_free(&l->recipient);
	strv_free(&l->paragraphs);
	strv_free(&l->warnings);
	free(l);
}

static void lines(struct buf *out, const struct strv *sv)
{
	for (size_t i = 0; i < sv->n; i++) {
		BUF_MUST(buf_adds(out, sv->v[i]));
		BUF_MUST(buf_addc(out, '\n'));
	}
}

void letter_text(const struct letter *l, struct buf *out)
{
	lines(out, &l->sender);
	BUF_MUST(buf_addc(out, '\n'));
	lines(out, &l->recipient);
	BUF_MUST(buf_addc(out, '\n'));
	BUF_MUST(buf_printf(out, "%s\n%s%s%s\n\n", l->place_date, l->label_reference,
		   l->label_colon ? l->label_colon : ": ", l->reference));
	BUF_MUST(buf_printf(out, "%s\n\n%s\n\n", l->subject, l->salutation));
	for (size_t i = 0; i < l->paragraphs.n; i++)
		BUF_MUST(buf_printf(out, "%s\n\n", l->paragraphs.v[i]));
	BUF_MUST(buf_printf(out, "%s\n\n%s\n", l->closing, l->signer));
}
