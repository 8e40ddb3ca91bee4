import ICal

extension SlotFinder {
    /// How many days after `--to` are searched for another day when nothing suits everyone.
    public static let laterDays = 28

    /// Why a search of the session at `sessionIndex` (`minutes` long, from `from` to `to`
    /// every `step` minutes, around `busy`) found no start that suits everyone, and what
    /// would make one possible.
    ///
    /// `later` holds the same calendars read for the ``laterDays`` days after `to` (from the
    /// end of `to` to the session's length past the last of them): with it, the first start
    /// then that suits everyone is suggested as another day; without it, no later day is
    /// searched.
    public func explain(sessionIndex: Int, minutes: Int, from: LocalDate, to: LocalDate, step: Int,
                        busy: BusyTimes, later: BusyTimes? = nil) throws -> NoSlotExplanation {
        let constraints = try SlotConstraints(finder: self, sessionIndex: sessionIndex, minutes: minutes, from: from, to: to, step: step, busy: busy)
        let tally = constraints.tally()
        let allOff = Self.merged(constraints.off.flatMap { $0 })
        let allBusy = Self.merged(constraints.busy.flatMap { $0 })

        // The windows: what no one's working hours or days rule out.
        var windows: [NoSlotExplanation.Window] = []
        for gap in SlotConstraints.gaps(allOff, from: constraints.span.start, to: constraints.span.end) where gap.start < constraints.searchEnd {
            windows.append(try window(gap, constraints: constraints, allBusy: allBusy))
        }
        var days: [NoSlotExplanation.Day] = []
        var day = from
        while day <= to {
            let own = windows.filter { $0.venueStart.date == day }
            var off: [NoSlotExplanation.Group] = []
            if own.isEmpty {
                let start = try wallInstant(day, 0, agenda.timeZone).seconds, end = try wallInstant(day.adding(days: 1), 0, agenda.timeZone).seconds
                off = constraints.groups.indices.filter { (SlotConstraints.holding(start, in: constraints.off[$0])?.end ?? start) >= end }
                    .map { constraints.groups[$0] }
            }
            days.append(NoSlotExplanation.Day(date: day, windows: own, off: off))
            day = day.adding(days: 1)
        }

        let longest = windows.map(\.minutes).max() ?? 0
        let cause: NoSlotExplanation.Cause
        if longest < minutes {
            cause = windows.isEmpty && days.allSatisfy({ !$0.off.isEmpty }) ? .workingDays : .workingHours
        } else {
            cause = windows.contains { $0.minutes >= minutes && $0.freeMinutes >= minutes } ? .step : .calendars
        }

        // A finer step first when that is all it takes; then a shorter session and another
        // day, which ask no one; then whose consent would do, the cause's kind first.
        var suggestions: [NoSlotExplanation.Suggestion] = []
        if cause == .step, let finer = try finerStep(constraints: constraints, allBusy: allBusy, allOff: allOff, step: step) { suggestions.append(finer) }
        if let shorter = try shorterSession(constraints: constraints, allBusy: allBusy, allOff: allOff, minutes: minutes) { suggestions.append(shorter) }
        if let later {
            let after = try SlotConstraints(finder: self, sessionIndex: sessionIndex, minutes: minutes, from: to.adding(days: 1),
                                            to: to.adding(days: Self.laterDays), step: step, busy: later)
            let afterTally = after.tally()
            if let position = after.candidates.indices.first(where: afterTally.isFree) {
                suggestions.append(try suggestion(.anotherDay, start: after.candidates[position], minutes: minutes))
            }
        }
        let edgeSets = windows.filter { $0.minutes == longest && longest > 0 }
            .flatMap { [$0.openedBy, $0.closedBy] }.map { Set($0.map { edge in constraints.groups.firstIndex(of: edge.group) ?? -1 }) }
        let hours = try hoursSuggestions(constraints: constraints, tally: tally, sets: edgeSets)
        let calendars = try calendarSuggestions(constraints: constraints, tally: tally)
        suggestions += cause == .calendars ? calendars + hours : hours + calendars

        let binding = binding(cause: cause, windows: windows, days: days, hours: hours, constraints: constraints, minutes: minutes)
        return NoSlotExplanation(sessionMinutes: minutes, people: constraints.people.count, cause: cause, longestSharedMinutes: longest,
                                 days: days, binding: binding, suggestions: suggestions, laterDays: later == nil ? 0 : Self.laterDays)
    }

    // MARK: Binding

