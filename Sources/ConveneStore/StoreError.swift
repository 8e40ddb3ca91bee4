import Foundation
import GRDB

/// Why the event store cannot be used, with what to do about it.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file cannot be opened or made.
    case cannotOpen(String, reason: String)
    /// Another process held the store for longer than ``EventStore/busyTimeout``.
    case busy(String)
    /// The file is not an event store, or is damaged.
    case damaged(String, reason: String)
    /// An entry of an old `.convene-sent.json` cannot be imported.
    case legacyEntry(file: String, entry: String, reason: String)

    /// The store error `error` stands for: itself when it is one already.
    init(_ error: any Error, path: String) {
        if let error = error as? StoreError { self = error; return }
        if let error = error as? DamagedRow { self = .damaged(path, reason: error.reason); return }
        guard let database = error as? DatabaseError else {
            self = .cannotOpen(path, reason: "\(error)")
            return
        }
        switch database.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: self = .busy(path)
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY: self = .cannotOpen(path, reason: database.message ?? "\(database.resultCode)")
        case .SQLITE_NOTADB, .SQLITE_CORRUPT: self = .damaged(path, reason: database.message ?? "\(database.resultCode)")
        default: self = .damaged(path, reason: database.message ?? "\(database)")
        }
    }

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            "cannot open the event store \(path) (\(reason)) — check the folder's permissions, or give another place with --state PATH"
        case .busy(let path):
            "the event store \(path) is busy: another convene has been writing it for \(Int(EventStore.busyTimeout)) s — wait for it to finish, then run the command again"
        case .damaged(let path, let reason):
            "the event store \(path) cannot be read (\(reason)) — restore it from a backup; it holds what every participant was sent"
        case .legacyEntry(let file, let entry, let reason):
            "\(file): the entry \(entry) cannot be imported: \(reason) — correct or remove that entry, or move the file away to start without it"
        }
    }
}
