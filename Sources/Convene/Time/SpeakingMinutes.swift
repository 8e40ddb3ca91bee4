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

/// When an online speaker's connection and audio are checked: 15 minutes before the first
/// segment in which they have the floor in a session, and again before a later one that
/// starts an hour or more after their previous one ended (they may have left the call).
public struct TechCheck: Sendable, Equatable {
    public var person: String
    public var at: Instant
    /// The segment the check prepares, by index in its session.
    public var segment: Int

    /// Minutes before a segment that an online speaker's check is held.
    public static let lead = 15
    /// A pause after which an online speaker is checked again.
    public static let rejoinAfter = 60

    /// The checks of the online people who have the floor in `session`, in time order.
    public static func checks(in session: TimedSession, online: Set<String>) -> [TechCheck] {
        var checks: [TechCheck] = []
        var lastEnd: [String: Instant] = [:]
        for segment in session.segments {
            var holders = segment.segment.speakers
            if let moderator = segment.segment.moderator ?? session.session.moderator { holders.append(moderator) }
            for person in holders where online.contains(person) {
                if lastEnd[person].map({ $0.minutes(until: segment.start) >= rejoinAfter }) ?? true {
                    if !checks.contains(where: { $0.person == person && $0.segment == segment.index }) {
                        checks.append(TechCheck(person: person, at: segment.start.adding(minutes: -lead), segment: segment.index))
                    }
                }
                lastEnd[person] = segment.end
            }
        }
        return checks.sorted { ($0.at, $0.segment) < ($1.at, $1.segment) }
    }
}
