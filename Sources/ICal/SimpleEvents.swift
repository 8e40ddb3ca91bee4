/// Events read without libical: most of a busy calendar is single events — a start, an end or
/// a duration, perhaps a status — and parsing them with libical (then looking their zone up
/// among all it knows, per event) is most of the time a search takes. An event of that plain
/// shape is read here, in the prefilter's pass; any other (a recurrence or an instance of one,
/// a zone the file defines, a parameter or value of another form) is left to libical as before.
struct SimpleEvent: Sendable, Equatable {
    enum Form: Sendable, Equatable {
        case utc
        case zoned(String)
        case floating
        case date
    }

    struct Time: Sendable, Equatable {
        var civil: CivilTime
        var form: Form
    }

    var uid = ""
    var start: Time?
    var end: Time?
    /// DURATION, in seconds (negative for a negative one).
    var duration: Int64?
    var cancelled = false
    var transparent = false
    var emails: [String] = []
}

/// Watches the logical lines the prefilter keeps, and picks out the VEVENTs of plain shape
/// with where their lines stand in its output.
struct SimpleEventScanner {
    /// Each plain event, with the range its lines take in the prefilter's output.
    private(set) var found: [(event: SimpleEvent, range: Range<Int>)] = []
    /// UIDs of events with a RECURRENCE-ID: the events they change must go to libical with them.
    private(set) var changedUIDs: Set<String> = []
    /// Components opened and not yet closed.
    private var open: [String] = []
    private(set) var calendars = 0
    /// Whether the lines ended with the last calendar closed.
    var closed: Bool { open.isEmpty && calendars > 0 }

    private var current: SimpleEvent?
    private var plain = true
    private var recurrenceID = false
    private var startOffset = 0

    /// Takes the logical line `line` (property `name`, upper-cased) that starts at `offset` in
    /// the output and ends at `end`.
    mutating func take(_ name: String, _ line: ArraySlice<UInt8>, at offset: Int, end: Int) {
        if name == "BEGIN" || name == "END" {
            let component = String(decoding: split(line)?.value ?? [], as: UTF8.self).uppercased()
            if name == "BEGIN" {
                if component == "VCALENDAR", open.isEmpty { calendars += 1 }
                if component == "VEVENT", open == ["VCALENDAR"] {
                    current = SimpleEvent()
                    plain = true
                    recurrenceID = false
                    startOffset = offset
                }
                open.append(component)
            } else {
                if open.last == component { open.removeLast() } else { open.removeAll() }
                if component == "VEVENT", open == ["VCALENDAR"], let event = current {
                    if recurrenceID { changedUIDs.insert(event.uid) }
                    if plain, event.start != nil { found.append((event, startOffset..<end)) }
                    current = nil
                }
            }
            return
        }
        // Only the event's own properties count, not those of an alarm inside it.
        guard current != nil, open.count == 2 else { return }
        read(name, line)
    }

    private mutating func read(_ name: String, _ line: ArraySlice<UInt8>) {
        guard let (parameters, value) = split(line) else { plain = false; return }
        switch name {
        case "UID":
            current?.uid = String(decoding: value, as: UTF8.self)
        case "DTSTART", "DTEND":
            guard (name == "DTSTART" ? current?.start : current?.end) == nil, let time = Self.time(value, parameters: parameters) else {
                plain = false
                return
            }
            if name == "DTSTART" { current?.start = time } else { current?.end = time }
        case "DURATION":
            guard current?.duration == nil, parameters.isEmpty, let seconds = Self.duration(value) else { plain = false; return }
            current?.duration = seconds
        case "STATUS":
            let status = String(decoding: value, as: UTF8.self)
            guard parameters.isEmpty, ["CONFIRMED", "TENTATIVE", "CANCELLED"].contains(status) else { plain = false; return }
            current?.cancelled = status == "CANCELLED"
        case "TRANSP":
            let transparency = String(decoding: value, as: UTF8.self)
            guard parameters.isEmpty, ["OPAQUE", "TRANSPARENT"].contains(transparency) else { plain = false; return }
            current?.transparent = transparency == "TRANSPARENT"
        case "ORGANIZER", "ATTENDEE":
            var address = String(decoding: value, as: UTF8.self).lowercased()
            if address.hasPrefix("mailto:") { address.removeFirst("mailto:".count) }
            if address.contains("@") { current?.emails.append(address) }
        case "RECURRENCE-ID":
            recurrenceID = true
            plain = false
        case "RRULE", "RDATE", "EXDATE":
            plain = false
        default:
            break
        }
        // Both forms must agree, as libical reads a floating end beside a zoned start otherwise.
        if let start = current?.start, let end = current?.end, !Self.sameKind(start.form, end.form) { plain = false }
    }

    private static func sameKind(_ first: SimpleEvent.Form, _ second: SimpleEvent.Form) -> Bool {
        switch (first, second) {
        case (.utc, .utc), (.floating, .floating), (.date, .date), (.zoned, .zoned): true
        default: false
        }
    }

