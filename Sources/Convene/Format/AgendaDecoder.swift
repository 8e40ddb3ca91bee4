import Yams

/// The mapping of one YAML object, its keys checked against the format.
struct Fields {
    let path: SourcePath
    let spec: AgendaFormat.ObjectSpec
    let location: SourceLocation
    var values: [String: (key: SourceLocation, value: Node)] = [:]

    func child(_ key: String) -> SourcePath { path.key(key) }
}

/// Turns a composed YAML tree into an ``Agenda``, recording positions and problems.
final class AgendaDecoder {
    let zones: ZoneDirectory
    var diagnostics = DiagnosticList()
    var map = SourceMap()
    /// Values read so far. Aliases let a small file stand for an enormous one; past
    /// ``budget`` the rest is not read.
    private var visited = 0
    static let budget = 100_000
    private(set) var exhausted = false
    /// What the file is called in messages: "agenda", or "roster" for a roster file.
    var document = "agenda"
    /// Where the rosters named by `rosters:` come from, and those loaded so far.
    var rosterSource = RosterSource.none
    var rosters = RosterIndex()
    /// The people whose `roster: ID` had an error, so that later checks add nothing to it.
    var unresolved = UnresolvedPeople()

    /// Counts one value; false once the budget is spent (reported once).
    private func spend() -> Bool {
        visited += 1
        if visited > Self.budget, !exhausted {
            exhausted = true
            diagnostics.error(.start, "the \(document) holds more than \(Self.budget) values once its aliases (*) are expanded",
                              hint: "\(Self.article(document)) this large is not what was meant; write the repeated parts out, or split the file")
        }
        return !exhausted
    }

    init(zones: ZoneDirectory) {
        self.zones = zones
    }

    // MARK: The agenda

    func agenda(_ node: Node) -> Agenda? {
        guard let fields = mapping(node, spec: AgendaFormat.agenda, path: .root) else { return nil }
        if let version = integer(fields, "convene"), version != AgendaFormat.version {
            fail(fields, "convene", "this file is agenda format version \(version); this convene reads version \(AgendaFormat.version)",
                 hint: version > AgendaFormat.version ? "use a newer convene" : "write convene: 1")
        }
        var translations: Translations = [:]
        var agenda = Agenda(id: identifier(fields, "id") ?? "", title: translatable(fields, "title", into: &translations) ?? "", timeZone: "UTC")
        agenda.subtitle = translatable(fields, "subtitle", into: &translations)
        agenda.shortTitle = translatable(fields, "short_title", into: &translations)
        agenda.kind = choice(fields, "kind", EventKind.self) ?? .meeting
        agenda.tracks = list(fields, "tracks") { node, path in self.choice(node, path, Track.self) }
        agenda.confidentiality = choice(fields, "confidentiality", Confidentiality.self) ?? .public
        agenda.timeZone = timeZone(fields, "timezone") ?? "UTC"
        if let organizer = fields.values["organizer"], let inner = mapping(organizer.value, spec: AgendaFormat.organizer, path: "organizer") {
            agenda.organizer = Organizer(name: scalar(inner, "name") ?? "", email: email(inner, "email"))
        }
        agenda.languages = list(fields, "languages") { node, path in self.language(node, path) }
        if let entry = fields.values["interpretation"], let inner = mapping(entry.value, spec: AgendaFormat.interpretation, path: "interpretation") {
            agenda.interpretation = Interpretation(languages: list(inner, "languages") { node, path in self.language(node, path) },
                                                   notes: scalar(inner, "notes"))
        }
        if let venue = fields.values["venue"], let inner = mapping(venue.value, spec: AgendaFormat.venue, path: "venue") {
            var value = Venue(name: scalar(inner, "name"), address: scalar(inner, "address"), room: scalar(inner, "room"))
            if let online = inner.values["online"], let access = mapping(online.value, spec: AgendaFormat.online, path: SourcePath.root.venue.online) {
                value.online = OnlineAccess(platform: scalar(access, "platform"), url: scalar(access, "url"),
                                            dialIn: scalar(access, "dial_in"), notes: scalar(access, "notes"))
            }
            agenda.venue = value
        }
        agenda.introduction = translatable(fields, "introduction", into: &translations)
        agenda.outcome = translatable(fields, "outcome", into: &translations)
        agenda.audience = translatable(fields, "audience", into: &translations)
        agenda.translations = translations
        agenda.inclusion = inclusion(fields)
        agenda.guidingQuestions = list(fields, "guiding_questions") { node, path in
            guard let inner = self.mapping(node, spec: AgendaFormat.question, path: path) else { return nil }
            var translations: Translations = [:]
            var question = GuidingQuestion(id: self.id(inner, "id", as: QuestionID.self), text: self.translatable(inner, "text", into: &translations) ?? "")
            question.translations = translations
            return question
        }
        readRosters(fields)
        agenda.people = list(fields, "people") { node, path in self.listedPerson(node, path) }
        agenda.sessions = list(fields, "sessions") { node, path in self.session(node, path) }
        agenda.acceptedWarnings = acceptedWarnings(fields)
        return agenda
    }

