/// The inclusion figures of one scope (a session, a track, or the whole event), each person
/// counted once however many segments or sessions of the scope they are in.
public struct ScopeFigures: Sendable, Equatable {
    /// A panel or dialogue segment whose speakers are all women or all men.
    public struct SingleSexSegment: Sendable, Equatable {
        /// The session's index in the agenda, and the segment's in the session.
        public var session: Int
        public var segment: Int
        public var title: String
        public var kind: SegmentKind
        /// `.woman` or `.man`.
        public var gender: Gender
        public var speakers: Int
    }

    /// Languages spoken against languages interpreted.
    public struct Interpretation: Sendable, Equatable {
        /// The languages the event is interpreted into (``interpretedLanguages(in:)``).
        public var interpreted: [String]
        /// Languages the participants speak that are neither a working language of the event
        /// nor interpreted, most spoken first.
        public var spokenNotInterpreted: [String]
        /// Participants who list their languages and speak none of the working or interpreted
        /// ones; `nil` when the event lists no working language.
        public var participantsNotCovered: Int?
    }

    /// The sessions the scope covers, and how many of them are unscheduled (their speaking
    /// minutes are not counted: they have no times yet).
    public var sessions: Int
    public var unscheduledSessions: Int
    public var speakers: GenderCount
    public var moderators: GenderCount
    public var participants: GenderCount
    /// Planned speaking minutes by gender.
    public var speakingMinutes: GenderCount
    public var speakerSectors: Breakdown
    public var participantSectors: Breakdown
    public var speakerAttendance: Breakdown
    public var participantAttendance: Breakdown
    /// The participants by the languages they speak.
    public var languages: Breakdown
    /// Participants who list no language.
    public var languagesUnspecified: Int
    public var interpretation: Interpretation
    public var singleSexSegments: [SingleSexSegment]
    public var flags: [InclusionFlag]

    /// The figures of the sessions in `roles`.
    public init(_ roles: [SessionRoles], in agenda: Agenda) {
        self.init(roles, in: agenda, index: PeopleIndex(agenda))
    }

    init(_ roles: [SessionRoles], in agenda: Agenda, index: PeopleIndex) {
        let people = index.byID
        func union(_ ids: (SessionRoles) -> [PersonID]) -> [Person] {
            index.people(roles.lazy.flatMap(ids))
        }
        let speakers = union(\.speakers), participants = union(\.participants)
        var minutes = GenderCount()
        for role in roles {
            for (id, count) in role.minutes { if let person = people[id] { minutes[person.gender] += count } }
        }
        var singleSex: [SingleSexSegment] = []
        for role in roles {
            for entry in role.segments {
                let segment = role.session.segments[entry.index]
                let onFloor = entry.floor.compactMap { people[$0] }
                guard let gender = InclusionRules.singleSexGender(of: segment.kind, speakers: onFloor),
                      gender != .woman || agenda.inclusion.allWomenPanels == .flag else { continue }
                singleSex.append(SingleSexSegment(session: role.index, segment: entry.index, title: segment.title,
                                                  kind: segment.kind, gender: gender, speakers: onFloor.count))
            }
        }
        self.sessions = roles.count
        self.unscheduledSessions = roles.filter { !$0.scheduled }.count
        self.speakers = GenderCount(speakers)
        self.moderators = GenderCount(union(\.moderators))
        self.participants = GenderCount(participants)
        self.speakingMinutes = minutes
        self.speakerSectors = .sectors(speakers)
        self.participantSectors = .sectors(participants)
        self.speakerAttendance = .attendance(speakers)
        self.participantAttendance = .attendance(participants)
        self.languages = .languages(participants)
        self.languagesUnspecified = participants.filter { $0.languages.allSatisfy { $0.trimmingSpaces.isEmpty } }.count
        self.interpretation = Self.interpretation(participants, languages: languages, in: agenda)
        self.singleSexSegments = singleSex
        self.flags = InclusionRules.flags(speakers: speakers, singleSexPanel: !singleSex.isEmpty, in: agenda)
    }

    private static func interpretation(_ participants: [Person], languages: Breakdown, in agenda: Agenda) -> Interpretation {
        let interpreted = interpretedLanguages(in: agenda)
        let covered = Set((agenda.languages + interpreted).map { $0.trimmingSpaces.lowercased() })
        let notCovered = participants.filter { person in
            !person.languages.isEmpty && !person.languages.contains { covered.contains($0.trimmingSpaces.lowercased()) }
        }
        return Interpretation(
            interpreted: interpreted,
            spokenNotInterpreted: languages.entries.map(\.key).filter { !covered.contains($0.lowercased()) },
            participantsNotCovered: covered.isEmpty ? nil : notCovered.count)
    }
}
