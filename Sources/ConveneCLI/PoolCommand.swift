import ArgumentParser
import Convene

struct PoolCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pool",
        abstract: "Finds candidates in rosters of experts, e.g. women mediators for an all-male panel.",
        discussion: """
            Filters: --expertise, --region, --network and --training match words anywhere in the \
            person's entries, in any case; --language matches a language code exactly. A filter \
            given twice must match twice (--language uk --language en: people who speak both). \
            --women keeps women.
            --available-at keeps the people for whom that stretch (--duration, 1h unless given) \
            falls within their working hours, on one of their working days, in their own zone; \
            the others who match are listed after them, with flags. Write the time as \
            YYYY-MM-DDTHH:MM with --timezone ZONE, or with an offset (2026-12-08T14:30+02:00, or \
            Z for UTC). A time the clocks skip or repeat in that zone is refused.
            This is an organiser's tool: it names everyone, whatever their visibility. Do not \
            forward its output.
            Exit codes: 0 the search ran (even if no one matches), 1 a roster is invalid, \
            2 the command line is wrong.
            """
    )

    @Argument(help: ArgumentHelp("Roster files.", valueName: "roster"))
    var rosters: [String]

    @Option(help: ArgumentHelp("Words in the person's expertise; repeatable.", valueName: "words"))
    var expertise: [String] = []

    @Option(help: ArgumentHelp("A language code the person speaks, e.g. uk; repeatable.", valueName: "code"))
    var language: [String] = []

    @Option(help: ArgumentHelp("Words in the person's region, e.g. Kharkiv; repeatable.", valueName: "words"))
    var region: [String] = []

    @Option(help: ArgumentHelp("Words in one of the person's networks, e.g. 1325; repeatable.", valueName: "words"))
    var network: [String] = []

    @Option(help: ArgumentHelp("Words in one of the person's trainings, e.g. Clingendael; repeatable.", valueName: "words"))
    var training: [String] = []

    @Flag(help: "Only women.")
    var women = false

    @Option(help: ArgumentHelp("Only people free then: YYYY-MM-DDTHH:MM (with --timezone) or with an offset.", valueName: "datetime"))
    var availableAt: String?

    @Option(help: ArgumentHelp("How long they should be free, e.g. 90m or 1h30m (default 1h); needs --available-at.", valueName: "duration"))
    var duration: String?

    @Option(help: ArgumentHelp("The zone of --available-at, e.g. Europe/Kyiv; needs --available-at.", valueName: "zone"))
    var timezone: String?

    @Flag(help: "Print JSON.")
    var json = false

    func validate() throws {
        if availableAt == nil, duration != nil { throw ValidationError("--duration needs --available-at: the stretch people should be free in starts then") }
        if availableAt == nil, timezone != nil { throw ValidationError("--timezone needs --available-at: it is the zone of that time") }
        if let duration {
            guard let minutes = Minutes(parsing: duration) else {
                throw ValidationError("--duration '\(duration)' is not a duration — write it like 90m, 1h30m or 1h")
            }
            guard minutes.value <= 24 * 60 else { throw ValidationError("--duration must be at most 24h") }
        }
        for (option, values) in [("--expertise", expertise), ("--language", language), ("--region", region), ("--network", network), ("--training", training)]
        where values.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            throw ValidationError("\(option) is empty — give the words to look for")
        }
    }

    func run() throws {
        let zones = try Terminal.zones()
        var query = ExpertPool.Query()
        query.expertise = expertise
        query.languages = language
        query.regions = region
        query.networks = network
        query.trainings = training
        query.womenOnly = women
        if let availableAt {
            let zone = try timezone.map { try zoneName($0, zones: zones) }
            do {
                query.window = try PoolWindow(availableAt, minutes: duration.flatMap(Minutes.init(parsing:))?.value ?? 60, timeZone: zone, zones: zones)
            } catch {
                Terminal.error("convene: error: --available-at \(error)")
                throw ExitCode(Terminal.Exit.usage)
            }
        }
        var members: [ExpertPool.Member] = []
        var invalid = false
        for path in rosters {
            let bytes: [UInt8]
            switch Terminal.readFile(path) {
            case .success(let read): bytes = read
            case .failure(let problem):
                Terminal.error("convene: error: \(path): \(problem.reason)" + (problem == .missing ? " — check the path" : ""))
                throw ExitCode(problem == .missing || problem == .folder ? Terminal.Exit.usage : Terminal.Exit.invalidInput)
            }
            let loaded = RosterLoader(zones: zones).load(bytes, name: path)
            Terminal.printDiagnostics(loaded.diagnostics, file: path)
            if let roster = loaded.roster, loaded.isValid {
                members.append(ExpertPool.Member(name: path, roster: roster))
            } else {
                Terminal.error("\(path): \(Terminal.summary(loaded.diagnostics)); fix the errors first")
                invalid = true
            }
        }
        if invalid { throw ExitCode(Terminal.Exit.invalidInput) }
        let result = try ExpertPool(members, zones: zones).search(query)
        Terminal.out(json ? result.json().serialized() : result.text())
    }

    /// The current name of the zone `name`, warning for a legacy alias; exit 2 for a zone
    /// that does not exist, with the nearest real one.
    private func zoneName(_ name: String, zones: ZoneDirectory) throws -> String {
        switch zones.lookup(name) {
        case .current(let zone):
            return zone
        case .alias(let zone):
            Terminal.error("convene: warning: '\(name)' is a legacy name for '\(zone)'; using '\(zone)'")
            return zone
        case .unknown(let suggestion):
            Terminal.error("convene: error: unknown time zone '\(name)' — \(ZoneDirectory.hint(forUnknown: suggestion))")
            throw ExitCode(Terminal.Exit.usage)
        }
    }
}
