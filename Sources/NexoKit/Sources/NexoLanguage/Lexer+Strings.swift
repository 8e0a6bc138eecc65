import NexoKit

extension Lexer {
    /// `'…'`: everything up to the next `'` is taken literally.
    mutating func lexSingleQuoted(into word: inout WordBuilder) throws(LexFailure) {
        let open = position
        word.begin(quoted: true, at: position)
        advance()
        while let c = peek() {
            advance()
            if c == "'" { return }
            word.text.append(c)
        }
        throw LexFailure(.unterminated("'"), at: open)
    }

    /// `"…"` with escapes.
    mutating func lexDoubleQuoted(into word: inout WordBuilder) throws(LexFailure) {
        let open = position
        word.begin(quoted: true, at: position)
        advance()
        while let c = peek() {
            if c == "\"" {
                advance()
                return
            }
            guard c == "\\" else {
                word.text.append(c)
                advance()
                continue
            }
            let backslash = position
            advance()
            guard let e = peek() else { break }
            advance()
            switch e {
            case "\"": word.text.append("\"")
            case "\\": word.text.append("\\")
            case "n": word.text.append("\n")
            case "t": word.text.append("\t")
            case "r": word.text.append("\r")
            case "e": word.text.append("\u{1B}")
            case "0": word.text.append("\0")
            case "u": word.text.unicodeScalars.append(try lexUnicodeEscape(backslash: backslash))
            case _ where Lexer.isNewline(e): break // continuation inside a string
            default: throw LexFailure(.badEscape, at: backslash, text: "\\" + String(e))
            }
        }
        throw LexFailure(.unterminated("\""), at: open)
    }

    /// The `{…}` of a `\u{…}` escape: 1 to 8 hex digits naming a Unicode scalar.
    mutating func lexUnicodeEscape(backslash: SourcePosition) throws(LexFailure) -> Unicode.Scalar {
        var text = "\\u"
        guard peek() == "{" else { throw LexFailure(.badUnicode, at: backslash, text: text) }
        text += "{"
        advance()
        var digits = ""
        while let c = peek(), c != "}", c != "\"", digits.count < 9 {
            digits.append(c)
            text.append(c)
            advance()
        }
        guard peek() == "}" else { throw LexFailure(.badUnicode, at: backslash, text: text) }
        advance()
        text += "}"
        guard (1...8).contains(digits.count), digits.allSatisfy(\.isHexDigit),
            let value = UInt32(digits, radix: 16), let scalar = Unicode.Scalar(value)
        else {
            throw LexFailure(.badUnicode, at: backslash, text: text)
        }
        return scalar
    }
}

/// A lexing failure before it is given its file and source line.
struct LexFailure: Error {
    enum Kind: Equatable {
        case unterminated(Character)
        case badEscape
        case badUnicode
        case badVariable
    }

    var kind: Kind
    var position: SourcePosition
    var text: String

    init(_ kind: Kind, at position: SourcePosition, text: String = "") {
        self.kind = kind
        self.position = position
        self.text = text
    }

    var error: NexoError {
        switch kind {
        case .unterminated(let quote):
            NexoError(.usage, "unterminated string", hint: "add the closing \(quote)")
        case .badEscape:
            NexoError(
                .usage, "invalid escape '\(text)' in string",
                hint: "escapes are \\\" \\\\ \\n \\t \\r \\e \\0 \\u{…}; use '…' for text with backslashes")
        case .badUnicode:
            NexoError(
                .usage, "invalid unicode escape '\(text)'", hint: "write \\u{…} with 1 to 8 hex digits, e.g. \\u{E9}")
        case .badVariable:
            NexoError(
                .usage, "expected a variable name after '$'",
                hint: "write $name or ${name}; quote a literal $ as '\(text)'")
        }
    }

    func located(file: String?, source: String, firstLine: Int) -> LocatedError {
        LocatedError(
            error: error, location: SourceLocation(file: file, position),
            sourceLine: SourceLines(source, firstLine: firstLine).line(position.line))
    }
}
