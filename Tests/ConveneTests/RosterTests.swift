import Convene
import ConveneTestSupport
import Foundation
import Testing

/// Loads roster text as a file called `r.yaml`.
func loadRoster(_ text: String, name: String = "r.yaml") throws -> LoadedRoster {
    RosterLoader(zones: try zones).load(text: text, name: name)
}

/// The diagnostics of roster text as `convene pool` prints them for a file called `r.yaml`.
func renderedRoster(_ text: String) throws -> [String] {
    let loaded = try loadRoster(text)
    return loaded.diagnostics.sorted.map { $0.rendered(file: loaded.name) }
}

/// Roster files: what they hold, and every problem reported at its line.
@Suite("roster files")
struct RosterTests {
    @Test("a roster gives each person the expert keys, and the roster's zone when they give none")
    func loads() throws {
        let loaded = try loadRoster(rosterHeader + """
            maintainer: "Women's Dialogue Platform, roster@example.org"
            updated: 2026-11-30
            people:
              - id: shevchuk
                name: Марія Шевчук
                gender: woman
                sector: civil-society
                region: Kharkiv
                expertise: [localisation of the 1325 National Action Plan, community dialogue]
                networks: [Kharkiv Regional 1325 Coalition]
                trainings: ["Clingendael Institute: mediation (2023)"]
                languages: [uk, en]
                visibility: participants
                described_as: "a civil-society expert from Kharkiv"
              - id: bondar
                name: Iryna Bondar
                timezone: Europe/Berlin
                working_hours: "09:00-17:00"

            """)
        #expect(loaded.diagnostics.items.isEmpty, "\(loaded.diagnostics.sorted)")
        let roster = try #require(loaded.roster)
        #expect(roster.title == "Test roster")
        #expect(roster.updated == LocalDate(year: 2026, month: 11, day: 30))
        #expect(roster.maintainer == "Women's Dialogue Platform, roster@example.org")
        let shevchuk = try #require(roster.expert("shevchuk"))
        #expect(shevchuk.person.timeZone == "Europe/Kyiv")
        #expect(shevchuk.person.visibility == .participants)
        #expect(shevchuk.region == "Kharkiv")
        #expect(shevchuk.expertise == ["localisation of the 1325 National Action Plan", "community dialogue"])
        #expect(shevchuk.networks == ["Kharkiv Regional 1325 Coalition"])
        #expect(shevchuk.trainings == ["Clingendael Institute: mediation (2023)"])
        let bondar = try #require(roster.expert("bondar"))
        #expect(bondar.person.timeZone == "Europe/Berlin")
        #expect(bondar.person.workingHours.description == "09:00-17:00")
        #expect(loaded.location(ofPerson: 1) == SourceLocation(line: 18, column: 9))
    }

