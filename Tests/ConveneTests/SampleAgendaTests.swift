import Convene
import ConveneTestSupport
import Foundation
import Testing

/// The two sample agendas in `agendas/`: valid, and faithful to the documents they model.
@Suite("sample agendas")
struct SampleAgendaTests {
    func load(_ name: String) throws -> (AgendaCheck, Agenda) {
        let text = try String(contentsOf: packageRoot.appendingPathComponent("agendas/\(name)"), encoding: .utf8)
        let check = AgendaCheck(text: text, zones: try zones)
        return (check, try #require(check.agenda))
    }

    @Test("both samples pass check with no errors, and no warnings but those about their all-women panels")
    func valid() throws {
        for (name, panels) in [("wps-side-event-2022.yaml", 1), ("kyiv-consultation-2026.yaml", 2)] {
            let (check, _) = try load(name)
            let others = check.diagnostics.items.filter { !$0.message.hasSuffix("are women: a single-sex panel") }
            #expect(others.isEmpty, "\(name): \(others.map { $0.rendered(file: name) })")
            #expect(check.diagnostics.warningCount == panels)
        }
    }

    @Test("the side-event sample is the concept note: time, venue, questions word for word, speakers")
    func sideEvent() throws {
        let (_, agenda) = try load("wps-side-event-2022.yaml")
        #expect(agenda.id == "wps-side-event-2022")
        #expect(agenda.title == "Inclusive peace negotiations & the WPS agenda")
        #expect(agenda.subtitle == "Lessons learned from experiences in Afghanistan and the DRC")
        #expect(agenda.kind == .sideEvent)
        #expect(agenda.timeZone == "America/New_York")
        #expect(agenda.venue?.name == "Permanent Mission of the Kingdom of the Netherlands")
        #expect(agenda.venue?.address?.hasPrefix("666 3rd Ave, 19th floor") == true)
        let session = try #require(agenda.sessions.first)
        #expect(agenda.sessions.count == 1)
        #expect(session.date == LocalDate(year: 2022, month: 10, day: 19))
        #expect(session.start?.description == "08:15")
        #expect(session.end?.description == "09:45")
        #expect(session.segments.compactMap(\.duration).map(\.value).reduce(0, +) == 90)
        #expect(agenda.guidingQuestions.map(\.text) == [
            "What were helpful and challenging elements of UN-led and/or other (inter)national interventions - both in Afghanistan and the DRC - when it comes to inclusive peace negotiations?",
            "What are the key lessons identified from these processes for current and future (UN-led) gender-responsive and transformative peace negotiations and deals, including in Afghanistan and the DRC?",
            "How to better link (inter)national peace negotiations to community peace processes, and how to come to a reappreciation of the latter?",
            "What kind of support do women and youth (community) leaders need to remain meaningfully engaged in the monitoring and follow up of existing agreements?",
        ])
        #expect(agenda.outcome?.hasPrefix("An outcome document will be published after the session") == true)
        #expect(agenda.outcome?.contains("UNAMA and MONUSCO") == true)
        #expect(agenda.audience?.hasPrefix("This event will be particularly interesting for UN agencies") == true)
        let speakers = session.segments.flatMap(\.speakers)
        #expect(speakers.compactMap { agenda.person($0)?.name } == [
            "Yoka Brandt", "Claire Hutchinson", "Habiba Sarabi", "Claudine Tsongo", "Storai Tapesh", "Winnie Tshilobo",
        ])
        #expect(agenda.person(session.moderator ?? "")?.name == "Anne Kwakkenbos")
        let sarabi = try #require(agenda.person("sarabi"))
        #expect(sarabi.attendance == .online)
        #expect(sarabi.timeZone == "Asia/Kabul")
        #expect(agenda.people.filter { $0.attendance == .online }.map(\.id) == ["sarabi"])
        let text = try String(contentsOf: packageRoot.appendingPathComponent("agendas/wps-side-event-2022.yaml"), encoding: .utf8)
        #expect(text.contains("ASSUMPTION"), "the sample says that Kabul is an assumption")
    }

    @Test("the Kyiv sample is a hybrid Track 1.5/2 consultation under the Chatham House Rule with protected people")
    func kyiv() throws {
        let (_, agenda) = try load("kyiv-consultation-2026.yaml")
        #expect(agenda.timeZone == "Europe/Kyiv")
        #expect(agenda.confidentiality == .chathamHouse)
        #expect(Set(agenda.tracks) == [.oneAndHalf, .two])
        #expect(Set(agenda.sessions.compactMap(\.date)).count == 2)
        let onlineZones = Set(agenda.people.filter { $0.attendance == .online }.compactMap(\.timeZone))
        #expect(onlineZones.subtracting(["Europe/Kyiv"]).count >= 3)
        #expect(agenda.people.contains { $0.name.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) } })
        let hidden = agenda.people.filter { $0.visibility != .public }
        #expect(!hidden.isEmpty)
        #expect(hidden.allSatisfy { $0.describedAs != nil })
        #expect(agenda.sessions.flatMap(\.segments).contains { $0.kind == .breakout })
    }
}
