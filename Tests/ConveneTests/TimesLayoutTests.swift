@testable import Convene
import ConveneTestSupport
import Foundation
import Testing

/// `convene times` as a new user reads it: nothing cut at any width, every span with its own
/// date or day mark; and the same marks in every sheet and invitation.
@Suite("times laid out and dated")
struct TimesLayoutTests {
    /// The words of `text`, whatever the line breaks: what survives wrapping.
    func words(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
    }

    @Test("at any width from 40 to 120, no line is wider, and every title, name and flag is there whole", arguments: [40, 52, 60, 72, 80, 120])
    func wraps(width: Int) throws {
        let timeline = try sampleTimeline("csw-side-event-2027")
        let report = try TimesReport(timeline: timeline, zones: try zones)
        let text = report.text(width: width)
        for line in text.split(separator: "\n") {
            #expect(DisplayWidth.of(line) <= width, "\(width): \(line)")
        }
        // Hyphenated words may be broken after their hyphen: rejoin those before comparing.
        let flat = words(text).replacingOccurrences(of: "- ", with: "-")
        #expect(flat.contains("From national action plans to budget lines — Tuesday 2027-03-16"), "the header keeps its date")
        // Columns wrap side by side, so a title's or a name's words come in order with the
        // other column's between them, each word whole.
        for whole in ["Panel: what parliaments can do for the financing of WPS national action plans", "Dewi Kartika Sari",
                      "(outside-working-hours, night, next-day)", "Оксана Бондаренко"] {
            #expect(Self.inOrder(whole, in: flat), "\(width): \(whole)")
        }
    }

    /// Whether every word of `phrase` stands in `text`, whole and in order.
    static func inOrder(_ phrase: String, in text: String) -> Bool {
        var tokens = text.split(separator: " ")[...]
        for word in phrase.split(separator: " ") {
            guard let found = tokens.firstIndex(of: word) else { return false }
            tokens = tokens[(found + 1)...]
        }
        return true
    }

    @Test("a local span on another date carries that date; one that ends the next day carries +1 day")
    func dated() throws {
        let report = try TimesReport(timeline: try sampleTimeline("csw-side-event-2027"), zones: try zones)
        let flat = words(report.text(width: 100))
        #expect(flat.contains("Dewi Kartika Sari 00:20–01:10 Wed 2027-03-17 Asia/Jakarta"), "\(flat)")
        #expect(flat.contains("Aigul Asanova 23:20–00:10 (+1 day) Asia/Bishkek"), "\(flat)")
        #expect(flat.contains("Оксана Бондаренко 19:20–20:10 Europe/Kyiv"))
    }

    @Test("the agenda's local times give each place its own date, after the place, and a day mark")
    func sheetLocalTimes() throws {
        let text = try printed(try sampleTimeline("csw-side-event-2027"), .agenda, .text)
        let flat = words(text)
        #expect(flat.contains("00:15–01:30 in Jakarta (Wednesday 17 March 2027), 23:15–00:30 (+1 day) in Bishkek, 19:15–20:30 in Kyiv"), "\(flat)")
    }

    @Test("day marks: none for a span that ends at midnight; plurals in every language")
    func dayMarks() throws {
        func at(_ day: Int, _ hour: Int, _ minute: Int = 0) -> ZonedTime {
            ZonedTime(civil: .init(year: 2027, month: 3, day: day, hour: hour, minute: minute), offset: 0)
        }
        #expect(SheetLanguage.en.span(at(16, 23), at(17, 0)) == "23:00–00:00")
        #expect(SheetLanguage.en.span(at(16, 23, 30), at(17, 3, 30)) == "23:30–03:30 (+1 day)")
        #expect(SheetLanguage.en.span(at(16, 23), at(18, 1)) == "23:00–01:00 (+2 days)")
        #expect(SheetLanguage.fr.span(at(16, 23, 30), at(17, 3, 30)) == "23\u{A0}h\u{A0}30 – 3\u{A0}h\u{A0}30 (+1\u{A0}jour)", "CLDR's no-break space between the number and its unit")
        #expect(SheetLanguage.uk.dayMark(from: at(16, 23), to: at(17, 1)) == "(+1 день)")
        #expect(SheetLanguage.uk.dayMark(from: at(16, 23), to: at(18, 1)) == "(+2 дні)")
        #expect(SheetLanguage.en.span(at(16, 9), at(16, 10)) == "09:00–10:00")
    }

    @Test("an invitation states the date of the reader's span and of the venue's, each with its zone")
    func invitationDates() throws {
        let timeline = try sampleTimeline("csw-side-event-2027")
        let draft = try CalendarOutputs.draft(timeline: timeline, zones: try zones, stamp: 0)
        let files = try CalendarOutputs.outputs(of: draft, history: CalendarHistory(latest: [:], lastSent: [:]), stamp: 0).all()
        let invite = try #require(files.first { $0.path == "invites/asanova/main.ics" }).contents
        let unfolded = invite.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("Your time (Asia/Bishkek): Tuesday 16 March 2027\\, 23:15–00:30 (+1 day)\\nVenue time (America/New_York): Tuesday 16 March 2027\\, 13:15–14:30"), "\(unfolded)")
    }
}
