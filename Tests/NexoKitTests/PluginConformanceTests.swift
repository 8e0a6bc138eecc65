import NexoKit
import NexoKitTesting
import Testing

/// A plugin assembled from parts, for exercising the conformance suite.
private struct FakePlugin: NexoPlugin {
    var name = "field-notes"
    var version = "1.2.3"
    var summary = "Notes from the field"
    var schema = SchemaContribution(
        entityKinds: [
            EntityKindSpec(
                "field_note", idPrefix: "FN", summary: "A note",
                properties: [PropertySpec("text", .string, required: true)])
        ],
        edgeKinds: [EdgeKindSpec("noted_on", summary: "About", from: ["field_note"], to: ["person", "field_note"])])
    var specs: [CommandSpec] = [
        CommandSpec(
            ["field", "add"], summary: "Add a note",
            arguments: [
                ArgumentSpec("about", .entity(kind: "person"), "Who"),
                ArgumentSpec("text", .string, "What", optional: true),
            ],
            options: [OptionSpec("kind", .oneOf(["seen", "heard"]), "How")],
            examples: ["field add P-1 \"at the market\"", "find person ana | field add --kind seen"],
            input: .entities(kind: "person"), writes: true)
    ]
    var commands: [Command] { specs.map { Command($0) { _, _ in .empty } } }
}

@Suite struct PluginConformanceTests {
    @Test func aWellFormedPluginHasNoProblems() {
        #expect(PluginConformance.problems(in: FakePlugin()) == [])
    }

