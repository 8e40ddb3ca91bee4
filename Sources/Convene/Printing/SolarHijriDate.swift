import Foundation

/// A date in the Solar Hijri calendar, the one Afghanistan lives by (Hamal, Sawr, …, Hut),
/// converted by Foundation's persian calendar, with its month names as CLDR gives them for
/// Dari (`fa_AF`: حمل، ثور، …) and Pashto (`ps`: وری، غویی، …).
struct SolarHijriDate: Sendable, Equatable {
    var year: Int
    /// 1 (Hamal) to 12 (Hut).
    var month: Int
    var day: Int

    init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The Solar Hijri date of a Gregorian one.
    init(_ date: LocalDate) {
        // Noon, so that no zone's offset moves the day.
        let noon = Date(timeIntervalSince1970: TimeInterval(date.daysSinceEpoch) * 86_400 + 43_200)
        let parts = Self.calendar.dateComponents([.year, .month, .day], from: noon)
        year = parts.year ?? 0
        month = parts.month ?? 1
        day = parts.day ?? 1
    }

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .persian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar
    }()

    /// The twelve month names in a CLDR locale (`fa_AF`, `ps`), as a date writes them.
    static func monthNames(locale: String) -> [String] {
        let formatter = DateFormatter()
        formatter.calendar = calendar
        formatter.locale = Locale(identifier: locale)
        return formatter.monthSymbols
    }

    static let dariMonths = monthNames(locale: "fa_AF")
    static let pashtoMonths = monthNames(locale: "ps")
}
