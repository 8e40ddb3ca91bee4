import Convene
import ConveneLive
import ConveneStore
import ConveneTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import HummingbirdWSClient
import Logging
import NIOCore
import NIOEmbedded
import NIOSSL
import Testing

/// How the live day reaches viewers elsewhere: TLS of its own with a certificate and key, a
/// proxy's public address, and plain HTTP that never serves a token to another machine
/// (docs/live.md, "Online speakers beyond the venue").
@Suite("LiveTransport: TLS, a proxy's address, and no token in clear beyond this machine")
struct LiveTransportTests {
    typealias Certificate = SelfSignedCertificate

    func fixture(transport: LiveTransport) throws -> (day: LiveDay, server: LiveServer) {
        let folder = try temporaryFolder()
        let timeline = try ConveneTestSupport.timeline(HiddenPeople.purposeMade)
        let store = try EventStore(path: folder.appendingPathComponent("live.convene.db").path, event: timeline.agenda.id)
        let day = try LiveDay(timeline: timeline, zones: try zones, store: store, clock: { LiveServerTests.opening })
        return (day, LiveServer(day: day, transport: transport))
    }

    /// Runs `server` on a free port of 127.0.0.1 while `body` runs with the port.
    func serving(_ server: LiveServer, _ body: @escaping @Sendable (Int) async throws -> Void) async throws {
        let (ports, port) = AsyncStream.makeStream(of: Int.self)
        let app = server.application(host: "127.0.0.1", port: 0) { port.yield($0) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            var iterator = ports.makeAsyncIterator()
            guard let listening = await iterator.next() else { throw CLIError(message: "the server did not start") }
            try await body(listening)
            group.cancelAll()
        }
    }

    // MARK: TLS

    @Test("with a certificate and key, the views, the API and the WebSocket are served over TLS, and plain HTTP is not",
          .timeLimit(.minutes(1)))
    func servesTLS() async throws {
        let certificate = try Certificate()
        let tls = try LiveTLS(certificatePath: certificate.certificate, keyPath: certificate.key)
        #expect(tls.notValidAfter > Date() && tls.notValidAfter < Date().addingTimeInterval(3 * 86400))
        let live = try fixture(transport: LiveTransport(tls: tls))
        var trusting = TLSConfiguration.makeClientConfiguration()
        trusting.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(certificate.certificate))
        let client = trusting
        let console = live.day.consoleToken
        try await serving(live.server) { port in
            let https = TestClient(host: "127.0.0.1", port: port, configuration: .init(tlsConfiguration: client, serverName: "localhost"))
            https.connect()
            let board = try await https.get("/board")
            #expect(board.status == .ok)
            #expect((board.body.map { String(buffer: $0) } ?? "").contains("<!doctype html>"))
            #expect(board.headers[.strictTransportSecurity] == "max-age=86400")
            #expect(try await https.get("/console/\(console)").status == .ok)
            let started = try await https.post("/api/actions", headers: [.authorization: "Bearer \(console)", .contentType: "application/json"],
                                                body: ByteBuffer(string: #"{"action": "start"}"#))
            #expect(started.status == .ok)
            try await https.shutdown()

            // The WebSocket over TLS: the console's state, its token crossing encrypted.
            let received = LiveServerTests.Received()
            try await WebSocketClient.connect(url: "wss://localhost:\(port)/ws?token=\(console)", tlsConfiguration: client,
                                              logger: Logger(label: "test")) { inbound, _, _ in
                var messages = inbound.messages(maxSize: 1 << 22).makeAsyncIterator()
                if case .text(let first) = try await messages.next() { await received.add(first) }
            }
            let texts = await received.texts
            #expect(texts.count == 1)
            #expect(texts.first?.contains("\"view\": \"console\"") == true && texts.first?.contains("\"status\": \"running\"") == true)

            // Plain HTTP on the TLS port gets no page; a client that does not trust the
            // certificate does not connect.
            let plain = TestClient(host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(5)))
            plain.connect()
            await #expect(throws: (any Error).self) { _ = try await plain.get("/board") }
            try? await plain.shutdown()
            let untrusting = TestClient(host: "127.0.0.1", port: port,
                                        configuration: .init(tlsConfiguration: .makeClientConfiguration(), timeout: .seconds(5), serverName: "localhost"))
            untrusting.connect()
            await #expect(throws: (any Error).self) { _ = try await untrusting.get("/board") }
            try? await untrusting.shutdown()
        }
    }

