import Foundation

/// A file Convene is about to write, relative to an output folder: text (written as UTF-8),
/// or bytes (a PDF).
public struct OutputFile: Sendable, Equatable {
    public var path: String
    /// What the file holds.
    public var body: Body

    /// A file's contents, as made: text is kept as text until written, so that the thousands
    /// of calendars of a build are never copied into bytes first.
    public enum Body: Sendable, Equatable {
        case text(String)
        case bytes(Data)
    }

    /// A text file, written as UTF-8.
    public init(path: String, contents: String) {
        self.path = path
        self.body = .text(contents)
    }

    /// A file of bytes, written as they are.
    public init(path: String, bytes: Data) {
        self.path = path
        self.body = .bytes(bytes)
    }

    /// The file's text; for bytes, their UTF-8 reading (a PDF's is not meant to be read).
    public var contents: String {
        switch body {
        case .text(let text): text
        case .bytes(let data): String(decoding: data, as: UTF8.self)
        }
    }

    /// The fingerprint the manifest keeps for the file.
    var fingerprint: String {
        switch body {
        case .text(let text): OutputWriter.fingerprint(text)
        case .bytes(let data): OutputWriter.fingerprint(data)
        }
    }
}

/// The files of one output folder, in the order they are written: every path known at once,
/// the contents made a bounded batch at a time as they are written, so that a folder of
/// thousands of calendars is never held in memory whole.
public struct OutputFiles: Sendable {
    /// Every file's path, relative to the folder, in order.
    public let paths: [String]
    private let batches: @Sendable (_ body: ([OutputFile]) throws -> Void) throws -> Void

    /// About how much text a batch holds, at most (a single larger file is a batch of its own).
    public static let batchBytes = 2 << 20

    /// Files already in memory, as one batch.
    public init(_ files: [OutputFile]) {
        paths = files.map(\.path)
        batches = { body in if !files.isEmpty { try body(files) } }
    }

    /// Files whose contents `batches` makes when asked: it calls its argument with each file of
    /// `paths` once, a batch at a time (in the order it makes them, which need not be that of
    /// `paths`), and gives the same contents each time it runs.
    public init(paths: [String], batches: @escaping @Sendable (_ body: ([OutputFile]) throws -> Void) throws -> Void) {
        self.paths = paths
        self.batches = batches
    }

    /// Calls `body` with every file of ``paths``, a batch at a time.
    public func forEachBatch(_ body: ([OutputFile]) throws -> Void) throws {
        try batches(body)
    }

    /// Every file at once, for a caller that needs them together (and few of them).
    public func all() throws -> [OutputFile] {
        var files: [OutputFile] = []
        try forEachBatch { files += $0 }
        return files
    }

    /// The files of `first`, then those of `second`.
    public static func + (first: OutputFiles, second: OutputFiles) -> OutputFiles {
        OutputFiles(paths: first.paths + second.paths) { body in
            try first.forEachBatch(body)
            try second.forEachBatch(body)
        }
    }
}

/// Why an output could not be written.
public enum OutputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A file in an output folder exists and was not written by Convene, or was changed since.
    case wouldOverwrite(String)
    /// The single file to write already exists (whoever wrote it), and replacing it was not asked for.
    case exists(String)
    case cannotWrite(String, reason: String)
    /// A path inside the output folder is a symbolic link: writing through it could put the
    /// file anywhere (and hidden people's invitations with it).
    case linked(String)

    public var description: String {
        switch self {
        case .linked(let path):
            "\(path) is a symbolic link, and convene writes nothing through links inside its output folder — remove the link, or write into another folder"
        case .wouldOverwrite(let path):
            "\(path) already exists and was not written by this convene command, or was edited since — use --force to replace it"
        case .exists(let path):
            "\(path) already exists — pass --force to replace it, or choose another file name with -o"
        case .cannotWrite(let path, let reason):
            "cannot write \(path): \(reason)"
        }
    }
}

/// Writes outputs the way files people keep should be written: each one atomically (a
/// temporary file in the same folder, then a rename), and never over a file the user made
/// or edited unless forced.
///
/// A folder Convene writes into holds `.convene-manifest.json`, a record of what it wrote
/// there and a fingerprint of each file, so that writing the same outputs again is allowed
/// while a hand-edited file is protected.
public struct OutputWriter: Sendable {
    public static let manifestName = ".convene-manifest.json"

