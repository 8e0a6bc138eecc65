import LinkAnalysisPlugin
import NexoKit
import NexoKitTesting
import Testing

/// `link components` and `link neighbors` on two small parts: a clique with two members who share a
/// phone, and a pair of people who know each other.
@Suite struct LinkWalkTests {
    private let kit: PluginTestKit

    init() throws {
        kit = try PluginTestKit(plugin: LinkAnalysisPlugin())
        let store = kit.store
        for name in ["Ana", "Beto", "Carla", "Dina"] {
            try store.addEntity(EntityDraft(kind: CoreSchema.Kind.person, label: name), source: nil)
        }
        try store.addEntity(EntityDraft(kind: CoreSchema.Kind.group, label: "Sonsonate Locos"), source: nil)
        try store.addEntity(EntityDraft(kind: CoreSchema.Kind.phone, label: "+503 7000 0001"), source: nil)
        try store.addEdge(EdgeDraft(kind: CoreSchema.Edge.memberOf, from: "P-1", to: "G-1"), source: nil)
        try store.addEdge(EdgeDraft(kind: CoreSchema.Edge.usesPhone, from: "P-1", to: "PH-1"), source: nil)
        try store.addEdge(EdgeDraft(kind: CoreSchema.Edge.usesPhone, from: "P-2", to: "PH-1"), source: nil)
        try store.addEdge(EdgeDraft(kind: CoreSchema.Edge.knows, from: "P-3", to: "P-4"), source: nil)
    }

    private func rows(_ command: String, input: ResultTable? = nil) throws -> [String] {
        (try kit.run(command, input: input).table?.rows ?? []).map { $0.map(\.description).joined(separator: " ") }
    }

    @Test func componentsAreNumberedLargestFirst() throws {
        let found = try rows("link components")
        #expect(Set(found.prefix(4)) == ["P-1 1 4", "P-2 1 4", "G-1 1 4", "PH-1 1 4"])
        #expect(Array(found.dropFirst(4)) == ["P-3 2 2", "P-4 2 2"])
        let result = try kit.run("link components --min-size 3")
        #expect(result.table?.rows.count == 4)
        #expect(result.message == "1 components of at least 3 over 6 entities, 4 links")
    }

    @Test func neighborsListDepthFromAndLink() throws {
        #expect(try rows("link neighbors P-2 --depth 2") == ["PH-1 1 P-2 uses_phone", "P-1 2 PH-1 uses_phone"])
        #expect(
            try rows("link neighbors P-2 --depth 3 --kinds person,group") == [
                "P-1 2 PH-1 uses_phone", "G-1 3 P-1 member_of",
            ])
        #expect(try rows("link neighbors P-1 --links member_of") == ["G-1 1 P-1 member_of"])
    }

    /// A walk reuses the buffers of the walk before it: after a wider walk, and after one stopped by --limit, a walk
    /// lists what it lists in a fresh process.
    @Test func walksAfterOtherWalksListTheSame() throws {
        let first = try rows("link neighbors P-2 --depth 3")
        _ = try rows("link neighbors G-1 --depth 5")
        #expect(throws: NexoError.self) { try kit.run("link neighbors P-1 --depth 3 --limit 1") }
        _ = try rows("link neighbors P-3 --depth 1")
        #expect(try rows("link neighbors P-2 --depth 3") == first)
        #expect(try rows("link neighbors P-4 --depth 2") == ["P-3 1 P-4 knows"])
        let people = [("P-4", "Dina"), ("P-2", "Beto")].map {
            [Value.entity(EntityRef(id: EntityID($0.0), kind: CoreSchema.Kind.person, label: $0.1))]
        }
        let piped = ResultTable(columns: [Column("id", .entity(kind: nil))], rows: people)
        #expect(
            try rows("link neighbors --depth 1", input: piped) == [
                "P-3 1 P-4 knows", "PH-1 1 P-2 uses_phone",
            ])
    }

    @Test func badLinkKindsAndDepthsAreClearErrors() throws {
        #expect(throws: NexoError.self) { try kit.run("link neighbors P-1 --links membr_of") }
        #expect(
            throws: NexoError(.usage, "--depth must be 1 to 10 (given 0)")
        ) { try kit.run("link neighbors P-1 --depth 0") }
        let empty = ResultTable(columns: [Column("id", .entity(kind: nil))])
        #expect(
            throws: NexoError(.notFound, "no entities were piped in", hint: "check the command before the '|'")
        ) { try kit.run("link components", input: empty) }
    }
}

/// `link neighbors --during` and `--min-grading` on the test graph of the export tests: P-1's
/// membership (B2, 2024-01..2025-03), P-2's (C3, from 2023-06), the phone links (E5, none).
@Suite struct LinkNeighborFilterTests {
    @Test func periodsAndGradingsLimitTheWalk() throws {
        let graph = try LinkTestGraph()
        func reached(_ command: String) throws -> [String] {
            (try graph.kit.run(command).table?.rows ?? []).map { $0[0].description }
        }
        #expect(try reached("link neighbors G-1") == ["P-1", "P-2"])
        #expect(try reached("link neighbors G-1 --during 2023-07-01..2023-12-31") == ["P-2"])
        #expect(try reached("link neighbors G-1 --min-grading B2") == ["P-1"])
        #expect(try reached("link neighbors G-1 --min-grading c3") == ["P-1", "P-2"])
        #expect(try reached("link neighbors P-1 --depth 2 --min-grading C3") == ["G-1", "P-2"])
        #expect(
            throws: NexoError(
                .usage, "'B9' is not a grading", hint: "write a reliability A-F and a credibility 1-6: B2")
        ) { try graph.kit.run("link neighbors G-1 --min-grading B9") }
    }
}
