/// How big a world to generate.
public struct WorldScale: Sendable, Hashable {
    /// `demo`, `small` or `large`.
    public let name: String
    /// Number of cliques across all gangs.
    let cliques: Int
    /// Members per clique.
    let membersPerClique: ClosedRange<Int>
    /// Number of smuggling networks.
    let networks: Int
    /// Routes each network runs.
    let routesPerNetwork: ClosedRange<Int>
    /// Departures (groups moved together) per route.
    let tripsPerRoute: ClosedRange<Int>
    /// People per departure.
    let tripSize: ClosedRange<Int>
    /// Months in which a clique member's phone calls the same contact.
    let callMonths: ClosedRange<Int>

    /// Hundreds of people: the demo case and the golden tests.
    public static let demo = WorldScale(
        name: "demo", cliques: 8, membersPerClique: 8...16, networks: 2, routesPerNetwork: 2...2,
        tripsPerRoute: 3...5, tripSize: 3...8, callMonths: 1...2)
    /// About ten thousand people.
    public static let small = WorldScale(
        name: "small", cliques: 60, membersPerClique: 20...50, networks: 10,
        routesPerNetwork: 2...3, tripsPerRoute: 22...34, tripSize: 4...12, callMonths: 1...3)
    /// About a million entities and five million edges.
    public static let large = WorldScale(
        name: "large", cliques: 1_500, membersPerClique: 30...70, networks: 150,
        routesPerNetwork: 2...4, tripsPerRoute: 37...54, tripSize: 4...12, callMonths: 3...6)

    /// About how many edges a world of this scale has (for the store's bulk write).
    public var expectedEdges: Int { name == "large" ? 5_000_000 : name == "small" ? 200_000 : 5_000 }

    /// Every scale by name.
    public static let all = [demo, small, large]

    /// The scale called `name`, or `nil`.
    public static func named(_ name: String) -> WorldScale? { all.first { $0.name == name } }
}
