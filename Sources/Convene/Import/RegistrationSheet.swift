internal import CSV
import Foundation

/// A registration list as Indico, Google Forms or Excel export it: a CSV file whose first line
/// names the columns, then one row per person.
///
/// Values may be quoted, hold the delimiter and line breaks; the file may start with a UTF-8
/// byte-order mark (Excel's "CSV UTF-8"), end its lines with CRLF, separate values with `,`,
/// `;` (European Excel) or tabs, or be UTF-16 with a byte-order mark (Excel's "Unicode text").
/// Places are given as a spreadsheet shows them: the header is row 1, the first column is 1.
public struct RegistrationSheet: Sendable, Equatable {
    /// One row below the header.
    public struct Row: Sendable, Equatable {
        /// The row's number as a spreadsheet shows it: the first row below the header is 2.
        public var number: Int
        public var cells: [String]

        /// The value in `column` (from 0), or empty when the row is shorter.
        public subscript(column: Int) -> String { column < cells.count ? cells[column] : "" }

        /// Whether every value is empty or blank.
        public var isBlank: Bool { cells.allSatisfy { $0.trimmingSpaces.isEmpty } }
    }

    /// The column names of the header line, trimmed.
    public var header: [String]
    public var rows: [Row]
    /// Problems that leave the rest of the sheet readable: rows with more values than the
    /// header has columns.
    public var diagnostics = DiagnosticList()
    var dialect: CSVDialect

    /// The largest file read, in bytes: as large as an agenda may be.
    public static let maximumSize = YAMLText.maximumSize

    /// The delimiter found in the header line, as messages name it ("','", "a tab").
    public var delimiterName: String { dialect.name }

    /// Reads the bytes of a CSV file, or throws the problem that makes it unreadable, at its
    /// row and column.
    public init(bytes: [UInt8]) throws(Diagnostic) {
        let text = try Self.text(of: bytes)
        guard !text.allSatisfy(\.isWhitespace) else {
            throw Diagnostic(.error, at: .start, "the file is empty",
                             hint: "export the registration list as CSV, with a header line naming the columns (Name, Email, ...)")
        }
        dialect = CSVDialect.detect(text)
        try dialect.check(text)
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, delimiter: dialect.delimiter)
        } catch {
            throw Diagnostic(.error, at: .start, "the file could not be read as CSV: \(error)")
        }
        var records: [[String]] = []
        while let record = reader.next() { records.append(record) }
        header = (records.first ?? []).map(\.trimmingSpaces)
        rows = records.dropFirst().enumerated().map { Row(number: $0.offset + 2, cells: $0.element) }
        for row in rows where row.cells.count > header.count {
            let extra = row.cells[header.count...]
            guard let first = extra.firstIndex(where: { !$0.trimmingSpaces.isEmpty }) else { continue }
            diagnostics.error(SourceLocation(line: row.number, column: first + 1),
                              "row \(row.number) has \(row.cells.count) values, but the header names \(header.count) columns",
                              hint: "a value that holds \(dialect.name) must be in double quotes; or name the column in the header line")
        }
    }

    /// The file's text: UTF-8 (a byte-order mark dropped), or UTF-16 with a byte-order mark.
    static func text(of bytes: [UInt8]) throws(Diagnostic) -> String {
        guard bytes.count <= maximumSize else {
            throw Diagnostic(.error, at: .start, "the file is larger than \(maximumSize / 1_048_576) MB, too large for a registration list",
                             hint: "check that this is the CSV export; split a larger list and import each part")
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            guard let text = String(data: Data(bytes), encoding: .utf16), !text.contains("\0") else {
                throw Diagnostic(.error, at: .start, "the file starts as UTF-16 text but is not", hint: saveAsUTF8)
            }
            return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if let text = String(validating: body, as: UTF8.self), !text.contains("\0") {
            return text
        }
        // Where the first byte that is not UTF-8 text is, as a row and column.
        var valid = body.startIndex
        var iterator = body.makeIterator()
        var decoder = UTF8()
        decoding: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar) where scalar != "\0":
                valid += UTF8.width(scalar)
            default:
                break decoding
            }
        }
        let prefix = String(decoding: body[body.startIndex..<valid], as: UTF8.self)
        let place = CSVDialect.detect(prefix).place(atEndOf: prefix[...])
        let nul = valid < body.endIndex && body[valid] == 0
        throw Diagnostic(.error, at: SourceLocation(line: place.row, column: place.column),
                         nul ? "the file holds binary data (a NUL byte), not CSV text" : "the file is not UTF-8 text",
                         hint: nul ? "export the registration list as CSV; an Excel workbook (.xlsx) is not a CSV file" : saveAsUTF8)
    }

    private static let saveAsUTF8 = "save it as UTF-8 CSV (in Excel: Save As, 'CSV UTF-8 (Comma delimited)')"
}
