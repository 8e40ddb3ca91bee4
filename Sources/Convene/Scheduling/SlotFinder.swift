import ICal

/// Finds start times for a session that suit everyone who must take part: within each
/// person's working hours and working days in their own zone (in the venue's zone for people
/// in the room), and clear of their busy times. Slots are ranked by comfort (see ``score``).
public struct SlotFinder: Sendable {
    /// What keeps a person from a time.
    public enum Reason: String, Sendable, CaseIterable {
        case busy
        case workingHours = "working hours"
        case workingDays = "working days"
        /// Their calendar could not be fully read for this time (it asks for more work than a
        /// calendar may take): counted as busy, and said so.
        case calendarIncomplete = "calendar-incomplete"
    }

    /// A proposed start, with how it looks to each participant.
    public struct Slot: Sendable {
        public var start: Instant
        public var end: Instant
        /// 0 to 1; see ``SlotFinder`` for how it is computed.
        public var score: Double
        public var venueStart: ZonedTime
        public var venueEnd: ZonedTime
        public var local: [LocalView]
    }

    /// A constraint and how many of the candidate times it rules out.
    public struct Blocker: Sendable {
        public var person: PersonID
        public var reason: Reason
        public var ruledOut: Int
    }

    /// The outcome of a search.
    public struct Result: Sendable {
        public var session: Session
        public var durationMinutes: Int
        /// How many start times were tried, and how many suit everyone.
        public var candidates: Int
        public var feasible: Int
        /// Best first, not overlapping one another.
        public var slots: [Slot]
        /// The constraints that rule out the most candidate times, most first.
        public var blockers: [Blocker]
        /// Why no start suits everyone, and what would make one possible: `nil` until
        /// ``SlotFinder/explain(sessionIndex:minutes:from:to:step:busy:later:)`` fills it in
        /// for a search that found nothing.
        public var explanation: NoSlotExplanation? = nil
    }

    public let agenda: Agenda
    public let zones: ZoneDirectory

    public init(agenda: Agenda, zones: ZoneDirectory) {
        self.agenda = agenda
        self.zones = zones
    }

    /// The instants that start and end the search window: `from` 00:00 to the end of `to`,
    /// venue time.
    public func window(from: LocalDate, to: LocalDate) throws -> (Instant, Instant) {
        (try wallInstant(from, 0, agenda.timeZone), try wallInstant(to.adding(days: 1), 0, agenda.timeZone))
    }

    /// Searches `from`...`to` (venue dates) every `step` minutes for the session at
    /// `sessionIndex`, `minutes` long, keeping the best `top`.
    public func search(sessionIndex: Int, minutes: Int, from: LocalDate, to: LocalDate, step: Int, top: Int, busy: BusyTimes) throws -> Result {
        let session = agenda.sessions[sessionIndex]
        let people = agenda.participantIDs(of: session).compactMap(agenda.person)
        let (windowStart, windowEnd) = try window(from: from, to: to)

        let candidates = try candidateStarts(from: from, to: to, step: step)

        var blockedBy = [Int](repeating: 0, count: candidates.count)
        var blockers: [Blocker] = []
        let length = Int64(minutes) * 60
        for person in people {
            var lists = try blockedTime(of: person, from: windowStart, to: windowEnd.adding(minutes: minutes), busy: busy.byPerson[person.id] ?? [])
            lists[.calendarIncomplete] = Self.merged(busy.incompleteByPerson[person.id] ?? [])
            var personBlocked = [Bool](repeating: false, count: candidates.count)
            for reason in Reason.allCases {
                let intervals = lists[reason] ?? []
                var index = 0, count = 0
                for (position, start) in candidates.enumerated() {
                    while index < intervals.count, intervals[index].end <= start.seconds { index += 1 }
                    if index < intervals.count, intervals[index].start < start.seconds + length {
                        personBlocked[position] = true
                        count += 1
                    }
                }
                if count > 0 { blockers.append(Blocker(person: person.id, reason: reason, ruledOut: count)) }
            }
            for position in candidates.indices where personBlocked[position] { blockedBy[position] += 1 }
        }

        let resolver = Resolver(zones: zones)
        // Who talks counts double in the score: the roles layer says who that is.
        let roles = Set(SessionRoles(index: sessionIndex, in: agenda, timed: nil).holders)
        var scored: [(Instant, Double)] = []
        for (position, start) in candidates.enumerated() where blockedBy[position] == 0 {
            scored.append((start, try score(start: start, minutes: minutes, people: people, roles: roles)))
        }
        let feasible = scored.count
        scored.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        var chosen: [(Instant, Double)] = []
        for candidate in scored where chosen.count < top {
            let end = candidate.0.adding(minutes: minutes)
            if chosen.allSatisfy({ $0.0 >= end || $0.0.adding(minutes: minutes) <= candidate.0 }) { chosen.append(candidate) }
        }
        let slots = try chosen.map { start, value -> Slot in
            let end = start.adding(minutes: minutes)
            let venue = try zones.zonedTime(start, in: agenda.timeZone)
            let local = try people.map { try resolver.localView(of: slotView(of: $0), from: start, to: end, venueDate: venue.date, in: agenda) }
            return Slot(start: start, end: end, score: (value * 100).rounded() / 100, venueStart: venue,
                        venueEnd: try zones.zonedTime(end, in: agenda.timeZone), local: local)
        }
        return Result(session: session, durationMinutes: minutes, candidates: candidates.count, feasible: feasible,
                      slots: slots, blockers: blockers.sorted { $0.ruledOut != $1.ruledOut ? $0.ruledOut > $1.ruledOut : $0.person < $1.person })
    }

