import Foundation

/// Which person key each column of a registration list fills.
///
/// Columns are matched by their header, in any case and ignoring spaces and punctuation
/// ("E-mail", "Email Address", "Time zone"), against the names Indico, Google Forms and Excel
/// lists use; only keys the file kind has are filled (`attendance` is an agenda's, `region` a
/// roster's). `--map "COLUMN=KEY"` overrides a default. Columns that fill nothing are listed in
/// ``ignored``.
public struct ColumnMapping: Sendable, Equatable {
    /// What one column fills.
    public enum Use: Sendable, Hashable {
        /// A person key, e.g. `email`.
        case key(String)
        /// The given or family name, joined into `name` when no column holds the whole name.
        case givenName, familyName
        /// A yes marks someone who must not be named: `visibility: organizers`.
        case hidden
        /// Consent to be named: only a yes leaves the person public; anything else, or nothing,
        /// gives `visibility: organizers`.
        case publishName

        /// The word `--map` takes for it.
        public var word: String {
            switch self {
            case .key(let key): key
            case .givenName: "given_name"
            case .familyName: "family_name"
            case .hidden: "hidden"
            case .publishName: "publish_name"
            }
        }

        /// The words `--map` takes besides the person keys.
        static let extraWords: [Use] = [.givenName, .familyName, .hidden, .publishName]
    }

    /// A column the import leaves out, and why, when it is not simply unknown.
    public struct Ignored: Sendable, Equatable {
        public var column: Int
        public var header: String
        public var reason: String?
    }

    /// What each used column (from 0) fills.
    public private(set) var uses: [Int: Use] = [:]
    /// The columns left out, in column order.
    public private(set) var ignored: [Ignored] = []

    /// The column (from 0) that fills `use`, if any.
    public func column(for use: Use) -> Int? {
        uses.first { $0.value == use }?.key
    }

    /// The mapping of `header` for a file of `kind`; `overrides` come first.
    public init(header: [String], kind: PeopleFile.Kind, overrides: [ColumnOverride] = []) throws(ColumnOverride.Problem) {
        let keys = kind.personKeys
        var fixed: [Use: Int] = [:]
        for override in overrides {
            let column = try override.column(in: header)
            let use = try override.use(for: kind)
            if fixed[use] != nil { throw .init("--map gives '\(use.word)' two columns", hint: "keep one --map for each key") }
            if uses[column] != nil { throw .init("--map names the column '\(header[column])' twice", hint: "keep one --map for each column") }
            uses[column] = use
            fixed[use] = column
        }
        var candidates: [Use: [(column: Int, rank: Int)]] = [:]
        var left: [Ignored] = []
        for (column, title) in header.enumerated() where uses[column] == nil && !title.isEmpty {
            guard let (use, rank) = Self.defaultUse(of: title) else {
                left.append(Ignored(column: column, header: title, reason: nil))
                continue
            }
            if case .key(let key) = use, !keys.contains(key) {
                left.append(Ignored(column: column, header: title, reason: kind.missingKeyReason(key)))
                continue
            }
            candidates[use, default: []].append((column, rank))
        }
        for (use, found) in candidates {
            let ranked = found.sorted { ($0.rank, $0.column) < ($1.rank, $1.column) }
            guard let chosen = fixed[use] ?? ranked.first?.column else { continue }
            if fixed[use] == nil { uses[chosen] = use }
            for other in ranked where other.column != chosen {
                left.append(Ignored(column: other.column, header: header[other.column], reason: "\(use.word) comes from '\(header[chosen])'"))
            }
        }
        // A column for the whole name makes the parts redundant, unless --map chose the parts.
        if let whole = column(for: .key("name")) {
            if fixed[.key("name")] == nil, fixed[.givenName] != nil || fixed[.familyName] != nil {
                uses[whole] = nil
                left.append(Ignored(column: whole, header: header[whole], reason: "--map makes the name from its parts"))
            } else {
                for (column, use) in uses where use == .givenName || use == .familyName {
                    uses[column] = nil
                    left.append(Ignored(column: column, header: header[column], reason: "name comes from '\(header[whole])'"))
                }
            }
        }
        ignored = left.sorted { $0.column < $1.column }
    }

