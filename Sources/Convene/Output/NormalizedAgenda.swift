/// The agenda as Convene understood it, every default filled in and every zone normalised,
/// as JSON for other tools (`agenda.json` in a build).
public enum NormalizedAgenda {
    public static func json(_ agenda: Agenda) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("convene", .int(agenda.formatVersion)),
            ("id", .string(agenda.id)),
            ("title", .string(agenda.title)),
            ("subtitle", .optional(agenda.subtitle)),
            ("kind", .string(agenda.kind.rawValue)),
            ("tracks", .array(agenda.tracks.map { .string($0.rawValue) })),
            ("confidentiality", .string(agenda.confidentiality.rawValue)),
            ("timezone", .string(agenda.timeZone)),
        ]
        pairs.append(("organizer", agenda.organizer.map { .object([("name", .string($0.name)), ("email", .optional($0.email))]) } ?? .null))
        pairs.append(("languages", .array(agenda.languages.map(JSONValue.string))))
        pairs.append(("interpretation", agenda.interpretation.map {
            .object([("languages", .array($0.languages.map(JSONValue.string))), ("notes", .optional($0.notes))])
        } ?? .null))
        pairs.append(("venue", agenda.venue.map(venue) ?? .null))
        pairs.append(("introduction", .optional(agenda.introduction)))
        pairs.append(("guiding_questions", .array(agenda.guidingQuestions.map {
            .object([("id", .id($0.id)), ("text", .string($0.text)), ("translations", translations($0.translations))])
        })))
        pairs.append(("outcome", .optional(agenda.outcome)))
        pairs.append(("audience", .optional(agenda.audience)))
        pairs.append(("inclusion", .object([
            ("women_speakers_threshold", .string(agenda.inclusion.womenSpeakersThreshold.description)),
            ("all_women_panels", .string(agenda.inclusion.allWomenPanels.rawValue)),
        ])))
        pairs.append(("translations", translations(agenda.translations)))
        pairs.append(("people", .array(agenda.people.map { person($0, in: agenda) })))
        pairs.append(("sessions", .array(agenda.sessions.map { session($0, in: agenda) })))
        return .object(pairs)
    }

    private static func venue(_ venue: Venue) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("name", .optional(venue.name)), ("address", .optional(venue.address)), ("room", .optional(venue.room)),
        ]
        pairs.append(("online", venue.online.map {
            .object([("platform", .optional($0.platform)), ("url", .optional($0.url)),
                     ("dial_in", .optional($0.dialIn)), ("notes", .optional($0.notes))])
        } ?? .null))
        return .object(pairs)
    }

    private static func person(_ person: Person, in agenda: Agenda) -> JSONValue {
        .object([
            ("id", .id(person.id)),
            ("name", .string(person.name)),
            ("names", .object(person.names.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.string($0.value)) })),
            ("title", .optional(person.title)),
            ("organization", .optional(person.organization)),
            ("email", .optional(person.email)),
            ("gender", .string(person.gender.rawValue)),
            ("sector", .optional(person.sector?.rawValue)),
            ("attendance", .string(person.attendance.rawValue)),
            ("timezone", .string(person.effectiveTimeZone(in: agenda))),
            ("working_hours", .string(person.workingHours.description)),
            ("working_days", .array(person.workingDays.map { .string($0.rawValue) })),
            ("visibility", .string(person.visibility.rawValue)),
            ("described_as", .optional(person.describedAs)),
            ("languages", .array(person.languages.map(JSONValue.string))),
            ("translations", translations(person.translations)),
        ])
    }

    private static func session(_ session: Session, in agenda: Agenda) -> JSONValue {
        .object([
            ("id", .id(session.id)),
            ("title", .string(session.title)),
            ("date", .optional(session.date?.description)),
            ("start", .optional(session.start?.description)),
            ("end", .optional(session.end?.description)),
            ("duration", .optional(session.duration?.description)),
            ("track", .optional(session.track?.rawValue)),
            ("moderator", .optional(session.moderator)),
            ("participants", .array(agenda.participantIDs(of: session).map(JSONValue.id))),
            ("room", .optional(session.room)),
            ("confidentiality", .string((session.confidentiality ?? agenda.confidentiality).rawValue)),
            ("segments", .array(session.segments.map(segment))),
            ("translations", translations(session.translations)),
        ])
    }

    private static func segment(_ segment: Segment) -> JSONValue {
        .object([
            ("title", .string(segment.title)),
            ("kind", .string(segment.kind.rawValue)),
            ("duration", .optional(segment.duration?.description)),
            ("at", .optional(segment.at?.description)),
            ("speakers", .array(segment.speakers.map(JSONValue.id))),
            ("moderator", .optional(segment.moderator)),
            ("questions", .array(segment.questions.map(JSONValue.id))),
            ("cues", .array(segment.cues.map(JSONValue.string))),
            ("notes", .optional(segment.notes)),
            ("speaking", .object(segment.speakingTimes.map { ($0.person.rawValue, JSONValue.string($0.minutes.description)) })),
            ("interpretation", .optional(segment.interpretation)),
            ("translations", translations(segment.translations)),
        ])
    }

    /// A value's texts by language: for each translated key, its text in each language given,
    /// keys and languages in order (`{}` for a value given in one language).
    private static func translations(_ translations: Translations) -> JSONValue {
        .object(translations.sorted { $0.key < $1.key }.map { field, texts in
            (field, .object(texts.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.string($0.value)) }))
        })
    }
}
