/// An XML element whose attributes and children keep the order they were built in, so that
/// every XML file Convene writes reads in a sensible order and is byte-identical run to run.
///
/// Text and attribute values are escaped, and characters XML 1.0 does not allow (control
/// characters other than tab, line feed and carriage return, U+FFFE and U+FFFF) are left out,
/// so no agenda text can end an element early or make the file unreadable.
public struct XMLValue: Sendable, Equatable {
    public var name: String
    public var attributes: [(String, String)]
    public var content: Content

    /// What an element holds: text, or other elements.
    public enum Content: Sendable, Equatable {
        case text(String)
        case elements([XMLValue])
    }

    public init(_ name: String, _ attributes: [(String, String)] = [], text: String) {
        self.name = name
        self.attributes = attributes
        self.content = .text(text)
    }

    public init(_ name: String, _ attributes: [(String, String)] = [], children: [XMLValue]) {
        self.name = name
        self.attributes = attributes
        self.content = .elements(children)
    }

    public static func == (lhs: XMLValue, rhs: XMLValue) -> Bool {
        lhs.serialized() == rhs.serialized()
    }

    /// The document: the XML declaration, then the element indented by two spaces, with a
    /// final newline.
    public func serialized() -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        write(to: &out, indent: 0)
        return out
    }

    func write(to out: inout String, indent: Int) {
        let pad = String(repeating: " ", count: indent)
        out += pad + "<" + name
        for (key, value) in attributes {
            out += " " + key + "=\""
            Self.escape(value, attribute: true, to: &out)
            out += "\""
        }
        switch content {
        case .text(""), .elements([]):
            out += "/>\n"
        case .text(let text):
            out += ">"
            Self.escape(text, attribute: false, to: &out)
            out += "</" + name + ">\n"
        case .elements(let children):
            out += ">\n"
            for child in children { child.write(to: &out, indent: indent + 2) }
            out += pad + "</" + name + ">\n"
        }
    }

    /// `text` as XML character data: `&`, `<` and `>` as entities (and `"` in an attribute);
    /// a carriage return as a character reference, which a reader keeps (a bare one it turns
    /// into a line feed); in an attribute also tabs and line feeds, which a reader would turn
    /// into spaces.
    static func escape(_ text: String, attribute: Bool, to out: inout String) {
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "\r": out += "&#13;"
            case "\n" where attribute: out += "&#10;"
            case "\t" where attribute: out += "&#9;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            default:
                if allowed(scalar) { out.unicodeScalars.append(scalar) }
            }
        }
    }

    /// Whether XML 1.0 allows `scalar` in a document (tab, line feed and carriage return are
    /// handled before this is asked).
    static func allowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }
}