    /// What a column of this header fills by default, and how strongly: a lower rank wins
    /// when two columns fill the same key ("Position" over Indico's "Title", Mr or Ms).
    static func defaultUse(of header: String) -> (Use, Int)? {
        let name = normalized(header)
        for (use, aliases) in defaults {
            if let rank = aliases.firstIndex(of: name) { return (use, rank) }
        }
        // Google Forms names a column by its whole question.
        let words = Set(header.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init))
        if words.contains("anonymous") || words.contains("anonymously") { return (.hidden, 0) }
        if !words.isDisjoint(with: ["publish", "published", "publication"]), !words.isDisjoint(with: ["name", "names"]) {
            return words.isDisjoint(with: ["not", "dont", "don", "withhold", "never"]) ? (.publishName, 1) : (.hidden, 1)
        }
        return nil
    }

    /// The header's letters and digits, lower case, without accents: "E-mail Address" is
    /// `emailaddress`.
    static func normalized(_ header: String) -> String {
        String(header.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .filter { $0.isLetter || $0.isNumber })
    }

    /// The headers each use is found under, most specific first (normalised).
    static let defaults: [(Use, [String])] = [
        (.key("name"), ["name", "fullname", "yourname", "participantname"]),
        (.givenName, ["firstname", "givenname", "forename"]),
        (.familyName, ["lastname", "surname", "familyname"]),
        (.key("title"), ["position", "jobtitle", "title", "role"]),
        (.key("organization"), ["affiliation", "organisation", "organization", "institution", "company"]),
        (.key("email"), ["email", "emailaddress", "mail", "youremail", "youremailaddress"]),
        (.key("gender"), ["gender"]),
        (.key("sector"), ["sector"]),
        (.key("attendance"), ["attendance", "participation", "attendancemode", "participationmode"]),
        (.key("timezone"), ["timezone", "yourtimezone"]),
        (.key("working_hours"), ["workinghours"]),
        (.key("working_days"), ["workingdays"]),
        (.key("visibility"), ["visibility"]),
        (.key("described_as"), ["describedas"]),
        (.key("languages"), ["languages", "language", "languagesspoken"]),
        (.key("region"), ["region", "country"]),
        (.key("expertise"), ["expertise", "areasofexpertise"]),
        (.key("networks"), ["networks", "network"]),
        (.key("trainings"), ["trainings", "training"]),
        (.hidden, ["hidden", "anonymous", "donotname", "donotpublishmyname", "dontpublishmyname", "withholdname"]),
        (.publishName, ["publishname", "publishmyname", "namemaybepublished", "consenttopublishname"]),
    ]
}

/// One `--map "COLUMN=KEY"`: the column with that header fills that key.
public struct ColumnOverride: Sendable, Equatable {
    public var column: String
    public var key: String

    /// Why a `--map` cannot be followed: a mistake on the command line (exit 2).
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var message: String
        public var hint: String?

        init(_ message: String, hint: String? = nil) {
            self.message = message
            self.hint = hint
        }

        public var description: String { message + (hint.map { " — \($0)" } ?? "") }
    }

    /// How the option was given, for messages: `--map 'Full name=name'`.
    var argument: String { "--map '\(column)=\(key)'" }

    /// `COLUMN=KEY`, split at the last `=`; `nil` when either side is empty.
    public init?(_ argument: String) {
        guard let equals = argument.lastIndex(of: "=") else { return nil }
        column = argument[..<equals].trimmingSpaces
        key = argument[argument.index(after: equals)...].trimmingSpaces
        if column.isEmpty || key.isEmpty { return nil }
    }

    /// The column whose header is `column`, in any case.
    func column(in header: [String]) throws(Problem) -> Int {
        var matches = header.indices.filter { header[$0].lowercased() == column.lowercased() }
        if matches.isEmpty {
            matches = header.indices.filter { ColumnMapping.normalized(header[$0]) == ColumnMapping.normalized(column) }
        }
        guard let first = matches.first else {
            let near = Suggestion.nearest(to: column, in: header)
            throw Problem("\(argument): no column is called '\(column)'",
                          hint: near.map { "did you mean '\($0)'?" } ?? "the columns are: " + header.filter { !$0.isEmpty }.map { "'\($0)'" }.joined(separator: ", "))
        }
        guard matches.count == 1 else {
            throw Problem("\(argument): \(matches.count) columns are called '\(header[first])' (columns \(matches.map { String($0 + 1) }.joined(separator: ", ")))",
                          hint: "rename all but one in the header line")
        }
        return first
    }

    /// What `key` fills in a file of `kind`.
    func use(for kind: PeopleFile.Kind) throws(Problem) -> ColumnMapping.Use {
        if let extra = ColumnMapping.Use.extraWords.first(where: { $0.word == key }) { return extra }
        if kind.personKeys.contains(key) { return .key(key) }
        if let reason = kind.missingKeyReason(key) { throw Problem("\(argument): '\(key)' is not a key of \(kind.withArticle): \(reason)") }
        let words = kind.personKeys + ColumnMapping.Use.extraWords.map(\.word)
        throw Problem("\(argument): '\(key)' is not a person key",
                      hint: Suggestion.nearest(to: key, in: words).map { "did you mean '\($0)'?" } ?? "use one of: \(words.joined(separator: ", "))")
    }
}
