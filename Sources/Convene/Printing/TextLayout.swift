/// Lays out a rendered plain-text sheet for a page of a fixed number of columns (80 by
/// default, which prints on A4 and Letter alike), measuring text by ``DisplayWidth``.
///
/// A text template writes lines; the layout then
/// - wraps every line longer than the page, continuing under the text after its indent and
///   list marker (`- `, `* `, `• `, `– `, `1. `, `۱. `, `a) `);
/// - aligns consecutive lines that contain tab characters as a table: each tab starts a new
///   column, columns are as wide as their widest cell, columns of numbers are right-aligned,
///   and each row's last cell takes the rest of the line, wrapped within it;
/// - sizes a line made only of `=`, `-`, `─` or `═` to the line above it (or to the page,
///   under a blank line);
/// - removes trailing spaces, keeps at most one blank line in a row, and ends the text with
///   one newline.
///
/// Agenda text reaches templates with tabs and line breaks already replaced, so only the
/// template decides where tables and lines are.
public struct TextLayout: Sendable {
    public var width: Int

    public init(width: Int = 80) {
        self.width = max(width, 24)
    }

    static let columnGap = 2
    /// The narrowest a table's last column may become before other columns are narrowed (a
    /// third of the page at most).
    static let minimumLastColumn = 24

