import Testing

@testable import LinkGraph

/// The karate club with its "weight" read as each edge's cost.
private func karate() throws -> AnalysisGraph {
    try AnalysisGraph(nodeCount: 34, edges: NetworkxReference.karateEdges, weights: NetworkxReference.karateWeights)
}

/// Each path is a simple walk of the graph from `source` to `target`, and no path comes twice.
private func expectSimplePaths(
    _ paths: [[Int32]], in graph: AnalysisGraph, from source: Int32, to target: Int32,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(Set(paths).count == paths.count, "a path came twice", sourceLocation: sourceLocation)
    for path in paths {
        #expect(path.first == source && path.last == target, "\(path)", sourceLocation: sourceLocation)
        #expect(Set(path).count == path.count, "\(path) is not simple", sourceLocation: sourceLocation)
        #expect(graph.pathLength(path) != nil, "\(path) is not a walk of the graph", sourceLocation: sourceLocation)
    }
}

@Suite struct ShortestPathsAgreeWithNetworkx {
    @Test func unweightedShortestPathIsOneOfTheShortest() throws {
        let path = try #require(try karate().shortestPath(from: 16, to: 25))
        #expect(PathsReference.karateAllShortest.contains(path))
    }

    @Test func allShortestPathsAreNetworkxsSet() throws {
        #expect(try karate().allShortestPaths(from: 16, to: 25) == PathsReference.karateAllShortest)
        #expect(try karate().allShortestPaths(from: 16, to: 25, limit: 1).count == 1)
    }

    @Test func weightedShortestPathIsDijkstras() throws {
        let graph = try karate()
        let path = try #require(try graph.shortestPath(from: 16, to: 25, weighted: true))
        #expect(graph.pathLength(path, weighted: true) == PathsReference.karateWeightedLength)
        #expect(
            try graph.allShortestPaths(from: 16, to: 25, weighted: true) == PathsReference.karateWeightedAllShortest)
    }

    @Test func hopLimitBoundsWeightedPaths() throws {
        let graph = try karate()
        let within4 = PathLimits(maxHops: 4)
        let path = try #require(try graph.shortestPath(from: 16, to: 25, weighted: true, limits: within4))
        #expect(graph.pathLength(path, weighted: true) == PathsReference.karateWeightedWithin4HopsLength)
        #expect(
            try graph.allShortestPaths(from: 16, to: 25, weighted: true, limits: within4)
                == PathsReference.karateWeightedWithin4Hops)
        #expect(
            try graph.allShortestPaths(from: 16, to: 25, weighted: true, limits: PathLimits(maxHops: 5))
                == PathsReference.karateWeightedAllShortest)
        #expect(try graph.shortestPath(from: 16, to: 25, limits: PathLimits(maxHops: 3)) == nil)
        #expect(try graph.shortestPath(from: 16, to: 25, weighted: true, limits: PathLimits(maxHops: 3)) == nil)
        #expect(try graph.allShortestPaths(from: 16, to: 25, limits: PathLimits(maxHops: 3)).isEmpty)
    }

    @Test func yenGivesNetworkxsLengthsAndPaths() throws {
        let graph = try karate()
        for weighted in [false, true] {
            let reference = weighted ? PathsReference.karateWeightedYen : PathsReference.karateYen
            let paths = try graph.shortestSimplePaths(from: 16, to: 25, count: reference.count, weighted: weighted)
            expectSimplePaths(paths, in: graph, from: 16, to: 25)
            let lengths = paths.map { graph.pathLength($0, weighted: weighted)! }
            let referenceLengths = reference.map { graph.pathLength($0, weighted: weighted)! }
            #expect(lengths == referenceLengths, "weighted: \(weighted)")
            // Every path shorter than the last length is in both; ties at the last length may differ.
            let cut = referenceLengths.last!
            let shorter = { (paths: [[Int32]]) in Set(paths.filter { graph.pathLength($0, weighted: weighted)! < cut })
            }
            #expect(shorter(paths) == shorter(reference), "weighted: \(weighted)")
        }
    }

    @Test func yenStopsWhenNoMorePathsExist() throws {
        // A square 0-1-3, 0-2-3 with a tail 3-4: exactly two simple paths from 0 to 4.
        let graph = try AnalysisGraph(nodeCount: 5, edges: [(0, 1), (1, 3), (0, 2), (2, 3), (3, 4)])
        let paths = try graph.shortestSimplePaths(from: 0, to: 4, count: 5)
        #expect(paths == [[0, 1, 3, 4], [0, 2, 3, 4]])
        #expect(try graph.shortestSimplePaths(from: 0, to: 4, count: 5, limits: PathLimits(maxHops: 2)).isEmpty)
    }
}

@Suite struct PathLimitsAndBadInput {
    /// 0-1-2-5 (through 1 and 2) and 0-3-4-6-5 (through 3, 4 and 6): the mask picks the longer one.
    let graph: AnalysisGraph
    init() throws {
        graph = try AnalysisGraph(nodeCount: 7, edges: [(0, 1), (1, 2), (2, 5), (0, 3), (3, 4), (4, 6), (6, 5)])
    }

