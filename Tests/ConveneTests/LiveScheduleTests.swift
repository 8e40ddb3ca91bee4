import Convene
import ConveneTestSupport
import ICal
import Testing

/// The live day: the moderator's actions and how delays move the rest of the day
/// (docs/live.md, "How delays move the day"). Every case is worked by hand; the times are the
/// venue's clock unless a zone is named.
@Suite("LiveSchedule: delays that propagate through the live day")
struct LiveScheduleTests {
    static let kyiv = "Europe/Kyiv"

    /// The live state of agenda text (`header`, then `body`).
    func live(_ body: String, venue: String = kyiv, minimumBreak: Int = 10) throws -> LiveState {
        let text = header.replacingOccurrences(of: "timezone: \(Self.kyiv)", with: "timezone: \(venue)") + body
        return try LiveState(timeline: try timeline(text), zones: try zones, minimumBreak: minimumBreak)
    }

    /// The instant `zone`'s clock shows `wall`, written `2026-12-08 10:20`.
    func at(_ wall: String, in zone: String = kyiv) throws -> Instant {
        let parts = wall.split(separator: " ")
        let date = try #require(LocalDate(parsing: String(parts[0])))
        let time = try #require(LocalTime(parsing: String(parts[1])))
        return try zones.instant(at: CivilTime(year: date.year, month: date.month, day: date.day,
                                               hour: time.hour, minute: time.minute), in: zone)
    }

    /// The state after each action at its venue time.
    func run(_ state: LiveState, _ steps: [(LiveAction, String)], in zone: String = kyiv) throws -> LiveState {
        var state = state
        for (action, wall) in steps { state = try state.applying(action, at: try at(wall, in: zone)) }
        return state
    }

    /// `HH:MM` on `zone`'s clock.
    func clock(_ instant: Instant, in zone: String = kyiv) throws -> String {
        try zones.zonedTime(instant, in: zone).clock
    }

    /// Each item as `Title HH:MM–HH:MM`, actual or projected.
    func times(_ projection: LiveProjection, in zone: String = kyiv) throws -> [String] {
        try projection.items.map { "\($0.title) \(try clock($0.start, in: zone))–\(try clock($0.end, in: zone))" }
    }

    // MARK: - Overruns and gaps

    static let morning = """
        people:
          - { id: m, name: Moderator }
        sessions:
          - id: morning
            title: Morning
            date: 2026-12-08
            start: "10:00"
            moderator: m
            segments:
              - { title: Opening, kind: opening, duration: 10m }
              - { title: Panel, kind: panel, duration: 50m }
              - { title: Questions, kind: qa, duration: 20m }
              - { title: Closing, kind: closing, duration: 10m }
          - id: launch
            title: Launch
            date: 2026-12-08
            start: "11:30"
            segments:
              - { title: Report launch, duration: 30m }
          - id: day2
            title: Day two
            date: 2026-12-09
            start: "10:00"
            segments:
              - { title: Day two opening, duration: 30m }
        """

