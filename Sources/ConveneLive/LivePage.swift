import Convene

/// One view of the live day as a self-contained page: its CSS and script inline, nothing
/// loaded from elsewhere, laid out for a phone and a projector alike. The page shows the state
/// it was served with at once, then follows the WebSocket `/ws` (with the view's token), and
/// counts the running clock down between two pushes.
///
/// Words the printed sheets have labels for are in the view's language (``SheetLabels``);
/// the few others are in English. Arabic, Dari and Pashto pages run right to left.
struct LivePage {
    let viewer: LiveViewer
    /// The stage timer rather than the board (both are the public's view).
    let timer: Bool
    let language: SheetLanguage
    let token: String?
    let state: JSONValue

    var kind: String {
        switch viewer {
        case .console: "console"
        case .board: timer ? "timer" : "board"
        case .speaker: "speaker"
        }
    }

    func html() -> String {
        let labels = SheetLabels.of(language)
        let words: JSONValue = .object([
            ("programme", .string(labels.programme)), ("runOfShow", .string(labels.runOfShow)),
            ("elapsed", .string(labels.elapsed)), ("remaining", .string(labels.remaining)),
            ("minutes", .string(labels.minutes)), ("segment", .string(labels.segment)),
            ("moderator", .string(labels.moderator)), ("speakers", .string(labels.speakers)),
            ("time", .string(labels.time)), ("end", .string(labels.end)), ("floor", .string(labels.floor)),
            ("yourTime", .string(labels.yourTime)), ("venueTime", .string(labels.venueTime)),
            ("techCheck", .string(labels.techCheck)), ("howToJoin", .string(labels.howToJoin)),
            ("joinOnline", .string(labels.joinOnline)), ("yourSegments", .string(labels.yourSegments)),
            ("speakingTime", .string(labels.speakingTime)), ("colon", .string(labels.colon)),
            ("listSeparator", .string(labels.listSeparator)),
            ("briefing", .string(labels.briefing)),
        ])
        let title: String
        switch kind {
        case "console": title = labels.runOfShow
        case "speaker": title = labels.briefing
        case "timer": title = labels.time
        default: title = labels.programme
        }
        let config: JSONValue = .object([
            ("view", .string(kind)), ("token", .optional(token)), ("language", .string(language.rawValue)), ("words", words),
        ])
        return """
            <!doctype html>
            <html lang="\(language.rawValue)" dir="\(labels.direction == "rtl" ? "rtl" : "ltr")">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="referrer" content="no-referrer">
            <link rel="icon" href="data:,">
            <title>\(Self.escape(title)) — convene live</title>
            <style>\(Self.css)</style>
            </head>
            <body class="\(kind)">
            <div id="offline" hidden>Connection lost — reconnecting…</div>
            <main id="app"></main>
            <script id="state" type="application/json">\(Self.scriptSafe(state.serialized()))</script>
            <script id="config" type="application/json">\(Self.scriptSafe(config.serialized()))</script>
            <script>\(Self.script)</script>
            </body>
            </html>

            """
    }

    /// Text for HTML.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// JSON that may stand inside a `<script>` element: `<`, `>` and `&` occur in JSON only
    /// inside strings, where their escapes mean the same.
    static func scriptSafe(_ json: String) -> String {
        json.replacingOccurrences(of: "<", with: "\\u003c").replacingOccurrences(of: ">", with: "\\u003e")
            .replacingOccurrences(of: "&", with: "\\u0026")
    }

