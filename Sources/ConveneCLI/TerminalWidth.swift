import Foundation

extension Terminal {
    /// The width text reports are laid out for: `--width` when given, else the terminal's
    /// width when standard output is one (its `COLUMNS`, else what the terminal says), else 80.
    static func width(option: Int?) -> Int {
        if let option { return option }
        guard isatty(STDOUT_FILENO) != 0 else { return 80 }
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }
}
