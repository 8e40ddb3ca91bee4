#!/usr/bin/env python3
"""Prints the benchmark's figures side by side: the slot search against libical alone (same
run) and against Python (same generated calendars); with --ics, the calendars Convene wrote
against the same files written with Python, and the peak memory of each run where
/usr/bin/time recorded it (ics-*-peak-kb); with --send, `convene send --outbox` on the forum
against the issue's targets (20 s, 200 MB). Usage: bench-summary.py BENCH-DIR [--ics | --send]"""
import glob
import json
import os
import sys


def tree(folder):
    """The files under `folder`, but Convene's manifest."""
    found = set()
    for root, _, names in os.walk(folder):
        for name in names:
            if name != ".convene-manifest.json":
                found.add(os.path.relpath(os.path.join(root, name), folder))
    return found


def peak(path):
    """The KB /usr/bin/time -f %M -o wrote (its last line), or None."""
    try:
        with open(path) as f:
            return int(f.read().split()[-1])
    except (OSError, ValueError, IndexError):
        return None


folder = sys.argv[1]
if len(sys.argv) > 2 and sys.argv[2] == "--send":
    SECONDS, MEGABYTES = 20, 200
    with open(f"{folder}/send-forum/send.json") as f:
        runs = json.load(f)
    print("convene send --outbox  sessions  per session  messages  files  MB      seconds  peak memory  targets (20 s, 200 MB)")
    for r in runs:
        peak = r["peak_kb"] / 1024 if r["peak_kb"] is not None else None
        met = r["exit"] == 0 and r["seconds"] < SECONDS and peak is not None and peak < MEGABYTES
        print(f"{r['run']:21}  {r['sessions']:8d}  {r['per_session']:11d}  {r['messages']:8d}  {r['files']:5d}  {r['bytes'] / 1e6:6.1f}"
              f"  {r['seconds']:7.2f} s  {peak if peak is not None else float('nan'):8.0f} MB  {'met' if met else 'NOT MET'}"
              + ("" if r["exit"] == 0 else f" (exit {r['exit']})"))
    sys.exit(0)
if len(sys.argv) > 2 and sys.argv[2] == "--ics":
    rows = []
    for path in glob.glob(f"{folder}/ics-*/swift.json"):
        with open(path) as f:
            swift = json.load(f)
        python = None
        if os.path.exists(os.path.join(os.path.dirname(path), "python.json")):
            with open(os.path.join(os.path.dirname(path), "python.json")) as f:
                python = json.load(f)
        rows.append((swift["sessions"], swift["per_session"], os.path.dirname(path), swift, python))
    print("sessions  people  per session  files  Convene MB  convene ics  per file  Python  Python MB  Python/Convene  same files")
    for _, _, where, s, p in sorted(rows, key=lambda row: row[:2]):
        total = s["check_seconds"] + s["calendar_seconds"]
        line = (f"{s['sessions']:8d}  {s['people']:6d}  {s['per_session']:11d}  {s['files']:5d}  {s['bytes'] / 1e6:10.1f}"
                f"  {total:9.2f} s  {total / s['files'] * 1000:5.2f} ms")
        if p:
            same = tree(f"{where}/convene") == tree(f"{where}/python")
            line += f"  {p['python_seconds']:6.1f} s  {p['bytes'] / 1e6:8.1f}  {p['python_seconds'] / total:14.1f}  {'yes' if same else 'NO'}"
        print(line)
    for name, what in [("ics-sizes", "convene-bench --ics"), ("ics-forum", "convene-bench --ics --forum"),
                       ("ics-sizes-python", "ics-python.py, the sizes"), ("ics-forum-python", "ics-python.py, the forum")]:
        kb = peak(f"{folder}/{name}-peak-kb")
        if kb is not None:
            print(f"peak memory of {what}: {kb / 1024:.0f} MB")
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
