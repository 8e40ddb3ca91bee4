import ICal

/// Which calendar an entry belongs to: the programme (`event.ics`) or one person's invites.
public enum CalendarOwner: Sendable, Hashable, Comparable, CustomStringConvertible {
    case programme
    case person(PersonID)

    /// `programme`, or the person's id: how the store and `convene status` name it.
    public var description: String {
        switch self {
        case .programme: "programme"
        case .person(let id): id.rawValue
        }
    }

    /// How the store names the owner: `programme`, or `person:ID`, so that no person's id (not
    /// even one called `programme`) can stand for the programme.
    public var storedName: String {
        switch self {
        case .programme: "programme"
        case .person(let id): "person:" + id.rawValue
        }
    }

    /// The owner a stored name stands for.
    public init(storedName: String) {
        self = storedName.hasPrefix("person:") ? .person(PersonID(rawValue: String(storedName.dropFirst(7)))) : .programme
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        switch (lhs, rhs) {
        case (.programme, .programme): false
        case (.programme, .person): true
        case (.person, .programme): false
        case (.person(let a), .person(let b)): a < b
        }
    }
}

/// What a person must act on in one calendar entry: the fields whose change makes a new
/// SEQUENCE. Wording (SUMMARY, DESCRIPTION, alarms' text), the order of properties, DTSTAMP
/// and Convene's own labels are not part of it.
public struct InvitationMeaning: Sendable, Equatable {
    /// The session's start and end, as instants (seconds since 1970 UTC).
    public var start: Int64
    public var end: Int64
    /// LOCATION as the organisers wrote it: room, venue and address.
    public var place: String
    /// The join link (URL and CONFERENCE).
    public var link: String
    /// How the invite lists its reader: `chair`, `required`, `optional`; empty for the programme.
    public var role: String
    /// `in-person` or `online`, for a person's invite; empty for the programme.
    public var attendance: String
    /// Whether the entry is cancelled (the session is gone, or the person was removed from it).
    public var cancelled: Bool
    /// When the reader's invite reminds them (their tech check, for an online person who
    /// talks): their own turn moved is a change of time for them.
    public var turn: Int64
    /// The reader's address: a new one has not received anything yet.
    public var address: String
    /// Who else the invite lists, as a digest of their addresses: someone leaving the list (because they may no
    /// longer be named to this reader, say) must leave the calendars that show them.
    public var attendees: String

    public init(start: Int64, end: Int64, place: String, link: String, role: String, attendance: String, cancelled: Bool,
                turn: Int64 = 0, address: String = "", attendees: String = "") {
        self.start = start
        self.end = end
        self.place = place
        self.link = link
        self.role = role
        self.attendance = attendance
        self.cancelled = cancelled
        self.turn = turn
        self.address = address
        self.attendees = attendees
    }

    /// The names of the fields that make a new SEQUENCE, in the order they are reported.
    public static let fieldNames = ["time", "place", "link", "role", "attendance", "address", "attendees", "status"]

    /// The fields that differ from `other`, by the names `convene status` and the docs use:
    /// `time`, `place`, `link`, `role`, `attendance`, `status`.
    public func changes(from other: InvitationMeaning) -> [String] {
        var changed: [String] = []
        if start != other.start || end != other.end || turn != other.turn { changed.append("time") }
        if place != other.place { changed.append("place") }
        if link != other.link { changed.append("link") }
        if role != other.role { changed.append("role") }
        if attendance != other.attendance { changed.append("attendance") }
        if address != other.address { changed.append("address") }
        if attendees != other.attendees { changed.append("attendees") }
        if cancelled != other.cancelled { changed.append("status") }
        return changed
    }
}

/// One entry of one calendar as the current agenda makes it: what the history compares.
public struct CalendarEntry: Sendable, Equatable {
    public var owner: CalendarOwner
    public var uid: String
    public var session: SessionID
    public var meaning: InvitationMeaning
    /// What a cancellation needs to be recognised by every client.
    public var summary: String
    public var timeZone: String
    public var startText: String
    public var endText: String
    public var organizer: CalendarDocument.Party?
    public var attendee: CalendarDocument.Party?

    public init(owner: CalendarOwner, uid: String, session: SessionID, meaning: InvitationMeaning, summary: String,
                timeZone: String, startText: String, endText: String, organizer: CalendarDocument.Party?, attendee: CalendarDocument.Party?) {
        self.owner = owner
        self.uid = uid
        self.session = session
        self.meaning = meaning
        self.summary = summary
        self.timeZone = timeZone
        self.startText = startText
        self.endText = endText
        self.organizer = organizer
        self.attendee = attendee
    }
}

