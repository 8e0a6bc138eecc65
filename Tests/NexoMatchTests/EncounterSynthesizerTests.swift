import NexoKit
import NexoSynthesis
import NexoTemplateMath
import NexoTemplateSynthesis
import Testing

@testable import NexoMatch

/// A record and a name pool for the noise tests.
enum SyntheticFixtures {
    static let jose = BiographicRecord(
        name: "José Luis Hernández López", otherNames: ["Chepe Hernández"],
        dateOfBirth: PartialDate(year: 1994, month: 3, day: 2), sex: "M", nationality: "SV",
        documents: ["04512387-1"])
    static let maria = BiographicRecord(
        name: "María Elena Portillo Ramírez", dateOfBirth: PartialDate(year: 1988, month: 11, day: 20),
        sex: "F", nationality: "GT", documents: ["2451 88120 0101"])

    static let givenF = [
        "María Elena", "Guadalupe", "Rosa", "Ana María", "Josefina", "Carmen", "Marisol", "Yesenia", "Dolores",
        "Teresa",
    ]
    static let givenM = [
        "José Luis", "Francisco", "Jesús", "Manuel", "Juan Carlos", "Roberto", "Luis", "Ernesto", "Santiago", "Pedro",
    ]
    static let surnames = [
        "Hernández", "López", "Martínez", "García", "Portillo", "Ramírez", "Flores", "Cruz", "Reyes", "Morales",
        "Aguilar", "Castillo", "Mejía", "Orellana", "Quintanilla", "Barrientos", "Zelaya", "Funes", "Alvarado",
        "Cáceres",
    ]

    /// A pool of 60 people recombining the lists above.
    static var pool: SyntheticNamePool {
        var records: [BiographicRecord] = []
        for i in 0..<60 {
            let female = i % 2 == 0
            let given = female ? givenF[i % givenF.count] : givenM[i % givenM.count]
            records.append(
                BiographicRecord(
                    name: "\(given) \(surnames[i % 20]) \(surnames[(i * 7 + 3) % 20])",
                    dateOfBirth: PartialDate(year: 1960 + i % 40, month: 1 + i % 12, day: 1 + i % 28),
                    sex: female ? "F" : "M", nationality: ["SV", "GT", "HN"][i % 3],
                    documents: ["\(10_000_000 + i * 7919)-\(i % 10)"]))
        }
        return SyntheticNamePool(records: records)
    }

    /// `kind` applied to `record` with a fixed generator.
    static func apply(_ kind: BiographicNoise, to record: BiographicRecord, seed: UInt64 = 1) -> BiographicRecord? {
        var rng = SeededGenerator(seed: seed)
        return kind.apply(to: record, names: pool, using: &rng)
    }
}

@Suite struct EncounterSynthesizerTests {
    let synthesizer = EncounterSynthesizer()

    @Test func theSameSeedGivesTheSameIdentityEnrolmentAndEncounter() {
        let pool = SyntheticFixtures.pool
        func run(_ seed: UInt64) -> (SyntheticIdentity, BiometricSample, SyntheticEncounter) {
            let identity = synthesizer.identity(seed: seed)
            var rng = SeededGenerator(seed: seed &+ 1)
            let enrolment = synthesizer.enrolment(of: identity, record: SyntheticFixtures.jose, using: &rng)
            let encounter = synthesizer.encounter(
                of: identity, record: SyntheticFixtures.jose, names: pool, using: &rng)
            return (identity, enrolment, encounter)
        }
        let (a, b) = (run(42), run(42))
        #expect(a.0 == b.0)
        #expect(a.1 == b.1)
        #expect(a.2 == b.2)
        let other = run(43)
        #expect(other.0.face != a.0.face && other.0.irises != a.0.irises && other.0.fingers != a.0.fingers)
        #expect(SyntheticIdentity.seed(world: 1, entity: "P-7") == SyntheticIdentity.seed(world: 1, entity: "P-7"))
        #expect(SyntheticIdentity.seed(world: 1, entity: "P-7") != SyntheticIdentity.seed(world: 2, entity: "P-7"))
        #expect(SyntheticIdentity.seed(world: 1, entity: "P-7") != SyntheticIdentity.seed(world: 1, entity: "P-8"))
    }

    @Test func enrolmentHasAFaceBothIrisesAndOneOrTwoIndexFingers() {
        var rng = SeededGenerator(seed: 3)
        var fingerCounts = Set<Int>()
        for seed in 0..<30 as Range<UInt64> {
            let sample = synthesizer.enrolment(
                of: synthesizer.identity(seed: seed), record: SyntheticFixtures.jose, using: &rng)
            #expect(sample.face != nil)
            #expect(sample.irises.count == 2)
            #expect((1...2).contains(sample.fingers.count))
            #expect(sample.fingers.allSatisfy { [2, 7].contains($0.position) })
            #expect(sample.biographic == SyntheticFixtures.jose)
            fingerCounts.insert(sample.fingers.count)
        }
        #expect(fingerCounts == [1, 2])
    }

