/// Everything Convene makes from one valid agenda, as the files of an output folder: what
/// `convene build` writes, and what any other front end (a server) can write the same way.
///
/// - `agenda.json` (the agenda with every default filled in), `check.json` and `check.txt`;
/// - `report.json` and `report.txt`, the public inclusion report;
/// - `schedule.xml` and `schedule.json`, the public programme in the frab schedule format
///   (``FrabSchedule``), once a session is scheduled;
/// - the printed sheets of ``PrintedSheets`` (agenda and run-of-show in every format and
///   language of the agenda, PDF too when an engine is given, a briefing for each online
///   speaker in their own language);
/// - the calendars of ``CalendarOutputs``, their SEQUENCEs and pending cancellations from the
///   event's history, when the agenda has an organiser with an email (without one, a warning
///   says none were made).
public enum Build {
    /// What a build makes: its files, what it warns about, and the folders whose files only
    /// this build decides (a briefing or invite nobody needs any more is removed).
    public struct Result: Sendable {
        /// The calendars among them are made a batch at a time as they are written.
        public var files: OutputFiles
        public var warnings: [String]
        public var prunedFolders: [String]
        /// The event's calendar history after this build.
        public var history: CalendarHistory
    }

    /// The folders (and PDFs and schedules) a build owns outright.
    public static let prunedFolders = CalendarOutputs.prunedFolders + PrintedSheets.prunedFolders + FrabSchedule.Format.allCases.map(\.fileName)

    /// Every output of `valid`; `file` is how the agenda file is named in the check report,
    /// `history` where the event's calendar history is kept (the versions this build makes
    /// are recorded there before any file is written), `stamp` the calendars' DTSTAMP, `pdf`
    /// the engine that prints the agenda and run-of-show to PDF (none: no PDFs).
    public static func outputs(for valid: ValidAgenda, file: String, zones: ZoneDirectory, renderer: SheetRenderer,
                               history recorder: any CalendarHistoryRecorder, stamp: Int64, pdf: PDFPrinting? = nil) throws -> Result {
        let sheets = try PrintedSheets.files(timeline: valid.timeline, zones: zones, renderer: renderer, pdf: pdf)
        var warnings: [String] = []
        var schedules: [OutputFile] = []
        do {
            schedules = try Self.schedules(of: valid.timeline, zones: zones)
        } catch let nothing as FrabSchedule.NothingScheduled {
            warnings.append("no schedule.xml or schedule.json written: \(nothing)")
        }
        var files = OutputFiles(reports(for: valid, file: file) + schedules + sheets)
        var history = CalendarHistory(latest: [:])
        if valid.agenda.organizer?.email == nil {
            warnings.append("no calendars written: the agenda has no organizer with an email — add organizer: { name: ..., email: ... }")
        } else {
            let draft = try CalendarOutputs.draft(timeline: valid.timeline, zones: zones, stamp: stamp)
            let recorded = try recorder.record(draft.entries, at: stamp)
            files = files + (try CalendarOutputs.outputs(of: draft, history: recorded, stamp: stamp))
            warnings += draft.warnings
            history = recorded
        }
        return Result(files: files, warnings: warnings, prunedFolders: prunedFolders, history: history)
    }

    /// The public programme in the frab schedule format, as XML and as JSON.
    public static func schedules(of timeline: Timeline, zones: ZoneDirectory) throws -> [OutputFile] {
        let schedule = try FrabSchedule(timeline: timeline, zones: zones, audience: .public)
        return FrabSchedule.Format.allCases.map { OutputFile(path: $0.fileName, contents: schedule.document($0)) }
    }

    /// The normalised agenda, the check report and the public inclusion report.
    public static func reports(for valid: ValidAgenda, file: String) -> [OutputFile] {
        var text = valid.warnings.isEmpty ? "\(file): no problems\n" : ""
        for warning in valid.warnings { text += warning.rendered(file: file) + "\n" }
        var files = [
            OutputFile(path: "agenda.json", contents: NormalizedAgenda.json(valid.agenda).serialized()),
            OutputFile(path: "check.json", contents: valid.check.report(file: file).serialized()),
            OutputFile(path: "check.txt", contents: text),
        ]
        // The public form: a build folder is what gets forwarded.
        let report = InclusionReport(figures: InclusionFigures(timeline: valid.timeline), audience: .public)
        files.append(OutputFile(path: "report.json", contents: report.json().serialized()))
        files.append(OutputFile(path: "report.txt", contents: report.text()))
        return files
    }
}
