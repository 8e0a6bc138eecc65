import GangRecordsPlugin
import NexoKit
import NexoKitTesting
import SmugglingNetworksPlugin
import Testing
import WorldGeneratorPlugin

/// `generate` on the test kit: into a store that has the gang and smuggling kinds (through the
/// SDK's bulk write), and its refusals, with the texts users see.
@Suite struct GenerateCommandTests {
    static let missingKinds = NexoError(
        .failed,
        "generate needs the gang-records and smuggling-networks plugins: kinds route, leg, operates_in, rival_of, "
            + "incarcerated_in, leg_of, departs_from, arrives_at, runs, operated, travelled, taxes, payment_for, "
            + "forged_for are not declared",
        hint: "load them (see 'plugins'), or write files with --out DIR")

    func worldKit() throws -> PluginTestKit {
        try PluginTestKit(plugins: [WorldGeneratorPlugin(), GangRecordsPlugin(), SmugglingNetworksPlugin()])
    }

    @Test func generatesTheDemoWorldIntoTheStore() throws {
        let kit = try worldKit()
        let result = try kit.run("generate --scale demo --seed 7")
        #expect(result.table?.rows == [[.string("demo"), .int(7), .int(950), .int(3503), .int(266), .string("store")]])
        #expect(result.message == "generated demo world (seed 7): 950 entities, 3503 edges, 266 people")
        #expect(try kit.store.countEntities(kind: nil) == 950)
        #expect(try kit.store.countEntities(kind: CoreSchema.Kind.person) == 266)
        #expect(try kit.store.edges(EdgeQuery()).count == 3503)
        #expect(try kit.store.search("MS-13", kind: CoreSchema.Kind.group, limit: 1).first?.entity.id == "G-1")
    }

    @Test func refusesAStoreWithoutTheGangAndSmugglingKinds() throws {
        let kit = try PluginTestKit(plugin: WorldGeneratorPlugin())
        #expect(throws: Self.missingKinds) { try kit.run("generate --scale demo --seed 1") }
        #expect(try kit.store.countEntities(kind: nil) == 0)
    }

    @Test func refusesAStoreThatHoldsItsIds() throws {
        let kit = try worldKit()
        _ = try kit.run("generate --scale demo --seed 1")
        #expect(
            throws: NexoError(
                .conflict, "the store already holds P-1; a generated world uses its own ids from 1",
                hint: "generate into a new store (nexo --db world.db), or write files with --out DIR")
        ) { try kit.run("generate --scale demo --seed 2") }
    }

    @Test func refusesBadOptions() throws {
        let kit = try worldKit()
        #expect(
            throws: NexoError(
                .usage, "--seed must be a whole number of zero or more", hint: "e.g. generate --scale demo --seed 7")
        ) { try kit.run("generate --seed -1") }
        #expect(
            throws: NexoError(
                .usage, "--truth goes with the store; with --out the truth is written to DIR/truth.ndjson",
                hint: "drop --truth")
        ) { try kit.run("generate --out w --truth t.ndjson") }
    }

    /// Files go through the host's file access; a host without it cannot take `--out`, but a dry
    /// run writes nothing and needs none.
    @Test func filesNeedTheHostsFileAccessExceptInADryRun() throws {
        let kit = try worldKit()
        #expect(
            throws: NexoError(.denied, "this host lets no command write files", hint: "generate into the store")
        ) { try kit.run("generate --out w") }
        let dry = try kit.run("generate --scale demo --seed 7 --out w --dry-run")
        #expect(dry.message == "dry run: would write 950 entities, 3503 edges, 266 people to w")
        #expect(try kit.store.countEntities(kind: nil) == 0)
    }
}
