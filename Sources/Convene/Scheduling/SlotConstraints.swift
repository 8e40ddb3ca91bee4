import ICal

/// What rules times out in one search, people of the same constraints grouped: the intervals
/// ``SlotFinder/search(sessionIndex:minutes:from:to:step:top:busy:)`` tests, seen the way
/// ``NoSlotExplanation`` reports them.
struct SlotConstraints {
    let length: Int64
    /// From the first day's 00:00 to the session's length past the last day, venue time.
    let span: BusyInterval
    /// Every start is before this.
    let searchEnd: Int64
    let candidates: [Instant]
    /// Everyone who must take part, in agenda order.
    let people: [Person]
    let groups: [NoSlotExplanation.Group]
    /// Per group: outside their working hours, not a working day, and the two merged.
    let hours: [[BusyInterval]]
    let days: [[BusyInterval]]
    let off: [[BusyInterval]]
    /// Per person, as `people`: busy or not fully read, merged; not fully read alone.
    let busy: [[BusyInterval]]
    let incomplete: [[BusyInterval]]

    init(finder: SlotFinder, sessionIndex: Int, minutes: Int, from: LocalDate, to: LocalDate, step: Int, busy times: BusyTimes) throws {
        let agenda = finder.agenda
        people = agenda.participantIDs(of: agenda.sessions[sessionIndex]).compactMap(agenda.person)
        let (windowStart, windowEnd) = try finder.window(from: from, to: to)
        length = Int64(minutes) * 60
        span = BusyInterval(start: windowStart.seconds, end: windowEnd.adding(minutes: minutes).seconds)
        searchEnd = windowEnd.seconds
        candidates = try finder.candidateStarts(from: from, to: to, step: step)

        var groups: [NoSlotExplanation.Group] = [], members: [Person] = [], keys: [String: Int] = [:]
        for person in people {
            let view = finder.slotView(of: person)
            let zone = view.effectiveTimeZone(in: agenda)
            let key = "\(zone) \(view.workingHours) \(view.workingDays.sorted().map(\.rawValue))"
            if let index = keys[key] {
                groups[index].people.append(person.id)
                groups[index].inPerson = groups[index].inPerson && person.attendance == .inPerson
            } else {
                keys[key] = groups.count
                groups.append(NoSlotExplanation.Group(people: [person.id], timeZone: zone, inPerson: person.attendance == .inPerson,
                                                      workingHours: view.workingHours, workingDays: view.workingDays))
                members.append(person)
            }
        }
        var hours: [[BusyInterval]] = [], days: [[BusyInterval]] = [], off: [[BusyInterval]] = []
        for person in members {
            let lists = try finder.blockedTime(of: person, from: windowStart, to: windowEnd.adding(minutes: minutes), busy: [])
            hours.append(lists[.workingHours] ?? [])
            days.append(lists[.workingDays] ?? [])
            off.append(SlotFinder.merged((lists[.workingHours] ?? []) + (lists[.workingDays] ?? [])))
        }
        self.groups = groups
        self.hours = hours
        self.days = days
        self.off = off
        let everyone = people
        let incomplete = everyone.map { SlotFinder.merged(times.incompleteByPerson[$0.id] ?? []) }
        self.incomplete = incomplete
        busy = everyone.indices.map { SlotFinder.merged((times.byPerson[everyone[$0].id] ?? []) + incomplete[$0]) }
    }

    /// For each candidate start, whether `intervals` (sorted and merged) leave the session no
    /// room there: the test the search makes.
    func ruledOut(by intervals: [BusyInterval]) -> [Bool] {
        var result = [Bool](repeating: false, count: candidates.count)
        var index = 0
        for (position, start) in candidates.enumerated() {
            while index < intervals.count, intervals[index].end <= start.seconds { index += 1 }
            if index < intervals.count, intervals[index].start < start.seconds + length { result[position] = true }
        }
        return result
    }

    /// Per candidate start: who rules it out, counted by kind, with the one group or person
    /// when only one does.
    struct Tally {
        var dayOff: [Bool]
        /// Per group, whether its working hours rule the start out.
        var hoursOf: [[Bool]]
        var hoursCount: [Int]
        var hoursSole: [Int]
        var busyCount: [Int]
        var busySole: [Int]

        func isFree(_ position: Int) -> Bool {
            !dayOff[position] && hoursCount[position] == 0 && busyCount[position] == 0
        }
    }

    func tally() -> Tally {
        let count = candidates.count
        var tally = Tally(dayOff: [Bool](repeating: false, count: count), hoursOf: [],
                          hoursCount: [Int](repeating: 0, count: count), hoursSole: [Int](repeating: -1, count: count),
                          busyCount: [Int](repeating: 0, count: count), busySole: [Int](repeating: -1, count: count))
        for group in groups.indices {
            for (position, out) in ruledOut(by: days[group]).enumerated() where out { tally.dayOff[position] = true }
            let mask = ruledOut(by: hours[group])
            for position in mask.indices where mask[position] {
                tally.hoursCount[position] += 1
                tally.hoursSole[position] = group
            }
            tally.hoursOf.append(mask)
        }
        for person in people.indices where !busy[person].isEmpty {
            for (position, out) in ruledOut(by: busy[person]).enumerated() where out {
                tally.busyCount[position] += 1
                tally.busySole[position] = person
            }
        }
        return tally
    }

    /// Seconds of `[from, to)` that `intervals` (sorted and merged) cover.
    static func covered(_ intervals: [BusyInterval], from: Int64, to: Int64) -> Int64 {
        var total: Int64 = 0
        var index = firstEnding(after: from, in: intervals)
        while index < intervals.count, intervals[index].start < to {
            total += min(intervals[index].end, to) - max(intervals[index].start, from)
            index += 1
        }
        return total
    }

    /// The pieces of `[from, to)` that `intervals` (sorted and merged) leave free.
    static func gaps(_ intervals: [BusyInterval], from: Int64, to: Int64) -> [BusyInterval] {
        var result: [BusyInterval] = []
        var cursor = from
        var index = firstEnding(after: from, in: intervals)
        while index < intervals.count, intervals[index].start < to {
            if intervals[index].start > cursor { result.append(BusyInterval(start: cursor, end: intervals[index].start)) }
            cursor = max(cursor, intervals[index].end)
            index += 1
        }
        if cursor < to { result.append(BusyInterval(start: cursor, end: to)) }
        return result
    }

    /// The interval of `intervals` (sorted and merged) that holds `moment`, if any.
    static func holding(_ moment: Int64, in intervals: [BusyInterval]) -> BusyInterval? {
        let index = firstEnding(after: moment, in: intervals)
        return index < intervals.count && intervals[index].start <= moment ? intervals[index] : nil
    }

    /// The index of the first interval that ends after `moment` (binary search).
    static func firstEnding(after moment: Int64, in intervals: [BusyInterval]) -> Int {
        var low = 0, high = intervals.count
        while low < high {
            let middle = (low + high) / 2
            if intervals[middle].end <= moment { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
