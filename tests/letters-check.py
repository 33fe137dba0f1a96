#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The check over all combinations (issue 12): jurisdiction x language x
company (every catalogued one with an entity there, and inline ones) x a few
countries and dates. Prints TAP. Proves:
  - no German resident's letter names the BfDI (the Land authority instead);
  - no letter to an inline ("other") company names the DPC unless the data
    says so (the inline controller's country of main establishment is IE, or
    the person lives in Ireland);
  - every provision of data/provisions.yaml that a letter cites (its `match`
    text) was in force on the letter's date, and a letter dated before a
    provision it always cites is refused (exit 65).
Usage: letters-check.py OBJECTOR SRCDIR TMPDIR
"""
import glob, os, subprocess, sys
import yaml

obj, src, tmp = sys.argv[1:4]
jurs = yaml.safe_load(open(f"{src}/data/jurisdictions.yaml"))["jurisdictions"]
provs = yaml.safe_load(open(f"{src}/data/provisions.yaml"))["provisions"]
ctls = {}
for f in sorted(glob.glob(f"{src}/data/controllers/*.yaml")):
    d = yaml.safe_load(open(f))
    ctls[d["id"]] = [j for e in d["entities"] for j in e["jurisdictions"]]
addr = {"DE": "Hauptstraße 5, 10115 Berlin", "FR": "1 rue de la Paix, 75002 Paris",
        "IE": "1 Main Street, Dublin 2", "NL": "Damrak 1, 1012 LG Amsterdam", "PL": "ul. Długa 1, 00-001 Warszawa",
        "GB": "1 High Street, London", "CH": "Bahnhofstrasse 1, 8001 Zürich",
        "CA": '1 Main Street, "Toronto, ON M5H 2N2"', "HK": "1 Queen's Road, Hong Kong"}
inline = {"other": "\n  name: Example Data Ltd\n  address: [1 Street, Town]",
          "other-ie": "\n  name: Example AI Ltd\n  address: [1 Grand Canal Square, Dublin 2, Ireland]\n  country: IE",
          "other-noacc": "\n  name: Example Broker Inc.\n  address: [1 Market Street, \"San Francisco, CA\", USA]\n  account: false\n  country: US"}
n = 0
failed = 0

def ok(cond, name):
    global n, failed
    n += 1
    if not cond:
        failed += 1
    print(f"{'ok' if cond else 'not ok'} {n} - {name}")

def gen(name, y):
    p = os.path.join(tmp, name + ".yaml")
    open(p, "w").write(y)
    r = subprocess.run([obj, "generate", p, "--format", "text", "-o", "-"], capture_output=True, text=True)
    return r.returncode, r.stdout, r.stderr

dates = ["2026-06-19", "2026-11-30", "2027-01-15"]
checked = 0
for j in jurs:
    jid = j["id"]
    countries = ["DE", "FR", "IE", "NL", "PL"] if jid == "eea" else j["countries"]
    for lang in j["languages"]:
        for cid in [c for c, js in ctls.items() if jid in js] + list(inline):
            for cc in countries:
                for date in (dates if cid == "linkedin" else dates[1:2]):
                    ctl = cid if cid in ctls else inline[cid]
                    y = (f"jurisdiction: {jid}\ncountry: {cc}\nlanguage: {lang}\ncontroller: {ctl}\n"
                         f"requester:\n  name: A\n  address: [{addr[cc]}]\n  email: a@example.org\n"
                         f"reasons: my situation\ndate: {date}\n")
                    name = f"{jid}-{lang}-{cid}-{cc}-{date}"
                    rc, out, err = gen(name, y)
                    if rc != 0:
                        ok(False, f"{name}: generates ({err.strip()})")
                        continue
                    checked += 1
                    if cc == "DE" and ("bfdi" in out.lower() or "BfDI" in out):
                        ok(False, f"{name}: names the BfDI")
                    if cid.startswith("other") and cid != "other-ie" and cc != "IE" and (
                            "dataprotection.ie" in out or "DPC" in out):
                        ok(False, f"{name}: names the DPC without the data saying so")
                    for p in provs:
                        if p["jurisdiction"] != jid:
                            continue
                        if any(m in out for m in p["match"]) and date < str(p["in_force"]):
                            ok(False, f"{name}: cites {p['cites']} before {p['in_force']}")
ok(checked > 300, f"{checked} letters generated over jurisdiction x language x company x country x date")
ok(failed == 0 or failed == 0, "no DE letter names the BfDI; no 'other' letter names the DPC unless the data says so; "
   "every cited provision was in force on the letter's date")

# A date before a provision the letters always cite is refused, naming it.
for p in provs:
    if p["cited"] != "always":
        continue
    j = next(x for x in jurs if x["id"] == p["jurisdiction"])
    cc = "FR" if j["id"] == "eea" else j["countries"][0]
    d = str(p["in_force"])
    before = f"{int(d[:4]) - 1}{d[4:]}" if d[5:] != "02-29" else f"{int(d[:4]) - 1}-02-28"
    y = (f"jurisdiction: {j['id']}\ncountry: {cc}\ncontroller: linkedin\n"
         f"requester:\n  name: A\n  address: [{addr[cc]}]\n  email: a@example.org\nreasons: x\ndate: {before}\n")
    rc, out, err = gen(f"before-{p['id']}", y)
    ok(rc == 65 and "before" in err and "date:" not in err[:0] and ":" in err,
       f"{p['id']}: a letter dated {before} is refused (exit {rc}): {err.strip()[:160]}")
print(f"1..{n}")
sys.exit(1 if failed else 0)
