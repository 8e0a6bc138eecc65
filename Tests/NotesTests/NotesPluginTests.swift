import NexoKit
import NexoKitTesting
import NotesPlugin
import Testing

/// The Notes plugin's commands, run by the test kit against its in-memory store.
@Suite struct NotesPluginTests {
    private let kit: PluginTestKit
    private var store: MemoryStore { kit.store }
    private let ana: EntityRef
    private let beto: EntityRef
    private let clique: EntityRef

    init() throws {
        kit = try PluginTestKit(plugin: NotesPlugin(), user: "mlopez")
        ana = try kit.store.addEntity(EntityDraft(kind: "person", label: "Ana Lucía Pérez"), source: nil).ref
        beto = try kit.store.addEntity(EntityDraft(kind: "person", label: "Beto Ramos"), source: nil).ref
        clique = try kit.store.addEntity(EntityDraft(kind: "group", label: "Sonsonate Locos"), source: nil).ref
    }

    private func rows(_ result: CommandResult) -> [[String]] {
        (result.table?.rows ?? []).map { $0.map(\.description) }
    }

    @Test func addWritesANoteLinkedToTheEntity() throws {
        let result = try kit.run("note add P-1 'Seen at the market' --date 2026-03-14")
        #expect(result.message == "added N-1 about P-1")
        #expect(result.table?.columns.map(\.name) == ["note", "about", "date", "author", "text"])
        #expect(rows(result) == [["N-1", "P-1", "2026-03-14", "mlopez", "Seen at the market"]])
        let note = try #require(try store.entity("N-1"))
        #expect(note.kind == "note")
        #expect(note.label == "Seen at the market")
        #expect(try store.edges(EdgeQuery(kinds: ["note_on"])).map { "\($0.from)->\($0.to)" } == ["N-1->P-1"])
    }

    @Test func addResolvesTheEntityByNameIgnoringCaseAndAccents() throws {
        #expect(try kit.run("note add 'ana lucia perez' 'Seen at the market'").message == "added N-1 about P-1")
    }

    @Test func addTakesPipedEntitiesAndTheTextOption() throws {
        let input = ResultTable(
            columns: [Column("id", .entity(kind: nil)), Column("label", .string)],
            rows: [
                [.entity(ana), .string(ana.label)], [.entity(clique), .string(clique.label)],
                [.entity(ana), .string(ana.label)],
            ])
        let result = try kit.run("note add --text 'Both at the car wash' --author jcastro", input: input)
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
            try kit.run("note add P-1 '  '")
        }
        #expect(
            throws: NexoError(
                .usage, "the note's text is given twice",
                hint: "give it as the second argument or with --text, not both")
        ) {
            try kit.run("note add P-1 a --text b")
        }
        #expect(
            throws: NexoError(
                .usage, "nothing to write the note about",
                hint:
                    "name an entity ('note add P-1 <text>') or pipe entities in "
                    + "('find person ana | note add --text <text>')"
            )
        ) {
            try kit.run("note add --text orphan")
        }
        #expect(throws: NexoError(.usage, "invalid date '2026-13-01' for --date; expected YYYY-MM-DD")) {
            try kit.run("note add P-1 text --date 2026-13-01")
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
        (try? kit.run(["note", "add", "P-1", text]))?.table?.rows.first.flatMap { $0.first?.entityValue?.label } ?? ""
    }

    private func seed() throws {
        _ = try kit.run("note add P-1 'Drives a white pickup' --date 2026-05-02", user: "mlopez") // N-1
        _ = try kit.run("note add P-2 'Works at the car wash' --date 2026-01-20", user: "jcastro") // N-2
        _ = try kit.run("note add P-1 'Phone changed in March' --date 2026-01-20", user: "MLopez") // N-3
        _ = try kit.run("note add G-1 'Meets on Fridays'", user: "jcastro") // N-4
    }

    @Test func listOrdersByDateThenNoteId() throws {
        try seed()
        #expect(
            rows(try kit.run("note list")).map { $0[0] + " " + $0[1] + " " + $0[2] } == [
                "N-4 G-1 ", "N-2 P-2 2026-01-20", "N-3 P-1 2026-01-20", "N-1 P-1 2026-05-02",
            ])
    }

    @Test func listFiltersByEntityAuthorAndPeriod() throws {
        try seed()
        #expect(rows(try kit.run("note list P-1")).map { $0[0] } == ["N-3", "N-1"])
        #expect(rows(try kit.run("note list --author mlopez")).map { $0[0] } == ["N-3", "N-1"])
        #expect(rows(try kit.run("note list --during 2026-02..2026-06")).map { $0[0] } == ["N-1"])
        let piped = ResultTable(
            columns: [Column("id", .entity(kind: nil))], rows: [[.entity(beto)], [.entity(clique)]])
        #expect(rows(try kit.run("note list", input: piped)).map { $0[0] } == ["N-4", "N-2"])
    }

    @Test func searchFindsTextIgnoringCase() throws {
        try seed()
        #expect(
            rows(try kit.run("note search 'CAR WASH'")) == [
                ["N-2", "P-2", "2026-01-20", "jcastro", "Works at the car wash"]
            ])
        #expect(rows(try kit.run("note search 'nothing like this'")) == [])
    }
}
