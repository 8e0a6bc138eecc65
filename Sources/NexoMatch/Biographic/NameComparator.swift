/// Compares two parsed names field by field — given names, paternal surname, maternal surname —
/// and says how each agreed (exact, nickname, phonetic, close spelling, swapped order …).
///
/// Weights are not its business: ``BiographicComparator`` attaches them. Thresholds on
/// Jaro–Winkler similarity of the folded parts: ``closeThreshold`` and ``similarThreshold``.
public struct NameComparator: Sendable {
    /// Jaro–Winkler similarity from which two parts are ``MatchLevel/close`` (so are parts of four letters or more
    /// one edit apart).
    public var closeThreshold = 0.92
    /// Jaro–Winkler similarity from which two parts are ``MatchLevel/similar``.
    public var similarThreshold = 0.85

    /// A comparator with the default thresholds.
    public init() {}

    /// The three outcomes of comparing two names, in the order given, surname, maternal.
    public struct Comparison: Sendable, Hashable {
        /// Given names.
        public var given: FieldOutcome
        /// Paternal (or only) surname.
        public var surname: FieldOutcome
        /// Maternal surname.
        public var maternal: FieldOutcome
        /// A remark on the whole name (`given name and surname swapped`), or `nil`.
        public var note: String?

        /// The three outcomes.
        public var outcomes: [FieldOutcome] { [given, surname, maternal] }
    }

    /// Compares two names.
    public func compare(_ a: PersonName, _ b: PersonName) -> Comparison {
        let surname = compareSurname(a, b)
        var direct = Comparison(
            given: compareGiven(a.givenNames, b.givenNames), surname: surname.outcome,
            maternal: compareMaternal(a, b, besides: surname.used))
        // Swapped order: one record's given name is the other's surname and vice versa.
        if !(direct.given.level.agrees && direct.surname.level.agrees),
            let ga = a.givenNames.first, let gb = b.givenNames.first, let pa = a.paternal, let pb = b.paternal
        {
            let x = level(ga, pb, nicknames: false), y = level(pa, gb, nicknames: false)
            if x <= .similar && y <= .similar {
                direct.given = FieldOutcome(field: "given", level: .swapped, detail: "\(ga) ~ \(pb)")
                direct.surname = FieldOutcome(field: "surname", level: .swapped, detail: "\(pa) ~ \(gb)")
                direct.note = "given name and surname swapped"
            }
        }
        return direct
    }

    /// How two name parts compare: exact, nickname (when allowed), phonetic, close, similar,
    /// partial (one is the other's initial, or one compound contains the other) or disagree.
    public func level(_ a: NamePart, _ b: NamePart, nicknames: Bool) -> MatchLevel {
        if a.core == b.core { return a.core.isEmpty ? .missing : .exact }
        if a.coreBytes.isEmpty || b.coreBytes.isEmpty { return .missing }
        if nicknames && Nicknames.areEquivalent(folded: a.core, b.core) { return .nickname }
        if !a.phonetic.isEmpty && a.phonetic == b.phonetic { return .phonetic }
        if a.isInitial || b.isInitial { return a.coreBytes[0] == b.coreBytes[0] ? .partial : .disagree }
        let jw = JaroWinkler.similarity(a.coreBytes, b.coreBytes)
        if jw >= closeThreshold { return .close }
        // One letter typed wrong, missed, added or two swapped: as close as a high similarity, however short the name.
        if min(a.coreBytes.count, b.coreBytes.count) >= 4, EditDistance.osa(a.coreBytes, b.coreBytes) == 1 {
            return .close
        }
        if jw >= similarThreshold { return .similar }
        // One compound contains the other: `Pérez Reverte` / `Pérez`.
        if a.coreBytes.contains(0x20) || b.coreBytes.contains(0x20) {
            let wa = Set(a.coreWords), wb = Set(b.coreWords)
            if wa.isSubset(of: wb) || wb.isSubset(of: wa) { return .partial }
        }
        return .disagree
    }

