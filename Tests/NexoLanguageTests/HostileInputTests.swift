import Glibc
import NexoKit
import Testing

@testable import NexoLanguage

/// Hostile text is data: it never runs, never crashes, and ends in a clean parse or a located error.
@Suite struct HostileInputTests {
    /// Parses and binds every statement; returns the rendered errors.
    func process(_ source: String) -> [String] {
        let script: Script
        do {
            script = try Parser.parse(source, file: "h.nexo")
        } catch {
            #expect(error.location != nil)
            return [error.rendered]
        }
        var errors: [String] = []
        for statement in script.statements {
            for stage in statement.pipeline.stages {
                do {
                    _ = try Fixtures.binder.bind(
                        stage, variables: ["x": .value(.string("1"))], resolveEntity: Fixtures.resolve)
                } catch {
                    #expect(error.location != nil)
                    errors.append(error.rendered)
                }
            }
        }
        return errors
    }

    @Test func shellMetacharactersAreOnlyWords() throws {
        let marker = "/tmp/nexo-hostile-\(getpid())"
        let inputs = [
            "; rm -rf /", "$(touch \(marker))", "`touch \(marker)`", "show ' OR 1=1 --", "find \"' OR 1=1 --\"",
            "find x && touch \(marker)", "find x > \(marker)", "find $'\\x41'", "find ${x}${x}", "find \"a\"'b'\\c",
        ]
        for input in inputs { _ = process(input) }
        #expect(access(marker, F_OK) != 0)
        #expect(
            process("; rm -rf /") == [
                "h.nexo:1:3: error: unknown command 'rm'; type 'help' for a list of commands\n    ; rm -rf /\n      ^"
            ])
        #expect(
            process("show ' OR 1=1 --") == [
                "h.nexo:1:6: error: unterminated string; add the closing '\n    show ' OR 1=1 --\n         ^"
            ])
        #expect(process("find \"' OR 1=1 --\"") == [])
    }

    @Test func controlCharactersAndNulAreDataAndEscapedInErrors() throws {
        let errors = process("fi\u{0}nd \u{1B}]0:owned\u{07} \u{9B}31m\u{202E}")
        #expect(
            errors == [
                "h.nexo:1:1: error: unknown command 'fi\\0nd'; Did you mean 'find'?\n    fi\\0nd \\e]0:owned\\x07 "
                    + "\\u{9B}31m\\u{202E}\n    ^"
            ])
        let call = try Parser.parse("find \"a\\0b\\e\"").statements[0].pipeline.stages[0]
        #expect(
            try Fixtures.binder.bind(call, resolveEntity: Fixtures.resolve).arguments.raw("text")?.stringValue
                == "a\0b\u{1B}")
    }

    @Test func veryLongInputsParse() throws {
        let long = String(repeating: "a", count: 200_000)
        let script = try Parser.parse("find \(long) --limit 5")
        #expect(script.statements[0].pipeline.stages[0].words[1].literal?.count == 200_000)
        let many = String(repeating: "find x | ", count: 5_000) + "sort a"
        #expect(try Parser.parse(many).statements[0].pipeline.stages.count == 5_001)
        #expect(process(String(repeating: "\"", count: 10_001)).count == 1)
        #expect(process(String(repeating: ";", count: 10_000)).isEmpty)
    }

    @Test func unbalancedQuotesAreLocatedErrors() {
        for input in ["\"", "'", "find \"a' b", "find 'a\" b", "find \"\\\"", "a\n\nb \"c\nd"] {
            let errors = process(input)
            #expect(errors.count == 1, "\(input)")
            #expect(errors.first?.contains("unterminated string") == true, "\(input)")
        }
    }

    /// A deterministic pseudo-random generator (SplitMix64) so failures reproduce.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func randomBytesNeverCrashTheLexerParserOrBinder() {
        var rng = SplitMix64(state: 0x6E65786F)
        let alphabet = Array(
            "gang members case open find link path --role= -- $ { } x 1 2026-01..\"'\\|;#\n\t\r =é日".utf8)
        var parsed = 0, failed = 0
        for _ in 0..<3_000 {
            let length = Int.random(in: 0...80, using: &rng)
            var bytes: [UInt8] = []
            for _ in 0..<length {
                bytes.append(
                    Bool.random(using: &rng)
                        ? alphabet.randomElement(using: &rng)! : UInt8.random(in: 0...255, using: &rng))
            }
            let source = String(decoding: bytes, as: UTF8.self)
            do {
                let script = try Parser.parse(source, file: "r.nexo")
                parsed += 1
                for statement in script.statements {
                    #expect(!statement.text.isEmpty)
                    for stage in statement.pipeline.stages {
                        do {
                            _ = try Fixtures.binder.bind(stage, resolveEntity: Fixtures.resolve)
                        } catch {
                            #expect(!error.rendered.isEmpty)
                        }
                    }
                }
                _ = Completer(specs: Fixtures.specs, globalOptions: Fixtures.globals)
                    .complete(line: source, cursor: source.count) { _, _ in [] }
            } catch {
                failed += 1
                #expect(error.location != nil)
                #expect(error.sourceLine != nil)
            }
        }
        #expect(parsed > 100 && failed > 100)
    }
}
