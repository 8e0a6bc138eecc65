import Testing

@testable import LinkGraph

/// Every value within 1e-9 of networkx's, node by node.
private func expectAgreement(
    _ actual: [Double], _ expected: [Double], _ measure: String, sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(actual.count == expected.count, "\(measure): node count", sourceLocation: sourceLocation)
    for (node, (value, reference)) in zip(actual, expected).enumerated() {
        #expect(
            abs(value - reference) <= 1e-9, "\(measure) of node \(node): \(value), networkx \(reference)",
            sourceLocation: sourceLocation)
    }
}

@Suite struct KarateClubAgreesWithNetworkx {
    let graph: AnalysisGraph
    init() throws {
        graph = try AnalysisGraph(
            nodeCount: 34, edges: NetworkxReference.karateEdges, weights: NetworkxReference.karateWeights)
    }

    @Test func shape() {
        #expect(graph.nodeCount == 34)
        #expect(graph.edgeCount == 78)
        #expect(graph.connectedComponents() == NetworkxReference.karateComponents)
    }

    @Test func centralities() throws {
        expectAgreement(graph.degreeCentrality(), NetworkxReference.karateDegree, "degree")
        expectAgreement(graph.closenessCentrality(), NetworkxReference.karateCloseness, "closeness")
        expectAgreement(graph.harmonicCentrality(), NetworkxReference.karateHarmonic, "harmonic")
        expectAgreement(graph.betweennessCentrality(), NetworkxReference.karateBetweenness, "betweenness")
        expectAgreement(try graph.pageRank(), NetworkxReference.karatePageRank, "weighted PageRank")
        expectAgreement(try graph.eigenvectorCentrality(), NetworkxReference.karateEigenvector, "eigenvector")
    }

    @Test func unweightedPageRank() throws {
        let unweighted = try AnalysisGraph(nodeCount: 34, edges: NetworkxReference.karateEdges)
        expectAgreement(try unweighted.pageRank(), NetworkxReference.karateUnweightedPageRank, "PageRank")
    }
}

@Suite struct FlorentineFamiliesWithIsolatedPucci {
    let graph: AnalysisGraph
    init() throws { graph = try AnalysisGraph(nodeCount: 16, edges: NetworkxReference.florentineEdges) }

    @Test func componentsCountTheIsolate() {
        #expect(graph.connectedComponents() == NetworkxReference.florentineComponents)
        #expect(graph.connectedComponents().last == [15])
    }

    @Test func centralities() throws {
        expectAgreement(graph.degreeCentrality(), NetworkxReference.florentineDegree, "degree")
        expectAgreement(graph.closenessCentrality(), NetworkxReference.florentineCloseness, "closeness")
        expectAgreement(graph.harmonicCentrality(), NetworkxReference.florentineHarmonic, "harmonic")
        expectAgreement(graph.betweennessCentrality(), NetworkxReference.florentineBetweenness, "betweenness")
        expectAgreement(try graph.pageRank(), NetworkxReference.florentinePageRank, "PageRank")
        expectAgreement(try graph.eigenvectorCentrality(), NetworkxReference.florentineEigenvector, "eigenvector")
    }
}

@Suite struct EdgeListAsNetworkxGraphSeesIt {
    // networkx 3.6.1: G = nx.Graph(); G.add_nodes_from(range(4)); G.add_edges_from([(0, 1, {"weight": 2.0}),
    // (1, 0, {"weight": 5.0}), (1, 1, {"weight": 1.0}), (1, 2, {"weight": 1.0})]), then the calls below.
    let graph: AnalysisGraph
    init() throws {
        graph = try AnalysisGraph(nodeCount: 4, edges: [(0, 1), (1, 0), (1, 1), (1, 2)], weights: [2, 5, 1, 1])
    }

    @Test func parallelEdgesCollapseLastWeightWinsSelfLoopKept() {
        #expect(graph.edgeCount == 3)
        #expect(graph.offsets == [0, 1, 4, 5, 5])
        #expect(graph.neighbors == [1, 0, 1, 2, 1])
        #expect(graph.weights == [5, 5, 1, 1, 1])
        #expect(graph.hasSelfLoop == [false, true, false, false])
    }

    @Test func measures() throws {
        // nx.degree_centrality(G): the self-loop counts twice.
        expectAgreement(graph.degreeCentrality(), [1 / 3, 4 / 3, 1 / 3, 0], "degree")
        // nx.pagerank(G)
        expectAgreement(
            try graph.pageRank(),
            [0.3486821600171721, 0.4958671222651071, 0.10783167009867253, 0.04761904761904763], "PageRank")
        // nx.eigenvector_centrality(G)
        expectAgreement(
            try graph.eigenvectorCentrality(),
            [0.40824829046359196, 0.8164965809271839, 0.40824829046359196, 1.1522867744404138e-06], "eigenvector")
    }

    @Test func distancesStopAtMaxDepth() throws {
        // nx.single_source_shortest_path_length(nx.path_graph(5), 0, cutoff=2) == {0: 0, 1: 1, 2: 2}
        let path = try AnalysisGraph(nodeCount: 5, edges: [(0, 1), (1, 2), (2, 3), (3, 4)])
        #expect(try path.distances(from: 0, maxDepth: 2) == [0, 1, 2, -1, -1])
        #expect(try path.distances(from: 4) == [4, 3, 2, 1, 0])
    }
}

@Suite struct BadInputIsRefused {
    @Test func errors() {
        #expect(throws: GraphError.endpointOutOfRange(edge: 1, node: 3, nodeCount: 3)) {
            try AnalysisGraph(nodeCount: 3, edges: [(0, 1), (1, 3)])
        }
        #expect(throws: GraphError.invalidWeight(edge: 0, weight: .infinity)) {
            try AnalysisGraph(nodeCount: 2, edges: [(0, 1)], weights: [.infinity])
        }
        #expect(throws: GraphError.weightCountMismatch(edges: 1, weights: 2)) {
            try AnalysisGraph(nodeCount: 2, edges: [(0, 1)], weights: [1, 2])
        }
        #expect(throws: GraphError.invalidNodeCount(-1)) { try AnalysisGraph(nodeCount: -1, edges: []) }
        #expect(throws: GraphError.sourceOutOfRange(node: 2, nodeCount: 2)) {
            try AnalysisGraph(nodeCount: 2, edges: []).distances(from: 2)
        }
        #expect(
            GraphError.endpointOutOfRange(edge: 1, node: 3, nodeCount: 3).description
                == "edge 1 names node 3, outside 0..<3: give endpoints that are graph nodes")
    }
}

@Suite struct ComponentsAgreeWithReachability {
    /// Union–find components against breadth-first reachability, on sparse seeded graphs with many components
    /// (isolated nodes, self-loops and repeated links included): two nodes share a component exactly when one
    /// reaches the other, and components are numbered in the order of their smallest node.
    @Test func sameComponentExactlyWhenReachable() throws {
        for seed: UInt64 in 1...8 {
            let n = 60
            let graph = try seededSparseGraph(seed: seed, nodes: n, links: 45).graph
            let (membership, count) = graph.componentMembership()
            var firstSeen: [Int32] = []
            for node in 0..<n {
                let reached = try graph.distances(from: node)
                for other in 0..<n {
                    #expect((membership[node] == membership[other]) == (reached[other] >= 0), "seed \(seed)")
                }
                if !firstSeen.contains(membership[node]) { firstSeen.append(membership[node]) }
            }
            #expect(firstSeen == (0..<Int32(count)).map { $0 }, "seed \(seed)")
            #expect(graph.connectedComponents().map(\.count).reduce(0, +) == n)
        }
    }
}
