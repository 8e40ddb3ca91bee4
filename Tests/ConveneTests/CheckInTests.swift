import Convene
import ConveneStore
import ConveneTestSupport
import Foundation
import ICal
import Testing

/// Check-in at the door and what `report --actual` makes of it: attendance by gender, role and
/// sector beside the invited and the accepted; speaking time per track and per speaker.
@Suite("check-in, actual attendance, and speaking time per track and per speaker")
struct CheckInTests {
    static let agenda = header + """
        people:
          - { id: amina, name: Amina Yusuf, gender: woman, sector: civil-society }
          - { id: olena, name: Olena Koval, gender: woman, sector: government, visibility: organizers, described_as: a mediator }
          - { id: petro, name: Petro Bondar, gender: man, sector: government }
          - { id: chair, name: Mona Chair, gender: woman }
          - { id: guest, name: Ivan Gost, gender: man, sector: academia }
        sessions:
          - id: panel
            title: Panel
            track: "2"
            date: 2026-12-08
            start: "10:00"
            moderator: chair
            participants: [guest]
            segments:
              - { title: Opening, kind: opening, duration: 10m, speakers: [amina] }
              - { title: Discussion, kind: panel, duration: 30m, speakers: [amina, olena, petro], speaking: { amina: 10m, olena: 10m, petro: 10m } }
          - id: closed
            title: Closed talks
            track: "2"
            date: 2026-12-08
            start: "14:00"
            confidentiality: chatham-house
            moderator: chair
            segments:
              - { title: Talks, kind: panel, duration: 20m, speakers: [petro, amina] }
          - id: plenary
            title: Plenary
            track: "1"
            date: 2026-12-08
            start: "16:00"
            moderator: chair
            segments:
              - { title: Keynote, kind: keynote, duration: 15m, speakers: [guest] }

        """

    func at(_ clock: String) throws -> Instant {
        let parts = clock.split(separator: ":").compactMap { Int($0) }
        return try zones.instant(at: CivilTime(year: 2026, month: 12, day: 8, hour: parts[0], minute: parts[1]), in: "Europe/Kyiv")
    }

    func mark(_ person: PersonID, _ session: SessionID, _ present: Bool = true) throws -> CheckInMark {
        CheckInMark(session: session, person: person, present: present, at: try at("09:50"))
    }

    /// Amina, Olena and the guest came to the panel (Petro was marked, then unmarked), with two
    /// women and one person of no given gender not on the list; Petro and the chair came to the
    /// closed talks; nobody was checked in at the plenary.
    func checkIn() throws -> CheckIn {
        CheckIn(marks: [try mark("amina", "panel"), try mark("petro", "panel"), try mark("olena", "panel"), try mark("guest", "panel"),
                        try mark("petro", "panel", false), try mark("petro", "closed"), try mark("chair", "closed")],
                counts: [UnlistedCount(session: "panel", gender: .woman, count: 3, at: try at("10:00")),
                         UnlistedCount(session: "panel", gender: .undisclosed, count: 1, at: try at("10:00")),
                         UnlistedCount(session: "panel", gender: .woman, count: 2, at: try at("10:05"))])
    }

    func answer(_ person: PersonID, _ session: SessionID, _ status: String) -> ReplyAnswer {
        ReplyAnswer(key: "\(person) \(session)", person: person, session: session, uid: "\(session)@test", method: "REPLY", status: status,
                    delegatedTo: nil, sequence: 0, stamp: 1, proposedStart: nil, proposedEnd: nil, comment: nil, address: "\(person)@example.org",
                    source: "test", receivedAt: 1)
    }

    func attendance(_ audience: Audience) throws -> ConfirmedAttendance {
        ConfirmedAttendance(timeline: try timeline(Self.agenda), answers: [answer("amina", "panel", "ACCEPTED"), answer("petro", "panel", "DECLINED")],
                            audience: audience, checkIn: try checkIn())
    }

    @Test("the last mark wins, and an unlisted count is the last one set")
    func lastMarkWins() throws {
        let checkIn = try checkIn()
        #expect(checkIn.present["panel"] == ["amina", "olena", "guest"])
        #expect(checkIn.unlisted["panel"] == [.woman: 2, .undisclosed: 1])
        #expect(checkIn.unlistedTotal(in: "panel") == 3)
        #expect(checkIn.checked == ["panel", "closed"])
    }

