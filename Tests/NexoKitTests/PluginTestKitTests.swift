import NexoKit
import NexoKitTesting
import Testing

/// A small plugin for testing the kit itself: crews of people, with typed keys.
private struct CrewPlugin: NexoPlugin {
    var name: String { "crews" }
    var version: String { "1.0.0" }
    var summary: String { "Crews (the test kit's own test plugin)" }
    var schema: SchemaContribution {
        SchemaContribution(
            entityKinds: [
                EntityKindSpec(
                    "crew", idPrefix: "CR", summary: "A crew",
                    properties: [PropertySpec("size", .int, required: true)])
            ],
            edgeKinds: [
                EdgeKindSpec("leads", summary: "Leads a crew", from: [CoreSchema.Kind.person], to: ["crew"])
            ])
    }

    enum Add {
        static let name = ArgumentKey("name", .string, "The crew's name")
        static let size = DefaultedOptionKey("size", .int, "How many people", default: 3)
        static let leader = OptionKey("leader", .entity(kind: CoreSchema.Kind.person), "Who leads it")
        static let fail = FlagKey("fail", "Fail after writing")
    }

    enum Show {
        static let crew = ArgumentKey("crew", .entity(kind: "crew"), "The crew")
        static let rename = OptionKey("rename", .string, "Try to rename it (a read-only command cannot)")
    }

    var commands: [Command] {
        [
            Command(
                CommandSpec(
                    ["crew", "add"], summary: "Add a crew", arguments: [Add.name],
                    options: [Add.size, Add.leader, Add.fail], examples: ["crew add Norte --size 4"],
                    input: .entities(kind: CoreSchema.Kind.person), writes: true)
            ) { arguments, context in
                let crew = try context.store.addEntity(
                    EntityDraft(
                        kind: "crew", label: try arguments[Add.name], properties: ["size": .int(arguments[Add.size])]),
                    source: nil)
                for leader in context.entities(given: arguments[Add.leader]) {
                    try context.store.addEdge(EdgeDraft(kind: "leads", from: leader.id, to: crew.id), source: nil)
                }
                if arguments[Add.fail] { throw NexoError(.failed, "failed on purpose") }
                context.output.note("\(context.isDryRun ? "would add" : "added") \(crew.id)")
                return CommandResult(message: "\(crew.id) \(crew.label) size \(arguments[Add.size]) by \(context.user)")
            },
            Command(
                CommandSpec(
                    ["crew", "show"], summary: "Show a crew", arguments: [Show.crew], options: [Show.rename],
                    examples: ["crew show CR-1"])
            ) { arguments, context in
                let crew = try arguments[Show.crew]
                if let label = arguments[Show.rename] {
                    try context.store.updateEntity(crew.id, label: label, properties: [:])
                }
                let leaders = try context.store.edges(
                    EdgeQuery(entity: crew.id, direction: .incoming, kinds: ["leads"]))
                return CommandResult(
                    table: ResultTable(
                        columns: [Column("crew", .entity(kind: "crew")), Column("leader", .string)],
                        rows: leaders.map { [.entity(crew), .string($0.from.rawValue)] }))
            },
        ]
    }
}

@Suite struct PluginTestKitTests {
    let kit: PluginTestKit
    let ana: EntityRef

    init() throws {
        kit = try PluginTestKit(plugin: CrewPlugin(), user: "mlopez")
        ana = try kit.store.addEntity(EntityDraft(kind: CoreSchema.Kind.person, label: "Ana María Pérez"), source: nil)
            .ref
    }

