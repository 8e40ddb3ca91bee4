/// What a print template sees: the sheet's words, ready to print, in one language and for
/// one audience. Templates reach the properties by name (`{{event.title}}`,
/// `{{#sessions}}…{{/sessions}}`); `docs/printing.md` lists them.
///
/// Everything here is already decided: times are read from the ``Timeline``, people who
/// may not be named for the audience are replaced by their description, and agenda text
/// is one line per value (paragraphs are lists), with control and bidirectional-override
/// characters removed. Escaping for the output format is the renderer's job.
public struct SheetView: Sendable {
    /// `agenda`, `run-of-show` or `briefing`.
    public var sheet: String
    /// The language code, for `<html lang>`.
    public var language: String
    public var labels: SheetLabels
    /// The document's title, e.g. "Run of show — Inclusive peace negotiations".
    public var documentTitle: String
    public var event: EventView
    public var sessions: [SessionView]
    /// The sessions held online after the meeting (`follow_up: true`), listed apart.
    public var followUps: [SessionView] = []
    public var hasFollowUps = false
    /// The titles of the sessions not yet given a date and time.
    public var unscheduled: [String]
    public var hasUnscheduled: Bool
    /// The speaker a briefing is for.
    public var briefing: BriefingView?
    /// Whether some people are shown by a description instead of their name.
    public var describesPeople: Bool
    /// The run-of-show as it happened (`print --actual`); `nil` for the planned sheets.
    public var actual: ActualView? = nil

    /// Every name a print template can use, at any depth (a test keeps it equal to the
    /// properties of the view's types).
    public static let templateNames: Set<String> = [
        "sheet", "language", "labels", "documentTitle", "event", "sessions", "unscheduled", "hasUnscheduled", "briefing", "describesPeople",
        // labels
        "programme", "runOfShow", "introduction", "guidingQuestions", "outcome", "audience", "venue", "online", "joinOnline",
        "dialIn", "moderator", "speakers", "onlineMarker", "questions", "question", "organizedBy", "interpretation", "localTimes",
        "time", "elapsed", "remaining", "minutes", "segment", "floor", "cue", "tech", "techCheck", "note", "end", "yourTime",
        "venueTime", "yourSegments", "speakingTime", "questionsToAddress", "howToJoin", "withYou", "onlineSpeakers",
        "describedNotice", "unnamedSpeaker", "unnamedModerator", "unnamedParticipant", "toBeScheduled", "followUp", "before", "colon",
        "direction", "listSeparator", "dateTimeSeparator", "pageDigits", "startSide", "endSide", "reviewNotice",
        "followUps", "hasFollowUps", "followUp", "joinLink",
        // event
        "title", "cssTitle", "subtitle", "kind", "tracks", "dates", "zone", "zoneTime", "organizer", "venueName", "venueAddress", "room",
        "hasGuidingQuestions", "notice", "paragraphs", "platform", "url", "notes", "number", "text",
        // sessions, segments, rows, people
        "id", "showTitle", "date", "speakerCount", "newDay", "breakBefore", "keepTogether", "duration", "segments", "rows", "start", "questionNumbers", "isBreak",
        "clock", "isSegment", "isCheck", "isEnd", "cues", "name", "named", "organization", "line", "local",
        // briefing
        "person", "differentZone", "join", "firstCheck", "venueDate", "venueTechCheck", "programme", "others", "hasOthers", "mine",
        // the run-of-show as it happened
        "actual", "planned", "actualTime", "moved", "adjusted", "skipped", "notRun", "pauses", "turns", "days", "delay",
        "asItHappened", "paused", "finalDelay",
    ]
}

/// The event as a sheet's header shows it.
public struct EventView: Sendable {
    public var title: String
    /// The title as the inside of a CSS string, for the page footer of the print stylesheet
    /// (`content: "{{event.cssTitle}}"`): every character but letters, digits, marks and
    /// spaces is written as a CSS escape, so that the HTML escaping leaves it as it is and
    /// no agenda text can end the string or the stylesheet.
    public var cssTitle: String = ""
    public var subtitle: String?
    public var kind: String
    public var tracks: String?
    /// The event's date, or its first and last dates.
    public var dates: String
    /// The venue's IANA zone and how the sheet names its time ("New York time").
    public var zone: String
    public var zoneTime: String
    public var organizer: String?
    public var venueName: String?
    public var venueAddress: String?
    public var room: String?
    public var online: OnlineView?
    public var introduction: TextBlock?
    public var guidingQuestions: [QuestionView]
    public var hasGuidingQuestions: Bool
    public var outcome: TextBlock?
    public var audience: TextBlock?
    /// The notice of the event's rule (Chatham House Rule wording, …); `nil` when public.
    public var notice: String?
    /// "UK ↔ EN · simultaneous; channel 1 Ukrainian, channel 2 English".
    public var interpretation: String?
}

/// Text of one or more paragraphs.
public struct TextBlock: Sendable {
    public var paragraphs: [String]
}

/// How online participants join.
public struct OnlineView: Sendable {
    public var platform: String?
    public var url: String?
    public var dialIn: String?
    public var notes: String?
}

