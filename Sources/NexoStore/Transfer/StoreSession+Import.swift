import NexoFiles
import NexoKit

/// A source to record: what `import` cites for the records of a file that name none.
public struct SourceDraft: Sendable, Hashable {
    /// Who or what reported it.
    public var description: String
    /// The source's reliability (A–F).
    public var reliability: SourceReliability
    /// The information's credibility (1–6).
    public var credibility: InformationCredibility

    /// Creates a draft.
    public init(description: String, reliability: SourceReliability, credibility: InformationCredibility) {
        self.description = description
        self.reliability = reliability
        self.credibility = credibility
    }
}

/// Bulk import from NDJSON or CSV files, or from records in memory.
extension StoreSession {
    /// Imports entities and edges from `path` in one go, inside this command's transaction.
    ///
    /// A bad record aborts with `file:line: what is wrong` (`invalid-input`) and, because the
    /// command then rolls back, nothing is stored; with `skipInvalid` bad records are skipped and
    /// counted instead. Entities must come before edges that refer to them. `progress` is called
    /// every 10,000 records with the number read so far.
    ///
    /// The file must be UTF-8 (a leading byte-order mark is skipped): invalid UTF-8 aborts with
    /// `file:line:byte: invalid UTF-8 …` even with `skipInvalid` (a file in another encoding is
    /// wrong as a whole, and skipping would silently drop every accented name), unless `encoding`
    /// is lenient: then each invalid sequence becomes U+FFFD, counted in the report.
    ///
    /// Every fact has a source: records that name none (no `"source"` in an NDJSON line, and every CSV row) cite
    /// `source`, or else `unnamedSource`, recorded when the first of them comes.
    public func importFile(
        path: String, format: ImportFormat, skipInvalid: Bool, encoding: EncodingPolicy = .strict,
        citing source: EntityID? = nil, unnamedSource: SourceDraft? = nil, progress: (Int) -> Void
    ) throws(NexoError) -> ImportReport {
        let format = try format.resolved(for: path)
        let importer = try BulkImporter(session: self, skipInvalid: skipInvalid)
        importer.citeForUnnamed = source?.rawValue
        importer.describeUnnamed = unnamedSource
        let reader = try FileReader(path: path)
        try importer.enlargeCache(forBytes: reader.size)
        defer { importer.restoreCache() }
        switch format {
        case .csv: try importCSV(reader, encoding, importer, progress)
        default: try importNDJSON(reader, encoding, importer, progress)
        }
        try importer.finish()
        return importer.report
    }

    /// Imports records from memory with the same validation and speed as
    /// ``importFile(path:format:skipInvalid:progress:)``; a bad record is reported as
    /// `record N: what is wrong`.
    public func importRecords(
        _ records: some Sequence<ImportRecord>, skipInvalid: Bool,
        progress: @escaping (Int) -> Void = { _ in }
    ) throws(NexoError) -> ImportReport {
        try importRecords(skipInvalid: skipInvalid, expectedEdges: records.underestimatedCount, progress: progress) {
            add throws(NexoError) in
            for record in records { try add(record) }
        }
    }

    /// ``importRecords(skipInvalid:expectedEdges:progress:produce:)`` for commands (the SDK's bulk
    /// write): no record skipped, no progress; every record cites `source`.
    public func importRecords(
        expectedEdges: Int, source: EntityID?,
        produce: (_ add: (ImportRecord) throws(NexoError) -> Void) throws(NexoError) -> Void
    ) throws(NexoError) {
        _ = try importRecords(skipInvalid: false, expectedEdges: expectedEdges, source: source, produce: produce)
    }

    /// Imports the records `produce` hands to its `add` function, one at a time, so a producer
    /// (a generator) never holds them all in memory. Same validation and speed as a file import;
    /// `expectedEdges` lets a large import rebuild the edge indexes once at the end.
    public func importRecords(
        skipInvalid: Bool, expectedEdges: Int, source: EntityID? = nil, progress: @escaping (Int) -> Void = { _ in },
        produce: (_ add: (ImportRecord) throws(NexoError) -> Void) throws(NexoError) -> Void
    ) throws(NexoError) -> ImportReport {
        let importer = try BulkImporter(session: self, skipInvalid: skipInvalid)
        importer.citeForUnnamed = source?.rawValue
        try importer.expectEdges(expectedEdges)
        var n = 0
        try produce { (record: ImportRecord) throws(NexoError) in
            n += 1
            try importer.record(at: "record \(n)") { () throws(NexoError) in
                switch record {
                case .entity(let draft, let aliases):
                    try importer.addEntity(
                        id: draft.id?.rawValue, kind: draft.kind, label: draft.label,
                        properties: draft.properties, aliases: aliases, source: nil)
                case .edge(let draft):
                    try importer.addEdge(
                        kind: draft.kind, from: draft.from.rawValue, to: draft.to.rawValue,
                        validFrom: draft.validFrom?.description, validTo: draft.validTo?.description,
                        confidence: draft.confidence, properties: draft.properties, source: nil)
                }
            }
            if n % 10_000 == 0 {
                progress(n)
                try state.connection.checkCancellation()
            }
        }
        try importer.finish()
        return importer.report
    }

    // MARK: CSV

