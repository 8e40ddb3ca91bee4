@testable import Convene
import Testing

/// What `convene publish` decides without a server: resource names, collection URLs, the
/// netrc file, and reading a PROPFIND answer.
@Suite("publishing to CalDAV")
struct PublishingTests {
    @Test("a resource is named by its UID, every character but the unreserved ones percent-encoded")
    func resourceNames() {
        #expect(CalendarResource.name(of: "public-day1@kyiv-2026.convene") == "public-day1%40kyiv-2026.convene.ics")
        #expect(CalendarResource.name(of: "a b/c?d#é~_") == "a%20b%2Fc%3Fd%23%C3%A9~_.ics")
    }

    @Test("a collection URL ends with a slash; http only to this machine, unless allowed; credentials and queries refused")
    func collections() throws {
        #expect(try CalDAVCollection("https://cal.example.org/dav/programme", insecureHTTP: false).text == "https://cal.example.org/dav/programme/")
        #expect(try CalDAVCollection("HTTPS://cal.example.org", insecureHTTP: false).text == "https://cal.example.org/")
        let local = try CalDAVCollection("http://127.0.0.1:5232/u/p/", insecureHTTP: false)
        #expect(local.host == "127.0.0.1" && local.resource("x%40y.ics").absoluteString == "http://127.0.0.1:5232/u/p/x%40y.ics")
        #expect(try CalDAVCollection("http://[::1]:5232/u/p/", insecureHTTP: false).host == "::1")
        #expect(throws: CalDAVError.plainHTTP("cal.example.org")) { try CalDAVCollection("http://cal.example.org/p/", insecureHTTP: false) }
        #expect(throws: CalDAVError.plainHTTP("127.0.0.1.example.org")) { try CalDAVCollection("http://127.0.0.1.example.org/p/", insecureHTTP: false) }
        #expect(try CalDAVCollection("http://cal.example.org/p/", insecureHTTP: true).host == "cal.example.org")
        #expect(throws: CalDAVError.credentialsInURL("https://cal.example.org/p/")) { try CalDAVCollection("https://me:secret@cal.example.org/p/", insecureHTTP: false) }
        for loopback in ["localhost", "LOCALHOST", "127.0.0.1", "127.1.2.3", "[::1]", "::1"] { #expect(CalDAVCollection.isLoopback(loopback), "\(loopback)") }
        for other in ["128.0.0.1", "127.0.0.256", "localhost.example.org", "10.0.0.1", "::2"] { #expect(!CalDAVCollection.isLoopback(other), "\(other)") }
    }

    @Test("netrc: machine entries over lines, default, quoted words, comments, macdef skipped; a stray word is an error at its line")
    func netrc() throws {
        let text = """
            # calendars
            machine ftp.example.org login anon password x
            macdef init
            cd /pub
            get file

            default login someone password fallback
            machine CAL.example.org
              login "organiser"
              account ignored
              password "two words \\" and a quote"
            """
        let file = try Netrc.parse(text)
        let entry = try #require(file.entry(for: "cal.example.org"))
        #expect(entry.login == "organiser" && entry.password == "two words \" and a quote" && entry.line == 8)
        #expect(file.entry(for: "elsewhere.example.org")?.login == "someone")
        #expect(file.entry(for: "ftp.example.org")?.password == "x")
        #expect(throws: Netrc.Problem(line: 2, message: "a word that is not a netrc keyword (machine, default, login, password, account, macdef) — a password with a space in it goes in double quotes")) {
            try Netrc.parse("machine a login b\n  password two words\n")
        }
        #expect(throws: Netrc.Problem(line: 1, message: "'login' comes before any 'machine' or 'default'")) { try Netrc.parse("login a password b") }
        #expect(throws: Netrc.Problem(line: 1, message: "a quoted word has no closing double quote")) { try Netrc.parse("machine a password \"open") }
    }

    @Test("a PROPFIND answer is a calendar when its resource type holds CalDAV's calendar, whatever the prefix")
    func calendarType() {
        let radicale = """
            <?xml version='1.0' encoding='utf-8'?>
            <multistatus xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><response><href>/u/p/</href><propstat><prop>
            <resourcetype><C:calendar /><collection /></resourcetype></prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>
            """
        #expect(CalDAVClient.isCalendar(radicale))
        #expect(CalDAVClient.isCalendar("<d:multistatus xmlns:d=\"DAV:\" xmlns:cal=\"urn:ietf:params:xml:ns:caldav\"><d:resourcetype><d:collection/><cal:calendar/></d:resourcetype></d:multistatus>"))
        #expect(!CalDAVClient.isCalendar("<multistatus xmlns=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\"><resourcetype><collection /></resourcetype></multistatus>"))
        #expect(!CalDAVClient.isCalendar("<multistatus xmlns=\"DAV:\"><resourcetype><collection/><calendar-proxy-read/></resourcetype></multistatus>"))
    }
}
