import Foundation
import ICal
import MIME

/// An answer read from a file: what it says, and where it came from.
public struct ReadReply: Sendable, Equatable {
    /// The file, with the message's number in an mbox ("replies.mbox, message 3").
    public var source: String
    /// The sender (From) and Message-ID of the e-mail it came in; nil for a bare calendar.
    public var sender: String?
    public var messageID: String?
    public var response: ITIPResponse

    /// What makes two readings the same answer, however often it is read: the message, the
    /// event, the attendee, the version and the moment of the answer.
    public var key: String {
        [messageID ?? "", response.method, response.uid, response.attendee, String(response.sequence), response.stamp.map(String.init) ?? "", response.status,
         response.proposedStart.map(String.init) ?? "", response.proposedEnd.map(String.init) ?? ""].joined(separator: "\u{1F}")
    }
}

/// Reads the answers people send from the places mail ends up: `.eml` files, mbox files,
/// Maildir folders (`cur/` and `new/`), and bare `.ics` files, in the shapes Outlook, Gmail,
/// Apple Calendar and Thunderbird send them (a `text/calendar; method=REPLY` part, inline or
/// attached, or an `application/ics` attachment).
public enum ReplyFiles {
    /// A file or folder that could not be read, and why.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): \(reason)" }
    }

    /// Messages larger than this are not read: a reply is a few kilobytes.
    public static let largestMessage = 10 << 20
    /// mbox files larger than this are not read whole.
    public static let largestMailbox = 512 << 20

    /// Every answer in `paths`, in the order given (a Maildir's messages by name), with what
    /// could not be read.
    public static func read(_ paths: [String]) -> (replies: [ReadReply], problems: [Problem]) {
        var replies: [ReadReply] = [], problems: [Problem] = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                problems.append(Problem(path: path, reason: "no such file or folder"))
                continue
            }
            if isFolder.boolValue {
                let boxes = ["new", "cur"].map { path + "/" + $0 }.filter { FileManager.default.fileExists(atPath: $0) }
                guard !boxes.isEmpty else {
                    problems.append(Problem(path: path, reason: "a folder that is not a Maildir (it has no cur/ or new/)"))
                    continue
                }
                for box in boxes {
                    let names = ((try? FileManager.default.contentsOfDirectory(atPath: box)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
                    for name in names { readFile(box + "/" + name, into: &replies, problems: &problems, inMaildir: true) }
                }
            } else {
                readFile(path, into: &replies, problems: &problems, inMaildir: false)
            }
        }
        return (replies, problems)
    }

    private static func readFile(_ path: String, into replies: inout [ReadReply], problems: inout [Problem], inMaildir: Bool) {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else {
            problems.append(Problem(path: path, reason: "cannot be read"))
            return
        }
        if attributes[.type] as? FileAttributeType != .typeRegular {
            if !inMaildir { problems.append(Problem(path: path, reason: "not a regular file")) }
            return
        }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        guard let handle = FileHandle(forReadingAtPath: path) else {
            problems.append(Problem(path: path, reason: "cannot be read"))
            return
        }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 5)) ?? Data()
        let isMailbox = head.starts(with: Data("From ".utf8))
        let limit = isMailbox ? largestMailbox : largestMessage
        guard size <= limit else {
            problems.append(Problem(path: path, reason: "\(size) bytes, more than a \(isMailbox ? "mailbox" : "message") Convene reads (\(limit >> 20) MB)"))
            return
        }
        try? handle.seek(toOffset: 0)
        let data = (try? handle.readToEnd()) ?? Data()
        let start = String(decoding: data.prefix(64), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
        if start.hasPrefix("BEGIN:VCALENDAR") {
            guard let responses = ITIPResponse.read(String(decoding: data, as: UTF8.self)) else {
                problems.append(Problem(path: path, reason: "not a calendar libical can read"))
                return
            }
            replies += responses.map { ReadReply(source: path, sender: nil, messageID: nil, response: $0) }
            return
        }
        let messages = isMailbox ? MIMEReader.mbox(data) : MIMEReader.message(data).map { [$0] } ?? []
        if messages.isEmpty {
            problems.append(Problem(path: path, reason: "holds no e-mail message Convene can read"))
            return
        }
        for (index, message) in messages.enumerated() {
            let source = isMailbox ? "\(path), message \(index + 1)" : path
            var seen: Set<String> = []
            for part in message.parts where isCalendar(part) {
                let text = part.text
                guard seen.insert(text).inserted, let responses = ITIPResponse.read(text) else { continue }
                for response in responses {
                    let reply = ReadReply(source: source, sender: message.from, messageID: message.messageID, response: response)
                    // The inline calendar and the attached one are one answer.
                    if !replies.contains(where: { $0.source == source && $0.key == reply.key }) { replies.append(reply) }
                }
            }
        }
    }

    /// A calendar part: `text/calendar` (iMIP), `application/ics`, or an attached `.ics`.
    static func isCalendar(_ part: MIMELeaf) -> Bool {
        part.type == "text/calendar" || part.type == "application/ics" || part.type == "text/x-vcalendar"
            || (part.filename?.lowercased().hasSuffix(".ics") ?? false)
    }
}
