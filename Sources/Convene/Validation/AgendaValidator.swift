/// The checks that need the whole agenda: unique ids, references that resolve, segments that
/// fit their sessions, moderators where the floor must be held, zones for online people.
///
/// Everything here works on wall-clock minutes in the venue's zone; instants and other zones
/// belong to the resolver.
public struct AgendaValidator: Sendable {
    public init() {}

    /// What validation found: the problems, and how the segments of each well-formed session
    /// lie within it.
    public struct Result: Sendable {
        public var diagnostics: DiagnosticList
        /// By session index: sessions whose timing had errors have none.
        public var layouts: [Int: SegmentLayout]
    }

    /// Every problem of `agenda`, placed with `sourceMap`. The people in `unresolved` had an
    /// error while loading: nothing that follows from it is reported again.
    public func validate(_ agenda: Agenda, sourceMap: SourceMap, unresolved: UnresolvedPeople = UnresolvedPeople()) -> Result {
        var run = Run(agenda: agenda, map: sourceMap, unresolved: unresolved)
        run.checkIDs()
        run.checkPeople()
        for index in agenda.sessions.indices {
            run.checkReferences(session: index)
            run.checkTiming(session: index)
            run.checkSpeakingTimes(session: index)
        }
        return Result(diagnostics: run.diagnostics, layouts: run.layouts)
    }

    private struct Run {
        let agenda: Agenda
        let map: SourceMap
        let unresolved: UnresolvedPeople
        var diagnostics = DiagnosticList()
        var layouts: [Int: SegmentLayout] = [:]
        let personIDs: [String]
        /// The ids an unknown person's hint may suggest: not those taken from an unresolved
        /// `roster:`, which may be the typo.
        let suggestedIDs: [String]
        let questionIDs: [String]
        let knownPeople: Set<String>
        let knownQuestions: Set<String>

        init(agenda: Agenda, map: SourceMap, unresolved: UnresolvedPeople) {
            self.agenda = agenda
            self.map = map
            self.unresolved = unresolved
            personIDs = agenda.people.map(\.id.rawValue)
            suggestedIDs = unresolved.written.isEmpty ? personIDs : personIDs.filter { !unresolved.written.contains($0) }
            questionIDs = agenda.guidingQuestions.map(\.id.rawValue)
            knownPeople = Set(personIDs)
            knownQuestions = Set(questionIDs)
        }

        // MARK: Ids

        mutating func checkIDs() {
            duplicates(personIDs, path: "people", what: "person")
            duplicates(agenda.sessions.map(\.id.rawValue), path: "sessions", what: "session")
            duplicates(questionIDs, path: "guiding_questions", what: "guiding question")
        }

        private mutating func duplicates(_ ids: [String], path: SourcePath, what: String) {
            // Ids name files (invites/ID/…), so two that differ only in case collide on the
            // file systems that ignore case (macOS, Windows, many shared drives).
            var first: [String: Int] = [:]
            for (index, id) in ids.enumerated() where !id.isEmpty {
                if let earlier = first[id.lowercased()] {
                    let line = map.location(path[earlier].id).line
                    if ids[earlier] == id {
                        diagnostics.error(map.location(path[index].id), "duplicate \(what) id '\(id)'",
                                          hint: "the first '\(id)' is on line \(line); ids must be unique")
                    } else {
                        diagnostics.error(map.location(path[index].id), "the \(what) id '\(id)' differs from '\(ids[earlier])' (line \(line)) only in case",
                                          hint: "ids name files, and many file systems do not tell case apart; make them differ otherwise")
                    }
                } else {
                    first[id.lowercased()] = index
                }
            }
        }

        // MARK: People

        mutating func checkPeople() {
            for (index, person) in agenda.people.enumerated() where !unresolved.ids.contains(person.id.rawValue) {
                let path = SourcePath.root.people[index]
                if person.attendance == .online, person.timeZone == nil, !map.isInvalid(path.timezone) {
                    diagnostics.error(map.location(path.attendance),
                                      "\(label(person)) attends online but has no timezone",
                                      hint: "add timezone: with the zone they join from, e.g. Asia/Kabul, so their local times are right")
                }
                if person.visibility != .public, person.describedAs == nil {
                    diagnostics.warning(map.location(path.visibility),
                                        "\(label(person)) may not be named publicly but has no described_as",
                                        hint: "add described_as: (e.g. \"a civil-society expert from Kharkiv\") so outputs can mention them without their name",
                                        code: .noDescription, person: person.id)
                }
            }
        }

