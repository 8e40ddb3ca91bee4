internal import CLibical
import Foundation

/// An iCalendar object to write, as plain values: what Convene knows of a calendar, with no
/// libical type in sight. ``CalendarWriter`` turns it into RFC 5545 text through libical.
public struct CalendarDocument: Sendable, Equatable {
    /// The iTIP method (RFC 5546).
    public enum Method: String, Sendable {
        case publish = "PUBLISH"
        case request = "REQUEST"
        case cancel = "CANCEL"
    }

    /// The iTIP method, or nil for a calendar to import or subscribe to, which has none.
    public var method: Method?
    public var productID: String
    /// NAME (RFC 7986) and X-WR-CALNAME: what a client calls the calendar once subscribed to.
    public var name: String?
    public var events: [Event]

    public init(method: Method?, productID: String, name: String? = nil, events: [Event]) {
        self.method = method
        self.productID = productID
        self.name = name
        self.events = events
    }

    /// One VEVENT, its times wall-clock in an IANA zone.
    public struct Event: Sendable, Equatable {
        public var uid: String
        public var sequence: Int
        /// DTSTAMP, seconds since the epoch (written in UTC).
        public var stamp: Int64
        public var timeZone: String
        public var start: CivilTime
        public var end: CivilTime
        public var summary: String
        public var description: String?
        public var location: String?
        public var url: String?
        /// RFC 7986 CONFERENCE (a URI).
        public var conference: String?
        public var cancelled: Bool
        /// TRANSP:TRANSPARENT: the event does not make its reader busy (a programme listing).
        public var transparent: Bool
        /// In a CANCEL: only the attendees are removed, and the event goes on (RFC 5546 3.2.5):
        /// no STATUS, no RSVP, and ``comment`` says so.
        public var uninvite: Bool
        /// COMMENT: a word to the reader, such as why they receive a cancellation.
        public var comment: String?
        public var organizer: Party?
        public var attendees: [Attendee]
        public var alarms: [Alarm]

        public init(uid: String, sequence: Int, stamp: Int64, timeZone: String, start: CivilTime, end: CivilTime,
                    summary: String, description: String? = nil, location: String? = nil, url: String? = nil,
                    conference: String? = nil, cancelled: Bool = false, transparent: Bool = false, uninvite: Bool = false,
                    comment: String? = nil, organizer: Party? = nil, attendees: [Attendee] = [], alarms: [Alarm] = []) {
            self.uid = uid
            self.sequence = sequence
            self.stamp = stamp
            self.timeZone = timeZone
            self.start = start
            self.end = end
            self.summary = summary
            self.description = description
            self.location = location
            self.url = url
            self.conference = conference
            self.cancelled = cancelled
            self.transparent = transparent
            self.uninvite = uninvite
            self.comment = comment
            self.organizer = organizer
            self.attendees = attendees
            self.alarms = alarms
        }
    }

    /// A person by name and address.
    public struct Party: Sendable, Equatable {
        public var name: String
        public var email: String

        public init(name: String, email: String) {
            self.name = name
            self.email = email
        }
    }

    /// An invited person and their part.
    public struct Attendee: Sendable, Equatable {
        public enum Role: Sendable { case chair, required, optional }
        public var party: Party
        public var role: Role

        public init(party: Party, role: Role) {
            self.party = party
            self.role = role
        }
    }

    /// A reminder shown `minutesBefore` the event starts.
    public struct Alarm: Sendable, Equatable {
        public var minutesBefore: Int
        public var text: String

        public init(minutesBefore: Int, text: String) {
            self.minutesBefore = minutesBefore
            self.text = text
        }
    }
}

/// Writes ``CalendarDocument``s as iCalendar text with libical: escaping and line folding are
/// libical's; every zone used gets a VTIMEZONE under its bare IANA name, made from the tz
/// database's file for the zone (``TimeZoneComponent``).
public enum CalendarWriter {
    /// Why a document cannot be written.
    public struct WriteError: Error, Sendable, Equatable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    public static func text(of document: CalendarDocument) throws(WriteError) -> String {
        try texts(of: [document])[0]
    }