    @Test("a missing file, a key as the certificate, a certificate as the key and another certificate's key are each told apart")
    func badCertificates() throws {
        let certificate = try Certificate()
        let missing = certificate.folder.appendingPathComponent("missing.pem").path
        #expect(throws: LiveTLSError.unreadable(option: "--tls-cert", path: missing)) {
            try LiveTLS(certificatePath: missing, keyPath: certificate.key)
        }
        #expect(throws: LiveTLSError.unreadable(option: "--tls-key", path: missing)) {
            try LiveTLS(certificatePath: certificate.certificate, keyPath: missing)
        }
        #expect(throws: LiveTLSError.notCertificate(path: certificate.key)) {
            try LiveTLS(certificatePath: certificate.key, keyPath: certificate.key)
        }
        #expect(throws: LiveTLSError.notKey(path: certificate.certificate)) {
            try LiveTLS(certificatePath: certificate.certificate, keyPath: certificate.certificate)
        }
        #expect(throws: LiveTLSError.mismatch(certificate: certificate.certificate, key: certificate.otherKey)) {
            try LiveTLS(certificatePath: certificate.certificate, keyPath: certificate.otherKey)
        }
    }

    // MARK: Plain HTTP beyond this machine

    /// `server`'s answer to `method` `uri` from `peer`, arriving at `local`: the router run with
    /// a connection whose two ends are those addresses.
    func answer(_ server: LiveServer, _ uri: String, method: HTTPRequest.Method = .get, headers: HTTPFields = [:],
                from peer: String, to local: String = "192.0.2.1") async throws -> Response {
        let channel = EmbeddedChannel()
        channel.remoteAddress = try SocketAddress(ipAddress: peer, port: 50_000)
        channel.localAddress = try SocketAddress(ipAddress: local, port: 8080)
        let context = LiveRequestContext(source: .init(channel: channel, logger: Logger(label: "test")))
        var head = HTTPRequest(method: method, scheme: "http", authority: "192.0.2.1:8080", path: uri)
        head.headerFields = headers
        let request = Request(head: head, body: .init(buffer: ByteBuffer(string: method == .post ? #"{"action": "start"}"# : "")))
        return try await server.router().buildResponder().respond(to: request, context: context)
    }

    @Test("over plain HTTP, another machine gets the board, the timer and the public state, and no address with a token")
    func plainHTTPKeepsTokensHere() async throws {
        let live = try fixture(transport: .local)
        let console = live.day.consoleToken
        let speaker = try #require(live.day.speakerTokens[PersonID(rawValue: "shura")])
        let elsewhere = "198.51.100.7"
        for uri in ["/board", "/timer", "/api/state", "/board?lang=fr"] {
            #expect(try await answer(live.server, uri, from: elsewhere).status == .ok, "\(uri)")
        }
        let door = live.day.doorToken
        for uri in ["/console/\(console)", "/speaker/\(speaker)", "/api/state?token=\(console)", "/ws?token=\(speaker)",
                    "/door/\(door)", "/api/checkin?token=\(door)", "/ws/checkin?token=\(door)"] {
            let refused = try await answer(live.server, uri, from: elsewhere)
            #expect(refused.status == .forbidden, "\(uri)")
        }
        #expect(try await answer(live.server, "/api/state", headers: [.authorization: "Bearer \(console)"], from: elsewhere).status == .forbidden)
        let action = try await answer(live.server, "/api/actions", method: .post, headers: [.authorization: "Bearer \(console)", .contentType: "application/json"],
                                      from: elsewhere)
        #expect(action.status == .forbidden)
        // Nothing was recorded, and the console's page sent from elsewhere holds no token.
        #expect(try live.day.state().history.isEmpty)
        let page = try await answer(live.server, "/console/\(console)", from: elsewhere)
        let collected = Collected()
        try await page.body.write(BodyCollector(into: collected))
        let body = collected.text
        #expect(!body.contains(console) && body.contains("--tls-cert"))

        // On this machine (loopback, or its own address seen from itself), the console opens.
        for (peer, local) in [("127.0.0.1", "127.0.0.1"), ("::1", "::1"), ("192.0.2.1", "192.0.2.1")] {
            #expect(try await answer(live.server, "/console/\(console)", from: peer, to: local).status == .ok, "\(peer)")
        }
        let posted = try await answer(live.server, "/api/actions", method: .post, headers: [.authorization: "Bearer \(console)", .contentType: "application/json"],
                                      from: "127.0.0.1", to: "127.0.0.1")
        #expect(posted.status == .ok)
    }

    @Test("over TLS, another machine opens the addresses it holds a token for")
    func tlsServesTokensElsewhere() async throws {
        let certificate = try Certificate()
        let live = try fixture(transport: LiveTransport(tls: try LiveTLS(certificatePath: certificate.certificate, keyPath: certificate.key)))
        #expect(try await answer(live.server, "/console/\(live.day.consoleToken)", from: "198.51.100.7").status == .ok)
    }

    @Test("loopback addresses are told from others, IPv4, IPv6 and IPv4 mapped into IPv6")
    func loopback() {
        for address in ["127.0.0.1", "127.8.9.10", "::1", "[::1]", "::ffff:127.0.0.1", "localhost"] {
            #expect(LiveTransport.isLoopback(address), "\(address)")
        }
        for address in ["10.0.0.1", "0.0.0.0", "::", "128.0.0.1", "127.0.0", "::ffff:10.0.0.1", "fe80::1"] {
            #expect(!LiveTransport.isLoopback(address), "\(address)")
        }
    }

    // MARK: Behind a proxy

    @Test("behind a proxy at a path, the pages reach the API and the WebSocket under that path")
    func publicURL() async throws {
        let url = try #require(URL(string: "https://live.example.org/day/"))
        let live = try fixture(transport: LiveTransport(publicURL: url))
        #expect(live.server.transport.basePath == "/day")
        #expect(LiveTransport(publicURL: URL(string: "https://live.example.org")).basePath == "")
        let app = live.server.application(host: "127.0.0.1", port: 0)
        try await app.test(.router) { client in
            let root = try await client.execute(uri: "/", method: .get)
            #expect(root.status == .seeOther && root.headers[.location] == "/day/board")
            let page = String(buffer: try await client.execute(uri: "/console/\(live.day.consoleToken)", method: .get).body)
            #expect(page.contains("\"base\": \"/day\""))
            #expect(page.contains("config.base + \"/api/actions\"") && page.contains("config.base + \"/ws?\""))
        }
    }
}

/// The text a response body writes.
final class Collected: @unchecked Sendable {
    var text = ""
}

struct BodyCollector: ResponseBodyWriter {
    let into: Collected
    mutating func write(_ buffer: ByteBuffer) async throws { into.text += String(buffer: buffer) }
    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
