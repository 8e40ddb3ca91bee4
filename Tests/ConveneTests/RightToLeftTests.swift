@testable import Convene
import ConveneTestSupport
import Foundation
import Testing

/// Right-to-left sheets: time ranges that read start first, text sheets that set their
/// direction.
@Suite("right-to-left sheets")
struct RightToLeftTests {
    func at(_ hour: Int) -> ZonedTime { ZonedTime(civil: .init(year: 2026, month: 12, day: 8, hour: hour), offset: 0) }

    @Test("an Arabic span written with a dash is isolated left to right; a Dari span joined by a word is not; Latin languages are untouched")
    func spans() {
        let arabic = SheetLanguage.ar.span(at(14), at(18))
        #expect(arabic.hasPrefix("\u{2066}") && arabic.hasSuffix("\u{2069}"), "\(arabic.unicodeScalars.map { String($0.value, radix: 16) })")
        #expect(!SheetLanguage.faAF.span(at(14), at(18)).contains("\u{2066}"))
        #expect(SheetLanguage.en.span(at(14), at(18)) == "14:00–18:00")
    }

    @Test("the Arabic agenda is a dir=rtl document whose time ranges are isolated; its text sheet marks each line right to left")
    func documents() throws {
        let timeline = try sampleTimeline("wps-side-event-2022")
        let html = try printed(timeline, .agenda, .html, language: .ar)
        #expect(html.contains("dir=\"rtl\""))
        #expect(html.contains("\u{2066}08:15–09:45\u{2069}") || html.contains("\u{2066}٠٨:١٥–٠٩:٤٥\u{2069}"), "the session's span, isolated")
        let text = try printed(timeline, .agenda, .text, language: .ar)
        let lines = text.split(separator: "\n").filter { !$0.isEmpty }
        #expect(lines.allSatisfy { $0.hasPrefix("\u{200F}") })
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 80 }, "the marks take no width")
        #expect(try printed(timeline, .agenda, .text, language: .en).split(separator: "\n").allSatisfy { !$0.hasPrefix("\u{200F}") })
    }
}
