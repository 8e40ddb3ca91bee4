/// Where each value of an agenda stands in its file, by path (`sessions[0].segments[2].duration`),
/// so that checks made after loading can point at the right line.
public struct SourceMap: Sendable, Equatable {
    private var values: [String: SourceLocation] = [:]
    private var invalidPaths: Set<String> = []

    public init() {}

    /// Where the value at `path` starts; for a missing key, the nearest enclosing value.
    public func location(_ path: String) -> SourceLocation {
        var path = path
        while true {
            if let location = values[path] { return location }
            guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { return .start }
            path = String(path[..<cut])
        }
    }

    /// Whether the value at `path` was present in the file.
    public func contains(_ path: String) -> Bool { values[path] != nil }

    /// Whether the value at `path`, or anything under it, was reported as invalid while loading.
    public func isInvalid(_ path: String) -> Bool {
        invalidPaths.contains(path)
    }

    mutating func record(_ path: String, value: SourceLocation) {
        values[path] = value
    }

    mutating func markInvalid(_ path: String) {
        invalidPaths.insert(path)
    }
}
