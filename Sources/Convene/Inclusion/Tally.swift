/// People (or minutes) counted by gender. Every person counts in ``total``, those whose gender
/// is undisclosed included, so ``womenShare`` is women / everyone counted.
public struct GenderCount: Sendable, Equatable {
    public var women = 0
    public var men = 0
    public var nonBinary = 0
    public var undisclosed = 0

    /// A count with these numbers.
    public init(women: Int = 0, men: Int = 0, nonBinary: Int = 0, undisclosed: Int = 0) {
        self.women = women
        self.men = men
        self.nonBinary = nonBinary
        self.undisclosed = undisclosed
    }

    /// Everyone counted, undisclosed genders included.
    public var total: Int { women + men + nonBinary + undisclosed }

    /// Those whose gender the agenda records (anything but `undisclosed`).
    public var disclosed: Int { women + men + nonBinary }

    /// Women / total; `nil` when nobody is counted.
    public var womenShare: Double? { total == 0 ? nil : Double(women) / Double(total) }

    /// The count for one gender.
    public subscript(gender: Gender) -> Int {
        get {
            switch gender {
            case .woman: women
            case .man: men
            case .nonBinary: nonBinary
            case .undisclosed: undisclosed
            }
        }
        set {
            switch gender {
            case .woman: women = newValue
            case .man: men = newValue
            case .nonBinary: nonBinary = newValue
            case .undisclosed: undisclosed = newValue
            }
        }
    }

    /// The people among `people`, by gender.
    public init(_ people: [Person]) {
        for person in people { self[person.gender] += 1 }
    }
}

/// People counted by category (sector, attendance, language), in the report's order.
public struct Breakdown: Sendable, Equatable {
    /// One category and how many people fall in it.
    public struct Entry: Sendable, Equatable {
        /// The key in JSON: `civil_society`, `online`, `uk`.
        public var key: String
        public var count: Int
    }

    /// The people counted. A person may fall in several categories (languages) or in none
    /// that is listed.
    public var total: Int
    public var entries: [Entry]

    /// The count for `key`, zero when it is not listed.
    public func count(_ key: String) -> Int { entries.first { $0.key == key }?.count ?? 0 }

    /// The people by sector: every sector in the format's order, then `unspecified`.
    static func sectors(_ people: [Person]) -> Breakdown {
        var counts: [String: Int] = [:]
        for person in people { counts[person.sector?.rawValue ?? "", default: 0] += 1 }
        var entries = Sector.allCases.map { Entry(key: jsonKey($0.rawValue), count: counts[$0.rawValue] ?? 0) }
        entries.append(Entry(key: "unspecified", count: counts[""] ?? 0))
        return Breakdown(total: people.count, entries: entries)
    }

    /// The people by attendance: in person, online.
    static func attendance(_ people: [Person]) -> Breakdown {
        Breakdown(total: people.count, entries: Attendance.allCases.map { mode in
            Entry(key: jsonKey(mode.rawValue), count: people.filter { $0.attendance == mode }.count)
        })
    }

    /// The people by the languages they speak, most spoken first (then by name); a person
    /// counts once under each language they list. People who list none are not in `entries`.
    static func languages(_ people: [Person]) -> Breakdown {
        var counts: [String: Int] = [:]
        for person in people {
            for language in Set(person.languages.map(\.trimmingSpaces).filter { !$0.isEmpty }) { counts[language, default: 0] += 1 }
        }
        let entries = counts.map { Entry(key: $0.key, count: $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.key < $1.key }
        return Breakdown(total: people.count, entries: entries)
    }

    /// A word of the format as a JSON key: `civil-society` becomes `civil_society`.
    static func jsonKey(_ word: String) -> String {
        word.replacingOccurrences(of: "-", with: "_")
    }
}
