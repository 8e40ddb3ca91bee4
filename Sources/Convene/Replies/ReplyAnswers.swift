import ICal

/// An answer to one person's invitation to one session, matched to the agenda: what the event
/// store keeps of each reply read.
public struct ReplyAnswer: Sendable, Equatable {
    /// What makes two readings one answer (``ReadReply/key``).
    public var key: String
    public var person: PersonID
    public var session: SessionID
    public var uid: String
    /// `REPLY` or `COUNTER`.
    public var method: String
    /// PARTSTAT: ACCEPTED, TENTATIVE, DECLINED or DELEGATED (for a COUNTER, what it says).
    public var status: String
    public var delegatedTo: String?
    /// The SEQUENCE of the invitation it answers, and its DTSTAMP.
    public var sequence: Int
    public var stamp: Int64?
    /// A COUNTER's proposed time.
    public var proposedStart: Int64?
    public var proposedEnd: Int64?
    public var comment: String?
    /// The address it answered for, and where it was read.
    public var address: String
    public var source: String
    /// When it was read, seconds since 1970.
    public var receivedAt: Int64

    public init(key: String, person: PersonID, session: SessionID, uid: String, method: String, status: String, delegatedTo: String?,
                sequence: Int, stamp: Int64?, proposedStart: Int64?, proposedEnd: Int64?, comment: String?, address: String, source: String,
                receivedAt: Int64) {
        self.key = key
        self.person = person
        self.session = session
        self.uid = uid
        self.method = method
        self.status = status
        self.delegatedTo = delegatedTo
        self.sequence = sequence
        self.stamp = stamp
        self.proposedStart = proposedStart
        self.proposedEnd = proposedEnd
        self.comment = comment
        self.address = address
        self.source = source
        self.receivedAt = receivedAt
    }

    /// The word `status` and `replies` print: accepted, tentative, declined, delegated.
    public var word: String { status.lowercased() }

    /// Whether `self` comes after `other` for the same person and session: a higher SEQUENCE
    /// wins, then a later DTSTAMP; an older version's answer never replaces a newer one's.
    public func supersedes(_ other: ReplyAnswer) -> Bool {
        if sequence != other.sequence { return sequence > other.sequence }
        return (stamp ?? 0) > (other.stamp ?? 0)
    }

    /// Each person's current answer per session, from every stored REPLY (COUNTERs propose, and
    /// change no one's answer).
    public static func current(_ answers: [ReplyAnswer]) -> [String: ReplyAnswer] {
        var current: [String: ReplyAnswer] = [:]
        for answer in answers where answer.method == "REPLY" {
            let key = answer.person.rawValue + " " + answer.session.rawValue
            if let known = current[key], !answer.supersedes(known) { continue }
            current[key] = answer
        }
        return current
    }
}

/// Matches replies read from files to the agenda: the UID must be one of this event's
/// invitations, the attendee one of its people invited to that session.
public struct ReplyMatching: Sendable {
    let event: String
    let people: [String: Person]
    let sessions: Set<String>
    /// Who was invited where, by person and session id: the people of each session now, and
    /// every invitation the event store holds (a session since removed still has answers).
    let invited: Set<String>

    public init(timeline: Timeline, invitedBefore: [(PersonID, SessionID)]) {
        event = timeline.agenda.id
        var people: [String: Person] = [:]
        for person in timeline.agenda.people {
            if let email = person.email?.lowercased(), people[email] == nil { people[email] = person }
        }
        self.people = people
        sessions = Set(timeline.agenda.sessions.map(\.id.rawValue))
        var invited = Set(invitedBefore.map { $0.0.rawValue + " " + $0.1.rawValue })
        for timed in timeline.sessions {
            for person in timed.participants { invited.insert(person.rawValue + " " + timed.id.rawValue) }
        }
        self.invited = invited
    }

    /// The answer `reply` gives, or why it is not applied.
    public func match(_ reply: ReadReply, now: Int64) -> Result<ReplyAnswer, Ignored> {
        let response = reply.response
        guard response.method == "REPLY" || response.method == "COUNTER" else {
            return .failure(.notAnAnswer(response.method.isEmpty ? "no METHOD" : "METHOD:\(response.method)"))
        }
        let suffix = "@\(event).convene"
        guard response.uid.hasSuffix(suffix), !response.uid.hasPrefix("public-") else { return .failure(.unknownEvent(response.uid)) }
        let session = String(response.uid.dropLast(suffix.count))
        guard let person = people[response.attendee] else { return .failure(.unknownAddress(response.attendee, session: session)) }
        guard invited.contains(person.id.rawValue + " " + session) else { return .failure(.notInvited(person.id, session: session)) }
        guard response.method == "COUNTER" || ["ACCEPTED", "TENTATIVE", "DECLINED", "DELEGATED"].contains(response.status) else {
            return .failure(.noAnswer(person.id, session: session, status: response.status))
        }
        return .success(ReplyAnswer(key: reply.key, person: person.id, session: SessionID(rawValue: session), uid: response.uid, method: response.method,
                                    status: response.status, delegatedTo: response.delegatedTo, sequence: response.sequence, stamp: response.stamp,
                                    proposedStart: response.proposedStart, proposedEnd: response.proposedEnd, comment: response.comment,
                                    address: response.attendee, source: reply.source, receivedAt: now))
    }

    /// Why a reply is read but not applied.
    public enum Ignored: Error, Sendable, Equatable, CustomStringConvertible {
        case notAnAnswer(String)
        case unknownEvent(String)
        case unknownAddress(String, session: String)
        case notInvited(PersonID, session: String)
        case noAnswer(PersonID, session: String, status: String)

        public var description: String {
            switch self {
            case .notAnAnswer(let method): "a calendar that is not a reply (\(method))"
            case .unknownEvent(let uid): "a reply for \(uid), which is no invitation of this event"
            case .unknownAddress(let address, let session): "a reply from \(address) for session \(session), who is no person of this agenda with that address"
            case .notInvited(let person, let session): "a reply from \(person.rawValue) for session \(session), to which they are not invited"
            case .noAnswer(let person, let session, let status): "a reply from \(person.rawValue) for session \(session) that gives no answer (PARTSTAT \(status))"
            }
        }
    }
}
