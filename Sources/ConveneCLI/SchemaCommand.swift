import ArgumentParser
import Convene

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Prints the JSON Schema of the agenda format (or, with --roster, the roster format), for editors that check YAML.",
        discussion: "The same schemas are published as schema/agenda.schema.json and schema/roster.schema.json."
    )

    @Option(name: .shortAndLong, help: "Write the schema to this file instead of standard output.")
    var output: String?

    @Flag(help: "Replace the output file if it exists.")
    var force = false

    @Flag(help: "The schema of roster files instead of agendas.")
    var roster = false

    func validate() throws {
        if let output, output.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("-o needs the path of the file to write")
        }
    }

    func run() throws {
        let text = (roster ? RosterSchema.document() : AgendaSchema.document()).serialized()
        guard let output else { return Terminal.out(text.dropLast() + "") }
        try Terminal.write { () throws(OutputError) in try OutputWriter(force: force).write(text, to: output) }
    }
}
