extension SheetBuilder {
    /// The run-of-show rows of a session: each segment and each online speaker's tech check
    /// at its venue clock time (a check before a segment that starts at the same moment),
    /// then the end.
    func rows(of timed: TimedSession) throws -> [RowView] {
        let venue = agenda.timeZone
        let online = Set(onlinePeople(with: timed))
        var rows: [(at: Instant, order: Int, row: RowView)] = []
        func timing(_ instant: Instant) throws -> (clock: String, elapsed: String, remaining: String) {
            let elapsed = timed.start.minutes(until: instant)
            let sign = elapsed > 0 ? "+" : elapsed < 0 ? "−" : ""
            return (language.clock(try zones.zonedTime(instant, in: venue)), sign + String(abs(elapsed)), String(instant.minutes(until: timed.end)))
        }
        for check in TechCheck.checks(in: timed, online: online) {
            let (clock, elapsed, remaining) = try timing(check.at)
            var person = person(check.person, in: timed.session, role: .speaker, placeholder: true)
            person?.local = try localClock(of: check.person, at: check.at)
            let segmentTitle = SheetText.line(timed.segments[check.segment].segment.title)
            rows.append((check.at, 0, RowView(
                clock: clock, elapsed: elapsed, remaining: remaining, duration: "", title: labels.techCheck, kind: segmentTitle,
                isSegment: false, isCheck: true, isEnd: false, floor: [], moderator: nil, questions: [], cues: [],
                interpretation: nil, notes: nil, person: person)))
        }
        for segment in timed.segments {
            let (clock, elapsed, remaining) = try timing(segment.start)
            let floor = try segment.speakingMinutes(excluding: segment.segment.moderator ?? timed.session.moderator).map { entry in
                var view = person(entry.person, in: timed.session, role: .speaker, placeholder: true)
                    ?? PersonView(name: labels.unnamedSpeaker, named: false, line: labels.unnamedSpeaker, online: false)
                view.minutes = language.minutes(entry.minutes)
                if online.contains(entry.person) { view.local = try localClock(of: entry.person, at: segment.start) }
                return view
            }
            let moderator = segment.segment.moderator ?? (segment.segment.kind.needsModerator ? timed.session.moderator : nil)
            rows.append((segment.start, 1, RowView(
                clock: clock, elapsed: elapsed, remaining: remaining, duration: String(segment.start.minutes(until: segment.end)),
                title: SheetText.line(segment.segment.title), kind: language.name(of: segment.segment.kind),
                isSegment: true, isCheck: false, isEnd: false, floor: floor,
                moderator: moderator.flatMap { person($0, in: timed.session, role: .moderator, placeholder: true) },
                questions: questions(of: segment.segment), cues: segment.segment.cues.map(SheetText.line).filter { !$0.isEmpty },
                interpretation: SheetText.optional(segment.segment.interpretation), notes: SheetText.optional(segment.segment.notes),
                person: nil)))
        }
        rows.sort { ($0.at, $0.order) < ($1.at, $1.order) }
        let (clock, elapsed, remaining) = try timing(timed.end)
        let end = RowView(clock: clock, elapsed: elapsed, remaining: remaining, duration: "", title: labels.end, kind: nil,
                          isSegment: false, isCheck: false, isEnd: true, floor: [], moderator: nil, questions: [], cues: [],
                          interpretation: nil, notes: nil, person: nil)
        return rows.map(\.row) + [end]
    }
}
