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
    /// The stretches of the window the file could not be fully read for (a recurrence that
    /// needs more work than ``ReadingBudget`` allows): its owner is busy there (they are in
    /// ``busy`` too), and a search says so.
    public var incomplete: [BusyInterval]

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
                budget: ReadingBudget = ReadingBudget(), zoneName: @escaping (String) -> String?) throws(ReadError) {
        let trimmed = text.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        guard trimmed.prefix(15).uppercased() == "BEGIN:VCALENDAR" else {
            throw ReadError(message: "not an iCalendar file (it does not start with BEGIN:VCALENDAR)")
        }
        // One linear pass first: what libical parses is small, its lines short, its zones sane.
        let filtered = CalendarPrefilter(text)
        let text = filtered.text
        var reader = Reader(from: from, to: to, floatingZone: floatingZone, engine: engine, zoneName: zoneName, budget: budget)
        reader.warnings = filtered.warnings
        var libicalSaid: [String] = []
        func parse(_ text: String) -> Bool {
            Libical.locked {
                // libical writes some complaints to standard error: they become warnings.
                let parsed: Bool = Libical.capturingStandardError(into: &libicalSaid) {
                    guard let root = icalparser_parse_string(text) else { return false }
                    defer { icalcomponent_free(root) }
                    reader.read(root)
                    return true
                }
                return parsed
            }
        }
        let complete = text.uppercased().hasSuffix("END:VCALENDAR\r\n")
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
        for event in filtered.simple { reader.readSimple(event) }
        for line in libicalSaid where !line.isEmpty {
            let message = line.firstMatch(of: #/\.c:[0-9]+: /#).map { String(line[$0.range.upperBound...]) } ?? line
            let warning = "libical: " + printable(message)
            if !reader.warnings.contains(warning) { reader.warnings.append(warning) }
        }
        busy = reader.busy.sorted()
        incomplete = reader.incomplete.sorted()
        emails = reader.emails
        warnings = reader.warnings
    }
}

/// How much work reading calendars may take: steps of recurrence expansion (the rule's own unit
/// — second, minute, hour or day — over the stretch it is expanded for), per file and for all
/// the files one search reads. Shared by the files of one search.
public final class ReadingBudget: @unchecked Sendable {
    /// Steps one file may take.
    public let perFile: Int64
    /// Steps left for the run.
    private var left: Int64
    private let lock = NSLock()

    public init(perFile: Int64 = 1_000_000, perRun: Int64 = 10_000_000) {
        self.perFile = perFile
        left = perRun
    }

    /// Takes `steps` from the run's budget, or nothing and false when they are not left.
    func take(_ steps: Int64) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard steps <= left else { return false }
        left -= steps
        return true
    }
}

/// The work of reading one parsed calendar; every method runs with the libical lock held.
private struct Reader {
    let from: Int64
    let to: Int64
    let floatingZone: String
    let engine: TimeZoneEngine
    let zoneName: (String) -> String?
    let budget: ReadingBudget
    var busy: [BusyInterval] = []
    var incomplete: [BusyInterval] = []
    /// Steps of recurrence expansion this file has taken.
    var steps: Int64 = 0
    var emails: Set<String> = []
    var warnings: [String] = []
    /// Overridden instances: UID and original start instant → the override (or nil if cancelled).
    var overrides: [String: [Int64: BusyInterval?]] = [:]
    /// The zone each TZID the file does not define is read in, found once per file.
    var resolved: [String: String] = [:]
    /// Whether each zone libical attached is its own built-in copy, asked once per zone.
    var builtIn: [OpaquePointer: Bool] = [:]

    /// Whether `zone` is libical's built-in copy of a zone (not one the file defines).
    mutating func isLibicalCopy(_ zone: OpaquePointer) -> Bool {
        if let known = builtIn[zone] { return known }
        var answer = false
        if let location = icaltimezone_get_location(zone), let copy = icaltimezone_get_builtin_timezone(location) {
            answer = copy == zone
        }
        builtIn[zone] = answer
        return answer
    }

