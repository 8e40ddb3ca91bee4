@testable import Convene
import ConveneTestSupport
import Foundation
import Testing
import Yams

/// The languages Convene prints in: their labels files, what CLDR says of their dates,
/// digits and plurals, and how agendas name them.
@Suite("languages")
struct LanguageTests {
    static let labelsFolder = packageRoot.appendingPathComponent("templates/labels").path

    /// Every key of a labels file, with its place: `labels.programme`, `phrases.speakerCount.one`.
    static func keys(of language: SheetLanguage) throws -> [String] {
        let text = try String(contentsOfFile: "\(labelsFolder)/\(language.rawValue).yaml", encoding: .utf8)
        var keys: [String] = []
        func walk(_ node: Node, _ path: String) {
            if case .mapping(let mapping) = node {
                for (key, value) in mapping { walk(value, path.isEmpty ? key.string ?? "?" : "\(path).\(key.string ?? "?")") }
            } else {
                keys.append(path)
            }
        }
        walk(try #require(try Yams.compose(yaml: text)), "")
        return keys
    }

    @Test("every language's labels file has each label English has, and none English lacks", arguments: SheetLanguage.allCases)
    func sameLabelsAsEnglish(_ language: SheetLanguage) throws {
        // Plural forms differ by language (English: one, other; Arabic: six): compared apart.
        let plurals = ["phrases.speakerCount.", "live.minutesLate.", "live.minutesEarly."]
        let isPlural = { (key: String) in plurals.contains { key.hasPrefix($0) } }
        let english = Set(try Self.keys(of: .en).filter { !isPlural($0) })
        let own = try Self.keys(of: language)
        let words = Set(own.filter { !isPlural($0) })
        #expect(english.subtracting(words).isEmpty, "\(language.rawValue).yaml lacks \(english.subtracting(words).sorted())")
        #expect(words.subtracting(english).isEmpty, "\(language.rawValue).yaml has \(words.subtracting(english).sorted()), which en.yaml does not")
        for plural in plurals {
            #expect(own.filter { $0.hasPrefix(plural) }.map { String($0.dropFirst(plural.count)) }.sorted()
                    == language.format.plural.categories.map(\.rawValue).sorted(), "\(plural): a form for each of the language's CLDR plural categories")
        }
        #expect(LabelCatalog(folder: Self.labelsFolder).problems(of: [language]).isEmpty)
        #expect(english.count > 60)
    }

