/// The programme in the schedule format of frab and pretalx (the c3voc schedule format), as
/// `schedule.xml` and `schedule.json`: what conference apps (Giggity, EventFahrplan), signage
/// (info-beamer) and the c3voc tools read.
///
/// It is made from the ``Timeline`` as one audience sees it (``DisclosedTimeline``), exactly as
/// the public calendar is: people are named only where they may be, shown by their
/// `described_as` wording otherwise, and in a session the audience may not learn the people
/// of (for the public: Chatham House, off the record, closed) nobody is listed. Every instant
/// and clock time is read from the timeline through the zone directory.
///
/// - One event per scheduled session, in the day of its start on the venue's clock, in its
///   room (the session's, else the venue's; a follow-up held online, in a room named for its
///   platform); its segments, with their times, in its description.
/// - `guid`: the version 5 UUID of the session's UID in the public calendar
///   (``Invites/publicUID(event:session:)``), in the c3voc tools' namespace.
/// - `recording`: opted out for every session not held in public, and for every session in
///   which someone talks whom the public may not name.
/// - `version`: a fingerprint of everything else in the export, so that it changes whenever
///   the exported programme does.
public struct FrabSchedule: Sendable {
    /// The two forms of the schedule.
    public enum Format: String, Sendable, CaseIterable {
        case xml = "frab-xml"
        case json = "frab-json"

        /// The file name `convene build` writes it to.
        public var fileName: String {
            switch self {
            case .xml: "schedule.xml"
            case .json: "schedule.json"
            }
        }
    }

    /// A link of an event: the join link, titled by the platform.
    public struct Link: Sendable, Equatable {
        public var url: String
        public var title: String
    }

    /// One session as an event of the schedule.
    public struct Event: Sendable {
        public var id: Int
        public var guid: String
        public var session: SessionID
        /// The start and end as instants, and on the venue's clock.
        public var startInstant: Instant
        public var endInstant: Instant
        public var start: ZonedTime
        public var end: ZonedTime
        /// The length, `HH:MM`.
        public var duration: String
        public var room: String
        public var slug: String
        public var title: String
        public var subtitle: String?
        public var track: String?
        public var type: String
        public var language: String
        public var abstract: String
        public var description: String
        public var persons: [String]
        public var links: [Link]
        /// The join link, when the session has one.
        public var joinLink: String?
        /// Whether the session may not be recorded.
        public var doNotRecord: Bool
    }

    /// The events of one room on one day, in time order.
    public struct Room: Sendable {
        public var name: String
        public var guid: String
        public var events: [Event]
    }

    /// One day of the programme, on the venue's clock: from the start of its first session to
    /// the end of its last.
    public struct Day: Sendable {
        /// From 1.
        public var index: Int
        public var date: LocalDate
        public var start: ZonedTime
        public var end: ZonedTime
        public var rooms: [Room]
    }

    /// A track of the programme: "Track 1.5", `track-1-5`.
    public struct TrackName: Sendable, Equatable {
        public var name: String
        public var slug: String
    }

    public static let generatorName = "Convene"

    /// An agenda with no scheduled session has no programme to export: the format needs at
    /// least one day.
    public struct NothingScheduled: Error, CustomStringConvertible {
        public var description: String {
            "no session is scheduled yet, so there is no programme to export — give a session a date and a start"
        }
    }

    public var generatorVersion: String
    public var audience: Audience
    public var title: String
    public var acronym: String
    public var timeZone: String
    public var timeslot: String
    public var tracks: [TrackName]
    /// Every room, in the order the programme first uses it, with its guid.
    public var rooms: [(name: String, guid: String)]
    public var days: [Day]
    /// The fingerprint of the export without it.
    public private(set) var version = ""

