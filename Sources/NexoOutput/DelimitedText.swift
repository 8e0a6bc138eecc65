import NexoKit
import NexoText

/// CSV and TSV output: a header line of column names, then one line per row, each ending in LF.
///
/// - CSV (RFC 4180 except for line ends, which are LF, the Unix convention): fields as
///   ``CSVText/field(_:)`` writes them (quoted when they hold `,` `"` or a control character).
/// - TSV: `\` `TAB` `LF` `CR` inside a cell are written `\\` `\t` `\n` `\r`, so every row is one line.
/// - Cells: null is empty, entity references are their id, dates `YYYY-MM-DD`; text exactly as
///   stored. This is standard output: no `'` is added before `=` `+` `-` `@` (that is for files
///   written for spreadsheets, see ``CSVText/spreadsheetSafe(_:)``), so `+503 7477 1235` stays as it is.
struct DelimitedText {
    enum Separator {
        case comma, tab
    }

    let separator: Separator
    /// Whether to escape control characters (ESC, BEL, C1, bidi overrides) for a terminal. Only
    /// on a terminal: into a pipe or a file the data keeps its bytes.
    let escapeForTerminal: Bool
    /// Whether the text is a file for spreadsheets: a text cell starting with `=` `+` `-` `@` TAB CR or `'` gets a
    /// leading `'` (numbers do not), as `export` writes CSV.
    var forSpreadsheet = false

    func render(_ table: ResultTable) -> String {
        var out = ""
        let sep = separator == .comma ? "," : "\t"
        out += table.columns.map { field($0.name) }.joined(separator: sep) + "\n"
        for index in 0..<table.rowCount {
            var first = true
            for value in table.row(index) {
                if !first { out += sep }
                first = false
                switch value {
                case .int, .double: out += field(value.description)
                default: out += field(forSpreadsheet ? CSVText.spreadsheetSafe(value.description) : value.description)
                }
            }
            out += "\n"
        }
        return out
    }

    /// Quoted (CSV) or escaped (TSV) as the format needs, then escaped for a terminal if asked.
    func field(_ text: String) -> String {
        var out: String
        switch separator {
        case .comma:
            out = CSVText.field(text)
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
