import NexoKit
import NexoKitTesting
import NexoStore
import Testing

/// Plugins' tests run on the test kit's MemoryStore and the product on the SQLite store: both must
/// build the same graph view from the same writes.
@Suite struct GraphViewParityTests {
    private typealias Edge = CoreSchema.Edge
    private typealias Kind = CoreSchema.Kind

    /// The same writes on either store: people, a group, phones; edges with and without validity,
    /// confidence and sources of different gradings.
    private func populate(_ store: any GraphStoreAccess) throws {
        let ana = try store.addEntity(EntityDraft(kind: Kind.person, label: "Ana Martínez"), source: nil).id
        let gang = try store.addEntity(EntityDraft(kind: Kind.group, label: "Clica Los Olivos"), source: nil).id
        let bob = try store.addEntity(EntityDraft(kind: Kind.person, label: "Bob Ríos"), source: nil).id
        let phone = try store.addEntity(EntityDraft(kind: Kind.phone, label: "+503 7123 4567"), source: nil).id
        let cruz = try store.addEntity(EntityDraft(kind: Kind.person, label: "Cruz \"Flaco\" Díaz"), source: nil).id
        let unit = try store.addSource(description: "PNC DIPAR", reliability: .b, credibility: .probablyTrue)
        let tip = try store.addSource(description: "anonymous call", reliability: .f, credibility: .cannotBeJudged)
        try store.addEdge(
            EdgeDraft(
                kind: Edge.memberOf, from: ana, to: gang, validFrom: CivilDate(year: 2018, month: 2, day: 1),
                validTo: CivilDate(year: 2023, month: 7, day: 15), confidence: 0.9),
            source: unit.id)
        try store.addEdge(
            EdgeDraft(kind: Edge.memberOf, from: bob, to: gang, validFrom: CivilDate(year: 2024, month: 1, day: 1)),
            source: nil)
        try store.addEdge(EdgeDraft(kind: Edge.usesPhone, from: bob, to: phone, confidence: 0.35), source: tip.id)
        try store.addEdge(
            EdgeDraft(kind: Edge.knows, from: cruz, to: ana, validTo: CivilDate(year: 2016, month: 12, day: 31)),
            source: unit.id)
        try store.addEdge(EdgeDraft(kind: Edge.knows, from: ana, to: bob, confidence: 0), source: nil)
    }

    /// Everything a view holds but its data version, one line per node and per edge.
    private func contents(_ view: GraphView) -> [String] {
        var lines = ["kinds \(view.edgeKindNames)"]
        for node in 0..<Int32(view.nodeCount) {
            let slots = view.slots(of: node).map {
                "\(view.edgeIndex($0))\(view.isOutgoing($0) ? ">" : "<")\(view.neighbor($0))"
            }
            lines.append("\(view.ids[Int(node)]) \(view.nodeKinds[Int(node)]) \(view.labels[Int(node)]) \(slots)")
        }
        for e in 0..<view.edgeCount {
            let grading = view.grading(ofEdge: e).map { "\($0.reliability.rawValue)\($0.credibility.rawValue)" }
            lines.append(
                "\(view.id(ofEdge: e)) \(view.kind(ofEdge: e)) \(String(describing: view.validFrom(ofEdge: e))) "
                    + "\(String(describing: view.validTo(ofEdge: e))) \(view.confidence(ofEdge: e)) "
                    + "\(grading ?? "ungraded")")
        }
        return lines
    }

    @Test func theStoreAndTheMemoryStoreBuildEqualViews() throws {
        let memory = try MemoryStore()
        try populate(memory)
        let store = try Store.open(path: ":memory:", schema: memory.schema)
        let request = RunRequest(
            user: "tester", caseID: nil, command: "populate", plugin: "core", pluginVersion: CoreSchema.version,
            time: "2026-03-01T10:00:00Z")
        _ = try store.perform(request, writes: true, dryRun: false) { try populate($0) }
        for kinds in [[], [Edge.knows, Edge.memberOf], [Edge.memberOf, Edge.knows, Edge.memberOf]] {
            let stored = try store.perform(request, writes: false, dryRun: false) {
                try $0.graphView(edgeKinds: kinds)
            }.value
            let remembered = try memory.graphView(edgeKinds: kinds)
            #expect(contents(stored) == contents(remembered), "kinds \(kinds)")
            #expect(stored.edgeCount == (kinds.isEmpty ? 5 : 4))
        }
        let all = try memory.graphView(edgeKinds: [])
        #expect(
            all.labels == ["Clica Los Olivos", "Ana Martínez", "Bob Ríos", "Cruz \"Flaco\" Díaz", "+503 7123 4567"])
        #expect((0..<all.edgeCount).map { all.grading(ofEdge: $0)?.reliability } == [.b, nil, .f, .b, nil])
    }
}
