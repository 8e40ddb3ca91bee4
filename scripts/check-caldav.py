#!/usr/bin/env python3
"""convene publish against a real CalDAV server: a Radicale of its own on 127.0.0.1 (htpasswd
users, a storage folder of its own), started here and stopped by its own process id.

- the calendar is made with MKCALENDAR; `convene publish` puts the sample's public programme
  into it; every resource is read back (PROPFIND, then GET) and parsed with Python icalendar,
  as written and with the TZIDs renamed (so from the resource's own VTIMEZONE): one VEVENT a
  resource, named by its UID, each session once, at the instants the agenda gives (zoneinfo),
  with no METHOD and nobody the public may not read;
- one session moved and another removed in the agenda: the moved one is the same resource
  with SEQUENCE + 1 at its new time, the removed one stays, STATUS:CANCELLED, SEQUENCE + 1,
  and the others are untouched;
- a third publish sends no request (Radicale's log and storage files unchanged) and says
  `nothing to publish`; so does `--dry-run`, which lists what waits;
- a wrong password exits 3 with the 401 hint and marks nothing sent; the right one, from a
  netrc file, then publishes what waited;
- a resource the server refuses (409: another resource holds its UID) waits while the others
  are published and marked, and goes once the other copy is gone;
- `--delete-cancelled` deletes a removed session;
- a server whose certificate the system does not trust is refused, with nothing sent to it;
- the password appears in no output of convene, and not in its event store.

Usage: check-caldav.py CONVENE. Needs Radicale and icalendar (make test installs them).
"""
import base64
import hashlib
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from datetime import datetime
from zoneinfo import ZoneInfo

CONVENE = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else ""
USER, PASSWORD = "organiser", "Plum-Orchard-7731"
ZONE = "America/New_York"
EVENT = "caldav-check"
failures = []

AGENDA = """convene: 1
id: caldav-check
title: Listening across borders
timezone: America/New_York
organizer: { name: Org Events, email: events@example.org }
people:
  - { id: ana, name: Ana Moderata, email: ana@example.org, visibility: public }
  - { id: zar, name: Zarmina Verborgen, email: zar@example.org, visibility: organizers }
sessions:
  - id: opening
    title: Opening
    date: 2026-10-31
    start: "09:00"
    duration: 1h
    participants: [ana]
  - id: panel
    title: Panel on budgets
    date: 2026-11-02
    start: "09:00"
    moderator: ana
    participants: [ana, zar]
    segments:
      - { title: Welcome, kind: opening, duration: 15m, speakers: [ana] }
      - { title: Budgets, kind: panel, duration: 1h15m, speakers: [zar] }
  - id: workshop
    title: Workshop
    date: 2026-11-02
    start: "14:00"
    duration: 1h
    participants: [ana]
  - id: closing
    title: Closing
    date: 2026-11-03
    start: "16:00"
    duration: 1h
    participants: [ana]
"""
# What each session is, as the agenda says: (date, start, minutes).
SESSIONS = {"opening": ((2026, 10, 31), (9, 0), 60), "panel": ((2026, 11, 2), (9, 0), 90),
            "workshop": ((2026, 11, 2), (14, 0), 60), "closing": ((2026, 11, 3), (16, 0), 60)}


def check(condition, message):
    if not condition:
        failures.append(message)
    return condition


class Stop(Exception):
    """A step failed that the later ones build on."""


def require(condition, message):
    if not check(condition, message):
        raise Stop()


def instant(day, clock, minutes=0):
    start = datetime(*day, *clock, tzinfo=ZoneInfo(ZONE))
    return int(start.timestamp()) + minutes * 60


def uid(session):
    return f"public-{session}@{EVENT}.convene"


