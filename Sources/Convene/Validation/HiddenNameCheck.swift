/// Warns when the organisers' own text names someone who may not be named in public: a
/// segment called "Keynote by Hadia Hidden" for a speaker whose visibility is `participants`.
///
/// Public outputs replace such a name anyway (``TextRedaction``); the warning is there so that
/// the text can be written without it, and so that nobody relies on the replacement alone.
public struct HiddenNameCheck: Sendable {
    let agenda: Agenda
    let map: SourceMap

    public init(agenda: Agenda, map: SourceMap) {
        self.agenda = agenda
        self.map = map
    }

    /// The texts the public agenda and calendar print, with where each stands.
    var publicTexts: [(path: String, what: String, text: String)] {
        var texts: [(String, String, String)] = [("title", "the event's title", agenda.title)]
        for (key, value) in [("subtitle", agenda.subtitle), ("introduction", agenda.introduction),
                             ("outcome", agenda.outcome), ("audience", agenda.audience)] {
            if let value { texts.append((key, "the \(key)", value)) }
        }
        for (index, question) in agenda.guidingQuestions.enumerated() {
            texts.append(("guiding_questions[\(index)].text", "guiding question '\(question.id)'", question.text))
        }
        for (index, session) in agenda.sessions.enumerated() {
            texts.append(("sessions[\(index)].title", "the title of session '\(session.id)'", session.title))
            for (number, segment) in session.segments.enumerated() {
                texts.append(("sessions[\(index)].segments[\(number)].title", "the title of a segment of '\(session.id)'", segment.title))
            }
        }
        return texts
    }

    /// One warning for each hidden person named in each text.
    public func run() -> DiagnosticList {
        var diagnostics = DiagnosticList()
        let hidden = agenda.people.filter { $0.visibility != .public && !$0.name.trimmingSpaces.isEmpty }
        guard !hidden.isEmpty else { return diagnostics }
        for (path, what, text) in publicTexts {
            for person in hidden where TextRedaction.contains(person.name, in: text) {
                let shown = person.describedAs.map { "'\($0)'" } ?? "'\(TextRedaction.placeholder)'"
                diagnostics.warning(map.location(path),
                    "\(what) names \(person.name), whose visibility is \(person.visibility.rawValue): public outputs print \(shown) there instead",
                    hint: "write it without the name, e.g. with the person's role")
            }
        }
        return diagnostics
    }
}
