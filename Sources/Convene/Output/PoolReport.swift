/// `convene pool` output: the candidates, with what they know and how the asked time looks
/// to each of them.
extension ExpertPool.Result {
    /// The result as JSON: the rosters and filters, the window (or `null`), then `candidates`
    /// and `unavailable`, each person with every roster key and a `local` view (or `null`).
    public func json() -> JSONValue {
        var filters: [(String, JSONValue)] = [
            ("expertise", .array(query.expertise.map(JSONValue.string))),
            ("language", .array(query.languages.map(JSONValue.string))),
            ("region", .array(query.regions.map(JSONValue.string))),
            ("network", .array(query.networks.map(JSONValue.string))),
            ("training", .array(query.trainings.map(JSONValue.string))),
        ]
        filters.append(("women", .bool(query.womenOnly)))
        let window: JSONValue = query.window.map { window in
            .object([
                ("start", .string(window.localStart.rfc3339)),
                ("end", .string(window.localEnd.rfc3339)),
                ("start_utc", .string(window.start.description)),
                ("timezone", .optional(window.timeZone)),
                ("duration_minutes", .int(window.minutes)),
            ])
        } ?? .null
        return .object([
            ("rosters", .array(rosters.map(JSONValue.string))),
            ("people", .int(total)),
            ("tzdata", .string(tzdata)),
            ("filters", .object(filters)),
            ("window", window),
            ("candidates", .array(candidates.map(Self.json))),
            ("unavailable", .array(unavailable.map(Self.json))),
        ])
    }

    private static func json(_ candidate: ExpertPool.Candidate) -> JSONValue {
        let expert = candidate.expert, person = expert.person
        let local: JSONValue = candidate.local.map { view in
            .object([
                ("start", .string(view.start.rfc3339)),
                ("end", .string(view.end.rfc3339)),
                ("flags", .array(view.flags.map { .string($0.rawValue) })),
            ])
        } ?? .null
        return .object([
            ("id", .id(person.id)),
            ("roster", .string(candidate.roster)),
            ("name", .string(person.name)),
            ("title", .optional(person.title)),
            ("organization", .optional(person.organization)),
            ("email", .optional(person.email)),
            ("gender", .string(person.gender.rawValue)),
            ("sector", .optional(person.sector?.rawValue)),
            ("region", .optional(expert.region)),
            ("expertise", .array(expert.expertise.map(JSONValue.string))),
            ("networks", .array(expert.networks.map(JSONValue.string))),
            ("trainings", .array(expert.trainings.map(JSONValue.string))),
            ("languages", .array(person.languages.map(JSONValue.string))),
            ("timezone", .optional(candidate.local?.timeZone ?? person.timeZone)),
            ("working_hours", .string(person.workingHours.description)),
            ("working_days", .array(person.workingDays.map { .string($0.rawValue) })),
            ("visibility", .string(person.visibility.rawValue)),
            ("described_as", .optional(person.describedAs)),
            ("local", local),
        ])
    }