    static let css = """
        :root{color-scheme:dark;--bg:#111;--fg:#f4f4f4;--dim:#a8a8a8;--line:#333;--accent:#5fb3ff;--warn:#ffb020;--danger:#ff4d4d;--ok:#4cd964}
        *{box-sizing:border-box}
        body{margin:0;background:var(--bg);color:var(--fg);font:18px/1.4 system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans Arabic",sans-serif}
        main{max-width:1200px;margin:0 auto;padding:12px}
        h1{font-size:1.4em;margin:.2em 0 .4em}
        h2{font-size:1.1em;margin:1em 0 .3em;color:var(--dim);text-transform:uppercase;letter-spacing:.04em}
        .num{font-variant-numeric:tabular-nums;unicode-bidi:isolate}
        td.num{white-space:nowrap}
        .late{display:inline-block;padding:.15em .6em;border-radius:.4em;background:#333}
        .late.behind{background:var(--warn);color:#000}.late.ahead{background:var(--ok);color:#000}
        .now{border:2px solid var(--accent);border-radius:.6em;padding:.6em .8em;margin:.6em 0}
        .now .title{font-size:1.6em;font-weight:600}
        .clock{font-size:2.4em;font-weight:700}
        .dim{color:var(--dim)}
        table{width:100%;border-collapse:collapse}
        td,th{padding:.35em .4em;border-bottom:1px solid var(--line);text-align:start;vertical-align:top}
        tr.done,tr.skipped{color:var(--dim)}tr.skipped .t{text-decoration:line-through}
        tr.running{background:#0d2a40}
        .buttons{display:flex;flex-wrap:wrap;gap:.5em;margin:.6em 0}
        button{font:inherit;padding:.7em 1em;min-width:5.5em;border-radius:.5em;border:1px solid #555;background:#222;color:var(--fg);cursor:pointer}
        button:active{background:#333}button.primary{background:var(--accent);color:#000;border-color:var(--accent)}button.primary kbd{color:#1c3b55}
        kbd{font-size:.7em;color:var(--dim);margin-inline-start:.4em}
        #message{min-height:1.4em;color:var(--warn)}
        .alert{border-inline-start:4px solid var(--warn);padding:.2em .6em;margin:.3em 0}
        #offline{position:fixed;top:0;inset-inline:0;background:var(--danger);color:#000;text-align:center;padding:.3em;z-index:2}
        body.timer main{display:flex;flex-direction:column;justify-content:center;align-items:center;min-height:100vh;text-align:center}
        body.timer .big{font-size:min(30vw,50vh);font-weight:800;line-height:1}
        body.timer .what{font-size:min(6vw,7vh)}
        body.timer .warn .big{color:var(--warn)}body.timer .danger .big{color:var(--danger)}
        body.timer .over .big{animation:flash 1s steps(2,start) infinite}
        @keyframes flash{to{visibility:hidden}}
        @media (prefers-reduced-motion:reduce){body.timer .over .big{animation:none;text-decoration:underline}}
        a{color:var(--accent)}
        @media (max-width:600px){body{font-size:16px}.hide-small{display:none}.clock{font-size:2em}}
        @media (min-width:1600px){body.board{font-size:max(18px,1.3vw)}body.board main{max-width:none;padding:1vw 4vw}}
        """

