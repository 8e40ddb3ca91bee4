/// Who confirmed their place, counted beside who was invited: for the event and each session,
/// by gender, by role (speakers, moderators, other participants) and by sector, from each
/// person's current answer (``ReplyAnswer/current(_:)``), and, given the check-in at the door,
/// who actually came (``CheckIn``). Names nobody.
public struct ConfirmedAttendance: Sendable {
    /// One group's counts: invited, and of them accepted, tentative, declined, no answer yet,
    /// and present (marked at the door).
    public struct Counts: Sendable, Equatable {
        public var invited = 0, accepted = 0, tentative = 0, declined = 0
        public var present = 0
        public var unanswered: Int { invited - accepted - tentative - declined }

        mutating func add(_ status: String?, present came: Bool = false) {
            invited += 1
            if came { present += 1 }
            switch status {
            case "ACCEPTED"?: accepted += 1
            case "TENTATIVE"?: tentative += 1
            case "DECLINED"?, "DELEGATED"?: declined += 1
            default: break
            }
        }
    }

    /// The counts of one scope (the event, or a session), by group name.
    public struct Scope: Sendable {
        public var name: String
        public var all = Counts()
        public var byGender: [(String, Counts)] = []
        public var byRole: [(String, Counts)] = []
        public var bySector: [(String, Counts)] = []
        /// Whether anyone was marked at the door (for a session; for the event, in any session).
        public var checked = false
        /// People who came without being on the list, by gender, in the vocabulary's order;
        /// for the event, the sum over the sessions (they cannot be told apart).
        public var unlisted: [(String, Int)] = []
    }

    public var event: Scope
    public var sessions: [Scope]

    /// The counts of `timeline` from `answers` (and `checkIn`, who came); for the public, the
    /// sessions held under a rule that keeps their participants unlisted are counted in the
    /// event alone.
    public init(timeline: Timeline, answers: [ReplyAnswer], audience: Audience, checkIn: CheckIn = CheckIn()) {
        let current = ReplyAnswer.current(answers)
        let people = Dictionary(timeline.agenda.people.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var event = Accumulator(name: "Event")
        var counted: Set<PersonID> = []
        var sessions: [Scope] = []
        var eventUnlisted: [Gender: Int] = [:]
        for timed in timeline.sessions {
            var scope = Accumulator(name: "Session \(timed.id.rawValue)")
            for id in timed.participants {
                guard let person = people[id] else { continue }
                let role = timed.roles.speakers.contains(id) ? "speakers" : timed.roles.moderators.contains(id) ? "moderators" : "other participants"
                let status = current[id.rawValue + " " + timed.id.rawValue]?.status
                scope.add(person, role: role, status: status, present: checkIn.isPresent(id, in: timed.id))
                // The event counts a person once: accepted if they accepted any session,
                // present if they came to any.
                if counted.insert(id).inserted {
                    let came = timeline.sessions.contains { $0.participants.contains(id) && checkIn.isPresent(id, in: $0.id) }
                    let statuses = timeline.sessions.filter { $0.participants.contains(id) }.compactMap { current[id.rawValue + " " + $0.id.rawValue]?.status }
                    let best = ["ACCEPTED", "TENTATIVE", "DECLINED", "DELEGATED"].first { statuses.contains($0) }
                    let eventRole = timeline.sessions.contains { $0.roles.speakers.contains(id) } ? "speakers"
                        : timeline.sessions.contains { $0.roles.moderators.contains(id) } ? "moderators" : "other participants"
                    event.add(person, role: eventRole, status: best, present: came)
                }
            }
            scope.scope.checked = checkIn.checked.contains(timed.id)
            scope.scope.unlisted = Gender.allCases.compactMap { gender in
                let count = checkIn.unlisted(gender, in: timed.id)
                eventUnlisted[gender, default: 0] += count
                return count > 0 ? (gender.rawValue, count) : nil
            }
            let rule = timed.session.confidentiality ?? timeline.agenda.confidentiality
            if audience != .public || rule == .public { sessions.append(scope.scope) }
        }
        event.scope.checked = timeline.sessions.contains { checkIn.checked.contains($0.id) }
        event.scope.unlisted = Gender.allCases.compactMap { gender in eventUnlisted[gender].flatMap { $0 > 0 ? (gender.rawValue, $0) : nil } }
        self.event = event.scope
        self.sessions = sessions
    }

    private struct Accumulator {
        var scope: Scope
        var gender: [String: Counts] = [:], role: [String: Counts] = [:], sector: [String: Counts] = [:]

        init(name: String) { scope = Scope(name: name) }

        mutating func add(_ person: Person, role name: String, status: String?, present: Bool) {
            scope.all.add(status, present: present)
            gender[person.gender.rawValue, default: Counts()].add(status, present: present)
            role[name, default: Counts()].add(status, present: present)
            sector[person.sector?.rawValue ?? "no sector given", default: Counts()].add(status, present: present)
            scope.byGender = Gender.allCases.map(\.rawValue).compactMap { key in gender[key].map { (key, $0) } }
            scope.byRole = ["speakers", "moderators", "other participants"].compactMap { key in role[key].map { (key, $0) } }
            scope.bySector = (Sector.allCases.map(\.rawValue) + ["no sector given"]).compactMap { key in sector[key].map { (key, $0) } }
        }
    }

    /// The text `report --confirmed` adds: a table per scope, within 80 columns.
    public func text() -> String {
        var lines = ["", "CONFIRMED ATTENDANCE · from the replies convene replies read; no person is named",
                     "Each person's latest answer; the event counts a person once, as accepted if they",
                     "accepted any session. Delegated counts as declined."]
        for scope in [event] + sessions {
            lines.append("")
            lines.append(Self.row(scope.name.uppercased(), ["INVITED", "ACCEPTED", "TENTATIVE", "DECLINED", "NO ANSWER"]))
            lines.append(Self.row("everyone", Self.cells(scope.all)))
            for (title, group) in [("by gender", scope.byGender), ("by role", scope.byRole), ("by sector", scope.bySector)] {
                lines.append("  " + title)
                for (name, counts) in group { lines.append(Self.row("    " + name, Self.cells(counts))) }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func cells(_ counts: Counts) -> [String] {
        [counts.invited, counts.accepted, counts.tentative, counts.declined, counts.unanswered].map(String.init)
    }

    static func row(_ name: String, _ cells: [String]) -> String {
        InclusionText.columns(name, labelWidth: 25, cells, cellWidth: 11)
    }

    /// The counts as JSON, for `report --json --confirmed`.
    public func json() -> JSONValue {
        func counts(_ counts: Counts) -> JSONValue {
            .object([("invited", .int(counts.invited)), ("accepted", .int(counts.accepted)), ("tentative", .int(counts.tentative)),
                     ("declined", .int(counts.declined)), ("no_answer", .int(counts.unanswered))])
        }
        func scope(_ scope: Scope) -> JSONValue {
            .object([("scope", .string(scope.name)), ("everyone", counts(scope.all)),
                     ("by_gender", .object(scope.byGender.map { ($0.0, counts($0.1)) })),
                     ("by_role", .object(scope.byRole.map { ($0.0, counts($0.1)) })),
                     ("by_sector", .object(scope.bySector.map { ($0.0, counts($0.1)) }))])
        }
        return .object([("event", scope(event)), ("sessions", .array(sessions.map(scope)))])
    }
}
