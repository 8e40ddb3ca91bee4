#!/usr/bin/env python3
"""convene send under SIGKILL, with the built binary and a sendmail stand-in.

An agenda of four sessions and ten people (example.org addresses) is sent round after round
through a stand-in sendmail program that keeps a record of each message it takes (the
Message-ID, the calendar's UID, SEQUENCE and METHOD, the recipient), sleeps a few random
milliseconds, and now and then refuses a message (exit 75), a repeat more often. Each
`convene send` is killed with SIGKILL, by its pid, at a random moment; between rounds the
agenda sometimes changes (a session moved, dropped or brought back, a person removed or
brought back), so that updates, cancellations, uninvites and invitations again are sent too.
This script is the child subreaper of the processes it starts, so a stand-in left running by
a killed send is waited for before anything is checked.

After every round, through `convene status --json` and `convene history --json`:

- no version is both pending and sent, or both sent and discarded;
- every message the stand-in took is a version of the store that is sent, or unconfirmed
  (handed over, its outcome not recorded), or was unconfirmed before a later version took its
  place; never one pending and not handed over, never one discarded; a cancellation or
  uninvite is a METHOD:CANCEL, an invitation or update a METHOD:REQUEST, to the right person;
- every version the store says is sent was taken by the stand-in at least once;
- a message taken twice is the repeat of an unconfirmed one, in a later send: the same
  Message-ID, UID and SEQUENCE; no Message-ID stands for two versions.

At the end, one send that is not killed (and refuses nothing) exits 0 and leaves every
person's entry sent and nothing pending; a second send has nothing to send; no message or
log file of the mail program is left beside the store.

Usage: check-send-crash.py CONVENE [ROUNDS] [SECONDS]: 40 rounds by default, stopping early
once the rounds have taken SECONDS (25). Prints 'send-crash: N rounds, M killed, K problems'
and exits 1 on any problem.
"""
import ctypes
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time

CONVENE = os.path.abspath(sys.argv[1])
ROUNDS = int(sys.argv[2]) if len(sys.argv) > 2 else 40
BUDGET = float(sys.argv[3]) if len(sys.argv) > 3 else 25.0
random.seed(1325)
problems = []

# The stand-in: one record per message it takes, written whole (a temporary file renamed).
STANDIN = r'''#!PYTHON -S
import email, hashlib, json, os, random, sys, time
here = os.path.dirname(os.path.abspath(__file__))
chance = random.Random(os.getpid() ^ time.time_ns())
data = sys.stdin.buffer.read()
arguments = sys.argv[1:]
time.sleep(chance.uniform(0.001, 0.012))
try:
    rate = float(open(os.path.join(here, "refuse-rate")).read())
except (OSError, ValueError):
    rate = 0.0
message = email.message_from_bytes(data)
calendars = [part.get_payload(decode=True).decode("utf-8") for part in message.walk()
             if part.get_content_type() in ("text/calendar", "application/ics")]
record = {"round": int(os.environ.get("CHECK_ROUND", "-1")), "arguments": arguments,
          "to": arguments[-1] if arguments else "", "message_id": message.get("Message-ID", ""),
          "header_to": message.get("To", ""), "calendars": len(calendars), "same_calendars": len(set(calendars)) == 1}
if calendars:
    lines = calendars[0].replace("\r\n ", "").split("\r\n")
    def value(name):
        return [line.split(":", 1)[1] for line in lines if line.split(":", 1)[0].split(";")[0] == name]
    record.update(uid=(value("UID") or [""])[0], sequence=int((value("SEQUENCE") or ["-1"])[0]),
                  method=(value("METHOD") or [""])[0], attendees=[a.lower() for a in value("ATTENDEE")])
# A message taken before (a repeat) is refused more often: what became of it must survive that.
seen = os.path.join(here, "seen", hashlib.sha1(record["message_id"].encode()).hexdigest())
refused = chance.random() < (max(rate, 0.5) if rate and os.path.exists(seen) else rate)
record["refused"] = refused
name = "%d-%d-%d" % (record["round"], os.getpid(), time.time_ns())
folder = os.path.join(here, "refused" if refused else "received")
with open(os.path.join(folder, "." + name + ".tmp"), "w") as handle:
    json.dump(record, handle)
os.rename(os.path.join(folder, "." + name + ".tmp"), os.path.join(folder, name + ".json"))
if not refused:
    open(seen, "w").close()
time.sleep(chance.uniform(0.0, 0.006))
if refused:
    sys.stderr.write("stand-in: %s: try again later\n" % record["to"])
    sys.exit(75)
'''


def problem(text):
    problems.append(text)


