#!/usr/bin/env python3
"""The event store under crashes and company, with the built binary.

1. `convene ics` killed with SIGKILL at random moments, many times, over agendas that move a
   session, drop a person and drop a session: after every kill the store passes SQLite's
   integrity check, no two versions of an entry share a SEQUENCE, every entry's SEQUENCEs go
   0, 1, 2, ... with no gap, and no cancellation or uninvite that was pending is lost; after
   every fourth kill, the next run exits 0 and leaves one whole set of files, each one the
   manifest names with its fingerprint, and no staging folder or temporary file.
2. 20 rounds of two `convene build`s at once on one event into two folders: each exits 0 (or 3
   with the documented busy message), and the two folders hold the same calendars.

Usage: check-store.py CONVENE [KILLS] [ROUNDS]. Prints 'store: N passed, N failed'.
"""
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

CONVENE = os.path.abspath(sys.argv[1])
KILLS = int(sys.argv[2]) if len(sys.argv) > 2 else 40
ROUNDS = int(sys.argv[3]) if len(sys.argv) > 3 else 20
random.seed(1325)
passed = failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {name}: {detail}")


def agenda(variant):
    """Twelve sessions for twelve people; variant 1 moves a session, 2 drops a person, 3 drops a session."""
    people = [f"p{i}" for i in range(12) if not (variant == 2 and i == 4)]
    lines = ["convene: 1", "id: crash-test", "title: Crash test", "timezone: Europe/Kyiv",
             "organizer: { name: Org, email: org@example.org }", "people:"]
    lines += [f"  - {{ id: {p}, name: Person {p}, email: {p}@example.org }}" for p in people]
    lines.append("sessions:")
    for s in range(12):
        if variant == 3 and s == 7:
            continue
        hour = 11 if variant == 1 and s == 2 else 10
        lines.append(f'  - {{ id: s{s}, title: Session {s}, date: 2026-12-{8 + s // 4:02d}, start: "{hour + 2 * (s % 4):02d}:00", duration: 1h }}')
    return "\n".join(lines) + "\n"


def invariants(db, pending_before):
    """Checks the store; returns the pending cancellations it holds now."""
    connection = sqlite3.connect(db, timeout=30)
    try:
        ok = connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        check("integrity", ok)
        rows = connection.execute("SELECT owner, uid, sequence, cancelled, sent_at, discarded_at FROM calendar_version "
                                  "WHERE legacy = 0 ORDER BY id").fetchall()
        latest = connection.execute("SELECT owner, uid, sequence FROM calendar_version WHERE id IN "
                                    "(SELECT MAX(id) FROM calendar_version GROUP BY owner, uid)").fetchall()
    finally:
        connection.close()
    sequences = {}
    for owner, uid, sequence, _, _, _ in rows:
        sequences.setdefault((owner, uid), []).append(sequence)
    gaps = [key for key, seqs in sequences.items() if seqs != list(range(len(seqs)))]
    check("sequences 0, 1, 2 ... and unique", not gaps, f"{gaps[:3]}")
    # Nobody marks anything sent here: a cancellation once pending stays in the store, unsent,
    # even when a later version (the session back again) supersedes it.
    unsent = {(o, u, s) for o, u, s, c, sent, gone in rows if c and sent is None and gone is None}
    lost = pending_before - unsent
    check("no pending cancellation lost", not lost, f"{sorted(lost)[:3]}")
    return unsent, {row for row in latest if row in unsent}


