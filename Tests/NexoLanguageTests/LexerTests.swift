import NexoKit
import Testing

@testable import NexoLanguage

@Suite struct LexerTests {
    func words(_ source: String) throws -> [Word] { try Lexer.tokenize(source).compactMap(\.word) }
    func texts(_ source: String) throws -> [String?] { try words(source).map(\.literal) }
    func kinds(_ source: String) throws -> [String] {
        try Lexer.tokenize(source).map { token in
            switch token.kind {
            case .word(let w): "w:\(w.raw)"
            case .pipe: "|"
            case .semicolon: ";"
            case .newline: "nl"
            }
        }
    }

    @Test func splitsWordsAtBlanksAndKeepsQuotedTextTogether() throws {
        let ws = try words("gang members \"Sonsonate Locos\" --role  palabrero")
        #expect(ws.map(\.literal) == ["gang", "members", "Sonsonate Locos", "--role", "palabrero"])
        #expect(ws.map(\.isQuoted) == [false, false, true, false, false])
        #expect(ws[2].raw == "\"Sonsonate Locos\"")
    }

    @Test func separatorsPipesAndNewlinesAreTokens() throws {
        #expect(try kinds("a | b; c\nd") == ["w:a", "|", "w:b", ";", "w:c", "nl", "w:d"])
        #expect(try kinds("a|b;c") == ["w:a", "|", "w:b", ";", "w:c"])
        #expect(try kinds("a\r\nb\rc") == ["w:a", "nl", "w:b", "nl", "w:c"])
    }

