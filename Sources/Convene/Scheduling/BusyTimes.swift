import ICal

/// The busy times of an agenda's people, read from their calendar files: a file belongs to
/// the person its name gives (`PERSON-ID.ics`) or to everyone whose email appears in it as
/// an organiser or attendee.
public struct BusyTimes: Sendable {
    /// Busy intervals by person id, sorted.
    public var byPerson: [PersonID: [BusyInterval]] = [:]
    /// The stretches a person's calendar could not be fully read for (they count as busy
    /// there too), by person id, sorted.
    public var incompleteByPerson: [PersonID: [BusyInterval]] = [:]
    /// Problems with the files, each `FILE: sentence`.
    public var warnings: [String] = []
    /// Files that could not be read at all, each `FILE: sentence`.
    public var errors: [String] = []

    /// A calendar file's name (as the user gave it) and text.
    public struct File: Sendable {
        public var name: String
        public var text: String

        public init(name: String, text: String) {
            self.name = name
            self.text = text
        }
    }

    /// Reads `files` for the busy time of `agenda`'s people overlapping `[from, to)`.
    public init(files: [File], agenda: Agenda, from: Instant, to: Instant, zones: ZoneDirectory) {
        // One budget for every file of the search, so many files cannot add up to a hang.
        let budget = ReadingBudget()
        let byEmail = Dictionary(agenda.people.compactMap { person in person.email.map { ($0.lowercased(), person.id) } },
                                 uniquingKeysWith: { first, _ in first })
        for file in files {
            let base = file.name.split(separator: "/").last.map(String.init) ?? file.name
            let stem = base.hasSuffix(".ics") ? String(base.dropLast(4)) : base
            let named = agenda.person(PersonID(rawValue: stem))
            do {
                var calendar = try read(file, floatingZone: named.map { zone(of: $0, in: agenda) } ?? agenda.timeZone,
                                        from: from, to: to, zones: zones, budget: budget)
                var owners = named.map { [$0.id] } ?? []
                if owners.isEmpty {
                    owners = agenda.people.map(\.id).filter { id in calendar.emails.contains { byEmail[$0] == id } }
                    // Floating and all-day times belong to the owner's zone: read again in it.
                    if owners.count == 1, let owner = agenda.person(owners[0]), zone(of: owner, in: agenda) != agenda.timeZone {
                        calendar = try read(file, floatingZone: zone(of: owner, in: agenda), from: from, to: to, zones: zones, budget: budget)
                    }
                }
                if owners.isEmpty {
                    warnings.append("\(file.name): matches no one in the agenda — name it PERSON-ID.ics, or check the emails in it")
                }
                for warning in calendar.warnings { warnings.append("\(file.name): \(warning)") }
                for owner in owners {
                    byPerson[owner, default: []] += calendar.busy
                    if !calendar.incomplete.isEmpty { incompleteByPerson[owner, default: []] += calendar.incomplete }
                }
            } catch {
                errors.append("\(file.name): \(error)")
            }
        }
        for key in byPerson.keys { byPerson[key]?.sort() }
        for key in incompleteByPerson.keys { incompleteByPerson[key]?.sort() }
    }

    private func read(_ file: File, floatingZone: String, from: Instant, to: Instant, zones: ZoneDirectory, budget: ReadingBudget) throws -> BusyCalendar {
        try BusyCalendar(text: file.text, from: from.seconds, to: to.seconds, floatingZone: floatingZone, engine: zones.engine, budget: budget) { tzid in
            Self.ianaName(for: tzid, zones: zones)
        }
    }

    private func zone(of person: Person, in agenda: Agenda) -> String {
        person.effectiveTimeZone(in: agenda)
    }

    /// The IANA name for a TZID found in a calendar: itself, the current name of a legacy
    /// alias, or the zone a Windows name stands for.
    static func ianaName(for tzid: String, zones: ZoneDirectory) -> String? {
        var name = tzid.trimmingSpaces
        if name.hasPrefix("/") { name = String(name.split(separator: "/", maxSplits: 2).last ?? "") }
        if let windows = WindowsZones.ianaName[name] { return zones.currentName(for: windows) ?? windows }
        return zones.currentName(for: name)
    }
}
