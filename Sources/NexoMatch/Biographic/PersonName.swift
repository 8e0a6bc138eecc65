import NexoKit

/// A person's name in its parts, following Hispanic conventions: given names, a paternal and an
/// optional maternal surname, and a married woman's `de <husband's surname>`.
///
/// ``parse(_:)`` reads a name as one line (`María de los Ángeles López Hernández de Ayala`,
/// `LÓPEZ HERNÁNDEZ, María`, `LÓPEZ HERNÁNDEZ María`, `LÓPEZ HERNÁNDEZ MARÍA JOSÉ`). Names of other
/// traditions pass through with every word kept, in order: `Jean-Baptiste Pierre-Louis` is given `Jean-Baptiste`,
/// surname `Pierre-Louis`; `WANG Xiaoming` (family name in capitals) is given `Xiaoming`, surname
/// `WANG`. Comparisons (``NameComparator``) do not rely on the split alone: they also try swapped
/// orders.
public struct PersonName: Sendable, Hashable, CustomStringConvertible {
    /// The text parsed.
    public let original: String
    /// Given names in order; a compound such as `María de los Ángeles` is one part.
    public var givenNames: [NamePart]
    /// The first (paternal) surname, or the only one.
    public var paternal: NamePart?
    /// The second (maternal) surname, when recorded.
    public var maternal: NamePart?
    /// A married woman's husband's surname (`de Ayala` → `Ayala`, display `de Ayala`).
    public var married: NamePart?
    /// Whether the text gave surnames before given names (`LÓPEZ, María`).
    public var surnamesFirst: Bool

    /// Creates a name from its parts.
    public init(
        original: String, givenNames: [NamePart], paternal: NamePart?, maternal: NamePart? = nil,
        married: NamePart? = nil, surnamesFirst: Bool = false
    ) {
        self.original = original
        self.givenNames = givenNames
        self.paternal = paternal
        self.maternal = maternal
        self.married = married
        self.surnamesFirst = surnamesFirst
    }

    /// A name whose given names and surnames come in separate fields, as in most registers:
    /// `PersonName(given: "María José", surnames: "López Hernández de Ayala")`.
    public init(given: String, surnames: String) {
        let givenUnits = Self.units(given)
        let surnameUnits = Self.units(surnames)
        let (paternal, maternal, married) = Self.assignSurnames(surnameUnits)
        self.init(
            original: [given, surnames].filter { !$0.isEmpty }.joined(separator: " "),
            givenNames: givenUnits.map(NamePart.init), paternal: paternal, maternal: maternal, married: married)
    }

