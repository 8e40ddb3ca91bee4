/// The words of `convene live`'s views in one language (the `live:` section of
/// `templates/labels/LANG.yaml`): what the console, the stage timer, the board and a speaker's
/// page say beyond the printed sheets' labels, which they share.
public struct LiveWords: Sendable {
    /// Each text by its key, placeholders unfilled.
    public internal(set) var texts: [String: String] = [:]
    /// "Running {n} min late", "{n} min early", by plural category.
    var counted: [String: [PluralCategory: String]] = [:]

    /// The keys of `live:` with the placeholders each must hold.
    static let keys: [(name: String, placeholders: [String])] = [
        ("now", []), ("upNext", []), ("notStarted", []), ("paused", []), ("between", []), ("over", []), ("onTime", []),
        ("skipped", []), ("alerts", []), ("offline", []), ("unreachable", []), ("refused", []),
        ("start", []), ("next", []), ("previous", []), ("pause", []), ("resume", []), ("skip", []),
        ("addMinutes", []), ("removeMinutes", []), ("keys", []), ("language", []),
        ("messagePlaceholder", []), ("showOnTimer", []), ("clearMessage", []), ("checkIn", []),
        ("moveSentence", ["session", "minutes"]), ("moveLater", []), ("moveButton", []), ("carryDelay", []), ("sessionLabel", []),
        ("doorTitle", []), ("doorSearch", []), ("doorNotOnList", []), ("doorCounts", ["present", "expected"]), ("doorUnlistedCount", ["n"]),
        ("doorNobody", []), ("doorUnreachable", []), ("doorPresent", []), ("doorAbsent", []), ("doorOneFewer", []), ("doorOneMore", []),
        ("doorSpeaker", []), ("doorModerator", []), ("doorParticipant", []),
        ("doorWomen", []), ("doorMen", []), ("doorNonBinary", []), ("doorUndisclosed", []),
        ("inTime", ["time"]), ("rehearsal", ["date"]), ("wrongDay", ["today", "title", "date"]),
        ("conflict", ["title", "time", "end", "minutes"]), ("workingHours", ["name", "title", "time", "zone", "minutes"]),
        ("venueEnd", ["title", "time", "minutes"]), ("laterDay", ["day", "title", "time", "minutes"]),
    ]
    /// The keys of `live:` with a form for each plural category.
    static let pluralKeys = ["minutesLate", "minutesEarly"]

    /// The text of `key`, its placeholders filled from `values`.
    public func text(_ key: String, _ values: [String: String] = [:]) -> String {
        LocaleFormat.fill(texts[key] ?? "", values)
    }

    /// Every text of the section as it is written, with `{n}` for a count (the English of
    /// these is what a page in another language must not show).
    public var all: [String: String] {
        var all = texts
        for (key, forms) in counted {
            for (category, form) in forms { all["\(key).\(category.rawValue)"] = form }
        }
        return all
    }
}

extension SheetLanguage {
    /// The words of the live views in this language.
    public var live: LiveWords { words.live }

    /// "Running 5 min late", "En retard de 5 min", "۵ دقیقه تأخیر" (`minutesLate`), or
    /// `minutesEarly` for a negative count, or "On time".
    public func lateness(_ minutes: Int) -> String {
        let live = self.live
        guard minutes != 0 else { return live.text("onTime") }
        return format.counted(abs(minutes), live.counted[minutes > 0 ? "minutesLate" : "minutesEarly"] ?? [:])
    }

    /// The ASCII digits of `text` in the language's digits ("12:05" → "۱۲:۰۵" in Dari).
    public func digits(in text: String) -> String {
        format.digits(in: text)
    }

    /// The language's name in itself, for a link to a page in it: "Français", "دری".
    public var ownName: String {
        switch self {
        case .en: "English"
        case .fr: "Français"
        case .uk: "Українська"
        case .es: "Español"
        case .ru: "Русский"
        case .ar: "العربية"
        case .faAF: "دری"
        case .ps: "پښتو"
        }
    }

    /// The ten digits the language writes numbers with, 0 to 9.
    public var digitCharacters: String { format.digits }
}
