import Glibc
import NexoKit

/// Which CSV columns hold what, from the header row.
struct CSVLayout {
    var isEdges: Bool
    var columnCount = 0
    var id = 0, kind = 0, label = 0, from = 0, to = 0
    var aliases: Int?, validFrom: Int?, validTo: Int?, confidence: Int?
    var properties: [(column: Int, name: String)] = []

    init(header: [String], schema: Schema, location: String) throws(NexoError) {
        columnCount = header.count
        var seen: [String: Int] = [:]
        for (column, name) in header.enumerated() {
            if let first = seen.updateValue(column, forKey: name) {
                throw NexoError(
                    .invalidInput,
                    "\(location): column '\(name)' appears twice in the header (columns \(first + 1) and "
                        + "\(column + 1))",
                    hint: "remove or rename one of them")
            }
        }
        let fixed: Set<String>
        let declared: [String]
        if header.count >= 3 && Array(header[0..<3]) == ["id", "kind", "label"] {
            isEdges = false
            (id, kind, label) = (0, 1, 2)
            aliases = header.firstIndex(of: "aliases")
            fixed = ["id", "kind", "label", "aliases"]
            declared = schema.entityKinds.values.flatMap { $0.properties.map(\.name) }
        } else if header.count >= 3 && Array(header[0..<3]) == ["kind", "from", "to"] {
            isEdges = true
            (kind, from, to) = (0, 1, 2)
            validFrom = header.firstIndex(of: "valid_from")
            validTo = header.firstIndex(of: "valid_to")
            confidence = header.firstIndex(of: "confidence")
            fixed = ["kind", "from", "to", "valid_from", "valid_to", "confidence"]
            declared = schema.edgeKinds.values.flatMap { $0.properties.map(\.name) }
        } else {
            throw NexoError(
                .invalidInput, "\(location): unrecognised CSV header",
                hint: "entities start with id,kind,label and edges with kind,from,to")
        }
        let known = Set(declared)
        for (column, name) in header.enumerated() where !fixed.contains(name) {
            guard known.contains(name) else {
                throw NexoError(
                    .invalidInput,
                    "\(location): column '\(name)' is not a property of any \(isEdges ? "edge" : "entity") kind",
                    hint: Suggestions.didYouMean(name, in: known.sorted()))
            }
            properties.append((column, name))
        }
    }
}

/// How the fast path handles one kind in a CSV file: which property columns it owns, in stored
/// (sorted) order, and what it may do with each without the general validator.
final class CSVKindPlan {
    enum FastType {
        case text, int, bool, date, double
        case choices([[UInt8]])
        /// Anything the fast path does not check itself (date ranges…): the row goes the general way.
        case general
    }

    struct PropertyColumn {
        var name: String
        var column: Int
        /// `"name":`
        var key: [UInt8]
        var type: FastType
    }

    var name: String
    var nameBytes: [UInt8]
    var code: UInt16
    /// Declared property columns, sorted by property name.
    var columns: [PropertyColumn]
    /// Property columns this kind does not declare: must be empty.
    var foreignColumns: [Int]
    /// Columns of required properties.
    var requiredColumns: [Int]
    /// A required property has no column at all (every row goes the general way, and fails).
    var requiredMissing: Bool
    /// Entity kinds: id prefix (`P`). Edge kinds: allowed endpoint kind codes (empty = any).
    var idPrefix: String = ""
    var fromCodes: Set<UInt16> = []
    var toCodes: Set<UInt16> = []

    init(
        name: String, code: UInt16, columns: [PropertyColumn], foreignColumns: [Int], requiredColumns: [Int],
        requiredMissing: Bool
    ) {
        self.name = name
        nameBytes = Array(name.utf8)
        self.code = code
        self.columns = columns
        self.foreignColumns = foreignColumns
        self.requiredColumns = requiredColumns
        self.requiredMissing = requiredMissing
    }
}