    @Test func encountersCaptureASubsetOfModalitiesAtTheConfiguredRates() {
        var rng = SeededGenerator(seed: 9)
        let identity = synthesizer.identity(seed: 1)
        var counts: [Modality: Int] = [:]
        let n = 400
        for _ in 0..<n {
            let encounter = synthesizer.encounter(
                of: identity, record: SyntheticFixtures.jose, names: SyntheticFixtures.pool, using: &rng)
            #expect(!encounter.sample.modalities.isEmpty)
            for modality in encounter.sample.modalities { counts[modality, default: 0] += 1 }
            #expect(
                encounter.sample.biographic?.otherNames.isEmpty ?? true,
                "a border record carries the name given, not the aliases")
        }
        #expect((320...390).contains(counts[.face] ?? 0), "face ≈ 90 %: \(counts)")
        #expect((230...330).contains(counts[.finger] ?? 0), "fingers ≈ 70 %: \(counts)")
        #expect((80...160).contains(counts[.iris] ?? 0), "iris ≈ 30 %: \(counts)")
        #expect((350...400).contains(counts[.biographic] ?? 0), "biographic ≈ 95 %: \(counts)")

        var quiet = synthesizer
        quiet.noiseRates = .none
        quiet.captureRates.biographic = 1
        let clean = quiet.encounter(
            of: identity, record: SyntheticFixtures.jose, names: SyntheticFixtures.pool, using: &rng)
        var expected = SyntheticFixtures.jose
        expected.otherNames = []
        #expect(clean.sample.biographic == expected)
        #expect(clean.noise.isEmpty)
    }

    @Test func repeatCapturesScoreLikeTheSamePersonAndStrangersDoNot() {
        var rng = SeededGenerator(seed: 17)
        let person = synthesizer.identity(seed: 100), stranger = synthesizer.identity(seed: 101)
        var all = synthesizer
        all.captureRates = EncounterSynthesizer.CaptureRates()
        all.captureRates.finger = 1
        all.captureRates.iris = 1
        all.bothIrises = 1
        all.probeFingers = 2...2
        let enrolled = synthesizer.enrolment(of: person, record: SyntheticFixtures.jose, using: &rng)
        let again = all.encounter(
            of: person, record: SyntheticFixtures.jose, names: SyntheticFixtures.pool, using: &rng
        ).sample
        let other = all.encounter(
            of: stranger, record: SyntheticFixtures.maria, names: SyntheticFixtures.pool, using: &rng
        ).sample
        func face(_ a: BiometricSample, _ b: BiometricSample) -> Float {
            zip(FaceVector.normalized(a.face!.vector), FaceVector.normalized(b.face!.vector)).reduce(0) {
                $0 + $1.0 * $1.1
            }
        }
        if again.face != nil { #expect(face(enrolled, again) > 0.35) }
        if other.face != nil { #expect(face(enrolled, other) < 0.25) }
        let sameIris = IrisCode.distance(again.irises[0], enrolled.irises[0], maxShift: 8).normalized
        let otherIris = IrisCode.distance(other.irises[0], enrolled.irises[0], maxShift: 8).normalized
        #expect(sameIris < 0.36 && otherIris > 0.4, "same \(sameIris), other \(otherIris)")
    }

    @Test func strangersHavePlausibleRecordsFromThePopulation() throws {
        var rng = SeededGenerator(seed: 5)
        let pool = SyntheticFixtures.pool
        for _ in 0..<20 {
            let (_, record) = try #require(synthesizer.stranger(names: pool, using: &rng))
            let name = PersonName.parse(record.name)
            let given = name.givenNames.map(\.display).joined(separator: " ")
            #expect(
                (record.sex == "F" ? SyntheticFixtures.givenF : SyntheticFixtures.givenM).contains(given),
                "\(record.name)")
            #expect(SyntheticFixtures.surnames.contains(name.paternal?.display ?? ""), "\(record.name)")
            #expect((1960...1999).contains(record.dateOfBirth?.year ?? 0))
            #expect(["SV", "GT", "HN"].contains(record.nationality ?? ""))
            #expect(record.documents.first?.count == 10 && record.documents.first?.contains("-") == true)
        }
    }
}

