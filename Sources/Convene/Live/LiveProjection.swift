import ICal

/// Where the rest of the live day lies at one moment: every item's start and end (actual for
/// what has run, projected for what has not), how late the day runs, the pinned segments it
/// cannot keep, the commitments it breaks and the later days' sessions a carried delay would
/// reach. Made by ``LiveState/projection(now:venueEnd:)``; the rules are in docs/live.md.
public struct LiveProjection: Sendable, Equatable {
    /// One item of the live state, with its times.
    public struct Item: Sendable, Equatable {
        /// The index in ``LiveState/items``.
        public var item: Int
        public var session: SessionID
        public var segment: Int?
        public var title: String
        public var kind: SegmentKind
        public var status: LiveStatus
        public var day: LocalDate
        public var plannedStart: Instant
        public var plannedEnd: Instant
        /// The actual start, or the projected one. A skipped item takes no time: its start and
        /// end are the moment it would have started.
        public var start: Instant
        /// The actual end, or the projected one.
        public var end: Instant

        /// Minutes between the planned start and this start (negative when earlier), rounded up.
        public var delayMinutes: Int { minutesRoundedUp(Int(start.seconds - plannedStart.seconds)) }
    }

    /// The running segment's clock.
    public struct Current: Sendable, Equatable {
        public var item: Int
        public var paused: Bool
        /// Its length in seconds, with the moderator's adjustments.
        public var length: Int
        /// Seconds it has run, its pauses left out.
        public var elapsed: Int
        /// Seconds left of its length (0 once it runs over).
        public var remaining: Int
        /// Seconds it has run beyond its length.
        public var overrun: Int
        /// The turn running in it, if someone has the floor.
        public var turn: Turn?
    }

    /// The running turn's clock.
    public struct Turn: Sendable, Equatable {
        public var person: PersonID
        public var start: Instant
        /// The minutes the person is planned to speak in the segment
        /// (``LiveState/plannedTurnMinutes(of:in:)``); `nil` for someone not on its floor.
        public var plannedMinutes: Int?
        /// Seconds this turn has lasted, the segment's pauses left out.
        public var elapsed: Int
        /// Seconds the person has spoken in the segment, this turn and earlier ones.
        public var spoken: Int
        /// Seconds left of their planned time; `nil` without a planned time.
        public var remaining: Int?
        /// Seconds they have spoken beyond their planned time.
        public var overrun: Int
    }

    /// A pinned segment the items before it run into.
    public struct Conflict: Sendable, Equatable {
        public var item: Int
        public var session: SessionID
        public var segment: Int?
        public var title: String
        /// Where it is pinned, and held.
        public var pinnedStart: Instant
        /// When what comes before it ends: the previous item's projected end, or now when it
        /// should already have started.
        public var precedingEnd: Instant
        /// By how many minutes, rounded up.
        public var minutes: Int
    }

    /// A commitment the projection breaks.
    public struct BrokenCommitment: Sendable, Equatable {
        public enum Kind: String, Sendable, Equatable {
            /// An online speaker or moderator would be on outside their working hours or on a
            /// day they do not work, in their own zone.
            case workingHours = "working-hours"
            /// A segment would run past the venue's hard end.
            case venueEnd = "venue-end"
        }

        public var kind: Kind
        /// Whose hours, for ``Kind/workingHours``.
        public var person: PersonID?
        public var item: Int
        public var session: SessionID
        public var segment: Int?
        public var title: String
        /// The zone of ``start`` and ``end``: the person's, or the venue's.
        public var timeZone: String
        /// The item's projected start and end on that zone's clock.
        public var start: ZonedTime
        public var end: ZonedTime
        /// By how many minutes more than planned (rounded up): minutes outside the person's
        /// working time, or past the venue's end.
        public var minutes: Int
    }

