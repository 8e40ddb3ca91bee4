import ConveneTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `convene publish` where no server is needed: the command line, plain HTTP refused, the
/// credentials looked for, a server that is not there, and `--dry-run`. The publishing itself,
/// into a real CalDAV server, is `scripts/check-caldav.py` (make test).
@Suite("convene publish", .tags(.endToEnd))
struct PublishCommandTests {
    static let agenda = header + """
        organizer: { name: Org Events, email: events@example.org }
        people:
          - { id: ana, name: Ana Example, email: ana@example.org, visibility: public }
        sessions:
          - { id: one, title: Listening, date: 2026-12-08, start: "10:00", duration: 1h, participants: [ana] }
          - { id: two, title: Drafting, date: 2026-12-09, start: "10:00", duration: 1h, participants: [ana] }

        """

    static let password = "Quince-Harbour-4419"

    func setUp() throws -> URL {
        let folder = try temporaryFolder()
        try Self.agenda.write(to: folder.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        return folder
    }

    /// Runs convene in `folder` with no credentials of the machine's own: HOME is the folder
    /// (no ~/.netrc), and the variables empty unless `credentials` sets them.
    func run(_ arguments: [String], in folder: URL, credentials: Bool = false, environment: [String: String] = [:]) throws -> Run {
        var env = ["SOURCE_DATE_EPOCH": "1700000000", "HOME": folder.path, "NETRC": "",
                   "CONVENE_CALDAV_USER": credentials ? "organiser" : "", "CONVENE_CALDAV_PASSWORD": credentials ? Self.password : "",
                   "CONVENE_CALDAV_TIMEOUT": "10",
                   // A proxy of the machine's would stand between convene and 127.0.0.1.
                   "http_proxy": "", "https_proxy": "", "HTTP_PROXY": "", "HTTPS_PROXY": "", "all_proxy": "", "ALL_PROXY": "", "no_proxy": "*"]
        for (key, value) in environment { env[key] = value }
        return try convene(arguments, in: folder, environment: env)
    }

    /// A port on 127.0.0.1 where nothing listens: one the system gave and that was closed again.
    func closedPort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(bound == 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        try #require(named == 0)
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// The programme's entries in the store, by session, with whether each waits to be published.
    func programme(in folder: URL) throws -> [String: Bool] {
        let status = try run(["status", "a.yaml", "--json"], in: folder)
        #expect(status.status == 0, "\(status.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
        let entries = json?["entries"] as? [[String: Any]] ?? []
        var found: [String: Bool] = [:]
        for entry in entries where entry["person"] is NSNull {
            found[entry["session"] as? String ?? ""] = !(entry["pending"] is NSNull)
        }
        return found
    }

    @Test("--caldav is required, must be an http(s) URL of a collection, and may not hold credentials")
    func usage() throws {
        let folder = try setUp()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = try run(["publish", "a.yaml"], in: folder)
        #expect(missing.status == 2 && missing.stderr.contains("Missing expected argument '--caldav <url>'"), "\(missing.stderr)")
        let ftp = try run(["publish", "a.yaml", "--caldav", "ftp://calendar.example.org/c/"], in: folder)
        #expect(ftp.status == 2 && ftp.stderr.contains("is not an http:// or https:// URL"), "\(ftp.stderr)")
        let query = try run(["publish", "a.yaml", "--caldav", "https://calendar.example.org/c/?x=1"], in: folder)
        #expect(query.status == 2 && query.stderr.contains("has a query or fragment"), "\(query.stderr)")
        let inURL = try run(["publish", "a.yaml", "--caldav", "https://organiser:\(Self.password)@calendar.example.org/c/"], in: folder)
        #expect(inURL.status == 2, "\(inURL.stderr)")
        #expect(inURL.stderr.contains("the --caldav URL holds a user name or password, which the shell's history and the process list would keep — give https://calendar.example.org/c/ and set CONVENE_CALDAV_USER and CONVENE_CALDAV_PASSWORD"), "\(inURL.stderr)")
        #expect(!(inURL.stdout + inURL.stderr).contains(Self.password), "the password is never printed")
        #expect(try programme(in: folder).isEmpty, "nothing recorded")
    }

    @Test("plain http:// to another machine is refused, saying why, unless --insecure-http; to this machine it is allowed")
    func plainHTTP() throws {
        let folder = try setUp()
        defer { try? FileManager.default.removeItem(at: folder) }
        let refused = try run(["publish", "a.yaml", "--caldav", "http://calendar.example.org/dav/programme/"], in: folder, credentials: true)
        #expect(refused.status == 2, "\(refused.stderr)")
        #expect(refused.stderr.hasPrefix("Error: --caldav http:// would send the password and the programme to calendar.example.org unencrypted (HTTP Basic only encodes the password), for anyone on the network between to read — use https://, or pass --insecure-http if that network is your own\n"), "\(refused.stderr)")
        let allowed = try run(["publish", "a.yaml", "--caldav", "http://calendar.example.org/dav/programme/", "--insecure-http", "--dry-run"], in: folder)
        #expect(allowed.status == 0, "\(allowed.stderr)")
        for loopback in ["http://127.0.0.1:5232/p/", "http://localhost:5232/p/", "http://[::1]:5232/p/"] {
            let local = try run(["publish", "a.yaml", "--caldav", loopback, "--dry-run"], in: folder)
            #expect(local.status == 0, "\(loopback): \(local.stderr)")
        }
    }

    @Test("--dry-run lists each PUT, names the resource by its UID, sends and records nothing")
    func dryRun() throws {
        let folder = try setUp()
        defer { try? FileManager.default.removeItem(at: folder) }
        let dry = try run(["publish", "a.yaml", "--caldav", "https://calendar.example.org/dav/programme", "--dry-run"], in: folder)
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout == """
            2 resources would be published to https://calendar.example.org/dav/programme/:
              PUT public-one%40test-event.convene.ics — new event, SEQUENCE 0
                Listening — Test event
              PUT public-two%40test-event.convene.ics — new event, SEQUENCE 0
                Drafting — Test event

            """, "\(dry.stdout)")
        #expect(dry.stderr.contains("convene: note: no credentials for calendar.example.org — set CONVENE_CALDAV_USER and CONVENE_CALDAV_PASSWORD, or add 'machine calendar.example.org login USER password PASSWORD' to ~/.netrc"), "\(dry.stderr)")
        #expect(try programme(in: folder).isEmpty, "a dry run records nothing")
        let withUser = try run(["publish", "a.yaml", "--caldav", "https://calendar.example.org/dav/programme/", "--dry-run"], in: folder, credentials: true)
        #expect(withUser.stderr.contains("convene: note: would log in to calendar.example.org as organiser (from CONVENE_CALDAV_USER and CONVENE_CALDAV_PASSWORD)"), "\(withUser.stderr)")
        #expect(!(withUser.stdout + withUser.stderr).contains(Self.password))
    }

    @Test("credentials: none found, half of them, a netrc file named but missing, a broken netrc, a bad timeout: exit 1 before any request")
    func credentials() throws {
        let folder = try setUp()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = "https://calendar.example.org/dav/programme/"
        let none = try run(["publish", "a.yaml", "--caldav", url], in: folder)
        #expect(none.status == 1, "\(none.stderr)")
        #expect(none.stderr.hasSuffix("convene: error: no credentials for calendar.example.org — set CONVENE_CALDAV_USER and CONVENE_CALDAV_PASSWORD, or add 'machine calendar.example.org login USER password PASSWORD' to ~/.netrc (or to the file NETRC names); nothing published\n"), "\(none.stderr)")
        let half = try run(["publish", "a.yaml", "--caldav", url], in: folder, environment: ["CONVENE_CALDAV_USER": "organiser"])
        #expect(half.status == 1 && half.stderr.contains("CONVENE_CALDAV_USER is set but CONVENE_CALDAV_PASSWORD is not — set both, or neither and use ~/.netrc"), "\(half.stderr)")
        let gone = folder.appendingPathComponent("no-such-netrc").path
        let named = try run(["publish", "a.yaml", "--caldav", url], in: folder, environment: ["NETRC": gone])
        #expect(named.status == 1 && named.stderr.contains("convene: error: \(gone): NETRC names this file, which does not exist"), "\(named.stderr)")
        // A password with a space, unquoted: the file is wrong at its line, and no word of it is repeated.
        let broken = folder.appendingPathComponent("netrc")
        try "machine other.example.org login x password y\nmachine calendar.example.org login organiser password Quince Harbour\n".write(to: broken, atomically: true, encoding: .utf8)
        let bad = try run(["publish", "a.yaml", "--caldav", url], in: folder, environment: ["NETRC": broken.path])
        #expect(bad.status == 1, "\(bad.stderr)")
        #expect(bad.stderr.contains("convene: error: \(broken.path):2: a word that is not a netrc keyword (machine, default, login, password, account, macdef) — a password with a space in it goes in double quotes"), "\(bad.stderr)")
        #expect(!bad.stderr.contains("Harbour"), "no word of the file is repeated: \(bad.stderr)")
        let timeout = try run(["publish", "a.yaml", "--caldav", url], in: folder, credentials: true, environment: ["CONVENE_CALDAV_TIMEOUT": "0"])
        #expect(timeout.status == 1 && timeout.stderr.contains("CONVENE_CALDAV_TIMEOUT is '0', not a number of seconds from 1 to 3600"), "\(timeout.stderr)")
        #expect(try programme(in: folder).isEmpty, "nothing recorded")
    }

    @Test("a server that is not there: a connection error with the URL, exit 3, every version still waiting; the netrc's own entry is used")
    func noServer() throws {
        let folder = try setUp()
        defer { try? FileManager.default.removeItem(at: folder) }
        let port = try closedPort()
        let url = "http://127.0.0.1:\(port)/organiser/programme/"
        let netrc = folder.appendingPathComponent("netrc")
        try "default login someone password other\nmachine 127.0.0.1\n  login organiser\n  password \"\(Self.password)\"\n".write(to: netrc, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: netrc.path)
        let refused = try run(["publish", "a.yaml", "--caldav", url], in: folder, environment: ["NETRC": netrc.path])
        #expect(refused.status == 3, "\(refused.stderr)")
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr.contains("convene: error: PROPFIND \(url): could not connect to 127.0.0.1 (connection refused or dropped) — is the server running, and are the URL's host and port right?\n"), "\(refused.stderr)")
        #expect(refused.stderr.hasSuffix("convene: nothing published; 2 resources wait to be published\n"), "\(refused.stderr)")
        #expect(!(refused.stdout + refused.stderr).contains(Self.password))
        #expect(try programme(in: folder) == ["one": true, "two": true], "recorded, and waiting to be published")
    }

