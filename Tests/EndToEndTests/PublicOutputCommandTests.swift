@testable import Convene
import ConveneTestSupport
import Foundation
import Testing

/// `convene build`: what the binary does, driven as a user would.
@Suite("convene build: public outputs name nobody hidden", .tags(.endToEnd))
struct PublicOutputCommandTests {
    @Test("every public output of both samples and of a purpose-made agenda leaves out every hidden name, email and organisation")
    func publicOutputs() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let agendas: [(String, String)] = [
            ("wps", try String(contentsOf: packageRoot.appendingPathComponent("agendas/wps-side-event-2022.yaml"), encoding: .utf8)),
            ("kyiv", try String(contentsOf: packageRoot.appendingPathComponent("agendas/kyiv-consultation-2026.yaml"), encoding: .utf8)),
            ("purpose-made", HiddenPeople.purposeMade),
        ]
        var hiddenSeen = 0
        for (name, text) in agendas {
            let file = root.appendingPathComponent("\(name).yaml")
            try Data(text.utf8).write(to: file)
            let out = root.appendingPathComponent(name)
            let run = try convene(["build", file.path, "-o", out.path], in: root)
            #expect(run.status == 0, "\(run.stderr)")
            let timeline = try timeline(text)
            let hidden = HiddenPeople.hidden(in: timeline)
            hiddenSeen += hidden.count
            let files = try HiddenPeople.publicFiles(in: out)
            #expect(files.map(\.lastPathComponent).contains("event.ics"))
            #expect(files.map(\.lastPathComponent).contains("agenda.html"))
            for url in files {
                let output = HiddenPeople.readable(try String(contentsOf: url, encoding: .utf8))
                for person in hidden {
                    var secrets = [person.name] + [person.email].compactMap { $0 }
                    if let organization = person.organization, organization != timeline.agenda.organizer?.name { secrets.append(organization) }
                    for secret in secrets {
                        #expect(!output.contains(secret), "\(name)/\(url.lastPathComponent) shows \(secret)")
                    }
                }
            }
            // The organisers' run-of-show names them: the search above would have found a leak.
            let organizers = HiddenPeople.readable(try String(contentsOf: out.appendingPathComponent("run-of-show.html"), encoding: .utf8))
            for person in hidden where timeline.sessions.contains(where: { $0.segments.contains { $0.segment.speakers.contains(person.id) } }) {
                #expect(organizers.contains(person.name), "\(name): the run-of-show should name \(person.name)")
            }
        }
        #expect(hiddenSeen >= 10, "the agendas hide people in every way the format allows")
    }
}
