/// The run-of-show as it happened (`convene print --sheet run-of-show --actual`): what the live
/// day recorded, segment by segment, beside the plan.
public struct ActualView: Sendable {
    public var sessions: [ActualSessionView]
    /// How late (or early) each day's last segment ended.
    public var days: [ActualDayView]
}

/// One session of the live day as it happened.
public struct ActualSessionView: Sendable {
    public var title: String
    public var date: String
    /// The session's times as its invitations last said them: "10:00–11:30".
    public var planned: String
    /// From its first segment's actual start to its last one's actual end: "10:03–11:48";
    /// `nil` when none of it ran.
    public var actualTime: String?
    /// "+30 min" when the moderator moved the session during the live day.
    public var moved: String?
    public var segments: [ActualSegmentView]
}

/// One segment as it happened.
public struct ActualSegmentView: Sendable {
    public var title: String
    public var planned: String
    /// Its actual start and end ("10:02–10:15", "10:40–" while it runs); empty when it did
    /// not run.
    public var actualTime: String
    /// Minutes the moderator added (+) or took away (−), a break's shortening included; empty when none.
    public var adjusted: String
    public var skipped: Bool
    /// It neither ran nor was skipped.
    public var notRun: Bool
    /// Each stretch its clock was stopped: "10:20–10:28 (8 min)".
    public var pauses: [String]
    /// Who had the floor, when and for how long, in order.
    public var turns: [ActualTurnView]
}

/// One turn at the floor.
public struct ActualTurnView: Sendable {
    /// As the sheet's audience may read it (``SheetBuilder/personOrRole(_:in:role:)``).
    public var name: String
    /// "10:03–10:08", or "10:03–" while it runs.
    public var time: String
    /// "5 min", its segment's pauses left out.
    public var minutes: String
}

/// How one day of the live day ended against its plan.
public struct ActualDayView: Sendable {
    public var date: String
    /// "+12 min", "−3 min", "0 min".
    public var delay: String
}

extension SheetBuilder {
    /// The run-of-show as `state` recorded it, at `now` (for what still runs): the run-of-show
    /// sheet's header, then for every session the live day followed its planned and actual
    /// times and each segment's, the minutes added or taken away, skipped segments, pauses
    /// and turns, and each day's final delay. People are named as the run-of-show names them
    /// for the sheet's audience.
    public func actualRunOfShow(_ state: LiveState, now: Instant) throws -> SheetView {
        var view = try sheet("run-of-show", title: "\(labels.runOfShow) (\(labels.asItHappened))")
        let venue = agenda.timeZone
        let projection = try state.projection(now: now)
        func clock(_ instant: Instant) throws -> String { language.clock(try zones.zonedTime(instant, in: venue)) }
        func span(_ start: Instant, _ end: Instant?) throws -> String {
            guard let end else { return try clock(start) + "–" }
            return language.span(try zones.zonedTime(start, in: venue), try zones.zonedTime(end, in: venue))
        }
        func signed(_ minutes: Int) -> String {
            (minutes > 0 ? "+" : minutes < 0 ? "−" : "") + language.minutes(abs(minutes))
        }
        var sessions: [ActualSessionView] = []
        var order: [SessionID] = []
        for item in state.items where !order.contains(item.session) { order.append(item.session) }
        for id in order {
            guard let timed = timeline.sessions.first(where: { $0.id == id }) else { continue }
            let indices = state.items.indices.filter { state.items[$0].session == id }
            var segments: [ActualSegmentView] = []
            for index in indices {
                let item = state.items[index], record = state.records[index]
                let pauses = try record.pauses.map { pause in
                    let seconds = Int((pause.end ?? now).seconds - pause.start.seconds)
                    return try span(pause.start, pause.end) + " (" + language.minutes(minutesRoundedUp(seconds)) + ")"
                }
                let turns = try state.turns.filter { $0.item == index }.map { turn in
                    ActualTurnView(name: personOrRole(turn.person, in: timed.session, role: .speaker).name,
                                   time: try span(turn.start, turn.end),
                                   minutes: language.minutes(minutesRoundedUp(state.elapsed(of: turn, now: now))))
                }
                let adjusted = record.addedMinutes - record.shortenedMinutes
                segments.append(ActualSegmentView(
                    title: line(item.title), planned: try span(item.plannedStart, item.plannedEnd),
                    actualTime: try record.start.map { try span($0, record.end) } ?? "",
                    adjusted: adjusted == 0 ? "" : signed(adjusted), skipped: record.skipped,
                    notRun: !record.skipped && record.start == nil, pauses: pauses, turns: turns))
            }
            let ran = indices.filter { state.records[$0].start != nil }
            let actualTime = try ran.first.map { first in
                try span(state.records[first].start ?? now, ran.last.flatMap { state.records[$0].end })
            }
            sessions.append(ActualSessionView(
                title: line(timed.session.title), date: language.date(try zones.zonedTime(timed.start, in: venue).date),
                planned: try span(timed.start, timed.end), actualTime: actualTime,
                moved: timed.moved == 0 ? nil : signed(timed.moved), segments: segments))
        }
        var days: [ActualDayView] = []
        for day in Array(Set(projection.items.map(\.day))).sorted() {
            let items = projection.items.filter { $0.day == day }
            guard items.contains(where: { $0.status == .done || $0.status == .running }),
                  let plannedEnd = items.map(\.plannedEnd).max(),
                  let end = items.filter({ $0.status != .skipped }).map(\.end).max() else { continue }
            days.append(ActualDayView(date: language.date(day), delay: signed(minutesRoundedUp(Int(end.seconds - plannedEnd.seconds)))))
        }
        view.actual = ActualView(sessions: sessions, days: days)
        return view
    }
}
