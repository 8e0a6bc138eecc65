/// Inverted lists laid flat, each list's entries end to end with offsets, as an index file holds them.
struct FlatInvertedLists {
    var listCount: Int
    var probeLists: Int
    /// The projection's rank (0: no projection) and basis.
    var projectionRank: Int
    var projectionBasis: StoredValues<Float>
    var centroids: StoredValues<Float>
    var groups: StoredValues<Float>
    /// Group `g`'s centroids are `groupMembers[groupStart[g]..<groupStart[g + 1]]`.
    var groupStart: [Int64]
    var groupMembers: [Int32]
    /// List `l`'s rows are `members[listStart[l]..<listStart[l + 1]]`, their codes `space` bytes each from
    /// `codes[listStart[l] * space]`, one scale each.
    var listStart: [Int64]
    var members: [Int32]
    var codes: [Int8]
    var scales: [Float]
}

/// Each list's first entries as an index file holds them, read in place: list `l`'s entries are
/// `range(of: l)` of `members`, `scales` and (`space` bytes each) `codes`; the members and scales of a list are
/// checked by block when its range is asked for. Keeps the mapping alive.
struct MappedListEntries: @unchecked Sendable {
    // @unchecked: the pointers point into `file`'s read-only mapping, which lives as long as this value.
    let file: AnyObject
    let listStart: UnsafeBufferPointer<Int64>
    let members: UnsafePointer<Int32>
    let codes: UnsafePointer<Int8>
    let scales: UnsafeBufferPointer<Float>
    let memberBlocks: CheckedBlocks
    let scaleBlocks: CheckedBlocks

    /// Entries in all lists.
    var count: Int { scales.count }

    /// The entries of list `list`, their members and scales checked.
    func range(of list: Int) -> Range<Int> {
        let entries = Int(listStart[list])..<Int(listStart[list + 1])
        memberBlocks.check(entries.lowerBound * 4, entries.count * 4)
        scaleBlocks.check(entries.lowerBound * 4, entries.count * 4)
        return entries
    }
}

extension InvertedFaceLists {
    /// These lists laid flat (mapped entries and those added in memory, list by list).
    var flat: FlatInvertedLists {
        var listStart: [Int64] = [0]
        var flatMembers: [Int32] = [], flatCodes: [Int8] = [], flatScales: [Float] = []
        flatMembers.reserveCapacity(count)
        flatScales.reserveCapacity(count)
        flatCodes.reserveCapacity(count * space)
        for list in 0..<listCount {
            if let mapped {
                let entries = mapped.range(of: list)
                flatMembers += UnsafeBufferPointer(start: mapped.members + entries.lowerBound, count: entries.count)
                flatScales += mapped.scales[entries]
                flatCodes += UnsafeBufferPointer(
                    start: mapped.codes + entries.lowerBound * space, count: entries.count * space)
            }
            flatMembers += members[list]
            flatScales += scales[list]
            flatCodes += codes[list]
            listStart.append(Int64(flatMembers.count))
        }
        var groupStart: [Int64] = [0]
        for group in groupMembers { groupStart.append(groupStart.last! + Int64(group.count)) }
        return FlatInvertedLists(
            listCount: listCount, probeLists: probeLists, projectionRank: projection?.rank ?? 0,
            projectionBasis: projection?.basis ?? StoredValues(), centroids: centroids, groups: groups,
            groupStart: groupStart,
            groupMembers: Array(groupMembers.joined()), listStart: listStart, members: flatMembers, codes: flatCodes,
            scales: flatScales)
    }

    /// The lists of `flat` (its small parts; the entries of its own, which writing fills, are not read) with the
    /// entries `entries`, read in place; `nil` when the parts disagree with one another. The entries' rows are
    /// checked where they are used (the face index skips a row outside its gallery).
    init?(flat: FlatInvertedLists, entries: MappedListEntries) {
        let projection =
            flat.projectionRank == 0 ? nil : FaceProjection(rank: flat.projectionRank, basis: flat.projectionBasis)
        if flat.projectionRank != 0 && projection == nil { return nil }
        let space = projection?.rank ?? Self.dimensions
        let groupCount = flat.groupStart.count - 1
        guard flat.listCount >= 1, (1...flat.listCount).contains(flat.probeLists),
            flat.centroids.count == flat.listCount * space, groupCount >= 0,
            flat.groups.count == groupCount * space, Self.isRunning(flat.groupStart, to: flat.groupMembers.count),
            flat.groupMembers.allSatisfy({ $0 >= 0 && Int($0) < flat.listCount }),
            entries.listStart.count == flat.listCount + 1, Self.isRunning(Array(entries.listStart), to: entries.count)
        else { return nil }
        let groupMembers = (0..<groupCount).map {
            Array(flat.groupMembers[Int(flat.groupStart[$0])..<Int(flat.groupStart[$0 + 1])])
        }
        self.init(
            listCount: flat.listCount, probeLists: flat.probeLists, centroids: flat.centroids, projection: projection,
            space: space, groups: flat.groups, groupMembers: groupMembers,
            members: Array(repeating: [], count: flat.listCount), codes: Array(repeating: [], count: flat.listCount),
            scales: Array(repeating: [], count: flat.listCount), mapped: entries)
    }

    /// Whether `start` runs from 0 up, never down, to `end`.
    private static func isRunning(_ start: [Int64], to end: Int) -> Bool {
        start.first == 0 && start.last == Int64(end) && zip(start, start.dropFirst()).allSatisfy { $0 <= $1 }
    }
}
