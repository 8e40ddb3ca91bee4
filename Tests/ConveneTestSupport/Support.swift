import Convene
import Foundation
import Testing

/// The system time-zone database, read once for the whole suite.
private let zoneDatabase = Result { try ZoneDirectory() }

/// The system time-zone database (make test installs tzdata); a test using it fails when
/// it is missing.
public var zones: ZoneDirectory {
    get throws { try zoneDatabase.get() }
}

/// The package's root folder.
public let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Checks agenda text and returns its diagnostics in file order.
public func diagnose(_ text: String) throws -> [Diagnostic] {
    AgendaCheck(text: text, zones: try zones).diagnostics.sorted
}

/// The lines `FILE:LINE:COLUMN: severity: message — hint` for agenda text, as `convene check`
/// prints them for a file called `a.yaml`.
public func rendered(_ text: String) throws -> [String] {
    try diagnose(text).map { $0.rendered(file: "a.yaml") }
}

/// The first lines every test agenda starts with (lines 1 to 4).
public let header = """
    convene: 1
    id: test-event
    title: Test event
    timezone: Europe/Kyiv

    """

/// What running the built `convene` binary gave.
public struct Run {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// The `convene` binary `make test` builds before the suite runs.
public func conveneBinary() throws -> URL {
    let candidates = [
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("convene"),
        packageRoot.appendingPathComponent(".build/debug/convene"),
    ]
    for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate.path) {
        return candidate
    }
    throw CLIError(message: "convene is not built; run `swift build` first (make test does)")
}

public struct CLIError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
    public init(message: String) { self.message = message }
}

/// Runs `convene` with `arguments` in `folder`, feeding `input` on standard input.
///
/// Standard input, output and error go through files, not pipes: tests run in parallel, and a
/// pipe end inherited by another test's child process would keep a reader waiting for ever.
public func convene(_ arguments: [String], in folder: URL? = nil, input: String = "", environment: [String: String] = [:]) throws -> Run {
    let process = Process()
    process.executableURL = try conveneBinary()
    process.arguments = arguments
    process.currentDirectoryURL = folder ?? packageRoot
    var env = ProcessInfo.processInfo.environment
    // The PDF engine is off unless a test names one (`pdfEngineEnvironment`): a browser run
    // per build would make every test that builds seconds slower.
    env[PDFEngine.environmentVariable] = pdfEngineOff
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let streams = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: streams) }
    let inURL = streams.appendingPathComponent("in"), outURL = streams.appendingPathComponent("out"), errURL = streams.appendingPathComponent("err")
    try Data(input.utf8).write(to: inURL)
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let stdin = try FileHandle(forReadingFrom: inURL), stdout = try FileHandle(forWritingTo: outURL), stderr = try FileHandle(forWritingTo: errURL)
    defer { try? stdin.close(); try? stdout.close(); try? stderr.close() }
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    process.waitUntilExit()
    return Run(status: process.terminationStatus,
               stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
               stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
}

/// A new empty folder under the system's temporary folder, removed when the test process
/// ends (kept with `CONVENE_KEEP_TEST_FOLDERS=1`, to look into after a failure).
public func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("convene-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    TemporaryFolders.shared.add(url)
    return url
}

/// The folders `temporaryFolder()` made, removed at exit.
final class TemporaryFolders: @unchecked Sendable {
    static let shared = TemporaryFolders()
    private let lock = NSLock()
    private var made: [URL] = []

    private init() {
        guard ProcessInfo.processInfo.environment["CONVENE_KEEP_TEST_FOLDERS"] != "1" else { return }
        atexit { TemporaryFolders.shared.removeAll() }
    }

    func add(_ url: URL) {
        lock.lock(); made.append(url); lock.unlock()
    }

    func removeAll() {
        lock.lock(); let urls = made; made = []; lock.unlock()
        for url in urls { try? FileManager.default.removeItem(at: url) }
    }
}

extension Tag {
    /// Tests that run the built `convene` binary, as a user would.
    @Tag public static var endToEnd: Self
    /// Tests that need a program Convene does not build (Python calendar clients): they run
    /// when `CONVENE_EXTERNAL_TESTS=1`, as `make test` sets it.
    @Tag public static var external: Self
}

/// Whether the tests that need external programs run: `make test` installs those programs and
/// sets `CONVENE_EXTERNAL_TESTS=1`; a plain `swift test` needs nothing beyond libical and tzdata.
public let externalToolsEnabled = ProcessInfo.processInfo.environment["CONVENE_EXTERNAL_TESTS"] == "1"
