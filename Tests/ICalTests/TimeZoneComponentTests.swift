import Convene
import ConveneTestSupport
import Foundation
import ICal
import Testing

/// The VTIMEZONEs Convene writes, for every zone of the tz database: read back by libical from
/// the file (not from its own copy of the zone) at the database's instants, and in the forms
/// Outlook can represent (MS-OXCICAL 2.1.3.1.1.19).
@Suite("VTIMEZONE writing")
struct TimeZoneComponentTests {
    static let years = [2022, 2026, 2027]

    /// Wall-clock times that test a zone in `year`: the first hours of 1 January, summer north
    /// and south, and either side of every change, each existing once.
    func probes(_ rules: ZoneRules, _ engine: TimeZoneEngine, _ year: Int) throws -> [CivilTime] {
        let from = CivilTime(year: year, month: 1, day: 1).secondsSinceEpoch - 14 * 3600
        let to = CivilTime(year: year + 1, month: 1, day: 1).secondsSinceEpoch - 14 * 3600
        var times = [CivilTime(year: year, month: 1, day: 1, hour: 0, minute: 30), CivilTime(year: year, month: 1, day: 1, hour: 3),
                     CivilTime(year: year, month: 1, day: 15, hour: 10), CivilTime(year: year, month: 7, day: 15, hour: 10),
                     CivilTime(year: year, month: 12, day: 31, hour: 22)]
        for change in rules.changes(after: from, through: to) {
            for delta: Int64 in [-3 * 3600, 2 * 3600, 86_400] {
                let instant = change.instant + delta
                times.append(CivilTime(secondsSinceEpoch: instant + Int64(try engine.offset(of: rules.name, at: instant))))
            }
        }
        return try times.filter { time in
            guard time.year == year, case .exact = try engine.resolve(time, in: rules.name) else { return false }
            return true
        }
    }

    @Test("every zone of the tz database, read back by libical from the file's VTIMEZONE, gives the database's instants in 2022, 2026 and 2027")
    func everyZoneReadsBack() throws {
        let zones = try zones
        var checked = 0, wrong: [String] = []
        for name in zones.names where zones.engine.knows(name) {
            let rules = try ZoneRules(name: name)
            for year in Self.years {
                let times = try probes(rules, zones.engine, year)
                let events = times.enumerated().map { index, time in
                    CalendarDocument.Event(uid: "p\(index)@sweep", sequence: 0, stamp: 1_700_000_000, timeZone: name, start: time,
                                           end: CivilTime(secondsSinceEpoch: time.secondsSinceEpoch + 60), summary: "probe")
                }
                let text = try CalendarWriter.text(of: CalendarDocument(method: .publish, productID: "-//test//EN", events: events))
                // The zone is renamed, so libical can only read it from the file.
                let renamed = text.replacingOccurrences(of: "TZID:\(name)\r\n", with: "TZID:Sweep/\(name)\r\n")
                    .replacingOccurrences(of: ";TZID=\(name):", with: ";TZID=Sweep/\(name):")
                let busy = try BusyCalendar(text: renamed, from: 0, to: 4_000_000_000, floatingZone: "UTC", engine: zones.engine) { _ in nil }
                var want: [BusyInterval] = []
                for time in times {
                    guard case .exact(let instant) = try zones.engine.resolve(time, in: name) else { continue }
                    want.append(BusyInterval(start: instant, end: instant + 60))
                }
                checked += want.count
                // Busy intervals merge where they touch; compare the starts.
                let got = Set(busy.busy.map(\.start)), expected = Set(want.map(\.start))
                if !expected.isSubset(of: got) { wrong.append("\(name) \(year): \(expected.subtracting(got).sorted().prefix(3))") }
            }
        }
        #expect(checked > 5_000)
        #expect(wrong.isEmpty, "\(wrong.count) zone-years disagree: \(wrong.prefix(10))")
    }

    @Test("Jerusalem's Friday before the last Sunday of March is written as yearly weekday rules, never BYMONTHDAY, and each year's change is right")
    func jerusalem() throws {
        let rules = try ZoneRules(name: "Asia/Jerusalem")
        let text = TimeZoneComponent.text(for: rules, firstYear: 2026, lastYear: 2026)
        #expect(!text.contains("BYMONTHDAY"))
        #expect(!text.contains("RDATE"))
        #expect(!text.contains("UNTIL"))
        #expect(!text.contains("TZUNTIL"))
        #expect(text.contains("DTSTART:20191027T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"), "the autumn rule, in force at the end, has no end")
        #expect(text.contains("DTSTART:20240329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1FR;COUNT=4\r\n"))
        #expect(outlookProblems(text).isEmpty, "\(outlookProblems(text))")
    }

