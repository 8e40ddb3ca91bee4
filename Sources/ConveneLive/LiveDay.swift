import Convene
import ConveneStore
import Foundation

/// Who looks at the live day: what a view may show and do follows from it.
public enum LiveViewer: Sendable, Hashable {
    /// The moderator's console (the organisers' view): everyone by name; the only one that
    /// records actions.
    case console
    /// The public board and the stage timer: the day as the public agenda shows it.
    case board
    /// One online speaker's page: the day as participants see it, and she sees herself.
    case speaker(PersonID)
}

/// Why the live day cannot be run.
public enum LiveDayError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The live state cannot be made from the agenda.
    case state(LiveError)
    /// The actions recorded in the event store no longer apply to the agenda: the one at
    /// `index` (from 1) is refused.
    case replay(store: String, index: Int, count: Int, problem: LiveError)
    /// `start` on a venue date that is none of the followed sessions' dates: `session` (its
    /// title, on `date`) is the one start would begin.
    case wrongDay(today: LocalDate, session: SessionID, title: String, date: LocalDate)
    /// A rehearsal's clock times do not exist on `date` (a daylight-saving change that day).
    case rehearsal(date: LocalDate, problem: String)

    public var description: String {
        switch self {
        case .wrongDay(let today, let session, let title, let date):
            "today (\(today)) is not the day of session '\(session)' ('\(title)', on \(date)) — start is refused, so that no action of the real day is recorded on another date; run convene live --rehearsal to try the day on today's date"
        case .rehearsal(let date, let problem):
            "the day cannot be rehearsed on \(date): \(problem) — rehearse it on another day"
        case .state(let problem):
            "the live day cannot be followed: \(problem)"
        case .replay(let store, let index, let count, let problem):
            "action \(index) of the \(count) recorded in \(store) no longer applies to the agenda (\(problem)) — undo the change to the agenda, or give another event store with --state to start the day afresh"
        }
    }
}

/// One live day: the agenda's timeline, the event store that records the moderator's actions,
/// and the tokens of the views. The state everyone sees is the store's: every action is
/// recorded in one transaction that replays what is recorded and applies the new action to it
/// (``record(_:)``), and every reading replays the store (``state()``).
public final class LiveDay: Sendable {
    /// The agenda's timeline as planned, before any session was moved during the day.
    public let plannedTimeline: Timeline
    public let zones: ZoneDirectory
    public let store: EventStore
    /// The sessions followed, as the store names them (empty for the whole agenda); a
    /// rehearsal's key starts with `@rehearsal` and its date (``rehearsalKey(date:room:)``).
    public let room: String
    /// The venue date a rehearsal runs the day on (the plan's clock times on that date); `nil`
    /// for the real day.
    public let rehearsal: LocalDate?
    /// The live state before any action, as the agenda plans the day (on today's date for a
    /// rehearsal).
    public let initial: LiveState
    /// The sessions followed (`nil`: every scheduled session) and the shortest break.
    let sessions: [SessionID]?
    let minimumBreak: Int
    /// The hour the venue must be empty, if the organisers gave one.
    public let venueEnd: Instant?
    /// When the stage timer warns and shows danger.
    public let thresholds: TimerThresholds
    /// The secret part of the console's address.
    public let consoleToken: String
    /// The secret part of each online speaker's address.
    public let speakerTokens: [PersonID: String]
    /// The secret part of the door's address: it checks people in, and does nothing else.
    public let doorToken: String
    /// The sessions followed, in time order: those the door and the console check people in for.
    public let checkInSessions: [TimedSession]
    /// The language the console, the board and the timer are in unless a view asks for another.
    public let language: SheetLanguage
    /// The clock actions are recorded by.
    let clock: @Sendable () -> Instant
    private let cache = Locked<(id: Int64, state: LiveState, timeline: Timeline)?>(nil)
    private let moved = Locked<(moves: [SessionMove], timeline: Timeline, initial: LiveState)?>(nil)
    private let views = Locked<[ViewKey: DisclosedTimeline]>([:])

    struct ViewKey: Hashable {
        var audience: Audience
        var language: SheetLanguage
        var reader: PersonID?
        /// The sessions moved and by how much.
        var moves: [String]
    }

    /// The timeline as the live day has it: the agenda's, with the sessions moved during the
    /// day (``move(_:minutes:later:)``) at their new times; as of the last ``state()``.
    public var timeline: Timeline { cache.value?.timeline ?? plannedTimeline }

