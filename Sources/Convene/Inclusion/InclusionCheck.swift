/// The inclusion warnings of `convene check`: single-sex panels and dialogues, sessions where
/// no woman speaks, an event under its women's-share threshold, and sessions without a
/// civil-society speaker in a Track 2 or 3 event. Each is placed at the line of the segment,
/// the session or the threshold it concerns, and names nobody.
struct InclusionCheck {
    let agenda: Agenda
    let map: SourceMap

    func run() -> DiagnosticList {
        var diagnostics = DiagnosticList()
        let figures = InclusionFigures(agenda: agenda, timeline: nil)
        for session in figures.sessions {
            let path = SourcePath.root.sessions[session.roles.index]
            for segment in session.figures.singleSexSegments {
                singleSex(segment, at: path.segments[segment.segment], in: session.id, into: &diagnostics)
            }
            let speakers = session.figures.speakers
            if InclusionRules.noWomanSpeaker(speakers) {
                diagnostics.warning(map.location(path),
                    "no woman speaks in session '\(session.id)' (\(Self.describe(speakers, noun: "speaker")))",
                    hint: "give a woman the floor in one of its segments" + (speakers.undisclosed > 0 ? ", or record each speaker's gender (gender: in their entry)" : ""),
                    code: .noWomanSpeaker, session: session.id)
            }
            if session.figures.flags.contains(.noCivilSocietySpeaker) {
                diagnostics.warning(map.location(path),
                    "no speaker in session '\(session.id)' is from civil society, in an event on \(civilSocietyTracks)",
                    hint: "give the floor to someone from civil society, or check each speaker's sector (sector: in their entry)",
                    code: .noCivilSocietySpeaker, session: session.id)
            }
        }
        let speakers = figures.event.speakers
        let threshold = agenda.inclusion.womenSpeakersThreshold
        if InclusionRules.belowThreshold(speakers, threshold: threshold) {
            let place = SourcePath.root.inclusion.women_speakers_threshold
            let undisclosed = speakers.undisclosed == 0 ? ""
                : "; the \(speakers.undisclosed) whose gender is undisclosed count in the total"
            diagnostics.warning(map.location(map.contains(place) ? place : "sessions"),
                "women are \(speakers.women) of the event's \(speakers.total) speakers (\(InclusionText.percent(speakers.womenShare ?? 0))), under the threshold of \(threshold)\(undisclosed)",
                hint: "give more of the floor to women, or set inclusion: { women_speakers_threshold: ... } to the event's own aim",
                code: .womenUnderThreshold)
        }
        return diagnostics
    }

    private func singleSex(_ segment: ScopeFigures.SingleSexSegment, at path: SourcePath, in session: SessionID, into diagnostics: inout DiagnosticList) {
        let who = segment.gender == .woman ? "women" : "men"
        let hint = segment.gender == .woman
            ? "if an all-women \(segment.kind.rawValue) is by design, leave it; otherwise invite a speaker of another gender (the moderator does not count)"
            : "invite a woman to speak in it (the moderator does not count)"
        diagnostics.warning(map.location(path),
            "\(Wording.all(segment.speakers, "speakers", one: "speaker")) of the \(segment.kind.rawValue) '\(segment.title)' are \(who): a single-sex \(segment.kind.rawValue)",
            hint: hint, code: .singleSexPanel, session: session)
    }

    /// "Track 2", "Tracks 2 and 3".
    private var civilSocietyTracks: String {
        let tracks = [Track.two, .three].filter(agenda.tracks.contains).map(\.rawValue)
        return tracks.count == 1 ? "Track \(tracks[0])" : "Tracks " + tracks.joined(separator: " and ")
    }

    /// "3 speakers: 2 men, 1 undisclosed".
    static func describe(_ count: GenderCount, noun: String) -> String {
        let parts = [(count.women, "woman", "women"), (count.men, "man", "men"), (count.nonBinary, "non-binary", "non-binary"),
                     (count.undisclosed, "undisclosed", "undisclosed")]
            .filter { $0.0 > 0 }.map { "\($0.0) \($0.0 == 1 ? $0.1 : $0.2)" }
        return "\(count.total) \(noun)\(count.total == 1 ? "" : "s"): " + parts.joined(separator: ", ")
    }
}