    /// The script every view shares; what it draws depends on the view.
    static let script = """
        "use strict";
        const config = JSON.parse(document.getElementById("config").textContent);
        const W = config.words;
        let state = JSON.parse(document.getElementById("state").textContent);
        let received = Date.now() / 1000;
        const app = document.getElementById("app");

        function el(tag, attrs, ...children) {
          const node = document.createElement(tag);
          for (const [key, value] of Object.entries(attrs || {})) {
            if (value === null || value === undefined || value === false) continue;
            if (key.startsWith("on")) node.addEventListener(key.slice(2), value); else node.setAttribute(key, value);
          }
          for (const child of children.flat()) {
            if (child === null || child === undefined || child === false) continue;
            node.append(child instanceof Node ? child : document.createTextNode(String(child)));
          }
          return node;
        }
        function pad(n) { return n < 10 ? "0" + n : String(n); }
        function duration(seconds) {
          const sign = seconds < 0 ? "−" : "";
          seconds = Math.abs(Math.round(seconds));
          const h = Math.floor(seconds / 3600), m = Math.floor(seconds % 3600 / 60), s = seconds % 60;
          return sign + (h > 0 ? h + ":" + pad(m) : String(m)) + ":" + pad(s);
        }
        // A duration reads left to right in every language: 12:05, +1:30.
        function dur(seconds, signed) {
          const text = signed && seconds < 0 ? "+" + duration(-seconds) : duration(seconds);
          return el("bdi", {dir: "ltr", class: "num"}, text);
        }
        function late(minutes) {
          if (minutes > 0) return el("span", {class: "late behind"}, "running ", el("span", {class: "num"}, minutes), " min late");
          if (minutes < 0) return el("span", {class: "late ahead"}, el("span", {class: "num"}, -minutes), " min early");
          return el("span", {class: "late"}, "on time");
        }
        // The running clock, counted on from the last push.
        function clock() {
          const c = state.current;
          if (!c) return null;
          const passed = c.paused ? 0 : Math.max(0, Date.now() / 1000 - received);
          const elapsed = c.elapsed + passed;
          const left = c.length - elapsed;
          let turn = null;
          if (c.turn) {
            const t = c.turn;
            turn = {name: t.name, elapsed: t.elapsed + passed, spoken: t.spoken + passed,
                    left: t.remaining === null ? null : (t.remaining - t.overrun) - passed};
          }
          return {elapsed, left, turn, paused: c.paused};
        }
        function item(index) { return index === null || index === undefined ? null : state.items[index]; }
        function who(it) {
          if (!it) return null;
          if (it.speakers && it.speakers.length) return it.speakers.join(W.listSeparator);
          return it.speakerCount || null;
        }
        function statusLine() {
          switch (state.status) {
            case "not-started": return "Not started";
            case "paused": return "Paused";
            case "between": return "Between sessions";
            case "over": return "Over";
            default: return null;
          }
        }

        // MARK: views

        function board() {
          const now = item(state.current && state.current.item), next = item(state.next);
          const c = clock();
          return [
            el("h1", {}, state.event),
            el("p", {}, state.day ? el("span", {class: "dim"}, state.day, " ") : null, late(state.minutesLate)),
            now ? el("section", {class: "now"},
              el("div", {class: "dim"}, "Now", c && c.paused ? " — Paused" : ""),
              el("div", {class: "title"}, now.title),
              el("div", {class: "dim"}, now.session !== now.title ? now.session : null),
              who(now) ? el("div", {}, who(now)) : null,
              el("div", {class: "num"}, now.time)) : el("p", {class: "dim"}, statusLine()),
            next ? el("p", {}, el("strong", {}, "Next: "), next.title, " ", el("span", {class: "num dim"}, next.time)) : null,
            el("h2", {}, W.programme),
            programme(false)
          ];
        }
        function programme(console) {
          const rows = state.items.map(it => el("tr", {class: it.status},
            el("td", {class: "num"}, it.time, it.delayMinutes !== 0 && it.status !== "skipped"
              ? el("div", {class: "dim"}, it.plannedTime) : null),
            el("td", {class: "t"}, el("div", {}, it.title, it.pinned ? " 📌" : ""),
              it.session !== it.title ? el("div", {class: "dim"}, it.session) : null,
              who(it) ? el("div", {class: "dim"}, who(it)) : null,
              console && it.moderator ? el("div", {class: "dim"}, W.moderator + W.colon + " " + it.moderator) : null),
            el("td", {class: "num hide-small"}, it.status === "skipped" ? "skipped" : (it.delayMinutes > 0 ? "+" + it.delayMinutes : (it.delayMinutes < 0 ? String(it.delayMinutes) : "")))));
          return el("table", {}, el("thead", {}, el("tr", {}, el("th", {}, W.time), el("th", {}, W.segment), el("th", {class: "hide-small"}, W.minutes))), el("tbody", {}, rows));
        }
        function timer() {
          const c = clock(), now = item(state.current && state.current.item);
          if (!c) return [el("div", {class: "what"}, statusLine() || ""), el("div", {class: "big num"}, "—")];
          const left = c.turn && c.turn.left !== null ? c.turn.left : c.left;
          const cls = left <= 0 ? "danger over" : (left <= 120 ? "warn" : "");
          return [el("div", {class: cls},
            el("div", {class: "what"}, c.turn ? c.turn.name : now.title),
            el("div", {class: "big"}, dur(left, true)),
            el("div", {class: "what dim"}, c.paused ? "Paused" : (c.turn ? now.title : "")))];
        }
        const actions = [
          ["start", "Start", "s"], ["next", "Next", "n"], ["previous", "Previous", "b"],
          ["pause", "Pause", "p"], ["addMinutes", "+5", "+"], ["removeMinutes", "−5", "-"], ["skip", "Skip", "k"]
        ];
        function act(action, extra) {
          const body = Object.assign({action}, extra || {});
          if (action === "pause" && state.current && state.current.paused) body.action = "resume";
          if (body.action === "addMinutes" || body.action === "removeMinutes") body.minutes = 5;
          const message = document.getElementById("message");
          return fetch("/api/actions", {method: "POST", headers: {"Content-Type": "application/json", "Authorization": "Bearer " + config.token}, body: JSON.stringify(body)})
            .then(r => r.json().then(j => ({ok: r.ok, j})))
            // A push may bring a later state (another action's) while the answer is on its way:
            // an answer older than what the page shows is not drawn over it.
            .then(({ok, j}) => { if (ok) { if (!(j.actions < state.actions)) show(j); message.textContent = ""; } else { message.textContent = j.error || "refused"; } })
            .catch(() => { message.textContent = "The server cannot be reached."; });
        }
        function consoleView() {
          const c = clock(), now = item(state.current && state.current.item), next = item(state.next);
          const buttons = actions.map(([action, label, key]) => el("button", {class: action === "next" ? "primary" : null, onclick: () => act(action)},
            el("bdi", {dir: "ltr"}, action === "pause" && state.current && state.current.paused ? "Resume" : label), el("kbd", {}, key)));
          const floor = (state.floor || []).map(p => {
            const open = state.current && state.current.turn && state.current.turn.person === p.id;
            return el("button", {onclick: () => act(open ? "endTurn" : "startTurn", {person: p.id}), class: open ? "primary" : null}, (open ? "■ " : "▶ ") + p.name);
          });
          const alerts = [];
          for (const x of state.conflicts || []) alerts.push(el("div", {class: "alert"}, x.title + ": pinned at ", el("span", {class: "num"}, x.pinnedTime), ", what comes before ends ", el("span", {class: "num"}, x.precedingEndTime), " (" + x.minutes + " min)"));
          for (const x of state.brokenCommitments || []) alerts.push(el("div", {class: "alert"}, (x.name ? x.name + ", " : "") + x.title + ": ", el("span", {class: "num"}, x.time), " " + x.timeZone + " (" + x.minutes + " min " + (x.kind === "venue-end" ? "past the venue's end" : "outside working hours") + ")"));
          for (const x of state.laterDays || []) alerts.push(el("div", {class: "alert"}, x.day + " — " + x.title + ": ", el("span", {class: "num"}, x.timeIfCarried), " if the delay were carried (" + x.minutes + " min)"));
          return [
            el("h1", {}, state.event, " — ", W.runOfShow),
            el("p", {}, state.day ? el("span", {class: "dim"}, state.day, " ") : null, late(state.minutesLate)),
            now ? el("section", {class: "now"},
              el("div", {class: "title"}, now.title, c.paused ? " — Paused" : ""),
              who(now) ? el("div", {}, who(now)) : null,
              el("div", {class: "clock"}, W.elapsed + " ", dur(c.elapsed), " · " + W.remaining + " ", dur(c.left, true)),
              c.turn ? el("div", {}, W.floor + W.colon + " " + c.turn.name + " ", dur(c.turn.elapsed),
                c.turn.left !== null ? [" · " + W.remaining + " ", dur(c.turn.left, true)] : null) : null
            ) : el("p", {class: "dim"}, statusLine()),
            next ? el("p", {}, el("strong", {}, "Next: "), next.title, " ", el("span", {class: "num dim"}, next.time)) : null,
            el("div", {class: "buttons"}, buttons),
            floor.length ? el("div", {class: "buttons"}, floor) : null,
            el("div", {id: "message", role: "status"}),
            alerts.length ? el("section", {}, el("h2", {}, "Alerts"), alerts) : null,
            el("h2", {}, W.runOfShow),
            programme(true)
          ];
        }
        function speaker() {
          const you = state.you || {};
          const now = item(state.current && state.current.item), c = clock(), turn = you.nextTurn;
          const parts = [el("h1", {}, you.name || "", " — ", state.event), el("p", {}, late(state.minutesLate))];
          if (turn) {
            const wait = turn.start - (state.now + (Date.now() / 1000 - received));
            parts.push(el("section", {class: "now"},
              el("div", {class: "dim"}, W.yourSegments),
              el("div", {class: "title"}, turn.title),
              el("div", {}, turn.date),
              el("div", {class: "clock num"}, turn.time),
              el("div", {class: "dim"}, W.yourTime + " (" + state.timeZone + ")"),
              you.differentZone ? el("div", {}, W.venueTime + W.colon + " ", el("span", {class: "num"}, turn.venueTime)) : null,
              turn.speakingMinutes ? el("div", {}, W.speakingTime + W.colon + " " + turn.speakingMinutes + " " + W.minutes) : null,
              turn.running ? el("div", {}, "Now") : el("div", {}, "in ", dur(Math.max(0, wait)))));
          }
          for (const check of you.techChecks || []) parts.push(el("p", {}, W.techCheck + W.colon + " ", el("span", {class: "num"}, check.time), check.time !== check.plannedTime ? el("span", {class: "dim"}, " (" + check.plannedTime + ")") : null, " — " + check.title));
          if (you.joinLink) parts.push(el("p", {}, el("a", {href: you.joinLink, rel: "noreferrer noopener", target: "_blank"}, W.joinOnline)));
          if (now) parts.push(el("p", {}, el("strong", {}, "Now: "), now.title, c ? el("span", {class: "dim"}, " " + W.remaining + " ", dur(c.left, true)) : null));
          parts.push(el("h2", {}, W.programme), programme(false));
          return parts;
        }

        // A redraw replaces every button, and a click whose press and release fall on either
        // side of one is lost: while a pointer is held down (two seconds at most) the page waits.
        let heldSince = 0, waiting = false;
        document.addEventListener("pointerdown", () => { heldSince = Date.now(); }, true);
        for (const type of ["pointerup", "pointercancel"]) {
          document.addEventListener(type, () => { heldSince = 0; setTimeout(render, 0); }, true);
        }
        function render() {
          if (heldSince && Date.now() - heldSince < 2000) {
            if (!waiting) { waiting = true; setTimeout(() => { waiting = false; render(); }, 100); }
            return;
          }
          let nodes;
          switch (config.view) {
            case "console": nodes = consoleView(); break;
            case "timer": nodes = timer(); break;
            case "speaker": nodes = speaker(); break;
            default: nodes = board();
          }
          // The button or link that had the keyboard's focus has it again after the redraw.
          const focused = app.contains(document.activeElement) ? document.activeElement.textContent : null;
          app.replaceChildren(...nodes.flat().filter(n => n));
          if (focused !== null) {
            const again = [...app.querySelectorAll("button, a")].find(node => node.textContent === focused);
            if (again) again.focus();
          }
        }
        function show(next) {
          // A page keeps what it typed into the message line across a redraw.
          const message = document.getElementById("message");
          const kept = message ? message.textContent : "";
          state = next; received = Date.now() / 1000; render();
          const again = document.getElementById("message");
          if (again) again.textContent = kept;
        }

        let delay = 1000;
        function connect() {
          const query = new URLSearchParams();
          if (config.token) query.set("token", config.token);
          query.set("lang", config.language);
          const socket = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws?" + query);
          socket.onopen = () => { delay = 1000; document.getElementById("offline").hidden = true; };
          socket.onmessage = event => { try { show(JSON.parse(event.data)); } catch (e) {} };
          socket.onclose = () => {
            document.getElementById("offline").hidden = false;
            setTimeout(connect, delay);
            delay = Math.min(delay * 2, 10000);
          };
        }
        if (config.view === "console") {
          document.addEventListener("keydown", event => {
            if (event.ctrlKey || event.metaKey || event.altKey) return;
            const keys = {s: "start", n: "next", " ": "next", b: "previous", p: "pause", "+": "addMinutes", "=": "addMinutes", "-": "removeMinutes", k: "skip"};
            const action = keys[event.key];
            if (action) { event.preventDefault(); act(action); }
          });
        }
        render();
        setInterval(() => { if (state.current || (state.you && state.you.nextTurn)) render(); }, 500);
        connect();
        """
}