    /// Parses a full name written on one line. Never fails: an empty text gives an empty name.
    public static func parse(_ text: String) -> PersonName {
        if let comma = text.firstIndex(of: ",") {
            // `Surnames, Given names`.
            let (p, m, d) = assignSurnames(units(String(text[..<comma])))
            let given = units(String(text[text.index(after: comma)...]))
            return PersonName(
                original: text, givenNames: given.map(NamePart.init), paternal: p, maternal: m,
                married: d, surnamesFirst: true)
        }
        var all = units(text)
        // Register convention: surnames in capitals, given names not (`LÓPEZ HERNÁNDEZ María`).
        let caps = all.map { unit in unit.split(separator: " ").contains { Self.isUpperCaseWord($0) } }
        if caps.contains(true) && caps.contains(false) {
            let surnames = zip(all, caps).filter { $0.1 }.map(\.0)
            let given = zip(all, caps).filter { !$0.1 }.map(\.0)
            let (p, m, d) = assignSurnames(surnames)
            return PersonName(
                original: text, givenNames: given.map(NamePart.init), paternal: p, maternal: m,
                married: d, surnamesFirst: caps.first == true)
        }
        guard !all.isEmpty else { return PersonName(original: text, givenNames: [], paternal: nil) }
        // Case tells nothing (`MENDOZA GÓMEZ JOSEFINA LUCÍA`, all in capitals): surnames come first
        // when the text opens with a known surname that is no given name and ends with a given name.
        if all.count >= 3, !isLikelyGivenName(all[0]),
            NameFrequencies.defaultSurnameShare(NameFolding.words(all[0], upperCased: true)) != nil,
            isLikelyGivenName(all[all.count - 1])
        {
            var surnames: [String] = []
            while surnames.count < 2, all.count > 1, !isLikelyGivenName(all[0]) { surnames.append(all.removeFirst()) }
            let (p, m, d) = assignSurnames(surnames)
            return PersonName(
                original: text, givenNames: all.map(NamePart.init), paternal: p, maternal: m,
                married: d, surnamesFirst: true)
        }
        var given = [all.removeFirst()]
        // `María de los Ángeles López Pérez`: a devotional particle unit right after a given name,
        // when two surnames still follow (`José de Jesús Ramos` is José, surnames de Jesús and Ramos).
        while all.count >= 3, startsWithParticle(all[0]),
            NameParticles.compoundGivenElements.contains(NamePart(all[0]).core)
        {
            given[given.count - 1] += " " + all.removeFirst()
        }
        var married: NamePart?
        if let last = all.last, all.count >= 3 || (all.count >= 2 && isWidowForm(last)), isMarriedForm(last) {
            married = NamePart(stripWidowMarker(all.removeLast()))
        }
        // More than two remaining units: the leading ones are further given names.
        while all.count > 2 { given.append(all.removeFirst()) }
        // `Juan Carlos Pérez`: a second unit that is a known given name and not a known surname.
        if all.count == 2, married == nil, isLikelyGivenName(all[0]) { given.append(all.removeFirst()) }
        let paternal = all.first.map(NamePart.init)
        let maternal = all.count > 1 ? NamePart(all[1]) : nil
        return PersonName(
            original: text, givenNames: given.map(NamePart.init), paternal: paternal,
            maternal: maternal, married: married)
    }

    /// The surnames present: paternal, maternal, married.
    public var surnames: [NamePart] { [paternal, maternal, married].compactMap { $0 } }

    /// Every part, given names first.
    public var parts: [NamePart] { givenNames + surnames }

    /// The other way to read a name of one given name and two surnames written on one line: two given names and
    /// one surname (`Brayan Erik Orellana` is Brayan Erik Orellana as often as Brayan, Erik Orellana when `Erik` is
    /// no given name the parser knows). `nil` for a name with no such ambiguity.
    public var otherReading: PersonName? {
        guard !surnamesFirst, married == nil, givenNames.count == 1, let paternal, let maternal else { return nil }
        return PersonName(original: original, givenNames: givenNames + [paternal], paternal: maternal)
    }

    /// Whether nothing was parsed.
    public var isEmpty: Bool { givenNames.isEmpty && paternal == nil && maternal == nil && married == nil }

    /// Display form in the Hispanic order: given names, surnames, married form.
    public var description: String {
        parts.map(\.display).joined(separator: " ")
    }

    // MARK: - Parsing helpers

