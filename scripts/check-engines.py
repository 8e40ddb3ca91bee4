#!/usr/bin/env python3
"""Reads Convene's calendars in calendar engines that share no code with it, and compares the
*instants* they compute with the tz database's (Python's zoneinfo, reading the system's files).

The sweep: one agenda per zone and year, each with sessions at the first hours of 1 January,
on summer days north and south, on every day the zone changes its clocks (before and after
the change) and on 31 December; written by `convene ics`; then every calendar written (the
public programme, each per-session invite and each person's programme) is read by:

  - vobject (dateutil; what Radicale and other CalDAV servers use), all files in one process,
    years interleaved, so a VTIMEZONE kept from an earlier file must still be right;
  - Python icalendar, with the TZIDs renamed so that it must use the file's VTIMEZONE;
  - khal, from the file's VTIMEZONE (TZIDs renamed), listing in UTC;
  - Mozilla's ical.js (Thunderbird), under Node, from the file's VTIMEZONE;
  - Radicale, a CalDAV server (two of them, each with half the calendars, started on
    127.0.0.1 for the run and stopped after, by their process ids; it reads while the other
    engines do): every invitation PUT as its own resource, every programme and public calendar
    uploaded whole, then for every event a time-range REPORT for the minute it starts (which
    must return it) and for the minute before (which must not).

And the update path in Radicale: an invitation, its update and the public programme in one
collection: no conflict (their UIDs differ), and the update replaces the invitation.

Usage: check-engines.py CONVENE [--ical-js PATH-TO-Ical.mjs] [--out DIR]
Exits 1 when any engine disagrees with the tz database on any instant, or cannot read a file.
"""
import argparse
import datetime as dt
import json
import os
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
import sys
import tempfile
import time
from zoneinfo import ZoneInfo

HERE = os.path.dirname(os.path.abspath(__file__))

ZONES = [
    # Europe and the Middle East: EU rules, Kyiv, Moldova, Dublin's negative summer time.
    "Europe/Kyiv", "Europe/Zurich", "Europe/Amsterdam", "Europe/Dublin", "Europe/London", "Europe/Lisbon",
    "Europe/Chisinau", "Atlantic/Azores", "Asia/Jerusalem", "Asia/Beirut", "Asia/Gaza", "Asia/Hebron",
    "Africa/Cairo", "Africa/Casablanca", "Asia/Tehran", "Asia/Amman", "Asia/Damascus", "Europe/Moscow",
    # Odd offsets and no DST.
    "Asia/Kathmandu", "Asia/Kolkata", "Asia/Kabul", "Asia/Yangon", "Asia/Almaty", "Asia/Colombo", "Asia/Dhaka",
    "Australia/Eucla", "Pacific/Marquesas", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Africa/Lubumbashi",
    # Southern hemisphere DST.
    "Australia/Sydney", "Australia/Adelaide", "Australia/Lord_Howe", "Pacific/Auckland", "Pacific/Chatham",
    "America/Santiago", "Pacific/Easter", "America/Asuncion", "Antarctica/Troll",
    # The Americas, with the changes of 2026.
    "America/New_York", "America/Chicago", "America/Vancouver", "America/Edmonton", "America/Winnipeg",
    "America/Inuvik", "America/Havana", "America/St_Johns", "America/Nuuk", "America/Scoresbysund",
    "America/Mexico_City", "America/Ciudad_Juarez", "America/Sao_Paulo", "America/Port-au-Prince",
]
YEARS = [2022, 2026, 2027]


def transitions(zone, year):
    """The instants (UTC) in `year` at which `zone` changes its offset, found hour by hour."""
    tz = ZoneInfo(zone)
    start = dt.datetime(year, 1, 1, tzinfo=dt.timezone.utc) - dt.timedelta(hours=14)
    found = []
    previous = start.astimezone(tz).utcoffset()
    t = start
    while t.year <= year or t.month == 1 and t.day == 1 and t.hour < 14:
        t2 = t + dt.timedelta(minutes=30)
        offset = t2.astimezone(tz).utcoffset()
        if offset != previous:
            found.append(t2)
            previous = offset
        t = t2
    return found


