import NexoKit

/// The shared ``Schema`` precomputed for validation: one ``PropertyTable`` per kind. Rebuilt when
/// the host calls ``Store/setSchema(_:)``; every write path validates through it.
struct SchemaTables: Sendable {
    /// The schema it was built from.
    let schema: Schema
    private let entityTables: [String: PropertyTable]
    private let edgeTables: [String: PropertyTable]

    init(_ schema: Schema) {
        self.schema = schema
        entityTables = schema.entityKinds.mapValues { PropertyTable(owner: $0.name, properties: $0.properties) }
        edgeTables = schema.edgeKinds.mapValues { PropertyTable(owner: $0.name, properties: $0.properties) }
    }

    /// The entity kind `name` and its properties, or not-found with a suggestion.
    func entityKind(_ name: String) throws(NexoError) -> (spec: EntityKindSpec, properties: PropertyTable) {
        guard let spec = schema.entityKinds[name], let table = entityTables[name] else {
            throw NexoError(
                .notFound, "unknown entity kind '\(name)'",
                hint: Suggestions.didYouMean(name, in: schema.entityKindNames)
                    ?? "known kinds: \(schema.entityKindNames.joined(separator: ", "))")
        }
        return (spec, table)
    }

    /// The edge kind `name` and its properties, or not-found with a suggestion.
    func edgeKind(_ name: String) throws(NexoError) -> (spec: EdgeKindSpec, properties: PropertyTable) {
        guard let spec = schema.edgeKinds[name], let table = edgeTables[name] else {
            throw NexoError(
                .notFound, "unknown edge kind '\(name)'",
                hint: Suggestions.didYouMean(name, in: schema.edgeKindNames)
                    ?? "known edge kinds: \(schema.edgeKindNames.joined(separator: ", "))")
        }
        return (spec, table)
    }

    /// Property table of an entity kind, if declared (reads of kinds no longer declared still work).
    func entityProperties(_ kind: String) -> PropertyTable? { entityTables[kind] }
    /// Property table of an edge kind, if declared.
    func edgeProperties(_ kind: String) -> PropertyTable? { edgeTables[kind] }

    /// A label must have a visible character and follow ``TextRules``.
    static func checkLabel(_ label: String) throws(NexoError) {
        if label.allSatisfy(\.isWhitespace) { throw NexoError(.invalidInput, "label must not be empty") }
        try TextRules.checkName(label, field: "label")
    }

    /// An alias must have a visible character and follow ``TextRules``.
    static func checkAlias(_ alias: String) throws(NexoError) {
        if alias.allSatisfy(\.isWhitespace) { throw NexoError(.invalidInput, "alias must not be empty") }
        try TextRules.checkName(alias, field: "alias")
    }

    /// An id supplied by a writer: non-empty, at most 200 characters, no spaces or control characters.
    static func checkID(_ id: String) throws(NexoError) {
        guard !id.isEmpty, id.utf8.count <= 200,
            !id.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F || $0.properties.isWhitespace })
        else {
            throw NexoError(
                .invalidInput, "invalid id '\(id)'", hint: "ids are non-empty, without spaces or control characters")
        }
    }

    /// Checks the endpoints' kinds against the edge kind's `fromKinds`/`toKinds`.
    static func checkEndpoints(_ spec: EdgeKindSpec, from: EntityID, fromKind: String, to: EntityID, toKind: String)
        throws(NexoError)
    {
        if !spec.fromKinds.isEmpty && !spec.fromKinds.contains(fromKind) {
            throw NexoError(
                .invalidInput,
                "\(spec.name) cannot start at \(from) (a \(fromKind)); allowed: "
                    + "\(spec.fromKinds.joined(separator: ", "))"
            )
        }
        if !spec.toKinds.isEmpty && !spec.toKinds.contains(toKind) {
            throw NexoError(
                .invalidInput,
                "\(spec.name) cannot end at \(to) (a \(toKind)); allowed: \(spec.toKinds.joined(separator: ", "))")
        }
    }

    /// Confidence in 0…1 and `validFrom ≤ validTo`.
    static func checkEdgeFields(validFrom: CivilDate?, validTo: CivilDate?, confidence: Double) throws(NexoError) {
        guard confidence.isFinite, (0...1).contains(confidence) else {
            throw NexoError(.invalidInput, "confidence must be between 0 and 1, got \(Value.format(confidence))")
        }
        if let validFrom, let validTo, validFrom > validTo {
            throw NexoError(.invalidInput, "valid_from \(validFrom) is after valid_to \(validTo)")
        }
    }

    /// Decodes a stored property map, typing values by the declaration when there is one.
    static func decode(_ json: UnsafeBufferPointer<UInt8>, _ table: PropertyTable?) -> [String: Value] {
        if let fast = PropertyDecoder.decode(json, table) { return fast }
        guard json.count > 2, case .object(let members)? = try? JSONReader.parse(json) else { return [:] }
        var result: [String: Value] = [:]
        result.reserveCapacity(members.count)
        for member in members {
            let (key, raw) = (member.key, member.value)
            let type = table.flatMap { t in t.index[key].map { t.properties[$0].type } }
            if let value = decodeValue(raw, type) { result[key] = value }
        }
        return result
    }

    private static func decodeValue(_ raw: JSONValue, _ type: ValueType?) -> Value? {
        switch raw {
        case .null, .array, .object: return nil
        case .bool(let b): return .bool(b)
        case .string(let s):
            switch type {
            case .date?, .partialDate?: return CivilDate(iso: s).map(Value.date) ?? .string(s)
            case .dateRange?: return DateRange(parsing: s).map(Value.dateRange) ?? .string(s)
            default: return .string(s)
            }
        case .number(let text):
            if case .double? = type { return Double(text).map(Value.double) }
            if let i = Int64(text) { return .int(i) }
            return Double(text).map(Value.double)
        }
    }
}
