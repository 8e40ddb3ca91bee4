#!/usr/bin/env python3
"""convene live as the room uses it: in a real browser, under load, and killed with kill -9.

The side event's agenda is copied with its day moved to today, planned to have begun 15
minutes before on the venue's clock (the venue moved to a zone where the session fits in the
day), so that what the views show is what a moderator would see: a day that starts late.
convene live serves it on 127.0.0.1 at a free port.

- Browser: headless Chromium driven through the DevTools protocol opens two consoles, the
  stage timer, the public board and the online speaker's page, each in its own window. The
  console's buttons are clicked with the mouse (Start, Next, +5, a person's floor button held
  down longer than the half second between two redraws) and its keys typed (p to pause and to
  resume, +, Enter on a floor button that has the focus); after each, the pages must show it
  within a second of the click's release or the key: the segment's title and its time left
  on the timer, the title and "running N min late" on the board, the segment on the speaker's
  page, the same in both consoles (one action is pressed in the second console). No page may
  request anything but the server itself, and no page may throw or log an error. Each view is photographed: the console
  (1280x900), the timer (1920x1080), the board on a phone (390x844) and a projector
  (1920x1080), the speaker's page on a phone; the PNGs are kept in OUT-FOLDER.
- Load: 200 WebSocket viewers (board, timer and the speaker's page, mixed) follow /ws while
  the console records 20 actions (a minute added each time, so each update is known by the
  running segment's length); every viewer must get every update, the slowest within 200 ms of
  the action's POST being sent. The median, 95th percentile and maximum are printed. When the
  slowest is over the bound (a machine busy with other work), 20 more actions are measured,
  and those must keep to it.
- Crash: with a turn open and the clock paused, the server is killed with kill -9 and started
  again on the same event store and port; it must print the same addresses and serve the same
  state (running segment, its length and elapsed time, the turn, the actions recorded, the
  delay). Then once more while the clock runs.

The WebSocket client (websockets) is installed by scripts/install-deps.sh --test into
.build/python/websockets. Every wait is bounded and the whole check stops itself after 85 s.

Usage: check-live.py CONVENE [OUT-FOLDER] (default out/live-check).
"""
import asyncio
import base64
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CONVENE = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else sys.exit("usage: check-live.py CONVENE [OUT-FOLDER]")
OUT = sys.argv[2] if len(sys.argv) > 2 else "out/live-check"
SAMPLE = os.path.join(ROOT, "agendas", "wps-side-event-2022.yaml")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
WEBSOCKETS = os.path.join(ROOT, ".build", "python", "websockets")
DEADLINE = 85          # seconds for the whole check
PUSH_BOUND = 1.0       # seconds for a pressed button to show on the other pages
LOAD_BOUND = 0.200     # seconds for every viewer to get an update under load
VIEWERS = 200
LOAD_ACTIONS = 20

began = time.monotonic()
failures = []
started = []           # the process groups this check started, to stop by their id
folders = []           # the temporary folders it made


def check(condition, message):
    if not condition:
        failures.append(message)
        print("check-live: FAIL " + message, file=sys.stderr)
    return condition


