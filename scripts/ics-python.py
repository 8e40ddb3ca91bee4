#!/usr/bin/env python3
"""What `convene ics` writes, written with Python's icalendar 7 and zoneinfo, for the
benchmark: the PUBLISH calendar and one REQUEST invite per person (events with organiser,
attendees with their roles, a reminder, a description in the person's own time, and a
VTIMEZONE for every zone used), for the agendas convene-bench --ics wrote.

Usage: ics-python.py BENCH-DIR [SIZES]   (e.g. out/bench 250,500,1000)"""
import datetime as dt
import json
import os
import sys
import time
import zoneinfo

import icalendar
import yaml

STAMP = dt.datetime.fromtimestamp(1_700_000_000, dt.timezone.utc)


def minutes(text):
    total, number = 0, ""
    for c in text:
        if c.isdigit():
            number += c
        elif c == "h":
            total += int(number) * 60; number = ""
        elif c == "m":
            total += int(number); number = ""
    return total


def write(folder, out):
    with open(f"{folder}/agenda.yaml") as f:
        agenda = yaml.load(f, Loader=yaml.BaseLoader)
    venue = zoneinfo.ZoneInfo(agenda["timezone"])
    people = {p["id"]: p for p in agenda["people"]}
    organizer = agenda["organizer"]
    sessions = []
    for s in agenda["sessions"]:
        start = dt.datetime.combine(dt.date.fromisoformat(s["date"]), dt.time.fromisoformat(s["start"]), venue)
        segments, cursor = [], start
        for segment in s["segments"]:
            end = cursor + dt.timedelta(minutes=minutes(segment["duration"]))
            segments.append((segment, cursor, end))
            cursor = end
        sessions.append((s, start, start + dt.timedelta(minutes=minutes(s["duration"])), segments))

    def event(s, start, end, description, attendees):
        e = icalendar.Event()
        e.add("uid", f"{s['id']}@{agenda['id']}.convene")
        e.add("dtstamp", STAMP)
        e.add("sequence", 0)
        e.add("dtstart", start)
        e.add("dtend", end)
        e.add("summary", f"{agenda['title']}: {s['title']}")
        e.add("description", description)
        e.add("status", "CONFIRMED")
        org = icalendar.vCalAddress(f"mailto:{organizer['email']}")
        org.params["cn"] = organizer["name"]
        e.add("organizer", org)
        for person, role in attendees:
            a = icalendar.vCalAddress(f"mailto:{person['email']}")
            a.params.update({"cn": person["name"], "cutype": "INDIVIDUAL", "role": role, "partstat": "NEEDS-ACTION", "rsvp": "TRUE"})
            e.add("attendee", a)
        return e

    def calendar(method, events):
        c = icalendar.Calendar()
        c.add("prodid", "-//Convene benchmark//Python//EN")
        c.add("version", "2.0")
        c.add("method", method)
        for e in events:
            c.add_component(e)
        c.add_missing_timezones()
        return c.to_ical()

    os.makedirs(f"{out}/invites", exist_ok=True)
    published = [event(s, a, b, "\n".join(f"{x.strftime('%H:%M')} {seg['title']}" for seg, x, _ in segs), [])
                 for s, a, b, segs in sessions]
    with open(f"{out}/event.ics", "wb") as f:
        f.write(calendar("PUBLISH", published))
    count = 1
    for pid, person in people.items():
        zone = zoneinfo.ZoneInfo(person.get("timezone", agenda["timezone"]))
        events = []
        for s, a, b, segs in sessions:
            members = s["participants"]
            if pid not in members:
                continue
            roles = []
            for m in members:
                speaker = any(m in seg.get("speakers", []) for seg, _, _ in segs)
                roles.append((people[m], "CHAIR" if m == s.get("moderator") else "REQ-PARTICIPANT" if speaker else "OPT-PARTICIPANT"))
            local = a.astimezone(zone)
            lines = [s["title"], f"Your time: {local:%A %Y-%m-%d %H:%M}–{b.astimezone(zone):%H:%M} ({zone.key})", "", "Programme (your time):"]
            lines += [f"  {x.astimezone(zone):%H:%M} {seg['title']}" for seg, x, _ in segs]
            e = event(s, a, b, "\n".join(lines), roles)
            alarm = icalendar.Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("trigger", dt.timedelta(minutes=-15))
            alarm.add("description", s["title"])
            e.add_component(alarm)
            events.append(e)
        with open(f"{out}/invites/{pid}.ics", "wb") as f:
            f.write(calendar("REQUEST", events))
        count += 1
    return count


if __name__ == "__main__":
    base = sys.argv[1]
    sizes = [int(s) for s in (sys.argv[2] if len(sys.argv) > 2 else "250,500,1000").split(",")]
    rows = []
    for size in sizes:
        began = time.perf_counter()
        files = write(f"{base}/ics-{size}", f"{base}/ics-{size}/python")
        seconds = time.perf_counter() - began
        rows.append({"sessions": size, "python_seconds": seconds, "files": files})
        print(f"{size:6d} sessions: Python {seconds:8.2f} s, {files} files", flush=True)
    with open(f"{base}/ics-python.json", "w") as f:
        json.dump(rows, f, indent=2)
