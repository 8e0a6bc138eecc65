import NexoKit

/// Reads of entities, edges, sources, runs and provenance. Every query ANDs in ``visible(_:_:from:)``.
extension StoreSession {
    /// SQL ordering that matches ``EntityID`` ordering: prefix, then trailing number, then text.
    static let entityOrder =
        "rtrim(e.id, '0123456789'), CAST(substr(e.id, length(rtrim(e.id, '0123456789')) + 1) AS INTEGER), e.id"
    /// Entity columns, in the order ``readEntity(_:)`` expects.
    static let entityColumns = "e.id, e.kind, e.label, e.props, e.run_id, e.source_id"
    /// Edge columns, in the order ``readEdge(_:)`` expects.
    static let edgeColumns =
        "ed.id, ed.kind, ed.from_id, ed.to_id, ed.props, ed.valid_from, ed.valid_to, ed.confidence, ed.run_id, "
        + "ed.source_id"

    /// The entity with `id`, or `nil`.
    public func entity(_ id: EntityID) throws(NexoError) -> Entity? {
        try checkOpen()
        let v = visible(.entities, "e", from: 2)
        return try connection.withStatement("SELECT \(Self.entityColumns) FROM entities e WHERE e.id = ?1 AND \(v.sql)")
        { s throws(NexoError) in
            s.bind(id.rawValue, at: 1)
            v.bind(to: s)
            return try s.step() ? try readEntity(s) : nil
        }
    }

    /// Entities matching `query`, ordered by id.
    public func entities(_ query: EntityQuery) throws(NexoError) -> [Entity] {
        try checkOpen()
        let table: PropertyTable?
        if let kind = query.kind { table = try tables.entityKind(kind).properties } else { table = nil }
        // Statement texts per shape, not `(?1 IS NULL OR e.kind = ?1)`: SQLite cannot use the kind
        // index through an OR with a parameter (a kind-only query would scan every entity), and
        // with ids the kind test is written `+e.kind` so the primary key, not the kind index, is used.
        let kindTest = query.kind == nil ? "?1 IS NULL" : query.ids == nil ? "e.kind = ?1" : "+e.kind = ?1"
        var sql = "SELECT \(Self.entityColumns) FROM entities e WHERE \(kindTest)"
        var values: [SQLiteValue] = [query.kind.map(SQLiteValue.text) ?? .null]
        if let ids = query.ids {
            if ids.isEmpty { return [] }
            var list = JSONWriter()
            list.array(ids.map(\.rawValue))
            values.append(.text(list.text))
            sql += " AND e.id IN (SELECT value FROM json_each(?\(values.count)))"
        }
        for name in query.properties.keys.sorted() {
            let spec: PropertySpec
            if let table {
                spec = try table.spec(name).spec
            } else {
                guard let found = schema.entityKinds.values.flatMap(\.properties).first(where: { $0.name == name })
                else {
                    let all = Set(schema.entityKinds.values.flatMap(\.properties).map(\.name))
                    throw NexoError(
                        .invalidInput, "property '\(name)' is not declared for any entity kind",
                        hint: Suggestions.didYouMean(name, in: all.sorted()))
                }
                spec = found
            }
            let value = query.properties[name]!
            values.append(.text("$.\"\(spec.name)\""))
            if value.isNull {
                sql += " AND json_type(e.props, ?\(values.count)) IS NULL"
            } else {
                sql += " AND json_extract(e.props, ?\(values.count)) = ?\(values.count + 1)"
                values.append(Self.sqlValue(value))
            }
        }
        values.append(.int(Int64(query.limit ?? -1)))
        let v = visible(.entities, "e", from: Int32(values.count + 1))
        sql += " AND \(v.sql) ORDER BY \(Self.entityOrder) LIMIT ?\(values.count)"
        values += v.bindings
        return try connection.withStatement(sql) { s throws(NexoError) in
            s.bind(values)
            var result: [Entity] = []
            while try s.step() { result.append(try readEntity(s)) }
            return result
        }
    }

