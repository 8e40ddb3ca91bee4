/// `convene times`: every segment in venue time and UTC, and in the local time of each person
/// who takes part online, with what they may mind about it.
public struct TimesReport: Sendable {
    public struct Row: Sendable {
        public var session: TimedSession
        public var segment: TimedSegment
        public var venueStart: ZonedTime
        public var venueEnd: ZonedTime
        /// Online participants of the session, in agenda order.
        public var local: [LocalView]
    }

    public let timeline: Timeline
    public let rows: [Row]

    /// Reads every time off `timeline`.
    public init(timeline: Timeline, zones: ZoneDirectory) throws {
        self.timeline = timeline
        let agenda = timeline.agenda
        let resolver = Resolver(zones: zones)
        var rows: [Row] = []
        for session in timeline.sessions {
            guard let venueDate = session.session.date else { continue }
            let online = session.roles.onlineParticipants.compactMap(agenda.person)
            for segment in session.segments {
                rows.append(Row(
                    session: session, segment: segment,
                    venueStart: try zones.zonedTime(segment.start, in: agenda.timeZone),
                    venueEnd: try zones.zonedTime(segment.end, in: agenda.timeZone),
                    local: try online.map { try resolver.localView(of: $0, from: segment.start, to: segment.end, venueDate: venueDate, in: agenda) }))
            }
        }
        self.rows = rows
    }

    /// The JSON docs/commands.md specifies.
    public func json() -> JSONValue {
        .object([
            ("event", .string(timeline.agenda.id)),
            ("timezone", .string(timeline.agenda.timeZone)),
            ("tzdata", .string(timeline.tzdata)),
            ("segments", .array(rows.map { row in
                .object([
                    ("session", .id(row.session.id)),
                    ("index", .int(row.segment.index)),
                    ("title", .string(row.segment.segment.title)),
                    ("start", .string(row.venueStart.rfc3339)),
                    ("end", .string(row.venueEnd.rfc3339)),
                    ("start_utc", .string(row.segment.start.description)),
                    ("local", .object(row.local.map { view in
                        (view.person.rawValue, .object([
                            ("timezone", .string(view.timeZone)),
                            ("start", .string(view.start.rfc3339)),
                            ("end", .string(view.end.rfc3339)),
                            ("flags", .array(view.flags.map { .string($0.rawValue) })),
                        ]))
                    })),
                ])
            })),
        ])
    }

    /// A plain-text world clock, at most `width` columns wide: per segment, the venue time and
    /// UTC, then a line for each online person.
    public func text(width: Int = 80) -> String {
        let agenda = timeline.agenda
        var lines = [agenda.title, "Venue time: \(agenda.timeZone) · tzdata \(timeline.tzdata)"]
        var currentSession: SessionID?
        for row in rows {
            if row.session.id != currentSession {
                currentSession = row.session.id
                let date = row.venueStart.date
                lines.append("")
                lines.append(fit("\(row.session.session.title) — \(date.weekday.name) \(date)", width))
            }
            let utcStart = ZonedTime.utc(row.segment.start).clock
            let utcEnd = ZonedTime.utc(row.segment.end).clock
            let head = "  \(row.venueStart.clock)–\(row.venueEnd.clock)  "
            let utc = "  UTC \(utcStart)–\(utcEnd)"
            lines.append(head + fit(row.segment.segment.title, width - head.count - utc.count).padding(width - head.count - utc.count) + utc)
            for view in row.local {
                let name = agenda.person(view.person)?.name ?? view.person.rawValue
                let indent = String(repeating: " ", count: 15)
                let line = indent + fit(name, 24).padding(24) + "  \(view.start.clock)–\(view.end.clock)  " + view.timeZone
                let flags = view.flags.isEmpty ? "" : "(" + view.flags.map(\.rawValue).joined(separator: ", ") + ")"
                if flags.isEmpty {
                    lines.append(line)
                } else if line.displayWidth + 1 + flags.displayWidth <= width {
                    lines.append(line + " " + flags)
                } else {
                    lines.append(line)
                    lines.append(indent + String(repeating: " ", count: 26) + flags)
                }
            }
        }
        if rows.isEmpty { lines.append(""); lines.append("No scheduled sessions yet.") }
        return lines.map { String($0.prefix(width)) }.joined(separator: "\n") + "\n"
    }

    private func fit(_ text: String, _ width: Int) -> String {
        guard width > 1 else { return "" }
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        return flat.displayWidth <= width ? flat : String(flat.prefix(max(0, width - 1))) + "…"
    }
}

extension Weekday {
    /// The English day name.
    public var name: String {
        switch self {
        case .mon: "Monday"
        case .tue: "Tuesday"
        case .wed: "Wednesday"
        case .thu: "Thursday"
        case .fri: "Friday"
        case .sat: "Saturday"
        case .sun: "Sunday"
        }
    }
}

extension String {
    /// Padded with spaces to `width` display columns.
    func padding(_ width: Int) -> String {
        self + String(repeating: " ", count: max(0, width - displayWidth))
    }
}
