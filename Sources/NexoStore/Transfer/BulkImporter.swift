import NexoKit

/// Inserts many entities and edges fast, inside the command's transaction.
///
/// Speed comes from: long-lived prepared statements; kind and property tables looked up once per
/// kind; an in-memory map of ids imported so far (endpoint kinds without a query); no name-index
/// work per row (one `INSERT … SELECT` fills it at the end); and, for large edge files, dropping
/// the edge indexes and rebuilding them once at the end (a sorted build beats millions of random
/// inserts). Validation is the same as for single writes.
final class BulkImporter {
    let session: StoreSession
    let connection: SQLiteConnection
    private let run: Int64
    private let skipInvalid: Bool
    let insertEntity: SQLiteStatement
    let insertEdge: SQLiteStatement
    private let insertAlias: SQLiteStatement
    private var entityKinds: [String: (spec: EntityKindSpec, table: PropertyTable)] = [:]
    private var edgeKinds: [String: (spec: EdgeKindSpec, table: PropertyTable)] = [:]
    /// Kind of every entity id seen (imported here, or looked up once).
    var known = KnownEntities()
    var sequences: [String: Int64] = [:]
    var json = JSONWriter()
    private let entityRowidBefore: Int64
    private let aliasIDBefore: Int64
    private var indexesToRebuild: [String] = []
    private var indexNames: [String] = []
    /// Least number of expected edges for which the edge indexes are dropped and rebuilt.
    var rebuildThreshold = 200_000
    private var decidedIndexes = false
    var report = ImportReport()

    init(session: StoreSession, skipInvalid: Bool) throws(NexoError) {
        self.session = session
        connection = session.connection
        run = try session.writeRun()
        self.skipInvalid = skipInvalid
        insertEntity = try connection.prepare(
            "INSERT INTO entities(id, kind, label, props, run_id, source_id, case_id) VALUES (?1, ?2, ?3, ?4, "
                + "?5, ?6, ?7)"
        )
        insertEdge = try connection.prepare(
            """
            INSERT INTO edges(kind, from_id, to_id, props, valid_from, valid_to, confidence, run_id, source_id)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
            """)
        insertAlias = try connection.prepare("INSERT INTO aliases(entity_id, alias, run_id) VALUES (?1, ?2, ?3)")
        entityRowidBefore = try connection.scalarInt("SELECT COALESCE(MAX(rowid), 0) FROM entities") ?? 0
        aliasIDBefore = try connection.scalarInt("SELECT COALESCE(MAX(id), 0) FROM aliases") ?? 0
        insertEntity.bind(run, at: 5)
        insertEntity.bind(session.request.caseID, at: 7)
        insertEdge.bind(run, at: 8)
        insertAlias.bind(run, at: 3)
    }

    // MARK: Records

    /// Validates and inserts one entity with its aliases.
    func addEntity(
        id given: String?, kind: String, label: String, properties: [String: Value],
        aliases: [String], source named: String?
    ) throws(NexoError) {
        let source = try cited(named)
        let (spec, table) = try entityKind(kind)
        try SchemaTables.checkLabel(label)
        let checked = try table.validate(properties, requireAll: true)
        for alias in aliases { try SchemaTables.checkAlias(alias) }
        try checkSource(source)
        let id: String
        if let given {
            try SchemaTables.checkID(given)
            if let n = IDSequences.number(of: given, prefix: spec.idPrefix) {
                let next = try sequence(spec.idPrefix)
                if n >= next { sequences[spec.idPrefix] = n + 1 }
            }
            id = given
        } else {
            id = try nextID(spec.idPrefix)
        }
        if known.kind(of: id) != 0 { throw duplicate(id) }
        json.clear()
        json.object(checked)
        insertEntity.bind(id, at: 1)
        insertEntity.bind(spec.name, at: 2)
        insertEntity.bind(label, at: 3)
        json.bytes.withUnsafeBufferPointer { insertEntity.bindText($0, at: 4) }
        insertEntity.bind(source, at: 6)
        do { try insertEntity.step() } catch {
            if insertEntity.lastError?.isUniqueViolation == true { throw duplicate(id) }
            throw error
        }
        insertEntity.reset()
        known.insert(id, code: known.code(of: spec.name))
        report.entities += 1
        for alias in aliases {
            insertAlias.bind(id, at: 1)
            insertAlias.bind(alias, at: 2)
            try insertAlias.step()
            insertAlias.reset()
            report.aliases += 1
        }
    }

