import Convene
import ConveneTestSupport
import Foundation
import Testing

/// `convene pool`: finding candidates in rosters, in the library and on the command line.
@Suite("expert pool")
struct PoolTests {
    /// Five people: three women (one in Toronto), a man and a person who gives no gender.
    let roster = rosterHeader + """
        people:
          - id: boiko
            name: Оксана Бойко
            gender: woman
            region: Odesa
            expertise: [Mediation, negotiation support]
            networks: [Southern Ukraine Women Peacebuilders Network]
            trainings: ["Clingendael Institute: mediation and negotiation"]
            languages: [uk, en]
          - id: marchenko
            name: Ольга Марченко
            gender: woman
            region: Toronto, Canada
            timezone: America/Toronto
            working_hours: "09:00-17:00"
            expertise: [transitional justice, mediation]
            networks: [National 1325 Coalition]
            languages: [uk, EN, fr]
          - id: shevchuk
            name: Марія Шевчук
            gender: woman
            region: Kharkiv
            expertise: [community dialogue]
            networks: [Kharkiv Regional 1325 Coalition]
            languages: [uk]
            visibility: participants
            described_as: "a civil-society expert from Kharkiv"
          - id: pavlenko
            name: Дмитро Павленко
            gender: man
            expertise: [mediation, security research]
            languages: [uk, en]
          - id: rudenko
            name: Саша Руденко
            expertise: [youth mediation]
            languages: [uk]

        """