    /// Many documents at once: each zone's VTIMEZONE for the years used is made once and
    /// copied into every calendar that needs it.
    public static func texts(of documents: [CalendarDocument]) throws(WriteError) -> [String] {
        try Batches().texts(of: documents)
    }

    /// Documents written a batch at a time, for a folder of thousands of calendars that should
    /// not all be held as text at once: each zone's VTIMEZONE for the years used is made once,
    /// the first time a batch needs it, and copied into every calendar of every later batch.
    public final class Batches: @unchecked Sendable {
        // Unchecked: the prototypes are only read and changed with the libical lock held.
        private var prototypes: [ZoneKey: OpaquePointer] = [:]

        public init() {}

        deinit {
            let prototypes = prototypes
            Libical.locked { for prototype in prototypes.values { icalcomponent_free(prototype) } }
        }

        /// Makes every VTIMEZONE of `keys` (``CalendarWriter/zoneKeys(of:)``), or says which
        /// zone cannot be written: a caller that writes its documents later, a batch at a time,
        /// learns of a missing zone before the first file is written.
        public func prepare(_ keys: some Sequence<ZoneKey>) throws(WriteError) {
            let result: Result<Void, WriteError> = Libical.locked {
                for key in keys where prototype(key) == nil {
                    return .failure(WriteError(message: "the time zone '\(key.name)' is not in the tz database"))
                }
                return .success(())
            }
            try result.get()
        }

        /// The text of `document`.
        public func text(of document: CalendarDocument) throws(WriteError) -> String {
            let result: Result<String, WriteError> = Libical.locked { CalendarWriter.text(of: document, prototype: prototype) }
            return try result.get()
        }

        /// The text of each of `documents`, in order.
        public func texts(of documents: [CalendarDocument]) throws(WriteError) -> [String] {
            let result: Result<[String], WriteError> = Libical.locked {
                var texts: [String] = []
                texts.reserveCapacity(documents.count)
                for document in documents {
                    switch CalendarWriter.text(of: document, prototype: prototype) {
                    case .success(let text): texts.append(text)
                    case .failure(let error): return .failure(error)
                    }
                }
                return .success(texts)
            }
            return try result.get()
        }

        /// The VTIMEZONE for a zone and years, made the first time. Must be called with the
        /// libical lock held.
        private func prototype(_ key: ZoneKey) -> OpaquePointer? {
            if prototypes[key] == nil { prototypes[key] = CalendarWriter.vtimezone(key.name, from: key.firstYear, to: key.lastYear) }
            return prototypes[key]
        }
    }

    /// A zone and the years a calendar spans: what its VTIMEZONE is made for.
    public struct ZoneKey: Hashable, Sendable {
        public var name: String
        public var firstYear: Int
        public var lastYear: Int
    }

    /// The VTIMEZONEs `document` needs, in the order it holds them.
    public static func zoneKeys(of document: CalendarDocument) -> [ZoneKey] {
        let zones = Array(Set(document.events.map(\.timeZone))).sorted()
        let years = document.events.flatMap { [$0.start.year, $0.end.year] }
        let firstYear = years.min() ?? 2000, lastYear = years.max() ?? 2000
        return zones.filter { !isUTC($0) }.map { ZoneKey(name: $0, firstYear: firstYear, lastYear: lastYear) }
    }

