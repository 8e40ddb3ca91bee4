/// A CLDR plural category: which form of a phrase a number takes ("1 day", "2 days"; in
/// Ukrainian "1 день", "2 дні", "5 днів").
public enum PluralCategory: String, Sendable, CaseIterable, Hashable {
    case zero, one, two, few, many, other
}

/// A language's CLDR plural rules for whole numbers of things (days, speakers): the first
/// category whose rule holds, else `other`.
///
/// Each rule is a list of alternatives, each a list of conditions that must all hold; a
/// condition tests the number, or its remainder by a modulus, against ranges. The rules are
/// CLDR's with the operands only fractions have (v, f, t, e …) set to zero, as
/// scripts/cldr-data.py writes them.
public struct PluralRules: Sendable {
    /// `mod 10 in 2...4`, `not in 12...14`.
    public struct Condition: Sendable {
        public var modulus: Int?
        public var ranges: [ClosedRange<Int>]
        public var negated: Bool

        public init(mod modulus: Int?, in ranges: [ClosedRange<Int>], negated: Bool = false) {
            self.modulus = modulus
            self.ranges = ranges
            self.negated = negated
        }

        func holds(for count: Int) -> Bool {
            let value = modulus.map { count % $0 } ?? count
            return ranges.contains { $0.contains(value) } != negated
        }
    }

    public let rules: [(category: PluralCategory, alternatives: [[Condition]])]

    public init(_ rules: [(PluralCategory, [[Condition]])]) {
        self.rules = rules.map { (category: $0.0, alternatives: $0.1) }
    }

    /// The categories the language distinguishes, `other` last.
    public var categories: [PluralCategory] { rules.map(\.category) + [.other] }

    /// The category of a count of things (0 and up).
    public func category(of count: Int) -> PluralCategory {
        let count = abs(count)
        for rule in rules where rule.alternatives.contains(where: { $0.allSatisfy { $0.holds(for: count) } }) {
            return rule.category
        }
        return .other
    }
}
