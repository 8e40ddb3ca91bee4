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
        ])
    }

    /// A plain-text list, at most 80 columns wide.
    public func text(agenda: Agenda, from: LocalDate, to: LocalDate, step: Int) -> String {
        var lines = ["Times for '\(session.id)' (\(Minutes(durationMinutes))) from \(from) to \(to)",
                     "Every \(Minutes(step)) of venue time (\(agenda.timeZone))"]
        guard !slots.isEmpty else {
            lines.append("")
            lines.append("No time suits everyone: all \(candidates) candidate starts are ruled out.")
            if !blockers.isEmpty { lines.append("What rules out the most:") }
            for blocker in blockers.prefix(3) {
                let share = Int((Double(blocker.ruledOut) / Double(max(candidates, 1)) * 100).rounded())
                lines.append("  \(describe(blocker, agenda: agenda)) rule out \(share)% of them")
            }
            lines.append("Try a wider --from/--to, a shorter session, or ask about working hours.")
            return lines.joined(separator: "\n") + "\n"
        }
        lines.append("\(feasible) of \(candidates) candidate starts suit everyone; the best \(slots.count):")
        for (number, slot) in slots.enumerated() {
            lines.append("")
            lines.append(String(format: "%2d. ", number + 1) + "\(slot.venueStart.date.weekday.name) \(slot.venueStart.date) \(slot.venueStart.clock)–\(slot.venueEnd.clock)   score \(String(format: "%.2f", slot.score))")
            for view in slot.local {
                let name = agenda.person(view.person)?.name ?? view.person.rawValue
                var line = "      " + String(name.prefix(26)).padding(26) + "  \(view.start.clock)–\(view.end.clock)  \(view.timeZone)"
                if view.start.date != slot.venueStart.date { line += " (\(view.start.date.weekday.name.prefix(3)))" }
                lines.append(String(line.prefix(80)))
            }
        }
        return lines.joined(separator: "\n") + "\n"
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
