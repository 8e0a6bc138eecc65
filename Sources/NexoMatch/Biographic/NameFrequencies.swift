/// How common each value of a field is, so that agreeing on a common surname (`Hernández`)
/// counts less than agreeing on a rare one (`Mazariegos`): the term-frequency adjustment of
/// Fellegi–Sunter weights.
///
/// Learn a table from the gallery (``init(values:)``); values it never saw fall back to
/// ``defaultShare``. ``defaultSurnames`` is a table to use before a gallery exists.
public struct NameFrequencies: Sendable, Hashable {
    /// Share of records per folded value (0…1).
    public private(set) var shares: [String: Double]
    /// Share assumed for a value the table does not hold.
    public var defaultShare: Double

    /// A table from explicit shares.
    public init(shares: [String: Double], defaultShare: Double) {
        self.shares = shares
        self.defaultShare = defaultShare
    }

    /// Learns shares from the values seen in a gallery (each folded; empty values skipped). A
    /// value never seen gets half the share of a value seen once.
    public init(values: some Sequence<String>) {
        var counts: [String: Int] = [:]
        var total = 0
        for value in values where !value.isEmpty {
            counts[value, default: 0] += 1
            total += 1
        }
        let n = Double(max(total, 1))
        shares = counts.mapValues { Double($0) / n }
        defaultShare = 0.5 / n
    }

    /// The share of a folded value.
    public func share(_ folded: String) -> Double { shares[folded] ?? defaultShare }

    /// Number of distinct values held.
    public var count: Int { shares.count }

    /// The default surname table: the most common surnames of El Salvador, Guatemala, Honduras
    /// and Mexico, in rank order, with shares that fall off as 0.2 / (rank + 4) — a Zipf-like
    /// approximation of published surname statistics (Hernández ≈ 4 %, rank 70 ≈ 0.3 %), not
    /// exact figures. Unknown surnames get 1 in 5,000.
    public static let defaultSurnames: NameFrequencies = {
        var shares: [String: Double] = [:]
        for (rank, name) in rankedSurnames.enumerated() { shares[name] = 0.2 / Double(rank + 5) }
        return NameFrequencies(shares: shares, defaultShare: 1.0 / 5000)
    }()

    /// The default share of a folded surname, or `nil` when it is not in the default table.
    public static func defaultSurnameShare(_ folded: String) -> Double? { defaultSurnames.shares[folded] }

    static let rankedSurnames = [
        "HERNANDEZ", "LOPEZ", "MARTINEZ", "GARCIA", "RODRIGUEZ", "PEREZ", "RAMIREZ", "FLORES", "GONZALEZ", "CRUZ",
        "REYES", "MORALES", "RIVERA", "GOMEZ", "DIAZ", "MEJIA", "CASTILLO", "ALVARADO", "AGUILAR", "ROMERO",
        "SANCHEZ", "RAMOS", "ORTIZ", "VASQUEZ", "PORTILLO", "GUZMAN", "JUAREZ", "CHAVEZ", "MENJIVAR", "ESCOBAR",
        "ORELLANA", "ARGUETA", "AYALA", "VELASQUEZ", "BONILLA", "ROSALES", "QUINTANILLA", "HENRIQUEZ", "LEMUS",
        "MOLINA", "CORTEZ", "MENDOZA", "NAVARRO", "ZELAYA", "FUENTES", "GUEVARA", "CAMPOS", "SOLIS", "MIRANDA",
        "BARRERA", "VILLATORO", "DERAS", "MAJANO", "AMAYA", "ZEPEDA", "RIVAS", "PALACIOS", "LINARES", "RECINOS",
        "CACERES", "PINEDA", "TOBAR", "VENTURA", "ALFARO", "CARRANZA", "SORTO", "UMANA", "BELTRAN", "TORRES",
        "VARGAS", "JIMENEZ", "RUIZ", "MENDEZ", "SANTOS", "CASTRO", "VARELA", "SALAZAR", "ESTRADA", "LEON",
    ]
}
