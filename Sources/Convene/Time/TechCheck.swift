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
