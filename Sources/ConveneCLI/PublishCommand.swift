import ArgumentParser
import Convene
import ConveneStore
import Foundation

struct PublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Publishes the public programme to a CalDAV calendar: one resource per session, updated in place, a removed session kept as cancelled.",
        discussion: """
            Each session of the public programme (the events of event.ics) is PUT as its own \
            resource, URL/UID.ics, holding that one event and its time zone, with no METHOD (RFC 4791). \
            Only what waits in the event store is sent: a new session, one whose time, place or link \
            changed (same resource, higher SEQUENCE), and a removed session, which stays in the \
            calendar as STATUS:CANCELLED so that subscribers see it cancelled rather than gone \
            (--delete-cancelled removes it instead). Each resource the server takes is recorded \
            published; a second run with nothing changed sends nothing. The user name and password \
            come from CONVENE_CALDAV_USER and CONVENE_CALDAV_PASSWORD, or from the netrc file ($NETRC, \
            else ~/.netrc: machine HOST login USER password PASSWORD), never from the command line. \
            --dry-run lists the requests and sends nothing. See docs/publishing.md.
            """
    )

    @Argument(help: "The agenda file.")
    var file: String

    @Option(name: .customLong("caldav"), help: ArgumentHelp("The calendar collection's URL, e.g. https://calendar.example.org/dav/events/programme/ (it must exist).", valueName: "url"))
    var caldav: String

    @Flag(help: "List the requests that would be sent; send and record nothing.")
    var dryRun = false

    @Flag(name: .customLong("insecure-http"), help: "Allow an http:// URL to another machine: the password and the programme then cross the network unencrypted.")
    var insecureHTTP = false

    @Flag(name: .customLong("delete-cancelled"), help: "DELETE a removed session's resource rather than keep it as cancelled.")
    var deleteCancelled = false

    @Flag(help: "Put every session's latest version, also those published or marked sent before: for a new or emptied calendar.")
    var all = false

    @OptionGroup var state: StateOption

    func validate() throws {
        do {
            _ = try CalDAVCollection(caldav, insecureHTTP: insecureHTTP)
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        let zones = try Terminal.zones()
        var valid = try Terminal.valid(file, zones: zones, then: "nothing published")
        let stamp = try Terminal.stamp()
        try Terminal.labels(for: valid.agenda)
        let environment = ProcessInfo.processInfo.environment
        let collection = try Terminal.reporting { try CalDAVCollection(caldav, insecureHTTP: insecureHTTP) }
        let timeout = try Terminal.reporting { try CalDAVClient.timeout(in: environment) }
        let credentials = try Terminal.reporting { try CalDAVCredentials.find(for: collection.host, environment: environment) }
        for warning in credentials?.warnings ?? [] { Terminal.error("convene: warning: \(warning)") }
        if !dryRun && credentials == nil {
            Terminal.error("convene: error: \(CalDAVError.noCredentials(host: collection.host)); nothing published")
            throw ExitCode(Terminal.Exit.invalidInput)
        }
        let storePath = state.path ?? EventStore.defaultPath(forAgenda: file, event: valid.agenda.id)
        let storeFolder = URL(fileURLWithPath: storePath).deletingLastPathComponent().path
        // One publish (or send) at a time for this store, so that no version goes twice.
        let lock = dryRun ? nil : try Terminal.reporting { try OutputFolderLock(storeFolder) }
        defer { withExtendedLifetime(lock) {} }
        let store = try Terminal.store(for: valid.agenda, agendaPath: file, state: state)
        valid = try Terminal.moved(valid, in: store, zones: zones, file: file)
        try Terminal.reporting {
            let draft = try CalendarOutputs.draft(timeline: valid.timeline, zones: zones, stamp: stamp)
            let history = try Terminal.history(of: draft, in: store, at: stamp, dryRun: dryRun)
            let resources = try CalendarOutputs.resources(of: draft, versions: CalendarOutputs.publishable(in: history, all: all), stamp: stamp)
            if resources.isEmpty {
                Terminal.error("convene: nothing to publish: every session's latest version was published (or marked sent) — --all puts them all again, into a new calendar say")
                return
            }
            if dryRun {
                Terminal.out(PublishReport.table(resources, in: collection, deleteCancelled: deleteCancelled))
                Terminal.error(credentials.map { "convene: note: would log in to \(collection.host) as \($0)" }
                               ?? "convene: note: \(CalDAVError.noCredentials(host: collection.host)) before publishing")
                return
            }
            try publish(resources, to: collection, through: CalDAVClient(credentials: credentials, timeout: timeout), store: store)
        }
    }

    /// Each resource in turn, recorded published as soon as the server has taken it; the first
    /// problem that concerns the whole collection (no connection, the credentials, no such
    /// collection) stops the run, and what was not published waits as before.
    func publish(_ resources: [CalendarResource], to collection: CalDAVCollection, through client: CalDAVClient, store: EventStore) throws {
        do {
            try client.check(collection)
        } catch {
            Terminal.error("convene: error: \(error)")
            Terminal.error("convene: nothing published; \(PublishReport.count(resources.count)) wait\(resources.count == 1 ? "s" : "") to be published")
            throw ExitCode(Terminal.Exit.cannotWrite)
        }
        var published = 0
        for resource in resources {
            let url = collection.resource(resource.name)
            let deleting = resource.cancelled && deleteCancelled
            do {
                if deleting { try client.delete(at: url) } else { try client.put(resource.calendar, at: url) }
            } catch {
                Terminal.error("convene: error: \(error)")
                if error.stopsPublishing { break }
                continue
            }
            try store.markSent(resource.version, at: try Terminal.stamp())
            published += 1
            Terminal.out("\(deleting ? "deleted" : "published") \(url.absoluteString) — \(PublishReport.what(resource, deleteCancelled: deleteCancelled))")
        }
        let waiting = resources.count - published
        if waiting == 0 {
            Terminal.error("convene: \(PublishReport.count(published)) published to \(collection.text)")
            return
        }
        Terminal.error("convene: \(published) of \(PublishReport.count(resources.count)) published; \(waiting) wait\(waiting == 1 ? "s" : "") to be published — run convene publish again once the problem is fixed")
        throw ExitCode(Terminal.Exit.cannotWrite)
    }
}

