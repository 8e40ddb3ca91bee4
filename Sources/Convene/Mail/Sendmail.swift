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

    /// The names of a message's file and of the program's output while it runs:
    /// `.convene-message-PID-ID.eml` and `.convene-sendmail-PID-ID.log`.
    static let messagePrefix = ".convene-message-", logPrefix = ".convene-sendmail-"

    /// Hands `message` (CRLF line ends, as ``CalendarMail`` writes it; given to the program with
    /// the local newline, as sendmail expects) for `to`, from `from`. `folder` holds the
    /// message's file and the program's output while it runs, and nothing afterwards (a
    /// convene stopped meanwhile leaves them, for ``removeLeftovers(in:)``).
    public func deliver(_ message: String, from: String, to: String, workingIn folder: String) throws(MailError) {
        let id = "\(getpid())-\(UUID().uuidString)"
        let input = folder + "/" + Self.messagePrefix + id + ".eml", log = folder + "/" + Self.logPrefix + id + ".log"
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

extension Sendmail {
    /// Removes the message files and program outputs of ``deliver(_:from:to:workingIn:)`` that
    /// a convene stopped while its mail program ran (`kill -9`, a power cut) left in `folder`,
    /// once that process is gone: each holds a message, with its reader's address and what they
    /// may see. A program still running from then has its files open and is not disturbed.
    /// Returns how many were removed.
    @discardableResult
    public static func removeLeftovers(in folder: String) -> Int {
        var removed = 0
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
            let rest: Substring
            if name.hasPrefix(messagePrefix), name.hasSuffix(".eml") {
                rest = name.dropFirst(messagePrefix.count).dropLast(4)
            } else if name.hasPrefix(logPrefix), name.hasSuffix(".log") {
                rest = name.dropFirst(logPrefix.count).dropLast(4)
            } else {
                continue
            }
            // Kept while a process with the id in the name runs: the one that wrote them, or
            // one that took its id since, in which case a later send removes them.
            if let first = rest.split(separator: "-").first, let process = Int32(first), process > 0,
               !(kill(process, 0) != 0 && errno == ESRCH) {
                continue
            }
            var status = stat()
            let path = folder + "/" + name
            guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG, unlink(path) == 0 else { continue }
            removed += 1
        }
        return removed
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
