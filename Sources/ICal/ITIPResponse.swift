internal import CLibical
import Foundation

/// An attendee's answer to an invitation, as a calendar client sends it (RFC 5546): a REPLY
/// (accepted, tentative, declined, delegated) or a COUNTER (another time proposed).
public struct ITIPResponse: Sendable, Equatable {
    /// The iTIP method of the calendar the answer came in: `REPLY`, `COUNTER`, or another.
    public var method: String
    public var uid: String
    public var sequence: Int
    /// DTSTAMP, seconds since the epoch: which of two answers to one SEQUENCE is the later.
    public var stamp: Int64?
    /// The attendee who answers (the first ATTENDEE: a REPLY holds only the one who answers).
    public var attendee: String
    /// PARTSTAT in upper case: ACCEPTED, TENTATIVE, DECLINED, DELEGATED, NEEDS-ACTION.
    public var status: String
    /// DELEGATED-TO, for a delegated answer.
    public var delegatedTo: String?
    /// A COUNTER's proposed start and end (seconds since the epoch), when it gives them.
    public var proposedStart: Int64?
    public var proposedEnd: Int64?
    public var comment: String?

    public init(method: String, uid: String, sequence: Int, stamp: Int64?, attendee: String, status: String,
                delegatedTo: String? = nil, proposedStart: Int64? = nil, proposedEnd: Int64? = nil, comment: String? = nil) {
        self.method = method
        self.uid = uid
        self.sequence = sequence
        self.stamp = stamp
        self.attendee = attendee
        self.status = status
        self.delegatedTo = delegatedTo
        self.proposedStart = proposedStart
        self.proposedEnd = proposedEnd
        self.comment = comment
    }

    /// The answers a calendar text holds, one per event; nil when libical cannot read it as a
    /// calendar. An event without a UID or an attendee is no answer and is left out.
    public static func read(_ text: String) -> [ITIPResponse]? {
        Libical.locked {
            var ignored: [String] = []
            return Libical.capturingStandardError(into: &ignored) { () -> [ITIPResponse]? in
                guard let root = icalparser_parse_string(text) else { return nil }
                defer { icalcomponent_free(root) }
                var calendars: [OpaquePointer] = []
                if icalcomponent_isa(root) == ICAL_VCALENDAR_COMPONENT {
                    calendars = [root]
                } else {
                    var child = icalcomponent_get_first_component(root, ICAL_VCALENDAR_COMPONENT)
                    while let calendar = child {
                        calendars.append(calendar)
                        child = icalcomponent_get_next_component(root, ICAL_VCALENDAR_COMPONENT)
                    }
                }
                guard !calendars.isEmpty else { return nil }
                var responses: [ITIPResponse] = []
                let engine = TimeZoneEngine()
                for calendar in calendars {
                    let method = methodName(calendar)
                    var next = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT)
                    while let event = next {
                        if let response = response(event, method: method, engine: engine) { responses.append(response) }
                        next = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT)
                    }
                }
                return responses
            }
        }
    }

    private static func methodName(_ calendar: OpaquePointer) -> String {
        guard let property = icalcomponent_get_first_property(calendar, ICAL_METHOD_PROPERTY),
              let value = icalproperty_get_value_as_string(property) else { return "" }
        return String(cString: value).uppercased()
    }

    private static func response(_ event: OpaquePointer, method: String, engine: TimeZoneEngine) -> ITIPResponse? {
        guard let rawUID = icalcomponent_get_uid(event) else { return nil }
        let uid = String(cString: rawUID).trimmingCharacters(in: .whitespaces)
        guard !uid.isEmpty, let attendee = icalcomponent_get_first_property(event, ICAL_ATTENDEE_PROPERTY),
              let rawAddress = icalproperty_get_attendee(attendee) else { return nil }
        let address = mailbox(String(cString: rawAddress))
        guard !address.isEmpty else { return nil }
        var status = "NEEDS-ACTION"
        if let parameter = icalproperty_get_first_parameter(attendee, ICAL_PARTSTAT_PARAMETER),
           let text = icalparameter_as_ical_string(parameter) {
            // "PARTSTAT=ACCEPTED"
            status = String(String(cString: text).split(separator: "=").last ?? "").uppercased()
        }
        var delegatedTo: String?
        if let parameter = icalproperty_get_first_parameter(attendee, ICAL_DELEGATEDTO_PARAMETER), let value = icalparameter_get_delegatedto(parameter) {
            delegatedTo = mailbox(String(cString: value))
        }
        var sequence = 0
        if icalcomponent_get_first_property(event, ICAL_SEQUENCE_PROPERTY) != nil { sequence = Int(icalcomponent_get_sequence(event)) }
        var stamp: Int64?
        if icalcomponent_get_first_property(event, ICAL_DTSTAMP_PROPERTY) != nil {
            let time = icalcomponent_get_dtstamp(event)
            if time.year > 0 { stamp = Int64(icaltime_as_timet(time)) }
        }
        var comment: String?
        if let property = icalcomponent_get_first_property(event, ICAL_COMMENT_PROPERTY), let text = icalproperty_get_comment(property) {
            comment = String(cString: text)
        }
        var start: Int64?, end: Int64?
        if method == "COUNTER" {
            start = instant(icalcomponent_get_dtstart(event), property: icalcomponent_get_first_property(event, ICAL_DTSTART_PROPERTY), engine: engine)
            end = instant(icalcomponent_get_dtend(event), property: icalcomponent_get_first_property(event, ICAL_DTEND_PROPERTY), engine: engine)
        }
        return ITIPResponse(method: method, uid: uid, sequence: max(0, sequence), stamp: stamp, attendee: address, status: status,
                            delegatedTo: delegatedTo, proposedStart: start, proposedEnd: end, comment: comment)
    }

    /// `mailto:Ana@Example.org` as `ana@example.org`.
    static func mailbox(_ value: String) -> String {
        var text = value.trimmingCharacters(in: .whitespaces)
        if text.lowercased().hasPrefix("mailto:") { text = String(text.dropFirst(7)) }
        return text.lowercased()
    }

    /// The instant of a time: in UTC, in the zone the calendar defines, or in the tz
    /// database's zone of its TZID; nil when it cannot be placed.
    private static func instant(_ time: icaltimetype, property: OpaquePointer?, engine: TimeZoneEngine) -> Int64? {
        guard time.year > 0 else { return nil }
        if icaltime_is_utc(time) != 0 { return Int64(icaltime_as_timet(time)) }
        if let property, let parameter = icalproperty_get_first_parameter(property, ICAL_TZID_PARAMETER), let raw = icalparameter_get_tzid(parameter) {
            var calendar = icalproperty_get_parent(property)
            while let component = calendar, icalcomponent_isa(component) != ICAL_VCALENDAR_COMPONENT {
                calendar = icalcomponent_get_parent(component)
            }
            if let calendar, let defined = icalcomponent_get_timezone(calendar, raw) {
                return Int64(icaltime_as_timet_with_zone(time, defined))
            }
            let civil = CivilTime(year: Int(time.year), month: Int(time.month), day: Int(time.day), hour: Int(time.hour), minute: Int(time.minute), second: Int(time.second))
            return engine.readingInstant(civil, in: String(cString: raw))
        }
        return nil
    }
}
