import LinkAnalysisPlugin
import NexoKit
import NexoKitTesting
import Testing

/// `link centrality`, `link path` and `link communities` through the plugin: two triangles of people
/// (P-1..P-3 and P-4..P-6) joined by a broker, P-7, who knows P-3 (from 2024-01) and P-4 (in 2023 only).
@Suite struct LinkMeasureTests {
    private let kit: PluginTestKit

    init() throws {
        kit = try PluginTestKit(plugin: LinkAnalysisPlugin())
        let store = kit.store
        for index in 1...7 {
            try store.addEntity(EntityDraft(kind: CoreSchema.Kind.person, label: "Person \(index)"), source: nil)
        }
        for (a, b) in [(1, 2), (2, 3), (1, 3), (4, 5), (5, 6), (4, 6)] {
            try store.addEdge(
                EdgeDraft(kind: CoreSchema.Edge.knows, from: EntityID("P-\(a)"), to: EntityID("P-\(b)")), source: nil)
        }
        try store.addEdge(
            EdgeDraft(
                kind: CoreSchema.Edge.knows, from: "P-7", to: "P-3",
                validFrom: CivilDate(year: 2024, month: 1, day: 1)),
            source: nil)
        try store.addEdge(
            EdgeDraft(
                kind: CoreSchema.Edge.knows, from: "P-7", to: "P-4", validFrom: CivilDate(year: 2023, month: 1, day: 1),
                validTo: CivilDate(year: 2023, month: 12, day: 31)),
            source: nil)
    }

    private func rows(_ command: String) throws -> [String] {
        (try kit.run(command).table?.rows ?? []).map { $0.map(\.description).joined(separator: " ") }
    }

    @Test func theBrokerHasTheHighestBetweenness() throws {
        let result = try kit.run("link centrality --measure betweenness --top 3")
        #expect(result.table?.columns.map(\.name) == ["entity", "betweenness"])
        // P-7 lies on every path between the triangles: 3 × 3 pairs of 15, normalised by 2/((n-1)(n-2)).
        #expect(try rows("link centrality --measure betweenness --top 1") == ["P-7 0.6"])
        #expect(result.message?.hasPrefix("betweenness over 7 entities, 8 links; normalised: ") == true)
        #expect(try rows("link centrality --measure degree --top 1") == ["P-3 0.5"])
    }

    @Test func optionsThatDoNotApplyAreRefused() throws {
        #expect(throws: NexoError.self) { try kit.run("link centrality --measure degree --samples 3") }
        #expect(throws: NexoError.self) { try kit.run("link centrality --measure betweenness --samples 99") }
        #expect(throws: NexoError.self) { try kit.run("link centrality --measure closeness --weight confidence") }
    }

    @Test func pathsGoThroughTheBroker() throws {
        #expect(
            try rows("link path P-1 P-5") == [
                "1 0 P-1   ", "1 1 P-3 knows 3 ", "1 2 P-7 knows 7 ", "1 3 P-4 knows 8 ", "1 4 P-5 knows 4 ",
            ])
        #expect(Set(try rows("link path P-2 P-6 --all").map { $0.split(separator: " ")[0] }) == ["1"])
        #expect(
            try kit.run("link path P-1 P-5 --max-hops 3").message == "P-1 and P-5 are not connected within the limits")
    }

    @Test func timeRespectingPathsNeedTheLinksInOrder() throws {
        // From P-1, the broker is reached in 2024 at the earliest, after his link to P-4 ended (2023): no path.
        #expect(try kit.run("link path P-1 P-5 --during 2022-01-01..2025-12-31").table?.rows == [])
        // The other way the links come in order: P-4 to the broker in 2023, the broker to P-3 from 2024.
        let path = try rows("link path P-5 P-1 --during 2022-01-01..2025-12-31")
        #expect(
            path.dropFirst().map { $0.split(separator: " ").last.map(String.init) ?? "" } == [
                "2022-01-01", "2023-01-01", "2024-01-01", "2024-01-01",
            ])
        #expect(path.map { $0.split(separator: " ")[2] } == ["P-5", "P-4", "P-7", "P-3", "P-1"])
    }

    @Test func theTrianglesAreTheCommunities() throws {
        let result = try kit.run("link communities --seed 1")
        let communities = Dictionary(grouping: result.table?.rows ?? [], by: { $0[1].description })
            .mapValues { Set($0.map { $0[0].description }) }
        #expect(
            Set(communities.values.map { $0.subtracting(["P-7"]) }) == [["P-1", "P-2", "P-3"], ["P-4", "P-5", "P-6"]])
        #expect(result.message?.hasPrefix("leiden: 2 communities, modularity 0.") == true)
    }

    @Test func labelPropagationBothWays() throws {
        let semi = try kit.run("link communities --method label-propagation")
        #expect(semi.message?.hasPrefix("label-propagation: ") == true)
        #expect(semi.message?.contains("seed") == false, "no seed: no random choices")
        #expect(semi.table?.rowCount == 7)
        #expect(try kit.run("link communities --method label-propagation") == semi, "the same every time")
        let seeded = try kit.run("link communities --method async-label-propagation --seed 3")
        #expect(seeded.message?.contains("seed 3") == true)
        #expect(seeded.table?.rowCount == 7)
        #expect(
            throws: NexoError(
                .usage, "--seed does not apply to label-propagation: it makes no random choices",
                hint: "leave out --seed, or use --method async-label-propagation for the seeded random-order method")
        ) { try kit.run("link communities --method label-propagation --seed 2") }
    }

    @Test func leidenPassesAreBoundedOnRequest() throws {
        #expect(try rows("link communities --seed 1 --passes 1").count == 7)
        #expect(
            throws: NexoError(.usage, "--passes must be 1 to 1000 (given 0)")
        ) { try kit.run("link communities --passes 0") }
        #expect(
            throws: NexoError(.usage, "--passes applies to leiden only")
        ) { try kit.run("link communities --method louvain --passes 2") }
    }
}

extension LinkMeasureTests {
    @Test func theBrokerIsTheKeyPlayer() throws {
        // Removing the broker or either of his contacts leaves 6 of 15 pairs linked at distance 1 or 2 in the
        // same proportion: fragmentation 0.6 for each, a tie the seed breaks.
        let fragment = try kit.run("link keyplayers 1")
        #expect(["P-3", "P-4", "P-7"].contains(fragment.table?.rows.first?.first?.description ?? ""))
        #expect(fragment.message?.hasPrefix("fragment score 0.6 for 1 key player over 7 entities") == true)
        let result = try kit.run("link keyplayers 1 --goal reach")
        // P-3 (or P-4) reaches three at 1, one at 2 and two at 3: (3 + 1/2 + 2/3) / 6, more than the broker's
        // (2 + 4/2) / 6.
        #expect(["P-3 1", "P-4 1"].contains(try rows("link keyplayers 1 --goal reach").first ?? ""))
        #expect(result.message?.hasPrefix("reach score ") == true)
        #expect(throws: NexoError.self) { try kit.run("link keyplayers 8") }
    }

    @Test func theBrokerBrokersBetweenTheTwoSides() throws {
        // Directed as stored: P-7 → P-3 and P-7 → P-4 make no chain through P-7; inside each triangle, the
        // links 1→2, 2→3 make P-2 a broker between 1 and 3 only if 1→3 is missing (it is not).
        let result = try kit.run("link brokers --groups kind")
        #expect(result.table?.columns.map(\.name).prefix(2) == ["entity", "brokerages"])
        #expect(result.message?.hasSuffix("1 groups (kind)") == true)
    }
}
