import NexoKit

/// The declared properties of one entity or edge kind, checked the way the host's store checks
/// them, with its messages: every name declared, every value of its type (ints widen to numbers,
/// entities are stored as their ids), `.null` dropped, required ones present.
struct PropertyRules {
    /// `person` or `member_of`: used in messages.
    let owner: String
    /// Declared properties, sorted by name.
    let properties: [PropertySpec]

    init(owner: String, properties: [PropertySpec]) {
        self.owner = owner
        self.properties = properties.sorted { $0.name < $1.name }
    }

    /// The values, checked and normalized; with `requireAll`, required properties must be present.
    func validate(_ values: [String: Value], requireAll: Bool) throws(NexoError) -> [String: Value] {
        var result: [String: Value] = [:]
        for name in values.keys.sorted() {
            let spec = try self.spec(name)
            let value = values[name]!
            if value.isNull { continue }
            result[name] = try check(value, spec)
        }
        if requireAll { try checkRequired(result) }
        return result
    }

    /// Fails when a required property is missing from `values`.
    func checkRequired(_ values: [String: Value]) throws(NexoError) {
        for property in properties where property.isRequired && values[property.name] == nil {
            throw NexoError(.invalidInput, "missing required property '\(property.name)' for \(owner)")
        }
    }

    /// The spec of `name`, or an error naming the closest declared property.
    func spec(_ name: String) throws(NexoError) -> PropertySpec {
        if let spec = properties.first(where: { $0.name == name }) { return spec }
        let names = properties.map(\.name)
        let hint =
            Suggestions.didYouMean(name, in: names)
            ?? (names.isEmpty ? "\(owner) has no properties" : "\(owner) has: \(names.joined(separator: ", "))")
        throw NexoError(.invalidInput, "property '\(name)' is not declared for \(owner)", hint: hint)
    }

    /// One value checked against its declared type, normalized.
    func check(_ value: Value, _ spec: PropertySpec) throws(NexoError) -> Value {
        switch (spec.type, value) {
        case (.string, .string), (.filePath, .string), (.entity, .string), (.int, .int), (.bool, .bool),
            (.date, .date), (.dateRange, .dateRange):
            return value
        case (.entity, .entity(let ref)):
            return .string(ref.id.rawValue)
        case (.double, .double(let d)):
            guard d.isFinite else { throw mismatch(spec, value, expected: "a finite number") }
            return value
        case (.double, .int(let i)):
            return .double(Double(i))
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