    @Test("unknown keys in a roster suggest the nearest roster key, at the top and for a person")
    func unknownKeys() throws {
        let lines = try renderedRoster(rosterHeader + """
            titel: x
            people:
              - id: ana
                name: Ana
                expertice: [mediation]
                networx: [National 1325 Coalition]
                attendance: online

            """)
        #expect(lines == [
            "r.yaml:4:1: error: unknown key 'titel' at the top of the roster — did you mean 'title'?",
            "r.yaml:8:5: error: unknown key 'expertice' in a roster person — did you mean 'expertise'?",
            "r.yaml:9:5: error: unknown key 'networx' in a roster person — did you mean 'networks'?",
            "r.yaml:10:5: error: unknown key 'attendance' in a roster person — attendance belongs to one event: give it in the agenda, beside roster: ID",
        ])
    }

    @Test("a visibility outside the list is an error that lists the allowed values")
    func visibility() throws {
        let lines = try renderedRoster(rosterHeader + "people:\n  - id: ana\n    name: Ana\n    visibility: secret\n")
        #expect(lines == ["r.yaml:7:17: error: 'secret' is not a valid visibility — use one of: public, participants, organizers"])
    }

    @Test("a person without a zone in a roster without one is an error at the person")
    func missingZone() throws {
        let lines = try renderedRoster("roster: 1\ntitle: T\npeople:\n  - id: ana\n    name: Ana\n  - { id: bo, name: Bo, timezone: Europe/Kiew }\n")
        #expect(lines == [
            "r.yaml:4:5: error: Ana has no timezone, and the roster gives none — add timezone: to the person (e.g. Europe/Kyiv), or a timezone: at the top of the roster for everyone who gives none",
            "r.yaml:6:35: error: unknown time zone 'Europe/Kiew' — did you mean 'Europe/Kyiv'?",
        ])
    }

    @Test("an id given twice in one roster is an error at the second, naming the first's line")
    func duplicateID() throws {
        let lines = try renderedRoster(rosterHeader + "people:\n  - { id: ana, name: Ana }\n  - { id: bo, name: Bo }\n  - id: ana\n    name: Anna\n")
        #expect(lines == ["r.yaml:7:9: error: duplicate person id 'ana' in the roster — the first 'ana' is on line 5; ids must be unique, since agendas take people by id"])
    }

    @Test("a protected person without described_as is a warning, as in an agenda")
    func describedAs() throws {
        let lines = try renderedRoster(rosterHeader + "people:\n  - { id: ana, name: Ana, visibility: organizers }\n")
        #expect(lines == ["r.yaml:5:39: warning: Ana may not be named publicly but has no described_as — add described_as: (e.g. \"a civil-society expert from Kharkiv\") so outputs can mention them without their name [no-described-as, protects people: cannot be accepted]"])
    }

    @Test("the file as a whole: version, required keys, YAML syntax, emptiness, encoding")
    func wholeFile() throws {
        #expect(try renderedRoster("roster: 2\ntitle: T\n") == [
            "r.yaml:1:9: error: this file is roster format version 2; this convene reads version 1 — use a newer convene",
        ])
        #expect(try renderedRoster("title: T\npeople: []\n") == [
            "r.yaml:1:1: error: the roster has no 'roster' — add 'roster:' (the roster format version: 1)",
        ])
        #expect(try renderedRoster("- a\n- b\n") == [
            "r.yaml:1:1: error: the roster must be a mapping of keys and values, not a list — a roster starts with lines like 'roster: 1' and 'title: ...'",
        ])
        let syntax = try renderedRoster(rosterHeader + "people:\n  - id: ana\n    name: \"Ana\n")
        #expect(syntax == ["r.yaml:7:1: error: YAML syntax: found unexpected end of stream while scanning a quoted scalar (line 6) — a quote or bracket is not closed"])
        #expect(try renderedRoster("# nothing yet\n") == [
            "r.yaml:1:1: error: the file is empty — a roster starts with 'roster: 1', a title: and people:; docs/rosters.md shows one",
        ])
        let utf16 = RosterLoader(zones: try zones).load([0xFF, 0xFE, 0x72, 0x00], name: "r.yaml")
        #expect(utf16.diagnostics.sorted.map { $0.rendered(file: "r.yaml") } == ["r.yaml:1:1: error: the file is UTF-16 text; roster files are UTF-8 — save the file as UTF-8"])
    }

    @Test("random mutations of the sample roster never crash the loader, and every problem has a place")
    func mutations() throws {
        let sample = try String(contentsOf: packageRoot.appendingPathComponent("rosters/ukraine-women-experts.yaml"), encoding: .utf8)
        let bytes = Array(sample.utf8)
        var generator = SeededGenerator(seed: 1325)
        let alphabet = Array(":-[]{}&*!|>'\"#\t\n 0123456789abc".utf8)
        let loader = RosterLoader(zones: try zones)
        for round in 0..<200 {
            var mutated = bytes
            for _ in 0..<(1 + round % 8) {
                let index = Int.random(in: 0..<mutated.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: mutated[index] = alphabet.randomElement(using: &generator) ?? 0x20
                case 1: mutated.remove(at: index)
                default: mutated.insert(alphabet.randomElement(using: &generator) ?? 0x20, at: index)
                }
            }
            let loaded = loader.load(mutated, name: "r.yaml")
            #expect(loaded.diagnostics.items.allSatisfy { $0.location.line >= 1 && $0.location.column >= 1 })
        }
    }

    @Test("a roster person has every key of an agenda person but attendance and accept_warnings, and the expert keys")
    func personSpec() {
        let agendaKeys = AgendaFormat.person.keys.filter { $0 != "attendance" && $0 != "accept_warnings" }
        #expect(Array(RosterFormat.person.keys.prefix(agendaKeys.count)) == agendaKeys)
        #expect(RosterFormat.person.keys.dropFirst(agendaKeys.count) == ["region", "expertise", "networks", "trainings"])
    }

    @Test("docs/rosters.md names every key of the roster format and every allowed value")
    func documented() throws {
        let text = try String(contentsOf: packageRoot.appendingPathComponent("docs/rosters.md"), encoding: .utf8)
        for (spec, key, word) in documentedWords(RosterFormat.roster) {
            #expect(text.contains("`\(word)`") || text.contains("`\"\(word)\"`"), "\(spec).\(key): '\(word)' is not in docs/rosters.md")
        }
    }
}

