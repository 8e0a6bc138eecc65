/// One lexical token of the command language.
public struct Token: Sendable, Hashable {
    /// What the token is.
    public enum Kind: Sendable, Hashable {
        /// A word: a command name, an argument, an option, a variable, a quoted string, or any
        /// mix of these written without blanks between them (`--name="Ana María"`, `P-${n}`).
        case word(Word)
        /// `|` between the commands of a pipeline.
        case pipe
        /// `;` between statements.
        case semicolon
        /// A line break, which also ends a statement (unless the line ends with `\`).
        case newline
    }

    /// What the token is.
    public var kind: Kind
    /// Where it is in the source.
    public var range: SourceRange

    /// Creates a token.
    public init(kind: Kind, range: SourceRange) {
        self.kind = kind
        self.range = range
    }

    /// The word, if this token is one.
    public var word: Word? { if case .word(let w) = kind { w } else { nil } }
}

/// How an unquoted word looks. The lexer only classifies; the binder decides the value's type
/// from the command spec, so `--id 2026` can still be text.
public enum LiteralShape: Sendable, Hashable {
    /// An integer: `42`, `-7`.
    case integer
    /// A decimal number: `0.75`, `-1.5e3`.
    case decimal
    /// A full date: `2026-01-15`.
    case date
    /// A month: `2026-01` (a year alone looks like an integer).
    case month
    /// A date range: `2026-01..2026-06`, `2025..`, `..2024-03`.
    case dateRange
    /// Anything else, including every quoted word.
    case text
}

/// A word: one or more pieces of text and variable references written without blanks between them.
public struct Word: Sendable, Hashable {
    /// A piece of a word.
    public struct Part: Sendable, Hashable {
        /// What the piece holds.
        public enum Content: Sendable, Hashable {
            /// Literal text (escapes already applied).
            case text(String)
            /// A variable reference, `$name` or `${name}`: the name.
            case variable(String)
        }

        /// What the piece holds.
        public var content: Content
        /// Whether the text came from quotes or a backslash escape (never true for a variable).
        public var isQuoted: Bool
        /// Where the piece starts (at its quote, if quoted).
        public var start: SourcePosition

        /// Creates a piece.
        public init(_ content: Content, isQuoted: Bool, start: SourcePosition) {
            self.content = content
            self.isQuoted = isQuoted
            self.start = start
        }
    }

    /// The pieces, in order.
    public var parts: [Part]
    /// The exact source text of the word, quotes and escapes included.
    public var raw: String
    /// Where the word is.
    public var range: SourceRange

    /// Creates a word.
    public init(parts: [Part], raw: String, range: SourceRange) {
        self.parts = parts
        self.raw = raw
        self.range = range
    }

    /// Whether any piece was quoted or escaped.
    public var isQuoted: Bool { parts.contains { $0.isQuoted } }

    /// Whether the word is plain text as typed: no quotes, escapes, variables or option dashes.
    var isBare: Bool { !isQuoted && !hasVariables && !raw.hasPrefix("-") }

    /// The text of the word when it holds no variable reference.
    public var literal: String? {
        var text = ""
        for part in parts {
            guard case .text(let t) = part.content else { return nil }
            text += t
        }
        return text
    }

    /// The unquoted literal text: what a command name, `let`, `=` or `--` must be.
    public var bareText: String? { isQuoted ? nil : literal }

    /// The variable name when the word is exactly one reference (`$leaders`, `${leaders}`).
    public var variableName: String? {
        guard parts.count == 1, case .variable(let name) = parts[0].content else { return nil }
        return name
    }

    /// Whether any piece is a variable reference.
    public var hasVariables: Bool {
        parts.contains { if case .variable = $0.content { true } else { false } }
    }

    /// Whether the word is `--`, which ends the options of a command.
    public var isEndOfOptions: Bool { bareText == "--" }

