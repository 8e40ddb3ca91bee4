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

    /// A plain-text world clock, at most `width` display columns wide: per segment, the venue
    /// time and UTC, then a line for each online person. Nothing is cut: titles, names and
    /// flags wrap within their columns. A span that ends on a later day carries a day mark,
    /// and a local span on another date than the venue's carries its date.
    public func text(width: Int = 80) -> String {
        let width = max(width, Self.minimumWidth)
        let agenda = timeline.agenda
        let words = SheetLanguage.en
        var lines = TextLayout.wrap(agenda.title, width: width)
        lines += TextLayout.wrap("Venue time: \(agenda.timeZone) · tzdata \(timeline.tzdata)", width: width, rest: "  ")
        // People's lines: indented under the segment's title, names in a column of their own.
        let indent = width >= 64 ? 15 : 4
        let nameWidth = min(24, max(10, (width - indent) / 2 - 2))
        var currentSession: SessionID?
        for row in rows {
            if row.session.id != currentSession {
                currentSession = row.session.id
                let date = row.venueStart.date
                lines.append("")
                let followUp = row.session.session.followUp ? " · follow-up, online" : ""
                lines += TextLayout.wrap("\(row.session.session.title) — \(date.weekday.name) \(date)\(followUp)", width: width, rest: "  ")
            }
            let head = "  \(words.span(row.venueStart, row.venueEnd))  "
            let utc = "UTC " + words.span(.utc(row.segment.start), .utc(row.segment.end))
            let titleWidth = width - head.displayWidth - 2 - utc.displayWidth
            let pad = String(repeating: " ", count: head.displayWidth)
            if titleWidth >= 12 {
                let title = TextLayout.wrap(row.segment.segment.title, width: titleWidth)
                lines.append(head + (title.first ?? "").padding(titleWidth) + "  " + utc)
                lines += title.dropFirst().map { pad + $0 }
            } else {
                lines += TextLayout.wrap(row.segment.segment.title, width: width, first: head, rest: pad)
                lines.append(pad + utc)
            }
            for view in row.local {
                lines += localLines(view, venueDate: row.venueStart.date, width: width, indent: indent, nameWidth: nameWidth)
            }
        }
        if rows.isEmpty { lines.append(""); lines.append("No scheduled sessions yet.") }
        return lines.map(\.trimmingTrailingSpaces).joined(separator: "\n") + "\n"
    }

    /// The narrowest `text(width:)` lays out for.
    public static let minimumWidth = 40

    /// One online person's lines: name, local span (dated when not the venue's date), zone, flags.
    private func localLines(_ view: LocalView, venueDate: LocalDate, width: Int, indent: Int, nameWidth: Int) -> [String] {
        let lead = String(repeating: " ", count: indent)
        let name = timeline.agenda.person(view.person)?.name ?? view.person.rawValue
        let names = TextLayout.wrap(name, width: nameWidth)
        let detail = view.spanAndZone(venueDate: venueDate)
        let flags = view.flags.isEmpty ? "" : "(" + view.flags.map(\.rawValue).joined(separator: ", ") + ")"
        // Two columns: the name, and beside it the time, zone and flags, each wrapped in its own.
        let available = width - indent - nameWidth - 2
        var right = detail.displayWidth <= available ? [detail] : TextLayout.wrap(detail, width: available, rest: " ")
        if !flags.isEmpty {
            if let last = right.last, last.displayWidth + 1 + flags.displayWidth <= available {
                right[right.count - 1] = last + " " + flags
            } else {
                right += TextLayout.wrap(flags, width: available, rest: " ")
            }
        }
        var lines: [String] = []
        for index in 0..<max(names.count, right.count) {
            let left = index < names.count ? names[index] : ""
            lines.append(lead + (index < right.count ? left.padding(nameWidth) + "  " + right[index] : left))
        }
        return lines
    }
}

extension LocalView {
    /// The local span as the terminal reports write it: day-marked, dated when it is not on
    /// the venue's date, then the zone: "00:15–00:20 Wed 2027-03-17  Asia/Jakarta".
    func spanAndZone(venueDate: LocalDate) -> String {
        var time = SheetLanguage.en.span(start, end)
        if start.date != venueDate { time += " \(start.date.weekday.name.prefix(3)) \(start.date)" }
        return time + "  " + timeZone
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
