#!/usr/bin/env python3
"""The replies benchmark: a forum of 1,000 sessions with 25 participants each among 3,000
people, and 10,000 reply e-mails in a Maildir (Outlook's shape: text/plain, text/html and a
base64 text/calendar; method=REPLY part; accepted, tentative or declined, a tenth of them
answering twice), read by `convene replies` into a new event store, and read again (every
answer already stored). Prints the seconds and peak memory of each run.

Usage: bench-replies.py CONVENE OUT-FOLDER [REPLIES]
"""
import base64
import os
import random
import shutil
import subprocess
import sys
import time

CONVENE = os.path.abspath(sys.argv[1])
OUT = os.path.join(sys.argv[2], "replies")
COUNT = int(sys.argv[3]) if len(sys.argv) > 3 else 10_000
SESSIONS, PER_SESSION, PEOPLE = 1000, 25, 3000


def agenda():
    random.seed(1325)
    lines = ["convene: 1", "id: forum-replies", "title: Forum", "kind: meeting", "timezone: Europe/Amsterdam",
             "organizer: { name: Forum Team, email: team@example.org }", "people:"]
    for n in range(PEOPLE):
        lines.append(f"  - {{ id: p{n}, name: Person {n}, email: p{n}@example.org, gender: {'woman' if n % 2 else 'man'} }}")
    lines.append("sessions:")
    participants = []
    for s in range(SESSIONS):
        chosen = random.sample(range(PEOPLE), PER_SESSION)
        participants.append(chosen)
        day, slot = divmod(s, 20)
        hour, minute = 8 + slot // 2, 30 * (slot % 2)
        people = ", ".join(f"p{n}" for n in chosen)
        lines.append(f"  - {{ id: s{s}, title: Session {s}, date: 2027-03-{1 + day % 28:02d}, start: \"{hour:02d}:{minute:02d}\", duration: 30m, participants: [{people}] }}")
    return "\n".join(lines) + "\n", participants


def reply(person, session, status, sequence, stamp):
    calendar = "\r\n".join([
        "BEGIN:VCALENDAR", "METHOD:REPLY", "PRODID:Microsoft Exchange Server 2010", "VERSION:2.0", "BEGIN:VEVENT",
        f"ATTENDEE;PARTSTAT={status};CN=Person {person}:mailto:p{person}@example.org",
        f"UID:s{session}@forum-replies.convene", f"SEQUENCE:{sequence}", f"DTSTAMP:{stamp}",
        f"SUMMARY;LANGUAGE=en-US:{status.title()}: Session {session}", "END:VEVENT", "END:VCALENDAR", ""])
    encoded = base64.b64encode(calendar.encode()).decode()
    body = "\r\n".join(encoded[i:i + 76] for i in range(0, len(encoded), 76))
    return "\r\n".join([
        f"From: Person {person} <p{person}@example.org>", "To: Forum Team <team@example.org>",
        f"Subject: {status.title()}: Session {session}", f"Message-ID: <{person}.{session}.{stamp}@example.org>",
        "MIME-Version: 1.0", 'Content-Type: multipart/alternative; boundary="b"', "",
        "--b", 'Content-Type: text/plain; charset="utf-8"', "", "", "--b", 'Content-Type: text/html; charset="utf-8"', "", "<p></p>",
        "--b", 'Content-Type: text/calendar; charset="utf-8"; method=REPLY', "Content-Transfer-Encoding: base64", "", body, "--b--", ""])


def timed(arguments):
    started = time.time()
    run = subprocess.run(["/usr/bin/time", "-f", "%M", CONVENE] + arguments, capture_output=True, text=True)
    seconds = time.time() - started
    peak = int(run.stderr.strip().splitlines()[-1]) if run.stderr.strip() else 0
    return run, seconds, peak


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    maildir = os.path.join(OUT, "Maildir")
    for box in ("new", "cur", "tmp"):
        os.makedirs(os.path.join(maildir, box))
    text, participants = agenda()
    path = os.path.join(OUT, "forum.yaml")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    statuses = ["ACCEPTED", "TENTATIVE", "DECLINED"]
    for n in range(COUNT):
        session = n % SESSIONS
        person = participants[session][(n // SESSIONS) % PER_SESSION]
        status = statuses[n % 3]
        with open(os.path.join(maildir, "new", f"{1764600000 + n}.M{n}P1.bench"), "w", encoding="utf-8", newline="") as handle:
            handle.write(reply(person, session, status, 0, f"20270201T{(n // 3600) % 24:02d}{(n // 60) % 60:02d}{n % 60:02d}Z"))
    store = os.path.join(OUT, "forum.convene.db")
    first, seconds, peak = timed(["replies", path, maildir, "--state", store])
    if first.returncode != 0:
        print(first.stderr[-2000:], file=sys.stderr)
        return 1
    again, again_seconds, again_peak = timed(["replies", path, maildir, "--state", store])
    summary = first.stderr.strip().splitlines()[-2] if len(first.stderr.strip().splitlines()) > 1 else first.stderr.strip()
    print(f"replies: {COUNT} reply e-mails in a Maildir, a forum of {SESSIONS} sessions x {PER_SESSION} among {PEOPLE} people")
    print(f"  first read   {seconds:6.2f} s, peak {peak / 1024:6.1f} MB  ({summary.removeprefix('convene: ')})")
    print(f"  read again   {again_seconds:6.2f} s, peak {again_peak / 1024:6.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
