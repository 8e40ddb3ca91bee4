import Foundation

/// One convene at a time writes a folder: the commands that record a history and write its
/// view (`ics`, `build`) hold this lock from before they record until their last file is
/// written, so two runs into one folder never leave one's calendars beside the other's sheets.
///
/// The lock is `flock` on `FOLDER/.convene-lock` (never a link): the system lets it go when
/// the process ends, however it ends, so a killed run never leaves the folder locked.
public final class OutputFolderLock {
    public static let fileName = ".convene-lock"
    private let descriptor: Int32

    /// Takes the lock on `folder` (made if missing), waiting up to `waiting` seconds for a
    /// run that holds it.
    public init(_ folder: String, waiting: TimeInterval = 30) throws(OutputError) {
        try OutputWriter.makeFolder(folder, for: folder)
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
        self.descriptor = descriptor
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
