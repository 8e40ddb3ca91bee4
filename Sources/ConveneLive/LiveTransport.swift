import Foundation
import Hummingbird
import HummingbirdTLS
import HummingbirdWebSocket
import NIOCore
import NIOSSL

/// How the live day reaches its viewers: over TLS of its own or plain HTTP, and at which
/// public address when a reverse proxy stands in front of it.
///
/// Plain HTTP carries a token only between two ends on this machine (a browser here, or a
/// proxy here that holds the certificate): every address that needs a token is refused to a
/// peer elsewhere unless the server speaks TLS itself.
public struct LiveTransport: Sendable {
    /// The certificate and key the server encrypts with; `nil` for plain HTTP.
    public var tls: LiveTLS?
    /// The address viewers open, when a proxy serves the day (`https://live.example.org/day`);
    /// its path is where the proxy puts the server's `/`.
    public var publicURL: URL?

    public init(tls: LiveTLS? = nil, publicURL: URL? = nil) {
        self.tls = tls
        self.publicURL = publicURL
    }

    /// Plain HTTP on this machine.
    public static let local = LiveTransport()

    /// The path the pages put before their own addresses: the public address's, without its
    /// last slash; empty at the root.
    public var basePath: String {
        guard let path = publicURL?.path, path != "/" else { return "" }
        return path.hasSuffix("/") ? String(path.dropLast()) : path
    }

    /// Whether a request from `peer`, arriving at `local`, may carry or be given a token.
    /// Unknown addresses (a request made in-process) count as this machine's.
    public func allowsTokens(from peer: SocketAddress?, to local: SocketAddress?) -> Bool {
        if tls != nil { return true }
        guard let peer, let address = peer.ipAddress else { return true }
        if Self.isLoopback(address) { return true }
        // The machine's own address, seen from itself (bound to a venue address and opened here).
        return local?.ipAddress == address
    }

    /// Whether `address` is 127.0.0.0/8, ::1 or an IPv4 loopback address mapped into IPv6.
    public static func isLoopback(_ address: String) -> Bool {
        var text = address.lowercased()
        if text.hasPrefix("[") && text.hasSuffix("]") { text = String(text.dropFirst().dropLast()) }
        if text == "localhost" || text == "::1" || text == "0:0:0:0:0:0:0:1" { return true }
        if text.hasPrefix("::ffff:") { text = String(text.dropFirst(7)) }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    /// Whether `path` with `query` may be served to anyone: the board, the timer, the root and
    /// the public's state and pushes (without a token). Every other address holds or needs a
    /// token, or changes the day.
    static func isPublic(method: HTTPRequest.Method, path: String, hasToken: Bool) -> Bool {
        guard method == .get || method == .head, !hasToken else { return false }
        return ["/", "/board", "/timer", "/api/state", "/ws"].contains(path)
    }
}

/// A certificate chain and its private key, read from PEM files and checked to belong together.
public struct LiveTLS: Sendable {
    let configuration: TLSConfiguration
    /// When the certificate stops being valid.
    public let notValidAfter: Date

    /// The chain in `certificatePath` (the server's certificate first) and the key in `keyPath`.
    public init(certificatePath: String, keyPath: String) throws(LiveTLSError) {
        let chain: [NIOSSLCertificate]
        let key: NIOSSLPrivateKey
        guard FileManager.default.isReadableFile(atPath: certificatePath) else { throw .unreadable(option: "--tls-cert", path: certificatePath) }
        guard FileManager.default.isReadableFile(atPath: keyPath) else { throw .unreadable(option: "--tls-key", path: keyPath) }
        do {
            chain = try NIOSSLCertificate.fromPEMFile(certificatePath)
        } catch {
            throw .notCertificate(path: certificatePath)
        }
        guard let leaf = chain.first else { throw .notCertificate(path: certificatePath) }
        do {
            key = try NIOSSLPrivateKey(file: keyPath, format: .pem)
        } catch {
            throw .notKey(path: keyPath)
        }
        var configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        configuration.minimumTLSVersion = .tlsv12
        do {
            // Made once here so that a key of another certificate is told now, not at the
            // first viewer's handshake.
            _ = try NIOSSLContext(configuration: configuration)
        } catch {
            throw .mismatch(certificate: certificatePath, key: keyPath)
        }
        self.configuration = configuration
        notValidAfter = Date(timeIntervalSince1970: TimeInterval(leaf.notValidAfter))
    }
}

/// Why a certificate and key cannot serve the day.
public enum LiveTLSError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(option: String, path: String)
    case notCertificate(path: String)
    case notKey(path: String)
    case mismatch(certificate: String, key: String)

    public var description: String {
        switch self {
        case .unreadable(let option, let path):
            "\(option) \(path): no such file, or it cannot be read — give the path of a PEM file"
        case .notCertificate(let path):
            "--tls-cert \(path) holds no PEM certificate — give the certificate chain in PEM (-----BEGIN CERTIFICATE-----), the server's certificate first"
        case .notKey(let path):
            "--tls-key \(path) holds no unencrypted PEM private key — give the key in PEM (-----BEGIN PRIVATE KEY-----), without a passphrase"
        case .mismatch(let certificate, let key):
            "--tls-key \(key) is not the key of the certificate in --tls-cert \(certificate) — give the key the certificate was made for"
        }
    }
}

/// The request context of the live server: a WebSocket context that knows both ends of its
/// connection, so that a token is never served in clear to another machine.
public struct LiveRequestContext: RequestContext, WebSocketRequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let webSocket: WebSocketHandlerReference<Self>
    public let remoteAddress: SocketAddress?
    public let localAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        webSocket = .init()
        remoteAddress = source.channel.remoteAddress
        localAddress = source.channel.localAddress
    }
}

/// Refuses, over plain HTTP to a peer elsewhere, every address that holds or needs a token.
struct LiveTokenGuard: RouterMiddleware {
    typealias Context = LiveRequestContext
    let transport: LiveTransport

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let hasToken = request.headers[.authorization] != nil || request.uri.queryParameters.get("token") != nil
        if LiveTransport.isPublic(method: request.method, path: request.uri.path, hasToken: hasToken)
            || transport.allowsTokens(from: context.remoteAddress, to: context.localAddress) {
            return try await next(request, context)
        }
        let message = "this address holds a secret token, and convene live speaks plain HTTP here — open it on the machine that runs convene live, or serve the day over TLS (--tls-cert and --tls-key, or a TLS proxy on that machine with --public-url https://…)"
        let wantsPage = request.method == .get && !request.uri.path.hasPrefix("/api/") && request.uri.path != "/ws"
        return LiveServer.forbidden(message: message, page: wantsPage)
    }
}
