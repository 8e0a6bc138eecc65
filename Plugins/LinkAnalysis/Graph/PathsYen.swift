extension AnalysisGraph {
    /// The `count` shortest simple paths from `source` to `target` within `limits`, shortest first, by Yen's
    /// algorithm: the first `count` that networkx's `shortest_simple_paths(G, s, t)` (or with `weighted`,
    /// `weight="weight"`) yields, with the same lengths; among paths of equal length the order, and which of them
    /// make the cut at the last length, may differ. Fewer when fewer exist; empty when the target cannot be
    /// reached. Throws `invalidPathCount` when `count` is below 1.
    public func shortestSimplePaths(
        from source: Int, to target: Int, count: Int, weighted: Bool = false, limits: PathLimits = .init()
    ) throws(GraphError) -> [[Int32]] {
        try validatePathQuery(source: source, target: target, limits: limits)
        guard count >= 1 else { throw .invalidPathCount(count) }
        var search = PathSearch(graph: self, weighted: weighted, limits: limits)
        guard let first = search.shortest(from: source, to: target, maxHops: limits.maxHops) else { return [] }
        if source == target { return [first] }
        var found: [[Int32]] = [first]
        var candidates = PathCandidates()
        while found.count < count {
            let previous = found[found.count - 1]
            for spurIndex in 0..<(previous.count - 1) {
                let root = previous[0...spurIndex]
                // Edges leaving the spur node along any found path with this root are removed…
                search.bannedFirstHops.removeAll(keepingCapacity: true)
                for path in found where path.count > spurIndex + 1 && path[0...spurIndex] == root {
                    search.bannedFirstHops.append(path[spurIndex + 1])
                }
                // …and so are the root's nodes before the spur node, so that the path stays simple.
                for node in root.dropLast() { search.banned[Int(node)] = true }
                let spurHops = limits.maxHops.map { $0 - spurIndex }
                if let spur = search.shortest(from: Int(previous[spurIndex]), to: target, maxHops: spurHops) {
                    let path = Array(root) + spur.dropFirst()
                    candidates.insert(path, length: pathLength(path, weighted: search.weighted) ?? .infinity)
                }
                for node in root.dropLast() { search.banned[Int(node)] = false }
            }
            search.bannedFirstHops.removeAll()
            guard let next = candidates.popShortest() else { break }
            found.append(next)
        }
        return found
    }
}

/// Yen's candidate paths: each path once, the shortest taken first (ties in the order they were found).
private struct PathCandidates {
    private var paths: [(length: Double, order: Int, path: [Int32])] = []
    private var seen: Set<[Int32]> = []
    private var inserted = 0

    mutating func insert(_ path: [Int32], length: Double) {
        guard seen.insert(path).inserted else { return }
        paths.append((length, inserted, path))
        inserted += 1
    }

    mutating func popShortest() -> [Int32]? {
        guard var best = paths.indices.first else { return nil }
        for index in paths.indices.dropFirst() {
            let (a, b) = (paths[index], paths[best])
            if a.length < b.length || (a.length == b.length && a.order < b.order) { best = index }
        }
        return paths.remove(at: best).path
    }
}
