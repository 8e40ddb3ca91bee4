@testable import Convene
import ConveneTestSupport
import Foundation
import Testing

/// The bytes of a sample export in `Tests/ConveneTests/Fixtures/import/`.
func importFixture(_ name: String) throws -> [UInt8] {
    Array(try Data(contentsOf: packageRoot.appendingPathComponent("Tests/ConveneTests/Fixtures/import/\(name)")))
}

/// Imports `csv` into the file whose text is `target`, as `convene import people` does.
func importPeople(_ csv: [UInt8], into target: String, name: String = "a.yaml", map: [String] = [],
                  rosters: RosterSource = .none) throws -> (file: PeopleFile, outcome: PeopleImport.Outcome) {
    let file = PeopleFile(bytes: Array(target.utf8), name: name, zones: try zones, rosters: rosters)
    #expect(file.isValid, "the file imported into is valid: \(file.diagnostics.errors.map { $0.rendered(file: name) })")
    let sheet = try RegistrationSheet(bytes: csv)
    let mapping = try ColumnMapping(header: sheet.header, kind: file.kind, overrides: map.compactMap(ColumnOverride.init))
    return (file, PeopleImport(sheet: sheet, mapping: mapping).run(into: file))
}

/// The sample side-event agenda's text.
func sampleAgenda() throws -> String {
    try String(contentsOf: packageRoot.appendingPathComponent("agendas/wps-side-event-2022.yaml"), encoding: .utf8)
}

/// `convene import people`, in-process: reading exports, mapping columns, checking rows and
/// writing them into the file's own text.
@Suite("importing registration lists")
struct PeopleImportTests {
    @Test("an Indico export with a BOM, CRLF line ends, quoted commas and a line break inside a value is read a row at a time")
    func indicoSheet() throws {
        let sheet = try RegistrationSheet(bytes: try importFixture("indico.csv"))
        #expect(sheet.header.first == "ID")
        #expect(sheet.header.count == 10)
        #expect(sheet.rows.map(\.number) == [2, 3, 4])
        #expect(sheet.rows[0][6] == "Former Minister of Women's Affairs, Afghanistan")
        #expect(sheet.rows[1][5] == "Solidarité Féminine pour la Paix et le Développement Intégral (SOFEPADI)\r\nBunia, Ituri")
        #expect(sheet.rows[2][3] == "de Vries, Jr.")
        #expect(sheet.rows.allSatisfy { $0.cells.count == 10 })
        #expect(sheet.diagnostics.items.isEmpty)
    }

    @Test("Indico's First Name and Last Name make the name, Position the title over its Title (Mr, Ms), and the columns left out are listed with why")
    func indicoMapping() throws {
        let sheet = try RegistrationSheet(bytes: try importFixture("indico.csv"))
        let mapping = try ColumnMapping(header: sheet.header, kind: .agenda)
        #expect(mapping.uses == [2: .givenName, 3: .familyName, 4: .key("email"), 5: .key("organization"), 6: .key("title")])
        #expect(mapping.ignored.map(\.header) == ["ID", "Title", "Country", "Phone", "Registration date"])
        #expect(mapping.ignored[1].reason == "title comes from 'Position'")
        #expect(mapping.ignored[2].reason == "only a roster has region")
    }

