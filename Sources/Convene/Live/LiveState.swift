import ICal

/// One scheduled segment of the live day as the timeline plans it: a segment of a session, or a
/// whole session that has no segments.
public struct LiveItem: Sendable, Equatable {
    public var session: SessionID
    /// The session's index in the agenda.
    public var sessionIndex: Int
    /// The segment's index within its session; `nil` for a session without segments.
    public var segment: Int?
    public var title: String
    public var kind: SegmentKind
    public var plannedStart: Instant
    public var plannedEnd: Instant
    /// Whether the segment's start is pinned (`at:` in the agenda): held at ``plannedStart``.
    public var pinned: Bool
    /// The venue's calendar date the session starts on: the day it belongs to, after
    /// midnight too.
    public var day: LocalDate
    /// Who does what in the segment; `nil` for a session without segments.
    public var roles: SegmentRoles?
    /// The segment's given speaking times (`speaking:`).
    public var speakingTimes: [SpeakingTime]
    /// Everyone who takes part in the session.
    public var participants: [PersonID]
    /// Who talks in the segment (its floor and its moderator) and joins online.
    public var onlineHolders: [PersonID]

    /// The planned length in seconds of real time.
    public var plannedSeconds: Int { Int(plannedEnd.seconds - plannedStart.seconds) }
}

/// What happened to one ``LiveItem`` so far.
public struct LiveRecord: Sendable, Equatable {
    /// When it started, if it has.
    public internal(set) var start: Instant?
    /// When it ended, if it has.
    public internal(set) var end: Instant?
    /// Whether the moderator skipped it.
    public internal(set) var skipped = false
    /// Minutes added to it (`addMinutes`) less the minutes taken away (`removeMinutes`).
    public internal(set) var addedMinutes = 0
    /// Minutes a break was shortened by (`shortenBreak`).
    public internal(set) var shortenedMinutes = 0
    /// The times its clock was stopped, in order; the last has no end while it is paused.
    public internal(set) var pauses: [LivePause] = []
    /// The item whose `next` started this one; `nil` when `start` did.
    var startedAfter: Int?
}

/// A stretch during which a segment's clock was stopped.
public struct LivePause: Sendable, Equatable {
    public internal(set) var start: Instant
    /// `nil` while it lasts.
    public internal(set) var end: Instant?
    /// Ended by `next` rather than `resume` (so `previous` brings it back).
    var endedWithSegment = false
}

/// One person's turn at the floor within a segment.
public struct LiveTurn: Sendable, Equatable {
    public internal(set) var person: PersonID
    /// The index of the item (``LiveState/items``) the turn is in.
    public internal(set) var item: Int
    public internal(set) var start: Instant
    /// `nil` while the person has the floor.
    public internal(set) var end: Instant?
    /// Ended by the segment's end rather than `endTurn` (so `previous` brings it back).
    var endedWithSegment = false
}

/// Where a ``LiveItem`` stands.
public enum LiveStatus: String, Sendable, Equatable {
    /// It has run and ended.
    case done
    /// It is running (or paused).
    case running
    /// It has not started.
    case pending
    /// The moderator skipped it.
    case skipped
}

/// What has happened so far in one event's live day (or days): for each scheduled segment its
/// actual start and end, the running segment, pauses, the moderator's adjustments and the
/// speakers' turns.
///
/// It is a plain value: ``applying(_:at:)`` returns a new state and reads no clock; every
/// instant comes from the caller. ``projection(now:venueEnd:)`` says where the rest of the
/// day lies.
public struct LiveState: Sendable {
    /// The agenda the timeline was resolved from.
    public let agenda: Agenda
    /// The scheduled segments, in the order they happen.
    public let items: [LiveItem]
    /// What happened to each item, in ``items``' order.
    public private(set) var records: [LiveRecord]
    /// Every turn so far, in the order they started.
    public private(set) var turns: [LiveTurn] = []
    /// The index of the running item, if one runs.
    public private(set) var current: Int?
    /// Every action applied, in order.
    public private(set) var history: [LiveEvent] = []
    /// No break is shortened below this many minutes.
    public let minimumBreak: Int
    /// The sessions followed, in the order they happen, from their start to their end (their
    /// free time at the end included): what a move must keep apart.
    let spans: [(session: SessionID, start: Instant, end: Instant)]
    let zones: ZoneDirectory

