import ConveneTestSupport
import Foundation
import Testing

/// `convene import people`: what the binary does, driven as a user would.
@Suite("convene import people", .tags(.endToEnd))
struct ImportCommandTests {
    /// A new folder holding a copy of the sample side-event agenda as `a.yaml` and the sample
    /// export `csv` as `people.csv`.
    func folder(csv: String, agenda: String = "agendas/wps-side-event-2022.yaml") throws -> URL {
        let folder = try temporaryFolder()
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent(agenda), to: folder.appendingPathComponent("a.yaml"))
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("Tests/ConveneTests/Fixtures/import/\(csv)"),
                                         to: folder.appendingPathComponent("people.csv"))
        return folder
    }

    func contents(_ folder: URL, _ name: String = "a.yaml") throws -> Data {
        try Data(contentsOf: folder.appendingPathComponent(name))
    }

    @Test("an Indico export goes into the agenda: who was added and skipped, the file written, and it passes convene check; a second run adds nobody")
    func indico() throws {
        let folder = try folder(csv: "indico.csv")
        let run = try convene(["import", "people", "people.csv", "--into", "a.yaml"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == """
            added julienne-lusenge (row 3): Julienne Lusenge
            added jan-de-vries-jr (row 4): Jan de Vries, Jr.
            skipped row 2: Habiba Sarabi is in the agenda already, as sarabi (the same e-mail)
            wrote a.yaml: 2 people added, 1 row skipped

            """)
        #expect(run.stderr == """
            a.yaml: 1 warning — convene check a.yaml lists it
            convene: note: people.csv: not imported: 'ID', 'Title' (title comes from 'Position'), 'Country' (only a roster has region), 'Phone', 'Registration date' — --map 'COLUMN=KEY' imports a column

            """)
        let check = try convene(["check", "a.yaml"], in: folder)
        #expect(check.status == 0)
        #expect(check.stdout == "a.yaml: ok (0 errors, 1 warning)\n")
        let before = try contents(folder)
        let again = try convene(["import", "people", "people.csv", "--into", "a.yaml"], in: folder)
        #expect(again.status == 0)
        #expect(again.stdout.hasSuffix("nothing added to a.yaml: everyone in people.csv is in the agenda already\n"))
        #expect(try contents(folder) == before)
    }

    @Test("--dry-run prints the entries that would be added and leaves the file as it was")
    func dryRun() throws {
        let folder = try folder(csv: "indico.csv")
        let before = try contents(folder)
        let run = try convene(["import", "people", "people.csv", "--into", "a.yaml", "--dry-run"], in: folder)
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("  - id: julienne-lusenge\n    name: Julienne Lusenge\n"))
        #expect(run.stderr.hasSuffix("""
            convene: note: skipped row 2: Habiba Sarabi is in the agenda already, as sarabi (the same e-mail)
            convene: note: --dry-run: 2 people would be added to a.yaml, 1 row skipped; nothing written

            """))
        #expect(try contents(folder) == before)
    }

    @Test("rows with errors are each reported at people.csv:ROW:COLUMN, and nothing is written (exit 1)")
    func rowErrors() throws {
        let folder = try folder(csv: "bad-rows.csv")
        let before = try contents(folder)
        let run = try convene(["import", "people", "people.csv", "--into", "a.yaml"], in: folder)
        #expect(run.status == 1)
        #expect(run.stdout == "")
        #expect(run.stderr.hasSuffix("""
            people.csv:3:2: error: 'bea(at)example.org' is not an email address — write a plain address, e.g. name@example.org
            people.csv:4:3: error: unknown time zone 'Europe/Pariss' — did you mean 'Europe/Paris'?
            people.csv: 2 errors, 0 warnings; nothing written

            """), "\(run.stderr)")
        #expect(try contents(folder) == before)
    }

    @Test("a person the form marks as not to be named is added by id only: the summary never prints the name")
    func hiddenPeople() throws {
        let folder = try folder(csv: "google-forms.csv")
        let run = try convene(["import", "people", "people.csv", "--into", "a.yaml"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("added farida-nazari (row 4), named to organizers only\n"))
        #expect(!run.stdout.contains("Farida Nazari"))
        #expect(try String(decoding: contents(folder), as: UTF8.self).contains("    name: Farida Nazari\n"))
        #expect(try convene(["check", "a.yaml"], in: folder).status == 0)
    }

    @Test("a ;-separated Excel export goes into a roster, whose people then pass convene check")
    func roster() throws {
        let folder = try folder(csv: "excel-semicolon.csv", agenda: "rosters/ukraine-women-experts.yaml")
        let run = try convene(["import", "people", "people.csv", "--into", "a.yaml"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        // Ірина Бондар is in the sample roster already, by her e-mail.
        #expect(run.stdout == """
            added zoe-muller (row 3): Zoë Müller
            skipped row 2: Ірина Бондар is in the roster already, as bondar (the same e-mail)
            wrote a.yaml: 1 person added, 1 row skipped

            """)
        let check = try convene(["check", "a.yaml"], in: folder)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.hasPrefix("a.yaml: ok, a roster of 16 people"))
        #expect(try String(decoding: contents(folder), as: UTF8.self).contains("    organization: Frauen; Frieden & Sicherheit e.V.\n    email: zoe.mueller@example.org\n    region: Germany\n"))
    }

    @Test("the command line's mistakes exit 2: a missing file, an unknown --map column or key, no subcommand")
    func commandLine() throws {
        let folder = try folder(csv: "indico.csv")
        let missing = try convene(["import", "people", "nobody.csv", "--into", "a.yaml"], in: folder)
        #expect(missing.status == 2)
        #expect(missing.stderr == "convene: error: nobody.csv: no such file — give the path of the registration list\n")
        let noTarget = try convene(["import", "people", "people.csv", "--into", "b.yaml"], in: folder)
        #expect(noTarget.status == 2)
        let column = try convene(["import", "people", "people.csv", "--into", "a.yaml", "--map", "Organisation=organization"], in: folder)
        #expect(column.status == 2)
        #expect(column.stderr.hasSuffix("convene: error: --map 'Organisation=organization': no column is called 'Organisation' — did you mean 'Organization'?\n") || column.stderr.contains("no column is called 'Organisation'"), "\(column.stderr)")
        let malformed = try convene(["import", "people", "people.csv", "--into", "a.yaml", "--map", "Affiliation"], in: folder)
        #expect(malformed.status == 2)
        #expect(malformed.stderr.hasPrefix("Error: --map 'Affiliation' is not COLUMN=KEY"))
        let group = try convene(["import"], in: folder)
        #expect(group.status == 2)
        #expect(group.stderr.contains("USAGE: convene import <subcommand>"), "\(group.stderr)")
    }

    @Test("an agenda with errors is not imported into: its errors, and exit 1")
    func invalidTarget() throws {
        let folder = try folder(csv: "indico.csv")
        try "convene: 1\nid: x\ntitle: X\ntimezone: Europe/Kiew\n".write(to: folder.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        let run = try convene(["import", "people", "people.csv", "--into", "a.yaml"], in: folder)
        #expect(run.status == 1)
        #expect(run.stderr.hasSuffix("a.yaml: 1 error, 0 warnings; fix the errors, then import again\n"), "\(run.stderr)")
    }
}
