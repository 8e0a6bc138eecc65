import NexoKit

/// Appends the spec cache's binary encoding: little-endian integers, length-prefixed UTF-8 text,
/// count-prefixed lists, one tag byte per enum case. ``SpecReader`` reads it back.
struct SpecWriter {
    private(set) var bytes: [UInt8] = []

    mutating func u8(_ value: UInt8) { bytes.append(value) }

    mutating func u32(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> shift)) }
    }

    mutating func u64(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> shift)) }
    }

    mutating func i64(_ value: Int64) { u64(UInt64(bitPattern: value)) }

    mutating func bool(_ value: Bool) { u8(value ? 1 : 0) }

    mutating func string(_ value: String) {
        u32(UInt32(value.utf8.count))
        bytes.append(contentsOf: value.utf8)
    }

    mutating func optionalString(_ value: String?) {
        bool(value != nil)
        if let value { string(value) }
    }

    mutating func list<T>(_ values: [T], _ write: (inout SpecWriter, T) -> Void) {
        u32(UInt32(values.count))
        for value in values { write(&self, value) }
    }

    mutating func strings(_ values: [String]) { list(values) { $0.string($1) } }

    mutating func description(_ plugin: PluginDescription) {
        string(plugin.name)
        string(plugin.version)
        string(plugin.summary)
        list(plugin.schema.entityKinds) { $0.entityKind($1) }
        list(plugin.schema.edgeKinds) { $0.edgeKind($1) }
        list(plugin.schema.entityExtensions) { $0.kindExtension($1) }
        list(plugin.schema.edgeExtensions) { $0.kindExtension($1) }
        // Each spec is preceded by its length, so a start reads every command's path and skips the
        // rest (``CachedDescription`` decodes a spec when it is first needed).
        list(plugin.commands) { writer, spec in
            var inner = SpecWriter()
            inner.command(spec)
            writer.u32(UInt32(inner.bytes.count))
            writer.bytes += inner.bytes
        }
    }

    private mutating func property(_ property: PropertySpec) {
        string(property.name)
        valueType(property.type)
        bool(property.isRequired)
        string(property.summary)
    }

    private mutating func entityKind(_ kind: EntityKindSpec) {
        string(kind.name)
        string(kind.idPrefix)
        string(kind.summary)
        list(kind.properties) { $0.property($1) }
    }

    private mutating func edgeKind(_ kind: EdgeKindSpec) {
        string(kind.name)
        string(kind.summary)
        strings(kind.fromKinds)
        strings(kind.toKinds)
        list(kind.properties) { $0.property($1) }
    }

    private mutating func kindExtension(_ added: KindExtension) {
        string(added.kind)
        list(added.properties) { $0.property($1) }
    }

    private mutating func command(_ spec: CommandSpec) {
        strings(spec.path)
        string(spec.summary)
        string(spec.discussion)
        list(spec.arguments) { writer, argument in
            writer.string(argument.name)
            writer.valueType(argument.type)
            writer.string(argument.summary)
            writer.bool(argument.isOptional)
            writer.bool(argument.isVariadic)
            writer.completion(argument.completion)
        }
        list(spec.options) { writer, option in
            writer.string(option.name)
            writer.bool(option.type != nil)
            if let type = option.type { writer.valueType(type) }
            writer.string(option.summary)
            writer.bool(option.defaultValue != nil)
            if let value = option.defaultValue { writer.value(value) }
            writer.bool(option.isRepeatable)
            writer.completion(option.completion)
        }
        strings(spec.examples)
        switch spec.input {
        case nil: u8(0)
        case .entities(let kind)?:
            u8(1)
            optionalString(kind)
        case .rows?: u8(2)
        }
        switch spec.columns {
        case nil: u8(0)
        case .fixed(let columns)?:
            u8(1)
            list(columns) { writer, column in
                writer.string(column.name)
                writer.valueType(column.type)
            }
        case .input?: u8(2)
        }
        bool(spec.writes)
    }

    private mutating func completion(_ source: CompletionSource?) {
        switch source {
        case nil: u8(0)
        case .inputColumns?: u8(1)
        case .sortKeys?: u8(2)
        case .jobs(let kind)?:
            u8(3)
            optionalString(kind)
        case .edgeProperty(let edge, let property)?:
            u8(4)
            string(edge)
            string(property)
        }
    }

    private mutating func valueType(_ type: ValueType) {
        switch type {
        case .string: u8(0)
        case .int: u8(1)
        case .double: u8(2)
        case .bool: u8(3)
        case .date: u8(4)
        case .dateRange: u8(5)
        case .oneOf(let choices):
            u8(6)
            strings(choices)
        case .entity(let kind):
            u8(7)
            optionalString(kind)
        case .filePath: u8(8)
        case .partialDate: u8(9)
        case .record: u8(10)
        }
    }

    private mutating func date(_ date: CivilDate?) {
        bool(date != nil)
        if let date { i64(Int64(date.year) << 16 | Int64(date.month) << 8 | Int64(date.day)) }
    }

    private mutating func value(_ value: Value) {
        switch value {
        case .null: u8(0)
        case .bool(let flag):
            u8(1)
            bool(flag)
        case .int(let number):
            u8(2)
            i64(number)
        case .double(let number):
            u8(3)
            u64(number.bitPattern)
        case .string(let text):
            u8(4)
            string(text)
        case .date(let day):
            u8(5)
            date(day)
        case .dateRange(let range):
            u8(6)
            date(range.lower)
            date(range.upper)
        case .entity(let reference):
            u8(7)
            string(reference.id.rawValue)
            string(reference.kind)
            string(reference.label)
        }
    }
}

