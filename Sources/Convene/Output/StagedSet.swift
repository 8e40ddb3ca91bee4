import Foundation

/// A set of outputs written as one: each file is first written into `FOLDER/.convene-staging/`
/// (on the same disk, so it moves into place by a rename), the manifest after them, and then
/// a plan that lists where each goes and what is pruned. Writing the plan is the moment the
/// set counts as written:
///
/// - stopped before the plan exists, the folder still holds its whole old set, and the next run
///   removes the staging folder;
/// - stopped after, the next run finishes the plan before doing anything else (each step can
///   be done again: a file already moved is not in the staging folder any more), so the folder
///   holds the whole new set, manifest included.
///
/// Each file is renamed into place whole, so a reader never sees one half-written.
final class StagedSet {
    static let folderName = ".convene-staging"
    static let planName = "plan"
    static let manifestName = "manifest"

    private let root: FolderHandle
    private let staging: FolderHandle
    /// Each staged file's name in the staging folder and its path in the output folder.
    private var files: [(name: String, path: String)] = []
    /// Files to prune, with the fingerprint each must still have.
    private var removals: [(path: String, print: String)] = []
    private var pruning: [String] = []

    /// A staging folder made in `root`, which must have none (``recover(_:report:)`` runs first).
    init(in root: FolderHandle) throws(OutputError) {
        self.root = root
        guard root.kind(Self.folderName) == nil else {
            throw .cannotWrite(root.full(Self.folderName), reason: "it is in the way of the files being staged — move it away")
        }
        guard let staging = try root.folder(Self.folderName, create: true) else {
            throw .cannotWrite(root.full(Self.folderName), reason: "it cannot be made")
        }
        self.staging = staging
    }

    private init(root: FolderHandle, staging: FolderHandle, plan: Plan) {
        self.root = root
        self.staging = staging
        files = plan.files
        removals = plan.removals
        pruning = plan.pruning
    }

    /// Stages `file`.
    func add(_ file: OutputFile) throws(OutputError) {
        let name = String(files.count)
        try staging.create(name, body: file.body, flush: Self.flushEachFile)
        files.append((name, file.path))
        TestHook.reached("staging", count: files.count)
    }

    /// `path` is to go, if it still has the fingerprint `print`.
    func remove(_ path: String, print: String) {
        removals.append((path, print))
    }

    /// Stages the manifest and writes the plan: from here on, the set is written.
    func commit(manifest: String, pruning: [String]) throws(OutputError) {
        self.pruning = pruning
        try staging.create(Self.manifestName, contents: manifest, flush: Self.flushEachFile)
        TestHook.reached("staged")
        #if os(Linux)
        // One flush for the whole set (sync waits for it on Linux): thousands of files flushed
        // one by one take a second a hundred on a disk that flushes slowly.
        sync()
        #endif
        let plan = Plan(files: files, removals: removals, pruning: pruning)
        try staging.create(Self.planName + ".new", contents: plan.text, flush: true)
        try staging.move(Self.planName + ".new", to: staging, as: Self.planName)
        staging.flush()
        TestHook.reached("committed")
    }

    /// Removes what was staged: the set is not written, and the folder is as it was.
    func discard() {
        for name in staging.names() { staging.remove(name) }
        root.remove(Self.folderName, folder: true)
    }

    /// Carries out the plan: every staged file renamed into place, the pruned files removed
    /// (with their folders once empty), the manifest last, then the staging folder removed.
    func apply() throws(OutputError) {
        var parent: (path: Substring, folder: FolderHandle)?
        for (index, file) in files.enumerated() {
            guard staging.kind(file.name) == S_IFREG else { continue }
            let parts = file.path.split(separator: "/")
            let folderPath = file.path.dropLast(parts.last?.count ?? 0)
            if parent?.path != folderPath {
                guard let folder = try root.folder(at: parts.dropLast(), create: true) else { continue }
                parent = (folderPath, folder)
            }
            guard let parent else { continue }
            try staging.move(file.name, to: parent.folder, as: String(parts.last ?? ""))
            TestHook.reached("moved", count: index + 1)
        }
        for removal in removals {
            guard let (folder, name) = try? root.parent(of: removal.path, create: false),
                  let data = try? folder.read(name), OutputWriter.fingerprint(data) == removal.print,
                  folder.remove(name) else { continue }
            removeEmptyFolders(above: removal.path)
        }
        TestHook.reached("placed")
        if staging.kind(Self.manifestName) == S_IFREG {
            try staging.move(Self.manifestName, to: root, as: OutputWriter.manifestName)
        }
        root.flush()
        TestHook.reached("finished")
        staging.remove(Self.planName)
        discard()
    }

    /// Removes the folders of `path` that are now empty, up to (not including) the pruned
    /// folder it is in: a person's invitations go once they take part in nothing.
    private func removeEmptyFolders(above path: String) {
        var parts = path.split(separator: "/").dropLast()
        while let last = parts.last {
            let folder = parts.joined(separator: "/") + "/"
            guard pruning.contains(where: { folder.hasPrefix($0) && folder != $0 }),
                  let above = try? root.folder(at: parts.dropLast(), create: false),
                  above.remove(String(last), folder: true) else { return }
            parts = parts.dropLast()
        }
    }

