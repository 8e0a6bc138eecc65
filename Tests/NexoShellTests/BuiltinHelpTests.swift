import NexoKit
import NexoLanguage
import NexoOutput
import Testing

@testable import NexoShell

/// The built-ins' help advertises only what a store without plugins can do: every example names
/// built-in commands, and the discussions send the reader to commands that show what they say.
@Suite struct BuiltinHelpTests {
    /// Every built-in of a shell without plugins.
    func builtins() throws -> [RegisteredCommand] {
        let (shell, _) = try makeShell()
        return shell.registry.commands.values.filter { $0.owner.name == CoreSchema.owner }
            .sorted { $0.spec.name < $1.spec.name }
    }

    @Test func everyExampleOfABuiltinRunsBuiltinCommandsOnly() throws {
        let (shell, _) = try makeShell()
        let paths = Set(shell.registry.commands.keys)
        var unknown: [String] = []
        for command in try builtins() {
            for example in command.spec.examples {
                for statement in try Parser.parse(example).statements {
                    for stage in statement.pipeline.stages {
                        let words = stage.words.compactMap(\.bareText)
                        let known = (1...max(1, words.count)).contains { paths.contains(Array(words.prefix($0))) }
                        if !known { unknown.append("\(command.spec.name): \(example)") }
                    }
                }
            }
        }
        #expect(unknown == [])
    }

    @Test func addSendsTheReaderToTheKindsCommand() throws {
        let (shell, out) = try makeShell()
        #expect(shell.run(source: "help add", file: nil) == .success)
        #expect(out.stdout.contains("Properties are declared per kind (see 'kinds'); dates are YYYY-MM-DD."))
    }

    @Test func labelsIsAmongTheCommandsNamedWhenAPipeIsRefused() throws {
        let (shell, out) = try makeShell()
        #expect(shell.run(source: "find ana | add person Bob", file: nil) == .usage)
        #expect(
            out.stderr.contains(
                "commands that do: where, sort, limit, select, count, labels, format, and those whose help "
                    + "says 'reads … from a pipe'"))
    }
}

/// `set` works on the session state alone, a value a test can build.
@Suite struct SetCommandTests {
    @Test func setChangesTheFormatTimingAndVariables() throws {
        var state = SessionState(format: .tsv)
        #expect(try state.set("format", .string("json"), user: "ana").message == "format is json")
        #expect(try state.set("timing", .string("on"), user: "ana").message == "timing is on")
        _ = try state.set("since", .string("2026-01-01"), user: "ana")
        #expect(state.format == .json && state.timing)
        #expect(state.variables["since"] == .value(.string("2026-01-01")))
        let listing = try state.set(nil, nil, user: "ana").table
        #expect(listing?.rows.map { $0.map(\.description) }.last == ["$since", "2026-01-01"])
        #expect(listing?.rows[5].map(\.description) == ["user", "ana"])
        #expect(try state.set("display", .string("vertical"), user: "ana").message == "display is vertical")
        #expect(state.vertical)
        #expect(throws: NexoError.self) { try state.set("display", .string("sideways"), user: "ana") }
    }

    @Test func anUnknownFormatIsRefusedWithTheChoices() {
        var state = SessionState(format: .tsv)
        do {
            _ = try state.set("format", .string("jsn"), user: "ana")
            Issue.record("an unknown format was accepted")
        } catch {
            #expect(error.message == "unknown format 'jsn'; expected one of: table, json, ndjson, csv, tsv")
            #expect(error.hint == "Did you mean 'json'?")
        }
        #expect(state.format == .tsv)
    }
}

/// Help on a terminal: paragraphs wrapped to its width, summaries in one column.
@Suite struct WrappedHelpTests {
    @Test func wrappedToTheWidthWithSummariesAligned() throws {
        let spec = CommandSpec(
            ["export"], summary: "Export entities and edges",
            discussion: String(repeating: "word ", count: 40),
            arguments: [ArgumentSpec("file", .filePath, "File to write")],
            options: [
                OptionSpec("kind", .oneOf(["person", "group", "phone", "vehicle", "place"]), "Only this kind"),
                OptionSpec("limit", .int, "At most this many"),
            ])
        let owner = CommandOwner(name: "core", version: "0.1.0")
        let text = HelpText.usage(spec, owner: owner, width: 60)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.allSatisfy { $0.count <= 60 }, "\(text)")
        // One column for every summary, two spaces after the longest name (`--limit <int>`).
        #expect(lines.contains("  <file>         File to write"), "\(text)")
        #expect(lines.contains("  --kind         Only this kind"), "\(text)")
        #expect(lines.contains("  --limit <int>  At most this many"), "\(text)")
        #expect(lines.contains("                 <person|group|phone|vehicle|place>"), "a long type under it: \(text)")
        #expect(HelpText.usage(spec, owner: owner, width: nil) == HelpText.plainUsage(spec, owner: owner))
    }
}