/// One version of one calendar entry as Convene generated it: what the event store keeps.
public struct CalendarVersion: Sendable, Equatable {
    /// Why the version was made.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// The first version the person (or the programme) gets.
        case invite
        /// A version whose meaning changed.
        case update
        /// The session is gone.
        case cancellation
        /// The person no longer takes part in a session that goes on.
        case uninvite
    }

    public var entry: CalendarEntry
    public var sequence: Int
    public var kind: Kind
    /// What changed against the version before (`time`, `place`, …); empty for the first.
    public var changed: [String]
    /// When it was generated, sent (marked sent), or discarded: seconds since 1970.
    public var generatedAt: Int64
    public var sentAt: Int64?
    public var discardedAt: Int64?
    /// When `convene send` handed it to the mail program, while it waits to learn the outcome;
    /// still set with no `sentAt` after a crash in between: the version is *unconfirmed*.
    public var handedAt: Int64?
    /// Imported from an output folder's `.convene-sent.json`, which kept only the time and
    /// whether the entry was cancelled: the rest of its meaning is not compared.
    public var isLegacy = false

    public init(entry: CalendarEntry, sequence: Int, kind: Kind, changed: [String], generatedAt: Int64,
                sentAt: Int64? = nil, discardedAt: Int64? = nil) {
        self.entry = entry
        self.sequence = sequence
        self.kind = kind
        self.changed = changed
        self.generatedAt = generatedAt
        self.sentAt = sentAt
        self.discardedAt = discardedAt
    }

    /// Whether it still waits to be sent: neither marked sent nor discarded.
    public var isPending: Bool { sentAt == nil && discardedAt == nil }

    /// Whether it was handed to the mail program and what became of it is not known: it may
    /// have reached its reader. Sending it again sends the same UID and SEQUENCE, which a
    /// client takes for a repeat.
    public var isUnconfirmed: Bool { isPending && handedAt != nil }

    /// The key of the entry it is a version of.
    public var key: CalendarHistory.Key { .init(owner: entry.owner, uid: entry.uid) }
}

/// The history of one event's calendars, and how the current agenda extends it: a new
/// version only when an entry's meaning changed, a cancellation or uninvite for an entry that
/// is gone. Pure: the event store runs it inside one transaction.
public struct CalendarHistory: Sendable {
    /// A calendar entry's identity: whose calendar, and which event in it.
    public struct Key: Sendable, Hashable, Comparable {
        public var owner: CalendarOwner
        public var uid: String

        public init(owner: CalendarOwner, uid: String) {
            self.owner = owner
            self.uid = uid
        }

        public static func < (lhs: Key, rhs: Key) -> Bool {
            (lhs.owner, lhs.uid) < (rhs.owner, rhs.uid)
        }
    }

    /// The latest version of every entry ever generated.
    public var latest: [Key: CalendarVersion]
    /// The latest version of each entry that was marked sent: what its reader last received.
    public var lastSent: [Key: CalendarVersion]

    public init(latest: [Key: CalendarVersion], lastSent: [Key: CalendarVersion] = [:]) {
        self.latest = latest
        self.lastSent = lastSent
    }

    /// The versions `current` adds to the history at `now`: a first version for a new entry,
    /// an update for one whose meaning changed (or that comes back after a cancellation), and
    /// a cancellation or uninvite for one that is gone. Unchanged entries add nothing.
    public func versions(for current: [CalendarEntry], now: Int64) -> [CalendarVersion] {
        var added: [CalendarVersion] = []
        var seen = Set<Key>()
        for entry in current {
            let key = Key(owner: entry.owner, uid: entry.uid)
            guard seen.insert(key).inserted else { continue }
            guard let previous = latest[key] else {
                added.append(CalendarVersion(entry: entry, sequence: 0, kind: .invite, changed: [], generatedAt: now))
                continue
            }
            var changed = entry.meaning.changes(from: previous.entry.meaning)
            if previous.isLegacy {
                // The old file kept the session's times and whether it was cancelled: no more.
                let old = previous.entry.meaning, new = entry.meaning
                changed = (old.start != new.start || old.end != new.end ? ["time"] : []) + (old.cancelled != new.cancelled ? ["status"] : [])
                // What the old file recorded still holds: the entry keeps its SEQUENCE, now
                // with its whole meaning, and counts as sent as it was.
                if changed.isEmpty {
                    added.append(CalendarVersion(entry: entry, sequence: previous.sequence, kind: previous.kind, changed: [],
                                                 generatedAt: now, sentAt: previous.sentAt ?? now))
                    continue
                }
            }
            if !changed.isEmpty {
                added.append(CalendarVersion(entry: entry, sequence: previous.sequence + 1, kind: .update, changed: changed, generatedAt: now))
            }
        }
        let sessions = Set(current.map(\.session))
        // Only those gone are sorted: a forum's history is tens of thousands of entries.
        let gone = latest.filter { !seen.contains($0.key) && !$0.value.entry.meaning.cancelled }
        for (key, previous) in gone.sorted(by: { $0.key < $1.key }) {
            var entry = previous.entry
            entry.meaning.cancelled = true
            // A person removed from a session that goes on is uninvited; the session is not cancelled.
            let kind: CalendarVersion.Kind = key.owner != .programme && sessions.contains(entry.session) ? .uninvite : .cancellation
            added.append(CalendarVersion(entry: entry, sequence: previous.sequence + 1, kind: kind, changed: ["status"], generatedAt: now))
        }
        return added
    }

