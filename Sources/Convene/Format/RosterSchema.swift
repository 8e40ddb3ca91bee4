/// The JSON Schema (draft 2020-12) of the roster format, made from ``RosterFormat`` with the
/// same rules as ``AgendaSchema``, so that editors check roster files as `convene pool` and
/// `convene check` read them.
public enum RosterSchema {
    /// Where the schema is published in the repository.
    public static let path = "schema/roster.schema.json"

    /// The schema document.
    public static func document() -> JSONValue {
        var root: [(String, JSONValue)] = [
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            ("$id", .string("https://convene.example.org/schema/roster-1.schema.json")),
            ("title", .string("Convene roster, format version 1")),
        ]
        if case .object(let body) = AgendaSchema.object(RosterFormat.roster) { root += body.filter { $0.0 != "title" } }
        root.append(("$defs", .object([(RosterFormat.person.name, AgendaSchema.object(RosterFormat.person))])))
        return .object(root)
    }
}