/// Reads what ``SpecWriter`` wrote; any byte out of place (a cut-short file, an unknown tag, a
/// count past the end) throws, so a damaged entry is never half-trusted.
struct SpecReader {
    /// The encoding does not hold what was expected.
    struct Malformed: Error {}

    fileprivate let bytes: [UInt8]
    fileprivate(set) var offset: Int

    init(_ bytes: [UInt8], from offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    /// Whether every byte was read.
    var isAtEnd: Bool { offset == bytes.count }

    mutating func u8() throws(Malformed) -> UInt8 {
        guard offset < bytes.count else { throw Malformed() }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func u32() throws(Malformed) -> UInt32 {
        guard bytes.count - offset >= 4 else { throw Malformed() }
        var value: UInt32 = 0
        for index in 0..<4 { value |= UInt32(bytes[offset + index]) << (8 * index) }
        offset += 4
        return value
    }

    mutating func u64() throws(Malformed) -> UInt64 {
        guard bytes.count - offset >= 8 else { throw Malformed() }
        var value: UInt64 = 0
        for index in 0..<8 { value |= UInt64(bytes[offset + index]) << (8 * index) }
        offset += 8
        return value
    }

    mutating func i64() throws(Malformed) -> Int64 { Int64(bitPattern: try u64()) }

    mutating func bool() throws(Malformed) -> Bool {
        switch try u8() {
        case 0: return false
        case 1: return true
        default: throw Malformed()
        }
    }

    mutating func string() throws(Malformed) -> String {
        let count = Int(try u32())
        guard bytes.count - offset >= count else { throw Malformed() }
        let text = String(validating: bytes[offset..<offset + count], as: UTF8.self)
        offset += count
        guard let text else { throw Malformed() }
        return text
    }

    mutating func optionalString() throws(Malformed) -> String? { try bool() ? try string() : nil }

    mutating func list<T>(_ read: (inout SpecReader) throws(Malformed) -> T) throws(Malformed) -> [T] {
        let count = Int(try u32())
        // Every element takes at least one byte: a count past the end is damage, not a huge list.
        guard count <= bytes.count - offset else { throw Malformed() }
        var values: [T] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try read(&self)) }
        return values
    }

    mutating func strings() throws(Malformed) -> [String] {
        try list { reader throws(Malformed) in try reader.string() }
    }

    /// A description with its commands' paths read and their specs left encoded: see ``CachedDescription``.
    mutating func cachedDescription() throws(Malformed) -> CachedDescription {
        let name = try string()
        let version = try string()
        let summary = try string()
        let schema = SchemaContribution(
            entityKinds: try list { reader throws(Malformed) in try reader.entityKind() },
            edgeKinds: try list { reader throws(Malformed) in try reader.edgeKind() },
            entityExtensions: try list { reader throws(Malformed) in try reader.kindExtension() },
            edgeExtensions: try list { reader throws(Malformed) in try reader.kindExtension() })
        var ranges: [Range<Int>] = []
        let paths = try list { reader throws(Malformed) -> [String] in
            let length = Int(try reader.u32())
            guard length <= reader.bytes.count - reader.offset else { throw Malformed() }
            let range = reader.offset..<reader.offset + length
            let path = try reader.strings()
            guard reader.offset <= range.upperBound else { throw Malformed() }
            reader.offset = range.upperBound
            ranges.append(range)
            return path
        }
        return CachedDescription(
            name: name, version: version, summary: summary, schema: schema, commandPaths: paths, encoded: bytes,
            ranges: ranges)
    }

