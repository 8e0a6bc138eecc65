import Testing

@testable import LinkGraph

/// The best score over every set of `k` nodes (k = 1 or 2), by brute force.
private func bestScore(nodeCount: Int, k: Int, score: ([Int32]) -> Double) -> Double {
    var best = -Double.infinity
    for first in 0..<Int32(nodeCount) {
        if k == 1 {
            best = max(best, score([first]))
            continue
        }
        for second in (first + 1)..<Int32(nodeCount) { best = max(best, score([first, second])) }
    }
    return best
}

@Suite struct KeyPlayersMatchBruteForce {
    static let graphs: [(String, AnalysisGraph)] = [
        ("karate", try! AnalysisGraph(nodeCount: 34, edges: NetworkxReference.karateEdges)),
        ("florentine", try! AnalysisGraph(nodeCount: 16, edges: NetworkxReference.florentineEdges)),
    ]

    @Test(arguments: [1, 2]) func fragmentSetIsOptimal(k: Int) throws {
        for (name, graph) in Self.graphs {
            let found = try graph.keyPlayersFragment(k: k, seed: 3)
            #expect(found.nodes.count == k)
            #expect(found.score == graph.fragmentation(removing: found.nodes), "\(name)")
            let optimum = bestScore(nodeCount: graph.nodeCount, k: k) { graph.fragmentation(removing: $0) }
            #expect(abs(found.score - optimum) <= 1e-12, "\(name) k=\(k): \(found) vs \(optimum)")
        }
    }

    @Test(arguments: [1, 2]) func reachSetIsOptimal(k: Int) throws {
        for (name, graph) in Self.graphs {
            let found = try graph.keyPlayersReach(k: k, seed: 3)
            #expect(found.score == graph.reach(from: found.nodes), "\(name)")
            let optimum = bestScore(nodeCount: graph.nodeCount, k: k) { graph.reach(from: $0) }
            #expect(abs(found.score - optimum) <= 1e-12, "\(name) k=\(k): \(found) vs \(optimum)")
        }
    }

    @Test func scoresOnAStar() throws {
        // A star with centre 0 and leaves 1...4: removing the centre leaves four isolates; the centre reaches all.
        let star = try AnalysisGraph(nodeCount: 5, edges: [(0, 1), (0, 2), (0, 3), (0, 4)])
        #expect(try star.keyPlayersFragment(k: 1) == KeyPlayerSet(nodes: [0], score: 1))
        #expect(try star.keyPlayersReach(k: 1) == KeyPlayerSet(nodes: [0], score: 1))
        // Without removal: 4 pairs centre-leaf at 1 and 6 leaf pairs at 2, ordered: (8 + 6) / 20.
        #expect(star.fragmentation(removing: []) == 1 - 14.0 / 20)
        // From leaf 1: the centre at 1, three leaves at 2: (1 + 1.5) / 4.
        #expect(star.reach(from: [1]) == 2.5 / 4)
    }

    @Test func theSeedGivesTheSameSetAgain() throws {
        let graph = Self.graphs[0].1
        #expect(try graph.keyPlayersFragment(k: 3, seed: 9) == graph.keyPlayersFragment(k: 3, seed: 9))
    }

    @Test func setSizesOutsideTheGraphAreRefused() {
        let graph = Self.graphs[1].1
        #expect(throws: GraphError.invalidSetSize(size: 0, nodeCount: 16)) { try graph.keyPlayersReach(k: 0) }
        #expect(throws: GraphError.invalidSetSize(size: 17, nodeCount: 16)) { try graph.keyPlayersFragment(k: 17) }
        #expect(
            GraphError.invalidSetSize(size: 17, nodeCount: 16).description
                == "a set of 17 nodes in a graph of 16: choose between 1 and 16 nodes")
    }
}
