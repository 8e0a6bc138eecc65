import NexoKit

/// Renders command results as text in one ``OutputFormat``.
///
/// `render(_:)` returns what goes to standard output, always ending in a newline when not empty:
/// - `table`: the aligned table (or `(no rows)`), a row count footer (`3 rows`), the result's
///   footer (a total) and its message, each on its own line. A result without a table renders as
///   its message.
/// - `json`, `ndjson`, `csv`, `tsv`: the table's data only. The footer and the message are for
///   people and never mixed into machine-readable output: print them on standard error. A result
///   without a table renders as nothing.
///
/// Terminal behaviour (`isTerminal`): table cells wider than `maxColumnWidth`, and columns that
/// would make a row wider than `terminalWidth`, are cut with `…`; CSV and TSV cells are also
/// escaped for the terminal (see ``escapeForTerminal(_:)``). Off a terminal, nothing is cut and
/// CSV/TSV keep the data's bytes: no escapes, and no `'` before cells starting with `=` `+` `-` `@`
/// (spreadsheet neutralisation is for files written for spreadsheets, see `export`). Table text is
/// always escaped. JSON escapes every control character (C0, DEL, C1), U+2028/U+2029 and bidi
/// controls as `\uXXXX`.
public struct Renderer: Sendable {
    /// The format.
    public var format: OutputFormat
    /// Whether the output goes to a terminal.
    public var isTerminal: Bool
    /// Terminal width in columns, if known; tables are fitted to it on a terminal.
    public var terminalWidth: Int?
    /// Widest a table column may be on a terminal, or `nil` for no limit.
    public var maxColumnWidth: Int?
    /// Whether to print the table header in bold (ANSI SGR 1). Nothing else is ever coloured.
    public var color: Bool
    /// Whether CSV and TSV go to a file for spreadsheets (`save`): text cells that a spreadsheet would run as a
    /// formula get a leading `'`, as `export` writes them.
    public var forSpreadsheet = false
    /// Whether the `table` format shows one field per line, record by record (`set display vertical`, psql's
    /// `\x`): for rows too wide for the terminal.
    public var vertical = false

    /// Creates a renderer.
    public init(
        format: OutputFormat, isTerminal: Bool, terminalWidth: Int?, maxColumnWidth: Int? = nil, color: Bool = false
    ) {
        self.format = format
        self.isTerminal = isTerminal
        self.terminalWidth = terminalWidth
        self.maxColumnWidth = maxColumnWidth
        self.color = color
    }

    /// The result as standard-output text (see the type's documentation).
    public func render(_ result: CommandResult) -> String {
        var out = result.table.map(render) ?? ""
        if format == .table, result.table != nil, let footer = result.footer {
            out += Renderer.escapeForTerminal(footer) + "\n"
        }
        if format == .table, let message = result.message {
            out += Renderer.escapeForTerminal(message) + "\n"
        }
        return out
    }

    /// A table as text in this renderer's format.
    public func render(_ table: ResultTable) -> String {
        switch format {
        case .table:
            vertical ? TableText(renderer: self).renderVertical(table) : TableText(renderer: self).render(table)
        case .json: JSONText.array(table)
        case .ndjson: JSONText.lines(table)
        case .csv:
            DelimitedText(separator: .comma, escapeForTerminal: isTerminal, forSpreadsheet: forSpreadsheet).render(
                table)
        case .tsv:
            DelimitedText(separator: .tab, escapeForTerminal: isTerminal, forSpreadsheet: forSpreadsheet).render(table)
        }
    }

    /// Bold on, bold off, or nothing when colour is off.
    var bold: (on: String, off: String) { color ? ("\u{1B}[1m", "\u{1B}[0m") : ("", "") }
}