    /// The live state of `timeline` before anything has happened. `sessions` limits it to
    /// those sessions (the ones held in one room); by default every scheduled session, which
    /// must not overlap one another. No break is shortened below `minimumBreak` minutes.
    public init(timeline: Timeline, zones: ZoneDirectory, sessions: [SessionID]? = nil, minimumBreak: Int = 10) throws(LiveError) {
        guard minimumBreak >= 1 else { throw .invalidMinimumBreak(minimumBreak) }
        var chosen = timeline.sessionsInTimeOrder
        if let sessions {
            for id in sessions where !chosen.contains(where: { $0.id == id }) { throw .unknownSession(id) }
            chosen = chosen.filter { sessions.contains($0.id) }
        }
        for (earlier, later) in zip(chosen, chosen.dropFirst()) where later.start < earlier.end {
            throw .overlappingSessions(earlier.id, later.id)
        }
        let agenda = timeline.agenda
        let online = Set(agenda.people.filter { $0.attendance == .online }.map(\.id))
        var items: [LiveItem] = []
        for timed in chosen {
            // A session moved during the live day belongs to the day it now starts on.
            let zoned = (try? zones.zonedTime(timed.start, in: agenda.timeZone))?.date
            let day = (timed.moved == 0 ? timed.session.date : zoned) ?? zoned ?? timed.session.date ?? ZonedTime.utc(timed.start).date
            if timed.segments.isEmpty {
                items.append(LiveItem(session: timed.id, sessionIndex: timed.index, segment: nil, title: timed.session.title,
                                      kind: .other, plannedStart: timed.start, plannedEnd: timed.end, pinned: false, day: day,
                                      roles: nil, speakingTimes: [], participants: timed.participants,
                                      onlineHolders: timed.roles.online))
            }
            let layout: SegmentLayout?
            if case .success(let laid) = SegmentLayout.of(timed.session) { layout = laid.layout } else { layout = nil }
            for segment in timed.segments {
                let roles = timed.roles.segments.first { $0.index == segment.index }
                let end = Self.plannedEnd(of: segment, in: timed.session, moved: timed.moved, layout: layout, zone: agenda.timeZone, zones: zones)
                items.append(LiveItem(session: timed.id, sessionIndex: timed.index, segment: segment.index,
                                      title: segment.segment.title, kind: segment.segment.kind,
                                      plannedStart: segment.start, plannedEnd: end, pinned: segment.segment.at != nil,
                                      day: day, roles: roles, speakingTimes: segment.segment.speakingTimes,
                                      participants: timed.participants,
                                      onlineHolders: (roles?.holders ?? []).filter(online.contains)))
            }
        }
        self.agenda = agenda
        self.items = items
        self.records = Array(repeating: LiveRecord(), count: items.count)
        self.minimumBreak = minimumBreak
        self.spans = chosen.map { ($0.id, $0.start, $0.end) }
        self.zones = zones
    }

    /// When `segment` is planned to end. The timeline gives each segment the time up to the
    /// next one (a pinned segment's, or the session's end); a segment with a duration ends
    /// when its duration is over, on the venue's clock, and what is left is free time. A
    /// session moved by `moved` minutes keeps its segments' real lengths.
    static func plannedEnd(of segment: TimedSegment, in session: Session, moved: Int = 0, layout: SegmentLayout?, zone: String, zones: ZoneDirectory) -> Instant {
        guard let duration = segment.segment.duration?.value, let layout, segment.index < layout.starts.count,
              let date = session.date, let start = session.start else { return segment.end }
        let minute = layout.starts[segment.index] + duration
        guard minute < layout.ends[segment.index] else { return segment.end }
        let total = start.minutesSinceMidnight + minute
        let days = total.floorDivided(by: 1440)
        let day = date.adding(days: days), minuteOfDay = total - days * 1440
        let civil = CivilTime(year: day.year, month: day.month, day: day.day, hour: minuteOfDay / 60, minute: minuteOfDay % 60)
        let wall = (try? zones.instant(at: civil, in: zone, policy: .bound)) ?? nil
        let end = wall?.adding(minutes: moved) ?? segment.start.adding(minutes: duration)
        return min(max(end, segment.start), segment.end)
    }

