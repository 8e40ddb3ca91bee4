import Yams

extension AgendaDecoder {
    /// Reads the tree of a roster file into a ``Roster``, recording positions and problems:
    /// the same key checks, value checks and hints as an agenda, and the roster's own rules
    /// (ids unique in the roster, a time zone for everyone). With the roster come the paths
    /// of its people in the file (`people[3]`), in the same order.
    func roster(_ node: Node) -> (Roster, [SourcePath])? {
        guard let fields = mapping(node, spec: RosterFormat.roster, path: .root) else { return nil }
        if let version = integer(fields, "roster"), version != RosterFormat.version {
            fail(fields, "roster", "this file is roster format version \(version); this convene reads version \(RosterFormat.version)",
                 hint: version > RosterFormat.version ? "use a newer convene" : "write roster: 1")
        }
        var roster = Roster(title: scalar(fields, "title") ?? "")
        roster.maintainer = scalar(fields, "maintainer")
        roster.updated = date(fields, "updated")
        roster.timeZone = timeZone(fields, "timezone")
        let zoneKnown = roster.timeZone != nil || map.isInvalid("timezone")
        let entries = list(fields, "people") { node, path in
            self.expert(node, path, rosterZone: roster.timeZone, zoneKnown: zoneKnown).map { ($0, path) }
        }
        roster.people = entries.map(\.0)
        checkUnique(entries.map { ($0.0.id.rawValue, $0.1) })
        return (roster, entries.map(\.1))
    }

    private func expert(_ node: Node, _ path: SourcePath, rosterZone: String?, zoneKnown: Bool) -> Expert? {
        guard let fields = mapping(node, spec: RosterFormat.person, path: path) else { return nil }
        var person = person(fields)
        let who = person.name.isEmpty ? "'\(person.id)'" : person.name
        if person.timeZone == nil {
            person.timeZone = rosterZone
            if !zoneKnown, !map.isInvalid(fields.child("timezone")) {
                diagnostics.error(fields.location, "\(who) has no timezone, and the roster gives none",
                                  hint: "add timezone: to the person (e.g. Europe/Kyiv), or a timezone: at the top of the roster for everyone who gives none")
            }
        }
        if person.visibility != .public, person.describedAs == nil {
            diagnostics.warning(map.location(fields.child("visibility")),
                                "\(who) may not be named publicly but has no described_as",
                                hint: "add described_as: (e.g. \"a civil-society expert from Kharkiv\") so outputs can mention them without their name",
                                code: .noDescription)
        }
        return Expert(person: person, region: scalar(fields, "region"),
                      expertise: list(fields, "expertise") { node, path in self.scalarText(node, path) },
                      networks: list(fields, "networks") { node, path in self.scalarText(node, path) },
                      trainings: list(fields, "trainings") { node, path in self.scalarText(node, path) })
    }

    /// An error at each id that an earlier person in the roster already has.
    private func checkUnique(_ ids: [(id: String, path: SourcePath)]) {
        var first: [String: SourcePath] = [:]
        for (id, path) in ids where !id.isEmpty {
            if let earlier = first[id] {
                diagnostics.error(map.location(path.id), "duplicate person id '\(id)' in the roster",
                                  hint: "the first '\(id)' is on line \(map.location(earlier.id).line); ids must be unique, since agendas take people by id")
            } else {
                first[id] = path
            }
        }
    }
}