    @Test("attendance by gender, role and sector beside invited and accepted, per session and for the event (each person once)")
    func attendanceFigures() throws {
        let attendance = try attendance(.organizers)
        let panel = try #require(attendance.sessions.first { $0.name == "Session panel" })
        // The panel's list: the chair, Amina, Olena, Petro and the guest; three came.
        #expect(panel.all.invited == 5 && panel.all.accepted == 1 && panel.all.present == 3)
        #expect(panel.byGender.first { $0.0 == "woman" }?.1.present == 2)
        #expect(panel.byGender.first { $0.0 == "man" }?.1.present == 1)
        #expect(panel.byRole.map { "\($0.0) \($0.1.invited)/\($0.1.present)" } == ["speakers 3/2", "moderators 1/0", "other participants 1/1"])
        #expect(panel.bySector.map { "\($0.0) \($0.1.present)" } == ["government 1", "civil-society 1", "academia 1", "no sector given 0"])
        #expect(panel.unlisted.map { "\($0.0) \($0.1)" } == ["woman 2", "undisclosed 1"])
        let closed = try #require(attendance.sessions.first { $0.name == "Session closed" })
        #expect(closed.all.present == 2 && closed.checked)
        let plenary = try #require(attendance.sessions.first { $0.name == "Session plenary" })
        #expect(!plenary.checked)
        // The event: all five came to something, each counted once.
        #expect(attendance.event.all.invited == 5 && attendance.event.all.present == 5)
        #expect(attendance.event.unlisted.map { "\($0.0) \($0.1)" } == ["woman 2", "undisclosed 1"])
        let text = attendance.attendanceText()
        // Women: the chair, Amina (who accepted) and Olena invited; Amina and Olena came, 2 of 3.
        #expect(text.contains("""
            SESSION PANEL                       INVITED   ACCEPTED    PRESENT      SHARE
            everyone                                  5          1          3       100%
              by gender
                woman                                 3          1          2        67%
                man                                   2          0          1        33%

            """), "\(text)")
        #expect(text.contains("  not on the list\n    woman                                                       2\n    undisclosed                                                 1\n"))
        #expect(text.contains("SESSION PLENARY                     INVITED   ACCEPTED    PRESENT      SHARE\n  no check-in recorded\n"))
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 80 })
        let json = try #require(try JSONSerialization.jsonObject(with: Data(attendance.attendanceJSON().serialized().utf8)) as? [String: Any])
        let sessions = try #require(json["sessions"] as? [[String: Any]])
        let women = (sessions.first?["by_gender"] as? [String: Any])?["woman"] as? [String: Int]
        #expect(women == ["invited": 3, "accepted": 1, "present": 2])
        #expect((sessions.last?["everyone"] as? [String: Any])?["present"] is NSNull, "the plenary was not checked in")
    }

    @Test("for the public: the closed session's attendance counts in the event only, and no one is named")
    func publicAttendance() throws {
        let attendance = try attendance(.public)
        #expect(attendance.sessions.map(\.name) == ["Session panel", "Session plenary"])
        #expect(attendance.event.all.present == 5)
        let text = attendance.attendanceText() + attendance.attendanceJSON().serialized()
        for name in ["Amina", "Olena", "Koval", "Petro", "Mona", "Ivan", "amina", "olena"] { #expect(!text.contains(name), "\(name)") }
    }

    func day() throws -> (LiveState, Timeline) {
        let timeline = try timeline(Self.agenda)
        var state = try LiveState(timeline: timeline, zones: try zones)
        let steps: [(LiveAction, String)] = [
            (.start, "10:00"), (.startTurn("amina"), "10:00"), (.endTurn("amina"), "10:09"),
            (.next, "10:10"), (.startTurn("petro"), "10:10"), (.endTurn("petro"), "10:28"),
            (.startTurn("amina"), "10:28"), (.endTurn("amina"), "10:34"), (.startTurn("olena"), "10:34"), (.endTurn("olena"), "10:40"),
            (.next, "10:40"), (.start, "14:00"), (.startTurn("petro"), "14:00"), (.endTurn("petro"), "14:15"), (.startTurn("amina"), "14:15"),
            (.next, "14:20"), (.start, "16:00"), (.startTurn("guest"), "16:00"), (.endTurn("guest"), "16:12"), (.next, "16:15"),
        ]
        for (action, clock) in steps { state = try state.applying(action, at: try at(clock)) }
        return (state, timeline)
    }

    @Test("speaking time per track by gender, the closed session counted in its track for the public too")
    func tracks() throws {
        let (state, timeline) = try day()
        for audience in [Audience.public, .organizers] {
            let speaking = ActualSpeaking(state: state, timeline: timeline, audience: audience, now: try at("17:00"))
            #expect(speaking.tracks.map(\.name) == ["Track 1", "Track 2"])
            let two = try #require(speaking.tracks.last)
            // Amina 10 + 10 + 10 and Olena 10 planned; they spoke 9 + 6 + 5 and 6. Petro 10 + 10
            // planned, spoke 18 + 15.
            #expect(two.byGender.first { $0.0 == "woman" }?.1 == .init(plannedSeconds: 40 * 60, actualSeconds: 26 * 60, speakers: 2))
            #expect(two.byGender.first { $0.0 == "man" }?.1 == .init(plannedSeconds: 20 * 60, actualSeconds: 33 * 60, speakers: 1))
            #expect(speaking.tracks.first?.total == .init(plannedSeconds: 15 * 60, actualSeconds: 12 * 60, speakers: 1))
            #expect(speaking.text().contains("""

                TRACK 2                                 PLANNED    ACTUAL     SHARE     SPOKE
                  woman                                   40:00     26:00       44%         2
                  man                                     20:00     33:00       56%         1

                """))
        }
    }

    @Test("each speaker's planned and actual minutes only in the organisers' report, the ones the public agenda does not name marked")
    func speakers() throws {
        let (state, timeline) = try day()
        let organizers = ActualSpeaking(state: state, timeline: timeline, audience: .organizers, now: try at("17:00"))
        #expect(organizers.speakers.map { "\($0.name) \($0.plannedSeconds / 60)/\($0.actualSeconds / 60)\($0.notPublic ? " *" : "")" }
                == ["Amina Yusuf 30/20 *", "Olena Koval 10/6 *", "Petro Bondar 20/33 *", "Ivan Gost 15/12"])
        let text = organizers.text()
        #expect(text.contains("""
                                                    PLANNED    ACTUAL      DIFF
              Amina Yusuf *                           30:00     20:00    -10:00
              Olena Koval *                           10:00      6:00     -4:00
              Petro Bondar *                          20:00     33:00    +13:00
              Ivan Gost                               15:00     12:00     -3:00

            """), "\(text)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(organizers.json().serialized().utf8)) as? [String: Any])
        let olena = try #require((json["speakers"] as? [[String: Any]])?.dropFirst().first)
        #expect(olena["person"] as? String == "olena" && olena["name"] as? String == "Olena Koval")
        #expect(olena["planned_seconds"] as? Int == 600 && olena["actual_seconds"] as? Int == 360 && olena["not_public"] as? Bool == true)
        for audience in [Audience.public, .participants] {
            let speaking = ActualSpeaking(state: state, timeline: timeline, audience: audience, now: try at("17:00"))
            #expect(speaking.speakers.isEmpty)
            let text = speaking.text() + speaking.json().serialized()
            for name in ["Amina", "Olena", "Koval", "Petro", "Ivan", "EACH SPEAKER"] { #expect(!text.contains(name), "\(name) for \(audience)") }
        }
    }

    @Test("the event store keeps each mark once, the last winning, across a reopening; a stale unlisted count is refused")
    func storeRoundTrip() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("e.convene.db").path
        let store = try EventStore(path: path, event: "test-event")
        #expect(try store.lastCheckIn() == 0)
        try store.recordCheckIn(try mark("amina", "panel"), recordedAt: 1)
        try store.recordCheckIn(try mark("amina", "panel"), recordedAt: 2)
        #expect(try store.lastCheckIn() == 1, "the same mark twice is one row")
        try store.recordCheckIn(try mark("guest", "panel"), recordedAt: 3)
        try store.recordCheckIn(try mark("amina", "panel", false), recordedAt: 4)
        try store.recordUnlisted(UnlistedCount(session: "panel", gender: .man, count: 2, at: try at("10:00")), expected: 0, recordedAt: 5)
        #expect(throws: CheckInError.unlistedChanged("panel", .man, expected: 1, found: 2)) {
            try store.recordUnlisted(UnlistedCount(session: "panel", gender: .man, count: 3, at: try at("10:01")), expected: 1, recordedAt: 6)
        }
        let reopened = try EventStore(path: path, event: "test-event")
        let checkIn = try reopened.checkIn()
        #expect(checkIn.present["panel"] == ["guest"])
        #expect(checkIn.unlisted(.man, in: "panel") == 2)
        #expect(try reopened.lastCheckIn() == 4)
        // Another event in the same file sees none of it.
        #expect(try EventStore(path: path, event: "other-event").checkIn().checked.isEmpty)
    }
}
