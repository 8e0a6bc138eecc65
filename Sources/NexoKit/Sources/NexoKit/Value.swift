/// The type of an argument, option, property or result column.
public enum ValueType: Sendable, Hashable, CustomStringConvertible {
    /// Free text.
    case string
    /// A 64-bit integer.
    case int
    /// A floating-point number.
    case double
    /// `true` or `false`.
    case bool
    /// A calendar date, `YYYY-MM-DD`.
    case date
    /// A date range, `2026-01..2026-06`.
    case dateRange
    /// A date known whole or in part: `1994-03-02`, `1994-03` or `1994` (``PartialDate``). Stored as a
    /// ``Value/date(_:)`` when whole, as the text of the part otherwise.
    case partialDate
    /// One of a fixed list of words (completed and validated by the host).
    case oneOf([String])
    /// A reference to a stored entity, of the given kind or of any kind when `nil`.
    /// The host resolves ids and unique labels and checks the kind before the command runs.
    case entity(kind: String?)
    /// A path on the local file system.
    case filePath
    /// Anything the store holds by id: an entity (id or unique label, resolved as ``entity(kind:)`` resolves it,
    /// to an entity value), or else an edge (`E-12`), a source (`S-3`) or a run (`R-8`), left as its id text for
    /// the command to look up (`show`). Completed like an entity.
    case record

    /// A short name for help text: `int`, `date`, `person`, `a|b|c`.
    public var description: String {
        switch self {
        case .string: "text"
        case .int: "int"
        case .double: "number"
        case .bool: "bool"
        case .date: "date"
        case .dateRange: "date-range"
        case .partialDate: "partial-date"
        case .oneOf(let choices): choices.joined(separator: "|")
        case .entity(let kind): kind ?? "entity"
        case .filePath: "file"
        case .record: "id"
        }
    }
}

/// A reference to a stored entity, carried in result rows and pipes.
public struct EntityRef: Sendable, Hashable, CustomStringConvertible {
    /// The entity's id.
    public var id: EntityID
    /// The entity's kind.
    public var kind: String
    /// The entity's display label.
    public var label: String

    /// Creates a reference.
    public init(id: EntityID, kind: String, label: String) {
        self.id = id
        self.kind = kind
        self.label = label
    }

    /// The id, which is what a reference prints as.
    public var description: String { id.rawValue }
}

/// A typed value: an argument, a property, a cell of a result row.
public enum Value: Sendable, Hashable, CustomStringConvertible {
    /// No value.
    case null
    /// A boolean.
    case bool(Bool)
    /// An integer.
    case int(Int64)
    /// A floating-point number.
    case double(Double)
    /// Text.
    case string(String)
    /// A calendar date.
    case date(CivilDate)
    /// A date range.
    case dateRange(DateRange)
    /// A reference to a stored entity.
    case entity(EntityRef)

    /// The value as plain text, as shown in tables and CSV (`null` is empty).
    public var description: String {
        switch self {
        case .null: ""
        case .bool(let b): b ? "true" : "false"
        case .int(let i): String(i)
        case .double(let d): Value.format(d)
        case .string(let s): s
        case .date(let d): d.description
        case .dateRange(let r): r.description
        case .entity(let e): e.id.rawValue
        }
    }

    /// Shortest text for a double that reads back the same; integers print without `.0` noise
    /// only when they are whole and small.
    public static func format(_ d: Double) -> String {
        if d.isNaN { return "nan" }
        if d.isInfinite { return d < 0 ? "-inf" : "inf" }
        return d.description
    }

    /// Whether this is ``null``.
    public var isNull: Bool { if case .null = self { true } else { false } }

    /// The text of a ``string`` value.
    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    /// The integer of an ``int`` value.
    public var intValue: Int64? { if case .int(let i) = self { i } else { nil } }
    /// The number of a ``double`` or ``int`` value.
    public var doubleValue: Double? {
        switch self {
        case .double(let d): d
        case .int(let i): Double(i)
        default: nil
        }
    }
    /// The boolean of a ``bool`` value.
    public var boolValue: Bool? { if case .bool(let b) = self { b } else { nil } }
    /// The date of a ``date`` value.
    public var dateValue: CivilDate? { if case .date(let d) = self { d } else { nil } }
    /// The range of a ``dateRange`` value.
    public var dateRangeValue: DateRange? { if case .dateRange(let r) = self { r } else { nil } }
    /// The reference of an ``entity`` value.
    public var entityValue: EntityRef? { if case .entity(let e) = self { e } else { nil } }

    /// A total order used by `sort`: nulls first, then by type, then by value.
    /// Entity references compare by id; strings by Unicode scalars (stable across locales).
    public static func ordered(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x < y
        case (.double(let x), .double(let y)): return x < y
        case (.int(let x), .double(let y)): return Double(x) < y
        case (.double(let x), .int(let y)): return x < Double(y)
        case (.string(let x), .string(let y)): return x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars)
        case (.date(let x), .date(let y)): return x < y
        case (.bool(let x), .bool(let y)): return !x && y
        case (.entity(let x), .entity(let y)): return x.id < y.id
        case (.dateRange(let x), .dateRange(let y)): return x.description < y.description
        default: return a.rank < b.rank
        }
    }

    private var rank: Int {
        switch self {
        case .null: 0
        case .bool: 1
        case .int, .double: 2
        case .date: 3
        case .dateRange: 4
        case .string: 5
        case .entity: 6
        }
    }
}