    func person(_ node: Node, _ path: SourcePath) -> Person? {
        guard let fields = mapping(node, spec: AgendaFormat.person, path: path) else { return nil }
        return person(fields)
    }

    /// The person whose keys `fields` holds; keys left out take their defaults.
    func person(_ fields: Fields) -> Person {
        var person = Person(id: id(fields, "id", as: PersonID.self), name: scalar(fields, "name") ?? "")
        person.title = scalar(fields, "title")
        person.organization = scalar(fields, "organization")
        person.email = email(fields, "email")
        person.gender = choice(fields, "gender", Gender.self) ?? .undisclosed
        person.sector = choice(fields, "sector", Sector.self)
        person.attendance = choice(fields, "attendance", Attendance.self) ?? .inPerson
        person.timeZone = timeZone(fields, "timezone")
        if let hours = scalar(fields, "working_hours") {
            if let value = WorkingHours(parsing: hours) {
                person.workingHours = value
            } else {
                fail(fields, "working_hours", "'\(hours)' is not a span of working hours",
                     hint: "write it as HH:MM-HH:MM in the person's own zone, e.g. \"08:00-20:00\"")
            }
        }
        if fields.values["working_days"] != nil {
            let days = list(fields, "working_days") { node, path in self.choice(node, path, Weekday.self) }
            if !map.isInvalid(fields.child("working_days")), days.isEmpty {
                fail(fields, "working_days", "a person needs at least one working day",
                     hint: "list the days, e.g. [mon, tue, wed, thu, fri]")
            }
            person.workingDays = Array(Set(days)).sorted()
        }
        person.visibility = choice(fields, "visibility", Visibility.self) ?? .public
        var translations: Translations = [:]
        person.describedAs = translatable(fields, "described_as", into: &translations)
        person.translations = translations
        person.languages = list(fields, "languages") { node, path in self.language(node, path, person: person.id) }
        person.acceptedWarnings = acceptedWarnings(fields)
        person.names = spellings(fields, "names")
        return person
    }

    func session(_ node: Node, _ path: SourcePath) -> Session? {
        guard let fields = mapping(node, spec: AgendaFormat.session, path: path) else { return nil }
        var translations: Translations = [:]
        var session = Session(id: id(fields, "id", as: SessionID.self), title: translatable(fields, "title", into: &translations) ?? "")
        session.translations = translations
        session.date = date(fields, "date")
        session.start = time(fields, "start")
        session.end = time(fields, "end")
        session.duration = duration(fields, "duration")
        session.track = choice(fields, "track", Track.self)
        session.moderator = reference(fields, "moderator")
        if let entry = fields.values["participants"] {
            let childPath = fields.child("participants")
            if case .scalar(let scalar) = entry.value, scalar.string == "everyone" {
                session.participants = .everyone
            } else if case .sequence = entry.value {
                session.participants = .list(list(fields, "participants") { node, path in self.reference(node, path) })
            } else {
                fail(fields, "participants", "participants must be 'everyone' or a list of person ids",
                     hint: "write participants: everyone, or participants: [id1, id2]")
                map.markInvalid(childPath)
            }
        }
        session.room = scalar(fields, "room")
        session.confidentiality = choice(fields, "confidentiality", Confidentiality.self)
        session.segments = list(fields, "segments") { node, path in self.segment(node, path) }
        session.acceptedWarnings = acceptedWarnings(fields)
        session.followUp = flag(fields, "follow_up") ?? false
        if let online = fields.values["online"], let access = mapping(online.value, spec: AgendaFormat.online, path: fields.child("online")) {
            session.online = OnlineAccess(platform: scalar(access, "platform"), url: scalar(access, "url"),
                                          dialIn: scalar(access, "dial_in"), notes: scalar(access, "notes"))
        }
        return session
    }