    /// Must be called with the libical lock held.
    private static func text(of document: CalendarDocument, prototype: (ZoneKey) -> OpaquePointer?) -> Result<String, WriteError> {
        do {
            let calendar = icalcomponent_new(ICAL_VCALENDAR_COMPONENT)
            guard let calendar else { return .failure(WriteError(message: "libical could not make a calendar")) }
            defer { icalcomponent_free(calendar) }
            icalcomponent_add_property(calendar, icalproperty_new_prodid(document.productID))
            icalcomponent_add_property(calendar, icalproperty_new_version("2.0"))
            if let method = document.method { icalcomponent_add_property(calendar, icalproperty_new_method(Self.method(method))) }
            if let name = document.name.map(clean), !name.isEmpty {
                icalcomponent_add_property(calendar, icalproperty_new_name(name))
                let legacy = icalproperty_new_x(name)
                icalproperty_set_x_name(legacy, "X-WR-CALNAME")
                icalcomponent_add_property(calendar, legacy)
            }
            for key in zoneKeys(of: document) {
                guard let prototype = prototype(key), let timezone = icalcomponent_new_clone(prototype) else {
                    return .failure(WriteError(message: "the time zone '\(key.name)' is not in the tz database"))
                }
                icalcomponent_add_component(calendar, timezone)
            }
            for event in document.events {
                icalcomponent_add_component(calendar, vevent(event))
            }
            guard let raw = icalcomponent_as_ical_string_r(calendar) else {
                return .failure(WriteError(message: "libical could not write the calendar"))
            }
            defer { free(raw) }
            return .success(String(cString: raw))
        }
    }

    /// The VTIMEZONE for `name` over `from`...`to`, made from the tz database's file for the
    /// zone (``TimeZoneComponent``). Must be called with the libical lock held.
    private static func vtimezone(_ name: String, from: Int, to: Int) -> OpaquePointer? {
        guard let rules = try? ZoneRules(name: name) else { return nil }
        return icalcomponent_new_from_string(TimeZoneComponent.text(for: rules, firstYear: from, lastYear: to))
    }