    @Test("the Indico export goes into the sample agenda after its last person, as text: every other byte of the file stays, comments and all")
    func keepsTheFile() throws {
        let original = try sampleAgenda()
        let (_, outcome) = try importPeople(try importFixture("indico.csv"), into: original)
        #expect(!outcome.hasErrors, "\(outcome.problems.items)")
        #expect(outcome.addition == """
              - id: julienne-lusenge
                name: Julienne Lusenge
                title: Co-founder
                organization: Solidarité Féminine pour la Paix et le Développement Intégral (SOFEPADI) Bunia, Ituri
                email: lusenge@example.org

              - id: jan-de-vries-jr
                name: Jan de Vries, Jr.
                title: Researcher
                organization: Clingendael Institute
                email: JAN.DEVRIES@EXAMPLE.ORG

            """)
        let text = try #require(outcome.text)
        #expect(text == original.replacingOccurrences(of: "    sector: civil-society\n\nsessions:",
                                                      with: "    sector: civil-society\n\n" + outcome.addition + "\nsessions:"))
        // Habiba Sarabi is in the agenda already: her row is skipped, her entry left as it is.
        #expect(outcome.skipped == [PeopleImport.Skipped(row: 2, reason: .present(id: "sarabi", name: "Habiba Sarabi", isHidden: false))])
        #expect(outcome.added.map(\.id) == ["julienne-lusenge", "jan-de-vries-jr"])
        let check = AgendaCheck(text: text, zones: try zones)
        #expect(check.isValid)
        #expect(check.agenda?.people.count == 9)
    }

    @Test("a Google Forms export: Full name, Email Address, Female and Prefer not to say in the format's words, and a no to publishing the name hides the person")
    func googleForms() throws {
        let (_, outcome) = try importPeople(try importFixture("google-forms.csv"), into: header + "people:\n  - { id: host, name: Host }\n")
        #expect(!outcome.hasErrors, "\(outcome.problems.items.map { $0.rendered(file: "f.csv") })")
        #expect(outcome.addition == """
              - id: olena-grisenko
                name: Олена Грищенко
                title: Coordinator
                organization: Kharkiv Women's Union
                email: hrytsenko@example.org
                gender: woman
                attendance: in-person
              - id: akosua-mensah
                name: Akosua Mensah
                title: Programme officer
                organization: West Africa Network for Peacebuilding
                email: mensah@example.org
                gender: woman
                attendance: online
                timezone: Africa/Accra
              - id: farida-nazari
                name: Farida Nazari
                title: Advocate
                organization: Afghan Women's Network
                email: nazari@example.org
                gender: undisclosed
                attendance: online
                timezone: Asia/Kabul
                visibility: organizers

            """)
        #expect(outcome.added.map(\.isHidden) == [false, false, true])
        // The check's warning for a hidden person without a description, at the consent column.
        #expect(outcome.problems.warnings.map { $0.rendered(file: "f.csv") } == [
            "f.csv:4:9: warning: Farida Nazari may not be named publicly but has no described_as — add described_as: (e.g. \"a civil-society expert from Kharkiv\") so outputs can mention them without their name",
        ])
    }

    @Test("a ;-separated export of European Excel is read by the delimiter of its header line, and so is a tab-separated one")
    func delimiters() throws {
        let sheet = try RegistrationSheet(bytes: try importFixture("excel-semicolon.csv"))
        #expect(sheet.delimiterName == "';'")
        #expect(sheet.header == ["First name", "Last name", "E-mail", "Organisation", "Country", "Gender"])
        #expect(sheet.rows[1][3] == "Frauen; Frieden & Sicherheit e.V.")
        let tabs = try RegistrationSheet(bytes: Array("Name\tEmail, work\nAna Kovalenko\tana@example.org\n".utf8))
        #expect(tabs.delimiterName == "a tab")
        #expect(tabs.header == ["Name", "Email, work"])
        #expect(tabs.rows[0].cells == ["Ana Kovalenko", "ana@example.org"])
    }

    @Test("--map fills a key from a column the defaults do not know, and the default column for that key is left out")
    func overrides() throws {
        let csv = Array("Participant,Email,Org,Organisation\nAna Kovalenko,ana@example.org,Kyiv Women's Forum,old\n".utf8)
        let (_, outcome) = try importPeople(csv, into: header, map: ["participant=name", "Org=organization"])
        #expect(outcome.addition == """
            people:
              - id: ana-kovalenko
                name: Ana Kovalenko
                organization: Kyiv Women's Forum
                email: ana@example.org

            """)
        let sheet = try RegistrationSheet(bytes: csv)
        let mapping = try ColumnMapping(header: sheet.header, kind: .agenda, overrides: [try #require(ColumnOverride("Org=organization"))])
        #expect(mapping.ignored.last == ColumnMapping.Ignored(column: 3, header: "Organisation", reason: "organization comes from 'Org'"))
        func problem(_ map: String, kind: PeopleFile.Kind = .agenda) -> String? {
            guard let override = ColumnOverride(map) else { return "not COLUMN=KEY" }
            do {
                _ = try ColumnMapping(header: sheet.header, kind: kind, overrides: [override])
                return nil
            } catch {
                return error.description
            }
        }
        #expect(problem("Organization name=organization") == "--map 'Organization name=organization': no column is called 'Organization name' — the columns are: 'Participant', 'Email', 'Org', 'Organisation'")
        #expect(problem("Org=organisation") == "--map 'Org=organisation': 'organisation' is not a person key — did you mean 'organization'?")
        #expect(problem("Org=region") == "--map 'Org=region': 'region' is not a key of an agenda: only a roster has region")
        #expect(problem("Org=attendance", kind: .roster) == "--map 'Org=attendance': 'attendance' is not a key of a roster: attendance belongs to one event: the agenda gives it")
        #expect(ColumnOverride("no equals sign") == nil)
    }

    @Test("a bad e-mail and an unknown time zone are reported at their row and column, with the messages convene check gives")
    func rowProblems() throws {
        let (_, outcome) = try importPeople(try importFixture("bad-rows.csv"), into: header)
        #expect(outcome.hasErrors)
        #expect(outcome.text == nil)
        let expected = try diagnose(header + """
            people:
              - { id: b, name: B, email: bea(at)example.org }
              - { id: c, name: C, timezone: Europe/Pariss, attendance: online }
            """).filter { $0.severity == .error }
        #expect(outcome.problems.errors.map(\.message) == expected.map(\.message))
        #expect(outcome.problems.errors.map { $0.rendered(file: "people.csv") } == [
            "people.csv:3:2: error: 'bea(at)example.org' is not an email address — write a plain address, e.g. name@example.org",
            "people.csv:4:3: error: unknown time zone 'Europe/Pariss' — did you mean 'Europe/Paris'?",
        ])
    }

    @Test("someone already in the file with the same e-mail, in any case, is skipped and left as is; so is a second row with an e-mail seen before")
    func duplicates() throws {
        let target = header + "people:\n  - id: ana\n    name: Ana K.\n    email: Ana@Example.org\n    visibility: participants\n    described_as: a mediator\n"
        let csv = Array("Name,Email\nAna Kovalenko,ana@example.ORG\nBea Tran,bea@example.org\nBea T.,BEA@example.org\nAna,\n".utf8)
        let (_, outcome) = try importPeople(csv, into: target)
        #expect(outcome.skipped == [
            PeopleImport.Skipped(row: 2, reason: .present(id: "ana", name: "Ana K.", isHidden: true)),
            PeopleImport.Skipped(row: 4, reason: .repeated(row: 3)),
        ])
        // Without an e-mail there is nothing to match: the row is added, with an id of its own.
        #expect(outcome.added.map(\.id) == ["bea-tran", "ana-2"])
        #expect(try #require(outcome.text).hasPrefix(target))
    }

    @Test("ids are made from names in any script, and are unique in the file in any case")
    func ids() throws {
        #expect(PersonIDs.slug("Марія Шевчук") == "maria-sevcuk")
        #expect(PersonIDs.slug("Zoë Müller-Lüdenscheidt") == "zoe-muller-ludenscheidt")
        #expect(PersonIDs.slug("Siobhán O'Brien") == "siobhan-obrien")
        #expect(PersonIDs.slug("حبیبه سرابی") == "hbybh-sraby")
        #expect(PersonIDs.slug("李小龙") == "li-xiao-long")
        #expect(PersonIDs.slug("★ ☆") == "")
        var ids = PersonIDs(existing: ["Ana-Kovalenko"])
        #expect(ids.make(from: "Ana Kovalenko", fallback: "row-2") == "ana-kovalenko-2")
        #expect(ids.make(from: "Ana Kovalenko", fallback: "row-3") == "ana-kovalenko-3")
        #expect(ids.make(from: "★", fallback: "row-4") == "row-4")
        #expect(AgendaFormat.isIdentifier(PersonIDs.slug(String(repeating: "Long Name ", count: 20))))
    }

    @Test("into a roster: Country fills region, Attendance is left out, and the roster's own zone serves those who give none")
    func roster() throws {
        let csv = Array("Name,Email,Country,Attendance\nIryna Bondar,bondar@example.org,Germany,online\n".utf8)
        let (file, outcome) = try importPeople(csv, into: RosterFixtures.roster, name: "r.yaml")
        #expect(file.kind == .roster)
        #expect(!outcome.hasErrors)
        #expect(outcome.addition == "  - id: iryna-bondar\n    name: Iryna Bondar\n    email: bondar@example.org\n    region: Germany\n")
        let loaded = RosterLoader(zones: try zones).load(text: try #require(outcome.text), name: "r.yaml")
        #expect(loaded.isValid)
        #expect(loaded.roster?.people.last?.person.timeZone == "Europe/Kyiv")
        let sheet = try RegistrationSheet(bytes: csv)
        #expect(try ColumnMapping(header: sheet.header, kind: .roster).ignored == [
            ColumnMapping.Ignored(column: 3, header: "Attendance", reason: "attendance belongs to one event: the agenda gives it"),
        ])
    }

    @Test("a file without people: gets the key at its end; people: [] is filled where it stands, its comment kept")
    func emptyLists() throws {
        let csv = Array("Name\nAna Kovalenko\n".utf8)
        let appended = try #require(try importPeople(csv, into: header + "sessions: []").outcome.text)
        #expect(appended == header + "sessions: []\npeople:\n  - id: ana-kovalenko\n    name: Ana Kovalenko\n")
        let filled = try #require(try importPeople(csv, into: header + "people: []   # none yet\nsessions: []\n").outcome.text)
        #expect(filled == header + "people:    # none yet\n  - id: ana-kovalenko\n    name: Ana Kovalenko\nsessions: []\n")
        let crlf = header.replacingOccurrences(of: "\n", with: "\r\n") + "people:\r\n- id: a\r\n  name: A\r\n"
        let kept = try #require(try importPeople(csv, into: crlf).outcome.text)
        #expect(kept == crlf + "- id: ana-kovalenko\r\n  name: Ana Kovalenko\r\n")
    }

    @Test("a '#' line of the last entry's block text stays in it; the comments that lead to the next key stay before it")
    func lastEntry() throws {
        let csv = Array("Name\nBo Li\n".utf8)
        let target = header + "people:\n  - id: a\n    name: A\n    title: |\n      line one\n      # not a comment\n  # the sessions\n\nsessions: []\n"
        let text = try #require(try importPeople(csv, into: target).outcome.text)
        #expect(text == target.replacingOccurrences(of: "# not a comment\n", with: "# not a comment\n  - id: bo-li\n    name: Bo Li\n"))
    }

    @Test("whatever a value holds, it is written so that it reads back as it was")
    func quoting() throws {
        let values = ["Panel: lessons", "#1 advocate", "yes", "2022", "\"quoted\"", "back\\slash", "a,b", "- dash", "  spaced  ",
                      "Women, Peace & Security", "O'Brien", "null", "tab\there", "@handle", "50%"]
        for value in values {
            let text = header + "people:\n  - id: x\n    name: \(YAMLScalarText.render(value))\n    languages: \(YAMLScalarText.render(list: [value, "x"]))\n"
            let person = try #require(AgendaLoader(zones: try zones).load(text: text).agenda?.people.first, "\(text)")
            #expect(person.name == value, "\(text)")
            #expect(person.languages == [value, "x"], "\(text)")
        }
        #expect(YAMLScalarText.render("Habiba Sarabi") == "Habiba Sarabi")
        #expect(YAMLScalarText.render("Sarabi, Habiba", inFlow: true) == "\"Sarabi, Habiba\"")
    }

    @Test("quotes left open or followed by stray text, rows longer than the header, text that is not UTF-8 and empty files are refused at their row and column")
    func malformed() throws {
        func problem(_ text: String) -> String? {
            do { _ = try RegistrationSheet(bytes: Array(text.utf8)); return nil } catch { return error.rendered(file: "p.csv") }
        }
        #expect(problem("Name,Title\nAna,\"open\nBea,x\n") == "p.csv:2:2: error: this quoted value is never closed — add its closing quote (\"); a quote inside a quoted value is written as two (\"\")")
        #expect(problem("Name,Title\nAna,\"x\"y\n") == "p.csv:2:2: error: this quoted value goes on after its closing quote — inside quotes write a quote as two (\"\"); after the closing quote comes ',' or the end of the line")
        #expect(problem(" \n") == "p.csv:1:1: error: the file is empty — export the registration list as CSV, with a header line naming the columns (Name, Email, ...)")
        do {
            _ = try RegistrationSheet(bytes: Array("Name,Title\nAna,ok\nBea,".utf8) + [0xE9, 0x0A])
            Issue.record("Latin-1 text was read")
        } catch {
            #expect(error.rendered(file: "p.csv") == "p.csv:3:2: error: the file is not UTF-8 text — save it as UTF-8 CSV (in Excel: Save As, 'CSV UTF-8 (Comma delimited)')")
        }
        let long = try RegistrationSheet(bytes: Array("Name,Email\nSarabi, Habiba,h@example.org\n".utf8))
        #expect(long.diagnostics.errors.map { $0.rendered(file: "p.csv") } == [
            "p.csv:2:3: error: row 2 has 3 values, but the header names 2 columns — a value that holds ',' must be in double quotes; or name the column in the header line",
        ])
        let utf16 = try RegistrationSheet(bytes: [0xFF, 0xFE] + Array("Name\tEmail\nAna\ta@example.org\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        #expect(utf16.rows[0].cells == ["Ana", "a@example.org"])
    }

    @Test("the file is replaced whole and keeps its permissions, and is not replaced when it changed after it was read")
    func replacement() throws {
        let folder = try temporaryFolder()
        let path = folder.appendingPathComponent("r.yaml").path
        try "old\n".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(chmod(path, 0o600) == 0)
        try OutputWriter(force: true).replace("new\n", at: path, expecting: Array("old\n".utf8))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new\n")
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600)
        #expect(throws: OutputError.cannotWrite(path, reason: "it changed while convene was working on it; nothing was written — run the command again")) {
            try OutputWriter(force: true).replace("newer\n", at: path, expecting: Array("old\n".utf8))
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["r.yaml"], "no temporary file is left")
    }
}