def sessions_for(zone, year):
    """(date, start) wall-clock pairs: 1 January early, summer days, each change day, 31 December."""
    tz = ZoneInfo(zone)
    wanted = {(dt.date(year, 1, 1), "00:30"), (dt.date(year, 1, 1), "03:00"), (dt.date(year, 1, 15), "10:00"),
              (dt.date(year, 7, 15), "10:00"), (dt.date(year, 12, 31), "22:00")}
    for change in transitions(zone, year):
        local = change.astimezone(tz)
        day = local.date()
        # Before the change (from 3 hours before), on the same local day if there is room, and after it.
        before = (change - dt.timedelta(hours=3)).astimezone(tz)
        if before.date() == day:
            wanted.add((day, before.strftime("%H:%M")))
        after = (change + dt.timedelta(hours=2)).astimezone(tz)
        wanted.add((after.date(), after.strftime("%H:%M")))
        wanted.add((day + dt.timedelta(days=1), "10:00"))
    # Only wall-clock times that exist once (the tz database says so) and stay in the year.
    result = []
    for day, clock in sorted(wanted):
        if day.year != year:
            continue
        hour, minute = map(int, clock.split(":"))
        naive = dt.datetime(day.year, day.month, day.day, hour, minute)
        first = naive.replace(tzinfo=tz, fold=0)
        second = naive.replace(tzinfo=tz, fold=1)
        if first.utcoffset() != second.utcoffset():
            continue  # repeated or skipped
        roundtrip = first.astimezone(dt.timezone.utc).astimezone(tz).replace(tzinfo=None)
        if roundtrip != naive:
            continue
        if naive + dt.timedelta(minutes=45) > dt.datetime(year, 12, 31, 23, 59):
            continue
        result.append((day, clock))
    return result


def write_agenda(path, zone, year, sessions):
    slug = re.sub(r"[^a-z0-9]+", "-", f"{zone}-{year}".lower())
    lines = ["convene: 1", f"id: zone-{slug}", f"title: Zones {zone} {year}", f"timezone: {zone}",
             "organizer: { name: Org, email: org@example.org }",
             "people:", "  - { id: ana, name: Ana Reader, email: ana@example.org }",
             "  - { id: ben, name: Ben Reader, email: ben@example.org }", "sessions:"]
    for index, (day, clock) in enumerate(sessions):
        who = "[ana]" if index % 2 == 0 else "[ana, ben]"
        lines.append(f'  - {{ id: s{index:02d}, title: "Session {index}", date: {day.isoformat()}, start: "{clock}", '
                     f"duration: 45m, participants: {who} }}")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def unfold(text):
    return re.sub(r"\r?\n[ \t]", "", text).splitlines()


def expected_events(path):
    """(uid, start instant, end instant) of every VEVENT, from its wall-clock times and TZID."""
    events, current = [], None
    for line in unfold(open(path, encoding="utf-8").read()):
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None:
            name, _, value = line.partition(":")
            key = name.split(";")[0]
            if key in ("UID",):
                current["uid"] = value
            elif key in ("DTSTART", "DTEND"):
                match = re.search(r"TZID=([^;:]+)", name)
                wall = dt.datetime.strptime(value.rstrip("Z"), "%Y%m%dT%H%M%S")
                tz = dt.timezone.utc if value.endswith("Z") or not match else ZoneInfo(match.group(1))
                current[key] = int(wall.replace(tzinfo=tz).timestamp())
    return [(e["uid"], e["DTSTART"], e["DTEND"]) for e in events]


def renamed(text):
    """The calendar with every TZID prefixed, so an engine cannot look the zone up by name."""
    text = re.sub(r"^TZID:", "TZID:Convene-Test/", text, flags=re.M)
    return re.sub(r";TZID=", ";TZID=Convene-Test/", text)


def read_vobject(paths):
    import vobject
    result = {}
    for path in paths:
        for calendar in vobject.readComponents(open(path, encoding="utf-8").read()):
            for event in calendar.contents.get("vevent", []):
                start, end = event.dtstart.value, event.dtend.value
                result[(path, event.uid.value)] = (int(start.timestamp()), int(end.timestamp()))
    return result


