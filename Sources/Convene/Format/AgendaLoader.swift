import Yams

/// What loading an agenda file gives: the agenda (as far as it could be read), where each
/// value stands in the file, and every problem found.
public struct LoadedAgenda: Sendable {
    /// `nil` only when the file is not a YAML mapping at all.
    public var agenda: Agenda?
    public var sourceMap: SourceMap
    public var diagnostics: DiagnosticList
    /// The rosters the agenda names, as loaded, with their own diagnostics.
    public var rosters: [LoadedRoster] = []
    /// The people taken with a `roster: ID` that had an error, for the checks after loading.
    public var unresolvedPeople = UnresolvedPeople()
}

/// Reads agenda files (format version 1) into ``Agenda`` values, collecting every problem
/// with its place and a hint instead of stopping at the first.
public struct AgendaLoader: Sendable {
    public let zones: ZoneDirectory

    public init(zones: ZoneDirectory) {
        self.zones = zones
    }

    /// Loads an agenda from the bytes of a file; the rosters it names come from `rosters`.
    public func load(_ bytes: [UInt8], rosters: RosterSource = .none) -> LoadedAgenda {
        var diagnostics = DiagnosticList()
        switch YAMLText.compose(bytes) {
        case .failure(let diagnostic):
            diagnostics.append(diagnostic)
            return LoadedAgenda(agenda: nil, sourceMap: SourceMap(), diagnostics: diagnostics)
        case .empty:
            diagnostics.error(.start, "the file is empty",
                              hint: "start from a template: convene templates, then convene new TEMPLATE -o FILE")
            return LoadedAgenda(agenda: nil, sourceMap: SourceMap(), diagnostics: diagnostics)
        case .document(let node, _):
            let decoder = AgendaDecoder(zones: zones)
            decoder.rosterSource = rosters
            let agenda = decoder.agenda(node)
            return LoadedAgenda(agenda: agenda, sourceMap: decoder.map, diagnostics: decoder.diagnostics, rosters: decoder.rosters.loaded,
                                unresolvedPeople: decoder.unresolved)
        }
    }

    /// Loads an agenda from text.
    public func load(text: String) -> LoadedAgenda {
        load(Array(text.utf8))
    }
}