    /// The live day of `timeline`, recorded in `store`. `sessions` limits it to the sessions
    /// held in one room (by default every scheduled session, which must not overlap). The
    /// tokens are read from the store, or made (``LiveToken/random()``) and stored the first
    /// time. The recorded actions are replayed once here, so that a store that no longer fits
    /// the agenda is said at once.
    ///
    /// With `rehearsal`, the followed sessions are moved to today's venue date (the day's
    /// clock times kept, a later day of the plan as many days after it), and the actions are
    /// recorded under a key of their own for today (``rehearsalKey(date:room:)``), which
    /// `report --actual` and the real day never read.
    public init(timeline: Timeline, zones: ZoneDirectory, store: EventStore, sessions: [SessionID]? = nil,
                minimumBreak: Int = 10, venueEnd: Instant? = nil, thresholds: TimerThresholds = TimerThresholds(), rehearsal: Bool = false,
                clock: @escaping @Sendable () -> Instant = { Instant(seconds: Int64(Date().timeIntervalSince1970)) }) throws {
        self.thresholds = thresholds
        self.zones = zones
        self.store = store
        self.sessions = sessions
        self.minimumBreak = minimumBreak
        let room = sessions.map { $0.map(\.rawValue).sorted().joined(separator: " ") } ?? ""
        var timeline = timeline
        var planned: LiveState
        do {
            planned = try LiveState(timeline: timeline, zones: zones, sessions: sessions, minimumBreak: minimumBreak)
        } catch {
            throw LiveDayError.state(error)
        }
        if rehearsal {
            let today = try zones.zonedTime(clock(), in: timeline.agenda.timeZone).date
            timeline = try Self.moved(timeline, following: Set(planned.items.map(\.session)), to: today, zones: zones)
            do {
                planned = try LiveState(timeline: timeline, zones: zones, sessions: sessions, minimumBreak: minimumBreak)
            } catch {
                throw LiveDayError.state(error)
            }
            self.rehearsal = today
            self.room = Self.rehearsalKey(date: today, room: room)
        } else {
            self.rehearsal = nil
            self.room = room
        }
        plannedTimeline = timeline
        initial = planned
        self.venueEnd = venueEnd
        self.clock = clock
        language = SheetLanguage.preferred(in: timeline.agenda.languages)
        let followed = Set(initial.items.map(\.session))
        let holders = timeline.sessions.filter { followed.contains($0.id) }.reduce(into: Set<PersonID>()) { $0.formUnion($1.roles.holders) }
        let speakers = timeline.agenda.people.filter { $0.attendance == .online && holders.contains($0.id) }.map(\.id)
        let tokens = try store.liveTokens([.console, .door] + speakers.map { .speaker($0) }, room: room,
                                          at: Int64(Date().timeIntervalSince1970), make: LiveToken.random)
        consoleToken = tokens[.console] ?? LiveToken.random()
        doorToken = tokens[.door] ?? LiveToken.random()
        checkInSessions = timeline.sessionsInTimeOrder.filter { followed.contains($0.id) }
        var speakerTokens: [PersonID: String] = [:]
        for id in speakers { speakerTokens[id] = tokens[.speaker(id)] }
        self.speakerTokens = speakerTokens
        _ = try state()
    }

    /// The store's key for a rehearsal on `date` of the sessions `room` names: `@` is in no
    /// session id, so no real day's key is ever one.
    public static func rehearsalKey(date: LocalDate, room: String) -> String {
        "@rehearsal \(date)" + (room.isEmpty ? "" : " " + room)
    }

    /// `timeline` with every session moved by the days from the first of `followed` to `today`,
    /// its clock times kept: resolved again, so that each boundary is that clock time on its
    /// new date in the venue's zone.
    static func moved(_ timeline: Timeline, following followed: Set<SessionID>, to today: LocalDate, zones: ZoneDirectory) throws -> Timeline {
        let first = timeline.sessions.filter { followed.contains($0.id) }.compactMap(\.session.date).min()
        guard let first else { return timeline }
        let days = today.daysSinceEpoch - first.daysSinceEpoch
        var agenda = timeline.agenda
        for index in agenda.sessions.indices {
            agenda.sessions[index].date = agenda.sessions[index].date?.adding(days: days)
        }
        let (moved, diagnostics) = Resolver(zones: zones).resolve(agenda, sourceMap: SourceMap())
        if let problem = diagnostics.errors.first {
            throw LiveDayError.rehearsal(date: today, problem: problem.message)
        }
        return moved
    }

