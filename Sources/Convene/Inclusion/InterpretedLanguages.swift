/// The languages the event is interpreted into.
///
/// Until the agenda can say so itself, an event that lists more than one working language
/// (`languages: [uk, en]`) is taken to be interpreted between them, and an event with one
/// working language or none is not interpreted. This is the one place that decides it.
public func interpretedLanguages(in agenda: Agenda) -> [String] {
    agenda.languages.count > 1 ? agenda.languages : []
}