    @Test func positionsAreOneBasedLinesAndCharacterColumnsWithByteOffsets() throws {
        let ws = try words("añ  b\n  \"c d\" 日本 e")
        #expect(
            ws.map(\.range.start) == [
                SourcePosition(line: 1, column: 1, offset: 0),
                SourcePosition(line: 1, column: 5, offset: 5),
                SourcePosition(line: 2, column: 3, offset: 9),
                SourcePosition(line: 2, column: 9, offset: 15),
                SourcePosition(line: 2, column: 12, offset: 22),
            ])
        #expect(ws[0].range.end == SourcePosition(line: 1, column: 3, offset: 3))
        #expect(try Lexer.tokenize("a\nb", firstLine: 40).compactMap(\.word).map(\.range.start.line) == [40, 41])
    }

    @Test func doubleQuotedStringsTakeEscapes() throws {
        let text = try texts(#""q\"b\\s\nn\tt\rr\ee\0z\u{E9}\u{1F600}""#)
        #expect(text == ["q\"b\\s\nn\tt\rr\u{1B}e\0z\u{E9}\u{1F600}"])
        #expect(try texts("\"line \\\nnext\"") == ["line next"])
        #expect(try texts("\"two\nlines\"") == ["two\nlines"])
        #expect(try texts("\"\"") == [""])
    }

    @Test func singleQuotedStringsAreLiteral() throws {
        #expect(try texts(#"'a\nb $x "q" #c'"#) == [#"a\nb $x "q" #c"#])
        #expect(try texts("''") == [""])
    }

    @Test func adjacentPiecesFormOneWord() throws {
        let ws = try words(#"--name="Ana María" pre'fix'"suf" a\ b"#)
        #expect(ws.map(\.literal) == ["--name=Ana María", "prefixsuf", "a b"])
        #expect(ws[2].parts.count == 3)
    }

    @Test func backslashOutsideQuotesTakesTheNextCharacterLiterally() throws {
        #expect(try texts(##"a\;b c\|d \#e \$f"##) == ["a;b", "c|d", "#e", "$f"])
        #expect(try words(#"\-\-role"#)[0].option == nil)
    }

    @Test func shapesOfUnquotedWords() throws {
        let cases: [(String, LiteralShape)] = [
            ("42", .integer), ("-7", .integer), ("+3", .integer), ("0.75", .decimal), ("-1.5e3", .decimal),
            (".5", .decimal),
            ("2026-01-15", .date), ("2026-01", .month), ("2026-01..2026-06", .dateRange), ("2025..", .dateRange),
            ("..2024-03", .dateRange), ("P-1042", .text), ("1e", .text), ("nan", .text), ("..", .text),
            ("\"42\"", .text), ("2026-1-15", .text), ("-", .text),
        ]
        for (source, shape) in cases {
            #expect(try words(source)[0].shape == shape, "\(source)")
        }
    }

    @Test func variablesInEveryForm() throws {
        let ws = try words("$leaders ${n} P-${n}x \"$x\" '${y}'")
        #expect(ws[0].variableName == "leaders")
        #expect(ws[1].variableName == "n")
        #expect(ws[2].variableName == nil)
        #expect(ws[2].parts.map(\.content) == [.text("P-"), .variable("n"), .text("x")])
        #expect(ws[3].literal == "$x")
        #expect(ws[4].literal == "${y}")
    }

    @Test func commentsRunToEndOfLineButNotInsideWordsOrStrings() throws {
        #expect(
            try kinds("gang list # all of them\nshow P#1 \"#x\" '#y'") == [
                "w:gang", "w:list", "nl", "w:show", "w:P#1", "w:\"#x\"", "w:'#y'",
            ])
        #expect(try kinds("# only a comment") == [])
        #expect(try kinds("a;# c\nb") == ["w:a", ";", "nl", "w:b"])
    }

    @Test func backslashAtEndOfLineContinuesTheStatement() throws {
        let tokens = try Lexer.tokenize("gang \\\n  members\\\nMS-13 \\")
        #expect(tokens.map(\.word?.literal) == ["gang", "members", "MS-13"])
        #expect(tokens[1].range.start == SourcePosition(line: 2, column: 3, offset: 9))
        #expect(tokens[2].range.start.line == 3)
    }

    @Test func optionsWithAndWithoutAttachedValues() throws {
        let ws = try words(#"--role --role=palabrero --name="Ana María" --empty= -- "--quoted" -5 --a"b""#)
        #expect(ws[0].option == OptionWord(name: "role", value: nil))
        #expect(ws[1].option?.name == "role")
        #expect(ws[1].option?.value?.literal == "palabrero")
        #expect(ws[1].option?.value?.range.start == SourcePosition(line: 1, column: 15, offset: 14))
        #expect(ws[2].option?.value?.literal == "Ana María")
        #expect(ws[2].option?.value?.isQuoted == true)
        #expect(ws[3].option?.value?.literal == "")
        #expect(ws[4].isEndOfOptions)
        #expect(ws[4].option == nil)
        #expect(ws[5].option == nil && ws[5].literal == "--quoted")
        #expect(ws[6].option == nil)
        #expect(ws[7].option == nil)
    }

    func lexError(_ source: String) -> String? {
        do {
            _ = try Lexer.tokenize(source, file: "t.nexo")
            return nil
        } catch {
            return error.rendered
        }
    }

    @Test func unterminatedStringsPointAtTheOpeningQuote() {
        #expect(
            lexError("find \"jose") == """
                t.nexo:1:6: error: unterminated string; add the closing "
                    find "jose
                         ^
                """)
        #expect(
            lexError("a\nb 'it") == """
                t.nexo:2:3: error: unterminated string; add the closing '
                    b 'it
                      ^
                """)
        #expect(lexError("\"abc\\") != nil)
    }

    @Test func badEscapesAreReportedWithTheirPosition() {
        #expect(
            lexError(#"x "a\qb""#) == #"""
                t.nexo:1:5: error: invalid escape '\q' in string; escapes are \" \\ \n \t \r \e \0 \u{…}; use '…' for \#
                text with backslashes
                    x "a\qb"
                        ^
                """#)
        #expect(
            lexError(#""\u{110000}""#)?.hasPrefix(#"t.nexo:1:2: error: invalid unicode escape '\u{110000}'"#) == true)
        #expect(lexError(#""\u{}""#)?.hasPrefix(#"t.nexo:1:2: error: invalid unicode escape '\u{}'"#) == true)
        #expect(lexError(#""\u41""#)?.hasPrefix(#"t.nexo:1:2: error: invalid unicode escape '\u'"#) == true)
        #expect(lexError(#""\u{D800}""#) != nil)
        #expect(lexError(#""\u{123456789}""#) != nil)
    }

    @Test func dollarWithoutANameIsAnError() {
        #expect(
            lexError("show $(touch x)") == """
                t.nexo:1:6: error: expected a variable name after '$'; write $name or ${name}; quote a literal $ as '$('
                    show $(touch x)
                         ^
                """)
        #expect(lexError("a ${x") != nil)
        #expect(lexError("a ${}") != nil)
        #expect(lexError("a $") != nil)
        #expect(lexError("a $1") != nil)
    }
}
