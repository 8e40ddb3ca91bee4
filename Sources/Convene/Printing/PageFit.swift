/// Whether a session is short enough to keep on one printed page: the print stylesheet keeps
/// such a session whole (`break-inside: avoid`), moving it to the next page rather than
/// cutting it, and lets a longer one run on between its rows, since keeping it whole would
/// only leave the rest of a page blank before it.
///
/// The measure is an estimate in lines of the print stylesheet's body text (10 pt): an A4
/// page holds about 55 of them between its margins, a Letter page about 51. A session is
/// kept whole up to ``pageLines``, which leaves room for the estimate to be short.
enum PageFit {
    /// The most lines a session may take to be kept on one page.
    static let pageLines = 42.0
    /// About how many characters fit on a line of the agenda's segment column, and of the
    /// run-of-show's (narrower: four columns of numbers come first).
    static let agendaColumn = 80.0, runOfShowColumn = 56.0

    /// Whether `session` fits a page; `rows` when the sheet prints its run-of-show rows.
    static func fits(_ session: SessionView, rows: Bool) -> Bool {
        lines(of: session, rows: rows) <= pageLines
    }

    /// The estimated height of `session` in lines.
    static func lines(of session: SessionView, rows: Bool) -> Double {
        // The day's heading, the title, the times (and the session's own join link).
        var total = (session.newDay ? 1.6 : 0) + (session.showTitle ? 1.6 : 0) + 1.2 + (session.online != nil ? 1 : 0)
        if session.moderator != nil { total += 1 }
        if let notice = session.notice { total += lines(notice, column: agendaColumn) + 1 }
        if rows {
            total += 2 + Double(session.onlineSpeakers.count)  // the table's head, who is online
            for row in session.rows { total += lines(of: row) }
        } else {
            for segment in session.segments { total += lines(of: segment) }
        }
        return total
    }

    static func lines(of segment: SegmentView) -> Double {
        var total = 1.5  // the title, and the row's padding and rule
        for speaker in segment.speakers { total += lines(speaker.line, column: agendaColumn) }
        if segment.moderator != nil { total += 1 }
        if segment.speakerCount != nil { total += 1 }
        if segment.questionNumbers != nil { total += 1 }
        return total
    }

    static func lines(of row: RowView) -> Double {
        var total = 1.5
        if row.moderator != nil { total += 1 }
        for person in row.floor { total += lines(person.name + (person.local ?? "") + " — 12 min", column: runOfShowColumn) }
        for question in row.questions { total += lines(question.text, column: runOfShowColumn - 12) }
        for cue in row.cues { total += lines(cue, column: runOfShowColumn - 6) }
        if let interpretation = row.interpretation { total += lines(interpretation, column: runOfShowColumn - 16) }
        if let notes = row.notes { total += lines(notes, column: runOfShowColumn - 6) }
        return total
    }

    /// The lines `text` wraps to in a column of `column` characters.
    static func lines(_ text: String, column: Double) -> Double {
        max(1, (Double(text.count) / column).rounded(.up))
    }
}