    private func importCSV(
        _ reader: FileReader, _ encoding: EncodingPolicy, _ importer: BulkImporter,
        _ progress: (Int) -> Void
    ) throws(NexoError) {
        var csv = CSVRecordReader(reader, encoding: encoding)
        defer { importer.report.replacedSequences = csv.replaced }
        guard try csv.next() else { return }
        let header = (0..<csv.fieldCount).map { csv.string($0) }
        let location = { (line: Int) in "\(reader.path):\(line)" }
        let layout = try CSVLayout(header: header, schema: schema, location: location(csv.line))
        let plans = importer.plans(for: layout)
        if layout.isEdges { try importer.expectEdges(reader.size / 40) }
        var n = 0
        while try csv.next() {
            n += 1
            try importer.record(at: location(csv.line)) { () throws(NexoError) in
                // Clean rows take the byte-level fast path; anything else (including every
                // invalid row) takes the general path below, which has the error messages.
                if try csv.withFields({ fields throws(NexoError) in
                    try layout.isEdges
                        ? importer.fastEdge(fields, layout, plans) : importer.fastEntity(fields, layout, plans)
                }) {
                    return
                }
                guard csv.fieldCount == header.count else {
                    throw NexoError(.invalidInput, "expected \(header.count) fields, found \(csv.fieldCount)")
                }
                let kind = csv.string(layout.kind)
                let table = layout.isEdges ? try importer.edgeKind(kind).table : try importer.entityKind(kind).table
                var properties: [String: Value] = [:]
                for (column, name) in layout.properties where !csv.isEmpty(column) {
                    let (_, spec) = try table.spec(name)
                    properties[name] = try table.parse(csv.string(column), spec)
                }
                if layout.isEdges {
                    var confidence = 1.0
                    if let c = layout.confidence, !csv.isEmpty(c) {
                        let text = csv.string(c)
                        guard let value = Double(text) else {
                            throw NexoError(.invalidInput, "confidence must be a number, got '\(text)'")
                        }
                        confidence = value
                    }
                    try importer.addEdge(
                        kind: kind, from: csv.string(layout.from), to: csv.string(layout.to),
                        validFrom: layout.validFrom.flatMap { csv.isEmpty($0) ? nil : csv.string($0) },
                        validTo: layout.validTo.flatMap { csv.isEmpty($0) ? nil : csv.string($0) },
                        confidence: confidence, properties: properties, source: nil)
                } else {
                    var aliases: [String] = []
                    if let a = layout.aliases, !csv.isEmpty(a) { aliases = try Self.aliasList(csv.string(a)) }
                    try importer.addEntity(
                        id: csv.isEmpty(layout.id) ? nil : csv.string(layout.id), kind: kind,
                        label: csv.string(layout.label), properties: properties, aliases: aliases, source: nil)
                }
            }
            if n % 10_000 == 0 {
                progress(n)
                try state.connection.checkCancellation()
            }
        }
    }

    /// Aliases in a CSV cell: a JSON array of strings.
    static func aliasList(_ text: String) throws(NexoError) -> [String] {
        guard case .array(let items)? = try? JSONReader.parse(text) else {
            throw NexoError(.invalidInput, "aliases must be a JSON array of strings, like [\"La Flaca\"]")
        }
        var result: [String] = []
        for item in items {
            guard case .string(let s) = item else {
                throw NexoError(.invalidInput, "aliases must be a JSON array of strings, like [\"La Flaca\"]")
            }
            result.append(s)
        }
        return result
    }

    // MARK: NDJSON

    private func importNDJSON(
        _ reader: FileReader, _ encoding: EncodingPolicy, _ importer: BulkImporter,
        _ progress: (Int) -> Void
    ) throws(NexoError) {
        var lines = LineReader(reader, encoding: encoding)
        defer { importer.report.replacedSequences = lines.replaced }
        var n = 0
        let size = reader.size
        while try lines.next({ bytes, line throws(NexoError) in
            n += 1
            try importer.record(at: "\(reader.path):\(line)") { () throws(NexoError) in
                let parsed: JSONValue
                do throws(JSONSyntaxError) { parsed = try JSONReader.parse(bytes) } catch {
                    throw NexoError(.invalidInput, "malformed JSON at column \(error.offset + 1): \(error.message)")
                }
                guard case .object(let object) = parsed else {
                    throw NexoError(.invalidInput, "expected a JSON object")
                }
                let record = try NDJSONRecord(object)
                switch record.type {
                case "source":
                    try record.allow(["type", "id", "description", "grading", "origin"])
                    try importer.addSource(
                        fileID: try record.requiredString("id"), description: try record.requiredString("description"),
                        grading: try record.requiredString("grading"), origin: try record.string("origin"))
                case "entity":
                    try record.allow(["type", "id", "kind", "label", "properties", "aliases", "source"])
                    let kind = try record.requiredString("kind")
                    let table = try importer.entityKind(kind).table
                    try importer.addEntity(
                        id: try record.string("id"), kind: kind, label: try record.requiredString("label"),
                        properties: try record.properties(table), aliases: try record.strings("aliases"),
                        source: try record.string("source"))
                case "edge":
                    try record.allow([
                        "type", "kind", "from", "to", "valid_from", "valid_to", "confidence", "properties", "source",
                    ])
                    try importer.expectEdges(size / 60)
                    let kind = try record.requiredString("kind")
                    let table = try importer.edgeKind(kind).table
                    try importer.addEdge(
                        kind: kind, from: try record.requiredString("from"), to: try record.requiredString("to"),
                        validFrom: try record.string("valid_from"), validTo: try record.string("valid_to"),
                        confidence: try record.number("confidence") ?? 1, properties: try record.properties(table),
                        source: try record.string("source"))
                default:
                    throw NexoError(
                        .invalidInput, "unknown record type '\(record.type)'",
                        hint: "use \"type\":\"source\", \"type\":\"entity\" or \"type\":\"edge\"")
                }
            }
            if n % 10_000 == 0 {
                progress(n)
                try state.connection.checkCancellation()
            }
        }) {}
    }
}
