import Convene
import ConveneStore
import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import HummingbirdWebSocket

/// The live day served over HTTP: the JSON API (docs/live-api.yaml), the WebSocket that pushes
/// each view's state, and the views themselves (the console, the stage timer, the public board
/// and each online speaker's page).
///
/// Only the console's token records actions (`POST /api/actions`); the board and the timer
/// need none and show the day as the public agenda does; a speaker's token opens her page and
/// nothing else.
public struct LiveServer: Sendable {
    public let day: LiveDay
    /// TLS or plain HTTP, and the public address behind a proxy.
    public let transport: LiveTransport
    let hub: LiveHub
    /// The check-in pages' WebSockets.
    let doors: CheckInHub

    /// The largest request body read, in bytes: an action is a few dozen.
    static let maxBody = 16 * 1024

    public init(day: LiveDay, transport: LiveTransport = .local) {
        self.day = day
        self.transport = transport
        hub = LiveHub(day: day)
        doors = CheckInHub(day: day)
    }

    /// The application serving the live day on `host`:`port` (0 picks a free port), over TLS
    /// when the transport has a certificate; `onRunning` is told the port once the server listens.
    public func application(host: String, port: Int, onRunning: @escaping @Sendable (Int) async -> Void = { _ in })
        -> Application<RouterResponder<LiveRequestContext>> {
        let router = router()
        let plain: HTTPServerBuilder = .http1WebSocketUpgrade(webSocketRouter: router)
        // The configuration was made into a context once already (LiveTLS), so this does not fail.
        let server = transport.tls.flatMap { try? HTTPServerBuilder.tls(plain, tlsConfiguration: $0.configuration) } ?? plain
        return Application(router: router, server: server,
                           configuration: .init(address: .hostname(host, port: port), serverName: "convene live"),
                           onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) })
    }

    /// Every route.
    public func router() -> Router<LiveRequestContext> {
        let router = Router(context: LiveRequestContext.self)
        router.middlewares.add(LiveHeaders(tls: transport.tls != nil))
        router.middlewares.add(LiveTokenGuard(transport: transport))
        let server = self
        router.get("/") { _, _ in
            Response(status: .seeOther, headers: [.location: server.transport.basePath + "/board"])
        }
        router.get("/api/state") { request, _ in
            guard let viewer = server.day.viewer(for: Self.token(in: request)) else { return Self.forbidden() }
            let zone: String?
            switch server.zone(of: request) {
            case .success(let chosen): zone = chosen
            case .failure(let problem): return Self.problem(.badRequest, problem.description)
            }
            return try Self.json(server.hub.document(for: viewer, language: server.language(for: viewer, request: request), zone: zone))
        }
        router.post("/api/actions") { request, context in
            try await server.act(request)
        }
        router.get("/console/:token") { request, context in
            let token = context.parameters.get("token") ?? ""
            guard server.day.viewer(for: token) == .console else { return Self.forbidden(page: true) }
            return try server.page(.console, token: token, request: request)
        }
        router.get("/speaker/:token") { request, context in
            let token = context.parameters.get("token") ?? ""
            guard let viewer = server.day.viewer(for: token), case .speaker = viewer else { return Self.forbidden(page: true) }
            return try server.page(viewer, token: token, request: request)
        }
        router.get("/board") { request, _ in
            try server.page(.board, token: nil, request: request)
        }
        router.get("/timer") { request, _ in
            try server.page(.board, token: nil, request: request, timer: true)
        }
        addCheckInRoutes(to: router)
        router.ws("/ws", shouldUpgrade: { request, _ in
            // A plain GET, without the WebSocket handshake, is told what it must do.
            guard request.headers[.upgrade]?.lowercased() == "websocket" else { throw HTTPError(.upgradeRequired) }
            guard server.day.viewer(for: Self.token(in: request)) != nil else { throw HTTPError(.forbidden) }
            if case .failure(let problem) = server.zone(of: request) { throw HTTPError(.badRequest, message: problem.description) }
            return .upgrade([:])
        }, onUpgrade: { inbound, outbound, context in
            let request = context.request
            guard let viewer = server.day.viewer(for: Self.token(in: request)) else { return }
            let language = server.language(for: viewer, request: request)
            let zone = (try? server.zone(of: request).get()) ?? nil
            let (stream, continuation) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingNewest(1))
            let id = await server.hub.add(viewer: viewer, language: language, zone: zone, continuation: continuation)
            if let first = try? server.hub.document(for: viewer, language: language, zone: zone).serialized() { continuation.yield(first) }
            await Self.relay(stream, inbound: inbound, outbound: outbound)
            await server.hub.remove(id)
        })
        return router
    }

    // MARK: Actions

    /// `POST /api/actions`: the console's token, then one action in JSON.
    func act(_ request: Request) async throws -> Response {
        guard let token = Self.token(in: request), day.viewer(for: token) == .console else {
            return Self.forbidden(message: "only the console's token may record actions — send it as Authorization: Bearer TOKEN")
        }
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: Self.maxBody)
        } catch {
            return Self.problem(.contentTooLarge, "an action is at most \(Self.maxBody) bytes of JSON")
        }
        let posted: PostedAction
        do {
            posted = try JSONDecoder().decode(PostedAction.self, from: Data(body.readableBytesView))
        } catch {
            return Self.problem(.badRequest, "the body is not an action in JSON — send {\"action\": \"next\"}, with \"minutes\" or \"person\" where the action needs one")
        }
        if posted.action == "carryDelay" {
            guard posted.minutes == nil, posted.person == nil, posted.text == nil, posted.session == nil, posted.later == nil else {
                return Self.problem(.badRequest, "carryDelay takes nothing but its name — send {\"action\": \"carryDelay\"}")
            }
            return try await recorded(language: language(for: .console, request: request)) { try day.carryDelay() }
        }
        let action: LiveAction
        switch LiveAction.named(posted.action, minutes: posted.minutes, person: posted.person, text: posted.text, session: posted.session) {
        case .success(let named): action = named
        case .failure(let problem): return Self.problem(.badRequest, problem.description)
        }
        if posted.later != nil, action.session == nil { return Self.problem(.badRequest, "\(posted.action) takes no later — leave \"later\" out") }
        return try await recorded(language: language(for: .console, request: request)) {
            if case .moveSession(let session, let minutes) = action {
                try day.move(session, minutes: minutes, later: posted.later ?? false)
            } else {
                try day.record(action)
            }
        }
    }

    /// The answer to an action `record` records: the console's state after it, every view
    /// pushed its own; or why it was not recorded.
    func recorded(language: SheetLanguage? = nil, _ record: () throws -> LiveState) async throws -> Response {
        do {
            _ = try record()
        } catch let refused as LiveError {
            return Self.problem(.conflict, refused.description)
        } catch let problem as LiveDayError {
            if case .wrongDay = problem { return Self.problem(.conflict, problem.description) }
            return Self.problem(.internalServerError, problem.description)
        } catch let problem as StoreError {
            return Self.problem(.serviceUnavailable, problem.description)
        }
        await hub.broadcast()
        return try Self.json(hub.document(for: .console, language: language ?? day.language, zone: nil))
    }

    struct PostedAction: Decodable {
        var action: String
        var minutes: Int?
        var person: String?
        var text: String?
        var session: String?
        /// With `moveSession`: every later session of the day too.
        var later: Bool?
    }

    // MARK: Pages

    func page(_ viewer: LiveViewer, token: String?, request: Request, timer: Bool = false) throws -> Response {
        let language = language(for: viewer, request: request)
        let zone: String?
        switch self.zone(of: request) {
        case .success(let chosen): zone = chosen
        case .failure(let problem): return Self.notice(.badRequest, title: "Unknown zone", problem.description)
        }
        let document = try hub.document(for: viewer, language: language, zone: zone)
        let html = LivePage(viewer: viewer, timer: timer, language: language, token: token, state: document, base: transport.basePath).html()
        return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// The language a view is in: `?lang=` when it names one Convene prints in, else the
    /// speaker's own (her first language Convene prints in), else the agenda's.
    func language(for viewer: LiveViewer, request: Request) -> SheetLanguage {
        if let asked = request.uri.queryParameters.get("lang"), let language = SheetLanguage(written: String(asked)) { return language }
        if case .speaker(let id) = viewer, let person = day.timeline.agenda.person(id) {
            return PrintedSheets.language(of: person, in: day.timeline.agenda)
        }
        return day.language
    }

    /// The zone a view's times are in when `?zone=` names one of the tz database (its current
    /// name for an alias); `nil` without it; for a name the database does not have, what is
    /// wrong with it and the nearest name.
    func zone(of request: Request) -> Result<String?, ZoneNameProblem> {
        guard let asked = request.uri.queryParameters.get("zone").map({ String($0) }), !asked.isEmpty else { return .success(nil) }
        if let current = day.zones.currentName(for: asked) { return .success(current) }
        guard case .unknown(let suggestion) = day.zones.lookup(asked) else { return .success(nil) }
        return .failure(ZoneNameProblem(description: "?zone=\(asked) is not a time zone of the tz database — \(ZoneDirectory.hint(forUnknown: suggestion))"))
    }

    struct ZoneNameProblem: Error, CustomStringConvertible {
        let description: String
    }

    // MARK: Responses

    /// The token of a request: `Authorization: Bearer TOKEN`, else `?token=`.
    static func token(in request: Request) -> String? {
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" { return String(parts[1]).trimmingCharacters(in: .whitespaces) }
        }
        return request.uri.queryParameters.get("token").map { String($0) }
    }

    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: value.serialized())))
    }

    static func problem(_ status: HTTPResponse.Status, _ message: String) -> Response {
        json(.object([("error", .string(message))]), status: status)
    }

    static func forbidden(message: String = "this address needs a valid token — use the addresses convene live printed", page: Bool = false) -> Response {
        page ? notice(.forbidden, title: "Not allowed", message) : problem(.forbidden, message)
    }

    /// A page that says only why it is not the view asked for.
    static func notice(_ status: HTTPResponse.Status, title: String, _ message: String) -> Response {
        let html = "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>\(title)</title><p>\(LivePage.escape(message))</p></html>\n"
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

/// Headers every answer carries: nothing is cached, no page loads anything from elsewhere or
/// runs in a frame, and no address (which holds a token) is sent on as a referrer; over TLS,
/// browsers are told to keep to it for this address.
struct LiveHeaders<Context: RequestContext>: RouterMiddleware {
    static var referrerPolicy: HTTPFields.Element.Name? { .init("Referrer-Policy") }
    let tls: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.cacheControl] = "no-store"
        if let name = Self.referrerPolicy { response.headers[name] = "no-referrer" }
        response.headers[.xContentTypeOptions] = "nosniff"
        if tls { response.headers[.strictTransportSecurity] = "max-age=86400" }
        response.headers[.contentSecurityPolicy] = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
        return response
    }
}

