import Convene
import Foundation

/// What `CONVENE_CHROMIUM` is for the tests that do not print PDFs: no program, so a build
/// writes no PDF and says so in one warning.
public let pdfEngineOff = "/nonexistent/convene-tests-pdf-engine-off"

/// The browser on this machine that prints PDFs, found as `convene` finds it; nil without one.
public let installedPDFEngine: String? = {
    var environment = ProcessInfo.processInfo.environment
    environment[PDFEngine.environmentVariable] = nil
    return try? PDFEngine.locate(environment: environment).executable
}()

/// Whether the PDF tests can run: a browser, and poppler's pdfinfo and pdftotext to read the
/// PDFs back (`scripts/install-deps.sh --test` installs them).
public let pdfToolsInstalled = installedPDFEngine != nil && PDFEngine.program("pdfinfo", path: ProcessInfo.processInfo.environment["PATH"] ?? "") != nil
    && PDFEngine.program("pdftotext", path: ProcessInfo.processInfo.environment["PATH"] ?? "") != nil

/// The environment that turns the PDF engine on for one `convene` run.
public var pdfEngineEnvironment: [String: String] {
    [PDFEngine.environmentVariable: installedPDFEngine ?? pdfEngineOff]
}

/// What `pdfinfo` says of a PDF: its pages, and the first page's size in points.
public struct PDFInfo {
    public var pages: Int
    public var width: Double
    public var height: Double
    public var creationDate: String?

    /// The page size rounded to whole points, as paper sizes are named: 595×842 for A4.
    public var size: String { "\(Int(width.rounded()))×\(Int(height.rounded()))" }
}

public func pdfInfo(_ path: String) throws -> PDFInfo {
    let text = try tool("pdfinfo", [path])
    func field(_ name: String) -> String? {
        text.split(separator: "\n").first { $0.hasPrefix(name + ":") }.map { $0.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces) }
    }
    let size = (field("Page size") ?? "").split(separator: " ")
    guard let pages = field("Pages").flatMap({ Int($0) }), size.count >= 3, let width = Double(size[0]), let height = Double(size[2]) else {
        throw CLIError(message: "pdfinfo \(path) said: \(text)")
    }
    return PDFInfo(pages: pages, width: width, height: height, creationDate: field("CreationDate"))
}

/// The text of each page of a PDF, as `pdftotext -layout` reads it.
public func pdfPages(_ path: String) throws -> [String] {
    var pages = try tool("pdftotext", ["-layout", "-enc", "UTF-8", path, "-"]).components(separatedBy: "\u{0C}")
    if pages.last?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true { pages.removeLast() }
    return pages
}

/// Runs a program with its output in a file (tests run in parallel: see `convene`).
func tool(_ name: String, _ arguments: [String]) throws -> String {
    guard let executable = PDFEngine.program(name, path: ProcessInfo.processInfo.environment["PATH"] ?? "") else {
        throw CLIError(message: "\(name) is not installed (scripts/install-deps.sh --test installs it)")
    }
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let out = folder.appendingPathComponent("out")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    let handle = try FileHandle(forWritingTo: out)
    defer { try? handle.close() }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardOutput = handle
    process.standardError = handle
    try process.run()
    process.waitUntilExit()
    let text = String(decoding: try Data(contentsOf: out), as: UTF8.self)
    guard process.terminationStatus == 0 else { throw CLIError(message: "\(name) \(arguments.joined(separator: " ")) failed: \(text)") }
    return text
}
