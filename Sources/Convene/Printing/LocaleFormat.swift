/// How one language writes dates, clock times, numbers and counts, from the Unicode CLDR
/// (generated into ``LocaleFormats`` by scripts/cldr-data.py, with Convene's few departures
/// from CLDR written there with their reasons).
///
/// Patterns hold placeholders: `{weekday}`, `{day}`, `{month}`, `{year}` in dates, `{H}`,
/// `{HH}` and `{mm}` in clock times, `{n}` in counts.
struct LocaleFormat: Sendable {
    /// The CLDR locale the data is from, e.g. `en_GB`, `fa_AF`.
    let locale: String
    /// Whether the language is written right to left (Arabic, Dari, Pashto).
    let rightToLeft: Bool
    /// The ten digits, 0 to 9, the language's numbers are printed with.
    let digits: String
    let decimalSeparator: String
    /// Monday first, as dates write them.
    let weekdays: [String]
    /// As a date writes them (Ukrainian and Russian in the genitive: "19 жовтня").
    let months: [String]
    /// The full date, e.g. "{weekday} {day} {month} {year}".
    let date: String
    /// How the first of the month is written when not as a number ("1er" in French).
    let firstDay: String?
    /// A time on the 24-hour clock, e.g. "{HH}:{mm}", "{H} h {mm}".
    let clock: String
    /// Between the start and end of a span: "–", " – ", " تا ".
    let spanSeparator: String
    /// A date with a time: "{date}, {time}", "{date}، ساعت {time}".
    let dateTime: String
    /// Between the items of a list: ", ", "، ", " و" (Arabic joins every item with "and").
    let listSeparator: String
    let plural: PluralRules
    /// "{n} day", by plural category.
    let days: [PluralCategory: String]
    /// "{n} min", by plural category.
    let minutes: [PluralCategory: String]
    /// The pattern of the Solar Hijri date printed beside the Gregorian one (Dari and Pashto),
    /// e.g. "{day} {month} {year}"; nil for languages that print the Gregorian date alone.
    let solarHijri: String?
    /// The names people write for the language, lowercased ("dari", "دری", "français").
    let names: [String]

    /// What the date-time pattern puts between the date and the time: ", ", "، ساعت ".
    var dateTimeSeparator: String {
        guard let date = dateTime.range(of: "{date}"), let time = dateTime.range(of: "{time}"), date.upperBound <= time.lowerBound else { return ", " }
        return String(dateTime[date.upperBound..<time.lowerBound])
    }

    /// `number` in the language's digits.
    func number(_ number: Int) -> String {
        digits(in: String(number))
    }

    /// The ASCII digits of `text` in the language's digits; everything else as it is.
    func digits(in text: String) -> String {
        guard digits != "0123456789" else { return text }
        let native = Array(digits)
        return String(text.map { character in
            guard let ascii = character.asciiValue, (48...57).contains(ascii) else { return character }
            return native[Int(ascii - 48)]
        })
    }

    /// The form of `forms` for `count`, with `{n}` replaced by the count in the language's digits.
    func counted(_ count: Int, _ forms: [PluralCategory: String]) -> String {
        let form = forms[plural.category(of: count)] ?? forms[.other] ?? "{n}"
        return form.replacingOccurrences(of: "{n}", with: number(count))
    }

    /// A pattern with its placeholders filled in.
    static func fill(_ pattern: String, _ values: [String: String]) -> String {
        var result = ""
        var rest = pattern[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result += rest[..<open]
            let name = String(rest[rest.index(after: open)..<close])
            result += values[name] ?? String(rest[open...close])
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }
}