    /// Why `start` may not be pressed now: today's venue date is none of the followed
    /// sessions' dates (a session running past midnight has both), and this is no rehearsal.
    /// `nil` when it may.
    public func wrongDay(at now: Instant, in state: LiveState) -> LiveDayError? {
        guard rehearsal == nil, let today = try? zones.zonedTime(now, in: timeline.agenda.timeZone).date else { return nil }
        let followed = Set(initial.items.map(\.session))
        let sessions = timeline.sessionsInTimeOrder.filter { followed.contains($0.id) }
        var dates = Set<LocalDate>()
        for timed in sessions {
            for instant in [timed.start, timed.end] {
                if let date = try? zones.zonedTime(instant, in: timeline.agenda.timeZone).date { dates.insert(date) }
            }
        }
        guard !dates.contains(today) else { return nil }
        // The session start would begin, else the next one to come, else the last.
        let upcoming = (try? state.projection(now: now, venueEnd: venueEnd))?.upNext.map { state.items[$0].session }
        guard let shown = sessions.first(where: { $0.id == upcoming }) ?? sessions.first(where: { ($0.session.date ?? today) >= today }) ?? sessions.last,
              let date = shown.session.date else { return nil }
        return .wrongDay(today: today, session: shown.id, title: shown.session.title, date: date)
    }

    /// The online speakers who have a page, in agenda order.
    public var speakers: [Person] {
        timeline.agenda.people.filter { speakerTokens[$0.id] != nil }
    }

    /// Who `token` lets in: none is the public; an unknown token lets nobody in (`nil`).
    public func viewer(for token: String?) -> LiveViewer? {
        guard let token, !token.isEmpty else { return .board }
        if LiveToken.same(token, consoleToken) { return .console }
        var found: LiveViewer?
        // Every token is compared, so the time taken says nothing about which one matched.
        for (id, candidate) in speakerTokens where LiveToken.same(token, candidate) { found = .speaker(id) }
        return found
    }

    /// Whether `token` may check people in: the door's or the console's.
    public func mayCheckIn(_ token: String?) -> Bool {
        guard let token, !token.isEmpty else { return false }
        // Both are compared, so the time taken says nothing about which one matched.
        let door = LiveToken.same(token, doorToken), console = LiveToken.same(token, consoleToken)
        return door || console
    }

    /// Who has been marked present so far, in every session of the event.
    public func checkIn() throws -> CheckIn {
        try store.checkIn()
    }

    /// Marks `person` present (or not) in `session` now; refused with a ``CheckInError`` for
    /// a session not followed here or a person not on its list.
    @discardableResult
    public func checkIn(_ person: PersonID, session: SessionID, present: Bool) throws -> CheckIn {
        try CheckIn.check(person: person, session: session, among: checkInSessions, agenda: timeline.agenda)
        return try store.recordCheckIn(CheckInMark(session: session, person: person, present: present, at: clock()),
                                       recordedAt: Int64(Date().timeIntervalSince1970))
    }

    /// Sets the count of unlisted attendees of `gender` in `session`; with `expected`, only
    /// if no other device has changed it since (``CheckInError/unlistedChanged(_:_:expected:found:)``).
    @discardableResult
    public func setUnlisted(_ count: Int, gender: Gender, session: SessionID, expected: Int?) throws -> CheckIn {
        guard checkInSessions.contains(where: { $0.id == session }) else { throw CheckInError.unknownSession(session, known: checkInSessions.map(\.id)) }
        return try store.recordUnlisted(UnlistedCount(session: session, gender: gender, count: count, at: clock()), expected: expected,
                                        recordedAt: Int64(Date().timeIntervalSince1970))
    }

    /// The live state as the event store holds it now.
    public func state() throws -> LiveState {
        let last = try store.lastLiveAction(room: room)
        if let cached = cache.value, cached.id == last { return cached.state }
        let events = try store.liveEvents(room: room)
        let state = try replay(events)
        cache.value = (last, state, try start(for: SessionMove.moves(in: events)).timeline)
        return state
    }

    /// The timeline with `moves` applied and the live state made from it, before any action.
    func start(for moves: [SessionMove]) throws(LiveDayError) -> (timeline: Timeline, initial: LiveState) {
        guard !moves.isEmpty else { return (plannedTimeline, initial) }
        if let known = moved.value, known.moves == moves { return (known.timeline, known.initial) }
        let timeline = plannedTimeline.moving(moves)
        let state: LiveState
        do {
            state = try LiveState(timeline: timeline, zones: zones, sessions: sessions, minimumBreak: minimumBreak)
        } catch {
            throw .state(error)
        }
        moved.value = (moves, timeline, state)
        return (timeline, state)
    }

