import Convene
import Foundation

/// Reading roster files: those an agenda names (relative to the agenda's folder), and those
/// given to `convene pool`.
extension Terminal {
    /// Why a file cannot be read.
    enum FileProblem: Error {
        case missing
        case folder
        case notAFile
        case unreadable

        var reason: String {
            switch self {
            case .missing: "no such file"
            case .folder: "it is a folder"
            case .notAFile: "it is not a regular file"
            case .unreadable: "it cannot be read (check its permissions)"
            }
        }
    }

    /// The bytes of the file at `path`, read up to one byte past the size limit; only regular
    /// files (after symbolic links), so that a named pipe cannot keep the command waiting.
    static func readFile(_ path: String) -> Result<[UInt8], FileProblem> {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return .failure(.missing) }
        guard !isFolder.boolValue else { return .failure(.folder) }
        let resolved = (path as NSString).resolvingSymlinksInPath
        guard let type = try? FileManager.default.attributesOfItem(atPath: resolved)[.type] as? FileAttributeType,
              type == .typeRegular else { return .failure(.notAFile) }
        guard let handle = FileHandle(forReadingAtPath: path) else { return .failure(.unreadable) }
        defer { try? handle.close() }
        return .success(readLimited(handle))
    }

    /// The rosters an agenda at `agendaPath` names, read relative to its folder (to the
    /// current folder for standard input) and named by their path from the current folder.
    static func rosterSource(for agendaPath: String) -> RosterSource {
        let folder = agendaPath == "-" ? "" : (agendaPath as NSString).deletingLastPathComponent
        return RosterSource { path in
            let name = normalized(path.hasPrefix("/") || folder.isEmpty ? path : folder + "/" + path)
            switch readFile(name) {
            case .success(let bytes): return .found(bytes: bytes, name: name)
            case .failure(let problem): return .unreadable(reason: problem.reason)
            }
        }
    }

    /// `agendas/../rosters/a.yaml` as `rosters/a.yaml`: `.` dropped, `x/..` removed.
    static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." { parts.removeLast(); continue }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        return path.hasPrefix("/") ? "/" + joined : (joined.isEmpty ? "." : joined)
    }

    /// Prints the errors of the rosters an agenda names, under each roster's name.
    static func printRosterErrors(_ rosters: [LoadedRoster]) {
        for roster in rosters {
            for diagnostic in roster.diagnostics.errors { error(diagnostic.rendered(file: roster.name)) }
            if roster.diagnostics.omittedErrors > 0 {
                error("\(roster.name): \(roster.diagnostics.omittedErrors) more errors not shown — fix the ones above first")
            }
        }
    }
}
