#!/usr/bin/env python3
"""Prints the benchmark's figures side by side: the slot search against libical alone (same
run) and against Python (same generated calendars). Usage: bench-summary.py BENCH-DIR"""
import json
import sys

folder = sys.argv[1]
if len(sys.argv) > 2 and sys.argv[2] == "--ics":
    swift = {row["sessions"]: row for row in json.load(open(f"{folder}/ics-swift.json"))}
    python = {row["sessions"]: row for row in json.load(open(f"{folder}/ics-python.json"))}
    print("sessions  people  files  convene ics  per file  Python   Python/Convene")
    for sessions in sorted(swift):
        s, p = swift[sessions], python.get(sessions)
        total = s["check_seconds"] + s["calendar_seconds"]
        line = f"{sessions:8d}  {s['people']:6d}  {s['files']:5d}  {total:9.2f} s  {total / s['files'] * 1000:5.2f} ms"
        if p:
            line += f"  {p['python_seconds']:6.1f} s  {p['python_seconds'] / total:13.1f}"
        print(line)
    sys.exit(0)
swift = {row["people"]: row for row in json.load(open(f"{folder}/swift.json"))}
python = {row["people"]: row for row in json.load(open(f"{folder}/python.json"))}
print("people  libical alone  slot search  search/libical  Python search  Python/Convene  same answer")
for people in sorted(swift):
    s, p = swift[people], python.get(people)
    line = f"{people:6d}  {s['libical_seconds']:11.3f} s  {s['slots_seconds']:9.3f} s  {s['slots_seconds'] / s['libical_seconds']:14.2f}"
    if p:
        line += f"  {p['python_seconds']:11.2f} s  {p['python_seconds'] / s['slots_seconds']:14.1f}  {'yes' if p['feasible'] == s['feasible'] else 'NO'}"
    print(line)