    @Test func bindsTheLineWithDefaultsAndResolvesEntitiesByFoldedLabel() throws {
        let result = try kit.run("crew add 'Los Norte' --leader 'ana maria perez'")
        #expect(result.message == "CR-1 Los Norte size 3 by mlopez")
        #expect(kit.notes == ["added CR-1"])
        #expect(try kit.store.edges(EdgeQuery(kinds: ["leads"])).map { "\($0.from)->\($0.to)" } == ["P-1->CR-1"])
        #expect(
            try kit.run("crew show 'los norte'").table?.rows == [
                [.entity(EntityRef(id: "CR-1", kind: "crew", label: "Los Norte")), .string("P-1")]
            ])
    }

    @Test func wordsAreTakenLiterally() throws {
        #expect(
            try kit.run(["crew", "add", "O'Brien's \"crew\" \\ $x", "--size", "7"]).message
                == "CR-1 O'Brien's \"crew\" \\ $x size 7 by mlopez")
        #expect(try kit.run(["crew", "add", "Sur"], user: "jcastro").message == "CR-2 Sur size 3 by jcastro")
    }

    @Test func typeErrorsAndUnknownOptionsAreTheHostsUsageErrors() {
        #expect(throws: NexoError(.usage, "invalid integer 'many' for --size; expected a whole number")) {
            _ = try kit.run("crew add Norte --size many")
        }
        #expect(throws: NexoError(.usage, "unknown option '--sise' for 'crew add'", hint: "Did you mean '--size'?")) {
            _ = try kit.run("crew add Norte --sise 4")
        }
        #expect(
            throws: NexoError(
                .usage, "missing argument <name> for 'crew add'",
                hint: "usage: crew add <name> [--size int] [--leader person] [--fail]")
        ) {
            _ = try kit.run("crew add")
        }
        #expect(throws: NexoError(.usage, "unknown command 'crew ad'", hint: "Did you mean 'crew add'?")) {
            _ = try kit.run("crew ad Norte")
        }
        #expect(
            throws: NexoError(
                .usage, "the test kit runs one command per line: 'crew add A | crew show CR-1'",
                hint: "give piped rows as 'input:' and run each command on its own")
        ) {
            _ = try kit.run("crew add A | crew show CR-1")
        }
    }

    @Test func computedValuesAreWrittenAsWordsAndBoundLikeALine() throws {
        let result = try kit.run(
            "crew add", ["name": [.string("Los Norte")], "leader": [.entity(ana)], "size": [.int(5)]])
        #expect(result.message == "CR-1 Los Norte size 5 by mlopez")
        #expect(throws: NexoError(.usage, "invalid integer '5.5' for --size; expected a whole number")) {
            try kit.run("crew add", ["name": [.string("Sur")], "size": [.double(5.5)]])
        }
        #expect(
            throws: NexoError(
                .usage, "'sise' is neither an argument nor an option of 'crew add'",
                hint: "usage: crew add <name> [--size int] [--leader person] [--fail]")
        ) {
            try kit.run("crew add", ["name": [.string("Sur")], "sise": [.int(5)]])
        }
    }

    @Test func entityReferencesFailAsTheStoreSaysAndSuggestANearName() throws {
        #expect(
            throws: NexoError(.notFound, "no person 'Ana Maria Peres'", hint: "Did you mean 'P-1' (Ana María Pérez)?")
        ) {
            _ = try kit.run("crew add Norte --leader 'Ana Maria Peres'")
        }
        _ = try kit.run("crew add Norte")
        #expect(throws: NexoError(.usage, "CR-1 is a crew, expected a person")) {
            _ = try kit.run("crew add Sur --leader cr-1")
        }
        _ = try kit.store.addEntity(EntityDraft(kind: CoreSchema.Kind.person, label: "Ana Maria Perez"), source: nil)
        #expect(throws: NexoError(.usage, "ambiguous: 'ana maria perez' matches P-1, P-2; use an id")) {
            _ = try kit.run("crew add Sur --leader 'ana maria perez'")
        }
    }

    @Test func pipedRowsReachTheCommand() throws {
        let input = ResultTable(columns: [Column("id", .entity(kind: nil))], rows: [[.entity(ana)]])
        _ = try kit.run("crew add Norte", input: input)
        #expect(try kit.store.edges(EdgeQuery(kinds: ["leads"])).map(\.from) == ["P-1"])
        #expect(throws: NexoError(.usage, "'crew show' does not read from a pipe")) {
            _ = try kit.run("crew show CR-1", input: input)
        }
    }

    @Test func aDryRunChangesNothingAndOnlyWritingCommandsTakeIt() throws {
        let before = try kit.store.dataVersion()
        #expect(try kit.run("crew add Norte --dry-run --leader P-1").message == "CR-1 Norte size 3 by mlopez")
        #expect(kit.notes == ["would add CR-1"])
        #expect(try kit.run("crew add Norte", dryRun: true).message == "CR-1 Norte size 3 by mlopez")
        #expect(kit.notes == ["would add CR-1"])
        #expect(try kit.store.dataVersion() == before)
        #expect(try kit.store.countEntities(kind: "crew") == 0)
        #expect(try kit.store.edges(EdgeQuery()).isEmpty)
        _ = try kit.run("crew add Norte")
        #expect(throws: NexoError(.usage, "'crew show' does not write, so --dry-run does not apply")) {
            _ = try kit.run("crew show CR-1 --dry-run")
        }
    }

    @Test func aReadOnlyCommandCannotWriteAndAFailedCommandLeavesNothing() throws {
        _ = try kit.run("crew add Norte")
        #expect(
            throws: NexoError(
                .denied, "'crew show CR-1 --rename Sur' is read-only and cannot change the store",
                hint: "a command that writes must declare writes: true in its CommandSpec")
        ) { _ = try kit.run("crew show CR-1 --rename Sur") }
        #expect(try kit.store.entity("CR-1")?.label == "Norte")
        #expect(throws: NexoError(.failed, "failed on purpose")) { _ = try kit.run("crew add Sur --leader P-1 --fail") }
        #expect(try kit.store.countEntities(kind: "crew") == 1)
        #expect(try kit.store.edges(EdgeQuery()).isEmpty)
    }
}

