import Convene

/// One view of the live day as a self-contained page: its CSS and script inline, nothing
/// loaded from elsewhere, laid out for a phone and a projector alike. The page shows the state
/// it was served with at once, then follows the WebSocket `/ws` (with the view's token), and
/// counts the running clock down between two pushes.
///
/// Every word is in the view's language: the printed sheets' labels (``SheetLabels``) and the
/// live views' own (``LiveWords``), every number in its digits. Arabic, Dari and Pashto pages
/// run right to left.
struct LivePage {
    let viewer: LiveViewer
    /// The stage timer rather than the board (both are the public's view).
    let timer: Bool
    let language: SheetLanguage
    let token: String?
    let state: JSONValue
    /// What goes before the server's own addresses: the path a proxy serves the day under.
    var base = ""

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
        // The door's words are its own page's (DoorPage).
        ] + language.live.texts.filter { !$0.key.hasPrefix("door") }.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.string($0.value)) })
        let title: String
        switch kind {
        case "console": title = labels.runOfShow
        case "speaker": title = labels.briefing
        case "timer": title = labels.time
        default: title = labels.programme
        }
        let config: JSONValue = .object([
            ("view", .string(kind)), ("token", .optional(token)), ("base", .string(base)), ("language", .string(language.rawValue)), ("words", words),
            ("digits", .string(language.digitCharacters)),
            ("languages", .array(SheetLanguage.allCases.map { other in
                .object([("code", .string(other.rawValue)), ("name", .string(other.ownName)), ("dir", .string(SheetLabels.of(other).direction))])
            })),
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
            <div id="offline" hidden>\(Self.escape(language.live.text("offline")))</div>
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
        [dir=rtl] h2{letter-spacing:normal}
        .num{font-variant-numeric:tabular-nums;unicode-bidi:isolate}
        .big .d{display:inline-block;width:.62em;text-align:center}.big .s{display:inline-block;width:.32em;text-align:center}
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
        .part{margin-inline-end:1.2em}
        #message{min-height:1.4em;color:var(--warn)}
        .alert{border-inline-start:4px solid var(--warn);padding:.2em .6em;margin:.3em 0}
        #offline{position:fixed;top:0;inset-inline:0;background:var(--danger);color:#000;text-align:center;padding:.3em;z-index:2}
        body.timer main{display:flex;flex-direction:column;justify-content:center;align-items:center;min-height:100vh;text-align:center}
        body.timer .big{font-size:min(30vw,50vh);font-weight:800;line-height:1}
        body.timer .what{font-size:min(6vw,7vh)}
        body.timer .warn .big{color:var(--warn)}body.timer .danger .big{color:var(--danger)}
        .message{color:var(--warn);font-weight:700;margin:.4em 0}body.timer .message{font-size:min(5vw,6vh)}
        form.line{display:flex;flex-wrap:wrap;gap:.5em;margin:.6em 0}
        form.line input{flex:1;min-width:12em;font:inherit;padding:.6em;border-radius:.5em;border:1px solid #555;background:#000;color:var(--fg)}
        body.timer .over .big{animation:flash 1s steps(2,start) infinite}
        @keyframes flash{to{visibility:hidden}}
        @media (prefers-reduced-motion:reduce){body.timer .over .big{animation:none;text-decoration:underline}}
        a{color:var(--accent)}
        .rehearsal{background:var(--warn);color:#000;padding:.2em .6em;border-radius:.4em;display:inline-block;font-weight:600}
        .wrongday{border-inline-start-color:var(--danger);font-weight:600}
        nav.languages{margin-block-start:2em;color:var(--dim);font-size:.9em;display:flex;flex-wrap:wrap;gap:.4em 1em}
        nav.languages a[aria-current]{color:var(--fg);text-decoration:none;font-weight:600}
        p.keys{color:var(--dim);font-size:.85em}p.keys kbd{margin-inline:.1em .3em;font-size:1em;color:var(--fg)}
        body.timer .rehearsal{position:fixed;top:.5em;inset-inline-start:.5em}
        @media (max-width:600px){body{font-size:16px}.hide-small{display:none}.clock{font-size:2em}}
        @media (min-width:1600px){body.board{font-size:max(18px,1.3vw)}body.board main{max-width:none;padding:1vw 4vw}}
        """

    /// `nd(text)`: every digit of `text` in the page's digits (`config.digits`); the live views
    /// and the door's page share it.
    static let digitsScript = """
        const DIGITS = Array.from(config.digits);
        function nd(text) { return String(text).replace(/[0-9]/g, d => DIGITS[d.charCodeAt(0) - 48]); }
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
        // Every number in the view's digits ("۱۲:۰۵" in Dari, "12:05" in Arabic as its sheets write it).
        \(Self.digitsScript)
        // A text of the view's language with its {placeholders} filled.
        function fill(text, values) { return text.replace(/\\{(\\w+)\\}/g, (all, name) => name in values ? values[name] : all); }
        function pad(n) { return n < 10 ? "0" + n : String(n); }
        function duration(seconds) {
          const sign = seconds < 0 ? "−" : "";
          seconds = Math.abs(Math.round(seconds));
          const h = Math.floor(seconds / 3600), m = Math.floor(seconds % 3600 / 60), s = seconds % 60;
          return sign + (h > 0 ? h + ":" + pad(m) : String(m)) + ":" + pad(s);
        }
        // A duration reads left to right in every language, in its digits: 12:05, +1:30, ۱۲:۰۵.
        function dur(seconds, signed) {
          const text = signed && seconds < 0 ? "+" + duration(-seconds) : duration(seconds);
          return el("bdi", {dir: "ltr", class: "num"}, nd(text));
        }
        // The stage timer's: each digit in a box of its own width, so that the countdown read from
        // afar never jumps, whatever the digits' font.
        function bigDur(seconds) {
          const text = nd(seconds < 0 ? "+" + duration(-seconds) : duration(seconds));
          return el("bdi", {dir: "ltr", class: "num"}, Array.from(text).map(c => el("span", {class: /[:+−]/.test(c) ? "s" : "d"}, c)));
        }
        function late(minutes) {
          if (state.late === null) return null;
          return el("span", {class: minutes > 0 ? "late behind" : (minutes < 0 ? "late ahead" : "late")}, state.late);
        }
        function banner() {
          return state.rehearsal ? el("p", {}, el("span", {class: "rehearsal"}, fill(W.rehearsal, {date: state.rehearsal}))) : null;
        }
        // Links to the same view in every language the sheets are printed in.
        function languages() {
          return el("nav", {class: "languages", "aria-label": W.language}, el("span", {}, W.language + W.colon),
            config.languages.map(l => el("a", {href: "?lang=" + encodeURIComponent(l.code), lang: l.code, dir: l.dir,
              "aria-current": l.code === config.language ? "page" : null}, l.name)));
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
        // Agenda text (a title, a name) in its own direction, whatever the page's, as on the sheets.
        function bdi(text) { return text === null || text === undefined || text === "" ? null : el("bdi", {}, text); }
        function item(index) { return index === null || index === undefined ? null : state.items[index]; }
        function who(it) {
          if (!it) return null;
          if (it.speakers && it.speakers.length) return it.speakers.map(bdi).flatMap((name, i) => i ? [W.listSeparator, name] : [name]);
          return it.speakerCount || null;
        }
        function statusLine() {
          switch (state.status) {
            case "not-started": return W.notStarted;
            case "paused": return W.paused;
            case "between": return W.between;
            case "over": return W.over;
            default: return null;
          }
        }

        // MARK: views

        function board() {
          const now = item(state.current && state.current.item), next = item(state.next);
          const c = clock();
          return [
            banner(),
            el("h1", {}, bdi(state.event)),
            el("p", {}, state.day ? el("span", {class: "dim"}, state.day, " ") : null, late(state.minutesLate)),
            now ? el("section", {class: "now"},
              el("div", {class: "dim"}, W.now, c && c.paused ? " — " + W.paused : ""),
              el("div", {class: "title"}, bdi(now.title)),
              el("div", {class: "dim"}, now.session !== now.title ? bdi(now.session) : null),
              who(now) ? el("div", {}, who(now)) : null,
              el("div", {class: "num"}, now.time)) : el("p", {class: "dim"}, statusLine()),
            next ? el("p", {}, el("strong", {}, W.upNext + W.colon + " "), bdi(next.title), " ", el("span", {class: "num dim"}, next.time)) : null,
            el("h2", {}, W.programme),
            programme(false),
            zones(),
            languages()
          ];
        }
        // The board's times in the venue's zone or, on a viewer's own device, in hers.
        function zones() {
          let own = null;
          try { own = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) {}
          const links = [];
          if (state.timeZone !== state.venueTimeZone) links.push(el("a", {href: "?" + query({zone: null})}, W.venueTime + " (" + state.venueTimeZone + ")"));
          if (own && own !== state.timeZone) links.push(el("a", {href: "?" + query({zone: own})}, W.yourTime + " (" + own + ")"));
          const parts = [state.timeZone];
          for (const link of links) parts.push(" · ", link);
          return el("p", {class: "dim zones"}, parts);
        }
        function query(changes) {
          const q = new URLSearchParams(location.search);
          for (const [key, value] of Object.entries(changes)) { if (value === null) q.delete(key); else q.set(key, value); }
          return q.toString();
        }
        function programme(console) {
          const rows = state.items.map(it => el("tr", {class: it.status},
            el("td", {class: "num"}, it.time, it.delayMinutes !== 0 && it.status !== "skipped"
              ? el("div", {class: "dim"}, it.plannedTime) : null),
            el("td", {class: "t"}, el("div", {}, bdi(it.title), it.pinned ? " 📌" : ""),
              it.session !== it.title ? el("div", {class: "dim"}, bdi(it.session)) : null,
              who(it) ? el("div", {class: "dim"}, who(it)) : null,
              console && it.moderator ? el("div", {class: "dim"}, W.moderator + W.colon + " ", bdi(it.moderator)) : null),
            el("td", {class: "num hide-small"}, it.status === "skipped" ? W.skipped
              : el("bdi", {dir: "ltr"}, it.delayMinutes > 0 ? "+" + nd(it.delayMinutes) : (it.delayMinutes < 0 ? "−" + nd(-it.delayMinutes) : "")))));
          return el("table", {}, el("thead", {}, el("tr", {}, el("th", {}, W.time), el("th", {}, W.segment), el("th", {class: "hide-small"}, W.minutes))), el("tbody", {}, rows));
        }
        function timer() {
          const c = clock(), now = item(state.current && state.current.item);
          const line = state.message ? el("div", {class: "message", role: "status"}, bdi(state.message)) : null;
          if (!c) return [banner(), el("div", {class: "what"}, statusLine() || ""), el("div", {class: "big num"}, "—"), line];
          const left = c.turn && c.turn.left !== null ? c.turn.left : c.left;
          const cur = state.current;
          const cls = left <= 0 ? "danger over" : (left <= cur.danger ? "danger" : (left <= cur.warning ? "warn" : ""));
          return [banner(), el("div", {class: cls},
            el("div", {class: "what"}, bdi(c.turn ? c.turn.name : now.title)),
            el("div", {class: "big"}, bigDur(left)),
            el("div", {class: "what dim"}, c.paused ? W.paused : (c.turn ? bdi(now.title) : ""))), line];
        }
        // The console's actions: the button's words, its key. The keys are the same in every
        // language, and are read by where they are on the keyboard too (event.code), so that they
        // work with an Arabic, Cyrillic or Persian layout.
        const actions = [
          ["start", W.start, "s"], ["next", W.next, "n"], ["previous", W.previous, "b"],
          ["pause", W.pause, "p"], ["addMinutes", "+" + nd(5), "+"], ["removeMinutes", "−" + nd(5), "-"], ["skip", W.skip, "k"]
        ];
        function act(action, extra) {
          const body = Object.assign({action}, extra || {});
          if (action === "pause" && state.current && state.current.paused) body.action = "resume";
          if (body.action === "addMinutes" || body.action === "removeMinutes") body.minutes = 5;
          const message = document.getElementById("message");
          return fetch(config.base + "/api/actions", {method: "POST", headers: {"Content-Type": "application/json", "Authorization": "Bearer " + config.token}, body: JSON.stringify(body)})
            .then(r => r.json().then(j => ({ok: r.ok, j})))
            .then(({ok, j}) => {
              // A push may bring a later state (another action's) while the answer is on its way:
              // an answer older than what the page shows is not drawn over it.
              if (ok) { if (!(j.actions < state.actions)) show(j); message.textContent = ""; return; }
              // The day's reason is the engine's, in English.
              message.replaceChildren(W.refused, j.error ? el("span", {lang: "en", dir: "ltr"}, " " + j.error) : "");
            })
            .catch(() => { message.textContent = W.unreachable; });
        }
        // Moving a later session: made once and kept across redraws, so what is typed stays.
        const move = {};
        // A sentence of the labels with nodes where its {placeholders} are.
        function fillNodes(template, values) {
          const parts = [], pattern = /\\{(\\w+)\\}/g;
          let last = 0, match;
          while ((match = pattern.exec(template))) { parts.push(template.slice(last, match.index), values[match[1]] || ""); last = pattern.lastIndex; }
          parts.push(template.slice(last));
          return parts;
        }
        function moveControl() {
          if (!move.box) {
            move.session = el("select", {"aria-label": W.sessionLabel});
            move.minutes = el("input", {type: "number", value: "30", min: "-1440", max: "1440", step: "5", "aria-label": W.minutes, style: "width:5em"});
            move.later = el("input", {type: "checkbox"});
            move.box = el("div", {class: "buttons", id: "move"}, fillNodes(W.moveSentence, {session: move.session, minutes: move.minutes}),
              el("label", {}, move.later, " " + W.moveLater),
              el("button", {onclick: () => act("moveSession", {session: move.session.value, minutes: parseInt(move.minutes.value, 10) || 0, later: move.later.checked})}, W.moveButton),
              el("button", {onclick: () => act("carryDelay")}, W.carryDelay));
          }
          const started = new Set(state.items.filter(i => i.status === "done" || i.status === "running").map(i => i.sessionId));
          const open = [];
          for (const i of state.items) if (!started.has(i.sessionId) && !open.some(o => o.id === i.sessionId)) open.push({id: i.sessionId, title: i.session, time: i.time});
          const ids = open.map(o => o.id).join(" ");
          if (move.ids !== ids) {
            move.ids = ids;
            move.session.replaceChildren(...open.map(o => el("option", {value: o.id}, o.title + " (" + o.time + ")")));
          }
          return open.length ? move.box : null;
        }
        function consoleView() {
          const c = clock(), now = item(state.current && state.current.item), next = item(state.next);
          const buttons = actions.map(([action, label, key]) => el("button", {class: action === "next" ? "primary" : null, onclick: () => act(action),
              title: action === "addMinutes" ? W.addMinutes : (action === "removeMinutes" ? W.removeMinutes : null)},
            // "+5" and "−5" read left to right in every language, as a duration does.
            el("bdi", /^[+−]/.test(label) ? {dir: "ltr"} : {}, action === "pause" && state.current && state.current.paused ? W.resume : label), el("kbd", {}, key)));
          const floor = (state.floor || []).map(p => {
            const open = state.current && state.current.turn && state.current.turn.person === p.id;
            return el("button", {onclick: () => act(open ? "endTurn" : "startTurn", {person: p.id}), class: open ? "primary" : null}, open ? "■ " : "▶ ", bdi(p.name));
          });
          const alerts = [];
          if (state.wrongDay) alerts.push(el("div", {class: "alert wrongday", id: "wrong-day"}, state.wrongDay.text));
          for (const x of [].concat(state.conflicts || [], state.brokenCommitments || [], state.laterDays || [])) alerts.push(el("div", {class: "alert"}, x.text));
          const keys = el("p", {class: "keys"}, W.keys + W.colon + " ",
            actions.map(([action, label, key]) => el("span", {class: "part"}, el("kbd", {}, key), action === "next" ? ["/", el("kbd", {}, "␣")] : null,
              action === "addMinutes" ? W.addMinutes : (action === "removeMinutes" ? W.removeMinutes : label))));
          return [
            banner(),
            el("h1", {}, bdi(state.event), " — ", W.runOfShow),
            el("p", {}, state.day ? el("span", {class: "dim"}, state.day, " ") : null, late(state.minutesLate)),
            now ? el("section", {class: "now"},
              el("div", {class: "title"}, bdi(now.title), c.paused ? " — " + W.paused : ""),
              who(now) ? el("div", {}, who(now)) : null,
              // No middle dot between the two: beside a Dari or Pashto zero (۰, a dot) it would misread.
              el("div", {class: "clock"}, el("span", {class: "part"}, W.elapsed + " ", dur(c.elapsed)), el("span", {class: "part"}, W.remaining + " ", dur(c.left, true))),
              c.turn ? el("div", {}, el("span", {class: "part"}, W.floor + W.colon + " ", bdi(c.turn.name), " ", dur(c.turn.elapsed)),
                c.turn.left !== null ? el("span", {class: "part"}, W.remaining + " ", dur(c.turn.left, true)) : null) : null
            ) : el("p", {class: "dim"}, statusLine()),
            next ? el("p", {}, el("strong", {}, W.upNext + W.colon + " "), bdi(next.title), " ", el("span", {class: "num dim"}, next.time)) : null,
            el("div", {class: "buttons"}, buttons),
            floor.length ? el("div", {class: "buttons"}, floor) : null,
            el("div", {id: "message", role: "status"}),
            el("form", {class: "line", onsubmit: event => { event.preventDefault(); act("message", {text: event.target.elements.text.value}).then(() => { draft = null; }); }},
              el("input", {name: "text", maxlength: "140", dir: "auto", placeholder: W.messagePlaceholder,
                           value: draft !== null ? draft : (state.message || ""), oninput: event => { draft = event.target.value; }}),
              el("button", {type: "submit"}, W.showOnTimer),
              state.message ? el("button", {type: "button", onclick: () => { draft = null; act("message", {text: ""}); }}, W.clearMessage) : null),
            el("p", {}, el("a", {href: config.base + "/door/" + config.token}, W.checkIn)),
            alerts.length ? el("section", {}, el("h2", {}, W.alerts), alerts) : null,
            moveControl(),
            el("h2", {}, W.runOfShow),
            programme(true),
            keys
          ];
        }
        function speaker() {
          const you = state.you || {};
          const now = item(state.current && state.current.item), c = clock(), turn = you.nextTurn;
          const parts = [banner(), el("h1", {}, bdi(you.name), " — ", bdi(state.event)), el("p", {}, late(state.minutesLate))];
          if (turn) {
            const wait = turn.start - (state.now + (Date.now() / 1000 - received));
            parts.push(el("section", {class: "now"},
              el("div", {class: "dim"}, W.yourSegments),
              el("div", {class: "title"}, bdi(turn.title)),
              el("div", {}, turn.date),
              el("div", {class: "clock num"}, turn.time),
              el("div", {class: "dim"}, W.yourTime + " (" + (you.zoneTime || state.timeZone) + ")"),
              you.differentZone ? el("div", {}, W.venueTime + W.colon + " ", el("span", {class: "num"}, turn.venueTime)) : null,
              turn.speakingMinutes ? el("div", {}, W.speakingTime + W.colon + " " + turn.speaking) : null,
              turn.running ? el("div", {}, W.now) : (state.asPlanned ? null : el("div", {}, fillNodes(W.inTime, {time: dur(Math.max(0, wait))})))));
          }
          for (const check of you.techChecks || []) parts.push(el("p", {}, W.techCheck + W.colon + " ", el("span", {class: "num"}, check.time), check.time !== check.plannedTime ? el("span", {class: "dim"}, " (" + check.plannedTime + ")") : null, " — ", bdi(check.title)));
          if (you.joinLink) parts.push(el("p", {}, el("a", {href: you.joinLink, rel: "noreferrer noopener", target: "_blank"}, W.joinOnline)));
          if (state.message) parts.push(el("p", {class: "message", role: "status"}, bdi(state.message)));
          if (now) parts.push(el("p", {}, el("strong", {}, W.now + W.colon + " "), bdi(now.title), c ? el("span", {class: "dim"}, " " + W.remaining + " ", dur(c.left, true)) : null));
          parts.push(el("h2", {}, W.programme), programme(false), languages());
          return parts;
        }

        // What the moderator is typing into the message line, kept across redraws.
        let draft = null;
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
          // The control that had the keyboard's focus has it again after the redraw: the same
          // field or list (kept across redraws), the message line where the caret was, or the
          // button or link of the same words.
          const active = app.contains(document.activeElement) ? document.activeElement : null;
          const selection = active && active.name === "text" ? [active.selectionStart, active.selectionEnd] : null;
          const focused = active ? active.textContent : null;
          app.replaceChildren(...nodes.flat().filter(n => n));
          if (active) {
            if (app.contains(active)) active.focus();
            else if (selection) {
              const input = document.querySelector("form.line input");
              if (input) { input.focus(); input.setSelectionRange(selection[0], selection[1]); }
            } else {
              const again = [...app.querySelectorAll("button, a")].find(node => node.textContent === focused);
              if (again) again.focus();
            }
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
          const zone = new URLSearchParams(location.search).get("zone");
          if (zone) query.set("zone", zone);
          const socket = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + config.base + "/ws?" + query);
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
            if (event.target.closest && event.target.closest("#move")) return;
            const keys = {s: "start", n: "next", " ": "next", b: "previous", p: "pause", "+": "addMinutes", "=": "addMinutes", "-": "removeMinutes", k: "skip"};
            // Typing a message line is not a shortcut.
            if (event.target && ["INPUT", "TEXTAREA", "SELECT"].includes(event.target.tagName)) return;
            const codes = {KeyS: "start", KeyN: "next", Space: "next", KeyB: "previous", KeyP: "pause", Equal: "addMinutes", NumpadAdd: "addMinutes",
                           Minus: "removeMinutes", NumpadSubtract: "removeMinutes", KeyK: "skip"};
            const action = keys[event.key.toLowerCase()] || codes[event.code];
            if (action) { event.preventDefault(); act(action); }
          });
        }
        render();
        setInterval(() => {
          if (move.box && move.box.contains(document.activeElement)) return;
          if (state.current || (state.you && state.you.nextTurn)) render();
        }, 500);
        connect();
        """
}
