/// One mark at the door: a person of a session's list came (or, undone, did not).
public struct CheckInMark: Sendable, Equatable {
    public var session: SessionID
    public var person: PersonID
    public var present: Bool
    public var at: Instant

    public init(session: SessionID, person: PersonID, present: Bool, at: Instant) {
        self.session = session
        self.person = person
        self.present = present
        self.at = at
    }
}

/// How many came to a session without being on its list, for one gender ("undisclosed" when
/// the door did not ask): the count as last set.
public struct UnlistedCount: Sendable, Equatable {
    public var session: SessionID
    public var gender: Gender
    public var count: Int
    public var at: Instant

    public init(session: SessionID, gender: Gender, count: Int, at: Instant) {
        self.session = session
        self.gender = gender
        self.count = count
        self.at = at
    }
}

/// Why a check-in is refused.
public enum CheckInError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The session is not one this door checks people in for.
    case unknownSession(SessionID, known: [SessionID])
    /// Nobody in the agenda has this id.
    case unknownPerson(PersonID)
    /// The person is in the agenda but not on the session's list.
    case notInSession(PersonID, SessionID)
    /// The unlisted count is not a count.
    case badCount(Int)
    /// Another device changed the unlisted count since this one read it.
    case unlistedChanged(SessionID, Gender, expected: Int, found: Int)

    public var description: String {
        switch self {
        case .unknownSession(let id, let known):
            "no session '\(id)' is checked in here — give one of \(known.map(\.rawValue).joined(separator: ", "))"
        case .unknownPerson(let id):
            "nobody in the agenda has the id '\(id)' — someone not on the list counts as unlisted: send {\"session\": ID, \"unlisted\": GENDER, \"count\": N}"
        case .notInSession(let person, let session):
            "'\(person)' is not on the list of session '\(session)' — check the session, or count them as unlisted"
        case .badCount(let count):
            "\(count) is not a count of people — give 0 to \(CheckIn.maximumUnlisted)"
        case .unlistedChanged(let session, let gender, let expected, let found):
            "the unlisted count of \(gender.rawValue) in '\(session)' is \(found), not \(expected): another device changed it — look again and set it from \(found)"
        }
    }
}

/// Who came, session by session, as marked at the door or on the console: each person's last
/// mark wins, and each session's unlisted counts are the last set. Names nobody; it holds ids.
public struct CheckIn: Sendable, Equatable {
    /// The largest unlisted count one gender of one session may have.
    public static let maximumUnlisted = 100_000

    /// The people marked present, by session.
    public private(set) var present: [SessionID: Set<PersonID>] = [:]
    /// The sessions with at least one mark or unlisted count: the others were not checked.
    public private(set) var checked: Set<SessionID> = []
    /// Unlisted attendees by session and gender; genders with none are left out.
    public private(set) var unlisted: [SessionID: [Gender: Int]] = [:]

    /// The check-in after `marks` and `counts`, each in the order recorded.
    public init(marks: [CheckInMark] = [], counts: [UnlistedCount] = []) {
        for mark in marks { apply(mark) }
        for count in counts { apply(count) }
    }

    public mutating func apply(_ mark: CheckInMark) {
        checked.insert(mark.session)
        if mark.present { present[mark.session, default: []].insert(mark.person) } else { present[mark.session]?.remove(mark.person) }
    }

    public mutating func apply(_ count: UnlistedCount) {
        checked.insert(count.session)
        unlisted[count.session, default: [:]][count.gender] = count.count == 0 ? nil : count.count
    }

    public func isPresent(_ person: PersonID, in session: SessionID) -> Bool {
        present[session]?.contains(person) ?? false
    }

    /// The unlisted attendees of `session`, all genders together.
    public func unlistedTotal(in session: SessionID) -> Int {
        unlisted[session]?.values.reduce(0, +) ?? 0
    }

    /// The unlisted count of `gender` in `session`.
    public func unlisted(_ gender: Gender, in session: SessionID) -> Int {
        unlisted[session]?[gender] ?? 0
    }

    /// Whether `person` may be marked in `session`, one of `sessions` (those the door checks
    /// people in for): the person must be on the session's list.
    public static func check(person: PersonID, session: SessionID, among sessions: [TimedSession], agenda: Agenda) throws(CheckInError) {
        guard let timed = sessions.first(where: { $0.id == session }) else { throw .unknownSession(session, known: sessions.map(\.id)) }
        guard agenda.person(person) != nil else { throw .unknownPerson(person) }
        guard timed.participants.contains(person) else { throw .notInSession(person, session) }
    }
}
