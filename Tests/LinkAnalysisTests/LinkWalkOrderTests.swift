import LinkAnalysisPlugin
import NexoKit
import NexoKitTesting
import Testing

/// `link neighbors` on a seeded graph large enough that a hop reaches many nodes (put in order by marks, not
/// by a sort): each hop's entities in id order, each at its breadth-first distance, reached from an entity one
/// hop closer that it is linked to, again after other walks.
@Suite struct LinkWalkOrderTests {
    @Test func manyNodesPerHopAreListedInOrderAtTheirDistance() throws {
        let kit = try PluginTestKit(plugin: LinkAnalysisPlugin())
        let people = 600
        for index in 0..<people {
            try kit.store.addEntity(EntityDraft(kind: CoreSchema.Kind.person, label: "n\(index)"), source: nil)
        }
        var state: UInt64 = 42
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var adjacent = [Set<Int>](repeating: [], count: people + 1)
        for _ in 0..<1_500 {
            let a = 1 + next(people), b = 1 + next(people)
            guard a != b, !adjacent[a].contains(b) else { continue }
            adjacent[a].insert(b)
            adjacent[b].insert(a)
            try kit.store.addEdge(
                EdgeDraft(kind: CoreSchema.Edge.knows, from: EntityID("P-\(a)"), to: EntityID("P-\(b)")), source: nil)
        }
        for start in [1, 77, 300] {
            var distance = [Int](repeating: -1, count: people + 1)
            distance[start] = 0
            var frontier = [start]
            var hop = 0
            while !frontier.isEmpty && hop < 4 {
                hop += 1
                var next: [Int] = []
                for node in frontier {
                    for other in adjacent[node] where distance[other] < 0 {
                        distance[other] = hop
                        next.append(other)
                    }
                }
                frontier = next
            }
            let expected = (1...people).filter { distance[$0] > 0 }.sorted { (distance[$0], $0) < (distance[$1], $1) }
            _ = try kit.run("link neighbors P-\(people - start) --depth 2")
            let table = try #require(try kit.run("link neighbors P-\(start) --depth 4 --limit \(people)").table)
            #expect(table.rowCount == expected.count)
            #expect(
                (0..<table.rowCount).map { table.cell(row: $0, column: 0).description } == expected.map { "P-\($0)" })
            #expect((1...4).contains { hop in expected.filter { distance[$0] == hop }.count >= 64 })
            for row in 0..<table.rowCount {
                let node = expected[row]
                #expect(table.cell(row: row, column: 1) == .int(Int64(distance[node])))
                let from = table.cell(row: row, column: 2).description
                let parent = Int(from.dropFirst(2))!
                #expect(
                    adjacent[node].contains(parent) && distance[parent] == distance[node] - 1, "P-\(node) from \(from)")
            }
        }
    }
}