def read_icalendar(paths):
    import icalendar
    result = {}
    for path in paths:
        calendar = icalendar.Calendar.from_ical(renamed(open(path, encoding="utf-8").read()))
        zones = {str(tz["TZID"]): tz.to_tz() for tz in calendar.walk("VTIMEZONE")}
        for event in calendar.walk("VEVENT"):
            times = []
            for key in ("DTSTART", "DTEND"):
                prop = event[key]
                value = prop.dt
                tzid = prop.params.get("TZID")
                if tzid:
                    value = value.replace(tzinfo=None)
                    tz = zones[str(tzid)]
                    value = tz.localize(value) if hasattr(tz, "localize") else value.replace(tzinfo=tz)
                times.append(int(value.timestamp()))
            result[(path, str(event["UID"]))] = tuple(times)
    return result


def read_icalendar_as_written(paths):
    """Python icalendar on the files as written (TZIDs it knows): every file must parse."""
    import icalendar
    result = {}
    for path in paths:
        calendar = icalendar.Calendar.from_ical(open(path, encoding="utf-8").read())
        for event in calendar.walk("VEVENT"):
            result[(path, str(event["UID"]))] = (int(event["DTSTART"].dt.timestamp()), int(event["DTEND"].dt.timestamp()))
    return result


def read_khal(paths, work):
    """khal imports every event (TZIDs renamed, so from the file's VTIMEZONE) and lists them in UTC."""
    folder = os.path.join(work, "khal")
    os.makedirs(os.path.join(folder, "cal"))
    os.makedirs(os.path.join(folder, "data"))
    config = os.path.join(folder, "config")
    with open(config, "w") as f:
        f.write(f"""[calendars]
[[sweep]]
path = {folder}/cal
type = calendar
[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%dT%H:%M:%S
longdatetimeformat = %Y-%m-%dT%H:%M:%S
local_timezone = UTC
default_timezone = UTC
[sqlite]
path = {folder}/data/khal.db
""")
    # One calendar of every source file's zones and events, each TZID and UID made unique by
    # the file's number, so one import reads them all.
    keys = {}
    zones, events = [], []
    for number, path in enumerate(paths):
        text = renamed(open(path, encoding="utf-8").read()).replace("TZID:Convene-Test/", f"TZID:Convene-Test/{number}/")
        text = text.replace(";TZID=Convene-Test/", f";TZID=Convene-Test/{number}/")
        def uid(match):
            keys[f"{number}-{match.group(1)}"] = path
            return f"UID:{number}-{match.group(1)}"
        text = re.sub(r"^UID:(.*?)\r?$", uid, text, flags=re.M)
        zones += re.findall(r"^BEGIN:VTIMEZONE\r?\n.*?^END:VTIMEZONE\r?\n", text, flags=re.M | re.S)
        events += re.findall(r"^BEGIN:VEVENT\r?\n.*?^END:VEVENT\r?\n", text, flags=re.M | re.S)
    staged = os.path.join(folder, "all.ics")
    with open(staged, "w", encoding="utf-8") as f:
        f.write("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//sweep//EN\r\n" + "".join(zones) + "".join(events) + "END:VCALENDAR\r\n")
    subprocess.run(["khal", "-c", config, "import", "--batch", "-a", "sweep", staged], check=True,
                   stdout=subprocess.DEVNULL, timeout=600)
    listing = subprocess.run(["khal", "-c", config, "list", "--format", "{uid} {start} {end}", "--day-format", "",
                              "2021-12-01", "3000d"], check=True, capture_output=True, text=True, timeout=300).stdout
    result = {}
    for line in listing.splitlines():
        parts = line.split()
        if len(parts) != 3 or parts[0] not in keys:
            continue
        number, _, uid = parts[0].partition("-")
        times = tuple(int(dt.datetime.fromisoformat(p).replace(tzinfo=dt.timezone.utc).timestamp()) for p in parts[1:])
        result[(keys[parts[0]], uid)] = times
    return result


def read_icaljs(paths, library, work):
    listing = os.path.join(work, "icaljs-files.json")
    with open(listing, "w") as f:
        json.dump(paths, f)
    out = subprocess.run(["node", os.path.join(HERE, "engines", "icaljs-instants.mjs"), library, listing],
                         check=True, capture_output=True, text=True, timeout=300).stdout
    return {(row["file"], row["uid"]): (row["start"], row["end"]) for row in json.loads(out)}