    /// Validates and inserts one edge. Dates are `YYYY-MM-DD` text (checked here).
    func addEdge(
        kind: String, from: String, to: String, validFrom: String?, validTo: String?, confidence: Double,
        properties: [String: Value], source named: String?
    ) throws(NexoError) {
        let source = try cited(named)
        let (spec, table) = try edgeKind(kind)
        let checked =
            properties.isEmpty && table.required.isEmpty ? [:] : try table.validate(properties, requireAll: true)
        if let validFrom, !Self.isISODate(validFrom) {
            throw NexoError(.invalidInput, "valid_from must be a date (YYYY-MM-DD), got '\(validFrom)'")
        }
        if let validTo, !Self.isISODate(validTo) {
            throw NexoError(.invalidInput, "valid_to must be a date (YYYY-MM-DD), got '\(validTo)'")
        }
        if let validFrom, let validTo, validFrom > validTo {
            throw NexoError(.invalidInput, "valid_from \(validFrom) is after valid_to \(validTo)")
        }
        try SchemaTables.checkEdgeFields(validFrom: nil, validTo: nil, confidence: confidence)
        guard let fromKind = try kindOfEntity(from) else { throw session.noEntity(EntityID(from)) }
        guard let toKind = try kindOfEntity(to) else { throw session.noEntity(EntityID(to)) }
        if (!spec.fromKinds.isEmpty && !spec.fromKinds.contains(fromKind))
            || (!spec.toKinds.isEmpty && !spec.toKinds.contains(toKind))
        {
            try SchemaTables.checkEndpoints(
                spec, from: EntityID(from), fromKind: fromKind, to: EntityID(to), toKind: toKind)
        }
        try checkSource(source)
        json.clear()
        json.object(checked)
        insertEdge.bind(spec.name, at: 1)
        insertEdge.bind(from, at: 2)
        insertEdge.bind(to, at: 3)
        json.bytes.withUnsafeBufferPointer { insertEdge.bindText($0, at: 4) }
        insertEdge.bind(validFrom, at: 5)
        insertEdge.bind(validTo, at: 6)
        insertEdge.bind(confidence, at: 7)
        insertEdge.bind(source, at: 9)
        try insertEdge.step()
        insertEdge.reset()
        report.edges += 1
    }

    /// Runs `body` for the record at `location` (`file:line`): a failure aborts the import with
    /// `location: message`, or, with `skipInvalid`, is counted and the import goes on.
    func record(at location: @autoclosure () -> String, _ body: () throws(NexoError) -> Void) throws(NexoError) {
        do { try body() } catch {
            let located = NexoError(.invalidInput, "\(location()): \(error.message)", hint: error.hint)
            guard skipInvalid else { throw located }
            report.skipped += 1
            if report.skippedMessages.count < 20 { report.skippedMessages.append(located.description) }
        }
    }

    /// Called before edges arrive, with an estimate of how many: when they outnumber the edges
    /// already stored (and are many), the edge indexes are dropped now and rebuilt in ``finish()``.
    func expectEdges(_ estimate: Int) throws(NexoError) {
        guard !decidedIndexes else { return }
        decidedIndexes = true
        if estimate >= 50_000 { try loadKnownEntities() }
        let existing = try connection.scalarInt("SELECT COALESCE(MAX(id), 0) FROM edges") ?? 0
        guard estimate >= rebuildThreshold, Int64(estimate) > existing else { return }
        try connection.withStatement(
            """
            SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'edges' AND name IN ('edges_from', \
            'edges_to', 'edges_kind')
            ORDER BY name
            """
        ) { s throws(NexoError) in
            while try s.step() { indexesToRebuild.append(s.text(1)); indexNames.append(s.text(0)) }
        }
        // Names come from sqlite_master and are one of three fixed words (the query above).
        for name in indexNames { try connection.execute("DROP INDEX \(name)") }
    }

    /// Rebuilds dropped indexes, fills the name index, saves id sequences, counts the changes.
    func finish() throws(NexoError) {
        for ddl in indexesToRebuild { try connection.execute(ddl) }
        indexesToRebuild = []
        try NameIndex(connection: connection).fill(entitiesAfter: entityRowidBefore, aliasesAfter: aliasIDBefore)
        let ids = IDSequences(connection: connection)
        for (prefix, next) in sequences.sorted(by: { $0.key < $1.key }) {
            try ids.advance(prefix: prefix, past: next - 1)
        }
        session.changes.entitiesAdded += report.entities
        session.changes.edgesAdded += report.edges
    }

    private var savedCacheSize: Int64?

    /// A large import touches far more pages than SQLite's default 2 MiB cache holds; every page
    /// evicted mid-transaction must later be read back from the WAL. For inputs over 8 MiB the
    /// page cache grows to 256 MiB (memory is allocated only as pages are used) until
    /// ``restoreCache()``.
    ///
    /// Related SQLite documentation: <https://www.sqlite.org/pragma.html#pragma_cache_size>
    func enlargeCache(forBytes bytes: Int) throws(NexoError) {
        guard bytes > 8 << 20, savedCacheSize == nil else { return }
        savedCacheSize = try connection.scalarInt("PRAGMA cache_size")
        try connection.execute("PRAGMA cache_size = -262144")
    }

    /// Puts the page cache size back.
    func restoreCache() {
        guard let saved = savedCacheSize else { return }
        try? connection.execute("PRAGMA cache_size = \(saved)") // an integer SQLite gave us
        savedCacheSize = nil
    }