        // MARK: References

        mutating func checkReferences(session index: Int) {
            let session = agenda.sessions[index]
            let path = SourcePath.root.sessions[index]
            if let moderator = session.moderator { person(moderator, at: path.moderator, role: "moderator") }
            if case .list(let ids) = session.participants {
                for (position, id) in ids.enumerated() {
                    person(id, at: path.participants[position], role: "participant")
                }
            }
            if session.followUp, session.onlineAccess(in: agenda)?.url == nil {
                diagnostics.error(map.location(path.key("follow_up")),
                                  "session '\(session.id)' is a follow-up, held online, but has no join link",
                                  hint: "give it its own link (online: { url: ... }), or give the venue one (online: under venue:)")
            }
            if let track = session.track, !agenda.tracks.isEmpty, !agenda.tracks.contains(track) {
                diagnostics.warning(map.location(path.track),
                                    "session '\(session.id)' is on track \(track.rawValue), which the event's tracks do not list",
                                    hint: "add \"\(track.rawValue)\" to tracks: at the top, or correct the session's track", code: .trackNotListed, session: session.id)
            }
            for (number, segment) in session.segments.enumerated() {
                let segmentPath = path.segments[number]
                for (position, id) in segment.speakers.enumerated() {
                    person(id, at: segmentPath.speakers[position], role: "speaker")
                }
                for (position, id) in segment.facilitators.enumerated() {
                    person(id, at: segmentPath.facilitators[position], role: "facilitator")
                }
                if let moderator = segment.moderator { person(moderator, at: segmentPath.moderator, role: "moderator") }
                for (position, question) in segment.questions.enumerated() where !knownQuestions.contains(question.rawValue) {
                    let id = question.rawValue
                    let near = diagnostics.isFull ? nil : Suggestion.nearest(to: id, in: questionIDs)
                    diagnostics.error(map.location(segmentPath.questions[position]), "unknown guiding question '\(id)'",
                                      hint: near.map { "did you mean '\($0)'?" } ?? "define it under guiding_questions: with id: \(id)")
                }
                let moderator = segment.moderator ?? session.moderator
                if segment.kind.needsModerator, moderator == nil, !map.isInvalid(segmentPath.kind) {
                    diagnostics.error(map.location(segmentPath.kind),
                                      "the \(segment.kind.rawValue) '\(segment.title)' has no moderator",
                                      hint: "set moderator: on the session or on this segment")
                }
                if let moderator, segment.speakers.contains(moderator), !segment.facilitators.contains(moderator) {
                    diagnostics.warning(map.location(segmentPath.speakers),
                                        "'\(moderator)' both moderates and speaks in '\(segment.title)'",
                                        hint: "the moderator is not counted as a speaker; if they teach or lead it, list them under facilitators:, otherwise remove them from speakers: or name another moderator",
                                        code: .moderatorSpeaks, session: session.id, person: moderator)
                }
            }
        }

