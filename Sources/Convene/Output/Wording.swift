/// Counted English phrases that read as people write them.
public enum Wording {
    /// "the one speaker", "both speakers", "all 5 speakers": a count of everyone in a group.
    public static func all(_ count: Int, _ plural: String, one singular: String) -> String {
        switch count {
        case 1: "the one \(singular)"
        case 2: "both \(plural)"
        default: "all \(count) \(plural)"
        }
    }
}