def stop(process):
    """Stops a process this check started, and its children, by its process group's id."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass


def watchdog():
    """The hard bound: past DEADLINE everything this check started is stopped and it fails."""
    print(f"check-live: FAIL still running after {DEADLINE} s — stopped", file=sys.stderr)
    sys.stderr.flush()
    # What the main thread says as its browser and server go is not the reason.
    os.dup2(os.open(os.devnull, os.O_WRONLY), 2)
    for process in list(started):
        stop(process)
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)
    sys.stdout.flush()
    os._exit(1)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# MARK: the agenda, today

def todays_agenda(folder):
    """The side event moved to today, planned to have begun 15 minutes ago (so that it starts
    late, and every minute added shows on the board). Its path."""
    planned = datetime.now(timezone.utc).replace(second=0, microsecond=0) - timedelta(minutes=15)
    with open(SAMPLE, encoding="utf-8") as handle:
        text = handle.read()
    # The venue's zone: its own if the session fits in one day there, else one where it does.
    for zone in ("America/New_York", "Europe/Amsterdam", "Asia/Tokyo"):
        local = planned.astimezone(ZoneInfo(zone))
        if (local + timedelta(hours=2)).date() == local.date():
            break
    end = local + timedelta(minutes=90)
    replaced = [("timezone: America/New_York", f"timezone: {zone}"), ("date: 2022-10-19", f"date: {local:%Y-%m-%d}"),
                ('start: "08:15"', f'start: "{local:%H:%M}"'), ('end: "09:45"', f'end: "{end:%H:%M}"')]
    for old, new in replaced:
        if text.count(old) != 1:
            sys.exit(f"check-live: {SAMPLE} no longer has one '{old}' to move to today — update check-live.py")
        text = text.replace(old, new)
    path = os.path.join(folder, "today.yaml")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    return path


# MARK: the server

class Live:
    """A convene live this check started, its output in a file."""

    runs = 0

    def __init__(self, agenda, store, port, folder):
        Live.runs += 1
        self.output = os.path.join(folder, f"live-{Live.runs}.out")
        with open(self.output, "wb") as handle:
            self.process = subprocess.Popen([CONVENE, "live", agenda, "--port", str(port), "--state", store],
                                            stdout=handle, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                            start_new_session=True)
        started.append(self.process)
        self.port = port
        self.base = f"http://127.0.0.1:{port}"

    def printed(self):
        with open(self.output, encoding="utf-8", errors="replace") as handle:
            return handle.read()

    def addresses(self, seconds=30):
        """The addresses it printed once it listens: {what: address}."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            text = self.printed()
            if "Ctrl-C stops the server" in text:
                found, previous = {}, ""
                for line in text.splitlines():
                    match = re.match(r"\s*(.*?):?\s*(http://\S+)\s*$", line)
                    if match:
                        found[match.group(1).strip() or previous.strip().rstrip(":")] = match.group(2)
                    previous = line
                return found
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        sys.exit(f"check-live: convene live printed no addresses (exit {self.process.poll()}): {self.printed()}")

    def kill(self):
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        started.remove(self.process)


def request(url, token=None, body=None, timeout=10):
    """One request: (status, JSON answer)."""
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    call = urllib.request.Request(url, data=data, headers=headers, method="POST" if body is not None else "GET")
    try:
        with urllib.request.urlopen(call, timeout=timeout) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def act(base, token, action, **extra):
    status, answer = request(f"{base}/api/actions", token, {"action": action, **extra})
    check(status == 200, f"{action} {extra or ''} was refused ({status}): {answer.get('error')}")
    return answer


# MARK: the browser, through the DevTools protocol

