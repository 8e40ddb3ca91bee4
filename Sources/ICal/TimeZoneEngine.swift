import Foundation

/// The one place Convene turns wall-clock times into instants and back, for any IANA zone,
/// from the system's tz database: each zone's compiled file read as it is (``ZoneRules``), the
/// same data the invites carry in their VTIMEZONE components. (libical's own reading of those
/// files is wrong for some zones in some years: Pacific/Easter from September 2020 to April
/// 2022, Asia/Tehran before 2020, Asia/Jerusalem 2013–2016.)
///
/// Zones are loaded on first use and kept, behind a lock, so one engine may be shared.
public final class TimeZoneEngine: @unchecked Sendable {
    /// What a wall-clock time turns out to be in a zone.
    public enum Resolution: Sendable, Equatable {
        /// It happens once, at this instant (seconds since the epoch, UTC).
        case exact(Int64)
        /// It never happens: the clocks jump over it. `jumpAt` is the instant of the jump,
        /// when the clock goes from `before` to `after` (both wall-clock).
        case skipped(jumpAt: Int64, before: CivilTime, after: CivilTime)
        /// It happens twice, when the clocks go back: first at `first`, again at `second`.
        case repeated(first: Int64, second: Int64)
    }

    /// Why a zone cannot be used.
    public struct UnknownZone: Error, Sendable, Equatable {
        public var name: String
    }

    /// Loaded zones, behind their own lock: the engine is also called with libical's lock held
    /// (while reading a calendar), and never takes that lock itself.
    private var zones: [String: ZoneRules] = [:]
    private let lock = NSLock()

    public init() {}

    /// Whether the tz database has `name`.
    public func knows(_ name: String) -> Bool {
        (try? zone(name)) != nil
    }

    /// The zone's offset from UTC, in seconds, at `instant`.
    public func offset(of name: String, at instant: Int64) throws(UnknownZone) -> Int {
        try zone(name).clock(at: instant).offset
    }

    /// The instant(s) at which the zone's clocks show `civil`.
    public func resolve(_ civil: CivilTime, in name: String) throws(UnknownZone) -> Resolution {
        let zone = try zone(name)
        let wall = civil.secondsSinceEpoch
        // Offsets in force a day either side cover any single transition around `wall`.
        let before = Self.offset(zone, wall - 86_400 - 14 * 3600)
        let after = Self.offset(zone, wall + 86_400 + 14 * 3600)
        var instants: [Int64] = []
        for candidate in Set([before, after]).sorted(by: >) {
            let instant = wall - Int64(candidate)
            if Self.offset(zone, instant) == candidate { instants.append(instant) }
        }
        instants.sort()
        switch instants.count {
        case 1:
            return .exact(instants[0])
        case 0:
            // Spring forward: the jump happens at the first instant whose offset is `after`.
            var low = wall - Int64(before) - 86_400, high = wall - Int64(after) + 86_400
            while high - low > 1 {
                let middle = low + (high - low) / 2
                if Self.offset(zone, middle) == after { high = middle } else { low = middle }
            }
            return .skipped(jumpAt: high,
                            before: CivilTime(secondsSinceEpoch: high + Int64(before)),
                            after: CivilTime(secondsSinceEpoch: high + Int64(after)))
        default:
            return .repeated(first: instants[0], second: instants[instants.count - 1])
        }
    }

    /// The instant a wall-clock time stands for, for reading calendars, as RFC 5545 says: a
    /// time in the spring-forward gap is read with the offset in force before the gap (02:30
    /// becomes 03:30 summer time), a repeated one as its first occurrence.
    func readingInstant(_ civil: CivilTime, in name: String) -> Int64? {
        guard let zone = try? zone(name) else { return nil }
        let wall = civil.secondsSinceEpoch
        let before = Self.offset(zone, wall - 86_400 - 14 * 3600)
        let after = Self.offset(zone, wall + 86_400 + 14 * 3600)
        let early = wall - Int64(max(before, after))
        if Self.offset(zone, early) == max(before, after) { return early }
        let late = wall - Int64(min(before, after))
        if Self.offset(zone, late) == min(before, after) { return late }
        return wall - Int64(before)
    }

    private func zone(_ name: String) throws(UnknownZone) -> ZoneRules {
        let key = name == "Etc/UTC" ? "UTC" : name
        lock.lock()
        defer { lock.unlock() }
        if let known = zones[key] { return known }
        guard let rules = try? ZoneRules(name: key) else { throw UnknownZone(name: name) }
        zones[key] = rules
        return rules
    }

    private static func offset(_ zone: ZoneRules, _ instant: Int64) -> Int {
        zone.clock(at: instant).offset
    }
}
