/// Whether the system's tz database is older than the newest release Convene knows of
/// (``TZReleases``), and which of an agenda's zones the newer releases changed: an old database
/// prints and sends the old rules' hours, with nothing else to show for it.
extension TZReleases {
    /// `2025b` before `2026f`; nil when a name is not a release's.
    static func isOlder(_ a: String, than b: String) -> Bool? {
        func parts(_ name: String) -> (Int, String)? {
            guard name.count >= 5, let year = Int(name.prefix(4)) else { return nil }
            let letters = String(name.dropFirst(4))
            guard letters.allSatisfy({ ("a"..."z").contains($0) }) else { return nil }
            return (year, letters)
        }
        guard let x = parts(a), let y = parts(b) else { return nil }
        if x.0 != y.0 { return x.0 < y.0 }
        return x.1.count != y.1.count ? x.1.count < y.1.count : x.1 < y.1
    }

    /// The releases newer than `system`, each with the zones of `zones` it changed for events
    /// from `fromYear` on (a change to future timestamps, or to the past from the year before).
    public static func newer(than system: String, zones: Set<String>, fromYear: Int) -> (releases: [String], changed: [String: [String]])? {
        guard let older = isOlder(system, than: newest), older else { return nil }
        let releases = all.filter { isOlder(system, than: $0.name) == true }
        var changed: [String: [String]] = [:]
        for release in releases.reversed() {
            for change in release.changes where zones.contains(change.zone) {
                if change.future || (change.latestYear ?? Int.max) >= fromYear - 1 { changed[change.zone, default: []].append(release.name) }
            }
        }
        return (releases.map(\.name), changed)
    }

    /// The warning to print, or nil when the system's database is current.
    public static func warning(system: String, zones: Set<String>, fromYear: Int) -> String? {
        guard let found = newer(than: system, zones: zones, fromYear: fromYear) else { return nil }
        let advice = "update tzdata (Debian, Ubuntu: sudo apt-get install tzdata; or make deps in Convene's folder)"
        let start = "the system's tz database is release \(system), older than \(newest), which Convene knows of"
        if found.changed.isEmpty {
            return "\(start); the releases since changed none of this agenda's zones, but \(advice)"
        }
        let list = found.changed.keys.sorted().map { "\($0) (\(found.changed[$0, default: []].joined(separator: ", ")))" }
        return "\(start): the releases since changed \(list.joined(separator: ", ")), so times there may be wrong — \(advice)"
    }
}
