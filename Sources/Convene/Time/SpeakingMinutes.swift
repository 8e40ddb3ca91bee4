extension TimedSegment {
    /// The planned speaking minutes of each speaker, in the order of `speakers` (each once,
    /// the segment's moderator left out: a moderator is not one of the speakers): the time the
    /// agenda gives a speaker (`speaking:`), and for the others an even share of what is left
    /// of the segment's real length (the first speakers get the odd minutes).
    public var speakingMinutes: [(person: String, minutes: Int)] {
        speakingMinutes(excluding: segment.moderator)
    }

    /// The planned speaking minutes, leaving out `moderator` (the session's moderator, for a
    /// segment that has none of its own).
    public func speakingMinutes(excluding moderator: String?) -> [(person: String, minutes: Int)] {
        var seen = Set<String>()
        let speakers = segment.speakers.filter { $0 != moderator && seen.insert($0).inserted }
        guard !speakers.isEmpty else { return [] }
        let given = Dictionary(segment.speakingTimes.map { ($0.person, $0.minutes.value) }, uniquingKeysWith: { first, _ in first })
        let others = speakers.filter { given[$0] == nil }
        let left = max(start.minutes(until: end) - speakers.compactMap { given[$0] }.reduce(0, +), 0)
        var share: [String: Int] = [:]
        for (position, id) in others.enumerated() {
            share[id] = left / others.count + (position < left % others.count ? 1 : 0)
        }
        return speakers.map { ($0, given[$0] ?? share[$0] ?? 0) }
    }

    /// Whether `person` has the floor in this segment: as a speaker or as its own moderator.
    public func gives(theFloorTo person: String) -> Bool {
        segment.speakers.contains(person) || segment.moderator == person
    }
}