/// The CSV fast path: clean rows are validated and bound straight from the read buffer, without
/// per-field strings or dictionaries. Returning `false` sends the row down the general path.
extension BulkImporter {
    /// Plans for every declared kind of the file's sort (entities or edges).
    func plans(for layout: CSVLayout) -> [CSVKindPlan] {
        let schema = session.schema
        func plan(name: String, properties: [PropertySpec]) -> CSVKindPlan {
            let declared = Dictionary(properties.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
            var columns: [CSVKindPlan.PropertyColumn] = []
            var foreign: [Int] = []
            for (column, property) in layout.properties {
                guard let spec = declared[property] else { foreign.append(column); continue }
                let type: CSVKindPlan.FastType =
                    switch spec.type {
                    case .string, .filePath: .text
                    case .int: .int
                    case .bool: .bool
                    case .date: .date
                    case .double: .double
                    case .oneOf(let choices): .choices(choices.map { Array($0.utf8) })
                    default: .general
                    }
                var key = JSONWriter()
                key.string(property)
                key.raw(UInt8(ascii: ":"))
                columns.append(.init(name: property, column: column, key: key.bytes, type: type))
            }
            columns.sort { $0.name < $1.name }
            let required = properties.filter(\.isRequired).map(\.name)
            let requiredColumns = layout.properties.filter { required.contains($0.name) }.map(\.column)
            return CSVKindPlan(
                name: name, code: known.code(of: name), columns: columns, foreignColumns: foreign,
                requiredColumns: requiredColumns, requiredMissing: requiredColumns.count < required.count)
        }
        if layout.isEdges {
            return schema.edgeKindNames.map { name in
                let spec = schema.edgeKinds[name]!
                let p = plan(name: name, properties: spec.properties)
                p.fromCodes = Set(spec.fromKinds.map { known.code(of: $0) })
                p.toCodes = Set(spec.toKinds.map { known.code(of: $0) })
                return p
            }
        }
        return schema.entityKindNames.map { name in
            let spec = schema.entityKinds[name]!
            let p = plan(name: name, properties: spec.properties)
            p.idPrefix = spec.idPrefix
            return p
        }
    }

    /// Inserts a clean entity row; `false` when the row needs the general path.
    func fastEntity(_ f: CSVFields, _ layout: CSVLayout, _ plans: [CSVKindPlan]) throws(NexoError) -> Bool {
        guard f.count == layout.columnCount, let plan = Self.plan(f[layout.kind], plans), checkColumns(f, plan) else {
            return false
        }
        if let a = layout.aliases, !f[a].isEmpty { return false }
        let id = f[layout.id]
        guard !id.isEmpty, id.count <= 200, id.allSatisfy({ $0 > 0x20 && $0 < 0x7F }), known.kind(of: id) == 0 else {
            return false
        }
        let label = f[layout.label]
        guard label.contains(where: { $0 > 0x20 && $0 < 0x7F }), TextRules.isAcceptableName(label) else { return false }
        guard writeProperties(f, plan) else { return false }
        let idText = String(decoding: id, as: UTF8.self)
        if let n = IDSequences.number(of: idText, prefix: plan.idPrefix) {
            if n >= (try sequence(plan.idPrefix)) { sequences[plan.idPrefix] = n + 1 }
        }
        insertEntity.bindUnsafeText(id, at: 1)
        insertEntity.bindUnsafeText(f[layout.kind], at: 2)
        insertEntity.bindUnsafeText(label, at: 3)
        json.bytes.withUnsafeBufferPointer { insertEntity.bindText($0, at: 4) }
        insertEntity.bind(try unnamedSource(), at: 6)
        do { try insertEntity.step() } catch {
            if insertEntity.lastError?.isUniqueViolation == true { throw duplicate(idText) }
            throw error
        }
        insertEntity.reset()
        known.insert(id, code: plan.code)
        report.entities += 1
        return true
    }

    /// Inserts a clean edge row; `false` when the row needs the general path.
    func fastEdge(_ f: CSVFields, _ layout: CSVLayout, _ plans: [CSVKindPlan]) throws(NexoError) -> Bool {
        guard f.count == layout.columnCount, let plan = Self.plan(f[layout.kind], plans), checkColumns(f, plan) else {
            return false
        }
        let from = f[layout.from], to = f[layout.to]
        let fromCode = known.kind(of: from), toCode = known.kind(of: to)
        guard fromCode != 0, toCode != 0, plan.fromCodes.isEmpty || plan.fromCodes.contains(fromCode),
            plan.toCodes.isEmpty || plan.toCodes.contains(toCode)
        else { return false }
        let validFrom = layout.validFrom.map { f[$0] } ?? UnsafeBufferPointer(start: nil, count: 0)
        let validTo = layout.validTo.map { f[$0] } ?? UnsafeBufferPointer(start: nil, count: 0)
        guard validFrom.isEmpty || Self.isISODate(validFrom), validTo.isEmpty || Self.isISODate(validTo) else {
            return false
        }
        if !validFrom.isEmpty && !validTo.isEmpty && validTo.lexicographicallyPrecedes(validFrom) { return false }
        var confidence = 1.0
        if let c = layout.confidence, !f[c].isEmpty {
            guard let value = Self.number(f[c]), (0...1).contains(value) else { return false }
            confidence = value
        }
        guard writeProperties(f, plan) else { return false }
        insertEdge.bindUnsafeText(f[layout.kind], at: 1)
        insertEdge.bindUnsafeText(from, at: 2)
        insertEdge.bindUnsafeText(to, at: 3)
        json.bytes.withUnsafeBufferPointer { insertEdge.bindText($0, at: 4) }
        if validFrom.isEmpty { insertEdge.bindNull(at: 5) } else { insertEdge.bindUnsafeText(validFrom, at: 5) }
        if validTo.isEmpty { insertEdge.bindNull(at: 6) } else { insertEdge.bindUnsafeText(validTo, at: 6) }
        insertEdge.bind(confidence, at: 7)
        insertEdge.bind(try unnamedSource(), at: 9)
        try insertEdge.step()
        insertEdge.reset()
        report.edges += 1
        return true
    }

    private static func plan(_ kind: UnsafeBufferPointer<UInt8>, _ plans: [CSVKindPlan]) -> CSVKindPlan? {
        for plan in plans where plan.nameBytes.count == kind.count && plan.nameBytes.elementsEqual(kind) { return plan }
        return nil
    }

    private func checkColumns(_ f: CSVFields, _ plan: CSVKindPlan) -> Bool {
        if plan.requiredMissing { return false }
        for c in plan.requiredColumns where f[c].isEmpty { return false }
        for c in plan.foreignColumns where !f[c].isEmpty { return false }
        return true
    }

    /// Writes the row's properties as the stored JSON object into ``json``; `false` when a value
    /// needs the general validator.
    private func writeProperties(_ f: CSVFields, _ plan: CSVKindPlan) -> Bool {
        json.clear()
        json.raw(UInt8(ascii: "{"))
        var first = true
        for property in plan.columns {
            let value = f[property.column]
            if value.isEmpty { continue }
            if !first { json.raw(UInt8(ascii: ",")) }
            first = false
            json.bytes.append(contentsOf: property.key)
            switch property.type {
            case .text:
                guard TextRules.isAcceptablePropertyText(value) else { return false }
                json.string(value)
            case .int:
                guard Self.isCanonicalInt(value) else { return false }
                json.raw(value)
            case .bool:
                guard value.elementsEqual("true".utf8) || value.elementsEqual("false".utf8) else { return false }
                json.raw(value)
            case .date:
                guard Self.isISODate(value) else { return false }
                json.string(value)
            case .double:
                guard let d = Self.number(value) else { return false }
                json.number(d)
            case .choices(let choices):
                guard choices.contains(where: { $0.count == value.count && $0.elementsEqual(value) }) else {
                    return false
                }
                json.string(value)
            case .general:
                return false
            }
        }
        json.raw(UInt8(ascii: "}"))
        return true
    }

    /// `0`, or an optional `-` and 1…18 digits without a leading zero: exactly how Int64 prints.
    private static func isCanonicalInt(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let digits = b.first == UInt8(ascii: "-") ? UnsafeBufferPointer(rebasing: b.dropFirst()) : b
        guard !digits.isEmpty, digits.count <= 18, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        if digits.count > 1 && digits[0] == 0x30 { return false }
        return !(b.count == 2 && b[0] == UInt8(ascii: "-") && b[1] == 0x30)
    }

    /// A finite decimal number (digits, sign, point, exponent only), or `nil`.
    private static func number(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        guard !b.isEmpty, b.count < 40,
            b.allSatisfy({
                ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x2D || $0 == 0x2B || $0 == 0x65 || $0 == 0x45
            })
        else { return nil }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 48) { p -> Double? in
            for (i, byte) in b.enumerated() { p[i] = CChar(bitPattern: byte) }
            p[b.count] = 0
            var end: UnsafeMutablePointer<CChar>?
            let value = strtod(p.baseAddress!, &end)
            guard let end, end - p.baseAddress! == b.count, value.isFinite else { return nil }
            return value
        }
    }
}