class DevTools:
    """One WebSocket to the browser; pages are flattened sessions on it."""

    def __init__(self, socket_):
        self.socket = socket_
        self.counter = 0
        self.pending = {}
        self.pages = {}
        self.reader = asyncio.create_task(self.read())

    async def read(self):
        async for raw in self.socket:
            message = json.loads(raw)
            if "id" in message:
                future = self.pending.pop(message["id"], None)
                if future and not future.done():
                    future.set_result(message)
            elif message.get("sessionId") in self.pages:
                self.pages[message["sessionId"]].event(message["method"], message.get("params", {}))

    async def call(self, method, params=None, session=None, timeout=10):
        self.counter += 1
        message = {"id": self.counter, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        future = asyncio.get_running_loop().create_future()
        self.pending[self.counter] = future
        await self.socket.send(json.dumps(message))
        answer = await asyncio.wait_for(future, timeout)
        if "error" in answer:
            raise RuntimeError(f"{method}: {answer['error']}")
        return answer.get("result", {})

    async def open(self, name, url, width, height, mobile=False):
        # A window of its own, as each view has its own screen in the room (a tab behind another
        # would be a hidden page, which the browser is free to slow down).
        target = (await self.call("Target.createTarget", {"url": "about:blank", "newWindow": True}))["targetId"]
        session = (await self.call("Target.attachToTarget", {"targetId": target, "flatten": True}))["sessionId"]
        page = Page(self, name, session)
        self.pages[session] = page
        for domain in ("Page", "Runtime", "Network", "Log"):
            await self.call(f"{domain}.enable", session=session)
        await page.viewport(width, height, mobile)
        await self.call("Page.navigate", {"url": url}, session=session)
        return page


class Page:
    """A browser tab: what it requested, the errors it showed, its DOM read by script."""

    def __init__(self, tools, name, session):
        self.tools, self.name, self.session = tools, name, session
        self.requests, self.errors, self.frames = [], [], []
        self.socket_open = asyncio.Event()

    def event(self, method, params):
        if method == "Network.requestWillBeSent":
            self.requests.append(params["request"]["url"])
        elif method == "Network.webSocketCreated":
            self.requests.append(params["url"])
        elif method == "Network.webSocketHandshakeResponseReceived":
            self.socket_open.set()
        elif method == "Network.responseReceived" and "/api/actions" in params["response"]["url"]:
            self.frames.append((time.monotonic(), f'\n  "status": answer{params["response"]["status"]}'))
        elif method == "Network.webSocketFrameReceived":
            self.frames.append((time.monotonic(), params["response"].get("payloadData", "")))
        elif method == "Runtime.exceptionThrown":
            details = params["exceptionDetails"]
            self.errors.append((details.get("exception") or {}).get("description") or details.get("text"))
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            self.errors.append(" ".join(str(arg.get("value", arg.get("description"))) for arg in params.get("args", [])))
        elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
            self.errors.append(f"{params['entry'].get('source')}: {params['entry'].get('text')} {params['entry'].get('url', '')}")

    async def call(self, method, params=None):
        return await self.tools.call(method, params, session=self.session)

    async def viewport(self, width, height, mobile=False):
        await self.call("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})

    async def evaluate(self, expression):
        answer = await self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in answer:
            raise RuntimeError(f"{self.name}: {answer['exceptionDetails'].get('text')} in {expression[:80]}")
        return answer["result"].get("value")

    async def read(self):
        """What the page shows now."""
        return await self.evaluate(READ)

    async def click(self, finder, hold=0.12):
        """A mouse click at the middle of the element `finder` (JS) finds, as a person clicks:
        the button held down `hold` seconds."""
        box = await self.evaluate(f"(() => {{ const b = {finder}; if (!b) return null; b.scrollIntoView({{block: 'center'}});"
                                  " const r = b.getBoundingClientRect(); return {x: r.x + r.width / 2, y: r.y + r.height / 2}; })()")
        if box is None:
            raise RuntimeError(f"{self.name}: no element {finder}")
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            await self.call("Input.dispatchMouseEvent", {"type": kind, "x": box["x"], "y": box["y"], "button": "left", "clickCount": 1})
            if kind == "mousePressed":
                await asyncio.sleep(hold)

    async def key(self, key, code, keycode):
        text = "\r" if key == "Enter" else key
        for kind in ("keyDown", "keyUp"):
            await self.call("Input.dispatchKeyEvent", {"type": kind, "key": key, "code": code, "windowsVirtualKeyCode": keycode,
                                                       **({"text": text} if kind == "keyDown" else {})})

    async def screenshot(self, path, width, height, mobile=False):
        await self.viewport(width, height, mobile)
        await self.evaluate("window.scrollTo(0, 0)")
        await asyncio.sleep(0.3)
        data = (await self.call("Page.captureScreenshot", {"format": "png"}))["data"]
        with open(path, "wb") as handle:
            handle.write(base64.b64decode(data))
        return path


READ = """(() => {
  const text = selector => { const node = document.querySelector(selector); return node ? node.textContent : null; };
  return {title: text(".now .title"), late: text(".late"), what: text(".what"), big: text(".big"), message: text("#message"),
          whatBelow: text(".what.dim"), app: document.getElementById("app").innerText,
          offline: !document.getElementById("offline").hidden,
          buttons: [...document.querySelectorAll("button")].map(b => b.textContent)};
})()"""


def button(label):
    """The console's button whose label is `label` (the key it has is in a <kbd> beside it)."""
    return ("[...document.querySelectorAll('button')].find(b => [...b.childNodes].filter(n => n.nodeName !== 'KBD')"
            f".map(n => n.textContent).join('').trim() === {json.dumps(label)})")


def seconds_of(clock):
    """'12:05' or '1:02:03' (or '+0:40', over) as seconds; over is negative."""
    if not clock:
        return None
    text = clock.replace("\u2212", "-").strip()
    sign = -1 if text.startswith(("+", "-")) else 1
    parts = [int(part) for part in text.lstrip("+-").split(":")]
    total = 0
    for part in parts:
        total = total * 60 + part
    return sign * total


def late_text(minutes):
    """How late the day runs, as the English views say it (templates/labels/en.yaml, live:)."""
    with open(os.path.join(ROOT, "templates", "labels", "en.yaml")) as f:
        words = yaml.safe_load(f)["live"]
    if minutes == 0:
        return words["onTime"]
    forms = words["minutesLate" if minutes > 0 else "minutesEarly"]
    return (forms["one"] if abs(minutes) == 1 else forms["other"]).replace("{n}", str(abs(minutes)))


async def shown_within(pressed, expectations, what, shown):
    """Waits (PUSH_BOUND at most) until each page's view satisfies its expectation, every page
    read at once; the time each took goes into `shown`."""

    async def one(page, expectation):
        while True:
            view = await page.read()
            if expectation(view):
                shown.append(time.monotonic() - pressed)
                return True
            if time.monotonic() - pressed > PUSH_BOUND:
                seen = {key: value for key, value in view.items() if key not in ("app", "buttons")}
                pushed = [(round(at - pressed, 3), re.findall(r'\n  "(?:status|minutesLate)": ("?[-\w]+"?)', data))
                          for at, data in page.frames if at > pressed - 1]
                return check(False, f"{what}: the {page.name} did not show it within {PUSH_BOUND:.0f} s (it shows {seen}; "
                                    f"pushed to it from a second before: {pushed})")
            await asyncio.sleep(0.01)

    return all(await asyncio.gather(*(one(page, expectation) for page, expectation in expectations.items())))


async def browser_check(live, addresses, folder):
    """The views in headless Chromium: buttons, keys, two consoles, what each page shows."""
    import websockets

    profile = os.path.join(folder, "chromium")
    chromium = subprocess.Popen([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                                 "--disable-dev-shm-usage", "--hide-scrollbars", f"--user-data-dir={profile}",
                                 "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                                 "--no-default-browser-check", "--disable-features=Translate,MediaRouter",
                                 "about:blank"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
                                start_new_session=True)
    started.append(chromium)
    shots, figures = {}, None
    try:
        active = os.path.join(profile, "DevToolsActivePort")
        deadline = time.monotonic() + 20
        while not (os.path.exists(active) and len(open(active).read().split()) >= 2):
            if time.monotonic() > deadline or chromium.poll() is not None:
                check(False, "headless Chromium did not open its DevTools port within 20 s")
                return shots, None
            await asyncio.sleep(0.05)
        port, path = open(active).read().split()[:2]
        async with websockets.connect(f"ws://127.0.0.1:{port}{path}", max_size=None, ping_interval=None, open_timeout=10) as socket_:
            tools = DevTools(socket_)
            console = await tools.open("console", addresses["console"], 1280, 900)
            other = await tools.open("second console", addresses["console"], 1280, 900)
            timer = await tools.open("stage timer", addresses["timer"], 1920, 1080)
            board = await tools.open("public board", addresses["board"], 1920, 1080)
            # In English, as the checks read it (her own language is Dari).
            speaker = await tools.open("speaker's page", addresses["speaker"] + "?lang=en", 390, 844, mobile=True)
            pages = [console, other, timer, board, speaker]
            for page in pages:
                try:
                    await asyncio.wait_for(page.socket_open.wait(), 10)
                except asyncio.TimeoutError:
                    check(False, f"the {page.name} did not open its WebSocket within 10 s")
                    return shots, None
            first = await board.read()
            check("Not started" in first["app"], f"before start the board shows {first['app'][:200]!r}")

            def state():
                return request(f"{live.base}/api/state")[1]

            presses, shown = [], []

            async def press(what, how, expectations, on=None):
                await how()
                # From the click (the button's release) or the key typed.
                presses.append(what)
                if not await shown_within(time.monotonic(), expectations, what, shown):
                    said = (await (on or console).read())["message"]
                    check(not said, f"{what}: the {(on or console).name} said {said!r}")

            # Start, with the mouse.
            opening = "Welcome and opening remarks"
            await press("Start clicked", lambda: console.click(button("Start")), {
                timer: lambda v: v["what"] == opening and 9 * 60 <= (seconds_of(v["big"]) or 0) <= 10 * 60,
                board: lambda v: v["title"] == opening,
                console: lambda v: v["title"] == opening,
                other: lambda v: v["title"] == opening,
                speaker: lambda v: f"Now: {opening}" in v["app"],
            })
            late = state()["minutesLate"]
            check((await board.read())["late"] == late_text(late), f"after start the board does not say '{late_text(late)}'")

            # Next, with the mouse.
            panel = "Panel discussion"
            await press("Next clicked", lambda: console.click(button("Next")), {
                timer: lambda v: v["what"] == panel and 54 * 60 <= (seconds_of(v["big"]) or 0) <= 55 * 60,
                board: lambda v: v["title"] == panel,
                console: lambda v: v["title"] == panel,
                other: lambda v: v["title"] == panel,
                speaker: lambda v: f"Now: {panel}" in v["app"],
            })
            late = state()["minutesLate"]
            check((await board.read())["late"] == late_text(late), f"after next the board does not say '{late_text(late)}'")

            # +5, with the mouse: the segment has five minutes more, and the day runs five later.
            before = seconds_of((await timer.read())["big"])
            await press("+5 clicked", lambda: console.click(button("+5")), {
                timer: lambda v: (seconds_of(v["big"]) or 0) >= before + 5 * 60 - 3,
                board: lambda v: v["late"] == late_text(late + 5),
                console: lambda v: v["late"] == late_text(late + 5),
                other: lambda v: v["late"] == late_text(late + 5),
            })
            check(state()["minutesLate"] == late + 5, f"+5 moved the day's end by {state()['minutesLate'] - late} minutes, not 5")

            # p, typed on the console: paused, and again: running.
            await press("p typed", lambda: console.key("p", "KeyP", 80), {
                timer: lambda v: v["whatBelow"] == "Paused",
                board: lambda v: "Paused" in v["app"].split(panel)[0],
                console: lambda v: v["title"] == f"{panel} — Paused",
                other: lambda v: v["title"] == f"{panel} — Paused",
            })
            await press("p typed again", lambda: console.key("p", "KeyP", 80), {
                timer: lambda v: v["whatBelow"] == "",
                board: lambda v: "Paused" not in v["app"],
                console: lambda v: v["title"] == panel,
                other: lambda v: v["title"] == panel,
            })

            # The pause has made the day later by as long as it lasted, maybe by a minute more.
            late = state()["minutesLate"]

            # The second console gives the floor, with a slow click (held longer than the half
            # second between two redraws of the running clock): the first shows it, and the
            # timer counts her turn.
            speaker_name = "Habiba Sarabi"
            await press("a floor button clicked slowly in the second console", lambda: other.click(button(f"▶ {speaker_name}"), hold=0.7), {
                console: lambda v: f"■ {speaker_name}" in v["buttons"],
                other: lambda v: f"■ {speaker_name}" in v["buttons"],
                timer: lambda v: v["what"] == speaker_name and v["whatBelow"] == panel,
            }, on=other)
            # And the first console adds five minutes with its key: the second shows it.
            await press("+ typed in the first console", lambda: console.key("+", "Equal", 187), {
                console: lambda v: v["late"] == late_text(late + 5),
                other: lambda v: v["late"] == late_text(late + 5),
            })

            for page in pages:
                view = await page.read()
                check(not view["offline"], f"the {page.name} says its connection was lost")
            os.makedirs(OUT, exist_ok=True)
            shots["console"] = await console.screenshot(os.path.join(OUT, "console-1280x900.png"), 1280, 900)
            shots["timer"] = await timer.screenshot(os.path.join(OUT, "timer-1920x1080.png"), 1920, 1080)
            shots["board (projector)"] = await board.screenshot(os.path.join(OUT, "board-1920x1080.png"), 1920, 1080)
            shots["board (phone)"] = await board.screenshot(os.path.join(OUT, "board-390x844.png"), 390, 844, mobile=True)
            shots["speaker"] = await speaker.screenshot(os.path.join(OUT, "speaker-390x844.png"), 390, 844, mobile=True)
            for name, path in shots.items():
                check(os.path.getsize(path) > 10_000, f"the {name} screenshot is nearly empty")

            # The keyboard alone: the floor button reached with the focus (as Tab reaches it),
            # kept across the redraws of the running clock, and pressed with Enter.
            await console.evaluate(f"{button(f'■ {speaker_name}')}.focus()")
            await asyncio.sleep(0.7)
            await press("Enter on the focused floor button", lambda: console.key("Enter", "Enter", 13), {
                timer: lambda v: v["what"] == panel and v["whatBelow"] == "",
                other: lambda v: f"▶ {speaker_name}" in v["buttons"],
            })

            origin = ("http://127.0.0.1:%d/" % live.port, "ws://127.0.0.1:%d/" % live.port)
            for page in pages:
                elsewhere = [url for url in page.requests if not url.startswith(origin)]
                check(not elsewhere, f"the {page.name} requested {elsewhere}")
                check(not page.errors, f"the {page.name} showed errors: {page.errors}")
            figures = (len(presses), len(shown), max(shown) if shown else None)
            tools.reader.cancel()
    finally:
        stop(chromium)
        started.remove(chromium)
    return shots, figures


# MARK: load

async def load_check(live, addresses):
    """VIEWERS WebSockets following the day while the console records LOAD_ACTIONS actions."""
    import websockets

    speaker_token = addresses["speaker"].rsplit("/", 1)[1]
    ws = f"ws://127.0.0.1:{live.port}/ws"
    # Board and timer pages connect with no token, a speaker's page with hers (LivePage's connect()).
    kinds = [("board", f"{ws}?lang=en"), ("timer", f"{ws}?lang=en"), ("speaker", f"{ws}?token={speaker_token}&lang=fa-AF")]
    wanted = [kinds[index % 3] for index in range(VIEWERS)]
    received = [dict() for _ in wanted]      # viewer -> {segment length: monotonic time first seen}
    opened, strays = 0, []
    sockets = []

    async def follow(index, kind, address):
        nonlocal opened
        async with websockets.connect(address, max_size=None, ping_interval=None, open_timeout=15, close_timeout=2) as socket_:
            sockets.append(socket_)
            opened += 1
            async for raw in socket_:
                at = time.monotonic()
                document = json.loads(raw)
                received[index].setdefault((document.get("current") or {}).get("length"), at)
                # The timer's and the board's viewers are sent the public's view, a speaker's hers.
                if document.get("view") != ("speaker" if kind == "speaker" else "board"):
                    strays.append(f"a {kind} viewer was sent the {document.get('view')} view")

    tasks = [asyncio.create_task(follow(index, kind, address)) for index, (kind, address) in enumerate(wanted)]
    try:
        deadline = time.monotonic() + 20
        while opened < VIEWERS and time.monotonic() < deadline and not any(task.done() for task in tasks):
            await asyncio.sleep(0.02)
        for task in tasks:
            if task.done() and task.exception():
                check(False, f"a viewer could not follow /ws: {task.exception()!r}")
                return None
        if not check(opened == VIEWERS, f"only {opened} of {VIEWERS} viewers connected within 20 s"):
            return None
        console_token = addresses["console"].rsplit("/", 1)[1]

        async def round_of_actions():
            """LOAD_ACTIONS actions, each awaited by every viewer: the times, and the updates missed."""
            length = request(f"{live.base}/api/state", console_token)[1]["current"]["length"]
            latencies, missed = [], 0
            for number in range(1, LOAD_ACTIONS + 1):
                expected = length + 60 * number

                def post():
                    sent = time.monotonic()
                    status, _ = request(f"{live.base}/api/actions", console_token, {"action": "addMinutes", "minutes": 1})
                    return sent, status

                sent, status = await asyncio.to_thread(post)
                check(status == 200, f"load: action {number} was refused ({status})")
                deadline = time.monotonic() + 5
                while time.monotonic() < deadline and not all(expected in seen for seen in received):
                    await asyncio.sleep(0.005)
                got = [seen[expected] - sent for seen in received if expected in seen]
                missed += VIEWERS - len(got)
                latencies += got
            latencies.sort()
            return latencies, missed

        rounds = []
        # On a machine shared with other work, the scheduler now and then holds the server back
        # for longer than the bound: a second round is measured then, and it must keep to it.
        while len(rounds) < 2:
            latencies, missed = await round_of_actions()
            check(missed == 0, f"load: {missed} of {VIEWERS * LOAD_ACTIONS} updates never reached their viewer (5 s each)")
            if not latencies:
                return None
            rounds.append({"median": statistics.median(latencies), "p95": latencies[int(0.95 * (len(latencies) - 1))],
                           "max": latencies[-1], "count": len(latencies)})
            if missed or rounds[-1]["max"] <= LOAD_BOUND:
                break
        check(not strays, f"load: {strays[:3]}")
        check(rounds[-1]["max"] <= LOAD_BOUND,
              f"load: the slowest update took {rounds[-1]['max'] * 1000:.0f} ms, more than {LOAD_BOUND * 1000:.0f} ms, in "
              f"{len(rounds)} rounds ({', '.join(str(round(r['max'] * 1000)) + ' ms' for r in rounds)})")
        return rounds
    finally:
        for socket_ in sockets:
            await socket_.close()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


# MARK: crash

def same_day(before, after, when, running):
    """The console's state after a restart is the one before it."""
    a, b = before.get("current") or {}, after.get("current") or {}
    check(a and b, f"{when}: no segment is running (before: {before['status']}, after: {after['status']})")
    for name, x, y in [("status", before["status"], after["status"]), ("running segment", a.get("title"), b.get("title")),
                       ("actions recorded", before["actions"], after["actions"]), ("segment length", a.get("length"), b.get("length")),
                       ("paused", a.get("paused"), b.get("paused")),
                       ("turn", (a.get("turn") or {}).get("person"), (b.get("turn") or {}).get("person")),
                       ("items' statuses", [i["status"] for i in before["items"]], [i["status"] for i in after["items"]])]:
        check(x == y, f"{when}: the {name} was {x!r}, after the restart {y!r}")
    gap = after["now"] - before["now"]
    if running:
        check(after["minutesLate"] == before["minutesLate"], f"{when}: the day ran {before['minutesLate']} min late, after the restart {after['minutesLate']}")
        check(abs(b.get("elapsed", 0) - a.get("elapsed", 0) - gap) <= 2, f"{when}: {gap} s passed but the elapsed time went from {a.get('elapsed')} to {b.get('elapsed')}")
    else:
        # Paused, the clock stands still and the day grows late by the time the pause lasts.
        check(a.get("elapsed") == b.get("elapsed"), f"{when}: paused at {a.get('elapsed')} s elapsed, after the restart {b.get('elapsed')}")
        check(before["minutesLate"] <= after["minutesLate"] <= before["minutesLate"] + 1 + gap // 60,
              f"{when}: the day ran {before['minutesLate']} min late, after the restart {after['minutesLate']} ({gap} s later)")
        ta, tb = a.get("turn") or {}, b.get("turn") or {}
        check(ta.get("elapsed") == tb.get("elapsed"), f"{when}: the turn had run {ta.get('elapsed')} s, after the restart {tb.get('elapsed')}")


def crash_check(live, printed, addresses, agenda, store, folder):
    """kill -9 with a turn open and the clock paused, then running; the same day after each restart."""
    token = addresses["console"].rsplit("/", 1)[1]
    state = request(f"{live.base}/api/state", token)[1]
    if not (state.get("current") or {}).get("turn"):
        act(live.base, token, "startTurn", person="sarabi")
    act(live.base, token, "pause")
    restarts = []
    for when, running in [("killed paused", False), ("killed running", True)]:
        before = request(f"{live.base}/api/state", token)[1]
        killed = time.monotonic()
        live.kill()
        live = Live(agenda, store, live.port, folder)
        again = live.addresses()
        restarts.append(time.monotonic() - killed)
        check(again == printed, f"{when}: the addresses printed after the restart differ: {again} (before: {printed})")
        same_day(before, request(f"{live.base}/api/state", token)[1], when, running)
        if not running:
            act(live.base, token, "resume")
    return live, restarts


# MARK: main

def main():
    if CHROMIUM is None:
        print("check-live: chromium is needed (make test installs it)", file=sys.stderr)
        return 1
    if not os.path.isdir(WEBSOCKETS):
        print(f"check-live: {WEBSOCKETS} is missing — run bash scripts/install-deps.sh --test", file=sys.stderr)
        return 1
    sys.path.insert(0, WEBSOCKETS)
    timer = threading.Timer(DEADLINE - (time.monotonic() - began), watchdog)
    timer.daemon = True
    timer.start()
    folder = tempfile.mkdtemp(prefix="check-live-")
    folders.append(folder)
    shots, browser, figures, restarts = {}, None, None, []
    live = None
    try:
        agenda = todays_agenda(folder)
        store = os.path.join(folder, "today.convene.db")
        live = Live(agenda, store, free_port(), folder)
        printed = live.addresses()
        addresses = {"console": printed.get("console (moderator; keep it secret)"), "timer": printed.get("stage timer"),
                     "board": printed.get("public board"), "speaker": printed.get("Habiba Sarabi, online speaker (give it to them alone)")}
        if not check(all(addresses.values()), f"convene live did not print every address: {printed}"):
            return report(shots, browser, figures, restarts)
        shots, browser = asyncio.run(browser_check(live, addresses, folder))
        figures = asyncio.run(load_check(live, addresses))
        live, restarts = crash_check(live, printed, addresses, agenda, store, folder)
    finally:
        if live:
            stop(live.process)
        timer.cancel()
        shutil.rmtree(folder, ignore_errors=True)
    return report(shots, browser, figures, restarts)


def report(shots, browser, figures, restarts):
    seconds = time.monotonic() - began
    pressed = (f"{browser[0]} presses in Chromium shown on the other pages ({browser[1]} views) within {browser[2] * 1000:.0f} ms"
               if browser and browser[2] is not None else "no presses in Chromium")
    load = "; ".join(f"{VIEWERS} viewers x {LOAD_ACTIONS} updates{' again' if index else ''}: median {r['median'] * 1000:.0f} ms, "
                     f"p95 {r['p95'] * 1000:.0f} ms, max {r['max'] * 1000:.0f} ms" for index, r in enumerate(figures or [])) or "no load figures"
    restarted = f"{len(restarts)} restarts after kill -9 (" + ", ".join(f"{value:.1f} s" for value in restarts) + ")"
    print(f"check-live: {pressed}, {len(shots)} views photographed in {OUT}; {load}; {restarted}; {len(failures)} problems, in {seconds:.1f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
