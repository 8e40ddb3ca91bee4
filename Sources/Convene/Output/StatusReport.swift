/// `convene status`: per person and session, what they last received and what waits to be
/// sent; and `convene history`: every version, to whom, when, and whether it was sent.
public struct StatusReport: Sendable {
    public let event: String
    public let store: String
    public let history: CalendarHistory

    public init(event: String, store: String, history: CalendarHistory) {
        self.event = event
        self.store = store
        self.history = history
    }

    /// The calendar file an entry is in: the public programme, or the person's invitation to
    /// the session.
    static func file(of owner: CalendarOwner, session: SessionID) -> String {
        switch owner {
        case .programme: "event.ics"
        case .person(let id): "invites/\(id.rawValue)/\(session.rawValue).ics"
        }
    }

    static func person(_ owner: CalendarOwner) -> JSONValue {
        switch owner {
        case .programme: .null
        case .person(let id): .id(id)
        }
    }

    static func time(_ seconds: Int64?) -> JSONValue {
        seconds.map { .string(Instant(seconds: $0).description) } ?? .null
    }

    /// The JSON `convene status --json` prints.
    public func json() -> JSONValue {
        let changes = Dictionary(history.changes.map { ($0.version.key, $0) }, uniquingKeysWith: { first, _ in first })
        let entries = history.latest.keys.sorted().compactMap { key -> JSONValue? in
            guard let latest = history.latest[key] else { return nil }
            let sent = history.lastSent[key]
            var pairs: [(String, JSONValue)] = [
                ("person", Self.person(key.owner)), ("calendar", .string(Self.file(of: key.owner, session: latest.entry.session))),
                ("session", .id(latest.entry.session)), ("uid", .string(key.uid)), ("sequence", .int(latest.sequence)),
            ]
            pairs.append(("last_sent", sent.map { .object([("sequence", .int($0.sequence)), ("sent_at", Self.time($0.sentAt)),
                                                           ("cancelled", .bool($0.entry.meaning.cancelled))]) } ?? .null))
            pairs.append(("pending", changes[key].map { change in
                .object([("what", .string(change.what.rawValue)), ("changed", .array(change.changed.map(JSONValue.string))),
                         ("sequence", .int(change.version.sequence)), ("generated_at", Self.time(change.version.generatedAt)),
                         // Handed to the mail program with no outcome recorded: it may have arrived.
                         ("unconfirmed", .bool(change.version.isUnconfirmed)), ("handed_at", Self.time(change.version.handedAt))])
            } ?? .null))
            return .object(pairs)
        }
        let people = history.changes.filter { $0.version.entry.owner != .programme }
        func count(_ what: PendingChange.What) -> JSONValue { .int(people.filter { $0.what == what }.count) }
        return .object([
            ("event", .string(event)), ("store", .string(store)),
            ("pending", .object([("new", count(.new)), ("update", count(.update)), ("cancellation", count(.cancellation)),
                                 ("uninvite", count(.uninvite))])),
            ("entries", .array(entries)),
        ])
    }

    /// One stored answer as `status --json` lists it; `current` tells whether it is the
    /// person's answer now.
    public static func json(_ answer: ReplyAnswer, current: [String: ReplyAnswer]) -> JSONValue {
        .object([
            ("person", .id(answer.person)), ("session", .id(answer.session)), ("uid", .string(answer.uid)), ("method", .string(answer.method)),
            ("answer", .string(answer.word)), ("delegated_to", .optional(answer.delegatedTo)), ("sequence", .int(answer.sequence)),
            ("stamp", time(answer.stamp)), ("proposed_start", time(answer.proposedStart)), ("proposed_end", time(answer.proposedEnd)),
            ("comment", .optional(answer.comment)), ("source", .string(answer.source)), ("received_at", time(answer.receivedAt)),
            ("current", .bool(current[answer.person.rawValue + " " + answer.session.rawValue]?.key == answer.key)),
        ])
    }

