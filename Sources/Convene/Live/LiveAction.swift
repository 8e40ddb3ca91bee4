/// What the moderator (or the tech desk) does during the live day. Each action is applied to a
/// ``LiveState`` at the instant it happened, with ``LiveState/applying(_:at:)``.
public enum LiveAction: Sendable, Equatable, Hashable {
    /// Starts the next segment that has not run, when none is running: the first of the day,
    /// or the first of a session after the previous session ended.
    case start
    /// Ends the running segment and starts the next one of the same session; after the last
    /// segment of a session, nothing runs until ``start``.
    case next
    /// Undoes the last `start` or `next`: the running segment goes back to not started and
    /// the one that `next` ended (if any) runs again.
    case previous
    /// Stops the running segment's clock (and the turn's).
    case pause
    /// Starts it again.
    case resume
    /// Lengthens the running segment by this many minutes.
    case addMinutes(Int)
    /// Shortens the running segment by this many minutes.
    case removeMinutes(Int)
    /// Leaves out the next segment that has not started: it takes no time.
    case skip
    /// Gives the floor to this person in the running segment.
    case startTurn(PersonID)
    /// Ends this person's turn.
    case endTurn(PersonID)
    /// Shortens the running break, or else the next break, by this many minutes, never below
    /// the state's minimum break.
    case shortenBreak(minutes: Int)
    /// Shows this line to the speaker on the stage timer ("Please wrap up"); an empty line
    /// clears it. Changes no time.
    case message(String)
    /// Moves a session that has not started by this many minutes of real time (negative:
    /// earlier), for its invitations to be sent again (``SessionMove``). Made, and checked,
    /// by ``LiveState/moves(of:minutes:later:at:)``; applying one changes no segment's
    /// record: the state is made from the timeline with the moves applied.
    case moveSession(SessionID, minutes: Int)
}

/// An action as it was applied, and when.
public struct LiveEvent: Sendable, Equatable {
    public var action: LiveAction
    public var at: Instant

    public init(action: LiveAction, at: Instant) {
        self.action = action
        self.at = at
    }
}

