/// How a CSV export is written: the character between its values, found from the header line,
/// and whether its quotes are well formed.
///
/// The CSV library reads the values; what it does not do is say where a quote was left open
/// or followed by stray text (it reads on to the end of the file instead). ``check(_:)``
/// walks the text once, as the library reads it, to put those mistakes at their row and column.
struct CSVDialect: Sendable, Equatable {
    /// The character between values: `,` (most exports), `;` (Excel where the decimal mark is
    /// a comma) or a tab.
    var delimiter: Unicode.Scalar

    static let candidates: [Unicode.Scalar] = [",", ";", "\t"]

    /// The delimiter that the header line, the text up to the first line break outside quotes,
    /// uses most; a comma when it uses none (a header of one column).
    static func detect(_ text: String) -> CSVDialect {
        var counts: [Unicode.Scalar: Int] = [:]
        var quoted = false
        for scalar in text.unicodeScalars {
            if scalar == "\"" { quoted.toggle(); continue }
            if quoted { continue }
            if scalar == "\n" || scalar == "\r" { break }
            if candidates.contains(scalar) { counts[scalar, default: 0] += 1 }
        }
        // On a tie the rarer character in a column's name wins: a tab, then ';'.
        let best = candidates.reversed().max { (counts[$0] ?? 0) < (counts[$1] ?? 0) } ?? ","
        return CSVDialect(delimiter: (counts[best] ?? 0) > 0 ? best : ",")
    }

    /// The delimiter as people name it in messages.
    var name: String {
        switch delimiter {
        case "\t": "a tab"
        case ";": "';'"
        default: "','"
        }
    }

    /// Where a value is in the sheet: its row as a spreadsheet numbers it (the header is row 1)
    /// and its column (the first is 1).
    typealias Place = (row: Int, column: Int)

    /// Throws at the first quoted value that is never closed, or whose closing quote is
    /// followed by something other than the delimiter or the end of the line.
    func check(_ text: String) throws(Diagnostic) {
        var place: Place = (1, 1)
        var opened: Place?
        var atValueStart = true
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar?
        func next() -> Unicode.Scalar? {
            if let scalar = pending { pending = nil; return scalar }
            return scalars.next()
        }
        while let scalar = next() {
            if let start = opened {
                guard scalar == "\"" else { continue }
                let after = next()
                if after == "\"" { continue }
                opened = nil
                atValueStart = false
                guard let after else { return }
                if after == delimiter || after == "\n" || after == "\r" {
                    pending = after
                    continue
                }
                throw Diagnostic(.error, at: SourceLocation(line: start.row, column: start.column),
                                 "this quoted value goes on after its closing quote",
                                 hint: "inside quotes write a quote as two (\"\"); after the closing quote comes \(name) or the end of the line")
            }
            if scalar == "\"", atValueStart {
                opened = place
            } else if scalar == delimiter {
                place.column += 1
                atValueStart = true
            } else if scalar == "\n" || scalar == "\r" {
                if scalar == "\r", let following = next(), following != "\n" { pending = following }
                place = (place.row + 1, 1)
                atValueStart = true
            } else {
                atValueStart = false
            }
        }
        if let start = opened {
            throw Diagnostic(.error, at: SourceLocation(line: start.row, column: start.column),
                             "this quoted value is never closed",
                             hint: "add its closing quote (\"); a quote inside a quoted value is written as two (\"\")")
        }
    }

    /// The row and column the text ends in, for a problem found right after it.
    func place(atEndOf text: Substring) -> Place {
        var place: Place = (1, 1)
        var quoted = false
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            defer { previous = scalar }
            if scalar == "\"" { quoted.toggle() }
            if quoted { continue }
            if scalar == delimiter { place.column += 1 }
            if scalar == "\r" || (scalar == "\n" && previous != "\r") { place = (place.row + 1, 1) }
        }
        return place
    }
}
