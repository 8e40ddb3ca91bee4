import ArgumentParser
import Convene
import ConveneStore
import Foundation


struct PrintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "print",
        abstract: "Prints the agenda, the run-of-show or a speaker's briefing as text, Markdown, HTML or PDF.",
        discussion: """
            agenda: the programme for participants and the public. run-of-show: the moderator's \
            and tech desk's sheet, minute by minute, with a connection check 15 minutes before each \
            online speaker's turn. briefing: one speaker's segments in their own time and the \
            venue's (--person ID).
            Text fits 80 columns (A4 and Letter); HTML is one self-contained file with a print \
            stylesheet; PDF is the HTML sheet printed by headless Chromium (CONVENE_CHROMIUM \
            names another), on A4 or on Letter where the venue's country prints on it (for a \
            briefing, the speaker's), with the event's title and page numbers at the foot. The \
            layouts are Mustache templates in templates/print; --template uses your own \
            (docs/printing.md).
            People who may not be named for the audience are shown by their described_as wording. \
            The default audience is public for the agenda, organizers for the run-of-show and \
            participants for a briefing.
            """
    )

    @Argument(help: "The agenda file (- reads standard input).")
    var file: String

    @Option(help: "agenda, run-of-show or briefing.")
    var sheet: Sheet = .agenda

    @Option(help: ArgumentHelp("The speaker a briefing is for.", valueName: "id"))
    var person: String?

    @Option(help: "text, md, html or pdf (default: from -o's extension, else text).")
    var format: PrintFormat?

    @Option(help: "a4 or letter: the paper of a PDF (default: the country of the venue's zone, or for a briefing the speaker's).")
    var paper: Paper?

    @Option(help: "en, fr, uk, es, ru, ar, fa-AF (Dari; also prs) or ps (default: the agenda's first language Convene prints in; for a briefing, the speaker's).")
    var lang: SheetLanguage?

    @Option(help: "public, participants or organizers: who the sheet is for, and so who may be named.")
    var audience: Audience?

    @Option(help: ArgumentHelp("A Mustache template of your own instead of the shipped one.", valueName: "file"))
    var template: String?

    @Option(help: "The width of a text sheet in columns (40 to 200).")
    var width = 80

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Flag(help: "Replace the output file even if it was edited.")
    var force = false

    @Flag(help: "With --sheet run-of-show: the run as it happened, from the actions convene live recorded in the event store.")
    var actual = false

    @Option(help: "With --actual: one room's sessions, as convene live --session followed them (repeatable).")
    var session: [String] = []

    @OptionGroup var state: StateOption

    func validate() throws {
        if person != nil, sheet != .briefing { throw ValidationError("--person is for --sheet briefing") }
        if actual, sheet != .runOfShow { throw ValidationError("--actual is for --sheet run-of-show") }
        if !session.isEmpty, !actual { throw ValidationError("--session goes with --actual") }
        if actual, file == "-", state.path == nil { throw ValidationError("--actual reads the event store beside the agenda: give the agenda's path, not -, or --state") }
        if !(40...200).contains(width) { throw ValidationError("--width \(width) is out of range — give 40 to 200 columns") }
        if let output, output.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("-o needs the file to write") }
        if let output, format == nil, PrintFormat(fileName: output) == nil {
            throw ValidationError("cannot tell the format from '\(output)' — name it .txt, .md, .html or .pdf, or pass --format")
        }
        if let output, let format, let named = PrintFormat(fileName: output), named != format {
            throw ValidationError("--format \(format.rawValue) would write \(format.rawValue) into '\(output)' — name the file .\(format.fileExtension), or leave out --format")
        }
        if paper != nil, resolvedFormat != .pdf {
            throw ValidationError("--paper is for a PDF — add --format pdf, or name the file .pdf")
        }
        if resolvedFormat == .pdf, output == nil, isatty(STDOUT_FILENO) != 0 {
            throw ValidationError("a PDF is not printed on a terminal — pass -o FILE.pdf, or send standard output to a file")
        }
        if let template, !FileManager.default.fileExists(atPath: template) {
            throw ValidationError("--template \(template): no such file — check the path; the shipped templates are in templates/print")
        }
    }

    /// The format asked for, by `--format` or `-o`'s extension.
    var resolvedFormat: PrintFormat {
        format ?? output.flatMap(PrintFormat.init(fileName:)) ?? .text
    }

    func run() throws {
        let zones = try Terminal.zones()
        var valid = try Terminal.valid(file, zones: zones, then: "fix the errors, then print again")
        // The sessions moved during the live day print at their new times.
        let store = try Terminal.existingStore(for: valid.agenda, agendaPath: file, state: state)
        if let store { valid = try Terminal.moved(valid, in: store, zones: zones, file: file) }
        let timeline = valid.timeline
        let requested = resolvedFormat, format = requested.sheetFormat
        // Without an engine there is no PDF: say so before any work.
        let engine = requested == .pdf ? try Terminal.pdfEngine() : nil
        let renderer = try Terminal.sheetRenderer(width: width)
        var language = lang ?? SheetLanguage.preferred(in: timeline.agenda.languages)
        let view: SheetView = try Terminal.reporting {
            switch sheet {
            case .agenda, .runOfShow:
                try Terminal.labels(for: [language])
                let builder = SheetBuilder(timeline: timeline, zones: zones, language: language,
                                           audience: audience ?? PrintedSheets.defaultAudience(of: sheet))
                if actual { return try actualRunOfShow(builder, valid: valid, store: store, zones: zones) }
                return sheet == .agenda ? try builder.agendaSheet() : try builder.runOfShow()
            case .briefing:
                let speakers = SheetBuilder(timeline: timeline, zones: zones, language: language, audience: .organizers).speakers
                guard let person = person.map(PersonID.init(rawValue:)) else {
                    Terminal.error("convene: error: a briefing is for one speaker — pass --person with one of: \(speakers.map(\.id.rawValue).joined(separator: ", "))")
                    throw ExitCode(Terminal.Exit.usage)
                }
                if lang == nil, let known = timeline.agenda.person(person) {
                    language = PrintedSheets.language(of: known, in: timeline.agenda)
                }
                try Terminal.labels(for: [language])
                let builder = SheetBuilder(timeline: timeline, zones: zones, language: language,
                                           audience: audience ?? PrintedSheets.defaultAudience(of: .briefing), reader: person)
                return try builder.briefing(for: person)
            }
        }
        let text: String
        do throws(TemplateProblem) {
            let own: (text: String, file: String)?
            if let template {
                own = try SheetRenderer.read(template)
                for problem in renderer.unknownNames(in: own?.text ?? "", file: template) {
                    Terminal.error(problem.description.replacingOccurrences(of: ": error: ", with: ": warning: "))
                }
            } else {
                own = nil
            }
            text = try renderer.render(view, sheet: sheet, format: format, template: own)
        } catch {
            Terminal.error(error.description)
            throw ExitCode(Terminal.Exit.invalidInput)
        }
        var pdf: Data?
        if let engine {
            // The browser works beside the PDF (a confined browser can reach that folder).
            let folder = output.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path } ?? NSTemporaryDirectory()
            try Terminal.write { () throws(OutputError) in try OutputWriter.makeFolder(folder) }
            let reader = sheet == .briefing ? person.flatMap { timeline.agenda.person(PersonID(rawValue: $0)) } : nil
            let zone = reader?.effectiveTimeZone(in: timeline.agenda) ?? timeline.agenda.timeZone
            let printing = PDFPrinting(engine: engine, folder: folder, epoch: try Terminal.sourceDateEpoch())
            pdf = try Terminal.reporting { try printing.print(text, paper: paper ?? Paper(zone: zone, zones: zones)) }
        }
        guard let output else {
            FileHandle.standardOutput.write(pdf ?? Data(text.utf8))
            return
        }
        let url = URL(fileURLWithPath: output)
        let file = pdf.map { OutputFile(path: url.lastPathComponent, bytes: $0) } ?? OutputFile(path: url.lastPathComponent, contents: text)
        try Terminal.write { () throws(OutputError) in
            try OutputWriter(force: force).write([file], into: url.deletingLastPathComponent().path) { Terminal.error("convene: note: \($0)") }
        }
        Terminal.out("wrote \(output)")
    }
}

