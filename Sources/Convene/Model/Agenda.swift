/// An event as its organiser plans it: what it is, where it happens, who takes part and
/// the sessions it is made of.
///
/// An `Agenda` is a plain value. It is made by ``AgendaLoader`` from an agenda file, holds
/// every default already filled in, and knows nothing of files, YAML or terminals.
public struct Agenda: Sendable, Equatable {
    /// The agenda format version the file declared (`convene: 1`).
    public var formatVersion: Int
    /// A stable identifier; calendar UIDs derive from it.
    public var id: String
    public var title: String
    public var subtitle: String?
    /// A short title for where space is short: calendar entries on a phone.
    public var shortTitle: String?
    public var kind: EventKind
    public var tracks: [Track]
    public var confidentiality: Confidentiality
    /// The venue's IANA time zone, normalised (legacy aliases replaced). Session dates and
    /// times are wall-clock times in this zone.
    public var timeZone: String
    public var organizer: Organizer?
    public var languages: [String]
    /// The interpretation the event provides, if any.
    public var interpretation: Interpretation?
    public var venue: Venue?
    public var introduction: String?
    public var guidingQuestions: [GuidingQuestion]
    public var outcome: String?
    public var audience: String?
    /// What the organisers expect of the inclusion figures (`inclusion:`).
    public var inclusion: InclusionSettings
    public var people: [Person]
    public var sessions: [Session]
    /// Kinds of warning the agenda accepts for the whole event (`accept_warnings:`).
    public var acceptedWarnings: [WarningCode] = []
    /// The event's texts in each language they are given in (``Translations``).
    public var translations: Translations = [:]

    public init(
        formatVersion: Int = 1, id: String, title: String, subtitle: String? = nil,
        kind: EventKind = .meeting, tracks: [Track] = [], confidentiality: Confidentiality = .public,
        timeZone: String, organizer: Organizer? = nil, languages: [String] = [], venue: Venue? = nil,
        introduction: String? = nil, guidingQuestions: [GuidingQuestion] = [], outcome: String? = nil,
        audience: String? = nil, inclusion: InclusionSettings = InclusionSettings(),
        people: [Person] = [], sessions: [Session] = []
    ) {
        self.formatVersion = formatVersion
        self.id = id
        self.title = title
        self.subtitle = subtitle
        self.kind = kind
        self.tracks = tracks
        self.confidentiality = confidentiality
        self.timeZone = timeZone
        self.organizer = organizer
        self.languages = languages
        self.venue = venue
        self.introduction = introduction
        self.guidingQuestions = guidingQuestions
        self.outcome = outcome
        self.audience = audience
        self.inclusion = inclusion
        self.people = people
        self.sessions = sessions
    }

    /// The person with this id, if the agenda has one.
    public func person(_ id: PersonID) -> Person? {
        people.first { $0.id == id }
    }

    /// The ids of the people who take part in a session: everyone, or the session's list,
    /// with its moderators, speakers and facilitators added, in agenda order.
    public func participantIDs(of session: Session) -> [PersonID] {
        var ids: Set<PersonID>
        switch session.participants {
        case .everyone: return people.map(\.id)
        case .list(let list): ids = Set(list)
        }
        if let moderator = session.moderator { ids.insert(moderator) }
        for segment in session.segments {
            ids.formUnion(segment.speakers)
            ids.formUnion(segment.facilitators)
            if let moderator = segment.moderator { ids.insert(moderator) }
        }
        return people.map(\.id).filter(ids.contains)
    }
}

/// The organisation or person who convenes the event and sends the invites.
public struct Organizer: Sendable, Equatable {
    public var name: String
    public var email: String?

    public init(name: String, email: String? = nil) {
        self.name = name
        self.email = email
    }
}

/// Where the event happens: a room, an online meeting, or both.
public struct Venue: Sendable, Equatable {
    public var name: String?
    public var address: String?
    public var room: String?
    public var online: OnlineAccess?

    public init(name: String? = nil, address: String? = nil, room: String? = nil, online: OnlineAccess? = nil) {
        self.name = name
        self.address = address
        self.room = room
        self.online = online
    }
}

/// How online participants join.
public struct OnlineAccess: Sendable, Equatable {
    public var platform: String?
    public var url: String?
    public var dialIn: String?
    public var notes: String?

    public init(platform: String? = nil, url: String? = nil, dialIn: String? = nil, notes: String? = nil) {
        self.platform = platform
        self.url = url
        self.dialIn = dialIn
        self.notes = notes
    }
}

/// The interpretation an event provides: between which languages, and how.
public struct Interpretation: Sendable, Equatable {
    /// The languages interpreted into and from, e.g. `[uk, en]`.
    public var languages: [String]
    /// How it works, e.g. "simultaneous; channel 1 Ukrainian, channel 2 English".
    public var notes: String?

    public init(languages: [String] = [], notes: String? = nil) {
        self.languages = languages
        self.notes = notes
    }
}

/// A question the event asks its speakers to address.
public struct GuidingQuestion: Sendable, Equatable {
    public var id: QuestionID
    public var text: String
    /// The question in each language it is given in.
    public var translations: Translations = [:]

    public init(id: QuestionID, text: String) {
        self.id = id
        self.text = text
    }
}