    /// The programme of `timeline` as `audience` may see it, in the agenda's language (the
    /// first one Convene prints in), with `generator` as the generator's version.
    public init(timeline: Timeline, zones: ZoneDirectory, audience: Audience = .public, generator: String = ConveneVersion.current) throws {
        guard !timeline.sessions.isEmpty else { throw NothingScheduled() }
        let language = SheetLanguage.preferred(in: timeline.agenda.languages)
        let labels = SheetLabels.of(language)
        let disclosed = DisclosedTimeline(timeline.localized(to: language.rawValue), audience: audience)
        // Recording follows what the public may learn, whoever the export is for.
        let publicly = Disclosure(audience: .public, eventRule: timeline.agenda.confidentiality)
        let agenda = disclosed.agenda
        let venue = agenda.timeZone
        generatorVersion = generator
        self.audience = audience
        title = SheetText.line(agenda.title)
        acronym = Self.acronym(of: agenda.id)
        timeZone = venue

        var events: [(date: LocalDate, event: Event)] = []
        var usedIDs = Set<Int>(), usedSlugs = Set<String>()
        var trackOrder: [Track] = agenda.tracks
        var grid: [Int] = []
        for timed in disclosed.timeline.sessionsInTimeOrder {
            let session = timed.session
            let start = try zones.zonedTime(timed.start, in: venue), end = try zones.zonedTime(timed.end, in: venue)
            let minutes = timed.start.minutes(until: timed.end)
            grid += [start.minuteOfDay, minutes]
            let uid = Invites.publicUID(event: agenda.id, session: session.id)
            let guid = NameBasedUUID.uuid5(uid)
            var id = Self.numericID(of: guid)
            while usedIDs.contains(id) { id += 1 }
            usedIDs.insert(id)
            var slug = acronym + "-" + Self.slugPart(of: session, index: timed.index, search: disclosed.textSearch(in: session))
            if usedSlugs.contains(slug) {
                var number = 2
                while usedSlugs.contains("\(slug)-\(number)") { number += 1 }
                slug += "-\(number)"
            }
            usedSlugs.insert(slug)

            let rule = disclosed.disclosure.rule(of: session)
            let listed = disclosed.listsPeople(in: session)
            var withheld = !listed
            var persons: [String] = [], seen = Set<PersonID>()
            func shown(_ id: PersonID) -> String? {
                switch disclosed.shown(id, in: session) {
                case .named(let person): return SheetText.optional(person.name(inScript: language.script))
                case .described(let description): withheld = true; return SheetText.optional(description)
                case .withheld: withheld = true; return nil
                }
            }
            func list(_ id: PersonID, as text: String) {
                if seen.insert(id).inserted { persons.append(text) }
            }
            var lines: [String] = []
            for (segment, roles) in zip(timed.segments, timed.roles.segments) {
                let from = try zones.zonedTime(segment.start, in: venue), to = try zones.zonedTime(segment.end, in: venue)
                var line = "\(language.span(from, to)) \(SheetText.line(segment.segment.title))"
                if listed {
                    let names = SheetBuilder.listed(segment.segment).compactMap { id in shown(id).map { (id, $0) } }
                    for (id, name) in names { list(id, as: name) }
                    if !names.isEmpty { line += " — " + names.map(\.1).joined(separator: ", ") }
                    // The session's moderator is named once, below; a segment names only its own.
                    if roles.hasOwnModerator, let moderator = roles.moderator, moderator != session.moderator, let name = shown(moderator) {
                        line += " (\(labels.moderator)\(labels.colon) \(name))"
                    }
                } else if !roles.floor.isEmpty {
                    line += " — " + language.speakerCount(roles.floor.count)
                }
                lines.append(line)
            }
            if listed, let moderator = session.moderator, let name = shown(moderator) {
                lines += ["", "\(labels.moderator)\(labels.colon) \(name)"]
                list(moderator, as: name)
            }
            if listed {
                for roles in timed.roles.segments where roles.hasOwnModerator {
                    if let moderator = roles.moderator, let name = shown(moderator) { list(moderator, as: name) }
                }
            }
            let access = session.onlineAccess(in: agenda)
            // The public schedule is for anyone with the app: a session not held in public
            // keeps its join link among the people invited to it.
            let joinLink = rule == .public || audience != .public ? access?.url.flatMap(SheetText.optional) : nil
            if let joinLink { lines += ["", "\(labels.online)\(labels.colon) \(joinLink)"] }
            var abstract = ""
            if let notice = language.notice(rule) {
                abstract = notice + (withheld || audience == .public ? " " + language.notListed : "")
            }
            let scope = TrackScope.of(session, in: agenda)
            var track: String?
            if case .track(let value) = scope {
                track = language.tracks([value])
                if !trackOrder.contains(value) { trackOrder.append(value) }
            }
            let talks = timed.roles.holders.compactMap { id in timeline.agenda.person(id) }
            let doNotRecord = publicly.rule(of: session) != .public || talks.contains { !publicly.mayName($0, in: session) }
            let event = Event(
                id: id, guid: guid, session: session.id, startInstant: timed.start, endInstant: timed.end, start: start, end: end,
                duration: Self.duration(minutes: minutes),
                room: Self.room(of: session, in: agenda, labels: labels), slug: slug, title: SheetText.line(session.title),
                subtitle: session.title == agenda.title ? agenda.subtitle.flatMap(SheetText.optional) : nil,
                track: track, type: agenda.kind.rawValue, language: language.rawValue, abstract: abstract,
                description: lines.joined(separator: "\n"), persons: persons,
                links: joinLink.map { [Link(url: $0, title: access?.platform.flatMap(SheetText.optional) ?? labels.online)] } ?? [],
                joinLink: joinLink, doNotRecord: doNotRecord)
            events.append((start.date, event))
        }
        tracks = trackOrder.compactMap { track in
            language.tracks([track]).map { TrackName(name: $0, slug: "track-" + track.rawValue.replacingOccurrences(of: ".", with: "-")) }
        }
        var rooms: [(name: String, guid: String)] = []
        for (_, event) in events where !rooms.contains(where: { $0.name == event.room }) {
            rooms.append((event.room, NameBasedUUID.uuid5("room:\(event.room)@\(agenda.id).convene")))
        }
        self.rooms = rooms
        var days: [Day] = []
        for date in Array(Set(events.map(\.date))).sorted() {
            let ofDay = events.filter { $0.date == date }.map(\.event)
            guard let first = ofDay.first else { continue }
            let last = ofDay.max { $0.endInstant < $1.endInstant } ?? first
            let dayRooms = rooms.compactMap { room -> Room? in
                let held = ofDay.filter { $0.room == room.name }
                return held.isEmpty ? nil : Room(name: room.name, guid: room.guid, events: held)
            }
            days.append(Day(index: days.count + 1, date: date, start: first.start, end: last.end, rooms: dayRooms))
        }
        self.days = days
        timeslot = Self.timeslot(for: grid)
        version = String(NameBasedUUID.sha1Hex(json().serialized()).prefix(12))
    }