    @Test("English is reviewed; the other languages are not yet, and say so")
    func reviewed() throws {
        let catalog = LabelCatalog(folder: Self.labelsFolder)
        #expect(catalog.unreviewed == [.fr, .uk, .es, .ru, .ar, .faAF, .ps])
        #expect(try catalog.words(.en).labels.reviewNotice.isEmpty)
        #expect(try catalog.words(.faAF).labels.reviewNotice == [
            "برچسب‌های این زبان هنوز توسط یک گویندهٔ بومی بازبینی نشده‌اند.",
            "Labels in this language have not yet been reviewed by a native speaker.",
        ])
    }

    @Test("a sheet in a language not yet reviewed ends with the notice, in it and in English, in every format and with any template")
    func reviewNoticeOnEverySheet() throws {
        let timeline = try sampleTimeline("wps-side-event-2022")
        let english = "Labels in this language have not yet been reviewed by a native speaker."
        let text = try printed(timeline, .agenda, .text, language: .es)
        #expect(text.hasSuffix("Las etiquetas en este idioma aún no han sido revisadas por una persona hablante\nnativa.\n\(english)\n"))
        #expect(try printed(timeline, .runOfShow, .md, language: .ru).hasSuffix("_Подписи на этом языке ещё не проверены носителем языка._\n\n_\(english)_\n"))
        let html = try printed(timeline, .briefing, .html, person: "sarabi")
        #expect(html.contains("<footer class=\"review\"><p dir=\"auto\">برچسب‌های این زبان هنوز توسط یک گویندهٔ بومی بازبینی نشده‌اند.</p><p lang=\"en\" dir=\"ltr\">\(english)</p></footer>\n</body>"))
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<html lang=\"fa-AF\" dir=\"rtl\">"))
        #expect(!(try printed(timeline, .agenda, .text)).contains(english), "English is reviewed")
        // A template of one's own gets it too.
        let builder = SheetBuilder(timeline: timeline, zones: try zones, language: .ar, audience: .public)
        let own = try shippedRenderer.render(try builder.agendaSheet(), sheet: .agenda, format: .text, template: ("{{event.title}}\n", "own.mustache"))
        #expect(own.hasSuffix("\n\u{200F}\(english)\n"), "an Arabic sheet's lines are marked right to left")
    }

    @Test("a labels file is checked at its lines: a missing label, one the sheets do not use, a lost placeholder, a plural form the language lacks")
    func brokenLabelsFile() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for language in SheetLanguage.allCases {
            try FileManager.default.copyItem(atPath: "\(Self.labelsFolder)/\(language.rawValue).yaml", toPath: folder.appendingPathComponent("\(language.rawValue).yaml").path)
        }
        let path = folder.appendingPathComponent("ps.yaml").path
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.replacingOccurrences(of: "  followUp:", with: "  folowUp:")
        text = text.replacingOccurrences(of: "timeInPlace: \"{time} په {city} کې\"", with: "timeInPlace: \"{time} په کابل کې\"")
        text = text.replacingOccurrences(of: "    other: \"{n} ویناوال\"", with: "    other: \"{n} ویناوال\"\n    few: \"{n} ویناوال\"")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("ru.yaml"))
        let catalog = LabelCatalog(folder: folder.path)
        let problems = catalog.problems(of: [.ps]).map(\.description)
        func line(of needle: String) -> Int {
            (text.components(separatedBy: "\n").firstIndex { $0.contains(needle) } ?? -1) + 1
        }
        #expect(problems.contains("\(path):\(line(of: "folowUp")):3: error: 'labels.folowUp' is not a key the sheets use — did you mean 'followUp'?"), "\(problems)")
        #expect(problems.contains { $0.hasPrefix("\(path):") && $0.contains("error: the key 'labels.followUp' is missing") })
        #expect(problems.contains("\(path):\(line(of: "timeInPlace")):16: error: phrases.timeInPlace lacks the placeholder {city} — keep {city} where it goes in the sentence"))
        #expect(problems.contains { $0.contains(":\(line(of: "few:")):5: error: 'phrases.speakerCount.few' is not a plural form the sheets use — Pashto has the CLDR plural forms one or other") }, "\(problems)")
        #expect(catalog.problems(of: [.ru]).map(\.description) == ["\(folder.path)/ru.yaml: error: there is no labels file for Russian (ru) — copy templates/labels/en.yaml to ru.yaml and translate it"])
        #expect(catalog.problems(of: [.en, .fr, .ar]).isEmpty, "the other languages are not affected")
        #expect(throws: TemplateProblem.self) { try catalog.words(.ps) }
    }

    @Test("CLDR's plural rules pick the form of a count", arguments: [
        (SheetLanguage.en, [1: PluralCategory.one, 0: .other, 2: .other, 21: .other]),
        (.fr, [0: .one, 1: .one, 2: .other, 1_000_000: .many]),
        (.uk, [1: .one, 21: .one, 2: .few, 24: .few, 5: .many, 11: .many, 12: .many, 111: .many, 22: .few]),
        (.ru, [1: .one, 3: .few, 7: .many, 101: .one, 112: .many]),
        (.es, [1: .one, 2: .other, 1_000_000: .many]),
        (.ar, [0: .zero, 1: .one, 2: .two, 3: .few, 10: .few, 11: .many, 99: .many, 100: .other, 102: .other, 103: .few]),
        (.faAF, [0: .one, 1: .one, 2: .other]),
        (.ps, [1: .one, 0: .other, 2: .other]),
    ])
    func pluralRules(_ language: SheetLanguage, _ expected: [Int: PluralCategory]) {
        for (count, category) in expected {
            #expect(language.plural(count) == category, "\(language.rawValue) \(count)")
        }
    }

    @Test("dates as each language writes them; Dari and Pashto with the Solar Hijri date beside")
    func dates() throws {
        let date = try #require(LocalDate(year: 2022, month: 10, day: 19))
        #expect(SheetLanguage.es.date(date) == "miércoles, 19 de octubre de 2022")
        #expect(SheetLanguage.ru.date(date) == "среда, 19 октября 2022\u{202F}г.")
        #expect(SheetLanguage.ar.date(date) == "الأربعاء، 19 أكتوبر 2022")
        #expect(SheetLanguage.faAF.date(date) == "چهارشنبه ۱۹ اکتوبر ۲۰۲۲ (۲۷ میزان ۱۴۰۱)")
        #expect(SheetLanguage.ps.date(date) == "څلرنۍ د ۲۰۲۲ د اکتوبر ۱۹ (۱۴۰۱ تله ۲۷)")
        // Nowruz, the first of Hamal, and the last day of a leap year's Hut.
        #expect(SheetLanguage.faAF.date(try #require(LocalDate(year: 2023, month: 3, day: 21))) == "سه\u{200C}شنبه ۲۱ مارچ ۲۰۲۳ (۱ حمل ۱۴۰۲)")
        #expect(SolarHijriDate(try #require(LocalDate(year: 2025, month: 3, day: 20))) == SolarHijriDate(year: 1403, month: 12, day: 30))
        #expect(SolarHijriDate.dariMonths.first == "حمل" && SolarHijriDate.pashtoMonths.first == "وری")
        #expect(SolarHijriDate.dariMonths.count == 12 && SolarHijriDate.pashtoMonths.count == 12)
    }

    @Test("clocks, spans, day marks, minutes and counts in each language's words and digits")
    func phrases() {
        func at(_ day: Int, _ hour: Int, _ minute: Int = 0) -> ZonedTime {
            ZonedTime(civil: .init(year: 2026, month: 12, day: day, hour: hour, minute: minute), offset: 0)
        }
        #expect(SheetLanguage.es.span(at(8, 8, 15), at(8, 9, 45)) == "8:15–9:45")
        #expect(SheetLanguage.faAF.span(at(8, 8, 15), at(8, 9, 45)) == "۰۸:۱۵ تا ۰۹:۴۵")
        #expect(SheetLanguage.ps.span(at(8, 23, 30), at(9, 1)) == "\u{2066}۲۳:۳۰–۰۱:۰۰\u{2069} (+۱ ورځ)", "a dash span isolated left to right")
        #expect(SheetLanguage.ar.dayMark(from: at(8, 23), to: at(9, 1)) == "(+يوم)")
        #expect(SheetLanguage.ar.dayMark(from: at(8, 23), to: at(10, 1)) == "(+يومان)")
        #expect(SheetLanguage.ru.dayMark(from: at(8, 23), to: at(10, 1)) == "(+2 дня)")
        #expect(SheetLanguage.es.dayMark(from: at(8, 23), to: at(9, 1)) == "(+1 día)")
        #expect(SheetLanguage.faAF.minutes(55) == "۵۵\u{A0}دقیقه")
        #expect(SheetLanguage.ar.minutes(55) == "55\u{A0}دقيقة" && SheetLanguage.ar.minutes(2) == "دقيقتان")
        #expect(SheetLanguage.ru.minutes(5) == "5\u{A0}мин")
        #expect(SheetLanguage.en.minutes(55) == "55\u{A0}min")
        #expect(SheetLanguage.ar.speakerCount(1) == "متحدث واحد" && SheetLanguage.ar.speakerCount(5) == "5 متحدثين" && SheetLanguage.ar.speakerCount(12) == "12 متحدثًا")
        #expect(SheetLanguage.es.speakerCount(1) == "1 ponente" && SheetLanguage.es.speakerCount(3) == "3 ponentes")
        #expect(SheetLanguage.fr.speakerCount(1) == "1 personne intervenante")
        #expect(SheetLanguage.faAF.speakerCount(3) == "۳ سخنران")
        #expect(SheetLanguage.faAF.decimal("1.5") == "۱٫۵" && SheetLanguage.ar.decimal("1.5") == "1.5" && SheetLanguage.es.decimal("1.5") == "1,5")
        #expect(SheetLanguage.faAF.tracks([.oneAndHalf, .two]) == "مسیر ۱٫۵ · مسیر ۲")
        #expect(SheetLanguage.faAF.list(["۱", "۲"]) == "۱،\u{200F} ۲" && SheetLanguage.ar.list(["1", "2"]) == "1 و2")
        #expect(SheetLanguage.faAF.dateAndClock(at(9, 1, 15)) == "چهارشنبه ۹ دسمبر ۲۰۲۶ (۱۸ قوس ۱۴۰۵)، ساعت ۰۱:۱۵")
    }

    @Test("cities as CLDR's exemplar cities name them in the new languages")
    func cities() {
        #expect(SheetLanguage.faAF.city("Asia/Kabul") == "کابل" && SheetLanguage.ps.city("Asia/Kabul") == "کابل")
        #expect(SheetLanguage.ar.city("Asia/Kabul") == "كابول" && SheetLanguage.ru.city("Asia/Kabul") == "Кабул")
        #expect(SheetLanguage.es.city("America/New_York") == "Nueva York" && SheetLanguage.es.city("America/Bogota") == "Bogotá")
        #expect(SheetLanguage.ar.city("America/Bogota") == "بوغوتا" && SheetLanguage.ps.city("America/New_York") == "نیویارک")
        #expect(SheetLanguage.ru.city("Africa/Lubumbashi") == "Лубумбаши", "Goma keeps Lubumbashi's time")
        #expect(SheetLanguage.faAF.time("۱۶:۴۵", in: "Asia/Kabul") == "۱۶:۴۵ در کابل")
        #expect(SheetLanguage.ps.zoneTime("America/New_York") == "د نیویارک وخت")
    }

    @Test("an interpreted language is named as the sheet's language names it, from a code or a name; another word as written")
    func interpretedLanguages() throws {
        #expect(SheetLanguage.en.languageName("fa-AF") == "Dari")
        #expect(SheetLanguage.en.languageName("prs") == "Dari")
        #expect(SheetLanguage.en.languageName("dari") == "Dari")
        #expect(SheetLanguage.fr.languageName("EN") == "anglais")
        #expect(SheetLanguage.fr.languageName("ln") == "lingala")
        #expect(SheetLanguage.faAF.languageName("en") == "انگلیسی")
        #expect(SheetLanguage.ar.languageName("uk") == "الأوكرانية")
        #expect(SheetLanguage.es.languageName("es-CO") == "español")
        #expect(SheetLanguage.en.languageName("fa") == "Persian", "Persian is a language of its own")
        #expect(SheetLanguage.en.languageName("Kinyarwanda and Kirundi") == nil)
        let agenda = header + """
            interpretation: { languages: [en, fa-AF], notes: channel 2 }
            sessions:
              - { id: s, title: Talks, date: 2026-12-08, start: "10:00", duration: 1h }

            """
        #expect(try printed(try timeline(agenda), .agenda, .text, language: .en).contains("English ↔ Dari · channel 2"))
        #expect(try printed(try timeline(agenda), .agenda, .text, language: .fr).contains("anglais ↔ dari · channel 2"))
    }

    @Test("codes in any case, Dari as fa-AF or prs, regional codes, and the names people write", arguments: [
        ("fa-AF", SheetLanguage.faAF), ("FA_af", .faAF), ("prs", .faAF), ("PRS", .faAF), ("es-CO", .es), ("ar-EG", .ar), ("FR", .fr),
        ("dari", .faAF), ("Dari", .faAF), ("دری", .faAF), ("دري", .faAF), ("pashto", .ps), ("PASHTO", .ps), ("پښتو", .ps),
        ("arabic", .ar), ("العربية", .ar), ("français", .fr), ("Francais", .fr), ("español", .es), ("Espanol", .es),
        ("русский", .ru), ("Russian", .ru), ("english", .en), ("ENGLISH", .en), ("українська", .uk), ("ukrainian", .uk),
    ])
    func writtenLanguages(_ written: String, _ language: SheetLanguage) {
        #expect(SheetLanguage(written: written) == language)
    }

    @Test("Persian outside Afghanistan, other languages and other words are not languages Convene prints in")
    func notPrinted() {
        for written in ["fa", "fa-IR", "persian", "farsi", "nl", "lingala", "sw", "de-DE", "", "en-", "x-klingon"] {
            #expect(SheetLanguage(written: written) == nil, "\(written)")
        }
    }

    @Test("the CLDR tables names agree: no name stands for two languages")
    func namesUnique() {
        var seen: [String: SheetLanguage] = [:]
        for language in SheetLanguage.allCases {
            for name in language.format.names {
                let folded = SheetLanguage.folded(name)
                #expect(seen[folded].map { $0 == language } ?? true, "\(name)")
                seen[folded] = language
            }
        }
    }

    @Test("the CLDR tables are what scripts/cldr-data.py writes from the Babel they name",
          .tags(.external), .enabled(if: externalToolsEnabled, "needs Python's babel, which make test installs"))
    func generatedTablesCurrent() throws {
        let header = try String(contentsOf: packageRoot.appendingPathComponent("Sources/Convene/Printing/LocaleFormats.swift"), encoding: .utf8)
        let version = try #require(header.firstMatch(of: #/Babel ([0-9.]+)\./#)?.output.1)
        let babel = try run("python3", ["-c", "import babel; print(babel.__version__)"])
        try #require(babel.status == 0, "Babel is not installed for python3")
        guard babel.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == version else {
            Issue.record("python3 has Babel \(babel.stdout.trimmingCharacters(in: .whitespacesAndNewlines)); the tables were written with \(version) — install that one to compare")
            return
        }
        let check = try run("python3", ["scripts/cldr-data.py", "--check"])
        #expect(check.status == 0, "\(check.stderr)")
    }

    func run(_ program: String, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program] + arguments
        process.currentDirectoryURL = packageRoot
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile(), stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }
}

