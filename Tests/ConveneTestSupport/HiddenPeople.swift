import Convene
import Foundation

/// An agenda that hides people every way the format allows, and how to read an output as a
/// person would when searching it for them.
public enum HiddenPeople {
    /// A public event with people hidden every way the format allows: by visibility, by a
    /// session under the Chatham House Rule, by a closed session.
    public static let purposeMade = """
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
    public static func readable(_ text: String) -> String {
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
    /// the PUBLISH calendar and its cancellations, the public inclusion report and the public
    /// schedule (`schedule.xml`, `schedule.json`).
    public static func publicFiles(in folder: URL) throws -> [URL] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        let isPublic = { (name: String) in
            name.hasPrefix("agenda.") && name != "agenda.json" || name == "event.ics" || name.hasPrefix("report.") || name.hasPrefix("schedule.")
        }
        var files = names.filter(isPublic).map { folder.appendingPathComponent($0) }
        let cancelled = folder.appendingPathComponent("cancellations/event.ics")
        if FileManager.default.fileExists(atPath: cancelled.path) { files.append(cancelled) }
        return files.sorted { $0.path < $1.path }
    }

    /// People who may be named in no public session: by visibility, or because every session
    /// they take part in is held under a rule other than public.
    public static func hidden(in timeline: Timeline) -> [Person] {
        let agenda = timeline.agenda
        let disclosure = Disclosure(audience: .public, eventRule: agenda.confidentiality)
        return agenda.people.filter { person in
            !timeline.sessions.contains { $0.participants.contains(person.id) && disclosure.mayName(person, in: $0.session) }
        }
    }
}
