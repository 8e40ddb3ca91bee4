/// Everything a sheet says in one language that is not agenda text, as its labels file
/// (`templates/labels/LANG.yaml`) gives it: the labels templates print, the names of the
/// kinds of event and segment, the notices of the rules, and the phrases that take a number
/// or a place ("3 speakers", "16:45 in Kabul").
public struct SheetWords: Sendable {
    /// Whether a native speaker has reviewed the file (`reviewed: true`).
    public var reviewed: Bool
    /// "Labels in this language have not yet been reviewed by a native speaker.", in the language.
    public var reviewNotice: String
    public var labels: SheetLabels
    /// "{n} speakers", by plural category.
    var speakerCount: [PluralCategory: String]
    /// "{time} in {city}".
    var timeInPlace: String
    /// "{city} time".
    var cityTime: String
    /// "Track {number}".
    var track: String
    /// The calendars' words: "{title}: your programme", "{title}: cancelled session", the
    /// COMMENTs of a cancellation and of an uninvitation, and "Participants are not listed.".
    var yourProgramme = "", cancelledSession = "", sessionCancelled = "", noLongerTakingPart = "", notListed = ""
    /// The subjects of the e-mails that carry each kind of calendar message: "Invitation: {summary}".
    var inviteSubject = "", updateSubject = "", cancelSubject = "", uninviteSubject = ""
    /// "Reminder: {summary}", "Your briefing: {title}".
    var reminderSubject = "", briefingSubject = ""
    var eventKinds: [EventKind: String]
    var segmentKinds: [SegmentKind: String]
    var notices: [Confidentiality: String]
    /// The live views' words (`live:`).
    public var live = LiveWords()

    /// The segment kinds a file names: all but `other`, which has no name.
    static let namedSegmentKinds = SegmentKind.allCases.filter { $0 != .other }
    /// The rules a file has a notice for: all but `public`, which needs none.
    static let noticedRules = Confidentiality.allCases.filter { $0 != .public }

    /// The phrases of `phrases:`, each with the placeholders it must hold, in order.
    static let phrases: [(name: String, placeholders: [String])] = [
        ("speakerCount", ["n"]), ("timeInPlace", ["time", "city"]), ("cityTime", ["city"]), ("track", ["number"]),
        ("yourProgramme", ["title"]), ("cancelledSession", ["title"]), ("sessionCancelled", []), ("noLongerTakingPart", []), ("notListed", []),
        ("inviteSubject", ["summary"]), ("updateSubject", ["summary"]), ("cancelSubject", ["summary"]), ("uninviteSubject", ["summary"]),
        ("reminderSubject", ["summary"]), ("briefingSubject", ["title"]),
    ]

    /// The phrases read as they are, by name, with the placeholders each must hold.
    static let plainPhrases: [(name: String, placeholders: [String], property: WritableKeyPath<SheetWords, String> & Sendable)] = [
        ("timeInPlace", ["time", "city"], \.timeInPlace), ("cityTime", ["city"], \.cityTime), ("track", ["number"], \.track),
        ("yourProgramme", ["title"], \.yourProgramme), ("cancelledSession", ["title"], \.cancelledSession),
        ("sessionCancelled", [], \.sessionCancelled), ("noLongerTakingPart", [], \.noLongerTakingPart), ("notListed", [], \.notListed),
        ("inviteSubject", ["summary"], \.inviteSubject), ("updateSubject", ["summary"], \.updateSubject),
        ("cancelSubject", ["summary"], \.cancelSubject), ("uninviteSubject", ["summary"], \.uninviteSubject),
        ("reminderSubject", ["summary"], \.reminderSubject), ("briefingSubject", ["title"], \.briefingSubject),
    ]
}