    /// The option this word spells, when it starts with an unquoted `--` and a name:
    /// `--role` (no value) or `--role=palabrero` (value attached).
    public var option: OptionWord? {
        guard let first = parts.first, !first.isQuoted, case .text(let text) = first.content,
            text.hasPrefix("--"), text.count > 2
        else { return nil }
        guard let eq = text.firstIndex(of: "=") else {
            return parts.count == 1 ? OptionWord(name: String(text.dropFirst(2)), value: nil) : nil
        }
        let name = String(text[text.index(text.startIndex, offsetBy: 2)..<eq])
        let rest = String(text[text.index(after: eq)...])
        let prefix = text[...eq]
        let valueStart = SourcePosition(
            line: first.start.line, column: first.start.column + prefix.count,
            offset: first.start.offset + prefix.utf8.count)
        var valueParts: [Part] = []
        if !rest.isEmpty || parts.count == 1 {
            valueParts.append(Part(.text(rest), isQuoted: false, start: valueStart))
        }
        valueParts += parts.dropFirst()
        let rawStart = raw.index(raw.startIndex, offsetBy: prefix.count, limitedBy: raw.endIndex) ?? raw.endIndex
        let value = Word(
            parts: valueParts, raw: String(raw[rawStart...]),
            range: SourceRange(start: valueStart, end: range.end))
        return OptionWord(name: name, value: value)
    }

    /// How the word looks, for unquoted words without variables; quoted words are ``LiteralShape/text``.
    public var shape: LiteralShape {
        guard let text = bareText else { return .text }
        return LiteralShape.classify(text)
    }
}

/// An option word split into its name and its attached value.
public struct OptionWord: Sendable, Hashable {
    /// The name without dashes.
    public var name: String
    /// The value after `=`, if written as `--name=value`.
    public var value: Word?
}

extension LiteralShape {
    /// Classifies unquoted text.
    static func classify(_ text: String) -> LiteralShape {
        let bytes = Array(text.utf8)
        if bytes.isEmpty { return .text }
        if NumberSyntax.isInteger(bytes) { return .integer }
        if NumberSyntax.isDecimal(bytes) { return .decimal }
        if bytes.count == 10, DateSyntax.isDigits(bytes, [0, 1, 2, 3, 5, 6, 8, 9]), bytes[4] == 45, bytes[7] == 45 {
            return .date
        }
        if bytes.count == 7, DateSyntax.isDigits(bytes, [0, 1, 2, 3, 5, 6]), bytes[4] == 45 { return .month }
        if DateRangeSyntax.looksLikeRange(text) { return .dateRange }
        return .text
    }
}

/// Number syntax shared by the lexer's classification and the binder's conversion.
enum NumberSyntax {
    /// `-?[0-9]+` (a leading `+` too).
    static func isInteger(_ b: [UInt8]) -> Bool {
        var i = 0
        if i < b.count, b[i] == 45 || b[i] == 43 { i += 1 }
        return i < b.count && b[i...].allSatisfy { (48...57).contains($0) }
    }

    /// `-?(digits[.digits]|.digits)([eE][+-]?digits)?`: no `nan`, `inf` or hex.
    static func isDecimal(_ b: [UInt8]) -> Bool {
        var i = 0
        func digits() -> Int {
            let start = i
            while i < b.count, (48...57).contains(b[i]) { i += 1 }
            return i - start
        }
        if i < b.count, b[i] == 45 || b[i] == 43 { i += 1 }
        var mantissa = digits()
        if i < b.count, b[i] == 46 {
            i += 1
            mantissa += digits()
        }
        guard mantissa > 0 else { return false }
        if i < b.count, b[i] == 101 || b[i] == 69 {
            i += 1
            if i < b.count, b[i] == 45 || b[i] == 43 { i += 1 }
            guard digits() > 0 else { return false }
        }
        return i == b.count
    }
}

enum DateSyntax {
    static func isDigits(_ b: [UInt8], _ at: [Int]) -> Bool { at.allSatisfy { (48...57).contains(b[$0]) } }
}

enum DateRangeSyntax {
    /// `A..B` where each side is empty or made of digits and dashes, and not both empty.
    static func looksLikeRange(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count > 2, let dot = bytes.firstIndex(of: 46), dot + 1 < bytes.count, bytes[dot + 1] == 46 else {
            return false
        }
        // Either side holding a `.` (a third dot, a second `..`) is not digits and dashes.
        return [bytes[..<dot], bytes[(dot + 2)...]].allSatisfy { side in
            side.allSatisfy { (48...57).contains($0) || $0 == 45 }
        }
    }
}
