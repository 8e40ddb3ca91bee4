/// The file people are imported into, an agenda or a roster, checked as `convene check` checks it.
public struct PeopleFile: Sendable {
    /// Whether the file is an agenda or a roster: they differ in the keys a person may have.
    public enum Kind: Sendable, Equatable {
        case agenda
        case roster

        /// The keys a person has in this kind of file, in the format's order.
        var personKeys: [String] {
            self == .agenda ? AgendaFormat.person.keys : RosterFormat.person.keys
        }

        /// "an agenda", "a roster".
        public var withArticle: String { self == .agenda ? "an agenda" : "a roster" }

        /// Why a key of the other kind of file is not one of this kind's.
        func missingKeyReason(_ key: String) -> String? {
            switch self {
            case .agenda: RosterFormat.person.field(key) != nil && AgendaFormat.person.field(key) == nil ? "only a roster has \(key)" : nil
            case .roster: RosterFormat.eventKeys.contains(key) ? "\(key) belongs to one event: the agenda gives it" : nil
            }
        }
    }

    /// What checking a version of the file found.
    struct Checked: Sendable {
        var diagnostics: DiagnosticList
        /// The errors of the rosters an agenda names, under their own names.
        var rosters: [LoadedRoster]
        /// The file as read: `nil` when it is not a YAML mapping at all.
        var contents: Contents?

        var isValid: Bool { contents != nil && !diagnostics.hasErrors && rosters.allSatisfy(\.isValid) }

        /// Everyone in the file, taken from rosters or written out.
        var people: [Person] {
            switch contents {
            case .agenda(let agenda): agenda.people
            case .roster(let roster): roster.people.map(\.person)
            case nil: []
            }
        }
    }

    /// What the file holds, for telling that an import changed nothing but its people.
    enum Contents: Sendable, Equatable {
        case agenda(Agenda)
        case roster(Roster)

        /// The same, without the last `count` people.
        func droppingLastPeople(_ count: Int) -> Contents {
            switch self {
            case .agenda(var agenda):
                agenda.people.removeLast(min(count, agenda.people.count))
                return .agenda(agenda)
            case .roster(var roster):
                roster.people.removeLast(min(count, roster.people.count))
                return .roster(roster)
            }
        }

        var count: Int {
            switch self {
            case .agenda(let agenda): agenda.people.count
            case .roster(let roster): roster.people.count
            }
        }
    }

    public let kind: Kind
    /// How messages name the file, e.g. `agendas/kyiv-consultation-2026.yaml`.
    public let name: String
    public let bytes: [UInt8]
    let zones: ZoneDirectory
    let rosterSource: RosterSource
    let checked: Checked

    /// The file whose bytes are `bytes`; a roster when its top level has `roster:` and no
    /// `convene:`, as for `convene check`. An agenda's rosters come from `rosters`.
    public init(bytes: [UInt8], name: String, zones: ZoneDirectory, rosters: RosterSource = .none) {
        self.kind = RosterLoader.looksLikeRoster(bytes) ? .roster : .agenda
        self.name = name
        self.bytes = bytes
        self.zones = zones
        self.rosterSource = rosters
        checked = Self.check(bytes, kind: kind, name: name, zones: zones, rosters: rosters)
    }

    /// The file's problems as it is now (its rosters' errors are in ``rosters``).
    public var diagnostics: DiagnosticList { checked.diagnostics }
    /// The rosters an agenda names, with their diagnostics.
    public var rosters: [LoadedRoster] { checked.rosters }
    /// Whether people can be imported into the file: it has no errors, nor do its rosters.
    public var isValid: Bool { checked.isValid }

    /// Checks `bytes` as a file of `kind`.
    static func check(_ bytes: [UInt8], kind: Kind, name: String, zones: ZoneDirectory, rosters: RosterSource) -> Checked {
        switch kind {
        case .agenda:
            let check = AgendaCheck(bytes: bytes, zones: zones, rosters: rosters)
            return Checked(diagnostics: check.diagnostics, rosters: check.rosters, contents: check.agenda.map(Contents.agenda))
        case .roster:
            let loaded = RosterLoader(zones: zones).load(bytes, name: name)
            return Checked(diagnostics: loaded.diagnostics, rosters: [], contents: loaded.roster.map(Contents.roster))
        }
    }

    /// Checks another version of the file, as the same kind and with the same rosters.
    func check(_ text: String) -> Checked {
        Self.check(Array(text.utf8), kind: kind, name: name, zones: zones, rosters: rosterSource)
    }
}