    /// A line's parameters (`NAME=VALUE`, upper-cased names) and value; nil when it has no value.
    private func split(_ line: ArraySlice<UInt8>) -> (parameters: [(String, String)], value: ArraySlice<UInt8>)? {
        var quoted = false
        var parameters: [(String, String)] = []
        var segment = line.startIndex
        var index = line.startIndex
        var first = true
        func close(_ end: Int) {
            defer { first = false }
            guard !first else { return }
            let text = String(decoding: line[segment..<end], as: UTF8.self)
            let pair = text.split(separator: "=", maxSplits: 1)
            parameters.append((pair.first.map { $0.uppercased() } ?? "", pair.count > 1 ? String(pair[1]) : ""))
        }
        while index < line.endIndex {
            let byte = line[index]
            if byte == UInt8(ascii: "\"") { quoted.toggle() }
            if !quoted, byte == UInt8(ascii: ";") || byte == UInt8(ascii: ":") {
                close(index)
                segment = index + 1
                if byte == UInt8(ascii: ":") { return (parameters, line[(index + 1)...]) }
            }
            index += 1
        }
        return nil
    }

    /// A DTSTART or DTEND of plain form: `TZID=Zone` (a bare name) or `VALUE=DATE` or
    /// `VALUE=DATE-TIME` and nothing else, and a value in range.
    static func time(_ value: ArraySlice<UInt8>, parameters: [(String, String)]) -> SimpleEvent.Time? {
        var zone: String?
        var isDate = false
        for (name, parameter) in parameters {
            switch name {
            case "TZID" where zone == nil && !parameter.isEmpty && !parameter.hasPrefix("/") && !parameter.contains("\""):
                zone = parameter
            case "VALUE" where parameter.uppercased() == "DATE":
                isDate = true
            case "VALUE" where parameter.uppercased() == "DATE-TIME":
                break
            default:
                return nil
            }
        }
        let digits = value
        let base = value.startIndex
        func number(_ range: Range<Int>) -> Int? {
            var total = 0
            for index in range {
                guard index < digits.count else { return nil }
                let digit = digits[base + index]
                guard digit >= 0x30, digit <= 0x39 else { return nil }
                total = total * 10 + Int(digit - 0x30)
            }
            return total
        }
        guard let year = number(0..<4), let month = number(4..<6), let day = number(6..<8),
              (1900...2200).contains(year), (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        if isDate {
            guard digits.count == 8, zone == nil else { return nil }
            return .init(civil: CivilTime(year: year, month: month, day: day), form: .date)
        }
        guard digits.count == 15 || (digits.count == 16 && digits[base + 15] == UInt8(ascii: "Z")), digits[base + 8] == UInt8(ascii: "T"),
              let hour = number(9..<11), let minute = number(11..<13), let second = number(13..<15),
              hour <= 23, minute <= 59, second <= 59 else { return nil }
        let civil = CivilTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        if digits.count == 16 { return zone == nil ? .init(civil: civil, form: .utc) : nil }
        return .init(civil: civil, form: zone.map(SimpleEvent.Form.zoned) ?? .floating)
    }

    /// `P1W`, `PT1H30M`, `-P1DT2H` and the like, in seconds; nil for any other text.
    static func duration(_ value: ArraySlice<UInt8>) -> Int64? {
        var index = value.startIndex
        var sign: Int64 = 1
        if index < value.endIndex, value[index] == UInt8(ascii: "+") || value[index] == UInt8(ascii: "-") {
            if value[index] == UInt8(ascii: "-") { sign = -1 }
            index += 1
        }
        guard index < value.endIndex, value[index] == UInt8(ascii: "P") else { return nil }
        index += 1
        var total: Int64 = 0, digits: Int64 = 0, sawDigit = false, inTime = false, parts = 0
        while index < value.endIndex {
            let byte = value[index]
            index += 1
            if byte >= 0x30, byte <= 0x39 {
                guard digits < 10_000_000 else { return nil }
                digits = digits * 10 + Int64(byte - 0x30)
                sawDigit = true
                continue
            }
            let unit: Int64
            switch (byte, inTime) {
            case (UInt8(ascii: "T"), false) where !sawDigit:
                inTime = true
                continue
            case (UInt8(ascii: "W"), false): unit = 604_800
            case (UInt8(ascii: "D"), false): unit = 86_400
            case (UInt8(ascii: "H"), true): unit = 3_600
            case (UInt8(ascii: "M"), true): unit = 60
            case (UInt8(ascii: "S"), true): unit = 1
            default: return nil
            }
            guard sawDigit else { return nil }
            total += digits * unit
            digits = 0
            sawDigit = false
            parts += 1
        }
        guard parts > 0, !sawDigit else { return nil }
        return sign * total
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
