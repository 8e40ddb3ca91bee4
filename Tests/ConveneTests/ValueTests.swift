@testable import Convene
import ConveneTestSupport
import Foundation
import Testing

/// The plain values of the format: durations, times, dates, zones, JSON.
@Suite("values")
struct ValueTests {
    @Test("durations are read in every spelling the format allows", arguments: [
        ("90m", 90), ("1h30m", 90), ("1h", 60), ("2h 15m", 135), ("45M", 45), ("10h", 600),
    ])
    func durations(text: String, minutes: Int) {
        #expect(Minutes(parsing: text)?.value == minutes)
    }

    @Test("anything else is not a duration", arguments: ["", "90", "0m", "1h1h", "30m1h", "1.5h", "h", "m", "-5m", "1d", "999999m"])
    func notDurations(text: String) {
        #expect(Minutes(parsing: text) == nil)
    }

    @Test("durations print in their shortest spelling")
    func durationSpelling() {
        #expect([45, 60, 90, 135].map { Minutes($0).description } == ["45m", "1h", "1h30m", "2h15m"])
    }

    @Test("times are 24-hour HH:MM")
    func times() {
        #expect(LocalTime(parsing: "08:15")?.minutesSinceMidnight == 495)
        #expect(LocalTime(parsing: "8:15")?.description == "08:15")
        #expect(LocalTime(parsing: "23:59") != nil)
        for bad in ["24:00", "12:60", "8.15", "0815", "8:5", "noon", "-1:00", "12:00:00"] {
            #expect(LocalTime(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test("working hours may run past midnight and end at 24:00")
    func workingHours() {
        #expect(WorkingHours(parsing: "08:00-20:00")?.description == "08:00-20:00")
        #expect(WorkingHours(parsing: "22:00-06:00")?.end == 360)
        #expect(WorkingHours(parsing: "00:00-24:00")?.end == 1440)
        for bad in ["08:00-08:00", "8-17", "08:00", "08:00-25:00", "24:00-08:00"] {
            #expect(WorkingHours(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test("dates are checked against the calendar, leap years included")
    func dates() {
        #expect(LocalDate(parsing: "2028-02-29") != nil)
        #expect(LocalDate(parsing: "2026-02-29") == nil)
        #expect(LocalDate(parsing: "2100-02-29") == nil)
        #expect(LocalDate(parsing: "2000-02-29") != nil)
        #expect(LocalDate(parsing: "2022-10-19")?.weekday == .wed)
        #expect(LocalDate(parsing: "2026-11-23")?.weekday == .mon)
        #expect(LocalDate(parsing: "2026-12-31")?.adding(days: 1).description == "2027-01-01")
        #expect(LocalDate(parsing: "2028-03-01")?.adding(days: -1).description == "2028-02-29")
        for bad in ["2022-1-19", "19-10-2022", "2022/10/19", "2022-13-01", "2022-00-10"] {
            #expect(LocalDate(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test("day counting agrees with Foundation's calendar for sixty years of days")
    func dayCounting() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        for days in stride(from: -10_000, through: 12_000, by: 7) {
            let date = Date(timeIntervalSince1970: Double(days) * 86_400)
            let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: date)
            let local = LocalDate.fromDaysSinceEpoch(days)
            #expect(local.year == parts.year && local.month == parts.month && local.day == parts.day)
            #expect(local.daysSinceEpoch == days)
            #expect(local.weekday.index == ((parts.weekday ?? 1) + 5) % 7)
        }
    }

    @Test("zone names: current, legacy alias with its current name, unknown with the nearest")
    func zoneLookup() throws {
        let zones = try zones
        #expect(zones.lookup("Europe/Kyiv") == .current("Europe/Kyiv"))
        #expect(zones.lookup("Asia/Kathmandu") == .current("Asia/Kathmandu"))
        #expect(zones.lookup("Europe/Amsterdam") == .current("Europe/Amsterdam"))
        #expect(zones.lookup("UTC") == .current("UTC"))
        #expect(zones.lookup("Europe/Kiev") == .alias(of: "Europe/Kyiv"))
        #expect(zones.lookup("US/Eastern") == .alias(of: "America/New_York"))
        #expect(zones.lookup("Asia/Calcutta") == .alias(of: "Asia/Kolkata"))
        #expect(zones.lookup("europe/kyiv") == .unknown(suggestion: "Europe/Kyiv"))
        #expect(zones.lookup("Africa/Lubumbashy") == .unknown(suggestion: "Africa/Lubumbashi"))
        #expect(zones.lookup("Goma") == .unknown(suggestion: nil))
        #expect(zones.lookup("Atlantis/Capital") == .unknown(suggestion: nil))
        #expect(zones.version.count >= 5)
        #expect(zones.names.count > 300)
    }

    @Test("JSON strings escape quotes, control characters and line separators; any script passes through")
    func jsonEscaping() {
        let value = JSONValue.object([("t", .string("a\"b\\c\nd\te\u{01}f\u{2028}Київ"))])
        #expect(value.serialized() == "{\n  \"t\": \"a\\\"b\\\\c\\nd\\te\\u0001f\\u2028Київ\"\n}\n")
    }

    @Test("edit distance counts a swap of neighbours as one edit")
    func suggestions() {
        #expect(Suggestion.nearest(to: "titel", in: ["title", "tracks"]) == "title")
        #expect(Suggestion.nearest(to: "x", in: ["y"]) == nil)
    }
}

/// The format's documentation keeps up with the format.
@Suite("documentation")
struct DocumentationTests {
    @Test("docs/agenda-format.md names every key and every allowed value of the format")
    func everyKeyDocumented() throws {
        let text = try String(contentsOf: packageRoot.appendingPathComponent("docs/agenda-format.md"), encoding: .utf8)
        func walk(_ spec: AgendaFormat.ObjectSpec) {
            for field in spec.fields {
                #expect(text.contains("`\(field.key)`"), "\(spec.name).\(field.key) is not documented")
                var type = field.type
                if case .list(let item) = type { type = item }
                switch type {
                case .choice(let words):
                    for word in words {
                        #expect(text.contains("`\(word)`") || text.contains("`\"\(word)\"`"), "\(spec.name).\(field.key): '\(word)' is not documented")
                    }
                case .object(let inner): walk(inner)
                case .oneOf(let inner): inner.forEach(walk)
                default: break
                }
            }
        }
        walk(AgendaFormat.agenda)
    }
}

/// Source positions are typed paths, built as values.
@Suite("source paths")
struct SourcePathTests {
    @Test("a path built step by step reads as people write it, and walks up to its parents")
    func built() {
        let path = SourcePath.root.sessions[2].segments[0].speaking.key("van-dalen")
        #expect(path.description == "sessions[2].segments[0].speaking.van-dalen")
        #expect(path.parent?.description == "sessions[2].segments[0].speaking")
        #expect(path.lastKey == "van-dalen")
        #expect(SourcePath.root.sessions[2].contains(path) && !SourcePath.root.sessions[1].contains(path))
        #expect(SourcePath("inclusion.women_speakers_threshold") == SourcePath.root.inclusion.women_speakers_threshold)
        #expect(SourcePath("sessions[3].segments[1]") == SourcePath.root.sessions[3].segments[1])
    }

    @Test("a diagnostic for a key the file does not have points at the nearest enclosing value")
    func nearest() throws {
        let check = AgendaCheck(text: header + """
            sessions:
              - id: s
                title: S
                date: 2026-12-08
                start: "10:00"
                segments:
                  - { title: A, duration: 20m }
            """, zones: try zones)
        #expect(check.sourceMap.location(SourcePath.root.sessions[0].segments[0].moderator).line == 11)
        #expect(check.sourceMap.location(SourcePath.root.sessions[0].room).line == 6)
    }
}
