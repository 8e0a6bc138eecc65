import NexoKit

/// The result of comparing two biographic records: a score, the weight of each field and a
/// plain explanation.
public struct BiographicScore: Sendable, Hashable {
    /// Sum of field weights: a log₂ likelihood ratio (positive: more likely the same person).
    public var score: Double
    /// Posterior probability of a match under the model's prior.
    public var probability: Double
    /// Each field's outcome with its weight, in comparison order.
    public var fields: [FieldOutcome]
    /// Remarks on the whole comparison (`matched through alias "Chepe López"`).
    public var notes: [String]

    /// One line per field that had evidence, then the notes:
    /// `surname: exact (+9.1) López`.
    public var explanation: [String] {
        fields.filter { $0.level != .missing }.map(\.description) + notes
    }

    /// The outcome of a field, if compared.
    public func outcome(_ field: String) -> FieldOutcome? { fields.first { $0.field == field } }
}

/// Compares biographic records with Fellegi–Sunter weights: names (with aliases as names of
/// their own), date of birth, sex, nationality, documents and any extra fields.
///
/// ```swift
/// let comparator = BiographicComparator()
/// let s = comparator.compare(BiographicRecord(name: "José López Pérez"), BiographicRecord(name: "Pepe Lopes"))
/// s.explanation  // ["given: nickname (+w) José ~ Pepe", "surname: phonetic (+w) López ~ Lopes"], w the weights
/// ```
public struct BiographicComparator: Sendable {
    /// The weights.
    public var model: FellegiSunterModel
    /// How names compare.
    public var names: NameComparator
    /// Surname frequencies for the term-frequency adjustment (folded cores).
    public var surnameFrequencies: NameFrequencies
    /// Given-name frequencies for the term-frequency adjustment, when known.
    public var givenFrequencies: NameFrequencies?

    /// A comparator; by default the documented default model and surname table.
    public init(
        model: FellegiSunterModel = .defaults, names: NameComparator = NameComparator(),
        surnameFrequencies: NameFrequencies = .defaultSurnames, givenFrequencies: NameFrequencies? = nil
    ) {
        self.model = model
        self.names = names
        self.surnameFrequencies = surnameFrequencies
        self.givenFrequencies = givenFrequencies
    }

    /// Learns surname and given-name frequencies from a gallery (every name and alias).
    public mutating func learnFrequencies(from gallery: [ComparableRecord]) {
        let allNames = gallery.flatMap(\.allNames)
        surnameFrequencies = NameFrequencies(values: allNames.flatMap { $0.surnames.map(\.core) })
        givenFrequencies = NameFrequencies(
            values: allNames.compactMap { $0.givenNames.first?.coreWords.first.map(String.init) })
    }

    /// Compares two records of the SDK.
    public func compare(_ a: BiographicRecord, _ b: BiographicRecord) -> BiographicScore {
        compare(ComparableRecord(a), ComparableRecord(b))
    }

    /// Compares two prepared records.
    public func compare(_ a: ComparableRecord, _ b: ComparableRecord) -> BiographicScore {
        var fields = nameOutcomes(a, b)
        var notes = fields.notes
        fields.outcomes.append(contentsOf: otherOutcomes(a, b))
        var total = 0.0
        for i in fields.outcomes.indices {
            fields.outcomes[i].weight = weight(fields.outcomes[i], kind: kind(of: fields.outcomes[i].field, in: a))
            total += fields.outcomes[i].weight
        }
        if total.isNaN { notes.append("score undefined") }
        return BiographicScore(
            score: total, probability: model.probability(score: total), fields: fields.outcomes, notes: notes)
    }

    /// The levels of every field, without weights, in a fixed order (names, date of birth, sex,
    /// nationality, document, then `a`'s extra fields): the comparison vector EM estimates from.
    public func levels(_ a: ComparableRecord, _ b: ComparableRecord) -> [MatchLevel] {
        (nameOutcomes(a, b).outcomes + otherOutcomes(a, b)).map(\.level)
    }

    /// The levels of `fields` (names as ``fieldNames(extras:)`` gives them), ``MatchLevel/missing`` for a field
    /// not compared: comparison vectors of records whose extra fields differ.
    public func levels(_ a: ComparableRecord, _ b: ComparableRecord, fields: [String]) -> [MatchLevel] {
        let all = outcomes(a, b)
        return fields.map { field in all.first { $0.field == field }?.level ?? .missing }
    }

    /// Every field's outcome, without weights, in comparison order.
    func outcomes(_ a: ComparableRecord, _ b: ComparableRecord) -> [FieldOutcome] {
        nameOutcomes(a, b).outcomes + otherOutcomes(a, b)
    }

    /// Field names in the order ``levels(_:_:)`` gives them, for records with these extras.
    public static func fieldNames(extras: [ExtraField] = []) -> [String] {
        ["given", "surname", "maternal", "dateOfBirth", "sex", "nationality", "document"] + extras.map(\.name)
    }

