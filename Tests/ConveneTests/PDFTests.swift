@testable import Convene
import ConveneTestSupport
import Foundation
import Testing

/// What printing to PDF decides without a browser: the paper, the footer's title in CSS, which
/// sessions are kept on one page, the reproducible dates, and PDFs as bytes among the outputs.
@Suite("PDF sheets, in-process")
struct PDFTests {
    @Test("Letter where CLDR says the country prints on it (US, Canada, Mexico, the Philippines, Chile, Colombia, Venezuela…), A4 elsewhere and for no country")
    func paperOfCountry() {
        for country in ["US", "CA", "MX", "PH", "CL", "CO", "VE", "PR", "us"] { #expect(Paper(country: country) == .letter, "\(country)") }
        for country in ["NL", "UA", "AF", "CD", "GB", "BR", "AR", "JP", "BS"] { #expect(Paper(country: country) == .a4, "\(country)") }
        #expect(Paper(country: nil) == .a4)
    }

    @Test("the venue's zone tells its country through the tz database's tables, legacy names included")
    func paperOfZone() throws {
        let zones = try zones
        let expected: [String: Paper] = [
            "America/New_York": .letter, "America/Toronto": .letter, "America/Mexico_City": .letter, "Asia/Manila": .letter,
            "America/Bogota": .letter, "America/Santiago": .letter, "America/Caracas": .letter, "America/Puerto_Rico": .letter,
            "US/Eastern": .letter, "Europe/Amsterdam": .a4, "Europe/Kyiv": .a4, "Asia/Kabul": .a4, "Africa/Lubumbashi": .a4,
            "America/Sao_Paulo": .a4, "America/Nassau": .a4, "UTC": .a4, "Etc/GMT+5": .a4,
        ]
        for (zone, paper) in expected { #expect(Paper(zone: zone, zones: zones) == paper, "\(zone)") }
        #expect(zones.country(of: "America/New_York") == "US")
        #expect(zones.country(of: "Europe/Amsterdam") == "NL")
        #expect(zones.country(of: "UTC") == nil)
        #expect(Paper.letter.points == (612, 792))
    }

    @Test("the footer's title is a CSS string that no title can end, and that HTML escaping leaves alone")
    func cssTitle() {
        #expect(SheetText.cssString("Inclusive peace negotiations & the WPS agenda") == "Inclusive peace negotiations \\26  the WPS agenda")
        let hostile = SheetText.cssString("a\"; } </style><script>x</script> \\ 'b'")
        #expect(!hostile.contains { "\"'<>&;{}/".contains($0) }, "\(hostile)")
        #expect(hostile.hasPrefix("a\\22 \\3b  \\7d  \\3c \\2f style"))
        // Letters of every script, and the joiners Persian writes, stay readable.
        #expect(SheetText.cssString("مهارت‌ها Олена") == "مهارت\\200c ها Олена")
    }

    @Test("a session is kept on one page when it fits one: every session of the training; not a session of forty segments")
    func keepTogether() throws {
        let view = try SheetBuilder(timeline: try sampleTimeline("mediator-training-2026"), zones: try zones, language: .en, audience: .public).agendaSheet()
        #expect(view.sessions.allSatisfy { $0.keepTogether })
        let segments = (1...40).map { "      - { title: Part \($0), kind: breakout, duration: 5m }" }.joined(separator: "\n")
        let long = try timeline(header + """
            sessions:
              - id: s
                title: A long day
                date: 2026-12-08
                start: "08:00"
                segments:
            \(segments)

            """)
        let sheet = try SheetBuilder(timeline: long, zones: try zones, language: .en, audience: .organizers)
        #expect(try sheet.agendaSheet().sessions.first?.keepTogether == false)
        #expect(try sheet.runOfShow().sessions.first?.keepTogether == false)
    }

    /// A small PDF as Chromium writes one: the document information first, its title a
    /// literal string that holds the very words of a date entry.
    static let pdf = Data("""
        %PDF-1.4
        1 0 obj
        <</Title (Notes on /CreationDate \\(D:19990101000000+00'00'\\) and /ModDate)
        /Creator <FEFF0041>
        /CreationDate (D:20261201151718+00'00')
        /ModDate (D:20261201151718+00'00')>>
        endobj
        11 0 obj
        <</CreationDate (D:20261201151718+00'00')>>
        endobj
        trailer
        <</Size 12
        /Info 1 0 R>>
        %%EOF

        """.utf8)

    @Test("a PDF's dates are set to SOURCE_DATE_EPOCH or removed, in place: the same length, the title untouched")
    func dates() throws {
        let dated = PDFDates.reproducible(Self.pdf, epoch: 1_700_000_000)
        #expect(dated.count == Self.pdf.count)
        let text = String(decoding: dated, as: UTF8.self)
        #expect(text.contains("/CreationDate (D:20231114221320+00'00')\n/ModDate (D:20231114221320+00'00')>>"))
        #expect(text.contains("<</Title (Notes on /CreationDate \\(D:19990101000000+00'00'\\) and /ModDate)"))
        #expect(text.contains("11 0 obj\n<</CreationDate (D:20261201151718+00'00')>>"), "only the document information is changed")

        let undated = PDFDates.reproducible(Self.pdf, epoch: nil)
        #expect(undated.count == Self.pdf.count)
        let blank = String(decoding: undated, as: UTF8.self)
        #expect(blank.components(separatedBy: "D:20261201151718").count == 2, "only object 11 keeps its date")
        #expect(blank.contains("/Creator <FEFF0041>\n" + String(repeating: " ", count: 39) + "\n" + String(repeating: " ", count: 34) + ">>"))
        #expect(PDFDates.reproducible(Data("not a PDF".utf8), epoch: 1) == Data("not a PDF".utf8))
    }

    @Test("a PDF is written among the text files as bytes, and rewriting the same bytes is not taken for an edit")
    func bytesAmongOutputs() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bytes = Data([0x25, 0x50, 0x44, 0x46, 0x2D, 0xFF, 0x00, 0xC3, 0x28, 0x0A])
        let files = [OutputFile(path: "agenda.txt", contents: "Programme\n"), OutputFile(path: "agenda.pdf", bytes: bytes)]
        try OutputWriter(force: false).write(files, into: folder.path)
        #expect(try Data(contentsOf: folder.appendingPathComponent("agenda.pdf")) == bytes)
        try OutputWriter(force: false).write(files, into: folder.path)
        try Data("%PDF-1.4 mine".utf8).write(to: folder.appendingPathComponent("agenda.pdf"))
        #expect(throws: OutputError.wouldOverwrite(folder.path + "/agenda.pdf")) {
            try OutputWriter(force: false).write(files, into: folder.path)
        }
    }

    @Test("the PDF engine gets the paper as the last word of the sheet's head")
    func paperRule() {
        let html = "<html><head><style>@page { margin: 1cm; }</style></HEAD><body></body></html>"
        #expect(PDFEngine.sized(html, paper: .letter) == "<html><head><style>@page { margin: 1cm; }</style><style>@page { size: letter; }</style>\n</HEAD><body></body></html>")
        #expect(PDFEngine.sized("<p>x</p>", paper: .a4) == "<style>@page { size: A4; }</style>\n<p>x</p>")
    }
}