@Suite struct MemoryStoreTests {
    let store: MemoryStore

    init() throws { store = try MemoryStore(for: CrewPlugin()) }

    @Test func checksWritesAgainstTheCoreAndPluginSchema() throws {
        let ana = try store.addEntity(EntityDraft(kind: CoreSchema.Kind.person, label: "Ana"), source: nil)
        #expect(throws: NexoError(.notFound, "unknown entity kind 'crow'", hint: "Did you mean 'crew'?")) {
            _ = try store.addEntity(EntityDraft(kind: "crow", label: "x"), source: nil)
        }
        #expect(throws: NexoError(.invalidInput, "missing required property 'size' for crew")) {
            _ = try store.addEntity(EntityDraft(kind: "crew", label: "Norte"), source: nil)
        }
        #expect(throws: NexoError(.invalidInput, "property 'size' of crew must be an int, got text 'four'")) {
            _ = try store.addEntity(
                EntityDraft(kind: "crew", label: "Norte", properties: ["size": .string("four")]), source: nil)
        }
        #expect(
            throws: NexoError(.invalidInput, "property 'sise' is not declared for crew", hint: "Did you mean 'size'?")
        ) {
            _ = try store.addEntity(
                EntityDraft(kind: "crew", label: "Norte", properties: ["size": .int(2), "sise": .int(2)]), source: nil)
        }
        let crew = try store.addEntity(
            EntityDraft(kind: "crew", label: "Norte", properties: ["size": .int(2)]), source: nil)
        #expect(crew.id == "CR-1")
        #expect(throws: NexoError(.invalidInput, "leads cannot start at CR-1 (a crew); allowed: person")) {
            _ = try store.addEdge(EdgeDraft(kind: "leads", from: crew.id, to: crew.id), source: nil)
        }
        #expect(throws: NexoError(.notFound, "no source 'S-1'")) {
            _ = try store.addEdge(EdgeDraft(kind: "leads", from: ana.id, to: crew.id), source: "S-1")
        }
        let source = try store.addSource(description: "PNC", reliability: .b, credibility: .probablyTrue)
        let edge = try store.addEdge(EdgeDraft(kind: "leads", from: ana.id, to: crew.id), source: source.id)
        #expect(edge.id == EdgeID(1))
        try store.removeEntity(ana.id)
        #expect(try store.edges(EdgeQuery()).isEmpty)
        #expect(try store.addEntity(EntityDraft(kind: CoreSchema.Kind.person, label: "Beto"), source: nil).id == "P-2")
    }

    @Test func searchFoldsNamesAndRanksExactThenPrefixThenSubstringThenWords() throws {
        for label in ["José Luis Hernández", "Luis", "Luisa Pérez", "Ana Luis"] {
            _ = try store.addEntity(EntityDraft(kind: CoreSchema.Kind.person, label: label), source: nil)
        }
        try store.addAlias("El Flaco", to: "P-4")
        #expect(try store.search("LUIS", kind: nil, limit: 10).map(\.entity.id) == ["P-2", "P-3", "P-1", "P-4"])
        #expect(try store.search("hernandez jose", kind: nil, limit: 10).map(\.matched) == ["José Luis Hernández"])
        #expect(try store.search("flaco", kind: nil, limit: 10).map(\.matched) == ["El Flaco"])
        #expect(try store.search("luis", kind: CoreSchema.Kind.person, limit: 1).map(\.entity.id) == ["P-2"])
    }
}