extension PrintCommand {
    /// The run-of-show as the live day recorded it, or exit 1 saying that nothing is recorded
    /// yet and how to record it.
    func actualRunOfShow(_ builder: SheetBuilder, valid: ValidAgenda, store: EventStore?, zones: ZoneDirectory) throws -> SheetView {
        let sessions = session.isEmpty ? nil : session.map(SessionID.init(rawValue:))
        let day = try store.map { try Terminal.recordedDay(valid, in: $0, sessions: sessions, zones: zones) }
        guard let day, let last = day.lastAction else {
            let path = store?.path ?? state.path ?? EventStore.defaultPath(forAgenda: file, event: valid.agenda.id)
            Terminal.error("convene: error: nothing has been recorded for the live day in \(path) yet — run convene live \(file)\(session.map { " --session \($0)" }.joined()) and record the day from its console (docs/live.md), then print it again")
            throw ExitCode(Terminal.Exit.invalidInput)
        }
        return try builder.actualRunOfShow(day, now: max(last, Instant(seconds: try Terminal.stamp())))
    }
}

extension Terminal {
    /// The renderer of the shipped print templates, or exit 1 saying how to find them.
    static func sheetRenderer(width: Int = 80) throws -> SheetRenderer {
        guard let folder = SheetRenderer.shippedFolder(environment: ProcessInfo.processInfo.environment,
                                                       executablePath: Bundle.main.executablePath ?? CommandLine.arguments[0]),
              FileManager.default.fileExists(atPath: folder) else {
            Terminal.error("convene: error: the print templates were not found — set CONVENE_HOME to the folder that holds templates/print")
            throw ExitCode(Exit.invalidInput)
        }
        return SheetRenderer(folder: folder, layout: TextLayout(width: width))
    }

    /// The PDF engine, or exit 1 saying how to install it.
    static func pdfEngine() throws -> PDFEngine {
        try reporting { () throws(PDFError) in try PDFEngine.locate(environment: ProcessInfo.processInfo.environment) }
    }
}
