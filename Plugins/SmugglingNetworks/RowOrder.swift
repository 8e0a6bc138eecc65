import NexoKit

/// Building blocks of the documented row orders: compare key by key, absent values first (as
/// `sort` puts nulls), and fall through to the next key on a tie.
///
/// ```swift
/// rows.sort { RowOrder.first($0.date, $1.date) ?? RowOrder.first($0.id, $1.id) ?? false }
/// ```
enum RowOrder {
    /// Whether `a` comes before `b` (absent first), or `nil` when they are equal.
    static func first<T: Comparable>(_ a: T?, _ b: T?) -> Bool? {
        switch (a, b) {
        case (nil, nil): nil
        case (nil, _): true
        case (_, nil): false
        case let (x?, y?): x == y ? nil : x < y
        }
    }

    /// Position of a facilitator role in ``SmugglingSchema/roles``; unknown roles after them.
    static func rank(ofRole role: String?) -> Int {
        role.flatMap { SmugglingSchema.roles.firstIndex(of: $0) } ?? SmugglingSchema.roles.count
    }
}

extension Value {
    /// A cell from an optional value.
    static func from(_ date: CivilDate?) -> Value { date.map(Value.date) ?? .null }
    /// A cell from an optional text.
    static func from(_ text: String?) -> Value { text.map(Value.string) ?? .null }
    /// A cell from an optional number.
    static func from(_ number: Double?) -> Value { number.map(Value.double) ?? .null }
    /// A cell from an optional count.
    static func from(_ count: Int?) -> Value { count.map { .int(Int64($0)) } ?? .null }
}