    @Test("nothing pending: no request is made (a closed port would fail), and it says nothing to publish; --all lists every session again")
    func nothingToPublish() throws {
        let folder = try setUp()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try run(["ics", "a.yaml", "-o", "out"], in: folder).status == 0)
        #expect(try run(["status", "a.yaml", "--mark-sent"], in: folder).status == 0)
        let url = "http://127.0.0.1:\(try closedPort())/organiser/programme/"
        let nothing = try run(["publish", "a.yaml", "--caldav", url], in: folder, credentials: true)
        #expect(nothing.status == 0, "\(nothing.stderr)")
        #expect(nothing.stdout.isEmpty)
        #expect(nothing.stderr.hasSuffix("convene: nothing to publish: every session's latest version was published (or marked sent) — --all puts them all again, into a new calendar say\n"), "\(nothing.stderr)")
        let all = try run(["publish", "a.yaml", "--caldav", url, "--all", "--dry-run"], in: folder)
        #expect(all.status == 0 && all.stdout.hasPrefix("2 resources would be published to \(url):\n"), "\(all.stdout)\(all.stderr)")
    }

    @Test("a removed session waits as a cancellation; --delete-cancelled lists it as a DELETE")
    func cancelled() throws {
        let folder = try setUp()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try run(["ics", "a.yaml", "-o", "out"], in: folder).status == 0)
        #expect(try run(["status", "a.yaml", "--mark-sent"], in: folder).status == 0)
        let without = Self.agenda.replacingOccurrences(of: "  - { id: two, title: Drafting, date: 2026-12-09, start: \"10:00\", duration: 1h, participants: [ana] }\n", with: "")
        try without.write(to: folder.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        let url = "https://calendar.example.org/dav/programme/"
        let kept = try run(["publish", "a.yaml", "--caldav", url, "--dry-run"], in: folder)
        #expect(kept.stdout == "1 resource would be published to \(url):\n  PUT public-two%40test-event.convene.ics — cancelled, SEQUENCE 1\n    Drafting — Test event\n", "\(kept.stdout)")
        let deleted = try run(["publish", "a.yaml", "--caldav", url, "--dry-run", "--delete-cancelled"], in: folder)
        #expect(deleted.stdout.hasPrefix("1 resource would be published to \(url):\n  DELETE public-two%40test-event.convene.ics — cancelled, removed, SEQUENCE 1\n"), "\(deleted.stdout)")
    }
}
