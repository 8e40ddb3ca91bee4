import Foundation

extension OutputWriter {
    /// Replaces the file at `path`, which a command has read and changed, with `contents`:
    /// atomically (a temporary file beside it, then a rename), with the file's own permissions
    /// (a roster readable only by its keeper stays so, from the first byte written), and only
    /// while it still holds `expected`, so that an edit made meanwhile is not lost.
    public func replace(_ contents: String, at path: String, expecting expected: [UInt8]) throws(OutputError) {
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            throw .cannotWrite(path, reason: "it is not a file that can be replaced")
        }
        let mode = status.st_mode & 0o7777
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode & 0o600)
        guard descriptor >= 0 else { throw .cannotWrite(path, reason: String(cString: strerror(errno))) }
        var failure: String?
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: false)
        do {
            try handle.write(contentsOf: Data(contents.utf8))
            if fchmod(descriptor, mode) != 0 { failure = String(cString: strerror(errno)) }
            try handle.synchronize()
        } catch {
            failure = "\(error.localizedDescription)"
        }
        close(descriptor)
        if failure == nil, FileManager.default.contents(atPath: path).map(Array.init) != expected {
            failure = "it changed while convene was working on it; nothing was written — run the command again"
        }
        if failure == nil, rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temporary)
            throw .cannotWrite(path, reason: failure)
        }
    }
}
