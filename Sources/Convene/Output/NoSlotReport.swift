/// `convene slots` when nothing suits everyone: the `why_none` JSON, and the text that says
/// which window everyone shares, whose hours or calendars close it, and what would open one.
extension NoSlotExplanation {
    /// The `why_none` object docs/commands.md specifies.
    public func json() -> JSONValue {
        .object([
            ("cause", .string(cause.rawValue)),
            ("session_minutes", .int(sessionMinutes)),
            ("people", .int(people)),
            ("longest_shared_minutes", .int(longestSharedMinutes)),
            ("days", .array(days.map { day in
                .object([
                    ("date", .string(day.date.description)),
                    ("windows", .array(day.windows.map { window in
                        .object([
                            ("start", .string(window.venueStart.rfc3339)),
                            ("end", .string(window.venueEnd.rfc3339)),
                            ("start_utc", .string(window.start.description)),
                            ("end_utc", .string(window.end.description)),
                            ("minutes", .int(window.minutes)),
                            ("opened_by", .array(window.openedBy.map(Self.json))),
                            ("closed_by", .array(window.closedBy.map(Self.json))),
                            ("free_minutes", .int(window.freeMinutes)),
                            ("busy", .array(window.busy.map { .id($0) })),
                            ("incomplete", .array(window.incomplete.map { .id($0) })),
                        ])
                    })),
                    ("off", .array(day.off.map { .object(Self.fields($0)) })),
                ])
            })),
            ("binding", .array(binding.map { .object(Self.fields($0.group) + [("reason", .string($0.reason.rawValue))]) })),
            ("suggestions", .array(suggestions.map { suggestion in
                .object([
                    ("kind", .string(suggestion.kind.rawValue)),
                    ("start", .string(suggestion.venueStart.rfc3339)),
                    ("end", .string(suggestion.venueEnd.rfc3339)),
                    ("start_utc", .string(suggestion.start.description)),
                    ("minutes", .int(suggestion.minutes)),
                    ("step", suggestion.step.map(JSONValue.int) ?? .null),
                    ("asks", .array(suggestion.asks.map { ask in
                        .object(Self.fields(ask.group) + [
                            ("start", .string(ask.localStart.rfc3339)),
                            ("end", .string(ask.localEnd.rfc3339)),
                            ("before_minutes", .int(ask.before)),
                            ("after_minutes", .int(ask.after)),
                            ("outside_minutes", .int(ask.outsideMinutes)),
                            ("busy_start", ask.busyStart.map { .string($0.rfc3339) } ?? .null),
                            ("busy_end", ask.busyEnd.map { .string($0.rfc3339) } ?? .null),
                            ("incomplete", .bool(ask.incomplete)),
                        ])
                    })),
                ])
            })),
            ("later_days", .int(laterDays)),
        ])
    }

    private static func fields(_ group: Group) -> [(String, JSONValue)] {
        [("people", .array(group.people.map { .id($0) })), ("timezone", .string(group.timeZone)), ("in_person", .bool(group.inPerson)),
         ("working_hours", .string(group.workingHours.description)), ("working_days", .array(group.workingDays.map { .string($0.rawValue) }))]
    }

    private static func json(_ edge: Edge) -> JSONValue {
        .object(fields(edge.group) + [("at", .string(edge.local.rfc3339)), ("hours_edge", .bool(edge.isHoursEdge))])
    }

    // MARK: Text

    /// The explanation as lines of at most `width` display columns (names and all wrap,
    /// never cut), for `convene slots` after its header.
    public func text(agenda: Agenda, to: LocalDate, step: Int, width: Int) -> [String] {
        let wording = SlotsWording(agenda: agenda, width: width)
        var lines = wording.wrap(headline(wording, step: step))
        if !days.isEmpty {
            lines.append("")
            lines += wording.wrap("Working time everyone shares (in UTC and on the venue's clock):")
            lines += dayLines(wording)
        }
        lines.append("")
        if suggestions.isEmpty {
            lines += wording.wrap("No one change opens a slot: widen --from/--to, or relax more than one constraint.")
        } else {
            lines.append("What would make a slot possible:")
            for suggestion in suggestions { lines += wording.wrap(describe(suggestion, wording), first: "  - ", rest: "    ") }
        }
        if laterDays > 0, !suggestions.contains(where: { $0.kind == .anotherDay }) {
            lines += wording.wrap("No other day: nothing suits everyone in the \(laterDays) days after \(to) either.")
        }
        return lines
    }

