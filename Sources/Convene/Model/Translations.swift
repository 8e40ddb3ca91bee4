/// The texts of an agenda written in several languages (`title: { en: ..., fr: ... }`): for
/// each field of a value, its text in each language the agenda gives it in. The value's own
/// field holds the text used where the reader's language is not given: the first one written.
public typealias Translations = [String: [String: String]]

extension Translations {
    /// The text of `field` in `language` (a code such as `fr`, matched without case, and
    /// `fa-AF` found by `fa`), or nil.
    func text(_ field: String, in language: String) -> String? {
        guard let texts = self[field] else { return nil }
        let wanted = language.lowercased()
        if let exact = texts.first(where: { $0.key.lowercased() == wanted }) { return exact.value }
        let base = wanted.split(separator: "-").first.map(String.init) ?? wanted
        return texts.first { $0.key.lowercased().split(separator: "-").first.map(String.init) == base }?.value
    }
}

extension Agenda {
    /// The event's own keys whose text may be given by language (``translations``).
    static let translatedFields = ["title", "subtitle", "short_title", "introduction", "outcome", "audience"]

    /// The agenda as a reader of `language` reads it: every text given in that language
    /// replaced by it, the others as written.
    public func localized(to language: String) -> Agenda {
        var agenda = self
        agenda.title = translations.text("title", in: language) ?? title
        agenda.subtitle = translations.text("subtitle", in: language) ?? subtitle
        agenda.shortTitle = translations.text("short_title", in: language) ?? shortTitle
        agenda.introduction = translations.text("introduction", in: language) ?? introduction
        agenda.outcome = translations.text("outcome", in: language) ?? outcome
        agenda.audience = translations.text("audience", in: language) ?? audience
        agenda.guidingQuestions = guidingQuestions.map { question in
            var question = question
            question.text = question.translations.text("text", in: language) ?? question.text
            return question
        }
        agenda.sessions = sessions.map { $0.localized(to: language) }
        agenda.people = people.map { person in
            var person = person
            person.describedAs = person.translations.text("described_as", in: language) ?? person.describedAs
            return person
        }
        return agenda
    }

    /// Whether any text of the agenda is given in more than one language.
    public var isMultilingual: Bool {
        !translations.isEmpty || guidingQuestions.contains { !$0.translations.isEmpty } || people.contains { !$0.translations.isEmpty }
            || sessions.contains { !$0.translations.isEmpty || $0.segments.contains { !$0.translations.isEmpty } }
    }
}

extension Session {
    /// The session as a reader of `language` reads it.
    public func localized(to language: String) -> Session {
        var session = self
        session.title = translations.text("title", in: language) ?? title
        session.segments = segments.map { segment in
            var segment = segment
            segment.title = segment.translations.text("title", in: language) ?? segment.title
            return segment
        }
        return session
    }
}

extension Timeline {
    /// The timeline as a reader of `language` reads it: the same instants, the texts in that
    /// language where the agenda gives them.
    public func localized(to language: String) -> Timeline {
        guard agenda.isMultilingual else { return self }
        var timeline = self
        timeline.agenda = agenda.localized(to: language)
        timeline.sessions = sessions.map { timed in
            var timed = timed
            timed.session = timed.session.localized(to: language)
            timed.segments = timed.segments.map { timedSegment in
                var timedSegment = timedSegment
                timedSegment.segment = timed.session.segments.indices.contains(timedSegment.index) ? timed.session.segments[timedSegment.index] : timedSegment.segment
                return timedSegment
            }
            return timed
        }
        return timeline
    }
}
