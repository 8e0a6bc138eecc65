import NexoKit
import Testing

/// What the view carries beyond adjacency (ABI 8): node labels, and per stored edge its validity,
/// confidence and source grading; the `during` filter; the builder's refusals.
@Suite struct GraphViewEdgeAttributeTests {
    private func date(_ text: String) throws -> CivilDate { try #require(CivilDate(iso: text)) }

    /// G-1 (group) and P-1…P-3; edge indexes 0…3:
    /// 0 P-1 member_of G-1 2019-01-01..2021-12-31 confidence 0.8 B2;
    /// 1 P-2 member_of G-1 from 2022-06-01, no source;
    /// 2 P-2 knows P-3 undated, confidence 0, F6;
    /// 3 P-3 knows P-1 until 2018-05-31, confidence 0.5, A1.
    private func sample() throws -> GraphView {
        try GraphView(
            dataVersion: 3, ids: ["G-1", "P-1", "P-2", "P-3"], nodeKinds: ["group", "person", "person", "person"],
            labels: ["MS-13 Sonsonate", "Ana Pérez", "Bob", ""], edgeKindNames: ["member_of", "knows"],
            links: [
                GraphView.Link(
                    from: 1, to: 0, kind: 0, edge: EdgeID(11), validFrom: try date("2019-01-01"),
                    validTo: try date("2021-12-31"), confidence: 0.8, grading: (.b, .probablyTrue)),
                GraphView.Link(from: 2, to: 0, kind: 0, edge: EdgeID(12), validFrom: try date("2022-06-01")),
                GraphView.Link(
                    from: 2, to: 3, kind: 1, edge: EdgeID(13), confidence: 0, grading: (.f, .cannotBeJudged)),
                GraphView.Link(
                    from: 3, to: 1, kind: 1, edge: EdgeID(14), validTo: try date("2018-05-31"), confidence: 0.5,
                    grading: (.a, .confirmed)),
            ])
    }

    /// One edge as text: `E-11 member_of 2019-01-01..2021-12-31 0.8 B2`.
    private func describe(_ view: GraphView, edge e: Int) -> String {
        let grading = view.grading(ofEdge: e).map { "\($0.reliability.rawValue)\($0.credibility.rawValue)" } ?? "-"
        let from = view.validFrom(ofEdge: e).map(\.description) ?? ""
        let to = view.validTo(ofEdge: e).map(\.description) ?? ""
        return "\(view.id(ofEdge: e)) \(view.edgeKindNames[Int(view.kind(ofEdge: e))]) \(from)..\(to) "
            + "\(view.confidence(ofEdge: e)) \(grading)"
    }

    @Test func nodesCarryLabelsAndEdgesTheirValidityConfidenceAndGrading() throws {
        let view = try sample()
        #expect(view.labels == ["MS-13 Sonsonate", "Ana Pérez", "Bob", ""])
        #expect(view.edgeCount == 4)
        #expect(
            (0..<view.edgeCount).map { describe(view, edge: $0) } == [
                "E-11 member_of 2019-01-01..2021-12-31 0.8 B2",
                "E-12 member_of 2022-06-01.. 1.0 -",
                "E-13 knows .. 0.0 F6",
                "E-14 knows ..2018-05-31 0.5 A1",
            ])
    }

    @Test func everySlotLeadsToItsEdgeIndex() throws {
        let view = try sample()
        func slots(_ id: EntityID) throws -> [String] {
            try view.slots(of: #require(view.node(id))).map {
                "\(view.edgeIndex($0)) \(view.ids[Int(view.neighbor($0))]) \(view.isOutgoing($0) ? "out" : "in") "
                    + "\(view.edge($0)) \(view.edgeKindNames[Int(view.edgeKind($0))])"
            }
        }
        #expect(try slots("G-1") == ["0 P-1 in E-11 member_of", "1 P-2 in E-12 member_of"])
        #expect(try slots("P-1") == ["0 G-1 out E-11 member_of", "3 P-3 in E-14 knows"])
        #expect(try slots("P-2") == ["1 G-1 out E-12 member_of", "2 P-3 out E-13 knows"])
        #expect(try slots("P-3") == ["2 P-2 in E-13 knows", "3 P-1 out E-14 knows"])
    }

    @Test func everyGradingReadsBackAsGiven() throws {
        for reliability in SourceReliability.allCases {
            for credibility in InformationCredibility.allCases {
                let link = try GraphView.Link(
                    from: 0, to: 1, kind: 0, edge: EdgeID(1), grading: (reliability, credibility))
                let view = try GraphView(
                    dataVersion: 1, ids: ["P-1", "P-2"], nodeKinds: ["person", "person"], labels: ["A", "B"],
                    edgeKindNames: ["knows"], links: [link])
                #expect(link.grading?.reliability == reliability && link.grading?.credibility == credibility)
                #expect(view.grading(ofEdge: 0)?.reliability == reliability)
                #expect(view.grading(ofEdge: 0)?.credibility == credibility)
            }
        }
        #expect(try GraphView.Link(from: 0, to: 1, kind: 0, edge: EdgeID(1)).grading == nil)
    }

