import NexoKit
import Testing

@testable import NexoStore

/// The store's graph view carries each node's label and each edge's validity, confidence and the
/// grading of its source, read in one pass (ABI 8).
@Suite struct GraphViewAttributeTests {
    /// One edge of a view as text: `E-1 member_of 2020-01-01..2022-12-31 0.75 B2`.
    private func describe(_ view: GraphView, edge e: Int) -> String {
        let grading = view.grading(ofEdge: e).map { "\($0.reliability.rawValue)\($0.credibility.rawValue)" } ?? "-"
        let from = view.validFrom(ofEdge: e).map(\.description) ?? ""
        let to = view.validTo(ofEdge: e).map(\.description) ?? ""
        return "\(view.id(ofEdge: e)) \(view.edgeKindNames[Int(view.kind(ofEdge: e))]) \(from)..\(to) "
            + "\(view.confidence(ofEdge: e)) \(grading)"
    }

    @Test func theViewCarriesLabelsValidityConfidenceAndSourceGradingByEdge() throws {
        let f = try Fixture()
        try f.seedGraph()
        try f.write("graded") { s in
            let unit = try s.addSource(description: "PNC DIPAR", reliability: .b, credibility: .probablyTrue)
            let informant = try s.addSource(description: "informant K-7", reliability: .e, credibility: .doubtful)
            try s.addEdge(
                EdgeDraft(
                    kind: "member_of", from: "P-2", to: "G-1", validFrom: CivilDate(year: 2019, month: 3, day: 1),
                    validTo: CivilDate(year: 2019, month: 9, day: 30), confidence: 0.75),
                source: unit.id) // E-6
            try s.addEdge(EdgeDraft(kind: "called", from: "PH-2", to: "PH-1", confidence: 0.2), source: informant.id)
            try s.addEdge(EdgeDraft(kind: "uses_phone", from: "P-2", to: "PH-1", confidence: 0), source: unit.id)
        }
        let view = try f.read { try $0.graphView(edgeKinds: []) }
        #expect(view.ids == ["G-1", "P-1", "P-2", "PH-1", "PH-2"])
        #expect(view.labels == ["Sonsonate Locos", "José Hernández", "Ana López", "+503 7000 0001", "+503 7000 0002"])
        #expect(
            (0..<view.edgeCount).map { describe(view, edge: $0) } == [
                "E-1 member_of 2020-01-01..2022-12-31 1.0 -",
                "E-2 member_of 2024-01-01.. 1.0 -",
                "E-3 uses_phone .. 1.0 -",
                "E-4 uses_phone .. 1.0 -",
                "E-5 called .. 1.0 -",
                "E-6 member_of 2019-03-01..2019-09-30 0.75 B2",
                "E-7 called .. 0.2 E4",
                "E-8 uses_phone .. 0.0 B2",
            ])
        let group = try #require(view.node("G-1"))
        #expect(view.slots(of: group).map { view.edgeIndex($0) } == [0, 1, 5])
        #expect(view.slots(of: group).map { view.edge($0) } == [EdgeID(1), EdgeID(2), EdgeID(6)])

        let members = try f.read { try $0.graphView(edgeKinds: ["member_of"]) }
        #expect(
            (0..<members.edgeCount).map { describe(members, edge: $0) } == [
                "E-1 member_of 2020-01-01..2022-12-31 1.0 -",
                "E-2 member_of 2024-01-01.. 1.0 -",
                "E-6 member_of 2019-03-01..2019-09-30 0.75 B2",
            ])
    }

    @Test func distancesDuringARangeFollowOnlyEdgesValidThen() throws {
        let f = try Fixture()
        try f.seedGraph()
        let view = try f.read { try $0.graphView(edgeKinds: ["member_of"]) }
        let p1 = try #require(view.node("P-1"))
        func reached(_ range: String) throws -> [EntityID] {
            let during = try #require(DateRange(parsing: range))
            return view.distances(from: p1, maxHops: 3, during: during).keys.map { view.ids[Int($0)] }.sorted()
        }
        #expect(try reached("2021..2021") == ["G-1", "P-1"])
        #expect(try reached("2022-12-31..2024-01-01") == ["G-1", "P-1", "P-2"])
        #expect(try reached("2023..2023") == ["P-1"])
    }
}
