/// Names, lists and wrapping for the slots report's text.
struct SlotsWording {
    let agenda: Agenda
    let width: Int

    /// `first + text` as it stands when it fits, else wrapped with a hanging `rest`.
    func wrap(_ text: String, first: String = "", rest: String = "") -> [String] {
        DisplayWidth.of(first) + DisplayWidth.of(text) <= width ? [first + text] : TextLayout.wrap(text, width: width, first: first, rest: rest)
    }

    /// `text` and spaces up to `columns` display columns.
    func padded(_ text: String, to columns: Int) -> String {
        text + String(repeating: " ", count: max(0, columns - DisplayWidth.of(text)))
    }

    /// A person's name on one line (line breaks and tabs become spaces).
    func name(_ id: PersonID) -> String {
        let name = agenda.person(id)?.name ?? id.rawValue
        return String(name.map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }

    /// "A", "A and B", "A, B and C"; beyond six, the first five "and N others".
    func names(_ ids: [PersonID]) -> String {
        ids.count > 6 ? list(ids.prefix(5).map(name) + ["\(ids.count - 5) others"]) : list(ids.map(name))
    }

    func list(_ items: [String]) -> String {
        guard items.count > 1, let last = items.last else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + last
    }

    /// " (in the room)" or " (online)".
    func presence(_ group: NoSlotExplanation.Group) -> String {
        group.inPerson ? " (in the room)" : group.people.allSatisfy({ agenda.person($0)?.attendance == .online }) ? " (online)" : ""
    }

    /// " (Tue)" when `time` falls on another date than the venue's.
    func weekday(_ time: ZonedTime?, venueDate: LocalDate) -> String {
        guard let time, time.date != venueDate else { return "" }
        return " (\(time.date.weekday.name.prefix(3)))"
    }
}
