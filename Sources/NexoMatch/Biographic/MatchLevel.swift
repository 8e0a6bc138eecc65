/// How two values of one field compare: the discrete outcome that Fellegi–Sunter weights are
/// attached to, from strongest agreement to disagreement.
public enum MatchLevel: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Equal after folding (diacritics, case, punctuation), or equal after normalisation.
    case exact
    /// Forms of one given name (`Pepe` / `José`).
    case nickname
    /// Same Spanish phonetic key (`Vásquez` / `Basques`).
    case phonetic
    /// Very close spelling (Jaro–Winkler ≥ 0.92, or one edit).
    case close
    /// Similar spelling (Jaro–Winkler ≥ 0.85, or two edits).
    case similar
    /// Day and month swapped (dates).
    case transposed
    /// Year off by one, day and month equal (dates).
    case nearby
    /// Values agree where both are known (a partial date, a name that is an initial).
    case partial
    /// The value agrees with another field of the other record (paternal with maternal surname,
    /// given name with surname).
    case swapped
    /// Values differ.
    case disagree
    /// One side or both lack the value: no evidence either way (weight 0).
    case missing

    /// Order of strength (``exact`` first).
    public static func < (a: MatchLevel, b: MatchLevel) -> Bool { a.rank < b.rank }

    private var rank: Int { Self.allCases.firstIndex(of: self)! }

    /// Whether the level counts as some agreement (anything but ``disagree`` and ``missing``).
    public var agrees: Bool { self != .disagree && self != .missing }
}

/// The outcome of comparing one field: level, weight and what was compared.
public struct FieldOutcome: Sendable, Hashable, CustomStringConvertible {
    /// Field name (`given`, `surname`, `dateOfBirth`, or an extra attribute's name).
    public var field: String
    /// How the values compared.
    public var level: MatchLevel
    /// Log₂ likelihood-ratio weight the model gives this outcome (0 when missing).
    public var weight: Double
    /// The values compared, for people: `LÓPEZ ~ LOPES`.
    public var detail: String
    /// The folded value both sides share when the level is ``MatchLevel/exact``: its frequency
    /// adjusts the weight (a common surname counts less).
    public var agreedValue: String?

    /// Creates an outcome.
    public init(field: String, level: MatchLevel, weight: Double = 0, detail: String, agreedValue: String? = nil) {
        self.field = field
        self.level = level
        self.weight = weight
        self.detail = detail
        self.agreedValue = agreedValue
    }

    /// `surname: phonetic (+6.2) LÓPEZ ~ LOPES`.
    public var description: String {
        let w = (weight * 10).rounded() / 10
        let sign = w >= 0 ? "+" : ""
        return "\(field): \(level.rawValue) (\(sign)\(w))" + (detail.isEmpty ? "" : " \(detail)")
    }
}