    private func headline(_ wording: SlotsWording, step: Int) -> String {
        let session = Minutes(sessionMinutes)
        switch cause {
        case .workingHours where longestSharedMinutes > 0:
            return (people == 1 ? "The working hours of the one person who must take part are" : "The working hours \(Wording.all(people, "people", one: "person")) share are")
                + " shorter than the session (\(session)): at most \(Minutes(longestSharedMinutes)) on any day."
        case .workingHours:
            return "The working hours of the \(people) people never meet: no moment of the search is within everyone's hours."
        case .workingDays:
            return "No day of the search is a working day for everyone."
        case .calendars:
            let owners = binding.map { wording.names($0.group.people) + "'s calendar" + ($0.reason == .calendarIncomplete ? ", not fully read" : "") }
            return "Working hours leave time for the session (\(session)), but calendars close it: \(wording.list(owners))."
        case .step:
            return "A stretch free for everyone is long enough for the session (\(session)), but no start every \(Minutes(step)) falls in it."
        }
    }

    /// A block per kind of day: days that read the same told once (as a run of days, or as
    /// how many days between the first and the last); of more than seven blocks, the seven
    /// with the longest windows, in date order.
    private func dayLines(_ wording: SlotsWording) -> [String] {
        var blocks: [(body: [String], dates: [LocalDate], runs: Int, longest: Int)] = []
        for day in days {
            let body = dayBody(day, wording)
            if let index = blocks.firstIndex(where: { $0.body == body }) {
                if blocks[index].dates.last?.adding(days: 1) != day.date { blocks[index].runs += 1 }
                blocks[index].dates.append(day.date)
            } else {
                blocks.append((body, [day.date], 1, day.windows.map(\.minutes).max() ?? -1))
            }
        }
        let shown = blocks.enumerated().sorted { ($1.element.longest, $0.offset) < ($0.element.longest, $1.offset) }
            .prefix(7).sorted { $0.offset < $1.offset }.map(\.element)
        var lines: [String] = []
        for block in shown {
            guard let first = block.dates.first, let last = block.dates.last else { continue }
            let span = "\(first.weekday.name) \(first)" + (last == first ? "" : " to \(last.weekday.name) \(last)")
            let label = block.runs == 1 ? span : "\(block.dates.count) days from " + span
            if block.body.count == 1, block.body[0].hasPrefix("no ") {
                lines += wording.wrap(label + ": " + block.body[0], first: "  ", rest: "    ")
            } else {
                lines += wording.wrap(label, first: "  ", rest: "    ")
                for line in block.body {
                    let top = !line.hasPrefix(" ")
                    lines += wording.wrap(line.trimmingSpaces, first: top ? "    " : "      ", rest: top ? "      " : "        ")
                }
            }
        }
        if blocks.count > shown.count {
            let rest = days.count - shown.reduce(0) { $0 + $1.dates.count }
            lines += wording.wrap("… and \(rest) more days (--json lists every day)", first: "  ", rest: "    ")
        }
        return lines
    }

