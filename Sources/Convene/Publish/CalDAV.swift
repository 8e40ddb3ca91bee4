import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A CalDAV calendar collection (RFC 4791) that `convene publish` writes the public
/// programme into: its URL, always ending with `/`, with no user name or password in it.
public struct CalDAVCollection: Sendable, Equatable {
    public let url: URL
    public let host: String

    /// The URL as messages give it (it holds no credentials).
    public var text: String { url.absoluteString }

    /// `text` as a collection URL: `https://`, or `http://` to this machine (loopback), or to
    /// another host only with `insecureHTTP`. A URL with a user name or password in it is
    /// refused: the command line stays in the shell's history and shows in the process list.
    public init(_ text: String, insecureHTTP: Bool) throws(CalDAVError) {
        guard var parts = URLComponents(string: text.trimmingCharacters(in: .whitespaces)), let scheme = parts.scheme?.lowercased() else {
            throw .badURL("'\(Self.withoutCredentials(text))' is not a URL")
        }
        if parts.user != nil || parts.password != nil {
            throw .credentialsInURL(Self.withoutCredentials(text))
        }
        guard scheme == "https" || scheme == "http" else {
            throw .badURL("'\(text)' is not an http:// or https:// URL — give the calendar collection's URL, e.g. https://calendar.example.org/dav/events/programme/")
        }
        guard let host = parts.host, !host.isEmpty else { throw .badURL("'\(text)' names no host") }
        guard parts.query == nil, parts.fragment == nil else {
            throw .badURL("'\(text)' has a query or fragment (after ? or #) — give the calendar collection's URL alone")
        }
        if scheme == "http", !insecureHTTP, !Self.isLoopback(host) { throw .plainHTTP(host) }
        parts.scheme = scheme
        if !parts.percentEncodedPath.hasSuffix("/") { parts.percentEncodedPath += "/" }
        guard let url = parts.url else { throw .badURL("'\(text)' is not a URL") }
        self.url = url
        self.host = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
    }