    /// The weight of an outcome: log₂(m/u), with exact name agreement adjusted by the value's frequency.
    public func weight(_ outcome: FieldOutcome, kind: ExtraField.Kind = .text) -> Double {
        let field = model.field(outcome.field, kind: kind)
        if outcome.level == .exact, field.termFrequency, let value = outcome.agreedValue {
            let table: NameFrequencies? = outcome.field == "given" ? givenFrequencies : surnameFrequencies
            if let table { return field.exactWeight(share: table.share(value)) }
        }
        return field.weight(outcome.level)
    }

    // MARK: - Fields

    /// Name outcomes of the best-scoring pair of names (main names and aliases).
    private func nameOutcomes(_ a: ComparableRecord, _ b: ComparableRecord) -> (
        outcomes: [FieldOutcome], notes: [String]
    ) {
        var best = names.compare(a.name, b.name)
        guard !a.otherNames.isEmpty || !b.otherNames.isEmpty else {
            return (best.outcomes, best.note.map { [$0] } ?? [])
        }
        var bestWeight = best.outcomes.reduce(0) { $0 + weight($1) }
        var via: (PersonName, PersonName)?
        for (i, x) in a.allNames.enumerated() {
            for (j, y) in b.allNames.enumerated() where i > 0 || j > 0 {
                let c = names.compare(x, y)
                let w = c.outcomes.reduce(0) { $0 + weight($1) }
                if w > bestWeight { best = c; bestWeight = w; via = (x, y) }
            }
        }
        var notes = best.note.map { [$0] } ?? []
        if let via {
            // Another reading of a record's own name is named by its parts (`Brayan Erik | Orellana`).
            func named(_ name: PersonName, of record: ComparableRecord) -> String {
                name.original == record.name.original && name != record.name
                    ? name.givenNames.map(\.display).joined(separator: " ") + " | "
                        + name.surnames.map(\.display).joined(separator: " ")
                    : name.original
            }
            notes.append("names compared: \"\(named(via.0, of: a))\" ~ \"\(named(via.1, of: b))\"")
        }
        return (best.outcomes, notes)
    }

    private func otherOutcomes(_ a: ComparableRecord, _ b: ComparableRecord) -> [FieldOutcome] {
        var result = [
            DateAgreement.compare(a.dateOfBirth, b.dateOfBirth),
            Self.equality("sex", a.sex, b.sex), Self.equality("nationality", a.nationality, b.nationality),
            DocumentNumber.compare(a.documents, b.documents),
        ]
        for extra in a.extras {
            let other = b.extras.first { $0.name == extra.name }
            result.append(compareExtra(extra, other))
        }
        return result
    }

    private static func equality(_ field: String, _ a: String?, _ b: String?) -> FieldOutcome {
        guard let a, let b else { return FieldOutcome(field: field, level: .missing, detail: "") }
        return FieldOutcome(field: field, level: a == b ? .exact : .disagree, detail: a == b ? a : "\(a) ~ \(b)")
    }

    private func compareExtra(_ a: ExtraField, _ b: ExtraField?) -> FieldOutcome {
        guard let b, !a.folded.isEmpty, !b.folded.isEmpty else {
            return FieldOutcome(field: a.name, level: .missing, detail: "")
        }
        let detail = a.folded == b.folded ? a.value : "\(a.value) ~ \(b.value)"
        let level: MatchLevel
        if a.folded == b.folded {
            level = .exact
        } else if a.folded.filter({ $0 != 0x20 }) == b.folded.filter({ $0 != 0x20 }) {
            level = .close // `kirklandc ircuit` / `kirkland circuit`
        } else if a.kind == .code {
            level = EditDistance.osa(a.folded, b.folded) == 1 ? .close : .disagree
        } else {
            let jw = JaroWinkler.similarity(a.folded, b.folded)
            if jw >= names.closeThreshold {
                level = .close
            } else if jw >= names.similarThreshold {
                level = .similar
            } else {
                level = Self.shareWord(a.folded, b.folded) ? .partial : .disagree
            }
        }
        return FieldOutcome(field: a.name, level: level, detail: detail)
    }

    /// Whether two folded texts have a word of two or more letters in common (no allocation).
    static func shareWord(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        func words(_ s: [UInt8]) -> [Range<Int>] {
            var result: [Range<Int>] = []
            var start = 0
            for i in 0...s.count where i == s.count || s[i] == 0x20 {
                if i - start >= 2 { result.append(start..<i) }
                start = i + 1
            }
            return result
        }
        let wb = words(b)
        for x in words(a) { for y in wb where a[x].elementsEqual(b[y]) { return true } }
        return false
    }

    private func kind(of field: String, in record: ComparableRecord) -> ExtraField.Kind {
        record.extras.first { $0.name == field }?.kind ?? .text
    }
}
