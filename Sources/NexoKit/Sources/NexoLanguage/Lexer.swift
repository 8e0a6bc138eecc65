import NexoKit

/// Splits source text into ``Token``s.
///
/// - Blanks (spaces, tabs, other non-newline white space) separate words.
/// - `;` and line breaks end statements; `|` separates the commands of a pipeline.
/// - `#` at the start of a word begins a comment to the end of the line (`P#1` is a word).
/// - `\` before a line break continues the statement on the next line (it acts as a blank).
///   `\` before any other character outside quotes takes that character literally (`\;`, `\ `).
/// - `"…"` strings take the escapes `\"` `\\` `\n` `\t` `\r` `\e` `\0` `\u{…}` (and `\` before a
///   line break continues the string); `'…'` strings are literal. Variables are not expanded
///   inside quotes.
/// - `$name` and `${name}` refer to variables; a `$` followed by anything else is an error,
///   so `$(…)` is never mistaken for anything.
/// - Quoted strings, escapes, variables and plain text written without blanks between them
///   form one word (`--name="Ana María"`).
public struct Lexer {
    /// Tokenizes `source`. Line numbers start at `firstLine` (for text taken from inside a file).
    public static func tokenize(_ source: String, file: String? = nil, firstLine: Int = 1) throws(LocatedError)
        -> [Token]
    {
        var lexer = Lexer(source, firstLine: firstLine)
        do {
            return try lexer.run()
        } catch {
            throw error.located(file: file, source: source, firstLine: firstLine)
        }
    }

    let chars: [Character]
    let bytes: [UInt8]
    var index = 0
    var position: SourcePosition
    var tokens: [Token] = []

    init(_ source: String, firstLine: Int) {
        chars = Array(source)
        bytes = Array(source.utf8)
        position = SourcePosition(line: firstLine, column: 1, offset: 0)
    }

    static func isNewline(_ c: Character) -> Bool { c == "\n" || c == "\r\n" || c == "\r" }
    static func isBlank(_ c: Character) -> Bool { !isNewline(c) && c.isWhitespace }

    func peek(_ ahead: Int = 0) -> Character? {
        index + ahead < chars.count ? chars[index + ahead] : nil
    }

    mutating func advance() {
        let c = chars[index]
        index += 1
        position.offset += c.utf8.count
        if Lexer.isNewline(c) {
            position.line += 1
            position.column = 1
        } else {
            position.column += 1
        }
    }

    mutating func emit(_ kind: Token.Kind) {
        let start = position
        advance()
        tokens.append(Token(kind: kind, range: SourceRange(start: start, end: position)))
    }

    mutating func run() throws(LexFailure) -> [Token] {
        while let c = peek() {
            if Lexer.isBlank(c) {
                advance()
            } else if Lexer.isNewline(c) {
                emit(.newline)
            } else if c == "\\", peek(1).map(Lexer.isNewline) ?? true {
                advance() // line continuation, or a lone `\` at the very end
                if peek() != nil { advance() }
            } else if c == "#" {
                while let d = peek(), !Lexer.isNewline(d) { advance() }
            } else if c == ";" {
                emit(.semicolon)
            } else if c == "|" {
                emit(.pipe)
            } else {
                try lexWord()
            }
        }
        return tokens
    }

    /// Accumulates the parts of one word.
    struct WordBuilder {
        var parts: [Word.Part] = []
        var text = ""
        var quoted = false
        var start: SourcePosition?

        mutating func append(_ c: Character, quoted q: Bool, at position: SourcePosition) {
            if start == nil || quoted != q { begin(quoted: q, at: position) }
            text.append(c)
        }

        mutating func begin(quoted q: Bool, at position: SourcePosition) {
            if start != nil && quoted == q { return }
            flush()
            quoted = q
            start = position
        }

        mutating func flush() {
            if let start { parts.append(Word.Part(.text(text), isQuoted: quoted, start: start)) }
            text = ""
            start = nil
        }
    }

    mutating func lexWord() throws(LexFailure) {
        let start = position
        var word = WordBuilder()
        while let c = peek(), !Lexer.isBlank(c), !Lexer.isNewline(c), c != ";", c != "|" {
            switch c {
            case "\\":
                guard let next = peek(1), !Lexer.isNewline(next) else {
                    return finish(word, start: start) // continuation: ends the word
                }
                word.append(next, quoted: true, at: position)
                advance()
                advance()
            case "\"":
                try lexDoubleQuoted(into: &word)
            case "'":
                try lexSingleQuoted(into: &word)
            case "$":
                word.flush()
                let at = position
                let name = try lexVariable()
                word.parts.append(Word.Part(.variable(name), isQuoted: false, start: at))
            default:
                word.append(c, quoted: false, at: position)
                advance()
            }
        }
        finish(word, start: start)
    }

    mutating func finish(_ builder: WordBuilder, start: SourcePosition) {
        var builder = builder
        builder.flush()
        let raw = String(decoding: bytes[start.offset..<position.offset], as: UTF8.self)
        let range = SourceRange(start: start, end: position)
        tokens.append(Token(kind: .word(Word(parts: builder.parts, raw: raw, range: range)), range: range))
    }

    mutating func lexVariable() throws(LexFailure) -> String {
        let dollar = position
        advance()
        func isNameCharacter(_ c: Character, first: Bool) -> Bool {
            c.isASCII && (c.isLetter || c == "_" || (!first && c.isNumber))
        }
        var name = ""
        if peek() == "{" {
            advance()
            while let c = peek(), isNameCharacter(c, first: name.isEmpty) {
                name.append(c)
                advance()
            }
            guard !name.isEmpty, peek() == "}" else { throw LexFailure(.badVariable, at: dollar, text: "${") }
            advance()
            return name
        }
        while let c = peek(), isNameCharacter(c, first: name.isEmpty) {
            name.append(c)
            advance()
        }
        if name.isEmpty { throw LexFailure(.badVariable, at: dollar, text: "$" + (peek().map { String($0) } ?? "")) }
        return name
    }
}
