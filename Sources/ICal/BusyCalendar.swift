internal import CLibical
import Foundation

/// A stretch of time someone is busy, in seconds since the epoch (UTC), end excluded.
public struct BusyInterval: Sendable, Hashable, Comparable {
    public var start: Int64
    public var end: Int64

    public init(start: Int64, end: Int64) {
        self.start = start
        self.end = end
    }

    public static func < (lhs: BusyInterval, rhs: BusyInterval) -> Bool {
        (lhs.start, lhs.end) < (rhs.start, rhs.end)
    }
}

/// The busy times in one iCalendar file within a window, read with libical: events in any
/// zone (IANA, custom VTIMEZONE, or a name the caller can map, such as Outlook's Windows
/// names), all-day events, recurrences (RRULE, RDATE, EXDATE, overridden instances), and
/// VFREEBUSY. Cancelled and transparent events are not busy time.
public struct BusyCalendar: Sendable {
    /// The busy intervals that overlap the window, sorted.
    public var busy: [BusyInterval]
    /// The addresses of the calendar's organisers and attendees, lowercased.
    public var emails: Set<String>
    /// Things in the file that could not be used, each a sentence.
    public var warnings: [String]

    /// Why a file is not a calendar.
    public struct ReadError: Error, Sendable, Equatable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// Reads `text` and keeps the busy time overlapping `[from, to)`.
    ///
    /// - Parameters:
    ///   - floatingZone: the zone of times without one (floating times, all-day dates): the
    ///     calendar owner's.
    ///   - zoneName: maps a TZID that is neither defined in the file nor an IANA name (a
    ///     Windows name, a legacy alias) to an IANA name, or `nil`.
    public init(text: String, from: Int64, to: Int64, floatingZone: String, engine: TimeZoneEngine,
                zoneName: @escaping (String) -> String?) throws(ReadError) {
        let trimmed = text.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        guard trimmed.prefix(15).uppercased() == "BEGIN:VCALENDAR" else {
            throw ReadError(message: "not an iCalendar file (it does not start with BEGIN:VCALENDAR)")
        }
        var reader = Reader(from: from, to: to, floatingZone: floatingZone, engine: engine, zoneName: zoneName)
        func parse(_ text: String) -> Bool {
            Libical.locked {
                guard let root = icalparser_parse_string(text) else { return false }
                defer { icalcomponent_free(root) }
                reader.read(root)
                return true
            }
        }
        // Only the end of the file is looked at for the closing line, not the whole text.
        var end = text.utf8.endIndex
        while end > text.utf8.startIndex, [0x20, 0x09, 0x0A, 0x0D].contains(text.utf8[text.utf8.index(before: end)]) {
            end = text.utf8.index(before: end)
        }
        let complete = String(text[..<end].suffix(64)).uppercased().contains("END:VCALENDAR")
        if !complete {
            // A file cut short: keep what stands before its last complete component.
            let upper = text.uppercased()
            let ends = ["END:VEVENT", "END:VFREEBUSY", "END:VTIMEZONE"].compactMap { upper.range(of: $0, options: .backwards)?.upperBound }
            let cut = ends.max().map { String(text[..<$0]) } ?? "BEGIN:VCALENDAR"
            guard parse(cut + "\r\nEND:VCALENDAR\r\n") else { throw ReadError(message: "libical could not parse it as iCalendar") }
            reader.warnings.append("the file ends before END:VCALENDAR, so it is cut short; only the events complete before the cut were read")
        } else if !parse(text) {
            throw ReadError(message: "libical could not parse it as iCalendar")
        }
        busy = reader.busy.sorted()
        emails = reader.emails
        warnings = reader.warnings
    }
}

/// The work of reading one parsed calendar; every method runs with the libical lock held.
private struct Reader {
    let from: Int64
    let to: Int64
    let floatingZone: String
    let engine: TimeZoneEngine
    let zoneName: (String) -> String?
    var busy: [BusyInterval] = []
    var emails: Set<String> = []
    var warnings: [String] = []
    /// Overridden instances: UID and original start instant → the override (or nil if cancelled).
    var overrides: [String: [Int64: BusyInterval?]] = [:]
    /// The caller's answer for each TZID, asked once per file.
    var mapped: [String: String?] = [:]

    /// Recurrences are expanded at most this far, whatever the rule says.
    static let maximumOccurrences = 200_000

