/// The physical lines of a source text, for quoting the line an error points into.
struct SourceLines: Sendable, Hashable {
    /// Number of the first line.
    var firstLine: Int
    /// The lines, without their line breaks.
    var lines: [String]

    init(firstLine: Int, lines: [String]) {
        self.firstLine = firstLine
        self.lines = lines
    }

    /// Splits `source` at `\n`, `\r\n` and `\r`.
    init(_ source: String, firstLine: Int) {
        self.firstLine = firstLine
        var lines: [String] = []
        var current = ""
        for c in source {
            if Lexer.isNewline(c) {
                lines.append(current)
                current = ""
            } else {
                current.append(c)
            }
        }
        lines.append(current)
        self.lines = lines
    }

    /// The text of line `number`, or `nil` when it is outside the text.
    func line(_ number: Int) -> String? {
        let i = number - firstLine
        return lines.indices.contains(i) ? lines[i] : nil
    }

    /// The lines from `first` through `last`, as their own ``SourceLines``.
    func slice(_ first: Int, _ last: Int) -> SourceLines {
        let lo = max(0, first - firstLine), hi = min(lines.count, last - firstLine + 1)
        return SourceLines(firstLine: firstLine + lo, lines: lo < hi ? Array(lines[lo..<hi]) : [])
    }
}
