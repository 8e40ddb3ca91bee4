import ArgumentParser
import Convene

/// What `convene print --format` writes: a sheet's own format (text, Markdown, HTML), or a
/// PDF, which is the HTML sheet printed by the PDF engine.
enum PrintFormat: String, CaseIterable, ExpressibleByArgument {
    case text, md, html, pdf

    /// The format of the template the sheet is rendered with.
    var sheetFormat: SheetFormat {
        switch self {
        case .text: .text
        case .md: .md
        case .html, .pdf: .html
        }
    }

    var fileExtension: String { self == .pdf ? "pdf" : sheetFormat.fileExtension }

    /// The format a file name asks for by its extension.
    init?(fileName: String) {
        if fileName.lowercased().hasSuffix(".pdf") {
            self = .pdf
        } else if let format = SheetFormat(fileName: fileName) {
            self = PrintFormat(rawValue: format.rawValue) ?? .text
        } else {
            return nil
        }
    }
}
