/// The inclusion report for people: readable at a glance, a bar for every share.
extension InclusionReport {
    /// The report as text, no line wider than `width` columns (at least 70).
    public func text(width: Int = 80) -> String {
        let width = max(width, 70)
        let agenda = figures.agenda
        let threshold = agenda.inclusion.womenSpeakersThreshold
        var lines = InclusionText.wrap("Inclusion figures: " + names.clean(agenda.title), width: width)
        lines.append("For \(audienceLine). No person is named.")
        lines.append("")
        lines += InclusionText.wrap(
            "People count once per scope, however many segments they speak in; a segment's moderator is not one of its speakers. "
            + "Shares are of everyone counted, undisclosed genders included: women's share = women / total. "
            + "Speaking minutes are planned: the speaking: times, or a segment's length split evenly. "
            + "Women's share of speakers below \(threshold) is flagged.", width: width)

        lines += ["", "EVENT · " + Self.count(figures.event.sessions, "session")]
        lines += scope(figures.event, width: width)
        lines += eventExtras(width: width)

        if figures.tracks.count == 1, let only = figures.tracks.first, only.scope != .unassigned {
            lines += ["", "TRACK \(only.scope.key) · every session: the figures are the event's"]
        }
        for track in figures.tracks where figures.tracks.count > 1 || track.scope == .unassigned {
            let name = track.scope == .unassigned ? "NO TRACK" : "TRACK \(track.scope.key)"
            lines += ["", name + " · " + Self.count(track.figures.sessions, "session")]
            if track.scope == .unassigned {
                lines += InclusionText.wrap(agenda.tracks.isEmpty ? "The event lists no tracks." :
                    "Sessions without a track: the event lists several, so they are counted here.", width: width, indent: "  ")
            }
            lines += scope(track.figures, width: width)
        }

        lines += ["", "SESSIONS"]
        let omitted = omittedSessions
        if !omitted.isEmpty {
            let rules = Set(omitted.map(\.confidentiality.rawValue)).sorted().joined(separator: ", ")
            lines += InclusionText.wrap(
                "\(Self.count(omitted.count, "confidential session")) (\(rules)) \(omitted.count == 1 ? "is" : "are") left out here; "
                + "\(omitted.count == 1 ? "its" : "their") people are counted in the event and track figures above. "
                + "convene report --audience participants shows every session.", width: width, indent: "  ")
        }
        if shownSessions.isEmpty, omitted.isEmpty { lines.append("  The agenda has no sessions.") }
        for session in shownSessions {
            lines.append("")
            lines.append(InclusionText.fit(sessionID(session) + " — " + names.clean(session.roles.session.title), width))
            var facts: [String] = []
            if let date = session.roles.session.date, let start = session.roles.session.start {
                facts.append("\(date) \(start)")
            } else {
                facts.append("unscheduled")
            }
            facts.append(session.track == .unassigned ? "no track" : "track \(session.track.key)")
            facts.append(session.confidentiality.rawValue)
            lines.append("  " + facts.joined(separator: " · "))
            lines += scope(session.figures, width: width)
        }
        return lines.map { InclusionText.fit($0, width) }.joined(separator: "\n") + "\n"
    }

    private var audienceLine: String {
        switch audience {
        case .public: "the public"
        case .participants: "the participants"
        case .organizers: "the organisers"
        }
    }

    /// Flags, then speakers, moderators, participants and speaking minutes by gender.
    private func scope(_ scope: ScopeFigures, width: Int) -> [String] {
        var lines = flagLines(scope, width: width)
        lines.append(InclusionText.genderHeading.trimmingTrailingSpaces)
        lines.append(InclusionText.genderRow("Speakers", scope.speakers))
        lines.append(InclusionText.genderRow("Moderators", scope.moderators))
        lines.append(InclusionText.genderRow("Participants", scope.participants))
        lines.append(InclusionText.genderRow("Speaking minutes", scope.speakingMinutes))
        if scope.unscheduledSessions > 0 {
            let verb = scope.unscheduledSessions == 1 ? "has" : "have"
            lines.append("  (minutes leave out \(Self.count(scope.unscheduledSessions, "unscheduled session")), which \(verb) no times yet)")
        }
        return lines
    }

