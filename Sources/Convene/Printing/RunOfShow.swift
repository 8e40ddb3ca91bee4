extension SheetBuilder {
    /// The run-of-show rows of a session: each segment and each online speaker's tech check
    /// at its venue clock time (a check before a segment that starts at the same moment),
    /// then the end.
    func rows(of timed: TimedSession) throws -> [RowView] {
        let venue = agenda.timeZone
        let roles = timed.roles
        let online = Set(roles.online)
        var rows: [(at: Instant, order: Int, row: RowView)] = []
        // Cues and notes are the organisers' working text: only their run-of-show carries them.
        let forDesk = disclosure.audience == .organizers
        func timing(_ instant: Instant) throws -> (clock: String, elapsed: String, remaining: String) {
            let elapsed = timed.start.minutes(until: instant)
            let sign = elapsed > 0 ? "+" : elapsed < 0 ? "−" : ""
            return (language.clock(try zones.zonedTime(instant, in: venue)), sign + language.number(abs(elapsed)), language.number(instant.minutes(until: timed.end)))
        }
        // Checks at the same moment for the same segment make one row.
        var groups: [(at: Instant, segment: Int, people: [PersonID])] = []
        for check in roles.techChecks {
            if let last = groups.indices.last, groups[last].at == check.at, groups[last].segment == check.segment {
                groups[last].people.append(check.person)
            } else {
                groups.append((check.at, check.segment, [check.person]))
            }
        }
        for group in groups {
            let (clock, elapsed, remaining) = try timing(group.at)
            let checked = try group.people.map { id -> PersonView in
                var person = personOrRole(id, in: timed.session, role: .speaker)
                person.local = try localClock(of: id, at: group.at, in: timed.session)
                return person
            }
            let segmentTitle = line(timed.segments[group.segment].segment.title)
            rows.append((group.at, 0, RowView(
                clock: clock, elapsed: elapsed, remaining: remaining, duration: "", title: labels.techCheck, kind: segmentTitle,
                isSegment: false, isCheck: true, isEnd: false, floor: checked, moderator: nil, questions: [], cues: [],
                interpretation: nil, notes: nil)))
        }
        for (segment, segmentRoles) in zip(timed.segments, roles.segments) {
            let (clock, elapsed, remaining) = try timing(segment.start)
            let floor = try segmentRoles.minutes.map { entry in
                var view = personOrRole(entry.person, in: timed.session, role: .speaker)
                view.minutes = language.minutes(entry.minutes)
                if online.contains(entry.person) { view.local = try localClock(of: entry.person, at: segment.start, in: timed.session) }
                return view
            }
            // A segment's own moderator is always printed; the session's only where the
            // segment's kind needs one.
            let moderator = segmentRoles.hasOwnModerator || segment.segment.kind.needsModerator ? segmentRoles.moderator : nil
            rows.append((segment.start, 1, RowView(
                clock: clock, elapsed: elapsed, remaining: remaining, duration: language.number(segment.start.minutes(until: segment.end)),
                title: line(segment.segment.title), kind: language.name(of: segment.segment.kind),
                isSegment: true, isCheck: false, isEnd: false, floor: floor,
                moderator: moderator.map { personOrRole($0, in: timed.session, role: .moderator) },
                questions: questions(of: segment.segment, in: timed.session), cues: forDesk ? segment.segment.cues.map { line($0) }.filter { !$0.isEmpty } : [],
                interpretation: optional(segment.segment.interpretation),
                notes: forDesk ? optional(segment.segment.notes) : nil)))
        }
        rows.sort { ($0.at, $0.order) < ($1.at, $1.order) }
        let (clock, elapsed, remaining) = try timing(timed.end)
        let end = RowView(clock: clock, elapsed: elapsed, remaining: remaining, duration: "", title: labels.end, kind: nil,
                          isSegment: false, isCheck: false, isEnd: true, floor: [], moderator: nil, questions: [], cues: [],
                          interpretation: nil, notes: nil)
        return rows.map(\.row) + [end]
    }
}
