@testable import Convene
import ConveneTestSupport
import Foundation
import Testing

/// `convene build` stopped as `kill -9` stops it, at every step of writing its set: the folder
/// then holds the whole old set or (once the set was complete) the next run's recovery makes
/// it the whole new set, manifest included; and the next build goes through.
@Suite("builds stopped half-way", .tags(.endToEnd))
struct CrashRecoveryTests {
    static func agenda(start: String) -> String {
        StoreCommandTests.agenda.replacingOccurrences(of: "start: \"10:00\"", with: "start: \"\(start)\"")
            + "  - { id: two, title: Two, date: 2026-12-08, start: \"14:00\", duration: 1h, participants: [ana] }\n"
    }

    /// Every file of the folder but the lock, by path.
    static func snapshot(_ folder: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        let root = folder.standardizedFileURL.path
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let path = enumerator?.nextObject() as? String {
            var isFolder: ObjCBool = false
            FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isFolder)
            if !isFolder.boolValue, path != OutputFolderLock.fileName { files[path] = FileManager.default.contents(atPath: root + "/" + path) }
        }
        return files
    }

    func build(_ agenda: String, in folder: URL, output: String, store: String, crash: String? = nil) throws -> Run {
        try agenda.write(to: folder.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        var environment = ["SOURCE_DATE_EPOCH": "1700000000"]
        if let crash { environment["CONVENE_TEST_CRASH"] = crash }
        return try convene(["build", "a.yaml", "-o", output, "--state", store], in: folder, environment: environment)
    }

    @Test("stopped at any step, the folder is the whole old set or the whole new one, and the next build writes the new one",
          arguments: ["staging:1", "staging:6", "staged", "committed", "moved:1", "moved:6", "placed", "finished"])
    func stoppedAt(point: String) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let old = Self.agenda(start: "10:00"), new = Self.agenda(start: "11:30")
        // The old set, then the new one written without a stop into a copy: what a whole run makes.
        #expect(try build(old, in: folder, output: "out", store: "s.db").status == 0)
        let oldSet = Self.snapshot(folder.appendingPathComponent("out"))
        try FileManager.default.copyItem(at: folder.appendingPathComponent("out"), to: folder.appendingPathComponent("whole"))
        try FileManager.default.copyItem(at: folder.appendingPathComponent("s.db"), to: folder.appendingPathComponent("whole.db"))
        #expect(try build(new, in: folder, output: "whole", store: "whole.db").status == 0)
        let newSet = Self.snapshot(folder.appendingPathComponent("whole"))
        #expect(oldSet != newSet)

        let stopped = try build(new, in: folder, output: "out", store: "s.db", crash: point)
        #expect(stopped.status == SIGKILL, "\(point): the run was stopped (\(stopped.status))")
        // What the next run does first.
        var notes: [String] = []
        try StagedSet.recover(try FolderHandle(folder.appendingPathComponent("out").path, create: false)) { notes.append($0) }
        let recovered = Self.snapshot(folder.appendingPathComponent("out"))
        let committed = !point.hasPrefix("staging") && point != "staged"
        #expect(recovered == (committed ? newSet : oldSet), "\(point): \(notes)")
        #expect(notes.count == 1, "\(point): one note says what was done: \(notes)")

        let next = try build(new, in: folder, output: "out", store: "s.db")
        #expect(next.status == 0, "\(point): \(next.stderr)")
        #expect(Self.snapshot(folder.appendingPathComponent("out")) == newSet, "\(point): the next build leaves the new set")
    }

    @Test("the next build recovers by itself and says so; a temporary file of a process that is gone is removed")
    func nextBuildRecovers() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try build(Self.agenda(start: "10:00"), in: folder, output: "out", store: "s.db").status == 0)
        let stale = folder.appendingPathComponent("out/invites/ana/.one.ics.999999999.tmp")
        try Data("half".utf8).write(to: stale)
        let other = folder.appendingPathComponent("out/notes.txt.tmp")
        try Data("mine".utf8).write(to: other)
        #expect(try build(Self.agenda(start: "11:30"), in: folder, output: "out", store: "s.db", crash: "moved:3").status == SIGKILL)
        let next = try build(Self.agenda(start: "11:30"), in: folder, output: "out", store: "s.db")
        #expect(next.status == 0, "\(next.stderr)")
        #expect(next.stderr.contains("convene: note: finished writing out: an earlier convene was stopped"), "\(next.stderr)")
        #expect(!FileManager.default.fileExists(atPath: stale.path), "the stale temporary file is gone")
        #expect(FileManager.default.fileExists(atPath: other.path), "a file convene did not make stays")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/\(StagedSet.folderName)").path))
    }

    @Test("a staging folder that is a link, or a plan that names a path outside the folder, is refused or discarded, never followed")
    func hostileStaging() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try build(Self.agenda(start: "10:00"), in: folder, output: "out", store: "s.db").status == 0)
        let elsewhere = folder.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        let staging = folder.appendingPathComponent("out/\(StagedSet.folderName)")
        try FileManager.default.createSymbolicLink(atPath: staging.path, withDestinationPath: elsewhere.path)
        let linked = try build(Self.agenda(start: "11:30"), in: folder, output: "out", store: "s.db")
        #expect(linked.status == 1 && linked.stderr.contains("out/.convene-staging is a symbolic link"), "\(linked.stderr)")
        try FileManager.default.removeItem(at: staging)
        // A plan that would move a file out of the folder is not a plan: the set is discarded.
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        try Data("escaped".utf8).write(to: staging.appendingPathComponent("0"))
        try Data(#"{"convene_staging": 1, "files": [["0", "../escaped.txt"]], "remove": [], "pruning": []}"#.utf8)
            .write(to: staging.appendingPathComponent("plan"))
        let next = try build(Self.agenda(start: "11:30"), in: folder, output: "out", store: "s.db")
        #expect(next.status == 0, "\(next.stderr)")
        #expect(next.stderr.contains("removed an unfinished set of files"), "\(next.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("escaped.txt").path))
    }
}