    /// Whether `host` is this machine: `localhost`, 127.0.0.0/8 or ::1, which no network
    /// between the two can read.
    public static func isLoopback(_ host: String) -> Bool {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        let name = bare.lowercased()
        if name == "localhost" || name.hasSuffix(".localhost") || name == "::1" || name == "0:0:0:0:0:0:0:1" { return true }
        let octets = name.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    /// The URL of the resource `name` (already percent-encoded) in the collection.
    public func resource(_ name: String) -> URL {
        URL(string: url.absoluteString + name) ?? url.appendingPathComponent(name)
    }

    /// `text` with anything between `//` and `@` left out, for a message about a URL that
    /// should not have held credentials.
    static func withoutCredentials(_ text: String) -> String {
        guard let scheme = text.range(of: "://") else { return text }
        let rest = text[scheme.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        guard let at = rest[..<authorityEnd].lastIndex(of: "@") else { return text }
        return String(text[..<scheme.upperBound]) + rest[rest.index(after: at)...]
    }
}

/// The user name and password `convene publish` logs in with (HTTP Basic): from
/// `CONVENE_CALDAV_USER` and `CONVENE_CALDAV_PASSWORD`, else from the netrc file's entry for
/// the collection's host. Never from the agenda or the command line; the password is in no
/// message.
public struct CalDAVCredentials: Sendable, CustomStringConvertible {
    public static let userVariable = "CONVENE_CALDAV_USER"
    public static let passwordVariable = "CONVENE_CALDAV_PASSWORD"

    public let user: String
    private let password: String
    /// Where they come from: the two variables, or the netrc file's path.
    public let source: String
    /// What the user should know (a netrc file others may read).
    public let warnings: [String]

    /// The user and where they come from; never the password.
    public var description: String { "\(user) (from \(source))" }

    /// The value of the Authorization header (RFC 7617).
    var authorization: String {
        "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }

    /// Credentials for `host`: the environment's, else the netrc file's (`$NETRC`, else
    /// `~/.netrc`); nil when neither has any. An empty variable counts as unset.
    public static func find(for host: String, environment: [String: String]) throws(CalDAVError) -> CalDAVCredentials? {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        let user = value(userVariable), password = value(passwordVariable)
        switch (user, password) {
        case (let user?, let password?):
            try check(user: user, source: "\(userVariable)")
            return CalDAVCredentials(user: user, password: password, source: "\(userVariable) and \(passwordVariable)", warnings: [])
        case (_?, nil):
            throw .halfCredentials(set: userVariable, missing: passwordVariable)
        case (nil, _?):
            throw .halfCredentials(set: passwordVariable, missing: userVariable)
        case (nil, nil):
            break
        }
        let named = value("NETRC")
        let home = value("HOME") ?? NSHomeDirectory()
        let path = named ?? (home.hasSuffix("/") ? home + ".netrc" : home + "/.netrc")
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            if named != nil { throw .netrc(path: path, line: nil, problem: "NETRC names this file, which does not exist") }
            return nil
        }
        guard !isFolder.boolValue, let data = FileManager.default.contents(atPath: path) else {
            throw .netrc(path: path, line: nil, problem: isFolder.boolValue ? "it is a folder" : "it cannot be read — check its permissions")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw .netrc(path: path, line: nil, problem: "it is not UTF-8 text") }
        let netrc: Netrc
        do {
            netrc = try Netrc.parse(text)
        } catch {
            throw .netrc(path: path, line: error.line, problem: error.message)
        }
        guard let entry = netrc.entry(for: host) else { return nil }
        guard let login = entry.login, !login.isEmpty else {
            throw .netrc(path: path, line: entry.line, problem: "the entry for \(entry.machine ?? "default") has no login")
        }
        guard let secret = entry.password else {
            throw .netrc(path: path, line: entry.line, problem: "the entry for \(entry.machine ?? "default") has no password")
        }
        try check(user: login, source: path)
        var warnings: [String] = []
        if let attributes = try? FileManager.default.attributesOfItem(atPath: path),
           let permissions = attributes[.posixPermissions] as? NSNumber, permissions.intValue & 0o077 != 0 {
            warnings.append("\(path) holds a password and other users of this machine may read it — chmod 600 \(path)")
        }
        return CalDAVCredentials(user: login, password: secret, source: path, warnings: warnings)
    }

    /// HTTP Basic cannot carry a user name with a colon or a line break.
    private static func check(user: String, source: String) throws(CalDAVError) {
        if user.contains(":") || user.contains(where: \.isNewline) {
            throw .badUser(source: source)
        }
    }

    private init(user: String, password: String, source: String, warnings: [String]) {
        self.user = user
        self.password = password
        self.source = source
        self.warnings = warnings
    }
}

/// Why a calendar could not be published, or the publishing not begun.
public enum CalDAVError: Error, Equatable, CustomStringConvertible {
    /// The URL given is not a collection URL.
    case badURL(String)
    /// The URL given holds a user name or password (shown without them).
    case credentialsInURL(String)
    /// `http://` to another machine without `--insecure-http`.
    case plainHTTP(String)
    case badTimeout(String)
    case halfCredentials(set: String, missing: String)
    case badUser(source: String)
    case noCredentials(host: String)
    case netrc(path: String, line: Int?, problem: String)
    /// No answer: no connection, no such host, a certificate refused, a timeout.
    case unreachable(method: String, url: String, reason: String)
    /// The URL is a WebDAV resource but no calendar.
    case notACalendar(String)
    /// The server answered with an error status.
    case refused(method: String, url: String, status: Int, hint: String)

    /// Whether the problem concerns every resource of the collection (no connection, the
    /// credentials, the collection itself), so that trying the others is of no use.
    public var stopsPublishing: Bool {
        switch self {
        case .unreachable: true
        case .refused(_, _, let status, _): ![409, 412, 413, 415, 422].contains(status)
        default: true
        }
    }

    public var description: String {
        switch self {
        case .badURL(let problem):
            "--caldav \(problem)"
        case .credentialsInURL(let url):
            "the --caldav URL holds a user name or password, which the shell's history and the process list would keep — give \(url) and set \(CalDAVCredentials.userVariable) and \(CalDAVCredentials.passwordVariable), or add a machine entry to ~/.netrc"
        case .plainHTTP(let host):
            "--caldav http:// would send the password and the programme to \(host) unencrypted (HTTP Basic only encodes the password), for anyone on the network between to read — use https://, or pass --insecure-http if that network is your own"
        case .badTimeout(let value):
            "\(CalDAVClient.timeoutVariable) is '\(value)', not a number of seconds from 1 to 3600"
        case .halfCredentials(let set, let missing):
            "\(set) is set but \(missing) is not — set both, or neither and use ~/.netrc"
        case .badUser(let source):
            "the user name from \(source) holds a colon or a line break, which HTTP Basic authentication cannot carry"
        case .noCredentials(let host):
            "no credentials for \(host) — set \(CalDAVCredentials.userVariable) and \(CalDAVCredentials.passwordVariable), or add 'machine \(host) login USER password PASSWORD' to ~/.netrc (or to the file NETRC names)"
        case .netrc(let path, let line, let problem):
            "\(path)\(line.map { ":\($0)" } ?? ""): \(problem)"
        case .notACalendar(let url):
            "\(url) is not a calendar (the server says it is no CalDAV calendar collection) — give the calendar's own URL, which ends with the calendar's name and a slash, or make the calendar first"
        case .unreachable(let method, let url, let reason):
            "\(method) \(url): \(reason)"
        case .refused(let method, let url, let status, let hint):
            "\(method) \(url): the server answered \(status) \(CalDAVClient.reason(status))" + (hint.isEmpty ? "" : ": \(hint)")
        }
    }
}

/// HTTP requests to a CalDAV server, one at a time and each waited for: Foundation's
/// URLSession, HTTP Basic authentication on every request, a timeout per request, no
/// cookies, no cache, and no redirect followed (one could carry the password to another host).
public final class CalDAVClient: @unchecked Sendable {
    public static let timeoutVariable = "CONVENE_CALDAV_TIMEOUT"
    public static let defaultTimeout: TimeInterval = 30

    public let timeout: TimeInterval
    public let credentials: CalDAVCredentials?
    private let session: URLSession
    private let exchanges: Exchanges

    /// The timeout `CONVENE_CALDAV_TIMEOUT` gives (1 to 3600 seconds), else 30 s.
    public static func timeout(in environment: [String: String]) throws(CalDAVError) -> TimeInterval {
        guard let given = environment[timeoutVariable], !given.isEmpty else { return defaultTimeout }
        guard let seconds = Double(given), seconds >= 1, seconds <= 3600 else { throw .badTimeout(given) }
        return seconds
    }

    public init(credentials: CalDAVCredentials?, timeout: TimeInterval) {
        self.credentials = credentials
        self.timeout = timeout
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        configuration.httpCookieAcceptPolicy = .never
        configuration.httpShouldSetCookies = false
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        exchanges = Exchanges()
        session = URLSession(configuration: configuration, delegate: exchanges, delegateQueue: nil)
    }

    deinit {
        session.invalidateAndCancel()
    }

    /// Asks the server whether `collection` is a calendar it lets these credentials in to (a
    /// PROPFIND of its resource type), before anything is put there: a wrong password, a
    /// collection not made yet or a URL that is no calendar is said once, for all.
    public func check(_ collection: CalDAVCollection) throws(CalDAVError) {
        var request = URLRequest(url: collection.url)
        request.httpMethod = "PROPFIND"
        request.setValue("0", forHTTPHeaderField: "Depth")
        request.setValue("application/xml; charset=utf-8", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data("""
            <?xml version="1.0" encoding="utf-8"?>
            <D:propfind xmlns:D="DAV:"><D:prop><D:resourcetype/></D:prop></D:propfind>
            """.utf8)
        let answer = try perform(request)
        guard answer.status == 207 else {
            throw .refused(method: "PROPFIND", url: collection.text, status: answer.status, hint: hint(for: answer, method: "PROPFIND"))
        }
        guard Self.isCalendar(String(decoding: answer.body, as: UTF8.self)) else { throw .notACalendar(collection.text) }
    }

    /// Whether a PROPFIND answer gives the resource type of a CalDAV calendar: a `calendar`
    /// element of the CalDAV namespace, whatever its prefix.
    static func isCalendar(_ answer: String) -> Bool {
        guard answer.contains("urn:ietf:params:xml:ns:caldav") else { return false }
        guard let type = answer.firstMatch(of: /<(?:[A-Za-z0-9_.-]+:)?resourcetype[^>]*>(?<inside>[\s\S]*?)<\/(?:[A-Za-z0-9_.-]+:)?resourcetype>/) else { return false }
        return type.inside.contains(/<(?:[A-Za-z0-9_.-]+:)?calendar[\s\/>]/)
    }

    /// PUTs `calendar` at `url`: created (201) or replaced (204, 200).
    public func put(_ calendar: String, at url: URL) throws(CalDAVError) {
        var request = URLRequest(url: url)
        request.httpMethod = "PUT"
        request.setValue("text/calendar; charset=utf-8", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(calendar.utf8)
        let answer = try perform(request)
        guard (200..<300).contains(answer.status) else {
            throw .refused(method: "PUT", url: url.absoluteString, status: answer.status, hint: hint(for: answer, method: "PUT"))
        }
    }

    /// DELETEs the resource at `url`; one that is not there (404, 410) is gone already.
    public func delete(at url: URL) throws(CalDAVError) {
        var request = URLRequest(url: url)
        request.httpMethod = "DELETE"
        let answer = try perform(request)
        guard (200..<300).contains(answer.status) || answer.status == 404 || answer.status == 410 else {
            throw .refused(method: "DELETE", url: url.absoluteString, status: answer.status, hint: hint(for: answer, method: "DELETE"))
        }
    }

    /// What an error status means here, then what to do about it: `MEANING — ADVICE`.
    func hint(for answer: (status: Int, location: String?, body: Data), method: String) -> String {
        let user = credentials.map { "\($0.user) (from \($0.source))" } ?? "the user"
        switch answer.status {
        case 300..<400:
            let location = answer.location.map { " to " + CalDAVCollection.withoutCredentials($0) } ?? " to another URL"
            return "it sends the request\(location) instead, and Convene follows no redirect (one could carry the password to another host) — give that calendar's URL with --caldav"
        case 401:
            return "it did not accept the user name and password of \(user) — check \(CalDAVCredentials.userVariable) and \(CalDAVCredentials.passwordVariable), or the netrc entry for this host"
        case 403:
            return "\(user) may not write there — check that the URL is a calendar this user may change, or ask the server's administrator for write access"
        case 404:
            return "the collection does not exist — make it first (in the calendar's web interface, or with a client that creates calendars), and check the URL"
        case 405:
            return method == "PROPFIND"
                ? "there is no WebDAV at this URL — give the CalDAV calendar's URL (the calendar's settings, or its server's documentation, give it)"
                : "the URL takes no events — give the calendar's own URL, which ends with the calendar's name and a slash"
        case 407:
            return "a proxy between wants its own credentials — check the proxy settings (https_proxy)"
        case 409:
            return method == "PUT"
                ? "the calendar already holds this session's UID in another resource (a whole calendar uploaded into it, say) — remove that copy, then publish again"
                : "it is in a state that does not allow this — look at the calendar, then publish again"
        case 412:
            return "a precondition failed: another program may have changed this resource — look at the calendar, then publish again"
        case 413:
            return "the resource is larger than the server takes — ask its administrator"
        case 415:
            return "it takes no iCalendar there — check that the URL is a CalDAV calendar, not an address book or a plain WebDAV folder"
        case 507:
            return "it has no room left — ask its administrator"
        case 500..<600:
            return "it failed — try again later, or ask its administrator to look at its log"
        default:
            return ""
        }
    }

    /// The status of `request`'s answer and its Location, or why there is none.
    func perform(_ request: URLRequest) throws(CalDAVError) -> (status: Int, location: String?, body: Data) {
        var request = request
        request.timeoutInterval = timeout
        request.httpShouldHandleCookies = false
        if let credentials { request.setValue(credentials.authorization, forHTTPHeaderField: "Authorization") }
        let method = request.httpMethod ?? "GET", url = request.url?.absoluteString ?? ""
        let task = session.dataTask(with: request)
        let exchange = exchanges.begin(task)
        task.resume()
        // The session's own timeout ends a request that hangs; this is a last guard.
        if exchange.done.wait(timeout: .now() + timeout + 5) == .timedOut {
            task.cancel()
            exchanges.end(task)
            throw .unreachable(method: method, url: url, reason: Self.noAnswer(timeout))
        }
        exchanges.end(task)
        if let status = exchange.challenged { return (status, nil, Data()) }
        if let error = exchange.error {
            throw .unreachable(method: method, url: url, reason: Self.reason(error, host: request.url?.host ?? "", timeout: timeout))
        }
        guard let response = exchange.response else {
            throw .unreachable(method: method, url: url, reason: "the server sent no HTTP answer")
        }
        return (response.statusCode, response.value(forHTTPHeaderField: "Location"), exchange.body)
    }

    static func noAnswer(_ timeout: TimeInterval) -> String {
        "no answer within \(Int(timeout)) s — the server may be down or slow (\(timeoutVariable) allows longer)"
    }

    /// Why there was no answer, in words, from URLSession's error.
    static func reason(_ error: any Error, host: String, timeout: TimeInterval) -> String {
        let code = (error as? URLError)?.code ?? URLError.Code(rawValue: (error as NSError).code)
        switch code {
        case .timedOut:
            return noAnswer(timeout)
        case .cannotConnectToHost, .networkConnectionLost:
            return "could not connect to \(host) (connection refused or dropped) — is the server running, and are the URL's host and port right?"
        case .cannotFindHost, .dnsLookupFailed:
            return "the host \(host) was not found — check the URL"
        case .notConnectedToInternet:
            return "this machine is not connected to a network"
        case .serverCertificateUntrusted, .serverCertificateHasBadDate, .serverCertificateHasUnknownRoot, .serverCertificateNotYetValid,
             .secureConnectionFailed, .clientCertificateRejected:
            return "the secure connection to \(host) failed (\(error.localizedDescription)) — check the URL's host name; a certificate the system does not trust is refused"
        default:
            // FoundationNetworking gives most of curl's TLS failures no code of their own.
            let said = error.localizedDescription
            if said.contains("SSL") || said.contains("TLS") || said.contains("certificate") {
                return "the secure connection to \(host) failed (\(said)) — check the URL's host name; a certificate the system does not trust is refused"
            }
            return "the request failed: \(said)"
        }
    }

    /// The reason phrase of an HTTP status.
    public static func reason(_ status: Int) -> String {
        switch status {
        case 301: "Moved Permanently"
        case 302: "Found"
        case 303: "See Other"
        case 307: "Temporary Redirect"
        case 308: "Permanent Redirect"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 407: "Proxy Authentication Required"
        case 409: "Conflict"
        case 412: "Precondition Failed"
        case 413: "Content Too Large"
        case 415: "Unsupported Media Type"
        case 422: "Unprocessable Content"
        case 423: "Locked"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        case 507: "Insufficient Storage"
        default: HTTPURLResponse.localizedString(forStatusCode: status).capitalized
        }
    }
}

/// The session's delegate: what each request's task received, by task, and a signal when it
/// is over. Redirects are answered with the redirect itself, never followed.
private final class Exchanges: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    final class Exchange: @unchecked Sendable {
        var response: HTTPURLResponse?
        var error: (any Error)?
        /// The status of an answer that asked for credentials.
        var challenged: Int?
        /// The first megabyte of the answer's body.
        var body = Data()
        let done = DispatchSemaphore(value: 0)
    }

    private let lock = NSLock()
    private var running: [Int: Exchange] = [:]

    func begin(_ task: URLSessionTask) -> Exchange {
        let exchange = Exchange()
        lock.withLock { running[task.taskIdentifier] = exchange }
        return exchange
    }

    func end(_ task: URLSessionTask) {
        _ = lock.withLock { running.removeValue(forKey: task.taskIdentifier) }
    }

    private func exchange(of task: URLSessionTask) -> Exchange? {
        lock.withLock { running[task.taskIdentifier] }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
        completionHandler(nil)
    }

    /// The credentials went with the request; a challenge means the server refused them.
    /// URLSession would wait for ever for a credential it does not have, so the request is
    /// ended here and answered with the status that challenged it (401, or 407 from a proxy).
    func urlSession(_ session: URLSession, task: URLSessionTask, didReceive challenge: URLAuthenticationChallenge,
                    completionHandler: @escaping @Sendable (URLSession.AuthChallengeDisposition, URLCredential?) -> Void) {
        #if !canImport(FoundationNetworking)
        // The server's certificate is for the system to judge.
        guard challenge.protectionSpace.authenticationMethod != NSURLAuthenticationMethodServerTrust else {
            completionHandler(.performDefaultHandling, nil)
            return
        }
        #endif
        if let exchange = exchange(of: task) {
            let status = (challenge.failureResponse as? HTTPURLResponse)?.statusCode ?? (challenge.protectionSpace.isProxy() ? 407 : 401)
            lock.withLock { exchange.challenged = status }
        }
        completionHandler(.cancelAuthenticationChallenge, nil)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void) {
        if let exchange = exchange(of: dataTask) {
            lock.withLock { exchange.response = response as? HTTPURLResponse }
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        guard let exchange = exchange(of: dataTask) else { return }
        lock.withLock {
            if exchange.body.count < 1_048_576 { exchange.body.append(data.prefix(1_048_576 - exchange.body.count)) }
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        guard let exchange = exchange(of: task) else { return }
        lock.withLock {
            if exchange.response == nil { exchange.response = task.response as? HTTPURLResponse }
            exchange.error = error
        }
        exchange.done.signal()
    }
}
