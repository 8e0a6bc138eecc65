import NexoKit

/// The declared properties of one entity or edge kind, precomputed for fast validation:
/// sorted by name (the order they are stored in), indexed by name, required ones listed.
struct PropertyTable {
    /// `person` or `member_of`: used in messages.
    let owner: String
    /// Declared properties, sorted by name.
    let properties: [PropertySpec]
    /// Position in ``properties`` by name.
    let index: [String: Int]
    /// Positions of required properties.
    let required: [Int]

    init(owner: String, properties: [PropertySpec]) {
        self.owner = owner
        let sorted = properties.sorted { $0.name < $1.name }
        var index: [String: Int] = [:]
        for (i, p) in sorted.enumerated() { index[p.name] = i }
        self.properties = sorted
        self.index = index
        required = sorted.indices.filter { sorted[$0].isRequired }
    }

    /// The spec of `name`, or an error naming the closest declared property.
    func spec(_ name: String) throws(NexoError) -> (position: Int, spec: PropertySpec) {
        guard let i = index[name] else {
            let names = properties.map(\.name)
            let hint =
                Suggestions.didYouMean(name, in: names)
                ?? (names.isEmpty ? "\(owner) has no properties" : "\(owner) has: \(names.joined(separator: ", "))")
            throw NexoError(.invalidInput, "property '\(name)' is not declared for \(owner)", hint: hint)
        }
        return (i, properties[i])
    }

    /// Validates and normalizes a property map: every name declared, every value of its type
    /// (ints widen to doubles), `.null` values dropped. With `requireAll`, required ones must be present.
    func validate(_ values: [String: Value], requireAll: Bool) throws(NexoError) -> [String: Value] {
        var result: [String: Value] = [:]
        for name in values.keys.sorted() {
            let value = values[name]!
            let (_, spec) = try self.spec(name)
            if value.isNull { continue }
            result[name] = try check(value, spec)
        }
        if requireAll { try checkRequired(result) }
        return result
    }

    /// Fails when a required property is missing from `values`.
    func checkRequired(_ values: [String: Value]) throws(NexoError) {
        for i in required where values[properties[i].name] == nil {
            throw missing(properties[i].name)
        }
    }

    /// The error for a missing required property.
    func missing(_ name: String) -> NexoError {
        NexoError(.invalidInput, "missing required property '\(name)' for \(owner)")
    }

    /// Checks one value against its declared type; returns it normalized.
    func check(_ value: Value, _ spec: PropertySpec) throws(NexoError) -> Value {
        switch (spec.type, value) {
        case (.string, .string(let s)), (.filePath, .string(let s)), (.entity, .string(let s)):
            try TextRules.checkPropertyText(s, name: spec.name, owner: owner)
            return value
        case (.int, .int), (.bool, .bool), (.date, .date), (.dateRange, .dateRange):
            return value
        case (.entity, .entity(let ref)): return .string(ref.id.rawValue)
        case (.double, .double(let d)):
            guard d.isFinite else { throw mismatch(spec, value, expected: "a finite number") }
            return value
        case (.double, .int(let i)): return .double(Double(i))
        case (.oneOf(let choices), .string(let s)):
            guard choices.contains(s) else {
                throw NexoError(
                    .invalidInput,
                    "property '\(spec.name)' of \(owner) must be one of \(choices.joined(separator: "|")), got '\(s)'",
                    hint: s.count >= 3 ? Suggestions.didYouMean(s, in: choices) : nil)
            }
            return value
        default:
            throw mismatch(spec, value, expected: Self.expected(spec.type))
        }
    }

    /// Parses the text of a CSV cell as a value of the property's type.
    func parse(_ text: String, _ spec: PropertySpec) throws(NexoError) -> Value {
        let value: Value?
        switch spec.type {
        case .string, .filePath, .entity, .oneOf: value = .string(text)
        case .int: value = Int64(text).map(Value.int)
        case .double: value = Double(text).flatMap { $0.isFinite ? Value.double($0) : nil }
        case .bool: value = text == "true" ? .bool(true) : text == "false" ? .bool(false) : nil
        case .date: value = CivilDate(iso: text).map(Value.date)
        case .dateRange: value = DateRange(parsing: text).map(Value.dateRange)
        }
        guard let value else { throw mismatch(spec, .string(text), expected: Self.expected(spec.type)) }
        return try check(value, spec)
    }

    private func mismatch(_ spec: PropertySpec, _ value: Value, expected: String) -> NexoError {
        NexoError(.invalidInput, "property '\(spec.name)' of \(owner) must be \(expected), got \(Self.describe(value))")
    }

    /// `a date (YYYY-MM-DD)`, `an int`…
    static func expected(_ type: ValueType) -> String {
        switch type {
        case .string, .filePath: "text"
        case .int: "an int"
        case .double: "a number"
        case .bool: "true or false"
        case .date: "a date (YYYY-MM-DD)"
        case .dateRange: "a date range (A..B)"
        case .oneOf(let choices): "one of \(choices.joined(separator: "|"))"
        case .entity: "an entity id"
        }
    }

    /// `text 'abc'`, `int 3`…
    static func describe(_ value: Value) -> String {
        switch value {
        case .null: "nothing"
        case .bool(let b): "bool \(b)"
        case .int(let i): "int \(i)"
        case .double(let d): "number \(Value.format(d))"
        case .string(let s): "text '\(s)'"
        case .date(let d): "date \(d)"
        case .dateRange(let r): "date range \(r)"
        case .entity(let e): "entity \(e.id)"
        }
    }
}
