/// Where the segments of one session lie, in wall-clock minutes from the session's start:
/// what the validator works out once and the resolver turns into instants.
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
}
