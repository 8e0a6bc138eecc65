import NexoText

/// `set pager`: whether the REPL sends results through the pager.
public enum PagerMode: String, CaseIterable, Sendable {
    /// Never.
    case off
    /// When a result does not fit the screen (the default).
    case on
    /// Every result that prints something (psql's `\pset pager always`).
    case always
}

/// Whether a result goes through the pager: the decision alone, on a screen size given to it (tests give one).
enum Paging {
    /// A terminal's size.
    struct Screen: Equatable {
        var rows: Int
        var columns: Int
    }

    /// Columns a tab stop is apart on a terminal.
    static let tabWidth = 8

    /// Whether `text` (a result's standard output) goes through the pager on `screen` in `mode`.
    ///
    /// `off`: never. `always`: whenever there is text. `on`: when the text and the prompt after it do not fit the
    /// screen: it takes as many rows as the screen has, or more (a line wider than the screen takes the rows the
    /// terminal wraps it onto), as psql decides; and, for a pager that chops long lines (`less -S`), when a line
    /// is wider than the screen, to be scrolled sideways there. Never when the screen's size is unknown.
    /// Only the rows that decide are measured, so a long result costs no more than a short one.
    static func pages(_ text: String, mode: PagerMode, screen: Screen?, chopsLongLines: Bool) -> Bool {
        guard !text.isEmpty, mode != .off else { return false }
        if mode == .always { return true }
        guard let screen, screen.rows > 0, screen.columns > 0 else { return false }
        var rows = 0
        var rest = Substring(text)
        while !rest.isEmpty {
            let end = rest.firstIndex(of: "\n") ?? rest.endIndex
            let width = columns(of: rest[..<end])
            if chopsLongLines && width > screen.columns { return true }
            rows += max(1, (width + screen.columns - 1) / screen.columns)
            if rows >= screen.rows { return true }
            rest = end == rest.endIndex ? "" : rest[rest.index(after: end)...]
        }
        return false
    }

    /// The terminal columns `line` takes: ``DisplayWidth`` of its text, a tab reaching the next tab stop.
    static func columns(of line: Substring) -> Int {
        var column = 0
        for (index, part) in line.split(separator: "\t", omittingEmptySubsequences: false).enumerated() {
            if index > 0 { column = (column / tabWidth + 1) * tabWidth }
            column += DisplayWidth.of(String(part))
        }
        return column
    }
}
