import Foundation

/// Every printed sheet `convene build` writes: the agenda (for the public) and the
/// run-of-show (for the organisers) in every format and in each language of the agenda that
/// Convene prints in, and a briefing for each online speaker in their own language.
///
/// Files: `agenda.txt|md|html` and `run-of-show.txt|md|html` in the agenda's first language,
/// `agenda.LANG.EXT` and `run-of-show.LANG.EXT` in its others, `briefings/PERSON-ID.EXT`; and,
/// when a PDF engine is given, `agenda.pdf` and `run-of-show.pdf` (and `.LANG.pdf`), printed
/// from the HTML sheets on the venue's paper (``Paper/init(zone:zones:)``).
public enum PrintedSheets {
    /// Briefings of speakers no longer online, or no longer speaking, are removed; so is a PDF
    /// an earlier build printed that this one does not (no engine now, or a language dropped),
    /// so that no PDF is left older than the sheets beside it.
    public static let prunedFolders = ["briefings/"] + pdfPaths

    /// Every PDF a build can print, in any language Convene prints in.
    static let pdfPaths = [Sheet.agenda, .runOfShow].flatMap { sheet in
        ["\(sheet.rawValue).pdf"] + SheetLanguage.allCases.map { "\(sheet.rawValue).\($0.rawValue).pdf" }
    }

    /// The audience each sheet is written for unless the user says otherwise: the agenda is
    /// what gets forwarded, the run-of-show stays with the organisers, and a briefing goes to
    /// one participant.
    public static func defaultAudience(of sheet: Sheet) -> Audience {
        switch sheet {
        case .agenda: .public
        case .runOfShow: .organizers
        case .briefing: .participants
        }
    }

    /// The language of a person's briefing: the first of their languages Convene prints in,
    /// else the agenda's.
    public static func language(of person: Person, in agenda: Agenda) -> SheetLanguage {
        SheetLanguage.first(in: person.languages) ?? SheetLanguage.preferred(in: agenda.languages)
    }

    /// The people who get a briefing: the online speakers, in agenda order.
    public static func onlineSpeakers(of timeline: Timeline, zones: ZoneDirectory) -> [Person] {
        SheetBuilder(timeline: timeline, zones: zones, language: SheetLanguage.preferred(in: timeline.agenda.languages), audience: .participants).onlineSpeakers
    }

    /// `person`'s briefing, in their language, as they may read it.
    public static func briefing(of person: Person, timeline: Timeline, zones: ZoneDirectory) throws -> SheetView {
        try SheetBuilder(timeline: timeline, zones: zones, language: language(of: person, in: timeline.agenda),
                         audience: defaultAudience(of: .briefing), reader: person.id).briefing(for: person.id)
    }

    /// Every sheet's files; the PDFs only with `pdf`.
    public static func files(timeline: Timeline, zones: ZoneDirectory, renderer: SheetRenderer, pdf: PDFPrinting? = nil) throws -> [OutputFile] {
        let agenda = timeline.agenda
        let first = SheetLanguage.preferred(in: agenda.languages)
        let languages = [first] + SheetLanguage.all(in: agenda.languages).filter { $0 != first }
        var files: [OutputFile] = []
        var pdfSheets: [(index: Int, html: String)] = []
        for language in languages {
            let suffix = language == first ? "" : ".\(language.rawValue)"
            for sheet in [Sheet.agenda, .runOfShow] {
                let builder = SheetBuilder(timeline: timeline, zones: zones, language: language, audience: defaultAudience(of: sheet))
                let view = sheet == .agenda ? try builder.agendaSheet() : try builder.runOfShow()
                var html: String?
                for format in SheetFormat.allCases {
                    let text = try renderer.render(view, sheet: sheet, format: format)
                    files.append(OutputFile(path: "\(sheet.rawValue)\(suffix).\(format.fileExtension)", contents: text))
                    if format == .html { html = text }
                }
                // The PDF follows the sheet's other files; all are printed together below.
                if pdf != nil, let html {
                    pdfSheets.append((files.count, html))
                    files.append(OutputFile(path: "\(sheet.rawValue)\(suffix).pdf", bytes: Data()))
                }
            }
        }
        if let pdf {
            let printed = try pdf.print(pdfSheets.map(\.html), paper: Paper(zone: agenda.timeZone, zones: zones))
            for (sheet, bytes) in zip(pdfSheets, printed) { files[sheet.index].body = .bytes(bytes) }
        }
        for person in onlineSpeakers(of: timeline, zones: zones) {
            let view = try briefing(of: person, timeline: timeline, zones: zones)
            for format in SheetFormat.allCases {
                files.append(OutputFile(path: "briefings/\(person.id).\(format.fileExtension)",
                                        contents: try renderer.render(view, sheet: .briefing, format: format)))
            }
        }
        return files
    }
}