    /// Occurrences one rule yields at most, whatever the rule says.
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
        // libical attaches its own copy of a zone the file names but does not define, and that
        // copy is wrong for some zones in some years: such times are placed below, from the tz
        // database. A zone the file defines is used as libical reads it.
        if let zone = time.zone, !isLibicalCopy(zone) {
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
            zone = self.zone(forTZID: tzid)
        }
        let civil = CivilTime(year: Int(time.year), month: Int(time.month), day: Int(time.day),
                              hour: time.is_date != 0 ? 0 : Int(time.hour), minute: time.is_date != 0 ? 0 : Int(time.minute),
                              second: time.is_date != 0 ? 0 : Int(time.second))
        return engine.readingInstant(civil, in: zone)
    }

    /// The zone a TZID the file does not define is read in: the tz database's zone of that
    /// name, else the caller's mapping, else (with a warning) the owner's zone.
    mutating func zone(forTZID tzid: String) -> String {
        if let known = resolved[tzid] { return known }
        let answer = zoneName(tzid)
        var zone = floatingZone
        if engine.knows(tzid) {
            zone = tzid
        } else if let answer, engine.knows(answer) {
            zone = answer
        } else if let answer {
            let warning = "the time zone '\(printable(tzid))' stands for '\(printable(answer))', which the tz database does not have; its times were read in \(floatingZone)"
            if !warnings.contains(warning) { warnings.append(warning) }
        } else {
            let warning = "the time zone '\(printable(tzid))' is neither defined in the file nor known; its times were read in \(floatingZone)"
            if !warnings.contains(warning) { warnings.append(warning) }
        }
        resolved[tzid] = zone
        return zone
    }

    /// Reads an event the prefilter read (``SimpleEvent``), as ``readEvent(_:)`` reads a single event.
    mutating func readSimple(_ event: SimpleEvent) {
        for email in event.emails { emails.insert(email) }
        guard let start = event.start, let startInstant = instant(start), startInstant < to,
              !event.cancelled, !event.transparent else { return }
        let length: Int64
        if let end = event.end {
            length = max(0, (instant(end) ?? startInstant) - startInstant)
        } else if let duration = event.duration {
            length = max(0, duration)
        } else {
            length = start.form == .date ? 86_400 : 0
        }
        if length > 0 { add(BusyInterval(start: startInstant, end: startInstant + length)) }
    }

    private mutating func instant(_ time: SimpleEvent.Time) -> Int64? {
        switch time.form {
        case .utc: time.civil.secondsSinceEpoch
        case .zoned(let tzid): engine.readingInstant(time.civil, in: zone(forTZID: tzid))
        case .floating, .date: engine.readingInstant(time.civil, in: floatingZone)
        }
    }

    /// Each of libical's DTSTART and DTEND readers looks its zone up by name among all it knows:
    /// they are called once an event.
    private mutating func span(of event: OpaquePointer, start: icaltimetype? = nil) -> (start: Int64, length: Int64, isDate: Bool)? {
        let start = start ?? icalcomponent_get_dtstart(event)
        guard let startInstant = instant(start, property: icalcomponent_get_first_property(event, ICAL_DTSTART_PROPERTY)) else { return nil }
        let endProperty = icalcomponent_get_first_property(event, ICAL_DTEND_PROPERTY)
        if let endProperty {
            let end = icalproperty_get_dtend(endProperty)
            var withZone = end
            if withZone.zone == nil, start.zone != nil, icalproperty_get_first_parameter(endProperty, ICAL_TZID_PARAMETER) == nil, icaltime_is_utc(end) == 0 {
                withZone.zone = start.zone
            }
            let resolved = icalcomponent_get_dtend(event)
            let endInstant = instant(resolved.zone != nil ? resolved : withZone, property: endProperty) ?? startInstant
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
        let dtstart = icalcomponent_get_dtstart(event)
        let startProperty = icalcomponent_get_first_property(event, ICAL_DTSTART_PROPERTY)
        if !repeats {
            // A single event after the window needs nothing more.
            if let instant = instant(dtstart, property: startProperty), instant >= to { return }
        }
        guard !isFree(event), let span = span(of: event, start: dtstart), span.length > 0 else { return }
        let changed = overrides[uid(event)] ?? [:]
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
        // The rules are gathered first: reading the UID moves the component's own property
        // cursor, which the walk over its RRULEs depends on.
        var found: [OpaquePointer] = []
        while let property = rules {
            found.append(property)
            rules = icalcomponent_get_next_property(event, ICAL_RRULE_PROPERTY)
        }
        let identifier = uid(event)
        for property in found {
            let text = icalproperty_get_value_as_string(property).map { String(cString: $0) } ?? ""
            expand(icalproperty_get_rrule(property), text: text, uid: identifier, from: dtstart, property: startProperty, length: span.length, into: &starts)
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

    /// Adds the starts of `rule` that can overlap the window, within the reading budget: a rule
    /// that needs more is not expanded, and its owner counts as busy for the stretch of the
    /// window it covers (``incomplete``).
    private mutating func expand(_ rule: icalrecurrencetype, text: String, uid: String, from dtstart: icaltimetype, property: OpaquePointer?,
                                 length: Int64, into starts: inout [Int64]) {
        guard let first = instant(dtstart, property: property) else { return }
        // libical has read the rule, so its parts have values.
        let parts = ruleParts(text) ?? [:]
        let shown = "RRULE:" + printable(text) + (uid.isEmpty ? "" : " (UID \(printable(uid)))")
        if let reason = Self.impossible(parts) {
            warnings.append("\(shown) can never happen (\(reason)); only its first start was read")
            starts.append(first)
            return
        }
        var rule = rule
        let unit: Int64 = switch rule.freq {
        case ICAL_SECONDLY_RECURRENCE: 1
        case ICAL_MINUTELY_RECURRENCE: 60
        case ICAL_HOURLY_RECURRENCE: 3600
        default: 86_400
        }
        let until = isNull(rule.until) ? nil : instant(rule.until, property: nil)
        let end = min(until ?? Int64.max, to)
        // Nothing of it can reach the window.
        if first >= to || end + length <= from { return }
        let filters = parts.keys.contains { $0.hasPrefix("BY") }
        let interval = Int64(max(1, Int(rule.interval)))
        if unit < 86_400, !filters {
            // Every N seconds, minutes or hours from DTSTART: counted, not iterated.
            let step = unit * interval
            let firstIndex = max(0, (from - length - first) / step)
            let last = rule.count > 0 ? Int64(rule.count) - 1 : Int64.max / step - 1
            // The last start before the window's end (or the rule's).
            let lastIndex = min(last, (min(end, to) - 1 - first) / step)
            guard lastIndex >= firstIndex else { return }
            if step <= length {
                // Each occurrence reaches the next: one stretch of busy time.
                guard spend(1) else { return giveUp(shown, from: first + firstIndex * step, to: end) }
                add(BusyInterval(start: first + firstIndex * step, end: first + lastIndex * step + length))
                return
            }
            guard spend(lastIndex - firstIndex + 1) else { return giveUp(shown, from: first + firstIndex * step, to: end) }
            for k in firstIndex...lastIndex where first + k * step + length > from { starts.append(first + k * step) }
            return
        }
        // libical tests every unit of the rule's frequency, matching or not: the stretch it
        // walks is the cost. It walks from DTSTART with COUNT, otherwise from just before the
        // window; and never past the window's end.
        let walkFrom = rule.count == 0 ? max(first, from - length - 2 * 86_400) : first
        guard spend(max(1, (end - walkFrom) / unit + 1)) else { return giveUp(shown, from: max(first, from), to: end) }
        let stop = icaltime_from_timet_with_zone(time_t(min(end, to) + 86_400), 0, icaltimezone_get_utc_timezone())
        if isNull(rule.until) || icaltime_compare(rule.until, stop) > 0 { rule.until = stop }
        guard let iterator = icalrecur_iterator_new(rule, dtstart) else {
            warnings.append("\(shown) could not be read and was left out")
            return
        }
        defer { icalrecur_iterator_free(iterator) }
        if rule.count == 0, first + length < from - 2 * 86_400 {
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
        if produced == Self.maximumOccurrences, let reached = starts.last {
            giveUp(shown, from: max(from, reached), to: end)
        }
    }

    /// Takes `count` steps from the file's and the run's budgets, or none and false.
    private mutating func spend(_ count: Int64) -> Bool {
        guard steps + count <= budget.perFile, budget.take(count) else { return false }
        steps += count
        return true
    }

    /// The rule was not read to the end: its owner is busy from `from` to `to` (within the window).
    private mutating func giveUp(_ shown: String, from start: Int64, to stop: Int64) {
        let interval = BusyInterval(start: max(start, from), end: min(stop, to))
        guard interval.end > interval.start else { return }
        busy.append(interval)
        incomplete.append(interval)
        let warning = "\(shown) needs more work than a calendar may take to read; its owner counts as busy from "
            + "\(CivilTime(secondsSinceEpoch: interval.start))Z to \(CivilTime(secondsSinceEpoch: interval.end))Z, and starts there are flagged calendar-incomplete"
        if !warnings.contains(warning) { warnings.append(warning) }
    }

    /// Why a rule's parts can never all hold, or nil: a month day no month of the rule has, a
    /// year day past 366, a week past 53, a weekday ordinal past 53.
    static func impossible(_ parts: [String: String]) -> String? {
        func numbers(_ key: String) -> [Int] { parts[key]?.split(separator: ",").compactMap { Int($0) } ?? [] }
        let months = numbers("BYMONTH").filter { (1...12).contains($0) }
        let days = numbers("BYMONTHDAY")
        if !days.isEmpty {
            let longest = (months.isEmpty ? Array(1...12) : months).map { $0 == 2 ? 29 : CivilTime.daysIn(month: $0, year: 2001) }.max() ?? 31
            if days.allSatisfy({ abs($0) > longest || $0 == 0 }) { return "no month of it has day \(days.map(String.init).joined(separator: ","))" }
        }
        let yearDays = numbers("BYYEARDAY")
        if !yearDays.isEmpty, yearDays.allSatisfy({ abs($0) > 366 || $0 == 0 }) { return "no year has that day" }
        let weeks = numbers("BYWEEKNO")
        if !weeks.isEmpty, weeks.allSatisfy({ abs($0) > 53 || $0 == 0 }) { return "no year has that week" }
        if let byDay = parts["BYDAY"] {
            let ordinals = byDay.split(separator: ",").map { Int($0.dropLast(2)) ?? 0 }
            if !ordinals.isEmpty, ordinals.allSatisfy({ abs($0) > 53 }) { return "no year has that many of a weekday" }
        }
        return nil
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
