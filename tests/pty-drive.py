#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""pty-drive.py: run a program on a pseudo-terminal and drive it from a script.

Usage: pty-drive.py [--timeout SECONDS] [--log FILE] -- PROGRAM [ARGS...] < SCRIPT

The script has one command per line:
  expect TEXT   wait until the program's output (since the last match) holds TEXT
  send TEXT     type TEXT and Enter (the rest of the line, as is; may be empty)
  intr          type Ctrl-C
  eof           type Ctrl-D (end of input at the start of a line)
  # ...         a comment
The program's exit status is printed as "exit N" (a signal S as "signal S")
on standard output once it has ended. The driver exits 0 when the script ran
to its end, 2 when an `expect` timed out or the program ended before it was
matched (the output so far goes to standard error), 3 on a usage error.
Everything is bounded in time: each expect by --timeout (default 10 s), the
whole run by ten times that.
"""
import os
import pty
import select
import signal
import sys
import time


def usage():
    sys.stderr.write(__doc__)
    sys.exit(3)


def main():
    args = sys.argv[1:]
    timeout = 10.0
    log = None
    while args and args[0] != "--":
        if args[0] == "--timeout" and len(args) > 1:
            timeout = float(args[1])
            args = args[2:]
        elif args[0] == "--log" and len(args) > 1:
            log = args[1]
            args = args[2:]
        else:
            usage()
    if not args or len(args) < 2:
        usage()
    argv = args[1:]
    script = sys.stdin.read().splitlines()

    pid, fd = pty.fork()
    if pid == 0:
        try:
            os.execvp(argv[0], argv)
        finally:
            os._exit(127)

    deadline = time.monotonic() + 10 * timeout
    seen = b""          # everything, for the log
    pending = ""        # output not yet matched by an expect
    status = None

    def read_some(wait):
        nonlocal seen, pending
        r, _, _ = select.select([fd], [], [], wait)
        if not r:
            return True
        try:
            data = os.read(fd, 4096)
        except OSError:          # EIO: the other side is closed
            return False
        if not data:
            return False
        seen += data
        pending += data.decode("utf-8", "replace").replace("\r", "")
        return True

    def fail(why):
        sys.stderr.write("pty-drive: %s\n--- output so far ---\n%s\n---\n"
                         % (why, seen.decode("utf-8", "replace").replace("\r", "")))
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except OSError:
            pass
        write_log()
        sys.exit(2)

    def write_log():
        if log:
            with open(log, "wb") as f:
                f.write(seen.replace(b"\r", b""))

    for line in script:
        if not line or line.startswith("#"):
            continue
        cmd, _, arg = line.partition(" ")
        if cmd == "expect":
            end = min(time.monotonic() + timeout, deadline)
            alive = True
            while arg not in pending:
                left = end - time.monotonic()
                if left <= 0:
                    fail("timed out waiting for %r" % arg)
                if not alive:
                    fail("the program ended before %r" % arg)
                alive = read_some(min(left, 0.2))
            pending = pending[pending.index(arg) + len(arg):]
        elif cmd == "send":
            time.sleep(0.05)     # let the program reach its read
            os.write(fd, arg.encode("utf-8") + b"\r")
        elif cmd == "intr":
            time.sleep(0.05)
            os.write(fd, b"\x03")
        elif cmd == "eof":
            time.sleep(0.05)
            os.write(fd, b"\x04")
        else:
            sys.stderr.write("pty-drive: unknown command %r\n" % cmd)
            sys.exit(3)

    # Drain the output until the program ends.
    while True:
        if time.monotonic() > deadline:
            fail("the program did not end")
        done, st = os.waitpid(pid, os.WNOHANG)
        if done:
            status = st
            stop = time.monotonic() + 1
            while time.monotonic() < stop and read_some(0.05):
                pass
            break
        read_some(0.1)
    write_log()
    if os.WIFSIGNALED(status):
        print("signal %d" % os.WTERMSIG(status))
    else:
        print("exit %d" % os.WEXITSTATUS(status))
    return 0


if __name__ == "__main__":
    sys.exit(main())
