/// What loading a roster file gives: the roster (as far as it could be read), where each
/// value stands in the file, and every problem found.
public struct LoadedRoster: Sendable {
    /// How the file is named in messages, e.g. `rosters/ukraine-women-experts.yaml`.
    public var name: String
    /// `nil` only when the file is not a YAML mapping at all.
    public var roster: Roster?
    public var sourceMap: SourceMap
    public var diagnostics: DiagnosticList
    /// Where each person of ``roster`` is in the file (`people[3]`), in the same order.
    var personPaths: [SourcePath] = []

    /// Whether the roster can be used: it was read and has no errors (warnings allowed).
    public var isValid: Bool { roster != nil && !diagnostics.hasErrors }

    /// The report `convene check --json` prints for a roster: the same shape as an agenda's.
    public func report() -> JSONValue {
        func entry(_ diagnostic: Diagnostic) -> JSONValue {
            var pairs: [(String, JSONValue)] = [
                ("file", .string(name)), ("line", .int(diagnostic.location.line)),
                ("column", .int(diagnostic.location.column)), ("message", .string(diagnostic.message)),
            ]
            if let hint = diagnostic.hint { pairs.append(("hint", .string(hint))) }
            return .object(pairs)
        }
        var pairs: [(String, JSONValue)] = [
            ("errors", .array(diagnostics.errors.map(entry))),
            ("warnings", .array(diagnostics.warnings.map(entry))),
        ]
        if diagnostics.omitted > 0 {
            pairs.append(("omitted_errors", .int(diagnostics.omittedErrors)))
            pairs.append(("omitted_warnings", .int(diagnostics.omittedWarnings)))
        }
        return .object(pairs)
    }

    /// Where the person at `index` of ``roster`` is defined: the line and column of their `id`.
    public func location(ofPerson index: Int) -> SourceLocation {
        sourceMap.location((index < personPaths.count ? personPaths[index] : SourcePath.root.people[index]).id)
    }
}

/// Reads roster files (format version 1) into ``Roster`` values, with the same safeguards and
/// diagnostics as ``AgendaLoader``: a size cap, a deadline for aliases, a budget of values,
/// every problem with its line and a hint.
public struct RosterLoader: Sendable {
    public let zones: ZoneDirectory

    /// A loader that checks time zones against `zones`.
    public init(zones: ZoneDirectory) {
        self.zones = zones
    }

    /// Loads a roster from the bytes of a file; `name` is how messages name the file.
    public func load(_ bytes: [UInt8], name: String) -> LoadedRoster {
        var diagnostics = DiagnosticList()
        switch YAMLText.compose(bytes, document: .roster) {
        case .failure(let diagnostic):
            diagnostics.append(diagnostic)
            return LoadedRoster(name: name, roster: nil, sourceMap: SourceMap(), diagnostics: diagnostics)
        case .empty:
            diagnostics.error(.start, "the file is empty",
                              hint: "a roster starts with 'roster: 1', a title: and people:; docs/rosters.md shows one")
            return LoadedRoster(name: name, roster: nil, sourceMap: SourceMap(), diagnostics: diagnostics)
        case .document(let node, _):
            let decoder = AgendaDecoder(zones: zones)
            decoder.document = "roster"
            let read = decoder.roster(node)
            return LoadedRoster(name: name, roster: read?.0, sourceMap: decoder.map, diagnostics: decoder.diagnostics,
                                personPaths: read?.1 ?? [])
        }
    }

    /// Whether `bytes` look like a roster rather than an agenda: a top-level `roster:` line
    /// and no `convene:` line.
    public static func looksLikeRoster(_ bytes: [UInt8]) -> Bool {
        let lines = String(decoding: bytes.prefix(YAMLText.maximumSize), as: UTF8.self).split(whereSeparator: \.isNewline)
        func starts(_ key: String) -> Bool {
            lines.contains { $0.hasPrefix(key) && $0.dropFirst(key.count).drop(while: { $0 == " " }).first == ":" }
        }
        return starts("roster") && !starts("convene")
    }

    /// Loads a roster from text.
    public func load(text: String, name: String) -> LoadedRoster {
        load(Array(text.utf8), name: name)
    }
}