@Suite("languages in agendas")
struct AgendaLanguageTests {
    static let people = """
        people:
          - { id: sarabi, name: Habiba Sarabi, attendance: online, timezone: Asia/Kabul, languages: [dari, en] }
          - { id: mod, name: Anne Moderator }
        sessions:
          - { id: s, title: Panel, date: 2026-12-08, start: "09:00", moderator: mod,
              segments: [ { title: Panel, kind: panel, duration: 1h, speakers: [sarabi] } ] }

        """

    @Test("a language written by name is read as its code, with a warning that suggests the code; Dari's briefing is in Dari")
    func languageByName() throws {
        let check = AgendaCheck(text: header + Self.people, zones: try zones)
        let warning = try #require(check.diagnostics.warnings.first { $0.code == .languageName })
        #expect(warning.rendered(file: "a.yaml").hasSuffix("warning: 'dari' is read as the language code 'fa-AF' (Dari) — write the code fa-AF (or prs), as convene reads it [language-name]"))
        #expect(warning.person == "sarabi")
        let agenda = try #require(check.agenda)
        #expect(agenda.person("sarabi")?.languages == ["fa-AF", "en"])
        #expect(PrintedSheets.language(of: try #require(agenda.person("sarabi")), in: agenda) == .faAF)
        let briefing = try printed(try #require(check.timeline), .briefing, .text, person: "sarabi")
        #expect(briefing.hasPrefix("\u{200F}رهنمود برای سخنران — Habiba Sarabi\n"))
    }

    @Test("the agenda's languages by name choose its sheets' language; codes and other languages are kept as written")
    func agendaLanguages() throws {
        let text = header.replacingOccurrences(of: "timezone:", with: "languages: [Français, prs, lingala, ES]\ntimezone:") + Self.people
        let check = AgendaCheck(text: text, zones: try zones)
        let agenda = try #require(check.agenda)
        #expect(agenda.languages == ["fr", "prs", "lingala", "ES"])
        #expect(check.diagnostics.warnings.filter { $0.code == .languageName }.count == 2, "Français and the person's dari")
        #expect(SheetLanguage.preferred(in: agenda.languages) == .fr)
        #expect(SheetLanguage.all(in: agenda.languages) == [.fr, .faAF, .es])
        let files = try PrintedSheets.files(timeline: try #require(check.timeline), zones: try zones, renderer: shippedRenderer).map(\.path)
        #expect(files.contains("agenda.txt") && files.contains("agenda.fa-AF.html") && files.contains("run-of-show.es.md"))
    }

    @Test("a language-name warning can be accepted")
    func accepted() throws {
        let check = AgendaCheck(text: header + "accept_warnings: [language-name]\n" + Self.people, zones: try zones)
        #expect(!check.diagnostics.warnings.contains { $0.code == .languageName })
        #expect(check.diagnostics.accepted.contains { $0.code == .languageName })
    }
}
