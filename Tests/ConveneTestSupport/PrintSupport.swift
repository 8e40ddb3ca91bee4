import Convene
import Foundation
import Testing

/// The shipped print templates, rendered in-process.
public let shippedRenderer = SheetRenderer(folder: packageRoot.appendingPathComponent("templates/print").path)

/// The timeline of agenda text, or a test failure naming its first problem.
public func timeline(_ text: String) throws -> Timeline {
    let check = AgendaCheck(text: text, zones: try zones)
    guard let timeline = check.timeline else {
        throw CLIError(message: "the agenda is not valid: \(check.diagnostics.sorted.first.map { $0.rendered(file: "a.yaml") } ?? "?")")
    }
    return timeline
}

/// The timeline of a sample agenda in `agendas/`.
public func sampleTimeline(_ name: String) throws -> Timeline {
    try timeline(String(contentsOf: packageRoot.appendingPathComponent("agendas/\(name).yaml"), encoding: .utf8))
}

/// A sheet of `timeline`, rendered with the shipped template.
public func printed(_ timeline: Timeline, _ sheet: Sheet, _ format: SheetFormat, language: SheetLanguage? = nil,
             audience: Audience? = nil, person: PersonID? = nil) throws -> String {
    var fallback = SheetLanguage.preferred(in: timeline.agenda.languages)
    if let person, let reader = timeline.agenda.person(person) { fallback = PrintedSheets.language(of: reader, in: timeline.agenda) }
    let builder = SheetBuilder(timeline: timeline, zones: try zones, language: language ?? fallback,
                               audience: audience ?? PrintedSheets.defaultAudience(of: sheet), reader: person)
    let view: SheetView
    switch sheet {
    case .agenda: view = try builder.agendaSheet()
    case .runOfShow: view = try builder.runOfShow()
    case .briefing: view = try builder.briefing(for: person ?? "")
    }
    return try shippedRenderer.render(view, sheet: sheet, format: format)
}

/// Compares `actual` with the golden file `Fixtures/print/NAME`; with `UPDATE_GOLDEN=1` in the
/// environment it writes the file instead. A difference fails with the first lines that differ.
public func expectGolden(_ actual: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let url = packageRoot.appendingPathComponent("Tests/ConveneTests/Fixtures/print/\(name)")
    if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(actual.utf8).write(to: url)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record(Comment(rawValue: "no golden file \(name) — run the tests with UPDATE_GOLDEN=1 to write it, then read it"), sourceLocation: sourceLocation)
        return
    }
    guard expected != actual else { return }
    let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let got = actual.split(separator: "\n", omittingEmptySubsequences: false)
    var diff: [String] = []
    for index in 0..<max(want.count, got.count) where diff.count < 12 {
        let old = index < want.count ? String(want[index]) : "(none)"
        let new = index < got.count ? String(got[index]) : "(none)"
        if old != new { diff.append(contentsOf: ["line \(index + 1):", "- \(old)", "+ \(new)"]) }
    }
    let message = "\(name) differs from its golden file (UPDATE_GOLDEN=1 rewrites it):\n\(diff.joined(separator: "\n"))"
    Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
}