    /// The history after `added`.
    public func extended(with added: [CalendarVersion]) -> CalendarHistory {
        var next = latest, sent = lastSent
        // Room for all at once: a dictionary that grows holds its old and new storage together
        // (and with nothing added, nothing is copied).
        if !added.isEmpty { next.reserveCapacity(latest.count + added.count) }
        for version in added {
            next[version.key] = version
            if version.sentAt != nil { sent[version.key] = version }
        }
        return CalendarHistory(latest: next, lastSent: sent)
    }

    /// How many entries of people's calendars the history holds.
    public var inviteCount: Int {
        latest.keys.filter { $0.owner != .programme }.count
    }

    /// The latest versions that wait to be sent, in calendar order.
    public var pending: [CalendarVersion] {
        latest.values.filter(\.isPending).sorted { $0.key < $1.key }
    }

    /// The cancellations and uninvites that wait to be sent: every view of the event writes
    /// their files until they are marked sent or discarded.
    public var pendingCancellations: [CalendarVersion] {
        latest.values.filter { $0.isPending && $0.entry.meaning.cancelled }.sorted { $0.key < $1.key }
    }

    /// What waits to be sent, each against what its reader last received.
    public var changes: [PendingChange] {
        pending.map(change(of:))
    }

    /// The one line of ``summary(_:invites:)`` on what waits to be sent, and whether any of it
    /// is for people: counted without listing every change (a forum has tens of thousands).
    public var pendingSummary: (line: String, toPeople: Bool) {
        let pending = latest.values.lazy.filter(\.isPending)
        return (Self.summary(pending.map(change(of:)), invites: inviteCount), pending.contains { $0.entry.owner != .programme })
    }

    /// A version that waits to be sent, against what its reader last received.
    private func change(of version: CalendarVersion) -> PendingChange {
        let sent = lastSent[version.key]
        let what: PendingChange.What
        if version.entry.meaning.cancelled {
            what = version.kind == .uninvite ? .uninvite : .cancellation
        } else if let sent, !sent.entry.meaning.cancelled {
            what = .update
        } else {
            what = .new
        }
        let changed = sent.map { sent in
            sent.isLegacy ? version.changed : version.entry.meaning.changes(from: sent.entry.meaning)
        } ?? []
        return PendingChange(version: version, lastSent: sent, what: what, changed: what == .update ? changed : [])
    }

    /// One line on what waits to be sent to people: "2 new invites, 1 update (time), 1
    /// cancellation to send". The programme is published, not sent, and is left out.
    public static func summary(_ changes: some Sequence<PendingChange>, invites: Int = 1) -> String {
        // Counted in one pass: a forum has tens of thousands of them.
        var counts: [PendingChange.What: Int] = [:], updated = Set<String>()
        for change in changes where change.version.entry.owner != .programme {
            counts[change.what, default: 0] += 1
            if change.what == .update { updated.formUnion(change.changed) }
        }
        guard !counts.isEmpty else { return invites == 0 ? "no invites: nobody with an email takes part" : "nothing to send: every invite is marked sent" }
        var parts: [String] = []
        func count(_ kind: PendingChange.What, _ one: String, _ many: String) {
            let number = counts[kind] ?? 0
            guard number > 0 else { return }
            var text = "\(number) \(number == 1 ? one : many)"
            if kind == .update, !updated.isEmpty {
                text += " (" + InvitationMeaning.fieldNames.filter(updated.contains).joined(separator: ", ") + ")"
            }
            parts.append(text)
        }
        count(.new, "new invite", "new invites")
        count(.update, "update", "updates")
        count(.cancellation, "cancellation", "cancellations")
        count(.uninvite, "uninvite", "uninvites")
        return parts.joined(separator: ", ") + " to send"
    }
}

/// Where a history is kept: the event store records each run's versions in one transaction
/// and answers with the history after them.
public protocol CalendarHistoryRecorder {
    /// Adds the versions `entries` make to the history, at `now`, and returns the history
    /// after them.
    func record(_ entries: [CalendarEntry], at now: Int64) throws -> CalendarHistory
}

/// A history kept in memory, for a single run that remembers nothing (benchmarks, tests).
public final class TransientHistory: CalendarHistoryRecorder, @unchecked Sendable {
    public private(set) var history = CalendarHistory(latest: [:])

    public init() {}

    public func record(_ entries: [CalendarEntry], at now: Int64) throws -> CalendarHistory {
        history = history.extended(with: history.versions(for: entries, now: now))
        return history
    }
}

/// A version that waits to be sent, against what its reader last received.
public struct PendingChange: Sendable, Equatable {
    /// What the reader is to be told.
    public enum What: String, Sendable, Equatable {
        /// An invite they never received (or one that comes back after a cancellation).
        case new
        /// A change to an invite they received.
        case update
        /// The session is gone.
        case cancellation
        /// They no longer take part in the session.
        case uninvite
    }

    public var version: CalendarVersion
    /// What they last received; `nil` when nothing was marked sent.
    public var lastSent: CalendarVersion?
    public var what: What
    /// For an update, what changed since what they last received.
    public var changed: [String]
}
