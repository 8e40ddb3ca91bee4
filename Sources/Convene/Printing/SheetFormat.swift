/// A printed sheet's format.
public enum SheetFormat: String, Sendable, CaseIterable {
    case text, md, html

    /// The file extension of the format, which also names the shipped templates.
    public var fileExtension: String {
        switch self {
        case .text: "txt"
        case .md: "md"
        case .html: "html"
        }
    }

    /// The format a file name asks for by its extension.
    public init?(fileName: String) {
        let lower = fileName.lowercased()
        if lower.hasSuffix(".txt") || lower.hasSuffix(".text") { self = .text }
        else if lower.hasSuffix(".md") || lower.hasSuffix(".markdown") { self = .md }
        else if lower.hasSuffix(".html") || lower.hasSuffix(".htm") { self = .html }
        else { return nil }
    }

    /// The Mustache content type whose escaping the format needs.
    var contentType: String {
        switch self {
        case .text: "CONVENE_TEXT"
        case .md: "CONVENE_MARKDOWN"
        case .html: "HTML"
        }
    }
}

/// A sheet Convene prints.
public enum Sheet: String, Sendable, CaseIterable {
    case agenda
    case runOfShow = "run-of-show"
    case briefing
}