class Radicale:
    """A Radicale server on 127.0.0.1 for the life of the object, stopped by its process id."""

    def __init__(self, work, name="radicale"):
        import socket
        self.folder = os.path.join(work, name)
        os.makedirs(self.folder)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.log = open(os.path.join(work, f"{name}.log"), "w")
        self.process = subprocess.Popen([sys.executable, "-m", "radicale", "--config", "", "--server-hosts", f"127.0.0.1:{self.port}",
                                         "--auth-type", "none", "--rights-type", "owner_only",
                                         "--storage-filesystem-folder", self.folder, "--logging-level", "warning"],
                                        stdout=self.log, stderr=self.log)
        import urllib.request
        deadline = time.time() + 30
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/", timeout=2)
                break
            except Exception:
                if self.process.poll() is not None or time.time() > deadline:
                    self.stop()
                    raise RuntimeError("Radicale did not start: see radicale.log")
                time.sleep(0.2)

    def request(self, method, path, body=b"", headers=None):
        import base64
        import http.client
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        auth = base64.b64encode(b"sweep:x").decode()
        connection.request(method, path, body=body, headers={"Authorization": "Basic " + auth, **(headers or {})})
        response = connection.getresponse()
        data = response.read()
        connection.close()
        return response.status, data

    def collection(self, name):
        path = f"/sweep/{name}/"
        status, _ = self.request("MKCALENDAR", path)
        if status not in (201,):
            raise RuntimeError(f"MKCALENDAR {path}: {status}")
        return path

    def hrefs(self, collection, start, end):
        """The resources a time-range REPORT returns for [start, end) (seconds since the epoch)."""
        fmt = lambda t: dt.datetime.fromtimestamp(t, dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        body = f"""<?xml version="1.0" encoding="utf-8"?>
<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:prop><D:getetag/></D:prop>
  <C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">
    <C:time-range start="{fmt(start)}" end="{fmt(end)}"/>
  </C:comp-filter></C:comp-filter></C:filter>
</C:calendar-query>""".encode()
        status, data = self.request("REPORT", collection, body, {"Depth": "1", "Content-Type": "application/xml"})
        if status != 207:
            raise RuntimeError(f"REPORT {collection}: {status}")
        return set(re.findall(r"<D:href>([^<]+)</D:href>|<href>([^<]+)</href>", data.decode()) and
                   [a or b for a, b in re.findall(r"<(?:D:)?href>([^<]+)</(?:D:)?href>()", data.decode())])

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


def read_radicale(paths, expected, work):
    """Each calendar in its own collection; the instants are the server's, by time-range REPORTs.
    Two servers, each a process of its own with half the calendars, so that both cores work."""
    halves = [paths[0::2], paths[1::2]]
    with ThreadPoolExecutor(max_workers=2) as pool:
        parts = list(pool.map(lambda half: read_radicale_part(half[1], expected, work, f"radicale-{half[0]}"), enumerate(halves)))
    return {key: value for part in parts for key, value in part.items()}


def read_radicale_part(paths, expected, work, name):
    server = Radicale(work, name)
    try:
        result = {}
        for number, path in enumerate(paths):
            collection = server.collection(f"c{number}")
            text = open(path, "rb").read()
            uids = re.findall(rb"^UID:(.*?)\r?$", text, flags=re.M)
            if len(uids) == 1:
                # An invitation, as a client keeps it once accepted: its own resource.
                status, body = server.request("PUT", collection + "event.ics", text, {"Content-Type": "text/calendar"})
            else:
                status, body = server.request("PUT", collection, text, {"Content-Type": "text/calendar"})
            if status not in (201, 204):
                raise RuntimeError(f"PUT {os.path.basename(path)}: {status} {body[:200]!r}")
            events = {uid: times for (p, uid), times in expected.items() if p == path}
            for uid, (start, end) in events.items():
                # The minute it starts and the minute before it ends hold it; the minute before it
                # starts and the minute it ends do not (other events may, so count only this one).
                def holds(a, b):
                    return sum(1 for u, (s, e) in events.items() if s < b and e > a)
                inside = [server.hrefs(collection, start, start + 60)]
                outside = [server.hrefs(collection, start - 60, start)]
                right = all(len(found) == holds(a, b) for found, (a, b) in
                            zip(inside + outside, [(start, start + 60), (start - 60, start)]))
                if len(uids) == 1:
                    right = right and all(found for found in inside) and not any(outside)
                result[(path, uid)] = (start, end) if right else (0, 0)
        return result
    finally:
        server.stop()


def radicale_updates(convene, work):
    """An invitation, the same session's update and the public programme in one collection."""
    folder = os.path.join(work, "updates")
    os.makedirs(folder)
    agenda = os.path.join(folder, "a.yaml")
    text = ("convene: 1\nid: caldav-update\ntitle: Consultation\ntimezone: Europe/Kyiv\n"
            "organizer: { name: Org, email: org@example.org }\npeople:\n  - { id: ana, name: Ana, email: ana@example.org }\n"
            "sessions:\n  - { id: one, title: One, date: 2026-12-08, start: \"10:00\", duration: 1h, participants: [ana] }\n")
    problems = []
    server = Radicale(folder)
    try:
        collection = server.collection("ana")
        for version, start in enumerate(["10:00", "11:30"]):
            with open(agenda, "w") as f:
                f.write(text.replace('"10:00"', f'"{start}"'))
            run = subprocess.run([convene, "ics", agenda, "-o", os.path.join(folder, "out"), "--state", os.path.join(folder, "s.db")],
                                 capture_output=True, text=True, env=dict(os.environ, SOURCE_DATE_EPOCH=str(1_700_000_000 + version)))
            if run.returncode:
                problems.append(f"convene ics: {run.stderr.strip()}")
                return problems
            invite = open(os.path.join(folder, "out", "invites", "ana", "one.ics"), "rb").read()
            status, body = server.request("PUT", collection + "one@caldav-update.convene.ics", invite, {"Content-Type": "text/calendar"})
            if status not in (201, 204):
                problems.append(f"PUT invitation version {version}: {status} {body[:200]!r}")
        public = open(os.path.join(folder, "out", "event.ics"), "rb").read()
        status, body = server.request("PUT", collection + "public-one@caldav-update.convene.ics", public, {"Content-Type": "text/calendar"})
        if status not in (201, 204):
            problems.append(f"PUT the public programme beside the invitation: {status} {body[:200]!r}")
        moved = int(dt.datetime(2026, 12, 8, 11, 30, tzinfo=ZoneInfo("Europe/Kyiv")).timestamp())
        old = int(dt.datetime(2026, 12, 8, 10, 0, tzinfo=ZoneInfo("Europe/Kyiv")).timestamp())
        at_new = server.hrefs(collection, moved, moved + 60)
        at_old = server.hrefs(collection, old, old + 60)
        if len([h for h in at_new if "public" not in h]) != 1:
            problems.append(f"the update is not held once at its new time: {sorted(at_new)}")
        if any("public" not in h for h in at_old):
            problems.append(f"the old time still holds the invitation: {sorted(at_old)}")
    finally:
        server.stop()
    return problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("convene")
    parser.add_argument("--ical-js", default=None)
    parser.add_argument("--out", default=None)
    parser.add_argument("--no-radicale", action="store_true")
    args = parser.parse_args()
    work = args.out or tempfile.mkdtemp(prefix="convene-engines-")
    if os.path.exists(work) and args.out:
        shutil.rmtree(work)
    os.makedirs(work, exist_ok=True)
    began = time.time()
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    files = []
    agendas = 0
    jobs = []
    for year in YEARS:
        for zone in ZONES:
            sessions = sessions_for(zone, year)
            slug = re.sub(r"[^a-z0-9]+", "-", f"{zone}-{year}".lower())
            agenda = os.path.join(work, f"{slug}.yaml")
            write_agenda(agenda, zone, year, sessions)
            jobs.append((agenda, os.path.join(work, slug), os.path.join(work, f"{slug}.db")))

    def write(job):
        agenda, outdir, store = job
        return subprocess.run([args.convene, "ics", agenda, "-o", outdir, "--state", store],
                              capture_output=True, text=True, env=env, timeout=120)

    # Each agenda is its own process with its own folder and store: as many at once as there
    # are cores.
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        runs = list(pool.map(write, jobs))
    for (agenda, outdir, _), run in zip(jobs, runs):
        if run.returncode != 0:
            print(f"FAIL convene ics {agenda}: {run.stderr.strip()}")
            return 1
        agendas += 1
        for root, _, names in os.walk(outdir):
            files += [os.path.join(root, n) for n in sorted(names) if n.endswith(".ics")]
    # Years interleaved, so an engine that keeps the first VTIMEZONE it sees for a TZID reads
    # later years with an earlier file's.
    files.sort(key=lambda p: (os.path.basename(os.path.dirname(p)).rsplit("-", 1)[0], p))
    expected = {}
    for path in files:
        for uid, start, end in expected_events(path):
            expected[(path, uid)] = (start, end)
    # khal imports the calendars that hold several events (each person's programme and the
    # public one); Radicale takes each invitation as its own resource, and the public calendars.
    calendars = [p for p in files if "/invites/" not in p]
    single = [p for p in files if "/invites/" in p]
    public = [p for p in files if p.endswith("/event.ics")]
    print(f"sweep: {len(ZONES)} zones, years {', '.join(map(str, YEARS))}: {agendas} agendas, {len(files)} calendars, "
          f"{len(expected)} events ({time.time() - began:.1f} s to write)")
    engines = [("vobject " + __import__("vobject").VERSION if hasattr(__import__("vobject"), "VERSION") else "vobject",
                lambda: read_vobject(files)),
               (f"icalendar {__import__('icalendar').__version__} (the file's VTIMEZONE)", lambda: read_icalendar(files)),
               (f"icalendar {__import__('icalendar').__version__} (as written)", lambda: read_icalendar_as_written(files)),
               ("khal " + __import__("khal").__version__ + " (the file's VTIMEZONE; programmes and public calendars)",
                lambda: read_khal(calendars, work))]
    if not args.no_radicale:
        radicale_version = __import__("radicale").VERSION
        engines.append((f"Radicale {radicale_version} (CalDAV time-range REPORTs)", lambda: read_radicale(single + public, expected, work)))
    if args.ical_js:
        version_file = args.ical_js + ".version"
        version = open(version_file).read().strip() if os.path.exists(version_file) else "?"
        engines.append((f"ical.js (Thunderbird {version})",
                        lambda: read_icaljs(files, args.ical_js, work)))
    scope = {name: set(calendars) for name, _ in engines if name.startswith("khal")}
    scope.update({name: set(single + public) for name, _ in engines if name.startswith("Radicale")})
    failed = 0

    def timed(read):
        started = time.time()
        try:
            return read(), None, time.time() - started
        except Exception as error:  # an engine that cannot read a file is a failure, shown as such
            return None, error, time.time() - started

    # Radicale works in a server process of its own, waiting on it most of the time: it reads
    # while the other engines do, one after another; the results are told in the same order.
    with ThreadPoolExecutor(max_workers=2) as pool:
        apart = {name: pool.submit(timed, read) for name, read in engines if name.startswith("Radicale")}
        results = {name: timed(read) for name, read in engines if name not in apart}
        results.update({name: future.result() for name, future in apart.items()})
    for name, _ in engines:
        got, error, took = results[name]
        if error is not None:
            print(f"FAIL {name}: {type(error).__name__}: {error}")
            failed += 1
            continue
        given = scope.get(name)
        wanted = {key: want for key, want in expected.items() if given is None or key[0] in given}
        wrong = [(key, want, got.get(key)) for key, want in wanted.items() if got.get(key) != want]
        print(f"{name}: {len(wanted) - len(wrong)} of {len(wanted)} events at the tz database's instants, "
              f"{len(wrong)} disagreements ({took:.1f} s)")
        for (path, uid), want, have in wrong[:12]:
            show = lambda t: "missing" if t is None else " – ".join(
                dt.datetime.fromtimestamp(x, dt.timezone.utc).strftime("%Y-%m-%d %H:%M") + "Z" for x in t)
            print(f"  {os.path.relpath(path, work)} {uid}: want {show(want)}, got {show(have)}")
        failed += bool(wrong)
    if not args.no_radicale:
        problems = radicale_updates(args.convene, work)
        for problem in problems:
            print(f"FAIL Radicale update path: {problem}")
        if not problems:
            print("Radicale update path: an invitation's update replaces it, held once at its new time, beside the public listing")
        failed += bool(problems)
    if not args.out:
        shutil.rmtree(work, ignore_errors=True)
    print(f"engines: {'FAILED' if failed else 'all agree'} ({time.time() - began:.1f} s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