    @Test func pluginIdentity() {
        var plugin = FakePlugin()
        plugin.name = "Field Notes"
        plugin.version = "1.2"
        plugin.summary = "  "
        #expect(
            PluginConformance.problems(in: plugin) == [
                "plugin name 'Field Notes' must be lower-case letters, digits and dashes, starting with a letter",
                "version '1.2' must be MAJOR.MINOR.PATCH (three numbers)",
                "plugin summary is empty",
            ])
        plugin = FakePlugin()
        for bad in ["1.2.x", "1..3", "v1.2.3", "1.2.3.4", "1.2.3-beta"] {
            plugin.version = bad
            #expect(PluginConformance.problems(in: plugin).count == 1, "version \(bad)")
        }
    }

    @Test func commandPaths() {
        var plugin = FakePlugin()
        plugin.specs += [
            CommandSpec(["field", "add"], summary: "Again"),
            CommandSpec([], summary: "Nameless"),
            CommandSpec(["Field", "list"], summary: "Upper"),
            CommandSpec(["find", "field"], summary: "Under a host word"),
            CommandSpec(["notes"], summary: ""),
        ]
        #expect(
            PluginConformance.problems(in: plugin) == [
                "command 'field add' is declared twice",
                "command #3 has an empty path",
                "command 'Field list': path word 'Field' must be lower-case letters, digits and dashes",
                "command 'find field': first word 'find' is reserved by the host; choose another word",
                "command 'notes': summary is empty",
            ])
        #expect(PluginConformance.problems(in: plugin, hostReserved: []).count == 4)
    }

    @Test func pluginsShareTheLinkWordButNotLinkAdd() {
        var plugin = FakePlugin()
        plugin.specs = [
            CommandSpec(["link", "path"], summary: "Shortest paths"),
            CommandSpec(["link", "add"], summary: "Clash"),
        ]
        #expect(
            PluginConformance.problems(in: plugin) == [
                "command 'link add': 'link add' is a host command; choose another path"
            ])
    }

    @Test func argumentsAndOptions() {
        var plugin = FakePlugin()
        plugin.specs = [
            CommandSpec(
                ["field", "tag"], summary: "Tag",
                arguments: [
                    ArgumentSpec("words", .string, "Words", variadic: true),
                    ArgumentSpec("maybe", .string, "Maybe", optional: true),
                    ArgumentSpec("must", .string, "Must"),
                    ArgumentSpec("must", .oneOf([]), "Again"),
                ],
                options: [
                    OptionSpec("format", .string, "Mine"), .flag("dry-run", "Mine"),
                    OptionSpec("help", .string, "Mine"),
                    OptionSpec("level", .oneOf(["a", "b", "a"]), "Level"), OptionSpec("level", .int, "Again"),
                    OptionSpec("must", .string, "Clash"), OptionSpec("Bad_Name", .string, "Bad"),
                ])
        ]
        #expect(
            PluginConformance.problems(in: plugin) == [
                "command 'field tag': argument 'words' is variadic but not the last argument",
                "command 'field tag': argument 'must' is required but follows an optional or variadic argument",
                "command 'field tag': argument 'must' is declared twice",
                "command 'field tag': argument 'must' is required but follows an optional or variadic argument",
                "command 'field tag': argument 'must' has an empty list of choices",
                "command 'field tag': option '--format' is given by the host to every command",
                "command 'field tag': option '--dry-run' is given by the host to every command",
                "command 'field tag': option '--help' is given by the host to every command",
                "command 'field tag': option 'level' lists choice 'a' twice",
                "command 'field tag': option 'level' is declared twice",
                "command 'field tag': 'must' is both an argument and an option",
                "command 'field tag': option 'Bad_Name' must be lower-case words joined by dashes",
            ])
    }

    @Test func examplesMustRunTheCommand() {
        var plugin = FakePlugin()
        plugin.specs[0].examples = [
            "field add P-1 x", "find person ana | field add", "field list", "fieldadd P-1",
            "find person ana | field",
        ]
        plugin.specs.append(CommandSpec(["field", "count"], summary: "Count", examples: ["find person | field count"]))
        #expect(
            PluginConformance.problems(in: plugin) == [
                "command 'field add': example 'field list' does not begin with 'field add' or pipe into it",
                "command 'field add': example 'fieldadd P-1' does not begin with 'field add' or pipe into it",
                "command 'field add': example 'find person ana | field' does not begin with 'field add' or "
                    + "pipe into it",
                "command 'field count': example 'find person | field count' does not begin with 'field count'",
            ])
    }

    @Test func kindsMustBeDeclaredOrCore() {
        var plugin = FakePlugin()
        plugin.schema.edgeKinds.append(EdgeKindSpec("drives", summary: "Drives", from: ["persn"], to: ["car"]))
        plugin.specs[0].arguments[0].type = .entity(kind: "suspect")
        plugin.specs[0].input = .entities(kind: "suspect")
        #expect(
            PluginConformance.problems(in: plugin) == [
                "edge kind 'drives': from kind 'persn' is neither declared by the plugin nor a core kind",
                "edge kind 'drives': to kind 'car' is neither declared by the plugin nor a core kind",
                "command 'field add': argument 'about' refers to entity kind 'suspect', which is neither declared by "
                    + "the plugin nor a core kind",
                "command 'field add': input refers to entity kind 'suspect', which is neither declared by the plugin "
                    + "nor a core kind",
            ])
        #expect(PluginConformance.problems(in: plugin, coreKinds: ["person", "persn", "car", "suspect"]) == [])
    }

    @Test func schemaNamesAndPrefixes() {
        var plugin = FakePlugin()
        plugin.schema.entityKinds += [
            EntityKindSpec(
                "Tip", idPrefix: "t1", summary: "Tip",
                properties: [
                    PropertySpec("Text", .string), PropertySpec("score", .int), PropertySpec("score", .double),
                    PropertySpec("who", .entity(kind: "person")), PropertySpec("grade", .oneOf(["A", "A"])),
                ]),
            EntityKindSpec("field_note", idPrefix: "FN", summary: "Twice"),
            EntityKindSpec("lead", idPrefix: "FN", summary: ""),
            EntityKindSpec("empty_prefix", idPrefix: "", summary: "No prefix"),
        ]
        plugin.schema.edgeKinds.append(
            EdgeKindSpec("Points_To", summary: "", properties: [PropertySpec("weight_", .double)]))
        #expect(
            PluginConformance.problems(in: plugin) == [
                "entity kind 'Tip': name must be lower_snake_case",
                "entity kind 'Tip': id prefix 't1' must be upper-case letters A-Z",
                "entity kind 'Tip': property 'Text' must be lower_snake_case",
                "entity kind 'Tip': property 'score' is declared twice",
                "entity kind 'Tip': property 'who' is an entity reference; declare an edge kind instead",
                "entity kind 'Tip': property 'grade' lists choice 'A' twice",
                "entity kind 'field_note' is declared twice",
                "entity kind 'lead': id prefix 'FN' is already used by 'field_note'",
                "entity kind 'lead': summary is empty",
                "entity kind 'empty_prefix': id prefix '' must be upper-case letters A-Z",
                "edge kind 'Points_To': name must be lower_snake_case",
                "edge kind 'Points_To': summary is empty",
                "edge kind 'Points_To': property 'weight_' must be lower_snake_case",
            ])
    }
}
