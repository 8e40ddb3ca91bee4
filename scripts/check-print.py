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
- right to left: the side event's agenda in Dari and in Arabic, and the Dari speaker's
  briefing in Dari and in Arabic, printed with convene print: every time range of the sheet
  reads start first for a reader of that script (pdftotext gives lines in visual order, left
  to right: a Dari range "START تا END" in Extended Arabic-Indic digits has its start on the
  right; an Arabic range is a left-to-right run "START–END" in Latin digits), every speaker's
  name is there as the sheet's script writes it (`names: { arab: … }` where given), and the
  page numbers at the foot are in the language's digits.

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


BIDI_CONTROLS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def visual(text):
    """pdftotext's text without the bidi marks it adds, whitespace runs one space."""
    return normal(text.translate(BIDI_CONTROLS))


def minutes(duration):
    match = re.fullmatch(r"(?:(\d+)h)?\s*(?:(\d+)m(?:in)?)?", duration.strip())
    if not match or not any(match.groups()):
        raise ValueError(f"a duration check-print cannot read: {duration}")
    return int(match.group(1) or 0) * 60 + int(match.group(2) or 0)


def segment_spans(session, zone, into):
    """Each segment's (start, end) as HH:MM in zone `into`, from the session's start in `zone`."""
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo
    clock = datetime.fromisoformat(f"{session['date']}T{session['start']}").replace(tzinfo=ZoneInfo(zone))
    spans = []
    for segment in session["segments"]:
        if segment.get("at"):
            raise ValueError("check-print reads sessions without pinned segments")
        end = clock + timedelta(minutes=minutes(segment["duration"]))
        spans.append((clock.astimezone(ZoneInfo(into)).strftime("%H:%M"), end.astimezone(ZoneInfo(into)).strftime("%H:%M")))
        clock = end
    return spans


def as_printed(span, language):
    """A range as pdftotext's visual line holds it when it reads start first."""
    start, end = span
    if language == "fa-AF":
        return f"{end.translate(PERSIAN_DIGITS)} تا {start.translate(PERSIAN_DIGITS)}"
    return f"{start}–{end}"


def check_right_to_left(profile):
    """The Dari and Arabic sheets of the side event, as their readers read them."""
    sample = "wps-side-event-2022"
    folder = os.path.join(OUT, "right-to-left")
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    source = f"agendas/{sample}.yaml"
    with open(os.path.join(OUT, sample, "agenda.json"), encoding="utf-8") as handle:  # the build's, above
        agenda = json.load(handle)
    people = {person["id"]: person for person in agenda["people"]}
    session = next(session for session in agenda["sessions"] if session.get("date"))
    reader = people["sarabi"]
    sheets = []
    for language in ["fa-AF", "ar"]:
        sheets.append((f"agenda-{language}", ["--lang", language], language, agenda["timezone"]))
        sheets.append((f"briefing-sarabi-{language}", ["--sheet", "briefing", "--person", "sarabi"] + (["--lang", language] if language != "fa-AF" else []),
                       language, reader["timezone"]))
    for name, arguments, language, zone in sheets:
        html, pdf, png = (os.path.join(folder, name + extension) for extension in (".html", ".pdf", ".png"))
        for target in (html, pdf):
            subprocess.run([CONVENE, "print", source, "-o", target, "--force"] + arguments, check=True, capture_output=True)
        chromium(html, None, png, profile)
        pages = [page for page in pdf_text(pdf, layout=True).split("\f") if page.strip()]
        lines = [visual(line) for page in pages for line in page.splitlines() if line.strip()]
        text = " ".join(lines)
        bare = re.sub(r"\s", "", text)  # pdftotext places the spaces of a right-to-left run as it can
        check(re.search(r'dir="rtl"', open(html, encoding="utf-8").read()) is not None, f"{name}: the HTML is not right to left")
        for span in segment_spans(session, agenda["timezone"], zone):
            check(as_printed(span, language).replace(" ", "") in bare, f"{name}: no time range reads {span[0]} to {span[1]} ('{as_printed(span, language)}')")
            wrong = as_printed((span[1], span[0]), language)
            check(wrong.replace(" ", "") not in bare, f"{name}: a time range reads end first ('{wrong}')")
        speakers = {person for segment in session["segments"] for person in segment["speakers"]}
        if name.startswith("briefing"):
            speakers = {"sarabi"} | {person for segment in session["segments"] if "sarabi" in segment["speakers"] for person in segment["speakers"]}
        for person in sorted(speakers):
            written = (people[person].get("names") or {}).get("arab") or people[person]["name"]
            check(normal(written) in text, f"{name}: '{written}' is not in the PDF")
        digits = (lambda number: str(number).translate(PERSIAN_DIGITS)) if language == "fa-AF" else str
        for number, page in enumerate(pages, 1):
            foot = visual([line for line in page.splitlines() if line.strip()][-1])
            check(f"{digits(number)} / {digits(len(pages))}" in foot, f"{name}: the foot of page {number} is '{foot}'")
        check(os.path.getsize(png) > 20_000, f"{name}: the screenshot is nearly empty")
    return len(sheets)


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
                    spellings = [reader["name"]] + list(reader.get("names", {}).values())
                    check(any(normal(spelling) in text for spelling in spellings), f"{sample}/{name}: the reader's name is not in the PDF")
                    for session in sessions:
                        for segment in session["segments"]:
                            if reader["id"] in segment["speakers"]:
                                check(normal(segment["title"]) in text, f"{sample}/{name}: '{segment['title']}' is not in the PDF")
                checked += 1
        checked += check_right_to_left(profile)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    for failure in failures:
        print("check-print: " + failure, file=sys.stderr)
    print(f"check-print: {checked} sheets printed to PDF and PNG in {OUT}, {len(failures)} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
