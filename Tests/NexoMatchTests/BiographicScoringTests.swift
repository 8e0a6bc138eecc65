import NexoKit
import NexoMatch
import Testing

@Suite struct BiographicScoringTests {
    func dateLevel(_ a: PartialDate?, _ b: PartialDate?) -> MatchLevel { DateAgreement.compare(a, b).level }

    @Test func datesOfBirthAgreeInTheUsualWays() {
        let d = PartialDate(year: 1994, month: 3, day: 2)
        #expect(dateLevel(d, PartialDate(year: 1994, month: 3, day: 2)) == .exact)
        #expect(dateLevel(d, PartialDate(year: 1994, month: 2, day: 3)) == .transposed)
        #expect(dateLevel(d, PartialDate(year: 1995, month: 3, day: 2)) == .nearby)
        #expect(dateLevel(d, PartialDate(year: 1994, month: 3, day: 12)) == .close)
        #expect(dateLevel(d, PartialDate(year: 1949, month: 3, day: 2)) == .close) // adjacent digits swapped
        #expect(dateLevel(d, PartialDate(year: 1994, month: 3, day: 28)) == .similar)
        #expect(dateLevel(d, PartialDate(year: 1994)) == .partial)
        #expect(dateLevel(PartialDate(year: 1994, month: 3), d) == .partial)
        #expect(dateLevel(PartialDate(year: 1994, month: 4), d) == .disagree)
        #expect(dateLevel(d, PartialDate(year: 1971, month: 8, day: 30)) == .disagree)
        #expect(dateLevel(d, nil) == .missing)
        #expect(
            DateAgreement.compare(d, PartialDate(year: 1994, month: 2, day: 3)).detail
                == "1994-03-02 ~ 1994-02-03 (day and month swapped)")
    }

    @Test func parsesDatesAsRegistersWriteThem() {
        #expect(DateAgreement.parse("19940302") == PartialDate(year: 1994, month: 3, day: 2))
        #expect(DateAgreement.parse("1994-03-02") == PartialDate(year: 1994, month: 3, day: 2))
        #expect(DateAgreement.parse("02/03/1994") == PartialDate(year: 1994, month: 3, day: 2))
        #expect(DateAgreement.parse("1994-03") == PartialDate(year: 1994, month: 3))
        #expect(DateAgreement.parse("1994") == PartialDate(year: 1994))
        #expect(DateAgreement.parse("March 1994") == nil)
        #expect(DateAgreement.parse("") == nil)
    }

    @Test func documentNumbersIgnoreSeparatorsAndAllowOneTypo() {
        #expect(DocumentNumber.normalise("04512-3 a") == Array("045123A".utf8))
        let a = [DocumentNumber.normalise("04512345-6")]
        #expect(DocumentNumber.compare(a, [DocumentNumber.normalise("045123456")]).level == .exact)
        #expect(DocumentNumber.compare(a, [DocumentNumber.normalise("045213456")]).level == .close)
        #expect(DocumentNumber.compare(a, [DocumentNumber.normalise("99999999")]).level == .disagree)
        #expect(DocumentNumber.compare(a, []).level == .missing)
    }

    @Test func explainsEveryFieldWithItsWeight() {
        let comparator = BiographicComparator()
        let score = comparator.compare(
            BiographicRecord(
                name: "José López Pérez", dateOfBirth: PartialDate(year: 1990, month: 4, day: 7), sex: "M",
                nationality: "SV", documents: ["04512345-6"]),
            BiographicRecord(
                name: "Pepe Lopes", dateOfBirth: PartialDate(year: 1990, month: 7, day: 4), sex: "M",
                nationality: "SV", documents: ["045123456"]))
        #expect(score.fields.map(\.level) == [.nickname, .phonetic, .missing, .transposed, .exact, .exact, .exact])
        #expect(score.explanation.count == 6)
        #expect(score.explanation[0].hasPrefix("given: nickname (+"))
        #expect(score.explanation[0].hasSuffix(") José ~ Pepe"))
        #expect(score.explanation[1].hasSuffix(") López ~ Lopes"))
        let total = score.fields.map(\.weight).reduce(0, +)
        #expect(abs(score.score - total) < 1e-9)
        #expect(score.probability > 0.99)
        for outcome in score.fields where outcome.level != .missing {
            #expect(outcome.weight == comparator.weight(outcome))
        }
    }

    @Test func differentPeopleScoreBelowZero() {
        let score = BiographicComparator().compare(
            BiographicRecord(name: "Carlos Orellana Amaya", dateOfBirth: PartialDate(year: 1985, month: 1, day: 20)),
            BiographicRecord(name: "Wendy Guevara Solís", dateOfBirth: PartialDate(year: 2001, month: 11, day: 5)))
        #expect(score.score < 0)
        #expect(score.probability < 0.001)
        #expect(score.outcome("given")?.level == .disagree)
    }

    @Test func aliasesAreComparedAsNamesOfTheirOwn() {
        let comparator = BiographicComparator()
        let a = BiographicRecord(name: "Francisco Argueta Lemus", otherNames: ["El Flaco"])
        let b = BiographicRecord(name: "El Flaco")
        let plain = comparator.compare(BiographicRecord(name: "Francisco Argueta Lemus"), b)
        let withAlias = comparator.compare(a, b)
        #expect(withAlias.score > plain.score)
        #expect(withAlias.notes == ["names compared: \"El Flaco\" ~ \"El Flaco\""])
    }

    @Test func commonSurnamesCountLessThanRareOnes() {
        let comparator = BiographicComparator()
        let common = comparator.compare(
            BiographicRecord(name: "Ana Hernández"), BiographicRecord(name: "Ana Hernández"))
        let rare = comparator.compare(
            BiographicRecord(name: "Ana Mazariegos"), BiographicRecord(name: "Ana Mazariegos"))
        let w = { (s: BiographicScore) in s.outcome("surname")!.weight }
        #expect(w(common) < w(rare))
        let field = FellegiSunterModel.defaults.fields["surname"]!
        #expect(abs(w(rare) - field.exactWeight(share: 1.0 / 5000)) < 1e-9)
    }

    @Test func weightIsLogRatioOfMAndU() {
        let field = FellegiSunterModel.Field(m: [.exact: 0.9, .disagree: 0.1], u: [.exact: 0.01, .disagree: 0.99])
        #expect(abs(field.weight(.exact) - 6.491853096329675) < 1e-9) // log2(90)
        #expect(field.weight(.missing) == 0)
        #expect(field.weight(.phonetic) == field.weight(.disagree))
    }

    /// Vectors drawn from a known two-class model: EM must find its m and u again.
    @Test func expectationMaximisationRecoversAKnownModel() throws {
        var random = NameTestRandom(seed: 11)
        let truthM: [Double] = [0.9, 0.85, 0.8], truthU: [Double] = [0.05, 0.1, 0.02]
        var vectors: [[MatchLevel]] = []
        for i in 0..<20000 {
            let isMatch = i % 5 == 0
            vectors.append(
                (0..<3).map { f in
                    Double.random(in: 0..<1, using: &random) < (isMatch ? truthM[f] : truthU[f]) ? .exact : .disagree
                })
        }
        var model = FellegiSunterModel(fields: [:], priorMatchProbability: 0.5)
        let start = FellegiSunterModel.Field(m: [.exact: 0.6, .disagree: 0.4], u: [.exact: 0.3, .disagree: 0.7])
        for name in ["a", "b", "c"] { model.fields[name] = start }
        try model.estimate(fields: ["a", "b", "c"], vectors: vectors, initialMatchShare: 0.3, iterations: 200)
        #expect(abs(model.priorMatchProbability - 0.2) < 0.02)
        for (f, name) in ["a", "b", "c"].enumerated() {
            #expect(abs(model.fields[name]!.m[.exact]! - truthM[f]) < 0.03, "m of \(name)")
            #expect(abs(model.fields[name]!.u[.exact]! - truthU[f]) < 0.03, "u of \(name)")
        }
    }

    @Test func supervisedEstimateCountsLabelledPairs() throws {
        var model = FellegiSunterModel.defaults
        let pairs: [(vector: [MatchLevel], isMatch: Bool)] = [
            ([.exact], true), ([.exact], true), ([.exact], true), ([.disagree], true),
            ([.disagree], false), ([.disagree], false), ([.disagree], false), ([.exact], false),
        ]
        try model.estimate(fields: ["sex"], labelled: pairs)
        let m = model.fields["sex"]!.m
        #expect(abs(m[.exact]! - 3.5 / 5) < 1e-9)
        #expect(model.priorMatchProbability == 0.5)
    }

    @Test func estimationRejectsVectorsOfTheWrongLength() {
        var model = FellegiSunterModel.defaults
        #expect(
            throws: NexoError(
                .invalidInput, "comparison vector 1 has 1 levels for 2 fields",
                hint: "build every vector with the same field list as `fields`")
        ) {
            try model.estimate(fields: ["given", "surname"], vectors: [[.exact, .exact], [.exact]])
        }
        #expect(
            throws: NexoError(
                .invalidInput, "labelled pairs hold 1 matches of 1",
                hint: "give both matching and non-matching pairs")
        ) {
            try model.estimate(fields: ["given"], labelled: [(vector: [.exact], isMatch: true)])
        }
    }

    @Test func blockingFindsTypoedRecordsAndMeasuresCompleteness() {
        let gallery = [
            ComparableRecord(
                BiographicRecord(name: "José Hernández López", dateOfBirth: PartialDate(year: 1990, month: 1, day: 2))),
            ComparableRecord(
                BiographicRecord(name: "Ana Vásquez", dateOfBirth: PartialDate(year: 1985, month: 5, day: 6))),
            ComparableRecord(
                BiographicRecord(name: "Luis Orellana", dateOfBirth: PartialDate(year: 1970, month: 7, day: 8))),
        ]
        let index = BlockingIndex(records: gallery)
        let probes = [
            ComparableRecord(
                BiographicRecord(name: "Jose Ernandes", dateOfBirth: PartialDate(year: 1990, month: 2, day: 1))),
            ComparableRecord(
                BiographicRecord(name: "Ana Basques", dateOfBirth: PartialDate(year: 1986, month: 5, day: 6))),
            ComparableRecord(
                BiographicRecord(name: "Pedro Zelaya", dateOfBirth: PartialDate(year: 1970, month: 7, day: 8))),
        ]
        #expect(index.candidates(for: probes[0]) == [0])
        #expect(index.candidates(for: probes[1]) == [1])
        #expect(index.candidates(for: probes[2]) == [2]) // by date of birth only
        #expect(index.pairCompleteness(probes: probes, truth: [(probe: 0, record: 0), (probe: 1, record: 1)]) == 1)
        #expect(index.pairCompleteness(probes: probes, truth: [(probe: 2, record: 0)]) == 0)
    }

    @Test func linkerPairsRecordsOneToOne() throws {
        let left = ["María José López Hernández", "Carlos Orellana Amaya", "Wendy Guevara Solís"].enumerated().map {
            ComparableRecord(
                BiographicRecord(name: $1, dateOfBirth: PartialDate(year: 1980 + $0, month: 3, day: 4 + $0)))
        }
        let right = ["Carlos Orellana", "Majo Lopez Hernandez", "Wendy Guevara"].enumerated().map { i, name in
            ComparableRecord(
                BiographicRecord(
                    name: name, dateOfBirth: PartialDate(year: 1980 + [1, 0, 2][i], month: 3, day: 4 + [1, 0, 2][i])))
        }
        let linker = RecordLinker(rules: [BlockingRule(.birthYear)])
        let result = try linker.link(left: left, right: right, estimate: false, oneToOne: true, threshold: 0)
        #expect(Set(result.links.map { [$0.left, $0.right] }) == [[0, 1], [1, 0], [2, 2]])
    }
}
