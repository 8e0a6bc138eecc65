import NexoKit
import NexoText
import Testing

@testable import NexoLanguage

/// The start-path modules use the standard library alone (no StringProcessing): the few text operations
/// they took from it are written out; these pin down that they behave as before at their edges.
@Suite struct StartPathTextTests {
    func shape(_ source: String) throws -> LiteralShape? { try Lexer.tokenize(source).compactMap(\.word).first?.shape }

    @Test func aDateRangeIsOneDoubleDotBetweenDigitsAndDashes() throws {
        let cases: [(String, LiteralShape)] = [
            ("1..2", .dateRange), ("2025-01..", .dateRange), ("..-", .dateRange), ("1..2..3", .text),
            ("1...2", .text), ("...", .text), ("....", .text), ("1.2..3", .text), ("a..1", .text), ("1..b", .text),
            ("..", .text), ("1.", .decimal),
        ]
        for (source, expected) in cases {
            #expect(try shape(source) == expected, "\(source)")
        }
    }

    @Test func containsTextComparesCharacters() {
        #expect("Juan Perez".containsText("an Pe"))
        #expect("Juan".containsText(""))
        #expect(!"".containsText("a"))
        #expect(!"ab".containsText("abc"))
        // `é` written as e + U+0301 is one Character: it does not contain the Character `e`.
        #expect(!"Jose\u{301}".containsText("e"))
        #expect("Jose\u{301}".containsText("Jos"))
    }

    @Test func aQuoteFollowedByACombiningMarkIsDoubledInACSVField() {
        // One Character (`"` + U+0301): doubling by Character missed it and left the field open.
        #expect(CSVText.field("a\"\u{301}b") == "\"a\"\"\u{301}b\"")
        #expect(CSVText.field("say \"hi\", ok") == "\"say \"\"hi\"\", ok\"")
        #expect(DoubleQuoted.literal("") == "\"\"")
    }
}
