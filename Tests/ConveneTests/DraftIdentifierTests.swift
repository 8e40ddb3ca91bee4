@testable import Convene
import Testing

/// The id `convene new` makes from a draft's title when no `--id` is given.
@Suite("ids made from titles")
struct DraftIdentifierTests {
    func id(_ title: String, year: Int = 2026) throws -> String {
        try DraftIdentifier.make(title: title, year: year, template: "side-event-panel")
    }

    @Test("Latin letters lose their accents and keep their words, in French, German, Polish, Turkish, Vietnamese and the Nordic languages", arguments: [
        ("Rôle des femmes dans l'œuvre de paix : ça compte", "role-des-femmes-dans-loeuvre-de-paix-ca-compte-2026"),
        ("Frauen, Frieden & Sicherheit: Straße zur Verständigung in Köln", "frauen-frieden-sicherheit-strasse-zur-verstandigung-in-koln-2026"),
        ("Kobiety w mediacji: Łódź, Gdańsk i Wrocław", "kobiety-w-mediacji-lodz-gdansk-i-wroclaw-2026"),
        ("Kadın, Barış ve Güvenlik: İstanbul'da Doğu Akdeniz Çalıştayı", "kadin-baris-ve-guvenlik-istanbulda-dogu-akdeniz-calistayi-2026"),
        ("Phụ nữ, hòa bình và an ninh: Đối thoại tại Hà Nội", "phu-nu-hoa-binh-va-an-ninh-doi-thoai-tai-ha-noi-2026"),
        ("Ørsted, Æbeltoft, Þingvellir", "orsted-aebeltoft-thingvellir-2026"),
        ("Women’s participation in the peace process", "womens-participation-in-the-peace-process-2026"),
    ])
    func latinTitles(title: String, expected: String) throws {
        #expect(try id(title) == expected)
    }

    @Test("the French title of the issue gives every word, its accents folded, and the year once")
    func frenchTitle() throws {
        #expect(try id("Introduction à la médiation — formation de médiateurs 2026") == "introduction-a-la-mediation-formation-de-mediateurs-2026")
    }

    @Test("a title typed with separate accents gives the same id as one with composed letters")
    func decomposedAccents() throws {
        #expect(try id("Me\u{301}diation a\u{300} Kyi\u{308}v") == "mediation-a-kyiv-2026")
        #expect(try id("Киі\u{308}в") == "kyiv-2026")
    }

    @Test("a Ukrainian title is spelled by the national table of 2010, with its rules for the start of a word, зг and the apostrophe")
    func ukrainianTable() throws {
        let names = [
            ("Згорани", "Zghorany"), ("Юрій", "Yurii"), ("Їжакевич", "Yizhakevych"), ("Київ", "Kyiv"),
            ("Олексій", "Oleksii"), ("Знам'янка", "Znamianka"), ("Знамʼянка", "Znamianka"),
            ("Єнакієве", "Yenakiieve"), ("Наєнко", "Naienko"), ("Йосипівка", "Yosypivka"), ("Стрий", "Stryi"),
            ("Яготин", "Yahotyn"), ("Ічня", "Ichnia"), ("Крюківка", "Kriukivka"), ("Кадиївка", "Kadyivka"),
            ("Розгон", "Rozghon"), ("Ґалаґан", "Galagan"), ("Борщагівка", "Borshchahivka"), ("Гоща", "Hoshcha"),
            ("Хмельницький", "Khmelnytskyi"), ("Ужгород", "Uzhhorod"), ("Закарпаття", "Zakarpattia"),
            ("Біла Церква", "Bila Tserkva"), ("Чернівці", "Chernivtsi"), ("Одеса", "Odesa"), ("Миколаїв", "Mykolaiv"),
        ]
        for (cyrillic, latin) in names {
            // Each name in a title Ukrainian by its letters (і), as a name alone may be ambiguous.
            let words = try DraftIdentifier.words(of: "Діалог: \(cyrillic)")
            #expect(words.dropFirst().joined(separator: " ") == latin.lowercased(), "\(cyrillic)")
        }
        #expect(try id("Жінки, мир і безпека: консультації в Києві") == "zhinky-myr-i-bezpeka-konsultatsii-v-kyievi-2026")
    }

    @Test("a Russian title is spelled by the ICAO passport table")
    func russianTable() throws {
        #expect(try id("Женщины, мир и безопасность: Юрий и Наталья в Ярославле") == "zhenshchiny-mir-i-bezopasnost-iurii-i-natalia-v-iaroslavle-2026")
        #expect(try DraftIdentifier.words(of: "Объявление, Щёкино, Электросталь, Хабаровск, Цюрих") == ["obieiavlenie", "shchekino", "elektrostal", "khabarovsk", "tsiurikh"])
    }