    /// A session of a later day that a delay carried into its day would move.
    public struct LaterDaySession: Sendable, Equatable {
        public var session: SessionID
        public var day: LocalDate
        public var plannedStart: Instant
        public var plannedEnd: Instant
        /// Its first and last segments' start and end, were the delay carried.
        public var startIfCarried: Instant
        public var endIfCarried: Instant
        /// How many minutes its most delayed segment would start late, or the items before a
        /// pinned segment of it run into it (rounded up).
        public var minutes: Int
    }

    /// The moment the projection is for (never before the last action).
    public var now: Instant
    /// The venue date being run: the running segment's day, else the day of the next segment
    /// to start, else the last day.
    public var day: LocalDate?
    /// Every item of the state, in order.
    public var items: [Item]
    /// The running segment's clock, if one runs.
    public var current: Current?
    /// The next item `start` or `next` would begin.
    public var upNext: Int?
    /// How many minutes after its planned end the live day's last segment ends (negative when
    /// it ends early), rounded up.
    public var minutesLate: Int
    public var conflicts: [Conflict]
    public var brokenCommitments: [BrokenCommitment]
    /// The sessions of later days a carried delay would move; later days themselves keep
    /// their planned times.
    public var laterDays: [LaterDaySession]

    /// The items of the live day still to run: the running one and those not started.
    public var remaining: [Item] {
        items.filter { $0.day == day && ($0.status == .running || $0.status == .pending) }
    }
}

/// `seconds` in whole minutes, rounded up (towards later): 61 seconds are 2 minutes, -90 are -1.
func minutesRoundedUp(_ seconds: Int) -> Int {
    let quotient = seconds / 60, rest = seconds % 60
    return rest > 0 ? quotient + 1 : quotient
}

extension LiveState {
    /// Where the rest of the day lies at `now`; `venueEnd` is the venue's hard end, if it has
    /// one. A `now` before the last action is read as the last action's instant.
    public func projection(now requested: Instant, venueEnd: Instant? = nil) throws -> LiveProjection {
        let now = max(requested, lastAction ?? requested)
        let point = current ?? lastRun
        let next = upNext
        let day = (current ?? next ?? lastRun).map { items[$0].day }

        var starts = items.map(\.plannedStart), ends = items.map(\.plannedEnd)
        for index in items.indices {
            switch status(of: index) {
            case .done:
                starts[index] = records[index].start ?? items[index].plannedStart
                ends[index] = records[index].end ?? items[index].plannedEnd
            case .running:
                let start = records[index].start ?? items[index].plannedStart
                starts[index] = start
                ends[index] = max(now, Instant(seconds: start.seconds + Int64(length(of: index) + pausedSeconds(of: index, from: start, to: now, now: now))))
            case .pending, .skipped:
                ends[index] = status(of: index) == .skipped ? items[index].plannedStart : items[index].plannedEnd
            }
        }

        // The live day from the running segment on (or from now): what follows moves.
        let after = point.map { $0 + 1 } ?? 0
        let flowing = after < items.count ? (after..<items.count).filter {
            (status(of: $0) == .pending || status(of: $0) == .skipped) && items[$0].day <= (day ?? items[$0].day)
        } : []
        let cursor = current.map { ends[$0] } ?? now
        let laid = flow(flowing, from: cursor, now: now)
        for (index, span) in laid.spans {
            starts[index] = span.start
            ends[index] = span.end
        }
        // A skipped item behind the running one would have started when the one before it ended.
        for index in 0..<min(after, items.count) where status(of: index) == .skipped && index > 0 {
            starts[index] = ends[index - 1]
            ends[index] = ends[index - 1]
        }

        let projected = items.indices.map { index in
            LiveProjection.Item(item: index, session: items[index].session, segment: items[index].segment,
                                title: items[index].title, kind: items[index].kind, status: status(of: index),
                                day: items[index].day, plannedStart: items[index].plannedStart,
                                plannedEnd: items[index].plannedEnd, start: starts[index], end: ends[index])
        }

        let dayItems = items.indices.filter { items[$0].day == day }
        let late = lateness(of: dayItems, ends: ends)
        let remaining = dayItems.filter { status(of: $0) == .running || status(of: $0) == .pending }

        return LiveProjection(
            now: now, day: day, items: projected, current: currentClock(now: now), upNext: next,
            minutesLate: minutesRoundedUp(late), conflicts: laid.conflicts,
            brokenCommitments: try commitments(of: remaining, starts: starts, ends: ends, venueEnd: venueEnd),
            laterDays: laterDays(after: day, carrying: late))
    }

