import NexoKit

/// A small in-memory ``GraphStoreAccess`` for running plugin commands in tests: it validates
/// kinds and properties against the schema, assigns `<prefix>-<n>` ids and keeps insertion order.
final class MemoryStore: GraphStoreAccess {
    let schema: Schema
    private var version: Int64 = 0
    private var entityByID: [EntityID: Entity] = [:]
    private var edgeList: [Edge] = []
    private var aliasesByID: [EntityID: [String]] = [:]
    private var sources: [EntityID: SourceInfo] = [:]
    private var counters: [String: Int] = [:]
    private var lastEdgeID: Int64 = 0

    /// The core kinds a test store has unless given others: `person` and `group`, no properties.
    static let minimalCore = SchemaContribution(entityKinds: [
        EntityKindSpec("person", idPrefix: "P", summary: "A person"),
        EntityKindSpec("group", idPrefix: "G", summary: "A group"),
    ])

    /// A store with `core` and then the given contributions in its schema.
    init(_ contributions: [(String, SchemaContribution)], core: SchemaContribution = MemoryStore.minimalCore) throws {
        var schema = Schema()
        try schema.add(core, from: "core")
        for (owner, contribution) in contributions { try schema.add(contribution, from: owner) }
        self.schema = schema
    }

    func dataVersion() throws(NexoError) -> Int64 { version }
    func entity(_ id: EntityID) throws(NexoError) -> Entity? { entityByID[id] }

    func entities(_ query: EntityQuery) throws(NexoError) -> [Entity] {
        let all = entityByID.values.sorted { $0.id < $1.id }.filter { entity in
            (query.kind == nil || entity.kind == query.kind)
                && (query.ids.map { $0.contains(entity.id) } ?? true)
                && query.properties.allSatisfy { entity.properties[$0.key] == $0.value }
        }
        return query.limit.map { Array(all.prefix($0)) } ?? all
    }

    func countEntities(kind: String?) throws(NexoError) -> Int { try entities(EntityQuery(kind: kind)).count }

    func edges(_ query: EdgeQuery) throws(NexoError) -> [Edge] {
        let all = edgeList.filter { edge in
            if !query.kinds.isEmpty && !query.kinds.contains(edge.kind) { return false }
            if let during = query.during, !during.overlaps(from: edge.validFrom, to: edge.validTo) { return false }
            guard let id = query.entity else { return true }
            switch query.direction {
            case .outgoing: return edge.from == id
            case .incoming: return edge.to == id
            case .both: return edge.from == id || edge.to == id
            }
        }
        return query.limit.map { Array(all.prefix($0)) } ?? all
    }

    /// Entities whose label or an alias contains `text` ignoring case (no accent folding), in id
    /// order; `matched` is the label when it matches, else the first matching alias.
    func search(_ text: String, kind: String?, limit: Int) throws(NexoError) -> [SearchHit] {
        let needle = text.lowercased()
        var hits: [SearchHit] = []
        for entity in try entities(EntityQuery(kind: kind)) where hits.count < limit {
            let names = [entity.label] + (aliasesByID[entity.id] ?? [])
            if let matched = names.first(where: { $0.lowercased().contains(needle) }) {
                hits.append(SearchHit(entity: entity.ref, matched: matched, score: 1))
            }
        }
        return hits
    }

    func graphView(edgeKinds: [String]) throws(NexoError) -> GraphView {
        let nodes = entityByID.values.sorted { $0.id < $1.id }
        let names = edgeKinds.isEmpty ? schema.edgeKindNames : edgeKinds
        var index: [EntityID: Int32] = [:]
        for (i, node) in nodes.enumerated() { index[node.id] = Int32(i) }
        let links = edgeList.compactMap { edge -> GraphView.Link? in
            guard let kind = names.firstIndex(of: edge.kind), let a = index[edge.from], let b = index[edge.to] else {
                return nil
            }
            return GraphView.Link(from: a, to: b, kind: UInt16(kind), edge: edge.id)
        }
        return GraphView(
            dataVersion: version, ids: nodes.map(\.id), nodeKinds: nodes.map(\.kind), edgeKindNames: names, links: links
        )
    }

    func caseInfo(_ id: String) throws(NexoError) -> CaseInfo? { nil }
    func source(_ id: EntityID) throws(NexoError) -> SourceInfo? { sources[id] }

