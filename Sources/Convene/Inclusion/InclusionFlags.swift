/// What the inclusion report flags about a session, a track or the event.
public enum InclusionFlag: String, Sendable, CaseIterable {
    /// A panel or dialogue segment whose speakers (two or more, the moderator not counted)
    /// are all women or all men.
    case singleSexPanel = "single-sex-panel"
    /// People speak, none of them is recorded as a woman, and at least one is recorded as a
    /// man or non-binary.
    case noWomanSpeaker = "no-woman-speaker"
    /// Women's share of the speakers is under `inclusion.women_speakers_threshold`.
    case belowThreshold = "below-threshold"
    /// In an event on Track 2 or 3: people speak, the sector of at least one is given, and
    /// none speaks from civil society.
    case noCivilSocietySpeaker = "no-civil-society-speaker"
}

/// The rules behind the flags, shared by `convene report` and the warnings of `convene check`.
///
/// A rule flags what the agenda shows, never what it leaves unsaid: a panel with a speaker
/// whose gender is undisclosed is not provably single-sex, and where no speaker's gender (or
/// sector) is recorded at all there is nothing to flag.
public enum InclusionRules {
    /// The gender that every speaker of a panel or dialogue segment shares, when there are two
    /// or more and all of them are women, or all men; `nil` otherwise.
    public static func singleSexGender(of kind: SegmentKind, speakers: [Person]) -> Gender? {
        guard kind == .panel || kind == .dialogue, speakers.count >= 2, let gender = speakers.first?.gender,
              gender == .woman || gender == .man, speakers.allSatisfy({ $0.gender == gender }) else { return nil }
        return gender
    }

    /// Whether people speak and none is recorded as a woman, though someone's gender is.
    public static func noWomanSpeaker(_ speakers: GenderCount) -> Bool {
        speakers.total > 0 && speakers.women == 0 && speakers.disclosed > 0
    }

    /// Whether women's share of `speakers` (undisclosed genders in the total) is under
    /// `threshold`; never when no speaker's gender is recorded.
    public static func belowThreshold(_ speakers: GenderCount, threshold: Percentage) -> Bool {
        speakers.disclosed > 0 && Double(speakers.women) < threshold.fraction * Double(speakers.total) - 1e-9
    }

    /// Whether the event is on Track 2 or Track 3, where civil society is expected to speak.
    public static func expectsCivilSociety(_ agenda: Agenda) -> Bool {
        agenda.tracks.contains(.two) || agenda.tracks.contains(.three)
    }

    /// Whether, in an event that expects civil society, people speak, someone's sector is
    /// given, and nobody speaks from civil society.
    public static func noCivilSocietySpeaker(_ speakers: [Person], in agenda: Agenda) -> Bool {
        expectsCivilSociety(agenda) && speakers.contains { $0.sector != nil } && !speakers.contains { $0.sector == .civilSociety }
    }

    /// The flags of a scope whose distinct speakers are `speakers`, given whether one of its
    /// panels or dialogues is single-sex.
    public static func flags(speakers: [Person], singleSexPanel: Bool, in agenda: Agenda) -> [InclusionFlag] {
        let count = GenderCount(speakers)
        var flags: [InclusionFlag] = []
        if singleSexPanel { flags.append(.singleSexPanel) }
        if noWomanSpeaker(count) { flags.append(.noWomanSpeaker) }
        if belowThreshold(count, threshold: agenda.inclusion.womenSpeakersThreshold) { flags.append(.belowThreshold) }
        if noCivilSocietySpeaker(speakers, in: agenda) { flags.append(.noCivilSocietySpeaker) }
        return flags
    }
}
