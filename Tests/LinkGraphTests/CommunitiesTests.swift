import Testing

@testable import LinkGraph

/// Whether every community of `communities` is connected: a breadth-first search that stays inside the community,
/// started from its smallest member, reaches all its members.
func everyCommunityIsConnected(_ communities: Communities, in graph: AnalysisGraph) -> Bool {
    for members in communities.members {
        var reached: Set<Int32> = [members[0]]
        var frontier = [members[0]]
        while let node = frontier.popLast() {
            for entry in graph.offsets[Int(node)]..<graph.offsets[Int(node) + 1] {
                let neighbor = graph.neighbors[entry]
                if communities.membership[Int(neighbor)] == communities.membership[Int(node)]
                    && reached.insert(neighbor).inserted
                {
                    frontier.append(neighbor)
                }
            }
        }
        if reached.count != members.count { return false }
    }
    return true
}

/// Whether communities are numbered 0, 1, … in the order of their smallest node.
func isNumberedBySmallestNode(_ communities: Communities) -> Bool {
    var next: Int32 = 0
    for community in communities.membership {
        if community > next { return false }
        if community == next { next += 1 }
    }
    return Int(next) == communities.count
}

/// The reference graphs, built once: karate with its networkx weights, Florentine families with Pucci, Les Misérables.
enum Graphs {
    static let karate = try! AnalysisGraph(
        nodeCount: 34, edges: NetworkxReference.karateEdges, weights: NetworkxReference.karateWeights)
    static let florentine = try! AnalysisGraph(nodeCount: 16, edges: NetworkxReference.florentineEdges)
    static let lesMiserables = try! AnalysisGraph(
        nodeCount: 77, edges: CommunityReference.lesMiserablesEdges, weights: CommunityReference.lesMiserablesWeights)
}

@Suite struct ModularityAgreesWithNetworkx {
    @Test func karateClubSplit() throws {
        let split = CommunityReference.karateClubSplit
        #expect(abs(try Graphs.karate.modularity(of: split) - CommunityReference.karateClubSplitModularity) <= 1e-12)
        let atHalf = try Graphs.karate.modularity(of: split, resolution: 0.5)
        #expect(abs(atHalf - CommunityReference.karateClubSplitModularityAtHalfResolution) <= 1e-12)
        let unweighted = try AnalysisGraph(nodeCount: 34, edges: NetworkxReference.karateEdges)
        let plain = try unweighted.modularity(of: split)
        #expect(abs(plain - CommunityReference.karateClubSplitUnweightedModularity) <= 1e-12)
    }

    @Test func louvainResults() throws {
        let karateValue = try Graphs.karate.modularity(of: CommunityReference.karateLouvainSeed0)
        #expect(abs(karateValue - CommunityReference.karateLouvainSeed0Modularity) <= 1e-12)
        let florentineValue = try Graphs.florentine.modularity(of: CommunityReference.florentineLouvainSeed0)
        #expect(abs(florentineValue - CommunityReference.florentineLouvainSeed0Modularity) <= 1e-12)
        let lesMiserablesValue = try Graphs.lesMiserables.modularity(of: CommunityReference.lesMiserablesLouvainSeed0)
        #expect(abs(lesMiserablesValue - CommunityReference.lesMiserablesLouvainSeed0Modularity) <= 1e-12)
    }

    @Test func weightedSelfLoops() throws {
        let graph = try AnalysisGraph(
            nodeCount: 5, edges: CommunityReference.loopEdges, weights: CommunityReference.loopWeights)
        let split: [Int32] = [0, 0, 1, 1, 1]
        #expect(abs(try graph.modularity(of: split) - CommunityReference.loopSplitModularity) <= 1e-12)
        let atHigher = try graph.modularity(of: split, resolution: 1.7)
        #expect(abs(atHigher - CommunityReference.loopSplitModularityAtResolution1_7) <= 1e-12)
        let singletons = try graph.modularity(of: [0, 1, 2, 3, 4])
        #expect(abs(singletons - CommunityReference.loopSingletonsModularity) <= 1e-12)
    }

    @Test func labelsNeedNotBeConsecutive() throws {
        let relabelled = CommunityReference.karateClubSplit.map { $0 == 0 ? Int32(33) : Int32(7) }
        #expect(
            try Graphs.karate.modularity(of: relabelled)
                == Graphs.karate.modularity(of: CommunityReference.karateClubSplit))
    }

    @Test func edgelessGraphHasModularityZero() throws {
        #expect(try AnalysisGraph(nodeCount: 3, edges: []).modularity(of: [0, 1, 1]) == 0)
    }

    @Test func badPartitionsAreRefused() {
        #expect(throws: GraphError.partitionSizeMismatch(labels: 2, nodeCount: 16)) {
            try Graphs.florentine.modularity(of: [0, 1])
        }
        #expect(
            GraphError.partitionSizeMismatch(labels: 2, nodeCount: 16).description
                == "2 community labels for 16 nodes: give exactly one community per node")
        var labels = [Int32](repeating: 0, count: 16)
        labels[5] = 16
        #expect(throws: GraphError.communityOutOfRange(node: 5, community: 16, nodeCount: 16)) {
            try Graphs.florentine.modularity(of: labels)
        }
        #expect(
            GraphError.communityOutOfRange(node: 5, community: 16, nodeCount: 16).description
                == "node 5 is in community 16, outside 0..<16: number communities from 0")
        #expect(throws: GraphError.invalidResolution(-1)) {
            try Graphs.florentine.modularity(of: labels, resolution: -1)
        }
        #expect(
            GraphError.invalidResolution(0).description
                == "resolution 0.0 is not a finite positive number: use a resolution above 0, such as 1")
    }
}
