#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The submission plans (issue 11): every company x jurisdiction of the
# catalogue: generate, list controllers, the end of new and send without
# --to each give the plan (or, where the company publishes an e-mail
# address, send uses it); send --via webform prints fields that fit the
# form's limit, in every language of the jurisdiction. And the catalogue as
# YAML equals the files: every address and form shown as the data says.
. "${top_srcdir:-.}/tests/lib.sh"
PY=/usr/bin/python3
printf 'journal: %s/journal.yaml\nfrom: "T <t@example.org>"\n' "$T" >"$T/conf.yaml"
OBJ() { "$OBJECTOR" --config "$T/conf.yaml" "$@"; }

# One line per company x jurisdiction: id jur country email? form? limit langs entity
$PY - "$top_srcdir" >"$T/pairs" <<'PYEOF'
import glob, sys, yaml
src = sys.argv[1]
jd = yaml.safe_load(open(src + "/data/jurisdictions.yaml", encoding="utf-8"))
langs = {j["id"]: j["languages"] for j in jd["jurisdictions"]}
country = {"uk": "GB", "eea": "DE", "ch": "CH", "ca": "CA", "hk": "HK"}
for f in sorted(glob.glob(src + "/data/controllers/*.yaml")):
    c = yaml.safe_load(open(f, encoding="utf-8"))
    for e in c["entities"]:
        forms = [ch for ch in e["channels"] if ch["kind"] == "form"]
        lim = 1000
        for fl in (forms[0].get("fields") or []) if forms else []:
            if fl.get("value") == "short_text" and fl.get("limit"):
                lim = min(lim, fl["limit"])
        for j in e["jurisdictions"]:
            print(c["id"], j, country[j], e.get("email") or "-", "form" if forms else "-",
                  lim, ",".join(langs[j]), e["name"].replace(" ", "_"))
PYEOF
[ "$(wc -l <"$T/pairs")" -ge 40 ]
ok $? "the catalogue has at least 40 company x jurisdiction pairs"

OBJ list controllers >"$T/list" 2>&1
ok $? "list controllers"
# 80 columns, but for web addresses (a line of its own)
awk 'length > 80 && $0 !~ /^ *https?:\/\/[^ ]*$/' "$T/list" >"$T/long"
ok $(test ! -s "$T/long"; echo $?) "list controllers keeps to 80 columns"

answers() { # answers ID JUR CC LANG
	cat <<EOA
jurisdiction: $2
country: $3
controller: $1
language: $4
requester:
  name: Zoë Example-Łukasiewicz
  address: [Hauptstraße 5, 10115 Berlin]
  email: zoe@example.org
  account: https://example.org/zoe
reasons: My posts name people who did not agree to this.
erase_trained: true
place: Berlin
date: 2026-11-29
EOA
}

