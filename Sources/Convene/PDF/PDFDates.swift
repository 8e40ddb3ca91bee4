import Foundation

/// The dates a PDF engine stamps into a PDF's document information (`/CreationDate` and
/// `/ModDate`, the moment it printed), made reproducible: set to `SOURCE_DATE_EPOCH`, or
/// removed, so that the same agenda prints to the same bytes and a rebuild changes nothing.
///
/// The bytes are changed in place, never moved, so the PDF's cross-reference offsets stay
/// right: a date is written over with one of the same length, or blanked with spaces (which a
/// PDF dictionary allows anywhere between its entries).
enum PDFDates {
    /// `pdf` with the dates of its document information set to `epoch` (seconds since 1970,
    /// UTC), or removed when `epoch` is nil. A PDF whose information dictionary cannot be
    /// found is returned as it is.
    static func reproducible(_ pdf: Data, epoch: Int64?) -> Data {
        var bytes = [UInt8](pdf)
        guard let info = infoDictionary(in: bytes) else { return pdf }
        let stamp = epoch.map(literal)
        for entry in dateEntries(in: bytes, range: info) {
            if let stamp, entry.value.count == stamp.count {
                bytes.replaceSubrange(entry.value, with: stamp)
            } else {
                for index in entry.key.lowerBound..<entry.value.upperBound { bytes[index] = UInt8(ascii: " ") }
            }
        }
        return Data(bytes)
    }

    /// `(D:YYYYMMDDHHmmSS+00'00')`: a PDF date literal of `epoch` in UTC, 25 bytes, the
    /// length Chromium's (Skia's) own dates have.
    static func literal(_ epoch: Int64) -> [UInt8] {
        var time = time_t(epoch), parts = tm()
        gmtime_r(&time, &parts)
        let text = String(format: "(D:%04d%02d%02d%02d%02d%02d+00'00')", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                          Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
        return Array(text.utf8)
    }

    /// The byte range of the document information dictionary: the object the last
    /// `/Info N G R` of the file names, from `N G obj` to its `endobj`.
    static func infoDictionary(in bytes: [UInt8]) -> Range<Int>? {
        guard let reference = lastRange(of: Array("/Info".utf8), in: bytes) else { return nil }
        var index = reference.upperBound
        func number() -> String? {
            while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\n") || bytes[index] == UInt8(ascii: "\r") { index += 1 }
            let start = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            return index > start ? String(decoding: bytes[start..<index], as: UTF8.self) : nil
        }
        guard let object = number(), let generation = number() else { return nil }
        let header = Array("\(object) \(generation) obj".utf8)
        var from = 0
        while let found = firstRange(of: header, in: bytes, from: from) {
            // The object's own header starts a line, so "11 0 obj" is not taken for "1 0 obj".
            if found.lowerBound == 0 || bytes[found.lowerBound - 1] == UInt8(ascii: "\n") || bytes[found.lowerBound - 1] == UInt8(ascii: "\r") {
                guard let end = firstRange(of: Array("endobj".utf8), in: bytes, from: found.upperBound) else { return nil }
                return found.upperBound..<end.lowerBound
            }
            from = found.upperBound
        }
        return nil
    }

    /// The `/CreationDate` and `/ModDate` entries of the dictionary in `range` whose value is
    /// a literal string: each key's range and its value's, parentheses included. Strings are
    /// skipped as the PDF syntax reads them, so a title that holds the words is never touched.
    static func dateEntries(in bytes: [UInt8], range: Range<Int>) -> [(key: Range<Int>, value: Range<Int>)] {
        let keys = [Array("/CreationDate".utf8), Array("/ModDate".utf8)]
        var entries: [(key: Range<Int>, value: Range<Int>)] = []
        var index = range.lowerBound
        while index < range.upperBound {
            switch bytes[index] {
            case UInt8(ascii: "("):
                index = endOfLiteral(in: bytes, from: index, limit: range.upperBound)
            case UInt8(ascii: "<") where index + 1 < range.upperBound && bytes[index + 1] != UInt8(ascii: "<"):
                // A hex string, such as Chromium's UTF-16 title.
                while index < range.upperBound, bytes[index] != UInt8(ascii: ">") { index += 1 }
                index += 1
            case UInt8(ascii: "/"):
                let start = index
                index += 1
                while index < range.upperBound, !delimiters.contains(bytes[index]) { index += 1 }
                guard keys.contains(Array(bytes[start..<index])) else { continue }
                var value = index
                while value < range.upperBound, whitespace.contains(bytes[value]) { value += 1 }
                guard value < range.upperBound, bytes[value] == UInt8(ascii: "(") else { continue }
                let end = endOfLiteral(in: bytes, from: value, limit: range.upperBound)
                entries.append((start..<index, value..<end))
                index = end
            default:
                index += 1
            }
        }
        return entries
    }

    /// The index just past the literal string that opens at `start`: parentheses nest, and a
    /// backslash escapes the byte after it.
    static func endOfLiteral(in bytes: [UInt8], from start: Int, limit: Int) -> Int {
        var depth = 0, index = start
        while index < limit {
            switch bytes[index] {
            case UInt8(ascii: "\\"): index += 1
            case UInt8(ascii: "("): depth += 1
            case UInt8(ascii: ")"):
                depth -= 1
                if depth == 0 { return index + 1 }
            default: break
            }
            index += 1
        }
        return limit
    }

    static let whitespace: Set<UInt8> = [0, 9, 10, 12, 13, 32]
    static let delimiters: Set<UInt8> = whitespace.union(Array("()<>[]{}/%".utf8))

    static func firstRange(of needle: [UInt8], in bytes: [UInt8], from start: Int = 0) -> Range<Int>? {
        guard !needle.isEmpty, bytes.count >= needle.count, start <= bytes.count - needle.count else { return nil }
        var index = start
        while index <= bytes.count - needle.count {
            if bytes[index] == needle[0], bytes[index..<index + needle.count].elementsEqual(needle) { return index..<index + needle.count }
            index += 1
        }
        return nil
    }

    static func lastRange(of needle: [UInt8], in bytes: [UInt8]) -> Range<Int>? {
        guard !needle.isEmpty, bytes.count >= needle.count else { return nil }
        var index = bytes.count - needle.count
        while index >= 0 {
            if bytes[index] == needle[0], bytes[index..<index + needle.count].elementsEqual(needle) { return index..<index + needle.count }
            index -= 1
        }
        return nil
    }
}
