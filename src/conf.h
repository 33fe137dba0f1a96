/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * conf.h: the configuration file (the smtp server, the sender, the journal).
 *
 * (Named conf, not config: src/config.h would shadow the config.h that
 * configure writes, which every source file includes first.)
 *
 *   smtp:
 *     host: smtp.example.org
 *     port: 587                  # default 587 (starttls), 465 (tls), 25 (none)
 *     security: starttls         # starttls | tls | none
 *     username: zoe@example.org  # AUTH when given
 *     password_command: pass show mail/zoe   # or env OBJECTOR_SMTP_PASSWORD
 *     ca_file: ~/ca.pem          # adds a CA; verification is always on
 *     timeout: 60                # seconds for each reply of the server (default 60)
 *     password_timeout: 120      # seconds for password_command (default 120)
 *   from: "Zoë Łukasiewicz-Øster <zoe@example.org>"
 *   journal: ~/.local/state/objector/journal.yaml
 *   mail:
 *     via: smtp                  # smtp (default) | sendmail: hand messages to the MTA
 *     sendmail: /usr/sbin/sendmail   # its path (default)
 *
 * The host is a name or an address; an IPv6 address may be written in
 * brackets ("[::1]") and is stored without them.
 * Unknown keys are errors ("FILE:LINE:COL: ..."); a password in the file is
 * refused, and so is a file naming credentials (username, password_command)
 * that group or others can read or write. A leading "~/" means $HOME.
 * Every problem is EX_CONFIG with *errstr set; the struct is the caller's.
 */
#ifndef OBJECTOR_CONF_H
#define OBJECTOR_CONF_H

enum conf_security { CONF_STARTTLS, CONF_TLS, CONF_NONE };

struct conf {
	char *file;		/* the file read, or NULL when there was none */
	char *host;		/* NULL: no smtp server configured */
	int port;
	enum conf_security security;
	char *username;		/* optional */
	char *password_command;	/* optional */
	char *ca_file;		/* optional, expanded */
	long timeout;		/* seconds */
	long password_timeout;	/* seconds */
	char *from;		/* optional: "Name <addr>" as written */
	int from_line, from_col;	/* its position, for messages */
	char *journal;		/* always set, expanded */
	int via_sendmail;	/* mail.via: sendmail (else smtp) */
	char *sendmail;		/* mail.sendmail, expanded, or NULL: SENDMAIL_DEFAULT */
};

/* conf_default_path: $XDG_CONFIG_HOME/objector/config.yaml (~/.config). */
char *conf_default_path(void);
/* conf_default_journal: $XDG_STATE_HOME/objector/journal.yaml (~/.local/state). */
char *conf_default_journal(void);
/* conf_expand: a copy of path with a leading "~/" replaced by $HOME. */
char *conf_expand(const char *path);

/* conf_load: read path, or the default path when path is NULL. A missing
 * default file gives the defaults; a missing explicit file is an error. */
int conf_load(const char *path, struct conf **out, char **errstr);
void conf_free(struct conf *c);

/* conf_password: the SMTP password from $OBJECTOR_SMTP_PASSWORD, else the
 * first line of what password_command prints (run with /bin/sh -c, in a
 * process group of its own). The result is the caller's: release it with
 * free_secret(). EX_CONFIG when there is none, the command fails, prints
 * more than 64 KiB or does not end within password_timeout seconds (its
 * process group is then killed). Call it before taking any lock. */
int conf_password(const struct conf *c, char **password, char **errstr);

#endif