    /// Number of entities of `kind` (all kinds when `nil`).
    public func countEntities(kind: String?) throws(NexoError) -> Int {
        try checkOpen()
        // A session that sees the whole store reads the counts kept per kind (schema v12).
        if visibility == .all {
            return Int(
                try connection.scalarInt(
                    "SELECT coalesce(sum(rows), 0) FROM kind_count WHERE ?1 IS NULL OR kind = ?1",
                    [kind.map(SQLiteValue.text) ?? .null]) ?? 0)
        }
        let v = visible(.entities, "e", from: 2)
        return Int(
            try connection.scalarInt(
                "SELECT count(*) FROM entities e WHERE \(kind == nil ? "?1 IS NULL" : "e.kind = ?1") AND \(v.sql)",
                [kind.map(SQLiteValue.text) ?? .null] + v.bindings) ?? 0)
    }

    /// Edges matching `query`, ordered by edge id.
    public func edges(_ query: EdgeQuery) throws(NexoError) -> [Edge] {
        try checkOpen()
        let endpoint =
            switch (query.entity, query.direction) {
            case (nil, _): "1"
            case (_, .outgoing): "ed.from_id = ?1"
            case (_, .incoming): "ed.to_id = ?1"
            case (_, .both): "(ed.from_id = ?1 OR ed.to_id = ?1)"
            }
        let v = visible(.edges, "ed", from: 6)
        let sql =
            "SELECT \(Self.edgeColumns) FROM edges ed WHERE \(endpoint) AND \(Self.edgeFilter(kinds: query.kinds)) "
            + "AND \(v.sql) ORDER BY ed.id LIMIT ?5"
        return try connection.withStatement(sql) { s throws(NexoError) in
            s.bind(query.entity?.rawValue, at: 1)
            bindEdgeFilter(s, kinds: query.kinds, during: query.during)
            s.bind(Int64(query.limit ?? -1), at: 5)
            v.bind(to: s)
            var result: [Edge] = []
            while try s.step() { result.append(try readEdge(s)) }
            return result
        }
    }

    /// Kind and period filter on `ed`, parameters ?2 (JSON array of kinds or NULL), ?3 (upper), ?4 (lower).
    /// The kind test is written only when there are kinds, so SQLite can use the kind indexes.
    static func edgeFilter(kinds: [String]) -> String {
        (kinds.isEmpty ? "?2 IS NULL" : "ed.kind IN (SELECT value FROM json_each(?2))") + """
             AND (?3 IS NULL OR ed.valid_from IS NULL OR ed.valid_from <= ?3) \
            AND (?4 IS NULL OR ed.valid_to IS NULL OR ed.valid_to >= ?4)
            """
    }

    func bindEdgeFilter(_ s: SQLiteStatement, kinds: [String], during: DateRange?) {
        s.bind(kinds.isEmpty ? nil : JSONWriter.arrayText(kinds), at: 2)
        s.bind(during?.upper?.description, at: 3)
        s.bind(during?.lower?.description, at: 4)
    }

    /// The edge with `id`, or `nil`.
    public func edge(_ id: EdgeID) throws(NexoError) -> Edge? {
        try checkOpen()
        let v = visible(.edges, "ed", from: 2)
        return try connection.withStatement("SELECT \(Self.edgeColumns) FROM edges ed WHERE ed.id = ?1 AND \(v.sql)") {
            s throws(NexoError) in
            s.bind(id.rawValue, at: 1)
            v.bind(to: s)
            return try s.step() ? try readEdge(s) : nil
        }
    }

    /// The source with `id`, or `nil`.
    public func source(_ id: EntityID) throws(NexoError) -> SourceInfo? {
        try checkOpen()
        return try sourceInfo(id.rawValue)
    }

    /// Every visible source in id order (`S-1`, `S-2`, … `S-10`), with the run that recorded it and how many
    /// entities and edges cite it.
    public func sourceUses() throws(NexoError) -> [SourceUse] { try sourceUses(only: nil) }

    /// The visible source `id` with what cites it, as ``sourceUses()`` gives each, or `nil`.
    public func sourceUse(_ id: EntityID) throws(NexoError) -> SourceUse? { try sourceUses(only: id).first }

