import Convene
import ConveneTestSupport
import Foundation
import Testing

/// Everything `convene build` writes is searched, in every format, for the people who may not
/// be named in public: the files meant to be forwarded must not hold their name, email or
/// organisation, however the format escapes or folds text.
@Suite("Public outputs name nobody who must stay hidden")
struct PublicOutputTests {
    @Test("the purpose-made agenda hides the right people, and names the one who may be named")
    func purposeMadeAgenda() throws {
        let timeline = try timeline(HiddenPeople.purposeMade)
        #expect(HiddenPeople.hidden(in: timeline).map(\.id) == ["shura", "kivu", "pavlo"])
        let agenda = try printed(timeline, .agenda, .text)
        #expect(agenda.contains("Amina Lusamba"))
        #expect(agenda.contains("a women's rights defender from Herat"))
        let calendar = try Invites(timeline: timeline, zones: try zones, stamp: 0).published()
        #expect(calendar.events.first?.description?.contains("Panel — Amina Lusamba, a women's rights defender from Herat") == true)
        #expect(calendar.events.first?.description?.contains("Questions for a women's rights defender from Herat") == true,
                "a hidden name in the organisers' own text is replaced too")
        #expect(agenda.contains("Questions for a women's rights defender from Herat"))
        let widened = try Invites(timeline: timeline, zones: try zones, stamp: 0).published(for: .participants)
        #expect(widened.events.first?.description?.contains("Zarina Qasemi") == true)
        #expect(widened.events.first?.description?.contains("Amani Okello") == false)
    }

    @Test("check warns where the organisers' own text names someone hidden, at that text's line")
    func hiddenNameWarning() throws {
        let warnings = try diagnose(HiddenPeople.purposeMade).filter { $0.message.contains("Qasemi") }.map { $0.rendered(file: "a.yaml") }
        #expect(warnings == [
            "a.yaml:26:18: warning: the title of a segment of 'open-panel' names Zarina Qasemi, whose visibility is participants: what the public reads prints 'a women's rights defender from Herat' or '[withheld]' there instead — write it without the name, e.g. with the person's role [hidden-name, protects people: cannot be accepted]",
        ])
    }

    @Test("the public agenda shows local times only for the zones of people it may name")
    func localTimesOfHiddenPeople() throws {
        let kyiv = try printed(try sampleTimeline("kyiv-consultation-2026"), .agenda, .text, language: .en, audience: .public)
        for city in ["Amsterdam", "New York", "Tbilisi"] { #expect(!kyiv.contains(city), "the public agenda hints at \(city)") }
        let organizers = try printed(try sampleTimeline("kyiv-consultation-2026"), .agenda, .text, language: .en, audience: .organizers)
        for city in ["Amsterdam", "New York", "Tbilisi"] { #expect(organizers.contains(city)) }
        let ros = try printed(try sampleTimeline("kyiv-consultation-2026"), .runOfShow, .text, language: .en, audience: .public)
        #expect(!ros.contains("in Amsterdam") && !ros.contains("Cue:") && !ros.contains("Note:"), "no zones, cues or notes for the public")
    }
}
