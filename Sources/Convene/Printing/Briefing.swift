/// Why a briefing cannot be made for someone.
public struct BriefingError: Error, Sendable, Equatable, CustomStringConvertible {
    public var person: PersonID
    /// The people a briefing can be made for: everyone who has the floor.
    public var speakers: [PersonID]
    public var unknown: Bool

    public var description: String {
        let list = speakers.isEmpty ? "nobody has the floor in a scheduled session" : "speakers and moderators: \(speakers.map(\.rawValue).joined(separator: ", "))"
        return unknown ? "no person '\(person)' in the agenda — \(list)"
                       : "'\(person)' neither speaks nor moderates in a scheduled session — \(list)"
    }
}

extension SheetBuilder {
    /// Everyone who has the floor in a scheduled session, in agenda order: whom a briefing can
    /// be made for.
    public var speakers: [Person] {
        let holders = timeline.sessions.reduce(into: Set<PersonID>()) { $0.formUnion($1.roles.holders) }
        return agenda.people.filter { holders.contains($0.id) }
    }

    /// The online people who have the floor: each gets a briefing from `convene build`.
    public var onlineSpeakers: [Person] {
        speakers.filter { $0.attendance == .online }
    }

    /// One speaker's briefing: their segments in their own time and the venue's, their
    /// questions and speaking time, the moderator, their tech check and how to join.
    public func briefing(for id: PersonID) throws -> SheetView {
        let candidates = speakers
        guard let person = people[id], candidates.contains(where: { $0.id == id }) else {
            throw BriefingError(person: id, speakers: candidates.map(\.id), unknown: people[id] == nil)
        }
        let zone = person.effectiveTimeZone(in: agenda), venue = agenda.timeZone
        var sessions: [BriefingSessionView] = []
        var checkTimes: [Instant] = []
        for timed in timeline.sessionsInTimeOrder {
            guard timed.roles.involves(id) else { continue }
            let start = try zones.zonedTime(timed.start, in: zone), end = try zones.zonedTime(timed.end, in: zone)
            let venueStart = try zones.zonedTime(timed.start, in: venue), venueEnd = try zones.zonedTime(timed.end, in: venue)
            var programme: [BriefingSegmentView] = []
            for (segment, roles) in zip(timed.segments, timed.roles.segments) {
                let from = try zones.zonedTime(segment.start, in: zone), to = try zones.zonedTime(segment.end, in: zone)
                let venueFrom = try zones.zonedTime(segment.start, in: venue), venueTo = try zones.zonedTime(segment.end, in: venue)
                let minutes = roles.minutes(of: id)
                let others = roles.floor.filter { $0 != id }.compactMap { self.person($0, in: timed.session, role: .speaker) }
                programme.append(BriefingSegmentView(
                    time: language.span(from, to), venueTime: language.span(venueFrom, venueTo), title: line(segment.segment.title),
                    kind: language.name(of: segment.segment.kind), minutes: minutes.map(language.minutes),
                    questions: questions(of: segment.segment, in: timed.session), others: others, hasOthers: !others.isEmpty, mine: roles.gives(theFloorTo: id)))
            }
            let checks = timed.roles.techChecks.filter { $0.person == id }
            checkTimes += checks.map(\.at)
            let local = try checks.map { check -> String in
                let clock = try zones.zonedTime(check.at, in: zone)
                return clock.date == start.date ? language.clock(clock) : language.dateAndClock(clock)
            }
            let atVenue = try checks.map { language.clock(try zones.zonedTime($0.at, in: venue)) }
            let rule = disclosure.rule(of: timed.session)
            sessions.append(BriefingSessionView(
                title: line(timed.session.title), showTitle: timed.session.title != agenda.title, date: language.date(start.date), venueDate: venueStart.date == start.date ? nil : language.date(venueStart.date),
                time: language.span(start, end), venueTime: language.span(venueStart, venueEnd),
                moderator: timed.session.moderator.flatMap { self.person($0, in: timed.session, role: .moderator) },
                techCheck: local.isEmpty ? nil : language.list(local),
                venueTechCheck: atVenue.isEmpty ? nil : language.list(atVenue),
                joinLink: SheetText.optionalLine(timed.session.separateOnlineAccess(in: agenda)?.url),
                segments: programme.filter(\.mine), programme: programme, notice: language.notice(rule)))
        }
        var firstCheck: String?
        if let first = checkTimes.min() {
            let local = try zones.zonedTime(first, in: zone)
            firstCheck = language.dateAndClock(local)
        }
        guard let reader = self.person(id, in: nil, role: .speaker) else {
            throw BriefingError(person: id, speakers: candidates.map(\.id), unknown: true)
        }
        let view = BriefingView(
            person: reader, zone: zone, zoneTime: language.zoneTime(zone), differentZone: zone != venue,
            sessions: sessions, join: person.attendance == .online ? onlineView() : nil, firstCheck: firstCheck)
        let shown = sessions.flatMap { [$0.moderator].compactMap { $0 } + $0.programme.flatMap(\.others) }
        let sheet = SheetView(sheet: "briefing", language: language.rawValue, labels: labels, documentTitle: "\(labels.briefing) — \(reader.name)",
                              event: try event(), sessions: [], unscheduled: [], hasUnscheduled: false, briefing: view,
                              describesPeople: shown.contains { !$0.named })
        return sheet
    }
}
