import Convene

/// Check-in as the door and the console see it, as the JSON that `GET /api/checkin` returns and
/// `/ws/checkin` pushes (docs/live-api.yaml): every session followed, with every person on its
/// list by name (hidden people too: the door is the organisers'), who is marked present, the
/// unlisted counts, and the session running or next. Never sent to the board, the timer or a
/// speaker.
struct CheckInDocument {
    let day: LiveDay
    let checkIn: CheckIn
    let current: SessionID?

    /// The check-in the store holds now, with the session the day is at.
    init(day: LiveDay) throws {
        self.day = day
        checkIn = try day.checkIn()
        let projection = try day.state().projection(now: day.now, venueEnd: day.venueEnd)
        let at = projection.current?.item ?? projection.upNext
        current = at.flatMap { index in projection.items.indices.contains(index) ? projection.items[index].session : nil }
    }

    func json() throws -> JSONValue {
        let language = day.language
        let titles = Dictionary(day.view(.organizers, language: language).timeline.sessions.map { ($0.id, $0.session.title) }, uniquingKeysWith: { first, _ in first })
        let sessions = try day.checkInSessions.map { timed -> JSONValue in
            let people = timed.participants.compactMap { day.timeline.agenda.person($0) }
            let present = people.filter { checkIn.isPresent($0.id, in: timed.id) }.count
            let time = language.span(try day.zones.zonedTime(timed.start, in: day.timeline.agenda.timeZone),
                                     try day.zones.zonedTime(timed.end, in: day.timeline.agenda.timeZone))
            return .object([
                ("id", .id(timed.id)),
                ("title", .string(titles[timed.id] ?? timed.session.title)),
                ("time", .string(time)),
                ("expected", .int(people.count)),
                ("present", .int(present)),
                ("unlisted", .object(Gender.allCases.map { ($0.rawValue, .int(checkIn.unlisted($0, in: timed.id))) })),
                ("unlistedTotal", .int(checkIn.unlistedTotal(in: timed.id))),
                ("people", .array(people.map { person in
                    .object([
                        ("id", .id(person.id)),
                        ("name", .string(person.name)),
                        ("role", .string(timed.roles.speakers.contains(person.id) ? "speaker" : timed.roles.moderators.contains(person.id) ? "moderator" : "participant")),
                        ("organization", .optional(person.organization)),
                        ("present", .bool(checkIn.isPresent(person.id, in: timed.id))),
                    ])
                })),
            ])
        }
        return .object([
            ("view", .string("checkin")),
            ("event", .string(day.timeline.agenda.title)),
            ("current", .optional(current)),
            ("genders", .array(Gender.allCases.map { .string($0.rawValue) })),
            ("sessions", .array(sessions)),
        ])
    }
}

/// The open check-in WebSockets (the doors', and consoles' check-in panels): each is sent the
/// check-in when one is recorded (by this server, or another process on the same event store,
/// seen within a second), when the day moves on, and every 30 seconds.
actor CheckInHub {
    let day: LiveDay
    private var connections: [Int: AsyncStream<String>.Continuation] = [:]
    private var counter = 0
    private var watcher: Task<Void, Never>?
    private var seen: (checkIn: Int64, action: Int64) = (-1, -1)

    init(day: LiveDay) {
        self.day = day
    }

    nonisolated func document() throws -> JSONValue {
        try CheckInDocument(day: day).json()
    }

    func add(_ continuation: AsyncStream<String>.Continuation) -> Int {
        counter += 1
        connections[counter] = continuation
        if watcher == nil {
            seen = marks()
            watcher = Task { [weak self] in
                var ticks = 0
                while !Task.isCancelled {
                    try? await Task.sleep(for: LiveHub.pollInterval)
                    ticks += 1
                    guard let self else { return }
                    await self.poll(refresh: ticks % LiveHub.refreshInterval == 0)
                }
            }
        }
        return counter
    }

    func remove(_ id: Int) {
        connections[id]?.finish()
        connections[id] = nil
        if connections.isEmpty {
            watcher?.cancel()
            watcher = nil
        }
    }

    /// The last check-in and the last action recorded: either changes what a door shows.
    private func marks() -> (checkIn: Int64, action: Int64) {
        ((try? day.store.lastCheckIn()) ?? seen.checkIn, (try? day.store.lastLiveAction(room: day.room)) ?? seen.action)
    }

    func broadcast() {
        seen = marks()
        guard let text = try? document().serialized() else { return }
        for continuation in connections.values { continuation.yield(text) }
    }

    func poll(refresh: Bool) {
        let now = marks()
        if refresh || now != seen { broadcast() }
    }
}