    func compareGiven(_ a: [NamePart], _ b: [NamePart]) -> FieldOutcome {
        guard let fa = a.first, let fb = b.first else {
            return FieldOutcome(field: "given", level: .missing, detail: "")
        }
        let wholeA = a.count == 1 ? fa : NamePart(a.map(\.display).joined(separator: " "))
        let wholeB = b.count == 1 ? fb : NamePart(b.map(\.display).joined(separator: " "))
        if a.count > 1 || b.count > 1 {
            // Compound formal names and their short forms: `José María` / `Chema`.
            if wholeA.core == wholeB.core {
                return FieldOutcome(field: "given", level: .exact, detail: wholeA.display, agreedValue: wholeA.core)
            }
            if Nicknames.areEquivalent(folded: wholeA.core, wholeB.core) {
                return FieldOutcome(field: "given", level: .nickname, detail: "\(wholeA) ~ \(wholeB)")
            }
        }
        let firstWordA = fa.coreBytes.contains(0x20) ? NamePart(String(fa.coreWords[0])) : fa
        let firstWordB = fb.coreBytes.contains(0x20) ? NamePart(String(fb.coreWords[0])) : fb
        var best = level(firstWordA, firstWordB, nicknames: true)
        var detail = "\(fa) ~ \(fb)"
        if best == .exact {
            // `Marta Dalia` / `Marta Sonia`: the first given names agree, the second ones disagree — a sister as
            // often as the same woman: the whole given names are only similar.
            let wordsA = a.flatMap(\.coreWords), wordsB = b.flatMap(\.coreWords)
            if wordsA.count >= 2, wordsB.count >= 2,
                level(NamePart(String(wordsA[1])), NamePart(String(wordsB[1])), nicknames: true) == .disagree
            {
                return FieldOutcome(
                    field: "given", level: .similar, detail: "\(wholeA) ~ \(wholeB) (second given names differ)")
            }
            return FieldOutcome(field: "given", level: .exact, detail: fa.display, agreedValue: firstWordA.core)
        }
        if best > .close && (a.count > 1 || b.count > 1 || fa.coreBytes.contains(0x20) || fb.coreBytes.contains(0x20)) {
            // Another given name agrees (`José Luis` / `Luis`): partial.
            let wordsA = a.flatMap(\.coreWords), wordsB = b.flatMap(\.coreWords)
            search: for x in wordsA {
                for y in wordsB {
                    let l = level(NamePart(String(x)), NamePart(String(y)), nicknames: true)
                    if l <= .close {
                        best = .partial; detail = "\(wholeA) ~ \(wholeB) (\(x.capitalisedName) ~ \(y.capitalisedName))";
                        break search
                    }
                }
            }
        }
        return FieldOutcome(field: "given", level: best, detail: detail)
    }

    /// The roles of a name's surnames, to say which parts an agreement used.
    enum SurnameRole: CaseIterable { case paternal, maternal, married }

    /// How the paternal surnames agree, and which parts of each name the agreement used (none when they disagree):
    /// a part credited to the surname is not credited again to the maternal surname.
    func compareSurname(_ a: PersonName, _ b: PersonName) -> (
        outcome: FieldOutcome, used: (a: SurnameRole?, b: SurnameRole?)
    ) {
        guard let pa = a.paternal, let pb = b.paternal else {
            return (FieldOutcome(field: "surname", level: .missing, detail: ""), (nil, nil))
        }
        let direct = level(pa, pb, nicknames: false)
        if direct == .exact {
            return (
                FieldOutcome(field: "surname", level: .exact, detail: pa.display, agreedValue: pa.core),
                (.paternal, .paternal)
            )
        }
        if direct <= .close {
            return (FieldOutcome(field: "surname", level: direct, detail: "\(pa) ~ \(pb)"), (.paternal, .paternal))
        }
        // Surnames written in the other order, or a married name in place of the paternal one.
        for (x, y) in [
            (SurnameRole.paternal, SurnameRole.maternal), (.maternal, .paternal), (.paternal, .married),
            (.married, .paternal),
        ] {
            if let px = a.surname(x), let py = b.surname(y), level(px, py, nicknames: false) <= .close {
                return (FieldOutcome(field: "surname", level: .swapped, detail: "\(px) ~ \(py)"), (x, y))
            }
        }
        return (FieldOutcome(field: "surname", level: direct, detail: "\(pa) ~ \(pb)"), (nil, nil))
    }

    /// How the maternal surnames agree; a swapped agreement may not use a part the paternal surname's agreement
    /// `used` (one shared surname is evidence once).
    func compareMaternal(_ a: PersonName, _ b: PersonName, besides used: (a: SurnameRole?, b: SurnameRole?))
        -> FieldOutcome
    {
        guard let ma = a.maternal, let mb = b.maternal else {
            return FieldOutcome(field: "maternal", level: .missing, detail: "")
        }
        let direct = level(ma, mb, nicknames: false)
        if direct == .exact {
            return FieldOutcome(field: "maternal", level: .exact, detail: ma.display, agreedValue: ma.core)
        }
        if direct > .close {
            for (x, y) in [
                (SurnameRole.maternal, SurnameRole.paternal), (.paternal, .maternal), (.maternal, .married),
                (.married, .maternal),
            ]
            where x != used.a && y != used.b {
                if let px = a.surname(x), let py = b.surname(y), level(px, py, nicknames: false) <= .close {
                    return FieldOutcome(field: "maternal", level: .swapped, detail: "\(px) ~ \(py)")
                }
            }
        }
        return FieldOutcome(field: "maternal", level: direct, detail: "\(ma) ~ \(mb)")
    }
}

extension PersonName {
    /// The surname in `role`.
    func surname(_ role: NameComparator.SurnameRole) -> NamePart? {
        switch role {
        case .paternal: paternal
        case .maternal: maternal
        case .married: married
        }
    }
}

extension Substring {
    /// `MARIA` → `Maria` for explanations.
    var capitalisedName: String { prefix(1) + dropFirst().lowercased() }
}