    /// The result as text at most `width` columns wide: a header with the filters and the
    /// window, then one block per candidate, then those who match but are not free then.
    public func text(width: Int = 80) -> String {
        var lines = ["Expert pool: \(candidates.count) of \(total) \(total == 1 ? "person" : "people") "
            + (query.window == nil ? "match" : "match and are free then")
            + (unavailable.isEmpty ? "" : " (\(unavailable.count) more \(unavailable.count == 1 ? "matches" : "match") but \(unavailable.count == 1 ? "is" : "are") not)")]
        lines += Self.wrap("Rosters: " + rosters.joined(separator: ", "), width: width, indent: "  ")
        lines += Self.wrap("Looking for: " + filterSummary, width: width, indent: "  ")
        if let window = query.window {
            let utc = "\(ZonedTime.utc(window.start).clock)–\(ZonedTime.utc(window.end).clock) UTC"
            let zone = window.timeZone ?? "UTC" + window.localStart.rfc3339.suffix(6)
            lines += Self.wrap("Free: \(window.localStart.date.weekday.name) \(window.localStart.date) "
                               + "\(window.localStart.clock)–\(window.localEnd.clock) \(zone) (\(utc)), tzdata \(tzdata)",
                               width: width, indent: "  ")
        }
        lines += Self.wrap("Names everyone, whatever their visibility: keep this list among the organisers.", width: width, indent: "")
        if candidates.isEmpty {
            lines += ["", query.window == nil || unavailable.isEmpty
                ? "No one in the pool matches: loosen a filter, or add a roster."
                : "No one who matches is free then."]
        }
        for candidate in candidates { lines += [""] + block(candidate, width: width) }
        if !unavailable.isEmpty {
            lines += [""] + Self.wrap("Also matching, but outside their working hours or days then (\(unavailable.count)):", width: width, indent: "")
            for candidate in unavailable { lines += [""] + block(candidate, width: width) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private var filterSummary: String {
        var parts: [String] = []
        parts += query.expertise.map { "expertise \"\($0)\"" }
        parts += query.languages.map { "language \($0)" }
        parts += query.regions.map { "region \"\($0)\"" }
        parts += query.networks.map { "network \"\($0)\"" }
        parts += query.trainings.map { "training \"\($0)\"" }
        if query.womenOnly { parts.append("women") }
        return parts.isEmpty ? "everyone" : parts.joined(separator: ", ")
    }

    private func block(_ candidate: ExpertPool.Candidate, width: Int) -> [String] {
        let expert = candidate.expert, person = expert.person
        let indent = "    "
        var head = [person.gender.rawValue]
        if let sector = person.sector { head.append(sector.rawValue) }
        if let region = expert.region { head.append(region) }
        if rosters.count > 1 { head.append(candidate.roster) }
        var lines = Self.wrap("\(person.name) (\(person.id)) — " + head.joined(separator: " · "), width: width, indent: indent)
        let role = [person.title, person.organization].compactMap { $0 }.joined(separator: ", ")
        if !role.isEmpty { lines += Self.wrap("  " + role, width: width, indent: indent) }
        for (label, items) in [("Expertise", expert.expertise), ("Networks", expert.networks), ("Trainings", expert.trainings)] where !items.isEmpty {
            lines += Self.wrap("  \(label): " + items.joined(separator: "; "), width: width, indent: indent)
        }
        let contact = ["Languages: " + (person.languages.isEmpty ? "none given" : person.languages.joined(separator: ", "))]
            + [person.email].compactMap { $0 }
        lines += Self.wrap("  " + contact.joined(separator: " · "), width: width, indent: indent)
        if person.visibility != .public {
            let shown = person.describedAs.map { "; elsewhere shown as \"\($0)\"" } ?? "; no described_as"
            lines += Self.wrap("  Named to \(person.visibility.rawValue) only\(shown)", width: width, indent: indent)
        }
        let hours = "works \(person.workingHours) \(Self.days(person.workingDays))"
        if let view = candidate.local {
            let flags = view.flags.isEmpty ? "" : " (" + view.flags.map(\.rawValue).joined(separator: ", ") + ")"
            lines += Self.wrap("  Then: \(view.start.date.weekday.name.prefix(3)) \(view.start.clock)–\(view.end.clock) in \(view.timeZone)\(flags); \(hours)",
                               width: width, indent: indent)
        } else {
            lines += Self.wrap("  Zone: \(person.timeZone ?? "none"); \(hours)", width: width, indent: indent)
        }
        return lines
    }

    /// `mon–fri`, or the days listed.
    private static func days(_ days: [Weekday]) -> String {
        let sorted = days.sorted()
        if sorted.count > 2, sorted.last.map({ $0.index - (sorted.first?.index ?? 0) + 1 }) == sorted.count,
           let first = sorted.first, let last = sorted.last {
            return "\(first.rawValue)–\(last.rawValue)"
        }
        return sorted.map(\.rawValue).joined(separator: ", ")
    }

    /// `text` broken between words into lines of at most `width` columns; lines after the
    /// first start with `indent`. A word longer than a line is cut.
    static func wrap(_ text: String, width: Int, indent: String) -> [String] {
        let width = max(width, indent.count + 8)
        var lines: [String] = []
        var current = ""
        let words = text.replacingOccurrences(of: "\n", with: " ").split(separator: " ", omittingEmptySubsequences: false)
        var leading = String(text.prefix { $0 == " " })
        for word in words.drop(while: { $0.isEmpty }) where !word.isEmpty {
            let candidate = current.isEmpty ? leading + word : current + " " + word
            if candidate.displayWidth <= width || current.isEmpty {
                current = candidate
            } else {
                lines.append(current)
                current = indent + word
                leading = indent
            }
            while current.displayWidth > width {
                let cut = String(current.prefix(width))
                lines.append(cut)
                current = indent + current.dropFirst(cut.count)
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }
}
