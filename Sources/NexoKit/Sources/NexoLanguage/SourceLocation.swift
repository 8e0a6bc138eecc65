/// A point in source text: 1-based line and column (columns count `Character`s) and the 0-based
/// UTF-8 byte offset from the start of the text.
public struct SourcePosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Line, from 1 (or from the `firstLine` the text was parsed with).
    public var line: Int
    /// Column, from 1, counting characters (grapheme clusters).
    public var column: Int
    /// Byte offset into the UTF-8 text, from 0.
    public var offset: Int

    /// Creates a position.
    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    /// `line:column`.
    public var description: String { "\(line):\(column)" }

    public static func < (a: SourcePosition, b: SourcePosition) -> Bool { a.offset < b.offset }
}

/// A half-open span of source text: from `start` up to, not including, `end`.
public struct SourceRange: Sendable, Hashable, CustomStringConvertible {
    /// First character of the span.
    public var start: SourcePosition
    /// Position just after the last character.
    public var end: SourcePosition

    /// Creates a range.
    public init(start: SourcePosition, end: SourcePosition) {
        self.start = start
        self.end = end
    }

    /// `line:column-line:column`.
    public var description: String { "\(start)-\(end)" }
}

/// Where an error happened, as printed before it: `script.nexo:3:14`.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// Script file, or `nil` for interactive input and `-c` strings.
    public var file: String?
    /// Line, from 1.
    public var line: Int
    /// Column, from 1, counting characters.
    public var column: Int

    /// Creates a location.
    public init(file: String?, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// Creates the location of `position` in `file`.
    public init(file: String?, _ position: SourcePosition) {
        self.init(file: file, line: position.line, column: position.column)
    }

    /// `file:line:column`, or `line:column` without a file.
    public var description: String {
        file.map { "\($0):\(line):\(column)" } ?? "\(line):\(column)"
    }
}
