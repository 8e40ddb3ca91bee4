/// What the caller found at a path that an agenda's `rosters:` names.
public enum RosterLookup: Sendable {
    /// The file's bytes, and how messages should name the file (e.g. its path from the
    /// current folder, `rosters/ukraine-women-experts.yaml`).
    case found(bytes: [UInt8], name: String)
    /// The file cannot be read, and why, e.g. "no such file".
    case unreadable(reason: String)
}

/// How loading an agenda gets the roster files the agenda names, so that the library does no
/// I/O itself: the command line reads them relative to the agenda's folder, tests and other
/// callers hand over text.
public struct RosterSource: Sendable {
    private let lookup: @Sendable (String) -> RosterLookup

    /// A source that answers each path, as written in the agenda, with `lookup`.
    public init(_ lookup: @escaping @Sendable (String) -> RosterLookup) {
        self.lookup = lookup
    }

    /// The roster at `path`, as written in the agenda.
    public func read(_ path: String) -> RosterLookup {
        lookup(path)
    }

    /// No rosters at all: an agenda that names one gets an error at that line.
    public static let none = RosterSource { _ in .unreadable(reason: "no roster files were given to this check") }

    /// Rosters given as text, by the path the agenda writes; messages name them by that path.
    public static func texts(_ files: [String: String]) -> RosterSource {
        RosterSource { path in
            files[path].map { .found(bytes: Array($0.utf8), name: path) } ?? .unreadable(reason: "no such file")
        }
    }
}
