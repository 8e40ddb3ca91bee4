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
        var lines: [String] = []
        lines.append(header("From", mailbox(message.from)))
        lines.append(header("To", mailbox(message.to)))
        lines.append(header("Subject", encodedText(message.subject)))
        lines.append("Date: " + rfc5322Date(date))
        lines.append("Message-ID: <convene.\(key).\(message.version.sequence)@\(domain)>")
        lines.append("MIME-Version: 1.0")
        lines.append("Content-Class: urn:content-classes:calendarmessage")
        if draft { lines.append("X-Unsent: 1") }
        lines.append("Content-Type: multipart/mixed; boundary=\"\(mixed)\"")
        lines.append("")
        lines.append("--\(mixed)")
        lines.append("Content-Type: multipart/alternative; boundary=\"\(alternative)\"")
        lines.append("")
        lines.append("--\(alternative)")
        lines += part(type: "text/plain; charset=UTF-8", body: message.text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n") + "\r\n")
        lines.append("--\(alternative)")
        lines += part(type: "text/calendar; charset=UTF-8; method=\(method)", body: message.calendar)
        lines.append("--\(alternative)--")
        lines.append("--\(mixed)")
        lines += part(type: "application/ics; name=\"\(file)\"", disposition: "attachment; filename=\"\(file)\"", body: message.calendar)
        lines.append("--\(mixed)--")
        lines.append("")
        return lines.joined(separator: "\r\n")
    }

    /// The domain of an address, for Message-ID; `convene.invalid` when it has none.
    static func domain(of email: String) -> String {
        let domain = email.split(separator: "@").last.map(String.init) ?? ""
        let allowed = domain.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-.".unicodeScalars.contains($0)) }
        return email.contains("@") && allowed && !domain.isEmpty ? domain.lowercased() : "convene.invalid"
    }

    private static func part(type: String, disposition: String? = nil, body: String) -> [String] {
        var lines = ["Content-Type: \(type)", "Content-Transfer-Encoding: base64"]
        if let disposition { lines.append("Content-Disposition: \(disposition)") }
        lines.append("")
        lines += base64Lines(Data(body.utf8))
        return lines
    }

    /// Base64 in lines of 76 characters (RFC 2045).
    static func base64Lines(_ data: Data) -> [String] {
        let text = data.base64EncodedString()
        var lines: [String] = []
        var index = text.startIndex
        while index < text.endIndex {
            let end = text.index(index, offsetBy: 76, limitedBy: text.endIndex) ?? text.endIndex
            lines.append(String(text[index..<end]))
            index = end
        }
        return lines
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
        let time = CivilTime(secondsSinceEpoch: seconds)
        let days = Int((seconds - (seconds % 86_400 + 86_400) % 86_400) / 86_400)
        let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][((days % 7) + 7) % 7]
        let month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][max(0, min(11, time.month - 1))]
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(weekday), \(two(time.day)) \(month) \(time.year) \(two(time.hour)):\(two(time.minute)):\(two(time.second)) +0000"
    }
}
