import ICal

/// Every calendar file `convene ics` writes into its folder: `event.ics` (PUBLISH),
/// `invites/PERSON-ID.ics` (REQUEST), `cancellations/…` (CANCEL) for what is gone since the
/// last run, and the state file that remembers what was sent.
public enum CalendarOutputs {
    /// The folders whose files only the current run's calendars decide: an invite for someone
    /// no longer taking part, or a cancellation already sent, is not left to be sent again.
    public static let prunedFolders = ["invites/", "cancellations/"]

    public struct Result: Sendable {
        public var files: [OutputFile]
        public var warnings: [String]
    }

    /// Why no calendars can be made for an agenda.
    public struct NoOrganizer: Error, Sendable, CustomStringConvertible {
        public var description: String {
            "the agenda has no organizer with an email, and calendars name the organizer (replies go there) — add organizer: { name: ..., email: ... }"
        }
    }

    /// The calendar files for `timeline`, given what was sent before; `event.ics` names people
    /// as `audience` may see them.
    public static func make(timeline: Timeline, zones: ZoneDirectory, stamp: Int64, previous: SentCalendars,
                            audience: Audience = .public) throws -> Result {
        guard timeline.agenda.organizer?.email != nil else { throw NoOrganizer() }
        let invites = Invites(timeline: timeline, zones: zones, stamp: stamp)
        var documents: [String: CalendarDocument] = ["event.ics": try invites.published(for: audience)]
        var owners: [String: CalendarDocument.Party] = [:]
        let (invited, withoutEmail) = invites.invitees()
        for person in invited {
            guard let email = person.email else { continue }
            let file = "invites/\(person.id).ics"
            documents[file] = try invites.invite(for: person)
            owners[file] = .init(name: person.name, email: email)
        }
        let (current, cancellations, state) = previous.update(documents, owners: owners, stamp: stamp)
        var paths: [String] = [], batch: [CalendarDocument] = []
        for (file, document) in current.sorted(by: { $0.key < $1.key }) {
            paths.append(file)
            batch.append(document)
        }
        for (file, document) in cancellations.sorted(by: { $0.key < $1.key }) {
            paths.append("cancellations/" + file)
            batch.append(document)
        }
        var files = zip(paths, try CalendarWriter.texts(of: batch)).map { OutputFile(path: $0, contents: $1) }
        files.append(OutputFile(path: SentCalendars.fileName, contents: state.json().serialized()))
        let warnings = withoutEmail.map { "\($0.name) (\($0.id)) takes part but has no email, so gets no invite — add email: to send one" }
        return Result(files: files, warnings: warnings)
    }
}
