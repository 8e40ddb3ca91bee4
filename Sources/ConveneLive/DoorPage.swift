import Convene

/// The door's check-in page, `/door/TOKEN` (also the console's check-in panel, opened with the
/// console's token): one session's list with a search box, a tap marking a person present or
/// not, the counts at the top, and the people who came without being on the list counted by
/// gender. Self-contained like the other views (``LivePage``), laid out for a phone; it shows
/// the check-in it was served with, then follows `/ws/checkin`. Its words are the `door…` texts
/// of the labels' `live:` section in the page's language, its numbers in that language's digits.
struct DoorPage {
    let token: String
    let state: JSONValue
    let language: SheetLanguage
    /// What goes before the server's own addresses: the path a proxy serves the day under.
    var base = ""

    func html() -> String {
        let live = language.live, labels = SheetLabels.of(language)
        let config: JSONValue = .object([("token", .string(token)), ("base", .string(base)), ("words", words),
                                         ("digits", .string(language.digitCharacters))])
        return """
            <!doctype html>
            <html lang="\(language.rawValue)" dir="\(labels.direction == "rtl" ? "rtl" : "ltr")">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="referrer" content="no-referrer">
            <title>\(LivePage.escape(live.text("doorTitle"))) — convene live</title>
            <style>\(LivePage.css)\(Self.css)</style>
            </head>
            <body class="door">
            <div id="offline" hidden>\(LivePage.escape(live.text("offline")))</div>
            <main>
            <h1 id="event"></h1>
            <label class="dim" for="session">\(LivePage.escape(live.text("sessionLabel")))</label>
            <select id="session"></select>
            <p id="counts" class="counts num" role="status"></p>
            <input id="search" type="search" placeholder="\(LivePage.escape(live.text("doorSearch")))" autocomplete="off" autocapitalize="off" spellcheck="false">
            <div id="message" role="alert"></div>
            <ul id="people"></ul>
            <h2>\(LivePage.escape(live.text("doorNotOnList")))</h2>
            <div id="unlisted"></div>
            </main>
            <script id="state" type="application/json">\(LivePage.scriptSafe(state.serialized()))</script>
            <script id="config" type="application/json">\(LivePage.scriptSafe(config.serialized()))</script>
            <script>\(Self.script)</script>
            </body>
            </html>

            """
    }

    /// The words the page's script shows, by the names it uses.
    var words: JSONValue {
        let live = language.live
        let names = [("counts", "doorCounts"), ("unlistedCount", "doorUnlistedCount"), ("nobody", "doorNobody"),
                     ("unreachable", "doorUnreachable"), ("refused", "refused"), ("speaker", "doorSpeaker"), ("moderator", "doorModerator"),
                     ("participant", "doorParticipant"), ("woman", "doorWomen"), ("man", "doorMen"), ("non-binary", "doorNonBinary"),
                     ("undisclosed", "doorUndisclosed"), ("present", "doorPresent"), ("absent", "doorAbsent"),
                     ("oneFewer", "doorOneFewer"), ("oneMore", "doorOneMore")]
        // Placeholders are left for the script to fill.
        return .object(names.map { ($0.0, .string(live.texts[$0.1] ?? "")) } + [("listSeparator", .string(SheetLabels.of(language).listSeparator))])
    }

    static let css = """
        select,input{font:inherit;width:100%;padding:.6em;margin:.3em 0;border-radius:.5em;border:1px solid #555;background:#222;color:var(--fg)}
        .counts{font-size:1.3em;font-weight:600}
        ul#people{list-style:none;margin:0;padding:0}
        ul#people li{margin:.3em 0}
        ul#people button{width:100%;text-align:start;display:flex;justify-content:space-between;gap:.5em;min-height:3em}
        ul#people button.present{background:#12381e;border-color:var(--ok)}
        ul#people button .mark{font-weight:700}
        .row{display:flex;align-items:center;gap:.5em;margin:.3em 0}.row span.name{flex:1}
        .row button{min-width:3em}
        """

