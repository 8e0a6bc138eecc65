/// Bipartite projection: people linked through the things they share (a phone, an address, a
/// crossing, a payment, an encounter), each link keeping the shared things as its evidence.
public enum Projection {
    /// Two people who share things.
    public struct Link: Sendable, Hashable {
        /// The person with the smaller index.
        public var first: Int32
        /// The other person.
        public var second: Int32
        /// The things both are linked to, in increasing order.
        public var shared: [Int32]
    }

    /// What the projection left out, so a caller can say so.
    public struct Skipped: Sendable, Hashable {
        /// Things linked to more people than the limit (a busy border post, a shared family phone
        /// line of a whole building): they would link everyone to everyone.
        public var things: [Int32]
        /// How many pairs they would have added.
        public var pairs: Int
    }

    /// The links between people who share at least `minShared` things, most shared first (then by
    /// person indexes). `incidence` holds (person, thing) pairs; repeats count once. A thing linked
    /// to more than `maxPeoplePerThing` people is left out and reported in ``Skipped``.
    public static func links(
        _ incidence: [(person: Int32, thing: Int32)], minShared: Int = 1, maxPeoplePerThing: Int = 100
    ) -> (links: [Link], skipped: Skipped) {
        var peopleOf: [Int32: [Int32]] = [:]
        for (person, thing) in incidence { peopleOf[thing, default: []].append(person) }
        var shared: [UInt64: [Int32]] = [:]
        var skipped = Skipped(things: [], pairs: 0)
        for thing in peopleOf.keys.sorted() {
            let people = Array(Set(peopleOf[thing]!)).sorted()
            guard people.count <= maxPeoplePerThing else {
                skipped.things.append(thing)
                skipped.pairs += people.count * (people.count - 1) / 2
                continue
            }
            for i in people.indices {
                for j in (i + 1)..<people.count {
                    let key = UInt64(UInt32(bitPattern: people[i])) << 32 | UInt64(UInt32(bitPattern: people[j]))
                    shared[key, default: []].append(thing)
                }
            }
        }
        let links = shared.compactMap { key, things -> Link? in
            guard things.count >= minShared else { return nil }
            return Link(
                first: Int32(truncatingIfNeeded: key >> 32), second: Int32(truncatingIfNeeded: key & 0xFFFF_FFFF),
                shared: things)
        }
        return (
            links.sorted { ($1.shared.count, $0.first, $0.second) < ($0.shared.count, $1.first, $1.second) },
            skipped
        )
    }
}
