/// The kinds of warning `convene check` gives, each by the code its message ends with
/// (`[moderator-speaks]`). An agenda may accept a kind for the whole event, for a session or
/// for a person (`accept_warnings: [moderator-speaks]`), when it is how the event works — in
/// a training, the trainer both moderates and speaks. Accepted warnings are counted, not
/// printed.
///
/// The warnings that protect people (a hidden name where a reader would see it) cannot be
/// accepted: they stay until the agenda is changed.
public enum WarningCode: String, Sendable, CaseIterable {
    case moderatorSpeaks = "moderator-speaks"
    case noWomanSpeaker = "no-woman-speaker"
    case noCivilSocietySpeaker = "no-civil-society-speaker"
    case womenUnderThreshold = "women-under-threshold"
    case singleSexPanel = "single-sex-panel"
    case nightFloor = "night-floor"
    case notAWorkingDay = "not-a-working-day"
    case doubleBooked = "double-booked"
    case segmentGap = "segment-gap"
    case clockChange = "clock-change"
    case trackNotListed = "track-not-listed"
    case legacyZoneName = "legacy-zone-name"
    case rosterListedTwice = "roster-listed-twice"
    case untranslated
    /// A language written by its name (`dari`), read as its code (`fa-AF`).
    case languageName = "language-name"
    // Warnings that protect people.
    case hiddenName = "hidden-name"
    case hiddenNameInID = "hidden-name-in-id"
    case noDescription = "no-described-as"
    case visibilityRaised = "visibility-raised"
    /// `accept_warnings:` lists one of the warnings above.
    case protectionNotAccepted = "protection-not-accepted"

    /// Whether the warning protects someone who must not be named, and so can never be accepted.
    public var protectsPeople: Bool {
        switch self {
        case .hiddenName, .hiddenNameInID, .noDescription, .visibilityRaised, .protectionNotAccepted: true
        default: false
        }
    }

    /// The codes an agenda may accept.
    public static var acceptable: [WarningCode] { allCases.filter { !$0.protectsPeople } }
}
