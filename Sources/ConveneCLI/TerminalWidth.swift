import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How wide the text reports are: `--width`, else the terminal's.
extension Terminal {
    /// The narrowest `--width` a report accepts: a name column, a time and a zone still fit.
    static let minimumWidth = 40
    /// The widest `--width` a report accepts.
    static let maximumWidth = 1000

    /// The columns a text report may take: `option` (`--width`, checked against
    /// ``minimumWidth`` and ``maximumWidth`` by the command) when given; else, when standard
    /// output is a terminal, its width (at least ``minimumWidth``); else 80.
    static func width(option: Int?) -> Int {
        if let option { return option }
        guard isatty(STDOUT_FILENO) == 1 else { return 80 }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            return min(max(Int(size.ws_col), minimumWidth), maximumWidth)
        }
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 0 {
            return min(max(columns, minimumWidth), maximumWidth)
        }
        return 80
    }

    /// The message for a `--width` out of range, or `nil` when it is fine.
    static func widthProblem(_ option: Int?) -> String? {
        guard let option, !(minimumWidth...maximumWidth).contains(option) else { return nil }
        return "--width must be \(minimumWidth) to \(maximumWidth) columns"
    }
}
