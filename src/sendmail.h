/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sendmail.h: handing a message to the system's mail transfer agent.
 *
 * `sendmail -i -f FROM -- RCPT...` (Postfix, Exim, msmtp in its sendmail
 * mode all take it) with the exact message on its standard input, its
 * lines ending in LF as the sendmail interface expects (the CRLF of mail.h
 * turned into LF; nothing else changes). The MTA queues and retries; its
 * exit status is the outcome: 0 sent (queued), 75 (EX_TEMPFAIL) a temporary
 * failure, anything else a refusal. Returns an enum smtp_status (smtp.h)
 * so that submit journals it as it journals SMTP; *reply is "PATH: exit
 * status N" on success and failure, *errstr a message on failure.
 */
#ifndef OBJECTOR_SENDMAIL_H
#define OBJECTOR_SENDMAIL_H

#include <stddef.h>

#define SENDMAIL_DEFAULT "/usr/sbin/sendmail"

int sendmail_send(const char *path, const char *from, const char *const *rcpt, size_t nrcpt,
		  const char *msg, size_t len, char **reply, char **errstr);

#endif