    /// Must be called with the libical lock held.
    private static func vevent(_ event: CalendarDocument.Event) -> OpaquePointer? {
        let component = icalcomponent_new(ICAL_VEVENT_COMPONENT)
        func add(_ property: OpaquePointer?) { icalcomponent_add_property(component, property) }
        add(icalproperty_new_uid(clean(event.uid)))
        add(icalproperty_new_dtstamp(icaltime_from_timet_with_zone(time_t(event.stamp), 0, icaltimezone_get_utc_timezone())))
        add(icalproperty_new_sequence(Int32(clamping: event.sequence)))
        for (kind, time) in [(ICAL_DTSTART_PROPERTY, event.start), (ICAL_DTEND_PROPERTY, event.end)] {
            var value = icaltime_null_time()
            value.year = Int32(time.year)
            value.month = Int32(time.month)
            value.day = Int32(time.day)
            value.hour = Int32(time.hour)
            value.minute = Int32(time.minute)
            value.second = Int32(time.second)
            // The zone is named by a TZID parameter: libical's constructors do not add it.
            if isUTC(event.timeZone) { value.zone = icaltimezone_get_utc_timezone() }
            let property = kind == ICAL_DTSTART_PROPERTY ? icalproperty_new_dtstart(value) : icalproperty_new_dtend(value)
            if !isUTC(event.timeZone) {
                icalproperty_add_parameter(property, icalparameter_new_tzid(event.timeZone))
            }
            add(property)
        }
        add(icalproperty_new_summary(clean(event.summary)))
        // Empty text is left out: an empty property is one libical (and clients) reject.
        if let description = event.description.map(clean), !description.isEmpty { add(icalproperty_new_description(description)) }
        if let location = event.location.map(clean), !location.isEmpty { add(icalproperty_new_location(location)) }
        if let url = event.url.map(clean), !url.isEmpty { add(icalproperty_new_url(url)) }
        if let conference = event.conference, !clean(conference).isEmpty {
            let property = icalproperty_new_conference(clean(conference))
            icalproperty_add_parameter(property, icalparameter_new_value(ICAL_VALUE_URI))
            add(property)
        }
        // An uninvite leaves the event's status alone: it goes on, without this reader.
        if !event.uninvite { add(icalproperty_new_status(event.cancelled ? ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED)) }
        if event.transparent { add(icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT)) }
        if let comment = event.comment.map(clean), !comment.isEmpty { add(icalproperty_new_comment(comment)) }
        if let organizer = event.organizer {
            let property = icalproperty_new_organizer("mailto:" + clean(organizer.email))
            icalproperty_add_parameter(property, icalparameter_new_cn(clean(organizer.name)))
            add(property)
        }
        for attendee in event.attendees {
            let property = icalproperty_new_attendee("mailto:" + clean(attendee.party.email))
            icalproperty_add_parameter(property, icalparameter_new_cn(clean(attendee.party.name)))
            icalproperty_add_parameter(property, icalparameter_new_cutype(ICAL_CUTYPE_INDIVIDUAL))
            let role: icalparameter_role = switch attendee.role {
            case .chair: ICAL_ROLE_CHAIR
            case .required: ICAL_ROLE_REQPARTICIPANT
            case .optional: ICAL_ROLE_OPTPARTICIPANT
            }
            icalproperty_add_parameter(property, icalparameter_new_role(role))
            if !event.uninvite {
                icalproperty_add_parameter(property, icalparameter_new_partstat(ICAL_PARTSTAT_NEEDSACTION))
                icalproperty_add_parameter(property, icalparameter_new_rsvp(ICAL_RSVP_TRUE))
            }
            add(property)
        }
        for alarm in event.alarms {
            let valarm = icalcomponent_new(ICAL_VALARM_COMPONENT)
            icalcomponent_add_property(valarm, icalproperty_new_action(ICAL_ACTION_DISPLAY))
            var trigger = icaltriggertype()
            trigger.time = icaltime_null_time()
            trigger.duration = icaldurationtype_from_int(Int32(-alarm.minutesBefore * 60))
            icalcomponent_add_property(valarm, icalproperty_new_trigger(trigger))
            icalcomponent_add_property(valarm, icalproperty_new_description(clean(alarm.text)))
            icalcomponent_add_component(component, valarm)
        }
        return component
    }

    /// Text as a property value may carry it: control characters other than line breaks and
    /// tabs removed (libical escapes line breaks, commas, semicolons and backslashes itself),
    /// CR LF and lone CR turned into LF.
    static func clean(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var previousCR = false
        for scalar in text.unicodeScalars {
            defer { previousCR = scalar == "\r" }
            switch scalar.value {
            case 0x0D: out.append("\n")
            case 0x0A: if !previousCR { out.append(scalar) }
            case 0x09: out.append(" ")
            case 0x00...0x1F, 0x7F, 0x80...0x9F: continue
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// UTC times are written with a Z and need no VTIMEZONE.
    private static func isUTC(_ name: String) -> Bool {
        ["UTC", "Etc/UTC", "Etc/UCT", "Etc/Universal", "Etc/Zulu"].contains(name)
    }

    private static func method(_ method: CalendarDocument.Method) -> icalproperty_method {
        switch method {
        case .publish: ICAL_METHOD_PUBLISH
        case .request: ICAL_METHOD_REQUEST
        case .cancel: ICAL_METHOD_CANCEL
        }
    }
}

/// libical's own judgement of a calendar: what `icalcomponent_check_restrictions` finds
/// against the iTIP rules of its METHOD, and what the parser could not read. Empty when clean.
public enum CalendarRestrictions {
    public static func problems(in text: String) -> [String] {
        Libical.locked {
            guard let root = icalparser_parse_string(text) else { return ["libical could not parse the calendar"] }
            defer { icalcomponent_free(root) }
            _ = icalcomponent_check_restrictions(root)
            var problems: [String] = []
            func collect(_ component: OpaquePointer) {
                var property = icalcomponent_get_first_property(component, ICAL_XLICERROR_PROPERTY)
                while let found = property {
                    if let value = icalproperty_get_xlicerror(found) { problems.append(String(cString: value)) }
                    property = icalcomponent_get_next_property(component, ICAL_XLICERROR_PROPERTY)
                }
                var child = icalcomponent_get_first_component(component, ICAL_ANY_COMPONENT)
                while let inner = child {
                    collect(inner)
                    child = icalcomponent_get_next_component(component, ICAL_ANY_COMPONENT)
                }
            }
            collect(root)
            return problems
        }
    }
}
