/// The people of an agenda taken with a `roster: ID` that had an error while loading: an id
/// no listed roster defines, a roster that cannot be read or has errors, an id two rosters
/// define, or an agenda that lists no rosters. That error is the one message for the mistake;
/// the checks after loading use this record to say nothing more that follows from it.
public struct UnresolvedPeople: Sendable, Equatable {
    /// The agenda ids of those people (`id:` beside `roster:`, else the roster id written):
    /// no check of a single person (a zone for an online person, `described_as` for a
    /// protected one) reports them, since the roster would have given what they lack.
    public internal(set) var ids: Set<String> = []
    /// The ids that a stand-in took from the `roster:` it could not resolve (no `id:` beside
    /// it): they may be the typo itself, so they are never suggested for an unknown person.
    public internal(set) var written: Set<String> = []
    /// The roster ids those entries most likely meant, each the nearest to the id written
    /// and suggested by its error: a reference to one of them is not reported, since fixing
    /// the entry makes it right.
    public internal(set) var meant: Set<String> = []

    /// No unresolved people.
    public init() {}
}