    /// The command spec encoded in exactly `range` of `bytes`.
    static func command(in bytes: [UInt8], at range: Range<Int>) throws(Malformed) -> CommandSpec {
        var reader = SpecReader(bytes, from: range.lowerBound)
        let spec = try reader.command()
        guard reader.offset == range.upperBound else { throw Malformed() }
        return spec
    }

    private mutating func property() throws(Malformed) -> PropertySpec {
        let name = try string()
        let type = try valueType()
        let required = try bool()
        return PropertySpec(name, type, required: required, summary: try string())
    }

    private mutating func properties() throws(Malformed) -> [PropertySpec] {
        try list { reader throws(Malformed) in try reader.property() }
    }

    private mutating func entityKind() throws(Malformed) -> EntityKindSpec {
        let name = try string()
        let prefix = try string()
        let summary = try string()
        return EntityKindSpec(name, idPrefix: prefix, summary: summary, properties: try properties())
    }

    private mutating func edgeKind() throws(Malformed) -> EdgeKindSpec {
        let name = try string()
        let summary = try string()
        let from = try strings()
        let to = try strings()
        return EdgeKindSpec(name, summary: summary, from: from, to: to, properties: try properties())
    }

    private mutating func kindExtension() throws(Malformed) -> KindExtension {
        let kind = try string()
        return KindExtension(kind, properties: try properties())
    }

    private mutating func command() throws(Malformed) -> CommandSpec {
        var spec = CommandSpec(try strings(), summary: try string(), discussion: try string())
        spec.arguments = try list { reader throws(Malformed) in
            let name = try reader.string()
            let type = try reader.valueType()
            let summary = try reader.string()
            let optional = try reader.bool()
            let variadic = try reader.bool()
            return ArgumentSpec(
                name, type, summary, optional: optional, variadic: variadic, completion: try reader.completion())
        }
        spec.options = try list { reader throws(Malformed) in
            let name = try reader.string()
            let type = try reader.bool() ? try reader.valueType() : nil
            var option = OptionSpec(name, .string, try reader.string())
            option.type = type
            option.defaultValue = try reader.bool() ? try reader.value() : nil
            option.isRepeatable = try reader.bool()
            option.completion = try reader.completion()
            return option
        }
        spec.examples = try strings()
        switch try u8() {
        case 0: spec.input = nil
        case 1: spec.input = .entities(kind: try optionalString())
        case 2: spec.input = .rows
        default: throw Malformed()
        }
        switch try u8() {
        case 0: spec.columns = nil
        case 1:
            spec.columns = .fixed(
                try list { reader throws(Malformed) in Column(try reader.string(), try reader.valueType()) })
        case 2: spec.columns = .input
        default: throw Malformed()
        }
        spec.writes = try bool()
        return spec
    }

    private mutating func completion() throws(Malformed) -> CompletionSource? {
        switch try u8() {
        case 0: return nil
        case 1: return .inputColumns
        case 2: return .sortKeys
        case 3: return .jobs(kind: try optionalString())
        case 4: return .edgeProperty(edge: try string(), property: try string())
        default: throw Malformed()
        }
    }

    private mutating func valueType() throws(Malformed) -> ValueType {
        switch try u8() {
        case 0: return .string
        case 1: return .int
        case 2: return .double
        case 3: return .bool
        case 4: return .date
        case 5: return .dateRange
        case 6: return .oneOf(try strings())
        case 7: return .entity(kind: try optionalString())
        case 8: return .filePath
        case 9: return .partialDate
        case 10: return .record
        default: throw Malformed()
        }
    }

    private mutating func date() throws(Malformed) -> CivilDate? {
        guard try bool() else { return nil }
        let packed = try i64()
        guard
            let date = CivilDate(
                year: Int(packed >> 16), month: Int(packed >> 8 & 0xFF), day: Int(packed & 0xFF))
        else { throw Malformed() }
        return date
    }

    private mutating func value() throws(Malformed) -> Value {
        switch try u8() {
        case 0: return .null
        case 1: return .bool(try bool())
        case 2: return .int(try i64())
        case 3: return .double(Double(bitPattern: try u64()))
        case 4: return .string(try string())
        case 5:
            guard let day = try date() else { throw Malformed() }
            return .date(day)
        case 6:
            guard let range = DateRange(lower: try date(), upper: try date()) else { throw Malformed() }
            return .dateRange(range)
        case 7:
            let id = try string()
            let kind = try string()
            return .entity(EntityRef(id: EntityID(id), kind: kind, label: try string()))
        default: throw Malformed()
        }
    }
}