    /// Finishes or discards a set an earlier run left in `root`'s staging folder, saying which
    /// to `report`. Runs under the folder's lock, before anything else reads the folder.
    static func recover(_ root: FolderHandle, report: (String) -> Void) throws(OutputError) {
        switch root.kind(folderName) {
        case nil:
            return
        case S_IFDIR:
            break
        case S_IFLNK:
            throw .linked(root.full(folderName))
        default:
            throw .cannotWrite(root.full(folderName), reason: "it is not the staging folder convene makes — move it away")
        }
        guard let staging = try root.folder(folderName, create: false) else { return }
        if let data = try staging.read(planName), let plan = Plan(data) {
            try StagedSet(root: root, staging: staging, plan: plan).apply()
            report("finished writing \(root.path): an earlier convene was stopped after its set of \(plan.files.count) files was complete, and before all were in place")
        } else {
            StagedSet(root: root, staging: staging, plan: Plan(files: [], removals: [], pruning: [])).discard()
            report("removed an unfinished set of files from \(root.full(folderName)): an earlier convene was stopped while writing it; \(root.path) holds what it held before")
        }
    }

    /// Removes the temporary files (`.NAME.PID.tmp`) that a convene stopped while writing one
    /// file left in `folders` of `root`, and the working folders of the PDF engine
    /// (`.convene-pdf.N.PID.tmp`) one stopped while printing left, when that process is gone.
    static func removeStaleTemporaries(in root: FolderHandle, folders: Set<String>) {
        for path in folders {
            guard let folder = path.isEmpty ? root : try? root.folder(at: path.split(separator: "/"), create: false) else { continue }
            for name in folder.names() where name.hasPrefix(".") && name.hasSuffix(".tmp") {
                let parts = name.dropLast(4).split(separator: ".")
                guard parts.count >= 2, let last = parts.last, let process = Int32(last), process > 0,
                      kill(process, 0) != 0, errno == ESRCH else { continue }
                switch folder.kind(name) {
                case S_IFREG: folder.remove(name)
                case S_IFDIR where name.hasPrefix(PrivateFolder.prefix): try? FileManager.default.removeItem(atPath: folder.full(name))
                default: continue
                }
            }
        }
    }

    #if os(Linux)
    static let flushEachFile = false
    #else
    // Elsewhere each file is flushed as it is written, as Foundation flushes a file.
    static let flushEachFile = true
    #endif

    /// What a set's plan says, as written in the staging folder.
    struct Plan {
        var files: [(name: String, path: String)]
        var removals: [(path: String, print: String)]
        var pruning: [String]

        var text: String {
            JSONValue.object([
                ("convene_staging", .int(1)),
                ("files", .array(files.map { .array([.string($0.name), .string($0.path)]) })),
                ("remove", .array(removals.map { .array([.string($0.path), .string($0.print)]) })),
                ("pruning", .array(pruning.map(JSONValue.string))),
            ]).serialized()
        }

        init(files: [(name: String, path: String)], removals: [(path: String, print: String)], pruning: [String]) {
            self.files = files
            self.removals = removals
            self.pruning = pruning
        }

        /// A plan read back: nil unless whole and every path in it is one inside the folder
        /// (a staging folder can be edited like any other).
        init?(_ data: Data) {
            guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                  object["convene_staging"] as? Int == 1,
                  let files = object["files"] as? [[String]], let removals = object["remove"] as? [[String]],
                  let pruning = object["pruning"] as? [String] else { return nil }
            var pairs: [(String, String)] = [], removed: [(String, String)] = []
            for file in files {
                guard file.count == 2, !file[0].isEmpty, file[0].allSatisfy(\.isASCII), file[0].allSatisfy(\.isNumber),
                      OutputWriter.isInside(file[1]) else { return nil }
                pairs.append((file[0], file[1]))
            }
            for removal in removals {
                guard removal.count == 2, OutputWriter.isInside(removal[0]) else { return nil }
                removed.append((removal[0], removal[1]))
            }
            self.init(files: pairs, removals: removed, pruning: pruning)
        }
    }
}

/// Points in writing a set where a test can stop convene as `kill -9` would
/// (`CONVENE_TEST_CRASH=POINT` or `POINT:N`, at the Nth time it is reached) or make it wait
/// (`CONVENE_TEST_PAUSE=POINT:SECONDS`). The points: `staging` (after each file staged),
/// `staged`, `committed`, `moved` (after each file moved into place), `placed`, `finished`.
enum TestHook {
    private static let crash = ProcessInfo.processInfo.environment["CONVENE_TEST_CRASH"].map(point)
    private static let pause = ProcessInfo.processInfo.environment["CONVENE_TEST_PAUSE"].map(point)

    private static func point(_ text: String) -> (name: Substring, value: Double?) {
        let parts = text.split(separator: ":", maxSplits: 1)
        return (parts.first ?? "", parts.count > 1 ? Double(parts[1]) : nil)
    }

    static func reached(_ name: Substring, count: Int = 1) {
        if let crash, crash.name == name, count == Int(crash.value ?? 1) { kill(getpid(), SIGKILL) }
        if let pause, pause.name == name, count == 1, let seconds = pause.value, seconds > 0, seconds < 60 {
            usleep(UInt32(seconds * 1_000_000))
        }
    }
}
