/// A calendar's text reduced, in one linear pass, to what reading busy time needs, before
/// libical parses it: libical's parser takes time growing with the square of a line's length,
/// and expands a VTIMEZONE's rules from their first year whatever they say.
///
/// - Only the properties busy time is read from are kept (times, rules, status, transparency,
///   organiser and attendees, the zones' own); a DESCRIPTION of megabytes never reaches libical.
/// - A kept line longer than ``maximumLine`` octets once unfolded is left out, with a warning.
/// - A NUL ends the file there: what stands before it is read. A lone CR ends a line.
/// - A VTIMEZONE is left out, with a warning, when an observance's rule is not yearly, uses
///   parts no zone needs, or the zone has more than ``maximumObservances`` observances: its
///   TZID is then read as a name (the tz database's zone, or the caller's mapping).
struct CalendarPrefilter {
    static let maximumLine = 65_536
    static let maximumObservances = 1_000
    static let maximumZones = 200

    static let kept: Set<String> = [
        "BEGIN", "END", "VERSION", "PRODID", "METHOD", "UID", "DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE",
        "RECURRENCE-ID", "STATUS", "TRANSP", "ORGANIZER", "ATTENDEE", "FREEBUSY", "TZID", "TZOFFSETFROM", "TZOFFSETTO", "TZNAME",
    ]

    var text: String = ""
    var warnings: [String] = []
    /// The events of plain shape read here (see ``SimpleEvent``): they are not in ``text``.
    var simple: [SimpleEvent] = []

    init(_ input: String) {
        var out: [UInt8] = []
        out.reserveCapacity(min(input.utf8.count, 1 << 20))
        var logical: [UInt8] = []
        var overflow = false
        var lineNumber = 0, logicalStart = 1
        // A VTIMEZONE is held until its end, then kept or left out whole.
        var zone: [UInt8]? = nil
        var zoneProblem: String? = nil
        var observances = 0, zones = 0
        var inObservance = false
        var scanner = SimpleEventScanner()
        var definedZones: Set<String> = []

        func flush() {
            defer { logical.removeAll(keepingCapacity: true); overflow = false }
            guard !logical.isEmpty || overflow else { return }
            let nameEnd = logical.firstIndex { $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ";") } ?? logical.endIndex
            let name = String(decoding: logical[..<nameEnd], as: UTF8.self).uppercased()
            guard Self.kept.contains(name) else { return }
            if overflow {
                warnings.append("line \(logicalStart) (\(printable(name))) is longer than \(Self.maximumLine / 1024) KB and was left out")
                return
            }
            // The value is needed only to follow components and zones: most lines need none.
            let value = name == "BEGIN" || name == "END" || zone != nil
                ? logical.firstIndex(of: UInt8(ascii: ":")).map { String(decoding: logical[logical.index(after: $0)...], as: UTF8.self) } ?? ""
                : ""
            if name == "BEGIN", value.uppercased() == "VTIMEZONE" {
                zone = []
                zoneProblem = nil
                observances = 0
                zones += 1
                if zones > Self.maximumZones { zoneProblem = "the file defines more than \(Self.maximumZones) zones" }
            }
            if zone != nil {
                let upper = value.uppercased()
                if name == "BEGIN", upper == "STANDARD" || upper == "DAYLIGHT" {
                    inObservance = true
                    observances += 1
                    if observances > Self.maximumObservances { zoneProblem = zoneProblem ?? "it has more than \(Self.maximumObservances) observances" }
                }
                if name == "END", upper == "STANDARD" || upper == "DAYLIGHT" { inObservance = false }
                if name == "RRULE", inObservance, zoneProblem == nil, let problem = Self.zoneRuleProblem(upper) { zoneProblem = problem }
                zone?.append(contentsOf: logical)
                zone?.append(contentsOf: [0x0D, 0x0A])
                if name == "END", upper == "VTIMEZONE" {
                    if let zoneProblem {
                        let tzid = zoneID(zone ?? [])
                        warnings.append("the zone \(printable(tzid)) is not used as the file defines it (\(zoneProblem)); its times are read by its name")
                    } else {
                        out.append(contentsOf: zone ?? [])
                        definedZones.insert(zoneID(zone ?? []).uppercased())
                    }
                    zone = nil
                }
                return
            }
            let offset = out.count
            out.append(contentsOf: logical)
            out.append(contentsOf: [0x0D, 0x0A])
            scanner.take(name, logical[...], at: offset, end: out.count)
        }

