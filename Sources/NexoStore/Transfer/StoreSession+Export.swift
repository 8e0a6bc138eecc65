import NexoFiles
import NexoKit
import NexoText

/// Export of entities and edges to NDJSON or CSV, in the same formats import reads.
extension StoreSession {
    /// Writes the visible entities (all, or of `kinds`, or with `ids`) in id order, then the edges
    /// between them in edge-id order. NDJSON goes to `path`; CSV writes entities to `path` and edges
    /// to the same name with `-edges` before the extension. Importing the output into an empty
    /// store and exporting again gives the same bytes.
    ///
    /// CSV files are written for spreadsheets: a text cell starting with `=` `+` `-` `@` TAB CR or
    /// `'` gets a leading `'` (numbers do not), which CSV import takes off again (see ``CSVRow``).
    ///
    /// NDJSON keeps provenance: the sources the written entities and edges cite come first (`"type":"source"`,
    /// with their grading and where they came from: the id and recording run here, or the origin an imported source
    /// already had), and each entity and edge names its source; import records them again, marked as imported.
    /// Not exported: runs (the importing command is the run of what it imports), edge ids, which the importing
    /// store assigns, and — in CSV — sources. In CSV an empty text property cannot be told from a missing one.
    public func exportFile(path: String, format: ImportFormat, kinds: [String], ids: [EntityID] = []) throws(NexoError)
        -> ExportReport
    {
        try checkOpen()
        for kind in kinds { _ = try tables.entityKind(kind) }
        let format = try format.resolved(for: path)
        let filtered = !kinds.isEmpty || !ids.isEmpty
        let kindsJSON = kinds.isEmpty ? nil : JSONWriter.arrayText(kinds)
        let idsJSON = ids.isEmpty ? nil : JSONWriter.arrayText(ids.map(\.rawValue))
        var report = ExportReport()
        let entityFile = try FileWriter(path: path)
        report.files.append(path)
        let edgeFile: FileWriter
        if format == .csv {
            let edgesPath = Self.edgesPath(for: path)
            edgeFile = try FileWriter(path: edgesPath)
            report.files.append(edgesPath)
        } else {
            edgeFile = entityFile
        }
        let entityColumns = Self.columns(
            kinds.isEmpty ? schema.entityKindNames : kinds, in: schema.entityKinds.mapValues(\.properties))
        let edgeColumns = Self.columns(schema.edgeKindNames, in: schema.edgeKinds.mapValues(\.properties))
        if format == .csv {
            try entityFile.write(CSVRow.line((["id", "kind", "label", "aliases"] + entityColumns).map(CSVRow.text)))
            try edgeFile.write(
                CSVRow.line(
                    (["kind", "from", "to", "valid_from", "valid_to", "confidence"] + edgeColumns).map(CSVRow.text)))
        }

        if format != .csv { report.sources = try exportSources(to: entityFile, kinds: kindsJSON, ids: idsJSON) }

        let ve = visible(.entities, "e", from: 3)
        try connection.withStatement(
            """
            SELECT e.id, e.kind, e.label, e.props,
                   (SELECT json_group_array(alias) FROM (SELECT alias FROM aliases WHERE entity_id = e.id ORDER BY id)),
                   e.source_id
            FROM entities e WHERE \(Self.entitySelection("e")) AND \(ve.sql) ORDER BY \(Self.entityOrder)
            """
        ) { s throws(NexoError) in
            s.bind(kindsJSON, at: 1)
            s.bind(idsJSON, at: 2)
            ve.bind(to: s)
            var line = JSONWriter(capacity: 1024)
            while try s.step() {
                let aliasesJSON = s.text(4)
                let aliases = aliasesJSON == "[]" ? [] : try Self.aliasList(aliasesJSON)
                line.clear()
                if format == .csv {
                    let kind = s.text(1)
                    let properties = s.withText(3) { SchemaTables.decode($0, tables.entityProperties(kind)) }
                    try Self.checkColumns(properties, entityColumns, owner: s.text(0))
                    var aliasCell = JSONWriter()
                    if !aliases.isEmpty { aliasCell.array(aliases) }
                    try entityFile.write(
                        CSVRow.line(
                            [s.text(0), kind, s.text(2), aliasCell.text].map(CSVRow.text)
                                + entityColumns.map { CSVRow.cell(properties[$0]) }))
                } else {
                    line.raw("{\"type\":\"entity\",\"id\":")
                    s.withText(0) { line.string($0) }
                    line.raw(",\"kind\":")
                    s.withText(1) { line.string($0) }
                    line.raw(",\"label\":")
                    s.withText(2) { line.string($0) }
                    line.raw(",\"properties\":")
                    s.withText(3) { line.raw($0) }
                    if !aliases.isEmpty {
                        line.raw(",\"aliases\":")
                        line.array(aliases)
                    }
                    if !s.isNull(5) {
                        line.raw(",\"source\":")
                        s.withText(5) { line.string($0) }
                    }
                    line.raw("}\n")
                    try entityFile.write(line.bytes)
                }
                report.entities += 1
            }
        }

        let vd = visible(.edges, "ed", from: 3)
        let edgeSQL =
            filtered
            ? """
            SELECT ed.kind, ed.from_id, ed.to_id, ed.props, ed.valid_from, ed.valid_to, ed.confidence, ed.source_id
            FROM edges ed JOIN entities a ON a.id = ed.from_id JOIN entities b ON b.id = ed.to_id
            WHERE \(Self.entitySelection("a")) AND \(Self.entitySelection("b")) AND \(vd.sql) ORDER BY ed.id
            """
            : """
            SELECT ed.kind, ed.from_id, ed.to_id, ed.props, ed.valid_from, ed.valid_to, ed.confidence, ed.source_id
            FROM edges ed WHERE ?1 IS NULL AND ?2 IS NULL AND \(vd.sql) ORDER BY ed.id
            """
        try connection.withStatement(edgeSQL) { s throws(NexoError) in
            s.bind(kindsJSON, at: 1)
            s.bind(idsJSON, at: 2)
            vd.bind(to: s)
            var line = JSONWriter(capacity: 512)
            while try s.step() {
                let confidence = Value.format(s.double(6))
                if format == .csv {
                    let kind = s.text(0)
                    let properties = s.withText(3) { SchemaTables.decode($0, tables.edgeProperties(kind)) }
                    try Self.checkColumns(properties, edgeColumns, owner: "an edge \(s.text(1)) -> \(s.text(2))")
                    try edgeFile.write(
                        CSVRow.line(
                            [kind, s.text(1), s.text(2), s.optionalText(4) ?? "", s.optionalText(5) ?? ""].map(
                                CSVRow.text)
                                + [confidence] + edgeColumns.map { CSVRow.cell(properties[$0]) }))
                } else {
                    line.clear()
                    line.raw("{\"type\":\"edge\",\"kind\":")
                    s.withText(0) { line.string($0) }
                    line.raw(",\"from\":")
                    s.withText(1) { line.string($0) }
                    line.raw(",\"to\":")
                    s.withText(2) { line.string($0) }
                    line.raw(",\"valid_from\":")
                    if s.isNull(4) { line.raw("null") } else { s.withText(4) { line.string($0) } }
                    line.raw(",\"valid_to\":")
                    if s.isNull(5) { line.raw("null") } else { s.withText(5) { line.string($0) } }
                    line.raw(",\"confidence\":")
                    line.raw(confidence)
                    line.raw(",\"properties\":")
                    s.withText(3) { line.raw($0) }
                    if !s.isNull(7) {
                        line.raw(",\"source\":")
                        s.withText(7) { line.string($0) }
                    }
                    line.raw("}\n")
                    try edgeFile.write(line.bytes)
                }
                report.edges += 1
            }
        }
        try entityFile.close()
        if format == .csv { try edgeFile.close() }
        return report
    }

