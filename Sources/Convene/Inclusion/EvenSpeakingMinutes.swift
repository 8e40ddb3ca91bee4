/// The planned speaking minutes of each speaker of `segment`: the segment's real length,
/// read off its start and end instants in the ``Timeline``, split evenly between its speakers.
///
/// Speakers are taken once each, in the order the agenda lists them, leaving out the
/// segment's own moderator. When the minutes do not split evenly, the first speakers listed
/// get one minute more each, so that the minutes add up to the segment's length. A segment
/// without speakers gives nothing.
///
/// This is the one place that decides how a segment's time is shared: an agenda key that
/// gives each speaker's minutes replaces this function, not its callers.
public func speakingMinutes(of segment: TimedSegment) -> [(String, Int)] {
    var seen = Set<String>()
    let speakers = segment.segment.speakers.filter { $0 != segment.segment.moderator && seen.insert($0).inserted }
    guard !speakers.isEmpty else { return [] }
    let length = max(0, segment.start.minutes(until: segment.end))
    let share = length / speakers.count, extra = length % speakers.count
    return speakers.enumerated().map { position, id in (id, share + (position < extra ? 1 : 0)) }
}