/// Every key of `spec` and of the mappings inside it, and every word of a closed list, as
/// (mapping, key, word that the documentation must show in backquotes).
func documentedWords(_ spec: AgendaFormat.ObjectSpec) -> [(String, String, String)] {
    var words: [(String, String, String)] = []
    var seen: Set<String> = []
    func walk(_ spec: AgendaFormat.ObjectSpec) {
        guard seen.insert(spec.name).inserted else { return }
        for field in spec.fields {
            words.append((spec.name, field.key, field.key))
            var type = field.type
            if case .list(let item) = type { type = item }
            switch type {
            case .choice(let choices): words += choices.map { (spec.name, field.key, $0) }
            case .object(let inner): walk(inner)
            default: break
            }
        }
    }
    walk(spec)
    return words
}

/// Agendas that take people from rosters by id.
@Suite("agendas with rosters")
struct RosterReferenceTests {
    let roster = RosterFixtures.roster

    func agenda(_ people: String, rosters: String = "[r.yaml]") -> String {
        RosterFixtures.agenda(people, rosters: rosters)
    }

    func check(_ text: String, rosters: [String: String]? = nil) throws -> AgendaCheck {
        AgendaCheck(text: text, zones: try zones, rosters: .texts(rosters ?? ["r.yaml": roster]))
    }

    func lines(_ check: AgendaCheck) -> [String] {
        check.diagnostics.sorted.map { $0.rendered(file: "a.yaml") }
    }

