import NexoKit

/// Validated, provenance-stamped, journaled writes.
extension StoreSession {
    /// Creates an entity; assigns `<idPrefix>-<n>` when the draft has no id.
    @discardableResult
    public func addEntity(_ draft: EntityDraft, source: EntityID?) throws(NexoError) -> Entity {
        let run = try writeRun()
        let (spec, table) = try tables.entityKind(draft.kind)
        try SchemaTables.checkLabel(draft.label)
        let properties = try table.validate(draft.properties, requireAll: true)
        try checkSource(source)
        let id: String
        if let given = draft.id?.rawValue {
            try SchemaTables.checkID(given)
            if try entityKind(of: given) != nil {
                throw NexoError(.conflict, "entity \(given) already exists", hint: "leave the id out to get a new one")
            }
            try IDSequences(connection: connection).noteUsed(given, prefix: spec.idPrefix)
            id = given
        } else {
            id = try IDSequences(connection: connection).next(prefix: spec.idPrefix) { candidate throws(NexoError) in
                try entityKind(of: candidate) != nil
            }
        }
        return try insertEntity(id: id, draft: draft, properties: properties, run: run, source: source)
    }

    private func insertEntity(
        id: String, draft: EntityDraft, properties: [String: Value], run: Int64,
        source: EntityID?
    ) throws(NexoError) -> Entity {
        var json = JSONWriter()
        json.object(properties)
        try connection.run(
            """
            INSERT INTO entities(id, kind, label, props, run_id, source_id, case_id) VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(id), .text(draft.kind), .text(draft.label), .text(json.text), .int(run),
                source.map { .text($0.rawValue) } ?? .null, request.caseID.map(SQLiteValue.text) ?? .null,
            ])
        try NameIndex(connection: connection).addLabel(entity: id)
        changes.entitiesAdded += 1
        return Entity(
            id: EntityID(id), kind: draft.kind, label: draft.label, properties: properties,
            provenance: try provenance(run: run, source: source?.rawValue))
    }

    /// Changes the label and/or properties of an entity; a `.null` value removes a property.
    public func updateEntity(_ id: EntityID, label: String?, properties: [String: Value]) throws(NexoError) {
        _ = try writeRun()
        guard let current = try entity(id) else { throw noEntity(id) }
        let table = try tables.entityKind(current.kind).properties
        if let label { try SchemaTables.checkLabel(label) }
        var merged = current.properties
        for name in properties.keys.sorted() {
            let (_, spec) = try table.spec(name)
            let value = properties[name]!
            merged[name] = value.isNull ? nil : try table.check(value, spec)
        }
        try table.checkRequired(merged)
        let newLabel = label ?? current.label
        guard newLabel != current.label || merged != current.properties else { return }
        try journal(
            table: "entities", op: "update", rowJSON: UndoJournal.entityRow, from: "entities", key: .text(id.rawValue))
        var json = JSONWriter()
        json.object(merged)
        let names = NameIndex(connection: connection)
        if newLabel != current.label { try names.removeLabel(entity: id.rawValue) }
        try connection.run(
            "UPDATE entities SET label = ?, props = ? WHERE id = ?",
            [.text(newLabel), .text(json.text), .text(id.rawValue)])
        if newLabel != current.label { try names.addLabel(entity: id.rawValue) }
        changes.entitiesUpdated += 1
    }

    /// Removes an entity, its aliases, and every edge touching it.
    public func removeEntity(_ id: EntityID) throws(NexoError) {
        _ = try writeRun()
        guard try entity(id) != nil else { throw noEntity(id) }
        let key: [SQLiteValue] = [.text(id.rawValue)]
        let edgeIDs = try ids(
            "SELECT id FROM edges WHERE from_id = ?1 UNION SELECT id FROM edges WHERE to_id = ?1 ORDER BY 1", key)
        for edge in edgeIDs {
            try journal(table: "edges", op: "delete", rowJSON: UndoJournal.edgeRow, from: "edges", key: .int(edge))
        }
        for alias in try ids("SELECT id FROM aliases WHERE entity_id = ? ORDER BY id", key) {
            try journal(
                table: "aliases", op: "delete", rowJSON: UndoJournal.aliasRow, from: "aliases", key: .int(alias))
        }
        try journal(
            table: "entities", op: "delete", rowJSON: UndoJournal.entityRow, from: "entities", key: .text(id.rawValue))
        try NameIndex(connection: connection).removeAll(entity: id.rawValue)
        try connection.run(
            """
            INSERT INTO undo_templates(undo_run, id, entity_id, modality, position, data, run_id)
            SELECT ?2, id, entity_id, modality, position, data, run_id FROM templates WHERE entity_id = ?1
            """, key + [.int(try writeRun())])
        try connection.run("DELETE FROM templates WHERE entity_id = ?", key)
        try connection.run("DELETE FROM edges WHERE from_id = ?1 OR to_id = ?1", key)
        try connection.run("DELETE FROM aliases WHERE entity_id = ?", key)
        try connection.run("DELETE FROM entities WHERE id = ?", key)
        changes.entitiesRemoved += 1
        changes.edgesRemoved += edgeIDs.count
    }

    /// Creates an edge between two existing entities.
    @discardableResult
    public func addEdge(_ draft: EdgeDraft, source: EntityID?) throws(NexoError) -> Edge {
        let run = try writeRun()
        let (spec, table) = try tables.edgeKind(draft.kind)
        let properties = try table.validate(draft.properties, requireAll: true)
        try SchemaTables.checkEdgeFields(
            validFrom: draft.validFrom, validTo: draft.validTo, confidence: draft.confidence)
        guard let fromKind = try entityKind(of: draft.from.rawValue) else { throw noEntity(draft.from) }
        guard let toKind = try entityKind(of: draft.to.rawValue) else { throw noEntity(draft.to) }
        try SchemaTables.checkEndpoints(spec, from: draft.from, fromKind: fromKind, to: draft.to, toKind: toKind)
        try checkSource(source)
        var json = JSONWriter()
        json.object(properties)
        try connection.run(
            """
            INSERT INTO edges(kind, from_id, to_id, props, valid_from, valid_to, confidence, run_id, source_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(draft.kind), .text(draft.from.rawValue), .text(draft.to.rawValue), .text(json.text),
                draft.validFrom.map { .text($0.description) } ?? .null,
                draft.validTo.map { .text($0.description) } ?? .null,
                .double(draft.confidence), .int(run), source.map { .text($0.rawValue) } ?? .null,
            ])
        let id = connection.lastInsertRowID
        changes.edgesAdded += 1
        return Edge(
            id: EdgeID(id), kind: draft.kind, from: draft.from, to: draft.to, properties: properties,
            validFrom: draft.validFrom, validTo: draft.validTo, confidence: draft.confidence,
            provenance: try provenance(run: run, source: source?.rawValue))
    }