    static let script = """
        "use strict";
        let state = JSON.parse(document.getElementById("state").textContent);
        const config = JSON.parse(document.getElementById("config").textContent), W = config.words;
        const $ = id => document.getElementById(id);
        let chosen = state.current || (state.sessions[0] && state.sessions[0].id) || null;
        // Every number in the page's digits.
        \(LivePage.digitsScript)
        function el(tag, attrs, ...children) {
          const node = document.createElement(tag);
          for (const [k, v] of Object.entries(attrs || {})) { if (v === null || v === undefined) continue; if (k.startsWith("on")) node[k] = v; else node.setAttribute(k, v); }
          for (const c of children.flat()) { if (c !== null && c !== undefined) node.append(c); }
          return node;
        }
        // Search without case or accents: "olena" finds "Олена"'s Latin spelling, "jose" "José".
        const fold = text => text.normalize("NFD").replace(/[\\u0300-\\u036f]/g, "").toLowerCase();
        function session() { return state.sessions.find(s => s.id === chosen) || state.sessions[0]; }
        const auth = {"Authorization": "Bearer " + config.token};
        // After a refusal (another device changed the count), the page reads the check-in again.
        function reload() {
          return fetch(config.base + "/api/checkin", {headers: auth}).then(r => r.ok ? r.json() : null).then(j => { if (j) show(j); }).catch(() => {});
        }
        function post(body) {
          return fetch(config.base + "/api/checkin", {method: "POST", headers: Object.assign({"Content-Type": "application/json"}, auth), body: JSON.stringify(body)})
            .then(r => r.json().then(j => ({ok: r.ok, j})))
            .then(({ok, j}) => { if (ok) { $("message").textContent = ""; show(j); } else { $("message").textContent = W.refused + (j.error ? " " + j.error : ""); return reload(); } })
            .catch(() => { $("message").textContent = W.unreachable; });
        }
        function render() {
          $("event").textContent = state.event;
          // The list of sessions is rebuilt only when it changes: a push must not close it open.
          const select = $("session"), options = JSON.stringify(state.sessions.map(s => [s.id, s.title, s.time]));
          if (select.dataset.options !== options) {
            select.replaceChildren(...state.sessions.map(s => el("option", {value: s.id}, s.title + " · " + s.time)));
            select.dataset.options = options;
          }
          select.value = chosen;
          const s = session();
          if (!s) { $("counts").textContent = ""; $("people").replaceChildren(); $("unlisted").replaceChildren(); return; }
          chosen = s.id;
          $("counts").textContent = W.counts.replace("{present}", nd(s.present)).replace("{expected}", nd(s.expected))
            + (s.unlistedTotal ? " · " + W.unlistedCount.replace("{n}", nd(s.unlistedTotal)) : "");
          const wanted = fold($("search").value.trim());
          const shown = s.people.filter(p => !wanted || fold(p.name).includes(wanted));
          $("people").replaceChildren(...(shown.length ? shown.map(p => el("li", {},
            el("button", {class: p.present ? "present" : null, "aria-pressed": p.present ? "true" : "false",
                          onclick: () => post({session: s.id, person: p.id, present: !p.present})},
              el("span", {}, el("bdi", {}, p.name), el("span", {class: "dim"}, " · ", W[p.role] || p.role,
                p.organization ? [W.listSeparator, el("bdi", {}, p.organization)] : null)),
              el("span", {class: "mark"}, p.present ? "✓ " + W.present : W.absent)))) : [el("li", {class: "dim"}, W.nobody)]));
          $("unlisted").replaceChildren(...state.genders.map(g => {
            const count = s.unlisted[g] || 0;
            return el("div", {class: "row"}, el("span", {class: "name"}, W[g] || g),
              el("button", {onclick: () => post({session: s.id, unlisted: g, count: Math.max(0, count - 1), expected: count}), "aria-label": W.oneFewer}, "−"),
              el("span", {class: "num"}, nd(count)),
              el("button", {onclick: () => post({session: s.id, unlisted: g, count: count + 1, expected: count}), "aria-label": W.oneMore}, "+"));
          }));
        }
        function show(next) { state = next; render(); }
        $("session").onchange = event => { chosen = event.target.value; render(); };
        $("search").oninput = render;
        let delay = 1000;
        function connect() {
          const socket = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + config.base + "/ws/checkin?token=" + encodeURIComponent(config.token));
          socket.onopen = () => { delay = 1000; $("offline").hidden = true; };
          socket.onmessage = event => { try { show(JSON.parse(event.data)); } catch (e) {} };
          socket.onclose = () => { $("offline").hidden = false; setTimeout(connect, delay); delay = Math.min(delay * 2, 10000); };
        }
        render();
        connect();
        """
}