@Suite struct BiographicNoiseTests {
    @Test func transposedDateSwapsDayAndMonthOnlyWhenTheDayCouldBeAMonth() {
        #expect(
            SyntheticFixtures.apply(.birthDateTransposed, to: SyntheticFixtures.jose)?.dateOfBirth
                == PartialDate(year: 1994, month: 2, day: 3))
        #expect(
            SyntheticFixtures.apply(.birthDateTransposed, to: SyntheticFixtures.maria) == nil,
            "day 20 cannot be a month")
    }

    @Test func yearOffByOneAndYearOnly() throws {
        for seed in 1...6 as ClosedRange<UInt64> {
            let date = try #require(
                SyntheticFixtures.apply(.birthYearOffByOne, to: SyntheticFixtures.jose, seed: seed)?.dateOfBirth)
            #expect(abs(date.year - 1994) == 1 && date.month == 3 && date.day == 2)
        }
        #expect(
            SyntheticFixtures.apply(.birthYearOnly, to: SyntheticFixtures.jose)?.dateOfBirth == PartialDate(year: 1994))
    }

    @Test func maternalSurnameIsDropped() throws {
        let record = try #require(SyntheticFixtures.apply(.maternalSurnameDropped, to: SyntheticFixtures.jose))
        #expect(record.name == "José Luis Hernández")
        #expect(SyntheticFixtures.apply(.maternalSurnameDropped, to: BiographicRecord(name: "José Hernández")) == nil)
    }

    @Test func surnamesComeFirstWhenTheOrderIsSwapped() {
        #expect(
            SyntheticFixtures.apply(.nameOrderSwapped, to: SyntheticFixtures.jose)?.name == "Hernández López José Luis")
    }

    @Test func nicknameReplacesTheFirstGivenNameWithAShortFormOfIt() throws {
        for seed in 1...5 as ClosedRange<UInt64> {
            let record = try #require(SyntheticFixtures.apply(.nickname, to: SyntheticFixtures.jose, seed: seed))
            let words = record.name.split(separator: " ")
            #expect(Nicknames.areEquivalent(String(words[0]), "José"), "\(record.name)")
            #expect(words.dropFirst().joined(separator: " ") == "Luis Hernández López")
        }
        #expect(SyntheticFixtures.apply(.nickname, to: BiographicRecord(name: "Xiomara Pérez")) == nil)
    }

    @Test func marriedNameIsAddedForAWomanOrDroppedWhenSheHasOne() throws {
        let married = try #require(SyntheticFixtures.apply(.marriedName, to: SyntheticFixtures.maria))
        let parsed = PersonName.parse(married.name)
        #expect(married.name.contains(" de "), "\(married.name)")
        #expect(
            SyntheticFixtures.surnames.contains(parsed.married?.display.replacing("de ", with: "") ?? ""),
            "\(married.name)")
        #expect(parsed.paternal?.display == "Portillo")
        let widow = BiographicRecord(name: "Ana María López Hernández de Ayala", sex: "F")
        #expect(SyntheticFixtures.apply(.marriedName, to: widow)?.name == "Ana María López Hernández")
        #expect(
            SyntheticFixtures.apply(.marriedName, to: SyntheticFixtures.jose) == nil, "only women take a married name")
    }

    @Test func typoIsOneSubstitutionDeletionOrTransposition() throws {
        var kinds = Set<Int>()
        for seed in 1...40 as ClosedRange<UInt64> {
            let record = try #require(SyntheticFixtures.apply(.typo, to: SyntheticFixtures.jose, seed: seed))
            let a = Array(SyntheticFixtures.jose.name.unicodeScalars), b = Array(record.name.unicodeScalars)
            #expect(record.name != SyntheticFixtures.jose.name)
            let distance = EditDistance.osa(
                Array(SyntheticFixtures.jose.name.unicodeScalars.map(\.value)),
                Array(record.name.unicodeScalars.map(\.value)))
            #expect(distance == 1, "\(record.name)")
            kinds.insert(b.count - a.count)
        }
        #expect(kinds.contains(0) && kinds.contains(-1), "substitutions or transpositions, and deletions")
    }

    @Test func accentsAndCaseAreDropped() {
        #expect(
            SyntheticFixtures.apply(.accentsAndCaseDropped, to: SyntheticFixtures.jose)?.name
                == "JOSE LUIS HERNANDEZ LOPEZ")
        #expect(SyntheticFixtures.apply(.accentsAndCaseDropped, to: BiographicRecord(name: "JUAN PEREZ")) == nil)
    }

    @Test func nationalityAndDocumentGoMissingOrADigitIsMiscopied() throws {
        #expect(
            SyntheticFixtures.apply(.nationalityMissing, to: SyntheticFixtures.jose).map { $0.nationality == nil }
                == true)
        #expect(SyntheticFixtures.apply(.documentMissing, to: SyntheticFixtures.jose)?.documents == [])
        for seed in 1...10 as ClosedRange<UInt64> {
            let document = try #require(
                SyntheticFixtures.apply(.documentDigitWrong, to: SyntheticFixtures.jose, seed: seed)?.documents.first)
            let differences = zip(document, SyntheticFixtures.jose.documents[0]).filter { $0 != $1 }
            #expect(document.count == SyntheticFixtures.jose.documents[0].count)
            #expect(differences.count == 1 && differences.allSatisfy { $0.0.isNumber && $0.1.isNumber }, "\(document)")
        }
        #expect(SyntheticFixtures.apply(.documentMissing, to: BiographicRecord(name: "Juan Pérez")) == nil)
    }

    @Test func encounterNoiseChangesTheDateAtMostOnce() {
        var synthesizer = EncounterSynthesizer()
        synthesizer.noiseRates = BiographicNoiseRates(rates: [
            .birthDateTransposed: 1, .birthYearOffByOne: 1, .birthYearOnly: 1,
        ])
        var rng = SeededGenerator(seed: 4)
        let (record, noise) = synthesizer.noisy(SyntheticFixtures.jose, names: SyntheticFixtures.pool, using: &rng)
        #expect(noise == [.birthDateTransposed])
        #expect(record.dateOfBirth == PartialDate(year: 1994, month: 2, day: 3))
    }
}