def fnv(data):
    value = 0xCBF29CE484222325
    for byte in data:
        value = ((value ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return f"fnv1a64:{value:x}"


def folder_after_kill(folder, db, env, step):
    """The run after a kill finishes or discards what the killed one left, and leaves one whole
    set: every file the manifest's, no staging folder, no temporary file."""
    run = subprocess.run([CONVENE, "ics", "a.yaml", "-o", "out", "--state", db], cwd=folder, env=env,
                         capture_output=True, text=True, timeout=120)
    check(f"step {step}: the run after a kill succeeds", run.returncode == 0, run.stderr[-300:])
    out = os.path.join(folder, "out")
    check(f"step {step}: no staging folder is left", not os.path.exists(os.path.join(out, ".convene-staging")))
    manifest = json.load(open(os.path.join(out, ".convene-manifest.json")))["files"]
    for root, _, names in os.walk(out):
        for name in names:
            path = os.path.relpath(os.path.join(root, name), out)
            if path in (".convene-manifest.json", ".convene-lock"):
                continue
            check(f"step {step}: {path} is not a temporary file", not name.endswith(".tmp"))
            check(f"step {step}: {path} is the manifest's", manifest.get(path) == fnv(open(os.path.join(root, name), "rb").read()),
                  f"{manifest.get(path)}")


def crashes(work):
    folder = os.path.join(work, "crash")
    os.makedirs(folder)
    db = os.path.join(folder, "store.db")
    pending = set()
    killed = 0
    # How long a whole run takes here: kills land anywhere within it.
    with open(os.path.join(folder, "a.yaml"), "w") as handle:
        handle.write(agenda(0))
    started = time.monotonic()
    subprocess.run([CONVENE, "ics", "a.yaml", "-o", "timing", "--state", os.path.join(folder, "timing.db")], cwd=folder,
                   capture_output=True, timeout=120)
    duration = time.monotonic() - started
    for step in range(KILLS):
        with open(os.path.join(folder, "a.yaml"), "w") as handle:
            handle.write(agenda(step % 4))
        env = dict(os.environ, SOURCE_DATE_EPOCH=str(1_700_000_000 + step))
        process = subprocess.Popen([CONVENE, "ics", "a.yaml", "-o", "out", "--state", db], cwd=folder, env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(random.uniform(0.0, duration))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            killed += 1
        process.wait(timeout=60)
        if os.path.exists(db):
            pending, _ = invariants(db, pending)
        if step % 4 == 3:
            folder_after_kill(folder, db, env, step)
    # A last run to the end: the folder is a view of the store.
    run = subprocess.run([CONVENE, "ics", "a.yaml", "-o", "out", "--state", db], cwd=folder, capture_output=True, text=True, timeout=120)
    check("a run after the crashes succeeds", run.returncode == 0, run.stderr[-300:])
    _, current = invariants(db, pending)
    for owner, uid, _ in current:
        name = "event.ics" if owner == "programme" else f"invites/{owner.removeprefix('person:')}/{uid.split('@')[0]}.ics"
        path = os.path.join(folder, "out", "cancellations", name)
        check(f"pending cancellation of {owner} {uid} has its file", os.path.exists(path) and uid in open(path).read(),
              f"{path}: {'there' if os.path.exists(path) else 'missing'}")
    print(f"store: {KILLS} runs of about {duration:.2f} s, {killed} killed with SIGKILL")


def company(work):
    folder = os.path.join(work, "pairs")
    os.makedirs(folder)
    db = os.path.join(folder, "store.db")
    busy = 0
    for round_ in range(ROUNDS):
        with open(os.path.join(folder, "a.yaml"), "w") as handle:
            handle.write(agenda(round_ % 4))
        env = dict(os.environ, SOURCE_DATE_EPOCH=str(1_800_000_000 + round_))
        pair = [subprocess.Popen([CONVENE, "build", "a.yaml", "-o", out, "--state", db], cwd=folder, env=env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for out in ("A", "B")]
        both = True
        for process in pair:
            _, error = process.communicate(timeout=120)
            documented = process.returncode == 3 and "is busy: another convene has been writing it" in error
            busy += documented
            both = both and process.returncode == 0
            check(f"round {round_}: build exits 0", process.returncode == 0 or documented, error[-300:])
            if documented:
                print(f"round {round_}: {error.strip()[-200:]}")
        if not both:
            continue
        invites = os.path.join(folder, "A", "invites")
        for name in sorted(os.path.relpath(os.path.join(root, f), invites) for root, _, files in os.walk(invites) for f in files):
            a = open(os.path.join(folder, "A", "invites", name)).read()
            b = open(os.path.join(folder, "B", "invites", name)).read()
            check(f"round {round_}: {name} the same in both folders", a == b)
        invariants(db, set())
    print(f"store: {ROUNDS} rounds of two builds at once, {busy} told the store was busy")


with tempfile.TemporaryDirectory() as work:
    crashes(work)
    company(work)
print(f"store: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
