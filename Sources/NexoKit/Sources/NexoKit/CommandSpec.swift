/// A positional argument of a command.
public struct ArgumentSpec: Sendable, Hashable {
    /// Name used in help (`<person>`); a typed key (``ArgumentKey`` …) declares and reads it.
    public var name: String
    /// Type; the host validates and converts before the command runs.
    public var type: ValueType
    /// One line for help.
    public var summary: String
    /// Whether the argument may be left out.
    public var isOptional: Bool
    /// Whether it takes all remaining words (only the last argument may).
    public var isVariadic: Bool
    /// Where completion finds its words when the type cannot say (``CompletionSource``), or `nil`.
    public var completion: CompletionSource?

    /// Declares a positional argument.
    public init(
        _ name: String, _ type: ValueType, _ summary: String, optional: Bool = false,
        variadic: Bool = false, completion: CompletionSource? = nil
    ) {
        self.name = name
        self.type = type
        self.summary = summary
        self.isOptional = optional
        self.isVariadic = variadic
        self.completion = completion
    }
}

/// A named option (`--role palabrero`) or flag (`--active`) of a command.
public struct OptionSpec: Sendable, Hashable {
    /// Long name without dashes (`role`).
    public var name: String
    /// Type of the value, or `nil` for a flag that takes none.
    public var type: ValueType?
    /// One line for help.
    public var summary: String
    /// Value used when the option is not given.
    public var defaultValue: Value?
    /// Whether the option may be given more than once (values collect in order).
    public var isRepeatable: Bool
    /// Where completion finds its values when the type cannot say (``CompletionSource``), or `nil`.
    public var completion: CompletionSource?

    /// Declares an option that takes a value.
    public init(
        _ name: String, _ type: ValueType, _ summary: String, default defaultValue: Value? = nil,
        repeatable: Bool = false, completion: CompletionSource? = nil
    ) {
        self.name = name
        self.type = type
        self.summary = summary
        self.defaultValue = defaultValue
        self.isRepeatable = repeatable
        self.completion = completion
    }

    /// Whether this is a flag (takes no value).
    public var isFlag: Bool { type == nil }
}

/// What a command accepts from the left side of a pipe.
public enum InputSpec: Sendable, Hashable {
    /// Rows that carry entity references (of the kind, or any when `nil`) in some column.
    case entities(kind: String?)
    /// Any rows.
    case rows
}

/// The one typed description of a command, from which the host derives parsing, validation,
/// help, tab completion and documentation. No command parses its own arguments.
public struct CommandSpec: Sendable, Hashable {
    /// The words that name the command: `["gang", "members"]`.
    public var path: [String]
    /// One line for help and listings.
    public var summary: String
    /// Longer help text (optional).
    public var discussion: String
    /// Positional arguments in order.
    public var arguments: [ArgumentSpec]
    /// Options and flags.
    public var options: [OptionSpec]
    /// Example command lines, shown in help and checked by the conformance suite.
    public var examples: [String]
    /// What the command accepts from a pipe, or `nil` when it cannot stand right of a pipe.
    public var input: InputSpec?
    /// The columns of the table the command returns, or `nil` when not declared (no table, or
    /// columns that depend on the arguments). Completion offers them to the command after a `|`.
    public var columns: ResultColumns?
    /// Whether the command writes to the store. Writing commands run in a savepoint that `undo`
    /// can revert and get `--dry-run`; read-only commands get a store that refuses writes.
    public var writes: Bool

    /// Declares a command.
    public init(
        _ path: [String], summary: String, discussion: String = "", arguments: [any ArgumentDeclaration] = [],
        options: [any OptionDeclaration] = [], examples: [String] = [], input: InputSpec? = nil,
        columns: ResultColumns? = nil, writes: Bool = false
    ) {
        self.path = path
        self.summary = summary
        self.discussion = discussion
        self.arguments = arguments.map(\.argumentSpec)
        self.options = options.map(\.optionSpec)
        self.examples = examples
        self.input = input
        self.columns = columns
        self.writes = writes
    }

    /// The command's name as typed: `gang members`.
    public var name: String { path.joined(separator: " ") }

    /// A synopsis line: `gang members <group> [--role text] [--active-on date]`.
    public var synopsis: String {
        var parts = [name]
        for argument in arguments {
            var word = "<\(argument.name)>"
            if argument.isVariadic { word += "…" }
            parts.append(argument.isOptional ? "[\(word)]" : word)
        }
        for option in options {
            parts.append(option.isFlag ? "[--\(option.name)]" : "[--\(option.name) \(option.type!)]")
        }
        return parts.joined(separator: " ")
    }
}
