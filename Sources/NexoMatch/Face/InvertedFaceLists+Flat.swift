/// Inverted lists laid flat, each list's entries end to end with offsets, as an index file holds them.
struct FlatInvertedLists {
    var listCount: Int
    var probeLists: Int
    /// The projection's rank (0: no projection) and basis.
    var projectionRank: Int
    var projectionBasis: [Float]
    var centroids: [Float]
    var groups: [Float]
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

extension InvertedFaceLists {
    /// These lists laid flat.
    var flat: FlatInvertedLists {
        var listStart: [Int64] = [0]
        for list in members { listStart.append(listStart.last! + Int64(list.count)) }
        var groupStart: [Int64] = [0]
        for group in groupMembers { groupStart.append(groupStart.last! + Int64(group.count)) }
        return FlatInvertedLists(
            listCount: listCount, probeLists: probeLists, projectionRank: projection?.rank ?? 0,
            projectionBasis: projection?.basis ?? [], centroids: centroids, groups: groups, groupStart: groupStart,
            groupMembers: Array(groupMembers.joined()), listStart: listStart, members: Array(members.joined()),
            codes: Array(codes.joined()), scales: Array(scales.joined()))
    }

    /// The lists of `flat`, for a gallery of `rowCount` rows; `nil` when its parts disagree with one another.
    init?(flat: FlatInvertedLists, rowCount: Int) {
        let projection =
            flat.projectionRank == 0 ? nil : FaceProjection(rank: flat.projectionRank, basis: flat.projectionBasis)
        if flat.projectionRank != 0 && projection == nil { return nil }
        let space = projection?.rank ?? Self.dimensions
        let groupCount = flat.groupStart.count - 1
        guard flat.listCount >= 1, (1...flat.listCount).contains(flat.probeLists),
            flat.centroids.count == flat.listCount * space, flat.listStart.count == flat.listCount + 1,
            Self.isRunning(flat.listStart, to: flat.members.count), groupCount >= 0,
            flat.groups.count == groupCount * space, Self.isRunning(flat.groupStart, to: flat.groupMembers.count),
            flat.codes.count == flat.members.count * space, flat.scales.count == flat.members.count,
            flat.members.allSatisfy({ $0 >= 0 && Int($0) < rowCount }),
            flat.groupMembers.allSatisfy({ $0 >= 0 && Int($0) < flat.listCount })
        else { return nil }
        func slices<T>(_ values: [T], _ start: [Int64], width: Int = 1) -> [[T]] {
            (0..<start.count - 1).map { Array(values[Int(start[$0]) * width..<Int(start[$0 + 1]) * width]) }
        }
        self.init(
            listCount: flat.listCount, probeLists: flat.probeLists, centroids: flat.centroids, projection: projection,
            space: space, groups: flat.groups, groupMembers: slices(flat.groupMembers, flat.groupStart),
            members: slices(flat.members, flat.listStart), codes: slices(flat.codes, flat.listStart, width: space),
            scales: slices(flat.scales, flat.listStart))
    }

    /// Whether `start` runs from 0 up, never down, to `end`.
    private static func isRunning(_ start: [Int64], to end: Int) -> Bool {
        start.first == 0 && start.last == Int64(end) && zip(start, start.dropFirst()).allSatisfy { $0 <= $1 }
    }
}
