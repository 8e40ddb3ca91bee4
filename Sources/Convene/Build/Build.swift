/// Everything Convene makes from one valid agenda, as files for an output folder.
///
/// So far: the normalised agenda (`agenda.json`), the check report (`check.json`, and
/// `check.txt` for people) and the public inclusion report (`report.json`, `report.txt`).
/// Calendars come from ``CalendarOutputs``; printed sheets join as they arrive.
public enum Build {
    /// The outputs for `check`, whose agenda must be valid; `file` is how the agenda file is
    /// named in the report.
    public static func outputs(for check: AgendaCheck, file: String) -> [OutputFile] {
        guard let agenda = check.agenda, check.isValid else { return [] }
        let warnings = check.diagnostics.warnings
        var text = warnings.isEmpty ? "\(file): no problems\n" : ""
        for warning in warnings { text += warning.rendered(file: file) + "\n" }
        var files = [
            OutputFile(path: "agenda.json", contents: NormalizedAgenda.json(agenda).serialized()),
            OutputFile(path: "check.json", contents: check.report(file: file).serialized()),
            OutputFile(path: "check.txt", contents: text),
        ]
        // The public form: a build folder is what gets forwarded.
        let report = InclusionReport(figures: InclusionFigures(agenda: agenda, timeline: check.timeline), audience: .public)
        files.append(OutputFile(path: "report.json", contents: report.json().serialized()))
        files.append(OutputFile(path: "report.txt", contents: report.text()))
        return files
    }
}