    /// Where `item` stands.
    public func status(of item: Int) -> LiveStatus {
        let record = records[item]
        if record.skipped { return .skipped }
        if record.end != nil { return .done }
        if record.start != nil { return .running }
        return .pending
    }

    /// Whether the running segment's clock is stopped.
    public var isPaused: Bool {
        guard let current else { return false }
        return records[current].pauses.last.map { $0.end == nil } ?? false
    }

    /// The turn running now, if someone has the floor.
    public var openTurn: LiveTurn? {
        turns.last { $0.end == nil }
    }

    /// The instant of the last action applied.
    public var lastAction: Instant? { history.last?.at }

    /// The line the moderator shows on the stage timer, if any: the last `message` given,
    /// unless it cleared the line.
    public var message: String? {
        for event in history.reversed() {
            if case .message(let text) = event.action { return text.isEmpty ? nil : text }
        }
        return nil
    }

    /// The length of `item` in seconds with the moderator's adjustments.
    public func length(of item: Int) -> Int {
        items[item].plannedSeconds + (records[item].addedMinutes - records[item].shortenedMinutes) * 60
    }

    /// Seconds of `[from, to)` during which `item`'s clock was stopped (a pause still running
    /// lasts until `now`).
    func pausedSeconds(of item: Int, from: Instant, to: Instant, now: Instant) -> Int {
        records[item].pauses.reduce(0) { total, pause in
            let start = max(pause.start, from), end = min(pause.end ?? now, to)
            return total + max(Int(end.seconds - start.seconds), 0)
        }
    }

    /// The seconds `item` has run by `now`, its pauses left out.
    public func elapsed(of item: Int, now: Instant) -> Int {
        guard let start = records[item].start else { return 0 }
        let end = min(records[item].end ?? now, now)
        guard end > start else { return 0 }
        return Int(end.seconds - start.seconds) - pausedSeconds(of: item, from: start, to: end, now: now)
    }

    /// The seconds `turn` has lasted by `now`, its segment's pauses left out.
    public func elapsed(of turn: LiveTurn, now: Instant) -> Int {
        let end = min(turn.end ?? now, now)
        guard end > turn.start else { return 0 }
        return Int(end.seconds - turn.start.seconds) - pausedSeconds(of: turn.item, from: turn.start, to: end, now: now)
    }

    /// The minutes `person` is planned to speak in `item`: the segment's `speaking:` time, or
    /// an even share of what is left of it (``SegmentRoles/minutes(of:given:length:)``), counted
    /// on the segment's length with the moderator's adjustments; `nil` for someone not on its floor.
    public func plannedTurnMinutes(of person: PersonID, in item: Int) -> Int? {
        guard let roles = items[item].roles, roles.floor.contains(person) else { return nil }
        let minutes = Int(max(length(of: item), 0) / 60)
        return SegmentRoles.minutes(of: roles.floor, given: items[item].speakingTimes, length: minutes)
            .first { $0.person == person }?.minutes
    }

    /// The first item after `item` (or from the start, for `nil`) that has not started and is
    /// not skipped.
    func firstPending(after item: Int?) -> Int? {
        let from = item.map { $0 + 1 } ?? 0
        guard from < items.count else { return nil }
        return (from..<items.count).first { status(of: $0) == .pending }
    }

    /// The next item that has not run: after the running one, or the first not yet started.
    var upNext: Int? {
        firstPending(after: current ?? lastRun)
    }

    /// The last item that ran and ended.
    var lastRun: Int? {
        items.indices.last { status(of: $0) == .done }
    }

    // MARK: - Actions

