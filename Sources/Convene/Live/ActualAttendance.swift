/// Actual attendance, as `report --actual` shows it: who came (marked at the door or on the
/// console in `convene live`) beside who was invited and who accepted, by gender, role and
/// sector, for the event (each person once) and each session, with the people who came
/// without being on the list. Names nobody; the same scopes as ``ConfirmedAttendance``.
extension ConfirmedAttendance {
    /// The text `report --actual` adds, within 80 columns.
    public func attendanceText() -> String {
        var lines = ["", "ACTUAL ATTENDANCE · from the check-in in convene live; no person is named",
                     "Invited: the session's list. Accepted: their latest answer (convene replies).",
                     "Present: marked at the door. The event counts a person once, present if they",
                     "came to any session; people not on the list are counted apart, by gender."]
        for scope in [event] + sessions {
            lines.append("")
            lines.append(Self.attendanceRow(scope.name.uppercased(), ["INVITED", "ACCEPTED", "PRESENT", "SHARE"]))
            guard scope.checked else {
                lines.append("  no check-in recorded")
                continue
            }
            lines.append(Self.attendanceRow("everyone", Self.attendanceCells(scope.all, of: scope.all)))
            for (title, group) in [("by gender", scope.byGender), ("by role", scope.byRole), ("by sector", scope.bySector)] {
                lines.append("  " + title)
                for (name, counts) in group { lines.append(Self.attendanceRow("    " + name, Self.attendanceCells(counts, of: scope.all))) }
            }
            if !scope.unlisted.isEmpty {
                lines.append("  not on the list")
                for (gender, count) in scope.unlisted { lines.append(Self.attendanceRow("    " + gender, ["", "", String(count)])) }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Invited, accepted, present, and the group's share of those present.
    static func attendanceCells(_ counts: Counts, of all: Counts) -> [String] {
        let share = all.present > 0 ? InclusionText.percent(Double(counts.present) / Double(all.present)) : "—"
        return [String(counts.invited), String(counts.accepted), String(counts.present), share]
    }

    static func attendanceRow(_ name: String, _ cells: [String]) -> String {
        InclusionText.columns(name, labelWidth: 32, cells, cellWidth: 11)
    }

    /// As JSON, for `report --json --actual`: each group's invited, accepted and present
    /// (`present` is null for a scope where nobody was checked in), and the unlisted by gender.
    public func attendanceJSON() -> JSONValue {
        func counts(_ counts: Counts, checked: Bool) -> JSONValue {
            .object([("invited", .int(counts.invited)), ("accepted", .int(counts.accepted)), ("present", checked ? .int(counts.present) : .null)])
        }
        func scope(_ scope: Scope) -> JSONValue {
            func group(_ pairs: [(String, Counts)]) -> JSONValue { .object(pairs.map { ($0.0, counts($0.1, checked: scope.checked)) }) }
            return .object([("scope", .string(scope.name)), ("checked_in", .bool(scope.checked)), ("everyone", counts(scope.all, checked: scope.checked)),
                            ("by_gender", group(scope.byGender)), ("by_role", group(scope.byRole)), ("by_sector", group(scope.bySector)),
                            ("unlisted", .object(scope.unlisted.map { ($0.0, .int($0.1)) }))])
        }
        return .object([("event", scope(event)), ("sessions", .array(sessions.map(scope)))])
    }
}
