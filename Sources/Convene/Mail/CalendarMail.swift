import Foundation
import ICal

/// The e-mail that carries one calendar message, as RFC 6047 (iMIP) has it and as Outlook,
/// Gmail, Apple Mail and Thunderbird read it:
///
/// ```
/// multipart/mixed
///   multipart/alternative
///     text/plain; charset=UTF-8                    the person's times, in their language
///     text/calendar; method=REQUEST; charset=UTF-8 what a client shows with Accept/Decline
///   application/ics; name="invite.ics"             the same calendar, for clients that want a file
/// ```
///
/// `From` is the organiser (the ORGANIZER of the calendar), `To` the attendee; `Message-ID`
/// is made from the UID, SEQUENCE and reader, so the same version sent again is the same
/// message. Header texts outside ASCII are RFC 2047 encoded words; every body part is base64.
public enum CalendarMail {
    /// The message, with CRLF line ends (an `.eml` file, SMTP); `draft` adds `X-Unsent: 1`,
    /// which makes Outlook open the file as a message to send.
    public static func message(for message: CalendarMessage, date: Int64, draft: Bool = false) -> String {
        let seed = message.version.entry.owner.storedName + " " + message.version.entry.uid + " \(message.version.sequence) " + message.version.kind.rawValue
        let key = String(OutputWriter.fingerprint(seed).drop { $0 != ":" }.dropFirst())
        let domain = Self.domain(of: message.from.email)
        let mixed = "=_convene_mixed_\(key)", alternative = "=_convene_alt_\(key)"
        let method = message.method
        let file = method == "CANCEL" ? "cancel.ics" : "invite.ics"
        // Made as bytes in one buffer: a forum's outbox is tens of thousands of these.
        var text = MessageBytes(capacity: 2 * message.text.utf8.count + 3 * message.calendar.utf8.count + 2_048)
        text.headers(from: message.from, to: message.to, subject: message.subject, date: date, messageID: "convene.\(key).\(message.version.sequence)@\(domain)")
        text.line("Content-Class: urn:content-classes:calendarmessage")
        if draft { text.line("X-Unsent: 1") }
        text.line("Content-Type: multipart/mixed; boundary=\"\(mixed)\"")
        text.line("")
        text.line("--\(mixed)")
        text.line("Content-Type: multipart/alternative; boundary=\"\(alternative)\"")
        text.line("")
        text.line("--\(alternative)")
        text.part(type: "text/plain; charset=UTF-8", body: crlf(message.text))
        text.line("--\(alternative)")
        let calendar = Array(message.calendar.utf8)
        text.part(type: "text/calendar; charset=UTF-8; method=\(method)", body: calendar)
        text.line("--\(alternative)--")
        text.line("--\(mixed)")
        text.part(type: "application/ics; name=\"\(file)\"", disposition: "attachment; filename=\"\(file)\"", body: calendar)
        text.line("--\(mixed)--")
        return String(decoding: text.bytes, as: UTF8.self)
    }

    /// A message's lines as UTF-8, each ended with CRLF.
    struct MessageBytes {
        var bytes: [UInt8] = []

        init(capacity: Int) { bytes.reserveCapacity(capacity) }

        /// The headers every message starts with: From, To, Subject, Date, Message-ID (without
        /// its angle brackets) and MIME-Version.
        mutating func headers(from: CalendarDocument.Party, to: CalendarDocument.Party, subject: String, date: Int64, messageID: String) {
            line(CalendarMail.header("From", CalendarMail.mailbox(from)))
            line(CalendarMail.header("To", CalendarMail.mailbox(to)))
            line(CalendarMail.header("Subject", CalendarMail.encodedText(subject)))
            line("Date: " + CalendarMail.rfc5322Date(date))
            line("Message-ID: <\(messageID)>")
            line("MIME-Version: 1.0")
        }

        mutating func line(_ text: String) {
            bytes.append(contentsOf: text.utf8)
            bytes.append(contentsOf: [13, 10])
        }

        /// A body part's headers, a blank line and `body` in base64, in lines of 76 characters
        /// (RFC 2045).
        mutating func part(type: String, disposition: String? = nil, body: [UInt8]) {
            line("Content-Type: \(type)")
            line("Content-Transfer-Encoding: base64")
            if let disposition { line("Content-Disposition: \(disposition)") }
            line("")
            // 57 bytes make 76 characters: every line but the last is whole, without padding.
            var start = 0
            while start < body.count {
                let end = min(start + 57, body.count)
                CalendarMail.appendBase64(body[start..<end], to: &bytes)
                bytes.append(contentsOf: [13, 10])
                start = end
            }
        }
    }

