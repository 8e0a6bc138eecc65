import NexoKit
import Testing

@Suite struct GraphViewTests {
    /// P-1 -member_of-> G-1 <-member_of- P-2 -knows-> P-3 ; P-4 alone.
    private func sample() throws -> GraphView {
        let ids: [EntityID] = ["G-1", "P-1", "P-2", "P-3", "P-4"]
        return try GraphView(
            dataVersion: 7, ids: ids, nodeKinds: ["group", "person", "person", "person", "person"],
            labels: ["MS-13", "Ana", "Bob", "Cruz", "Dina"], edgeKindNames: ["member_of", "knows"],
            links: [
                .init(from: 1, to: 0, kind: 0, edge: EdgeID(1)),
                .init(from: 2, to: 0, kind: 0, edge: EdgeID(2)),
                .init(from: 2, to: 3, kind: 1, edge: EdgeID(3)),
            ])
    }

    @Test func buildsCompressedAdjacency() throws {
        let view = try sample()
        #expect(view.nodeCount == 5 && view.edgeCount == 3 && view.dataVersion == 7)
        let group = try #require(view.node("G-1"))
        #expect(view.degree(of: group) == 2)
        #expect(view.slots(of: group).map { view.ids[Int(view.neighbor($0))].rawValue } == ["P-1", "P-2"])
        #expect(view.slots(of: group).allSatisfy { !view.isOutgoing($0) })
        let p2 = try #require(view.node("P-2"))
        #expect(
            view.slots(of: p2).map {
                "\(view.edge($0)) \(view.edgeKindNames[Int(view.edgeKind($0))]) \(view.isOutgoing($0))"
            }
                == ["E-2 member_of true", "E-3 knows true"])
        #expect(view.degree(of: try #require(view.node("P-4"))) == 0)
        #expect(view.node("P-9") == nil)
        #expect(view.edgeKindIndex("knows") == 1 && view.edgeKindIndex("owns") == nil)
    }

    @Test func distancesFollowHopsDirectionAndKinds() throws {
        let view = try sample()
        let p1 = try #require(view.node("P-1"))
        func named(_ d: [Int32: Int]) -> [String: Int] {
            Dictionary(uniqueKeysWithValues: d.map { (view.ids[Int($0.key)].rawValue, $0.value) })
        }
        #expect(named(view.distances(from: p1, maxHops: 5)) == ["P-1": 0, "G-1": 1, "P-2": 2, "P-3": 3])
        #expect(named(view.distances(from: p1, maxHops: 2)) == ["P-1": 0, "G-1": 1, "P-2": 2])
        #expect(named(view.distances(from: p1, maxHops: 5, direction: .outgoing)) == ["P-1": 0, "G-1": 1])
        #expect(named(view.distances(from: p1, maxHops: 5, direction: .incoming)) == ["P-1": 0])
        #expect(named(view.distances(from: p1, maxHops: 5, kinds: [1])) == ["P-1": 0])
        #expect(named(view.distances(from: p1, maxHops: 0)) == ["P-1": 0])
    }
}

@Suite struct SchemaTests {
    private let person = EntityKindSpec("person", idPrefix: "P", summary: "A person")

    @Test func identicalRedeclarationIsAllowed() throws {
        var schema = Schema()
        try schema.add(SchemaContribution(entityKinds: [person]), from: "core")
        try schema.add(SchemaContribution(entityKinds: [person]), from: "gangs")
        #expect(schema.entityKindNames == ["person"])
        #expect(schema.owners["entity:person"] == "core")
    }

    @Test func differentRedeclarationNamesBothOwners() throws {
        var schema = Schema()
        try schema.add(SchemaContribution(entityKinds: [person]), from: "core")
        let other = EntityKindSpec("person", idPrefix: "P", summary: "Someone")
        #expect(
            throws: NexoError(
                .conflict, "entity kind 'person' declared differently by core and gangs",
                hint: "rename one of them or make the declarations identical")
        ) {
            try schema.add(SchemaContribution(entityKinds: [other]), from: "gangs")
        }
    }

    @Test func idPrefixClash() throws {
        var schema = Schema()
        try schema.add(SchemaContribution(entityKinds: [person]), from: "core")
        #expect(
            throws: NexoError(
                .conflict, "id prefix 'P' of entity kind 'plate' (cars) is already used by 'person'",
                hint: "choose another idPrefix")
        ) {
            try schema.add(
                SchemaContribution(entityKinds: [EntityKindSpec("plate", idPrefix: "P", summary: "")]), from: "cars")
        }
    }

    @Test func edgeKindClash() throws {
        var schema = Schema()
        try schema.add(SchemaContribution(edgeKinds: [EdgeKindSpec("knows", summary: "a")]), from: "core")
        #expect(
            throws: NexoError(
                .conflict, "edge kind 'knows' declared differently by core and links",
                hint: "rename one of them or make the declarations identical")
        ) {
            try schema.add(SchemaContribution(edgeKinds: [EdgeKindSpec("knows", summary: "b")]), from: "links")
        }
        #expect(schema.edgeKindNames == ["knows"])
    }
}

@Suite struct ChangeSummaryTests {
    @Test func describesCountsInFixedOrder() {
        var summary = ChangeSummary()
        #expect(summary.description == "no changes" && summary.isEmpty)
        summary.edgesAdded = 1
        summary.entitiesAdded = 2
        #expect(summary.description == "2 entities added, 1 edge added")
        summary.entitiesUpdated = 1
        summary.entitiesRemoved = 3
        summary.edgesRemoved = 2
        summary.sourcesAdded = 1
        #expect(
            summary.description
                == ("2 entities added, 1 entity updated, 3 entities removed, 1 edge added, 2 edges removed, 1 "
                    + "source added")
        )
        #expect(!summary.isEmpty)
    }
}

@Suite struct NexoErrorTests {
    @Test func descriptionJoinsMessageAndHint() {
        #expect(
            NexoError(.usage, "unknown option '--rol'", hint: "Did you mean '--role'?").description
                == "unknown option '--rol'; Did you mean '--role'?")
        #expect(NexoError(.failed, "boom", hint: "").description == "boom")
        #expect(NexoError.Code.notFound.description == "not-found")
    }
}
