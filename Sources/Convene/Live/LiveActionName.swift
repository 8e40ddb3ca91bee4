/// The moderator's actions by name, as the event store records them and the live server's API
/// takes them: `start`, `next`, `previous`, `pause`, `resume`, `addMinutes`, `removeMinutes`,
/// `skip`, `startTurn`, `endTurn`, `shortenBreak`, `message`, `moveSession`, with a count of
/// minutes, a person, a line of text or a session where the action needs one.
extension LiveAction {
    /// Every name, in the order docs/live.md lists them.
    public static let names = ["start", "next", "previous", "pause", "resume", "addMinutes", "removeMinutes",
                               "skip", "startTurn", "endTurn", "shortenBreak", "message", "moveSession"]

    /// The action's name: `addMinutes` for ``addMinutes(_:)``.
    public var name: String {
        switch self {
        case .start: "start"
        case .next: "next"
        case .previous: "previous"
        case .pause: "pause"
        case .resume: "resume"
        case .addMinutes: "addMinutes"
        case .removeMinutes: "removeMinutes"
        case .skip: "skip"
        case .startTurn: "startTurn"
        case .endTurn: "endTurn"
        case .shortenBreak: "shortenBreak"
        case .message: "message"
        case .moveSession: "moveSession"
        }
    }

    /// The line of text the action carries, if any.
    public var text: String? {
        if case .message(let text) = self { return text }
        return nil
    }

    /// The longest message line, in characters: what a stage timer shows in one or two lines.
    public static let maximumMessage = 140

    /// The count of minutes the action carries, if any.
    public var minutes: Int? {
        switch self {
        case .addMinutes(let minutes), .removeMinutes(let minutes), .shortenBreak(let minutes), .moveSession(_, let minutes): minutes
        default: nil
        }
    }

    /// The person the action names, if any.
    public var person: PersonID? {
        switch self {
        case .startTurn(let person), .endTurn(let person): person
        default: nil
        }
    }

    /// The session the action moves, if any.
    public var session: SessionID? {
        if case .moveSession(let session, _) = self { return session }
        return nil
    }

    /// The most minutes one action may add, take away or shorten a break by: a day.
    public static let maximumMinutes = 1440

    /// The action of `name` with what it needs; `nil` with the reason when the name is unknown,
    /// or the minutes, the person, the text or the session it needs are missing, or given to an
    /// action that takes none. Only `moveSession` takes negative minutes (earlier).
    public static func named(_ name: String, minutes: Int? = nil, person: String? = nil, text: String? = nil, session: String? = nil)
        -> Result<LiveAction, LiveActionNameProblem> {
        let needsMinutes = ["addMinutes", "removeMinutes", "shortenBreak", "moveSession"].contains(name)
        let needsPerson = ["startTurn", "endTurn"].contains(name)
        let needsText = name == "message"
        let needsSession = name == "moveSession"
        guard names.contains(name) else { return .failure(.unknown(name)) }
        if needsMinutes, minutes == nil { return .failure(.missing(name, "minutes")) }
        if needsPerson, person?.isEmpty ?? true { return .failure(.missing(name, "person")) }
        if needsText, text == nil { return .failure(.missing(name, "text")) }
        if needsSession, session?.isEmpty ?? true { return .failure(.missing(name, "session")) }
        if !needsMinutes, minutes != nil { return .failure(.unexpected(name, "minutes")) }
        if !needsPerson, person != nil { return .failure(.unexpected(name, "person")) }
        if !needsText, text != nil { return .failure(.unexpected(name, "text")) }
        if !needsSession, session != nil { return .failure(.unexpected(name, "session")) }
        if let minutes, minutes > maximumMinutes || (needsSession && minutes < -maximumMinutes) { return .failure(.tooManyMinutes(name, minutes)) }
        if let text, text.count > maximumMessage || text.contains(where: { $0.isNewline || $0.unicodeScalars.contains { $0.properties.generalCategory == .control } }) {
            return .failure(.badMessage(text.count))
        }
        let id = PersonID(rawValue: person ?? "")
        switch name {
        case "start": return .success(.start)
        case "next": return .success(.next)
        case "previous": return .success(.previous)
        case "pause": return .success(.pause)
        case "resume": return .success(.resume)
        case "addMinutes": return .success(.addMinutes(minutes ?? 0))
        case "removeMinutes": return .success(.removeMinutes(minutes ?? 0))
        case "skip": return .success(.skip)
        case "startTurn": return .success(.startTurn(id))
        case "endTurn": return .success(.endTurn(id))
        case "message": return .success(.message((text ?? "").trimmingCharacters(in: .whitespaces)))
        case "moveSession": return .success(.moveSession(SessionID(rawValue: session ?? ""), minutes: minutes ?? 0))
        default: return .success(.shortenBreak(minutes: minutes ?? 0))
        }
    }
}

/// Why a name and its values are not an action.
public enum LiveActionNameProblem: Error, Sendable, Equatable, CustomStringConvertible {
    case unknown(String)
    /// The action and the value it needs ("minutes", "person").
    case missing(String, String)
    /// The action and a value it does not take.
    case unexpected(String, String)
    /// More minutes than ``LiveAction/maximumMinutes``.
    case tooManyMinutes(String, Int)
    /// A message of this many characters: too long, or more than one line.
    case badMessage(Int)

    public var description: String {
        switch self {
        case .unknown(let name):
            "'\(name)' is not an action — use one of \(LiveAction.names.joined(separator: ", "))"
        case .missing(let name, let value):
            switch value {
            case "minutes": "\(name) needs a number of minutes (\"minutes\": 5)"
            case "session": "\(name) needs the session's id (\"session\": \"ID\")"
            case "text": "\(name) needs a line of text (\"text\": \"Please wrap up\"; \"\" clears it)"
            default: "\(name) needs the person's id (\"person\": \"ID\")"
            }
        case .unexpected(let name, let value):
            "\(name) takes no \(value) — leave \"\(value)\" out"
        case .tooManyMinutes(let name, let minutes):
            "\(name) of \(minutes) minutes is more than a day — give at most \(LiveAction.maximumMinutes)\(name == "moveSession" ? " either way" : "")"
        case .badMessage(let count):
            "a message for the stage timer is one line of at most \(LiveAction.maximumMessage) characters — this one has \(count), or more than one line"
        }
    }
}