    /// Who bounds the time everyone shares: for working hours, the groups at the edges of the
    /// longest windows (fewest people first), or, without a window, those whose consent
    /// `hours` asks; for working days, the groups off on the days without a window; for
    /// calendars, the people busy in the windows long enough by hours.
    private func binding(cause: NoSlotExplanation.Cause, windows: [NoSlotExplanation.Window], days: [NoSlotExplanation.Day],
                         hours: [NoSlotExplanation.Suggestion], constraints: SlotConstraints, minutes: Int) -> [NoSlotExplanation.Binding] {
        var binding: [NoSlotExplanation.Binding] = []
        func bind(_ group: NoSlotExplanation.Group, _ reason: Reason) {
            if !binding.contains(where: { $0.group == group }) { binding.append(NoSlotExplanation.Binding(group: group, reason: reason)) }
        }
        let longest = windows.map(\.minutes).max() ?? 0
        switch cause {
        case .workingHours:
            let edges = windows.filter { $0.minutes == longest && longest > 0 }.flatMap { $0.openedBy + $0.closedBy }.map(\.group)
            let groups = edges.isEmpty ? hours.flatMap { $0.asks.map(\.group) } : edges
            for group in groups.enumerated().sorted(by: { ($0.element.people.count, $0.offset) < ($1.element.people.count, $1.offset) }) {
                bind(group.element, .workingHours)
            }
        case .workingDays:
            for group in days.flatMap(\.off) { bind(group, .workingDays) }
        case .calendars:
            let long = windows.filter { $0.minutes >= minutes }
            for (index, person) in constraints.people.enumerated() where long.contains(where: { $0.busy.contains(person.id) }) {
                let incomplete = long.contains { $0.incomplete.contains(person.id) }
                bind(single(index, constraints: constraints), incomplete ? .calendarIncomplete : .busy)
            }
        case .step:
            break
        }
        return binding
    }

    // MARK: Windows

    private func window(_ gap: BusyInterval, constraints: SlotConstraints, allBusy: [BusyInterval]) throws -> NoSlotExplanation.Window {
        var opened: [NoSlotExplanation.Edge] = [], closed: [NoSlotExplanation.Edge] = []
        for (index, group) in constraints.groups.enumerated() {
            let off = constraints.off[index]
            if gap.start > constraints.span.start, SlotConstraints.holding(gap.start - 1, in: off)?.end == gap.start {
                let local = try zones.zonedTime(Instant(seconds: gap.start), in: group.timeZone)
                opened.append(NoSlotExplanation.Edge(group: group, local: local, isHoursEdge: local.minuteOfDay == group.workingHours.start))
            }
            if gap.end < constraints.span.end, SlotConstraints.holding(gap.end, in: off)?.start == gap.end {
                let local = try zones.zonedTime(Instant(seconds: gap.end), in: group.timeZone)
                closed.append(NoSlotExplanation.Edge(group: group, local: local, isHoursEdge: local.minuteOfDay == group.workingHours.end % 1440))
            }
        }
        let free = SlotConstraints.gaps(allBusy, from: gap.start, to: gap.end).map { $0.end - $0.start }.max() ?? 0
        let busy = constraints.people.indices.filter { SlotConstraints.covered(constraints.busy[$0], from: gap.start, to: gap.end) > 0 }
        let incomplete = busy.filter { SlotConstraints.covered(constraints.incomplete[$0], from: gap.start, to: gap.end) > 0 }
        return NoSlotExplanation.Window(
            start: Instant(seconds: gap.start), end: Instant(seconds: gap.end),
            venueStart: try zones.zonedTime(Instant(seconds: gap.start), in: agenda.timeZone),
            venueEnd: try zones.zonedTime(Instant(seconds: gap.end), in: agenda.timeZone),
            openedBy: opened, closedBy: closed, freeMinutes: Int(free / 60),
            busy: busy.map { constraints.people[$0].id }, incomplete: incomplete.map { constraints.people[$0].id })
    }

    // MARK: Suggestions

    private func suggestion(_ kind: NoSlotExplanation.Suggestion.Kind, start: Instant, minutes: Int,
                            asks: [NoSlotExplanation.Ask] = [], step: Int? = nil) throws -> NoSlotExplanation.Suggestion {
        NoSlotExplanation.Suggestion(kind: kind, start: start, minutes: minutes,
                                     venueStart: try zones.zonedTime(start, in: agenda.timeZone),
                                     venueEnd: try zones.zonedTime(start.adding(minutes: minutes), in: agenda.timeZone),
                                     asks: asks, step: step)
    }