    mutating func read(_ root: OpaquePointer) {
        var calendars: [OpaquePointer] = []
        if icalcomponent_isa(root) == ICAL_VCALENDAR_COMPONENT {
            calendars = [root]
        } else {
            var next = icalcomponent_get_first_component(root, ICAL_VCALENDAR_COMPONENT)
            while let calendar = next {
                calendars.append(calendar)
                next = icalcomponent_get_next_component(root, ICAL_VCALENDAR_COMPONENT)
            }
        }
        var events: [OpaquePointer] = []
        for calendar in calendars {
            var next = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT)
            while let event = next {
                events.append(event)
                next = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT)
            }
            var freeBusy = icalcomponent_get_first_component(calendar, ICAL_VFREEBUSY_COMPONENT)
            while let component = freeBusy {
                readFreeBusy(component)
                freeBusy = icalcomponent_get_next_component(calendar, ICAL_VFREEBUSY_COMPONENT)
            }
        }
        // Overrides first, so that the series they change can leave those instances out.
        var series: [OpaquePointer] = []
        for event in events {
            if icalcomponent_get_first_property(event, ICAL_RECURRENCEID_PROPERTY) != nil { readOverride(event) } else { series.append(event) }
        }
        for event in series { readEvent(event) }
    }

    private mutating func collectEmails(_ event: OpaquePointer) {
        for kind in [ICAL_ORGANIZER_PROPERTY, ICAL_ATTENDEE_PROPERTY] {
            var next = icalcomponent_get_first_property(event, kind)
            while let property = next {
                if let value = icalproperty_get_value_as_string(property) {
                    var address = String(cString: value).lowercased()
                    if address.hasPrefix("mailto:") { address.removeFirst("mailto:".count) }
                    if address.contains("@") { emails.insert(address) }
                }
                next = icalcomponent_get_next_property(event, kind)
            }
        }
    }

    private func uid(_ event: OpaquePointer) -> String {
        icalcomponent_get_uid(event).map { String(cString: $0) } ?? ""
    }

    private func isFree(_ event: OpaquePointer) -> Bool {
        if icalcomponent_get_status(event) == ICAL_STATUS_CANCELLED { return true }
        if let property = icalcomponent_get_first_property(event, ICAL_TRANSP_PROPERTY),
           icalproperty_get_transp(property) == ICAL_TRANSP_TRANSPARENT { return true }
        return false
    }

    /// The instant of a time from `property` (for its TZID), or nil when it cannot be placed.
    private mutating func instant(_ time: icaltimetype, property: OpaquePointer?) -> Int64? {
        if isNull(time) { return nil }
        if icaltime_is_utc(time) != 0 { return Int64(icaltime_as_timet(time)) }
        // A time with a TZID is placed below: libical attaches its own copy of a zone the file
        // does not define, and that copy is wrong for some zones in some years.
        let named = property.flatMap { icalproperty_get_first_parameter($0, ICAL_TZID_PARAMETER) } != nil
        if let zone = time.zone, !named {
            return Int64(icaltime_as_timet_with_zone(time, zone))
        }
        var zone = floatingZone
        if let property, let parameter = icalproperty_get_first_parameter(property, ICAL_TZID_PARAMETER),
           let raw = icalparameter_get_tzid(parameter) {
            let tzid = String(cString: raw)
            // A VTIMEZONE in the file wins; then the tz database; then the caller's mapping.
            var calendar = icalproperty_get_parent(property)
            while let component = calendar, icalcomponent_isa(component) != ICAL_VCALENDAR_COMPONENT {
                calendar = icalcomponent_get_parent(component)
            }
            if let calendar, let defined = icalcomponent_get_timezone(calendar, raw) {
                var local = time
                local.zone = defined
                return Int64(icaltime_as_timet_with_zone(local, defined))
            }
            let answer: String?
            if let known = mapped[tzid] { answer = known } else { answer = zoneName(tzid); mapped[tzid] = answer }
            if engine.knowsHoldingLock(tzid) {
                zone = tzid
            } else if let answer, engine.knowsHoldingLock(answer) {
                zone = answer
            } else if let answer {
                let warning = "the time zone '\(tzid)' stands for '\(answer)', which the tz database does not have; its times were read in \(floatingZone)"
                if !warnings.contains(warning) { warnings.append(warning) }
            } else {
                let warning = "the time zone '\(tzid)' is neither defined in the file nor known; its times were read in \(floatingZone)"
                if !warnings.contains(warning) { warnings.append(warning) }
            }
        }
        let civil = CivilTime(year: Int(time.year), month: Int(time.month), day: Int(time.day),
                              hour: time.is_date != 0 ? 0 : Int(time.hour), minute: time.is_date != 0 ? 0 : Int(time.minute),
                              second: time.is_date != 0 ? 0 : Int(time.second))
        return engine.instantHoldingLock(civil, in: zone)
    }

    private mutating func span(of event: OpaquePointer) -> (start: Int64, length: Int64, isDate: Bool)? {
        let start = icalcomponent_get_dtstart(event)
        guard let startInstant = instant(start, property: icalcomponent_get_first_property(event, ICAL_DTSTART_PROPERTY)) else { return nil }
        let endProperty = icalcomponent_get_first_property(event, ICAL_DTEND_PROPERTY)
        if let endProperty {
            let end = icalproperty_get_dtend(endProperty)
            var withZone = end
            if withZone.zone == nil, start.zone != nil, icalproperty_get_first_parameter(endProperty, ICAL_TZID_PARAMETER) == nil, icaltime_is_utc(end) == 0 {
                withZone.zone = start.zone
            }
            let endInstant = instant(icalcomponent_get_dtend(event).zone != nil ? icalcomponent_get_dtend(event) : withZone, property: endProperty) ?? startInstant
            return (startInstant, max(0, endInstant - startInstant), start.is_date != 0)
        }
        if icalcomponent_get_first_property(event, ICAL_DURATION_PROPERTY) != nil {
            let seconds = Int64(icaldurationtype_as_int(icalcomponent_get_duration(event)))
            return (startInstant, max(0, seconds), start.is_date != 0)
        }
        return (startInstant, start.is_date != 0 ? 86_400 : 0, start.is_date != 0)
    }

    private mutating func readOverride(_ event: OpaquePointer) {
        let recurrence = icalcomponent_get_recurrenceid(event)
        guard let original = instant(recurrence, property: icalcomponent_get_first_property(event, ICAL_RECURRENCEID_PROPERTY)) else { return }
        collectEmails(event)
        var replacement: BusyInterval?
        if !isFree(event), let span = span(of: event), span.length > 0 {
            replacement = BusyInterval(start: span.start, end: span.start + span.length)
        }
        overrides[uid(event), default: [:]][original] = .some(replacement)
        if let replacement { add(replacement) }
    }

    private mutating func readEvent(_ event: OpaquePointer) {
        collectEmails(event)
        let repeats = icalcomponent_get_first_property(event, ICAL_RRULE_PROPERTY) != nil
            || icalcomponent_get_first_property(event, ICAL_RDATE_PROPERTY) != nil
        if !repeats {
            // A single event after the window needs nothing more.
            let start = icalcomponent_get_dtstart(event)
            if let instant = instant(start, property: icalcomponent_get_first_property(event, ICAL_DTSTART_PROPERTY)), instant >= to { return }
        }
        guard !isFree(event), let span = span(of: event), span.length > 0 else { return }
        let changed = overrides[uid(event)] ?? [:]
        let dtstart = icalcomponent_get_dtstart(event)
        let startProperty = icalcomponent_get_first_property(event, ICAL_DTSTART_PROPERTY)
        var excluded: Set<Int64> = []
        var next = icalcomponent_get_first_property(event, ICAL_EXDATE_PROPERTY)
        while let property = next {
            var time = icalproperty_get_exdate(property)
            if time.zone == nil, icalproperty_get_first_parameter(property, ICAL_TZID_PARAMETER) == nil, icaltime_is_utc(time) == 0 {
                time.zone = dtstart.zone
            }
            if let value = instant(time, property: property) { excluded.insert(value) }
            next = icalcomponent_get_next_property(event, ICAL_EXDATE_PROPERTY)
        }
        var starts: [Int64] = []
        var rules = icalcomponent_get_first_property(event, ICAL_RRULE_PROPERTY)
        if rules == nil { starts.append(span.start) }
        while let property = rules {
            expand(icalproperty_get_rrule(property), from: dtstart, property: startProperty, length: span.length, into: &starts)
            rules = icalcomponent_get_next_property(event, ICAL_RRULE_PROPERTY)
        }
        var dates = icalcomponent_get_first_property(event, ICAL_RDATE_PROPERTY)
        if dates != nil, rules == nil, !starts.contains(span.start) { starts.append(span.start) }
        while let property = dates {
            let value = icalproperty_get_rdate(property)
            var time = isNull(value.time) ? value.period.start : value.time
            if time.zone == nil, icalproperty_get_first_parameter(property, ICAL_TZID_PARAMETER) == nil, icaltime_is_utc(time) == 0 {
                time.zone = dtstart.zone
            }
            if let start = instant(time, property: property) { starts.append(start) }
            dates = icalcomponent_get_next_property(event, ICAL_RDATE_PROPERTY)
        }
        for start in Set(starts) where !excluded.contains(start) && changed[start] == nil {
            add(BusyInterval(start: start, end: start + span.length))
        }
    }

    /// Adds the starts of `rule` that can overlap the window, never more than a bounded number.
    private mutating func expand(_ rule: icalrecurrencetype, from dtstart: icaltimetype, property: OpaquePointer?, length: Int64, into starts: inout [Int64]) {
        guard let iterator = icalrecur_iterator_new(rule, dtstart) else {
            warnings.append("a recurrence rule could not be read and was left out")
            return
        }
        defer { icalrecur_iterator_free(iterator) }
        // Skip ahead to just before the window when the rule allows it (not with COUNT).
        if rule.count == 0, let first = instant(dtstart, property: property), first + length < from - 2 * 86_400 {
            var jump = icaltime_from_timet_with_zone(time_t(from - length - 2 * 86_400), dtstart.is_date, icaltimezone_get_utc_timezone())
            if let zone = dtstart.zone { icaltimezone_convert_time(&jump, icaltimezone_get_utc_timezone(), zone) }
            jump.zone = dtstart.zone
            jump.is_date = dtstart.is_date
            _ = icalrecur_iterator_set_start(iterator, jump)
        }
        var produced = 0
        while produced < Self.maximumOccurrences {
            let occurrence = icalrecur_iterator_next(iterator)
            if isNull(occurrence) { break }
            produced += 1
            var time = occurrence
            if time.zone == nil { time.zone = dtstart.zone }
            guard let start = instant(time, property: property) else { continue }
            if start >= to { break }
            if start + length > from { starts.append(start) }
        }
        if produced == Self.maximumOccurrences {
            warnings.append("a recurrence produced more than \(Self.maximumOccurrences) occurrences before the window ended; the rest were left out")
        }
    }

    private mutating func readFreeBusy(_ component: OpaquePointer) {
        var next = icalcomponent_get_first_property(component, ICAL_FREEBUSY_PROPERTY)
        while let property = next {
            defer { next = icalcomponent_get_next_property(component, ICAL_FREEBUSY_PROPERTY) }
            if let parameter = icalproperty_get_first_parameter(property, ICAL_FBTYPE_PARAMETER),
               icalparameter_get_fbtype(parameter) == ICAL_FBTYPE_FREE { continue }
            let period = icalproperty_get_freebusy(property)
            guard let start = instant(period.start, property: property) else { continue }
            let end = isNull(period.end)
                ? start + Int64(icaldurationtype_as_int(period.duration))
                : (instant(period.end, property: property) ?? start)
            if end > start { add(BusyInterval(start: start, end: end)) }
        }
        var organizer = icalcomponent_get_first_property(component, ICAL_ORGANIZER_PROPERTY)
        while let property = organizer {
            if let value = icalproperty_get_value_as_string(property) {
                var address = String(cString: value).lowercased()
                if address.hasPrefix("mailto:") { address.removeFirst("mailto:".count) }
                emails.insert(address)
            }
            organizer = icalcomponent_get_next_property(component, ICAL_ORGANIZER_PROPERTY)
        }
    }

    private mutating func add(_ interval: BusyInterval) {
        if interval.end > from, interval.start < to { busy.append(interval) }
    }
}

