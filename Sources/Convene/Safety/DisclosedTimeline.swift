/// The timeline as one reader sees it: what every output except the organisers' own tools
/// is made from, so that no output can forget to redact.
///
/// - The organisers' own text (titles, introduction, questions, cues, notes, the venue, the
///   room, the online access, interpretation notes, other people's titles, organisations and
///   descriptions) is cleaned of every name, surname, e-mail address and organisation of the
///   people the reader may not see there, as ``NameSearch`` finds them (whatever the spacing,
///   invisible characters, look-alike letters or case).
/// - People the reader may see nowhere keep only their id, their description and what the
///   roles need (attendance, gender): no name, e-mail, title, organisation or zone.
/// - ``shown(_:in:)`` says how a person appears in a session: named, described, or withheld.
///   In a session held under the Chatham House Rule, off the record or closed, the public sees
///   nobody, named or described; outputs say only how many speak (``listsPeople(in:)``).
///
/// The organisers' view (``Audience/organizers``) is the timeline unchanged.
public struct DisclosedTimeline: Sendable {
    /// How one person appears to the reader in one session.
    public enum Shown: Sendable, Equatable {
        /// By name: the person as the reader may read about them.
        case named(Person)
        /// By their `described_as` wording, cleaned.
        case described(String)
        /// Not at all.
        case withheld
    }

    public let disclosure: Disclosure
    /// The redacted timeline; its agenda is redacted too.
    public let timeline: Timeline
    private let people: [PersonID: Person]
    private let searches: [Confidentiality: NameSearch]

    /// What text prints instead of a name that has no description to stand in for it.
    public static let placeholder = "[withheld]"

