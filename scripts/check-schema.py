#!/usr/bin/env python3
"""Checks the published JSON Schema the way an editor would use it.

Every sample agenda, example agenda and template draft must validate against
schema/agenda.schema.json, every sample roster against schema/roster.schema.json,
and a set of broken agendas and rosters must not.
Usage: check-schema.py PATH-TO-CONVENE
"""
import glob
import json
import os
import subprocess
import sys
import tempfile

import jsonschema
import yaml

convene = sys.argv[1]
with open("schema/agenda.schema.json") as f:
    schema = json.load(f)
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
with open("schema/roster.schema.json") as f:
    roster_schema = json.load(f)
jsonschema.Draft202012Validator.check_schema(roster_schema)
roster_validator = jsonschema.Draft202012Validator(roster_schema)

passed = failed = 0


def expect(name, document, valid, against=None):
    global passed, failed
    errors = list((against or validator).iter_errors(document))
    if (not errors) == valid:
        passed += 1
    else:
        failed += 1
        detail = "; ".join(e.message for e in errors[:3]) if errors else "no error"
        print(f"FAIL {name}: expected {'valid' if valid else 'invalid'}: {detail}")


class EditorLoader(yaml.SafeLoader):
    """Reads YAML as editors' YAML 1.2 language servers do: 2022-10-19 stays text."""


EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def typed(path):
    with open(path) as f:
        return yaml.load(f, Loader=EditorLoader)


for path in sorted(glob.glob("agendas/*.yaml") + glob.glob("docs/examples/*.yaml")):
    expect(path, typed(path), True)

templates = subprocess.run([convene, "templates"], capture_output=True, text=True, check=True)
with tempfile.TemporaryDirectory() as folder:
    for line in templates.stdout.splitlines():
        name = line.split()[0]
        draft = os.path.join(folder, name + ".yaml")
        subprocess.run([convene, "new", name, "-o", draft, "--date", "2026-12-07"],
                       capture_output=True, check=True)
        expect("draft of " + name, typed(draft), True)

base = typed("agendas/wps-side-event-2022.yaml")
broken = {
    "unknown top-level key": dict(base, titel="x"),
    "wrong kind": dict(base, kind="sideevent"),
    "missing timezone": {k: v for k, v in base.items() if k != "timezone"},
    "bad gender": dict(base, people=[dict(base["people"][0], gender="female")]),
    "bad duration": dict(base, sessions=[dict(base["sessions"][0], duration="90")]),
}
for name, document in broken.items():
    expect(name, document, False)

# What convene check accepts, the schema accepts too, and the other way round.
session = base["sessions"][0]
accepted = {
    "unquoted track number": dict(base, tracks=[2, 1.5]),
    "empty subtitle": dict(base, subtitle=None),
    "upper-case duration": dict(base, sessions=[dict(session, end=None, duration="1H30M")]),
    "version as text": dict(base, convene="1"),
}
for name, document in accepted.items():
    document = {k: v for k, v in document.items()}
    if name == "upper-case duration":
        document["sessions"] = [{k: v for k, v in document["sessions"][0].items() if v is not None}]
    expect(name, document, True)
for name, document in {"empty duration": dict(base, sessions=[dict(session, duration="")]),
                       "zero duration": dict(base, sessions=[dict(session, duration="0m")])}.items():
    expect(name, document, False)

# People taken from a roster: roster: ID with a person's keys beside it, and nothing else.
from_roster = {"roster": "boiko", "attendance": "online", "timezone": "Europe/Berlin"}
expect("a person from a roster", dict(base, rosters=["r.yaml"], people=[from_roster]), True)
for name, entry in {"a roster key in an agenda": dict(from_roster, expertise=["mediation"]),
                    "a misspelt roster key": {"name": "Ana", "rosterr": "x"},
                    "a bad attendance beside roster": dict(from_roster, attendance="remote")}.items():
    expect(name, dict(base, people=[entry]), False)

# Rosters.
for path in sorted(glob.glob("rosters/*.yaml")):
    expect(path, typed(path), True, roster_validator)
roster = typed("rosters/ukraine-women-experts.yaml")
person = roster["people"][0]
for name, document in {
    "roster: unknown top-level key": dict(roster, titel="x"),
    "roster: missing title": {k: v for k, v in roster.items() if k != "title"},
    "roster: bad visibility": dict(roster, people=[dict(person, visibility="secret")]),
    "roster: attendance is for agendas": dict(roster, people=[dict(person, attendance="online")]),
    "roster: misspelt expertise": dict(roster, people=[dict(person, expertice=["x"])]),
}.items():
    expect(name, document, False, roster_validator)

print(f"schema: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
