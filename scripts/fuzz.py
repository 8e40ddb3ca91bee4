#!/usr/bin/env python3
"""Mutation fuzzing of what Convene reads from other people: agendas, rosters and busy calendars.

Each run takes a seed file, mutates it (bytes flipped, inserted, deleted or repeated; lines
duplicated, swapped, cut or blown up; numbers made huge or negative; control characters, long
runs, deep nesting, odd Unicode), gives it to the `convene` binary and records:

  crash  the process died of a signal (SIGSEGV, SIGILL, SIGABRT, ...)
  hang   it ran past the time limit (killed)
  exit   it exited with a code the docs do not promise (0 success, 1 bad input, 2 bad command
         line, 3 cannot write)
  escape it wrote outside the folder it was told to write into

Usage: fuzz.py CONVENE [--kind agenda|roster|calendar|all] [--seconds N] [--timeout S] [--out DIR]
Each finding is kept in DIR/findings/ with the command that reproduces it. Exits 1 on any
finding. `make fuzz` runs every kind for 10 minutes each.
"""
import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXPECTED_EXITS = {0, 1, 2, 3}


def seeds(kind):
    if kind == "agenda":
        return [os.path.join(ROOT, "agendas", n) for n in sorted(os.listdir(os.path.join(ROOT, "agendas"))) if n.endswith(".yaml")]
    if kind == "roster":
        return [os.path.join(ROOT, "rosters", n) for n in sorted(os.listdir(os.path.join(ROOT, "rosters"))) if n.endswith(".yaml")]
    folder = os.path.join(ROOT, "agendas", "calendars")
    found = []
    for root, _, names in os.walk(folder):
        found += [os.path.join(root, n) for n in sorted(names) if n.endswith(".ics")]
    return found


SPICE = [b"\x00", b"\x1b[2J", b"\r", b"\n", b"\t", b"\xff\xfe", b"\xe2\x80\xae", b"{{#a}}", b"{{{x}}}", b"<script>", b"&#0;",
         b"../../", b"/etc/passwd", b"9" * 40, b"-1", b"2147483648", b"99999999999999999999", b"1e308", b"NaN",
         b"FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30", b"FREQ=SECONDLY", b"DTSTART:16010101T000000", b"TZID:\x1b]0;x\x07",
         b"&a [*a, *a, *a, *a]", b"- - - - - - - - -", b"[[[[[[[[[[[[", b"{{{{{{{{{{", b"\xf0\x9f\x95\x8a", b"\xd9\x85",
         b"SEQUENCE:2147483648", b"RRULE:FREQ=MINUTELY;COUNT=999999999", b"END:VCALENDAR", b"BEGIN:VEVENT"]


def mutate(data, rng):
    data = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        choice = rng.random()
        if not data:
            data += rng.choice(SPICE)
            continue
        at = rng.randrange(len(data))
        if choice < 0.15:
            data[at] = rng.randrange(256)
        elif choice < 0.3:
            data[at:at] = rng.choice(SPICE)
        elif choice < 0.4:
            del data[at:at + rng.randint(1, 64)]
        elif choice < 0.5:
            piece = data[at:at + rng.randint(1, 200)]
            data[at:at] = piece * rng.randint(2, 50)
        else:
            lines = bytes(data).split(b"\n")
            index = rng.randrange(len(lines))
            op = rng.random()
            if op < 0.3:
                lines.insert(index, lines[rng.randrange(len(lines))])
            elif op < 0.5 and len(lines) > 1:
                other = rng.randrange(len(lines))
                lines[index], lines[other] = lines[other], lines[index]
            elif op < 0.7:
                lines[index] = lines[index][: rng.randint(0, max(0, len(lines[index])))]
            elif op < 0.85:
                lines[index] = lines[index] + rng.choice(SPICE) * rng.randint(1, 2000)
            else:
                # Deep nesting.
                depth = rng.randint(100, 5000)
                lines[index] = b"  " * 0 + b"x: " + b"[" * depth + b"]" * depth
            data = bytearray(b"\n".join(lines))
    return bytes(data)


def commands(kind, path, work):
    out = os.path.join(work, "out")
    if kind == "agenda":
        return [["check", path], ["build", path, "-o", out, "--state", os.path.join(work, "s.db")], ["times", path, "--json"]]
    if kind == "roster":
        return [["check", path], ["pool", path, "--women", "--available-at", "2026-12-08T14:30Z", "--json"]]
    agenda = os.path.join(work, "a.yaml")
    return [["slots", agenda, "--session", "meet", "--from", "2026-12-07", "--to", "2026-12-20", "--busy", path]]


