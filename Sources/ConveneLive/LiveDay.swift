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

    public var description: String {
        switch self {
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
    /// The sessions followed, as the store names them (empty for the whole agenda).
    public let room: String
    /// The live state before any action, as the agenda plans the day.
    public let initial: LiveState
    /// The sessions followed (`nil`: every scheduled session) and the shortest break.
    let sessions: [SessionID]?
    let minimumBreak: Int
    /// The hour the venue must be empty, if the organisers gave one.
    public let venueEnd: Instant?
    /// The secret part of the console's address.
    public let consoleToken: String
    /// The secret part of each online speaker's address.
    public let speakerTokens: [PersonID: String]
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
    public init(timeline: Timeline, zones: ZoneDirectory, store: EventStore, sessions: [SessionID]? = nil,
                minimumBreak: Int = 10, venueEnd: Instant? = nil,
                clock: @escaping @Sendable () -> Instant = { Instant(seconds: Int64(Date().timeIntervalSince1970)) }) throws {
        self.plannedTimeline = timeline
        self.zones = zones
        self.store = store
        self.sessions = sessions
        self.minimumBreak = minimumBreak
        self.room = sessions.map { $0.map(\.rawValue).sorted().joined(separator: " ") } ?? ""
        do {
            initial = try LiveState(timeline: timeline, zones: zones, sessions: sessions, minimumBreak: minimumBreak)
        } catch {
            throw LiveDayError.state(error)
        }
        self.venueEnd = venueEnd
        self.clock = clock
        language = SheetLanguage.preferred(in: timeline.agenda.languages)
        let followed = Set(initial.items.map(\.session))
        let holders = timeline.sessions.filter { followed.contains($0.id) }.reduce(into: Set<PersonID>()) { $0.formUnion($1.roles.holders) }
        let speakers = timeline.agenda.people.filter { $0.attendance == .online && holders.contains($0.id) }.map(\.id)
        let tokens = try store.liveTokens([.console] + speakers.map { .speaker($0) }, room: room,
                                          at: Int64(Date().timeIntervalSince1970), make: LiveToken.random)
        consoleToken = tokens[.console] ?? LiveToken.random()
        var speakerTokens: [PersonID: String] = [:]
        for id in speakers { speakerTokens[id] = tokens[.speaker(id)] }
        self.speakerTokens = speakerTokens
        _ = try state()
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
