import ArgumentParser
import Convene

// The library's words that options take as they are: `--sheet run-of-show`, `--format md`,
// `--lang uk`, `--audience participants`, `--paper letter` (print, ics, report).
extension Sheet: ExpressibleByArgument {}
extension SheetFormat: ExpressibleByArgument {}
extension Paper: ExpressibleByArgument {}
extension SheetLanguage: ExpressibleByArgument {
    /// `--lang fa-AF`, also `prs`, `FR` or a name (`dari`, `français`).
    public init?(argument: String) {
        self.init(written: argument)
    }
}
extension Audience: ExpressibleByArgument {}