    @Test("roster: ID takes the roster's person, and the keys beside it override the roster's for this agenda")
    func overrides() throws {
        let check = try check(agenda("""
              - roster: ana
              - roster: bondar
                attendance: online
              - roster: kravets
                id: natalia
                visibility: organizers
                described_as: "an academic from Lviv"
                languages: [uk]

            """))
        #expect(check.diagnostics.items.isEmpty, "\(lines(check))")
        let people = try #require(check.agenda).people
        #expect(people.map(\.id) == ["ana", "bondar", "natalia"])
        #expect(people[0] == Person(id: "ana", name: "Ana Kovalenko", email: "ana@example.org", gender: .woman, timeZone: "Europe/Kyiv",
                                    visibility: .participants, describedAs: "a mediator from Kyiv", languages: ["uk", "en"]))
        #expect(people[1].attendance == .online)
        #expect(people[1].timeZone == "Europe/Berlin", "the roster's zone comes along, so an online person needs none here")
        #expect(people[1].workingHours.description == "09:00-18:00")
        #expect(people[2].name == "Natalia Kravets")
        #expect(people[2].visibility == .organizers)
        #expect(people[2].describedAs == "an academic from Lviv")
        #expect(people[2].languages == ["uk"])
    }

    @Test("an empty visibility beside roster: keeps the roster's; a wider one is a warning at its line")
    func visibilityOverrides() throws {
        let empty = try check(agenda("""
              - roster: ana
                visibility: ~

            """))
        #expect(try #require(empty.agenda).people.first?.visibility == .participants, "~ is no override")
        #expect(lines(empty).isEmpty)
        let wider = try check(agenda("""
              - roster: ana
                visibility: public

            """))
        #expect(try #require(wider.agenda).people.first?.visibility == .public)
        #expect(lines(wider) == [
            "a.yaml:8:17: warning: Ana Kovalenko is visible to participants only in r.yaml:5:9; this agenda makes the name public, so public outputs will print it — keep the roster's visibility unless the person has agreed to be named; then leave this line, and say so in the roster [visibility-raised, protects people: cannot be accepted]",
        ])
    }

    @Test("every key of an agenda person can stand beside roster: and overrides the roster's value")
    func everyKeyOverrides() throws {
        var lines: [String] = []
        for field in AgendaFormat.person.fields where field.key != "id" {
            let value: String
            switch field.type {
            case .text, .translatable: value = "\"Override \(field.key)\""
            case .email: value = "override@example.org"
            case .timeZone: value = "Asia/Tbilisi"
            case .hours: value = "\"07:00-15:00\""
            case .choice(let words): value = words.first { $0 != field.defaultValue } ?? words[0]
            case .list(.choice(let words)): value = "[\(words.last ?? "")]"
            case .list(.text): value = "[xx, yy]"
            case .spellings: value = "{ cyrl: Ана Оверрайд }"
            default:
                Issue.record("no sample value for \(field.key); extend this test")
                continue
            }
            lines.append("    \(field.key): \(value)")
        }
        let body = lines.joined(separator: "\n") + "\n"
        let fromRoster = try check(agenda("  - roster: ana\n" + body))
        let written = try check(header + "people:\n  - id: ana\n" + body)
        #expect(fromRoster.diagnostics.errors.isEmpty, "\(self.lines(fromRoster))")
        #expect(written.diagnostics.errors.isEmpty, "\(self.lines(written))")
        #expect(try #require(fromRoster.agenda).people == (try #require(written.agenda)).people)
    }

    @Test("an id that no roster defines is an error at its line, with the nearest id suggested")
    func unknownID() throws {
        let check = try check(agenda("  - roster: anna\n  - roster: zzz\n"))
        #expect(lines(check) == [
            "a.yaml:7:13: error: no person 'anna' in the roster 'r.yaml' — did you mean 'ana'?",
            "a.yaml:8:13: error: no person 'zzz' in the roster 'r.yaml' — convene pool r.yaml lists everyone in it",
        ])
    }

    @Test("an id that two rosters define is an error at the reference that names both places")
    func duplicateAcrossRosters() throws {
        let other = "roster: 1\ntitle: Other\ntimezone: Europe/Kyiv\npeople:\n  - id: kravets\n    name: Another Kravets\n"
        let check = try check(agenda("  - roster: kravets\n  - roster: ana\n", rosters: "[r.yaml, other.yaml]"),
                              rosters: ["r.yaml": roster, "other.yaml": other])
        #expect(lines(check) == [
            "a.yaml:7:13: error: 'kravets' is defined in 2 rosters: r.yaml:13:11 and other.yaml:5:9 — an id must name one person: change it in one of the rosters, or define the person in the agenda",
        ])
    }

    @Test("a roster that cannot be read is an error at its line under rosters:, and its ids are not reported one by one")
    func unreadable() throws {
        let check = try check(agenda("  - roster: ana\n  - roster: nobody\n", rosters: "\n  - r.yaml\n  - missing.yaml"))
        #expect(lines(check) == [
            "a.yaml:7:5: error: cannot read the roster 'missing.yaml': no such file — paths under rosters: are relative to the agenda's folder",
        ])
    }

    @Test("roster: in an agenda without rosters is an error that says to add them")
    func noRosters() throws {
        let check = AgendaCheck(text: header + "people:\n  - roster: ana\n", zones: try zones)
        #expect(lines(check) == [
            "a.yaml:6:13: error: 'ana' is taken from a roster, but the agenda lists no rosters — add rosters: [path/to/roster.yaml] at the top of the agenda",
        ])
    }

    /// A session that names `ids` as its moderator, participants and speakers (seven lines:
    /// the moderator on the sixth, the participants and speakers on the seventh).
    func session(moderator: String, participants: [String], speakers: [String]) -> String {
        """
        sessions:
          - id: s
            title: Briefing
            date: 2026-12-10
            start: "15:00"
            moderator: \(moderator)
            participants: [\(participants.joined(separator: ", "))]
            segments:
              - { title: Panel, kind: panel, duration: 1h, speakers: [\(speakers.joined(separator: ", "))] }

        """
    }

    @Test("a typo in roster: ID is one error: the person gets no zone error, and a session naming the id it meant is not reported")
    func typoIsOneError() throws {
        let check = try check(agenda("""
              - roster: ana
              - roster: bondarr
                attendance: online
                visibility: participants

            """) + session(moderator: "ana", participants: ["ana", "bondar"], speakers: ["bondar"]))
        #expect(lines(check) == [
            "a.yaml:8:13: error: no person 'bondarr' in the roster 'r.yaml' — did you mean 'bondar'?",
        ])
    }

    @Test("an unknown person is never offered the id of a roster: entry that could not be resolved")
    func unresolvedIDsAreNotSuggested() throws {
        let check = try check(agenda("  - roster: ana\n  - roster: zoryana\n")
            + session(moderator: "ana", participants: ["zoryana", "zorjana"], speakers: ["zoryana"]))
        #expect(lines(check) == [
            "a.yaml:8:13: error: no person 'zoryana' in the roster 'r.yaml' — convene pool r.yaml lists everyone in it",
            "a.yaml:15:29: error: unknown person 'zorjana' as participant — add them under people: with id: zorjana",
        ])
    }

    @Test("a roster file that is missing is one error at its line, and nothing for the people taken from it")
    func missingRosterIsOneError() throws {
        let check = try check(agenda("""
              - roster: ana
              - roster: bondar
                attendance: online
              - roster: kravets
                visibility: organizers

            """, rosters: "[missing.yaml]") + session(moderator: "ana", participants: ["ana", "bondar", "kravets"], speakers: ["bondar", "kravets"]))
        #expect(lines(check) == [
            "a.yaml:5:11: error: cannot read the roster 'missing.yaml': no such file — paths under rosters: are relative to the agenda's folder",
        ])
    }

    @Test("roster: entries in an agenda without rosters: are one error each, and nothing else")
    func noRostersIsOneErrorEach() throws {
        let people = """
            people:
              - roster: ana
              - roster: bondar
                attendance: online
              - roster: kravets
                visibility: organizers

            """
        let check = AgendaCheck(text: header + people + session(moderator: "ana", participants: ["ana", "bondar"], speakers: ["bondar", "kravets"]),
                                zones: try zones)
        #expect(lines(check) == [
            "a.yaml:6:13: error: 'ana' is taken from a roster, but the agenda lists no rosters — add rosters: [path/to/roster.yaml] at the top of the agenda",
            "a.yaml:7:13: error: 'bondar' is taken from a roster, but the agenda lists no rosters — add rosters: [path/to/roster.yaml] at the top of the agenda",
            "a.yaml:9:13: error: 'kravets' is taken from a roster, but the agenda lists no rosters — add rosters: [path/to/roster.yaml] at the top of the agenda",
        ])
    }

    @Test("a roster with errors: one error at its line in the agenda, and its own errors under its name and lines")
    func rosterWithErrors() throws {
        let broken = roster.replacingOccurrences(of: "visibility: participants", with: "visibility: secret")
        let check = try check(agenda("  - roster: ana\n"), rosters: ["r.yaml": broken])
        #expect(lines(check) == [
            "a.yaml:5:11: error: the roster 'r.yaml' has 1 error — they are reported under r.yaml; fix them, then check the agenda again",
        ])
        #expect(check.rosters.map(\.name) == ["r.yaml"])
        #expect(check.rosters[0].diagnostics.sorted.map { $0.rendered(file: "r.yaml") } == [
            "r.yaml:9:17: error: 'secret' is not a valid visibility — use one of: public, participants, organizers",
        ])
        let report = check.report(file: "a.yaml").serialized()
        #expect(report.contains("\"file\": \"r.yaml\",\n      \"line\": 9,\n      \"column\": 17"))
    }

    @Test("a roster with errors: its people are not checked again in the agenda, and ids it lost are not reported")
    func rosterWithErrorsIsOneError() throws {
        // No zone for the roster, so Ana has none; Natalia Kravets's id is misspelt, so she is lost.
        let broken = roster.replacingOccurrences(of: "timezone: Europe/Kyiv\n", with: "")
            .replacingOccurrences(of: "{ id: kravets", with: "{ idd: kravets")
        let check = try check(agenda("  - roster: ana\n    attendance: online\n  - roster: kravets\n")
            + session(moderator: "ana", participants: ["ana", "kravets"], speakers: ["kravets"]), rosters: ["r.yaml": broken])
        #expect(lines(check) == [
            "a.yaml:5:11: error: the roster 'r.yaml' has 4 errors — they are reported under r.yaml; fix them, then check the agenda again",
        ])
    }

}
