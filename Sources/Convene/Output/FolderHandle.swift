import Foundation

/// A folder opened once and reached into one name at a time from its descriptor (`openat`,
/// `renameat`, `unlinkat`), never through a symbolic link: a link put in place of a
/// subfolder or a file after a path was checked is met as a link, not followed.
///
/// `path` names the folder in messages only; nothing is reached through it after opening.
final class FolderHandle {
    let descriptor: Int32
    let path: String

    /// Opens `path`, making it (and its parents) when `create` and it is missing. The folder
    /// itself may be a link: it is the one the user named.
    init(_ path: String, create: Bool) throws(OutputError) {
        if create { try OutputWriter.makeFolder(path, for: path) }
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .cannotWrite(path, reason: String(cString: strerror(errno))) }
        self.descriptor = descriptor
        self.path = path
    }

    private init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    deinit { close(descriptor) }

    func full(_ name: String) -> String { path + "/" + name }

    /// What `name` is here, without following a link: nil when there is nothing by that name.
    func kind(_ name: String) -> mode_t? {
        var status = stat()
        guard fstatat(descriptor, name, &status, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
        return status.st_mode & S_IFMT
    }

    /// The subfolder `name`: made when `create` and missing, nil when missing otherwise.
    func folder(_ name: String, create: Bool) throws(OutputError) -> FolderHandle? {
        for attempt in 0..<2 {
            let child = openat(descriptor, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if child >= 0 { return FolderHandle(descriptor: child, path: full(name)) }
            let problem = errno
            if problem == ENOENT {
                guard create else { return nil }
                let made = mkdirat(descriptor, name, 0o777) == 0
                let reason = made ? 0 : errno
                // Made, or made by another process meanwhile: open it.
                if attempt == 0, made || reason == EEXIST { continue }
                throw .cannotWrite(full(name), reason: "its folder cannot be created (\(String(cString: strerror(reason))))")
            }
            if kind(name) == S_IFLNK { throw .linked(full(name)) }
            if problem == ENOTDIR { throw .cannotWrite(full(name), reason: "it is a file, not a folder") }
            throw .cannotWrite(full(name), reason: String(cString: strerror(problem)))
        }
        throw .cannotWrite(full(name), reason: "its folder cannot be created")
    }

    /// The folder `parts` lead to from here, each reached as ``folder(_:create:)`` reaches one.
    func folder(at parts: some Collection<Substring>, create: Bool) throws(OutputError) -> FolderHandle? {
        var current = self
        for part in parts {
            guard let next = try current.folder(String(part), create: create) else { return nil }
            current = next
        }
        return current
    }

    /// The folder holding `path` (relative, checked by ``OutputWriter/isInside(_:)``) and the
    /// file's name in it; nil when a folder on the way is missing and not to be made.
    func parent(of path: String, create: Bool) throws(OutputError) -> (FolderHandle, String)? {
        let parts = path.split(separator: "/")
        guard let name = parts.last, let folder = try folder(at: parts.dropLast(), create: create) else { return nil }
        return (folder, String(name))
    }

    /// The contents of the file `name`; nil when there is none. A link is refused.
    func read(_ name: String) throws(OutputError) -> Data? {
        let file = openat(descriptor, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard file >= 0 else {
            let problem = errno
            if problem == ENOENT { return nil }
            if problem == ELOOP || kind(name) == S_IFLNK { throw .linked(full(name)) }
            throw .cannotWrite(full(name), reason: problem == EISDIR ? "it is a folder" : "it exists but cannot be read (\(String(cString: strerror(problem))))")
        }
        defer { close(file) }
        var status = stat()
        guard fstat(file, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            throw .cannotWrite(full(name), reason: "it is not a plain file")
        }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { Foundation.read(file, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .cannotWrite(full(name), reason: "it exists but cannot be read (\(String(cString: strerror(errno))))")
            }
            if count == 0 { return data }
            data.append(buffer, count: count)
        }
    }

    /// Writes a new file `name` (there must be none) holding `contents`, flushed to disk when `flush`.
    func create(_ name: String, contents: String, flush: Bool = false) throws(OutputError) {
        try create(name, body: .text(contents), flush: flush)
    }

    /// Writes a new file `name` (there must be none) holding `body`, flushed to disk when `flush`.
    func create(_ name: String, body: OutputFile.Body, flush: Bool = false) throws(OutputError) {
        let file = openat(descriptor, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
        guard file >= 0 else { throw .cannotWrite(full(name), reason: String(cString: strerror(errno))) }
        var failure: Int32
        switch body {
        case .text(var text):
            failure = text.withUTF8 { writeAll($0, to: file) }
        case .bytes(let data):
            failure = data.withUnsafeBytes { writeAll($0.bindMemory(to: UInt8.self), to: file) }
        }
        if failure == 0, flush, fsync(file) != 0 { failure = errno }
        if close(file) != 0, failure == 0 { failure = errno }
        guard failure == 0 else {
            unlinkat(descriptor, name, 0)
            throw .cannotWrite(full(name), reason: String(cString: strerror(failure)))
        }
    }

    /// Renames `name` here to `newName` in `folder`, replacing what is there (a link itself,
    /// never what it points at).
    func move(_ name: String, to folder: FolderHandle, as newName: String) throws(OutputError) {
        guard renameat(descriptor, name, folder.descriptor, newName) == 0 else {
            let problem = errno
            throw .cannotWrite(folder.full(newName), reason: problem == EISDIR || problem == ENOTEMPTY ? "it is a folder" : String(cString: strerror(problem)))
        }
    }

    /// Removes the file (or, with `folder`, the empty folder) `name`; whether it went.
    @discardableResult
    func remove(_ name: String, folder: Bool = false) -> Bool {
        unlinkat(descriptor, name, folder ? AT_REMOVEDIR : 0) == 0
    }

    /// The names in this folder.
    func names() -> [String] {
        let copy = dup(descriptor)
        guard copy >= 0, let directory = fdopendir(copy) else {
            if copy >= 0 { close(copy) }
            return []
        }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != ".", name != ".." { names.append(name) }
        }
        return names
    }

    /// Flushes the folder's entries (what was renamed or made in it) to disk.
    func flush() {
        fsync(descriptor)
    }
}

/// Writes every byte to `descriptor`; the error number of a failed write, or 0.
func writeAll(_ bytes: UnsafeBufferPointer<UInt8>, to descriptor: Int32) -> Int32 {
    var offset = 0
    while offset < bytes.count {
        let count = write(descriptor, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
        if count < 0 {
            if errno == EINTR { continue }
            return errno
        }
        offset += count
    }
    return 0
}