    /// Every visible source, or only `id`, with its run and the counts of what cites it.
    private func sourceUses(only id: EntityID?) throws(NexoError) -> [SourceUse] {
        try checkOpen()
        let v = visible(.sources, "s", from: 2)
        return try connection.withStatement(
            """
            SELECT s.id, s.description, s.reliability, s.credibility, s.run_id,
                (SELECT count(*) FROM entities e WHERE e.source_id = s.id),
                (SELECT count(*) FROM edges ed WHERE ed.source_id = s.id), s.origin
            FROM sources s WHERE (?1 IS NULL OR s.id = ?1) AND \(v.sql) ORDER BY length(s.id), s.id
            """
        ) { st throws(NexoError) in
            st.bind(id?.rawValue, at: 1)
            v.bind(to: st)
            var result: [SourceUse] = []
            while try st.step() {
                result.append(
                    SourceUse(
                        source: SourceInfo(
                            id: EntityID(st.text(0)), description: st.text(1),
                            reliability: SourceReliability(rawValue: st.text(2)) ?? .f,
                            credibility: InformationCredibility(rawValue: Int(st.int64(3))) ?? .cannotBeJudged,
                            origin: st.optionalText(7)),
                        run: st.int64(4), entities: Int(st.int64(5)), edges: Int(st.int64(6))))
            }
            return result
        }
    }

    /// The first visible source recorded here (not imported) with this description and grading, or `nil`.
    public func source(
        describedAs description: String, reliability: SourceReliability, credibility: InformationCredibility
    ) throws(NexoError) -> SourceInfo? {
        try checkOpen()
        let v = visible(.sources, "s", from: 4)
        let id = try connection.withStatement(
            """
            SELECT s.id FROM sources s WHERE s.description = ?1 AND s.reliability = ?2 AND s.credibility = ?3
            AND s.origin IS NULL AND \(v.sql) ORDER BY length(s.id), s.id LIMIT 1
            """
        ) { st throws(NexoError) -> String? in
            st.bind(description, at: 1)
            st.bind(reliability.rawValue, at: 2)
            st.bind(Int64(credibility.rawValue), at: 3)
            v.bind(to: st)
            return try st.step() ? st.text(0) : nil
        }
        return try id.flatMap { text throws(NexoError) in try sourceInfo(text) }
    }

    /// The entities and edges that cite `source`, at most `limit` of each, in id order.
    public func facts(citing source: EntityID, limit: Int) throws(NexoError) -> (entities: [EntityRef], edges: [Edge]) {
        try checkOpen()
        let ve = visible(.entities, "e", from: 3)
        let entities = try connection.withStatement(
            "SELECT e.id, e.kind, e.label FROM entities e WHERE e.source_id = ?1 AND \(ve.sql) "
                + "ORDER BY \(Self.entityOrder) LIMIT ?2"
        ) { st throws(NexoError) in
            st.bind(source.rawValue, at: 1)
            st.bind(Int64(limit), at: 2)
            ve.bind(to: st)
            var result: [EntityRef] = []
            while try st.step() {
                result.append(EntityRef(id: EntityID(st.text(0)), kind: st.text(1), label: st.text(2)))
            }
            return result
        }
        let vd = visible(.edges, "ed", from: 3)
        let edges = try connection.withStatement(
            "SELECT \(Self.edgeColumns) FROM edges ed WHERE ed.source_id = ?1 AND \(vd.sql) ORDER BY ed.id LIMIT ?2"
        ) { st throws(NexoError) in
            st.bind(source.rawValue, at: 1)
            st.bind(Int64(limit), at: 2)
            vd.bind(to: st)
            var result: [Edge] = []
            while try st.step() { result.append(try readEdge(st)) }
            return result
        }
        return (entities, edges)
    }

    /// People whose `document` property is exactly `document` (through the `entities_document`
    /// index), then people who hold (`holds`) a document entity of that number (schema v14), at most `limit` of
    /// each, in id order.
    public func people(withDocument document: String, limit: Int) throws(NexoError) -> [EntityID] {
        try people(whose: .document, is: document, limit: limit)
            + people(
                linkedBy: CoreSchema.Edge.holds, to: CoreSchema.Kind.document, whose: .number, is: document,
                limit: limit)
    }

    /// People whose date of birth is one of `dates` (YYYY-MM-DD; through the `entities_birth` index), at most
    /// `limit` per date, in id order per date.
    public func people(bornOn dates: [String], limit: Int) throws(NexoError) -> [EntityID] {
        var result: [EntityID] = []
        for date in dates { result += try people(whose: .dateOfBirth, is: date, limit: limit) }
        return result
    }

