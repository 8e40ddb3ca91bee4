/// The checks that need instants: people and rooms in two places at once, online speakers
/// asked to talk in their night, sessions on days people do not work.
struct ConflictCheck {
    let timeline: Timeline
    let resolver: Resolver
    let map: SourceMap
    let people: [PersonID: Person]

    init(timeline: Timeline, resolver: Resolver, map: SourceMap) {
        self.timeline = timeline
        self.resolver = resolver
        self.map = map
        people = Dictionary(timeline.agenda.people.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func run() -> DiagnosticList {
        var diagnostics = DiagnosticList()
        let agenda = timeline.agenda
        let sessions = timeline.sessions
        for (position, later) in sessions.enumerated() {
            for earlier in sessions[..<position] where earlier.start < later.end && later.start < earlier.end {
                overlap(earlier, later, agenda: agenda, into: &diagnostics)
            }
        }
        for timed in sessions {
            nightSpeakers(timed, agenda: agenda, into: &diagnostics)
            nonWorkingDay(timed, agenda: agenda, into: &diagnostics)
        }
        return diagnostics
    }

    private func roles(_ timed: TimedSession) -> Set<PersonID> {
        Set(timed.roles.holders)
    }

    private func span(_ timed: TimedSession) -> String {
        guard let start = try? resolver.zones.zonedTime(timed.start, in: timeline.agenda.timeZone),
              let end = try? resolver.zones.zonedTime(timed.end, in: timeline.agenda.timeZone) else { return "" }
        return "\(start.date) \(start.clock)–\(end.clock)"
    }

    private func overlap(_ first: TimedSession, _ second: TimedSession, agenda: Agenda, into diagnostics: inout DiagnosticList) {
        let path = SourcePath.root.sessions[second.index]
        let busy = roles(first).intersection(roles(second))
        for id in agenda.people.map(\.id) where busy.contains(id) {
            let name = people[id]?.name ?? id.rawValue
            diagnostics.error(map.location(path),
                "\(name) speaks or moderates in both '\(first.id)' (\(span(first))) and '\(second.id)' (\(span(second))), which overlap",
                hint: "move one of the sessions, or give one of the parts to someone else")
        }
        if case .list(let firstList) = first.session.participants, case .list(let secondList) = second.session.participants {
            let both = Set(firstList).intersection(secondList).subtracting(busy)
            for id in agenda.people.map(\.id) where both.contains(id) {
                diagnostics.warning(map.location(path.participants),
                    "\(people[id]?.name ?? id.rawValue) is listed in both '\(first.id)' and '\(second.id)', which overlap",
                    hint: "they can only be in one; remove them from one of the lists", code: .doubleBooked, session: second.id, person: id)
            }
        }
        let rooms = (first.session.room ?? agenda.venue?.room, second.session.room ?? agenda.venue?.room)
        if let room = rooms.0, room == rooms.1 {
            diagnostics.error(map.location(map.contains(path.room) ? path.room : path),
                "the room '\(room)' is booked for both '\(first.id)' (\(span(first))) and '\(second.id)' (\(span(second)))",
                hint: "give one of the sessions another room:, or move it")
        }
    }

    private func nightSpeakers(_ timed: TimedSession, agenda: Agenda, into diagnostics: inout DiagnosticList) {
        guard let venueDate = timed.session.date else { return }
        for (timedSegment, roles) in zip(timed.segments, timed.roles.segments) {
            let segment = timedSegment.segment
            let floor = roles.floor + (roles.hasOwnModerator ? [roles.moderator].compactMap { $0 } : [])
            for id in floor {
                guard let person = people[id], person.attendance == .online,
                      let view = try? resolver.localView(of: person, from: timedSegment.start, to: timedSegment.end, venueDate: venueDate, in: agenda),
                      view.flags.contains(.night) else { continue }
                let place = SourcePath.root.sessions[timed.index].segments[timedSegment.index]
                let key = segment.speakers.contains(id) ? "speakers" : segment.facilitators.contains(id) ? "facilitators" : "moderator"
                diagnostics.warning(map.location(place.key(key)),
                    "\(person.name) has the floor in '\(segment.title)' at \(SheetLanguage.en.span(view.start, view.end)) in \(view.timeZone), during the night",
                    hint: "move the segment, or make sure they have agreed to join at that hour", code: .nightFloor, session: timed.id, person: id)
            }
        }
    }

    private func nonWorkingDay(_ timed: TimedSession, agenda: Agenda, into diagnostics: inout DiagnosticList) {
        guard let venueDate = timed.session.date else { return }
        var affected: [String] = []
        for id in timed.participants {
            guard let person = people[id],
                  let view = try? resolver.localView(of: person, from: timed.start, to: timed.end, venueDate: venueDate, in: agenda),
                  view.flags.contains(.notAWorkingDay) else { continue }
            affected.append(person.name)
        }
        guard !affected.isEmpty else { return }
        let names = affected.count <= 3 ? affected.joined(separator: ", ")
            : affected.prefix(3).joined(separator: ", ") + " and \(affected.count - 3) more"
        diagnostics.warning(map.location(SourcePath.root.sessions[timed.index].date),
            "session '\(timed.id)' falls on a day that is not a working day for \(names)",
            hint: "move it, or check with them; working_days says which days each person works", code: .notAWorkingDay, session: timed.id)
    }
}
