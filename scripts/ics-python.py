#!/usr/bin/env python3
"""What `convene ics` writes, written with Python's icalendar 7 and zoneinfo, for the
benchmark: the same files for the agendas convene-bench --ics wrote. event.ics (PUBLISH: the
public listings, with their own UIDs, transparent); one REQUEST per person and session in
invites/PERSON/SESSION.ics (organiser, attendees with their roles, a reminder, a description
in the person's own time, and a VTIMEZONE for every zone used); each person's programme in
programmes/PERSON.ics (their events, no METHOD). Each folder is written anew, as Convene's is.

Usage: ics-python.py BENCH-DIR [LABELS]   (e.g. out/bench 250,500,1000,forum: the folders
ics-LABEL that convene-bench --ics and --ics --forum made)"""
import datetime as dt
import json
import os
import shutil
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
    """Writes the files; returns how many and their bytes."""
    with open(f"{folder}/agenda.yaml") as f:
        agenda = yaml.load(f, Loader=yaml.BaseLoader)
    venue = zoneinfo.ZoneInfo(agenda["timezone"])
    people = {p["id"]: p for p in agenda["people"]}
    organizer = agenda["organizer"]
    title = agenda["title"]
    sessions = []
    for s in agenda["sessions"]:
        start = dt.datetime.combine(dt.date.fromisoformat(s["date"]), dt.time.fromisoformat(s["start"]), venue)
        segments, cursor = [], start
        for segment in s["segments"]:
            end = cursor + dt.timedelta(minutes=minutes(segment["duration"]))
            segments.append((segment, cursor, end))
            cursor = end
        sessions.append((s, start, start + dt.timedelta(minutes=minutes(s["duration"])), segments))
    files = bytes_written = 0

    def save(path, text):
        nonlocal files, bytes_written
        with open(f"{out}/{path}", "wb") as f:
            f.write(text)
        files += 1
        bytes_written += len(text)

    def event(uid, s, start, end, description, attendees):
        e = icalendar.Event()
        e.add("uid", uid)
        e.add("dtstamp", STAMP)
        e.add("sequence", 0)
        e.add("dtstart", start)
        e.add("dtend", end)
        e.add("summary", f"{s['title']} — {title}")
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

    def calendar(method, name, events):
        c = icalendar.Calendar()
        c.add("prodid", "-//Convene benchmark//Python//EN")
        c.add("version", "2.0")
        if method:
            c.add("method", method)
        if name:
            c.add("name", name)
            c.add("x-wr-calname", name)
        for e in events:
            c.add_component(e)
        c.add_missing_timezones()
        return c.to_ical()

    os.makedirs(f"{out}/invites")
    os.makedirs(f"{out}/programmes")
    listings = []
    for s, a, b, segs in sessions:
        lines = []
        for seg, x, _ in segs:
            speakers = [people[p]["name"] for p in seg.get("speakers", [])]
            lines.append(f"{x:%H:%M} {seg['title']}" + (" — " + ", ".join(speakers) if speakers else ""))
        listing = event(f"public-{s['id']}@{agenda['id']}.convene", s, a, b, "\n".join(lines), [])
        listing.add("transp", "TRANSPARENT")
        listings.append(listing)
    save("event.ics", calendar("PUBLISH", title, listings))
    mine = {}
    for index, (s, _, _, _) in enumerate(sessions):
        for member in s["participants"]:
            mine.setdefault(member, []).append(index)
    for pid, person in people.items():
        if pid not in mine:
            continue
        zone_name = person.get("timezone", agenda["timezone"])
        zone = zoneinfo.ZoneInfo(zone_name)
        online = person.get("attendance") == "online"
        os.makedirs(f"{out}/invites/{pid}")
        events = []
        for index in mine[pid]:
            s, a, b, segs = sessions[index]
            members = s["participants"]
            roles = []
            for m in members:
                speaker = any(m in seg.get("speakers", []) for seg, _, _ in segs)
                roles.append((people[m], "CHAIR" if m == s.get("moderator") else "REQ-PARTICIPANT" if speaker else "OPT-PARTICIPANT"))
            local = a.astimezone(zone)
            lines = [s["title"], f"Your time: {local:%A %Y-%m-%d %H:%M}–{b.astimezone(zone):%H:%M} ({zone_name})"]
            if zone_name != agenda["timezone"]:
                lines.append(f"Venue time: {a:%H:%M}–{b:%H:%M} ({agenda['timezone']})")
            floor = [(seg, x, y) for seg, x, y in segs if pid in seg.get("speakers", [])]
            if floor:
                lines += ["", "When you have the floor:"] + [f"  {x.astimezone(zone):%H:%M}–{y.astimezone(zone):%H:%M} {seg['title']}" for seg, x, y in floor]
            lines += ["", "Programme (your time):"] + [f"  {x.astimezone(zone):%H:%M} {seg['title']}" for seg, x, _ in segs]
            e = event(f"{s['id']}@{agenda['id']}.convene", s, a, b, "\n".join(lines), roles)
            # An online person who talks is reminded of their connection check, 15 minutes
            # before they first talk; everyone else 30 minutes before the session.
            talks = [a] if pid == s.get("moderator") else [x for _, x, _ in floor]
            alarm = icalendar.Alarm()
            alarm.add("action", "DISPLAY")
            if online and talks:
                alarm.add("trigger", (min(talks) - a) - dt.timedelta(minutes=15))
                alarm.add("description", f"Connection and audio check — {s['title']}")
            else:
                alarm.add("trigger", dt.timedelta(minutes=-30))
                alarm.add("description", s["title"])
            e.add_component(alarm)
            events.append(e)
            save(f"invites/{pid}/{s['id']}.ics", calendar("REQUEST", None, [e]))
        save(f"programmes/{pid}.ics", calendar(None, f"{title}: your programme", events))
    return files, bytes_written


if __name__ == "__main__":
    base = sys.argv[1]
    labels = (sys.argv[2] if len(sys.argv) > 2 else "250,500,1000").split(",")
    for label in labels:
        shutil.rmtree(f"{base}/ics-{label}/python", ignore_errors=True)
        began = time.perf_counter()
        files, written = write(f"{base}/ics-{label}", f"{base}/ics-{label}/python")
        seconds = time.perf_counter() - began
        with open(f"{base}/ics-{label}/python.json", "w") as f:
            json.dump({"label": label, "python_seconds": seconds, "files": files, "bytes": written}, f)
        print(f"{label:>6}: Python {seconds:8.2f} s, {files} files, {written / 1e6:.1f} MB", flush=True)
