import ICal

/// One calendar object resource of the public programme in a CalDAV collection (RFC 4791
/// 4.1): one session's VEVENT with its VTIMEZONE, and no METHOD, at the SEQUENCE the event
/// store gave it.
public struct CalendarResource: Sendable {
    /// The version it carries, as the store holds it.
    public var version: CalendarVersion
    /// Its name in the collection: the UID, percent-encoded, then `.ics`. The same UID is
    /// always the same resource, so an update or a cancellation replaces it.
    public var name: String
    /// The calendar text.
    public var calendar: String

    /// A session that is gone: the resource says STATUS:CANCELLED.
    public var cancelled: Bool { version.entry.meaning.cancelled }

    /// The resource name of `uid`: every character but RFC 3986's unreserved ones
    /// (letters, digits, `-`, `.`, `_`, `~`) percent-encoded as UTF-8.
    public static func name(of uid: String) -> String {
        var name = ""
        for byte in uid.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                name.append(Character(Unicode.Scalar(byte)))
            default:
                let digits = Array("0123456789ABCDEF")
                name += "%" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
            }
        }
        return name + ".ics"
    }
}

extension CalendarOutputs {
    /// The public programme's versions to publish: those that wait (neither published nor
    /// marked sent), or with `all` the latest version of every session the programme ever
    /// held, for a new or emptied collection (a discarded version is left out either way).
    public static func publishable(in history: CalendarHistory, all: Bool = false) -> [CalendarVersion] {
        history.latest.values.filter { version in
            version.entry.owner == .programme && version.discardedAt == nil && (all || version.isPending)
        }.sorted { $0.key < $1.key }
    }

    /// One resource per version of `versions` (the programme's, from ``publishable(in:all:)``):
    /// a session that goes on as `event.ics` describes it, at the version's SEQUENCE; a session
    /// that is gone as `cancellations/event.ics` describes it, STATUS:CANCELLED. Sessions in
    /// the programme's order, then the cancelled ones by UID.
    public static func resources(of draft: Draft, versions: [CalendarVersion], stamp: Int64) throws -> [CalendarResource] {
        let programme = versions.filter { $0.entry.owner == .programme }
        let live = Dictionary(programme.filter { !$0.entry.meaning.cancelled }.map { ($0.entry.uid, $0) }, uniquingKeysWith: { first, _ in first })
        var made: [(version: CalendarVersion, document: CalendarDocument)] = []
        for event in draft.programme.events {
            guard let version = live[event.uid] else { continue }
            var event = event
            event.sequence = version.sequence
            made.append((version, CalendarDocument(method: nil, productID: Invites.productID, events: [event])))
        }
        // The cancellations are made as `cancellations/event.ics` makes them, from a history
        // of these versions alone, each waiting (with `all`, one published before is made again).
        let cancelled = programme.filter(\.entry.meaning.cancelled)
        if !cancelled.isEmpty {
            var latest: [CalendarHistory.Key: CalendarVersion] = [:]
            for version in cancelled {
                var waiting = version
                waiting.sentAt = nil
                waiting.discardedAt = nil
                latest[version.key] = waiting
            }
            let byKey = Dictionary(cancelled.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
            for file in try cancellationDocuments(of: draft, history: CalendarHistory(latest: latest), stamp: stamp) {
                for (version, event) in zip(file.versions, file.document.events) {
                    guard let original = byKey[version.key] else { continue }
                    made.append((original, CalendarDocument(method: nil, productID: Invites.productID, events: [event])))
                }
            }
        }
        let writer = CalendarWriter.Batches()
        try writer.prepare(made.flatMap { CalendarWriter.zoneKeys(of: $0.document) })
        return try made.map { item in
            CalendarResource(version: item.version, name: CalendarResource.name(of: item.version.entry.uid), calendar: try writer.text(of: item.document))
        }
    }
}
