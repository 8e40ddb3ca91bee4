import Foundation

/// An agenda skeleton in `templates/agenda/NAME.yaml`: YAML with `${…}` placeholders and a
/// comment header giving its name, one-line summary and defaults.
public struct AgendaTemplate: Sendable, Equatable {
    public var name: String
    public var summary: String
    public var defaultTitle: String
    public var defaultStart: LocalTime
    public var defaultTimeZone: String
    /// The file it was read from.
    public var path: String
    public var text: String

    static let headerKeys: Set<String> = ["convene-template", "summary", "default-title", "default-start", "default-timezone"]

    /// What is wrong with a template file or the values given for it.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var line: Int?
        public var message: String
        public var hint: String?

        public init(line: Int?, message: String, hint: String? = nil) {
            self.line = line
            self.message = message
            self.hint = hint
        }

        public var description: String { message + (hint.map { " — \($0)" } ?? "") }
    }

    /// Reads a template file's header. `path` is only for messages.
    public init(name: String, path: String, text: String) throws(Problem) {
        var header: [String: String] = [:]
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("#") else { break }
            let body = line.dropFirst().trimmingSpaces
            guard let colon = body.firstIndex(of: ":") else { continue }
            let key = String(body[..<colon])
            // Only the header's own keys count, and the first of each: later comment lines
            // with a colon are the template's prose.
            if Self.headerKeys.contains(key), header[key] == nil {
                header[key] = String(body[body.index(after: colon)...]).trimmingSpaces
            }
        }
        guard header["convene-template"] != nil else {
            throw Problem(line: 1, message: "\(path) is not an agenda template",
                          hint: "a template starts with a '# convene-template: NAME' line")
        }
        self.name = name
        self.path = path
        self.text = text
        summary = header["summary"] ?? ""
        defaultTitle = header["default-title"] ?? name
        guard let start = LocalTime(parsing: header["default-start"] ?? "09:00") else {
            throw Problem(line: nil, message: "\(path): default-start is not a time", hint: "write HH:MM")
        }
        defaultStart = start
        defaultTimeZone = header["default-timezone"] ?? "UTC"
    }

    /// The values a draft is made with.
    public struct Parameters: Sendable {
        public var title: String
        public var id: String
        public var date: LocalDate
        public var start: LocalTime
        public var timeZone: String

        public init(title: String, id: String, date: LocalDate, start: LocalTime, timeZone: String) {
            self.title = title
            self.id = id
            self.date = date
            self.start = start
            self.timeZone = timeZone
        }
    }

    /// The draft agenda text, placeholders filled in. The header's own lines are left out
    /// (replaced by blank lines, so that line numbers stay those of the template).
    public func render(_ parameters: Parameters) throws(Problem) -> String {
        var output = ""
        let body = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
            guard line.hasPrefix("#"), let colon = line.firstIndex(of: ":") else { return line }
            let key = line.dropFirst()[..<colon].trimmingSpaces
            return Self.headerKeys.contains(key) ? "" : line
        }.joined(separator: "\n")
        var rest = Substring(body)
        var line = 1
        while let open = rest.range(of: "${") {
            let before = rest[..<open.lowerBound]
            line += before.count(where: { $0 == "\n" })
            output += before
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else {
                throw Problem(line: line, message: "\(path):\(line): a placeholder is not closed", hint: "write ${name}")
            }
            let token = String(rest[open.upperBound..<close])
            output += yamlQuoted(try value(of: token, line: line, parameters))
            rest = rest[rest.index(after: close)...]
        }
        return output + rest
    }

    private func value(of token: String, line: Int, _ parameters: Parameters) throws(Problem) -> String {
        let parts = token.split(separator: "+", maxSplits: 1).map { String($0).trimmingSpaces }
        let name = parts.first ?? ""
        let offset = parts.count > 1 ? parts[1] : nil
        switch (name, offset) {
        case ("title", nil): return parameters.title
        case ("id", nil): return parameters.id
        case ("timezone", nil): return parameters.timeZone
        case ("date", nil): return parameters.date.description
        case ("date", let days?):
            guard let count = Int(days), (0...60).contains(count) else {
                throw Problem(line: line, message: "\(path):\(line): '${\(token)}' needs a number of days", hint: "write ${date+1}")
            }
            return parameters.date.adding(days: count).description
        case ("start", nil): return parameters.start.description
        case ("start", let later?):
            guard let minutes = Minutes(parsing: later) else {
                throw Problem(line: line, message: "\(path):\(line): '${\(token)}' needs a duration", hint: "write ${start+3h30m}")
            }
            let total = parameters.start.minutesSinceMidnight + minutes.value
            guard total < 1440, let time = LocalTime(hour: total / 60, minute: total % 60) else {
                throw Problem(line: nil, message: "a session of template '\(self.name)' starts \(minutes) after the first, which from \(parameters.start) would be past midnight",
                              hint: "choose an earlier --start")
            }
            return time.description
        default:
            throw Problem(line: line, message: "\(path):\(line): unknown placeholder '${\(token)}'",
                          hint: "placeholders are ${title}, ${id}, ${timezone}, ${date}, ${date+N}, ${start} and ${start+DURATION}")
        }
    }

    /// The contents of a double-quoted YAML string for `value` (without the quotes, which
    /// the template puts around every placeholder).
    private func yamlQuoted(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
