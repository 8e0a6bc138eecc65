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

    /// Checks one value against its declared type (``PropertySpec/check(_:of:)``, shared with the
    /// test kit's store) and text against ``TextRules``; returns it normalized.
    func check(_ value: Value, _ spec: PropertySpec) throws(NexoError) -> Value {
        if case .string(let s) = value, spec.type.holdsText {
            try TextRules.checkPropertyText(s, name: spec.name, owner: owner)
        }
        return try spec.check(value, of: owner)
    }

    /// Parses the text of a CSV cell as a value of the property's type.
    func parse(_ text: String, _ spec: PropertySpec) throws(NexoError) -> Value {
        let value: Value?
        switch spec.type {
        case .string, .filePath, .entity, .record, .oneOf: value = .string(text)
        case .int: value = Int64(text).map(Value.int)
        case .double: value = Double(text).flatMap { $0.isFinite ? Value.double($0) : nil }
        case .bool: value = text == "true" ? .bool(true) : text == "false" ? .bool(false) : nil
        case .date: value = CivilDate(iso: text).map(Value.date)
        case .dateRange: value = DateRange(parsing: text).map(Value.dateRange)
        case .partialDate: value = PartialDate(iso: text)?.value
        }
        // Text that does not parse is refused by the type check, naming the type.
        return try check(value ?? .string(text), spec)
    }
}

extension ValueType {
    /// Whether values of this type are stored as text (and so follow ``TextRules``).
    fileprivate var holdsText: Bool {
        switch self {
        case .string, .filePath, .entity, .record: true
        default: false
        }
    }
}