while read -r id jur cc email form lim langs ename; do
	name=$(echo "$ename" | tr _ ' ')
	lang1=${langs%%,*}
	answers "$id" "$jur" "$cc" "$lang1" >"$T/a.yaml"
	# generate: the plan on stderr
	run OBJ generate "$T/a.yaml" -o "$T/a.pdf"
	exit_is 0 "$id/$jur: generate"
	has "$T/err" "How to object to" "$id/$jur: generate gives the plan"
	has "$T/err" "($name)" "$id/$jur: the plan names the entity"
	# list controllers: the entity under its jurisdictions
	grep -A1 "^  .*\b$jur\b.*: $name\$" "$T/list" >/dev/null
	ok $? "$id/$jur: list controllers shows $name"
	# send without --to
	if [ "$email" = - ]; then
		run OBJ send "$T/a.yaml"
		exit_is 64 "$id/$jur: send without --to and no e-mail address"
		has "$T/err" "How to object to" "$id/$jur: send gives the plan"
		has "$T/err" "--via post" "$id/$jur: the plan says how to journal the post"
	else
		run OBJ send -n "$T/a.yaml"
		exit_is 0 "$id/$jur: send uses the published address"
		has "$T/out" "$email" "$id/$jur: to $email"
	fi
	# the end of new
	mkdir -p "$T/new" && rm -f "$T/new"/*
	(cd "$T/new" && printf 'y\n' | OBJ new --answers "$T/a.yaml" >"$T/out" 2>"$T/err")
	rc=$?
	exit_is 0 "$id/$jur: new"
	if [ "$email" = - ]; then
		has "$T/err" "How to object to" "$id/$jur: new ends with the plan"
		hasnt "$T/err" "send it with" "$id/$jur: not a dead end"
	else
		has "$T/err" "objector send" "$id/$jur: new says how to send it"
	fi
	# the web form, in every language, fits the field
	[ "$form" = form ] || continue
	for lang in $(echo "$langs" | tr , ' '); do
		answers "$id" "$jur" "$cc" "$lang" >"$T/w.yaml"
		run OBJ send --via webform --yes --force "$T/w.yaml"
		exit_is 0 "$id/$jur/$lang: send --via webform"
		sed -n '/^-------- 8< --------$/,/^-------- 8< --------$/p' "$T/out" | sed '1d;$d' >"$T/text"
		n=$($PY -c 'import sys; print(len(open(sys.argv[1], encoding="utf-8").read().rstrip("\n")))' "$T/text")
		[ "$n" -gt 100 ] && [ "$n" -le "$lim" ]
		ok $? "$id/$jur/$lang: the short text ($n characters) fits $lim"
		ref=$(grep -o "OBJ-[0-9]*-[0-9A-Z]*" "$T/text" | head -1)
		[ -n "$ref" ]
		ok $? "$id/$jur/$lang: the short text names the reference"
	done
done <"$T/pairs"

# The catalogue as YAML is the files, key for key (facts aside).
run OBJ list controllers --format yaml
exit_is 0 "list controllers --format yaml"
cp "$T/out" "$T/cat.yaml"
$PY - "$top_srcdir" "$T/cat.yaml" >"$T/cmp" 2>&1 <<'PYEOF'
import datetime, glob, sys, yaml
src, got = sys.argv[1], sys.argv[2]
def norm(x):
    if isinstance(x, dict):
        return {k: norm(v) for k, v in x.items() if v is not None}
    if isinstance(x, list):
        return [norm(v) for v in x]
    if isinstance(x, (datetime.date, int, bool)) and not isinstance(x, bool):
        return str(x)
    return x
shown = {c["id"]: c for c in yaml.safe_load(open(got, encoding="utf-8"))["controllers"]}
bad = 0
files = sorted(glob.glob(src + "/data/controllers/*.yaml"))
for f in files:
    c = yaml.safe_load(open(f, encoding="utf-8"))
    c.pop("facts", None)
    s = shown.pop(c["id"], None)
    if norm(c) != norm(s):
        print("differs:", f); bad += 1
    # every entity and channel names sources, and every source a check date
    ids = {x["id"]: x for x in c["sources"]}
    for x in c["sources"]:
        if not x.get("title") or not x.get("url") or not x.get("checked"):
            print("source without title/url/checked:", f, x.get("id")); bad += 1
    for e in c["entities"]:
        for ch in [e] + e["channels"]:
            if not ch.get("sources") or any(r not in ids for r in ch["sources"]):
                print("no source or an unknown one:", f, e["name"], ch.get("kind")); bad += 1
if shown:
    print("shown but not in a file:", sorted(shown)); bad += 1
print("%d files compared, %d problems" % (len(files), bad))
sys.exit(1 if bad else 0)
PYEOF
ok $? "list controllers --format yaml equals the files; every entry has a source with a check date"
sed 's/^/#   /' "$T/cmp"

# The text shows every address line and every form and setting as the data says.
$PY - "$top_srcdir" "$T/list" >"$T/cmp" 2>&1 <<'PYEOF'
import glob, sys, yaml
src, listing = sys.argv[1], sys.argv[2]
text = " ".join(open(listing, encoding="utf-8").read().split())
bad = 0
for f in sorted(glob.glob(src + "/data/controllers/*.yaml")):
    c = yaml.safe_load(open(f, encoding="utf-8"))
    for e in c["entities"]:
        want = [e["name"]] + ([e["attn"]] if e.get("attn") else []) + e["address"]
        block = ", ".join(want)
        if block not in text:
            print("address not shown as the data says:", f, block); bad += 1
        if e.get("email") and e["email"] not in text:
            print("e-mail address not shown:", f, e["email"]); bad += 1
        for ch in e["channels"]:
            for k in ("url", "path", "choose"):
                if ch.get(k) and " ".join(str(ch[k]).split()) not in text:
                    print("%s not shown:" % k, f, ch[k]); bad += 1
print("%d problems" % bad)
sys.exit(1 if bad else 0)
PYEOF
ok $? "list controllers shows every address, form, setting and choice as the data says"
sed 's/^/#   /' "$T/cmp"

# Sources on request.
run OBJ list controllers --sources
exit_is 0 "list controllers --sources"
has "$T/out" "source: LinkedIn European Regional Privacy Notice (checked 2026-11-30" "a source with its check date"

done_testing
