import Yams

extension AgendaDecoder {
    /// Reads `rosters:` and loads each roster it lists through ``rosterSource``: a roster that
    /// cannot be read, or has errors, is an error at its line in the agenda (the roster's own
    /// errors are kept with the roster, to be reported under its name), and leaves the
    /// index incomplete.
    func readRosters(_ fields: Fields) {
        let entries = list(fields, "rosters") { node, path in self.scalarText(node, path).map { ($0, path) } }
        for (path, place) in entries {
            let location = map.location(place)
            switch rosterSource.read(path) {
            case .unreadable(let reason):
                rosters.incomplete = true
                diagnostics.error(location, "cannot read the roster '\(path)': \(reason)",
                                  hint: "paths under rosters: are relative to the agenda's folder")
            case .found(let bytes, let name):
                guard !rosters.contains(name: name) else {
                    diagnostics.warning(location, "the roster '\(path)' is listed twice", hint: "remove one of the two lines", code: .rosterListedTwice)
                    continue
                }
                let loaded = RosterLoader(zones: zones).load(bytes, name: name)
                if loaded.diagnostics.hasErrors {
                    // A person may be missing from it for one of its errors: ids not found are
                    // not reported one by one, as for a roster that cannot be read.
                    rosters.incomplete = true
                    let count = loaded.diagnostics.errorCount
                    diagnostics.error(location, "the roster '\(path)' has \(count) error\(count == 1 ? "" : "s")",
                                      hint: "they are reported under \(name); fix them, then check the agenda again")
                }
                rosters.add(loaded)
            }
        }
    }

    /// An entry of `people`: a person written out, or `roster: ID` with the keys that override
    /// the roster's. The result is an ordinary ``Person``.
    func listedPerson(_ node: Node, _ path: SourcePath) -> Person? {
        guard case .mapping(let entry) = node, entry.contains(where: { $0.key.string == "roster" }) else {
            return person(node, path)
        }
        guard let fields = mapping(node, spec: AgendaFormat.personFromRoster, path: path) else { return nil }
        let overrides = person(fields)
        guard let id = scalar(fields, "roster") else {
            map.markInvalid(path)
            return nil
        }
        let location = map.location(fields.child("roster"))
        if fields.values["id"] == nil { map.record(fields.child("id"), value: location) }
        let definitions = rosters.definitions(of: id)
        guard let definition = definitions.first else {
            map.markInvalid(fields.child("roster"))
            var near: String?
            if rosters.isEmpty {
                diagnostics.error(location, "'\(id)' is taken from a roster, but the agenda lists no rosters",
                                  hint: "add rosters: [path/to/roster.yaml] at the top of the agenda")
            } else if !rosters.incomplete {
                near = diagnostics.isFull ? nil : Suggestion.nearest(to: id, in: rosters.ids)
                let names = rosters.loaded.map(\.name)
                diagnostics.error(location, "no person '\(id)' in the roster\(names.count == 1 ? "" : "s") \(names.map { "'\($0)'" }.joined(separator: ", "))",
                                  hint: near.map { "did you mean '\($0)'?" } ?? "convene pool \(names.joined(separator: " ")) lists everyone in \(names.count == 1 ? "it" : "them")")
            }
            // A stand-in keeps the agenda's people and their ids in place; the error above (or
            // the one at the roster's line) is all that is said about it.
            var stand = overrides
            if fields.values["id"] == nil {
                stand.id = PersonID(rawValue: id)
                unresolved.written.insert(id)
                if let near { unresolved.meant.insert(near) }
            }
            if fields.values["name"] == nil { stand.name = id }
            unresolved.ids.insert(stand.id.rawValue)
            return stand
        }
        if definitions.count > 1 {
            diagnostics.error(location, "'\(id)' is defined in \(definitions.count) rosters: \(definitions.map(\.place).joined(separator: " and "))",
                              hint: "an id must name one person: change it in one of the rosters, or define the person in the agenda")
            map.markInvalid(fields.child("roster"))
        }
        var person = definition.expert.person
        // A key left empty beside roster: (visibility: ~) keeps the roster's value.
        for (key, entry) in fields.values where key != "roster" && !isNull(entry.value) {
            Self.override(key, of: &person, from: overrides)
        }
        let rank: [Visibility: Int] = [.public: 0, .participants: 1, .organizers: 2]
        let rostered = definition.expert.person.visibility
        if let entry = fields.values["visibility"], (rank[person.visibility] ?? 0) < (rank[rostered] ?? 0) {
            diagnostics.warning(Self.location(of: entry.value),
                "\(person.name) is visible to \(rostered.rawValue) only in \(definition.place); this agenda makes \(person.visibility == .public ? "the name public" : "the name visible to participants"), so \(person.visibility == .public ? "public outputs" : "participants' sheets") will print it",
                hint: "keep the roster's visibility unless the person has agreed to be named; then leave this line, and say so in the roster", code: .visibilityRaised, person: person.id)
        }
        // From a roster with errors, or one of two definitions, the person may lack what
        // the roster should have given: their error says enough.
        if definitions.count > 1 || !definition.roster.isValid { unresolved.ids.insert(person.id.rawValue) }
        return person
    }

    /// Sets the value of the person key `key` in `person` to `source`'s; false for a key it
    /// does not know (a test keeps this list up with ``AgendaFormat/person``).
    @discardableResult
    static func override(_ key: String, of person: inout Person, from source: Person) -> Bool {
        switch key {
        case "id": person.id = source.id
        case "name": person.name = source.name
        case "title": person.title = source.title
        case "organization": person.organization = source.organization
        case "email": person.email = source.email
        case "gender": person.gender = source.gender
        case "sector": person.sector = source.sector
        case "attendance": person.attendance = source.attendance
        case "timezone": person.timeZone = source.timeZone
        case "working_hours": person.workingHours = source.workingHours
        case "working_days": person.workingDays = source.workingDays
        case "visibility": person.visibility = source.visibility
        case "described_as":
            person.describedAs = source.describedAs
            person.translations["described_as"] = source.translations["described_as"]
        case "languages": person.languages = source.languages
        case "names": person.names = source.names
        case "accept_warnings": person.acceptedWarnings = source.acceptedWarnings
        default: return false
        }
        return true
    }
}
