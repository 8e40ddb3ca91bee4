/// Where a value stands in an agenda or roster file, as the keys and list positions that lead
/// to it from the top: `sessions[0].segments[2].duration`.
///
/// Paths are built as values, never spliced into strings: `SourcePath.root.sessions[0]`,
/// `path.segments[number].at`, `path.key("van-dalen")` for a key that is data (a speaker id in
/// `speaking:`). Their `description` is the dotted form people read.
@dynamicMemberLookup
public struct SourcePath: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// One step down: a key of a mapping, or a position in a list.
    public enum Step: Hashable, Sendable {
        case key(String)
        case index(Int)
    }

    public private(set) var steps: [Step]

    /// The top of the file.
    public static let root = SourcePath(steps: [])

    public init(steps: [Step]) {
        self.steps = steps
    }

    /// A path written out, for the fixed places a check points at (`"timezone"`,
    /// `"inclusion.women_speakers_threshold"`): keys separated by dots, positions in brackets.
    public init(stringLiteral text: String) {
        var steps: [Step] = []
        for part in text.split(separator: ".", omittingEmptySubsequences: true) {
            var rest = part[...]
            if let bracket = rest.firstIndex(of: "[") {
                steps.append(.key(String(rest[..<bracket])))
                rest = rest[bracket...]
                while rest.first == "[", let close = rest.firstIndex(of: "]") {
                    if let index = Int(rest[rest.index(after: rest.startIndex)..<close]) { steps.append(.index(index)) }
                    rest = rest[rest.index(after: close)...]
                }
            } else {
                steps.append(.key(String(rest)))
            }
        }
        self.steps = steps
    }

    /// The value under `key`.
    public func key(_ key: String) -> SourcePath {
        SourcePath(steps: steps + [.key(key)])
    }

    /// The value under a key named like a Swift property (`path.segments`, `path.at`).
    public subscript(dynamicMember key: String) -> SourcePath {
        self.key(key)
    }

    /// The item at `index` of the list here.
    public subscript(index: Int) -> SourcePath {
        SourcePath(steps: steps + [.index(index)])
    }

    /// The path one step up; `nil` at the top.
    public var parent: SourcePath? {
        steps.isEmpty ? nil : SourcePath(steps: Array(steps.dropLast()))
    }

    /// Whether this is the top of the file.
    public var isRoot: Bool { steps.isEmpty }

    /// The last key on the path (`segments` for `sessions[0].segments[2]`).
    public var lastKey: String? {
        for step in steps.reversed() { if case .key(let key) = step { return key } }
        return nil
    }

    /// Whether `other` is this path or lies under it.
    public func contains(_ other: SourcePath) -> Bool {
        other.steps.starts(with: steps)
    }

    public var description: String {
        var text = ""
        for step in steps {
            switch step {
            case .key(let key): text += text.isEmpty ? key : ".\(key)"
            case .index(let index): text += "[\(index)]"
            }
        }
        return text
    }
}
