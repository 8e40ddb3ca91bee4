/// The languages the event is interpreted into and from: the agenda's
/// `interpretation: { languages: [...] }`, none when it gives no interpretation.
public func interpretedLanguages(in agenda: Agenda) -> [String] {
    agenda.interpretation?.languages ?? []
}
