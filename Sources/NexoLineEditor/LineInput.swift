/// What one call to ``LineEditor/readLine(prompt:)`` produced.
public enum LineInput: Equatable, Sendable {
    /// A finished line, without its line terminator.
    case line(String)
    /// Ctrl-C while editing: the line was discarded; ask again with a fresh prompt.
    case interrupted
    /// Ctrl-D on an empty line, or the input closed: the session should end.
    case endOfInput
}
