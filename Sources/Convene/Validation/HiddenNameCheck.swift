/// Warns when the organisers' own text names someone a reader of it may not see: a segment
/// called "Keynote by Hadia Hidden" for a speaker whose visibility is `participants` is read
/// by the public; one whose visibility is `organizers` is also read by every participant in
/// their invite.
///
/// Outputs replace such a name anyway (``DisclosedTimeline``); the warning is there so that the
/// text can be written without it, and so that nobody relies on the replacement alone. It is
/// placed at the text's line and says which audiences would have seen the name.
public struct HiddenNameCheck: Sendable {
    let agenda: Agenda
    let map: SourceMap

    public init(agenda: Agenda, map: SourceMap) {
        self.agenda = agenda
        self.map = map
    }

    /// One text a reader sees, with where it stands and the session it belongs to.
    struct Text {
        var path: SourcePath
        var what: String
        var text: String
        var session: Session?
    }

    /// Every text of the organisers' that an output prints, with where each stands.
    var texts: [Text] {
        var texts = [Text(path: "title", what: "the event's title", text: agenda.title)]
        for (key, value) in [("subtitle", agenda.subtitle), ("short_title", agenda.shortTitle), ("introduction", agenda.introduction),
                             ("outcome", agenda.outcome), ("audience", agenda.audience)] {
            if let value { texts.append(Text(path: SourcePath.root.key(key), what: "the \(key.replacingOccurrences(of: "_", with: " "))", text: value)) }
        }
        // Every language's text is read, not only the first: a title translated into Dari
        // must not name who the English one does not.
        func translated(_ translations: Translations, _ field: String, at path: SourcePath, what: String, session: Session? = nil) {
            for (language, text) in (translations[field] ?? [:]).sorted(by: { $0.key < $1.key }) {
                texts.append(Text(path: path, what: "\(what) (\(language))", text: text, session: session))
            }
        }
        for key in Agenda.translatedFields {
            translated(agenda.translations, key, at: SourcePath.root.key(key), what: key == "title" ? "the event's title" : "the \(key.replacingOccurrences(of: "_", with: " "))")
        }
        if let venue = agenda.venue {
            for (key, value) in [("name", venue.name), ("address", venue.address), ("room", venue.room),
                                 ("online.url", venue.online?.url), ("online.platform", venue.online?.platform),
                                 ("online.dial_in", venue.online?.dialIn), ("online.notes", venue.online?.notes)] {
                if let value { texts.append(Text(path: SourcePath(stringLiteral: "venue." + key), what: "the venue's \(key.replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: ".", with: " "))", text: value)) }
            }
        }
        if let organizer = agenda.organizer {
            texts.append(Text(path: SourcePath.root.organizer.name, what: "the organiser's name", text: organizer.name))
            if let email = organizer.email { texts.append(Text(path: SourcePath.root.organizer.email, what: "the organiser's address", text: email)) }
        }
        if let notes = agenda.interpretation?.notes {
            texts.append(Text(path: SourcePath.root.interpretation.notes, what: "the interpretation notes", text: notes))
        }
        for (index, question) in agenda.guidingQuestions.enumerated() {
            texts.append(Text(path: SourcePath.root.guiding_questions[index].text, what: "guiding question '\(question.id)'", text: question.text))
            translated(question.translations, "text", at: SourcePath.root.guiding_questions[index].text, what: "guiding question '\(question.id)'")
        }
        for (index, person) in agenda.people.enumerated() {
            for (key, value) in [("title", person.title), ("organization", person.organization), ("described_as", person.describedAs)] {
                if let value { texts.append(Text(path: SourcePath.root.people[index].key(key), what: "the \(key.replacingOccurrences(of: "_", with: " ")) of '\(person.id)'", text: value)) }
            }
            translated(person.translations, "described_as", at: SourcePath.root.people[index].key("described_as"), what: "the described as of '\(person.id)'")
        }
        for (index, session) in agenda.sessions.enumerated() {
            texts.append(Text(path: SourcePath.root.sessions[index].title, what: "the title of session '\(session.id)'", text: session.title, session: session))
            translated(session.translations, "title", at: SourcePath.root.sessions[index].title, what: "the title of session '\(session.id)'", session: session)
            if let room = session.room {
                texts.append(Text(path: SourcePath.root.sessions[index].room, what: "the room of session '\(session.id)'", text: room, session: session))
            }
            if let online = session.online {
                for (key, value) in [("url", online.url), ("platform", online.platform), ("dial_in", online.dialIn), ("notes", online.notes)] {
                    if let value {
                        texts.append(Text(path: SourcePath.root.sessions[index].online.key(key),
                                          what: "the online \(key.replacingOccurrences(of: "_", with: "-")) of session '\(session.id)'", text: value, session: session))
                    }
                }
            }
            for (number, segment) in session.segments.enumerated() {
                let path = SourcePath.root.sessions[index].segments[number], of = "a segment of '\(session.id)'"
                texts.append(Text(path: path.title, what: "the title of \(of)", text: segment.title, session: session))
                translated(segment.translations, "title", at: path.title, what: "the title of \(of)", session: session)
                for (position, cue) in segment.cues.enumerated() {
                    texts.append(Text(path: path.cues[position], what: "a cue of \(of)", text: cue, session: session))
                }
                if let notes = segment.notes { texts.append(Text(path: path.notes, what: "the notes of \(of)", text: notes, session: session)) }
                if let interpretation = segment.interpretation {
                    texts.append(Text(path: path.interpretation, what: "the interpretation of \(of)", text: interpretation, session: session))
                }
            }
        }
        return texts
    }