    /// A day's lines, without its date: a line per window (its sub-lines start with a
    /// space), or one line starting "no " when it has none.
    private func dayBody(_ day: Day, _ wording: SlotsWording) -> [String] {
        guard !day.windows.isEmpty else {
            if day.off.isEmpty { return ["no working time in common: their hours do not meet"] }
            let off = day.off.flatMap(\.people)
            return ["no working time in common: a day off for " + (off.count == people ? "everyone" : wording.names(off))]
        }
        var lines: [String] = []
        for window in day.windows {
            let utc = "\(ZonedTime.utc(window.start).clock)–\(ZonedTime.utc(window.end).clock) UTC"
            lines.append("\(utc), \(window.venueStart.clock)–\(window.venueEnd.clock) \(wording.agenda.timeZone): \(Minutes(max(window.minutes, 1)))")
            if window.openedBy.isEmpty {
                lines.append(" from the start of the search")
            } else {
                lines.append(" opens when " + wording.list(window.openedBy.map { edge in
                    wording.names(edge.group.people) + (edge.isHoursEdge ? " start\(edge.group.people.count == 1 ? "s" : "") work at " : "'s working day begins at ")
                        + "\(edge.local.clock) \(edge.group.timeZone)" + wording.presence(edge.group)
                }))
            }
            if window.closedBy.isEmpty {
                lines.append(" until the end of the search")
            } else {
                lines.append(" closes when " + wording.list(window.closedBy.map { edge in
                    wording.names(edge.group.people) + (edge.isHoursEdge ? " stop\(edge.group.people.count == 1 ? "s" : "") work at " : "'s working day ends at ")
                        + "\(edge.local.minuteOfDay == 0 && !edge.isHoursEdge ? "24:00" : edge.local.clock) \(edge.group.timeZone)" + wording.presence(edge.group)
                }))
            }
            if !window.busy.isEmpty {
                let busy = wording.list(window.busy.map { wording.name($0) + (window.incomplete.contains($0) ? " (not fully read)" : "") })
                lines.append(" busy then: \(busy); free in every calendar: \(window.freeMinutes == 0 ? "none" : "\(Minutes(window.freeMinutes)) at most")")
            }
        }
        return lines
    }

    private func describe(_ suggestion: Suggestion, _ wording: SlotsWording) -> String {
        let venue = suggestion.venueStart
        let when = "\(venue.date.weekday.name) \(venue.date) \(venue.clock)–\(suggestion.venueEnd.clock)"
        switch suggestion.kind {
        case .shorterSession:
            return "a shorter session: \(Minutes(suggestion.minutes)) fits, first on \(when)"
        case .anotherDay:
            return "another day: \(when) suits everyone (the first time in the \(laterDays) days after the search)"
        case .finerStep:
            return "a finer step: --step \(suggestion.step ?? 1) finds \(when)"
        case .workingHours:
            return wording.list(suggestion.asks.map { consent($0, wording, venueDate: venue.date) }) + ": \(when)"
        case .calendar:
            guard let ask = suggestion.asks.first else { return when }
            let busy = "\(ask.busyStart?.clock ?? "")–\(ask.busyEnd?.clock ?? "")"
            let zone = ask.group.timeZone + wording.weekday(ask.busyStart, venueDate: venue.date)
            if ask.incomplete {
                return "\(wording.names(ask.group.people))'s calendar, not fully read then (counted as busy): check \(busy) \(zone): \(when)"
            }
            return "\(wording.names(ask.group.people)) freeing \(busy) \(zone) in their calendar: \(when)"
        }
    }

    /// "X's consent to start at 07:45 America/New_York, 15m before their working hours (08:00-20:00)".
    private func consent(_ ask: Ask, _ wording: SlotsWording, venueDate: LocalDate) -> String {
        let who = ask.group.people.count == 1 ? "\(wording.names(ask.group.people))'s consent" : "the consent of \(wording.names(ask.group.people))"
        let hours = "their working hours (\(ask.group.workingHours))"
        let start = ask.localStart.clock + wording.weekday(ask.localStart, venueDate: venueDate)
        let end = ask.localEnd.clock + wording.weekday(ask.localEnd, venueDate: venueDate)
        if ask.before > 0, ask.after == 0 {
            return "\(who) to start at \(start) \(ask.group.timeZone), \(Minutes(ask.before)) before \(hours)"
        }
        if ask.after > 0, ask.before == 0 {
            return "\(who) to end at \(end) \(ask.group.timeZone), \(Minutes(ask.after)) past \(hours)"
        }
        return "\(who) to take part \(start)–\(end) \(ask.group.timeZone), \(Minutes(max(ask.outsideMinutes, 1))) outside \(hours)"
    }
}
