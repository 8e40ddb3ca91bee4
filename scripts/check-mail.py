#!/usr/bin/env python3
"""convene send through a real mail transfer agent: a Postfix instance of its own on
127.0.0.1 (its own configuration, queue and port, delivering every address of example.org
into one Maildir), started here and stopped by its own master process id.

- `convene send --sendmail-command "sendmail -C CONF"` hands the side event's invitations to
  Postfix's own sendmail; each delivered message is read back from the Maildir with Python's
  email package: its headers (From the organiser, To the person, the subject in the person's
  language), its MIME structure (multipart/mixed: multipart/alternative of text/plain and
  text/calendar with method=REQUEST, then the .ics attached), the calendar parsed by icalendar
  at the instants the agenda gives, and imported into khal, which lists it at the person's
  local time;
- a second send sends nothing;
- replies made with Python icalendar (an acceptance, a declination) are sent by SMTP to the
  same Postfix, delivered into the Maildir, and read from there by `convene replies`;
  `convene status` then shows who is coming;
- with Postfix stopped, a send through msmtp (SMTP to its port) fails for every message and
  leaves each pending; started again, the same send delivers them.

Usage: check-mail.py CONVENE. Needs postfix, msmtp, icalendar and khal (make test installs them).
"""
import email
import email.policy
import mailbox
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from zoneinfo import ZoneInfo

CONVENE = os.path.abspath(sys.argv[1])
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def postfix(conf, *arguments):
    return subprocess.run(["postfix", "-c", conf, *arguments], capture_output=True, text=True, timeout=60)


def make_instance(root, port):
    conf, queue, data, mail = (os.path.join(root, name) for name in ("etc", "spool", "data", "mail"))
    for folder in (conf, data, mail):
        os.makedirs(folder)
    os.makedirs(queue)
    nobody = 65534
    os.chown(mail, nobody, nobody)
    import pwd
    owner = pwd.getpwnam("postfix")
    os.chown(data, owner.pw_uid, owner.pw_gid)
    # Postfix's processes run as postfix and nobody: they must reach their folders.
    for folder in (os.path.dirname(root), root):
        os.chmod(folder, 0o755)
    with open("/etc/postfix/master.cf", encoding="utf-8") as handle:
        master = handle.read()
    # The SMTP server on its own port on loopback, not port 25.
    master = master.replace("\nsmtp      inet", f"\n127.0.0.1:{port}      inet", 1)
    with open(os.path.join(conf, "master.cf"), "w", encoding="utf-8") as handle:
        handle.write(master)
    with open(os.path.join(conf, "main.cf"), "w", encoding="utf-8") as handle:
        handle.write(f"""compatibility_level = 3.6
meta_directory = /etc/postfix
queue_directory = {queue}
data_directory = {data}
myhostname = convene-check.localhost
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
relayhost =
smtpd_relay_restrictions = permit_mynetworks, reject
virtual_mailbox_domains = example.org
virtual_mailbox_base = {mail}
virtual_mailbox_maps = static:inbox/
virtual_uid_maps = static:{nobody}
virtual_gid_maps = static:{nobody}
virtual_minimum_uid = 1
maillog_file_prefixes = {data}
maillog_file = {data}/postfix.log
""")
    # The queue's folders, owned and protected as Postfix wants them.
    subprocess.run(["postfix", "-c", conf, "post-install", "create-missing"], capture_output=True, timeout=60)
    return conf, os.path.join(mail, "inbox")