    @discardableResult
    func addEntity(_ draft: EntityDraft, source: EntityID?) throws(NexoError) -> Entity {
        guard let kind = schema.entityKinds[draft.kind] else {
            throw NexoError(.notFound, "unknown entity kind '\(draft.kind)'")
        }
        try check(draft.properties, against: kind.properties, of: draft.kind)
        for property in kind.properties where property.isRequired && draft.properties[property.name] == nil {
            throw NexoError(.invalidInput, "\(draft.kind) needs property '\(property.name)'")
        }
        let id: EntityID
        if let given = draft.id {
            id = given
        } else {
            counters[kind.idPrefix, default: 0] += 1
            id = EntityID("\(kind.idPrefix)-\(counters[kind.idPrefix]!)")
        }
        guard entityByID[id] == nil else { throw NexoError(.conflict, "\(id) already exists") }
        version += 1
        let entity = Entity(id: id, kind: draft.kind, label: draft.label, properties: draft.properties)
        entityByID[id] = entity
        return entity
    }

    func updateEntity(_ id: EntityID, label: String?, properties: [String: Value]) throws(NexoError) {
        guard var entity = entityByID[id] else { throw NexoError(.notFound, "no entity \(id)") }
        if let label { entity.label = label }
        for (key, value) in properties { entity.properties[key] = value.isNull ? nil : value }
        version += 1
        entityByID[id] = entity
    }

    func removeEntity(_ id: EntityID) throws(NexoError) {
        guard entityByID.removeValue(forKey: id) != nil else { throw NexoError(.notFound, "no entity \(id)") }
        edgeList.removeAll { $0.from == id || $0.to == id }
        version += 1
    }

    @discardableResult
    func addEdge(_ draft: EdgeDraft, source: EntityID?) throws(NexoError) -> Edge {
        guard let kind = schema.edgeKinds[draft.kind] else {
            throw NexoError(.notFound, "unknown edge kind '\(draft.kind)'")
        }
        guard let from = entityByID[draft.from] else { throw NexoError(.notFound, "no entity \(draft.from)") }
        guard let to = entityByID[draft.to] else { throw NexoError(.notFound, "no entity \(draft.to)") }
        if !kind.fromKinds.isEmpty && !kind.fromKinds.contains(from.kind)
            || !kind.toKinds.isEmpty && !kind.toKinds.contains(to.kind)
        {
            throw NexoError(.invalidInput, "\(draft.kind) cannot link \(from.kind) to \(to.kind)")
        }
        try check(draft.properties, against: kind.properties, of: draft.kind)
        version += 1
        lastEdgeID += 1 // never reused, even after a removal
        let edge = Edge(
            id: EdgeID(lastEdgeID), kind: draft.kind, from: draft.from, to: draft.to,
            properties: draft.properties, validFrom: draft.validFrom, validTo: draft.validTo,
            confidence: draft.confidence)
        edgeList.append(edge)
        return edge
    }

    func removeEdge(_ id: EdgeID) throws(NexoError) {
        guard let index = edgeList.firstIndex(where: { $0.id == id }) else {
            throw NexoError(.notFound, "no edge \(id)")
        }
        edgeList.remove(at: index)
        version += 1
    }

    @discardableResult
    func addSource(
        description: String, reliability: SourceReliability,
        credibility: InformationCredibility
    ) throws(NexoError) -> SourceInfo {
        let info = SourceInfo(
            id: EntityID("S-\(sources.count + 1)"), description: description,
            reliability: reliability, credibility: credibility)
        sources[info.id] = info
        version += 1
        return info
    }

    func addAlias(_ alias: String, to id: EntityID) throws(NexoError) { aliasesByID[id, default: []].append(alias) }
    func aliases(of id: EntityID) throws(NexoError) -> [String] { aliasesByID[id] ?? [] }

    private func check(_ properties: [String: Value], against specs: [PropertySpec], of kind: String) throws(NexoError)
    {
        for name in properties.keys.sorted() where !specs.contains(where: { $0.name == name }) {
            throw NexoError(.invalidInput, "\(kind) has no property '\(name)'")
        }
    }
}

/// Collects notes and ignores progress.
final class RecordingOutput: CommandOutput {
    private(set) var notes: [String] = []
    func note(_ text: String) { notes.append(text) }
    func progress(_ done: Int, of total: Int?, label: String) {}
}

extension CommandContext {
    /// A context for running one command in a test.
    static func test(_ store: MemoryStore, user: String = "mlopez", input: ResultTable? = nil) -> CommandContext {
        CommandContext(
            store: store, user: user, currentCase: nil, input: input, variables: [:],
            output: RecordingOutput(), isDryRun: false, isCancelled: { false })
    }
}
