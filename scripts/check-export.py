#!/usr/bin/env python3
"""Reads convene export's schedules with the programs that read the format.

Both sample agendas and docs/examples/regional-wps-forum-2027.yaml are exported as
schedule.xml and schedule.json (frab-xml, frab-json). Then:

- xmllint --noout reads every XML file (well-formed);
- Python's ElementTree reads the XML, and the c3voc schedule tools (c3voc-schedule-tools)
  and pyfahrplan read the JSON, as those programs read a conference's schedule.json;
- every session of the public calendar (convene ics's event.ics, read with icalendar) must be
  one event in each, at the calendar's instants: its start, and its end as the start plus the
  duration each reader takes from the file; its guid the c3voc tools' own gen_uuid of the
  calendar's UID, and inside the day the c3voc tools put it in;
- the XML and the JSON hold the same events, and the c3voc tools turn the JSON into an XML
  that holds them too.

The consumers are installed apart by scripts/install-deps.sh --test, in .build/python/c3voc
and .build/python/pyfahrplan (they pin older icalendar, pytz and rich than the other tests
use). Two of their parts cannot be used, and are not:

- c3voc-schedule-tools 1.1.0 reads a duration "01:30" as one minute and thirty seconds (its
  str2timedelta takes the last field for seconds); the end its Event gives is not compared,
  the start and the day are;
- pyfahrplan 1.1.0 imports requests_cache 0.8, which cannot be imported on Python 3.11 and
  later (cattrs 1.10: "ForwardRef('CachedResponse') is not a class or union type"), and caches
  only the schedules it downloads from the Chaos Computer Club's servers; it is replaced by a
  stand-in that caches nothing, and pyfahrplan's own reading of the file (flatten_fahrplans,
  filter_talk, is_talk_in_past, print_formatted_talks) is used.

Usage: check-export.py PATH-TO-CONVENE
"""
import datetime as dt
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import types
import xml.etree.ElementTree as ET
from contextlib import redirect_stdout

import icalendar

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
AGENDAS = [
    "agendas/wps-side-event-2022.yaml",
    "agendas/kyiv-consultation-2026.yaml",
    "docs/examples/regional-wps-forum-2027.yaml",
]
CONSUMERS = os.path.join(ROOT, ".build", "python")

began = time.monotonic()
convene = os.path.abspath(sys.argv[1])
if shutil.which("xmllint") is None:
    sys.exit("check-export: xmllint is missing — run bash scripts/install-deps.sh --test (Debian's libxml2-utils)")
for name in ("c3voc", "pyfahrplan"):
    folder = os.path.join(CONSUMERS, name)
    if not os.path.isdir(folder):
        sys.exit(f"check-export: {folder} is missing — run bash scripts/install-deps.sh --test")
    sys.path.insert(0, folder)

# pyfahrplan's cache of downloaded schedules, which this check does not download.
stand_in = types.ModuleType("requests_cache")
stand_in.install_cache = lambda *args, **kwargs: None
stand_in.clear = lambda: None
sys.modules["requests_cache"] = stand_in

import voc  # noqa: E402  (c3voc-schedule-tools)
import voc.tools  # noqa: E402
from voc.schedule import Schedule, ScheduleDay  # noqa: E402
import pyfahrplan.lib as fahrplan  # noqa: E402
from dateutil.parser import parse  # noqa: E402

failures = []
checked = {"sessions": 0, "files": 0}


def fail(message):
    failures.append(message)
    print("FAIL " + message)


def run(*arguments):
    result = subprocess.run([convene, *arguments], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "SOURCE_DATE_EPOCH": "0"})
    if result.returncode != 0:
        sys.exit(f"check-export: convene {' '.join(arguments)} exited {result.returncode}: {result.stderr}")
    return result


def calendar_instants(folder):
    """The public calendar's sessions: UID -> (start, end), aware datetimes."""
    with open(os.path.join(folder, "event.ics"), "rb") as handle:
        calendar = icalendar.Calendar.from_ical(handle.read())
    return {str(event["UID"]): (event.decoded("DTSTART"), event.decoded("DTEND")) for event in calendar.walk("VEVENT")}


def minutes(duration):
    hours, rest = duration.split(":")
    return dt.timedelta(hours=int(hours), minutes=int(rest))


