import Foundation

/// One convene at a time writes a folder: the commands that record a history and write its
/// view (`ics`, `build`) hold this lock from before they record until their last file is
/// written, so two runs into one folder never leave one's calendars beside the other's sheets.
///
/// The lock is `flock` on `FOLDER/.convene-lock` (never a link): the system lets it go when
/// the process ends, however it ends, so a killed run never leaves the folder locked.
///
/// A process that holds the lock on a folder takes it again at once (``OutputWriter`` takes it
/// for every write; `ics` and `build` hold it already), and lets it go with its last holder.
public final class OutputFolderLock {
    public static let fileName = ".convene-lock"
    private let key: String

    /// The folders this process holds, by device and inode: each one's descriptor and holders.
    nonisolated(unsafe) private static var held: [String: (descriptor: Int32, holders: Int)] = [:]
    private static let heldLock = NSLock()

    /// Takes the lock on `folder` (made if missing), waiting up to `waiting` seconds for a
    /// run that holds it.
    public init(_ folder: String, waiting: TimeInterval = 30) throws(OutputError) {
        try OutputWriter.makeFolder(folder, for: folder)
        var status = stat()
        guard stat(folder, &status) == 0 else { throw .cannotWrite(folder, reason: String(cString: strerror(errno))) }
        key = "\(status.st_dev):\(status.st_ino)"
        let again = Self.heldLock.withLock { () -> Bool in
            guard let entry = Self.held[key] else { return false }
            Self.held[key] = (entry.descriptor, entry.holders + 1)
            return true
        }
        if again { return }
        let path = folder + "/" + Self.fileName
        let descriptor = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .cannotWrite(path, reason: errno == ELOOP ? "it is a symbolic link" : String(cString: strerror(errno)))
        }
        let deadline = Date().addingTimeInterval(waiting)
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, Date() < deadline else {
                close(descriptor)
                throw .cannotWrite(folder, reason: "another convene has been writing this folder for \(Int(waiting)) seconds — wait for it to finish, then run again")
            }
            usleep(50_000)
        }
        Self.heldLock.withLock { Self.held[key] = (descriptor, 1) }
    }

    deinit {
        Self.heldLock.withLock {
            guard let entry = Self.held[key] else { return }
            if entry.holders > 1 {
                Self.held[key] = (entry.descriptor, entry.holders - 1)
            } else {
                Self.held[key] = nil
                flock(entry.descriptor, LOCK_UN)
                close(entry.descriptor)
            }
        }
    }
}
