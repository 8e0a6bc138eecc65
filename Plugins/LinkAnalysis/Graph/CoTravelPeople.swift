/// The per-person view of co-travel: who keeps crossing with different people. A guide meets each of his
/// travellers once, on their trip, so no pair of his repeats; what repeats is him, with a new group each time.
extension CoTravel {
    /// One person's co-travel, summed over the pairs that involve them.
    public struct Traveller: Sendable, Hashable {
        /// The person (the caller's index).
        public var person: Int32
        /// How many of the person's events met someone met at none of their earlier events (in time order): the
        /// distinct groups they travelled with.
        public var groups: Int
        /// How many of the person's events met anyone.
        public var occasions: Int
        /// How many different people they met.
        public var partners: Int
        /// The sum of the surprise of their pairs (`−log10` of the chance of each pair's meetings; independent
        /// pairs' chances multiply).
        public var surprise: Double
        /// The person's events that met someone, as indexes into the input, in time order.
        public var events: [Int32]
    }

    /// Every person in `pairs` (found over `events` with a minimum of 1), with the groups they met, most groups
    /// first (ties: more partners, more surprise, then person index).
    public static func travellers(_ events: [Event], pairs: [Pair]) -> [Traveller] {
        // For each person: their events that met someone, and who each of them met.
        var met: [Int32: [Int32: Set<Int32>]] = [:]
        var surprise: [Int32: Double] = [:]
        for pair in pairs {
            surprise[pair.first, default: 0] += pair.surprise
            surprise[pair.second, default: 0] += pair.surprise
            for meeting in pair.evidence {
                met[pair.first, default: [:]][meeting.first, default: []].insert(pair.second)
                met[pair.second, default: [:]][meeting.second, default: []].insert(pair.first)
            }
        }
        var result: [Traveller] = []
        for (person, byEvent) in met {
            let ordered = byEvent.keys.sorted { (events[Int($0)].time, $0) < (events[Int($1)].time, $1) }
            var seen = Set<Int32>()
            var groups = 0
            for event in ordered {
                let partners = byEvent[event]!
                if seen.isDisjoint(with: partners) { groups += 1 }
                seen.formUnion(partners)
            }
            result.append(
                Traveller(
                    person: person, groups: groups, occasions: ordered.count, partners: seen.count,
                    surprise: surprise[person] ?? 0, events: ordered))
        }
        return result.sorted {
            ($1.groups, $1.partners, $1.surprise, $0.person) < ($0.groups, $0.partners, $0.surprise, $1.person)
        }
    }
}
