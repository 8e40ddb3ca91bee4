/// `convene slots` output: the proposed starts with every participant's local time, or why
/// there are none.
extension SlotFinder.Result {
    /// The JSON docs/commands.md specifies.
    public func json() -> JSONValue {
        .object([
            ("session", .id(session.id)),
            ("duration_minutes", .int(durationMinutes)),
            ("candidates", .int(candidates)),
            ("feasible", .int(feasible)),
            ("slots", .array(slots.map { slot in
                .object([
                    ("start", .string(slot.venueStart.rfc3339)),
                    ("start_utc", .string(slot.start.description)),
                    ("score", .double(slot.score)),
                    ("local", .object(slot.local.map { view in
                        (view.person.rawValue, .object([
                            ("timezone", .string(view.timeZone)),
                            ("start", .string(view.start.rfc3339)),
                            ("flags", .array(view.flags.map { .string($0.rawValue) })),
                        ]))
                    })),
                ])
            })),
            ("blockers", .array(blockers.prefix(5).map { blocker in
                .object([("person", .id(blocker.person)), ("reason", .string(blocker.reason.rawValue)),
                         ("ruled_out", .int(blocker.ruledOut))])
            })),
            ("why_none", explanation?.json() ?? .null),
        ])
    }

    /// A plain-text list, at most `width` display columns wide: a name too long for its
    /// column wraps within it, and so does every other line, so nothing is cut.
    public func text(agenda: Agenda, from: LocalDate, to: LocalDate, step: Int, width: Int = 80) -> String {
        let wording = SlotsWording(agenda: agenda, width: width)
        var lines = wording.wrap("Times for '\(session.id)' (\(Minutes(durationMinutes))) from \(from) to \(to)", rest: "  ")
            + wording.wrap("Every \(Minutes(step)) of venue time (\(agenda.timeZone))", rest: "  ")
        guard !slots.isEmpty else {
            lines.append("")
            lines += wording.wrap("No time suits everyone: \(Wording.all(candidates, "candidate starts", one: "candidate start")) \(candidates == 1 ? "is" : "are") ruled out.")
            if let explanation {
                lines += explanation.text(agenda: agenda, to: to, step: step, width: width)
            } else {
                if !blockers.isEmpty { lines.append("What rules out the most:") }
                for blocker in blockers.prefix(3) {
                    let share = Int((Double(blocker.ruledOut) / Double(max(candidates, 1)) * 100).rounded())
                    lines += wording.wrap("\(describe(blocker, agenda: agenda)) rule out \(share)% of them", first: "  ", rest: "    ")
                }
                lines += wording.wrap("Try a wider --from/--to, a shorter session, or ask about working hours.")
            }
            return lines.joined(separator: "\n") + "\n"
        }
        lines += wording.wrap("\(feasible) of \(candidates) candidate starts suit everyone; the best \(slots.count):")
        let column = nameColumn(wording)
        for (number, slot) in slots.enumerated() {
            lines.append("")
            lines += wording.wrap("\(slot.venueStart.date.weekday.name) \(slot.venueStart.date) \(SheetLanguage.en.span(slot.venueStart, slot.venueEnd))   score \(String(format: "%.2f", slot.score))",
                                  first: String(format: "%2d. ", number + 1), rest: "    ")
            for view in slot.local {
                lines += row(view, slot: slot, column: column, wording: wording)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The width of the names' column: 26, or as wide as the longest name where the line
    /// has room; `nil` when there is too little room beside the times for a column of at
    /// least 16, and each name goes on a line of its own above its time.
    private func nameColumn(_ wording: SlotsWording) -> Int? {
        let widest = slots.flatMap { slot in slot.local.map { DisplayWidth.of($0.spanAndZone(venueDate: slot.venueStart.date)) } }.max() ?? 0
        let room = wording.width - 8 - widest
        let longest = slots.flatMap(\.local).map { DisplayWidth.of(wording.name($0.person)) }.max() ?? 0
        let column = max(min(26, room), min(longest, room))
        return column >= min(16, longest) ? column : nil
    }

    /// A participant's lines: the name wrapped within its column and the time and zone
    /// beside it, or, without a column, the name and then the time and zone below it.
    private func row(_ view: LocalView, slot: SlotFinder.Slot, column: Int?, wording: SlotsWording) -> [String] {
        let indent = "      ", name = wording.name(view.person), times = view.spanAndZone(venueDate: slot.venueStart.date)
        guard let column else {
            return wording.wrap(name, first: indent, rest: indent + "  ") + wording.wrap(times, first: indent + "    ", rest: indent + "    ")
        }
        let names = DisplayWidth.of(name) <= column ? [name] : TextLayout.wrap(name, width: column)
        let room = wording.width - indent.count - column - 2
        let right = DisplayWidth.of(times) <= room ? [times] : TextLayout.wrap(times, width: room)
        return (0..<max(names.count, right.count)).map { index in
            let name = index < names.count ? names[index] : ""
            let time = index < right.count ? right[index] : ""
            return (indent + wording.padded(name, to: column) + "  " + time).trimmingTrailingSpaces
        }
    }

    private func describe(_ blocker: SlotFinder.Blocker, agenda: Agenda) -> String {
        guard let person = agenda.person(blocker.person) else { return blocker.person.rawValue }
        switch blocker.reason {
        case .busy: return "\(person.name)'s calendar (busy times)"
        case .workingHours: return "\(person.name)'s working hours (\(person.workingHours), \(person.attendance == .online ? person.effectiveTimeZone(in: agenda) : agenda.timeZone))"
        case .workingDays: return "\(person.name)'s working days (\(person.workingDays.map(\.rawValue).joined(separator: ", ")))"
        case .calendarIncomplete: return "\(person.name)'s calendar, not fully read (calendar-incomplete: counted as busy; see the warnings)"
        }
    }
}
