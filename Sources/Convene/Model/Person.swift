/// Someone who takes part: a speaker, a moderator, a participant or an organiser.
public struct Person: Sendable, Equatable {
    public var id: PersonID
    public var name: String
    /// The person's role title, e.g. "Former minister of Women's Affairs".
    public var title: String?
    public var organization: String?
    public var email: String?
    public var gender: Gender
    public var sector: Sector?
    public var attendance: Attendance
    /// The zone the person lives their day in, normalised. `nil` means the event's zone.
    public var timeZone: String?
    public var workingHours: WorkingHours
    public var workingDays: [Weekday]
    public var visibility: Visibility
    /// How the person is described where they may not be named,
    /// e.g. "a civil-society expert from Kharkiv".
    public var describedAs: String?
    public var languages: [String]
    /// The person's `described_as` in each language it is given in.
    public var translations: Translations = [:]
    /// The name in other scripts, by ISO 15924 code (`arab`, `latn`, `cyrl`): see ``spellings``.
    public var names: [String: String] = [:]
    /// Kinds of warning the agenda accepts for this person (`accept_warnings:`).
    public var acceptedWarnings: [WarningCode] = []

    public init(
        id: PersonID, name: String, title: String? = nil, organization: String? = nil,
        email: String? = nil, gender: Gender = .undisclosed, sector: Sector? = nil,
        attendance: Attendance = .inPerson, timeZone: String? = nil,
        workingHours: WorkingHours = .standard, workingDays: [Weekday] = Person.standardWorkingDays,
        visibility: Visibility = .public, describedAs: String? = nil, languages: [String] = []
    ) {
        self.id = id
        self.name = name
        self.title = title
        self.organization = organization
        self.email = email
        self.gender = gender
        self.sector = sector
        self.attendance = attendance
        self.timeZone = timeZone
        self.workingHours = workingHours
        self.workingDays = workingDays
        self.visibility = visibility
        self.describedAs = describedAs
        self.languages = languages
    }

    /// Monday to Friday, the working days a person has unless the agenda says otherwise.
    public static let standardWorkingDays: [Weekday] = [.mon, .tue, .wed, .thu, .fri]

    /// The person's zone, or the event's when the agenda gives none.
    public func effectiveTimeZone(in agenda: Agenda) -> String {
        timeZone ?? agenda.timeZone
    }
}
