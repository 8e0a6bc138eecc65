import Testing

@testable import LinkGraph

/// Semi-synchronous label propagation and the greedy colouring it runs on, against networkx 3.6.1's
/// `label_propagation_communities` and `greedy_color(G, "largest_first")` (values computed with networkx and kept
/// here) and against a plain transcription of networkx's code (every node of every class in every round).
@Suite struct SemiSynchronousLabelPropagation {
    static let networkxKarate: [Int32] = [
        0, 0, 1, 0, 0, 2, 2, 0, 1, 1, 0, 0, 0, 0, 1, 1, 2, 0, 1, 0, 1, 0, 1, 1, 0, 0, 1, 1, 1, 1, 1, 0, 1, 1,
    ]
    static let networkxKarateColors: [Int32] = [
        0, 1, 2, 3, 1, 1, 2, 4, 3, 1, 2, 1, 1, 4, 2, 2, 0, 2, 2, 2, 2, 2, 2, 2, 0, 1, 1, 1, 1, 3, 2, 2, 1, 0,
    ]
    /// Padgett's families as networkx ships them, with the isolated Pucci family (node 15) alone.
    static let networkxFlorentine: [Int32] = [0, 0, 1, 1, 1, 1, 1, 2, 3, 0, 0, 1, 2, 3, 2, 4]
    static let networkxLesMiserables: [Int32] = [
        0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 2, 3, 3, 3, 1, 1, 1, 4, 4, 5, 2, 3, 2, 2, 2, 2, 5, 2, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 3, 3, 3, 3,
        1, 6, 6, 3, 5,
    ]

    @Test func agreesWithNetworkxOnItsGraphs() {
        #expect(Graphs.karate.labelPropagationCommunities().membership == Self.networkxKarate)
        #expect(Graphs.karate.greedyColoring().color == Self.networkxKarateColors)
        #expect(Graphs.florentine.labelPropagationCommunities().membership == Self.networkxFlorentine)
        #expect(Graphs.lesMiserables.labelPropagationCommunities().membership == Self.networkxLesMiserables)
        let karate = Graphs.karate.labelPropagationCommunities()
        #expect(abs(karate.modularity - (try! Graphs.karate.modularity(of: karate.membership))) <= 1e-12)
    }

    @Test func agreesWithThePlainAlgorithm() throws {
        let graphs = [
            Graphs.karate, Graphs.florentine, Graphs.lesMiserables,
            try PlantedPartition(groups: 12, size: 20, inside: 0.3, acrossPerNode: 3, seed: 5).graph,
            try AnalysisGraph(nodeCount: 7, edges: [(0, 0), (0, 1), (1, 2), (3, 4), (5, 5)]),
            try AnalysisGraph(nodeCount: 3, edges: []),
            try seededSparseGraph(seed: 3, nodes: 3_000, links: 7_000).graph,
            try seededSparseGraph(seed: 11, nodes: 2_000, links: 9_000).graph,
        ]
        for graph in graphs {
            let (color, count) = graph.greedyColoring()
            #expect(color == Self.plainGreedyColoring(graph), "\(graph.nodeCount) nodes")
            #expect(count == (color.max().map { Int($0) + 1 } ?? 0))
            for node in 0..<graph.nodeCount {
                for entry in graph.offsets[node]..<graph.offsets[node + 1] where Int(graph.neighbors[entry]) != node {
                    #expect(color[node] != color[Int(graph.neighbors[entry])], "neighbours share a colour")
                }
            }
            #expect(
                graph.labelPropagationCommunities().membership == Self.plainSemiSynchronous(graph),
                "\(graph.nodeCount) nodes")
        }
    }

    @Test func findsThePlantedGroups() throws {
        let world = try PlantedPartition(groups: 8, size: 25, inside: 0.4, acrossPerNode: 2, seed: 13)
        let found = world.graph.labelPropagationCommunities()
        #expect(found.modularity >= 0.8 * world.planted.modularity)
        // Like the asynchronous method it can end with two labels each holding part of a group (a stable state):
        // here one group of eight, never into more than two parts.
        let parts = world.planted.members.map { group in Set(group.map { found.membership[Int($0)] }).count }
        #expect(parts.allSatisfy { $0 <= 2 } && parts.filter { $0 > 1 }.count <= 1, "\(parts)")
    }

    /// networkx's `greedy_color(G, strategy="largest_first")`, transcribed.
    static func plainGreedyColoring(_ graph: AnalysisGraph) -> [Int32] {
        let order = (0..<graph.nodeCount).sorted {
            graph.degree($0) != graph.degree($1) ? graph.degree($0) > graph.degree($1) : $0 < $1
        }
        var color = [Int32](repeating: -1, count: graph.nodeCount)
        for node in order {
            let taken = Set(
                (graph.offsets[node]..<graph.offsets[node + 1]).map { color[Int(graph.neighbors[$0])] })
            color[node] = (0...).first { !taken.contains(Int32($0)) }.map(Int32.init)!
        }
        return color
    }

    /// networkx's `label_propagation_communities`, transcribed: while some node with neighbours does not hold one
    /// of their most frequent labels, update every node, class by class; a node whose label is not among its
    /// neighbours' most frequent takes the largest of those.
    static func plainSemiSynchronous(_ graph: AnalysisGraph) -> [Int32] {
        let color = plainGreedyColoring(graph)
        var label = (0..<graph.nodeCount).map { Int32($0) }
        func mostFrequent(_ node: Int) -> Set<Int32> {
            var counts: [Int32: Int] = [:]
            for entry in graph.offsets[node]..<graph.offsets[node + 1] {
                counts[label[Int(graph.neighbors[entry])], default: 0] += 1
            }
            let highest = counts.values.max() ?? 0
            return Set(counts.filter { $0.value == highest }.keys)
        }
        let classes = (0..<graph.nodeCount).sorted { (color[$0], $0) < (color[$1], $1) }
        var rounds = 0
        while (0..<graph.nodeCount).contains(where: {
            graph.offsets[$0] < graph.offsets[$0 + 1] && !mostFrequent($0).contains(label[$0])
        }) {
            for node in classes where graph.offsets[node] < graph.offsets[node + 1] {
                let high = mostFrequent(node)
                if !high.contains(label[node]) { label[node] = high.max()! }
            }
            rounds += 1
            if rounds == AnalysisGraph.labelPropagationRoundLimit { break }
        }
        return AnalysisGraph.renumberedBySmallestNode(label).0
    }
}
