# SPDX-License-Identifier: GPL-3.0-or-later
# tests/e2e/send-lib.sh: helpers for the send/log end-to-end tests (sourced,
# not a test itself): a self-signed CA and server certificate made with
# openssl, the aiosmtpd test server (tests/smtpd.py) started on loopback and
# always stopped, and a configuration file pointing at it.
. "$top_srcdir/tests/lib.sh"

PY=/usr/bin/python3
SMTPD_PID=
trap 't_rc=$?; stop_smtpd; (exit $t_rc); t_cleanup' EXIT

# need_smtpd: skip the whole test when the tools are missing.
need_smtpd() {
	if ! "$PY" -c 'import aiosmtpd' 2>/dev/null || ! command -v openssl >/dev/null; then
		echo "1..0 # SKIP needs /usr/bin/python3 with aiosmtpd, and openssl"
		exit 0
	fi
}

# make_ca: $T/tls/ca.pem (a CA made for this test) and a certificate for
# 127.0.0.1 signed by it (srv.pem, srv.key).
make_ca() {
	mkdir -p "$T/tls"
	(
		cd "$T/tls" || exit 1
		openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 \
			-subj "/CN=objector test CA" -addext "basicConstraints=critical,CA:TRUE" \
			-addext "keyUsage=critical,keyCertSign" &&
		openssl req -newkey rsa:2048 -nodes -keyout srv.key -out srv.csr -subj "/CN=127.0.0.1" &&
		printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' >ext &&
		openssl x509 -req -in srv.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out srv.pem \
			-days 2 -extfile ext
	) >"$T/tls/log" 2>&1 || { echo "Bail out! openssl failed"; cat "$T/tls/log"; exit 1; }
}

# start_server SCRIPT LIFETIME ARGS...: tests/SCRIPT (a server on loopback
# that prints its port) for at most LIFETIME seconds, messages into
# $MAILDIR; sets $PORT.
start_server() {
	stop_smtpd
	MAILDIR="$T/mail"
	rm -rf "$MAILDIR"
	: >"$T/port"
	script=$1 lifetime=$2
	shift 2
	"$PY" "$top_srcdir/tests/$script" --dir "$MAILDIR" --lifetime "$lifetime" "$@" >"$T/port" 2>"$T/smtpd.err" &
	SMTPD_PID=$!
	i=0
	while [ ! -s "$T/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	PORT=$(cat "$T/port")
	[ -n "$PORT" ] || { echo "Bail out! $script did not start"; cat "$T/smtpd.err"; exit 1; }
}

# start_smtpd ARGS...: the aiosmtpd server (tests/smtpd.py).
start_smtpd() { start_server smtpd.py 90 "$@"; }

stop_smtpd() {
	if [ -n "$SMTPD_PID" ]; then
		kill "$SMTPD_PID" 2>/dev/null
		wait "$SMTPD_PID" 2>/dev/null
		SMTPD_PID=
	fi
}

# TLS_ARGS / AUTH_ARGS: the usual server: STARTTLS with our CA, AUTH required.
tls_args() { echo --tls-cert "$T/tls/srv.pem" --tls-key "$T/tls/srv.key"; }

# write_config [security [extra smtp lines]]: $XDG_CONFIG_HOME/objector/config.yaml
# for the server on $PORT with user zoe; the password comes from the
# environment (OBJECTOR_SMTP_PASSWORD) unless extra lines say otherwise.
# SMTP_TIMEOUT: smtp.timeout in seconds (default 5).
write_config() {
	mkdir -p "$XDG_CONFIG_HOME/objector"
	CONFIG="$XDG_CONFIG_HOME/objector/config.yaml"
	{
		echo "smtp:"
		echo "  host: 127.0.0.1"
		echo "  port: $PORT"
		echo "  security: ${1:-starttls}"
		echo "  username: zoe@example.org"
		echo "  ca_file: $T/tls/ca.pem"
		echo "  timeout: ${SMTP_TIMEOUT:-5}"
		[ -z "${2:-}" ] || printf '%s\n' "$2"
		echo "from: \"Zoë Łukasiewicz-Øster <zoe@example.org>\""
	} >"$CONFIG"
	chmod 600 "$CONFIG"
}

# nmail: how many messages the server has accepted.
nmail() { ls "$MAILDIR" 2>/dev/null | grep -c '\.eml$'; }

JOURNAL="$XDG_STATE_HOME/objector/journal.yaml"
# njournal: how many entries the journal holds (0 when there is none).
njournal() {
	[ -f "$JOURNAL" ] || { echo 0; return; }
	"$PY" -c 'import sys, yaml; print(sum(1 for d in yaml.safe_load_all(open(sys.argv[1])) if d))' "$JOURNAL"
}

EX_DE="$top_srcdir/examples/eea-linkedin-de.yaml"
EX_UK="$top_srcdir/examples/uk-linkedin.yaml"
EX_OTHER="$top_srcdir/examples/other-controller.yaml"
