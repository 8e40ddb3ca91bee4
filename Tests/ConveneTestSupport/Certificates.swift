import Foundation

/// A self-signed certificate for localhost and 127.0.0.1 valid for two days, made by openssl
/// (which `scripts/install-deps.sh --test` installs), its key, and a second key that belongs
/// to no certificate: what `convene live --tls-cert/--tls-key` is tested with.
public struct SelfSignedCertificate: Sendable {
    public let folder: URL
    public var certificate: String { folder.appendingPathComponent("cert.pem").path }
    public var key: String { folder.appendingPathComponent("key.pem").path }
    public var otherKey: String { folder.appendingPathComponent("other-key.pem").path }

    public init() throws {
        folder = try temporaryFolder()
        try Self.openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                          "-keyout", "key.pem", "-out", "cert.pem", "-days", "2", "-subj", "/CN=localhost",
                          "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"], in: folder)
        try Self.openssl(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-out", "other-key.pem"], in: folder)
    }

    static func openssl(_ arguments: [String], in folder: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CLIError(message: "openssl \(arguments.first ?? "") failed in \(folder.path)") }
    }
}