    @Test("a zone's VTIMEZONE is the same for calendars of different years from 2020 on, and starts before 1 January of the first")
    func canonical() throws {
        for name in ["Europe/Kyiv", "Asia/Kathmandu", "Africa/Cairo", "Australia/Sydney", "America/Vancouver"] {
            let rules = try ZoneRules(name: name)
            let a = TimeZoneComponent.text(for: rules, firstYear: 2022, lastYear: 2022)
            #expect(a == TimeZoneComponent.text(for: rules, firstYear: 2026, lastYear: 2027), "\(name)")
            let first = a.components(separatedBy: "DTSTART:").dropFirst().map { String($0.prefix(8)) }.min() ?? ""
            #expect(first < "20200101", "\(name) starts \(first)")
        }
        let early = TimeZoneComponent.text(for: try ZoneRules(name: "Europe/Kyiv"), firstYear: 2012, lastYear: 2012)
        #expect(early.contains("DTSTART:2011"), "a calendar before 2020 starts its zone before its own first year")
    }

    @Test("Outlook can represent every zone's VTIMEZONE, except the zones docs/calendars.md lists as at risk")
    func outlook() throws {
        let zones = try zones
        let doc = try String(contentsOf: packageRoot.appendingPathComponent("docs/calendars.md"), encoding: .utf8)
        guard let listStart = doc.range(of: "<!-- outlook-at-risk -->"), let listEnd = doc.range(of: "<!-- /outlook-at-risk -->") else {
            Issue.record("docs/calendars.md has no list of zones at risk in Outlook")
            return
        }
        let listed = Set(doc[listStart.upperBound..<listEnd.lowerBound].split(whereSeparator: { " ,\n`".contains($0) }).map(String.init)
            .filter { $0.contains("/") })
        var atRisk: [String: [String]] = [:]
        for name in zones.names where zones.engine.knows(name) {
            let problems = outlookProblems(TimeZoneComponent.text(for: try ZoneRules(name: name), firstYear: 2026, lastYear: 2027))
            if !problems.isEmpty { atRisk[name] = problems }
        }
        let unlisted = atRisk.filter { !listed.contains($0.key) }
        #expect(unlisted.isEmpty, "at risk but not listed: \(unlisted.keys.sorted().joined(separator: " ")); for example \(unlisted.sorted { $0.key < $1.key }.prefix(3))")
        #expect(atRisk.count < 20, "\(atRisk.count) zones at risk")
        for name in ["Asia/Jerusalem", "Asia/Gaza", "Asia/Hebron", "America/Santiago", "Europe/Kyiv", "America/Vancouver"] {
            #expect(atRisk[name] == nil, "\(name): \(atRisk[name] ?? [])")
        }
    }

    @Test("the footer's POSIX rules: odd offsets, hours past midnight, negative times, summer time all year")
    func posixFooters() throws {
        let nuuk = try ZoneRules(name: "America/Nuuk")
        let march = nuuk.changes(after: CivilTime(year: 2030, month: 3, day: 1).secondsSinceEpoch,
                                 through: CivilTime(year: 2030, month: 4, day: 1).secondsSinceEpoch)
        // Nuuk springs forward at -01:00 local time on the last Sunday of March: 23:00 on the Saturday, 01:00 UTC on the Sunday.
        #expect(march.map(\.instant) == [CivilTime(year: 2030, month: 3, day: 31, hour: 1).secondsSinceEpoch])
        let zones = try zones
        for name in ["America/Nuuk", "Asia/Jerusalem", "Pacific/Chatham", "Australia/Lord_Howe", "America/Santiago", "Europe/Dublin"] {
            let rules = try ZoneRules(name: name)
            for year in [2040, 2041] {
                for month in 1...12 {
                    let instant = CivilTime(year: year, month: month, day: 10).secondsSinceEpoch
                    #expect(rules.clock(at: instant).offset == (try zones.engine.offset(of: name, at: instant)), "\(name) \(year)-\(month)")
                }
            }
        }
    }

    @Test("a damaged or hostile zone file or name is an error, never a crash or a read outside the database")
    func hostile() throws {
        #expect(throws: ZoneRules.ReadError.self) { try ZoneRules(name: "../../etc/passwd") }
        #expect(throws: ZoneRules.ReadError.self) { try ZoneRules(name: "/etc/passwd") }
        #expect(throws: ZoneRules.ReadError.self) { try ZoneRules(name: "No/Such_Zone") }
        let good = [UInt8](try Data(contentsOf: URL(fileURLWithPath: "/usr/share/zoneinfo/Europe/Kyiv")))
        for length in stride(from: 0, to: good.count, by: 37) {
            _ = try? ZoneRules(name: "Cut", tzif: Array(good.prefix(length)))
        }
        var flipped = good
        for index in stride(from: 20, to: flipped.count, by: 11) { flipped[index] ^= 0xFF }
        _ = try? ZoneRules(name: "Flipped", tzif: flipped)
        #expect(throws: ZoneRules.ReadError.self) { try ZoneRules(name: "Empty", tzif: []) }
    }
}