    /// The state after `action`, applied at `now`; an action that is not possible now is
    /// refused with a ``LiveError`` saying why.
    public func applying(_ action: LiveAction, at now: Instant) throws(LiveError) -> LiveState {
        if let last = lastAction, now < last { throw .outOfOrder(at: now, last: last) }
        var state = self
        switch action {
        case .start:
            if let current { throw .alreadyRunning(title: items[current].title) }
            guard let next = upNext else { throw .dayOver(last: lastRun.map { items[$0].title }) }
            state.begin(next, at: now, after: nil)
        case .next:
            guard let current else {
                if let next = upNext { throw .nothingRunning(next: items[next].title) }
                throw .dayOver(last: lastRun.map { items[$0].title })
            }
            state.finish(current, at: now)
            if let next = firstPending(after: current), items[next].sessionIndex == items[current].sessionIndex {
                state.begin(next, at: now, after: current)
            }
        case .previous:
            if let current {
                let after = records[current].startedAfter
                state.records[current] = LiveRecord(addedMinutes: records[current].addedMinutes,
                                                    shortenedMinutes: records[current].shortenedMinutes)
                state.turns.removeAll { $0.item == current }
                state.current = nil
                if let after { state.reopen(after) }
            } else {
                guard let last = lastRun else { throw .nothingToGoBack }
                state.reopen(last)
            }
        case .pause:
            guard let current else { throw .nothingRunning(next: upNext.map { items[$0].title }) }
            if isPaused { throw .alreadyPaused(title: items[current].title) }
            state.records[current].pauses.append(LivePause(start: now))
        case .resume:
            guard let current else { throw .nothingRunning(next: upNext.map { items[$0].title }) }
            guard isPaused, let last = records[current].pauses.indices.last else { throw .notPaused(title: items[current].title) }
            state.records[current].pauses[last].end = now
        case .addMinutes(let minutes):
            guard minutes > 0 else { throw .notPositive(minutes: minutes) }
            guard let current else { throw .nothingRunning(next: upNext.map { items[$0].title }) }
            state.records[current].addedMinutes += minutes
        case .removeMinutes(let minutes):
            guard minutes > 0 else { throw .notPositive(minutes: minutes) }
            guard let current else { throw .nothingRunning(next: upNext.map { items[$0].title }) }
            let have = Int(length(of: current) / 60)
            if items[current].kind == .break, have - minutes < minimumBreak {
                throw .breakBelowMinimum(title: items[current].title, length: have, minutes: minutes, minimum: minimumBreak)
            }
            guard have - minutes >= 1 else { throw .cannotRemove(title: items[current].title, minutes: minutes, length: have) }
            state.records[current].addedMinutes -= minutes
        case .skip:
            guard let next = upNext else { throw .nothingToSkip }
            guard items[next].kind != .break else { throw .breakCannotBeSkipped(title: items[next].title) }
            state.records[next].skipped = true
        case .shortenBreak(let minutes):
            guard minutes > 0 else { throw .notPositive(minutes: minutes) }
            let target: Int?
            if let current, items[current].kind == .break {
                target = current
            } else {
                let from = (current ?? lastRun).map { $0 + 1 } ?? 0
                target = from < items.count
                    ? (from..<items.count).first { status(of: $0) == .pending && items[$0].kind == .break } : nil
            }
            guard let target else { throw .noBreakToShorten }
            let have = Int(length(of: target) / 60)
            guard have - minutes >= minimumBreak else {
                throw .breakBelowMinimum(title: items[target].title, length: have, minutes: minutes, minimum: minimumBreak)
            }
            state.records[target].shortenedMinutes += minutes
        case .message:
            // Kept in the history alone (``message``): it moves nothing.
            break
        case .startTurn(let person):
            guard let current else { throw .nothingRunning(next: upNext.map { items[$0].title }) }
            guard agenda.person(person) != nil else { throw .unknownPerson(person) }
            guard items[current].participants.contains(person) else { throw .notInSession(person, session: items[current].session) }
            if let open = openTurn { throw .turnOpen(open.person) }
            state.turns.append(LiveTurn(person: person, item: current, start: now))
        case .endTurn(let person):
            guard let index = turns.lastIndex(where: { $0.end == nil && $0.person == person }) else {
                throw .noTurn(person, open: openTurn?.person)
            }
            state.turns[index].end = now
        case .moveSession(let session, _):
            // The state is made from the timeline with the moves applied; here a move is only
            // kept in the history.
            guard spans.contains(where: { $0.session == session }) else { throw .notFollowed(session) }
        }
        state.history.append(LiveEvent(action: action, at: now))
        return state
    }

    /// The state after each of `events` in turn.
    public func applying(_ events: [LiveEvent]) throws(LiveError) -> LiveState {
        var state = self
        for event in events { state = try state.applying(event.action, at: event.at) }
        return state
    }

    private mutating func begin(_ item: Int, at now: Instant, after previous: Int?) {
        records[item].start = now
        records[item].startedAfter = previous
        current = item
    }

