/// The groups of a partition (components, communities) listed for a result: largest first, ties in the
/// order of the groups' numbers, each group's members in ascending node order. Built by one counting
/// sort over the nodes, with no array per group.
public struct RankedGroups: Sendable, Equatable {
    /// The listed nodes: every member of the first group, then of the second, …
    public let members: [Int32]
    /// Per listed node (parallel to `members`): the rank of its group, 0 for the largest.
    public let ranks: [Int32]
    /// Per rank: the group's size.
    public let sizes: [Int]

    /// Ranks the groups of `membership` (a group number in `0..<count` per node) that have at least
    /// `minimumSize` members; smaller groups are left out.
    public init(membership: [Int32], count: Int, minimumSize: Int = 1) {
        var sizeOf = [Int](repeating: 0, count: count)
        for group in membership { sizeOf[Int(group)] += 1 }
        // A stable sort by size keeps the groups' own order among equals.
        let ranked = (0..<count).filter { sizeOf[$0] >= minimumSize }.enumerated().sorted { a, b in
            sizeOf[a.element] != sizeOf[b.element] ? sizeOf[a.element] > sizeOf[b.element] : a.offset < b.offset
        }.map(\.element)
        var rankOf = [Int32](repeating: -1, count: count)
        var fill = [Int](repeating: 0, count: ranked.count + 1)
        for (rank, group) in ranked.enumerated() {
            rankOf[group] = Int32(rank)
            fill[rank + 1] = fill[rank] + sizeOf[group]
        }
        let listed = fill[ranked.count]
        var members = [Int32](repeating: 0, count: listed)
        var ranks = [Int32](repeating: 0, count: listed)
        for (node, group) in membership.enumerated() {
            let rank = rankOf[Int(group)]
            guard rank >= 0 else { continue }
            members[fill[Int(rank)]] = Int32(node)
            ranks[fill[Int(rank)]] = rank
            fill[Int(rank)] += 1
        }
        self.members = members
        self.ranks = ranks
        self.sizes = ranked.map { sizeOf[$0] }
    }
}
