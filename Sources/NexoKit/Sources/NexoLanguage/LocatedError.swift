import NexoKit
import NexoText

/// A ``NexoError`` with the place in the source where it happened, for the one-line report
/// with the source line and a caret:
///
/// ```
/// script.nexo:3:20: error: unknown option '--rol' for 'gang members'; Did you mean '--role'?
///     gang members MS-13 --rol palabrero
///                        ^
/// ```
///
/// The shell names `-c` text `-c` and standard input `<stdin>` (`-c:1:6: error: …`); source with no name at all
/// (the REPL's line) starts with just `error: …`. The source line and caret follow when they are known.
public struct LocatedError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public var error: NexoError
    /// Where, if known.
    public var location: SourceLocation?
    /// The full text of the source line `location` points into, if known.
    public var sourceLine: String?

    /// Creates a located error.
    public init(error: NexoError, location: SourceLocation?, sourceLine: String?) {
        self.error = error
        self.location = location
        self.sourceLine = sourceLine
    }

    /// Creates an error at `position` of a command call, taking the file and source line from it.
    public init(_ error: NexoError, in call: CommandCall, at position: SourcePosition? = nil) {
        let position = position ?? call.range.start
        self.init(
            error: error, location: SourceLocation(file: call.file, position),
            sourceLine: call.sourceLine(position.line))
    }

    /// The report as printed: a first line, then (when known) the source line and a caret under
    /// the column, each indented by four spaces. Control characters from the input are escaped,
    /// so the report is safe to print on a terminal. No trailing newline.
    public var rendered: String {
        var head = "error: " + TerminalEscaping.escape(error.description, keepLayout: false)
        if let location, let file = location.file {
            head = "\(TerminalEscaping.escape(file, keepLayout: false)):\(location.line):\(location.column): " + head
        }
        guard let location, let sourceLine else { return head }
        let (line, caret) = Self.caretLines(sourceLine, column: location.column)
        return head + "\n    " + line + "\n    " + caret
    }

    /// The description is the rendered report.
    public var description: String { rendered }

    /// The escaped source line and the caret line under `column` (1-based, in characters).
    /// Tabs before the column are copied so the caret lines up with the line above.
    static func caretLines(_ sourceLine: String, column: Int) -> (String, String) {
        var shown = ""
        var caret = ""
        var index = 1
        for character in sourceLine {
            let text = TerminalEscaping.escape(String(character), keepLayout: true)
            shown += text
            if index < column {
                if character == "\t" {
                    caret += "\t"
                } else if text.count > 1 || text != String(character) {
                    caret += String(repeating: " ", count: text.count)
                } else {
                    caret += String(repeating: " ", count: DisplayWidth.of(character))
                }
            }
            index += 1
        }
        if column > index { caret += String(repeating: " ", count: column - index) }
        return (shown, caret + "^")
    }
}
