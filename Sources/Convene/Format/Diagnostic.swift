/// A place in an agenda file: 1-based line and column (columns count Unicode scalars).
public struct SourceLocation: Sendable, Equatable, Comparable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// The start of the file, for problems that concern the file as a whole.
    public static let start = SourceLocation(line: 1, column: 1)

    public var description: String { "\(line):\(column)" }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}

/// One problem found in an agenda file, with where it is and, when one helps, how to fix it.
public struct Diagnostic: Error, Sendable, Equatable {
    public enum Severity: String, Sendable {
        case error
        case warning
    }

    public var severity: Severity
    public var location: SourceLocation
    public var message: String
    public var hint: String?
    /// A warning's kind, which an agenda may accept (``WarningCode``).
    public var code: WarningCode?
    /// The session and the person a warning concerns, where an agenda may accept it too.
    public var session: SessionID?
    public var person: PersonID?

    public init(_ severity: Severity, at location: SourceLocation, _ message: String, hint: String? = nil,
                code: WarningCode? = nil, session: SessionID? = nil, person: PersonID? = nil) {
        self.severity = severity
        self.location = location
        self.message = message
        self.hint = hint
        self.code = code
        self.session = session
        self.person = person
    }

    /// The one-line form editors and terminals understand:
    /// `FILE:LINE:COLUMN: error: MESSAGE — HINT`, a warning's code after it in brackets.
    public func rendered(file: String) -> String {
        var line = "\(file):\(location.line):\(location.column): \(severity.rawValue): \(message)"
        if let hint { line += " — \(hint)" }
        if let code { line += code.protectsPeople ? " [\(code.rawValue), protects people: cannot be accepted]" : " [\(code.rawValue)]" }
        return line
    }
}

/// The diagnostics of one file, collected so that a single run reports all of them.
public struct DiagnosticList: Sendable, Equatable {
    /// More than this many problems in one file are counted rather than listed.
    public static let limit = 200

    public private(set) var items: [Diagnostic] = []
    /// Errors found beyond ``limit``: counted, never lost, so a file with one is never valid.
    public private(set) var omittedErrors = 0
    /// Warnings found beyond ``limit``.
    public private(set) var omittedWarnings = 0

    public init() {}

    /// How many problems were found beyond ``limit``.
    public var omitted: Int { omittedErrors + omittedWarnings }

    /// Whether the list is full, so that work spent only on a message (such as looking for
    /// the nearest name) can be skipped.
    public var isFull: Bool { items.count >= Self.limit }

    public mutating func append(_ diagnostic: Diagnostic) {
        guard !items.contains(diagnostic) else { return }
        if items.count < Self.limit {
            items.append(diagnostic)
        } else if diagnostic.severity == .error, let index = items.lastIndex(where: { $0.severity == .warning }) {
            // An error takes the place of a warning: errors are what must be fixed.
            items.remove(at: index)
            items.append(diagnostic)
            omittedWarnings += 1
        } else if diagnostic.severity == .error {
            omittedErrors += 1
        } else {
            omittedWarnings += 1
        }
    }

    public mutating func error(_ location: SourceLocation, _ message: String, hint: String? = nil) {
        append(Diagnostic(.error, at: location, message, hint: hint))
    }

    public mutating func warning(_ location: SourceLocation, _ message: String, hint: String? = nil,
                                 code: WarningCode? = nil, session: SessionID? = nil, person: PersonID? = nil) {
        append(Diagnostic(.warning, at: location, message, hint: hint, code: code, session: session, person: person))
    }

    /// Warnings the agenda accepts, taken out of the list: counted as ``acceptedCount``.
    public private(set) var accepted: [Diagnostic] = []
    public var acceptedCount: Int { accepted.count }

    /// Takes out the warnings `isAccepted` says the agenda accepts (never one that protects people).
    public mutating func accept(where isAccepted: (Diagnostic) -> Bool) {
        let (kept, taken) = items.reduce(into: ([Diagnostic](), [Diagnostic]())) { result, item in
            if item.severity == .warning, let code = item.code, !code.protectsPeople, isAccepted(item) {
                result.1.append(item)
            } else {
                result.0.append(item)
            }
        }
        items = kept
        accepted += taken
    }

    public mutating func append(contentsOf other: DiagnosticList) {
        for item in other.items { append(item) }
        accepted += other.accepted
        omittedErrors += other.omittedErrors
        omittedWarnings += other.omittedWarnings
    }

    /// Errors first within a line, lines in file order.
    public var sorted: [Diagnostic] {
        items.enumerated().sorted { a, b in
            if a.element.location != b.element.location { return a.element.location < b.element.location }
            return a.offset < b.offset
        }.map(\.element)
    }

    public var errors: [Diagnostic] { sorted.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { sorted.filter { $0.severity == .warning } }
    public var hasErrors: Bool { omittedErrors > 0 || items.contains { $0.severity == .error } }
    /// Every error found, listed or not.
    public var errorCount: Int { errors.count + omittedErrors }
    /// Every warning found, listed or not.
    public var warningCount: Int { warnings.count + omittedWarnings }
}
