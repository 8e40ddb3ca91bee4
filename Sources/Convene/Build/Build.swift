/// Everything Convene makes from one valid agenda, as files for an output folder.
///
/// So far: the normalised agenda (`agenda.json`) and the check report (`check.json`, and
/// `check.txt` for people). Calendars, printed sheets and reports join as they arrive.
public enum Build {
    /// The outputs for `check`, whose agenda must be valid; `file` is how the agenda file is
    /// named in the report.
    public static func outputs(for check: AgendaCheck, file: String) -> [OutputFile] {
        guard let agenda = check.agenda, check.isValid else { return [] }
        let warnings = check.diagnostics.warnings
        var text = warnings.isEmpty ? "\(file): no problems\n" : ""
        for warning in warnings { text += warning.rendered(file: file) + "\n" }
        return [
            OutputFile(path: "agenda.json", contents: NormalizedAgenda.json(agenda).serialized()),
            OutputFile(path: "check.json", contents: check.report(file: file).serialized()),
            OutputFile(path: "check.txt", contents: text),
        ]
    }
}
