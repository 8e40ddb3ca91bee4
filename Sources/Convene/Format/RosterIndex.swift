/// The rosters an agenda names, loaded, and where each person id in them is defined.
struct RosterIndex {
    /// The rosters, in the order the agenda lists them.
    private(set) var loaded: [LoadedRoster] = []
    /// Whether a listed roster could not be read at all, or has errors (a person may be
    /// missing from it for one of them), so that ids not found are not reported one by one.
    var incomplete = false
    /// Every definition of each id: the roster's index in ``loaded`` and the person's in it.
    private var places: [String: [(roster: Int, person: Int)]] = [:]

    /// One definition of a person id.
    struct Definition {
        var roster: LoadedRoster
        var expert: Expert
        /// Where the id stands in the roster file.
        var location: SourceLocation

        /// `rosters/a.yaml:12:9`.
        var place: String { "\(roster.name):\(location)" }
    }

    /// Whether no roster was listed.
    var isEmpty: Bool { loaded.isEmpty && !incomplete }

    /// Whether a roster that messages name `name` is loaded already.
    func contains(name: String) -> Bool {
        loaded.contains { $0.name == name }
    }

    /// Adds a loaded roster.
    mutating func add(_ roster: LoadedRoster) {
        let index = loaded.count
        loaded.append(roster)
        guard let people = roster.roster?.people else {
            incomplete = true
            return
        }
        for (position, expert) in people.enumerated() where !expert.id.rawValue.isEmpty {
            if places[expert.id.rawValue]?.contains(where: { $0.roster == index }) == true { continue }
            places[expert.id.rawValue, default: []].append((index, position))
        }
    }

    /// Every definition of `id`, in the order the rosters are listed.
    func definitions(of id: String) -> [Definition] {
        (places[id] ?? []).compactMap { place in
            let roster = loaded[place.roster]
            guard let people = roster.roster?.people, place.person < people.count else { return nil }
            return Definition(roster: roster, expert: people[place.person], location: roster.location(ofPerson: place.person))
        }
    }

    /// Every id in the rosters, sorted, for suggestions.
    var ids: [String] { places.keys.sorted() }
}
