import ArgumentParser
import Convene
import Foundation

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Writes everything Convene makes from an agenda into a folder.",
        discussion: """
            Writes agenda.json (the agenda with every default filled in), the check report \
            (check.json, check.txt), the inclusion report of convene report for the public \
            audience (report.json, report.txt), the public programme of convene export in the \
            frab schedule format (schedule.xml, schedule.json), the calendars of convene ics, and the printed \
            sheets of convene print: agenda and run-of-show as .txt, .md and .html, and as .pdf \
            when Chromium is installed (also in each other language of the agenda, as \
            agenda.LANG.* and run-of-show.LANG.*), and briefings/PERSON-ID.* for each online \
            speaker. Nothing is written when the agenda has errors. Files written \
            by an earlier build are replaced; a file you created or edited there is kept unless \
            you pass --force.
            """
    )

    @Argument(help: "The agenda file.")
    var file: String

    @OptionGroup var folder: OutputFolder

    @OptionGroup var state: StateOption

    var output: String { folder.output }
    var force: Bool { folder.force }

    func run() throws {
        let zones = try Terminal.zones()
        var valid = try Terminal.valid(file, zones: zones, then: "nothing written")
        let stamp = try Terminal.stamp()
        let renderer = try Terminal.sheetRenderer()
        try Terminal.labels(for: valid.agenda)
        // One run at a time records this history and writes this folder.
        let lock = try Terminal.reporting { try OutputFolderLock(output) }
        defer { withExtendedLifetime(lock) {} }
        let store = try Terminal.store(for: valid.agenda, agendaPath: file, state: state)
        valid = try Terminal.moved(valid, in: store, zones: zones, file: file)
        try Terminal.importLegacyState(in: output, into: store, zones: zones, now: stamp)
        // Without an engine, everything else is written, and one warning says how to get PDFs.
        var pdf: PDFPrinting?, noEngine: PDFError?
        let epoch = try Terminal.sourceDateEpoch()
        do throws(PDFError) {
            pdf = PDFPrinting(engine: try PDFEngine.locate(environment: ProcessInfo.processInfo.environment), folder: output, epoch: epoch)
        } catch {
            noEngine = error
        }
        try Terminal.reporting {
            let result = try Build.outputs(for: valid, file: file, zones: zones, renderer: renderer, history: store, stamp: stamp, pdf: pdf)
            for warning in result.warnings { Terminal.error("convene: warning: \(warning)") }
            try OutputWriter(force: force).write(result.files, into: output, pruning: result.prunedFolders) { Terminal.error("convene: note: \($0)") }
            for path in result.files.paths where !path.hasPrefix(".") { Terminal.out("wrote \(output)/\(path)") }
            if let noEngine { Terminal.error("convene: warning: no PDFs written: \(noEngine)") }
            if valid.agenda.organizer?.email != nil { Terminal.pendingSummary(result.history, agendaPath: file) }
        }
    }
}