    /// Splits text into name units: words, with particles attached to the word that follows
    /// (`de los Ángeles`), and trailing particles attached to the word before.
    static func units(_ text: String) -> [String] {
        var units: [String] = []
        var pending: [Substring] = []
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            let folded = NameFolding.words(String(word), upperCased: true)
            if folded.isEmpty { continue }
            if NameParticles.isParticle(Substring(folded)) {
                pending.append(word)
            } else {
                units.append((pending + [word]).joined(separator: " "))
                pending = []
            }
        }
        if !pending.isEmpty {
            if units.isEmpty {
                units.append(pending.joined(separator: " "))
            } else {
                units[units.count - 1] += " " + pending.joined(separator: " ")
            }
        }
        return units
    }

    /// Paternal, maternal and married surnames from surname units.
    static func assignSurnames(_ units: [String]) -> (NamePart?, NamePart?, NamePart?) {
        var units = units
        var married: NamePart?
        if let last = units.last, isMarriedForm(last), units.count >= 3 || (units.count >= 2 && isWidowForm(last)) {
            married = NamePart(stripWidowMarker(units.removeLast()))
        }
        let paternal = units.first.map(NamePart.init)
        let maternal = units.count > 1 ? NamePart(units.dropFirst().joined(separator: " ")) : nil
        return (paternal, maternal, married)
    }

    private static func startsWithParticle(_ unit: String) -> Bool {
        guard let first = NameFolding.words(unit, upperCased: true).split(separator: " ").first else { return false }
        return NameParticles.isParticle(first)
    }

    private static func isMarriedForm(_ unit: String) -> Bool {
        let words = NameFolding.words(unit, upperCased: true).split(separator: " ")
        guard words.count >= 2 else { return false }
        return NameParticles.isMarriedMarker(words[0]) || NameParticles.isWidowMarker(words[0])
    }

    private static func isWidowForm(_ unit: String) -> Bool {
        NameFolding.words(unit, upperCased: true).split(separator: " ").first.map(NameParticles.isWidowMarker) ?? false
    }

    /// `viuda de Ayala` → `de Ayala`.
    private static func stripWidowMarker(_ unit: String) -> String {
        let words = unit.split(separator: " ")
        guard let first = words.first,
            NameParticles.isWidowMarker(Substring(NameFolding.words(String(first), upperCased: true)))
        else {
            return unit
        }
        return words.dropFirst().joined(separator: " ")
    }

    /// Whether `word` is all upper case and has at least two letters (a register's `LÓPEZ`).
    private static func isUpperCaseWord(_ word: some StringProtocol) -> Bool {
        var letters = 0
        for scalar in word.unicodeScalars where scalar.properties.isAlphabetic {
            if scalar.properties.isLowercase { return false }
            if scalar.properties.isUppercase { letters += 1 }
        }
        return letters >= 2
    }

    private static func isLikelyGivenName(_ unit: String) -> Bool {
        let folded = NameFolding.words(unit, upperCased: true)
        return (Nicknames.isKnown(folded: folded) || GivenNames.common.contains(folded))
            && NameFrequencies.defaultSurnameShare(folded) == nil
    }
}

/// Common given names that are not in the nickname table, folded (used to tell a second given
/// name from a surname in `Juan Carlos Pérez`).
enum GivenNames {
    static let common: Set<String> = [
        "CARLOS", "LUIS", "JORGE", "MARIO", "MIGUEL", "OSCAR", "JULIO", "PEDRO", "RICARDO", "WALTER", "EDWIN",
        "NELSON", "KEVIN", "BRAYAN", "JONATHAN", "MARVIN", "ANGEL", "DAVID", "ALEXANDER", "JOSUE", "WILMER", "ELMER",
        "ERICK", "PABLO", "ALONSO", "ERNESTO", "ALBERTO", "JAVIER", "ANA", "ROSA", "CARMEN", "SANDRA", "KARLA",
        "GABRIELA", "CLAUDIA", "PATRICIA", "MARTA", "YESENIA", "BRENDA", "JENNIFER", "KATHERINE", "WENDY", "SONIA",
        "SILVIA", "ALEJANDRA", "LUCIA", "ELENA", "DANIELA", "FATIMA", "ROXANA", "DINORA", "REINA", "BLANCA",
        "ESMERALDA", "JESSICA", "EVELYN", "ROCIO", "MILAGRO", "ISABEL", "TERESA", "VERONICA", "JOSEFINA", "YANIRA",
        "CECILIA", "FERNANDA", "ANTONIO", "MANUEL", "FRANCISCO", "JOSE", "JUAN", "MARIA", "JESUS", "GUADALUPE",
    ]
}