    public func layOut(_ text: String) -> String {
        var output: [String] = []
        var table: [[String]] = []
        func flushTable() {
            if !table.isEmpty { output += layOutTable(table) }
            table = []
        }
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw).trimmingTrailingSpaces
            if line.contains("\t") {
                table.append(line.split(separator: "\t", omittingEmptySubsequences: false).map { String($0).trimmingSpaces })
                continue
            }
            flushTable()
            if line.isEmpty {
                if let last = output.last, !last.isEmpty { output.append("") }
            } else if Self.isRule(line) {
                let above = output.last.map { DisplayWidth.of($0) } ?? 0
                let character = line.first ?? "-"
                output.append(String(repeating: character, count: above > 0 ? min(above, width) : width))
            } else {
                output += wrapHanging(line)
            }
        }
        flushTable()
        while output.last == "" { output.removeLast() }
        return output.joined(separator: "\n") + "\n"
    }

    static func isRule(_ line: String) -> Bool {
        guard line.count >= 3, let first = line.first, "=-─═".contains(first) else { return false }
        return line.allSatisfy { $0 == first }
    }

    // MARK: Paragraphs

    /// A line wrapped to the page, continuation lines indented under its text.
    func wrapHanging(_ line: String) -> [String] {
        guard DisplayWidth.of(line) > width else { return [line] }
        let indent = line.prefix { $0 == " " }
        let body = line.dropFirst(indent.count)
        let marker = Self.listMarker(body)
        let hanging = String(repeating: " ", count: min(DisplayWidth.of(indent) + DisplayWidth.of(marker), width / 2))
        let first = wrap(String(body.dropFirst(marker.count)), width: width - hanging.count)
        guard let head = first.first else { return [line] }
        return [String(indent) + marker + head] + first.dropFirst().map { hanging + $0 }
    }

    static func listMarker(_ text: Substring) -> String {
        for bullet in ["- ", "* ", "• ", "– ", "— "] where text.hasPrefix(bullet) { return bullet }
        let digits = text.prefix { ($0.isASCII && $0.isLetter) || Self.isDigit($0) }
        if (1...3).contains(digits.count), digits.allSatisfy(Self.isDigit) || digits.count == 1 {
            let rest = text.dropFirst(digits.count)
            if rest.hasPrefix(". ") || rest.hasPrefix(") ") { return String(digits) + String(rest.prefix(2)) }
        }
        return ""
    }

    /// `text` broken into lines of at most `width` columns, at spaces where it can be and
    /// inside words longer than a line where it must.
    func wrap(_ text: String, width: Int) -> [String] {
        let width = max(width, 1)
        var lines: [String] = []
        var current = ""
        var currentWidth = 0
        for word in text.split(separator: " ") {
            var word = Substring(word)
            var wordWidth = DisplayWidth.of(word)
            if currentWidth > 0, currentWidth + 1 + wordWidth <= width {
                current += " " + word
                currentWidth += 1 + wordWidth
                continue
            }
            if currentWidth > 0 { lines.append(current) }
            current = ""
            currentWidth = 0
            if wordWidth > width {
                // A word longer than the line is cut into pieces, measuring each character once:
                // after its last hyphen that fits (outside-working-|hours), else where it must.
                var piece = "", pieceWidth = 0
                for character in word {
                    let characterWidth = DisplayWidth.of(character)
                    if pieceWidth + characterWidth > width, !piece.isEmpty {
                        if let hyphen = piece.lastIndex(of: "-"), hyphen != piece.startIndex, piece.index(after: hyphen) != piece.endIndex {
                            let rest = String(piece[piece.index(after: hyphen)...])
                            lines.append(String(piece[...hyphen]))
                            piece = rest
                            pieceWidth = DisplayWidth.of(rest)
                        } else {
                            lines.append(piece)
                            piece = ""
                            pieceWidth = 0
                        }
                    }
                    piece.append(character)
                    pieceWidth += characterWidth
                }
                word = Substring(piece)
                wordWidth = pieceWidth
            }
            current = String(word)
            currentWidth = wordWidth
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }

    /// `rows` as left-aligned columns two spaces apart, each as wide as its widest cell, the
    /// last unpadded and no line ending in spaces: the tables of `status`. A cell of ASCII is
    /// measured by its length, without the display-width lookup (a forum's table is tens of
    /// thousands of rows).
    public static func columns(_ rows: [[String]]) -> [String] {
        let count = rows.map(\.count).max() ?? 0
        let cellWidths = rows.map { row in row.map { $0.utf8.count == $0.unicodeScalars.count && $0.allSatisfy(\.isASCII) ? $0.utf8.count : DisplayWidth.of($0) } }
        let widths = (0..<count).map { column in cellWidths.map { column < $0.count ? $0[column] : 0 }.max() ?? 0 }
        return zip(rows, cellWidths).map { row, cells in
            var line = ""
            line.reserveCapacity(widths.reduce(2 * count, +))
            for column in row.indices {
                line += row[column]
                if column < row.count - 1 { line += String(repeating: " ", count: widths[column] - cells[column] + 2) }
            }
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// `text` broken into lines of at most `width` display columns, at spaces where it can be
    /// and inside words longer than a line where it must; the first line starts with `first`,
    /// the others with `rest` (a hanging indent). What every terminal report wraps with.
    public static func wrap(_ text: String, width: Int, first: String = "", rest: String = "") -> [String] {
        let firstWidth = DisplayWidth.of(first), restWidth = DisplayWidth.of(rest)
        let layout = TextLayout(width: max(width, 24))
        let head = layout.wrap(text, width: max(width - firstWidth, 8))
        guard let line = head.first else { return [first.trimmingTrailingSpaces] }
        let remainder = head.dropFirst().joined(separator: " ")
        let tail = remainder.isEmpty ? [] : layout.wrap(remainder, width: max(width - restWidth, 8))
        return [first + line] + tail.map { rest + $0 }
    }

    // MARK: Tables

    func layOutTable(_ rows: [[String]]) -> [String] {
        let columns = rows.map(\.count).max() ?? 0
        var widths = Array(repeating: 0, count: columns)
        var numbers = Array(repeating: 0, count: columns), words = Array(repeating: 0, count: columns)
        for (number, row) in rows.enumerated() {
            for (column, cell) in row.enumerated().dropLast() {
                widths[column] = max(widths[column], DisplayWidth.of(cell))
                // The first row may be a header; the column's kind is its other cells'.
                if number > 0, !cell.isEmpty { if Self.isNumber(cell) { numbers[column] += 1 } else { words[column] += 1 } }
            }
        }
        let numeric = (0..<columns).map { numbers[$0] > 0 && words[$0] == 0 }
        // Narrow the widest columns of text until the last cells have room; a column of
        // numbers or clock times is never cut.
        let gaps = Self.columnGap * (columns - 1)
        let room = min(Self.minimumLastColumn, width / 3)
        while widths.reduce(0, +) + gaps > width - room,
              let widest = widths.indices.filter({ !numeric[$0] && widths[$0] > 4 }).max(by: { widths[$0] < widths[$1] }) {
            widths[widest] -= 1
        }
        var output: [String] = []
        for row in rows {
            var cells: [[String]] = []
            var offset = 0
            for (column, cell) in row.enumerated() {
                let last = column == row.count - 1
                let cellWidth = last ? max(width - offset, 1) : max(widths[column], 1)
                cells.append(cell.isEmpty ? [""] : wrap(cell, width: cellWidth))
                offset += widths[column] + Self.columnGap
            }
            let height = cells.map(\.count).max() ?? 1
            for lineIndex in 0..<height {
                var line = ""
                for (column, lines) in cells.enumerated() {
                    let text = lineIndex < lines.count ? lines[lineIndex] : ""
                    if column == cells.count - 1 {
                        line += text
                    } else {
                        let padding = String(repeating: " ", count: max(widths[column] - DisplayWidth.of(text), 0))
                        line += (numeric[column] ? padding + text : text + padding) + String(repeating: " ", count: Self.columnGap)
                    }
                }
                output.append(line.trimmingTrailingSpaces)
            }
        }
        return output
    }

    static func isNumber(_ cell: String) -> Bool {
        var digits = cell.drop { "+-−".contains($0) }
        if digits.hasSuffix("%") { digits = digits.dropLast() }
        guard let first = digits.first, isDigit(first) else { return false }
        return digits.allSatisfy { isDigit($0) || ".,:٫٬".contains($0) }
    }

    /// A decimal digit of any script: 0–9, ٠–٩ (Arabic), ۰–۹ (Dari, Pashto).
    static func isDigit(_ character: Character) -> Bool {
        character.unicodeScalars.count == 1 && character.unicodeScalars.first?.properties.numericType == .decimal
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var text = Substring(self)
        while let last = text.last, last == " " || last == "\r" { text = text.dropLast() }
        return String(text)
    }
}