    /// Text that may be given in several languages: a plain value, or a mapping of language
    /// codes to texts (`{ en: Welcome, fr: Bienvenue }`), whose texts go to `translations`
    /// under `key`. Returns the text used where the reader's language is not given: the first.
    func translatable(_ fields: Fields, _ key: String, into translations: inout Translations) -> String? {
        guard let entry = fields.values[key], case .mapping(let pairs) = entry.value else { return scalar(fields, key) }
        var texts: [String: String] = [:]
        var first: String?
        for (keyNode, value) in pairs {
            guard spend() else { break }
            guard case .scalar(let code) = keyNode, Self.isLanguageCode(code.string) else {
                diagnostics.error(Self.location(of: keyNode), "each key of '\(key)' is a language code such as en, fr or fa-AF",
                                  hint: "write \(key): { en: ..., fr: ... }, or give one text")
                map.markInvalid(fields.child(key))
                continue
            }
            guard let text = scalarText(value, fields.child(key).key(code.string)) else {
                diagnostics.error(Self.location(of: value), "the \(code.string) text of '\(key)' must be a single text, not \(Self.describe(value))")
                map.markInvalid(fields.child(key))
                continue
            }
            if texts[code.string] != nil {
                diagnostics.error(Self.location(of: keyNode), "'\(key)' gives its \(code.string) text twice", hint: "keep one")
            }
            texts[code.string] = text
            first = first ?? text
        }
        if !texts.isEmpty { translations[key] = texts }
        return first
    }

    /// A name in other scripts: a mapping of ISO 15924 script codes to spellings.
    func spellings(_ fields: Fields, _ key: String) -> [String: String] {
        guard let entry = fields.values[key], !isNull(entry.value) else { return [:] }
        guard case .mapping(let pairs) = entry.value else {
            diagnostics.error(Self.location(of: entry.value), "'\(key)' must be a mapping of scripts to spellings, not \(Self.describe(entry.value))",
                              hint: "write it as { arab: ..., latn: ... }")
            map.markInvalid(fields.child(key))
            return [:]
        }
        var names: [String: String] = [:]
        for (keyNode, value) in pairs {
            guard spend() else { break }
            guard case .scalar(let script) = keyNode, script.string.wholeMatch(of: /[A-Za-z]{4}/) != nil,
                  let text = scalarText(value, fields.child(key).key(script.string)), !text.trimmingSpaces.isEmpty else {
                diagnostics.error(Self.location(of: keyNode), "each entry of '\(key)' is a script code of four letters and the name written in it",
                                  hint: "write it as { arab: ..., latn: ..., cyrl: ... } (ISO 15924 codes)")
                map.markInvalid(fields.child(key))
                continue
            }
            names[script.string.lowercased()] = text
        }
        return names
    }

    /// `en`, `fr`, `fa-AF`: a language, and perhaps its region or script.
    static func isLanguageCode(_ text: String) -> Bool {
        text.wholeMatch(of: /[A-Za-z]{2,3}(-[A-Za-z0-9]{2,4})?/) != nil
    }

