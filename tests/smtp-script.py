#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""tests/smtp-script.py: a scripted SMTP server on loopback, for the faults a
well-behaved server (tests/smtpd.py) never shows. Plain SMTP, no TLS, no AUTH.

It binds 127.0.0.1 on a free port, prints the port when ready and serves
connections one at a time until killed (or --lifetime seconds pass). Each
message received in full (its final "." seen) is written to DIR/N.eml, each
connection appends a line to DIR/connections.

  --dir DIR               where messages go (required)
  --after-dot MODE        what follows the final ".": reply (250, the default),
                          close (drop the connection), silent (say nothing)
  --delay-greeting S      wait S seconds before the greeting
  --delay-ehlo S          wait S seconds before answering EHLO
  --escapes               put terminal escapes (ESC, OSC, BEL, C1 CSI) into
                          the replies to MAIL FROM, RCPT (refusals) and DATA
  --reject ADDR           answer RCPT TO:<ADDR> with 550
"""
import argparse
import os
import socket
import sys
import threading
import time

EVIL = b"\x1b]0;pwned\x07\x1b[2J\xc2\x9b31m"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", required=True)
    ap.add_argument("--after-dot", default="reply", choices=["reply", "close", "silent"])
    ap.add_argument("--delay-greeting", type=float, default=0)
    ap.add_argument("--delay-ehlo", type=float, default=0)
    ap.add_argument("--escapes", action="store_true")
    ap.add_argument("--reject", action="append", default=[])
    ap.add_argument("--lifetime", type=float, default=60)
    a = ap.parse_args()
    os.makedirs(a.dir, exist_ok=True)
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", 0))
    srv.listen(8)
    print(srv.getsockname()[1], flush=True)
    threading.Timer(a.lifetime, lambda: os._exit(0)).start()
    count = 0
    while True:
        conn, _ = srv.accept()
        with open(os.path.join(a.dir, "connections"), "a") as f:
            f.write("connection\n")
        try:
            count = serve(a, conn, count)
        except (OSError, ValueError):
            pass
        try:
            conn.close()
        except OSError:
            pass


def serve(a, conn, count):
    f = conn.makefile("rb")
    evil = EVIL if a.escapes else b""

    def say(line):
        conn.sendall(line + b"\r\n")

    time.sleep(a.delay_greeting)
    say(b"220 script.localhost ESMTP")
    while True:
        line = f.readline()
        if not line:
            return count
        cmd = line.strip().upper()
        if cmd.startswith(b"EHLO") or cmd.startswith(b"HELO"):
            time.sleep(a.delay_ehlo)
            say(b"250-script.localhost")
            say(b"250 8BITMIME")
        elif cmd.startswith(b"MAIL FROM"):
            say(b"250 2.1.0 Ok " + evil)
        elif cmd.startswith(b"RCPT TO"):
            addr = line.strip()[8:].strip(b"<> ").decode()
            if addr in a.reject:
                say(("550 5.1.1 <%s>: Recipient address rejected" % addr).encode() + evil)
            else:
                say(b"250 2.1.5 Ok")
        elif cmd == b"DATA":
            say(b"354 End data with <CR><LF>.<CR><LF>")
            body = []
            while True:
                l = f.readline()
                if not l:
                    return count
                if l == b".\r\n":
                    break
                body.append(l[1:] if l.startswith(b"..") else l)
            count += 1
            with open(os.path.join(a.dir, "%d.eml" % count), "wb") as out:
                out.write(b"".join(body))
            if a.after_dot == "close":
                conn.shutdown(socket.SHUT_RDWR)
                return count
            if a.after_dot == "silent":
                time.sleep(a.lifetime)
                return count
            say(b"250 2.0.0 Ok: queued as SCRIPT" + evil)
        elif cmd == b"RSET" or cmd == b"NOOP":
            say(b"250 2.0.0 Ok")
        elif cmd == b"QUIT":
            say(b"221 2.0.0 Bye")
            return count
        else:
            say(b"502 5.5.2 Error: command not recognized")


if __name__ == "__main__":
    sys.exit(main())
