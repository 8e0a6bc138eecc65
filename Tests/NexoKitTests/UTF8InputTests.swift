import NexoKit
import Testing

/// Text at the door: UTF-8 validation, repair and byte-order marks (`UTF8Input`), and the JSON
/// reader's refusals (invalid UTF-8 in strings, repeated keys).
@Suite struct UTF8InputTests {
    static func firstInvalid(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { UTF8Input.firstInvalidOffset(in: $0) }
    }

    static func repaired(_ bytes: [UInt8]) -> (String, Int) {
        var output: [UInt8] = []
        let count = bytes.withUnsafeBufferPointer { UTF8Input.repair($0, into: &output) }
        return (String(decoding: output, as: UTF8.self), count)
    }

    @Test func validTextHasNoInvalidByte() {
        for text in [
            "", "plain ascii", "José Pérez", "Ñandú €100 😀", "\u{FEFF}in the middle\u{10FFFF}",
            String(repeating: "abcdefgh", count: 9) + "é",
        ] {
            #expect(Self.firstInvalid(Array(text.utf8)) == nil, "\(text)")
        }
    }

    @Test(
        arguments: [
            ([0x4A, 0x6F, 0x73, 0xE9], 3), // Latin-1 é at the end
            ([0x4A, 0x6F, 0x73, 0xE9, 0x20, 0x61], 3), // Latin-1 é before more text
            ([0xC0, 0x80], 0), // overlong NUL
            ([0xE0, 0x80, 0x80], 0), // overlong three-byte form
            ([0x61, 0xED, 0xA0, 0x80], 1), // UTF-16 surrogate
            ([0xF4, 0x90, 0x80, 0x80], 0), // past U+10FFFF
            ([0xF0, 0x9F, 0x98], 0), // four-byte form cut short
            ([0x80], 0), // lone continuation byte
            ([0xFF], 0),
            ([0xC3, 0xA9, 0xC3], 2), // é, then a cut é
        ] as [([UInt8], Int)])
    func invalidSequencesAreFoundAtTheirFirstByte(bytes: [UInt8], offset: Int) {
        #expect(Self.firstInvalid(bytes) == offset)
    }

    @Test func aBadByteAfterLongASCIIRunsIsFoundExactly() {
        for prefix in 0..<40 {
            let bytes =
                Array(repeating: UInt8(ascii: "a"), count: prefix) + [0xE9]
                + Array(repeating: UInt8(ascii: "b"), count: 9)
            #expect(Self.firstInvalid(bytes) == prefix)
        }
    }

