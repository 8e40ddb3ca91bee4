/// When an online person's connection and audio are checked: ``lead`` minutes before the
/// first segment in which they talk in a session (holding the floor or moderating it), and
/// again before a later one that starts ``rejoinAfter`` minutes or more after their previous
/// one ended (they may have left the call).
///
/// The run-of-show prints these checks, the briefing gives them in the speaker's own time, and
/// the invite's alarm rings at the first of them: one definition, one moment.
public struct TechCheck: Sendable, Equatable {
    public var person: PersonID
    public var at: Instant
    /// The segment the check prepares, by index in its session.
    public var segment: Int

    /// Minutes before a segment that an online speaker's check is held.
    public static let lead = 15
    /// A pause after which an online speaker is checked again.
    public static let rejoinAfter = 60

    /// The checks of the `online` people who talk in `segments`, in time order.
    static func checks(in segments: [TimedSegment], roles: [SegmentRoles], online: Set<PersonID>) -> [TechCheck] {
        var checks: [TechCheck] = []
        var lastEnd: [PersonID: Instant] = [:]
        for segment in segments {
            guard let segmentRoles = roles.first(where: { $0.index == segment.index }) else { continue }
            for person in segmentRoles.holders where online.contains(person) {
                if lastEnd[person].map({ $0.minutes(until: segment.start) >= rejoinAfter }) ?? true {
                    checks.append(TechCheck(person: person, at: segment.start.adding(minutes: -lead), segment: segment.index))
                }
                lastEnd[person] = segment.end
            }
        }
        return checks.sorted { ($0.at, $0.segment) < ($1.at, $1.segment) }
    }
}