    private func flagLines(_ scope: ScopeFigures, width: Int) -> [String] {
        guard !scope.flags.isEmpty else {
            // With no speaker's gender recorded there is nothing to judge, which "none" alone would hide.
            if scope.speakers.total > 0 && scope.speakers.disclosed == 0 {
                return ["  Flags: none (no speaker's gender is recorded to judge by)"]
            }
            return ["  Flags: none"]
        }
        var lines = InclusionText.wrap("Flags: " + scope.flags.map(\.rawValue).joined(separator: ", "), width: width, indent: "  ")
        // Segments the public may not see by title are counted on one line per kind of finding.
        var unnamed: [(line: String, count: Int)] = []
        for segment in scope.singleSexSegments {
            guard let session = figures.sessions.first(where: { $0.roles.index == segment.session }) else { continue }
            let one = segment.speakers == 1, woman = segment.gender == .woman
            let what = ": \(Wording.all(segment.speakers, "speakers", one: "speaker")) " + (one ? (woman ? "is a woman" : "is a man") : (woman ? "are women" : "are men"))
            if audience == .public && session.isConfidential {
                let line = segment.kind.rawValue + what
                if let index = unnamed.firstIndex(where: { $0.line == line }) { unnamed[index].count += 1 } else { unnamed.append((line, 1)) }
                continue
            }
            let kind = "the \(segment.kind.rawValue) '", place = "'" + (scope.sessions > 1 ? " in \(sessionID(session))" : "")
            let room = width - 4 - kind.displayWidth - place.displayWidth - what.displayWidth
            lines.append("    " + kind + InclusionText.fit(names.clean(segment.title), max(room, 10)) + place + what)
        }
        for (line, count) in unnamed {
            let kind = String(line.prefix { $0 != ":" }), what = line.dropFirst(kind.count)
            lines.append("    " + (count == 1 ? "a \(kind) in a confidential session" : "\(count) \(kind)s in confidential sessions, each") + what)
        }
        return lines
    }

    /// Sectors, attendance and languages, shown for the event only (the JSON has them for
    /// every scope).
    private func eventExtras(width: Int) -> [String] {
        let event = figures.event
        var lines: [String] = []
        func breakdown(_ title: String, _ breakdown: Breakdown, extra: [(String, Int)] = []) {
            guard breakdown.total > 0 else { return }
            lines.append("  \(title)")
            for entry in breakdown.entries where entry.count > 0 {
                lines.append(InclusionText.row(entry.key.replacingOccurrences(of: "_", with: " "), entry.count, of: breakdown.total))
            }
            for (label, count) in extra where count > 0 { lines.append(InclusionText.row(label, count, of: breakdown.total)) }
        }
        breakdown("Speakers by sector", event.speakerSectors)
        breakdown("Participants by sector", event.participantSectors)
        breakdown("Speakers by attendance", event.speakerAttendance)
        breakdown("Participants by attendance", event.participantAttendance)
        if event.languages.entries.isEmpty {
            lines.append("  Participants by language: none given")
        } else {
            breakdown("Participants by language (a person may speak several)", event.languages,
                      extra: [("none given", event.languagesUnspecified)])
        }
        let interpretation = event.interpretation
        let working = figures.agenda.languages
        lines.append("  Working languages: " + (working.isEmpty ? "none given" : working.joined(separator: ", ")))
        lines.append("  Interpreted: " + (interpretation.interpreted.isEmpty ? "none" : interpretation.interpreted.joined(separator: ", ")))
        if !interpretation.spokenNotInterpreted.isEmpty {
            lines += InclusionText.wrap("Spoken, neither working nor interpreted: " + interpretation.spokenNotInterpreted.joined(separator: ", "),
                                        width: width, indent: "  ")
        }
        if let notCovered = interpretation.participantsNotCovered, notCovered > 0 {
            lines.append("  Participants who speak no working or interpreted language: \(notCovered)")
        }
        return lines
    }

    static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }
}
