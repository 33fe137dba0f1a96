#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""tests/smtpd.py: a real SMTP server on loopback for objector's tests.

Run with /usr/bin/python3 (Debian's python3-aiosmtpd). It binds 127.0.0.1 on
a free port, prints the port on stdout when ready and serves until killed
(or --lifetime seconds pass, so a forgotten server never outlives a test).
Each accepted message is written to DIR/N.eml (the bytes as received, dot-
stuffing undone) with DIR/N.json (envelope and the reply given); each new
connection appends a line to DIR/connections.

  --dir DIR                 where messages go (required)
  --tls-cert F --tls-key F  offer STARTTLS with this certificate
  --implicit-tls            TLS from the first byte (smtps) instead
  --user U --password P     accept AUTH PLAIN/LOGIN with these (only over TLS,
                            like real servers, unless --auth-plaintext)
  --require-auth            refuse MAIL before AUTH (530)
  --reject ADDR             answer RCPT TO:<ADDR> with 550
  --tempfail ADDR           answer RCPT TO:<ADDR> with 451
  --no-auth                 do not advertise AUTH at all
  --stall                   accept connections and never answer
  --delay SECONDS           wait this long before replying to DATA (the
                            message is stored when the reply goes out)
  --421-after N             after every N messages accepted, answer the next
                            MAIL with 421 and close the connection
Each N.json also holds "time", when the message was accepted (Unix seconds).
"""
import argparse
import asyncio
import json
import os
import secrets
import ssl
import sys
import time
import warnings

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


def main():
    warnings.simplefilter("ignore", DeprecationWarning)
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", required=True)
    ap.add_argument("--tls-cert")
    ap.add_argument("--tls-key")
    ap.add_argument("--implicit-tls", action="store_true")
    ap.add_argument("--user")
    ap.add_argument("--password")
    ap.add_argument("--auth-plaintext", action="store_true")
    ap.add_argument("--require-auth", action="store_true")
    ap.add_argument("--reject", action="append", default=[])
    ap.add_argument("--tempfail", action="append", default=[])
    ap.add_argument("--no-auth", action="store_true")
    ap.add_argument("--stall", action="store_true")
    ap.add_argument("--delay", type=float, default=0)
    ap.add_argument("--421-after", dest="close_after", type=int, default=0)
    ap.add_argument("--lifetime", type=float, default=120)
    a = ap.parse_args()
    os.makedirs(a.dir, exist_ok=True)

    ctx = None
    if a.tls_cert:
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(a.tls_cert, a.tls_key)

    class Handler:
        count = 0
        closed_at = 0

        async def handle_MAIL(self, server, session, envelope, address, mail_options):
            if a.close_after and Handler.count and Handler.count % a.close_after == 0 \
                    and Handler.closed_at != Handler.count:
                Handler.closed_at = Handler.count
                with open(os.path.join(a.dir, "421"), "a") as f:
                    f.write("%d\n" % Handler.count)
                asyncio.get_event_loop().call_soon(server.transport.close)
                return "421 4.7.0 objector-test.localhost: too many messages, closing connection"
            envelope.mail_from = address
            envelope.mail_options.extend(mail_options)
            return "250 OK"

        async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
            if address in a.reject:
                return "550 5.1.1 <%s>: Recipient address rejected: no such user" % address
            if address in a.tempfail:
                return "451 4.3.0 <%s>: Temporary lookup failure, try again later" % address
            envelope.rcpt_tos.append(address)
            return "250 2.1.5 Ok"

        async def handle_EHLO(self, server, session, envelope, hostname, responses):
            session.host_name = hostname
            if a.no_auth:
                responses = [r for r in responses if not r[4:].startswith("AUTH")]
            return responses

        async def handle_DATA(self, server, session, envelope):
            if a.delay:
                await asyncio.sleep(a.delay)
            Handler.count += 1
            n = Handler.count
            qid = secrets.token_hex(5).upper()
            reply = "250 2.0.0 Ok: queued as %s" % qid
            base = os.path.join(a.dir, str(n))
            with open(base + ".eml.tmp", "wb") as f:
                f.write(envelope.original_content)
            os.rename(base + ".eml.tmp", base + ".eml")
            with open(base + ".json", "w") as f:
                json.dump({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos,
                           "reply": reply, "queue_id": qid, "time": time.time(),
                           "tls": session.ssl is not None,
                           "authenticated": bool(session.authenticated)}, f)
            return reply

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword) and a.user is not None
              and auth_data.login == a.user.encode() and auth_data.password == a.password.encode())
        return AuthResult(success=ok, handled=False)

    kwargs = dict(hostname="objector-test.localhost", decode_data=False,
                  ident="objector test smtpd")
    if ctx and not a.implicit_tls:
        kwargs["tls_context"] = ctx
    if a.user:
        kwargs["authenticator"] = authenticator
        # aiosmtpd only counts STARTTLS as TLS: with implicit TLS allow AUTH too
        kwargs["auth_require_tls"] = not (a.auth_plaintext or a.implicit_tls)
    if a.require_auth:
        kwargs["auth_required"] = True

    handler = Handler()
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)

    def factory():
        with open(os.path.join(a.dir, "connections"), "a") as f:
            f.write("connection\n")
        return SMTP(handler, loop=loop, **kwargs)

    async def stall(reader, writer):
        with open(os.path.join(a.dir, "connections"), "a") as f:
            f.write("connection\n")
        await asyncio.sleep(a.lifetime)
        writer.close()

    if a.stall:
        server = loop.run_until_complete(asyncio.start_server(stall, "127.0.0.1", 0))
    else:
        server = loop.run_until_complete(loop.create_server(
            factory, "127.0.0.1", 0, ssl=ctx if a.implicit_tls else None))
    port = server.sockets[0].getsockname()[1]
    print(port, flush=True)
    loop.call_later(a.lifetime, loop.stop)
    try:
        loop.run_forever()
    finally:
        server.close()


if __name__ == "__main__":
    sys.exit(main())