with tempfile.TemporaryDirectory(prefix="check-export-") as work:
    for agenda in AGENDAS:
        name = os.path.splitext(os.path.basename(agenda))[0]
        out = os.path.join(work, name)
        xml_path, json_path = os.path.join(out, "schedule.xml"), os.path.join(out, "schedule.json")
        run("export", agenda, "--format", "frab-xml", "-o", xml_path)
        run("export", agenda, "--format", "frab-json", "-o", json_path)
        run("ics", agenda, "-o", os.path.join(out, "ics"), "--state", os.path.join(out, "store.db"))
        checked["files"] += 2

        lint = subprocess.run(["xmllint", "--noout", xml_path], capture_output=True, text=True)
        if lint.returncode != 0:
            fail(f"{name}: xmllint cannot read schedule.xml: {lint.stderr.strip()}")

        instants = calendar_instants(os.path.join(out, "ics"))
        by_guid = {voc.tools.gen_uuid(uid): (uid, start, end) for uid, (start, end) in instants.items()}
        checked["sessions"] += len(instants)

        def expect_instants(reader, guid, start, end):
            known = by_guid.get(guid)
            if known is None:
                fail(f"{name}: {reader}: the event {guid} is not the c3voc gen_uuid of any UID of event.ics")
                return None
            uid, expected_start, expected_end = known
            if start != expected_start:
                fail(f"{name}: {reader}: {uid} starts at {start.isoformat()}, event.ics at {expected_start.isoformat()}")
            if end is not None and end != expected_end:
                fail(f"{name}: {reader}: {uid} ends at {end.isoformat()}, event.ics at {expected_end.isoformat()}")
            return uid

        # The XML, as ElementTree reads it.
        root = ET.parse(xml_path).getroot()
        xml_events = {}
        for day in root.iter("day"):
            for room in day.iter("room"):
                for event in room.iter("event"):
                    start = dt.datetime.fromisoformat(event.findtext("date"))
                    end = start + minutes(event.findtext("duration"))
                    expect_instants("schedule.xml", event.get("guid"), start, end)
                    if event.findtext("room") != room.get("name"):
                        fail(f"{name}: schedule.xml: {event.get('guid')} is in room {room.get('name')} but says {event.findtext('room')}")
                    xml_events[event.get("guid")] = (start, event.findtext("duration"), room.get("name"), event.findtext("title"),
                                                     [person.text for person in event.iter("person")])
        if sorted(xml_events) != sorted(by_guid):
            fail(f"{name}: schedule.xml holds {len(xml_events)} events, event.ics {len(by_guid)} sessions")

        # The JSON, as the c3voc schedule tools read it.
        with open(json_path, encoding="utf-8") as handle:
            document = json.load(handle)
        schedule = Schedule(json=document)
        json_events = {}
        for day in schedule.days():
            period = ScheduleDay(json=day)
            for room_name, events in day["rooms"].items():
                for raw in events:
                    event = voc.Event(dict(raw))
                    # The start as the tools read it; their end misreads the duration (see above).
                    expect_instants("c3voc-schedule-tools", event["guid"], event.start, None)
                    if not period.start <= event.start < period.end:
                        fail(f"{name}: c3voc-schedule-tools: {event['guid']} starts outside its day {day['index']}")
                    json_events[event["guid"]] = (event.start, event["duration"], room_name, event["title"], event.persons())
        if json_events != xml_events:
            different = sorted(guid for guid in set(json_events) | set(xml_events) if json_events.get(guid) != xml_events.get(guid))
            fail(f"{name}: schedule.json and schedule.xml differ in {different}")
        if schedule.conference("daysCount") != len(schedule.days()):
            fail(f"{name}: c3voc-schedule-tools: daysCount {schedule.conference('daysCount')} for {len(schedule.days())} days")

        # The c3voc tools' own schedule.xml made from the JSON.
        converted = ET.fromstring(schedule.xml().split("?>", 1)[-1].encode("utf-8"))
        converted_events = {event.get("guid"): dt.datetime.fromisoformat(event.findtext("date")) for event in converted.iter("event")}
        if converted_events != {guid: values[0] for guid, values in xml_events.items()}:
            fail(f"{name}: the c3voc tools' schedule.xml from schedule.json holds other events or times")

        # The JSON, as pyfahrplan reads it.
        plan = fahrplan.Fahrplan.__new__(fahrplan.Fahrplan)
        plan.fahrplans = [document["schedule"]]
        plan.flatten_fahrplans()
        for talk in plan.flat_plans:
            start = parse(talk["talk_date"])
            uid = expect_instants("pyfahrplan", talk["talk_guid"], start, None)
            if uid is None:
                continue
            _, _, end = by_guid[talk["talk_guid"]]
            # pyfahrplan's own end: a talk is past once its date plus its duration has gone by.
            if fahrplan.is_talk_in_past(talk, end) or not fahrplan.is_talk_in_past(talk, end + dt.timedelta(seconds=1)):
                fail(f"{name}: pyfahrplan: {uid} does not end at {end.isoformat()}")
            if not fahrplan.filter_talk(talk, room=talk["room"], title=talk["title"]):
                fail(f"{name}: pyfahrplan: {uid} is not found by its own room and title")
            if talk["speakers"] != ", ".join(json_events.get(talk["talk_guid"], (None,) * 5)[4]):
                fail(f"{name}: pyfahrplan: {uid} lists speakers {talk['speakers']!r}")
        if len(plan.flat_plans) != len(by_guid):
            fail(f"{name}: pyfahrplan reads {len(plan.flat_plans)} talks, event.ics has {len(by_guid)} sessions")
        with redirect_stdout(io.StringIO()) as table:
            fahrplan.print_formatted_talks(plan.flat_plans, True, True, "talk_start", False)
        if document["schedule"]["conference"]["title"][:20] not in " ".join(table.getvalue().split()):
            fail(f"{name}: pyfahrplan prints no table of the talks")

seconds = time.monotonic() - began
print(f"export: {len(AGENDAS)} agendas, {checked['files']} files, {checked['sessions']} sessions each at event.ics's instants "
      f"in schedule.xml (ElementTree, xmllint) and schedule.json (c3voc-schedule-tools, pyfahrplan); "
      f"{len(failures)} failed, in {seconds:.1f} s")
sys.exit(1 if failures else 0)
