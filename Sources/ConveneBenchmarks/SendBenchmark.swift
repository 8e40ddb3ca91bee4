import Foundation

/// `convene-bench --send`: the forum of `--ics --forum` (1,000 sessions with 25 participants
/// each among 3,000 people) sent as drafts by the `convene` built beside this program, as a
/// user runs it: `convene send agenda.yaml --outbox outbox`, timed, with its peak memory from
/// `/usr/bin/time -f %M`. First into an empty outbox with a new event store (every invitation,
/// 25,000 messages); then, once those are marked sent and a tenth of the sessions moved, the
/// updates that makes (and the sent drafts leaving the outbox).
enum SendBenchmark {
    struct Measure {
        var seconds: Double
        var peakKB: Int?
        var status: Int32
    }

    /// Runs `convene` with `arguments` under /usr/bin/time in `folder`; standard output is
    /// dropped (one line a draft), standard error kept in `log`.
    static func measure(_ convene: String, _ arguments: [String], in folder: String, log: String) throws -> Measure {
        let peakFile = "\(folder)/.peak-kb"
        try? FileManager.default.removeItem(atPath: peakFile)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/time")
        process.arguments = ["-f", "%M", "-o", peakFile, convene] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.environment = ProcessInfo.processInfo.environment.merging(["SOURCE_DATE_EPOCH": "1700000000"]) { _, new in new }
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        process.standardError = FileHandle(forWritingAtPath: log)
        var elapsed = 0.0
        try elapsed = seconds {
            try process.run()
            process.waitUntilExit()
        }
        let peak = (try? String(contentsOfFile: peakFile, encoding: .utf8))?.split(whereSeparator: \.isWhitespace).last.flatMap { Int($0) }
        try? FileManager.default.removeItem(atPath: peakFile)
        return Measure(seconds: elapsed, peakKB: peak, status: process.terminationStatus)
    }

    /// The agenda with every tenth session an hour later.
    static func moved(_ agenda: String) -> String {
        var lines = agenda.components(separatedBy: "\n"), session = -1
        for index in lines.indices {
            if lines[index].hasPrefix("  - id: s") { session = Int(lines[index].dropFirst("  - id: s".count)) ?? -1 }
            if session % 10 == 0, lines[index].hasPrefix("    start: \""), let hour = Int(lines[index].dropFirst("    start: \"".count).prefix(2)) {
                lines[index] = "    start: \"\(two(hour + 1)):00\""
            }
        }
        return lines.joined(separator: "\n")
    }

    static func run(out: String, convene given: String) throws {
        // Absolute paths: each command runs in the benchmark's folder.
        let convene = URL(fileURLWithPath: given).path
        guard FileManager.default.isExecutableFile(atPath: convene) else {
            print("no convene at \(convene): swift build -c release --product convene first")
            exit(1)
        }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/time") else {
            print("no /usr/bin/time (Debian's time package), which measures the peak memory")
            exit(1)
        }
        let shape = IcsBenchmark.Shape.forum
        let folder = URL(fileURLWithPath: "\(out)/send-\(shape.label)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let text = IcsBenchmark.agenda(shape)
        try text.write(toFile: "\(folder)/agenda.yaml", atomically: true, encoding: .utf8)
        // A first send: a new store, an empty outbox.
        for name in ["outbox", "bench-ics.convene.db", "bench-ics.convene.db-wal", "bench-ics.convene.db-shm"] {
            try? FileManager.default.removeItem(atPath: "\(folder)/\(name)")
        }
        print("convene send --outbox, the forum (\(shape.sessions) sessions, \(shape.perSession) participants each, \(shape.people) people)")
        print("run             messages  files  MB      seconds  peak memory  exit")
        var rows: [String] = []
        func report(_ label: String, _ measure: Measure) throws {
            let index = (try? String(contentsOfFile: "\(folder)/outbox/index.tsv", encoding: .utf8)) ?? ""
            let messages = max(0, index.split(separator: "\n").count - 1)
            let (files, bytes) = IcsBenchmark.census("\(folder)/outbox")
            let peak = measure.peakKB.map { String(format: "%6.0f MB", Double($0) / 1024) } ?? "       —"
            print(String(format: "%@  %8d  %5d  %6.1f  %7.2f s  %@    %d", label.padding(toLength: 14, withPad: " ", startingAt: 0),
                         messages, files, Double(bytes) / 1e6, measure.seconds, peak, measure.status))
            rows.append("{\"run\": \"\(label)\", \"sessions\": \(shape.sessions), \"people\": \(shape.people), \"per_session\": \(shape.perSession), "
                        + "\"messages\": \(messages), \"files\": \(files), \"bytes\": \(bytes), \"seconds\": \(measure.seconds), "
                        + "\"peak_kb\": \(measure.peakKB.map(String.init) ?? "null"), \"exit\": \(measure.status)}")
        }
        try report("first send", try measure(convene, ["send", "agenda.yaml", "--outbox", "outbox"], in: folder, log: "\(folder)/first-send.log"))
        // Those drafts sent; a tenth of the sessions an hour later.
        _ = try measure(convene, ["status", "agenda.yaml", "--mark-sent"], in: folder, log: "\(folder)/mark-sent.log")
        try moved(text).write(toFile: "\(folder)/agenda.yaml", atomically: true, encoding: .utf8)
        try report("updates", try measure(convene, ["send", "agenda.yaml", "--outbox", "outbox"], in: folder, log: "\(folder)/updates.log"))
        try ("[\n  " + rows.joined(separator: ",\n  ") + "\n]\n").write(toFile: "\(folder)/send.json", atomically: true, encoding: .utf8)
    }
}
