/// The one check of a property value against its declaration, shared by the host's store and
/// the test kit's store double so that both refuse the same values with the same words.
extension PropertySpec {
    /// `value` checked against this property's type and normalized: ints widen to numbers, an
    /// entity becomes its id; text of a `oneOf` must be one of the choices.
    ///
    /// Errors (invalid input), with `owner` the kind (`person`, `member_of`):
    /// `property 'born' of person must be a date (YYYY-MM-DD), got text 'x'`,
    /// `property 'type' of group must be one of gang|clique, got 'gnag'` (hint `Did you mean 'gang'?`).
    public func check(_ value: Value, of owner: String) throws(NexoError) -> Value {
        switch (type, value) {
        case (.string, .string), (.filePath, .string), (.entity, .string), (.int, .int), (.bool, .bool),
            (.date, .date), (.dateRange, .dateRange):
            return value
        case (.partialDate, .date):
            return value
        case (.partialDate, .string(let text)):
            guard let date = PartialDate(iso: text) else {
                throw mismatch(value, of: owner, expected: Self.expected(type))
            }
            return date.value
        case (.entity, .entity(let ref)):
            return .string(ref.id.rawValue)
        case (.double, .double(let d)):
            guard d.isFinite else { throw mismatch(value, of: owner, expected: "a finite number") }
            return value
        case (.double, .int(let i)):
            return .double(Double(i))
        case (.oneOf(let choices), .string(let s)):
            guard choices.contains(s) else {
                throw NexoError(
                    .invalidInput,
                    "property '\(name)' of \(owner) must be one of \(choices.joined(separator: "|")), got '\(s)'",
                    hint: s.count >= 3 ? Suggestions.didYouMean(s, in: choices) : nil)
            }
            return value
        default:
            throw mismatch(value, of: owner, expected: Self.expected(type))
        }
    }

    private func mismatch(_ value: Value, of owner: String, expected: String) -> NexoError {
        NexoError(.invalidInput, "property '\(name)' of \(owner) must be \(expected), got \(Self.describe(value))")
    }

    /// `a date (YYYY-MM-DD)`, `an int`…
    private static func expected(_ type: ValueType) -> String {
        switch type {
        case .string, .filePath: "text"
        case .int: "an int"
        case .double: "a number"
        case .bool: "true or false"
        case .date: "a date (YYYY-MM-DD)"
        case .dateRange: "a date range (A..B)"
        case .partialDate: "a date (YYYY-MM-DD), or the part known (YYYY-MM or YYYY)"
        case .oneOf(let choices): "one of \(choices.joined(separator: "|"))"
        case .entity: "an entity id"
        case .record: "an id"
        }
    }

    /// `text 'abc'`, `int 3`…
    private static func describe(_ value: Value) -> String {
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
