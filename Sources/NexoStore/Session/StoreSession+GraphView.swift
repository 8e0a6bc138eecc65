import NexoKit

/// In-memory adjacency views for analytics.
extension StoreSession {
    /// A compressed adjacency view of the visible graph at the current data version, limited to
    /// `edgeKinds` (all when empty). Built from this command's transaction, so it is one consistent
    /// snapshot; cached by (data version, kinds) across commands while nothing changes. A command
    /// that has already written in this session gets a fresh, uncached view of its own changes.
    public func graphView(edgeKinds: [String]) throws(NexoError) -> GraphView {
        try checkOpen()
        for kind in edgeKinds { _ = try tables.edgeKind(kind) }
        let kinds = Array(Set(edgeKinds)).sorted()
        let version = try dataVersion()
        let cacheable = !touched && visibility == .all
        let key = GraphViewKey(version: version, kinds: kinds, schemaKinds: schema.edgeKindNames)
        if cacheable, let cached = state.graphViews[key] { return cached }

        var ids: [EntityID] = []
        var nodeKinds: [String] = []
        var labels: [String] = []
        var index: [String: Int32] = [:]
        // Room for every row up front (the largest rowid bounds the count, found in one index step): growing by
        // doubling copied the arrays and faulted in twice their memory, a fifth of a 5-million-link load. Not for a
        // case's view, which may be a sliver of the store.
        let whole = visibility == .all
        let entityBound = whole ? try largestRowID(of: "entities") : 0
        ids.reserveCapacity(entityBound)
        nodeKinds.reserveCapacity(entityBound)
        labels.reserveCapacity(entityBound)
        index.reserveCapacity(entityBound)
        let ve = visible(.entities, "e", from: 1)
        try connection.withStatement(
            "SELECT e.id, e.kind, e.label FROM entities e WHERE \(ve.sql) ORDER BY \(Self.entityOrder)"
        ) { s throws(NexoError) in
            ve.bind(to: s)
            var kindNames: [String: String] = [:] // share one String per kind
            while try s.step() {
                let id = s.text(0)
                let kind = s.text(1)
                index[id] = Int32(ids.count)
                ids.append(EntityID(id))
                labels.append(s.text(2))
                if let shared = kindNames[kind] {
                    nodeKinds.append(shared)
                } else {
                    kindNames[kind] = kind
                    nodeKinds.append(kind)
                }
            }
        }
        var kindNames = kinds.isEmpty ? schema.edgeKindNames : kinds
        var kindIndex: [String: UInt16] = [:]
        for (i, name) in kindNames.enumerated() { kindIndex[name] = UInt16(i) }
        var links: [GraphView.Link] = []
        links.reserveCapacity(whole ? try largestRowID(of: "edges") : 0)
        let vd = visible(.edges, "ed", from: 2)
        let vs = visible(.sources, "src", from: 2 + Int32(vd.bindings.count))
        try connection.withStatement(
            """
            SELECT ed.id, ed.kind, ed.from_id, ed.to_id, ed.valid_from, ed.valid_to, ed.confidence,
                src.reliability, src.credibility
            FROM edges ed LEFT JOIN sources src ON src.id = ed.source_id AND \(vs.sql)
            WHERE (?1 IS NULL OR ed.kind IN (SELECT value FROM json_each(?1))) AND \(vd.sql) ORDER BY ed.id
            """
        ) { s throws(NexoError) in
            s.bind(kinds.isEmpty ? nil : JSONWriter.arrayText(kinds), at: 1)
            vd.bind(to: s)
            vs.bind(to: s)
            while try s.step() {
                guard let from = index[s.text(2)], let to = index[s.text(3)] else { continue } // endpoint not visible
                let kind = s.text(1)
                let k: UInt16
                if let known = kindIndex[kind] {
                    k = known
                } else {
                    k = UInt16(kindNames.count)
                    kindIndex[kind] = k
                    kindNames.append(kind)
                }
                links.append(
                    try GraphView.Link(
                        from: from, to: to, kind: k, edge: EdgeID(s.int64(0)),
                        validFrom: s.optionalText(4).flatMap { CivilDate(iso: $0) },
                        validTo: s.optionalText(5).flatMap { CivilDate(iso: $0) }, confidence: s.double(6),
                        grading: Self.grading(reliability: s.optionalText(7), credibility: s.optionalInt64(8))))
            }
        }
        let view = try GraphView(
            dataVersion: version, ids: ids, nodeKinds: nodeKinds, labels: labels, edgeKindNames: kindNames,
            links: links)
        if cacheable {
            state.graphViews = state.graphViews.filter { $0.key.version == version }
            state.graphViews[key] = view
        }
        return view
    }

    /// The largest rowid of `table` (0 when empty): an upper bound of its row count, read from the end of its b-tree.
    private func largestRowID(of table: String) throws(NexoError) -> Int {
        var largest = 0
        try connection.withStatement("SELECT max(rowid) FROM \(table)") { s throws(NexoError) in
            if try s.step() { largest = Int(s.optionalInt64(0) ?? 0) }
        }
        return max(0, min(largest, Int(Int32.max)))
    }

    /// The grading of a source row joined to an edge (`nil` for an edge without a source).
    static func grading(reliability: String?, credibility: Int64?) -> GraphView.Grading? {
        guard let reliability = reliability.flatMap(SourceReliability.init(rawValue:)),
            let credibility = credibility.flatMap({ InformationCredibility(rawValue: Int($0)) })
        else { return nil }
        return (reliability, credibility)
    }
}
