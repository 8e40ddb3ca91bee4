/// The circle of people an output is meant for. Who may be named in it follows from the
/// circle: the wider the circle, the fewer names.
public enum Audience: String, Sendable, CaseIterable {
    /// Anyone: what may be posted or forwarded.
    case `public`
    /// The people taking part.
    case participants
    /// The organisers.
    case organizers
}

/// Decides, for one audience, whether a person may be named or only described.
///
/// Every printed sheet asks this before any template sees a person, so a template that
/// forgets a condition cannot show a hidden name: it never receives one.
public struct Disclosure: Sendable {
    public let audience: Audience
    /// The rule of the event, which a session's own rule overrides.
    public let eventRule: Confidentiality
    /// The person an output is addressed to (a speaker's briefing), who always sees their
    /// own name.
    public let reader: PersonID?

    public init(audience: Audience, eventRule: Confidentiality, reader: PersonID? = nil) {
        self.audience = audience
        self.eventRule = eventRule
        self.reader = reader
    }

    /// Whether `person` may be named in what `audience` sees of `session` (or of the event,
    /// when `session` is `nil`).
    ///
    /// - Organisers see everyone.
    /// - Participants see everyone but people visible to organisers only.
    /// - The public sees people whose visibility is public, and only in sessions held in
    ///   public: every attendee of a Chatham House, off-the-record or closed session is left
    ///   unnamed.
    public func mayName(_ person: Person, in session: Session?) -> Bool {
        if person.id == reader { return true }
        switch audience {
        case .organizers:
            return true
        case .participants:
            return person.visibility != .organizers
        case .public:
            return person.visibility == .public && rule(of: session) == .public
        }
    }

    /// The rule a session is held under.
    public func rule(of session: Session?) -> Confidentiality {
        session?.confidentiality ?? eventRule
    }
}