def subreaper():
    """Become the child subreaper: a stand-in whose convene was killed is then our child."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(36, 1, 0, 0, 0) == 0  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        return False


def reap(label):
    """Waits for every process left over from the last send (stand-ins it had started), for
    up to 30 s."""
    deadline = time.monotonic() + 30
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            if time.monotonic() > deadline:
                problem(f"{label}: a stand-in still runs 30 s after its send ended")
                return
            time.sleep(0.005)


PEOPLE = [f"p{i}" for i in range(10)]
NAMES = {"p2": "Claire Martin", "p5": "Оксана Бойко", "p7": "Habiba Sarabi"}


def agenda(state):
    """Four sessions (some dropped), ten people (some removed); each session takes a share."""
    people = [p for p in PEOPLE if p not in state["removed"]]
    lines = ["convene: 1", "id: send-crash", "title: Send crash test", "timezone: Europe/Kyiv",
             "organizer: { name: Dialogue Secretariat, email: secretariat@example.org }", "people:"]
    for p in people:
        extra = ", languages: [fr]" if p == "p2" else ", attendance: online, timezone: Asia/Kabul" if p == "p7" else ""
        lines.append(f"  - {{ id: {p}, name: \"{NAMES.get(p, 'Person ' + p)}\", email: {p}@example.org{extra} }}")
    lines.append("sessions:")
    for s in range(4):
        if s in state["dropped"]:
            continue
        members = [p for i, p in enumerate(PEOPLE) if (i + s) % 4 != 0 and p not in state["removed"]]
        lines.append(f"  - {{ id: s{s}, title: Session {s}, date: 2026-12-{8 + s // 2:02d}, start: \"{state['hours'][s]:02d}:00\", "
                     f"duration: 1h, participants: [{', '.join(members)}] }}")
    return "\n".join(lines) + "\n"


def change(state):
    """One change to the agenda: a session moved, dropped or back, a person removed or back."""
    choices = ["move", "move"]
    if len(state["removed"]) < 3:
        choices.append("remove")
    if state["removed"]:
        choices.append("restore")
    if len(state["dropped"]) < 2:
        choices.append("drop")
    if state["dropped"]:
        choices.append("bring back")
    what = random.choice(choices)
    if what == "move":
        session = random.randrange(4)
        state["hours"][session] = random.choice([h for h in range(8, 17) if h != state["hours"][session]])
        return f"moved s{session} to {state['hours'][session]}:00"
    if what == "remove":
        person = random.choice([p for p in PEOPLE if p not in state["removed"]])
        state["removed"].add(person)
        return f"removed {person}"
    if what == "restore":
        person = random.choice(sorted(state["removed"]))
        state["removed"].discard(person)
        return f"brought back {person}"
    if what == "drop":
        session = random.choice([s for s in range(4) if s not in state["dropped"]])
        state["dropped"].add(session)
        return f"dropped s{session}"
    session = random.choice(sorted(state["dropped"]))
    state["dropped"].discard(session)
    return f"brought back s{session}"


def records(folder):
    found = []
    for name in sorted(os.listdir(folder)):
        if name.endswith(".json"):
            with open(os.path.join(folder, name)) as handle:
                found.append(json.load(handle))
    return found


class Check:
    """What the store said at each check, and what the stand-in took, compared."""

    def __init__(self, folder, db):
        self.folder, self.db = folder, db
        self.ever_unconfirmed = set()
        self.unconfirmed_seen = 0

    def convene(self, *arguments):
        run = subprocess.run([CONVENE, *arguments, "a.yaml", "--state", self.db], cwd=self.folder,
                             capture_output=True, text=True, timeout=120)
        if run.returncode != 0:
            problem(f"convene {' '.join(arguments)} exited {run.returncode}: {run.stderr.strip()[-300:]}")
            return None
        return json.loads(run.stdout)

    def __call__(self, label):
        status, history = self.convene("status", "--json"), self.convene("history", "--json")
        if status is None or history is None:
            return 0
        versions = {}
        for v in history["versions"]:
            if v["person"] is None:
                continue
            key = (v["person"], v["uid"], v["sequence"])
            if key in versions:
                problem(f"{label}: two versions {key}")
            versions[key] = v
            if v["sent_at"] and v["discarded_at"]:
                problem(f"{label}: {key} is both sent and discarded")
        latest, unconfirmed, pending = set(), set(), 0
        for entry in status["entries"]:
            if entry["person"] is None:
                continue
            sent, waits = entry["last_sent"], entry["pending"]
            latest.add((entry["person"], entry["uid"], entry["sequence"]))
            if waits:
                pending += 1
                key = (entry["person"], entry["uid"], waits["sequence"])
                if waits["sequence"] != entry["sequence"]:
                    problem(f"{label}: {key} pending is not the latest version (SEQUENCE {entry['sequence']})")
                if sent and sent["sequence"] >= waits["sequence"]:
                    problem(f"{label}: {key} is pending and sent (last sent SEQUENCE {sent['sequence']})")
                if key in versions and versions[key]["sent_at"]:
                    problem(f"{label}: {key} is pending in status and sent in history")
                if waits["unconfirmed"]:
                    unconfirmed.add(key)
            if sent:
                key = (entry["person"], entry["uid"], sent["sequence"])
                if not (key in versions and versions[key]["sent_at"]):
                    problem(f"{label}: {key} last sent in status, not sent in history")
        self.unconfirmed_seen += len(unconfirmed - self.ever_unconfirmed)
        self.ever_unconfirmed |= unconfirmed

        taken = records(os.path.join(self.folder, "received"))
        copies, by_message_id = {}, {}
        for message in taken:
            to = message["to"]
            person = to.split("@")[0] if to.endswith("@example.org") else None
            key = (person, message.get("uid"), message.get("sequence"))
            where = f"{label}: the message of round {message['round']} to {to} (UID {key[1]}, SEQUENCE {key[2]})"
            if message["header_to"].split("<")[-1].rstrip(">").lower() != to.lower() or to.lower() not in [
                    a.split(":", 1)[-1] for a in message.get("attendees", [])]:
                problem(f"{where}: To {message['header_to']!r}, attendees {message.get('attendees')}")
            if message["arguments"][:3] != ["-oi", "-f", "secretariat@example.org"] or message["arguments"][3:4] != ["--"]:
                problem(f"{where}: run as {message['arguments']}")
            if message["calendars"] != 2 or not message["same_calendars"]:
                problem(f"{where}: {message['calendars']} calendar parts, the same: {message['same_calendars']}")
            version = versions.get(key)
            if version is None:
                problem(f"{where}: the store has no such version")
                continue
            cancels = version["kind"] in ("cancellation", "uninvite")
            if message.get("method") != ("CANCEL" if cancels else "REQUEST"):
                problem(f"{where}: METHOD {message.get('method')} for a version of kind {version['kind']}")
            if version["discarded_at"]:
                problem(f"{where}: the store says it was discarded")
            elif version["sent_at"] or key in unconfirmed:
                pass
            elif key in self.ever_unconfirmed and key not in latest:
                pass  # unconfirmed, then replaced by a later version before it was repeated
            else:
                problem(f"{where}: the store says it waits to be sent and was never handed over")
            copies.setdefault(key, []).append(message)
            by_message_id.setdefault(message["message_id"], set()).add(key)
        for message_id, keys in by_message_id.items():
            if len(keys) > 1 or not message_id:
                problem(f"{label}: Message-ID {message_id!r} stands for {sorted(keys)}")
        for key, messages in copies.items():
            if len({m["message_id"] for m in messages}) > 1:
                problem(f"{label}: {key} was taken with different Message-IDs: {sorted({m['message_id'] for m in messages})}")
            if len(messages) > 1:
                if key not in self.ever_unconfirmed:
                    problem(f"{label}: {key} was taken {len(messages)} times and was never unconfirmed")
                rounds = [m["round"] for m in messages]
                if len(set(rounds)) != len(rounds):
                    problem(f"{label}: {key} was taken twice by one send (rounds {rounds})")
        for key, version in versions.items():
            if version["sent_at"] and not version["imported"] and key not in copies:
                problem(f"{label}: {key} is sent in the store and the stand-in never took it")
        return pending


def send(folder, db, standin, round_):
    env = dict(os.environ, CHECK_ROUND=str(round_))
    env.pop("SOURCE_DATE_EPOCH", None)
    return subprocess.Popen([CONVENE, "send", "a.yaml", "--sendmail-command", standin, "--state", db], cwd=folder, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def main():
    if not subreaper():
        print("send-crash: cannot become the child subreaper (Linux prctl), so stand-ins outliving a kill cannot be waited for")
        return 1
    with tempfile.TemporaryDirectory() as work:
        folder = os.path.join(work, "event")
        os.makedirs(os.path.join(folder, "received"))
        os.makedirs(os.path.join(folder, "refused"))
        os.makedirs(os.path.join(folder, "seen"))
        standin = os.path.join(folder, "sendmail-standin")
        with open(standin, "w") as handle:
            handle.write(STANDIN.replace("PYTHON", sys.executable))
        os.chmod(standin, 0o755)
        db = os.path.join(folder, "send-crash.convene.db")
        state = {"hours": [9, 11, 13, 15], "removed": set(), "dropped": set()}

        # How long a send takes here: with nothing to send, and with every first invitation.
        timing = os.path.join(work, "timing")
        os.makedirs(os.path.join(timing, "received"))
        os.makedirs(os.path.join(timing, "refused"))
        os.makedirs(os.path.join(timing, "seen"))
        with open(os.path.join(timing, "a.yaml"), "w") as handle:
            handle.write(agenda(state))
        os.symlink(standin, os.path.join(timing, "sendmail-standin"))
        timing_db = os.path.join(timing, "timing.convene.db")
        runs = []
        for _ in range(2):
            started = time.monotonic()
            run = send(timing, timing_db, os.path.join(timing, "sendmail-standin"), -1)
            out, err = run.communicate(timeout=300)
            runs.append(time.monotonic() - started)
            if run.returncode != 0:
                problem(f"the timing send exited {run.returncode}: {err.strip()[-300:]}")
        full, idle = runs
        per_message = max(0.005, (full - idle) / max(1, len(records(os.path.join(timing, "received")))))

        check = Check(folder, db)
        killed = rounds = 0
        pending = None
        began = time.monotonic()
        changes = []
        for round_ in range(ROUNDS):
            if time.monotonic() - began > BUDGET:
                break
            rounds += 1
            # A change now and then, and whenever nothing is left to send.
            if round_ > 0 and (pending == 0 or random.random() < 0.3):
                changes.append(change(state))
                expected = 12
            else:
                expected = pending if pending is not None else 28
            with open(os.path.join(folder, "a.yaml"), "w") as handle:
                handle.write(agenda(state))
            with open(os.path.join(folder, "refuse-rate"), "w") as handle:
                handle.write("0.08")
            process = send(folder, db, standin, round_)
            time.sleep(random.uniform(0.3 * idle, idle + max(1, expected) * per_message))
            if process.poll() is None:
                os.kill(process.pid, signal.SIGKILL)
            out, err = process.communicate(timeout=300)
            reap(f"round {round_}")
            # A send that ended just before the signal counts as one that was not killed.
            was_killed = process.returncode == -signal.SIGKILL
            killed += was_killed
            if not was_killed:
                refused = sum(1 for r in records(os.path.join(folder, "refused")) if r["round"] == round_)
                if process.returncode != (3 if refused else 0):
                    problem(f"round {round_}: a send that was not killed exited {process.returncode} ({refused} refused): {err.strip()[-300:]}")
                taken = sum(1 for r in records(os.path.join(folder, "received")) if r["round"] == round_)
                if out.count("sent to ") != taken:
                    problem(f"round {round_}: the send printed {out.count('sent to ')} 'sent to' lines for {taken} messages taken")
            pending = check(f"round {round_}")

        # The end: nothing refused, nothing killed; everything sent, then nothing to send.
        with open(os.path.join(folder, "refuse-rate"), "w") as handle:
            handle.write("0")
        last = send(folder, db, standin, ROUNDS)
        out, err = last.communicate(timeout=300)
        reap("the last send")
        if last.returncode != 0:
            problem(f"the last send exited {last.returncode}: {err.strip()[-300:]}")
        pending = check("after the last send")
        if pending:
            problem(f"after the last send {pending} entries still wait to be sent")
        again = send(folder, db, standin, ROUNDS + 1)
        out, err = again.communicate(timeout=300)
        reap("the send after it")
        if again.returncode != 0 or out or "nothing to send" not in err:
            problem(f"a send after everything was sent: exit {again.returncode}, {out.strip()[-200:]} {err.strip()[-200:]}")
        left = [name for name in os.listdir(folder) if name.startswith((".convene-message-", ".convene-sendmail-"))]
        if left:
            problem(f"{len(left)} files of the mail program are left beside the store: {sorted(left)[:3]}")
        taken = records(os.path.join(folder, "received"))
        repeats = len(taken) - len({(m["to"], m.get("uid"), m.get("sequence")) for m in taken})
        print(f"send-crash: a whole send of {len(records(os.path.join(timing, 'received')))} messages took {full:.2f} s "
              f"({idle:.2f} s with nothing to send); {len(changes)} changes to the agenda; {len(taken)} messages taken, "
              f"{repeats} of them repeats; {len(records(os.path.join(folder, 'refused')))} refused; "
              f"{check.unconfirmed_seen} versions seen unconfirmed")
    for text in problems[:40]:
        print("send-crash: problem: " + text)
    if len(problems) > 40:
        print(f"send-crash: ... and {len(problems) - 40} more problems")
    print(f"send-crash: {rounds} rounds, {killed} killed, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
