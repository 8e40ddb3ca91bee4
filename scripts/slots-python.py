#!/usr/bin/env python3
"""The slot search of `convene slots`, done in Python with icalendar, recurring-ical-events
and zoneinfo, on the calendars convene-bench wrote: the comparison the benchmark reports.

Usage: slots-python.py BENCH-DIR [SIZES]  (e.g. out/bench 50,200,800)
It uses the same algorithm as Convene (blocked intervals per person, swept once over the
candidate starts), so the difference is the languages and libraries, not the method."""
import datetime as dt
import json
import sys
import time
import zoneinfo

import icalendar
import recurring_ical_events
import yaml

UTC = dt.timezone.utc


def people_of(agenda_path):
    with open(agenda_path) as f:
        agenda = yaml.safe_load(f)
    return agenda["timezone"], agenda["people"]


def blocked(person, venue, start, end, text):
    zone = zoneinfo.ZoneInfo(person.get("timezone", venue))
    intervals = []
    calendar = icalendar.Calendar.from_ical(text)
    for event in recurring_ical_events.of(calendar).between(start - dt.timedelta(minutes=30), end):
        s, e = event["DTSTART"].dt, event["DTEND"].dt if "DTEND" in event else None
        if isinstance(s, dt.datetime):
            s = s if s.tzinfo else s.replace(tzinfo=zone)
            e = (e if e.tzinfo else e.replace(tzinfo=zone)) if e else s + event["DURATION"].dt
        intervals.append((s.astimezone(UTC).timestamp(), e.astimezone(UTC).timestamp()))
    hours_from, hours_to = person["working_hours"].split("-")
    h1, m1 = map(int, hours_from.split(":"))
    h2, m2 = map(int, hours_to.split(":"))
    days = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
    working = {days[d] for d in person["working_days"]}
    day = start.astimezone(zone).date() - dt.timedelta(days=1)
    while day <= end.astimezone(zone).date() + dt.timedelta(days=1):
        midnight = dt.datetime.combine(day, dt.time(), zone).timestamp()
        next_midnight = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), zone).timestamp()
        if day.weekday() not in working:
            intervals.append((midnight, next_midnight))
        else:
            a = dt.datetime.combine(day, dt.time(h1, m1), zone).timestamp()
            b = next_midnight if (h2, m2) == (24, 0) else dt.datetime.combine(day, dt.time(h2, m2), zone).timestamp()
            intervals += [(midnight, a), (b, next_midnight)]
        day += dt.timedelta(days=1)
    merged = []
    for s, e in sorted(i for i in intervals if i[1] > i[0]):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def search(folder):
    venue, people = people_of(f"{folder}/agenda.yaml")
    zone = zoneinfo.ZoneInfo(venue)
    start = dt.datetime(2026, 6, 1, tzinfo=zone)
    end = dt.datetime(2026, 7, 1, tzinfo=zone)
    candidates = []
    day = start.date()
    while day < end.date():
        for minute in range(0, 1440, 5):
            candidates.append(dt.datetime.combine(day, dt.time(minute // 60, minute % 60), zone).timestamp())
        day += dt.timedelta(days=1)
    blocked_count = [0] * len(candidates)
    for person in people:
        with open(f"{folder}/{person['id']}.ics", "rb") as f:
            intervals = blocked(person, venue, start, end, f.read())
        index = 0
        for position, s in enumerate(candidates):
            while index < len(intervals) and intervals[index][1] <= s:
                index += 1
            if index < len(intervals) and intervals[index][0] < s + 1800:
                blocked_count[position] += 1
    return sum(1 for c in blocked_count if c == 0)


if __name__ == "__main__":
    folder = sys.argv[1]
    sizes = [int(s) for s in (sys.argv[2] if len(sys.argv) > 2 else "50,200,800").split(",")]
    rows = []
    for size in sizes:
        began = time.perf_counter()
        feasible = search(f"{folder}/{size}")
        seconds = time.perf_counter() - began
        rows.append({"people": size, "python_seconds": seconds, "feasible": feasible})
        print(f"{size:6d} people: Python {seconds:8.2f} s, {feasible} feasible starts", flush=True)
    with open(f"{folder}/python.json", "w") as f:
        json.dump(rows, f, indent=2)
