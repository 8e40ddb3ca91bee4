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

    @Test("whenever a batch is made, every file in the folder is one the manifest accepts; the folder ends as one write of them all leaves it")
    func manifestBeforeEachBatch() throws {
        let folder = try temporaryFolder(), whole = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder); try? FileManager.default.removeItem(at: whole) }
        try OutputWriter(force: false).write(Self.files(1), into: folder.path, pruning: ["invites/"])
        let unknown = LockedList()
        try OutputWriter(force: false).write(Self.batches(Self.files(2)) { _ in
            guard let manifest = try? Self.manifest(folder) else { return unknown.append("no manifest") }
            for file in Self.files(1) {
                guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(file.path).path) else { continue }
                if !(manifest[file.path] ?? []).contains(OutputWriter.fingerprint(data)) { unknown.append(file.path) }
            }
        }, into: folder.path, pruning: ["invites/"])
        #expect(unknown.items.isEmpty, "files the manifest did not accept: \(unknown.items)")
        try OutputWriter(force: false).write(Self.files(2), into: whole.path, pruning: ["invites/"])
        for file in Self.files(2) + [OutputFile(path: OutputWriter.manifestName, contents: "")] {
            #expect(FileManager.default.contents(atPath: folder.appendingPathComponent(file.path).path)
                == FileManager.default.contents(atPath: whole.appendingPathComponent(file.path).path), "\(file.path)")
        }
    }

    @Test("the manifest kept up to date a file at a time reads as the one made whole")
    func manifestText() {
        var manifest: [String: Set<String>] = ["b.ics": ["fnv1a64:2"], "a \"quoted\".ics": ["fnv1a64:1", "fnv1a64:0"]]
        var text = ManifestText(manifest, adding: ["c.ics", "b.ics"])
        #expect(text.text == OutputWriter.manifestText(manifest))
        for (print, path) in [("fnv1a64:3", "c.ics"), ("fnv1a64:4", "b.ics")] {
            text.accept(print, for: path, besides: manifest[path] ?? [])
            manifest[path, default: []].insert(print)
            #expect(text.text == OutputWriter.manifestText(manifest))
        }
        #expect(ManifestText([:], adding: ["x.ics"]).text == OutputWriter.manifestText([:]))
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

/// Strings collected from inside a batch's maker.
final class LockedList: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    var items: [String] { lock.withLock { list } }
    func append(_ item: String) { lock.withLock { list.append(item) } }
}