    /// The document in `format`.
    public func document(_ format: Format) -> String {
        switch format {
        case .xml: xml().serialized()
        case .json: json().serialized()
        }
    }

    // MARK: The rules

    /// The event's id as the format's acronym: lower case, `-` and `.` as `_`, at least four
    /// characters (filled with `_`).
    static func acronym(of id: String) -> String {
        var acronym = String(id.lowercased().map { $0 == "-" || $0 == "." ? "_" : $0 }.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") })
        while acronym.count < 4 { acronym += "_" }
        return acronym
    }

    /// The session's part of the slug: its id in lower case, `.` as `-`, with `-session`
    /// after an id shorter than four characters or not ending in a letter or digit; and
    /// `session-N` (its place in the agenda) when the id carries a word of the name of someone
    /// the reader may not see there.
    static func slugPart(of session: Session, index: Int, search: NameSearch) -> String {
        let id = session.id.rawValue
        let words = id.map { $0 == "-" || $0 == "_" || $0 == "." ? " " : String($0) }.joined()
        if search.matches(words) { return "session-\(index + 1)" }
        var part = String(id.lowercased().map { $0 == "." ? "-" : $0 }.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") })
        if part.count < 4 || !(part.last.map { $0.isLetter || $0.isNumber } ?? false) { part += "-session" }
        return part
    }

    /// A positive number from a guid as the c3voc tools make one: its first six decimal
    /// digits, leading zeros dropped (1 when it has none).
    static func numericID(of guid: String) -> Int {
        let digits = guid.filter(\.isNumber).drop { $0 == "0" }
        return Int(String(digits.prefix(6))) ?? 1
    }

    /// `HH:MM` for a count of minutes.
    static func duration(minutes: Int) -> String {
        let hours = minutes / 60, rest = minutes % 60
        return (hours < 10 ? "0\(hours)" : "\(hours)") + ":" + (rest < 10 ? "0\(rest)" : "\(rest)")
    }

    /// The grid the programme keeps to: the longest of 15, 10 and 5 minutes that every start
    /// (minutes after midnight on the venue's clock) and length falls on, else one minute.
    static func timeslot(for minutes: [Int]) -> String {
        let slot = [15, 10, 5].first { step in minutes.allSatisfy { $0 % step == 0 } } ?? 1
        return duration(minutes: slot)
    }

    /// The room a session is in: a follow-up held online, a room named for its platform;
    /// otherwise the session's room, else the venue's room, its name, the platform, or
    /// "Venue" in the agenda's language.
    static func room(of session: Session, in agenda: Agenda, labels: SheetLabels) -> String {
        let platform = session.onlineAccess(in: agenda)?.platform.flatMap(SheetText.optional)
        if session.followUp { return platform ?? labels.online }
        let venue = agenda.venue
        return [session.room, venue?.room, venue?.name].lazy.compactMap { $0.flatMap(SheetText.optional) }.first ?? platform ?? labels.venue
    }

    // MARK: XML

    /// `schedule.xml`, as the format's XML schema lays it out.
    public func xml() -> XMLValue {
        var conference: [XMLValue] = [XMLValue("acronym", text: acronym), XMLValue("title", text: title)]
        if let first = days.first, let last = days.last {
            conference += [XMLValue("start", text: first.date.description), XMLValue("end", text: last.date.description)]
        }
        conference += [XMLValue("days", text: String(days.count)), XMLValue("timeslot_duration", text: timeslot),
                       XMLValue("time_zone_name", text: timeZone)]
        conference += tracks.map { XMLValue("track", [("name", $0.name), ("slug", $0.slug)], text: "") }
        var children: [XMLValue] = [
            XMLValue("generator", [("name", Self.generatorName), ("version", generatorVersion)], text: ""),
            XMLValue("version", text: version),
            XMLValue("conference", children: conference),
        ]
        for day in days {
            let rooms = day.rooms.map { room in
                XMLValue("room", [("name", room.name), ("guid", room.guid)], children: room.events.map(xml(of:)))
            }
            children.append(XMLValue("day", [("index", String(day.index)), ("date", day.date.description),
                                             ("start", day.start.rfc3339), ("end", day.end.rfc3339)], children: rooms))
        }
        return XMLValue("schedule", children: children)
    }

    private func xml(of event: Event) -> XMLValue {
        var children = [
            XMLValue("date", text: event.start.rfc3339),
            XMLValue("start", text: event.start.clock),
            XMLValue("duration", text: event.duration),
            XMLValue("room", text: event.room),
            XMLValue("slug", text: event.slug),
        ]
        if let link = event.joinLink, Self.isWebLink(link) { children.append(XMLValue("url", text: link)) }
        children += [
            XMLValue("recording", children: [XMLValue("license", text: ""), XMLValue("optout", text: event.doNotRecord ? "true" : "false")]),
            XMLValue("title", text: event.title),
        ]
        if let subtitle = event.subtitle { children.append(XMLValue("subtitle", text: subtitle)) }
        children += [
            XMLValue("track", text: event.track ?? ""),
            XMLValue("type", text: event.type),
            XMLValue("language", text: event.language),
            XMLValue("abstract", text: event.abstract),
            XMLValue("description", text: event.description),
            XMLValue("persons", children: event.persons.map { XMLValue("person", text: $0) }),
            XMLValue("links", children: event.links.map { XMLValue("link", [("href", $0.url)], text: $0.title) }),
        ]
        return XMLValue("event", [("guid", event.guid), ("id", String(event.id))], children: children)
    }

    static func isWebLink(_ text: String) -> Bool {
        let lower = text.lowercased()
        return (lower.hasPrefix("https://") || lower.hasPrefix("http://")) && !text.contains(" ")
    }

    // MARK: JSON

    /// `schedule.json`, as the format's JSON schema lays it out.
    public func json() -> JSONValue {
        var conference: [(String, JSONValue)] = [("acronym", .string(acronym)), ("title", .string(title))]
        if let first = days.first, let last = days.last {
            conference += [("start", .string(first.date.description)), ("end", .string(last.date.description))]
        }
        conference += [
            ("daysCount", .int(days.count)),
            ("timeslot_duration", .string(timeslot)),
            ("time_zone_name", .string(timeZone)),
            ("tracks", .array(tracks.map { .object([("name", .string($0.name)), ("slug", .string($0.slug))]) })),
            ("rooms", .array(rooms.map { .object([("name", .string($0.name)), ("guid", .string($0.guid))]) })),
            ("days", .array(days.map { day in
                .object([
                    ("index", .int(day.index)),
                    ("date", .string(day.date.description)),
                    ("day_start", .string(day.start.rfc3339)),
                    ("day_end", .string(day.end.rfc3339)),
                    ("rooms", .object(day.rooms.map { ($0.name, .array($0.events.map(json(of:)))) })),
                ])
            })),
        ]
        return .object([
            ("schedule", .object([
                ("generator", .object([("name", .string(Self.generatorName)), ("version", .string(generatorVersion))])),
                ("version", .string(version)),
                ("conference", .object(conference)),
            ])),
        ])
    }

    private func json(of event: Event) -> JSONValue {
        .object([
            ("guid", .string(event.guid)),
            ("id", .int(event.id)),
            ("date", .string(event.start.rfc3339)),
            ("start", .string(event.start.clock)),
            ("duration", .string(event.duration)),
            ("room", .string(event.room)),
            ("slug", .string(event.slug)),
            // A link is required; without a join link, the event's own URN.
            ("url", .string(event.joinLink.flatMap { Self.isWebLink($0) ? $0 : nil } ?? "urn:uuid:" + event.guid)),
            ("title", .string(event.title)),
            ("subtitle", .optional(event.subtitle)),
            ("track", .optional(event.track)),
            ("type", .string(event.type)),
            ("language", .string(event.language)),
            ("abstract", .string(event.abstract)),
            ("description", .string(event.description)),
            ("recording_license", .string("")),
            ("do_not_record", .bool(event.doNotRecord)),
            // `name` for the readers of pretalx's form, `public_name` for those of frab's.
            ("persons", .array(event.persons.map { .object([("name", .string($0)), ("public_name", .string($0))]) })),
            ("links", .array(event.links.map { .object([("url", .string($0.url)), ("title", .string($0.title))]) })),
        ])
    }
}