    /// The longest session that fits at a candidate start, around everything; `nil` when it
    /// would be shorter than 5 minutes.
    private func shorterSession(constraints: SlotConstraints, allBusy: [BusyInterval], allOff: [BusyInterval], minutes: Int) throws -> NoSlotExplanation.Suggestion? {
        let blocked = Self.merged(allBusy + allOff)
        var best: (start: Instant, seconds: Int64)?
        var index = 0
        for start in constraints.candidates {
            while index < blocked.count, blocked[index].end <= start.seconds { index += 1 }
            if index < blocked.count, blocked[index].start <= start.seconds { continue }
            let run = (index < blocked.count ? blocked[index].start : constraints.span.end) - start.seconds
            if run > best?.seconds ?? 0 { best = (start, run) }
        }
        guard let best, best.seconds / 60 >= 5, best.seconds / 60 < minutes else { return nil }
        return try suggestion(.shorterSession, start: best.start, minutes: Int(best.seconds / 60))
    }

    /// For a stretch free for everyone that the candidate starts miss: the coarsest step
    /// below `step` that has a start in it.
    private func finerStep(constraints: SlotConstraints, allBusy: [BusyInterval], allOff: [BusyInterval], step: Int) throws -> NoSlotExplanation.Suggestion? {
        let minutes = Int(constraints.length / 60)
        for stretch in SlotConstraints.gaps(Self.merged(allBusy + allOff), from: constraints.span.start, to: constraints.span.end)
        where stretch.end - stretch.start >= constraints.length && stretch.start < constraints.searchEnd {
            let first = try zones.zonedTime(Instant(seconds: stretch.start), in: agenda.timeZone).date
            let last = try zones.zonedTime(Instant(seconds: stretch.end - constraints.length), in: agenda.timeZone).date
            for finer in [60, 30, 20, 15, 10, 5, 1] where finer < step {
                if let start = try candidateStarts(from: first, to: last, step: finer)
                    .first(where: { $0.seconds >= stretch.start && $0.seconds + constraints.length <= stretch.end && $0.seconds < constraints.searchEnd }) {
                    return try suggestion(.finerStep, start: start, minutes: minutes, step: finer)
                }
            }
        }
        return nil
    }

    /// Whose working hours, relaxed alone (one group, or the groups at one edge of a longest
    /// window together), would leave a start that suits everyone else: the start that asks
    /// the fewest minutes outside their hours, fewest people first, at most three.
    private func hoursSuggestions(constraints: SlotConstraints, tally: SlotConstraints.Tally, sets: [Set<Int>]) throws -> [NoSlotExplanation.Suggestion] {
        typealias Choice = (position: Int, worst: Int64, total: Int64)
        func better(_ choice: Choice, than other: Choice?) -> Bool {
            other.map { (choice.worst, choice.total) < ($0.worst, $0.total) } ?? true
        }
        // How far the slot reaches outside the group's hours: the minutes outside them, and
        // for a slot wholly outside, how far it lies from their nearest working time besides.
        func outside(_ group: Int, at position: Int) -> Int64 {
            let start = constraints.candidates[position].seconds, end = start + constraints.length
            let covered = SlotConstraints.covered(constraints.hours[group], from: start, to: end)
            guard covered == constraints.length, let gap = SlotConstraints.holding(start, in: constraints.hours[group]) else { return covered }
            return covered + min(start - gap.start, gap.end - end)
        }
        let open = constraints.candidates.indices.filter { !tally.dayOff[$0] && tally.busyCount[$0] == 0 && tally.hoursCount[$0] > 0 }
        // One group alone: the starts only its hours rule out.
        var choices: [Set<Int>: Choice] = [:]
        for position in open where tally.hoursCount[position] == 1 {
            let group = tally.hoursSole[position], cost = outside(group, at: position)
            let choice = (position, cost, cost)
            if better(choice, than: choices[[group]]) { choices[[group]] = choice }
        }
        // The groups at one edge together: the starts only their hours rule out.
        for set in Set(sets.filter { $0.count > 1 && !$0.contains(-1) }) {
            for position in open {
                let failing = set.filter { tally.hoursOf[$0][position] }
                guard failing.count == tally.hoursCount[position] else { continue }
                let costs = failing.map { outside($0, at: position) }
                let choice = (position, costs.max() ?? 0, costs.reduce(0, +))
                if better(choice, than: choices[set]) { choices[set] = choice }
            }
        }
        var found: [(people: Int, outside: Int64, first: Int, suggestion: NoSlotExplanation.Suggestion)] = []
        let ordered = choices.sorted { $0.key.count != $1.key.count ? $0.key.count < $1.key.count : $0.key.sorted().lexicographicallyPrecedes($1.key.sorted()) }
        for (set, choice) in ordered {
            let start = constraints.candidates[choice.position]
            let asks = try set.sorted().filter { tally.hoursOf[$0][choice.position] }.map { try hoursAsk($0, start: start, constraints: constraints) }
            // The groups of an edge together may come to what one of them alone asks.
            guard !found.contains(where: { $0.suggestion.start == start && $0.suggestion.asks.map(\.group) == asks.map(\.group) }) else { continue }
            let suggestion = try suggestion(.workingHours, start: start, minutes: Int(constraints.length / 60), asks: asks)
            found.append((asks.map(\.group.people.count).reduce(0, +), choice.worst, set.min() ?? 0, suggestion))
        }
        return found.sorted { ($0.people, $0.outside, $0.first) < ($1.people, $1.outside, $1.first) }.prefix(3).map(\.suggestion)
    }

