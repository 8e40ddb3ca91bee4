/// An id written in an agenda or roster: letters, digits, `-`, `_`, `.`. Each kind of id is its
/// own type, so that a session id can never be passed where a person is meant.
public protocol AgendaIdentifier: RawRepresentable, Hashable, Comparable, Sendable, ExpressibleByStringLiteral,
    CustomStringConvertible where RawValue == String {
    init(rawValue: String)
}

extension AgendaIdentifier {
    public init(stringLiteral value: String) { self.init(rawValue: value) }
    public var description: String { rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The id of a person (`sarabi`): what sessions, segments and rosters refer to them by, and
/// what names their invite and briefing files.
public struct PersonID: AgendaIdentifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// The id of a session (`day1-morning`): calendar UIDs derive from it.
public struct SessionID: AgendaIdentifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// The id of a guiding question (`q1`).
public struct QuestionID: AgendaIdentifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}
