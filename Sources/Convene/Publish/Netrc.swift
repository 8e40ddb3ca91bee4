import Foundation

/// A netrc file (`~/.netrc`, or the file `$NETRC` names), as curl, ftp and Git read it:
/// `machine HOST login USER password PASSWORD`, with `default` for every other host, `account`
/// and `macdef` (skipped), words separated by spaces, tabs or line breaks, a word in double
/// quotes when it holds a space (`\"` and `\\` inside), and a word starting with `#` starting a
/// comment to the end of its line.
public struct Netrc: Sendable, Equatable {
    /// One `machine` (or `default`) entry.
    public struct Entry: Sendable, Equatable {
        /// The host; nil for `default`.
        public var machine: String?
        public var login: String?
        public var password: String?
        /// The line the entry starts on.
        public var line: Int
    }

    public var entries: [Entry]

    /// Why a netrc file cannot be read. Never quotes the file's words: one may be a password.
    public struct Problem: Error, Sendable, Equatable {
        public var line: Int
        public var message: String
    }

    /// The entries of `text`.
    public static func parse(_ text: String) throws(Problem) -> Netrc {
        var words = Words(Array(text.unicodeScalars))
        var entries: [Entry] = []
        while let (word, line) = try words.next() {
            switch word {
            case "machine":
                guard let (host, _) = try words.next() else { throw Problem(line: line, message: "'machine' is not followed by a host name") }
                entries.append(Entry(machine: host, line: line))
            case "default":
                entries.append(Entry(machine: nil, line: line))
            case "login", "password", "account":
                guard !entries.isEmpty else { throw Problem(line: line, message: "'\(word)' comes before any 'machine' or 'default'") }
                guard let (value, _) = try words.next() else { throw Problem(line: line, message: "'\(word)' is not followed by its value") }
                if word == "login" { entries[entries.count - 1].login = value }
                if word == "password" { entries[entries.count - 1].password = value }
            case "macdef":
                guard try words.next() != nil else { throw Problem(line: line, message: "'macdef' is not followed by a name") }
                words.skipMacro()
            default:
                throw Problem(line: line, message: "a word that is not a netrc keyword (machine, default, login, password, account, macdef) — a password with a space in it goes in double quotes")
            }
        }
        return Netrc(entries: entries)
    }

    /// The entry for `host`: the first `machine` of that name (letter case aside), else `default`.
    public func entry(for host: String) -> Entry? {
        entries.first { $0.machine?.lowercased() == host.lowercased() } ?? entries.first { $0.machine == nil }
    }

    /// The words of a netrc file, each with its line.
    struct Words {
        let scalars: [Unicode.Scalar]
        var index = 0
        var line = 1

        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

        mutating func next() throws(Problem) -> (String, Int)? {
            // Spaces and comments.
            while index < scalars.count {
                let scalar = scalars[index]
                if scalar == "\n" {
                    line += 1
                    index += 1
                } else if scalar == " " || scalar == "\t" || scalar == "\r" || scalar == "\u{0C}" || scalar == "\u{0B}" {
                    index += 1
                } else if scalar == "#" {
                    while index < scalars.count, scalars[index] != "\n" { index += 1 }
                } else {
                    break
                }
            }
            guard index < scalars.count else { return nil }
            let start = line
            var word = String.UnicodeScalarView()
            if scalars[index] == "\"" {
                index += 1
                while true {
                    guard index < scalars.count else { throw Problem(line: start, message: "a quoted word has no closing double quote") }
                    let scalar = scalars[index]
                    index += 1
                    if scalar == "\"" { break }
                    if scalar == "\n" { line += 1 }
                    if scalar == "\\", index < scalars.count {
                        word.append(scalars[index])
                        index += 1
                    } else {
                        word.append(scalar)
                    }
                }
            } else {
                while index < scalars.count {
                    let scalar = scalars[index]
                    if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" { break }
                    word.append(scalar)
                    index += 1
                }
            }
            return (String(word), start)
        }

        /// A macro's lines, up to the first empty line.
        mutating func skipMacro() {
            // The rest of the macdef line, then line by line.
            while index < scalars.count, scalars[index] != "\n" { index += 1 }
            while index < scalars.count {
                index += 1
                line += 1
                var blank = true
                while index < scalars.count, scalars[index] != "\n" {
                    if scalars[index] != " " && scalars[index] != "\t" && scalars[index] != "\r" { blank = false }
                    index += 1
                }
                if blank { return }
            }
        }
    }
}
