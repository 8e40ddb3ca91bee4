/// Writes a value as YAML reads it back exactly, in the file's own style: plain where that is
/// safe (`Habiba Sarabi`, `sarabi@example.org`), in double quotes otherwise
/// (`"Sarabi, Habiba"` inside a list, `"2022"`, `"yes"`, `"Panel: lessons"`).
enum YAMLScalarText {
    /// `value` as a scalar: inside `[...]` when `inFlow`, so that commas and brackets are quoted too.
    static func render(_ value: String, inFlow: Bool = false) -> String {
        isSafePlain(value, inFlow: inFlow) ? value : quoted(value)
    }

    /// `[a, b]`.
    static func render(list: [String]) -> String {
        "[" + list.map { render($0, inFlow: true) }.joined(separator: ", ") + "]"
    }

    /// Words that YAML 1.1 readers (PyYAML, editors' schema checks) take for a boolean or null.
    private static let specialWords: Set<String> = ["y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"]

    /// Plain only when the value starts with a letter, holds no character that means something
    /// to YAML, and is no word a reader would take for a boolean or null: whatever a person's
    /// name or title holds, it is read back as written.
    static func isSafePlain(_ value: String, inFlow: Bool) -> Bool {
        guard let first = value.unicodeScalars.first, first.properties.isAlphabetic,
              value.last?.isWhitespace == false, !specialWords.contains(value.lowercased()) else { return false }
        let reserved: Set<Unicode.Scalar> = inFlow ? [":", "#", "\"", "\\", ",", "[", "]", "{", "}"] : [":", "#", "\"", "\\"]
        return value.unicodeScalars.allSatisfy { scalar in
            !reserved.contains(scalar) && !scalar.properties.isWhitespace || scalar == " "
        } && !value.contains("  ") && value.unicodeScalars.allSatisfy { !isUnprintable($0) }
    }

    /// `"…"` with `\` and `"` escaped, and every character YAML would not keep as it is
    /// written as an escape.
    static func quoted(_ value: String) -> String {
        var text = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\t": text += "\\t"
            case "\r": text += "\\r"
            default:
                if isUnprintable(scalar) || (scalar.properties.isWhitespace && scalar != " ") {
                    let digits = String(scalar.value, radix: 16, uppercase: true)
                    text += scalar.value > 0xFFFF ? "\\U" + digits.leftPadded(to: 8) : "\\u" + digits.leftPadded(to: 4)
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        return text + "\""
    }

    /// Control characters, and the byte-order mark.
    private static func isUnprintable(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control || scalar == "\u{FEFF}"
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