    public let force: Bool

    public init(force: Bool) {
        self.force = force
    }

    /// Writes every file into `folder`, or none: all checks are made before the first write.
    ///
    /// A file under one of `pruning` (folder prefixes such as `invites/`) that an earlier run
    /// wrote and this one does not is removed, when it is as it was written: what is left in
    /// the folder is what the current agenda says.
    public func write(_ files: [OutputFile], into folder: String, pruning: [String] = [], report: (String) -> Void = { _ in }) throws(OutputError) {
        do {
            try write(OutputFiles(files), into: folder, pruning: pruning, report: report)
        } catch let error as OutputError {
            throw error
        } catch {
            // Not reached: files already in memory are made without error.
            throw .cannotWrite(folder, reason: "\(error)")
        }
    }

    /// Writes `files` into `folder` as one set, or none of them: every check is made before
    /// the first write, and so is any error in making the contents of a file the check needs.
    /// Throws ``OutputError``, or the error that making the contents threw.
    ///
    /// The set is made a batch at a time in a staging folder inside `folder` (see
    /// ``StagedSet``), then moved into place: a run stopped at any point leaves the folder
    /// with its whole old set or, once the set was complete, a plan the next run finishes
    /// first. Nothing is written, read or removed through a link inside the folder. Pruning is
    /// as for an array of files.
    ///
    /// What the run did to finish or undo an earlier one's set, and is worth saying, goes to `report`.
    public func write(_ files: OutputFiles, into folder: String, pruning: [String] = [], report: (String) -> Void = { _ in }) throws {
        for path in files.paths + [Self.manifestName] where !Self.isInside(path) {
            throw OutputError.cannotWrite(folder + "/" + path, reason: "it is not a path inside the folder")
        }
        // One convene at a time writes a folder (the lock is already held by a command that
        // records a history first).
        let lock = try OutputFolderLock(folder)
        defer { withExtendedLifetime(lock) {} }
        let root = try FolderHandle(folder, create: true)
        try StagedSet.recover(root, report: report)
        // Reading the manifest and every file already there reaches each path one name at a
        // time, refusing a link at any level (``FolderHandle``): so a link inside the folder
        // stops the write before anything is written.
        var manifest = try Self.readManifest(root)
        // A file there that the manifest does not know (and --force does not replace) may be
        // written over only if it holds what it is about to: those are compared once their
        // contents are made, before anything is written.
        var unknown: [String: String] = [:]
        for path in files.paths {
            guard let (parent, name) = try root.parent(of: path, create: false), let data = try parent.read(name) else { continue }
            let existing = Self.fingerprint(data)
            if !force, !(manifest[path]?.contains(existing) ?? false) { unknown[path] = existing }
        }
        if !unknown.isEmpty {
            var differing: Set<String> = []
            try files.forEachBatch { batch in
                for file in batch where unknown[file.path] != nil {
                    if unknown[file.path] != file.fingerprint { differing.insert(file.path) }
                }
            }
            if let first = files.paths.first(where: differing.contains) { throw OutputError.wouldOverwrite(folder + "/" + first) }
        }
        var folders: Set<String> = [""]
        for path in files.paths + manifest.keys { folders.insert(String(path.dropLast(path.split(separator: "/").last?.count ?? 0).dropLast())) }
        StagedSet.removeStaleTemporaries(in: root, folders: folders)
        let staged = try StagedSet(in: root)
        var finished = false
        defer { if !finished { staged.discard() } }
        // Only the files checked above are written, each once, and all of them.
        var unwritten = Set(files.paths)
        try files.forEachBatch { batch in
            for file in batch {
                guard unwritten.remove(file.path) != nil else {
                    throw OutputError.cannotWrite(folder + "/" + file.path, reason: "it is not among the files checked before writing")
                }
                try staged.add(file)
                manifest[file.path] = [file.fingerprint]
            }
        }
        if let missing = files.paths.first(where: unwritten.contains) {
            throw OutputError.cannotWrite(folder + "/" + missing, reason: "its contents were not made")
        }
        // What an earlier run wrote under a pruned folder and this one does not goes, when it
        // is as it was written; a file the user changed stays, and stays protected.
        let written = Set(files.paths)
        for (path, prints) in manifest where !written.contains(path) && pruning.contains(where: { path.hasPrefix($0) }) {
            guard let (parent, name) = try? root.parent(of: path, create: false), let data = try? parent.read(name) else {
                manifest[path] = nil
                continue
            }
            let print = Self.fingerprint(data)
            if prints.contains(print) {
                staged.remove(path, print: print)
                manifest[path] = nil
            }
        }
        try staged.commit(manifest: Self.manifestText(manifest), pruning: pruning)
        finished = true
        try staged.apply()
    }

