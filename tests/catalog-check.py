#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check data/controllers/*.yaml against the catalogue layout (issue 11).

The rules are those at the end of docs catalog-schema.md (the C loader
enforces the same ones); this script is the researchers' tool.

  catalog-check.py [SRCDIR]            check every file, print FILE:LINE:COL: problem
  catalog-check.py --readme [SRCDIR]   print data/controllers/README.md (generated)
  catalog-check.py --table [SRCDIR]    print the table of companies of the top-level README.md

Checking also compares data/controllers/README.md with what --readme prints,
and the table in README.md (between its markers) with what --table prints.
Exit 0 when clean, 1 when a problem was found, 2 on bad usage.
"""
import datetime
import glob
import os
import re
import sys

import yaml

TOP_KEYS = {"id", "name", "account", "what", "products", "facts", "sources", "entities"}
TOP_REQUIRED = ("id", "name", "sources", "entities")
SOURCE_KEYS = {"id", "title", "url", "published", "checked", "copy"}
SOURCE_REQUIRED = ("id", "title", "url", "checked")
PRODUCT_KEYS = {"id", "name"}
ENTITY_KEYS = {"jurisdictions", "name", "attn", "address", "email", "lead_authority",
               "sources", "channels"}
ENTITY_REQUIRED = ("jurisdictions", "name", "address", "sources", "channels")
CHANNEL_KEYS = {"kind", "product", "url", "path", "choose", "fields", "sources"}
CHANNEL_KINDS = ("setting", "form", "post", "email")
FIELD_KEYS = {"label", "value", "limit"}
FIELD_VALUES = {"requester.name", "requester.email", "requester.account",
                "requester.country", "short_text", "letter"}
ID_RE = re.compile(r"^[a-z0-9-]+$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
URL_RE = re.compile(r"^https?://\S+$")


class Checker:
    def __init__(self, srcdir):
        self.srcdir = srcdir
        self.problems = []
        self.jurisdictions = self._ids("data/jurisdictions.yaml", "jurisdictions")
        self.authorities = self._ids("data/authorities.yaml", "authorities")

    def _ids(self, rel, key):
        path = os.path.join(self.srcdir, rel)
        try:
            with open(path, encoding="utf-8") as f:
                doc = yaml.safe_load(f)
            return [e["id"] for e in doc[key]]
        except (OSError, yaml.YAMLError, KeyError, TypeError) as e:
            self.problems.append("%s: cannot read the %s ids: %s" % (rel, key, e))
            return []

    def err(self, fname, node, msg):
        if node is not None:
            m = node.start_mark
            self.problems.append("%s:%d:%d: %s" % (fname, m.line + 1, m.column + 1, msg))
        else:
            self.problems.append("%s: %s" % (fname, msg))

    # helpers over yaml nodes -------------------------------------------------
    @staticmethod
    def items(node):
        return [(k.value, k, v) for k, v in node.value]

    def mapping(self, fname, node, what):
        if not isinstance(node, yaml.MappingNode):
            self.err(fname, node, "%s must be a mapping" % what)
            return None
        d = {}
        for key, knode, vnode in self.items(node):
            if key in d:
                self.err(fname, knode, "duplicate key '%s' in %s" % (key, what))
            d[key] = (knode, vnode)
        return d

    def seq(self, fname, node, what, nonempty=True):
        if not isinstance(node, yaml.SequenceNode):
            self.err(fname, node, "%s must be a list" % what)
            return []
        if nonempty and not node.value:
            self.err(fname, node, "%s must not be empty" % what)
        return node.value

    def scalar(self, fname, node, what, tag=None):
        if not isinstance(node, yaml.ScalarNode):
            self.err(fname, node, "%s must be a scalar" % what)
            return None
        if tag == "str" and node.tag != "tag:yaml.org,2002:str":
            self.err(fname, node, "%s must be a string" % what)
            return None
        if tag == "bool" and node.tag != "tag:yaml.org,2002:bool":
            self.err(fname, node, "%s must be true or false" % what)
            return None
        if node.tag == "tag:yaml.org,2002:null":
            return None
        return node.value

    def keys(self, fname, d, allowed, required, what, where):
        for key, (knode, _) in d.items():
            if key not in allowed:
                self.err(fname, knode, "unknown key '%s' in %s" % (key, what))
        for key in required:
            if key not in d:
                self.err(fname, where, "%s: '%s' is required" % (what, key))

    def date(self, fname, node, what):
        v = self.scalar(fname, node, what)
        if v is None:
            self.err(fname, node, "%s must be a date YYYY-MM-DD" % what)
            return
        if not DATE_RE.match(v):
            self.err(fname, node, "%s '%s' is not YYYY-MM-DD" % (what, v))
            return
        try:
            datetime.date.fromisoformat(v)
        except ValueError:
            self.err(fname, node, "%s '%s' is not a valid date" % (what, v))

    def refs(self, fname, d, source_ids, what, where):
        if "sources" not in d:
            self.err(fname, where, "%s: 'sources' is required" % what)
            return
        for n in self.seq(fname, d["sources"][1], what + " sources"):
            v = self.scalar(fname, n, "a source reference", "str")
            if v is not None and v not in source_ids:
                self.err(fname, n, "source '%s' is not a source id of this file" % v)

    # the file ---------------------------------------------------------------
    def check_file(self, path):
        fname = os.path.relpath(path, self.srcdir)
        try:
            with open(path, encoding="utf-8") as f:
                root = yaml.compose(f)
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
            self.err(fname, None, "cannot read: %s" % str(e).replace("\n", " "))
            return None
        top = self.mapping(fname, root, "the file")
        if top is None:
            return None
        self.keys(fname, top, TOP_KEYS, TOP_REQUIRED, "the file", root)
        base = os.path.basename(path)[:-len(".yaml")]
        if not ID_RE.match(base):
            self.err(fname, None, "file name '%s' is not [a-z0-9-]+" % base)
        if "id" in top:
            cid = self.scalar(fname, top["id"][1], "id", "str")
            if cid is not None and cid != base:
                self.err(fname, top["id"][1], "id '%s' differs from the file name '%s'" % (cid, base))
        if "name" in top:
            self.scalar(fname, top["name"][1], "name", "str")
        account = None
        if "account" in top:
            account = self.scalar(fname, top["account"][1], "account", "bool")
        if "what" in top:
            self.scalar(fname, top["what"][1], "what", "str")

        products = set()
        if "products" in top:
            for pn in self.seq(fname, top["products"][1], "products"):
                p = self.mapping(fname, pn, "a product")
                if p is None:
                    continue
                self.keys(fname, p, PRODUCT_KEYS, ("id", "name"), "a product", pn)
                if "id" in p:
                    pid = self.scalar(fname, p["id"][1], "product id", "str")
                    if pid is not None:
                        if not ID_RE.match(pid):
                            self.err(fname, p["id"][1], "product id '%s' is not [a-z0-9-]+" % pid)
                        if pid in products:
                            self.err(fname, p["id"][1], "product '%s' listed twice" % pid)
                        products.add(pid)
                if "name" in p:
                    self.scalar(fname, p["name"][1], "product name", "str")

        fact_refs = []
        if "facts" in top:
            facts = self.mapping(fname, top["facts"][1], "facts")
            for key, (knode, vnode) in (facts or {}).items():
                if key.endswith("_sources"):
                    # convention: facts.X_sources lists the source ids of a fact
                    # that has no sources: key of its own (e.g. `what`)
                    fact_refs.append((key, knode, vnode))
                if isinstance(vnode, yaml.SequenceNode):
                    for n in vnode.value:
                        if not isinstance(n, yaml.ScalarNode):
                            self.err(fname, n, "facts.%s: lists of scalars only" % key)
                elif not isinstance(vnode, yaml.ScalarNode):
                    self.err(fname, vnode, "facts.%s: a scalar or a list of scalars" % key)

        source_ids = set()
        if "sources" in top:
            for sn in self.seq(fname, top["sources"][1], "sources"):
                s = self.mapping(fname, sn, "a source")
                if s is None:
                    continue
                self.keys(fname, s, SOURCE_KEYS, SOURCE_REQUIRED, "a source", sn)
                if "id" in s:
                    sid = self.scalar(fname, s["id"][1], "source id", "str")
                    if sid is not None:
                        if sid in source_ids:
                            self.err(fname, s["id"][1], "source id '%s' defined twice" % sid)
                        source_ids.add(sid)
                for k in ("title", "copy"):
                    if k in s:
                        self.scalar(fname, s[k][1], "source " + k, "str")
                if "url" in s:
                    u = self.scalar(fname, s["url"][1], "source url", "str")
                    if u is not None and not URL_RE.match(u):
                        self.err(fname, s["url"][1], "source url '%s' is not http(s)://" % u)
                if "checked" in s:
                    self.date(fname, s["checked"][1], "checked")
                if "published" in s:
                    self.date(fname, s["published"][1], "published")

        for key, knode, vnode in fact_refs:
            self.refs(fname, {"sources": (knode, vnode)}, source_ids, "facts." + key, vnode)
        seen_j = {}
        summary = {"jurisdictions": [], "channels": set(), "account": account}
        if "entities" in top:
            for en in self.seq(fname, top["entities"][1], "entities"):
                e = self.mapping(fname, en, "an entity")
                if e is None:
                    continue
                self.keys(fname, e, ENTITY_KEYS, tuple(k for k in ENTITY_REQUIRED if k != "sources"),
                          "an entity", en)
                self.refs(fname, e, source_ids, "an entity", en)
                if "jurisdictions" in e:
                    for jn in self.seq(fname, e["jurisdictions"][1], "jurisdictions"):
                        j = self.scalar(fname, jn, "a jurisdiction", "str")
                        if j is None:
                            continue
                        if j not in self.jurisdictions:
                            self.err(fname, jn, "unknown jurisdiction '%s' (known: %s)"
                                     % (j, " ".join(self.jurisdictions)))
                        elif j in seen_j:
                            self.err(fname, jn, "jurisdiction '%s' is already in the entity at line %d"
                                     % (j, seen_j[j]))
                        else:
                            seen_j[j] = en.start_mark.line + 1
                            summary["jurisdictions"].append(j)
                if "name" in e:
                    self.scalar(fname, e["name"][1], "entity name", "str")
                if "attn" in e:
                    self.scalar(fname, e["attn"][1], "attn", "str")
                if "address" in e:
                    lines = self.seq(fname, e["address"][1], "address")
                    if len(lines) > 8:
                        self.err(fname, e["address"][1], "address has %d lines (at most 8)" % len(lines))
                    for ln in lines:
                        self.scalar(fname, ln, "an address line", "str")
                email = None
                if "email" in e:
                    email = self.scalar(fname, e["email"][1], "email")
                    if email is not None and not EMAIL_RE.match(email):
                        self.err(fname, e["email"][1], "email '%s' is not an address" % email)
                if "lead_authority" in e:
                    a = self.scalar(fname, e["lead_authority"][1], "lead_authority", "str")
                    if a is not None and a not in self.authorities:
                        self.err(fname, e["lead_authority"][1], "unknown authority '%s'" % a)
                if "channels" not in e:
                    continue
                for cn in self.seq(fname, e["channels"][1], "channels"):
                    c = self.mapping(fname, cn, "a channel")
                    if c is None:
                        continue
                    self.keys(fname, c, CHANNEL_KEYS, ("kind",), "a channel", cn)
                    self.refs(fname, c, source_ids, "a channel", cn)
                    kind = self.scalar(fname, c["kind"][1], "kind", "str") if "kind" in c else None
                    if kind is not None and kind not in CHANNEL_KINDS:
                        self.err(fname, c["kind"][1], "kind '%s' is not one of %s"
                                 % (kind, ", ".join(CHANNEL_KINDS)))
                        kind = None
                    if kind:
                        summary["channels"].add(kind)
                    if kind in ("setting", "form"):
                        if "url" not in c:
                            self.err(fname, cn, "a %s channel needs 'url'" % kind)
                    if "url" in c:
                        u = self.scalar(fname, c["url"][1], "url", "str")
                        if u is not None and not URL_RE.match(u):
                            self.err(fname, c["url"][1], "url '%s' is not http(s)://" % u)
                    if kind == "email" and email is None:
                        self.err(fname, cn, "an email channel needs the entity's 'email'")
                    if kind in ("post", "email") and ("url" in c or "fields" in c or "path" in c):
                        self.err(fname, cn, "a %s channel takes no url, path or fields" % kind)
                    if "product" in c:
                        p = self.scalar(fname, c["product"][1], "product", "str")
                        if p is not None and p not in products:
                            self.err(fname, c["product"][1], "product '%s' is not listed in products" % p)
                    for k in ("path", "choose"):
                        if k in c:
                            self.scalar(fname, c[k][1], k, "str")
                    if "fields" in c:
                        if kind != "form":
                            self.err(fname, c["fields"][1], "only a form has fields")
                        for fn in self.seq(fname, c["fields"][1], "fields"):
                            fd = self.mapping(fname, fn, "a field")
                            if fd is None:
                                continue
                            self.keys(fname, fd, FIELD_KEYS, ("label", "value"), "a field", fn)
                            if "label" in fd:
                                self.scalar(fname, fd["label"][1], "label", "str")
                            if "value" in fd:
                                self.value(fname, fd["value"][1])
                            if "limit" in fd:
                                lim = fd["limit"][1]
                                if not (isinstance(lim, yaml.ScalarNode)
                                        and lim.tag == "tag:yaml.org,2002:int" and int(lim.value) > 0):
                                    self.err(fname, lim, "limit must be a positive integer")
        used = self._used_refs(root)
        for sid in sorted(source_ids - used):
            self.err(fname, None, "source '%s' is never referred to" % sid)
        name = self.scalar(fname, top["name"][1], "name") if "name" in top else base
        summary["id"] = base
        summary["name"] = name
        return summary

    def value(self, fname, node):
        if isinstance(node, yaml.ScalarNode):
            if node.value not in FIELD_VALUES:
                self.err(fname, node, "value '%s' is not one of %s or {text: ...}"
                         % (node.value, " ".join(sorted(FIELD_VALUES))))
            return
        d = self.mapping(fname, node, "a literal value")
        if d is None:
            return
        if set(d) != {"text"}:
            self.err(fname, node, "a literal value is {text: \"...\"}")
        else:
            self.scalar(fname, d["text"][1], "text", "str")

    @staticmethod
    def _used_refs(root):
        used = set()

        def walk(n, parent_key=None):
            if isinstance(n, yaml.MappingNode):
                for k, v in n.value:
                    if (k.value == "sources" or k.value.endswith("_sources")) and isinstance(v, yaml.SequenceNode) \
                            and all(isinstance(x, yaml.ScalarNode) for x in v.value):
                        used.update(x.value for x in v.value)
                    else:
                        walk(v, k.value)
            elif isinstance(n, yaml.SequenceNode):
                for x in n.value:
                    walk(x, parent_key)
        walk(root)
        return used


ORDER = ("uk", "eea", "ch", "ca", "hk")
KINDS = ("setting", "form", "post", "email")


def readme(summaries):
    out = []
    out.append("# Controllers catalogue")
    out.append("")
    out.append("One file per company (`ID.yaml`), in the layout of the catalogue schema. Every fact in a")
    out.append("file names a source written out in the same file, with the day it was checked. What could")
    out.append("not be verified is listed in [UNVERIFIED.md](UNVERIFIED.md).")
    out.append("")
    out.append("The table below is generated by `tests/catalog-check.py --readme`; `tests/catalog-check.py`")
    out.append("reports a difference between it and the files.")
    out.append("")
    out.extend(table(summaries))
    out.append("")
    return "\n".join(out)


def table(summaries):
    """The table of companies and channels: data/controllers/README.md and,
    between the markers below, the top-level README.md."""
    out = []
    out.append("| company | jurisdictions | channels | account |")
    out.append("|---|---|---|---|")
    for s in summaries:
        js = [j for j in ORDER if j in s["jurisdictions"]]
        js += [j for j in s["jurisdictions"] if j not in ORDER]
        ch = [k for k in KINDS if k in s["channels"]]
        acc = {"true": "yes", "false": "no"}.get(s["account"], "-")
        out.append("| %s (`%s`) | %s | %s | %s |" % (s["name"], s["id"], " ".join(js),
                                                    ", ".join(ch), acc))
    return out


TABLE_BEGIN = "<!-- companies: generated by tests/catalog-check.py --table; do not edit -->"
TABLE_END = "<!-- end of companies -->"


def check_top_readme(ck, srcdir, summaries):
    """README.md holds the table between TABLE_BEGIN and TABLE_END."""
    path = os.path.join(srcdir, "README.md")
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError as e:
        ck.problems.append("README.md: %s" % e)
        return
    if TABLE_BEGIN not in text or TABLE_END not in text:
        ck.problems.append("README.md: no table of companies between '%s' and '%s'"
                           % (TABLE_BEGIN, TABLE_END))
        return
    got = text.split(TABLE_BEGIN, 1)[1].split(TABLE_END, 1)[0].strip("\n").split("\n")
    if got != table(summaries):
        line = text[:text.index(TABLE_BEGIN)].count("\n") + 2
        ck.problems.append("README.md:%d: the table of companies differs from the catalogue "
                           "(tests/catalog-check.py --table prints it)" % line)


def main(argv):
    args = argv[1:]
    mode = "check"
    if args and args[0] in ("--readme", "--table"):
        mode = args[0][2:]
        args = args[1:]
    if len(args) > 1 or (args and args[0].startswith("-")):
        sys.stderr.write("usage: catalog-check.py [--readme | --table] [SRCDIR]\n")
        return 2
    srcdir = args[0] if args else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    ck = Checker(srcdir)
    files = sorted(glob.glob(os.path.join(srcdir, "data", "controllers", "*.yaml")))
    if not files:
        ck.problems.append("data/controllers: no *.yaml file")
    summaries = []
    for path in files:
        s = ck.check_file(path)
        if s is not None:
            summaries.append(s)
    text = readme(summaries)
    if mode == "readme":
        sys.stdout.write(text)
        return 0
    if mode == "table":
        sys.stdout.write("\n".join(table(summaries)) + "\n")
        return 0
    check_top_readme(ck, srcdir, summaries)
    rpath = os.path.join(srcdir, "data", "controllers", "README.md")
    try:
        with open(rpath, encoding="utf-8") as f:
            if f.read() != text:
                ck.problems.append("data/controllers/README.md: differs from "
                                   "'tests/catalog-check.py --readme' (regenerate it)")
    except OSError:
        ck.problems.append("data/controllers/README.md: missing (tests/catalog-check.py --readme > it)")
    for p in ck.problems:
        print(p)
    if not ck.problems:
        print("%d files, no problems" % len(files), file=sys.stderr)
    return 1 if ck.problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
