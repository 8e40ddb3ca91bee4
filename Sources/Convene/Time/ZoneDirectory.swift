import Foundation
import ICal

/// The names in the system's time-zone database (`/usr/share/zoneinfo`, or `$TZDIR`):
/// which names are current, which are legacy aliases and what they stand for, and the
/// database's version.
///
/// It reads `tzdata.zi`, the compact source the database ships, once when made; pass the
/// value to whatever needs it.
public struct ZoneDirectory: Sendable {
    /// What a zone name written in an agenda turns out to be.
    public enum Lookup: Equatable, Sendable {
        /// A current IANA name.
        case current(String)
        /// A legacy alias (`Europe/Kiev`, `US/Eastern`) of the current name given.
        case alias(of: String)
        /// Not a zone; the nearest current name, when one is close.
        case unknown(suggestion: String?)
    }

    /// The folder the database was read from.
    public let directory: String
    /// The release, e.g. `2025b`.
    public let version: String
    /// Conversions between wall-clock times and instants, through libical.
    public let engine: TimeZoneEngine
    private let currentNames: Set<String>
    private let aliases: [String: String]
    private let countries: [String: String]

    /// Problems reading the database.
    public enum LoadError: Error, CustomStringConvertible {
        case missing(path: String)

        public var description: String {
            switch self {
            case .missing(let path):
                "cannot read the time-zone database at \(path) — install it (Debian: apt-get install tzdata) or set TZDIR"
            }
        }
    }

    /// Reads the database in `directory`, by default `$TZDIR` or `/usr/share/zoneinfo`.
    public init(directory: String? = nil) throws {
        let folder = directory ?? ProcessInfo.processInfo.environment["TZDIR"] ?? "/usr/share/zoneinfo"
        let path = folder + "/tzdata.zi"
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw LoadError.missing(path: path)
        }
        var version = "unknown"
        var zones = Set<String>()
        var links: [String: String] = [:]
        for line in text.split(separator: "\n") {
            if line.hasPrefix("# version ") {
                version = String(line.dropFirst("# version ".count))
            } else if line.hasPrefix("Z ") {
                let parts = line.split(separator: " ")
                if parts.count > 1 { zones.insert(String(parts[1])) }
            } else if line.hasPrefix("L ") {
                let parts = line.split(separator: " ")
                if parts.count > 2 { links[String(parts[2])] = String(parts[1]) }
            }
        }
        // A link that a country table lists (e.g. Europe/Amsterdam in builds without
        // backzone) is a current name in its own right, and so is plain UTC.
        var listed: Set<String> = ["UTC"]
        // The country of each zone: zone.tab's one code per zone first; zone1970.tab, whose
        // first code is the country of the zone's principal location, for the zones only it lists.
        var countries: [String: String] = [:]
        for table in ["zone.tab", "zone1970.tab"] {
            guard let data = FileManager.default.contents(atPath: folder + "/" + table),
                  let text = String(data: data, encoding: .utf8) else { continue }
            for line in text.split(separator: "\n") where !line.hasPrefix("#") {
                let columns = line.split(separator: "\t")
                guard columns.count > 2 else { continue }
                let zone = String(columns[2])
                listed.insert(zone)
                if countries[zone] == nil, let code = columns[0].split(separator: ",").first, code.count == 2 {
                    countries[zone] = code.uppercased()
                }
            }
        }
        for name in listed where links[name] != nil {
            links[name] = nil
            zones.insert(name)
        }
        self.directory = folder
        self.version = version
        self.engine = TimeZoneEngine()
        self.currentNames = zones
        self.aliases = links
        self.countries = countries
    }

    /// The ISO 3166 code of the country a zone is in, as the database's country tables
    /// (`zone.tab`, then `zone1970.tab`) say: `US` for America/New_York, `NL` for
    /// Europe/Amsterdam. A legacy alias is looked up under its current name too; `nil` for a
    /// zone of no country (`UTC`, `Etc/GMT+5`) or a database without the tables.
    public func country(of zone: String) -> String? {
        countries[zone] ?? currentName(for: zone).flatMap { countries[$0] }
    }

    /// What `name` is: current, an alias, or unknown with the nearest current name.
    public func lookup(_ name: String) -> Lookup {
        if currentNames.contains(name) { return .current(name) }
        if let target = aliases[name] { return .alias(of: resolve(target)) }
        return .unknown(suggestion: suggestion(for: name))
    }

    /// The current name for `name` when it is a current name or a legacy alias; `nil` otherwise.
    /// Unlike ``lookup(_:)`` it never searches for a suggestion, so it is cheap enough to call
    /// for every time in a calendar.
    public func currentName(for name: String) -> String? {
        if currentNames.contains(name) { return name }
        return aliases[name].map(resolve)
    }

    /// The hint for a zone name that is not in the database, given the nearest one.
    public static func hint(forUnknown suggestion: String?) -> String {
        suggestion.map { "did you mean '\($0)'?" } ?? "use an IANA zone name such as Europe/Kyiv or America/New_York"
    }

    /// Every current zone name, sorted.
    public var names: [String] { currentNames.sorted() }

    private func resolve(_ name: String) -> String {
        var name = name
        var hops = 0
        while let next = aliases[name], hops < 8 {
            name = next
            hops += 1
        }
        return name
    }

    private func suggestion(for name: String) -> String? {
        let all = Array(currentNames) + Array(aliases.keys)
        if let exact = all.first(where: { $0.lowercased() == name.lowercased() }) {
            return aliases[exact].map(resolve) ?? exact
        }
        if let near = Suggestion.nearest(to: name, in: all) {
            return aliases[near].map(resolve) ?? near
        }
        // "Kyiv" or "kabul" alone: match the city part of current names.
        let city = name.split(separator: "/").last.map(String.init) ?? name
        var byCity: [String: String] = [:]
        for zone in currentNames {
            if let last = zone.split(separator: "/").last { byCity[String(last)] = zone }
        }
        return Suggestion.nearest(to: city, in: byCity.keys.sorted()).flatMap { byCity[$0] }
    }
}