        let bytes = input.utf8
        var index = bytes.startIndex
        var atLineStart = true
        lineNumber = 1
        scanning: while index < bytes.endIndex {
            let byte = bytes[index]
            switch byte {
            case 0x00:
                warnings.append("the file holds a NUL byte on line \(lineNumber); only what stands before it was read")
                break scanning
            case 0x0D, 0x0A:
                // CR LF, LF, or a lone CR: one line break.
                if byte == 0x0D {
                    let next = bytes.index(after: index)
                    if next < bytes.endIndex, bytes[next] == 0x0A { index = next }
                }
                lineNumber += 1
                atLineStart = true
            case 0x20 where atLineStart, 0x09 where atLineStart:
                // A folded line goes on: the space or tab is dropped.
                atLineStart = false
            default:
                if atLineStart {
                    flush()
                    logicalStart = lineNumber
                    atLineStart = false
                }
                if logical.count < Self.maximumLine { logical.append(byte) } else { overflow = true }
            }
            index = bytes.index(after: index)
        }
        flush()
        if zone != nil { out.append(contentsOf: zone ?? []) }
        // The plain events are read here when the file is one whole calendar, and the event is
        // neither changed by another nor in a zone the file defines (libical reads those).
        var taken: [Range<Int>] = []
        if scanner.calendars == 1, scanner.closed {
            for (event, range) in scanner.found where !scanner.changedUIDs.contains(event.uid) {
                let zones = [event.start?.form, event.end?.form].compactMap { form -> String? in
                    if case .zoned(let name) = form { return name.uppercased() }
                    return nil
                }
                guard zones.allSatisfy({ !definedZones.contains($0) }) else { continue }
                simple.append(event)
                taken.append(range)
            }
        }
        if taken.isEmpty {
            text = String(decoding: out, as: UTF8.self)
        } else {
            var rest: [UInt8] = []
            rest.reserveCapacity(out.count)
            var position = 0
            for range in taken {
                rest.append(contentsOf: out[position..<range.lowerBound])
                position = range.upperBound
            }
            rest.append(contentsOf: out[position...])
            text = String(decoding: rest, as: UTF8.self)
        }
    }

    /// Why a VTIMEZONE observance's RRULE is not one a zone has, or nil.
    static func zoneRuleProblem(_ value: String) -> String? {
        guard let parts = ruleParts(value) else { return "a rule part without a value" }
        guard parts["FREQ"] == "YEARLY" else { return "a rule that is not yearly: FREQ=\(printable(parts["FREQ"] ?? "none"))" }
        let allowed: Set<String> = ["FREQ", "BYMONTH", "BYDAY", "BYMONTHDAY", "UNTIL", "COUNT", "INTERVAL", "WKST"]
        if let extra = parts.keys.sorted().first(where: { !allowed.contains($0) }) { return "a rule with \(printable(extra))" }
        if (parts["BYMONTH"]?.split(separator: ",").count ?? 0) > 1 { return "a rule in several months" }
        if (parts["BYDAY"]?.split(separator: ",").count ?? 0) > 7 { return "a rule on too many days" }
        if (parts["BYMONTHDAY"]?.split(separator: ",").count ?? 0) > 7 { return "a rule on too many days of the month" }
        return nil
    }

    private func zoneID(_ lines: [UInt8]) -> String {
        let text = String(decoding: lines, as: UTF8.self)
        for line in text.split(separator: "\r\n") where line.uppercased().hasPrefix("TZID:") {
            return String(line.dropFirst(5))
        }
        return "(without a TZID)"
    }
}

/// An RRULE's parts by name (`FREQ` → `YEARLY`), upper-cased; nil when a part has no value.
func ruleParts(_ rule: String) -> [String: String]? {
    var parts: [String: String] = [:]
    for part in rule.uppercased().split(separator: ";") {
        let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
        guard pair.count == 2 else { return nil }
        parts[pair[0]] = pair[1]
    }
    return parts
}

/// Text from a file made safe to print on a terminal: control characters (escape sequences
/// among them) and bidirectional controls removed, and at most 200 characters.
public func printable(_ text: String) -> String {
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: continue
        default: out.append(scalar)
        }
        if out.count >= 200 { out.append("…"); break }
    }
    return String(out)
}
