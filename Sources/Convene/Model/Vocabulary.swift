/// The closed vocabularies of the agenda format. Each raw value is the word users write in
/// an agenda file; the lists here are the only place those words are defined.

/// What kind of event an agenda describes.
public enum EventKind: String, Sendable, CaseIterable {
    case sideEvent = "side-event"
    case workshop
    case dialogue
    case consultation
    case communityDialogue = "community-dialogue"
    case training
    case meeting
}

/// The diplomatic track of a process: official (1), mixed official and unofficial (1.5),
/// unofficial (2), or grassroots (3).
public enum Track: String, Sendable, CaseIterable {
    case one = "1"
    case oneAndHalf = "1.5"
    case two = "2"
    case three = "3"
}

/// Who may learn what was said, and by whom.
public enum Confidentiality: String, Sendable, CaseIterable {
    case `public`
    case chathamHouse = "chatham-house"
    case offTheRecord = "off-the-record"
    case closed
}

/// A person's gender as the agenda records it, for inclusion figures.
public enum Gender: String, Sendable, CaseIterable {
    case woman
    case man
    case nonBinary = "non-binary"
    case undisclosed
}

/// The part of society a person speaks from.
public enum Sector: String, Sendable, CaseIterable {
    case government
    case civilSociety = "civil-society"
    case internationalOrganization = "international-organization"
    case academia
    case media
    case `private`
    case community
}

/// Whether a person is in the room or joins online.
public enum Attendance: String, Sendable, CaseIterable {
    case inPerson = "in-person"
    case online
}

/// Who may see a person's name.
public enum Visibility: String, Sendable, CaseIterable {
    /// Anyone: the public agenda may name them.
    case `public`
    /// Only the event's participants.
    case participants
    /// Only the organisers.
    case organizers
}

/// What happens in a segment of a session.
public enum SegmentKind: String, Sendable, CaseIterable {
    case opening
    case keynote
    case panel
    case dialogue
    case breakout
    case qa
    case `break`
    case closing
    case other

    /// Whether the segment is a moderated exchange that needs someone holding the floor.
    public var needsModerator: Bool { self == .panel || self == .dialogue }
}

/// A day of the week, written by its three-letter English abbreviation.
public enum Weekday: String, Sendable, CaseIterable, Comparable {
    case mon, tue, wed, thu, fri, sat, sun

    /// Monday is 0, Sunday 6.
    public var index: Int {
        switch self {
        case .mon: 0
        case .tue: 1
        case .wed: 2
        case .thu: 3
        case .fri: 4
        case .sat: 5
        case .sun: 6
        }
    }

    public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.index < rhs.index }
}
