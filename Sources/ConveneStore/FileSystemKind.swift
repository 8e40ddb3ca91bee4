import Foundation

/// What kind of file system a folder is on, for the one thing the store needs to know: whether
/// SQLite's locking can be trusted there.
enum FileSystemKind {
    /// File system types whose locking SQLite cannot rely on.
    static let networkTypes: Set<String> = ["nfs", "nfs4", "cifs", "smb", "smb3", "smbfs", "9p", "fuse.sshfs", "fuse.rclone",
                                            "afs", "ceph", "glusterfs", "fuse.glusterfs", "lustre", "davfs", "fuse.davfs2"]

    /// The type of the network file system `folder` is on (`nfs4`, `cifs`, `fuse.sshfs`, …), read
    /// from the mount table; `nil` on a local disk or when it cannot be told.
    static func network(at folder: String, mounts: String? = nil) -> String? {
        let resolved = URL(fileURLWithPath: folder).resolvingSymlinksInPath().path
        guard let table = mounts ?? (try? String(contentsOfFile: "/proc/self/mounts", encoding: .utf8)) else { return nil }
        var best: (point: String, type: String)?
        for line in table.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count >= 3 else { continue }
            // Spaces in mount points are written \040 in the table.
            let point = fields[1].replacingOccurrences(of: "\\040", with: " ")
            let inside = point == "/" || resolved == point || resolved.hasPrefix(point.hasSuffix("/") ? point : point + "/")
            if inside, point.count >= (best?.point.count ?? -1) { best = (point, String(fields[2])) }
        }
        guard let type = best?.type, networkTypes.contains(type) else { return nil }
        return type
    }
}
