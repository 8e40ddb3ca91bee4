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

    static let version = ConveneVersion.current

    /// The version and the tz database release, then the languages whose labels a native
    /// speaker has not yet reviewed.
    static func versionLine() -> String {
        let tzdata = (try? ZoneDirectory())?.version ?? "not found"
        let unreviewed = LabelCatalog.shipped.map { catalog in
            catalog.unreviewed.isEmpty ? "every language's labels are reviewed" : "labels not yet reviewed by a native speaker: "
                + catalog.unreviewed.map { "\($0.rawValue) (\($0.englishName))" }.joined(separator: ", ")
        } ?? "labels not found (set CONVENE_HOME to the folder that holds templates/labels)"
        return "convene \(version) (tzdata \(tzdata))\n\(unreviewed)"
    }

    /// Checks the labels files of `languages` (and English's, whose review notice every
    /// unreviewed sheet repeats) before anything is printed in them, or exits 1 listing every
    /// problem at its line.
    static func labels(for languages: [SheetLanguage]) throws {
        guard let catalog = LabelCatalog.shipped else {
            error("convene: error: the sheets' labels were not found — set CONVENE_HOME to the folder that holds templates/labels")
            throw ExitCode(Exit.invalidInput)
        }
        let problems = catalog.problems(of: [.en] + languages.filter { $0 != .en })
        guard problems.isEmpty else {
            for problem in problems { error(problem.description) }
            throw ExitCode(Exit.invalidInput)
        }
    }

    /// ``labels(for:)`` for every language an agenda's outputs may be in: its own, and those
    /// its people speak (a briefing is in its speaker's language).
    static func labels(for agenda: Agenda) throws {
        try labels(for: SheetLanguage.all(in: agenda.languages + agenda.people.flatMap(\.languages)))
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
        if path == "-" { return readLimited(FileHandle.standardInput) }
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
        return readLimited(handle)
    }

    /// Reads at most one byte past the size limit of an agenda, so that an oversized input
    /// (or an endless one, such as /dev/zero) is reported rather than loaded.
    static func readLimited(_ handle: FileHandle) -> [UInt8] {
        let limit = AgendaCheck.maximumSize + 1
        var bytes: [UInt8] = []
        while bytes.count < limit {
            guard let chunk = try? handle.read(upToCount: min(65_536, limit - bytes.count)), !chunk.isEmpty else { break }
            bytes += chunk
        }
        return bytes
    }

    /// Loads and checks an agenda file, with the rosters it names; prints its diagnostics (and
    /// its rosters' errors) unless `quiet`.
    ///
    /// `convene check` lists every warning; the other commands list the errors and count the
    /// warnings in one line, so that their own output is not buried (`allWarnings: false`).
    static func check(_ path: String, quiet: Bool = false, zones: ZoneDirectory? = nil, allWarnings: Bool = false) throws -> AgendaCheck {
        let database = try zones ?? Self.zones()
        let bytes = try read(path)
        // A roster given where an agenda belongs: one message, not one per unknown key.
        if RosterLoader.looksLikeRoster(bytes) {
            error("convene: error: \(path) is a roster of experts, not an agenda — name it in an agenda's rosters: list, or check it with convene check \(path)")
            throw ExitCode(Exit.invalidInput)
        }
        let check = AgendaCheck(bytes: bytes, zones: database, rosters: rosterSource(for: path))
        if !quiet { printRosterErrors(check.rosters) }
        if !quiet, let agenda = check.agenda { warnIfStale(database, agenda: agenda) }
        if !quiet {
            if allWarnings {
                printDiagnostics(check.diagnostics, file: path)
            } else {
                var errors = DiagnosticList()
                for diagnostic in check.diagnostics.errors { errors.append(diagnostic) }
                printDiagnostics(errors, file: path)
                let count = check.diagnostics.warningCount
                if count > 0 {
                    error("\(path): \(count) warning\(count == 1 ? "" : "s") — convene check \(path) lists \(count == 1 ? "it" : "them")")
                }
            }
        }
        return check
    }

    /// Warns when the system's tz database is older than the newest release Convene knows of,
    /// naming the agenda's zones (the venue's and each person's) that the newer releases changed.
    static func warnIfStale(_ database: ZoneDirectory, agenda: Agenda) {
        var names = Set([agenda.timeZone])
        for person in agenda.people { names.insert(person.effectiveTimeZone(in: agenda)) }
        let zones = Set(names.map { database.currentName(for: $0) ?? $0 })
        let fromYear = agenda.sessions.compactMap(\.date?.year).min() ?? 2000
        if let warning = TZReleases.warning(system: database.version, zones: zones, fromYear: fromYear) {
            error("convene: warning: \(warning)")
        }
    }

    static func printDiagnostics(_ diagnostics: DiagnosticList, file: String) {
        for diagnostic in diagnostics.sorted { error(diagnostic.rendered(file: file)) }
        if diagnostics.omitted > 0 {
            error("\(file): \(diagnostics.omittedErrors) more errors and \(diagnostics.omittedWarnings) more warnings not shown — fix the ones above first")
        }
    }

    static func summary(_ diagnostics: DiagnosticList) -> String {
        func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        let accepted = diagnostics.acceptedCount > 0 ? ", \(diagnostics.acceptedCount) accepted" : ""
        return "\(count(diagnostics.errorCount, "error")), \(count(diagnostics.warningCount, "warning"))\(accepted)"
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
