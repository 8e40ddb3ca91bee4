/// Where each value of an agenda stands in its file, by ``SourcePath`` (`sessions[0].segments[2].duration`),
/// so that checks made after loading can point at the right line.
public struct SourceMap: Sendable, Equatable {
    private var values: [SourcePath: SourceLocation] = [:]
    private var invalidPaths: Set<SourcePath> = []

    public init() {}

    /// Where the value at `path` starts; for a missing key, the nearest enclosing value.
    public func location(_ path: SourcePath) -> SourceLocation {
        var path = path
        while true {
            if let location = values[path] { return location }
            guard let parent = path.parent else { return .start }
            path = parent
        }
    }

    /// Whether the value at `path` was present in the file.
    public func contains(_ path: SourcePath) -> Bool { values[path] != nil }

    /// Whether the value at `path`, or anything under it, was reported as invalid while loading.
    public func isInvalid(_ path: SourcePath) -> Bool {
        invalidPaths.contains(path)
    }

    mutating func record(_ path: SourcePath, value: SourceLocation) {
        values[path] = value
    }

    mutating func markInvalid(_ path: SourcePath) {
        invalidPaths.insert(path)
    }
}
