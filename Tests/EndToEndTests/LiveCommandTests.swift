import ConveneTestSupport
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// `convene live` run as a user runs it: the addresses it prints, a server killed with
/// `kill -9` and started again, its stop on SIGTERM, and what it refuses on the command line.
@Suite("LiveCommand: convene live stopped and started again", .tags(.endToEnd))
struct LiveCommandTests {
    /// A running `convene live`, its output read from files (never pipes, as `convene()` does).
    final class Server {
        let process = Process()
        let output: URL

        init(_ arguments: [String], in folder: URL) throws {
            output = folder.appendingPathComponent("live-\(UUID().uuidString).out")
            _ = FileManager.default.createFile(atPath: output.path, contents: nil)
            let handle = try FileHandle(forWritingTo: output)
            process.executableURL = try conveneBinary()
            process.arguments = ["live"] + arguments
            process.currentDirectoryURL = folder
            process.standardOutput = handle
            process.standardError = handle
            process.standardInput = FileHandle.nullDevice
            try process.run()
            try handle.close()
        }

        var printed: String { (try? String(contentsOf: output, encoding: .utf8)) ?? "" }

        /// The console's address, once the server prints it (within 30 s).
        func console() throws -> String {
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline {
                if let line = printed.split(separator: "\n").first(where: { $0.contains("/console/") }),
                   let address = line.split(separator: " ").last {
                    return String(address)
                }
                guard process.isRunning else { break }
                Thread.sleep(forTimeInterval: 0.1)
            }
            throw CLIError(message: "convene live printed no console address: \(printed)")
        }

        /// Waits for the process to end (at most 15 s) and returns its status.
        func waitForExit() -> Int32? {
            let deadline = Date().addingTimeInterval(15)
            while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
            return process.isRunning ? nil : process.terminationStatus
        }

        func stop() {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            _ = waitForExit()
        }
    }