    /// Lays out `indices` (in order) from `cursor`: each starts when the one before it ends,
    /// never before its planned start (a gap absorbs delay) nor before `now`; a pinned one is
    /// held at its planned start and reported when what comes before runs into it; a skipped
    /// one takes no time; no length changes.
    private func flow(_ indices: [Int], from start: Instant, now: Instant)
        -> (spans: [(Int, (start: Instant, end: Instant))], conflicts: [LiveProjection.Conflict]) {
        var cursor = max(start, now)
        var spans: [(Int, (start: Instant, end: Instant))] = []
        var conflicts: [LiveProjection.Conflict] = []
        for index in indices {
            let item = items[index]
            if status(of: index) == .skipped {
                let moment = max(cursor, item.plannedStart)
                spans.append((index, (moment, moment)))
                continue
            }
            let begin: Instant
            if item.pinned {
                if cursor > item.plannedStart {
                    conflicts.append(LiveProjection.Conflict(
                        item: index, session: item.session, segment: item.segment, title: item.title,
                        pinnedStart: item.plannedStart, precedingEnd: cursor,
                        minutes: minutesRoundedUp(Int(cursor.seconds - item.plannedStart.seconds))))
                }
                begin = item.plannedStart
            } else {
                begin = max(cursor, item.plannedStart)
            }
            let end = Instant(seconds: begin.seconds + Int64(max(length(of: index), 0)))
            spans.append((index, (begin, end)))
            cursor = max(cursor, end)
        }
        return (spans, conflicts)
    }

    /// Seconds by which the last of `indices` to end ends after the last planned end.
    private func lateness(of indices: [Int], ends: [Instant]) -> Int {
        guard let planned = indices.map({ items[$0].plannedEnd }).max(),
              let actual = indices.filter({ status(of: $0) != .skipped }).map({ ends[$0] }).max() else { return 0 }
        return Int(actual.seconds - planned.seconds)
    }

    /// The running segment's clock and its turn's.
    private func currentClock(now: Instant) -> LiveProjection.Current? {
        guard let current else { return nil }
        let total = length(of: current), run = elapsed(of: current, now: now)
        var turn: LiveProjection.Turn?
        if let open = openTurn, open.item == current {
            let planned = plannedTurnMinutes(of: open.person, in: current)
            let spoken = turns.filter { $0.item == current && $0.person == open.person }.reduce(0) { $0 + elapsed(of: $1, now: now) }
            turn = LiveProjection.Turn(person: open.person, start: open.start, plannedMinutes: planned,
                                       elapsed: elapsed(of: open, now: now), spoken: spoken,
                                       remaining: planned.map { max($0 * 60 - spoken, 0) },
                                       overrun: planned.map { max(spoken - $0 * 60, 0) } ?? 0)
        }
        return LiveProjection.Current(item: current, paused: isPaused, length: total, elapsed: run,
                                      remaining: max(total - run, 0), overrun: max(run - total, 0), turn: turn)
    }

