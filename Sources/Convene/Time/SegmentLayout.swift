/// Where the segments of one session lie, in wall-clock minutes from the session's start.
///
/// ``of(_:)`` is the one place that turns durations and pinned `at:` times into offsets: the
/// validator calls it for its diagnostics (each ``Problem`` and ``Gap`` becomes a message at
/// its line), the resolver to turn the offsets into instants, and `convene slots` for an
/// unscheduled session's length. It is pure: the same session always lays out the same way.
public struct SegmentLayout: Sendable, Equatable {
    /// Each segment's start, in minutes after the session's start.
    public var starts: [Int]
    /// The session's length in wall-clock minutes.
    public var length: Int

    public init(starts: [Int], length: Int) {
        self.starts = starts
        self.length = length
    }

    /// Each segment's end: the next segment's start, or the session's end for the last one.
    public var ends: [Int] {
        Array(starts.dropFirst()) + (starts.isEmpty ? [] : [length])
    }

    /// Why a session's segments cannot be laid out. Offsets are minutes after its start;
    /// segments are indices in the session.
    public enum Problem: Error, Sendable, Equatable {
        /// Neither an end, a duration nor segments say how long it lasts.
        case noLength
        /// A segment is pinned with `at:`, but the session has no start.
        case pinnedWithoutStart(segment: Int)
        /// A segment is pinned before the session starts.
        case pinnedBeforeStart(segment: Int)
        /// A pinned segment starts no later than the open-ended segment before it.
        case pinnedBeforeOpenEnded(segment: Int, openEnded: Int, openStart: Int)
        /// A pinned segment starts while the segments before it still run.
        case pinnedInsidePrevious(segment: Int, pinned: Int, previousEnd: Int)
        /// A segment without duration is followed by one that is not pinned.
        case openEndedNotPinned(openEnded: Int, next: Int)
        /// The last segment has no duration and the session has no length.
        case openEndedWithoutEnd(openEnded: Int)
        /// The open-ended segment would start when the session has ended.
        case openEndedAfterEnd(openEnded: Int, start: Int)
        /// The segments run past the session's end.
        case overrun(end: Int, length: Int)
    }

    /// Minutes of the session that no segment covers: before a pinned segment, or at the end.
    public struct Gap: Sendable, Equatable {
        /// The pinned segment the gap comes before; `nil` for a gap at the session's end.
        public var before: Int?
        public var from: Int
        public var to: Int
    }

    /// The session's length from its times alone: end minus start, else its duration;
    /// `nil` when neither is given or an end is not after the start.
    public static func length(of session: Session) -> Int? {
        if let start = session.start, let end = session.end {
            let span = end.minutesSinceMidnight - start.minutesSinceMidnight
            return span > 0 ? span : nil
        }
        return session.duration?.value
    }

    /// The layout of `session`, with the gaps it leaves; or the first reason it does not fit.
    public static func of(_ session: Session) -> Result<(layout: SegmentLayout, gaps: [Gap]), Problem> {
        let length = Self.length(of: session)
        guard !session.segments.isEmpty else {
            guard let length else { return .failure(.noLength) }
            return .success((SegmentLayout(starts: [], length: length), []))
        }
        let startMinute = session.start?.minutesSinceMidnight ?? 0
        var cursor = 0, starts: [Int] = [], gaps: [Gap] = []
        var openEnded: (index: Int, start: Int)?
        for (number, segment) in session.segments.enumerated() {
            if let at = segment.at {
                guard let sessionStart = session.start else { return .failure(.pinnedWithoutStart(segment: number)) }
                var pinned = at.minutesSinceMidnight - sessionStart.minutesSinceMidnight
                // A session that runs past midnight may pin a segment after it.
                if pinned < 0, let length, startMinute + length > 1440 { pinned += 1440 }
                if pinned < 0 { return .failure(.pinnedBeforeStart(segment: number)) }
                if let open = openEnded {
                    if pinned <= open.start { return .failure(.pinnedBeforeOpenEnded(segment: number, openEnded: open.index, openStart: open.start)) }
                    openEnded = nil
                } else if pinned < cursor {
                    return .failure(.pinnedInsidePrevious(segment: number, pinned: pinned, previousEnd: cursor))
                } else if pinned > cursor {
                    gaps.append(Gap(before: number, from: cursor, to: pinned))
                }
                cursor = pinned
            } else if let open = openEnded {
                return .failure(.openEndedNotPinned(openEnded: open.index, next: number))
            }
            starts.append(cursor)
            if let duration = segment.duration {
                cursor += duration.value
            } else {
                openEnded = (number, cursor)
            }
        }
        if let open = openEnded {
            guard let length else { return .failure(.openEndedWithoutEnd(openEnded: open.index)) }
            if length <= open.start { return .failure(.openEndedAfterEnd(openEnded: open.index, start: open.start)) }
            return .success((SegmentLayout(starts: starts, length: length), gaps))
        }
        guard let length else { return .success((SegmentLayout(starts: starts, length: cursor), gaps)) }
        if cursor > length { return .failure(.overrun(end: cursor, length: length)) }
        if cursor < length { gaps.append(Gap(before: nil, from: cursor, to: length)) }
        return .success((SegmentLayout(starts: starts, length: length), gaps))
    }
}
