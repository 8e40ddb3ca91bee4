#!/usr/bin/env python3
"""The printed sheets as a reader gets them: both sample agendas are built (the build prints
the agenda and the run-of-show to PDF itself), every other HTML sheet is printed to PDF and
every HTML sheet photographed to PNG by headless Chromium, and the PDF's text (pdftotext)
must hold what the sheet is for:

- the run-of-show (for organisers): every segment title and every speaker's and moderator's name;
- the public agenda: every segment title, the name of every speaker who may be named in
  public, and no name, email or organisation of anyone who may not;
- each briefing: the speaker's name and the titles of the segments they speak in;
- the build's PDFs: the venue's paper (Letter for New York, A4 for Kyiv), and at the foot of
  every page the event's title and "N / PAGES".

Usage: check-print.py CONVENE [OUT-FOLDER]. The PDFs and PNGs are kept in OUT-FOLDER
(default out/print-check) to be looked at.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata

CONVENE = sys.argv[1]
OUT = sys.argv[2] if len(sys.argv) > 2 else "out/print-check"
SAMPLES = ["wps-side-event-2022", "kyiv-consultation-2026"]
PAPER = {"wps-side-event-2022": "612 x 792", "kyiv-consultation-2026": "594.96 x 841.92"}
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def normal(text):
    """Text as compared: NFKC (ligatures undone), every run of whitespace one space."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def chromium(html, pdf, png, profile):
    base = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            f"--user-data-dir={profile}", "--disable-dev-shm-usage"]
    url = "file://" + os.path.abspath(html)
    if pdf:
        subprocess.run(base + ["--no-pdf-header-footer", f"--print-to-pdf={pdf}", url],
                       check=True, timeout=120, capture_output=True)
    subprocess.run(base + ["--hide-scrollbars", "--window-size=1000,1400", f"--screenshot={png}", url],
                   check=True, timeout=120, capture_output=True)


def png_size(path):
    with open(path, "rb") as handle:
        head = handle.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


def pdf_text(pdf, layout=False):
    return subprocess.run(["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else []) + [pdf, "-"],
                          check=True, capture_output=True, text=True).stdout


def check_build_pdf(sample, name, pdf, title):
    """A PDF convene build printed: the venue's paper, and the title and page number at each foot."""
    info = subprocess.run(["pdfinfo", pdf], check=True, capture_output=True, text=True).stdout
    size = re.search(r"Page size:\s+(\S+ x \S+)", info)
    check(size and size.group(1) == PAPER[sample], f"{sample}/{name}: printed on {size and size.group(1)}, not {PAPER[sample]}")
    pages = [page for page in pdf_text(pdf, layout=True).split("\f") if page.strip()]
    for number, page in enumerate(pages, 1):
        foot = normal([line for line in page.splitlines() if line.strip()][-1])
        check(normal(title) in foot and re.search(rf"\b{number} ?/ ?{len(pages)}$", foot),
              f"{sample}/{name}: the foot of page {number} is '{foot}'")


def nameable_in_public(person, session, agenda):
    rule = session.get("confidentiality") or agenda["confidentiality"]
    return person["visibility"] == "public" and rule == "public"


def main():
    if CHROMIUM is None or shutil.which("pdftotext") is None:
        print("check-print: chromium and pdftotext are needed (make test installs them)", file=sys.stderr)
        return 1
    os.makedirs(OUT, exist_ok=True)
    profile = tempfile.mkdtemp(prefix="convene-chromium-")
    checked = 0
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    try:
        for sample in SAMPLES:
            folder = os.path.join(OUT, sample)
            shutil.rmtree(folder, ignore_errors=True)
            subprocess.run([CONVENE, "build", f"agendas/{sample}.yaml", "-o", folder, "--state", f"{folder}.convene.db"],
                           check=True, capture_output=True, env=env)
            with open(os.path.join(folder, "agenda.json"), encoding="utf-8") as handle:
                agenda = json.load(handle)
            people = {person["id"]: person for person in agenda["people"]}
            sessions = [session for session in agenda["sessions"] if session.get("date")]
            htmls = sorted(name for name in os.listdir(folder) if name.endswith(".html"))
            htmls += sorted("briefings/" + name for name in os.listdir(os.path.join(folder, "briefings")) if name.endswith(".html"))
            for name in htmls:
                html = os.path.join(folder, name)
                pdf, png = html[:-5] + ".pdf", html[:-5] + ".png"
                built = not name.startswith("briefings/")
                check(not built or os.path.exists(pdf), f"{sample}: convene build wrote no {name[:-5]}.pdf")
                chromium(html, None if built else pdf, png, profile)
                if built and os.path.exists(pdf):
                    check_build_pdf(sample, name[:-5] + ".pdf", pdf, agenda["title"])
                text = normal(pdf_text(pdf))
                size = png_size(png)
                check(size == (1000, 1400), f"{sample}/{name}: screenshot is {size}, not 1000x1400")
                check(os.path.getsize(png) > 20_000, f"{sample}/{name}: the screenshot is nearly empty")
                if name.startswith("run-of-show"):
                    for session in sessions:
                        for segment in session["segments"]:
                            check(normal(segment["title"]) in text, f"{sample}/{name}: segment '{segment['title']}' is not in the PDF")
                            ids = segment["speakers"] + [segment["moderator"] or session["moderator"]]
                            for person in filter(None, ids):
                                check(normal(people[person]["name"]) in text, f"{sample}/{name}: '{people[person]['name']}' is not in the PDF")
                elif name.startswith("agenda"):
                    for session in sessions:
                        for segment in session["segments"]:
                            check(normal(segment["title"]) in text, f"{sample}/{name}: segment '{segment['title']}' is not in the PDF")
                            for person in segment["speakers"]:
                                who = people[person]
                                if nameable_in_public(who, session, agenda):
                                    check(normal(who["name"]) in text, f"{sample}/{name}: '{who['name']}' is not in the PDF")
                                else:
                                    check(normal(who["name"]) not in text, f"{sample}/{name}: the public agenda names '{who['name']}'")
                                    if who.get("email"):
                                        check(who["email"] not in text, f"{sample}/{name}: the public agenda shows {who['email']}")
                else:
                    reader = people[os.path.basename(name)[:-5]]
                    check(normal(reader["name"]) in text, f"{sample}/{name}: the reader's name is not in the PDF")
                    for session in sessions:
                        for segment in session["segments"]:
                            if reader["id"] in segment["speakers"]:
                                check(normal(segment["title"]) in text, f"{sample}/{name}: '{segment['title']}' is not in the PDF")
                checked += 1
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    for failure in failures:
        print("check-print: " + failure, file=sys.stderr)
    print(f"check-print: {checked} sheets printed to PDF and PNG in {OUT}, {len(failures)} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
