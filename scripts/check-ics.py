#!/usr/bin/env python3
"""Reads iCalendar files with Python's icalendar (as many calendar tools do) and fails on any
component it could not read cleanly (its `.errors`). Usage: check-ics.py FILE..."""
import sys

import icalendar

failed = 0
for path in sys.argv[1:]:
    with open(path, "rb") as f:
        calendar = icalendar.Calendar.from_ical(f.read())
    for component in calendar.walk():
        for error in getattr(component, "errors", []):
            print(f"{path}: {component.name}: {error}")
            failed += 1
    if not calendar.walk("VEVENT"):
        print(f"{path}: no VEVENT")
        failed += 1
print(f"ics: {len(sys.argv) - 1 - min(failed, len(sys.argv) - 1)} passed, {failed} failed")
sys.exit(1 if failed else 0)
