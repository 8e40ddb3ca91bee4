import Foundation

/// A file Convene is about to write, relative to an output folder.
public struct OutputFile: Sendable, Equatable {
    public var path: String
    public var contents: String

    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}

/// Why an output could not be written.
public enum OutputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file exists and was not written by Convene, or was changed since.
    case wouldOverwrite(String)
    case cannotWrite(String, reason: String)

    public var description: String {
        switch self {
        case .wouldOverwrite(let path):
            "\(path) already exists and was not written by this convene command, or was edited since — use --force to replace it"
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
    public func write(_ files: [OutputFile], into folder: String, pruning: [String] = []) throws(OutputError) {
        let manager = FileManager.default
        let manifestPath = folder + "/" + Self.manifestName
        var manifest = Self.readManifest(manifestPath)
        for file in files {
            let path = folder + "/" + file.path
            guard let data = manager.contents(atPath: path) else {
                if manager.fileExists(atPath: path) { throw .cannotWrite(path, reason: "it exists but cannot be read") }
                continue
            }
            let existing = Self.fingerprint(data)
            let unchanged = existing == Self.fingerprint(Data(file.contents.utf8))
            if !force, !unchanged, !(manifest[file.path]?.contains(existing) ?? false) { throw .wouldOverwrite(path) }
        }
        try Self.makeFolder(folder, for: folder)
        // Before any file changes, the manifest accepts both what each file holds now and what
        // it is about to hold: a run killed half-way leaves a folder the next run may rewrite.
        var during = manifest
        for file in files { during[file.path, default: []].insert(Self.fingerprint(Data(file.contents.utf8))) }
        try Self.writeManifest(during, to: manifestPath)
        for file in files {
            let path = folder + "/" + file.path
            try Self.atomicWrite(Data(file.contents.utf8), to: path)
            manifest[file.path] = [Self.fingerprint(Data(file.contents.utf8))]
        }
        let written = Set(files.map(\.path))
        let root = URL(fileURLWithPath: folder).resolvingSymlinksInPath().path
        for (path, prints) in manifest where !written.contains(path) && pruning.contains(where: { path.hasPrefix($0) }) {
            let full = folder + "/" + path
            // Only a file inside the folder, reached without leaving it through a link, is pruned.
            guard URL(fileURLWithPath: full).resolvingSymlinksInPath().path.hasPrefix(root + "/") else {
                manifest[path] = nil
                continue
            }
            guard let data = FileManager.default.contents(atPath: full) else {
                manifest[path] = nil
                continue
            }
            // A file the user changed stays, and stays protected.
            if prints.contains(Self.fingerprint(data)), (try? FileManager.default.removeItem(atPath: full)) != nil {
                manifest[path] = nil
                // Its folder goes too once empty (a person's invitations, when they take part
                // in nothing), up to the pruned folder itself; a folder with anything else stays.
                var parent = (path as NSString).deletingLastPathComponent
                while !parent.isEmpty, pruning.contains(where: { (parent + "/").hasPrefix($0) && parent + "/" != $0 }) {
                    let directory = folder + "/" + parent
                    guard let contents = try? FileManager.default.contentsOfDirectory(atPath: directory), contents.isEmpty,
                          (try? FileManager.default.removeItem(atPath: directory)) != nil else { break }
                    parent = (parent as NSString).deletingLastPathComponent
                }
            }
        }
        try Self.writeManifest(manifest, to: manifestPath)
    }

    static func writeManifest(_ manifest: [String: Set<String>], to path: String) throws(OutputError) {
        let entries = manifest.keys.sorted().map { key -> (String, JSONValue) in
            let prints = (manifest[key] ?? []).sorted()
            return (key, prints.count == 1 ? .string(prints[0]) : .array(prints.map(JSONValue.string)))
        }
        let text = JSONValue.object([("written_by", .string("convene")), ("files", .object(entries))]).serialized()
        try atomicWrite(Data(text.utf8), to: path)
    }

    /// Writes one file at `path`; an existing file is replaced only when forced.
    public func write(_ contents: String, to path: String) throws(OutputError) {
        if FileManager.default.fileExists(atPath: path), !force { throw .wouldOverwrite(path) }
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

    /// What the manifest at `path` accepts for each file: one fingerprint, or (left by a run
    /// that was stopped while writing) the one before and the one after.
    private static func readManifest(_ path: String) -> [String: Set<String>] {
        guard let data = FileManager.default.contents(atPath: path),
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
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\\"), !path.contains("\u{0}") else { return false }
        return path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
    }

    /// FNV-1a, 64 bits: enough to tell whether a file changed since it was written.
    static func fingerprint(_ data: Data) -> String {
        data.withUnsafeBytes { fingerprint(bytes: $0) }
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