/// Why a live state cannot be made, or an action cannot be applied to it.
public enum LiveError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A session named for the live day is not a scheduled session of the timeline.
    case unknownSession(SessionID)
    /// Two sessions of the live day overlap: one live state follows one room.
    case overlappingSessions(SessionID, SessionID)
    /// The minimum break is less than one minute.
    case invalidMinimumBreak(Int)
    /// An action at an instant earlier than the last one applied.
    case outOfOrder(at: Instant, last: Instant)
    /// `start` while a segment runs.
    case alreadyRunning(title: String)
    /// An action that needs a running segment, while none runs; `next` names the segment
    /// `start` would begin, if any.
    case nothingRunning(next: String?)
    /// `start` or `next` when every segment has run or been skipped; names the last one.
    case dayOver(last: String?)
    /// `previous` before any segment has run.
    case nothingToGoBack
    /// `pause` while paused.
    case alreadyPaused(title: String)
    /// `resume` while not paused.
    case notPaused(title: String)
    /// A count of minutes that is zero or negative.
    case notPositive(minutes: Int)
    /// `removeMinutes` that would leave the segment less than a minute.
    case cannotRemove(title: String, minutes: Int, length: Int)
    /// Shortening a break below the minimum.
    case breakBelowMinimum(title: String, length: Int, minutes: Int, minimum: Int)
    /// `skip` on a break.
    case breakCannotBeSkipped(title: String)
    /// `skip` when no segment is left to skip.
    case nothingToSkip
    /// `shortenBreak` when no break runs or is left.
    case noBreakToShorten
    /// A person the agenda does not list.
    case unknownPerson(PersonID)
    /// A turn for someone who does not take part in the running segment's session.
    case notInSession(PersonID, session: SessionID)
    /// `startTurn` while someone has the floor.
    case turnOpen(PersonID)
    /// `endTurn` for someone without a turn; `open` is who has the floor, if anyone.
    case noTurn(PersonID, open: PersonID?)
    /// `moveSession` of a session the live day does not follow.
    case notFollowed(SessionID)
    /// `moveSession` by zero minutes.
    case zeroMove
    /// `moveSession` of a session that has started (its times are what happened).
    case sessionStarted(SessionID)
    /// `moveSession` that would have a session start before now.
    case moveIntoPast(SessionID, minutes: Int)
    /// `carryDelay` when no session of the day still to start is late.
    case nothingToCarry
    /// `moveSession` that would make a session overlap, or pass, another of the live day
    /// (`before` it, or after it).
    case moveOverlaps(SessionID, other: SessionID, before: Bool)

    public var description: String {
        switch self {
        case .unknownSession(let id):
            "'\(id)' is not a scheduled session of the agenda — name a session that has a date and a start"
        case .overlappingSessions(let first, let second):
            "sessions '\(first)' and '\(second)' overlap — a live day follows one room: give the sessions held in one room"
        case .invalidMinimumBreak(let minutes):
            "a minimum break of \(minutes) minutes is not possible — give at least 1 minute"
        case .outOfOrder(let at, let last):
            "an action at \(at) comes before the last one, at \(last) — apply actions in the order they happened"
        case .alreadyRunning(let title):
            "'\(title)' is running — use next to end it and start the next segment"
        case .nothingRunning(let next):
            if let next { "no segment is running — use start to begin '\(next)'" } else { "no segment is running, and none is left" }
        case .dayOver(let last):
            if let last { "every segment has run or been skipped; '\(last)' was the last — nothing is left to start" } else { "the live day has no segments" }
        case .nothingToGoBack:
            "no segment has run yet — there is nothing to go back to"
        case .alreadyPaused(let title):
            "'\(title)' is already paused — use resume"
        case .notPaused(let title):
            "'\(title)' is not paused — use pause first"
        case .notPositive(let minutes):
            "\(minutes) is not a number of minutes to add or take away — give 1 or more"
        case .cannotRemove(let title, let minutes, let length):
            "'\(title)' lasts \(Minutes(max(length, 1))); taking away \(minutes) minutes would leave nothing — take away at most \(max(length - 1, 0))"
        case .breakBelowMinimum(let title, let length, let minutes, let minimum):
            "'\(title)' lasts \(Minutes(max(length, 1))); shortening it by \(minutes) minutes would leave less than the minimum break of \(Minutes(minimum)) — shorten it by at most \(max(length - minimum, 0)) minutes"
        case .breakCannotBeSkipped(let title):
            "'\(title)' is a break and cannot be skipped — shorten it with shortenBreak instead, to no less than the minimum break"
        case .nothingToSkip:
            "no segment is left to skip"
        case .noBreakToShorten:
            "no break is running or left to shorten"
        case .unknownPerson(let id):
            "the agenda lists no person '\(id)'"
        case .notInSession(let id, let session):
            "'\(id)' does not take part in session '\(session)' — give the floor to one of its participants"
        case .turnOpen(let id):
            "'\(id)' has the floor — end their turn first"
        case .noTurn(let id, let open):
            if let open { "'\(id)' has no turn running; '\(open)' has the floor" } else { "'\(id)' has no turn running" }
        case .notFollowed(let id):
            "'\(id)' is not a session of this live day — move one of the sessions it follows"
        case .zeroMove:
            "a move of 0 minutes moves nothing — give the minutes to move by, negative for earlier"
        case .sessionStarted(let id):
            "session '\(id)' has started: its times are what happened and cannot be moved — move a later session"
        case .moveIntoPast(let id, let minutes):
            "moving session '\(id)' by \(minutes) minutes would have it start before now — move it by fewer minutes"
        case .nothingToCarry:
            "no session of the day still to start is projected to start late — there is no delay to carry into the invitations"
        case .moveOverlaps(let id, let other, let before):
            before
                ? "moving session '\(id)' would make it run into session '\(other)', before it — move it by fewer minutes"
                : "moving session '\(id)' would make it run into or past session '\(other)' of this live day — move the sessions after it too (\"later\": true), or by fewer minutes"
        }
    }
}