    func pool(_ text: String? = nil) throws -> ExpertPool {
        let loaded = try loadRoster(text ?? roster)
        #expect(loaded.diagnostics.items.isEmpty, "\(loaded.diagnostics.sorted)")
        return ExpertPool([ExpertPool.Member(name: "r.yaml", roster: try #require(loaded.roster))], zones: try zones)
    }

    func ids(_ query: ExpertPool.Query) throws -> [String] {
        try pool().search(query).candidates.map(\.expert.id.rawValue)
    }

    @Test("--expertise, --region, --network and --training match words in any case; --language a code exactly")
    func filters() throws {
        var query = ExpertPool.Query()
        query.expertise = ["MEDIATION"]
        #expect(try ids(query) == ["boiko", "marchenko", "pavlenko", "rudenko"])
        query.languages = ["en"]
        #expect(try ids(query) == ["boiko", "marchenko", "pavlenko"], "EN in the roster is en")
        query.languages = ["e"]
        #expect(try ids(query) == [], "a language code is matched whole")
        query = ExpertPool.Query()
        query.networks = ["1325"]
        query.regions = ["kharkiv"]
        #expect(try ids(query) == ["shevchuk"])
        query = ExpertPool.Query()
        query.trainings = ["clingendael"]
        #expect(try ids(query) == ["boiko"])
        query = ExpertPool.Query()
        query.languages = ["uk", "fr"]
        #expect(try ids(query) == ["marchenko"], "a filter given twice must match twice")
    }

    @Test("--women keeps women, leaving out men and people who give no gender: the fix for an all-male panel")
    func women() throws {
        var query = ExpertPool.Query()
        query.expertise = ["mediation"]
        query.womenOnly = true
        #expect(try ids(query) == ["boiko", "marchenko"])
    }

    @Test("--available-at follows each person's own clock: Toronto's 09:00 start fits after the US clocks change, not before")
    func availableAcrossDaylightSaving() throws {
        let zones = try zones
        var query = ExpertPool.Query()
        query.expertise = ["mediation"]
        query.womenOnly = true
        // Monday 16 March 2026, 15:00 in Kyiv (UTC+2): New York and Toronto are on summer time
        // since 8 March, Europe not until 29 March, so Toronto is 6 hours behind: 09:00.
        query.window = try PoolWindow("2026-03-16T15:00", minutes: 90, timeZone: "Europe/Kyiv", zones: zones)
        let after = try pool().search(query)
        #expect(after.candidates.map(\.expert.id) == ["boiko", "marchenko"])
        let toronto = try #require(after.candidates.last?.local)
        #expect(toronto.timeZone == "America/Toronto")
        #expect(toronto.start.rfc3339 == "2026-03-16T09:00:00-04:00")
        #expect(toronto.flags.isEmpty)
        // Two weeks earlier, before the US change, 15:00 in Kyiv is 08:00 in Toronto (7 hours
        // behind): before her day starts.
        query.window = try PoolWindow("2026-03-02T15:00", minutes: 90, timeZone: "Europe/Kyiv", zones: zones)
        let before = try pool().search(query)
        #expect(before.candidates.map(\.expert.id) == ["boiko"])
        #expect(before.unavailable.map(\.expert.id) == ["marchenko"])
        #expect(before.unavailable.first?.local?.start.rfc3339 == "2026-03-02T08:00:00-05:00")
        #expect(before.unavailable.first?.local?.flags == [.outsideWorkingHours])
    }

    @Test("a window on someone's day off lists them after the others, flagged not-a-working-day")
    func dayOff() throws {
        var query = ExpertPool.Query()
        query.window = try PoolWindow("2026-12-12T10:00+02:00", minutes: 60, timeZone: nil, zones: try zones)
        let result = try pool().search(query)
        #expect(result.candidates.isEmpty)
        #expect(result.unavailable.count == 5)
        #expect(result.unavailable.allSatisfy { $0.local?.flags.contains(.notAWorkingDay) == true })
    }

    @Test("a time the clocks skip or repeat is refused with a hint; an offset says which of a repeated hour")
    func gapsAndOverlaps() throws {
        let zones = try zones
        #expect(throws: PoolWindow.Problem(message: "2026-03-29 03:30 does not exist in Europe/Kyiv: the clocks jump from 03:00 to 04:00",
                                           hint: "pick a time outside the skipped hour, e.g. 2026-03-29T04:00")) {
            try PoolWindow("2026-03-29T03:30", minutes: 60, timeZone: "Europe/Kyiv", zones: zones)
        }
        #expect(throws: PoolWindow.Problem(message: "2026-10-25 03:30 happens twice in Europe/Kyiv, when the clocks go back",
                                           hint: "give the offset to say which: 2026-10-25T03:30+03:00 (the first) or 2026-10-25T03:30+02:00 (the second)")) {
            try PoolWindow("2026-10-25T03:30", minutes: 60, timeZone: "Europe/Kyiv", zones: zones)
        }
        let second = try PoolWindow("2026-10-25T03:30+02:00", minutes: 60, timeZone: "Europe/Kyiv", zones: zones)
        #expect(second.start.description == "2026-10-25T01:30:00Z")
        #expect(second.localStart.rfc3339 == "2026-10-25T03:30:00+02:00")
        #expect(throws: PoolWindow.Problem.self) { try PoolWindow("2026-12-08T14:30", minutes: 60, timeZone: nil, zones: zones) }
        #expect(throws: PoolWindow.Problem.self) { try PoolWindow("2026-12-08 25:00", minutes: 60, timeZone: "UTC", zones: zones) }
        #expect(try PoolWindow("2026-12-08T12:30:00Z", minutes: 60, timeZone: nil, zones: zones).start.description == "2026-12-08T12:30:00Z")
    }

    @Test("--json gives the rosters, filters and window, then candidates and unavailable with every roster key and a local view")
    func json() throws {
        var query = ExpertPool.Query()
        query.regions = ["toronto"]
        query.window = try PoolWindow("2026-12-08T16:00", minutes: 60, timeZone: "Europe/Kyiv", zones: try zones)
        let json = try pool().search(query).json().serialized()
        #expect(json == """
            {
              "rosters": ["r.yaml"],
              "people": 5,
              "tzdata": "\(try zones.version)",
              "filters": {
                "expertise": [],
                "language": [],
                "region": ["toronto"],
                "network": [],
                "training": [],
                "women": false
              },
              "window": {
                "start": "2026-12-08T16:00:00+02:00",
                "end": "2026-12-08T17:00:00+02:00",
                "start_utc": "2026-12-08T14:00:00Z",
                "timezone": "Europe/Kyiv",
                "duration_minutes": 60
              },
              "candidates": [
                {
                  "id": "marchenko",
                  "roster": "r.yaml",
                  "name": "Ольга Марченко",
                  "title": null,
                  "organization": null,
                  "email": null,
                  "gender": "woman",
                  "sector": null,
                  "region": "Toronto, Canada",
                  "expertise": ["transitional justice", "mediation"],
                  "networks": ["National 1325 Coalition"],
                  "trainings": [],
                  "languages": ["uk", "EN", "fr"],
                  "timezone": "America/Toronto",
                  "working_hours": "09:00-17:00",
                  "working_days": ["mon", "tue", "wed", "thu", "fri"],
                  "visibility": "public",
                  "described_as": null,
                  "local": {
                    "start": "2026-12-08T09:00:00-05:00",
                    "end": "2026-12-08T10:00:00-05:00",
                    "flags": []
                  }
                }
              ],
              "unavailable": []
            }

            """)
    }

    @Test("the text names everyone, protected people with how they are shown elsewhere, within 80 columns")
    func text() throws {
        var query = ExpertPool.Query()
        query.regions = ["kharkiv"]
        let text = try pool().search(query).text()
        #expect(text == """
            Expert pool: 1 of 5 people match
            Rosters: r.yaml
            Looking for: region "kharkiv"
            Names everyone, whatever their visibility: keep this list among the organisers.

            Марія Шевчук (shevchuk) — woman · Kharkiv
              Expertise: community dialogue
              Networks: Kharkiv Regional 1325 Coalition
              Languages: uk
              Named to participants only; elsewhere shown as "a civil-society expert from
                Kharkiv"
              Zone: Europe/Kyiv; works 08:00-20:00 mon–fri

            """)
        let sample = try String(contentsOf: packageRoot.appendingPathComponent("rosters/ukraine-women-experts.yaml"), encoding: .utf8)
        let loaded = try loadRoster(sample, name: "rosters/ukraine-women-experts.yaml")
        var everyone = ExpertPool.Query()
        everyone.window = try PoolWindow("2026-12-08T16:00", minutes: 90, timeZone: "Europe/Kyiv", zones: try zones)
        let all = try ExpertPool([ExpertPool.Member(name: loaded.name, roster: try #require(loaded.roster))], zones: try zones).search(everyone).text()
        for line in all.split(separator: "\n") {
            #expect(line.count <= 80, "\(line)")
        }
    }

    @Test("the sample roster is clean and shaped by the letter: 1325 coalitions, networks, trained mediators, several zones")
    func sample() throws {
        let text = try String(contentsOf: packageRoot.appendingPathComponent("rosters/ukraine-women-experts.yaml"), encoding: .utf8)
        let loaded = try loadRoster(text)
        #expect(loaded.diagnostics.items.isEmpty, "\(loaded.diagnostics.sorted.map { $0.rendered(file: "rosters/ukraine-women-experts.yaml") })")
        let people = try #require(loaded.roster).people
        #expect((12...16).contains(people.count))
        #expect(people.contains { $0.networks.contains { $0.contains("1325 Coalition") } })
        #expect(people.contains { $0.networks.contains { $0.contains("Feminist People's Diplomacy") } })
        #expect(people.contains { $0.trainings.contains { $0.contains("Clingendael") } })
        #expect(people.contains { $0.trainings.contains { $0.contains("21st Century Mediation") } })
        #expect(Set(people.compactMap(\.person.timeZone)).count >= 4)
        #expect(people.allSatisfy { $0.person.email?.hasSuffix("@example.org") == true })
        #expect(people.contains { $0.person.name.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) } })
        let hidden = people.filter { $0.person.visibility != .public }
        #expect(hidden.count >= 2 && hidden.allSatisfy { $0.person.describedAs != nil })
        #expect(text.contains("FICTIONAL"))
    }
}

/// The `convene pool` command: what it prints and its exit codes.
