import NexoKit

/// The declared properties of one entity or edge kind, checked the way the host's store checks
/// them, with its messages: every name declared, every value of its type
/// (``PropertySpec/check(_:of:)``, the store's own check), `.null` dropped, required ones present.
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

    /// One value checked against its declared type, normalized (the store's own check).
    func check(_ value: Value, _ spec: PropertySpec) throws(NexoError) -> Value {
        try spec.check(value, of: owner)
    }
}
