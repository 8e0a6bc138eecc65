import Testing

@testable import LinkGraph

@Suite struct BurtConstraintAgreesWithNetworkx {
    @Test func karate() throws {
        let graph = try AnalysisGraph(nodeCount: 34, edges: NetworkxReference.karateEdges)
        let constraint = graph.constraint()
        for node in 0..<34 {
            #expect(abs(constraint[node] - PathsReference.karateConstraint[node]) <= 1e-12, "node \(node)")
        }
    }

    @Test func florentineWithTheIsolatedPucci() throws {
        let graph = try AnalysisGraph(nodeCount: 16, edges: NetworkxReference.florentineEdges)
        let constraint = graph.constraint()
        for node in 0..<15 {
            #expect(abs(constraint[node] - PathsReference.florentineConstraint[node]) <= 1e-12, "node \(node)")
        }
        #expect(constraint[15].isNaN)
    }
}

/// Groups A = {0, 1, 2}, B = {3, 4, 6}, C = {5}; edges 0→1 (twice), 1→2, 0→2, 3→0, 0→4, 1→5, 5→6, 2→0,
/// and a self-loop 6→6. Open two-paths a→b→c (no a→c), counted by hand:
/// - broker 0 (in: 3, 2; out: 1, 2, 4): 3→0→1 gatekeeper (B, A, A), 3→0→2 gatekeeper, 3→0→4 itinerant (B, A, B),
///   2→0→1 coordinator (A, A, A), 2→0→4 representative (A, A, B); 2→0→2 is no triad.
/// - broker 1 (in: 0; out: 2, 5): 0→1→2 is closed by 0→2; 0→1→5 representative (A, A, C).
/// - broker 2 (in: 0, 1; out: 0): 1→2→0 coordinator; 0→2→0 is no triad.
/// - broker 5 (in: 1; out: 6): 1→5→6 liaison (A, C, B). Nodes 3, 4 and 6 broker nothing.
@Suite struct GouldFernandezRoles {
    @Test func handCountedRoles() throws {
        let edges: [(Int32, Int32)] = [(0, 1), (0, 1), (1, 2), (0, 2), (3, 0), (0, 4), (1, 5), (5, 6), (2, 0), (6, 6)]
        let roles = try BrokerageRoles(edges: edges, groups: [0, 0, 0, 1, 1, 2, 1])
        #expect(roles.coordinator == [1, 0, 1, 0, 0, 0, 0])
        #expect(roles.itinerant == [1, 0, 0, 0, 0, 0, 0])
        #expect(roles.representative == [1, 1, 0, 0, 0, 0, 0])
        #expect(roles.gatekeeper == [2, 0, 0, 0, 0, 0, 0])
        #expect(roles.liaison == [0, 0, 0, 0, 0, 1, 0])
        #expect(roles.total == [5, 1, 1, 0, 0, 1, 0])
    }

    @Test func anEndpointOutsideTheNodesIsRefused() {
        #expect(throws: GraphError.endpointOutOfRange(edge: 1, node: 3, nodeCount: 3)) {
            try BrokerageRoles(edges: [(0, 1), (1, 3)], groups: [0, 0, 1])
        }
    }
}
