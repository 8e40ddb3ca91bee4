import Convene
import Foundation
import Testing

/// The `inclusion:` key of an agenda.
@Suite("inclusion settings")
struct InclusionSettingsTests {
    func agenda(threshold: String) -> String {
        header + "inclusion:\n  women_speakers_threshold: \(threshold)\n"
    }

    @Test("the women's-share threshold is 50% unless the agenda sets one")
    func defaultThreshold() throws {
        let check = AgendaCheck(text: header, zones: try zones)
        #expect(check.agenda?.inclusion.womenSpeakersThreshold == Percentage(fraction: 0.5))
    }

    @Test("a threshold is read from a percentage or a fraction", arguments: [
        ("40%", 0.4), ("33.5%", 0.335), ("0%", 0.0), ("100%", 1.0), ("0.4", 0.4), ("1", 1.0), ("\"45 %\"", 0.45),
    ])
    func goodThresholds(text: String, fraction: Double) throws {
        let check = AgendaCheck(text: agenda(threshold: text), zones: try zones)
        #expect(check.diagnostics.items.isEmpty, "\(check.diagnostics.sorted.map { $0.rendered(file: "a.yaml") })")
        let value = try #require(check.agenda?.inclusion.womenSpeakersThreshold.fraction)
        #expect(abs(value - fraction) < 1e-9)
    }

    @Test("a threshold outside 0–100% or not a percentage is an error at its line", arguments: [
        ("120%", "a.yaml:6:29: error: '120%' is outside 0%–100% — a share runs from 0% to 100%, e.g. 40%"),
        ("-5%", "a.yaml:6:29: error: '-5%' is outside 0%–100% — a share runs from 0% to 100%, e.g. 40%"),
        ("50", "a.yaml:6:29: error: '50' is not a percentage — write 50%; a bare number is read as a fraction from 0 to 1 (0.5 is 50%)"),
        ("half", "a.yaml:6:29: error: 'half' is not a percentage — write a share such as 40% (or the fraction 0.4)"),
        ("4O%", "a.yaml:6:29: error: '4O%' is not a percentage — write a share such as 40% (or the fraction 0.4)"),
        ("[40%]", "a.yaml:6:29: error: 'women_speakers_threshold' must be a single value, not a list — expected: a share such as 40% or 0.4"),
    ])
    func badThresholds(text: String, message: String) throws {
        #expect(try rendered(agenda(threshold: text)) == [message])
    }

    @Test("a misspelt inclusion key is named with the nearest known one")
    func unknownKey() throws {
        #expect(try rendered(header + "inclusion:\n  women_speaker_threshold: 40%\n") == [
            "a.yaml:6:3: error: unknown key 'women_speaker_threshold' in an inclusion — did you mean 'women_speakers_threshold'?",
        ])
    }

    @Test("agenda.json carries the threshold with its default filled in")
    func normalised() throws {
        let check = AgendaCheck(text: header, zones: try zones)
        let json = NormalizedAgenda.json(try #require(check.agenda)).serialized()
        #expect(json.contains("\"inclusion\": {\n    \"women_speakers_threshold\": \"50%\"\n  }"))
    }
}