def master_pid(root):
    try:
        with open(os.path.join(root, "spool", "pid", "master.pid"), encoding="ascii") as handle:
            return int(handle.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def delivered(inbox, count, seconds=60):
    """The messages in the Maildir once it holds `count` of them (or when time is up)."""
    deadline = time.time() + seconds
    while True:
        messages = []
        if os.path.isdir(os.path.join(inbox, "new")):
            box = mailbox.Maildir(inbox, create=False)
            messages = [email.message_from_bytes(box.get_bytes(key), policy=email.policy.default) for key in box.keys()]
        if len(messages) >= count or time.time() > deadline:
            return messages
        time.sleep(0.3)


AGENDA = """convene: 1
id: mail-check
title: Listening across borders
kind: workshop
timezone: Europe/Amsterdam
languages: [en]
organizer: { name: Convene Check Organisers, email: events@example.org }
people:
  - { id: ana, name: Ana Example, email: ana@example.org, gender: woman }
  - { id: claire, name: Claire Martin, email: claire@example.org, languages: [fr], gender: woman }
  - { id: habiba, name: Habiba Sarabi, names: { arab: حبیبه سرابی }, email: habiba@example.org, languages: [fa-AF],
      timezone: Asia/Kabul, attendance: online, gender: woman }
sessions:
  - id: day1
    title: Day one
    date: 2026-12-08
    start: "10:00"
    participants: [ana, claire, habiba]
    segments:
      - { title: Opening, kind: opening, duration: 15m, speakers: [habiba] }
      - { title: Exercise, kind: breakout, duration: 45m, speakers: [claire] }
"""
SUBJECTS = {
    "ana@example.org": "Invitation: Day one — Listening across borders",
    "claire@example.org": "Invitation\u00a0: Day one — Listening across borders",
    "habiba@example.org": "دعوت‌نامه: Day one — Listening across borders",
}
ZONES = {"ana@example.org": "Europe/Amsterdam", "claire@example.org": "Europe/Amsterdam", "habiba@example.org": "Asia/Kabul"}


def khal_lists(calendar_text, zone, work):
    """What khal, set to `zone`, lists of the calendar once imported."""
    folder = tempfile.mkdtemp(dir=work)
    os.makedirs(os.path.join(folder, "cal"))
    with open(os.path.join(folder, "config"), "w", encoding="utf-8") as handle:
        handle.write(f"""[calendars]
[[convene]]
path = {folder}/cal
type = calendar
[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
local_timezone = {zone}
default_timezone = {zone}
[sqlite]
path = {folder}/khal.db
""")
    ics = os.path.join(folder, "invite.ics")
    with open(ics, "w", encoding="utf-8") as handle:
        handle.write(calendar_text)
    config = os.path.join(folder, "config")
    subprocess.run(["khal", "-c", config, "import", "--batch", "-a", "convene", ics], check=True, capture_output=True, timeout=60)
    listed = subprocess.run(["khal", "-c", config, "list", "--format", "{start} {end} {title}", "2026-12-08", "2026-12-09"],
                            check=True, capture_output=True, text=True, timeout=60).stdout
    return [line.strip() for line in listed.splitlines()[1:] if line.strip()]


def check_message(message, work):
    from icalendar import Calendar
    to = message["To"].addresses[0].addr_spec
    check(message["From"].addresses[0].addr_spec == "events@example.org", f"{to}: From is {message['From']}")
    check(str(message["Subject"]) == SUBJECTS.get(to), f"{to}: the subject is '{message['Subject']}'")
    check(message["Content-Class"] == "urn:content-classes:calendarmessage", f"{to}: no Content-Class")
    check(message["Message-ID"] is not None and message["Date"] is not None, f"{to}: no Message-ID or Date")
    shape = [(part.get_content_type(), part.get_param("method"), part.get_filename()) for part in message.walk()]
    check(shape == [("multipart/mixed", None, None), ("multipart/alternative", None, None), ("text/plain", None, None),
                    ("text/calendar", "REQUEST", None), ("application/ics", None, "invite.ics")], f"{to}: the MIME structure is {shape}")
    parts = {part.get_content_type(): part.get_content() for part in message.walk() if not part.is_multipart()}
    text = parts.get("text/plain", "")
    if to == "habiba@example.org":
        check("وقت شما (Asia/Kabul)" in text and "۱۳:۳۰ تا ۱۴:۳۰" in text, f"{to}: the text is not her time in Dari: {text[:200]}")
    calendar_text = parts.get("text/calendar", "")
    attached = parts.get("application/ics", b"")
    check((attached.decode("utf-8") if isinstance(attached, bytes) else attached) == calendar_text, f"{to}: the attachment differs from the calendar")
    calendar = Calendar.from_ical(calendar_text)
    events = list(calendar.walk("VEVENT"))
    check(str(calendar.get("METHOD")) == "REQUEST" and len(events) == 1, f"{to}: not one REQUEST event")
    if events:
        event = events[0]
        start = event.decoded("DTSTART")
        expected = datetime(2026, 12, 8, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
        check(start == expected, f"{to}: icalendar reads DTSTART {start}, not {expected}")
        check(str(event["UID"]) == "day1@mail-check.convene" and int(event["SEQUENCE"]) == 0, f"{to}: UID {event['UID']} SEQUENCE {event.get('SEQUENCE')}")
        attendees = [str(value) for value in (event.get("ATTENDEE") if isinstance(event.get("ATTENDEE"), list) else [event.get("ATTENDEE")])]
        check(f"mailto:{to}" in attendees, f"{to}: is not an ATTENDEE of their own invitation: {attendees}")
    zone = ZONES[to]
    local = datetime(2026, 12, 8, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam")).astimezone(ZoneInfo(zone))
    end = local.replace(hour=local.hour + 1)
    listed = khal_lists(calendar_text, zone, work)
    wanted = f"{local:%Y-%m-%d %H:%M} {end:%Y-%m-%d %H:%M} Day one — Listening across borders"
    check(listed == [wanted], f"{to}: khal in {zone} lists {listed}, not {wanted}")


def send_reply(port, address, name, status):
    """A REPLY as Python icalendar writes one, sent by SMTP from the attendee to the organiser."""
    import smtplib
    from email.message import EmailMessage
    from icalendar import Calendar, Event, vCalAddress
    calendar = Calendar()
    calendar.add("prodid", "-//Python icalendar//check-mail//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "REPLY")
    event = Event()
    event.add("uid", "day1@mail-check.convene")
    event.add("sequence", 0)
    event.add("dtstamp", datetime(2026, 12, 2, 9, 0, tzinfo=ZoneInfo("UTC")))
    event.add("dtstart", datetime(2026, 12, 8, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam")))
    attendee = vCalAddress(f"mailto:{address}")
    attendee.params["cn"] = name
    attendee.params["partstat"] = status
    event.add("attendee", attendee, encode=0)
    event.add("organizer", "mailto:events@example.org")
    calendar.add_component(event)
    message = EmailMessage()
    message["From"] = f"{name} <{address}>"
    message["To"] = "events@example.org"
    message["Subject"] = f"{status.title()}: Day one"
    message.set_content(f"{name} has answered {status.lower()}.")
    message.add_attachment(calendar.to_ical(), maintype="text", subtype="calendar", params={"method": "REPLY"}, filename="reply.ics")
    with smtplib.SMTP("127.0.0.1", port, timeout=30) as smtp:
        smtp.send_message(message)


def main():
    for program in ("postfix", "msmtp", "khal"):
        if shutil.which(program) is None:
            print(f"check-mail: {program} is needed (make test installs it)", file=sys.stderr)
            return 1
    work = tempfile.mkdtemp(prefix="convene-mail-")
    root = os.path.join(work, "postfix")
    port = free_port()
    conf, inbox = make_instance(root, port)
    agenda = os.path.join(work, "a.yaml")
    with open(agenda, "w", encoding="utf-8") as handle:
        handle.write(AGENDA)
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    started = False
    try:
        made = postfix(conf, "start")
        started = made.returncode == 0
        check(started, f"postfix did not start: {made.stderr.strip()}")
        if not started:
            return report()
        send = subprocess.run([CONVENE, "send", agenda, "--sendmail-command", f"/usr/sbin/sendmail -C {conf}"],
                              capture_output=True, text=True, env=env, timeout=300)
        check(send.returncode == 0, f"send through Postfix's sendmail exited {send.returncode}: {send.stderr}")
        messages = delivered(inbox, 3)
        check(len(messages) == 3, f"Postfix delivered {len(messages)} messages, not 3")
        for message in messages:
            check_message(message, work)
        again = subprocess.run([CONVENE, "send", agenda, "--sendmail-command", f"/usr/sbin/sendmail -C {conf}"],
                               capture_output=True, text=True, env=env, timeout=300)
        check(again.returncode == 0 and again.stdout == "" and "nothing to send" in again.stderr, f"a second send sent something: {again.stdout}{again.stderr}")

        # Replies, made by another library, delivered by the MTA, read from the Maildir.
        send_reply(port, "ana@example.org", "Ana Example", "ACCEPTED")
        send_reply(port, "claire@example.org", "Claire Martin", "DECLINED")
        check(len(delivered(inbox, 5)) == 5, "the two replies were not delivered")
        replies = subprocess.run([CONVENE, "replies", agenda, inbox], capture_output=True, text=True, env=env, timeout=120)
        check(replies.returncode == 0, f"replies exited {replies.returncode}: {replies.stderr}")
        check("accepted          ana, session day1, SEQUENCE 0" in replies.stdout and "declined          claire, session day1, SEQUENCE 0" in replies.stdout,
              f"the replies read from the Maildir: {replies.stdout}{replies.stderr}")
        status = subprocess.run([CONVENE, "status", agenda], capture_output=True, text=True, timeout=60).stdout
        check("ana      day1     accepted" in status and "claire   day1     declined" in status, f"status does not show the answers: {status}")

        # Stopped, the MTA refuses every message: each stays pending, and goes once it is back.
        with open(agenda, "w", encoding="utf-8") as handle:
            handle.write(AGENDA.replace('start: "10:00"', 'start: "11:00"'))
        postfix(conf, "stop")
        msmtp = f"msmtp --host=127.0.0.1 --port={port} --auth=off --tls=off"
        refused = subprocess.run([CONVENE, "send", agenda, "--sendmail-command", msmtp], capture_output=True, text=True, env=env, timeout=300)
        check(refused.returncode == 3, f"a send to a stopped MTA exited {refused.returncode}, not 3: {refused.stderr}")
        check(refused.stderr.count("it waits to be sent") == 3, f"not every message was reported pending: {refused.stderr}")
        status = subprocess.run([CONVENE, "status", agenda], capture_output=True, text=True, timeout=60).stdout
        check(status.count("update (time)") == 3, f"status does not show the three updates pending: {status}")
        made = postfix(conf, "start")
        check(made.returncode == 0, f"postfix did not start again: {made.stderr.strip()}")
        resent = subprocess.run([CONVENE, "send", agenda, "--sendmail-command", msmtp], capture_output=True, text=True, env=env, timeout=300)
        check(resent.returncode == 0 and resent.stdout.count("sent to ") == 3, f"the send after the restart: {resent.returncode} {resent.stdout}{resent.stderr}")
        updates = [message for message in delivered(inbox, 8) if str(message["Subject"]).startswith(("Updated", "Invitation mise", "دعوت‌نامهٔ"))]
        check(len(updates) == 3, f"{len(updates)} updates arrived, not 3")
    finally:
        pid = master_pid(root)
        if started:
            postfix(conf, "stop")
        if pid:
            try:
                os.kill(pid, 9)
            except ProcessLookupError:
                pass
        shutil.rmtree(work, ignore_errors=True)
    return report()


def report():
    for failure in failures:
        print("check-mail: " + failure, file=sys.stderr)
    print(f"check-mail: Postfix on 127.0.0.1 delivered convene send's messages; {len(failures)} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
