#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""tests/log-json-check.py: check `objector log --format json` against its
schema (doc/log-json.md): the kinds of document, every key's type, the
order of the keys, and the keys that must be there.

usage: log-json-check.py JOURNAL_H KIND FILE
  KIND: entries (`log`), cases (`log --due`), case (`log REF`)
Prints "ok", or what is wrong."""
import json
import re
import sys

journal_h, kind, path = sys.argv[1:4]
# The entry's fields: JOURNAL_FIELDS in src/journal.h, in its order.
FIELDS = re.findall(r"^\s*X\((\w+)\)", open(journal_h).read(), re.M)
ENTRY_CASE = [("state", str), ("case_due", str), ("days_left", int), ("overdue", bool)]
CASE = [("reference", str), ("jurisdiction", str), ("controller", str), ("controller_name", str),
        ("requester", str), ("requester_email", str), ("state", str), ("state_text", str),
        ("sent", str), ("received", str), ("due", str), ("days_left", int), ("overdue", bool),
        ("via", list), ("unsettled", bool), ("next", str), ("events", list)]
CASE_REQUIRED = {"reference", "state", "state_text", "overdue", "via", "unsettled", "events"}
STATES = {"not sent", "waiting", "overdue", "answered", "reminded", "complained", "closed"}
DATE = re.compile(r"^\d{4}-\d\d-\d\d$")
errors = []


def ordered(obj, spec, where):
    keys = list(obj)
    names = [k for k, _ in spec]
    for k in keys:
        if k not in names:
            errors.append("%s: unknown key %r" % (where, k))
            return
    idx = [names.index(k) for k in keys]
    if idx != sorted(idx):
        errors.append("%s: keys out of order: %r" % (where, keys))
    for k, t in spec:
        if k in obj and (type(obj[k]) is not t):
            errors.append("%s: %s is %s, not %s" % (where, k, type(obj[k]).__name__, t.__name__))


def entry(e, where, with_case):
    if not isinstance(e, dict):
        errors.append("%s: not an object" % where)
        return
    spec = [(f, str) for f in FIELDS] + (ENTRY_CASE if with_case else [])
    ordered(e, spec, where)
    for k in ("reference", "status"):
        if k not in e:
            errors.append("%s: no %s" % (where, k))
    if "case_due" in e and not DATE.match(e["case_due"]):
        errors.append("%s: case_due %r" % (where, e["case_due"]))
    if "state" in e and e["state"] not in STATES:
        errors.append("%s: state %r" % (where, e["state"]))
    if ("case_due" in e) != ("days_left" in e) or ("case_due" in e) != ("overdue" in e):
        errors.append("%s: case_due, days_left and overdue go together" % where)


def case(c, where):
    if not isinstance(c, dict):
        errors.append("%s: not an object" % where)
        return
    ordered(c, CASE, where)
    for k in CASE_REQUIRED - set(c):
        errors.append("%s: no %s" % (where, k))
    for k in ("sent", "received", "due"):
        if k in c and not DATE.match(c[k]):
            errors.append("%s: %s %r" % (where, k, c[k]))
    if ("due" in c) != ("days_left" in c):
        errors.append("%s: due and days_left go together" % where)
    if c.get("state") not in STATES:
        errors.append("%s: state %r" % (where, c.get("state")))
    for v in c.get("via", []):
        if v not in ("email", "post", "webform"):
            errors.append("%s: via %r" % (where, v))
    for i, e in enumerate(c.get("events", [])):
        entry(e, "%s.events[%d]" % (where, i), False)
        if e.get("reference") != c.get("reference"):
            errors.append("%s.events[%d]: another reference" % (where, i))


raw = open(path, "rb").read()
try:
    raw.decode("ascii")
except UnicodeDecodeError:
    pass  # UTF-8 is allowed; json.loads below checks it is UTF-8
doc = json.loads(raw.decode("utf-8"))
if kind == "case":
    case(doc, "$")
elif not isinstance(doc, list):
    errors.append("$: not an array")
else:
    for i, x in enumerate(doc):
        (entry(x, "$[%d]" % i, True) if kind == "entries" else case(x, "$[%d]" % i))
print("ok" if not errors else "\n".join(errors))
