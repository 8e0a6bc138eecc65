import NexoKit
import Testing

@testable import NexoLanguage

@Suite struct ParserTests {
    func parseError(_ source: String) -> String? {
        do {
            _ = try Parser.parse(source)
            return nil
        } catch {
            return error.rendered
        }
    }

    @Test func pipelinesSplitAtPipes() throws {
        let script = try Parser.parse(
            "gang members MS-13 | link centrality --measure betweenness | sort -score | limit 10")
        #expect(script.statements.count == 1)
        let stages = script.statements[0].pipeline.stages
        #expect(
            stages.map { $0.words.map(\.raw) } == [
                ["gang", "members", "MS-13"], ["link", "centrality", "--measure", "betweenness"],
                ["sort", "-score"], ["limit", "10"],
            ])
        #expect(
            stages.map(\.text) == [
                "gang members MS-13", "link centrality --measure betweenness", "sort -score", "limit 10",
            ])
        #expect(stages[1].location == SourceLocation(file: nil, line: 1, column: 22))
    }

    @Test func letAssignsAPipelineToAVariable() throws {
        let statement = try Parser.parse("let leaders = gang members MS-13 --role leader").statements[0]
        #expect(statement.assignedVariable == "leaders")
        #expect(statement.pipeline.stages[0].words.map(\.raw) == ["gang", "members", "MS-13", "--role", "leader"])
        #expect(statement.text == "let leaders = gang members MS-13 --role leader")
        #expect(try Parser.parse("'let' x = y").statements[0].assignedVariable == nil)
    }

    @Test func aPipelineMayStartFromATableVariable() throws {
        let piped = try Parser.parse("$leaders | link chart --depth 2 --out leaders.svg").statements[0].pipeline
        #expect(piped.sourceVariable == "leaders")
        #expect(piped.stages.map { $0.words[0].raw } == ["link"])
        let alone = try Parser.parse("${leaders}").statements[0].pipeline
        #expect(alone.sourceVariable == "leaders")
        #expect(alone.stages.isEmpty)
        #expect(try Parser.parse("\"$leaders\" | x").statements[0].pipeline.sourceVariable == nil)
    }

    @Test func semicolonsAndNewlinesSeparateStatementsAndEmptyOnesAreSkipped() throws {
        let source = "# header\ncase open \"Test\" ; case use SV-1\n\n;;\n  gang list # trailing\n"
        let script = try Parser.parse(source, file: "s.nexo")
        #expect(script.statements.map(\.text) == ["case open \"Test\"", "case use SV-1", "gang list"])
        #expect(
            script.statements.map(\.location) == [
                SourceLocation(file: "s.nexo", line: 2, column: 1),
                SourceLocation(file: "s.nexo", line: 2, column: 20),
                SourceLocation(file: "s.nexo", line: 5, column: 3),
            ])
    }

    @Test func continuedStatementsKeepTheirExactText() throws {
        let source = "link path P-1 P-2 \\\n    --max-hops 4 \\\n    --during 2026-01..2026-06\nshow P-1"
        let script = try Parser.parse(source)
        #expect(script.statements.count == 2)
        #expect(script.statements[0].text == "link path P-1 P-2 \\\n    --max-hops 4 \\\n    --during 2026-01..2026-06")
        let call = script.statements[0].pipeline.stages[0]
        #expect(call.words.count == 8)
        #expect(call.sourceLine(2) == "    --max-hops 4 \\")
        #expect(call.sourceLine(4) == nil)
        #expect(script.statements[1].location.line == 4)
    }

    @Test func firstLineShiftsEveryPosition() throws {
        let script = try Parser.parse("a\nb", file: "rec.nexo", firstLine: 12)
        #expect(script.statements.map(\.location.line) == [12, 13])
    }

    @Test func recordingControlStatementsAreMarked() throws {
        let script = try Parser.parse("record start x.nexo; record stop; gang list; let r = record x")
        #expect(script.statements.map(\.isRecordingControl) == [true, true, false, false])
    }

    @Test func malformedPipelinesAreLocatedErrors() {
        #expect(
            parseError("| gang list") == """
                error: expected a command before '|'
                    | gang list
                    ^
                """)
        #expect(
            parseError("gang list |") == """
                error: expected a command after '|'
                    gang list |
                              ^
                """)
        #expect(parseError("a || b")?.hasPrefix("error: expected a command before '|'") == true)
        #expect(
            parseError("$x sort") == """
                error: a table variable must be followed by '|'; write: $x | COMMAND
                    $x sort
                       ^
                """)
    }

    @Test func malformedLetIsALocatedError() {
        #expect(
            parseError("let") == """
                error: expected a variable name after 'let'; write: let NAME = COMMAND
                    let
                       ^
                """)
        #expect(
            parseError("let 1x = a")?.hasPrefix(
                "error: invalid variable name '1x'; use letters, digits and _, not starting with a digit") == true)
        #expect(parseError("let x-y = a")?.hasPrefix("error: invalid variable name 'x-y'") == true)
        #expect(
            parseError("let x gang list")?.hasPrefix("error: expected '=' after 'let x'; write: let NAME = COMMAND")
                == true)
        #expect(
            parseError("let x =") == """
                error: expected a command after 'let x ='; write: let NAME = COMMAND
                    let x =
                           ^
                """)
        #expect(parseError("let x = | y")?.hasPrefix("error: expected a command before '|'") == true)
    }

    @Test func equalsIsAnOrdinaryWordOutsideLet() throws {
        let call = try Parser.parse("where label = maria").statements[0].pipeline.stages[0]
        #expect(call.words.map(\.raw) == ["where", "label", "=", "maria"])
    }
}
