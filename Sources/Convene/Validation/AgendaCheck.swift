/// The result of checking one agenda file: the agenda as read, and every problem in it.
public struct AgendaCheck: Sendable {
    public var agenda: Agenda?
    public var sourceMap: SourceMap
    public var diagnostics: DiagnosticList
    /// The agenda in instants; `nil` while the agenda has errors.
    public var timeline: Timeline?
    /// The rosters the agenda names, with their own diagnostics (reported under their names).
    public var rosters: [LoadedRoster] = []

    /// The largest agenda file read, in bytes.
    public static let maximumSize = YAMLText.maximumSize

    /// Whether the agenda can be used: it was read and has no errors (warnings allowed).
    public var isValid: Bool { agenda != nil && !diagnostics.hasErrors }

    /// Loads and validates the bytes of an agenda file; the rosters it names come from `rosters`.
    public init(bytes: [UInt8], zones: ZoneDirectory, rosters: RosterSource = .none) {
        let loaded = AgendaLoader(zones: zones).load(bytes, rosters: rosters)
        self.rosters = loaded.rosters
        agenda = loaded.agenda
        sourceMap = loaded.sourceMap
        diagnostics = loaded.diagnostics
        if let agenda = loaded.agenda {
            let validation = AgendaValidator().validate(agenda, sourceMap: loaded.sourceMap, unresolved: loaded.unresolvedPeople)
            diagnostics.append(contentsOf: validation.diagnostics)
            if !diagnostics.hasErrors {
                diagnostics.append(contentsOf: InclusionCheck(agenda: agenda, map: loaded.sourceMap).run())
                diagnostics.append(contentsOf: TranslationCheck(agenda: agenda, map: loaded.sourceMap).run())
                diagnostics.append(contentsOf: HiddenNameCheck(agenda: agenda, map: loaded.sourceMap).run())
                let resolver = Resolver(zones: zones)
                let (resolved, problems) = resolver.resolve(agenda, sourceMap: loaded.sourceMap)
                diagnostics.append(contentsOf: problems)
                if !problems.hasErrors {
                    timeline = resolved
                    diagnostics.append(contentsOf: ConflictCheck(timeline: resolved, resolver: resolver, map: loaded.sourceMap).run())
                }
            }
            diagnostics.accept { Self.accepts(agenda, $0) }
        }
    }

    /// Whether `agenda` accepts the warning: its kind is listed under `accept_warnings:` for
    /// the event, for the session it concerns, or for the person it concerns.
    static func accepts(_ agenda: Agenda, _ warning: Diagnostic) -> Bool {
        guard let code = warning.code else { return false }
        if agenda.acceptedWarnings.contains(code) { return true }
        if let id = warning.session, let session = agenda.sessions.first(where: { $0.id == id }), session.acceptedWarnings.contains(code) { return true }
        if let id = warning.person, let person = agenda.person(id), person.acceptedWarnings.contains(code) { return true }
        return false
    }

    /// Loads and validates agenda text.
    public init(text: String, zones: ZoneDirectory, rosters: RosterSource = .none) {
        self.init(bytes: Array(text.utf8), zones: zones, rosters: rosters)
    }

    /// The report `convene check --json` prints; the errors of the agenda's rosters come first,
    /// under their own file names.
    public func report(file: String) -> JSONValue {
        func entry(_ diagnostic: Diagnostic, in file: String) -> JSONValue {
            var pairs: [(String, JSONValue)] = [
                ("file", .string(file)), ("line", .int(diagnostic.location.line)),
                ("column", .int(diagnostic.location.column)), ("message", .string(diagnostic.message)),
            ]
            if let hint = diagnostic.hint { pairs.append(("hint", .string(hint))) }
            if let code = diagnostic.code {
                pairs.append(("code", .string(code.rawValue)))
                pairs.append(("can_be_accepted", .bool(!code.protectsPeople)))
            }
            return .object(pairs)
        }
        var pairs: [(String, JSONValue)] = [
            ("errors", .array(rosters.flatMap { roster in roster.diagnostics.errors.map { entry($0, in: roster.name) } }
                + diagnostics.errors.map { entry($0, in: file) })),
            ("warnings", .array(diagnostics.warnings.map { entry($0, in: file) })),
            ("accepted_warnings", .array(diagnostics.accepted.map { entry($0, in: file) })),
        ]
        if diagnostics.omitted > 0 {
            pairs.append(("omitted_errors", .int(diagnostics.omittedErrors)))
            pairs.append(("omitted_warnings", .int(diagnostics.omittedWarnings)))
        }
        return .object(pairs)
    }
}
