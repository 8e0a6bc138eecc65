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