class Radicale:
    """A Radicale server on 127.0.0.1, stopped by its process id."""

    def __init__(self, work):
        self.storage = os.path.join(work, "radicale")
        users = os.path.join(work, "users")
        with open(users, "w") as handle:
            handle.write(f"{USER}:{PASSWORD}\n")
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.log_path = os.path.join(work, "radicale.log")
        self.log = open(self.log_path, "w")
        # Info logging: every request is a line, so a run that sends none is seen.
        self.process = subprocess.Popen(
            [sys.executable, "-m", "radicale", "--config", "", "--server-hosts", f"127.0.0.1:{self.port}",
             "--auth-type", "htpasswd", "--auth-htpasswd-filename", users, "--auth-htpasswd-encryption", "plain",
             "--rights-type", "owner_only", "--storage-filesystem-folder", self.storage, "--logging-level", "info"],
            stdout=self.log, stderr=self.log)
        deadline = time.time() + 30
        while True:
            try:
                status, _ = self.request("OPTIONS", "/")
                if status < 500:
                    break
            except OSError:
                pass
            if self.process.poll() is not None or time.time() > deadline:
                raise RuntimeError(f"Radicale did not start: see {self.log_path}")
            time.sleep(0.2)

    def request(self, method, path, body=b"", headers=None, password=PASSWORD):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        auth = base64.b64encode(f"{USER}:{password}".encode()).decode()
        try:
            connection.request(method, path, body=body, headers={"Authorization": "Basic " + auth, **(headers or {})})
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def requests_logged(self):
        """How many requests the server has logged so far."""
        self.log.flush()
        with open(self.log_path, encoding="utf-8", errors="replace") as handle:
            return len(re.findall(r"\b[A-Z]+ request for ", handle.read()))

    def files(self):
        """Every file of the storage, with its size, time and digest."""
        found = {}
        for folder, _, names in os.walk(self.storage):
            for name in names:
                path = os.path.join(folder, name)
                info = os.stat(path)
                with open(path, "rb") as handle:
                    found[os.path.relpath(path, self.storage)] = (info.st_size, info.st_mtime_ns, hashlib.sha256(handle.read()).hexdigest())
        return found

    def stop(self):
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self.log.close()


def read_collection(server, collection):
    """Every resource of the collection by its name: (text, parsed as written, parsed from its VTIMEZONE)."""
    import icalendar
    status, body = server.request("PROPFIND", collection, b'<?xml version="1.0"?><D:propfind xmlns:D="DAV:"><D:prop><D:getetag/></D:prop></D:propfind>',
                                  {"Depth": "1", "Content-Type": "application/xml"})
    if not check(status == 207, f"PROPFIND {collection}: {status}"):
        return {}
    hrefs = [urllib.parse.unquote(h) for h in re.findall(r"<(?:[A-Za-z]+:)?href>([^<]+)</(?:[A-Za-z]+:)?href>", body.decode())]
    resources = {}
    for href in hrefs:
        if href.rstrip("/") == collection.rstrip("/"):
            continue
        status, data = server.request("GET", urllib.parse.quote(href))
        check(status == 200, f"GET {href}: {status}")
        text = data.decode("utf-8")
        renamed = re.sub(r";TZID=", ";TZID=Convene-Test/", re.sub(r"^TZID:", "TZID:Convene-Test/", text, flags=re.M))
        resources[href.rsplit("/", 1)[-1]] = (text, icalendar.Calendar.from_ical(text), icalendar.Calendar.from_ical(renamed))
    return resources


def instants(calendar):
    """Each event's start and end, as seconds: from the zones the parser knows, or the file's VTIMEZONEs."""
    zones = {str(tz["TZID"]): tz.to_tz() for tz in calendar.walk("VTIMEZONE")}
    found = []
    for event in calendar.walk("VEVENT"):
        times = []
        for key in ("DTSTART", "DTEND"):
            prop = event[key]
            value, tzid = prop.dt, prop.params.get("TZID")
            if tzid and str(tzid) in zones:
                tz = zones[str(tzid)]
                value = value.replace(tzinfo=None)
                value = tz.localize(value) if hasattr(tz, "localize") else value.replace(tzinfo=tz)
            times.append(int(value.timestamp()))
        found.append(tuple(times))
    return found


def expect_session(resources, session, start, end, sequence, cancelled=False):
    name = uid(session) + ".ics"
    if not check(name in resources, f"no resource {name} for {session}: {sorted(resources)}"):
        return
    text, written, renamed = resources[name]
    events = written.walk("VEVENT")
    check(len(events) == 1, f"{name} holds {len(events)} events, not 1")
    check("METHOD" not in written, f"{name} has a METHOD ({written.get('METHOD')}), which RFC 4791 forbids in a calendar resource")
    check(len(written.walk("VTIMEZONE")) == 1, f"{name} does not carry its VTIMEZONE")
    if not events:
        return
    event = events[0]
    check(str(event["UID"]) == uid(session), f"{name} holds UID {event['UID']}")
    check(int(event.get("SEQUENCE", 0)) == sequence, f"{name}: SEQUENCE {event.get('SEQUENCE')}, not {sequence}")
    status = str(event.get("STATUS", ""))
    check((status == "CANCELLED") == cancelled, f"{name}: STATUS {status or 'none'}, {'not ' if cancelled else ''}expected CANCELLED")
    for label, calendar in (("as written", written), ("from its VTIMEZONE", renamed)):
        found = instants(calendar)
        check(found == [(start, end)], f"{name} {label}: {found}, not {[(start, end)]} (the agenda's instants in {ZONE})")
    check("Zarmina" not in text and "Verborgen" not in text and "zar@example.org" not in text, f"{name} names someone the public may not read")


