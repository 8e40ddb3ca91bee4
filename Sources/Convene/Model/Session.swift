/// A block of the programme on one date: a morning of a workshop, a 90-minute side event.
public struct Session: Sendable, Equatable {
    public var id: SessionID
    public var title: String
    /// The date in the venue's zone; `nil` while the session is unscheduled.
    public var date: LocalDate?
    /// The wall-clock start in the venue's zone; `nil` while the session is unscheduled.
    public var start: LocalTime?
    /// The wall-clock end, when the agenda gives one instead of a duration.
    public var end: LocalTime?
    /// The length, when the agenda gives one instead of an end.
    public var duration: Minutes?
    public var track: Track?
    public var moderator: PersonID?
    public var participants: Participants
    public var room: String?
    /// The session's own rule, when it differs from the event's.
    public var confidentiality: Confidentiality?
    public var segments: [Segment]
    /// Kinds of warning the agenda accepts for this session (`accept_warnings:`).
    public var acceptedWarnings: [WarningCode] = []
    /// The session's title in each language it is given in.
    public var translations: Translations = [:]
    /// Held online after the meeting (`follow_up: true`): listed apart, outside the event's dates and venue.
    public var followUp = false
    /// The session's own join link, when it is not the venue's.
    public var online: OnlineAccess?

    /// How people join this session online: its own link, else the venue's.
    public func onlineAccess(in agenda: Agenda) -> OnlineAccess? {
        online ?? agenda.venue?.online
    }

    /// The link a sheet prints with this session, apart from the event's: its own, or (for a
    /// follow-up, held away from the meeting) the venue's; nil when it is joined as the event is.
    public func separateOnlineAccess(in agenda: Agenda) -> OnlineAccess? {
        online != nil || followUp ? onlineAccess(in: agenda) : nil
    }

    public init(
        id: SessionID, title: String, date: LocalDate? = nil, start: LocalTime? = nil,
        end: LocalTime? = nil, duration: Minutes? = nil, track: Track? = nil, moderator: PersonID? = nil,
        participants: Participants = .everyone, room: String? = nil,
        confidentiality: Confidentiality? = nil, segments: [Segment] = []
    ) {
        self.id = id
        self.title = title
        self.date = date
        self.start = start
        self.end = end
        self.duration = duration
        self.track = track
        self.moderator = moderator
        self.participants = participants
        self.room = room
        self.confidentiality = confidentiality
        self.segments = segments
    }
}

/// Who takes part in a session.
public enum Participants: Sendable, Equatable {
    /// Every person in the agenda.
    case everyone
    /// Only these people (by id), besides the session's moderators and speakers.
    case list([PersonID])
}

/// A part of a session: an opening, a panel, a break.
public struct Segment: Sendable, Equatable {
    public var title: String
    /// The segment's title in each language it is given in.
    public var translations: Translations = [:]
    public var kind: SegmentKind
    /// The length; `nil` means the segment runs until the next pinned segment or the
    /// session's end.
    public var duration: Minutes?
    /// A pinned start, in the venue's zone; `nil` means the segment follows the previous one.
    public var at: LocalTime?
    public var speakers: [PersonID]
    /// The people who teach or facilitate the segment: they hold the floor and are counted as
    /// speaking, even when one of them is also its moderator (a trainer leading her session).
    public var facilitators: [PersonID]
    /// The segment's own moderator, when it is not the session's.
    public var moderator: PersonID?
    public var questions: [QuestionID]
    public var cues: [String]
    public var notes: String?
    /// Speaking times given per speaker, in the order the agenda lists them; speakers not
    /// listed share the rest of the segment evenly.
    public var speakingTimes: [SpeakingTime]
    /// How the segment is interpreted, e.g. "consecutive, Dari into English".
    public var interpretation: String?

    public init(
        title: String, kind: SegmentKind = .other, duration: Minutes? = nil, at: LocalTime? = nil,
        speakers: [PersonID] = [], facilitators: [PersonID] = [], moderator: PersonID? = nil, questions: [QuestionID] = [],
        cues: [String] = [], notes: String? = nil, speakingTimes: [SpeakingTime] = [], interpretation: String? = nil
    ) {
        self.title = title
        self.kind = kind
        self.duration = duration
        self.at = at
        self.speakers = speakers
        self.facilitators = facilitators
        self.moderator = moderator
        self.questions = questions
        self.cues = cues
        self.notes = notes
        self.speakingTimes = speakingTimes
        self.interpretation = interpretation
    }
}

/// The time one speaker is given in a segment.
public struct SpeakingTime: Sendable, Equatable {
    public var person: PersonID
    public var minutes: Minutes

    public init(person: PersonID, minutes: Minutes) {
        self.person = person
        self.minutes = minutes
    }
}
