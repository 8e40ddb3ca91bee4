/// Who does what in one segment: the moderator who applies, who holds the floor and for how
/// many planned minutes. Decided once, in ``SessionRoles``; every output reads it.
public struct SegmentRoles: Sendable, Equatable {
    /// A floor holder's planned speaking time.
    public struct FloorTime: Sendable, Equatable {
        public var person: PersonID
        public var minutes: Int
    }

    /// The segment's index within its session.
    public var index: Int
    /// The moderator who applies: the segment's own, else the session's.
    public var moderator: PersonID?
    /// Whether ``moderator`` is the segment's own rather than the session's.
    public var hasOwnModerator: Bool
    /// Who holds the floor, each once: the facilitators, then the speakers (a speaker who is
    /// the moderator is left out; a facilitator is not, since she teaches or leads it).
    public var floor: [PersonID]
    /// The planned minutes of each floor holder, in ``floor``'s order; empty while the
    /// session is unscheduled.
    public var minutes: [FloorTime]

    /// Everyone who talks in the segment: the floor, and the moderator who applies.
    public var holders: [PersonID] {
        floor + [moderator].compactMap { $0 }.filter { !floor.contains($0) }
    }

    /// Whether `person` talks in the segment, holding the floor or moderating it.
    public func involves(_ person: PersonID) -> Bool {
        floor.contains(person) || moderator == person
    }

    /// Whether the segment is `person`'s own in their briefing: they hold its floor or are
    /// its own moderator (the session's moderator is not given every segment).
    public func gives(theFloorTo person: PersonID) -> Bool {
        floor.contains(person) || (hasOwnModerator && moderator == person)
    }

    /// The planned minutes of `person`, if they hold the floor.
    public func minutes(of person: PersonID) -> Int? {
        minutes.first { $0.person == person }?.minutes
    }

    /// The floor of `segment` when `moderator` applies: facilitators, then speakers other than
    /// the moderator, each once.
    public static func floor(of segment: Segment, moderator: PersonID?) -> [PersonID] {
        var seen = Set<PersonID>()
        let facilitators = segment.facilitators.filter { seen.insert($0).inserted }
        let speakers = segment.speakers.filter { $0 != moderator && seen.insert($0).inserted }
        return facilitators + speakers
    }

    /// The planned minutes of each of `floor` in a segment of `length` minutes: the time the
    /// agenda gives someone (`speaking:`), and for the others an even share of what is left
    /// (the first get the odd minutes).
    public static func minutes(of floor: [PersonID], given times: [SpeakingTime], length: Int) -> [FloorTime] {
        guard !floor.isEmpty else { return [] }
        let given = Dictionary(times.map { ($0.person, $0.minutes.value) }, uniquingKeysWith: { first, _ in first })
        let others = floor.filter { given[$0] == nil }
        let left = max(length - floor.compactMap { given[$0] }.reduce(0, +), 0)
        var share: [PersonID: Int] = [:]
        for (position, id) in others.enumerated() {
            share[id] = left / others.count + (position < left % others.count ? 1 : 0)
        }
        return floor.map { FloorTime(person: $0, minutes: given[$0] ?? share[$0] ?? 0) }
    }
}
