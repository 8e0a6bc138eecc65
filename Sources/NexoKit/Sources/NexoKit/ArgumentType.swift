/// The declared type of a typed argument or option key, and the Swift type it is read as.
///
/// The same spellings as ``ValueType``, so a key reads like the spec it replaces:
/// `ArgumentKey("group", .entity(kind: "group"), "The gang")` declares an argument the host
/// resolves to a group and the command reads as an ``EntityRef``. The Swift type `T` follows from
/// the declared type, so reading a key as anything else does not compile.
public struct ArgumentType<T: Sendable>: Sendable {
    /// The type the host validates and converts to before the command runs.
    public let valueType: ValueType
    /// Where completion finds words of this type when ``valueType`` cannot say, or `nil`.
    public let completion: CompletionSource?
    /// Reads a bound value as `T`; `nil` when it is not of this type (or null).
    let read: @Sendable (Value) -> T?
    /// Writes a `T` as a value (for defaults).
    let write: @Sendable (T) -> Value

    /// Declares a type from its value type and conversions. Plugins use the predefined types
    /// (`.string`, `.int`, `.entity(kind:)` …); this is for types built on them.
    /// `completion` says where tab completion finds words (``CompletionSource``).
    public init(
        _ valueType: ValueType, completion: CompletionSource? = nil, read: @escaping @Sendable (Value) -> T?,
        write: @escaping @Sendable (T) -> Value
    ) {
        self.valueType = valueType
        self.completion = completion
        self.read = read
        self.write = write
    }
}

extension ArgumentType where T == String {
    /// Text.
    public static var string: Self { Self(.string, read: \.stringValue, write: Value.string) }
    /// Text that tab completion offers words for from `source`: the columns piped in, the
    /// session's jobs, the values stored in an edge property.
    public static func string(completing source: CompletionSource) -> Self {
        Self(.string, completion: source, read: \.stringValue, write: Value.string)
    }
    /// One of a fixed set of words, read as the chosen word.
    public static func oneOf(_ choices: [String]) -> Self {
        Self(.oneOf(choices), read: \.stringValue, write: Value.string)
    }
    /// A file path, read with a leading `~/` already expanded.
    public static var filePath: Self { Self(.filePath, read: \.stringValue, write: Value.string) }
}

extension ArgumentType where T == Int64 {
    /// A whole number.
    public static var int: Self { Self(.int, read: \.intValue, write: Value.int) }
}

extension ArgumentType where T == Double {
    /// A number (a whole number given is read as a `Double`).
    public static var double: Self { Self(.double, read: \.doubleValue, write: Value.double) }
}

extension ArgumentType where T == Bool {
    /// `true` or `false`.
    public static var bool: Self { Self(.bool, read: \.boolValue, write: Value.bool) }
}

extension ArgumentType where T == CivilDate {
    /// A calendar date.
    public static var date: Self { Self(.date, read: \.dateValue, write: Value.date) }
}

extension ArgumentType where T == DateRange {
    /// A date range (`2026-01..2026-06`).
    public static var dateRange: Self { Self(.dateRange, read: \.dateRangeValue, write: Value.dateRange) }
}

extension ArgumentType where T == EntityRef {
    /// An entity of `kind` (any kind when `nil`), given by id or unique label and resolved by the
    /// host before the command runs.
    public static func entity(kind: String?) -> Self {
        Self(.entity(kind: kind), read: \.entityValue, write: Value.entity)
    }
}

extension ArgumentType where T == Value {
    /// Anything the store holds by id (``ValueType/record``): an entity value, or the text of an edge, source or run
    /// id.
    public static var record: Self { Self(.record, read: { $0.isNull ? nil : $0 }, write: { $0 }) }
}
