import NexoKit
import NexoWorld
import Testing

/// The world-generator plugin declares no kinds: the world's core kinds are the core schema's,
/// and the others are not core (they belong to gang-records and smuggling-networks, which
/// `generate` checks are loaded before it writes into a store).
@Suite struct WorldKindsTests {
    @Test func coreKindsAreCoreAndTheOthersAreNot() {
        let core = CoreSchema.contribution
        let coreEntities = Set(core.entityKinds.map(\.name))
        let coreEdges = Set(core.edgeKinds.map(\.name))
        #expect(Set(WorldKinds.coreEntities).subtracting(coreEntities) == [])
        #expect(Set(WorldKinds.coreEdges).subtracting(coreEdges) == [])
        #expect(Set(WorldKinds.pluginEntities).intersection(coreEntities) == [])
        #expect(Set(WorldKinds.gangEdges + WorldKinds.smugglingEdges).intersection(coreEdges) == [])
    }
}
