import ICal

/// What `convene replies` and `convene status` print of the answers people sent.
public enum ReplyReport {
    /// "Tue 2026-12-08 11:00–12:00 Europe/Kyiv": a proposed time in the venue's zone.
    public static func proposal(_ answer: ReplyAnswer, zone: String, zones: ZoneDirectory) -> String {
        guard let start = answer.proposedStart, let startTime = try? zones.zonedTime(Instant(seconds: start), in: zone) else { return "no time given" }
        var text = "\(startTime.date) \(startTime.clock)"
        if let end = answer.proposedEnd, let endTime = try? zones.zonedTime(Instant(seconds: end), in: zone) {
            text += "–" + (endTime.date == startTime.date ? "" : "\(endTime.date) ") + endTime.clock
        }
        return text + " " + zone
    }

    /// The lines under the status table: each person's answer per session, then the
    /// counter-proposals; empty when no answer was read.
    public static func statusLines(_ answers: [ReplyAnswer], history: CalendarHistory, zone: String, zones: ZoneDirectory) -> [String] {
        guard !answers.isEmpty else { return [] }
        let current = ReplyAnswer.current(answers)
        var rows: [[String]] = [["REPLIED", "SESSION", "ANSWER"]]
        for key in current.keys.sorted() {
            guard let answer = current[key] else { continue }
            var word = answer.word
            if answer.status == "DELEGATED", let to = answer.delegatedTo { word += " to " + to }
            let latest = history.latest[CalendarHistory.Key(owner: .person(answer.person), uid: answer.uid)]
            if let latest, latest.sequence > answer.sequence { word += " (to SEQUENCE \(answer.sequence); the invitation is now at \(latest.sequence))" }
            rows.append([answer.person.rawValue, answer.session.rawValue, word])
        }
        var lines = [""] + TextLayout.columns(rows)
        let counters = answers.filter { $0.method == "COUNTER" }
        if !counters.isEmpty {
            lines.append("")
            lines.append("Counter-proposals:")
            for counter in counters {
                lines += TextLayout.wrap("\(counter.person.rawValue) proposes \(proposal(counter, zone: zone, zones: zones)) for session \(counter.session.rawValue)"
                                         + (counter.comment.map { ": \"\($0)\"" } ?? ""), width: 80, first: "  ", rest: "    ")
            }
        }
        let coming = current.values.filter { $0.status == "ACCEPTED" }.count
        lines.append("")
        lines.append("\(coming) accepted, \(current.values.filter { $0.status == "TENTATIVE" }.count) tentative, \(current.values.filter { $0.status == "DECLINED" }.count) declined, \(current.values.filter { $0.status == "DELEGATED" }.count) delegated.")
        return lines
    }
}