        /// Speaking times name the segment's speakers and fit in the segment, leaving time for
        /// the speakers without one.
        mutating func checkSpeakingTimes(session index: Int) {
            let session = agenda.sessions[index]
            for (number, segment) in session.segments.enumerated() where !segment.speakingTimes.isEmpty {
                let path = SourcePath.root.sessions[index].segments[number].speaking
                let floor = segment.facilitators + segment.speakers
                for time in segment.speakingTimes where !floor.contains(time.person) {
                    diagnostics.error(map.location(path.key(time.person.rawValue)),
                                      "'\(time.person)' has speaking time in '\(segment.title)' but is not one of its speakers or facilitators",
                                      hint: Suggestion.nearest(to: time.person.rawValue, in: floor.map(\.rawValue)).map { "did you mean '\($0)'?" }
                                          ?? "add them to speakers:, or remove the entry")
                }
                guard let layout = layouts[index] else { continue }
                let length = layout.ends[number] - layout.starts[number]
                let given = segment.speakingTimes.reduce(0) { $0 + $1.minutes.value }
                let moderator = segment.moderator ?? session.moderator
                let others = SegmentRoles.floor(of: segment, moderator: moderator).filter { id in !segment.speakingTimes.contains { $0.person == id } }
                if given > length {
                    diagnostics.error(map.location(path),
                                      "the speaking times in '\(segment.title)' add up to \(Minutes(given)), more than its \(Minutes(length))",
                                      hint: "shorten them by \(Minutes(given - length)) or lengthen the segment")
                } else if given == length, !others.isEmpty {
                    diagnostics.error(map.location(path),
                                      "the speaking times in '\(segment.title)' fill all its \(Minutes(length)), leaving none for \(others.map(\.rawValue).joined(separator: ", "))",
                                      hint: "give them a time too, or shorten the others")
                }
            }
        }

        private mutating func person(_ person: PersonID, at path: SourcePath, role: String) {
            let id = person.rawValue
            guard !knownPeople.contains(id), !unresolved.meant.contains(id) else { return }
            // Looking for the nearest id costs a pass over everyone: not for a message that
            // would not be listed.
            let near = diagnostics.isFull ? nil : Suggestion.nearest(to: id, in: suggestedIDs)
            diagnostics.error(map.location(path), "unknown person '\(id)' as \(role)",
                              hint: near.map { "did you mean '\($0)'?" } ?? "add them under people: with id: \(id)")
        }

        private func label(_ person: Person) -> String {
            person.name.isEmpty ? "'\(person.id)'" : person.name
        }

        // MARK: Timing

        mutating func checkTiming(session index: Int) {
            let session = agenda.sessions[index]
            let path = SourcePath.root.sessions[index]
            let timingKeys = ["date", "start", "end", "duration"]
            guard !timingKeys.contains(where: { map.isInvalid(path.key($0)) }) else { return }

            if (session.date == nil) != (session.start == nil) {
                let present = session.date == nil ? "start" : "date"
                let missing = session.date == nil ? "date" : "start"
                diagnostics.error(map.location(path.key(present)), "session '\(session.id)' has a \(present) but no \(missing)",
                                  hint: "give both date: and start:, or neither while the session is unscheduled")
                return
            }
            if let start = session.start, let end = session.end {
                let span = end.minutesSinceMidnight - start.minutesSinceMidnight
                if span <= 0 {
                    diagnostics.error(map.location(path.end),
                                      span == 0 ? "session '\(session.id)' ends at \(end), the moment it starts"
                                                : "session '\(session.id)' ends at \(end), before it starts at \(start)",
                                      hint: "for a session that runs past midnight, give its duration (duration:) instead of its end (end:)")
                    return
                }
                if let duration = session.duration, duration.value != span {
                    diagnostics.error(map.location(path.duration),
                                      "session '\(session.id)' lasts \(duration) by its duration but \(Minutes(span)) from \(start) to \(end)",
                                      hint: "give either end: or duration:, not both")
                }
            } else if session.end != nil, session.start == nil {
                diagnostics.error(map.location(path.end), "session '\(session.id)' has an end but no start",
                                  hint: "give date: and start:, or use duration: for an unscheduled session")
                return
            }
            if let layout = layOut(session, path: path) { layouts[index] = layout }
        }

