import ArgumentParser
import Convene
import Foundation

/// What the commands share: printing, reading agenda files, and the exit codes.
enum Terminal {
    enum Exit {
        static let invalidInput: Int32 = 1
        static let usage: Int32 = 2
        static let cannotWrite: Int32 = 3
    }

    static let version = "0.1.0"

    static func versionLine() -> String {
        let tzdata = (try? ZoneDirectory())?.version ?? "not found"
        return "convene \(version) (tzdata \(tzdata))"
    }

    static func error(_ message: String) {
        FileHandle.standardError.write(Data((message.hasSuffix("\n") ? message : message + "\n").utf8))
    }

    static func out(_ message: String) {
        FileHandle.standardOutput.write(Data((message.hasSuffix("\n") ? message : message + "\n").utf8))
    }

    /// The time-zone database, or exit 1 saying how to install it.
    static func zones() throws -> ZoneDirectory {
        do {
            return try ZoneDirectory()
        } catch {
            Terminal.error("convene: error: \(error)")
            throw ExitCode(Exit.invalidInput)
        }
    }

    /// The bytes of an agenda file (`-` for standard input), or exit with a message.
    static func read(_ path: String) throws -> [UInt8] {
        if path == "-" { return Array(FileHandle.standardInput.readDataToEndOfFile()) }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            Terminal.error("convene: error: \(path): no such file — check the path; convene new drafts an agenda from a template")
            throw ExitCode(Exit.usage)
        }
        guard !isFolder.boolValue else {
            Terminal.error("convene: error: \(path) is a folder — give the agenda file inside it")
            throw ExitCode(Exit.usage)
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            Terminal.error("convene: error: \(path) cannot be read — check its permissions")
            throw ExitCode(Exit.invalidInput)
        }
        defer { try? handle.close() }
        // Read one byte past the limit so that an oversized file is reported, not loaded.
        let data = (try? handle.read(upToCount: 4 * 1024 * 1024 + 1)) ?? nil
        return Array(data ?? Data())
    }

    /// Loads and checks an agenda file; prints its diagnostics unless `quiet`.
    static func check(_ path: String, quiet: Bool = false, zones: ZoneDirectory? = nil) throws -> AgendaCheck {
        let check = AgendaCheck(bytes: try read(path), zones: try zones ?? Self.zones())
        if !quiet { printDiagnostics(check.diagnostics, file: path) }
        return check
    }

    static func printDiagnostics(_ diagnostics: DiagnosticList, file: String) {
        for diagnostic in diagnostics.sorted { error(diagnostic.rendered(file: file)) }
        if diagnostics.omitted > 0 {
            error("\(file): \(diagnostics.omitted) more problems not shown — fix the ones above first")
        }
    }

    static func summary(_ diagnostics: DiagnosticList) -> String {
        func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        return "\(count(diagnostics.errors.count + diagnostics.omitted, "error")), \(count(diagnostics.warnings.count, "warning"))"
    }

    /// Writes outputs, or exits 3 saying why not.
    static func write(_ body: () throws(OutputError) -> Void) throws {
        do {
            try body()
        } catch {
            Terminal.error("convene: error: \(error)")
            throw ExitCode(Exit.cannotWrite)
        }
    }
}