    @Test("a 10-minute overrun pushes every later segment of the session and the next session of the day, not the next day")
    func overrunPushesTheRest() throws {
        // Not started by 10:03: a late start moves the day too.
        let waiting = try live(Self.morning).projection(now: try at("2026-12-08 10:03"))
        #expect(try times(waiting).prefix(2) == ["Opening 10:03–10:13", "Panel 10:13–11:03"])
        #expect(waiting.minutesLate == 3)
        #expect(waiting.current == nil)
        #expect(waiting.upNext == 0)

        let started = try run(try live(Self.morning), [(.start, "2026-12-08 10:00")])

        // 10:15, the opening still running: 5 minutes over so far.
        let running = try started.projection(now: try at("2026-12-08 10:15"))
        #expect(try times(running) == [
            "Opening 10:00–10:15", "Panel 10:15–11:05", "Questions 11:05–11:25", "Closing 11:25–11:35",
            "Report launch 11:35–12:05", "Day two opening 10:00–10:30",
        ])
        #expect(running.current?.overrun == 5 * 60)
        #expect(running.current?.remaining == 0)
        #expect(running.minutesLate == 5)

        // The opening ends at 10:20, 10 minutes over.
        let state = try run(started, [(.next, "2026-12-08 10:20")])
        let projection = try state.projection(now: try at("2026-12-08 10:20"))
        #expect(try times(projection) == [
            "Opening 10:00–10:20", "Panel 10:20–11:10", "Questions 11:10–11:30", "Closing 11:30–11:40",
            "Report launch 11:40–12:10", "Day two opening 10:00–10:30",
        ])
        #expect(projection.items.map(\.status) == [.done, .running, .pending, .pending, .pending, .pending])
        #expect(projection.items.map(\.delayMinutes) == [0, 10, 10, 10, 10, 0])
        #expect(projection.minutesLate == 10)
        #expect(projection.day == LocalDate(year: 2026, month: 12, day: 8))
        #expect(projection.remaining.map(\.title) == ["Panel", "Questions", "Closing", "Report launch"])
        // Day two keeps its times; carried, the delay would reach its session.
        let later = try #require(projection.laterDays.first)
        #expect(projection.laterDays.count == 1)
        #expect(later.session == "day2")
        #expect(later.minutes == 10)
        #expect(try clock(later.startIfCarried) == "10:10")
        #expect(try clock(later.endIfCarried) == "10:40")
    }

    static let gap = """
        people:
          - { id: m, name: Moderator }
        sessions:
          - id: a
            title: Keynote session
            date: 2026-12-08
            start: "09:00"
            segments:
              - { title: Talk, kind: keynote, duration: 60m }
          - id: b
            title: Panel session
            date: 2026-12-08
            start: "10:15"
            moderator: m
            segments:
              - { title: Panel, kind: panel, duration: 45m }
              - { title: Wrap-up, kind: closing, duration: 15m }
        """

    @Test("the 15 minutes between two sessions absorb part of a 25-minute overrun, and all of a 10-minute one")
    func gapAbsorbsDelay() throws {
        let state = try run(try live(Self.gap), [(.start, "2026-12-08 09:00"), (.next, "2026-12-08 10:25")])
        // The talk ended 25 minutes late; the next session was planned 15 minutes later.
        #expect(state.current == nil)
        let projection = try state.projection(now: try at("2026-12-08 10:25"))
        #expect(try times(projection) == ["Talk 09:00–10:25", "Panel 10:25–11:10", "Wrap-up 11:10–11:25"])
        #expect(projection.items.map(\.delayMinutes) == [0, 10, 10])
        #expect(projection.minutesLate == 10)
        #expect(projection.upNext == 1)

        let absorbed = try run(try live(Self.gap), [(.start, "2026-12-08 09:00"), (.next, "2026-12-08 10:10")])
        let onTime = try absorbed.projection(now: try at("2026-12-08 10:10"))
        #expect(try times(onTime) == ["Talk 09:00–10:10", "Panel 10:15–11:00", "Wrap-up 11:00–11:15"])
        #expect(onTime.minutesLate == 0)

        // `next` does not start the next session: `start` does, when it begins.
        let begun = try run(absorbed, [(.start, "2026-12-08 10:16")])
        #expect(try times(try begun.projection(now: try at("2026-12-08 10:16"))) == [
            "Talk 09:00–10:10", "Panel 10:16–11:01", "Wrap-up 11:01–11:16",
        ])
    }

    // MARK: - Breaks

    static let coffee = """
        people:
          - { id: m, name: Moderator }
        sessions:
          - id: s
            title: Day
            date: 2026-12-08
            start: "10:00"
            moderator: m
            segments:
              - { title: Talk, kind: keynote, duration: 60m }
              - { title: Coffee break, kind: break, duration: 30m }
              - { title: Panel, kind: panel, duration: 60m }
        """

    @Test("a break is not shortened by a delay; the moderator shortens it, never below the minimum")
    func breakKeepsItsLength() throws {
        // 11:15, the talk still running: the break ahead keeps its 30 minutes.
        let talking = try run(try live(Self.coffee), [(.start, "2026-12-08 10:00")])
        #expect(try times(try talking.projection(now: try at("2026-12-08 11:15"))) == [
            "Talk 10:00–11:15", "Coffee break 11:15–11:45", "Panel 11:45–12:45",
        ])

        let late = try run(talking, [(.next, "2026-12-08 11:15")])
        let projection = try late.projection(now: try at("2026-12-08 11:15"))
        // The whole 30 minutes stay, so the panel moves by all 15.
        #expect(try times(projection) == ["Talk 10:00–11:15", "Coffee break 11:15–11:45", "Panel 11:45–12:45"])
        #expect(projection.minutesLate == 15)

        let shortened = try run(late, [(.shortenBreak(minutes: 15), "2026-12-08 11:16")])
        #expect(try times(try shortened.projection(now: try at("2026-12-08 11:16"))) == [
            "Talk 10:00–11:15", "Coffee break 11:15–11:30", "Panel 11:30–12:30",
        ])
        #expect(try shortened.projection(now: try at("2026-12-08 11:16")).minutesLate == 0)

        // 15 minutes left: 10 more would leave 5, under the 10-minute minimum.
        #expect(throws: LiveError.breakBelowMinimum(title: "Coffee break", length: 15, minutes: 10, minimum: 10)) {
            try shortened.applying(.shortenBreak(minutes: 10), at: try at("2026-12-08 11:17"))
        }
        #expect(throws: LiveError.breakBelowMinimum(title: "Coffee break", length: 15, minutes: 6, minimum: 10)) {
            try shortened.applying(.removeMinutes(6), at: try at("2026-12-08 11:17"))
        }
        let atMinimum = try run(shortened, [(.shortenBreak(minutes: 5), "2026-12-08 11:17")])
        // The break ends at 11:25; the panel keeps its planned 11:30, never earlier.
        #expect(try times(try atMinimum.projection(now: try at("2026-12-08 11:17"))) == [
            "Talk 10:00–11:15", "Coffee break 11:15–11:25", "Panel 11:30–12:30",
        ])

        // The minimum is a parameter.
        let strict = try run(try live(Self.coffee, minimumBreak: 20), [(.start, "2026-12-08 10:00"), (.next, "2026-12-08 11:15")])
        #expect(throws: LiveError.breakBelowMinimum(title: "Coffee break", length: 30, minutes: 15, minimum: 20)) {
            try strict.applying(.shortenBreak(minutes: 15), at: try at("2026-12-08 11:16"))
        }

        // Before it starts, shortenBreak shortens the next break; skip cannot drop it.
        let early = try run(try live(Self.coffee), [(.start, "2026-12-08 10:00"), (.shortenBreak(minutes: 10), "2026-12-08 10:30")])
        #expect(try times(try early.projection(now: try at("2026-12-08 10:30"))) == [
            "Talk 10:00–11:00", "Coffee break 11:00–11:20", "Panel 11:30–12:30",
        ])
        #expect(throws: LiveError.breakCannotBeSkipped(title: "Coffee break")) {
            try early.applying(.skip, at: try at("2026-12-08 10:31"))
        }
    }

    // MARK: - Pinned segments

    static let address = """
        people:
          - { id: m, name: Moderator }
        sessions:
          - id: s
            title: Afternoon
            date: 2026-12-08
            start: "14:00"
            moderator: m
            segments:
              - { title: Welcome, kind: opening, duration: 10m }
              - { title: Discussion, kind: dialogue, duration: 30m }
              - { title: Minister's address, kind: keynote, duration: 20m, at: "15:00" }
              - { title: Closing, kind: closing, duration: 10m }
        """

    @Test("a pinned segment stays at its time: the delay before it is absorbed up to it, and nothing after it moves")
    func pinnedAbsorbsDelay() throws {
        // 15 minutes late, with 20 minutes free before the address.
        let late = try run(try live(Self.address), [(.start, "2026-12-08 14:00"), (.next, "2026-12-08 14:25")])
        let projection = try late.projection(now: try at("2026-12-08 14:25"))
        #expect(try times(projection) == [
            "Welcome 14:00–14:25", "Discussion 14:25–14:55", "Minister's address 15:00–15:20", "Closing 15:20–15:30",
        ])
        #expect(projection.conflicts.isEmpty)
        #expect(projection.minutesLate == 0)

        // 25 minutes late: the address is held at 15:00 and the closing keeps its 15:20.
        let later = try run(try live(Self.address), [(.start, "2026-12-08 14:00"), (.next, "2026-12-08 14:35")])
        let held = try later.projection(now: try at("2026-12-08 14:35"))
        #expect(try times(held) == [
            "Welcome 14:00–14:35", "Discussion 14:35–15:05", "Minister's address 15:00–15:20", "Closing 15:20–15:30",
        ])
        #expect(held.conflicts.map(\.title) == ["Minister's address"])
        #expect(held.conflicts.map(\.minutes) == [5])
        #expect(held.minutesLate == 0)
    }

    @Test("a pinned segment the segment before it runs into is reported as a conflict, not moved")
    func pinnedConflict() throws {
        let state = try run(try live("""
            people:
              - { id: m, name: Moderator }
            sessions:
              - id: s
                title: Statements
                date: 2026-12-08
                start: "15:00"
                segments:
                  - { title: Statements, duration: 45m }
                  - { title: Live link with Geneva, duration: 15m, at: "15:45" }
                  - { title: Closing, kind: closing, duration: 10m }
            """), [(.start, "2026-12-08 15:00")])
        let projection = try state.projection(now: try at("2026-12-08 15:52"))
        #expect(try times(projection) == ["Statements 15:00–15:52", "Live link with Geneva 15:45–16:00", "Closing 16:00–16:10"])
        let conflict = try #require(projection.conflicts.first)
        #expect(projection.conflicts.count == 1)
        #expect(conflict.item == 1)
        #expect(conflict.session == "s")
        #expect(try clock(conflict.pinnedStart) == "15:45")
        #expect(try clock(conflict.precedingEnd) == "15:52")
        #expect(conflict.minutes == 7)
        #expect(projection.minutesLate == 0)
    }

    // MARK: - Midnight and clock changes

    @Test("a session past midnight keeps its day: segments after midnight move, the next day's sessions do not")
    func pastMidnight() throws {
        let state = try run(try live("""
            people:
              - { id: m, name: Moderator }
            sessions:
              - id: night
                title: Night session
                date: 2026-12-08
                start: "22:00"
                duration: 3h
                moderator: m
                segments:
                  - { title: Dinner talk, kind: keynote, duration: 60m }
                  - { title: Panel, kind: panel, duration: 90m }
                  - { title: Closing, kind: closing, duration: 30m }
              - id: pacific
                title: Call with the Pacific
                date: 2026-12-09
                start: "01:00"
                segments:
                  - { title: Pacific call, duration: 60m }
              - id: morning
                title: Morning
                date: 2026-12-09
                start: "09:00"
                segments:
                  - { title: Morning briefing, duration: 60m }
            """), [(.start, "2026-12-08 22:00"), (.next, "2026-12-08 23:20")])
        let projection = try state.projection(now: try at("2026-12-08 23:20"))
        let venue = try projection.items.map { item in
            "\(item.title) \(try zones.zonedTime(item.start, in: Self.kyiv).civil.description)–\(try zones.zonedTime(item.end, in: Self.kyiv).civil.description)"
        }
        // The night session runs 20 minutes late, into the 9th; the 9th keeps its times.
        #expect(venue == [
            "Dinner talk 2026-12-08T22:00:00–2026-12-08T23:20:00",
            "Panel 2026-12-08T23:20:00–2026-12-09T00:50:00",
            "Closing 2026-12-09T00:50:00–2026-12-09T01:20:00",
            "Pacific call 2026-12-09T01:00:00–2026-12-09T02:00:00",
            "Morning briefing 2026-12-09T09:00:00–2026-12-09T10:00:00",
        ])
        let eighth = LocalDate(year: 2026, month: 12, day: 8), ninth = LocalDate(year: 2026, month: 12, day: 9)
        #expect(projection.items.map(\.day) == [eighth, eighth, eighth, ninth, ninth])
        #expect(projection.day == eighth)
        #expect(projection.minutesLate == 20)
        // Carried, the delay would move the call by 20 minutes; the hours free before the
        // morning briefing would absorb it.
        #expect(projection.laterDays.map(\.session) == ["pacific"])
        #expect(projection.laterDays.map(\.minutes) == [20])
        #expect(try projection.laterDays.map { try clock($0.startIfCarried) } == ["01:20"])
    }

    @Test("a delay across the spring-forward change in Amsterdam is counted in real minutes, not on the clock")
    func acrossClockChange() throws {
        // 28 March 2027: at 02:00 CET the clocks jump to 03:00 CEST. Between 01:45 CET and
        // 03:15 CEST lie 30 real minutes, not 90.
        let amsterdam = "Europe/Amsterdam"
        let state = try live("""
            people:
              - { id: m, name: Moderator }
            sessions:
              - id: vigil
                title: Vigil
                date: 2027-03-28
                start: "00:30"
                segments:
                  - { title: Reading, duration: 45m }
                  - { title: Reflection, duration: 30m }
              - id: dawn
                title: Dawn
                date: 2027-03-28
                start: "03:15"
                segments:
                  - { title: Dawn talk, duration: 60m }
            """, venue: amsterdam)
        #expect(state.items.map { $0.plannedStart.description } == ["2027-03-27T23:30:00Z", "2027-03-28T00:15:00Z", "2027-03-28T01:15:00Z"])
        // The reading runs 40 minutes over: the reflection starts at 01:55 CET.
        let late = try run(state, [(.start, "2027-03-28 00:30"), (.next, "2027-03-28 01:55")], in: amsterdam)
        let projection = try late.projection(now: try at("2027-03-28 01:55", in: amsterdam))
        #expect(try times(projection, in: amsterdam) == ["Reading 00:30–01:55", "Reflection 01:55–03:25", "Dawn talk 03:25–04:25"])
        #expect(projection.items.map { $0.start.description } == ["2027-03-27T23:30:00Z", "2027-03-28T00:55:00Z", "2027-03-28T01:25:00Z"])
        #expect(projection.items.map(\.delayMinutes) == [0, 40, 10])
        #expect(projection.minutesLate == 10)
    }

    // MARK: - Commitments

    static let kabul = """
        people:
          - { id: m, name: Moderator }
          - { id: sarabi, name: Habiba Sarabi, gender: woman, attendance: online, timezone: Asia/Kabul }
          - { id: local, name: Local Speaker, gender: woman }
        sessions:
          - id: s
            title: Evening panel
            date: 2026-12-08
            start: "16:20"
            moderator: m
            segments:
              - { title: Opening, kind: opening, duration: 10m }
              - { title: Panel, kind: panel, duration: 30m, speakers: [sarabi, local] }
        """

    @Test("a delay that keeps an online speaker in Kabul past her working hours, or the room past the venue's end, is listed")
    func brokenCommitments() throws {
        // Planned 16:30–17:00 in Kyiv, 19:00–19:30 in Kabul, within her 08:00-20:00.
        let fine = try run(try live(Self.kabul), [(.start, "2026-12-08 16:20"), (.next, "2026-12-08 16:55")])
        #expect(try fine.projection(now: try at("2026-12-08 16:55")).brokenCommitments.isEmpty)

        // 40 minutes late: 17:10–17:40 in Kyiv is 19:40–20:10 in Kabul, 10 minutes past her hours.
        let late = try run(try live(Self.kabul), [(.start, "2026-12-08 16:20"), (.next, "2026-12-08 17:10")])
        let projection = try late.projection(now: try at("2026-12-08 17:10"))
        let broken = try #require(projection.brokenCommitments.first)
        #expect(projection.brokenCommitments.count == 1)
        #expect(broken.kind == .workingHours)
        #expect(broken.person == "sarabi")
        #expect(broken.title == "Panel")
        #expect(broken.timeZone == "Asia/Kabul")
        #expect(broken.start.clock == "19:40")
        #expect(broken.end.clock == "20:10")
        #expect(broken.minutes == 10)

        // The room must be empty at 17:30.
        let venue = try late.projection(now: try at("2026-12-08 17:10"), venueEnd: try at("2026-12-08 17:30"))
        #expect(venue.brokenCommitments.map(\.kind) == [.workingHours, .venueEnd])
        #expect(venue.brokenCommitments.map(\.minutes) == [10, 10])
        #expect(venue.brokenCommitments.last?.end.clock == "17:40")
    }

    // MARK: - The moderator's actions

    static let programme = """
        people:
          - { id: m, name: Moderator }
          - { id: a, name: Speaker A }
        sessions:
          - id: s
            title: Morning
            date: 2026-12-08
            start: "10:00"
            segments:
              - { title: Opening, kind: opening, duration: 10m }
              - { title: Video, duration: 15m }
              - { title: Discussion, duration: 35m, speakers: [a] }
        """

    @Test("a skipped segment takes no time and next passes over it")
    func skip() throws {
        // The opening runs 20 minutes over; the video is dropped at 10:30.
        let state = try run(try live(Self.programme), [(.start, "2026-12-08 10:00"), (.skip, "2026-12-08 10:30")])
        let projection = try state.projection(now: try at("2026-12-08 10:30"))
        #expect(projection.items.map(\.status) == [.running, .skipped, .pending])
        #expect(try times(projection) == ["Opening 10:00–10:30", "Video 10:30–10:30", "Discussion 10:30–11:05"])
        #expect(projection.minutesLate == 5)

        let next = try run(state, [(.next, "2026-12-08 10:31")])
        #expect(next.current == 2)
        #expect(try times(try next.projection(now: try at("2026-12-08 10:31"))) == [
            "Opening 10:00–10:31", "Video 10:31–10:31", "Discussion 10:31–11:06",
        ])
        // Nothing is left to skip after the discussion.
        #expect(throws: LiveError.nothingToSkip) { try next.applying(.skip, at: try at("2026-12-08 10:32")) }
    }

    @Test("previous undoes next: the earlier segment runs on from its own start, its turn restored")
    func previous() throws {
        let state = try run(try live("""
            people:
              - { id: m, name: Moderator }
              - { id: a, name: Speaker A }
            sessions:
              - id: s
                title: Morning
                date: 2026-12-08
                start: "10:00"
                segments:
                  - { title: First, duration: 20m, speakers: [a] }
                  - { title: Second, duration: 20m }
                  - { title: Third, duration: 20m }
            """), [(.start, "2026-12-08 10:00"), (.startTurn("a"), "2026-12-08 10:05"),
                    (.next, "2026-12-08 10:18"), (.previous, "2026-12-08 10:19")])
        #expect(state.current == 0)
        #expect(state.records[0].start == (try at("2026-12-08 10:00")))
        #expect(state.records[0].end == nil)
        #expect(state.records[1].start == nil)
        #expect(state.openTurn?.person == "a")
        let projection = try state.projection(now: try at("2026-12-08 10:25"))
        // First has run 25 minutes of its 20.
        #expect(try times(projection) == ["First 10:00–10:25", "Second 10:25–10:45", "Third 10:45–11:05"])
        #expect(projection.current?.elapsed == 25 * 60)
        #expect(projection.current?.turn?.elapsed == 20 * 60)

        // previous undoes start too; before anything has run there is nothing to go back to.
        let undone = try run(try live("""
            sessions:
              - id: s
                title: S
                date: 2026-12-08
                start: "10:00"
                segments:
                  - { title: Only, duration: 20m }
            """), [(.start, "2026-12-08 10:00"), (.previous, "2026-12-08 10:01")])
        #expect(undone.current == nil)
        #expect(undone.status(of: 0) == .pending)
        #expect(throws: LiveError.nothingToGoBack) { try undone.applying(.previous, at: try at("2026-12-08 10:02")) }
    }

    @Test("paused time is not elapsed for the segment or the turn, but the day still runs late")
    func pauseAndResume() throws {
        let text = """
            people:
              - { id: m, name: Moderator }
              - { id: a, name: Speaker A }
            sessions:
              - id: s
                title: Morning
                date: 2026-12-08
                start: "10:00"
                segments:
                  - { title: Keynote, kind: keynote, duration: 30m, speakers: [a] }
                  - { title: Questions, kind: qa, duration: 30m }
            """
        let paused = try run(try live(text), [(.start, "2026-12-08 10:00"), (.startTurn("a"), "2026-12-08 10:00"),
                                              (.pause, "2026-12-08 10:10")])
        // Paused at 10:10 with 20 minutes left: at 10:15 the keynote ends 10:35, at 10:17 at 10:37.
        #expect(try times(try paused.projection(now: try at("2026-12-08 10:15"))) == ["Keynote 10:00–10:35", "Questions 10:35–11:05"])
        #expect(try times(try paused.projection(now: try at("2026-12-08 10:17"))) == ["Keynote 10:00–10:37", "Questions 10:37–11:07"])
        #expect(try paused.projection(now: try at("2026-12-08 10:17")).current?.paused == true)

        let resumed = try run(paused, [(.resume, "2026-12-08 10:18")])
        let projection = try resumed.projection(now: try at("2026-12-08 10:20"))
        let current = try #require(projection.current)
        #expect(current.paused == false)
        #expect(current.elapsed == 12 * 60)
        #expect(current.remaining == 18 * 60)
        let turn = try #require(current.turn)
        #expect(turn.person == "a")
        #expect(turn.plannedMinutes == 30)
        #expect(turn.elapsed == 12 * 60)
        #expect(turn.remaining == 18 * 60)
        #expect(try times(projection) == ["Keynote 10:00–10:38", "Questions 10:38–11:08"])
        #expect(projection.minutesLate == 8)

        #expect(throws: LiveError.notPaused(title: "Keynote")) { try resumed.applying(.resume, at: try at("2026-12-08 10:21")) }
        #expect(throws: LiveError.alreadyPaused(title: "Keynote")) { try paused.applying(.pause, at: try at("2026-12-08 10:11")) }
    }

    static let panel = """
        people:
          - { id: m, name: Moderator }
          - { id: a, name: Speaker A }
          - { id: b, name: Speaker B }
          - { id: c, name: Speaker C }
        sessions:
          - id: s
            title: Morning
            date: 2026-12-08
            start: "10:00"
            moderator: m
            segments:
              - { title: Panel, kind: panel, duration: 55m, speakers: [a, b, c] }
        """

    @Test("turns: each speaker's time is their even share of the panel, counted over all their turns")
    func turnsWithEvenSplit() throws {
        let state = try run(try live(Self.panel), [(.start, "2026-12-08 10:00"), (.startTurn("a"), "2026-12-08 10:00"),
                                                   (.endTurn("a"), "2026-12-08 10:20"), (.startTurn("b"), "2026-12-08 10:20")])
        // 55 minutes among three: 19, 18, 18.
        #expect(["a", "b", "c"].map { state.plannedTurnMinutes(of: PersonID(rawValue: $0), in: 0) } == [19, 18, 18])
        let projection = try state.projection(now: try at("2026-12-08 10:25"))
        let turn = try #require(projection.current?.turn)
        #expect(turn.person == "b")
        #expect(turn.plannedMinutes == 18)
        #expect(turn.elapsed == 5 * 60)
        #expect(turn.remaining == 13 * 60)

        // A second turn for a counts with her first: 20 minutes already, one over her 19.
        let again = try run(state, [(.endTurn("b"), "2026-12-08 10:38"), (.startTurn("a"), "2026-12-08 10:38")])
        let second = try #require(try again.projection(now: try at("2026-12-08 10:40")).current?.turn)
        #expect(second.elapsed == 2 * 60)
        #expect(second.spoken == 22 * 60)
        #expect(second.remaining == 0)
        #expect(second.overrun == 3 * 60)

        // Five more minutes for the panel: 60 among three.
        let longer = try run(state, [(.addMinutes(5), "2026-12-08 10:26")])
        #expect(["a", "b", "c"].map { longer.plannedTurnMinutes(of: PersonID(rawValue: $0), in: 0) } == [20, 20, 20])

        #expect(throws: LiveError.turnOpen("b")) { try state.applying(.startTurn("c"), at: try at("2026-12-08 10:26")) }
        #expect(throws: LiveError.noTurn("c", open: "b")) { try state.applying(.endTurn("c"), at: try at("2026-12-08 10:26")) }
        // The moderator may take the floor, with no planned time of her own.
        #expect(state.plannedTurnMinutes(of: "m", in: 0) == nil)
    }

    @Test("impossible actions are refused with a reason")
    func refusals() throws {
        let fresh = try live(Self.programme)
        let ten = try at("2026-12-08 10:00")
        #expect(throws: LiveError.nothingRunning(next: "Opening")) { try fresh.applying(.next, at: ten) }
        #expect(throws: LiveError.nothingRunning(next: "Opening")) { try fresh.applying(.addMinutes(5), at: ten) }
        let started = try fresh.applying(.start, at: ten)
        #expect(throws: LiveError.alreadyRunning(title: "Opening")) { try started.applying(.start, at: ten) }
        #expect(throws: LiveError.notPositive(minutes: 0)) { try started.applying(.addMinutes(0), at: ten) }
        #expect(throws: LiveError.cannotRemove(title: "Opening", minutes: 10, length: 10)) { try started.applying(.removeMinutes(10), at: ten) }
        #expect(throws: LiveError.noBreakToShorten) { try started.applying(.shortenBreak(minutes: 5), at: ten) }
        #expect(throws: LiveError.unknownPerson("nobody")) { try started.applying(.startTurn("nobody"), at: ten) }
        #expect(throws: LiveError.outOfOrder(at: try at("2026-12-08 09:59"), last: ten)) {
            try started.applying(.pause, at: try at("2026-12-08 09:59"))
        }
        let done = try run(started, [(.next, "2026-12-08 10:10"), (.next, "2026-12-08 10:25"), (.next, "2026-12-08 11:00")])
        #expect(done.current == nil)
        #expect(throws: LiveError.dayOver(last: "Discussion")) { try done.applying(.next, at: try at("2026-12-08 11:01")) }
        #expect(throws: LiveError.dayOver(last: "Discussion")) { try done.applying(.start, at: try at("2026-12-08 11:01")) }
        #expect(LiveError.dayOver(last: "Discussion").description
            == "every segment has run or been skipped; 'Discussion' was the last — nothing is left to start")

        // Sessions that overlap cannot share one live state; one room's sessions can.
        let parallel = """
            sessions:
              - { id: room-a, title: A, date: 2026-12-08, start: "10:00", duration: 1h }
              - { id: room-b, title: B, date: 2026-12-08, start: "10:30", duration: 1h }
            """
        let overlapping = try timeline(header + parallel)
        #expect(throws: LiveError.overlappingSessions("room-a", "room-b")) { try LiveState(timeline: overlapping, zones: try zones) }
        let roomB = try LiveState(timeline: overlapping, zones: try zones, sessions: ["room-b"])
        #expect(roomB.items.map(\.title) == ["B"])
    }
}