/// The open WebSockets, and what each is sent: every view's state when an action is recorded
/// (by this server or another process on the same event store, seen within a second), and
/// every 30 seconds so that projected times follow the clock.
actor LiveHub {
    let day: LiveDay
    private var connections: [Int: (viewer: LiveViewer, language: SheetLanguage, zone: String?, continuation: AsyncStream<String>.Continuation)] = [:]
    private var counter = 0
    private var watcher: Task<Void, Never>?
    private var lastSeen: Int64 = -1

    /// How often the store is looked at for actions another process recorded.
    static let pollInterval: Duration = .seconds(1)
    /// How often every view is sent its state even when nothing was recorded.
    static let refreshInterval = 30

    init(day: LiveDay) {
        self.day = day
    }

    /// The state `viewer` sees now, in `language`, with times in `zone` (else the view's own).
    nonisolated func document(for viewer: LiveViewer, language: SheetLanguage, zone: String?) throws -> JSONValue {
        try LiveDocument(day: day, viewer: viewer, language: language, state: day.state(), now: day.now, chosenZone: zone).json()
    }

    func add(viewer: LiveViewer, language: SheetLanguage, zone: String?, continuation: AsyncStream<String>.Continuation) -> Int {
        counter += 1
        connections[counter] = (viewer, language, zone, continuation)
        if watcher == nil {
            lastSeen = (try? day.store.lastLiveAction(room: day.room)) ?? -1
            watcher = Task { [weak self] in
                var ticks = 0
                while !Task.isCancelled {
                    try? await Task.sleep(for: Self.pollInterval)
                    ticks += 1
                    guard let self else { return }
                    await self.poll(refresh: ticks % Self.refreshInterval == 0)
                }
            }
        }
        return counter
    }

    func remove(_ id: Int) {
        connections[id]?.continuation.finish()
        connections[id] = nil
        if connections.isEmpty {
            watcher?.cancel()
            watcher = nil
        }
    }

    /// Sends every connection its view's state.
    func broadcast() {
        lastSeen = (try? day.store.lastLiveAction(room: day.room)) ?? lastSeen
        var made: [String: String] = [:]
        for (_, connection) in connections {
            let key = "\(connection.viewer)|\(connection.language.rawValue)|\(connection.zone ?? "")"
            if made[key] == nil {
                made[key] = (try? document(for: connection.viewer, language: connection.language, zone: connection.zone))?.serialized()
            }
            if let text = made[key] { connection.continuation.yield(text) }
        }
    }

    func poll(refresh: Bool) {
        let last = (try? day.store.lastLiveAction(room: day.room)) ?? lastSeen
        if refresh || last != lastSeen { broadcast() }
    }

    var count: Int { connections.count }
}
