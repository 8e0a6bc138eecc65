import Foundation
import Testing

/// The link commands against the synthetic world's ground truth, through the real binary: the people
/// who tie a clique to a smuggling route lie on the shortest paths between them, and the guides the
/// generator planted are found crossing with their travellers.
@Suite struct LinkWorldTruthTests {
    private func nexo(_ arguments: [String], in directory: String) throws -> NexoProcess.Output {
        try NexoProcess.run(["--plugin-dir", NexoProcess.binDirectory] + arguments, directory: directory)
    }

    private func facts(_ path: String, type: String) throws -> [[String: Any]] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").compactMap { line in
            let fact = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return fact?["type"] as? String == type ? fact : nil
        }
    }

    private func rows(_ output: NexoProcess.Output) throws -> [[String: Any]] {
        try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [[String: Any]] ?? []
    }

    private func id(_ row: [String: Any], _ column: String) -> String? {
        (row[column] as? [String: Any])?["id"] as? String
    }

    @Test func theBrokersBetweenCliquesAndRoutesAreOnTheirShortestPaths() throws {
        let temp = try TemporaryDirectory()
        let world = try nexo(["--db", "w.db", "-c", "generate --scale demo --seed 7 --truth t.ndjson"], in: temp.path)
        #expect(world.status == 0, "\(world.stderr)")
        var checked = 0
        for link in try facts(temp.path + "/t.ndjson", type: "clique_route_link") {
            let via = Set((link["via"] as? String ?? "").split(separator: " ").map(String.init))
            guard !via.isEmpty, let clique = link["clique"] as? String, let route = link["route"] as? String else {
                continue
            }
            let paths = try nexo(
                ["--db", "w.db", "--format", "json", "-c", "link path \(clique) \(route) --all --max-hops 4"],
                in: temp.path)
            #expect(paths.status == 0, "\(paths.stderr)")
            let found = try rows(paths)
            let onPaths = Set(found.compactMap { id($0, "entity") })
            // Either a planted broker is on a shortest path, or the clique is linked to the route directly
            // (it taxes the route), which makes the one-link path the shortest.
            let direct = found.allSatisfy { ($0["hop"] as? Int ?? 0) <= 1 } && !found.isEmpty
            #expect(!via.isDisjoint(with: onPaths) || direct, "\(clique) → \(route) via \(via): \(onPaths)")
            checked += 1
        }
        #expect(checked >= 5)
    }

    @Test func plantedGuidesCrossWithTheirTravellers() throws {
        let temp = try TemporaryDirectory()
        let world = try nexo(["--db", "w.db", "-c", "generate --scale demo --seed 7 --truth t.ndjson"], in: temp.path)
        #expect(world.status == 0, "\(world.stderr)")
        var planted = Set<[String]>()
        for trip in try facts(temp.path + "/t.ndjson", type: "trip") {
            let people = (trip["people"] as? String ?? "").split(separator: " ").map(String.init)
            for guide in (trip["crossed_with"] as? String ?? "").split(separator: " ").map(String.init) {
                for person in people { planted.insert([guide, person].sorted()) }
            }
        }
        let pairs = try rows(
            try nexo(["--db", "w.db", "--format", "json", "-c", "link cotravel --min-times 1"], in: temp.path))
        let reported = Set(
            pairs.compactMap { row in id(row, "person").flatMap { a in id(row, "other").map { [a, $0].sorted() } } })
        #expect(planted.count > 100)
        // Each trip's truth names only the guides who crossed with it, and all its travellers crossed then.
        let missed = planted.subtracting(reported)
        #expect(missed.isEmpty, "\(missed.count) of \(planted.count) guide-traveller pairs not reported")
    }
}