    /// People whose address has the postcode `postcode` (through the `entities_postcode` index), then people who
    /// live or lived (`lives_at`) at a place of that postcode (schema v14), at most `limit` of each, in id order.
    public func people(withPostcode postcode: String, limit: Int) throws(NexoError) -> [EntityID] {
        try people(whose: .postcode, is: postcode, limit: limit)
            + people(
                linkedBy: CoreSchema.Edge.livesAt, to: CoreSchema.Kind.place, whose: .postcode, is: postcode,
                limit: limit)
    }

    /// People with an `edge` to an entity of `kind` whose `property` is exactly `value` (through the v14 indexes
    /// of document numbers and place postcodes), at most `limit`, in id order.
    private func people(
        linkedBy edge: String, to kind: String, whose property: IndexedProperty, is value: String, limit: Int
    ) throws(NexoError) -> [EntityID] {
        try checkOpen()
        let v = visible(.edges, "ed", from: 5)
        return try connection.withStatement(
            """
            SELECT DISTINCT ed.from_id FROM entities t CROSS JOIN edges ed ON ed.to_id = t.id AND ed.kind = ?3
            WHERE t.kind = ?4 AND json_extract(t.props, '$.\(property.rawValue)') = ?1 AND \(v.sql)
            ORDER BY ed.from_id LIMIT ?2
            """
        ) { s throws(NexoError) in
            s.bind(value, at: 1)
            s.bind(Int64(limit), at: 2)
            s.bind(edge, at: 3)
            s.bind(kind, at: 4)
            v.bind(to: s)
            var result: [EntityID] = []
            while try s.step() { result.append(EntityID(s.text(0))) }
            return result
        }
    }

    /// The edges of `kinds` from each of `ids`, in id order (one statement: the match engine reads the documents
    /// and addresses of every candidate at once).
    public func edges(from ids: [EntityID], kinds: [String]) throws(NexoError) -> [Edge] {
        try checkOpen()
        guard !ids.isEmpty else { return [] }
        var list = JSONWriter()
        list.array(ids.map(\.rawValue))
        let v = visible(.edges, "ed", from: 6)
        let sql =
            "SELECT \(Self.edgeColumns) FROM edges ed WHERE ed.from_id IN (SELECT value FROM json_each(?1)) AND "
            + "\(Self.edgeFilter(kinds: kinds)) AND \(v.sql) ORDER BY ed.id"
        return try connection.withStatement(sql) { s throws(NexoError) in
            s.bind(list.text, at: 1)
            bindEdgeFilter(s, kinds: kinds, during: nil)
            v.bind(to: s)
            var result: [Edge] = []
            while try s.step() { result.append(try readEdge(s)) }
            return result
        }
    }

    /// A property with an index on its value (schema v6, v10, v11 for people; v14 for documents and places).
    private enum IndexedProperty: String {
        case document
        case dateOfBirth = "date_of_birth"
        case postcode
        /// A document entity's number.
        case number
    }

    /// People whose `property` is exactly `value`, at most `limit`, in id order. The property's path is written
    /// into the statement as the index has it (a bound path would not use the index).
    private func people(whose property: IndexedProperty, is value: String, limit: Int) throws(NexoError)
        -> [EntityID]
    {
        try checkOpen()
        let v = visible(.entities, "e", from: 3)
        return try connection.withStatement(
            """
            SELECT e.id FROM entities e WHERE e.kind = 'person' AND json_extract(e.props, '$.\(property.rawValue)') \
            = ?1 AND \(v.sql)
            ORDER BY e.id LIMIT ?2
            """
        ) { s throws(NexoError) in
            s.bind(value, at: 1)
            s.bind(Int64(limit), at: 2)
            v.bind(to: s)
            var result: [EntityID] = []
            while try s.step() { result.append(EntityID(s.text(0))) }
            return result
        }
    }

    /// Aliases of an entity, in the order added.
    public func aliases(of id: EntityID) throws(NexoError) -> [String] {
        try checkOpen()
        let v = visible(.aliases, "a", from: 2)
        return try connection.withStatement(
            "SELECT a.alias FROM aliases a WHERE a.entity_id = ?1 AND \(v.sql) ORDER BY a.id"
        ) { s throws(NexoError) in
            s.bind(id.rawValue, at: 1)
            v.bind(to: s)
            var result: [String] = []
            while try s.step() { result.append(s.text(0)) }
            return result
        }
    }