    /// The commitments the projected times of `indices` break and their planned times keep:
    /// online speakers' working time (the hours and days the slot search uses, in their own
    /// zone), and the venue's end.
    private func commitments(of indices: [Int], starts: [Instant], ends: [Instant], venueEnd: Instant?) throws -> [LiveProjection.BrokenCommitment] {
        let finder = SlotFinder(agenda: agenda, zones: zones)
        var broken: [LiveProjection.BrokenCommitment] = []
        for index in indices {
            let item = items[index], start = starts[index], end = ends[index]
            for id in item.onlineHolders {
                guard let person = agenda.person(id) else { continue }
                let zone = person.effectiveTimeZone(in: agenda)
                let lists = try finder.blockedTime(of: person, from: min(start, item.plannedStart), to: max(end, item.plannedEnd), busy: [])
                let blocked = SlotFinder.merged((lists[.workingHours] ?? []) + (lists[.workingDays] ?? []))
                let extra = Self.overlap(blocked, start, end) - Self.overlap(blocked, item.plannedStart, item.plannedEnd)
                if extra > 0 {
                    broken.append(LiveProjection.BrokenCommitment(
                        kind: .workingHours, person: id, item: index, session: item.session, segment: item.segment,
                        title: item.title, timeZone: zone, start: try zones.zonedTime(start, in: zone),
                        end: try zones.zonedTime(end, in: zone), minutes: minutesRoundedUp(extra)))
                }
            }
            if let venueEnd, item.plannedStart < venueEnd {
                let past = Int(end.seconds - max(venueEnd, item.plannedEnd).seconds)
                if past > 0 {
                    broken.append(LiveProjection.BrokenCommitment(
                        kind: .venueEnd, person: nil, item: index, session: item.session, segment: item.segment,
                        title: item.title, timeZone: agenda.timeZone, start: try zones.zonedTime(start, in: agenda.timeZone),
                        end: try zones.zonedTime(end, in: agenda.timeZone), minutes: minutesRoundedUp(past)))
                }
            }
        }
        return broken
    }

    /// Seconds of `[start, end)` inside `intervals` (sorted, merged).
    private static func overlap(_ intervals: [BusyInterval], _ start: Instant, _ end: Instant) -> Int {
        intervals.reduce(0) { total, interval in
            total + max(Int(min(interval.end, end.seconds) - max(interval.start, start.seconds)), 0)
        }
    }

    /// The sessions of the days after `day` that would move were the live day's delay
    /// (`late` seconds, when positive) carried: each later day starting as late as the day
    /// before it ends late, then laid out by the same rules.
    private func laterDays(after day: LocalDate?, carrying late: Int) -> [LiveProjection.LaterDaySession] {
        guard let day else { return [] }
        var carry = late
        var effects: [LiveProjection.LaterDaySession] = []
        let days = Array(Set(items.map(\.day).filter { $0 > day })).sorted()
        for later in days where carry > 0 {
            let indices = items.indices.filter { items[$0].day == later && status(of: $0) != .done }
            guard let first = indices.first(where: { status(of: $0) != .skipped }) else { continue }
            let entry = Instant(seconds: items[first].plannedStart.seconds + Int64(carry))
            let laid = flow(indices, from: entry, now: entry)
            let spans = Dictionary(laid.spans.map { ($0.0, $0.1) }, uniquingKeysWith: { first, _ in first })
            let conflicted = Dictionary(laid.conflicts.map { ($0.item, $0.minutes) }, uniquingKeysWith: { max($0, $1) })
            var sessions: [SessionID] = []
            for index in indices where !sessions.contains(items[index].session) { sessions.append(items[index].session) }
            for session in sessions {
                let members = indices.filter { items[$0].session == session && status(of: $0) != .skipped }
                guard let head = members.first, let tail = members.last,
                      let start = spans[head]?.start, let end = spans[tail]?.end else { continue }
                let minutes = members.map { index in
                    max(minutesRoundedUp(Int((spans[index]?.start ?? items[index].plannedStart).seconds - items[index].plannedStart.seconds)), conflicted[index] ?? 0)
                }.max() ?? 0
                guard minutes > 0 else { continue }
                effects.append(LiveProjection.LaterDaySession(
                    session: session, day: later, plannedStart: items[head].plannedStart, plannedEnd: items[tail].plannedEnd,
                    startIfCarried: start, endIfCarried: end, minutes: minutes))
            }
            var ends = items.map(\.plannedEnd)
            for (index, span) in laid.spans { ends[index] = span.end }
            carry = lateness(of: indices, ends: ends)
        }
        return effects
    }
}
