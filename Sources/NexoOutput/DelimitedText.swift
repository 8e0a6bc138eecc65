import NexoKit

/// CSV and TSV output: a header line of column names, then one line per row, each ending in LF.
///
/// - CSV (RFC 4180 except for line ends, which are LF, the Unix convention): a cell is quoted when
///   it contains `,` `"` CR or LF; quotes inside are doubled.
/// - TSV: `\` `TAB` `LF` `CR` inside a cell are written `\\` `\t` `\n` `\r`, so every row is one line.
/// - Formula injection (OWASP): a cell starting with `=` `+` `-` `@` TAB or CR gets a leading `'`
///   so spreadsheets do not evaluate it, except a number in an `int` or `double` column
///   (`-5` stays `-5`).
/// - Cells: null is empty, entity references are their id, dates `YYYY-MM-DD`.
struct DelimitedText {
    enum Separator {
        case comma, tab
    }

    let separator: Separator
    /// Whether to escape control characters (ESC, BEL, C1, bidi overrides). The renderer always asks
    /// for it: files written from a pipe end up on terminals too, so data never carries control sequences.
    let escapeForTerminal: Bool

    func render(_ table: ResultTable) -> String {
        var out = ""
        let sep = separator == .comma ? "," : "\t"
        out += table.columns.map { field(neutralised($0.name)) }.joined(separator: sep) + "\n"
        for row in table.rows {
            var first = true
            for (i, value) in row.enumerated() {
                if !first { out += sep }
                first = false
                out += field(cell(value, in: table.columns[i]))
            }
            out += "\n"
        }
        return out
    }

    /// The text of a cell, neutralised against formula injection.
    func cell(_ value: Value, in column: Column) -> String {
        let text = value.description
        switch (column.type, value) {
        case (.int, .int), (.int, .double), (.double, .int), (.double, .double): return text
        default: return neutralised(text)
        }
    }

    func neutralised(_ text: String) -> String {
        guard let first = text.unicodeScalars.first else { return text }
        switch first {
        case "=", "+", "-", "@", "\t", "\r": return "'" + text
        default: return text
        }
    }

    /// Quoted (CSV) or escaped (TSV) as the format needs, then escaped for a terminal if asked.
    func field(_ text: String) -> String {
        var out: String
        switch separator {
        case .comma:
            if text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
                var quoted = "\""
                for scalar in text.unicodeScalars {
                    if scalar == "\"" { quoted += "\"\"" } else { quoted.unicodeScalars.append(scalar) }
                }
                out = quoted + "\""
            } else {
                out = text
            }
        case .tab:
            if text.unicodeScalars.contains(where: { $0 == "\\" || $0 == "\t" || $0 == "\n" || $0 == "\r" }) {
                out = ""
                for scalar in text.unicodeScalars {
                    switch scalar {
                    case "\\": out += "\\\\"
                    case "\t": out += "\\t"
                    case "\n": out += "\\n"
                    case "\r": out += "\\r"
                    default: out.unicodeScalars.append(scalar)
                    }
                }
            } else {
                out = text
            }
        }
        return escapeForTerminal ? Renderer.escapeForTerminal(out) : out
    }
}