    /// The aliases of each of `ids` that has any, in the order added: one query for many entities (the match
    /// engine reads hundreds of candidates per probe).
    public func aliases(ofEach ids: [EntityID]) throws(NexoError) -> [EntityID: [String]] {
        try checkOpen()
        guard !ids.isEmpty else { return [:] }
        let v = visible(.aliases, "a", from: 2)
        var list = JSONWriter()
        list.array(ids.map(\.rawValue))
        return try connection.withStatement(
            """
            SELECT a.entity_id, a.alias FROM aliases a
            WHERE a.entity_id IN (SELECT value FROM json_each(?1)) AND \(v.sql) ORDER BY a.id
            """
        ) { s throws(NexoError) in
            s.bind(list.text, at: 1)
            v.bind(to: s)
            var result: [EntityID: [String]] = [:]
            while try s.step() { result[EntityID(s.text(0)), default: []].append(s.text(1)) }
            return result
        }
    }

    /// Which run created the entity, and which source reported it.
    public func provenance(ofEntity id: EntityID) throws(NexoError) -> Provenance? {
        try entity(id)?.provenance
    }

    /// Which run created the edge, and which source reported it.
    public func provenance(ofEdge id: EdgeID) throws(NexoError) -> Provenance? {
        try edge(id)?.provenance
    }

    /// The run with `id` (`R-8` is 8), or `nil`.
    public func run(_ id: Int64) throws(NexoError) -> RunInfo? {
        try checkOpen()
        return try runInfo(id)
    }

    /// The newest `limit` runs (writing commands and undos), newest first.
    public func runs(limit: Int) throws(NexoError) -> [RunInfo] {
        try checkOpen()
        return try connection.withStatement(
            "SELECT id, user, time, case_id, command, plugin, plugin_version, job FROM runs ORDER BY id DESC LIMIT ?"
        ) { s throws(NexoError) in
            s.bind(Int64(limit), at: 1)
            var result: [RunInfo] = []
            while try s.step() {
                result.append(
                    RunInfo(
                        id: s.int64(0), user: s.text(1), time: s.text(2), caseID: s.optionalText(3),
                        command: s.text(4), plugin: s.text(5), pluginVersion: s.text(6), job: s.optionalText(7)))
            }
            return result
        }
    }

    // MARK: Row decoding

    /// Decodes ``entityColumns`` at the statement's current row.
    func readEntity(_ s: SQLiteStatement) throws(NexoError) -> Entity {
        let kind = s.text(1)
        let properties = s.withText(3) { SchemaTables.decode($0, tables.entityProperties(kind)) }
        return Entity(
            id: EntityID(s.text(0)), kind: kind, label: s.text(2), properties: properties,
            provenance: try provenance(run: s.int64(4), source: s.optionalText(5)))
    }

    /// Decodes ``edgeColumns`` at the statement's current row.
    func readEdge(_ s: SQLiteStatement) throws(NexoError) -> Edge {
        let kind = s.text(1)
        let properties = s.withText(4) { SchemaTables.decode($0, tables.edgeProperties(kind)) }
        return Edge(
            id: EdgeID(s.int64(0)), kind: kind, from: EntityID(s.text(2)), to: EntityID(s.text(3)),
            properties: properties, validFrom: s.optionalText(5).flatMap { CivilDate(iso: $0) },
            validTo: s.optionalText(6).flatMap { CivilDate(iso: $0) }, confidence: s.double(7),
            provenance: try provenance(run: s.int64(8), source: s.optionalText(9)))
    }

    /// A property value as SQL compares it with `json_extract`.
    static func sqlValue(_ value: Value) -> SQLiteValue {
        switch value {
        case .null: .null
        case .bool(let b): .int(b ? 1 : 0)
        case .int(let i): .int(i)
        case .double(let d): .double(d)
        case .string(let s): .text(s)
        case .date(let d): .text(d.description)
        case .dateRange(let r): .text(r.description)
        case .entity(let e): .text(e.id.rawValue)
        }
    }
}