    /// Reads the kind of every visible stored entity in one scan, so that many edges can find
    /// their endpoints without a query each.
    private func loadKnownEntities() throws(NexoError) {
        let v = session.visible(.entities, "e", from: 1)
        try connection.withStatement("SELECT e.kind, e.id FROM entities e WHERE \(v.sql)") { s throws(NexoError) in
            v.bind(to: s)
            var lastKind = ""
            var code: UInt16 = 0
            while try s.step() {
                let kind = s.text(0)
                if kind != lastKind {
                    lastKind = kind
                    code = known.code(of: kind)
                }
                s.withText(1) { known.insert($0, code: code) }
            }
        }
    }

    // MARK: Helpers

    func entityKind(_ name: String) throws(NexoError) -> (spec: EntityKindSpec, table: PropertyTable) {
        if let cached = entityKinds[name] { return cached }
        let found = try session.tables.entityKind(name)
        entityKinds[name] = (found.spec, found.properties)
        return (found.spec, found.properties)
    }

    func edgeKind(_ name: String) throws(NexoError) -> (spec: EdgeKindSpec, table: PropertyTable) {
        if let cached = edgeKinds[name] { return cached }
        let found = try session.tables.edgeKind(name)
        edgeKinds[name] = (found.spec, found.properties)
        return (found.spec, found.properties)
    }

    private func kindOfEntity(_ id: String) throws(NexoError) -> String? {
        let code = known.kind(of: id)
        if code != 0 { return known.kinds[Int(code) - 1] }
        guard let kind = try session.entityKind(of: id) else { return nil }
        known.insert(id, code: known.code(of: kind))
        return kind
    }

    private var checkedSources = Set<String>()
    /// The source records that name none cite (``unnamedSource()``).
    var citeForUnnamed: String?
    /// The source to record for records that name none, if ``citeForUnnamed`` is not given.
    var describeUnnamed: SourceDraft?
    /// Sources the file defined (`"type":"source"` lines): their id in the file → the id recorded here.
    private var importedSources: [String: String] = [:]

    /// Records a source the file defines, graded as it was, with where it came from (`origin`, or its id in the
    /// file); the file's later records that name `fileID` cite it.
    func addSource(fileID: String, description: String, grading: String, origin: String?) throws(NexoError) {
        guard importedSources[fileID] == nil else {
            throw NexoError(.invalidInput, "source '\(fileID)' is defined twice in this file")
        }
        let (reliability, credibility) = try SourceOptions.parseGrading(grading)
        let source = try session.addSource(
            description: description, reliability: reliability, credibility: credibility,
            origin: origin ?? "\(fileID) of an imported file")
        importedSources[fileID] = source.id.rawValue
        report.sources += 1
    }

    /// The source a record cites: the one it names (a source the file defined, by the id recorded here), else the
    /// source of records that name none.
    private func cited(_ named: String?) throws(NexoError) -> String? {
        guard let named else { return try unnamedSource() }
        return importedSources[named] ?? named
    }

    /// The source of the records that name none (every fact has a source): given (``citeForUnnamed``), or recorded
    /// from ``describeUnnamed`` when the first such record comes; `nil` when neither was set.
    func unnamedSource() throws(NexoError) -> String? {
        if let citeForUnnamed { return citeForUnnamed }
        guard let describeUnnamed else { return nil }
        let recorded = try session.addSource(
            description: describeUnnamed.description, reliability: describeUnnamed.reliability,
            credibility: describeUnnamed.credibility)
        citeForUnnamed = recorded.id.rawValue
        return citeForUnnamed
    }

    private func checkSource(_ source: String?) throws(NexoError) {
        guard let source, !checkedSources.contains(source) else { return }
        guard try session.sourceInfo(source) != nil else { throw NexoError(.notFound, "no source '\(source)'") }
        checkedSources.insert(source)
    }

    func duplicate(_ id: String) -> NexoError {
        NexoError(.conflict, "entity \(id) already exists")
    }

    func sequence(_ prefix: String) throws(NexoError) -> Int64 {
        if let next = sequences[prefix] { return next }
        let next = try connection.scalarInt("SELECT next FROM id_sequences WHERE prefix = ?", [.text(prefix)]) ?? 1
        sequences[prefix] = next
        return next
    }

    private func nextID(_ prefix: String) throws(NexoError) -> String {
        var n = try sequence(prefix)
        while true {
            let id = "\(prefix)-\(n)"
            n += 1
            if known.kind(of: id) == 0, try session.entityKind(of: id) == nil {
                sequences[prefix] = n
                return id
            }
        }
    }

    /// Whether `text` is a real calendar date written `YYYY-MM-DD`.
    static func isISODate(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { isISODate($0) }
    }

    /// Whether `bytes` are a real calendar date written `YYYY-MM-DD`.
    static func isISODate(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count == 10 else { return false }
        var year = 0, month = 0, day = 0
        for (i, b) in bytes.enumerated() {
            if i == 4 || i == 7 {
                guard b == UInt8(ascii: "-") else { return false }
                continue
            }
            guard b >= 0x30, b <= 0x39 else { return false }
            let d = Int(b - 0x30)
            if i < 4 { year = year * 10 + d } else if i < 7 { month = month * 10 + d } else { day = day * 10 + d }
        }
        return year >= 1 && (1...12).contains(month) && day >= 1 && day <= CivilDate.daysIn(month: month, year: year)
    }
}
