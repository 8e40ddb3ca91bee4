import Convene
import Foundation
import Testing

/// Everything `convene build` writes is searched, in every format, for the people who may not
/// be named in public: the files meant to be forwarded must not hold their name, email or
/// organisation, however the format escapes or folds text.
@Suite("Public outputs name nobody who must stay hidden")
struct PublicOutputTests {
    /// A public event with people hidden every way the format allows: by visibility, by a
    /// session under the Chatham House Rule, by a closed session.
    static let purposeMade = """
        convene: 1
        id: protection-test
        title: Protection test
        timezone: Africa/Kinshasa
        confidentiality: public
        organizer: { name: Convening Office, email: office@example.org }
        languages: [fr, en]
        people:
          - { id: open, name: Amina Lusamba, email: lusamba@example.org, organization: Open Forum Kinshasa }
          - { id: shura, name: Zarina Qasemi, email: zq@example.org, organization: Herat Women's Shura,
              visibility: participants, described_as: "a women's rights defender from Herat",
              attendance: online, timezone: Asia/Kabul, working_hours: "06:00-22:00", working_days: [mon, tue, wed, thu, fri, sat, sun] }
          - { id: kivu, name: Amani Okello, email: okello@example.org, organization: "Kivu Mediation Circle, Goma",
              visibility: organizers }
          - { id: pavlo, name: Pavlo Marchenko, email: marchenko@example.org, organization: Kharkiv Dialogue Hub }
          - { id: mod, name: Chantal Mbuyi, email: mbuyi@example.org, organization: Convening Office }
        sessions:
          - id: open-panel
            title: Open panel
            date: 2026-12-07
            start: "10:00"
            moderator: mod
            participants: [mod]
            segments:
              - { title: Panel, kind: panel, duration: 60m, speakers: [open, shura, kivu] }
              - { title: "Questions for Zarina Qasemi", kind: qa, duration: 15m }
          - id: closed-talks
            title: Talks under the rule
            date: 2026-12-07
            start: "14:00"
            confidentiality: chatham-house
            moderator: mod
            participants: [mod]
            segments:
              - { title: Exchange, kind: dialogue, duration: 60m, speakers: [pavlo, kivu, shura] }
          - id: shut
            title: Closed door
            date: 2026-12-08
            start: "10:00"
            confidentiality: closed
            moderator: mod
            participants: [mod]
            segments:
              - { title: Drafting, kind: dialogue, duration: 30m, speakers: [pavlo, open] }
        """

    /// Text as a reader sees it: ICS lines unfolded and unescaped, HTML entities and Markdown
    /// backslashes undone.
    static func readable(_ text: String) -> String {
        var result = text.replacingOccurrences(of: "\r\n ", with: "").replacingOccurrences(of: "\n ", with: "")
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            result = result.replacingOccurrences(of: entity, with: character)
        }
        for escaped in ["\\,", "\\;", "\\\\", "\\_", "\\*", "\\[", "\\]", "\\<", "\\>", "\\|", "\\&", "\\#", "\\-", "\\+", "\\."] {
            result = result.replacingOccurrences(of: escaped, with: String(escaped.dropFirst()))
        }
        return result.replacingOccurrences(of: "\\n", with: " ")
    }

    /// The files of a build folder meant for anyone: the agenda in every format and language,
    /// the PUBLISH calendar and its cancellations, and the public inclusion report.
    static func publicFiles(in folder: URL) throws -> [URL] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        let isPublic = { (name: String) in name.hasPrefix("agenda.") && name != "agenda.json" || name == "event.ics" || name.hasPrefix("report.") }
        var files = names.filter(isPublic).map { folder.appendingPathComponent($0) }
        let cancelled = folder.appendingPathComponent("cancellations/event.ics")
        if FileManager.default.fileExists(atPath: cancelled.path) { files.append(cancelled) }
        return files.sorted { $0.path < $1.path }
    }

    /// People who may be named in no public session: by visibility, or because every session
    /// they take part in is held under a rule other than public.
    static func hidden(in timeline: Timeline) -> [Person] {
        let agenda = timeline.agenda
        let disclosure = Disclosure(audience: .public, eventRule: agenda.confidentiality)
        return agenda.people.filter { person in
            !timeline.sessions.contains { $0.participants.contains(person.id) && disclosure.mayName(person, in: $0.session) }
        }
    }

    @Test("every public output of both samples and of a purpose-made agenda leaves out every hidden name, email and organisation")
    func publicOutputs() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let agendas: [(String, String)] = [
            ("wps", try String(contentsOf: packageRoot.appendingPathComponent("agendas/wps-side-event-2022.yaml"), encoding: .utf8)),
            ("kyiv", try String(contentsOf: packageRoot.appendingPathComponent("agendas/kyiv-consultation-2026.yaml"), encoding: .utf8)),
            ("purpose-made", Self.purposeMade),
        ]
        var hiddenSeen = 0
        for (name, text) in agendas {
            let file = root.appendingPathComponent("\(name).yaml")
            try Data(text.utf8).write(to: file)
            let out = root.appendingPathComponent(name)
            let run = try convene(["build", file.path, "-o", out.path], in: root)
            #expect(run.status == 0, "\(run.stderr)")
            let timeline = try timeline(text)
            let hidden = Self.hidden(in: timeline)
            hiddenSeen += hidden.count
            let files = try Self.publicFiles(in: out)
            #expect(files.map(\.lastPathComponent).contains("event.ics"))
            #expect(files.map(\.lastPathComponent).contains("agenda.html"))
            for url in files {
                let output = Self.readable(try String(contentsOf: url, encoding: .utf8))
                for person in hidden {
                    var secrets = [person.name] + [person.email].compactMap { $0 }
                    if let organization = person.organization, organization != timeline.agenda.organizer?.name { secrets.append(organization) }
                    for secret in secrets {
                        #expect(!output.contains(secret), "\(name)/\(url.lastPathComponent) shows \(secret)")
                    }
                }
            }
            // The organisers' run-of-show names them: the search above would have found a leak.
            let organizers = Self.readable(try String(contentsOf: out.appendingPathComponent("run-of-show.html"), encoding: .utf8))
            for person in hidden where timeline.sessions.contains(where: { $0.segments.contains { $0.segment.speakers.contains(person.id) } }) {
                #expect(organizers.contains(person.name), "\(name): the run-of-show should name \(person.name)")
            }
        }
        #expect(hiddenSeen >= 10, "the agendas hide people in every way the format allows")
    }

    @Test("the purpose-made agenda hides the right people, and names the one who may be named")
    func purposeMadeAgenda() throws {
        let timeline = try timeline(Self.purposeMade)
        #expect(Self.hidden(in: timeline).map(\.id) == ["shura", "kivu", "pavlo"])
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
        let warnings = try diagnose(Self.purposeMade).filter { $0.message.contains("Qasemi") }.map { $0.rendered(file: "a.yaml") }
        #expect(warnings == [
            "a.yaml:26:18: warning: the title of a segment of 'open-panel' names Zarina Qasemi, whose visibility is participants: what the public reads prints 'a women's rights defender from Herat' or '[withheld]' there instead — write it without the name, e.g. with the person's role",
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
