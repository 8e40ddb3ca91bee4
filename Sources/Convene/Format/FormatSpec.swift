/// The agenda format, version 1, described once as data.
///
/// The loader checks keys against it (and suggests the nearest known key for a typo), and
/// ``AgendaSchema`` turns it into the published JSON Schema, so the two cannot drift apart.
public enum AgendaFormat {
    /// The only format version this build reads.
    public static let version = 1

    /// Ids: ASCII letters, digits, `-`, `_`, `.`, starting with a letter or digit, at most 64
    /// characters; they name files and calendar UIDs. The schema's pattern says the same.
    public static let identifierPattern = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"

    /// Whether `value` is a valid id.
    public static func isIdentifier(_ value: String) -> Bool {
        guard let first = value.unicodeScalars.first, value.unicodeScalars.count <= 64 else { return false }
        func letterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
        }
        return letterOrDigit(first) && value.unicodeScalars.allSatisfy { letterOrDigit($0) || $0 == "-" || $0 == "_" || $0 == "." }
    }

    /// The kind of value a key holds.
    public indirect enum ValueType: Sendable {
        /// Any text (a scalar; numbers and words are read as text).
        case text
        /// An identifier: letters, digits, `-`, `_`, `.`; it names files and calendar UIDs.
        case identifier
        /// The id of a person or question defined elsewhere in the agenda.
        case reference
        case integer
        /// One of a closed list of words.
        case choice([String])
        case duration
        case time
        case date
        /// A share: `40%`, or a fraction from 0 to 1 such as `0.4`.
        case percentage
        case timeZone
        case email
        case hours
        case list(ValueType)
        case object(ObjectSpec)
        /// A mapping of one of these shapes, told apart by their required keys (a person, or
        /// a person taken from a roster).
        case oneOf([ObjectSpec])
        /// `everyone`, or a list of person ids.
        case participants
        /// A mapping of person ids to durations.
        case speakingTimes
        /// true or false.
        case flag
        /// Text, or a mapping of language codes to texts: `{ en: Welcome, fr: Bienvenue }`.
        case translatable
        /// A mapping of ISO 15924 script codes to spellings: `{ arab: ..., latn: ... }`.
        case spellings
    }

    /// One key of a mapping.
    public struct Field: Sendable {
        public var key: String
        public var type: ValueType
        public var required: Bool
        /// The default, as users would write it, when the key is optional and has one.
        public var defaultValue: String?
        public var summary: String

        init(_ key: String, _ type: ValueType, required: Bool = false, default defaultValue: String? = nil, _ summary: String) {
            self.key = key
            self.type = type
            self.required = required
            self.defaultValue = defaultValue
            self.summary = summary
        }
    }

    /// A mapping and the keys it may hold.
    public struct ObjectSpec: Sendable {
        public var name: String
        public var summary: String
        public var fields: [Field]
        /// Keys that belong somewhere else, with the hint that says where (instead of the
        /// nearest known key).
        public var misplacedKeys: [String: String] = [:]

        public var keys: [String] { fields.map(\.key) }

        public func field(_ key: String) -> Field? { fields.first { $0.key == key } }
    }

    static func words<T: RawRepresentable & CaseIterable>(_ type: T.Type) -> ValueType where T.RawValue == String {
        .choice(T.allCases.map(\.rawValue))
    }

    public static let online = ObjectSpec(name: "online", summary: "How online participants join.", fields: [
        Field("platform", .text, "The meeting platform, e.g. Zoom or Teams."),
        Field("url", .text, "The join link."),
        Field("dial_in", .text, "A telephone dial-in number."),
        Field("notes", .text, "Anything else people need to join: passcode, interpretation channel."),
    ])

    public static let venue = ObjectSpec(name: "venue", summary: "Where the event takes place.", fields: [
        Field("name", .text, "The building or institution."),
        Field("address", .text, "The street address."),
        Field("room", .text, "The room, when every session uses the same one."),
        Field("online", .object(online), "The online meeting, for hybrid and online events."),
    ])

    public static let organizer = ObjectSpec(name: "organizer", summary: "Who convenes the event and sends the invites.", fields: [
        Field("name", .text, required: true, "The organisation or person."),
        Field("email", .email, "The address invites come from and replies go to."),
    ])

    public static let interpretation = ObjectSpec(name: "interpretation", summary: "The interpretation the event provides.", fields: [
        Field("languages", .list(.text), "The languages interpreted, e.g. [uk, en]: codes, or names read as codes."),
        Field("notes", .text, "How it works, e.g. \"simultaneous; channel 1 Ukrainian, channel 2 English\"."),
    ])

    public static let question = ObjectSpec(name: "guiding_question", summary: "A question speakers are asked to address.", fields: [
        Field("id", .identifier, required: true, "A short id that segments refer to, e.g. q1."),
        Field("text", .translatable, required: true, "The question, word for word."),
    ])

    public static let inclusion = ObjectSpec(name: "inclusion", summary: "What the organisers expect of the inclusion figures.", fields: [
        Field("women_speakers_threshold", .percentage, default: "50%",
              "The women's share of the event's speakers below which check warns, e.g. 40% (or 0.4)."),
        Field("all_women_panels", words(AllWomenPanels.self), default: "flag",
              "Whether a panel or dialogue of women only is flagged as single-sex (flag) or accepted by design (allow)."),
    ])

    public static let person = ObjectSpec(name: "person", summary: "Someone who takes part.", fields: [
        Field("id", .identifier, required: true, "A short id that sessions and segments refer to; it also names the person's invite file."),
        Field("name", .text, required: true, "The name as it should be printed, in any script."),
        Field("names", .spellings, "The name in other scripts, e.g. { arab: ..., latn: ... }: each printed where its script is, all withheld where the person may not be named."),
        Field("title", .text, "The person's role title."),
        Field("organization", .text, "The organisation the person speaks for."),
        Field("email", .email, "Where the person's invite goes; people without one get no invite."),
        Field("gender", words(Gender.self), default: "undisclosed", "Counted in the inclusion figures."),
        Field("sector", words(Sector.self), "The part of society the person speaks from."),
        Field("attendance", words(Attendance.self), default: "in-person", "Whether the person is in the room or joins online."),
        Field("timezone", .timeZone, default: "the event's", "The zone the person lives their day in; required for online people."),
        Field("working_hours", .hours, default: "\"08:00-20:00\"", "Local hours the person can be scheduled in, HH:MM-HH:MM."),
        Field("working_days", .list(words(Weekday.self)), default: "[mon, tue, wed, thu, fri]", "Local days the person can be scheduled on."),
        Field("visibility", words(Visibility.self), default: "public", "Who may see the person's name."),
        Field("described_as", .translatable, "How the person is shown where they may not be named, e.g. \"a civil-society expert from Kharkiv\"."),
        Field("languages", .list(.text), "Languages the person speaks, as codes (en, fa-AF); a name such as dari is read as its code. A briefing is in the first one Convene prints in."),
        Field("accept_warnings", .list(words(WarningCode.self)), "Kinds of warning accepted for this person, by the code their message ends with."),
    ])

    public static let segment = ObjectSpec(name: "segment", summary: "A part of a session.", fields: [
        Field("title", .translatable, required: true, "What the programme calls this part."),
        Field("kind", words(SegmentKind.self), default: "other", "What happens in it; panel and dialogue need a moderator."),
        Field("duration", .duration, "How long it lasts; without it the segment runs until the next pinned segment or the session's end."),
        Field("at", .time, "Pins the segment's start to this venue time instead of following the previous segment."),
        Field("speakers", .list(.reference), "Ids of the people who have the floor."),
        Field("facilitators", .list(.reference),
              "Ids of the people who teach or facilitate it: they hold the floor and count as speaking, even when they also moderate."),
        Field("moderator", .reference, "The segment's moderator, when it is not the session's."),
        Field("questions", .list(.reference), "Ids of the guiding questions the segment addresses."),
        Field("cues", .list(.text), "Reminders for the moderator and the tech desk."),
        Field("notes", .text, "Anything else the run-of-show should say."),
        Field("speaking", .speakingTimes, default: "the segment shared evenly",
              "Speaking time per speaker or facilitator, e.g. { sarabi: 12m }; those not listed share the rest evenly."),
        Field("interpretation", .text, "How this segment is interpreted, for the run-of-show, e.g. \"consecutive, Dari into English\"."),
    ])

    public static let session = ObjectSpec(name: "session", summary: "A block of the programme on one date.", fields: [
        Field("id", .identifier, required: true, "A short id; calendar UIDs derive from it, so keep it stable."),
        Field("title", .translatable, required: true, "The session's title."),
        Field("date", .date, "The date in the venue's zone; leave out, with start, while unscheduled."),
        Field("start", .time, "The start in the venue's zone, HH:MM."),
        Field("end", .time, "The end in the venue's zone; or give duration."),
        Field("duration", .duration, "The length; or give end. Without either, the segments define it."),
        Field("track", words(Track.self), "The session's track, when the event has several."),
        Field("moderator", .reference, "The id of the person who moderates."),
        Field("participants", .participants, default: "everyone", "Who takes part: everyone, or a list of person ids (moderators and speakers are always included)."),
        Field("room", .text, "The room, when it differs from the venue's."),
        Field("confidentiality", words(Confidentiality.self), default: "the event's", "The session's own rule, when it differs from the event's."),
        Field("segments", .list(.object(segment)), "The parts of the session, in order."),
        Field("follow_up", .flag, default: "false",
              "A session held online after the meeting: it is listed apart, and the event's dates and venue stay the meeting's."),
        Field("online", .object(online), "The session's own join link, when it is not the venue's (a follow-up's, say)."),
        Field("accept_warnings", .list(words(WarningCode.self)), "Kinds of warning accepted for this session, by the code their message ends with."),
    ])

    public static let agenda = ObjectSpec(name: "agenda", summary: "A Convene agenda, format version 1.", fields: [
        Field("convene", .integer, required: true, "The format version: 1."),
        Field("id", .identifier, required: true, "A stable id for the event; every calendar UID derives from it."),
        Field("title", .translatable, required: true, "The event's title."),
        Field("subtitle", .translatable, "A second line for the title."),
        Field("short_title", .translatable, "A short title, for calendar entries: they show the session first, then this (or the title)."),
        Field("kind", words(EventKind.self), default: "meeting", "The format of the event."),
        Field("tracks", .list(words(Track.self)), "The diplomatic tracks the event belongs to; quote them: [\"1.5\", \"2\"]."),
        Field("confidentiality", words(Confidentiality.self), default: "public", "The rule on attribution and attendance."),
        Field("timezone", .timeZone, required: true, "The venue's IANA zone; session dates and times are in it."),
        Field("organizer", .object(organizer), "Who convenes the event."),
        Field("languages", .list(.text), "The working languages, e.g. [en, uk], as codes; a name such as dari or français is read as its code. The first one Convene prints in (en, fr, uk, es, ru, ar, fa-AF, ps) is the printed sheets' language."),
        Field("interpretation", .object(interpretation), "The interpretation the event provides."),
        Field("venue", .object(venue), "Where the event takes place."),
        Field("introduction", .translatable, "The introduction, as in the concept note."),
        Field("guiding_questions", .list(.object(question)), "Questions the speakers are asked to address."),
        Field("outcome", .translatable, "What the event will produce, e.g. an outcome document."),
        Field("audience", .translatable, "Who the event is for."),
        Field("inclusion", .object(inclusion), "What the inclusion report and check expect, e.g. the women's share of speakers."),
        Field("rosters", .list(.text), "Roster files whose people the agenda takes by id, paths relative to the agenda file."),
        Field("people", .list(.oneOf([person, personFromRoster])), "Everyone who takes part: a person, or `roster: ID` for a person from a roster."),
        Field("sessions", .list(.object(session)), "The programme, session by session."),
        Field("accept_warnings", .list(words(WarningCode.self)),
              "Kinds of warning accepted for the whole event, by the code their message ends with, e.g. [moderator-speaks] for a training; those that protect people cannot be."),
    ])
}
