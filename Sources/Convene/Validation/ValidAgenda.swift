/// An agenda that passed `convene check`: what every later stage is handed, with its
/// timeline, so that no stage deals in optionals or re-checks what validation decided.
public struct ValidAgenda: Sendable {
    public let agenda: Agenda
    /// The agenda in instants, with every session's roles.
    public let timeline: Timeline
    /// Where each key of the agenda stands in its file.
    public let sourceMap: SourceMap
    /// The check it passed, with its warnings (there are no errors).
    public let check: AgendaCheck

    /// The warnings validation gave.
    public var warnings: [Diagnostic] { check.diagnostics.warnings }
}

extension AgendaCheck {
    /// The agenda and its timeline, when the agenda has no errors; `nil` otherwise.
    public var valid: ValidAgenda? {
        guard isValid, let agenda, let timeline else { return nil }
        return ValidAgenda(agenda: agenda, timeline: timeline, sourceMap: sourceMap, check: self)
    }
}
