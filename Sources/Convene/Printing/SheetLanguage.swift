/// A language Convene prints sheets in, with dates and times written as people who read it
/// write them.
public enum SheetLanguage: String, Sendable, CaseIterable {
    case en, fr, uk

    /// The language of an agenda's sheets: the first of its languages Convene prints in, or
    /// English.
    public static func preferred(in languages: [String]) -> SheetLanguage {
        first(in: languages) ?? .en
    }

    /// The first of `languages` (codes such as `uk`, in any case) Convene prints in, if any.
    public static func first(in languages: [String]) -> SheetLanguage? {
        languages.lazy.compactMap { SheetLanguage(rawValue: $0.lowercased()) }.first
    }

    /// "Wednesday 19 October 2022", "mercredi 19 octobre 2022", "середа, 19 жовтня 2022 р.".
    public func date(_ date: LocalDate) -> String {
        let weekday = weekdays[date.weekday.index]
        let month = months[date.month - 1]
        switch self {
        case .en: return "\(weekday) \(date.day) \(month) \(date.year)"
        case .fr: return "\(weekday) \(date.day == 1 ? "1er" : String(date.day)) \(month) \(date.year)"
        case .uk: return "\(weekday), \(date.day) \(month) \(date.year) р."
        }
    }

    /// A clock time: "08:15" in English and Ukrainian, "8 h 15" in French.
    public func clock(_ time: ZonedTime) -> String {
        switch self {
        case .en, .uk: return time.clock
        case .fr:
            let minute = time.minuteOfDay % 60
            return "\(time.minuteOfDay / 60) h \(minute < 10 ? "0" : "")\(minute)"
        }
    }

    /// A span of clock times: "08:15–09:45", "8 h 15 – 9 h 45"; one that ends on a later
    /// day says so: "23:30–03:30 (+1 day)".
    public func span(_ start: ZonedTime, _ end: ZonedTime) -> String {
        let clocks = self == .fr ? "\(clock(start)) – \(clock(end))" : "\(clock(start))–\(clock(end))"
        return dayMark(from: start, to: end).map { clocks + " " + $0 } ?? clocks
    }

    /// "(+1 day)", "(+1 jour)", "(+1 день)" when `end` falls on a later date than `start`
    /// (an end at midnight closes the start's day and needs none); nil otherwise.
    public func dayMark(from start: ZonedTime, to end: ZonedTime) -> String? {
        var days = end.date.daysSinceEpoch - start.date.daysSinceEpoch
        if end.minuteOfDay == 0, end.civil.second == 0 { days -= 1 }
        guard days > 0 else { return nil }
        switch self {
        case .en: return "(+\(days) day\(days == 1 ? "" : "s"))"
        case .fr: return "(+\(days) jour\(days == 1 ? "" : "s"))"
        case .uk:
            let word = days % 10 == 1 && days % 100 != 11 ? "день" : (2...4).contains(days % 10) && !(12...14).contains(days % 100) ? "дні" : "днів"
            return "(+\(days) \(word))"
        }
    }

    /// A span in a place, dated when it starts on another date than `reference` (the venue's):
    /// "23:15–00:30 (+1 day) in Bishkek", "00:15–01:30 in Jakarta (Thursday 15 March 2018)".
    /// The date stands after the place it belongs to, so a list of places reads one way.
    public func localSpan(_ start: ZonedTime, _ end: ZonedTime, in zone: String, reference: LocalDate) -> String {
        let placed = time(span(start, end), in: zone)
        return start.date == reference ? placed : "\(placed) (\(date(start.date)))"
    }

    /// A number with the decimal separator of the language: "1.5", "1,5".
    public func decimal(_ text: String) -> String {
        self == .en ? text : text.replacingOccurrences(of: ".", with: ",")
    }

    /// A number of minutes: "10 min", "10 min", "10 хв" (with a no-break space).
    /// How many speak, where they may not be named: "3 speakers".
    public func speakerCount(_ count: Int) -> String {
        switch self {
        case .en: count == 1 ? "1 speaker" : "\(count) speakers"
        case .fr: count == 1 ? "1 personne intervenante" : "\(count) personnes intervenantes"
        case .uk: "Виступають: \(count)"
        }
    }

    public func minutes(_ count: Int) -> String {
        self == .uk ? "\(count)\u{A0}хв" : "\(count)\u{A0}min"
    }

    /// The city of an IANA zone as readers of the language name it: CLDR's exemplar city in
    /// French and Ukrainian ("Kaboul", "Кабул"), else the zone's own name ("America/New_York"
    /// is "New York").
    public func city(_ zone: String) -> String {
        let translated: String? = switch self {
        case .en: nil
        case .fr: ZoneCities.fr[zone]
        case .uk: ZoneCities.uk[zone]
        }
        if let translated { return translated }
        guard zone.contains("/"), !zone.hasPrefix("Etc/") else { return zone }
        return String(zone.split(separator: "/").last ?? Substring(zone)).replacingOccurrences(of: "_", with: " ")
    }

    /// A time in a place: "16:45 in Kabul", "16 h 45 à Kaboul", "16:45, Кабул".
    public func time(_ time: String, in zone: String) -> String {
        let city = city(zone)
        switch self {
        case .en: return "\(time) in \(city)"
        case .fr: return "\(time) à \(city)"
        case .uk: return "\(time), \(city)"
        }
    }

    private var weekdays: [String] {
        switch self {
        case .en: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        case .fr: ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
        case .uk: ["понеділок", "вівторок", "середа", "четвер", "пʼятниця", "субота", "неділя"]
        }
    }

    /// Month names as a date uses them (Ukrainian in the genitive: "19 жовтня").
    private var months: [String] {
        switch self {
        case .en: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        case .fr: ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
        case .uk: ["січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня", "жовтня", "листопада", "грудня"]
        }
    }
}
