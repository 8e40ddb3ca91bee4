@testable import Convene
import ConveneTestSupport
import Foundation
import Testing

/// Files written a batch at a time (``OutputFiles``): what a forum's calendars are written as.
@Suite("writing in batches")
struct OutputWriterTests {
    /// Twelve files in three batches; `version` changes what each holds.
    static func files(_ version: Int) -> [OutputFile] {
        (0..<12).map { OutputFile(path: "invites/p\($0 % 4)/s\($0).ics", contents: "version \(version) of file \($0)\n") }
    }

    static func batches(_ files: [OutputFile], before: @escaping @Sendable (Int) -> Void = { _ in }) -> OutputFiles {
        OutputFiles(paths: files.map(\.path)) { body in
            for batch in 0..<3 {
                before(batch)
                try body(Array(files[(batch * 4)..<(batch * 4 + 4)]))
            }
        }
    }

    /// What the manifest in `folder` accepts, by file.
    static func manifest(_ folder: URL) throws -> [String: [String]] {
        let data = try Data(contentsOf: folder.appendingPathComponent(OutputWriter.manifestName))
        let files = try #require((try JSONSerialization.jsonObject(with: data) as? [String: Any])?["files"] as? [String: Any])
        return files.mapValues { ($0 as? String).map { [$0] } ?? ($0 as? [String] ?? []) }
    }

    @Test("while a set is made a batch at a time, the folder holds its whole old set; then the whole new one, as one write of them all leaves it")
    func oldSetUntilWritten() throws {
        let folder = try temporaryFolder(), whole = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder); try? FileManager.default.removeItem(at: whole) }
        try OutputWriter(force: false).write(Self.files(1), into: folder.path, pruning: ["invites/"])
        let before = try Self.manifest(folder)
        let changed = LockedList()
        try OutputWriter(force: false).write(Self.batches(Self.files(2)) { _ in
            for file in Self.files(1) where FileManager.default.contents(atPath: folder.appendingPathComponent(file.path).path) != Data(file.contents.utf8) {
                changed.append(file.path)
            }
            if (try? Self.manifest(folder)) != before { changed.append(OutputWriter.manifestName) }
        }, into: folder.path, pruning: ["invites/"])
        #expect(changed.items.isEmpty, "files changed before the set was complete: \(changed.items)")
        try OutputWriter(force: false).write(Self.files(2), into: whole.path, pruning: ["invites/"])
        for file in Self.files(2) + [OutputFile(path: OutputWriter.manifestName, contents: "")] {
            #expect(FileManager.default.contents(atPath: folder.appendingPathComponent(file.path).path)
                == FileManager.default.contents(atPath: whole.appendingPathComponent(file.path).path), "\(file.path)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(StagedSet.folderName).path), "the staging folder is gone")
    }

    @Test("a set whose making fails leaves the folder as it was, and no staging folder")
    func failedSetLeavesNothing() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try OutputWriter(force: false).write(Self.files(1), into: folder.path, pruning: ["invites/"])
        struct Broken: Error {}
        let failing = OutputFiles(paths: Self.files(2).map(\.path)) { body in
            try body(Array(Self.files(2)[0..<4]))
            throw Broken()
        }
        #expect(throws: Broken.self) { try OutputWriter(force: false).write(failing, into: folder.path) }
        for file in Self.files(1) {
            #expect(FileManager.default.contents(atPath: folder.appendingPathComponent(file.path).path) == Data(file.contents.utf8))
        }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(StagedSet.folderName).path))
    }

    @Test("a file edited by hand in the last batch stops the write before the first batch is written")
    func editedFileStopsEverything() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try OutputWriter(force: false).write(Self.files(1), into: folder.path)
        let edited = folder.appendingPathComponent(Self.files(1)[11].path)
        try Data("my own notes\n".utf8).write(to: edited)
        #expect(throws: OutputError.wouldOverwrite(edited.path)) {
            try OutputWriter(force: false).write(Self.batches(Self.files(2)), into: folder.path)
        }
        for file in Self.files(1).dropLast() {
            #expect(FileManager.default.contents(atPath: folder.appendingPathComponent(file.path).path) == Data(file.contents.utf8))
        }
        #expect(FileManager.default.contents(atPath: edited.path) == Data("my own notes\n".utf8))
    }

    @Test("with no manifest, files that already hold what would be written are not in the way")
    func unknownButSame() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try OutputWriter(force: false).write(Self.files(1), into: folder.path)
        try FileManager.default.removeItem(at: folder.appendingPathComponent(OutputWriter.manifestName))
        try OutputWriter(force: false).write(Self.batches(Self.files(1)), into: folder.path)
        #expect(try Self.manifest(folder).count == 12)
    }
}

/// One file written on its own (`convene new`, `convene schema -o`).
@Suite("writing one file")
struct SingleFileWriteTests {
    @Test("a file that exists is never replaced without force, even one just written, and the error says it exists rather than that it was edited")
    func existingFile() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("panel.yaml").path
        try OutputWriter(force: false).write("first\n", to: path)
        #expect(throws: OutputError.exists(path)) { try OutputWriter(force: false).write("first\n", to: path) }
        #expect(OutputError.exists(path).description == "\(path) already exists — pass --force to replace it, or choose another file name with -o")
        #expect(FileManager.default.contents(atPath: path) == Data("first\n".utf8))
        try OutputWriter(force: true).write("second\n", to: path)
        #expect(FileManager.default.contents(atPath: path) == Data("second\n".utf8))
    }
}

/// Strings collected from inside a batch's maker.
final class LockedList: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    var items: [String] { lock.withLock { list } }
    func append(_ item: String) { lock.withLock { list.append(item) } }
}
