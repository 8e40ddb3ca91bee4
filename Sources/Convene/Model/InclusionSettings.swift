/// What the organisers expect of an event's inclusion figures: the agenda's `inclusion:`
/// mapping, with its defaults filled in.
public struct InclusionSettings: Sendable, Equatable {
    /// The women's share of the event's speakers below which `convene check` warns and the
    /// report flags `below-threshold`.
    public var womenSpeakersThreshold: Percentage
    /// Whether a panel or dialogue of women only is flagged as single-sex, like one of men
    /// only (`flag`, the default), or accepted as the event's design (`allow`), as at many
    /// Women, Peace & Security events.
    public var allWomenPanels: AllWomenPanels

    /// Half of the speakers, unless the agenda says otherwise.
    public static let defaultWomenSpeakersThreshold = Percentage(fraction: 0.5)

    /// Settings with this threshold (50% unless given).
    public init(womenSpeakersThreshold: Percentage = InclusionSettings.defaultWomenSpeakersThreshold,
                allWomenPanels: AllWomenPanels = .flag) {
        self.womenSpeakersThreshold = womenSpeakersThreshold
        self.allWomenPanels = allWomenPanels
    }
}

/// What the inclusion flags make of a panel of women only.
public enum AllWomenPanels: String, Sendable, CaseIterable {
    /// Flagged as a single-sex panel, as one of men only is.
    case flag
    /// Accepted: only all-men panels are flagged.
    case allow
}

/// A share from 0% to 100%, written in agendas as `40%` or `33.5%`, or as a fraction from 0 to 1
/// such as `0.4`.
public struct Percentage: Sendable, Equatable, Comparable, CustomStringConvertible {
    /// The share as a fraction, 0...1.
    public var fraction: Double

    /// A share of `fraction` (clamped to 0...1).
    public init(fraction: Double) {
        self.fraction = min(1, max(0, fraction))
    }

    /// What a percentage written in an agenda turned out to be.
    public enum Reading: Sendable, Equatable {
        case value(Percentage)
        /// A number with `%` outside 0–100, or a fraction outside 0–1.
        case outOfRange
        /// A bare number above 1, such as `50`: most likely meant as `50%`.
        case bareNumber(Double)
        /// Not a number at all.
        case notAPercentage
    }

    /// Reads `40%`, `33.5 %`, `0.4`, `0` or `1`.
    public static func read(_ text: String) -> Reading {
        var body = text.trimmingSpaces
        let percent = body.hasSuffix("%")
        if percent { body = String(body.dropLast()).trimmingSpaces }
        let allowed = body.allSatisfy { ($0.isASCII && $0.isNumber) || $0 == "." || $0 == "-" }
        guard !body.isEmpty, allowed, body.contains(where: \.isNumber), let number = Double(body), number.isFinite else {
            return .notAPercentage
        }
        if percent {
            return (0...100).contains(number) ? .value(Percentage(fraction: number / 100)) : .outOfRange
        }
        if (0...1).contains(number) { return .value(Percentage(fraction: number)) }
        return number > 1 && number <= 100 ? .bareNumber(number) : .outOfRange
    }

    /// `40%`, `33.5%`: at most one decimal.
    public var description: String {
        let tenths = (fraction * 1000).rounded()
        return tenths.truncatingRemainder(dividingBy: 10) == 0 ? "\(Int(tenths / 10))%" : "\(tenths / 10)%"
    }

    public static func < (lhs: Percentage, rhs: Percentage) -> Bool { lhs.fraction < rhs.fraction }
}
