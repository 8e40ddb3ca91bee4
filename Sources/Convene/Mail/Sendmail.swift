import Foundation

/// A sendmail-compatible program (Postfix's or Exim's `sendmail`, msmtp, …) that takes one
/// message on its standard input and delivers it, as `git send-email` and mutt use one: how
/// mail leaves the machine (relay, TLS, passwords) is that program's configuration, never
/// Convene's. It is run as `PROGRAM [ARGUMENTS] -oi -f FROM -- TO`.
public struct Sendmail: Sendable {
    public let executable: String
    public let arguments: [String]
    /// Seconds one message may take before the program is killed (`CONVENE_SENDMAIL_TIMEOUT`).
    public let timeout: Double

    public static let timeoutVariable = "CONVENE_SENDMAIL_TIMEOUT"
    /// Where a sendmail program is found when none is named.
    public static let defaults = ["/usr/sbin/sendmail", "/usr/lib/sendmail"]

    /// The program `command` names (words split at spaces: `msmtp -a work`), found on `PATH`
    /// when it has no slash; else the system's sendmail.
    public static func locate(command: String?, environment: [String: String]) throws(MailError) -> Sendmail {
        var timeout = 60.0
        if let given = environment[timeoutVariable] {
            guard let seconds = Double(given), seconds > 0, seconds <= 3600 else { throw .badTimeout(given) }
            timeout = seconds
        }
        let words = (command ?? "").split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let first = words.first else {
            guard let found = defaults.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { throw .noProgram(nil) }
            return Sendmail(executable: found, arguments: [], timeout: timeout)
        }
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin"
        let found = first.contains("/") ? (FileManager.default.isExecutableFile(atPath: first) ? first : nil) : PDFEngine.program(first, path: path)
        guard let found else { throw .noProgram(first) }
        return Sendmail(executable: found, arguments: Array(words.dropFirst()), timeout: timeout)
    }

    /// Hands `message` (CRLF line ends, as ``CalendarMail`` writes it; given to the program with
    /// the local newline, as sendmail expects) for `to`, from `from`. `folder` holds the
    /// message's file and the program's output while it runs, and nothing afterwards.
    public func deliver(_ message: String, from: String, to: String, workingIn folder: String) throws(MailError) {
        let id = UUID().uuidString
        let input = folder + "/.convene-message-\(id).eml", log = folder + "/.convene-sendmail-\(id).log"
        defer {
            unlink(input)
            unlink(log)
        }
        let text = message.replacingOccurrences(of: "\r\n", with: "\n")
        guard FileManager.default.createFile(atPath: input, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw .cannotRun(executable, "its message could not be written to \(folder)")
        }
        let process = TimedProcess(executable: executable, arguments: arguments + ["-oi", "-f", from, "--", to], log: log, timeout: timeout, input: input)
        let outcome: TimedProcess.Outcome
        do {
            outcome = try process.run()
        } catch {
            throw .cannotRun(executable, String(cString: strerror(error.code.rawValue)))
        }
        let said = PDFEngine.lastLine(of: log)
        switch outcome {
        case .exited(0): return
        case .exited(let status): throw .refused(executable, "exited \(status)" + said)
        case .signalled(let signal): throw .refused(executable, "was stopped by signal \(signal)")
        case .timedOut: throw .refused(executable, "was still running after \(Int(timeout)) s and was stopped (\(Self.timeoutVariable) allows longer)")
        }
    }
}

/// Why a message could not be handed over.
public enum MailError: Error, Equatable, CustomStringConvertible {
    case noProgram(String?)
    case badTimeout(String)
    case cannotRun(String, String)
    case refused(String, String)

    public var description: String {
        switch self {
        case .noProgram(nil):
            "no sendmail program: none of \(Sendmail.defaults.joined(separator: ", ")) is installed — install one (sudo apt-get install msmtp-mta, or postfix), or name yours with --sendmail-command"
        case .noProgram(let name?):
            "'\(name)' is not a program that can be run — give its path, or install it"
        case .badTimeout(let value):
            "\(Sendmail.timeoutVariable) is '\(value)', not a number of seconds from 1 to 3600"
        case .cannotRun(let program, let reason):
            "\(program) could not be run: \(reason)"
        case .refused(let program, let reason):
            "\(program) \(reason)"
        }
    }
}