    /// The manifest as text.
    static func manifestText(_ manifest: [String: Set<String>]) -> String {
        let entries = manifest.keys.sorted().map { key -> (String, JSONValue) in
            let prints = (manifest[key] ?? []).sorted()
            return (key, prints.count == 1 ? .string(prints[0]) : .array(prints.map(JSONValue.string)))
        }
        return JSONValue.object([("written_by", .string("convene")), ("files", .object(entries))]).serialized()
    }

    /// Writes one file at `path`; an existing file (even one Convene wrote) is replaced only
    /// when forced, and is otherwise ``OutputError/exists(_:)``.
    public func write(_ contents: String, to path: String) throws(OutputError) {
        if FileManager.default.fileExists(atPath: path), !force { throw .exists(path) }
        try Self.atomicWrite(Data(contents.utf8), to: path)
    }

    static func atomicWrite(_ data: Data, to path: String) throws(OutputError) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw .cannotWrite(path, reason: "it is a folder")
        }
        try makeFolder(folder.path, for: path)
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try data.write(to: temporary, options: [.withoutOverwriting])
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw .cannotWrite(path, reason: Self.reason(error))
        }
        guard rename(temporary.path, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw .cannotWrite(path, reason: reason)
        }
    }

    /// Makes `folder` and its parents, or says why not.
    public static func makeFolder(_ folder: String) throws(OutputError) {
        try makeFolder(folder, for: folder)
    }

    /// Makes `folder` and its parents, or says why not, naming `path` (what was to be written).
    static func makeFolder(_ folder: String, for path: String) throws(OutputError) {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue { return }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            // Say which part of the path is in the way, rather than the system's error number.
            var ancestor = URL(fileURLWithPath: folder)
            while ancestor.path != "/" {
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: ancestor.path, isDirectory: &isFolder) {
                    if !isFolder.boolValue {
                        throw .cannotWrite(path, reason: "its folder cannot be created: \(ancestor.path) is a file, not a folder")
                    }
                    break
                }
                ancestor.deleteLastPathComponent()
            }
            throw .cannotWrite(path, reason: "its folder cannot be created (\(Self.reason(error)))")
        }
    }

    private static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if nsError.domain == NSCocoaErrorDomain, nsError.code == NSFileWriteNoPermissionError { return "permission denied" }
        return nsError.localizedDescription
    }

    /// What the manifest of the folder accepts for each file: one fingerprint, or (left by an
    /// earlier version of Convene stopped while writing) the one before and the one after.
    static func readManifest(_ root: FolderHandle) throws(OutputError) -> [String: Set<String>] {
        guard let data = try root.read(manifestName),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let files = object["files"] as? [String: Any] else { return [:] }
        var manifest: [String: Set<String>] = [:]
        for (file, value) in files where isInside(file) {
            if let print = value as? String { manifest[file] = [print] }
            if let prints = value as? [String] { manifest[file] = Set(prints) }
        }
        return manifest
    }

    /// Whether a manifest's entry names a file inside its folder: relative, with no `..` and
    /// no empty or `.` parts. Any other entry (a manifest can be edited, or come from someone
    /// else's folder) is ignored, so nothing outside the folder is ever replaced or removed.
    static func isInside(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\\"),
              !path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return false }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        // Convene's own bookkeeping in the folder is never an output.
        guard let first = parts.first, first != StagedSet.folderName, first != OutputFolderLock.fileName else { return false }
        return parts.allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
    }

    /// FNV-1a, 64 bits: enough to tell whether a file changed since it was written.
    static func fingerprint(_ data: Data) -> String {
        data.withUnsafeBytes { fingerprint(bytes: $0) }
    }

    /// The fingerprint of `text` written as UTF-8, without copying it.
    static func fingerprint(_ text: String) -> String {
        var text = text
        return text.withUTF8 { fingerprint(bytes: UnsafeRawBufferPointer($0)) }
    }

    static func fingerprint(bytes: UnsafeRawBufferPointer) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return "fnv1a64:" + String(hash, radix: 16)
    }
}
