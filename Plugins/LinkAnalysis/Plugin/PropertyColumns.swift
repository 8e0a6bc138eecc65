import NexoKit

/// The properties a file declares for its nodes or its edges: every property name the selected
/// entities (or edges) carry, in name order, each with the one type all its values share.
///
/// A property whose values are integers and numbers is a number (`double`); any other mix is text.
struct PropertyColumns {
    /// The type a file declares for a property.
    enum ColumnType: Equatable {
        case boolean, integer, double, text

        /// GraphML's `attr.type` and GEXF's attribute `type` for this type.
        var xmlName: String {
            switch self {
            case .boolean: "boolean"
            case .integer: "long"
            case .double: "double"
            case .text: "string"
            }
        }
    }

    /// Property names in order, with their types.
    var columns: [(name: String, type: ColumnType)]

    /// The columns of every property in `properties` (one dictionary per entity or edge).
    init(_ properties: [[String: Value]]) {
        var types: [String: ColumnType] = [:]
        for element in properties {
            for (name, value) in element where !value.isNull {
                let type = Self.type(of: value)
                types[name] = types[name].map { Self.merged($0, type) } ?? type
            }
        }
        columns = types.keys.sorted().map { ($0, types[$0] ?? .text) }
    }

    private static func type(of value: Value) -> ColumnType {
        switch value {
        case .bool: .boolean
        case .int: .integer
        case .double: .double
        default: .text
        }
    }

    private static func merged(_ a: ColumnType, _ b: ColumnType) -> ColumnType {
        if a == b { return a }
        if (a == .integer && b == .double) || (a == .double && b == .integer) { return .double }
        return .text
    }
}