    /// Writes the visible sources cited by the entities (and the edges between them) the filter selects, in id
    /// order, one `"type":"source"` line each; returns how many.
    private func exportSources(to file: FileWriter, kinds: String?, ids: String?) throws(NexoError) -> Int {
        let vs = visible(.sources, "s", from: 3)
        return try connection.withStatement(
            """
            SELECT s.id, s.description, s.reliability, s.credibility, s.origin, r.id, r.user, r.time
            FROM sources s JOIN runs r ON r.id = s.run_id
            WHERE (s.id IN (SELECT e.source_id FROM entities e WHERE \(Self.entitySelection("e")))
                OR s.id IN (SELECT ed.source_id FROM edges ed JOIN entities a ON a.id = ed.from_id
                    JOIN entities b ON b.id = ed.to_id
                    WHERE \(Self.entitySelection("a")) AND \(Self.entitySelection("b"))))
            AND \(vs.sql) ORDER BY length(s.id), s.id
            """
        ) { s throws(NexoError) in
            s.bind(kinds, at: 1)
            s.bind(ids, at: 2)
            vs.bind(to: s)
            var count = 0
            var line = JSONWriter(capacity: 256)
            while try s.step() {
                line.clear()
                line.raw("{\"type\":\"source\",\"id\":")
                s.withText(0) { line.string($0) }
                line.raw(",\"description\":")
                s.withText(1) { line.string($0) }
                line.raw(",\"grading\":")
                line.string(s.text(2) + String(s.int64(3)))
                line.raw(",\"origin\":")
                line.string(
                    s.optionalText(4) ?? "\(s.text(0)), recorded in R-\(s.int64(5)) by \(s.text(6)) at \(s.text(7))")
                line.raw("}\n")
                try file.write(line.bytes)
                count += 1
            }
            return count
        }
    }