    /// `timeline` as `disclosure`'s reader may see it.
    public init(_ timeline: Timeline, disclosure: Disclosure) {
        self.disclosure = disclosure
        let original = timeline.agenda
        var searches: [Confidentiality: NameSearch] = [:]
        func search(for session: Session?) -> NameSearch {
            let rule = disclosure.rule(of: session)
            if let known = searches[rule] { return known }
            let made = Self.search(original.people, hiddenIn: session, disclosure: disclosure)
            searches[rule] = made
            return made
        }
        func clean(_ text: String, _ session: Session?) -> String {
            search(for: session).replacing(in: text)
        }
        func clean(_ text: String?, _ session: Session?) -> String? {
            text.map { clean($0, session) }
        }
        // A link runs names together (`…/j/HadiaHiddenBriefing`): there they count anywhere.
        let links = Self.linkSearch(original.people, hiddenIn: nil, disclosure: disclosure)
        var agenda = original
        agenda.title = clean(agenda.title, nil)
        agenda.subtitle = clean(agenda.subtitle, nil)
        agenda.shortTitle = clean(agenda.shortTitle, nil)
        // The texts in other languages are not carried: a timeline is disclosed in the
        // language it was localized to (``Timeline/localized(to:)``), and only that is cleaned.
        agenda.translations = [:]
        agenda.introduction = clean(agenda.introduction, nil)
        agenda.outcome = clean(agenda.outcome, nil)
        agenda.audience = clean(agenda.audience, nil)
        agenda.guidingQuestions = agenda.guidingQuestions.map { GuidingQuestion(id: $0.id, text: clean($0.text, nil)) }
        if var venue = agenda.venue {
            venue.name = clean(venue.name, nil)
            venue.address = clean(venue.address, nil)
            venue.room = clean(venue.room, nil)
            if var online = venue.online {
                online.platform = clean(online.platform, nil)
                online.url = online.url.map(links.replacing(in:))
                online.dialIn = clean(online.dialIn, nil)
                online.notes = clean(online.notes, nil)
                venue.online = online
            }
            agenda.venue = venue
        }
        // The organiser's name is printed on every sheet and calendar; the address stays, since
        // replies go to it (check warns when it names someone hidden).
        // Only people's names and addresses are looked for there: the organiser is often the
        // organisation hidden people belong to, and it is the event's host by name.
        if var organizer = agenda.organizer {
            let hidden = original.people.filter { !disclosure.mayName($0, in: nil) }
            let organisations = Set(hidden.compactMap { $0.organization?.trimmingSpaces })
            let names = NameSearch(search(for: nil).needles.filter { !organisations.contains($0.text) })
            organizer.name = names.replacing(in: organizer.name)
            agenda.organizer = organizer
        }
        if var interpretation = agenda.interpretation {
            interpretation.notes = clean(interpretation.notes, nil)
            interpretation.languages = interpretation.languages.map { clean($0, nil) }
            agenda.interpretation = interpretation
        }
        func cleaned(_ session: Session) -> Session {
            var session = session
            let context = session
            session.title = clean(session.title, context)
            session.translations = [:]
            session.room = clean(session.room, context)
            // A session's own join link is cleaned at the session's rule, like its title.
            if var online = session.online {
                let sessionLinks = Self.linkSearch(original.people, hiddenIn: context, disclosure: disclosure)
                online.platform = clean(online.platform, context)
                online.url = online.url.map(sessionLinks.replacing(in:))
                online.dialIn = clean(online.dialIn, context)
                online.notes = clean(online.notes, context)
                session.online = online
            }
            session.segments = session.segments.map { segment in
                var segment = segment
                segment.title = clean(segment.title, context)
                segment.translations = [:]
                segment.cues = segment.cues.map { clean($0, context) }
                segment.notes = clean(segment.notes, context)
                segment.interpretation = clean(segment.interpretation, context)
                return segment
            }
            return session
        }
        agenda.sessions = agenda.sessions.map(cleaned)
        agenda.people = original.people.map { person in
            var person = person
            let seen = disclosure.mayName(person, in: nil) || original.sessions.contains { disclosure.mayName(person, in: $0) }
            person.describedAs = clean(person.describedAs, nil).flatMap { $0.trimmingSpaces.isEmpty ? nil : $0 }
            person.translations = [:]
            if seen {
                person.title = clean(person.title, nil)
                person.organization = clean(person.organization, nil)
            } else {
                person.name = ""
                person.names = [:]
                person.email = nil
                person.title = nil
                person.organization = nil
                person.timeZone = nil
                person.languages = []
            }
            return person
        }
        var redacted = timeline
        redacted.agenda = agenda
        redacted.sessions = timeline.sessions.map { timed in
            var timed = timed
            let session = agenda.sessions[timed.index]
            timed.session = session
            timed.segments = timed.segments.map { segment in
                var segment = segment
                segment.segment = session.segments[segment.index]
                return segment
            }
            timed.roles.session = session
            return timed
        }
        self.timeline = redacted
        // Questions belong to the event but are asked inside sessions: each session's rule
        // cleans them again where they are printed.
        for session in original.sessions { _ = search(for: session) }
        self.searches = searches
        people = Dictionary(agenda.people.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The timeline as `audience` sees it (`reader`, when given, always sees their own name).
    public init(_ timeline: Timeline, audience: Audience, reader: PersonID? = nil) {
        self.init(timeline, disclosure: Disclosure(audience: audience, eventRule: timeline.agenda.confidentiality, reader: reader))
    }

    public var agenda: Agenda { timeline.agenda }

    /// How `id` appears to the reader in `session` (at the event's rule for `nil`).
    public func shown(_ id: PersonID, in session: Session?) -> Shown {
        guard let person = people[id] else { return .withheld }
        if disclosure.mayName(person, in: session) { return .named(person) }
        guard listsPeople(in: session), let description = person.describedAs else { return .withheld }
        return .described(description)
    }

    /// Whether `reader` reads this view exactly as a view made for them (the reader always
    /// sees their own name) would show it: the view is for no one in particular or for them,
    /// its audience may name them everywhere anyway, and it says who takes part in every
    /// session. Then thousands of readers can share one view instead of each having their own.
    public func showsAlike(to reader: Person) -> Bool {
        if disclosure.reader == reader.id { return true }
        guard disclosure.reader == nil, disclosure.mayName(reader, in: nil), listsPeople(in: nil) else { return false }
        return agenda.sessions.allSatisfy { disclosure.mayName(reader, in: $0) && listsPeople(in: $0) }
    }

    /// The search that cleans text the reader reads in `session` (at the event's rule for `nil`).
    public func textSearch(in session: Session?) -> NameSearch {
        searches[disclosure.rule(of: session)] ?? NameSearch([])
    }

    /// A guiding question's text as the reader may read it inside `session` (under the Chatham
    /// House Rule the public may not learn who speaks, and a question may name a speaker).
    public func question(_ id: QuestionID, in session: Session?) -> String? {
        guard let text = agenda.guidingQuestions.first(where: { $0.id == id })?.text else { return nil }
        return searches[disclosure.rule(of: session)].map { $0.replacing(in: text) } ?? text
    }

    /// Whether the reader may learn who takes part in `session` at all: not the public, in a
    /// session held under the Chatham House Rule, off the record or closed.
    public func listsPeople(in session: Session?) -> Bool {
        disclosure.audience != .public || disclosure.rule(of: session) == .public || disclosure.reader != nil
    }

    /// The people the reader may not see in `session`, as needles to find in text: each
    /// name, surname and e-mail address (and its local part), replaced by the person's
    /// description where one may stand, else by ``placeholder``; and each organisation that
    /// nobody the reader may see belongs to.
    static func search(_ people: [Person], hiddenIn session: Session?, disclosure: Disclosure) -> NameSearch {
        let hidden = people.filter { !disclosure.mayName($0, in: session) }
        guard !hidden.isEmpty else { return NameSearch([]) }
        let visible = people.filter { disclosure.mayName($0, in: session) }
        let visibleWords = Set(visible.flatMap { $0.spellings.flatMap(nameParts) }.map(NameSearch.fold))
        let visibleOrganizations = Set(visible.compactMap(\.organization).map(NameSearch.fold))
        let describes = disclosure.audience != .public || disclosure.rule(of: session) == .public
        // Descriptions are cleaned of every hidden name before they stand in for one.
        var plain: [NameSearch.Needle] = []
        for person in hidden {
            plain += needles(for: person, replacement: placeholder, visibleWords: visibleWords, visibleOrganizations: visibleOrganizations)
        }
        let plainSearch = NameSearch(plain)
        var needles: [NameSearch.Needle] = []
        for person in hidden {
            let description = describes ? person.describedAs.map(plainSearch.replacing(in:)).flatMap { $0.trimmingSpaces.isEmpty ? nil : $0 } : nil
            needles += Self.needles(for: person, replacement: description ?? placeholder, visibleWords: visibleWords,
                                    visibleOrganizations: visibleOrganizations)
        }
        return NameSearch(needles)
    }

    /// The people the reader may not see, as they may stand in a link: run together or inside
    /// a longer word; replaced by `withheld`, which keeps the link a link.
    static func linkSearch(_ people: [Person], hiddenIn session: Session?, disclosure: Disclosure) -> NameSearch {
        var needles: [NameSearch.Needle] = []
        for person in people where !disclosure.mayName(person, in: session) {
            var texts: [String] = []
            for spelling in person.spellings {
                let parts = nameParts(spelling)
                if !parts.isEmpty { texts.append(parts.joined()) }
                if parts.count > 1 { texts.append(parts.joined(separator: ".")); texts.append(parts.joined(separator: "-")); texts.append(parts.joined(separator: "_")) }
                // Every part of the name: a link gives no spaces to tell a name from a word.
                texts += parts.filter { $0.count >= 3 }
            }
            // A link may carry a name percent-encoded (`%D0%93%D1%96…`).
            texts += texts.compactMap { text in
                text.allSatisfy(\.isASCII) ? nil : text.addingPercentEncoding(withAllowedCharacters: .alphanumerics)
            }
            if let email = person.email, let at = email.firstIndex(of: "@"), email.distance(from: email.startIndex, to: at) >= 3 {
                texts.append(String(email[..<at]))
            }
            needles += texts.map { NameSearch.Needle($0, replacement: "withheld") }
        }
        return NameSearch(needles, wholeWords: false)
    }

    /// What identifies `person` in text.
    public static func needles(for person: Person, replacement: String, visibleWords: Set<String>,
                        visibleOrganizations: Set<String>) -> [NameSearch.Needle] {
        var texts: [String] = []
        // Every spelling of the name, in every script it is written in.
        for spelling in person.spellings {
            let name = spelling.trimmingSpaces
            texts.append(name)
            let parts = nameParts(name)
            // The name run together as handles and file names write it: Maryam-Ali, Maryam_Ali, MaryamAli.
            if parts.count > 1 {
                texts += [parts.joined(separator: "-"), parts.joined(separator: "_"), parts.joined()]
            }
            // The surname alone ("Mrs Hidden"), unless it is also the name of someone the reader sees.
            if parts.count > 1, let surname = parts.last, surname.count >= 3, !visibleWords.contains(NameSearch.fold(surname)) {
                texts.append(surname)
            }
        }
        if let email = person.email?.trimmingSpaces, !email.isEmpty {
            texts.append(email)
            if let at = email.firstIndex(of: "@") {
                let local = String(email[..<at])
                if local.count >= 3 { texts.append(local) }
            }
        }
        var result = texts.map { NameSearch.Needle($0, replacement: replacement) }
        if let organization = person.organization?.trimmingSpaces, !organization.isEmpty,
           !visibleOrganizations.contains(NameSearch.fold(organization)) {
            result.append(NameSearch.Needle(organization, replacement: placeholder))
        }
        return result
    }

    /// The words of a name, split at spaces and hyphens.
    static func nameParts(_ name: String) -> [String] {
        name.split(whereSeparator: { $0.isWhitespace || $0 == "-" || $0 == "‐" }).map(String.init).filter { $0.contains(where: \.isLetter) }
    }
}