    /// Removes an edge.
    public func removeEdge(_ id: EdgeID) throws(NexoError) {
        _ = try writeRun()
        guard try edge(id) != nil else { throw NexoError(.notFound, "no edge \(id)") }
        try journal(table: "edges", op: "delete", rowJSON: UndoJournal.edgeRow, from: "edges", key: .int(id.rawValue))
        try connection.run("DELETE FROM edges WHERE id = ?", [.int(id.rawValue)])
        changes.edgesRemoved += 1
    }

    /// Records a graded source as `S-<n>`.
    @discardableResult
    public func addSource(
        description: String, reliability: SourceReliability, credibility: InformationCredibility
    ) throws(NexoError) -> SourceInfo {
        try addSource(description: description, reliability: reliability, credibility: credibility, origin: nil)
    }

    /// Records a source, with where it came from when it was imported (`origin`).
    public func addSource(
        description: String, reliability: SourceReliability,
        credibility: InformationCredibility, origin: String?
    ) throws(NexoError) -> SourceInfo {
        let run = try writeRun()
        if description.allSatisfy(\.isWhitespace) {
            throw NexoError(.invalidInput, "source description must not be empty")
        }
        try TextRules.checkName(description, field: "source description")
        let id = try IDSequences(connection: connection).next(prefix: "S") { candidate throws(NexoError) in
            try connection.scalarInt("SELECT 1 FROM sources WHERE id = ?", [.text(candidate)]) != nil
        }
        try connection.run(
            "INSERT INTO sources(id, description, reliability, credibility, run_id, origin) VALUES (?, ?, ?, ?, ?, ?)",
            [
                .text(id), .text(description), .text(reliability.rawValue), .int(Int64(credibility.rawValue)),
                .int(run), origin.map(SQLiteValue.text) ?? .null,
            ])
        changes.sourcesAdded += 1
        return SourceInfo(
            id: EntityID(id), description: description, reliability: reliability, credibility: credibility,
            origin: origin)
    }

    /// Adds an alias to an entity (a no-op when it already has exactly that alias).
    public func addAlias(_ alias: String, to id: EntityID) throws(NexoError) {
        let run = try writeRun()
        try SchemaTables.checkAlias(alias)
        guard try entity(id) != nil else { throw noEntity(id) }
        if try aliases(of: id).contains(alias) { return }
        try connection.run(
            "INSERT INTO aliases(entity_id, alias, run_id) VALUES (?, ?, ?)",
            [.text(id.rawValue), .text(alias), .int(run)])
        try NameIndex(connection: connection).addAlias(connection.lastInsertRowID)
        changes.entitiesUpdated += 1
    }

    // MARK: Helpers

    /// The kind of the visible entity `id`, or `nil`.
    func entityKind(of id: String) throws(NexoError) -> String? {
        let v = visible(.entities, "e", from: 2)
        return try connection.withStatement("SELECT e.kind FROM entities e WHERE e.id = ?1 AND \(v.sql)") {
            s throws(NexoError) in
            s.bind(id, at: 1)
            v.bind(to: s)
            return try s.step() ? s.text(0) : nil
        }
    }

    /// The error for an entity id that does not exist (or is not visible): `no entity 'P-9'`.
    public func noEntity(_ id: EntityID) -> NexoError { NexoError(.notFound, "no entity '\(id)'") }

    private func checkSource(_ source: EntityID?) throws(NexoError) {
        guard let source else { return }
        if try sourceInfo(source.rawValue) == nil {
            throw NexoError(.notFound, "no source '\(source)'")
        }
    }

    private func ids(_ sql: String, _ values: [SQLiteValue]) throws(NexoError) -> [Int64] {
        try connection.withStatement(sql) { s throws(NexoError) in
            s.bind(values)
            var result: [Int64] = []
            while try s.step() { result.append(s.int64(0)) }
            return result
        }
    }
}
