/// The JSON Schema (draft 2020-12) of the agenda format, made from ``AgendaFormat`` so that
/// editors check and complete agenda files with exactly the rules `convene check` applies
/// to their shape.
public enum AgendaSchema {
    /// Where the schema is published in the repository.
    public static let path = "schema/agenda.schema.json"

    /// The schema document.
    public static func document() -> JSONValue {
        let definitions = nested(in: AgendaFormat.agenda).map { ($0.name, object($0)) }
        var root: [(String, JSONValue)] = [
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            ("$id", .string("https://convene.example.org/schema/agenda-1.schema.json")),
            ("title", .string("Convene agenda, format version 1")),
        ]
        if case .object(let body) = object(AgendaFormat.agenda) { root += body.filter { $0.0 != "title" } }
        root.append(("$defs", .object(definitions)))
        return .object(root)
    }

    /// Every mapping the format nests inside `spec`, each once, in the order its keys first
    /// reach it: a new mapping in the format is in the schema without being listed here.
    static func nested(in spec: AgendaFormat.ObjectSpec) -> [AgendaFormat.ObjectSpec] {
        var found: [AgendaFormat.ObjectSpec] = []
        func visit(_ type: AgendaFormat.ValueType) {
            switch type {
            case .object(let inner):
                guard !found.contains(where: { $0.name == inner.name }) else { return }
                found.append(inner)
                for field in inner.fields { visit(field.type) }
            case .list(let item):
                visit(item)
            case .oneOf(let specs):
                for inner in specs { visit(.object(inner)) }
            default:
                break
            }
        }
        for field in spec.fields { visit(field.type) }
        return found
    }

    /// The schema of one mapping; ``RosterSchema`` uses it too.
    static func object(_ spec: AgendaFormat.ObjectSpec) -> JSONValue {
        var properties: [(String, JSONValue)] = []
        for field in spec.fields {
            var property: [(String, JSONValue)] = [("description", .string(field.summary))]
            if case .object(let pairs) = type(field.type) { property += pairs }
            if let value = field.defaultValue, let json = defaultJSON(value, field.type) { property.append(("default", json)) }
            properties.append((field.key, .object(property)))
        }
        var pairs: [(String, JSONValue)] = [
            ("title", .string(spec.name)),
            ("description", .string(spec.summary)),
            ("type", .string("object")),
        ]
        let required = spec.fields.filter(\.required).map { JSONValue.string($0.key) }
        if !required.isEmpty { pairs.append(("required", .array(required))) }
        pairs.append(("properties", .object(properties)))
        pairs.append(("additionalProperties", .bool(false)))
        return .object(pairs)
    }

    private static func type(_ type: AgendaFormat.ValueType) -> JSONValue {
        func string(pattern: String? = nil, format: String? = nil) -> JSONValue {
            var pairs: [(String, JSONValue)] = [("type", .string("string"))]
            if let pattern { pairs.append(("pattern", .string(pattern))) }
            if let format { pairs.append(("format", .string(format))) }
            return .object(pairs)
        }
        switch type {
        case .text: return .object([("type", .array([.string("string"), .string("number"), .string("boolean"), .string("null")]))])
        case .identifier: return string(pattern: AgendaFormat.identifierPattern)
        case .reference: return .object([("type", .array([.string("string"), .string("number")]))])
        case .integer: return .object([("enum", .array([.int(AgendaFormat.version), .string(String(AgendaFormat.version))]))])
        case .choice(let words):
            // Editors read an unquoted 2 or 1.5 as a number; convene reads it as the word.
            let numbers = words.compactMap { word -> JSONValue? in
                if let whole = Int(word) { return .int(whole) }
                return Double(word).map(JSONValue.double)
            }
            return .object([("enum", .array(words.map(JSONValue.string) + numbers))])
        case .duration: return string(pattern: "^(?=.*[1-9])\\s*(\\d+\\s*[hH])?\\s*(\\d+\\s*[mM])?\\s*$")
        case .time: return string(pattern: "^([01]?\\d|2[0-3]):[0-5]\\d$")
        case .date: return string(pattern: "^\\d{4}-\\d{2}-\\d{2}$")
        case .percentage:
            return .object([("anyOf", .array([
                string(pattern: "^\\s*(100(\\.0+)?|\\d{1,2}(\\.\\d+)?)\\s*%\\s*$|^\\s*(0(\\.\\d+)?|\\.\\d+|1(\\.0+)?)\\s*$"),
                .object([("type", .string("number")), ("minimum", .int(0)), ("maximum", .int(1))]),
            ]))])
        case .timeZone: return string(pattern: "^[A-Za-z_]+(/[A-Za-z0-9_+-]+)*$")
        case .email: return string(pattern: "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")
        case .hours: return string(pattern: "^([01]?\\d|2[0-3]):[0-5]\\d-(([01]?\\d|2[0-3]):[0-5]\\d|24:00)$")
        case .list(let item): return .object([("type", .string("array")), ("items", Self.type(item))])
        case .object(let spec): return .object([("$ref", .string("#/$defs/\(spec.name)"))])
        case .oneOf(let specs): return .object([("oneOf", .array(specs.map { Self.type(.object($0)) }))])
        case .participants:
            return .object([("oneOf", .array([
                .object([("const", .string("everyone"))]),
                .object([("type", .string("array")), ("items", .object([("type", .string("string"))]))]),
            ]))])
        case .flag: return .object([("type", .string("boolean"))])
        case .spellings:
            return .object([("type", .string("object")), ("propertyNames", string(pattern: "^[A-Za-z]{4}$")),
                            ("additionalProperties", .object([("type", .string("string"))]))])
        case .translatable:
            return .object([("oneOf", .array([
                Self.type(.text),
                .object([("type", .string("object")), ("minProperties", .int(1)),
                         ("propertyNames", string(pattern: "^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,4})?$")),
                         ("additionalProperties", .object([("type", .array([.string("string"), .string("number"), .string("boolean")]))]))]),
            ]))])
        case .speakingTimes:
            return .object([("type", .string("object")),
                            ("propertyNames", string(pattern: AgendaFormat.identifierPattern)),
                            ("additionalProperties", Self.type(.duration))])
        }
    }

    private static func defaultJSON(_ value: String, _ type: AgendaFormat.ValueType) -> JSONValue? {
        switch type {
        case .choice(let words) where words.contains(value): return .string(value)
        case .hours: return .string(value.replacingOccurrences(of: "\"", with: ""))
        case .participants: return .string(value)
        case .flag: return .bool(value == "true")
        case .percentage: return .string(value)
        case .list(.choice(let words)):
            let items = value.trimmingCharacters(in: "[]").split(separator: ",").map { $0.trimmingSpaces }
            guard items.allSatisfy(words.contains) else { return nil }
            return .array(items.map(JSONValue.string))
        default: return nil
        }
    }
}

private extension String {
    func trimmingCharacters(in set: String) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