    /// The text `convene status` prints: a row per person and session, within 80 columns.
    public func text() -> String {
        var lines = ["Event \(event)", "Store \(store)", ""]
        let changes = Dictionary(history.changes.map { ($0.version.key, $0) }, uniquingKeysWith: { first, _ in first })
        var rows: [[String]] = [["WHO", "SESSION", "LAST SENT", "PENDING"]]
        for key in history.latest.keys.sorted() {
            guard let latest = history.latest[key] else { continue }
            let sent = history.lastSent[key].map { "SEQUENCE \($0.sequence)" + ($0.entry.meaning.cancelled ? " (cancelled)" : "") } ?? "—"
            var pending: String
            if let change = changes[key] {
                switch change.what {
                case .new: pending = key.owner == .programme ? "new event" : "new invite"
                case .update: pending = "update" + (change.changed.isEmpty ? "" : " (\(change.changed.joined(separator: ", ")))")
                case .cancellation: pending = "cancellation"
                case .uninvite: pending = "uninvite"
                }
                if change.version.isUnconfirmed { pending += ", unconfirmed" }
            } else {
                pending = ""
            }
            rows.append([key.owner.description, latest.entry.session.rawValue, sent, pending])
        }
        lines += TextLayout.columns(rows)
        if history.latest.isEmpty { lines.append("Nothing generated yet: convene ics or convene build makes the first versions.") }
        lines.append("")
        lines.append(CalendarHistory.summary(history.changes, invites: history.inviteCount) + ".")
        let unconfirmed = history.changes.filter(\.version.isUnconfirmed).count
        if unconfirmed > 0 {
            lines += TextLayout.wrap("\(unconfirmed == 1 ? "1 message was" : "\(unconfirmed) messages were") handed to the mail program without its outcome being recorded (unconfirmed): convene send sends \(unconfirmed == 1 ? "it" : "them") again with the same UID and SEQUENCE, which a calendar takes for a repeat.", width: 80)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The JSON `convene history --json` prints: every version, oldest first.
    public static func historyJSON(event: String, versions: [CalendarVersion]) -> JSONValue {
        .object([
            ("event", .string(event)),
            ("versions", .array(versions.map { version in
                .object([
                    ("person", person(version.entry.owner)), ("calendar", .string(file(of: version.entry.owner, session: version.entry.session))),
                    ("session", .id(version.entry.session)), ("uid", .string(version.entry.uid)),
                    ("sequence", .int(version.sequence)), ("kind", .string(version.kind.rawValue)),
                    ("changed", .array(version.changed.map(JSONValue.string))),
                    ("start", time(version.entry.meaning.start)), ("end", time(version.entry.meaning.end)),
                    ("generated_at", time(version.generatedAt)), ("sent_at", time(version.sentAt)),
                    ("discarded_at", time(version.discardedAt)), ("imported", .bool(version.isLegacy)),
                ])
            })),
        ])
    }

    /// The text `convene history` prints: one line per version, oldest first.
    public static func historyText(event: String, versions: [CalendarVersion]) -> String {
        var lines = ["History of \(event): \(versions.count) version\(versions.count == 1 ? "" : "s")", ""]
        for version in versions {
            let when = Instant(seconds: version.generatedAt).description
            var line = "\(when)  \(version.entry.owner.description) · \(version.entry.session.rawValue) · SEQUENCE \(version.sequence) · \(version.kind.rawValue)"
            if !version.changed.isEmpty, version.kind == .update { line += " (\(version.changed.joined(separator: ", ")))" }
            lines.append(line)
            var notes: [String] = []
            if version.isLegacy { notes.append("imported from an old output folder") }
            if let sent = version.sentAt { notes.append("sent \(Instant(seconds: sent).description)") }
            if let discarded = version.discardedAt { notes.append("discarded \(Instant(seconds: discarded).description)") }
            if version.isPending { notes.append("pending") }
            lines.append("    " + notes.joined(separator: " · "))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