    private static let base64Alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// `bytes` in base64 (RFC 4648, with `=` padding), appended to `output`.
    static func appendBase64(_ bytes: ArraySlice<UInt8>, to output: inout [UInt8]) {
        let alphabet = base64Alphabet
        var index = bytes.startIndex
        while index + 3 <= bytes.endIndex {
            let value = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            output.append(alphabet[Int(value >> 18 & 63)])
            output.append(alphabet[Int(value >> 12 & 63)])
            output.append(alphabet[Int(value >> 6 & 63)])
            output.append(alphabet[Int(value & 63)])
            index += 3
        }
        switch bytes.endIndex - index {
        case 1:
            let value = UInt32(bytes[index]) << 16
            output.append(alphabet[Int(value >> 18 & 63)])
            output.append(alphabet[Int(value >> 12 & 63)])
            output.append(contentsOf: [61, 61])
        case 2:
            let value = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8
            output.append(alphabet[Int(value >> 18 & 63)])
            output.append(alphabet[Int(value >> 12 & 63)])
            output.append(alphabet[Int(value >> 6 & 63)])
            output.append(61)
        default:
            break
        }
    }

    /// A text with CRLF line ends as UTF-8, ending with one: every LF with a CR before it.
    static func crlf(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + text.utf8.count / 16 + 2)
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == 10, previous != 13 { bytes.append(13) }
            bytes.append(byte)
            previous = byte
        }
        bytes.append(contentsOf: [13, 10])
        return bytes
    }

    /// The domain of an address, for Message-ID; `convene.invalid` when it has none.
    static func domain(of email: String) -> String {
        let domain = email.split(separator: "@").last.map(String.init) ?? ""
        let allowed = domain.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-.".unicodeScalars.contains($0)) }
        return email.contains("@") && allowed && !domain.isEmpty ? domain.lowercased() : "convene.invalid"
    }

    /// A header line, folded before each encoded word that would run past 78 characters.
    static func header(_ name: String, _ value: String) -> String {
        var lines: [String] = []
        var line = name + ":"
        for word in value.split(separator: " ", omittingEmptySubsequences: true) {
            if line.count + 1 + word.count > 78, line.count > name.count + 1 {
                lines.append(line)
                line = ""
            }
            line += " " + word
        }
        lines.append(line)
        return lines.joined(separator: "\r\n")
    }

    /// `Name <address>`: the name as a quoted string, or in encoded words outside ASCII.
    static func mailbox(_ party: CalendarDocument.Party) -> String {
        let name = singleLine(party.name), address = singleLine(party.email).filter { !$0.isWhitespace && $0 != "<" && $0 != ">" }
        guard !name.isEmpty else { return "<\(address)>" }
        if name.unicodeScalars.allSatisfy({ $0.isASCII }) {
            let quoted = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "\"\(quoted)\" <\(address)>"
        }
        return encodedText(name) + " <\(address)>"
    }

    /// A text for a header: as it is in printable ASCII, else RFC 2047 `=?UTF-8?B?…?=` words
    /// of at most 75 characters, each holding whole characters.
    static func encodedText(_ text: String) -> String {
        let text = singleLine(text)
        if text.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 }) && !text.contains("=?") { return text }
        var words: [String] = [], chunk = Data()
        // 75 characters less "=?UTF-8?B?" and "?=" leave 63 for base64: 45 bytes.
        for character in text {
            let bytes = Data(String(character).utf8)
            if chunk.count + bytes.count > 45, !chunk.isEmpty {
                words.append("=?UTF-8?B?\(chunk.base64EncodedString())?=")
                chunk = Data()
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?\(chunk.base64EncodedString())?=") }
        return words.joined(separator: " ")
    }

    /// A header's text on one line: line breaks and other control characters become spaces.
    static func singleLine(_ text: String) -> String {
        let cleaned = String(String.UnicodeScalarView(text.unicodeScalars.map {
            $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}" ? " " : $0
        }))
        return cleaned.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    /// `Tue, 01 Dec 2026 18:00:00 +0000`.
    static func rfc5322Date(_ seconds: Int64) -> String {
        let utc = ZonedTime.utc(Instant(seconds: seconds)), time = utc.civil
        let weekday = utc.date.weekday.rawValue.capitalized
        let month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][max(0, min(11, time.month - 1))]
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(weekday), \(two(time.day)) \(month) \(time.year) \(two(time.hour)):\(two(time.minute)):\(two(time.second)) +0000"
    }
}