    @Test func repairReplacesLikeTheStandardLibrary() {
        let samples: [[UInt8]] = [
            [0x4A, 0x6F, 0x73, 0xE9], [0xC0, 0x80, 0x41], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80, 0x62],
            [0xF0, 0x9F, 0x98, 0x41],
            [0xF4, 0x90, 0x80, 0x80], [0x80, 0x80, 0xFF], [0xE2, 0x82], Array("fine é".utf8),
            [0xE2, 0x82, 0xAC, 0xE2, 0x82],
        ]
        for bytes in samples {
            let expected = String(decoding: bytes, as: UTF8.self)
            let (text, count) = Self.repaired(bytes)
            #expect(text == expected, "\(bytes)")
            #expect(count == expected.unicodeScalars.filter { $0 == "\u{FFFD}" }.count, "\(bytes)")
        }
    }

    @Test func decodeSkipsALeadingByteOrderMarkOnly() throws {
        let marked = UTF8Input.byteOrderMark + Array("add person Ana\n\u{FEFF}x".utf8)
        let (text, replaced) = try UTF8Input.decode(marked, file: "s.nexo", policy: .strict)
        #expect(text == "add person Ana\n\u{FEFF}x")
        #expect(replaced == 0)
    }

    @Test func decodeRefusesInvalidUTF8WithFileLineAndByte() {
        let bytes = Array("show P-1\nadd person \"Jos".utf8) + [0xE9] + Array("\"\n".utf8)
        #expect(
            throws: NexoError(
                .invalidInput, "s.nexo:2:16: invalid UTF-8 at byte 16 of the line (0xE9)", hint: Self.hint)
        ) {
            _ = try UTF8Input.decode(bytes, file: "s.nexo", policy: .strict)
        }
        // Bytes count from after a byte-order mark, like an editor's columns.
        #expect(throws: NexoError(.invalidInput, "s:1:2: invalid UTF-8 at byte 2 of the line (0x80)", hint: Self.hint))
        {
            _ = try UTF8Input.decode(UTF8Input.byteOrderMark + [0x61, 0x80], file: "s", policy: .strict)
        }
        // A second mark is not one: its bytes are text (here cut short, so invalid).
        #expect(throws: NexoError(.invalidInput, "s:1:4: invalid UTF-8 at byte 4 of the line (0xEF)", hint: Self.hint))
        {
            _ = try UTF8Input.decode(
                UTF8Input.byteOrderMark + [0x61, 0x62, 0x63, 0xEF, 0xBB], file: "s", policy: .strict)
        }
    }

    static let hint =
        "save the file as UTF-8 (from Latin-1: iconv -f ISO-8859-1 -t UTF-8), "
        + "or use --lenient-encoding to replace invalid bytes with U+FFFD"

    @Test func decodeLenientlyReplacesAndCounts() throws {
        let bytes = Array("Jos".utf8) + [0xE9] + Array(" y Pe".utf8) + [0xF1, 0x61]
        let (text, replaced) = try UTF8Input.decode(bytes, file: "s.nexo", policy: .lenient)
        #expect(text == "Jos\u{FFFD} y Pe\u{FFFD}a")
        #expect(replaced == 2)
        #expect(
            UTF8Input.replacementWarning(replaced, in: "s.nexo")
                == "warning: s.nexo: 2 invalid UTF-8 sequences replaced with U+FFFD (--lenient-encoding)")
    }
}

@Suite struct JSONReaderStrictnessTests {
    /// The error's message and offset, or `nil` when `bytes` parse.
    static func syntaxError(_ bytes: [UInt8]) -> Failure? {
        bytes.withUnsafeBufferPointer { buffer in
            do throws(JSONSyntaxError) {
                _ = try JSONReader.parse(buffer)
                return nil
            } catch {
                return Failure(message: error.message, offset: error.offset)
            }
        }
    }

    struct Failure: Equatable {
        var message: String
        var offset: Int
    }

    @Test func aRepeatedKeyIsAnErrorAtTheSecondKey() {
        let line = #"{"type":"entity","label":"Ana","kind":"person","label":"Beto"}"#
        #expect(Self.syntaxError(Array(line.utf8)) == Failure(message: #"key "label" appears twice"#, offset: 47))
    }

    @Test func aRepeatedKeyInALargeObjectIsFound() {
        let members = (0..<40).map { "\"k\($0)\":\($0)" } + ["\"k7\":0"]
        let line = "{" + members.joined(separator: ",") + "}"
        #expect(Self.syntaxError(Array(line.utf8))?.message == #"key "k7" appears twice"#)
    }

    @Test func theSameKeyInDifferentObjectsIsFine() throws {
        let value = try JSONReader.parse(#"{"a":{"a":1},"b":[{"a":2},{"a":3}],"c":{"a":{"a":4}}}"#)
        #expect(value["a"]?["a"] == .number("1"))
    }

    @Test func aStringThatIsNotUTF8IsRefusedAtTheBadByte() {
        let plain = Array(#"{"label":"Jos"#.utf8) + [0xE9] + Array(#""}"#.utf8)
        #expect(Self.syntaxError(plain) == Failure(message: "invalid UTF-8 in a JSON string", offset: 13))
        let escaped = Array(#"{"label":"\n"#.utf8) + [0xC3] + Array(#"\t"}"#.utf8)
        #expect(Self.syntaxError(escaped) == Failure(message: "invalid UTF-8 in a JSON string", offset: 12))
        #expect(Self.syntaxError(Array(#"{"label":"José \u00e9 😀"}"#.utf8)) == nil)
    }
}