    @Test func aLinkRefusesAConfidenceOutsideZeroToOneOrReversedDates() throws {
        let hint = "a confidence runs from 0 (none) to 1 (certain); correct the edge's confidence"
        for (confidence, shown) in [(Double.nan, "nan"), (.infinity, "inf"), (-0.1, "-0.1"), (1.5, "1.5")] {
            #expect(
                throws: NexoError(
                    .invalidInput, "edge E-7: confidence must be between 0 and 1, got \(shown)", hint: hint)
            ) {
                _ = try GraphView.Link(from: 0, to: 1, kind: 0, edge: EdgeID(7), confidence: confidence)
            }
        }
        #expect(
            throws: NexoError(
                .invalidInput, "edge E-7: valid_from 2021-02-01 is after valid_to 2021-01-31",
                hint: "an edge's validity must end on or after the day it starts; correct its dates")
        ) {
            _ = try GraphView.Link(
                from: 0, to: 1, kind: 0, edge: EdgeID(7), validFrom: try date("2021-02-01"),
                validTo: try date("2021-01-31"))
        }
        let sameDay = try GraphView.Link(
            from: 0, to: 1, kind: 0, edge: EdgeID(7), validFrom: try date("2021-02-01"),
            validTo: try date("2021-02-01"), confidence: 1)
        #expect(sameDay.validFrom == sameDay.validTo && sameDay.confidence == 1)
    }

    @Test func theBuilderRefusesNodesAndLinksThatDoNotFit() throws {
        #expect(
            throws: NexoError(
                .invalidInput, "graph view: 2 ids, 2 kinds and 1 labels; they must match",
                hint: "give one kind and one label per node id")
        ) {
            _ = try GraphView(
                dataVersion: 1, ids: ["P-1", "P-2"], nodeKinds: ["person", "person"], labels: ["A"],
                edgeKindNames: [], links: [])
        }
        let outside = try GraphView.Link(from: 0, to: 2, kind: 0, edge: EdgeID(5))
        let unknownKind = try GraphView.Link(from: 0, to: 1, kind: 1, edge: EdgeID(6))
        for (link, text) in [
            (outside, "edge E-5 joins nodes 0 and 2 with kind 0"),
            (unknownKind, "edge E-6 joins nodes 0 and 1 with kind 1"),
        ] {
            #expect(
                throws: NexoError(
                    .invalidInput, "graph view: \(text), outside 2 nodes and 1 kinds",
                    hint: "link only nodes and kinds given to the view")
            ) {
                _ = try GraphView(
                    dataVersion: 1, ids: ["P-1", "P-2"], nodeKinds: ["person", "person"], labels: ["A", "B"],
                    edgeKindNames: ["knows"], links: [link])
            }
        }
    }

    @Test func distancesKeepToEdgesValidDuringTheRange() throws {
        let view = try sample()
        let p1 = try #require(view.node("P-1"))
        func reached(_ range: String?) throws -> [String: Int] {
            let during = try range.map { try #require(DateRange(parsing: $0)) }
            let distances = view.distances(from: p1, maxHops: 5, during: during)
            return Dictionary(uniqueKeysWithValues: distances.map { (view.ids[Int($0.key)].rawValue, $0.value) })
        }
        #expect(try reached(nil) == ["P-1": 0, "G-1": 1, "P-3": 1, "P-2": 2])
        #expect(try reached("2020..2020") == ["P-1": 0, "G-1": 1])
        #expect(try reached("2021-12-31..2022-06-01") == ["P-1": 0, "G-1": 1, "P-2": 2, "P-3": 3])
        #expect(try reached("2023..") == ["P-1": 0])
        #expect(try reached("..2018") == ["P-1": 0, "P-3": 1, "P-2": 2])
        #expect(
            view.distances(from: p1, maxHops: 5, direction: .outgoing, kinds: [0], during: DateRange(parsing: "..2018"))
                == [p1: 0])
    }

    @Test func anEdgeIsValidDuringARangeExactlyWhenDateRangeSaysItsValidityOverlaps() throws {
        let view = try sample()
        let ranges = try ["2019-01-01..2019-01-01", "..2018-12-31", "2021-12-31..", "2022..", "2018-05-31..2018-05-31"]
            .map { try #require(DateRange(parsing: $0)) }
        for range in ranges {
            for e in 0..<view.edgeCount {
                #expect(
                    view.isEdge(e, validDuring: range)
                        == range.overlaps(from: view.validFrom(ofEdge: e), to: view.validTo(ofEdge: e)),
                    "edge \(e) during \(range)")
            }
        }
        #expect(view.isEdge(0, validDuring: try #require(DateRange(parsing: "2021-12-31..2021-12-31"))))
        #expect(!view.isEdge(0, validDuring: try #require(DateRange(parsing: "2022-01-01.."))))
    }
}