    /// Candidate starts: every `step` minutes of the venue's clock, each day from `from` to
    /// `to`, leaving out the times the clocks skip.
    func candidateStarts(from: LocalDate, to: LocalDate, step: Int) throws -> [Instant] {
        var candidates: [Instant] = []
        var day = from
        while day <= to {
            for minute in stride(from: 0, to: 1440, by: step) {
                let civil = CivilTime(year: day.year, month: day.month, day: day.day, hour: minute / 60, minute: minute % 60)
                if let candidate = try zones.instant(at: civil, in: agenda.timeZone, policy: .candidate) { candidates.append(candidate) }
            }
            day = day.adding(days: 1)
        }
        return candidates
    }

    /// How comfortable `[start, start + minutes)` is: for each person, 1 when the middle of the
    /// session is the middle of their working day, falling to 0 at either edge of it; averaged
    /// with the moderators' and speakers' weight doubled.
    public func score(start: Instant, minutes: Int, people: [Person], roles: Set<PersonID>) throws -> Double {
        var total = 0.0, weights = 0.0
        let middle = start.adding(minutes: minutes / 2)
        for person in people {
            let person = slotView(of: person)
            let local = try zones.zonedTime(middle, in: person.effectiveTimeZone(in: agenda)).minuteOfDay
            let hours = person.workingHours
            let span = (hours.end - hours.start + 1440) % 1440 == 0 ? 1440 : (hours.end - hours.start + 1440) % 1440
            let centre = (hours.start + span / 2) % 1440
            var distance = abs(local - centre)
            distance = min(distance, 1440 - distance)
            let comfort = max(0, 1 - Double(distance) / Double(max(span / 2, 1)))
            let weight = roles.contains(person.id) ? 2.0 : 1.0
            total += comfort * weight
            weights += weight
        }
        return weights == 0 ? 1 : total / weights
    }

    /// People in the room keep the venue's clock while they are there.
    func slotView(of person: Person) -> Person {
        var view = person
        if person.attendance == .inPerson { view.timeZone = agenda.timeZone }
        return view
    }

    /// The person's blocked time by reason, each list sorted and merged.
    func blockedTime(of person: Person, from: Instant, to: Instant, busy: [BusyInterval]) throws -> [Reason: [BusyInterval]] {
        let person = slotView(of: person)
        let zone = person.effectiveTimeZone(in: agenda)
        var hours: [BusyInterval] = [], days: [BusyInterval] = []
        var day = try zones.zonedTime(from, in: zone).date.adding(days: -1)
        let last = try zones.zonedTime(to, in: zone).date.adding(days: 1)
        while day <= last {
            let midnight = try wallInstant(day, 0, zone).seconds
            let nextMidnight = try wallInstant(day.adding(days: 1), 0, zone).seconds
            if !person.workingDays.contains(day.weekday) {
                days.append(BusyInterval(start: midnight, end: nextMidnight))
            } else {
                let working = person.workingHours
                let start = try wallInstant(day, working.start, zone).seconds
                let end = try wallInstant(day, working.end, zone).seconds
                if working.start < working.end {
                    if start > midnight { hours.append(BusyInterval(start: midnight, end: start)) }
                    if end < nextMidnight { hours.append(BusyInterval(start: end, end: nextMidnight)) }
                } else if end < start {
                    hours.append(BusyInterval(start: end, end: start))
                }
            }
            day = day.adding(days: 1)
        }
        return [.busy: Self.merged(busy), .workingHours: Self.merged(hours), .workingDays: Self.merged(days)]
    }

    /// The instant of a wall-clock time (minutes may reach 1440); a time in a gap is read as
    /// the moment of the jump, a repeated one as its first occurrence.
    func wallInstant(_ date: LocalDate, _ minutes: Int, _ zone: String) throws -> Instant {
        let day = date.adding(days: minutes / 1440)
        let minute = minutes % 1440
        let civil = CivilTime(year: day.year, month: day.month, day: day.day, hour: minute / 60, minute: minute % 60)
        guard let instant = try zones.instant(at: civil, in: zone, policy: .bound) else { throw WallClockProblem.unknownZone }
        return instant
    }

    static func merged(_ intervals: [BusyInterval]) -> [BusyInterval] {
        var result: [BusyInterval] = []
        for interval in intervals.sorted() where interval.end > interval.start {
            if let last = result.last, interval.start <= last.end {
                result[result.count - 1].end = max(last.end, interval.end)
            } else {
                result.append(interval)
            }
        }
        return result
    }
}