    /// Ends `item` at `now`, with its pause and the turn running in it.
    private mutating func finish(_ item: Int, at now: Instant) {
        records[item].end = now
        if let last = records[item].pauses.indices.last, records[item].pauses[last].end == nil {
            records[item].pauses[last].end = now
            records[item].pauses[last].endedWithSegment = true
        }
        for index in turns.indices where turns[index].item == item && turns[index].end == nil {
            turns[index].end = now
            turns[index].endedWithSegment = true
        }
        current = nil
    }

    /// Lets `item` run again, as if it had not ended: its pause and turn come back.
    private mutating func reopen(_ item: Int) {
        records[item].end = nil
        if let last = records[item].pauses.indices.last, records[item].pauses[last].endedWithSegment {
            records[item].pauses[last].end = nil
            records[item].pauses[last].endedWithSegment = false
        }
        for index in turns.indices where turns[index].item == item && turns[index].endedWithSegment {
            turns[index].end = nil
            turns[index].endedWithSegment = false
        }
        current = item
    }
}

extension LiveState {
    /// The `moveSession` actions that moving `session` by `minutes` makes at `now`, with every
    /// later session of the live day when `later`, each by the same minutes: refused when the
    /// session is not followed, has started, would start before now, or would run into (or
    /// pass) another session of the day, so that the sessions keep their order and the state
    /// made from the moved timeline is one the live day can follow.
    public func moves(of session: SessionID, minutes: Int, later: Bool, at now: Instant) throws(LiveError) -> [LiveAction] {
        guard minutes != 0 else { throw .zeroMove }
        guard let first = spans.firstIndex(where: { $0.session == session }) else { throw .notFollowed(session) }
        let last = later ? spans.count - 1 : first
        let moved = spans[first...last]
        for span in moved where items.indices.contains(where: { items[$0].session == span.session && records[$0].start != nil }) {
            throw .sessionStarted(span.session)
        }
        guard spans[first].start.adding(minutes: minutes) >= now else { throw .moveIntoPast(session, minutes: minutes) }
        if first > 0, spans[first].start.adding(minutes: minutes) < spans[first - 1].end {
            throw .moveOverlaps(session, other: spans[first - 1].session, before: true)
        }
        if last + 1 < spans.count, spans[last].end.adding(minutes: minutes) > spans[last + 1].start {
            throw .moveOverlaps(session, other: spans[last + 1].session, before: false)
        }
        return moved.map { .moveSession($0.session, minutes: minutes) }
    }

    /// The `moveSession` actions that carry the day's projected delay into the invitations of
    /// the sessions of the day being run that have not started (`carryDelay`): each moved by
    /// the minutes its projected start is late (rounded up), or by more where the session
    /// before it, moved, would otherwise run into it. Refused when no such session is late,
    /// or when a moved session would run into the next day's first session.
    public func carriedMoves(at now: Instant) throws(LiveError) -> [LiveAction] {
        guard let projection = try? projection(now: now), let day = projection.day else { throw .nothingToCarry }
        var moves: [LiveAction] = []
        var previousEnd: Instant?
        for (position, span) in spans.enumerated() {
            let indices = items.indices.filter { items[$0].session == span.session }
            guard let first = indices.first, items[first].day == day else { continue }
            if indices.contains(where: { records[$0].start != nil }) {
                previousEnd = span.end
                continue
            }
            let late = minutesRoundedUp(Int(projection.items[first].start.seconds - span.start.seconds))
            let clear = previousEnd.map { minutesRoundedUp(Int($0.seconds - span.start.seconds)) } ?? 0
            let minutes = min(max(late, clear), LiveAction.maximumMinutes)
            guard minutes > 0 else {
                previousEnd = span.end
                continue
            }
            let end = span.end.adding(minutes: minutes)
            if position + 1 < spans.count, items.first(where: { $0.session == spans[position + 1].session })?.day != day,
               end > spans[position + 1].start {
                throw .moveOverlaps(span.session, other: spans[position + 1].session, before: false)
            }
            moves.append(.moveSession(span.session, minutes: minutes))
            previousEnd = end
        }
        guard !moves.isEmpty else { throw .nothingToCarry }
        return moves
    }
}
