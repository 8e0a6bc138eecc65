import NexoKit
import Testing

@testable import NexoLanguage

@Suite struct LocatedErrorTests {
    let error = NexoError(.usage, "unknown option '--rol' for 'gang members'", hint: "Did you mean '--role'?")

    @Test func rendersFileLineColumnSourceAndCaret() {
        let located = LocatedError(
            error: error, location: SourceLocation(file: "script.nexo", line: 3, column: 20),
            sourceLine: "gang members MS-13 --rol palabrero")
        #expect(
            located.rendered == """
                script.nexo:3:20: error: unknown option '--rol' for 'gang members'; Did you mean '--role'?
                    gang members MS-13 --rol palabrero
                                       ^
                """)
        #expect(located.description == located.rendered)
    }

    @Test func withoutAFileTheFirstLineIsJustTheError() {
        let located = LocatedError(
            error: error, location: SourceLocation(file: nil, line: 1, column: 6), sourceLine: "gang x")
        #expect(
            located.rendered
                == "error: unknown option '--rol' for 'gang members'; Did you mean '--role'?\n    gang x\n         ^")
    }

    @Test func withoutASourceLineThereIsNoCaret() {
        #expect(
            LocatedError(error: error, location: SourceLocation(file: "a.nexo", line: 2, column: 1), sourceLine: nil)
                .rendered
                == "a.nexo:2:1: error: unknown option '--rol' for 'gang members'; Did you mean '--role'?")
        #expect(
            LocatedError(error: NexoError(.failed, "boom"), location: nil, sourceLine: "x").rendered == "error: boom")
    }

    @Test func caretFollowsTabsAndWideCharacters() {
        let tabbed = LocatedError(
            error: NexoError(.usage, "bad"), location: SourceLocation(file: nil, line: 1, column: 3),
            sourceLine: "\tx y")
        #expect(tabbed.rendered == "error: bad\n    \tx y\n    \t ^")
        let wide = LocatedError(
            error: NexoError(.usage, "bad"), location: SourceLocation(file: nil, line: 1, column: 4),
            sourceLine: "王小 x")
        #expect(wide.rendered == "error: bad\n    王小 x\n         ^")
    }

    @Test func controlCharactersFromTheInputAreEscaped() {
        let located = LocatedError(
            error: NexoError(.usage, "unknown command 'a\u{1B}[31m'"),
            location: SourceLocation(file: "x\u{07}.nexo", line: 1, column: 7),
            sourceLine: "\u{1B}[31m x \u{202E}")
        #expect(
            located.rendered
                == "x\\x07.nexo:1:7: error: unknown command 'a\\e[31m'\n    \\e[31m x \\u{202E}\n           ^")
    }
}