/// Whether libical's time is its null time (an absent value).
private func isNull(_ time: icaltimetype) -> Bool {
    icaltime_is_null_time(time) != 0
}

/// libical on its own, for measuring: parse a calendar and expand every event's occurrences
/// in `[from, to)` with libical's recurrence iterator and zone conversion, doing nothing with
/// them but count. The slot search's cost is compared against this.
public enum LibicalExpansion {
    public static func occurrences(in text: String, from: Int64, to: Int64) -> Int {
        Libical.locked {
            guard let root = icalparser_parse_string(text) else { return 0 }
            defer { icalcomponent_free(root) }
            var count = 0
            var next = icalcomponent_get_first_component(root, ICAL_VEVENT_COMPONENT)
            while let event = next {
                defer { next = icalcomponent_get_next_component(root, ICAL_VEVENT_COMPONENT) }
                let start = icalcomponent_get_dtstart(event)
                guard let property = icalcomponent_get_first_property(event, ICAL_RRULE_PROPERTY) else {
                    let instant = Int64(start.zone.map { icaltime_as_timet_with_zone(start, $0) } ?? icaltime_as_timet(start))
                    if instant >= from && instant < to { count += 1 }
                    continue
                }
                let rule = icalproperty_get_rrule(property)
                guard let iterator = icalrecur_iterator_new(rule, start) else { continue }
                defer { icalrecur_iterator_free(iterator) }
                if rule.count == 0 {
                    var jump = icaltime_from_timet_with_zone(time_t(from - 2 * 86_400), 0, icaltimezone_get_utc_timezone())
                    if let zone = start.zone { icaltimezone_convert_time(&jump, icaltimezone_get_utc_timezone(), zone) }
                    jump.zone = start.zone
                    _ = icalrecur_iterator_set_start(iterator, jump)
                }
                while true {
                    var occurrence = icalrecur_iterator_next(iterator)
                    if icaltime_is_null_time(occurrence) != 0 { break }
                    occurrence.zone = start.zone
                    let instant = Int64(start.zone.map { icaltime_as_timet_with_zone(occurrence, $0) } ?? icaltime_as_timet(occurrence))
                    if instant >= to { break }
                    if instant >= from { count += 1 }
                }
            }
            return count
        }
    }
}
