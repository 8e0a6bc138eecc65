import BiometricLookupPlugin
import NexoKit
import NexoKitTesting
import Testing

/// `bio watch add|list|remove` and `bio alerts` on the test kit's store: what is stored, what is
/// listed, and the refusals with their exact texts.
@Suite struct BioWatchTests {
    private let kit: PluginTestKit
    private var store: MemoryStore { kit.store }

    /// P-1 Ana, P-2 Beto; G-1 MS-13 (gang), G-2 Los Norteños (network).
    init() throws {
        kit = try PluginTestKit(plugin: BiometricLookupPlugin())
        try kit.store.addPeople(["Ana Pérez", "Beto Ramos"])
        try kit.store.addGroups([("MS-13", "gang"), ("Los Norteños", "network")])
    }

    private let people = piped([("P-2", "Beto Ramos"), ("P-1", "Ana Pérez")])

    @Test func addStoresAWatchWithEdgesToItsTargets() throws {
        let gang = try kit.run("bio watch add --gang 'ms-13' --note 'leadership in transit'")
        #expect(gang.message == "W-1 watches MS-13 (gang); feeds alert on its hits and reviews")
        #expect(
            gang.table?.columns.map(\.name) == ["watch", "target", "watching", "people", "alerts", "note", "removed"])
        #expect(rows(gang) == [["W-1", "gang", "G-1", "", "0", "leadership in transit", "false"]])
        let list = try kit.run("bio watch add --list 'Ramos family'", input: people)
        #expect(list.message == "W-2 watches Ramos family (list of 2); feeds alert on its hits and reviews")
        #expect(rows(list) == [["W-2", "list", "Ramos family", "2", "0", "", "false"]])
        _ = try kit.run("bio watch add --person P-1")
        _ = try kit.run("bio watch add --network G-2")
        let watch = try #require(try store.entity("W-2"))
        #expect(watch.label == "Watch: Ramos family (list of 2)")
        #expect(watch.properties == ["target": .string("list"), "list": .string("Ramos family")])
        #expect(
            try store.edges(EdgeQuery(kinds: ["watches"])).map { "\($0.from)->\($0.to)" } == [
                "W-1->G-1", "W-2->P-2", "W-2->P-1", "W-3->P-1", "W-4->G-2",
            ])
    }

    @Test func listShowsOpenWatchesAndRemovedOnesWithAll() throws {
        _ = try kit.run("bio watch add --gang G-1")
        _ = try kit.run("bio watch add --person P-2")
        let removed = try kit.run("bio watch remove W-1")
        #expect(removed.message == "W-1 removed; its alerts stay on record ('bio alerts --watch W-1')")
        #expect(try store.entity("W-1")?.properties["removed"] == .bool(true))
        #expect(rows(try kit.run("bio watch list")) == [["W-2", "person", "P-2", "1", "0", "", "false"]])
        #expect(
            rows(try kit.run("bio watch list --all")) == [
                ["W-1", "gang", "G-1", "", "0", "", "true"], ["W-2", "person", "P-2", "1", "0", "", "false"],
            ])
        #expect(try kit.run("bio alerts").message == "no alerts")
    }

    @Test func addRefusesNoneOrSeveralTargetsAndTheWrongKindOfGroup() throws {
        let hint = "bio watch add --gang G | --network G | --person P | --list NAME (people piped in)"
        #expect(throws: NexoError(.usage, "nothing to watch", hint: hint)) { try kit.run("bio watch add") }
        #expect(throws: NexoError(.usage, "give one of --gang, --person, not several", hint: hint)) {
            try kit.run("bio watch add --gang G-1 --person P-1")
        }
        #expect(
            throws: NexoError(
                .invalidInput, "G-1 (MS-13) is a gang, not a network", hint: "smuggling networks shows the networks")
        ) {
            try kit.run("bio watch add --network G-1")
        }
        #expect(
            throws: NexoError(
                .invalidInput, "G-2 (Los Norteños) is a network, not a gang or clique",
                hint: "gang list shows the gangs")
        ) {
            try kit.run("bio watch add --gang G-2")
        }
        #expect(
            throws: NexoError(
                .usage, "list 'suspects' has nobody on it",
                hint: "pipe people in: find Reyes | bio watch add --list \"suspects\"")
        ) {
            try kit.run("bio watch add --list suspects")
        }
        #expect(throws: NexoError(.usage, "--list needs a name")) {
            try kit.run("bio watch add --list ' '", input: people)
        }
        #expect(try store.countEntities(kind: "watch") == 0)
    }

    /// A second watch on the same target would alert twice on every hit: refused, naming the first; once the first
    /// is removed, the target may be watched again.
    @Test func aTargetAlreadyWatchedIsReportedNotWatchedTwice() throws {
        _ = try kit.run("bio watch add --person P-1")
        _ = try kit.run("bio watch add --list 'Ramos family'", input: people)
        let hint = "'bio watch list' shows the watches; remove W-1 first to watch again with a new note"
        #expect(throws: NexoError(.conflict, "W-1 already watches Ana Pérez (person)", hint: hint)) {
            try kit.run("bio watch add --person P-1 --note again")
        }
        #expect(throws: NexoError.self) { try kit.run("bio watch add --list 'Ramos family'", input: people) }
        _ = try kit.run("bio watch add --list 'Ruiz family'", input: people)
        _ = try kit.run("bio watch remove W-1")
        #expect(try kit.run("bio watch add --person P-1").message?.hasPrefix("W-4 watches Ana Pérez") == true)
    }

    @Test func removeRefusesAWatchAlreadyRemoved() throws {
        _ = try kit.run("bio watch add --person P-1")
        _ = try kit.run("bio watch remove W-1")
        #expect(throws: NexoError(.conflict, "W-1 was already removed")) { try kit.run("bio watch remove W-1") }
    }
}
