import Foundation

/// The VTIMEZONE Convene writes for a zone, made from the tz database's own changes
/// (``ZoneRules``) in a form every calendar engine reads at the same instants:
///
/// - It starts at the zone's last change before 2020 (or before the calendar's first year, when
///   that is earlier), so the first hours of 1 January are covered, and calendars of different
///   years carry the same VTIMEZONE: engines that keep the first they see for a TZID (vobject,
///   so Radicale) read every calendar alike.
/// - Changes that repeat yearly on the same weekday rule form one observance with an RRULE
///   `FREQ=YEARLY;BYMONTH=m;BYDAY=nDD` (n = 1...4 or -1). The rules in force at the end of the
///   database's data have no end; earlier runs end with `COUNT`, never `UNTIL` (dateutil reads
///   UNTIL as local time and drops the run's last change).
/// - A change that does not repeat is a one-year rule (`COUNT=1`); only the first observance
///   may stand without an RRULE. No RDATE, no BYMONTHDAY, no TZUNTIL: forms that ical.js,
///   dateutil or Outlook read otherwise.
public enum TimeZoneComponent {
    /// The year from which every calendar's zones start, at the latest.
    public static let commonStartYear = 2020

    /// One observance: a run of changes with the same clocks, month, wall-clock time and
    /// weekday rule, in consecutive years.
    struct Observance: Equatable {
        var first: ZoneRules.Change
        var count: Int
        /// `nDD` as BYDAY writes it, when the run has a rule (n = 1...4 or -1).
        var ordinal: Int?
        var openEnded: Bool
    }