    /// One warning for each person named in each text where a reader of it may not see them;
    /// a person's own title, organisation and description are not checked against themselves.
    public func run() -> DiagnosticList {
        var diagnostics = DiagnosticList()
        let people = agenda.people.filter { !$0.name.trimmingSpaces.isEmpty }
        guard people.contains(where: { $0.visibility != .public }) else { return diagnostics }
        // Cues and notes reach only the organisers' run-of-show; the participants' outputs and the
        // public's print the rest.
        let audiences: [Audience] = [.public, .participants]
        // Who is hidden from an audience by their visibility: under the Chatham House Rule the
        // public sees no name at all, and that is the rule's to say, not each title's.
        let searches = audiences.map { audience -> (NameSearch, [Int]) in
            func hidden(_ person: Person) -> Bool { Self.hiddenByVisibility(person, from: audience) }
            let visible = people.filter { !hidden($0) }
            let words = Set(visible.flatMap { $0.spellings.flatMap(DisclosedTimeline.nameParts) }.map(NameSearch.fold))
            let organizations = Set(visible.compactMap(\.organization).map(NameSearch.fold))
            var needles: [NameSearch.Needle] = [], owners: [Int] = []
            for (number, person) in people.enumerated() where hidden(person) {
                for needle in DisclosedTimeline.needles(for: person, replacement: "", visibleWords: words, visibleOrganizations: organizations) {
                    needles.append(needle)
                    owners.append(number)
                }
            }
            return (NameSearch(needles), owners)
        }
        for text in texts where !text.path.steps.contains(.key("cues")) && !(text.path.steps.first == .key("sessions") && text.path.lastKey == "notes") {
            var seenBy: [Int: [Audience]] = [:]
            for (audience, (search, owners)) in zip(audiences, searches) {
                for match in search.ranges(in: text.text) {
                    let owner = owners[match.needle]
                    // The organiser may be the organisation hidden people belong to: only names count there.
                    if text.path.steps.first == .key("organizer"),
                       search.needles[match.needle].text.trimmingSpaces == people[owner].organization?.trimmingSpaces { continue }
                    // A person's own title, organisation and description may say who they are.
                    if let own = agenda.people.firstIndex(where: { $0.id == people[owner].id }), SourcePath.root.people[own].contains(text.path) { continue }
                    if !(seenBy[owner]?.contains(audience) ?? false) { seenBy[owner, default: []].append(audience) }
                }
            }
            // A link runs names together: there each hidden person is looked for as the outputs do.
            let sessionLink = text.path.steps.first == .key("sessions") && text.path.lastKey == "url"
            if text.path == SourcePath.root.venue.online.url || sessionLink {
                for audience in audiences {
                    let disclosure = Disclosure(audience: audience, eventRule: agenda.confidentiality)
                    for (owner, person) in people.enumerated()
                    where Self.hiddenByVisibility(person, from: audience)
                        && DisclosedTimeline.linkSearch([person], hiddenIn: sessionLink ? text.session : nil, disclosure: disclosure).matches(text.text)
                        && !(seenBy[owner]?.contains(audience) ?? false) {
                        seenBy[owner, default: []].append(audience)
                    }
                }
            }
            for (owner, readers) in seenBy.sorted(by: { $0.key < $1.key }) {
                let person = people[owner]
                let who = readers.map { $0 == .public ? "the public" : "participants" }.joined(separator: " and ")
                let shown = person.describedAs.map { "'\($0)' or " } ?? ""
                diagnostics.warning(map.location(text.path),
                    "\(text.what) names \(person.name), whose visibility is \(person.visibility.rawValue): what \(who) read\(readers.count == 1 && readers[0] == .public ? "s" : "") prints \(shown)'\(DisclosedTimeline.placeholder)' there instead",
                    hint: "write it without the name, e.g. with the person's role", code: .hiddenName, person: person.id)
            }
        }
        idWarnings(people, into: &diagnostics)
        return diagnostics
    }

    /// Whether `person`'s visibility hides them from `audience` (the public or participants).
    static func hiddenByVisibility(_ person: Person, from audience: Audience) -> Bool {
        audience == .participants ? person.visibility == .organizers : person.visibility != .public
    }

    /// A session id is in every calendar's UID, the public programme's too, and cannot change
    /// once invites are out: one that carries a word of a hidden person's name is warned about.
    func idWarnings(_ people: [Person], into diagnostics: inout DiagnosticList) {
        let hidden = people.filter { $0.visibility != .public }
        guard !hidden.isEmpty else { return }
        for (index, session) in agenda.sessions.enumerated() {
            let parts = Set(session.id.rawValue.split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == "." }).map { NameSearch.fold(String($0)) })
            for person in hidden {
                let words = person.spellings.flatMap(DisclosedTimeline.nameParts).filter { $0.count >= 3 }.map(NameSearch.fold)
                guard words.contains(where: parts.contains) else { continue }
                diagnostics.warning(map.location(SourcePath.root.sessions[index].id),
                    "the id of session '\(session.id)' carries the name of \(person.name), whose visibility is \(person.visibility.rawValue): every calendar's UID shows it, the public programme's too",
                    hint: "choose an id without the name before invites go out; a UID must not change after", code: .hiddenNameInID, session: session.id, person: person.id)
            }
        }
    }
}
