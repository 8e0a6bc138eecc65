/// Lays out completion candidates in columns, column by column like ls(1).
enum CandidateColumns {
    /// The rows to print (no trailing spaces) for `candidates` on a terminal `width` columns wide.
    /// At most `limit` candidates are shown; a last row says how many were left out.
    static func rows(_ candidates: [String], width: Int, limit: Int = 200) -> [String] {
        let shown = candidates.prefix(limit).map(displayable)
        guard !shown.isEmpty else { return [] }
        let widest = shown.map(\.count).max() ?? 0
        let columnWidth = widest + 2
        let columns = max(1, (max(width, 1) + 2) / columnWidth)
        let rowCount = (shown.count + columns - 1) / columns
        var rows: [String] = []
        for row in 0..<rowCount {
            var text = ""
            for column in 0..<columns {
                let index = column * rowCount + row
                guard index < shown.count else { break }
                let item = shown[index]
                let isLast = column == columns - 1 || index + rowCount >= shown.count
                text += isLast ? item : item + String(repeating: " ", count: columnWidth - item.count)
            }
            rows.append(text)
        }
        if candidates.count > shown.count {
            rows.append("(\(candidates.count - shown.count) more not shown)")
        }
        return rows
    }

    /// The rows for candidates shown with what they stand for (`P-110  Henry Alvarado`), one a line,
    /// the candidates padded to one width, each row cut to `width` columns; at most `limit`, then
    /// `…and N more` for the rest and `more` (words that fit but were not read).
    static func describedRows(
        _ candidates: [String], descriptions: [String: String], more: Int = 0, width: Int, limit: Int = 20
    ) -> [String] {
        let shown = candidates.prefix(limit)
        let widest = shown.map { displayable($0).count }.max() ?? 0
        var rows = shown.map { candidate -> String in
            let text = displayable(candidate)
            guard let description = descriptions[candidate].map(displayable), !description.isEmpty else { return text }
            let row = text + String(repeating: " ", count: widest - text.count + 2) + description
            return row.count > max(width, 1) ? String(row.prefix(max(width, 2) - 1)) + "…" : row
        }
        let left = candidates.count - shown.count + max(0, more)
        if left > 0 { rows.append("…and \(left) more") }
        return rows
    }

    /// The candidate with control characters replaced by `?`, so data cannot drive the terminal.
    static func displayable(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let value = scalar.value
            let isControl = value < 0x20 || (0x7F...0x9F).contains(value)
            scalars.append(isControl ? "?" : scalar)
        }
        return String(scalars)
    }
}
