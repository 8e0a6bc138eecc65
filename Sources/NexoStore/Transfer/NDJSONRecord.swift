import NexoKit

/// One NDJSON import line's object, with typed accessors whose errors name the field.
struct NDJSONRecord {
    /// `entity` or `edge`.
    let type: String
    private let fields: [String: JSONValue]
    private let object: JSONValue

    init(_ members: [JSONMember]) throws(NexoError) {
        object = .object(members)
        var fields: [String: JSONValue] = [:]
        for member in members { fields[member.key] = member.value }
        self.fields = fields
        guard case .string(let type)? = fields["type"] else {
            throw NexoError(.invalidInput, "missing \"type\"", hint: "use \"type\":\"entity\" or \"type\":\"edge\"")
        }
        self.type = type
    }

    /// Fails on a field not in `allowed`.
    func allow(_ allowed: Set<String>) throws(NexoError) {
        for key in fields.keys.sorted() where !allowed.contains(key) {
            throw NexoError(
                .invalidInput, "unknown field '\(key)' in a\(type == "entity" ? "n" : "") \(type)",
                hint: Suggestions.didYouMean(key, in: allowed.sorted()))
        }
    }

    /// A string field; `nil` when absent or null.
    func string(_ key: String) throws(NexoError) -> String? { try object.string(key) }

    /// A string field that must be there.
    func requiredString(_ key: String) throws(NexoError) -> String {
        guard let s = try string(key) else { throw NexoError(.invalidInput, "missing '\(key)'") }
        return s
    }

    /// A number field; `nil` when absent or null.
    func number(_ key: String) throws(NexoError) -> Double? { try object.number(key) }

    /// An array-of-strings field; empty when absent or null.
    func strings(_ key: String) throws(NexoError) -> [String] { try object.strings(key) }

    /// The `properties` object, typed by `table` (strings are parsed as the declared type).
    func properties(_ table: PropertyTable) throws(NexoError) -> [String: Value] {
        switch fields["properties"] {
        case nil, .null?: return [:]
        case .object(let members)?:
            var result: [String: Value] = [:]
            for member in members {
                let (name, raw) = (member.key, member.value)
                let (_, spec) = try table.spec(name)
                switch raw {
                case .null: continue
                case .string(let s): result[name] = try table.parse(s, spec)
                case .bool(let b): result[name] = try table.check(.bool(b), spec)
                case .number(let text):
                    let value: Value = Int64(text).map(Value.int) ?? Double(text).map(Value.double) ?? .string(text)
                    result[name] = try table.check(value, spec)
                case .array, .object:
                    throw NexoError(.invalidInput, "property '\(name)' of \(table.owner) must be a single value")
                }
            }
            return result
        default: throw NexoError(.invalidInput, "'properties' must be an object")
        }
    }
}