/// A guiding question and its number in the event's list, in the sheet's digits ("2", "۲").
public struct QuestionView: Sendable {
    public var number: String
    public var text: String
}

/// A person as the sheet may show them: named, or described by their role.
public struct PersonView: Sendable {
    /// The name, or the description when the person may not be named.
    public var name: String
    public var named: Bool
    public var title: String?
    public var organization: String?
    /// "Name, title, organisation", what a programme prints.
    public var line: String
    public var online: Bool
    /// Their clock at the moment in question, for online people: "16:55 in Kabul".
    public var local: String?
    /// Planned speaking time: "11 min".
    public var minutes: String?
}

/// A session of the programme.
public struct SessionView: Sendable {
    public var id: String
    public var title: String
    /// Whether the sheet prints the session's title (an event of one session named as the
    /// event does not repeat it).
    public var showTitle: Bool
    public var date: String
    /// Whether this session is the first on its date, for a day heading.
    public var newDay: Bool
    /// Whether another session comes before it. (The shipped templates no longer start a page
    /// there: ``keepTogether`` decides how a session meets a page's end.)
    public var breakBefore: Bool
    public var time: String
    public var duration: String
    /// The same span in the zones of the online speakers: "16:45–18:15 in Kabul".
    public var localTimes: String?
    public var room: String?
    public var moderator: PersonView?
    /// The notice of the session's own rule, when it differs from the event's.
    public var notice: String?
    public var segments: [SegmentView]
    /// The run-of-show rows: segments and tech checks in time order, then the end.
    public var rows: [RowView]
    /// The online people who have the floor, with their local time at the session's start.
    public var onlineSpeakers: [PersonView]
    /// The session's own join link (a follow-up's), when it is not the venue's or the session
    /// is held online apart from the meeting.
    public var online: OnlineView?
    /// Held online after the meeting (`follow_up: true`).
    public var followUp: Bool
    /// Whether the session is short enough to keep on one printed page (``PageFit``): the
    /// print stylesheet then moves it whole to the next page rather than cutting it.
    public var keepTogether = false
}

/// A segment as the programme prints it.
public struct SegmentView: Sendable {
    public var time: String
    public var start: String
    public var title: String
    public var kind: String?
    public var duration: String
    public var speakers: [PersonView]
    public var moderator: PersonView?
    /// "3 speakers", where the reader may not learn who they are (the public, in a session
    /// held under the Chatham House Rule, off the record or closed); `nil` otherwise.
    public var speakerCount: String?
    public var questions: [QuestionView]
    /// "1, 2, 3, 4": the numbers of the guiding questions the segment addresses.
    public var questionNumbers: String?
    public var isBreak: Bool
}

/// One row of the run-of-show: a segment, a tech check, or the end of the session.
public struct RowView: Sendable {
    public var clock: String
    /// Minutes since the session's start ("+25"; "−15" before it).
    public var elapsed: String
    /// Minutes until the session's end.
    public var remaining: String
    /// The segment's length in minutes; empty for checks and the end.
    public var duration: String
    public var title: String
    /// The segment's kind; for a tech check, the title of the segment it prepares.
    public var kind: String?
    public var isSegment: Bool
    public var isCheck: Bool
    public var isEnd: Bool
    /// Who has the floor, with their planned minutes; for a tech check, the online speakers
    /// checked, with their own clock.
    public var floor: [PersonView]
    public var moderator: PersonView?
    public var questions: [QuestionView]
    public var cues: [String]
    public var interpretation: String?
    public var notes: String?
}

/// A speaker's briefing: their sessions and segments in their own time and the venue's.
public struct BriefingView: Sendable {
    public var person: PersonView
    public var zone: String
    /// "Kabul time".
    public var zoneTime: String
    /// Whether their zone differs from the venue's, so both times are worth printing.
    public var differentZone: Bool
    public var sessions: [BriefingSessionView]
    public var join: OnlineView?
    /// The first tech check in the speaker's time, with its date: "Wednesday 19 October 2022,
    /// 16:40"; `nil` for someone in the room.
    public var firstCheck: String?
}

/// One session of a briefing.
public struct BriefingSessionView: Sendable {
    public var title: String
    /// Whether the title differs from the event's, so is worth a heading of its own.
    public var showTitle: Bool
    /// The session's date in the speaker's zone, and in the venue's when it differs.
    public var date: String
    public var venueDate: String?
    public var time: String
    public var venueTime: String
    public var moderator: PersonView?
    /// The tech check, in their time and in the venue's.
    public var techCheck: String?
    public var venueTechCheck: String?
    /// The session's own join link, when it is not the venue's (a follow-up's): the link to
    /// use for this session.
    public var joinLink: String? = nil
    public var segments: [BriefingSegmentView]
    /// The whole session's programme, in both times.
    public var programme: [BriefingSegmentView]
    public var notice: String?
}

/// A segment in a briefing.
public struct BriefingSegmentView: Sendable {
    public var time: String
    public var venueTime: String
    public var title: String
    public var kind: String?
    public var minutes: String?
    public var questions: [QuestionView]
    /// The others who have the floor in it.
    public var others: [PersonView]
    public var hasOthers: Bool
    /// Whether the speaker has the floor in it (in a briefing's programme).
    public var mine: Bool
}
