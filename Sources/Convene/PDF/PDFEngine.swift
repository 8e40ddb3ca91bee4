import Foundation

/// Headless Chromium, which prints Convene's HTML sheets to PDF exactly as a browser prints
/// them: the same print stylesheet, page footer included, and text shaped by HarfBuzz, so
/// Arabic-script names and titles (Dari, Pashto, Arabic) join and read right to left.
///
/// Each sheet is printed by one run of the browser, in a private folder of its own made
/// inside the folder the caller names (beside the output, where a confined browser such as
/// Ubuntu's snap can reach it): the HTML, a fresh profile, and the PDF the browser writes.
/// The folder is removed afterwards; the run is killed at ``timeout``. The PDF comes back as
/// bytes, for the caller to write as it writes every output (atomically, with the manifest).
public struct PDFEngine: Sendable {
    /// The browser's executable.
    public let executable: String
    /// Seconds one sheet may take before the browser is killed.
    public var timeout: Double

    /// The environment variable naming the browser to use, as a path or a program on `PATH`.
    public static let environmentVariable = "CONVENE_CHROMIUM"
    /// The programs looked for on `PATH`, in order.
    public static let programNames = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]
    /// How to install the engine, for messages.
    public static let installHint = "install Chromium (sudo apt-get install chromium, or bash scripts/install-deps.sh --pdf), or set CONVENE_CHROMIUM to the browser's path"

    /// The browser at `executable`, killed after `timeout` seconds on a sheet.
    public init(executable: String, timeout: Double = 60) {
        self.executable = executable
        self.timeout = timeout
    }

    /// The browser `CONVENE_CHROMIUM` names, else the first of ``programNames`` on `PATH`;
    /// ``PDFError/notInstalled(_:)`` when there is none. `CONVENE_PDF_TIMEOUT` (seconds, 1 to
    /// 600) changes the 60 seconds a sheet may take.
    public static func locate(environment: [String: String]) throws(PDFError) -> PDFEngine {
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        let timeout = environment["CONVENE_PDF_TIMEOUT"].flatMap(Double.init).map { min(max($0, 1), 600) } ?? 60
        if let given = environment[environmentVariable], !given.isEmpty {
            guard let found = program(given, path: path) else {
                throw .notInstalled("\(environmentVariable) is '\(given)', which is not a program that can be run")
            }
            return PDFEngine(executable: found, timeout: timeout)
        }
        for name in programNames {
            if let found = program(name, path: path) { return PDFEngine(executable: found, timeout: timeout) }
        }
        throw .notInstalled("no PDF engine: none of \(programNames.joined(separator: ", ")) is installed")
    }

    /// `name` as an executable file: itself when it holds a `/`, else the first of that name in
    /// the folders of `path` (a `PATH`, folders separated by `:`); nil when there is none.
    public static func program(_ name: String, path: String) -> String? {
        let candidates = name.contains("/") ? [name] : path.split(separator: ":").map { "\($0)/\(name)" }
        return candidates.first { candidate in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: candidate, isDirectory: &isFolder) && !isFolder.boolValue
                && FileManager.default.isExecutableFile(atPath: candidate)
        }
    }

    /// The PDF of `html` printed on `paper`, its dates set to `epoch` (seconds since 1970) or
    /// removed when nil, so the same sheet gives the same bytes. The browser works in a
    /// private folder made in `folder` (which must exist).
    public func print(_ html: String, paper: Paper, workingIn folder: String, epoch: Int64?) throws(PDFError) -> Data {
        let work = try PrivateFolder(in: folder)
        defer { work.remove() }
        let page = work.path + "/sheet.html", pdf = work.path + "/sheet.pdf", log = work.path + "/engine.log"
        guard FileManager.default.createFile(atPath: page, contents: Data(Self.sized(html, paper: paper).utf8)) else {
            throw .failed("the sheet could not be handed to the engine in \(work.path)")
        }
        let arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--no-default-browser-check", "--disable-extensions", "--disable-background-networking", "--disable-sync",
            "--disable-component-update", "--password-store=basic", "--user-data-dir=\(work.path)/profile",
            "--no-pdf-header-footer", "--generate-pdf-document-outline", "--print-to-pdf=\(pdf)",
            URL(fileURLWithPath: page).absoluteString,
        ]
        let outcome: TimedProcess.Outcome
        do {
            outcome = try TimedProcess(executable: executable, arguments: arguments, log: log, timeout: timeout).run()
        } catch {
            throw .failed("\(executable) could not be started (\(String(cString: strerror(error.code.rawValue))))")
        }
        switch outcome {
        case .timedOut:
            throw .timedOut(executable: executable, seconds: timeout)
        case .signalled(let signal):
            throw .failed("\(executable) was stopped by signal \(signal)\(Self.lastLine(of: log))")
        case .exited(let status):
            guard let data = FileManager.default.contents(atPath: pdf), data.starts(with: Array("%PDF-".utf8)) else {
                throw .failed("\(executable) exited with status \(status) and wrote no PDF\(Self.lastLine(of: log))")
            }
            return PDFDates.reproducible(data, epoch: epoch)
        }
    }

    /// `html` with the paper's `@page` size added at the end of its head, where it takes
    /// precedence over the sheet's own stylesheet. The HTML sheets themselves leave the paper
    /// to the reader's printer; a PDF is printed on the venue's.
    static func sized(_ html: String, paper: Paper) -> String {
        let rule = "<style>@page { size: \(paper.cssSize); }</style>\n"
        guard let head = html.range(of: "</head>", options: .caseInsensitive) else { return rule + html }
        return html.replacingCharacters(in: head.lowerBound..<head.lowerBound, with: rule)
    }

    /// The engine's last message worth quoting, as " (…)", or nothing.
    static func lastLine(of log: String) -> String {
        guard let data = FileManager.default.contents(atPath: log) else { return "" }
        let lines = String(decoding: data.suffix(4096), as: UTF8.self).split(separator: "\n")
        // Chromium's routine complaints (no D-Bus in a container) say nothing about the PDF.
        guard let last = lines.last(where: { !$0.contains("dbus") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else { return "" }
        return " (\(last.prefix(300)))"
    }
}

/// Why a sheet could not be printed to PDF.
public enum PDFError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No engine: none installed, or `CONVENE_CHROMIUM` names no program.
    case notInstalled(String)
    /// The engine ran but gave no PDF, or could not be started.
    case failed(String)
    /// The engine was still running at the deadline and was killed.
    case timedOut(executable: String, seconds: Double)

    public var description: String {
        switch self {
        case .notInstalled(let message):
            "\(message) — \(PDFEngine.installHint)"
        case .failed(let message):
            "the sheet could not be printed to PDF: \(message) — check that the browser runs (\(PDFEngine.environmentVariable) picks another), or print --format html"
        case .timedOut(let executable, let seconds):
            "the sheet could not be printed to PDF: \(executable) was still running after \(Int(seconds) == 1 ? "1 second" : "\(Int(seconds)) seconds") and was stopped — try again, or print --format html and print that from a browser"
        }
    }
}

/// A folder only this process uses, `.convene-pdf.N.PID.tmp` inside another, removed with
/// everything in it when done. One left by a run that was killed is removed by the next
/// write into that folder, once its process is gone.
struct PrivateFolder {
    let path: String
    static let prefix = ".convene-pdf."

    init(in folder: String) throws(PDFError) {
        for number in 0..<1000 {
            let path = "\(folder)/\(Self.prefix)\(number).\(getpid()).tmp"
            if mkdir(path, 0o700) == 0 {
                self.path = path
                return
            }
            guard errno == EEXIST else {
                throw .failed("a working folder could not be made in \(folder) (\(String(cString: strerror(errno))))")
            }
        }
        throw .failed("a working folder could not be made in \(folder)")
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
