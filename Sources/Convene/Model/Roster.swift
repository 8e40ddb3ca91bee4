/// A pool of people an organiser can draw on, e.g. the women experts of the 1325 coalitions
/// and peacebuilding networks a women's organisation proposes for Track 1.5 and Track 2
/// processes.
///
/// A `Roster` is a plain value made by ``RosterLoader`` from a roster file; every person in
/// it has a time zone (their own, or the roster's).
public struct Roster: Sendable, Equatable {
    /// The roster format version the file declared (`roster: 1`).
    public var formatVersion: Int
    /// What the roster is, e.g. "Pool of women experts".
    public var title: String
    /// Who keeps the roster, and whom to ask before contacting anyone in it.
    public var maintainer: String?
    /// When the roster was last reviewed.
    public var updated: LocalDate?
    /// The zone of everyone who gives none, normalised.
    public var timeZone: String?
    /// The people, in the order the file lists them.
    public var people: [Expert]

    /// A roster with the given title and people.
    public init(formatVersion: Int = 1, title: String, maintainer: String? = nil, updated: LocalDate? = nil,
                timeZone: String? = nil, people: [Expert] = []) {
        self.formatVersion = formatVersion
        self.title = title
        self.maintainer = maintainer
        self.updated = updated
        self.timeZone = timeZone
        self.people = people
    }

    /// The person with this id, if the roster has one.
    public func expert(_ id: PersonID) -> Expert? {
        people.first { $0.id == id }
    }
}