    /// The state after `events`, or why they no longer apply: made from the timeline with the
    /// sessions they move at their new times.
    func replay(_ events: [LiveEvent]) throws(LiveDayError) -> LiveState {
        var state = try start(for: SessionMove.moves(in: events)).initial
        for (index, event) in events.enumerated() {
            do {
                state = try state.applying(event.action, at: event.at)
            } catch {
                throw .replay(store: store.path, index: index + 1, count: events.count, problem: error)
            }
        }
        return state
    }

    /// Records `action` now, in one transaction of the event store: the state the store holds
    /// (with whatever another process recorded) and the action applied to it. An action the
    /// state refuses throws its ``LiveError`` and records nothing.
    @discardableResult
    public func record(_ action: LiveAction) throws -> LiveState {
        let recorded = Int64(Date().timeIntervalSince1970)
        let state = try store.recordLive(room: room, at: recorded) { events in
            let before = try replay(events)
            let now = max(clock(), before.lastAction ?? clock())
            if action == .start, let wrong = wrongDay(at: now, in: before) { throw wrong }
            let after = try before.applying(action, at: now)
            return ([LiveEvent(action: action, at: now)], after)
        }
        cache.value = nil
        return state
    }

    /// Moves `session` by `minutes` of real time (negative: earlier), with every later session
    /// of the day followed when `later`, in one transaction as ``record(_:)`` records an
    /// action: refused with a ``LiveError`` when the state does not allow it
    /// (``LiveState/moves(of:minutes:later:at:)``). Then the calendars the moved timeline makes
    /// are recorded in the event store, as `convene ics` records them, so that `convene status`
    /// lists the updates that wait to be sent; were that to fail, the next `convene send`
    /// records them before it sends.
    @discardableResult
    public func move(_ session: SessionID, minutes: Int, later: Bool = false) throws -> LiveState {
        try recordMoves { state, now throws(LiveError) in try state.moves(of: session, minutes: minutes, later: later, at: now) }
    }

    /// Carries the day's projected delay into the invitations of its sessions still to start
    /// (``LiveState/carriedMoves(at:)``), recorded as ``move(_:minutes:later:)`` records a move.
    @discardableResult
    public func carryDelay() throws -> LiveState {
        try recordMoves { state, now throws(LiveError) in try state.carriedMoves(at: now) }
    }

    /// Records the moves `make` gives for the state the store holds, now, in one transaction;
    /// then the calendars of the moved timeline.
    private func recordMoves(_ make: (LiveState, Instant) throws(LiveError) -> [LiveAction]) throws -> LiveState {
        let recorded = Int64(Date().timeIntervalSince1970)
        let state = try store.recordLive(room: room, at: recorded) { events in
            let before = try replay(events)
            let now = max(clock(), before.lastAction ?? clock())
            let added = try make(before, now).map { LiveEvent(action: $0, at: now) }
            return (added, try replay(events + added))
        }
        cache.value = nil
        _ = try? self.state()
        if timeline.agenda.organizer?.email != nil,
           let draft = try? CalendarOutputs.draft(timeline: timeline, zones: zones, stamp: recorded) {
            _ = try? store.record(draft.entries, at: recorded)
        }
        return state
    }

    /// The current instant of the day's clock.
    public var now: Instant { clock() }

    /// The timeline as `audience` reads it in `language` (for `reader`, who sees herself).
    func view(_ audience: Audience, language: SheetLanguage, reader: PersonID? = nil) -> DisclosedTimeline {
        let timeline = timeline
        let key = ViewKey(audience: audience, language: language, reader: reader, moves: timeline.movedSessions.map { "\($0.id) \($0.moved)" })
        if let known = views.value[key] { return known }
        let made = DisclosedTimeline(timeline.localized(to: language.rawValue), audience: audience, reader: reader)
        views.withValue { $0[key] = made }
        return made
    }
}

/// A value shared between tasks, behind a lock.
final class Locked<Value>: @unchecked Sendable {
    private var stored: Value
    private let lock = NSLock()

    init(_ value: Value) { stored = value }

    var value: Value {
        get { lock.lock(); defer { lock.unlock() }; return stored }
        set { lock.lock(); stored = newValue; lock.unlock() }
    }

    func withValue<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock(); defer { lock.unlock() }
        return try body(&stored)
    }
}