    /// The VTIMEZONE for `rules`, covering a calendar whose events fall in `firstYear`...`lastYear`.
    public static func text(for rules: ZoneRules, tzid: String? = nil, firstYear: Int, lastYear: Int) -> String {
        let startYear = min(firstYear, commonStartYear)
        let start = CivilTime(year: startYear, month: 1, day: 1).secondsSinceEpoch - 14 * 3600
        let lastListed = rules.listed.last?.instant ?? start
        // Two years past the last change the database lists or the calendar needs, so a rule
        // still in force at the end is seen as such.
        let horizon = max(lastListed, CivilTime(year: lastYear + 1, month: 1, day: 1).secondsSinceEpoch) + 2 * 366 * 86_400
        var changes = rules.changes(after: start, through: horizon)
        let prior = rules.lastChange(atOrBefore: start)
        if let prior { changes.insert(prior, at: 0) }
        var lines = ["BEGIN:VTIMEZONE", "TZID:" + (tzid ?? rules.name)]
        if changes.isEmpty {
            // A zone that never changed its clock (or not since its files begin).
            let clock = rules.clock(at: start)
            lines += observanceLines(kind: "STANDARD", start: CivilTime(year: 1970, month: 1, day: 1), from: clock, to: clock, rule: nil)
        } else {
            for observance in observances(changes, horizon: horizon) {
                let change = observance.first
                var rule: String?
                if let ordinal = observance.ordinal {
                    let wall = change.wallBefore
                    rule = "FREQ=YEARLY;BYMONTH=\(wall.month);BYDAY=\(ordinal)\(weekdays[wall.weekday])"
                    if !observance.openEnded { rule! += ";COUNT=\(observance.count)" }
                }
                lines += observanceLines(kind: isDaylight(change) ? "DAYLIGHT" : "STANDARD", start: change.wallBefore,
                                         from: change.before, to: change.after, rule: rule)
            }
        }
        lines.append("END:VTIMEZONE")
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// Groups `changes` (in order) into observances.
    static func observances(_ changes: [ZoneRules.Change], horizon: Int64) -> [Observance] {
        struct Key: Hashable {
            var before: ZoneRules.Clock, after: ZoneRules.Clock
            var month: Int, hour: Int, minute: Int, second: Int, weekday: Int
        }
        func key(_ change: ZoneRules.Change) -> Key {
            let wall = change.wallBefore
            return Key(before: change.before, after: change.after, month: wall.month, hour: wall.hour, minute: wall.minute,
                       second: wall.second, weekday: wall.weekday)
        }
        func ordinals(_ change: ZoneRules.Change) -> Set<Int> {
            let wall = change.wallBefore
            var found: Set<Int> = []
            let nth = (wall.day - 1) / 7 + 1
            if nth <= 4 { found.insert(nth) }
            if wall.day + 7 > CivilTime.daysIn(month: wall.month, year: wall.year) { found.insert(-1) }
            return found
        }
        var runs: [(key: Key, first: ZoneRules.Change, count: Int, ordinals: Set<Int>, lastYear: Int, open: Bool)] = []
        var openRun: [Key: Int] = [:]
        for change in changes {
            let k = key(change), year = change.wallBefore.year, candidates = ordinals(change)
            if let index = openRun[k], runs[index].lastYear == year - 1, !runs[index].ordinals.intersection(candidates).isEmpty {
                runs[index].count += 1
                runs[index].lastYear = year
                runs[index].ordinals.formIntersection(candidates)
            } else {
                runs.append((k, change, 1, candidates, year, true))
                openRun[k] = runs.count - 1
            }
        }
        // A run goes on past the horizon when it reaches its last year and no later change of
        // the same kind (summer or standard) replaced it.
        let horizonYear = CivilTime(secondsSinceEpoch: horizon).year
        var result: [Observance] = []
        for (index, run) in runs.enumerated() {
            let later = runs[(index + 1)...].contains { isDaylight($0.first) == isDaylight(run.first) && $0.first.instant > run.first.instant }
            let reachesEnd = run.lastYear >= horizonYear - 1 && !later
            let ordinal = run.ordinals.contains(-1) && !run.ordinals.contains(where: { $0 > 0 }) ? -1 : run.ordinals.filter { $0 > 0 }.min()
            let isFirst = index == 0 && run.count == 1 && !reachesEnd
            result.append(Observance(first: run.first, count: run.count, ordinal: isFirst ? nil : ordinal,
                                     openEnded: reachesEnd && run.count > 1))
        }
        return result
    }

    /// Whether a change is written as DAYLIGHT: the clocks go forward into summer time, or
    /// forward out of a "negative" summer time (Dublin's winter, Morocco's Ramadan), as
    /// engines and Outlook expect; everything else is STANDARD.
    static func isDaylight(_ change: ZoneRules.Change) -> Bool {
        (change.after.isDaylight && change.after.offset >= change.before.offset)
            || (!change.after.isDaylight && change.before.isDaylight && change.after.offset > change.before.offset)
    }

    private static let weekdays = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"]

    private static func observanceLines(kind: String, start: CivilTime, from: ZoneRules.Clock, to: ZoneRules.Clock, rule: String?) -> [String] {
        var lines = ["BEGIN:" + kind,
                     "TZNAME:" + (to.abbreviation.isEmpty ? offset(to.offset) : to.abbreviation),
                     "TZOFFSETFROM:" + offset(from.offset),
                     "TZOFFSETTO:" + offset(to.offset),
                     "DTSTART:" + basic(start)]
        if let rule { lines.append("RRULE:" + rule) }
        lines.append("END:" + kind)
        return lines
    }

    /// `+HHMM` or `+HHMMSS`.
    static func offset(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let value = abs(seconds)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        var text = sign + two(value / 3600) + two(value % 3600 / 60)
        if value % 60 != 0 { text += two(value % 60) }
        return text
    }

    static func basic(_ time: CivilTime) -> String {
        func pad(_ n: Int, _ width: Int) -> String { String(repeating: "0", count: max(0, width - String(n).count)) + String(n) }
        return pad(time.year, 4) + pad(time.month, 2) + pad(time.day, 2) + "T" + pad(time.hour, 2) + pad(time.minute, 2) + pad(time.second, 2)
    }
}
