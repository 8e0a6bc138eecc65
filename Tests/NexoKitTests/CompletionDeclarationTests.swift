import NexoKit
import NexoKitTesting
import Testing

/// What a spec declares for completion: the columns it returns, and where a text argument or option
/// finds its words; the conformance suite checks they fit the command.
@Suite struct CompletionDeclarationTests {
    private struct Plugin: NexoPlugin {
        var name = "columns"
        var version = "1.0.0"
        var summary = "Columns"
        var schema = SchemaContribution()
        var specs: [CommandSpec]
        var commands: [Command] { specs.map { Command($0) { _, _ in .empty } } }
    }

    static let column = ArgumentKey("column", .string(completing: .inputColumns), "Column")
    static let role = OptionKey(
        "role", .string(completing: .edgeProperty(edge: "member_of", property: "role")), "Role")
    static let by = DefaultedOptionKey("by", .string(completing: .sortKeys), "Column", default: "id")

    @Test func typedKeysCarryTheirSourceIntoTheSpec() {
        #expect(Self.column.argumentSpec.completion == .inputColumns)
        #expect(Self.column.argumentSpec.type == .string)
        #expect(Self.role.optionSpec.completion == .edgeProperty(edge: "member_of", property: "role"))
        #expect(Self.by.optionSpec.completion == .sortKeys)
        #expect(
            VariadicArgumentKey("jobs", .string(completing: .jobs(kind: nil)), "Jobs").argumentSpec.completion
                == .jobs(kind: nil))
        #expect(OptionKey("name", .string, "Name").optionSpec.completion == nil)
    }

    @Test func pipedColumnsNeedAPipe() {
        let fine = CommandSpec(
            ["columns", "pick"], summary: "Pick", arguments: [Self.column], options: [Self.role], input: .rows,
            columns: .input)
        let fixed = CommandSpec(
            ["columns", "list"], summary: "List", options: [Self.role], columns: .fixed([Column("id", .string)]))
        #expect(PluginConformance.problems(in: Plugin(specs: [fine, fixed])) == [])
        let piped = CommandSpec(
            ["columns", "bad"], summary: "Bad", arguments: [Self.column], options: [Self.by], columns: .input)
        #expect(
            PluginConformance.problems(in: Plugin(specs: [piped])) == [
                "command 'columns bad': returns its input's columns (columns: .input) but reads no pipe",
                "command 'columns bad': argument 'column' completes the columns piped in, "
                    + "but the command reads no pipe",
                "command 'columns bad': option 'by' completes the columns piped in, but the command reads no pipe",
            ])
    }
}