/// What Outlook cannot represent in a VTIMEZONE (MS-OXCICAL 2.1.3.1.1.19 and 2.1.3.2.1): an
/// RRULE other than FREQ=YEARLY with one BYMONTH and either one BYDAY (one weekday with one
/// ordinal, 1...5 or -1) or one BYMONTHDAY; RDATE; several STANDARD or several DAYLIGHT
/// observances without RRULE; and, since each year holds one change to summer time and one
/// back, two changes of one kind in one year.
func outlookProblems(_ text: String) -> [String] {
    var problems: [String] = []
    var withoutRule: [String: Int] = [:]
    var onsets: [String: Set<Int>] = [:], repeated: Set<String> = []
    let blocks = text.components(separatedBy: "BEGIN:").dropFirst().filter { $0.hasPrefix("STANDARD") || $0.hasPrefix("DAYLIGHT") }
    for block in blocks {
        let kind = String(block.prefix(8))
        let lines = block.components(separatedBy: "\r\n")
        guard let start = lines.first(where: { $0.hasPrefix("DTSTART:") }).map({ String($0.dropFirst(8)) }), let year = Int(start.prefix(4)) else {
            problems.append("\(kind) without DTSTART")
            continue
        }
        if lines.contains(where: { $0.hasPrefix("RDATE") }) { problems.append("RDATE") }
        guard let rule = lines.first(where: { $0.hasPrefix("RRULE:") }).map({ String($0.dropFirst(6)) }) else {
            withoutRule[kind, default: 0] += 1
            if !onsets[kind, default: []].insert(year).inserted { repeated.insert("\(kind) \(year)") }
            continue
        }
        var parts: [String: String] = [:]
        for part in rule.split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
            if pair.count == 2 { parts[pair[0]] = pair[1] }
        }
        if parts["FREQ"] != "YEARLY" { problems.append("RRULE not yearly: \(rule)") }
        if Set(parts.keys).subtracting(["FREQ", "BYMONTH", "BYDAY", "BYMONTHDAY", "COUNT", "UNTIL"]).count > 0 { problems.append("RRULE part Outlook ignores: \(rule)") }
        if (parts["BYDAY"] != nil) == (parts["BYMONTHDAY"] != nil) { problems.append("RRULE needs BYDAY or BYMONTHDAY, not both: \(rule)") }
        if let day = parts["BYDAY"], day.wholeMatch(of: /(-1|[1-5])(SU|MO|TU|WE|TH|FR|SA)/) == nil { problems.append("BYDAY Outlook cannot hold: \(rule)") }
        if let month = parts["BYMONTH"], month.contains(",") { problems.append("several months: \(rule)") }
        let count = parts["COUNT"].flatMap(Int.init) ?? 12
        for offset in 0..<count where year + offset <= 2032 {
            if !onsets[kind, default: []].insert(year + offset).inserted { repeated.insert("\(kind) \(year + offset)") }
        }
    }
    for (kind, count) in withoutRule where count > 1 { problems.append("\(count) \(kind) observances without RRULE") }
    for found in repeated.sorted() where Int(found.suffix(4)) ?? 0 >= 2020 { problems.append("two changes to \(found)") }
    return problems
}

@Suite("reading zones by name")
struct ZoneByNameTests {
    @Test("a calendar that names a zone without a VTIMEZONE is read with the tz database's rules, not libical's copy (Easter Island, January 2021)")
    func namedZoneWithoutDefinition() throws {
        let zones = try zones
        let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTAMP:20200101T000000Z\r\n"
            + "DTSTART;TZID=Pacific/Easter:20210115T120000\r\nDTEND;TZID=Pacific/Easter:20210115T130000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        let busy = try BusyCalendar(text: text, from: 0, to: 4_000_000_000, floatingZone: "UTC", engine: zones.engine) { _ in nil }
        guard case .exact(let start) = try zones.engine.resolve(CivilTime(year: 2021, month: 1, day: 15, hour: 12), in: "Pacific/Easter") else {
            Issue.record("12:00 exists")
            return
        }
        // Summer time (-05) in the tz database: 17:00 UTC.
        #expect(start == CivilTime(year: 2021, month: 1, day: 15, hour: 17).secondsSinceEpoch)
        #expect(busy.busy == [BusyInterval(start: start, end: start + 3600)])
    }
}
