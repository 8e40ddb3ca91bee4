import Convene
import ConveneStore
import Foundation
import Hummingbird
import HummingbirdWebSocket

/// Check-in at the door: the door's page, the check-in API and its WebSocket. Only the door's
/// token and the console's open them; the board, the timer and the speakers' pages never see
/// who came (docs/live.md).
extension LiveServer {
    func addCheckInRoutes(to router: Router<LiveRequestContext>) {
        let server = self
        router.get("/door/:token") { request, context in
            let token = context.parameters.get("token") ?? ""
            guard server.day.mayCheckIn(token) else { return Self.forbidden(page: true) }
            let html = DoorPage(token: token, state: try server.doors.document(), language: server.language(for: .console, request: request), base: server.transport.basePath).html()
            return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
        }
        router.get("/api/checkin") { request, _ in
            guard server.day.mayCheckIn(Self.token(in: request)) else { return Self.forbidden(message: Self.checkInOnly) }
            return Self.json(try server.doors.document())
        }
        router.post("/api/checkin") { request, _ in
            try await server.checkIn(request)
        }
        router.ws("/ws/checkin", shouldUpgrade: { request, _ in
            guard request.headers[.upgrade]?.lowercased() == "websocket" else { throw HTTPError(.upgradeRequired) }
            guard server.day.mayCheckIn(Self.token(in: request)) else { throw HTTPError(.forbidden) }
            return .upgrade([:])
        }, onUpgrade: { inbound, outbound, _ in
            let (stream, continuation) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingNewest(1))
            let id = await server.doors.add(continuation)
            if let first = try? server.doors.document().serialized() { continuation.yield(first) }
            await Self.relay(stream, inbound: inbound, outbound: outbound)
            await server.doors.remove(id)
        })
    }

    /// Sends each text of `stream` to a WebSocket until the client goes: reading what it sends
    /// (nothing but pings and its close) tells when it has gone.
    static func relay(_ stream: AsyncStream<String>, inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter) async {
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { for try await _ in inbound {} }
                group.addTask { for await text in stream { try await outbound.write(.text(text)) } }
                _ = try await group.next()
                group.cancelAll()
            }
        } catch {}
    }

    static let checkInOnly = "only the door's token or the console's may check people in — send it as Authorization: Bearer TOKEN"

    /// `POST /api/checkin`: the door's or the console's token, then one mark in JSON.
    func checkIn(_ request: Request) async throws -> Response {
        guard day.mayCheckIn(Self.token(in: request)) else { return Self.forbidden(message: Self.checkInOnly) }
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: Self.maxBody)
        } catch {
            return Self.problem(.contentTooLarge, "a check-in is at most \(Self.maxBody) bytes of JSON")
        }
        let hint = "send {\"session\": ID, \"person\": ID, \"present\": true} (or false), or {\"session\": ID, \"unlisted\": GENDER, \"count\": N, \"expected\": N} for people not on the list"
        guard let posted = try? JSONDecoder().decode(PostedCheckIn.self, from: Data(body.readableBytesView)) else {
            return Self.problem(.badRequest, "the body is not a check-in in JSON — " + hint)
        }
        let session = SessionID(rawValue: posted.session)
        do {
            switch (posted.person, posted.present, posted.unlisted, posted.count) {
            case (let person?, let present?, nil, nil):
                try day.checkIn(PersonID(rawValue: person), session: session, present: present)
            case (nil, nil, let written?, let count?):
                guard let gender = Gender(rawValue: written) else {
                    return Self.problem(.badRequest, "'\(written)' is not a gender — give one of \(Gender.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                guard (0...CheckIn.maximumUnlisted).contains(count) else { throw CheckInError.badCount(count) }
                try day.setUnlisted(count, gender: gender, session: session, expected: posted.expected)
            default:
                return Self.problem(.badRequest, "a check-in is either a person's mark or an unlisted count — " + hint)
            }
        } catch let refused as CheckInError {
            if case .unlistedChanged = refused { return Self.problem(.conflict, refused.description) }
            return Self.problem(.badRequest, refused.description)
        } catch let problem as StoreError {
            return Self.problem(.serviceUnavailable, problem.description)
        }
        await doors.broadcast()
        return Self.json(try doors.document())
    }

    struct PostedCheckIn: Decodable {
        var session: String
        var person: String?
        var present: Bool?
        var unlisted: String?
        var count: Int?
        var expected: Int?
    }
}
