@testable import Convene
import ConveneTestSupport
import Foundation
import Testing

/// Places a hidden name was found to reach the public or other participants: each is now
/// withheld, and `check` warns where the organisers' own text puts it.
@Suite("hidden names in links, organisers and other spellings")
struct HiddenNameProbeTests {
    static let agenda = header.replacingOccurrences(of: "title: Test event", with: "title: Probe") + """
        organizer: { name: "Probe Org (contact Hanna Hidden)", email: office@example.org }
        venue:
          name: Hall
          online: { url: "https://example.org/j/%D0%93%D1%96%D0%B4%D0%B4%D0%B5%D0%BD-briefing" }
        people:
          - { id: pete, name: Pete Public, email: pete@example.org }
          - { id: hanna, name: Hanna Hidden, email: hanna@example.org, visibility: participants, described_as: a mediator }
          - { id: olga, name: Olga Ownly, names: { cyrl: Гідден Ольга }, email: o.ownly@example.org, visibility: organizers, described_as: a host }
          - { id: maryam, name: Maryam Ali, names: { arab: مریم علی }, visibility: participants, described_as: an expert }
        sessions:
          - id: main
            title: "Talk: Maryam-Ali, @MaryamAli and مريم على"
            date: 2026-12-08
            start: "10:00"
            duration: 1h
            participants: [pete, hanna, olga]
          - id: follow
            title: Follow-up
            date: 2026-12-20
            start: "10:00"
            duration: 1h
            follow_up: true
            online: { platform: "Zoom (host Olga Ownly)", url: "https://example.org/j/HannaHiddenBriefing?pwd=ownly" }
            participants: [pete, hanna, olga]

        """

    func build() throws -> [String: String] {
        let timeline = try timeline(Self.agenda)
        let draft = try CalendarOutputs.draft(timeline: timeline, zones: try zones, stamp: 0)
        var files = Dictionary(try CalendarOutputs.outputs(of: draft, history: CalendarHistory(latest: [:], lastSent: [:]), stamp: 0).all()
            .map { ($0.path, $0.contents.replacingOccurrences(of: "\r\n ", with: "")) }, uniquingKeysWith: { first, _ in first })
        for format in SheetFormat.allCases { files["agenda.\(format.fileExtension)"] = try printed(timeline, .agenda, format) }
        let schedule = try FrabSchedule(timeline: timeline, zones: try zones)
        for format in FrabSchedule.Format.allCases { files[format.fileName] = schedule.document(format) }
        return files
    }

    @Test("the public's and other participants' files carry no spelling of a hidden name: session links, the organiser, encoded and joined forms")
    func nothingLeaks() throws {
        let files = try build()
        let forPublic = ["agenda.txt", "agenda.md", "agenda.html", "event.ics", "schedule.xml", "schedule.json"]
        let forbiddenEverywhere = ["Ownly", "o.ownly", "Ольга", "%D0%93%D1%96%D0%B4%D0%B4%D0%B5%D0%BD"]
        let forbiddenForPublic = forbiddenEverywhere + ["Hanna", "HannaHidden", "Maryam", "مريم", "على", "علی"]
        for path in forPublic {
            let text = try #require(files[path], "\(path)")
            for word in forbiddenForPublic { #expect(!text.contains(word), "\(path) holds \(word)") }
        }
        for path in ["invites/pete/follow.ics", "programmes/pete.ics", "invites/hanna/follow.ics"] {
            let text = try #require(files[path], "\(path)")
            for word in forbiddenEverywhere { #expect(!text.contains(word), "\(path) holds \(word)") }
        }
    }

    @Test("check warns where the organisers' own text names someone hidden: a session's link and platform, the organiser's name")
    func warned() throws {
        let warnings = AgendaCheck(text: Self.agenda, zones: try zones).diagnostics.warnings.filter { $0.code == .hiddenName }.map(\.message)
        #expect(warnings.contains { $0.hasPrefix("the online url of session 'follow' names Hanna Hidden") }, "\(warnings)")
        #expect(warnings.contains { $0.hasPrefix("the online platform of session 'follow' names Olga Ownly") }, "\(warnings)")
        #expect(warnings.contains { $0.hasPrefix("the organiser's name names Hanna Hidden") }, "\(warnings)")
        #expect(warnings.contains { $0.hasPrefix("the title of session 'main' names Maryam Ali") }, "\(warnings)")
    }
}
