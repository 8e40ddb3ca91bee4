/// The fixed words of the printed sheets in one language; templates reach them as
/// `{{labels.NAME}}`. They are read from `templates/labels/LANG.yaml` (``LabelCatalog``),
/// where translators edit them.
public struct SheetLabels: Sendable {
    public var programme = "", runOfShow = "", briefing = "", introduction = "", guidingQuestions = "", outcome = "", audience = ""
    public var venue = "", online = "", joinOnline = "", dialIn = "", moderator = "", speakers = "", onlineMarker = "", questions = "", question = ""
    public var organizedBy = "", interpretation = "", localTimes = "", time = "", elapsed = "", remaining = "", minutes = "", segment = ""
    public var floor = "", cue = "", tech = "", techCheck = "", note = "", end = "", yourTime = "", venueTime = "", yourSegments = ""
    public var speakingTime = "", questionsToAddress = "", howToJoin = "", withYou = "", onlineSpeakers = ""
    public var describedNotice = "", unnamedSpeaker = "", unnamedModerator = "", unnamedParticipant = ""
    public var toBeScheduled = ""
    /// The heading of the sessions held online after the meeting.
    public var followUp = ""
    /// "before", as in "connection and audio check before the panel".
    public var before = ""
    /// The run-of-show as it happened (`print --actual`): its title's addition, its column
    /// heads, a skipped segment and one that never ran, a pause, each day's final delay and a
    /// session moved during the live day.
    public var asItHappened = "", planned = "", actual = "", skipped = "", notRun = "", paused = "", finalDelay = "", moved = ""
    /// The colon after a label: "\u{A0}:" in French, ":" otherwise.
    public var colon = ""
    /// `ltr`, or `rtl` for a language written right to left (Arabic, Dari, Pashto), for `<html dir>`.
    public var direction = "ltr"
    /// Between the items of a list, as CLDR has it: ", ", "، " in Dari and Pashto, " و" in Arabic.
    public var listSeparator = ", "
    /// Between a date and the time that follows it, as CLDR joins them: ", ", "، ساعت ".
    public var dateTimeSeparator = ", "
    /// The CSS counter style of the page numbers at the foot: `decimal`, or `persian` where the
    /// language's digits are the Extended Arabic-Indic ones (Dari, Pashto).
    public var pageDigits = "decimal"
    /// The side a line starts on, `left` or `right`, and the other one: the foot of a printed
    /// page holds the title on the start side and the page number on the end side.
    public var startSide = "left", endSide = "right"
    /// Empty once the language's labels are reviewed by a native speaker; until then the
    /// sentence saying they are not, in the language and in English. The renderer prints it at
    /// the foot of every sheet, a template of your own included.
    public var reviewNotice: [String] = []

    public init() {}

    /// The labels of `language`.
    public static func of(_ language: SheetLanguage) -> SheetLabels {
        language.words.labels
    }

    /// The keys of a labels file's `labels:`, each with the property it fills.
    static let keys: [(name: String, property: WritableKeyPath<SheetLabels, String> & Sendable)] = [
        ("programme", \.programme), ("runOfShow", \.runOfShow), ("briefing", \.briefing), ("introduction", \.introduction),
        ("guidingQuestions", \.guidingQuestions), ("outcome", \.outcome), ("audience", \.audience), ("venue", \.venue),
        ("online", \.online), ("joinOnline", \.joinOnline), ("dialIn", \.dialIn), ("moderator", \.moderator),
        ("speakers", \.speakers), ("onlineMarker", \.onlineMarker), ("questions", \.questions), ("question", \.question),
        ("organizedBy", \.organizedBy), ("interpretation", \.interpretation), ("localTimes", \.localTimes), ("time", \.time),
        ("elapsed", \.elapsed), ("remaining", \.remaining), ("minutes", \.minutes), ("segment", \.segment), ("floor", \.floor),
        ("cue", \.cue), ("tech", \.tech), ("techCheck", \.techCheck), ("note", \.note), ("end", \.end), ("yourTime", \.yourTime),
        ("venueTime", \.venueTime), ("yourSegments", \.yourSegments), ("speakingTime", \.speakingTime),
        ("questionsToAddress", \.questionsToAddress), ("howToJoin", \.howToJoin), ("withYou", \.withYou),
        ("onlineSpeakers", \.onlineSpeakers), ("describedNotice", \.describedNotice), ("unnamedSpeaker", \.unnamedSpeaker),
        ("unnamedModerator", \.unnamedModerator), ("unnamedParticipant", \.unnamedParticipant), ("toBeScheduled", \.toBeScheduled),
        ("followUp", \.followUp), ("before", \.before), ("colon", \.colon),
        ("asItHappened", \.asItHappened), ("planned", \.planned), ("actual", \.actual), ("skipped", \.skipped),
        ("notRun", \.notRun), ("paused", \.paused), ("finalDelay", \.finalDelay), ("moved", \.moved),
    ]
}
