import Testing

@testable import LinkGraph

/// Groups listed largest first, ties in group order, members ascending: the order of `link components`
/// and `link communities`, checked against sorting arrays of members.
@Suite struct RankedGroupsTests {
    @Test func agreesWithSortingTheGroups() {
        var random = SeededRandom(seed: 11)
        for _ in 0..<50 {
            let nodes = random.index(below: 60)
            let count = 1 + random.index(below: 12)
            let membership = (0..<nodes).map { _ in Int32(random.index(below: count)) }
            let minimum = 1 + random.index(below: 4)
            var groups = [[Int32]](repeating: [], count: count)
            for (node, group) in membership.enumerated() { groups[Int(group)].append(Int32(node)) }
            let expected = groups.enumerated().filter { $0.element.count >= minimum }
                .sorted { a, b in
                    a.element.count != b.element.count ? a.element.count > b.element.count : a.offset < b.offset
                }
                .map(\.element)
            let ranked = RankedGroups(membership: membership, count: count, minimumSize: minimum)
            #expect(ranked.sizes == expected.map(\.count))
            #expect(ranked.members == expected.flatMap { $0 })
            #expect(ranked.ranks == expected.enumerated().flatMap { rank, members in members.map { _ in Int32(rank) } })
        }
    }

    @Test func emptyGroupsAndTooSmallGroupsAreLeftOut() {
        let ranked = RankedGroups(membership: [2, 2, 0], count: 4, minimumSize: 1)
        #expect(ranked.sizes == [2, 1])
        #expect(ranked.members == [0, 1, 2])
        #expect(RankedGroups(membership: [2, 2, 0], count: 4, minimumSize: 3).members.isEmpty)
    }
}