    private func hoursAsk(_ group: Int, start: Instant, constraints: SlotConstraints) throws -> NoSlotExplanation.Ask {
        let info = constraints.groups[group], hours = constraints.hours[group]
        let from = start.seconds, to = from + constraints.length
        let outside = SlotConstraints.covered(hours, from: from, to: to)
        var before: Int64 = 0, after: Int64 = 0
        if outside < constraints.length {
            if let head = SlotConstraints.holding(from, in: hours) { before = head.end - from }
            if let tail = SlotConstraints.holding(to - 1, in: hours) { after = to - tail.start }
        } else if let gap = SlotConstraints.holding(from, in: hours) {
            // Wholly outside, but next to their working time: an early start or a late end.
            if gap.end == to { before = outside } else if gap.start == from { after = outside }
        }
        return NoSlotExplanation.Ask(group: info, localStart: try zones.zonedTime(start, in: info.timeZone),
                                     localEnd: try zones.zonedTime(Instant(seconds: to), in: info.timeZone),
                                     before: Int(before / 60), after: Int(after / 60), outsideMinutes: Int(outside / 60),
                                     busyStart: nil, busyEnd: nil, incomplete: false)
    }

    /// Whose calendar alone keeps a start from suiting everyone: the start that asks them to
    /// free the least busy time, least first, at most three.
    private func calendarSuggestions(constraints: SlotConstraints, tally: SlotConstraints.Tally) throws -> [NoSlotExplanation.Suggestion] {
        var best: [Int: (position: Int, busy: Int64)] = [:]
        for position in constraints.candidates.indices
        where !tally.dayOff[position] && tally.hoursCount[position] == 0 && tally.busyCount[position] == 1 {
            let person = tally.busySole[position], start = constraints.candidates[position].seconds
            let busy = SlotConstraints.covered(constraints.busy[person], from: start, to: start + constraints.length)
            if best[person].map({ busy < $0.busy }) ?? true { best[person] = (position, busy) }
        }
        let minutes = Int(constraints.length / 60)
        return try best.sorted { ($0.value.busy, $0.key) < ($1.value.busy, $1.key) }.prefix(3).map { person, choice in
            let start = constraints.candidates[choice.position]
            let from = start.seconds, to = from + constraints.length
            let group = single(person, constraints: constraints)
            let intervals = constraints.busy[person]
            let index = SlotConstraints.firstEnding(after: from, in: intervals)
            var last = index
            while last + 1 < intervals.count, intervals[last + 1].start < to { last += 1 }
            let ask = NoSlotExplanation.Ask(
                group: group, localStart: try zones.zonedTime(start, in: group.timeZone),
                localEnd: try zones.zonedTime(Instant(seconds: to), in: group.timeZone), before: 0, after: 0,
                outsideMinutes: Int(choice.busy / 60),
                busyStart: try zones.zonedTime(Instant(seconds: max(intervals[index].start, from)), in: group.timeZone),
                busyEnd: try zones.zonedTime(Instant(seconds: min(intervals[last].end, to)), in: group.timeZone),
                incomplete: SlotConstraints.covered(constraints.incomplete[person], from: from, to: to) > 0)
            return try suggestion(.calendar, start: start, minutes: minutes, asks: [ask])
        }
    }

    /// One person as a group of their own, with their constraints.
    private func single(_ person: Int, constraints: SlotConstraints) -> NoSlotExplanation.Group {
        let id = constraints.people[person].id
        var group = constraints.groups.first { $0.people.contains(id) } ?? NoSlotExplanation.Group(
            people: [], timeZone: agenda.timeZone, inPerson: true, workingHours: .standard, workingDays: Person.standardWorkingDays)
        group.people = [id]
        group.inPerson = constraints.people[person].attendance == .inPerson
        return group
    }
}
