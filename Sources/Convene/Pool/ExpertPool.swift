/// The people of one or more rosters, searched for candidates: women mediators who speak
/// English to complete an all-male panel, a 1325 coalition member from Kharkiv, experts free
/// at a given moment in their own zone.
///
/// The pool names everyone it finds, whatever their visibility: it is an organiser's tool,
/// and its output is not for forwarding.
public struct ExpertPool: Sendable {
    /// A roster in the pool, with how messages name its file.
    public struct Member: Sendable {
        public var name: String
        public var roster: Roster

        /// The roster read from the file that messages call `name`.
        public init(name: String, roster: Roster) {
            self.name = name
            self.roster = roster
        }
    }

    /// What to look for. Every filter given must match; a filter given several times must
    /// match every time (`--language uk --language en`: people who speak both).
    public struct Query: Sendable, Equatable {
        /// Words that must appear in one of the person's `expertise` entries (any case).
        public var expertise: [String] = []
        /// Language codes the person must list, exactly (any case); a language Convene prints
        /// in may be given by its name too (`dari` finds `fa-AF`), and Dari as `prs`.
        public var languages: [String] = []
        /// Words that must appear in the person's `region` (any case).
        public var regions: [String] = []
        /// Words that must appear in one of the person's `networks` (any case).
        public var networks: [String] = []
        /// Words that must appear in one of the person's `trainings` (any case).
        public var trainings: [String] = []
        /// Only people whose gender is `woman`.
        public var womenOnly = false
        /// When given, the stretch of time people should be free in: within their working
        /// hours, on one of their working days, in their own zone.
        public var window: PoolWindow?

        /// A query with no filters: everyone.
        public init() {}
    }

    /// Someone who matches, with how the window looks to them when one was given.
    public struct Candidate: Sendable {
        public var expert: Expert
        /// The name of the roster the person is in.
        public var roster: String
        /// The window in the person's own zone, with its flags.
        public var local: LocalView?
    }

    /// What a search found.
    public struct Result: Sendable {
        public var query: Query
        /// The rosters searched, by name.
        public var rosters: [String]
        /// How many people the rosters hold.
        public var total: Int
        /// The tz database release the local times come from.
        public var tzdata: String
        /// People who match and, when a window was given, are free in it; in roster order.
        public var candidates: [Candidate]
        /// People who match but for whom the window falls outside their working hours or on a
        /// day they do not work; in roster order.
        public var unavailable: [Candidate]
    }

    public let members: [Member]
    public let zones: ZoneDirectory

    /// A pool of the people in `members`, in that order.
    public init(_ members: [Member], zones: ZoneDirectory) {
        self.members = members
        self.zones = zones
    }

    /// The people who match `query`.
    public func search(_ query: Query) throws -> Result {
        let resolver = Resolver(zones: zones)
        var candidates: [Candidate] = [], unavailable: [Candidate] = []
        for member in members {
            for expert in member.roster.people where Self.matches(expert, query) {
                var candidate = Candidate(expert: expert, roster: member.name)
                if let window = query.window {
                    let zone = expert.person.timeZone ?? member.roster.timeZone ?? "UTC"
                    let view = try resolver.localView(of: expert.person, in: zone, from: window.start, to: window.end, venueDate: window.localStart.date)
                    candidate.local = view
                    if view.flags.contains(.outsideWorkingHours) || view.flags.contains(.notAWorkingDay) {
                        unavailable.append(candidate)
                        continue
                    }
                }
                candidates.append(candidate)
            }
        }
        return Result(query: query, rosters: members.map(\.name), total: members.reduce(0) { $0 + $1.roster.people.count },
                      tzdata: zones.version, candidates: candidates, unavailable: unavailable)
    }

    /// Whether `expert` passes every filter of `query` but the window.
    public static func matches(_ expert: Expert, _ query: Query) -> Bool {
        func contains(_ haystack: [String], _ needle: String) -> Bool {
            let needle = needle.lowercased()
            return haystack.contains { $0.lowercased().contains(needle) }
        }
        // Dari has two codes, and a roster may still hold a name where no warning was read.
        func key(_ language: String) -> String {
            (SheetLanguage(name: language)?.rawValue ?? (language.lowercased() == "prs" ? SheetLanguage.faAF.rawValue : language)).lowercased()
        }
        let languages = Set(expert.person.languages.map(key))
        return (!query.womenOnly || expert.person.gender == .woman)
            && query.expertise.allSatisfy { contains(expert.expertise, $0) }
            && query.languages.allSatisfy { languages.contains(key($0)) }
            && query.regions.allSatisfy { contains([expert.region].compactMap { $0 }, $0) }
            && query.networks.allSatisfy { contains(expert.networks, $0) }
            && query.trainings.allSatisfy { contains(expert.trainings, $0) }
    }
}
