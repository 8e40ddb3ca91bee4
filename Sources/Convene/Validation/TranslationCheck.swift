/// In an agenda that gives texts in several languages, a text given by language that leaves
/// out one the agenda lists under `languages:` is a warning at that text: its readers in that
/// language would read it in the first language given instead.
struct TranslationCheck {
    let agenda: Agenda
    let map: SourceMap

    func run() -> DiagnosticList {
        var diagnostics = DiagnosticList()
        guard agenda.isMultilingual else { return diagnostics }
        let listed = agenda.languages
        func check(_ translations: Translations, _ field: String, at path: SourcePath, what: String, session: SessionID? = nil) {
            guard translations[field] != nil else { return }
            let missing = listed.filter { translations.text(field, in: $0) == nil }
            guard !missing.isEmpty else { return }
            let codes = missing.joined(separator: ", ")
            diagnostics.warning(map.location(path), "\(what) has no \(codes) text, though the agenda lists \(codes) among its languages",
                                hint: "add \(missing[0]): with its \(missing[0]) text, or take \(missing[0]) out of languages: (readers of it get the first text given)",
                                code: .untranslated, session: session)
        }
        for field in Agenda.translatedFields {
            check(agenda.translations, field, at: .root.key(field), what: "the event's \(field.replacingOccurrences(of: "_", with: " "))")
        }
        for (index, question) in agenda.guidingQuestions.enumerated() {
            check(question.translations, "text", at: SourcePath.root.key("guiding_questions")[index].key("text"), what: "guiding question '\(question.id)'")
        }
        for (index, person) in agenda.people.enumerated() {
            check(person.translations, "described_as", at: SourcePath.root.people[index].key("described_as"), what: "how '\(person.id)' is described")
        }
        for (index, session) in agenda.sessions.enumerated() {
            let path = SourcePath.root.sessions[index]
            check(session.translations, "title", at: path.key("title"), what: "the title of session '\(session.id)'", session: session.id)
            for (number, segment) in session.segments.enumerated() {
                check(segment.translations, "title", at: path.segments[number].key("title"), what: "the title of a segment of '\(session.id)'", session: session.id)
            }
        }
        return diagnostics
    }
}