    @Test("Cyrillic with no letter only Ukrainian or only Russian has is read as Russian; a letter only Ukrainian has makes it Ukrainian")
    func ukrainianOrRussian() throws {
        #expect(CyrillicRomanization.table(for: "Диалог") == .russian)
        #expect(try id("Диалог") == "dialog-2026")
        #expect(CyrillicRomanization.table(for: "Діалог") == .ukrainian)
        #expect(try id("Діалог") == "dialoh-2026")
        #expect(CyrillicRomanization.table(for: "Ґанок") == .ukrainian)
        #expect(CyrillicRomanization.table(for: "Эхо") == .russian)
        // Both languages' letters: Russian, with the Ukrainian spelling of і.
        #expect(try id("Діалог / Диалог: мы") == "dialog-dialog-my-2026")
    }

    @Test("an Arabic, Persian or Pashto title gives no id, and the message asks for --id with an example", arguments: [
        ("منتدى السلام والأمن", "م"), ("گفت‌وگوی صلح زنان", "گ"), ("د سولې خبرې اترې", "د"),
    ])
    func arabicScript(title: String, letter: Character) throws {
        let expected = DraftIdentifier.Problem.unspellable(script: "letters of the Arabic script", letter: letter, example: "side-event-panel-2026")
        #expect(throws: expected) { try id(title) }
        #expect(expected.description == "no id can be made from the title: it has letters of the Arabic script ('\(letter)'), and convene spells only Latin letters and Ukrainian or Russian Cyrillic in an id — give the event's id with --id, e.g. --id side-event-panel-2026")
    }

    @Test("a title with letters of another script, even among Latin words, gives no id rather than a partial one")
    func otherScripts() throws {
        #expect(throws: DraftIdentifier.Problem.unspellable(script: "letters of the Han (Chinese) script", letter: "女", example: "side-event-panel-2026")) {
            try id("WPS 女性与和平")
        }
        #expect(throws: DraftIdentifier.Problem.unspellable(script: "letters of the Greek script", letter: "ε", example: "side-event-panel-2026")) {
            try id("Dialogue ειρήνη")
        }
        #expect(throws: DraftIdentifier.Problem.unspellable(script: "a Cyrillic letter of neither Ukrainian nor Russian", letter: "ў", example: "side-event-panel-2026")) {
            try id("Беларуская ўдзел")
        }
        #expect(throws: DraftIdentifier.Problem.unspellable(script: "a Latin letter with no spelling in ASCII", letter: "ʃ", example: "side-event-panel-2026")) {
            try id("Ʃ notation")
        }
        #expect(throws: DraftIdentifier.Problem.unspellable(script: "a letter of another script, U+0DC1,", letter: "ශ", example: "side-event-panel-2026")) {
            try id("ශාන්තිය Sinhala")
        }
    }

    @Test("a long title is cut after its last whole word that fits, and keeps the year")
    func longTitle() throws {
        let title = "The role of women mediators and civil society networks in implementing sustainable ceasefire agreements"
        let made = try id(title)
        #expect(made == "the-role-of-women-mediators-and-civil-society-networks-in-2026")
        #expect(made.count <= DraftIdentifier.maximumLength)
        #expect(AgendaFormat.isIdentifier(made))
        let titleWords = title.lowercased().split(separator: " ").map(String.init)
        #expect(Array(made.split(separator: "-").dropLast().map(String.init)) == Array(titleWords.prefix(10)))
    }

    @Test("an id that fits exactly is not cut")
    func exactFit() throws {
        let words = String(repeating: "abcd ", count: 11) + "efgh"
        #expect(try id(words).count == 64)
        #expect(try id(words + " h").count == 64)
    }

    @Test("a first word longer than an id may be is refused, never cut")
    func longWord() throws {
        let word = String(repeating: "friedens", count: 8)
        #expect(throws: DraftIdentifier.Problem.wordTooLong(word, example: "side-event-panel-2026")) { try id(word + " workshop") }
        #expect(throws: DraftIdentifier.Problem.wordTooLong(word, example: "peace-dialogue-2026")) {
            try DraftIdentifier.make(title: word, year: 2026, template: word)
        }
    }

    @Test("a title with no letter or digit gives the template's name; the year is not repeated")
    func fallbackAndYear() throws {
        #expect(try id("— ✦ —") == "side-event-panel-2026")
        #expect(try id("2026") == "side-event-panel-2026")
        #expect(try id("Forum 2026: women in mediation") == "forum-women-in-mediation-2026")
        #expect(try id("Review of 1325 at 25 (2025)") == "review-of-1325-at-25-2025-2026")
        #expect(try DraftIdentifier.make(title: "🕊", year: 2027, template: "my board briefing") == "my-board-briefing-2027")
    }

    @Test("every id made is one an agenda accepts", arguments: [
        "Introduction à la médiation — formation de médiateurs 2026", "Жінки, мир і безпека", "Ωmega? no: Omega",
        "___...---", "Peace.Talks_2026", "٢٠٢٦ Forum", "ＷＰＳ　Ｆｏｒｕｍ", "a\u{200D}b\u{00AD}c", String(repeating: "ab ", count: 40),
    ])
    func validIds(title: String) {
        guard let made = try? id(title) else { return }
        #expect(AgendaFormat.isIdentifier(made), "\(title) → \(made)")
    }
}