    /// Filter on kinds (?1, JSON array or NULL) and ids (?2) for the entity aliased `alias`.
    private static func entitySelection(_ alias: String) -> String {
        "(?1 IS NULL OR \(alias).kind IN (SELECT value FROM json_each(?1))) AND (?2 IS NULL OR \(alias).id IN (SELECT "
            + "value FROM json_each(?2)))"
    }

    /// `out.csv` → `out-edges.csv`.
    static func edgesPath(for path: String) -> String {
        let slash = path.lastIndex(of: "/")
        if let dot = path.lastIndex(of: "."), slash.map({ dot > $0 }) ?? true, dot != path.startIndex {
            return String(path[..<dot]) + "-edges" + String(path[dot...])
        }
        return path + "-edges"
    }

    /// Sorted union of the property names declared by `kinds`.
    private static func columns(_ kinds: [String], in declared: [String: [PropertySpec]]) -> [String] {
        Array(Set(kinds.flatMap { declared[$0]?.map(\.name) ?? [] })).sorted()
    }

    private static func checkColumns(_ properties: [String: Value], _ columns: [String], owner: String)
        throws(NexoError)
    {
        for name in properties.keys where !columns.contains(name) {
            throw NexoError(
                .failed, "\(owner) has property '\(name)', which no loaded kind declares, so CSV cannot hold it",
                hint: "export as NDJSON, or load the plugin that declares it")
        }
    }
}

/// Lines of an exported CSV file, a file for spreadsheets: cells made safe with
/// ``CSVText/spreadsheetSafe(_:)`` unless they are numbers, then quoted as ``CSVText/field(_:)``
/// says (a field with a comma, quote or control character in quotes); lines end in LF.
enum CSVRow {
    /// The cells, already made safe, as one line.
    static func line(_ cells: [String]) -> String {
        cells.map(CSVText.field).joined(separator: ",") + "\n"
    }

    /// A text cell: `'` before `=` `+` `-` `@` TAB CR `'` at its start.
    static func text(_ text: String) -> String { CSVText.spreadsheetSafe(text) }

    /// A property's cell: empty when missing, numbers as they are (`-5`), anything else as text.
    static func cell(_ value: Value?) -> String {
        guard let value else { return "" }
        switch value {
        case .int, .double: return value.description
        default: return text(value.description)
        }
    }
}