SLOTS_AGENDA = """convene: 1
id: fuzz
title: Fuzz
timezone: Europe/Kyiv
people:
  - { id: ana, name: Ana, email: ana@example.org }
  - { id: ben, name: Ben, email: ben@example.org, attendance: online, timezone: Asia/Kabul }
sessions:
  - { id: meet, title: Meeting, duration: 1h }
"""


def snapshot(folder):
    """Every path under `folder`, to see what a run wrote outside its own place."""
    found = set()
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            found.add(os.path.relpath(os.path.join(root, name), folder))
    return found


def main():
    # No PDF engine: a browser run per build would make each run seconds long; the HTML it
    # would print is fuzzed all the same (FUZZ_PDF=1 keeps the engine).
    if os.environ.get("FUZZ_PDF") != "1":
        os.environ["CONVENE_CHROMIUM"] = "/nonexistent/fuzz-without-pdf"
    parser = argparse.ArgumentParser()
    parser.add_argument("convene")
    parser.add_argument("--kind", default="all", choices=["agenda", "roster", "calendar", "all"])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--timeout", type=float, default=10)
    parser.add_argument("--out", default=os.path.join(ROOT, "out", "fuzz"))
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    convene = os.path.abspath(args.convene)
    kinds = ["agenda", "roster", "calendar"] if args.kind == "all" else [args.kind]
    findings_dir = os.path.join(args.out, "findings")
    os.makedirs(findings_dir, exist_ok=True)
    rng = random.Random(args.seed)
    total = {"runs": 0, "crash": 0, "hang": 0, "exit": 0, "escape": 0}
    for kind in kinds:
        pool = seeds(kind)
        if not pool:
            print(f"{kind}: no seed files")
            continue
        counts = {"runs": 0, "crash": 0, "hang": 0, "exit": 0, "escape": 0}
        slowest = 0.0
        deadline = time.time() + args.seconds
        while time.time() < deadline:
            seed = rng.choice(pool)
            data = mutate(open(seed, "rb").read(), rng)
            work = tempfile.mkdtemp(prefix="convene-fuzz-")
            try:
                # The run's own folder sits inside a sandbox; anything new in the sandbox outside
                # the run's folder is an escape.
                inside = os.path.join(work, "run")
                os.makedirs(inside)
                name = os.path.join(inside, "input" + os.path.splitext(seed)[1])
                with open(name, "wb") as f:
                    f.write(data)
                if kind == "calendar":
                    with open(os.path.join(inside, "a.yaml"), "w") as f:
                        f.write(SLOTS_AGENDA)
                for command in commands(kind, name, inside):
                    before = snapshot(work)
                    began = time.time()
                    process = subprocess.Popen([convene] + command, cwd=inside, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                               start_new_session=True)
                    try:
                        _, stderr = process.communicate(timeout=args.timeout)
                        outcome = None
                        if process.returncode < 0:
                            outcome = ("crash", f"signal {signal.Signals(-process.returncode).name}")
                        elif process.returncode not in EXPECTED_EXITS:
                            outcome = ("exit", f"exit {process.returncode}")
                    except subprocess.TimeoutExpired:
                        os.killpg(process.pid, signal.SIGKILL)
                        process.communicate()
                        stderr = b""
                        outcome = ("hang", f"over {args.timeout} s")
                    slowest = max(slowest, time.time() - began)
                    counts["runs"] += 1
                    escaped = {p for p in snapshot(work) - before if not p.startswith("run")}
                    if escaped and not outcome:
                        outcome = ("escape", "wrote " + ", ".join(sorted(escaped)[:3]))
                    if outcome:
                        counts[outcome[0]] += 1
                        number = sum(counts[k] for k in ("crash", "hang", "exit", "escape"))
                        keep = os.path.join(findings_dir, f"{kind}-{outcome[0]}-{number}{os.path.splitext(seed)[1]}")
                        shutil.copy(name, keep)
                        with open(keep + ".txt", "w") as f:
                            f.write(f"{outcome[1]}\nconvene {' '.join(command)}\n(with the input at {keep})\n{stderr.decode(errors='replace')[-2000:]}\n")
                        print(f"{kind}: {outcome[0]} ({outcome[1]}): convene {command[0]} on {keep}")
            finally:
                shutil.rmtree(work, ignore_errors=True)
        print(f"{kind}: {counts['runs']} runs in {args.seconds:.0f} s: {counts['crash']} crashes, {counts['hang']} hangs, "
              f"{counts['exit']} wrong exit codes, {counts['escape']} escapes; slowest run {slowest:.2f} s")
        for key in total:
            total[key] += counts[key]
    bad = total["crash"] + total["hang"] + total["exit"] + total["escape"]
    print(f"fuzz: {total['runs']} runs, {bad} findings" + (f" (kept in {findings_dir})" if bad else ""))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
