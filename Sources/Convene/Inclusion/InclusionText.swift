/// How the inclusion report writes numbers and shares for people to read.
enum InclusionText {
    /// Cells in a share's bar: each is 10%, and a cell is drawn in eighths.
    static let barCells = 10

    /// `83%`, rounded to the nearest whole percent.
    static func percent(_ fraction: Double) -> String {
        "\(Int((fraction * 100).rounded()))%"
    }

    /// A bar of block characters, `barCells` cells for 100%, in eighths of a cell:
    /// 83% is 8 full cells and a two-eighths block.
    static func bar(_ fraction: Double) -> String {
        let eighths = Int((min(1, max(0, fraction)) * Double(barCells * 8)).rounded())
        let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        return String(repeating: "█", count: eighths / 8) + partial[eighths % 8]
    }

    /// The heading of the gender table that ``genderRow(_:_:)`` fills.
    static let genderHeading = "  " + "".padding(20) + "women".leftPadding(9) + "  share".padding(18)
        + "men".leftPadding(6) + "non-binary".leftPadding(11) + "undisclosed".leftPadding(12)

    /// One line of the gender table: women of total, their share and its bar, then the others.
    static func genderRow(_ label: String, _ count: GenderCount) -> String {
        guard count.total > 0 else { return ("  " + fit(label, 20).padding(20) + "none".leftPadding(9)) }
        let share = count.womenShare ?? 0
        return "  " + fit(label, 20).padding(20) + "\(count.women)/\(count.total)".leftPadding(9)
            + "  " + percent(share).leftPadding(4) + "  " + bar(share).padding(barCells)
            + "\(count.men)".leftPadding(6) + "\(count.nonBinary)".leftPadding(11) + "\(count.undisclosed)".leftPadding(12)
    }

    /// One line of a breakdown: label, count of total, share and bar.
    static func row(_ label: String, _ count: Int, of total: Int) -> String {
        let share = total == 0 ? nil : Double(count) / Double(total)
        let line = "    " + fit(label, 26).padding(26) + "\(count)/\(total)".leftPadding(9)
            + "  " + (share.map(percent) ?? "–").leftPadding(4) + "  " + (share.map(bar) ?? "")
        return line.trimmingTrailingSpaces
    }

    /// A line of a figures table: `label` in `labelWidth` columns (cut with an ellipsis when
    /// longer), then each cell right-aligned in `cellWidth` columns.
    static func columns(_ label: String, labelWidth: Int, _ cells: [String], cellWidth: Int) -> String {
        fit(label, labelWidth - 2).padding(labelWidth) + cells.map { $0.leftPadding(cellWidth) }.joined()
    }

    /// `text` on one line, cut with an ellipsis to at most `width` columns.
    static func fit(_ text: String, _ width: Int) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        guard flat.displayWidth > width else { return flat }
        var cut = ""
        for character in flat {
            if (cut + String(character)).displayWidth > width - 1 { break }
            cut.append(character)
        }
        return cut + "…"
    }

    /// `text` broken into lines of at most `width` columns at spaces, each line after
    /// `indent`.
    static func wrap(_ text: String, width: Int, indent: String = "") -> [String] {
        var lines: [String] = [], line = indent
        for word in text.split(separator: " ") {
            let candidate = line == indent ? line + word : line + " " + word
            if candidate.displayWidth > width, line != indent {
                lines.append(line)
                line = indent + word
            } else {
                line = candidate
            }
        }
        if line != indent { lines.append(line) }
        return lines.map { fit($0, width) }
    }
}

extension String {
    /// Padded on the left with spaces to `width` display columns.
    fileprivate func leftPadding(_ width: Int) -> String {
        String(repeating: " ", count: max(0, width - displayWidth)) + self
    }
}