    /// One HTTP/1.1 request to `url` (`http://127.0.0.1:PORT/PATH` only) over a plain socket,
    /// answered within 10 s: the status and body. No proxy, no client library.
    func request(_ url: String, token: String? = nil, body: String? = nil) throws -> (status: Int, body: String) {
        guard url.hasPrefix("http://127.0.0.1:"), let slash = url.dropFirst(17).firstIndex(of: "/"),
              let port = UInt16(url.dropFirst(17)[..<slash]) else { throw CLIError(message: "not a loopback address: \(url)") }
        let path = String(url[slash...])
        var head = "\(body == nil ? "GET" : "POST") \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        if let token { head += "Authorization: Bearer \(token)\r\n" }
        if let body { head += "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n" }
        let message = Array((head + "\r\n" + (body ?? "")).utf8)
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw CLIError(message: "no socket") }
        defer { close(socket) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(socket, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw CLIError(message: "cannot connect to \(url)") }
        var sent = 0
        while sent < message.count {
            let written = message[sent...].withUnsafeBytes { send(socket, $0.baseAddress, $0.count, 0) }
            guard written > 0 else { throw CLIError(message: "cannot send to \(url)") }
            sent += written
        }
        var answer: [UInt8] = [], buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let read = recv(socket, &buffer, buffer.count, 0)
            guard read > 0 else { break }
            answer += buffer[..<read]
        }
        let text = String(decoding: answer, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { throw CLIError(message: "no answer from \(url)") }
        let status = Int(text[..<split.lowerBound].split(separator: " ").dropFirst().first ?? "") ?? 0
        return (status, String(text[split.upperBound...]))
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// The test agenda with its first day moved to `first` (`2026-12-07` → `first`, the next
    /// day after it).
    static func agenda(firstDay first: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Africa/Kinshasa") ?? .gmt
        func written(_ date: Date) -> String {
            let parts = calendar.dateComponents([.year, .month, .day], from: date)
            return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
        }
        return HiddenPeople.purposeMade.replacingOccurrences(of: "2026-12-08", with: written(first.addingTimeInterval(86_400)))
            .replacingOccurrences(of: "2026-12-07", with: written(first))
    }

    @Test("killed with kill -9 and started again, it serves the same day at the same addresses; SIGTERM stops it", .timeLimit(.minutes(2)))
    func resumesAfterKill() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // The day is today, so that start is taken.
        try Self.agenda(firstDay: Date()).write(to: folder.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        let arguments = ["a.yaml", "--port", "0", "--state", "s.db"]

        let first = try Server(arguments, in: folder)
        defer { first.stop() }
        let console = try first.console()
        let base = String(console[..<(try #require(console.range(of: "/console/"))).lowerBound])
        let token = String(console[(try #require(console.range(of: "/console/"))).upperBound...])
        #expect(token.count == 32)
        #expect(first.printed.contains("\(base)/board") && first.printed.contains("\(base)/timer"))
        #expect(first.printed.contains("Zarina Qasemi, online speaker"))
        #expect(try request(base + "/api/actions", token: token, body: #"{"action": "start"}"#).status == 200)
        #expect(try request(base + "/api/actions", token: token, body: #"{"action": "startTurn", "person": "open"}"#).status == 200)
        #expect(try request(base + "/api/actions", body: #"{"action": "next"}"#).status == 403)
        kill(first.process.processIdentifier, SIGKILL)
        #expect(first.waitForExit() == SIGKILL)

        let second = try Server(arguments, in: folder)
        defer { second.stop() }
        let again = try second.console()
        // A new port, the same token.
        #expect(again.hasSuffix("/console/\(token)"))
        let againBase = String(again[..<(try #require(again.range(of: "/console/"))).lowerBound])
        #expect(second.printed.contains("2 actions recorded"))
        let state = try json(try request(againBase + "/api/state", token: token).body)
        #expect(state["status"] as? String == "running")
        #expect(state["actions"] as? Int == 2)
        let current = try #require(state["current"] as? [String: Any])
        #expect(current["title"] as? String == "Panel")
        #expect((current["turn"] as? [String: Any])?["name"] as? String == "Amina Lusamba")
        let refused = try request(againBase + "/api/actions", token: token, body: #"{"action": "start"}"#)
        #expect(refused.status == 409)
        #expect(try json(refused.body)["error"] as? String == "'Panel' is running — use next to end it and start the next segment")

        kill(second.process.processIdentifier, SIGTERM)
        #expect(second.waitForExit() == 0)
    }

    @Test("on a day that is not the agenda's it says so and start is refused; --rehearsal runs the day today, kept apart", .timeLimit(.minutes(2)))
    func wrongDayAndRehearsal() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // The agenda's day is ten days ago.
        try Self.agenda(firstDay: Date().addingTimeInterval(-10 * 86_400)).write(to: folder.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        let real = try Server(["a.yaml", "--port", "0", "--state", "s.db"], in: folder)
        defer { real.stop() }
        let console = try real.console()
        let base = String(console[..<(try #require(console.range(of: "/console/"))).lowerBound])
        let token = String(console[(try #require(console.range(of: "/console/"))).upperBound...])
        #expect(real.printed.contains("is not the day of session 'open-panel'") && real.printed.contains("--rehearsal"))
        let refused = try request(base + "/api/actions", token: token, body: #"{"action": "start"}"#)
        #expect(refused.status == 409)
        #expect((try json(refused.body)["error"] as? String)?.contains("run convene live --rehearsal") == true)
        kill(real.process.processIdentifier, SIGTERM)
        #expect(real.waitForExit() == 0)

        let rehearsal = try Server(["a.yaml", "--port", "0", "--state", "s.db", "--rehearsal"], in: folder)
        defer { rehearsal.stop() }
        let again = try rehearsal.console()
        #expect(again.hasSuffix("/console/\(token)"))
        #expect(rehearsal.printed.contains("convene: rehearsal: the day runs on"))
        let againBase = String(again[..<(try #require(again.range(of: "/console/"))).lowerBound])
        #expect(try request(againBase + "/api/actions", token: token, body: #"{"action": "start"}"#).status == 200)
        kill(rehearsal.process.processIdentifier, SIGTERM)
        #expect(rehearsal.waitForExit() == 0)
        // What the real day reads of the store has no rehearsal in it.
        let report = try convene(["report", "a.yaml", "--actual", "--json", "--state", "s.db"], in: folder)
        #expect(report.status == 0)
        let actual = try #require(try json(report.stdout)["actual"] as? [String: Any])
        let sessions = try #require(actual["sessions"] as? [[String: Any]])
        let segments = sessions.flatMap { ($0["segments"] as? [[String: Any]]) ?? [] }
        #expect(!segments.isEmpty && segments.allSatisfy { $0["actual_seconds"] is NSNull })
    }

    @Test("it refuses to listen beyond this machine without --allow-remote, and an unknown --session")
    func remoteNeedsConsent() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try HiddenPeople.purposeMade.write(to: folder.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        let refused = try convene(["live", "a.yaml", "--bind", "0.0.0.0", "--state", "s.db"], in: folder)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("--allow-remote"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("s.db").path))
        let session = try convene(["live", "a.yaml", "--session", "nope", "--state", "s.db"], in: folder)
        #expect(session.status == 2)
        #expect(session.stderr.contains("no scheduled session 'nope'"))
        // Any address of 127.0.0.0/8 is this machine's: no consent needed, no warning.
        let server = try Server(["a.yaml", "--bind", "127.0.0.2", "--port", "0", "--state", "s.db"], in: folder)
        defer { server.stop() }
        _ = try server.console()
        #expect(!server.printed.contains("without TLS"))
    }

    @Test("TLS: the certificate and key are checked before anything is opened; with them, and behind a proxy, the printed addresses are the ones to open",
          .timeLimit(.minutes(1)))
    func tlsAndProxy() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try HiddenPeople.purposeMade.write(to: folder.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        let certificate = try SelfSignedCertificate()
        defer { try? FileManager.default.removeItem(at: certificate.folder) }
        let refusals: [([String], String)] = [
            (["--tls-cert", certificate.certificate], "--tls-cert needs --tls-key"),
            (["--tls-key", certificate.key], "--tls-key needs --tls-cert"),
            (["--tls-cert", certificate.certificate, "--tls-key", certificate.otherKey], "is not the key of the certificate"),
            (["--tls-cert", certificate.key, "--tls-key", certificate.key], "holds no PEM certificate"),
            (["--tls-cert", "missing.pem", "--tls-key", certificate.key], "--tls-cert missing.pem: no such file"),
            (["--public-url", "http://live.example.org/day"], "over plain HTTP"),
            (["--public-url", "https://live.example.org/day?x=1"], "without a query"),
            (["--public-url", "live.example.org"], "is not an address"),
        ]
        for (options, message) in refusals {
            let refused = try convene(["live", "a.yaml", "--state", "s.db"] + options, in: folder)
            #expect(refused.status == 2, "\(options)")
            #expect(refused.stderr.contains(message), "\(options): \(refused.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("s.db").path), "\(options)")
        }

        // With TLS, beyond this machine: every address is https, the console's included.
        let tls = try Server(["a.yaml", "--port", "0", "--state", "s.db", "--bind", "0.0.0.0",
                              "--tls-cert", certificate.certificate, "--tls-key", certificate.key], in: folder)
        defer { tls.stop() }
        let console = try tls.console()
        #expect(console.hasPrefix("https://") && tls.printed.contains("https://") && !tls.printed.contains("http://"))
        #expect(tls.printed.contains("give each only to its holder"))
        tls.stop()

        // Behind a proxy: the public address, under its path.
        let proxied = try Server(["a.yaml", "--port", "0", "--state", "s.db", "--public-url", "https://live.example.org/day/"], in: folder)
        defer { proxied.stop() }
        let token = try proxied.console()
        #expect(token.hasPrefix("https://live.example.org/day/console/"))
        #expect(proxied.printed.contains("https://live.example.org/day/board") && proxied.printed.contains("https://live.example.org/day/speaker/"))
        proxied.stop()

        // Plain HTTP beyond this machine: the board and the timer for everyone, the token
        // holders' addresses on this machine.
        let plain = try Server(["a.yaml", "--port", "0", "--state", "s.db", "--bind", "0.0.0.0", "--allow-remote"], in: folder)
        defer { plain.stop() }
        let here = try plain.console()
        #expect(here.hasPrefix("http://127.0.0.1:"))
        #expect(plain.printed.contains("console (moderator; keep it secret) (this machine only, without TLS):"))
        #expect(plain.printed.contains("Online speakers elsewhere need TLS"))
        #expect(try request(here).status == 200)
    }
}
