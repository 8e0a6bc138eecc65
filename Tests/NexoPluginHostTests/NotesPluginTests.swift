import NexoKit
import NexoPluginHost
import Testing

/// The Notes plugin's commands, loaded from the real library and run against an in-memory store.
@Suite struct NotesPluginTests {
    private let plugin: any NexoPlugin
    private let store: MemoryStore
    private let ana: EntityRef
    private let beto: EntityRef
    private let clique: EntityRef

    init() throws {
        let report = PluginLoader.load(
            PluginLoader.Configuration(directories: [BuildProducts.buildDirectory], only: ["notes"]))
        plugin = try #require(
            report.loaded.first { $0.plugin.name == "notes" }?.plugin,
            "libNexoNotes.so did not load: \(report.refused.map(\.reason))")
        store = try MemoryStore([(plugin.name, plugin.schema)])
        ana = try store.addEntity(EntityDraft(kind: "person", label: "Ana Lucía Pérez"), source: nil).ref
        beto = try store.addEntity(EntityDraft(kind: "person", label: "Beto Ramos"), source: nil).ref
        clique = try store.addEntity(EntityDraft(kind: "group", label: "Sonsonate Locos"), source: nil).ref
    }

    private func run(
        _ path: String, _ values: [String: [Value]] = [:], user: String = "mlopez",
        input: ResultTable? = nil
    ) throws -> CommandResult {
        let command = try #require(plugin.commands.first { $0.spec.name == path })
        return try command.run(ParsedArguments(values: values), .test(store, user: user, input: input))
    }

    private func rows(_ result: CommandResult) -> [[String]] {
        (result.table?.rows ?? []).map { $0.map(\.description) }
    }

    @Test func addWritesANoteLinkedToTheEntity() throws {
        let result = try run(
            "note add",
            [
                "entity": [.entity(ana)], "body": [.string("Seen at the market")],
                "date": [.date(CivilDate(year: 2026, month: 3, day: 14)!)],
            ])
        #expect(result.message == "added N-1 about P-1")
        #expect(result.table?.columns.map(\.name) == ["note", "about", "date", "author", "text"])
        #expect(rows(result) == [["N-1", "P-1", "2026-03-14", "mlopez", "Seen at the market"]])
        let note = try #require(try store.entity("N-1"))
        #expect(note.kind == "note")
        #expect(note.label == "Seen at the market")
        #expect(try store.edges(EdgeQuery(kinds: ["note_on"])).map { "\($0.from)->\($0.to)" } == ["N-1->P-1"])
    }

    @Test func addTakesPipedEntitiesAndTheTextOption() throws {
        let input = ResultTable(
            columns: [Column("id", .entity(kind: nil)), Column("label", .string)],
            rows: [
                [.entity(ana), .string(ana.label)], [.entity(clique), .string(clique.label)],
                [.entity(ana), .string(ana.label)],
            ])
        let result = try run(
            "note add", ["text": [.string("Both at the car wash")], "author": [.string("jcastro")]],
            input: input)
        #expect(result.message == "added N-1 about 2 entities")
        #expect(
            rows(result) == [
                ["N-1", "G-1", "", "jcastro", "Both at the car wash"],
                ["N-1", "P-1", "", "jcastro", "Both at the car wash"],
            ])
        #expect(try store.edges(EdgeQuery(kinds: ["note_on"])).count == 2)
    }

    @Test func addRefusesMissingOrDoubleTextAndMissingEntity() throws {
        #expect(
            throws: NexoError(
                .usage, "missing the note's text",
                hint: "write 'note add <entity> <text>' or '… | note add --text <text>'")
        ) {
            try run("note add", ["entity": [.entity(ana)], "body": [.string("  ")]])
        }
        #expect(
            throws: NexoError(
                .usage, "the note's text is given twice",
                hint: "give it as the second argument or with --text, not both")
        ) {
            try run("note add", ["entity": [.entity(ana)], "body": [.string("a")], "text": [.string("b")]])
        }
        #expect(
            throws: NexoError(
                .usage, "nothing to write the note about",
                hint:
                    "name an entity ('note add P-1 <text>') or pipe entities in ('find person ana | note add --text <text>')"
            )
        ) {
            try run("note add", ["text": [.string("orphan")]])
        }
        #expect(try store.countEntities(kind: "note") == 0)
    }

    @Test func labelIsTheFirstLineCutTo60Characters() {
        let long = String(repeating: "x", count: 70)
        #expect(labelOf("first line\nsecond") == "first line")
        #expect(labelOf(long).count == 60)
        #expect(labelOf(long).hasSuffix("…"))
    }

    private func labelOf(_ text: String) -> String {
        (try? run("note add", ["entity": [.entity(ana)], "body": [.string(text)]]))?
            .table?.rows.first.flatMap { $0.first?.entityValue?.label } ?? ""
    }

    private func seed() throws {
        func add(_ about: EntityRef, _ text: String, _ date: String?, user: String) throws {
            var values: [String: [Value]] = ["entity": [.entity(about)], "body": [.string(text)]]
            if let date { values["date"] = [.date(CivilDate(iso: date)!)] }
            _ = try run("note add", values, user: user)
        }
        try add(ana, "Drives a white pickup", "2026-05-02", user: "mlopez") // N-1
        try add(beto, "Works at the car wash", "2026-01-20", user: "jcastro") // N-2
        try add(ana, "Phone changed in March", "2026-01-20", user: "MLopez") // N-3
        try add(clique, "Meets on Fridays", nil, user: "jcastro") // N-4
    }

    @Test func listOrdersByDateThenNoteId() throws {
        try seed()
        #expect(
            rows(try run("note list")).map { $0[0] + " " + $0[1] + " " + $0[2] } == [
                "N-4 G-1 ", "N-2 P-2 2026-01-20", "N-3 P-1 2026-01-20", "N-1 P-1 2026-05-02",
            ])
    }

    @Test func listFiltersByEntityAuthorAndPeriod() throws {
        try seed()
        #expect(rows(try run("note list", ["entity": [.entity(ana)]])).map { $0[0] } == ["N-3", "N-1"])
        #expect(rows(try run("note list", ["author": [.string("mlopez")]])).map { $0[0] } == ["N-3", "N-1"])
        let spring = DateRange(parsing: "2026-02..2026-06")!
        #expect(rows(try run("note list", ["during": [.dateRange(spring)]])).map { $0[0] } == ["N-1"])
        let piped = ResultTable(
            columns: [Column("id", .entity(kind: nil))], rows: [[.entity(beto)], [.entity(clique)]])
        #expect(rows(try run("note list", input: piped)).map { $0[0] } == ["N-4", "N-2"])
    }

    @Test func searchFindsTextIgnoringCase() throws {
        try seed()
        #expect(
            rows(try run("note search", ["text": [.string("CAR WASH")]])) == [
                ["N-2", "P-2", "2026-01-20", "jcastro", "Works at the car wash"]
            ])
        #expect(rows(try run("note search", ["text": [.string("nothing like this")]])) == [])
    }
}