    /// `true` or `false` (also `yes` and `no`); nil when the key is missing or the value is neither.
    func flag(_ fields: Fields, _ key: String) -> Bool? {
        guard let text = scalar(fields, key) else { return nil }
        switch text.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            fail(fields, key, "'\(text)' is not true or false", hint: "write \(key): true, or leave it out")
            return nil
        }
    }

    /// The kinds of warning `accept_warnings:` accepts; one that protects people is not
    /// accepted, and saying so is a warning of its own, which nothing quiets.
    func acceptedWarnings(_ fields: Fields) -> [WarningCode] {
        guard let entry = fields.values["accept_warnings"] else { return [] }
        let codes = list(fields, "accept_warnings") { node, path in self.choice(node, path, WarningCode.self) }
        for code in codes where code.protectsPeople {
            diagnostics.warning(Self.location(of: entry.value),
                                "'\(code.rawValue)' warns that someone who must not be named could be, and cannot be accepted",
                                hint: "remove it from accept_warnings:, and change what the warning points at", code: .protectionNotAccepted)
        }
        return codes.filter { !$0.protectsPeople }
    }

    func segment(_ node: Node, _ path: SourcePath) -> Segment? {
        guard let fields = mapping(node, spec: AgendaFormat.segment, path: path) else { return nil }
        var translations: Translations = [:]
        var segment = Segment(title: translatable(fields, "title", into: &translations) ?? "")
        segment.translations = translations
        segment.kind = choice(fields, "kind", SegmentKind.self) ?? .other
        segment.duration = duration(fields, "duration")
        segment.at = time(fields, "at")
        segment.speakers = list(fields, "speakers") { node, path in self.reference(node, path) }
        segment.facilitators = list(fields, "facilitators") { node, path in self.reference(node, path) }
        segment.moderator = reference(fields, "moderator")
        segment.questions = list(fields, "questions") { node, path in self.reference(node, path) }
        segment.cues = list(fields, "cues") { node, path in self.scalarText(node, path) }
        segment.notes = scalar(fields, "notes")
        segment.speakingTimes = speakingTimes(fields, "speaking")
        segment.interpretation = scalar(fields, "interpretation")
        return segment
    }

    // MARK: Structure

    /// Checks that `node` is a mapping, that its keys are known and its required keys present.
    func mapping(_ node: Node, spec: AgendaFormat.ObjectSpec, path: SourcePath) -> Fields? {
        guard spend() else { return nil }
        let location = Self.location(of: node)
        guard case .mapping(let mapping) = node else {
            let what = path.isRoot ? "the \(spec.name)" : Self.article(spec.name.replacingOccurrences(of: "_", with: " "))
            diagnostics.error(location, "\(what) must be a mapping of keys and values, not \(Self.describe(node))",
                              hint: path.isRoot ? "\(Self.article(spec.name)) starts with lines like '\(spec.fields.first?.key ?? "convene"): 1' and 'title: ...'"
                                                 : "write it as indented 'key: value' lines")
            map.markInvalid(path)
            return nil
        }
        var fields = Fields(path: path, spec: spec, location: location)
        map.record(path, value: location)
        for (keyNode, value) in mapping {
            let keyLocation = Self.location(of: keyNode)
            guard case .scalar(let scalar) = keyNode else {
                diagnostics.error(keyLocation, "a key must be a plain word, not \(Self.describe(keyNode))")
                continue
            }
            let key = scalar.string
            guard spec.field(key) != nil else {
                let near = Suggestion.nearest(to: key, in: spec.keys)
                let place = path.isRoot ? "at the top of the \(spec.name)" : "in " + Self.article(spec.name.replacingOccurrences(of: "_", with: " "))
                diagnostics.error(keyLocation, "unknown key '\(key)' \(place)",
                                  hint: spec.misplacedKeys[key] ?? near.map { "did you mean '\($0)'?" } ?? "known keys: \(spec.keys.joined(separator: ", "))")
                continue
            }
            fields.values[key] = (keyLocation, value)
            map.record(fields.child(key), value: Self.location(of: value))
        }
        for field in spec.fields where field.required && fields.values[field.key] == nil {
            let what = path.isRoot ? "the \(spec.name)" : "this \(spec.name.replacingOccurrences(of: "_", with: " "))"
            diagnostics.error(location, "\(what) has no '\(field.key)'",
                              hint: "add '\(field.key):' (\(field.summary.prefix(1).lowercased() + field.summary.dropFirst().dropLast(field.summary.hasSuffix(".") ? 1 : 0)))")
            map.markInvalid(fields.child(field.key))
        }
        return fields
    }

    /// The items of a list value, each read by `item`; absent lists are empty.
    func list<T>(_ fields: Fields, _ key: String, item: (Node, SourcePath) -> T?) -> [T] {
        guard let entry = fields.values[key] else { return [] }
        let path = fields.child(key)
        if isNull(entry.value) { return [] }
        guard case .sequence(let sequence) = entry.value else {
            diagnostics.error(Self.location(of: entry.value), "'\(key)' must be a list, not \(Self.describe(entry.value))",
                              hint: "write it as [a, b] or as lines starting with '- '")
            map.markInvalid(path)
            return []
        }
        var items: [T] = []
        for (index, node) in sequence.enumerated() {
            guard spend() else { break }
            let itemPath = path[index]
            map.record(itemPath, value: Self.location(of: node))
            if isNull(node) {
                diagnostics.error(Self.location(of: node), "an item of '\(key)' is empty", hint: "remove the empty '- ' line")
                map.markInvalid(path)
                continue
            }
            if let value = item(node, itemPath) {
                items.append(value)
            } else {
                if case .scalar = node {
                } else if !map.isInvalid(itemPath) {
                    diagnostics.error(Self.location(of: node), "an item of '\(key)' must be a single value, not \(Self.describe(node))")
                }
                map.markInvalid(path)
            }
        }
        return items
    }

    // MARK: Scalars

    /// The text of a scalar value, or `nil` (with an error) for a list or mapping.
    func scalar(_ fields: Fields, _ key: String) -> String? {
        guard let entry = fields.values[key] else { return nil }
        let path = fields.child(key)
        guard case .scalar(let scalar) = entry.value else {
            diagnostics.error(Self.location(of: entry.value), "'\(key)' must be a single value, not \(Self.describe(entry.value))",
                              hint: fields.spec.field(key).map { "expected: \(Self.expectation($0.type))" })
            map.markInvalid(path)
            return nil
        }
        if isNull(entry.value) || (fields.spec.field(key)?.required == true && scalar.string.trimmingSpaces.isEmpty) {
            if fields.spec.field(key)?.required == true {
                diagnostics.error(entry.key, "'\(key)' has no value", hint: "write a value after '\(key):'")
                map.markInvalid(path)
            }
            return nil
        }
        return scalar.string
    }

    func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// A list item that must be a single value.
    func scalarText(_ node: Node, _ path: SourcePath) -> String? {
        guard case .scalar(let scalar) = node, !isNull(node) else { return nil }
        return scalar.string
    }

    func integer(_ fields: Fields, _ key: String) -> Int? {
        guard let value = scalar(fields, key) else { return nil }
        guard let number = Int(value) else {
            fail(fields, key, "'\(key)' must be a whole number, not '\(value)'")
            return nil
        }
        return number
    }

    func identifier(_ fields: Fields, _ key: String) -> String? {
        guard let value = scalar(fields, key) else { return nil }
        if !AgendaFormat.isIdentifier(value) {
            fail(fields, key, "'\(value)' is not a valid id",
                 hint: "ids use letters, digits, '-', '_' and '.', and start with a letter or digit; they name files and calendar UIDs")
        }
        return value
    }

    /// ``identifier(_:_:)`` as the kind of id the key defines.
    func id<I: AgendaIdentifier>(_ fields: Fields, _ key: String, as type: I.Type) -> I {
        I(rawValue: identifier(fields, key) ?? "")
    }

    /// A reference to an id defined elsewhere (a speaker, a question), as written.
    func reference<I: AgendaIdentifier>(_ fields: Fields, _ key: String) -> I? {
        scalar(fields, key).map(I.init(rawValue:))
    }

    /// An item of a list of references, as written.
    func reference<I: AgendaIdentifier>(_ node: Node, _ path: SourcePath) -> I? {
        scalarText(node, path).map(I.init(rawValue:))
    }


    func choice<T: RawRepresentable & CaseIterable>(_ fields: Fields, _ key: String, _ type: T.Type) -> T? where T.RawValue == String {
        guard let entry = fields.values[key] else { return nil }
        guard scalar(fields, key) != nil else { return nil }
        return choice(entry.value, fields.child(key), type, key: key)
    }

    func choice<T: RawRepresentable & CaseIterable>(_ node: Node, _ path: SourcePath, _ type: T.Type, key: String? = nil) -> T? where T.RawValue == String {
        let allowed = T.allCases.map(\.rawValue)
        guard case .scalar(let scalar) = node else {
            diagnostics.error(Self.location(of: node), "expected one of \(Suggestion.list(allowed)), not \(Self.describe(node))")
            map.markInvalid(path)
            return nil
        }
        if let value = T(rawValue: scalar.string) { return value }
        let name = key ?? Self.itemName(of: path)
        let near = Self.synonyms[scalar.string.lowercased()].flatMap { allowed.contains($0) ? $0 : nil }
            ?? Suggestion.nearest(to: scalar.string, in: allowed)
        diagnostics.error(Self.location(of: node), "'\(scalar.string)' is not a valid \(name)",
                          hint: (near.map { "did you mean '\($0)'? " } ?? "") + "use one of: \(allowed.joined(separator: ", "))")
        map.markInvalid(path)
        return nil
    }

    func duration(_ fields: Fields, _ key: String) -> Minutes? {
        guard let value = scalar(fields, key) else { return nil }
        if let minutes = Minutes(parsing: value) { return minutes }
        let hint: String
        if let number = Int(value.trimmingSpaces), number > 0 {
            hint = "give the unit: \(number)m"
        } else {
            hint = "write durations like 90m, 1h30m or 1h"
        }
        fail(fields, key, "'\(value)' is not a duration", hint: hint)
        return nil
    }

    /// A mapping of person ids to durations (`speaking: { sarabi: 12m }`); each entry's
    /// position is recorded as `PATH.KEY.ID`.
    func speakingTimes(_ fields: Fields, _ key: String) -> [SpeakingTime] {
        guard let entry = fields.values[key], !isNull(entry.value) else { return [] }
        let path = fields.child(key)
        guard case .mapping(let mapping) = entry.value else {
            diagnostics.error(Self.location(of: entry.value), "'\(key)' must be a mapping of speaker ids to durations, not \(Self.describe(entry.value))",
                              hint: "write it as { sarabi: 12m, tsongo: 10m }")
            map.markInvalid(path)
            return []
        }
        var times: [SpeakingTime] = []
        for (keyNode, value) in mapping {
            guard spend() else { break }
            guard case .scalar(let id) = keyNode, case .scalar(let text) = value else {
                diagnostics.error(Self.location(of: keyNode), "each entry of '\(key)' is a speaker id and a duration",
                                  hint: "write it as { sarabi: 12m }")
                map.markInvalid(path)
                continue
            }
            map.record(path.key(id.string), value: Self.location(of: keyNode))
            guard let minutes = Minutes(parsing: text.string) else {
                diagnostics.error(Self.location(of: value), "'\(text.string)' is not a duration",
                                  hint: Int(text.string.trimmingSpaces).map { "give the unit: \($0)m" } ?? "write durations like 12m or 1h")
                map.markInvalid(path)
                continue
            }
            times.append(SpeakingTime(person: PersonID(rawValue: id.string), minutes: minutes))
        }
        return times
    }

    func time(_ fields: Fields, _ key: String) -> LocalTime? {
        guard let value = scalar(fields, key) else { return nil }
        if let time = LocalTime(parsing: value) { return time }
        fail(fields, key, "'\(value)' is not a time of day",
             hint: "write times as 24-hour HH:MM in quotes, e.g. \"08:15\" or \"14:30\"")
        return nil
    }

    func date(_ fields: Fields, _ key: String) -> LocalDate? {
        guard let value = scalar(fields, key) else { return nil }
        if let date = LocalDate(parsing: value) { return date }
        fail(fields, key, "'\(value)' is not a date",
             hint: "write dates as YYYY-MM-DD, e.g. 2026-12-08")
        return nil
    }

    func email(_ fields: Fields, _ key: String) -> String? {
        guard let value = scalar(fields, key) else { return nil }
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        let valid = parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !value.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "," || $0 == ";" || $0 == "\"" })
        if !valid {
            fail(fields, key, "'\(value)' is not an email address", hint: "write a plain address, e.g. name@example.org")
            return nil
        }
        return value
    }

    /// A zone name, normalised: a legacy alias is replaced by its current name with a warning.
    func timeZone(_ fields: Fields, _ key: String) -> String? {
        guard let value = scalar(fields, key) else { return nil }
        let location = fields.values[key].map { Self.location(of: $0.value) } ?? fields.location
        switch zones.lookup(value) {
        case .current(let name):
            return name
        case .alias(let name):
            diagnostics.warning(location, "'\(value)' is a legacy name for the time zone '\(name)'; Convene uses '\(name)'",
                                hint: "write \(key): \(name)", code: .legacyZoneName)
            return name
        case .unknown(let suggestion):
            diagnostics.error(location, "unknown time zone '\(value)'", hint: ZoneDirectory.hint(forUnknown: suggestion))
            map.markInvalid(fields.child(key))
            return nil
        }
    }

    func fail(_ fields: Fields, _ key: String, _ message: String, hint: String? = nil) {
        let location = fields.values[key].map { Self.location(of: $0.value) } ?? fields.location
        diagnostics.error(location, message, hint: hint)
        map.markInvalid(fields.child(key))
    }

    // MARK: Describing nodes

    /// "a person", "an organizer".
    static func article(_ noun: String) -> String {
        ("aeiou".contains(noun.first ?? "x") ? "an " : "a ") + noun
    }

    static func location(of node: Node) -> SourceLocation {
        guard let mark = node.mark else { return .start }
        return SourceLocation(line: mark.line, column: mark.column)
    }

    static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): "the text '\(scalar.string.prefix(40))'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    /// What one item of the list at `path` is called: `tracks[1]` is a track.
    static func itemName(of path: SourcePath) -> String {
        var name = (path.lastKey ?? "").replacingOccurrences(of: "_", with: " ")
        if case .index = path.steps.last, name.hasSuffix("s") { name.removeLast() }
        return name
    }

    /// Words people write for a value the format spells otherwise.
    static let synonyms: [String: String] = [
        "female": "woman", "f": "woman", "w": "woman", "women": "woman",
        "male": "man", "m": "man", "men": "man",
        "nonbinary": "non-binary", "nb": "non-binary", "unknown": "undisclosed", "prefer-not-to-say": "undisclosed",
        "inperson": "in-person", "in person": "in-person", "onsite": "in-person", "on-site": "in-person",
        "remote": "online", "virtual": "online",
        "chatham house": "chatham-house", "chatham-house-rule": "chatham-house", "chatham": "chatham-house",
        "ngo": "civil-society", "civil society": "civil-society", "cso": "civil-society",
        "un": "international-organization", "io": "international-organization",
        "q&a": "qa", "q-and-a": "qa", "coffee": "break", "lunch": "break",
        "monday": "mon", "tuesday": "tue", "wednesday": "wed", "thursday": "thu", "friday": "fri",
        "saturday": "sat", "sunday": "sun",
    ]

    static func expectation(_ type: AgendaFormat.ValueType) -> String {
        switch type {
        case .text: "text"
        case .identifier: "an id"
        case .reference: "an id defined in the agenda"
        case .integer: "a whole number"
        case .choice(let words): "one of \(words.joined(separator: ", "))"
        case .duration: "a duration such as 90m or 1h30m"
        case .time: "a time such as \"08:15\""
        case .date: "a date such as 2026-12-08"
        case .percentage: "a share such as 40% or 0.4"
        case .timeZone: "an IANA time zone such as Europe/Kyiv"
        case .email: "an email address"
        case .hours: "working hours such as \"08:00-20:00\""
        case .list: "a list"
        case .object, .oneOf: "a mapping"
        case .participants: "everyone, or a list of person ids"
        case .speakingTimes: "a mapping of speaker ids to durations, e.g. { sarabi: 12m }"
        case .flag: "true or false"
        case .translatable: "text, or texts by language such as { en: ..., fr: ... }"
        case .spellings: "spellings by script such as { arab: ..., latn: ... }"
        }
    }
}