    @Test func maskKeepsPathsOnAllowedIntermediates() throws {
        #expect(try graph.shortestPath(from: 0, to: 5) == [0, 1, 2, 5])
        var allowed = [Bool](repeating: true, count: 7)
        allowed[2] = false
        let limits = PathLimits(allowedNodes: allowed)
        #expect(try graph.shortestPath(from: 0, to: 5, limits: limits) == [0, 3, 4, 6, 5])
        #expect(try graph.allShortestPaths(from: 0, to: 5, limits: limits) == [[0, 3, 4, 6, 5]])
        #expect(try graph.shortestSimplePaths(from: 0, to: 5, count: 3, limits: limits) == [[0, 3, 4, 6, 5]])
        // The endpoints themselves are always allowed.
        allowed = [Bool](repeating: false, count: 7)
        allowed[1] = true
        allowed[2] = true
        #expect(try graph.shortestPath(from: 0, to: 5, limits: PathLimits(allowedNodes: allowed)) == [0, 1, 2, 5])
    }

    @Test func disconnectedEndpointsHaveNoPath() throws {
        let split = try AnalysisGraph(nodeCount: 4, edges: [(0, 1), (2, 3)])
        #expect(try split.shortestPath(from: 0, to: 3) == nil)
        #expect(try split.shortestPath(from: 0, to: 3, weighted: true) == nil)
        #expect(try split.allShortestPaths(from: 0, to: 3).isEmpty)
        #expect(try split.shortestSimplePaths(from: 0, to: 3, count: 2).isEmpty)
        #expect(try split.shortestPath(from: 2, to: 2) == [2])
    }

    @Test func badQueriesSayWhatToFix() {
        #expect(throws: GraphError.targetOutOfRange(node: 9, nodeCount: 7)) {
            try graph.shortestPath(from: 0, to: 9)
        }
        #expect(
            GraphError.targetOutOfRange(node: 9, nodeCount: 7).description
                == "target node 9 is outside 0..<7: end at a graph node")
        #expect(throws: GraphError.invalidHopLimit(-1)) {
            try graph.allShortestPaths(from: 0, to: 5, limits: PathLimits(maxHops: -1))
        }
        #expect(
            GraphError.invalidHopLimit(-1).description == "hop limit -1 is negative: use 0 or more hops, or no limit")
        #expect(throws: GraphError.maskSizeMismatch(mask: 2, nodeCount: 7)) {
            try graph.shortestSimplePaths(from: 0, to: 5, count: 2, limits: PathLimits(allowedNodes: [true, true]))
        }
        #expect(
            GraphError.maskSizeMismatch(mask: 2, nodeCount: 7).description
                == "node filter has 2 entries for 7 nodes: give exactly one entry per node")
        #expect(throws: GraphError.invalidPathCount(0)) { try graph.shortestSimplePaths(from: 0, to: 5, count: 0) }
        #expect(GraphError.invalidPathCount(0).description == "0 paths asked for: ask for at least 1 path")
    }

    @Test func confidenceBecomesAnAdditiveCost() throws {
        #expect(AnalysisGraph.pathCost(confidence: 1) == 0)
        #expect(
            abs(
                AnalysisGraph.pathCost(confidence: 0.5) + AnalysisGraph.pathCost(confidence: 0.5)
                    - AnalysisGraph.pathCost(confidence: 0.25)) < 1e-15)
        // A direct link at confidence 0.2 loses to two links at 0.9: 0.81 is the more credible chain.
        let costs = [0.2, 0.9, 0.9].map(AnalysisGraph.pathCost(confidence:))
        let graph = try AnalysisGraph(nodeCount: 3, edges: [(0, 2), (0, 1), (1, 2)], weights: costs)
        #expect(try graph.shortestPath(from: 0, to: 2, weighted: true) == [0, 1, 2])
        #expect(try graph.shortestPath(from: 0, to: 2) == [0, 2])
    }
}

@Suite struct BidirectionalSearchAgreesWithOneSided {
    /// `shortestPath` grows from both ends when unweighted and unlimited. On seeded sparse graphs (several
    /// components, self-loops, repeated links) and with a node mask, it finds a path exactly when one exists, of
    /// the length a one-sided search finds, along links of the graph and through allowed nodes only.
    @Test func sameLengthsValidPaths() throws {
        for seed: UInt64 in 1...6 {
            let n = 80
            var (graph, random) = try seededSparseGraph(seed: seed, nodes: n, links: 110)
            let mask = (0..<n).map { _ in random.unit() < 0.8 }
            for limits in [PathLimits(), PathLimits(allowedNodes: mask)] {
                for _ in 0..<60 {
                    let (a, b) = (random.index(below: n), random.index(below: n))
                    let found = try graph.shortestPath(from: a, to: b, limits: limits)
                    // One-sided: every shortest path, found by a plain breadth-first search from `a`.
                    let expected = try graph.allShortestPaths(from: a, to: b, limits: limits, limit: 1).first
                    #expect((found == nil) == (expected == nil), "seed \(seed), \(a) to \(b)")
                    guard let found, let expected else { continue }
                    #expect(found.count == expected.count, "seed \(seed), \(a) to \(b)")
                    #expect(found.first == Int32(a) && found.last == Int32(b))
                    #expect(graph.pathLength(found) != nil, "every step is a link")
                    if let allowed = limits.allowedNodes {
                        #expect(found.dropFirst().dropLast().allSatisfy { allowed[Int($0)] })
                    }
                }
            }
        }
    }
}
