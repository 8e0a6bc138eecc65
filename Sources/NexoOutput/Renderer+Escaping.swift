import NexoText

extension Renderer {
    /// `text` made safe to print on a terminal: control characters and bidi overrides shown as
    /// escapes (`\e`, `\x07`, `\u{202E}`); newlines and tabs kept. For messages and notes.
    public static func escapeForTerminal(_ text: String) -> String {
        TerminalEscaping.escape(text, keepLayout: true)
    }

    /// `text` made safe for one table cell: like ``escapeForTerminal(_:)``, and `\n`, `\t` escaped too.
    public static func escapeCell(_ text: String) -> String {
        TerminalEscaping.escape(text, keepLayout: false)
    }
}
