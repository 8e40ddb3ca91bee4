/// Someone in a roster: a person as an agenda would hold them, and what makes them a
/// candidate for a panel or a dialogue.
public struct Expert: Sendable, Equatable {
    /// The person as an agenda takes them: name, contact, zone, hours, visibility. Its
    /// attendance is the default (in person); an agenda says otherwise per event.
    public var person: Person
    /// Where the person lives and works, e.g. "Kharkiv" or "Berlin, Germany".
    public var region: String?
    /// What the person can speak or advise on.
    public var expertise: [String]
    /// Coalitions and networks the person belongs to.
    public var networks: [String]
    /// Trainings the person completed.
    public var trainings: [String]

    /// An expert made of `person` and what they know.
    public init(person: Person, region: String? = nil, expertise: [String] = [], networks: [String] = [], trainings: [String] = []) {
        self.person = person
        self.region = region
        self.expertise = expertise
        self.networks = networks
        self.trainings = trainings
    }

    /// The person's id, unique in the roster.
    public var id: PersonID { person.id }
}