def check_untrusted_certificate(work, publish, agenda):
    """A self-signed HTTPS server on 127.0.0.1 that would take anything: convene refuses it."""
    import http.server
    import ssl
    import threading
    key, cert = os.path.join(work, "key.pem"), os.path.join(work, "cert.pem")
    made = subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "2",
                           "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"], capture_output=True, timeout=60)
    if not check(made.returncode == 0, f"openssl could not make a certificate: {made.stderr[-300:]!r}"):
        return
    seen = []

    class Anything(http.server.BaseHTTPRequestHandler):
        def do_PROPFIND(self):
            seen.append(self.command)
            self.send_response(207)
            self.send_header("Content-Length", "0")
            self.end_headers()
        do_PUT = do_PROPFIND

        def log_message(self, *_):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Anything)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"https://localhost:{server.server_address[1]}/organiser/programme/"
        refused = publish("--all", "--state", os.path.join(work, "tls.db"), epoch=1_700_000_600, to=url)
        check(refused.returncode == 3 and "the secure connection to localhost failed" in refused.stderr,
              f"a self-signed certificate: {refused.returncode} {refused.stderr}")
        check(seen == [], f"requests reached the server with the untrusted certificate: {seen}")
    finally:
        server.shutdown()
        server.server_close()


def main():
    if not CONVENE or not os.access(CONVENE, os.X_OK):
        print("usage: check-caldav.py CONVENE", file=sys.stderr)
        return 2
    try:
        import icalendar  # noqa: F401
        import radicale  # noqa: F401
    except ImportError as missing:
        print(f"check-caldav: {missing.name} is needed (make test installs it)", file=sys.stderr)
        return 1
    began = time.time()
    work = tempfile.mkdtemp(prefix="convene-caldav-")
    agenda = os.path.join(work, "a.yaml")
    outputs = []

    def write_agenda(text):
        with open(agenda, "w", encoding="utf-8") as handle:
            handle.write(text)

    def publish(*options, epoch, password=PASSWORD, netrc=None, to=None):
        # No credentials of the machine's own, and no proxy of its own between convene and 127.0.0.1.
        env = {key: value for key, value in os.environ.items()
               if key not in ("CONVENE_CALDAV_USER", "CONVENE_CALDAV_PASSWORD", "NETRC") and not key.lower().endswith("_proxy")}
        env.update(SOURCE_DATE_EPOCH=str(epoch), HOME=work, CONVENE_CALDAV_TIMEOUT="20")
        if netrc:
            env["NETRC"] = netrc
        else:
            env.update(CONVENE_CALDAV_USER=USER, CONVENE_CALDAV_PASSWORD=password)
        run = subprocess.run([CONVENE, "publish", agenda, "--caldav", to or url, *options], capture_output=True, text=True, env=env, timeout=120)
        outputs.append(run.stdout + run.stderr)
        return run

    def pending_programme():
        status = subprocess.run([CONVENE, "status", agenda, "--json"], capture_output=True, text=True, timeout=60)
        entries = json.loads(status.stdout)["entries"] if status.returncode == 0 else []
        return sorted(e["session"] for e in entries if e["person"] is None and e["pending"])

    write_agenda(AGENDA)
    # The whole check is bounded: a server or a convene that hangs ends it, and the server still stops.
    signal.signal(signal.SIGALRM, lambda *_: (_ for _ in ()).throw(TimeoutError("check-caldav took longer than 300 s")))
    signal.alarm(300)
    server = None
    try:
        server = Radicale(work)
        collection = f"/{USER}/programme/"
        url = f"http://127.0.0.1:{server.port}{collection}"
        status, body = server.request("MKCALENDAR", collection)
        require(status == 201, f"MKCALENDAR {collection}: {status} {body[:200]!r}")

        # First publish: every session, once, at the agenda's instants.
        first = publish(epoch=1_700_000_000)
        require(first.returncode == 0, f"the first publish exited {first.returncode}: {first.stderr}")
        check(first.stdout.count("published ") == 4, f"the first publish did not publish 4 resources: {first.stdout}")
        resources = read_collection(server, collection)
        check(len(resources) == 4, f"the calendar holds {len(resources)} resources, not 4: {sorted(resources)}")
        for session, (day, clock, minutes) in SESSIONS.items():
            expect_session(resources, session, instant(day, clock), instant(day, clock, minutes), 0)
        etags = {name: hashlib.sha256(text.encode()).hexdigest() for name, (text, _, _) in resources.items()}

        # The panel moves, the workshop goes.
        write_agenda(AGENDA.replace('date: 2026-11-02\n    start: "09:00"', 'date: 2026-11-02\n    start: "10:30"')
                     .replace("""  - id: workshop
    title: Workshop
    date: 2026-11-02
    start: "14:00"
    duration: 1h
    participants: [ana]
""", ""))
        second = publish(epoch=1_700_000_100)
        require(second.returncode == 0, f"the second publish exited {second.returncode}: {second.stderr}")
        check(second.stdout.count("published ") == 2, f"the second publish did not publish 2 resources: {second.stdout}")
        check("update (time), SEQUENCE 1" in second.stdout and "cancelled, SEQUENCE 1" in second.stdout, f"the second publish says: {second.stdout}")
        resources = read_collection(server, collection)
        check(sorted(resources) == sorted(etags), f"the resources changed names: {sorted(resources)}, not {sorted(etags)}")
        expect_session(resources, "panel", instant((2026, 11, 2), (10, 30)), instant((2026, 11, 2), (12, 0)), 1)
        expect_session(resources, "workshop", instant((2026, 11, 2), (14, 0)), instant((2026, 11, 2), (15, 0)), 1, cancelled=True)
        for session in ("opening", "closing"):
            name = uid(session) + ".ics"
            check(name in resources and hashlib.sha256(resources[name][0].encode()).hexdigest() == etags[name], f"{name} changed though its session did not")

        # Nothing changed: no request at all, and nothing changes on the server.
        files, requests = server.files(), server.requests_logged()
        check(requests > 0, "Radicale logged no request: the no-request check below would prove nothing")
        third = publish(epoch=1_700_000_200)
        check(third.returncode == 0 and third.stdout == "" and "nothing to publish" in third.stderr, f"the third publish: {third.returncode} {third.stdout}{third.stderr}")
        dry = publish("--dry-run", epoch=1_700_000_200)
        check(dry.returncode == 0 and "nothing to publish" in dry.stderr, f"a dry run with nothing pending: {dry.returncode} {dry.stdout}{dry.stderr}")
        time.sleep(0.5)
        check(server.requests_logged() == requests, f"a publish with nothing to publish sent {server.requests_logged() - requests} requests")
        check(server.files() == files, "Radicale's storage changed though nothing was published")

        # The closing moves; with the wrong password nothing is published or marked sent.
        write_agenda(open(agenda, encoding="utf-8").read().replace('date: 2026-11-03\n    start: "16:00"', 'date: 2026-11-03\n    start: "15:00"'))
        dry = publish("--dry-run", epoch=1_700_000_300)
        check(dry.returncode == 0 and dry.stdout.startswith("1 resource would be published to ") and f"PUT {urllib.parse.quote(uid('closing'), safe='')}.ics — update (time), SEQUENCE 1" in dry.stdout,
              f"the dry run lists: {dry.stdout}{dry.stderr}")
        wrong = publish(epoch=1_700_000_300, password="not-the-password")
        check(wrong.returncode == 3, f"a wrong password exited {wrong.returncode}, not 3: {wrong.stderr}")
        check("401 Unauthorized" in wrong.stderr and "check CONVENE_CALDAV_USER and CONVENE_CALDAV_PASSWORD" in wrong.stderr, f"no 401 hint: {wrong.stderr}")
        check("not-the-password" not in wrong.stdout + wrong.stderr, "the wrong password is in convene's output")
        check(pending_programme() == ["closing"], f"after the refused publish the programme's pending entries are {pending_programme()}, not the closing alone")
        resources = read_collection(server, collection)
        expect_session(resources, "closing", instant((2026, 11, 3), (16, 0)), instant((2026, 11, 3), (17, 0)), 0)

        # The right password, from a netrc file: what waited goes.
        netrc = os.path.join(work, "netrc")
        with open(netrc, "w") as handle:
            handle.write(f"# the test server\nmachine 127.0.0.1\n  login {USER}\n  password \"{PASSWORD}\"\n")
        os.chmod(netrc, 0o600)
        fourth = publish(epoch=1_700_000_400, netrc=netrc)
        check(fourth.returncode == 0 and fourth.stdout.count("published ") == 1, f"the publish with netrc credentials: {fourth.returncode} {fourth.stdout}{fourth.stderr}")
        check(pending_programme() == [], f"still pending after the netrc publish: {pending_programme()}")
        resources = read_collection(server, collection)
        expect_session(resources, "closing", instant((2026, 11, 3), (15, 0)), instant((2026, 11, 3), (16, 0)), 1)

        # One resource refused, the other taken: what was taken stays published, the refused one waits.
        # Another resource already holds the new session's UID, which the server refuses (409).
        squatter = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//check-caldav//EN\r\nBEGIN:VEVENT\r\n"
                    f"UID:{uid('reception')}\r\nDTSTAMP:20231114T221320Z\r\nDTSTART:20261103T230000Z\r\nDTEND:20261104T000000Z\r\n"
                    "SUMMARY:Someone else's copy\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
        status, body = server.request("PUT", collection + "squatter.ics", squatter.encode(), {"Content-Type": "text/calendar"})
        require(status in (201, 204), f"PUT squatter.ics: {status} {body[:200]!r}")
        text = open(agenda, encoding="utf-8").read().replace('date: 2026-11-02\n    start: "10:30"', 'date: 2026-11-02\n    start: "11:00"')
        write_agenda(text + """  - id: reception
    title: Reception
    date: 2026-11-03
    start: "18:00"
    duration: 1h
    participants: [ana]
""")
        partial = publish(epoch=1_700_000_450)
        check(partial.returncode == 3, f"a publish with one resource refused exited {partial.returncode}, not 3: {partial.stderr}")
        check(partial.stdout.count("published ") == 1 and "update (time), SEQUENCE 2" in partial.stdout, f"the panel was not published beside the refusal: {partial.stdout}")
        check("409 Conflict" in partial.stderr and "already holds this session's UID in another resource" in partial.stderr, f"no 409 hint: {partial.stderr}")
        check("convene: 1 of 2 resources published; 1 waits to be published" in partial.stderr, f"the count after the refusal: {partial.stderr}")
        check(pending_programme() == ["reception"], f"after the partial publish the pending entries are {pending_programme()}, not the reception alone")
        status, _ = server.request("DELETE", collection + "squatter.ics")
        check(status in (200, 204), f"DELETE squatter.ics: {status}")
        after = publish(epoch=1_700_000_460)
        check(after.returncode == 0 and after.stdout.count("published ") == 1 and "new event, SEQUENCE 0" in after.stdout, f"the publish after the copy went: {after.returncode} {after.stdout}{after.stderr}")
        resources = read_collection(server, collection)
        expect_session(resources, "panel", instant((2026, 11, 2), (11, 0)), instant((2026, 11, 2), (12, 30)), 2)
        expect_session(resources, "reception", instant((2026, 11, 3), (18, 0)), instant((2026, 11, 3), (19, 0)), 0)

        # --delete-cancelled: the opening goes, and its resource with it.
        text = open(agenda, encoding="utf-8").read()
        write_agenda(re.sub(r"  - id: opening\n(    .*\n)+?(?=  - id:)", "", text))
        fifth = publish("--delete-cancelled", epoch=1_700_000_500)
        check(fifth.returncode == 0 and f"deleted {url}{urllib.parse.quote(uid('opening'), safe='')}.ics" in fifth.stdout, f"--delete-cancelled: {fifth.returncode} {fifth.stdout}{fifth.stderr}")
        resources = read_collection(server, collection)
        check(uid("opening") + ".ics" not in resources, "the opening's resource is still there after --delete-cancelled")
        check(len(resources) == 4, f"the calendar holds {len(resources)} resources after --delete-cancelled, not 4: {sorted(resources)}")

        # A server whose certificate the system does not trust is refused before anything is sent.
        if shutil.which("openssl"):
            check_untrusted_certificate(work, publish, agenda)
        else:
            print("check-caldav: note: openssl is not installed, so the untrusted certificate is not tried", file=sys.stderr)

        # The password is in no output, and not in the event store.
        check(all(PASSWORD not in output for output in outputs), "the password appears in convene's output")
        for name in os.listdir(work):
            if ".convene.db" in name:
                with open(os.path.join(work, name), "rb") as handle:
                    check(PASSWORD.encode() not in handle.read(), f"the password is in {name}")
    except Stop:
        pass
    except (TimeoutError, RuntimeError, subprocess.TimeoutExpired, OSError) as problem:
        failures.append(str(problem))
    finally:
        signal.alarm(0)
        if server:
            server.stop()
        shutil.rmtree(work, ignore_errors=True)
    for failure in failures:
        print("check-caldav: " + failure, file=sys.stderr)
    print(f"check-caldav: convene publish into Radicale on 127.0.0.1, read back with icalendar, in {time.time() - began:.1f} s; {len(failures)} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
