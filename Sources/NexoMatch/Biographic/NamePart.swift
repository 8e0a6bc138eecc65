import NexoKit

/// One part of a person's name — a given name (`María de los Ángeles`), a surname (`de la Cruz`)
/// — in its display form and the forms comparisons use.
public struct NamePart: Sendable, Hashable, CustomStringConvertible {
    /// As written, diacritics and particles kept: `de la Cruz`.
    public let display: String
    /// Folded (``NameFolding/words(_:upperCased:)``, upper case), particles kept: `DE LA CRUZ`.
    public let folded: String
    /// Folded without particles: `CRUZ` (all words kept when every word is a particle).
    public let core: String
    /// UTF-8 of ``core``, for the string comparators.
    public let coreBytes: [UInt8]
    /// Spanish phonetic key of ``core`` (``SpanishPhonetic``).
    public let phonetic: [UInt8]

    /// Builds a part from its display text.
    public init(_ display: String) {
        self.display = display
        folded = NameFolding.words(display, upperCased: true)
        let words = folded.split(separator: " ")
        let significant = words.filter { !NameParticles.isParticle($0) }
        core = (significant.isEmpty ? words : significant).joined(separator: " ")
        coreBytes = Array(core.utf8)
        phonetic = SpanishPhonetic.key(folded: coreBytes)
    }

    /// Words of ``core``: `MARIA ANGELES` → `MARIA`, `ANGELES`.
    public var coreWords: [Substring] { core.split(separator: " ") }

    /// Whether the part is a single letter, with or without a dot (`J.`).
    public var isInitial: Bool { coreBytes.count == 1 }

    /// The display form.
    public var description: String { display }
}

/// Small words that join a name to the next one (`de`, `del`, `de la`, `de los` …), and the
/// markers of a widow's name (`viuda de`, `vda. de`).
public enum NameParticles {
    /// Particles, folded.
    public static let particles: Set<Substring> = [
        "DE", "DEL", "LA", "LAS", "LOS", "Y", "E", "DA", "DAS", "DO", "DOS", "DI", "DU", "VAN", "VON", "DER", "DEN",
        "LE", "DELLA", "DELLO", "TER", "TEN", "VDA", "VIUDA",
    ]

    /// Whether the folded word is a particle.
    public static func isParticle(_ word: Substring) -> Bool { particles.contains(word) }

    /// Whether the folded word starts a married surname (`de`, `del`).
    static func isMarriedMarker(_ word: Substring) -> Bool { word == "DE" || word == "DEL" }

    /// Whether the folded word marks a widow (`viuda`, `vda`).
    static func isWidowMarker(_ word: Substring) -> Bool { word == "VIUDA" || word == "VDA" }

    /// Words that follow `María de …`, `José de …` in compound given names (Marian and other
    /// devotional names): `María de los Ángeles`, `María de Jesús`, `José de la Cruz`.
    static let compoundGivenElements: Set<String> = [
        "ANGELES", "JESUS", "LOURDES", "CARMEN", "DOLORES", "FATIMA", "ROSARIO", "LUZ", "PAZ", "REMEDIOS",
        "PILAR", "SOCORRO", "MERCEDES", "CRUZ", "GUADALUPE", "LOS ANGELES", "CONSUELO", "GRACIA", "MONTSERRAT",
        "LA LUZ", "LA PAZ", "LA CRUZ", "LOS REMEDIOS", "LAS MERCEDES", "LOS SANTOS", "ASUNCION", "BELEN",
        "LA O", "JOSE", "REGLA", "NIEVES", "LORETO", "ROCIO", "ALTAGRACIA",
    ]
}