/// What `convene publish` lists.
enum PublishReport {
    static func count(_ count: Int) -> String {
        count == 1 ? "1 resource" : "\(count) resources"
    }

    /// What a resource says: `new event, SEQUENCE 0`, `update (time), SEQUENCE 1`, `cancelled, SEQUENCE 2`.
    static func what(_ resource: CalendarResource, deleteCancelled: Bool) -> String {
        let version = resource.version
        let kind: String
        switch version.kind {
        case .invite: kind = "new event"
        case .update:
            let changed = InvitationMeaning.fieldNames.filter(version.changed.contains)
            kind = changed.isEmpty ? "update" : "update (\(changed.joined(separator: ", ")))"
        case .cancellation, .uninvite: kind = deleteCancelled ? "cancelled, removed" : "cancelled"
        }
        return "\(kind), SEQUENCE \(version.sequence)"
    }

    /// The list of `--dry-run`: each request, what it carries, and the session's title.
    static func table(_ resources: [CalendarResource], in collection: CalDAVCollection, deleteCancelled: Bool) -> String {
        var lines = ["\(count(resources.count)) would be published to \(collection.text):"]
        for resource in resources {
            let method = resource.cancelled && deleteCancelled ? "DELETE" : "PUT"
            lines.append("  \(method) \(resource.name) — \(what(resource, deleteCancelled: deleteCancelled))")
            if !resource.version.entry.summary.isEmpty { lines.append("    \(resource.version.entry.summary)") }
        }
        return lines.joined(separator: "\n")
    }
}