        /// Lays the segments out (``SegmentLayout/of(_:)``) and reports gaps, overruns and
        /// clashes with pinned segments at their lines; `nil` when they do not fit.
        private mutating func layOut(_ session: Session, path: SourcePath) -> SegmentLayout? {
            for number in session.segments.indices {
                let segmentPath = path.segments[number]
                if map.isInvalid(segmentPath.duration) || map.isInvalid(segmentPath.at) { return nil }
            }
            let startMinute = session.start?.minutesSinceMidnight ?? 0
            func clock(_ offset: Int) -> String {
                session.start == nil ? "+\(Minutes(max(offset, 1)))" : formatClock((startMinute + offset) % 1440)
            }
            func title(_ index: Int) -> String { session.segments[index].title }
            func at(_ index: Int) -> String { session.segments[index].at.map { "\($0)" } ?? "" }
            let endKey = map.contains(path.end) ? "end" : "duration"
            switch SegmentLayout.of(session) {
            case .success(let (layout, gaps)):
                for gap in gaps {
                    if let before = gap.before {
                        diagnostics.warning(map.location(path.segments[before].at),
                                            "\(Minutes(gap.to - gap.from)) between \(clock(gap.from)) and \(clock(gap.to)) before '\(title(before))' are not in any segment",
                                            hint: "add a break, lengthen a segment, or leave out duration: on the segment before so it runs until \(at(before))",
                                            code: .segmentGap, session: session.id)
                    } else {
                        diagnostics.warning(map.location(path.key(endKey)),
                                            "the segments of '\(session.id)' end at \(clock(gap.from)); the last \(Minutes(gap.to - gap.from)) until \(clock(gap.to)) are not in any segment",
                                            hint: "add a segment or a break, lengthen one, or end the session at \(clock(gap.from))",
                                            code: .segmentGap, session: session.id)
                    }
                }
                return layout
            case .failure(let problem):
                switch problem {
                case .noLength:
                    diagnostics.error(map.location(path), "session '\(session.id)' has no length",
                                      hint: "give end: or duration:, or list its segments with durations")
                case .pinnedWithoutStart(let segment):
                    diagnostics.error(map.location(path.segments[segment].at),
                                      "'\(title(segment))' is pinned at \(at(segment)) but session '\(session.id)' has no start",
                                      hint: "pinned times need a scheduled session; use duration: instead")
                case .pinnedBeforeStart(let segment):
                    let start = session.start.map { "\($0)" } ?? ""
                    diagnostics.error(map.location(path.segments[segment].at),
                                      "'\(title(segment))' is pinned at \(at(segment)), before session '\(session.id)' starts at \(start)",
                                      hint: "pin it at \(start) or later")
                case .pinnedBeforeOpenEnded(let segment, let open, let openStart):
                    diagnostics.error(map.location(path.segments[segment].at),
                                      "'\(title(segment))' is pinned at \(at(segment)), but '\(title(open))' only starts at \(clock(openStart))",
                                      hint: "move the pinned time later or shorten the segments before it")
                case .pinnedInsidePrevious(let segment, let pinned, let previousEnd):
                    diagnostics.error(map.location(path.segments[segment].at),
                                      "'\(title(segment))' is pinned at \(at(segment)), but '\(title(segment - 1))' before it runs until \(clock(previousEnd))",
                                      hint: "shorten the segments before it by \(Minutes(previousEnd - pinned)) or pin it at \(clock(previousEnd))")
                case .openEndedNotPinned(let open, let next):
                    diagnostics.error(map.location(path.segments[open]),
                                      "'\(title(open))' has no duration, and '\(title(next))' after it is not pinned",
                                      hint: "give it a duration (duration:), or pin the next segment (at:)")
                case .openEndedWithoutEnd(let open):
                    diagnostics.error(map.location(path.segments[open]),
                                      "'\(title(open))' has no duration and session '\(session.id)' has no end",
                                      hint: "give the segment a duration (duration:), or the session an end or a duration (end: or duration:)")
                case .openEndedAfterEnd(let open, let start):
                    diagnostics.error(map.location(path.segments[open]),
                                      "'\(title(open))' would start at \(clock(start)), when session '\(session.id)' has already ended",
                                      hint: "shorten the segments before it or end the session later")
                case .overrun(let end, let length):
                    diagnostics.error(map.location(path.segments[session.segments.count - 1].duration),
                                      "the segments of '\(session.id)' run until \(clock(end)), \(Minutes(end - length)) past the session's end at \(clock(length))",
                                      hint: "shorten a segment by \(Minutes(end - length)) or " + (endKey == "end" ? "end the session at \(clock(end))" : "make the session's duration \(Minutes(end))"))
                }
                return nil
            }
        }
    }
}
