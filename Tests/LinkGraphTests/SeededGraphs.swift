@testable import LinkGraph

/// A seeded sparse graph of `nodes` nodes and `links` random pairs (self-loops and repeats included, so it has many
/// components), with the generator after drawing it, for tests that draw more from the same seed.
func seededSparseGraph(seed: UInt64, nodes: Int, links: Int) throws -> (graph: AnalysisGraph, random: SeededRandom) {
    var random = SeededRandom(seed: seed)
    let edges = (0..<links).map { _ in (Int32(random.index(below: nodes)), Int32(random.index(below: nodes))) }
    return (try AnalysisGraph(nodeCount: nodes, edges: edges), random)
}
