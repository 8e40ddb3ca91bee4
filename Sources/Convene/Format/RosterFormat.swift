/// The roster format, version 1, described once as data, like ``AgendaFormat``.
///
/// A roster lists people an organiser can draw on: a pool of experts with what they know, the
/// languages they speak, where they are, the networks they belong to and the trainings they
/// completed. A roster person is an agenda person (``AgendaFormat/person``) without the keys
/// that belong to one event, plus the keys that describe the expert; so the loader's checks,
/// the published schema (`schema/roster.schema.json`) and `docs/rosters.md` all follow from
/// the agenda's own description of a person.
public enum RosterFormat {
    /// The only roster format version this build reads. The schema writes a version key
    /// (``AgendaFormat/ValueType/integer``) as this number, which is the agenda's too.
    public static let version = 1

    /// Keys of an agenda person that describe one event rather than the person, so they are
    /// not in a roster: an agenda gives them beside `roster: ID`.
    public static let eventKeys: Set<String> = ["attendance", "accept_warnings"]

    /// Summaries that read differently in a roster than in an agenda.
    static let rosterSummaries: [String: String] = [
        "id": "A short id, unique in the roster; agendas take the person with `roster: ID`, and it names the person's invite file.",
        "timezone": "The zone the person lives their day in; required unless the roster gives a timezone for everyone.",
    ]

    /// The keys that describe an expert, beyond those of an agenda person.
    public static let expertFields: [AgendaFormat.Field] = [
        AgendaFormat.Field("region", .text, "Where the person lives and works, e.g. \"Kharkiv\" or \"Berlin, Germany\"."),
        AgendaFormat.Field("expertise", .list(.text), "What the person can speak or advise on, e.g. \"mediation\", \"transitional justice\"."),
        AgendaFormat.Field("networks", .list(.text), "Coalitions and networks the person belongs to, e.g. \"Kharkiv Regional 1325 Coalition\"."),
        AgendaFormat.Field("trainings", .list(.text), "Trainings the person completed, e.g. \"Clingendael Institute: mediation and negotiation (2023)\"."),
    ]

    /// One person in a roster.
    public static let person = AgendaFormat.ObjectSpec(
        name: "roster_person", summary: "Someone in the roster.",
        fields: AgendaFormat.person.fields.filter { !eventKeys.contains($0.key) }.map { field in
            var field = field
            if let summary = rosterSummaries[field.key] { field.summary = summary }
            if field.key == "timezone" { field.defaultValue = "the roster's" }
            return field
        } + expertFields,
        misplacedKeys: Dictionary(uniqueKeysWithValues: eventKeys.sorted().map {
            ($0, "\($0) belongs to one event: give it in the agenda, beside roster: ID")
        }))

    /// A roster file.
    public static let roster = AgendaFormat.ObjectSpec(name: "roster", summary: "A Convene roster, format version 1: a pool of people agendas can draw on.", fields: [
        AgendaFormat.Field("roster", .integer, required: true, "The roster format version: 1."),
        AgendaFormat.Field("title", .text, required: true, "What the roster is, e.g. \"Pool of women experts\"."),
        AgendaFormat.Field("maintainer", .text, "Who keeps the roster, and whom to ask before contacting anyone in it."),
        AgendaFormat.Field("updated", .date, "When the roster was last reviewed."),
        AgendaFormat.Field("timezone", .timeZone, "The zone of everyone in the roster who gives none."),
        AgendaFormat.Field("people", .list(.object(person)), "The people in the roster."),
    ])
}

extension AgendaFormat {
    /// An entry of an agenda's `people` that takes a person from one of the agenda's rosters:
    /// `roster: ID`, and beside it any key of a person, which overrides the roster's value
    /// for this agenda (`attendance: online`, a `timezone` while travelling, a stricter
    /// `visibility`).
    public static let personFromRoster = ObjectSpec(
        name: "person_from_roster",
        summary: "A person taken from one of the agenda's rosters by id; the keys beside roster: override the roster's.",
        fields: [Field("roster", .reference, required: true, "The id of the person in one of the agenda's rosters.")]
            + person.fields.map { field in
                var field = field
                field.required = false
                if RosterFormat.person.field(field.key) != nil { field.defaultValue = nil }
                if field.key == "id" { field.summary = "The person's id in this agenda, when it is not the roster's." }
                return field
            })
}
