/// A parsed source text: its statements in order.
public struct Script: Sendable, Hashable {
    /// Script file, or `nil` for interactive input and `-c` strings.
    public var file: String?
    /// The statements, without the empty ones (blank lines, comments, `;;`).
    public var statements: [Statement]

    /// Creates a script.
    public init(file: String?, statements: [Statement]) {
        self.file = file
        self.statements = statements
    }
}

/// One statement: a pipeline, possibly assigned to a variable with `let NAME = …`.
///
/// `set NAME VALUE` (and `set format json`) is not special syntax: it is an ordinary command
/// call whose spec the shell provides.
public struct Statement: Sendable, Hashable {
    /// The variable of `let NAME = pipeline`, or `nil`.
    public var assignedVariable: String?
    /// The commands to run.
    public var pipeline: Pipeline
    /// The exact source text of the statement, from its first to its last character, without
    /// the separator or a trailing comment (line continuations included as written).
    public var text: String
    /// Where the statement is.
    public var range: SourceRange
    /// File, line and column of the statement's first character.
    public var location: SourceLocation

    /// Creates a statement.
    public init(
        assignedVariable: String?, pipeline: Pipeline, text: String, range: SourceRange, location: SourceLocation
    ) {
        self.assignedVariable = assignedVariable
        self.pipeline = pipeline
        self.text = text
        self.range = range
        self.location = location
    }

    /// Whether this is a `record …` command, which a session recording leaves out.
    public var isRecordingControl: Bool {
        assignedVariable == nil && pipeline.sourceVariable == nil
            && pipeline.stages.first?.words.first?.bareText == "record"
    }
}

/// Commands joined by `|`, optionally fed from a table variable: `$leaders | link chart`.
public struct Pipeline: Sendable, Hashable {
    /// The table variable the pipeline starts from, or `nil`.
    public var sourceVariable: String?
    /// The command calls, left to right. Empty when the pipeline is only `$variable`.
    public var stages: [CommandCall]
    /// Where the pipeline is.
    public var range: SourceRange
    /// File, line and column of its first character.
    public var location: SourceLocation

    /// Creates a pipeline.
    public init(sourceVariable: String?, stages: [CommandCall], range: SourceRange, location: SourceLocation) {
        self.sourceVariable = sourceVariable
        self.stages = stages
        self.range = range
        self.location = location
    }
}

/// One command call: its words, not yet resolved against any command spec.
public struct CommandCall: Sendable, Hashable {
    /// The words, in order (command name words first).
    public var words: [Word]
    /// Where the call is.
    public var range: SourceRange
    /// The exact source text of the call.
    public var text: String
    /// Script file, or `nil`.
    public var file: String?
    /// The source lines the call spans, for error reports.
    var lines: SourceLines

    /// Creates a command call. `sourceLines` are the lines from `range.start.line` on.
    public init(words: [Word], range: SourceRange, text: String, file: String?, sourceLines: [String]) {
        self.words = words
        self.range = range
        self.text = text
        self.file = file
        lines = SourceLines(firstLine: range.start.line, lines: sourceLines)
    }

    init(words: [Word], range: SourceRange, text: String, file: String?, lines: SourceLines) {
        self.words = words
        self.range = range
        self.text = text
        self.file = file
        self.lines = lines
    }

    /// File, line and column of the call's first word.
    public var location: SourceLocation { SourceLocation(file: file, range.start) }

    /// The full text of source line `number`, if the call spans it.
    public func sourceLine(_ number: Int) -> String? { lines.line(number) }
}
