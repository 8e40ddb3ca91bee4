import ArgumentParser
import Convene
import ConveneStore
import Foundation

/// Where the event's history is kept: `--state PATH`, else `EVENT-ID.convene.db` beside the agenda.
struct StateOption: ParsableArguments {
    @Option(name: .customLong("state"), help: "The event store (SQLite) that holds what was generated and sent (default: EVENT-ID.convene.db beside the agenda).")
    var path: String?

    func validate() throws {
        if let path, path.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--state needs the path of the event store") }
    }
}

extension Terminal {
    /// The event store of `agenda` (read from `agendaPath`), opened or made; its warnings printed.
    static func store(for agenda: Agenda, agendaPath: String, state: StateOption) throws -> EventStore {
        let path = state.path ?? EventStore.defaultPath(forAgenda: agendaPath, event: agenda.id)
        let store = try reporting { try EventStore(path: path, event: agenda.id) }
        for warning in store.warnings { Terminal.error("convene: warning: \(warning)") }
        return store
    }

    /// Imports the old `.convene-sent.json` of `folder` into `store`, once.
    static func importLegacyState(in folder: String, into store: EventStore, zones: ZoneDirectory, now: Int64) throws {
        let path = folder + "/" + LegacyImport.fileName
        guard let data = FileManager.default.contents(atPath: path) else { return }
        let imported = try reporting { try store.importLegacy(path: path, text: String(decoding: data, as: UTF8.self), zones: zones, at: now) }
        if imported > 0 {
            Terminal.error("convene: note: imported \(imported) calendar entr\(imported == 1 ? "y" : "ies") from \(path) into \(store.path); the file is no longer used")
        }
    }

    /// The history once what `draft` makes is added: recorded in `store` (as `convene ics`
    /// records it, so that what goes out is the latest version), or, for a dry run, worked out
    /// without writing anything.
    static func history(of draft: CalendarOutputs.Draft, in store: EventStore, at stamp: Int64, dryRun: Bool) throws -> CalendarHistory {
        guard dryRun else { return try store.record(draft.entries, at: stamp) }
        let known = try store.history()
        return known.extended(with: known.versions(for: draft.entries, now: stamp))
    }

    /// The last line of a command that generated calendars: what waits to be sent.
    static func pendingSummary(_ history: CalendarHistory, agendaPath: String) {
        let (line, toPeople) = history.pendingSummary
        Terminal.error(toPeople ? "convene: \(line) — convene status \(agendaPath) lists them" : "convene: \(line)")
    }
}

extension Terminal {
    /// `valid` with the sessions moved during the live day that `store` records at their new
    /// times (``ValidAgenda/moving(_:zones:)``): what every command that opens the store works
    /// from. When a session was moved, says so once, with a warning at its line for each thing
    /// a move breaks.
    static func moved(_ valid: ValidAgenda, in store: EventStore, zones: ZoneDirectory, file: String) throws -> ValidAgenda {
        let moves = try reporting { try store.sessionMoves() }
        let (moved, warnings) = valid.moving(moves, zones: zones)
        let count = moved.timeline.movedSessions.count
        guard count > 0 else { return valid }
        Terminal.error("convene: note: \(count == 1 ? "1 session was" : "\(count) sessions were") moved during the live day (convene live); the agenda file still says the planned times")
        for warning in warnings { Terminal.error(warning.rendered(file: file)) }
        return moved
    }

    /// The event store beside the agenda (or `--state`'s) when it exists, for a command that
    /// writes nothing there and so makes none: `nil` for an agenda read from standard input
    /// without `--state`, or when there is no store yet.
    static func existingStore(for agenda: Agenda, agendaPath: String, state: StateOption) throws -> EventStore? {
        guard state.path != nil || agendaPath != "-" else { return nil }
        let path = state.path ?? EventStore.defaultPath(forAgenda: agendaPath, event: agenda.id)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try store(for: agenda, agendaPath: agendaPath, state: state)
    }
}

extension Terminal {
    /// The live day `store` recorded for `sessions` (one room; `nil` for every scheduled
    /// session), replayed onto `valid`'s timeline: what `report --actual` and `print --actual`
    /// read.
    static func recordedDay(_ valid: ValidAgenda, in store: EventStore, sessions: [SessionID]?, zones: ZoneDirectory) throws -> LiveState {
        let room = sessions.map { $0.map(\.rawValue).sorted().joined(separator: " ") } ?? ""
        return try reporting { try LiveState(timeline: valid.timeline, zones: zones, sessions: sessions).applying(try store.liveEvents(room: room)) }
    }
}
