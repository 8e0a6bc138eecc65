import NexoKit
import NexoTemplateMath
import Testing

@testable import NexoMatch

@Suite struct BiographicCalibrationTests {
    static let given = [
        "Ana", "Luis", "Marta", "Jorge", "Sofia", "Pedro", "Elena", "Mario", "Rosa", "Carlos", "Lucia", "Diego",
        "Irene", "Pablo", "Clara", "Hugo", "Nora", "Ivan", "Olga", "Raul",
    ]
    static let surnames = [
        "Quintero", "Valdivia", "Mazariegos", "Cifuentes", "Barahona", "Echeverria", "Landaverde", "Montoya",
        "Saravia", "Trejo", "Villeda", "Zuniga", "Alvarenga", "Bustillo", "Carcamo", "Dubon", "Espinal", "Figueroa",
        "Galdamez", "Hercules", "Irias", "Jovel", "Lainez", "Maradiaga", "Nolasco", "Oyuela", "Paz", "Rapalo",
        "Sevilla", "Tercero",
    ]

    /// `count` people with random names and dates of birth, then `duplicates` of them again, a third with one letter
    /// of the paternal surname changed.
    static func records(_ count: Int, duplicates: Int, seed: UInt64 = 7) -> [BiographicRecord] {
        var generator = SeededGenerator(seed: seed)
        var records: [BiographicRecord] = []
        for _ in 0..<count {
            let given = given.randomElement(using: &generator)!
            let surname = surnames.randomElement(using: &generator)! + " " + surnames.randomElement(using: &generator)!
            records.append(
                BiographicRecord(
                    name: "\(given) \(surname)", givenNames: given, surnames: surname,
                    dateOfBirth: PartialDate(
                        year: Int.random(in: 1950...2005, using: &generator),
                        month: Int.random(in: 1...12, using: &generator),
                        day: Int.random(in: 1...28, using: &generator))))
        }
        for i in 0..<duplicates {
            var copy = records[i]
            if i % 3 == 0 { // a third with one letter of the paternal surname typed wrong
                var letters = Array(copy.surnames!)
                let at = letters.firstIndex(of: " ")! - 2
                letters[at] = letters[at] == "x" ? "y" : "x"
                copy.surnames = String(letters)
            }
            records.append(copy)
        }
        return records
    }

    static func gallery(_ count: Int, duplicates: Int) -> [ComparableRecord] {
        records(count, duplicates: duplicates).map { ComparableRecord($0) }
    }

    @Test func countsUOnRandomPairsAndLearnsMWhenThereAreDuplicates() throws {
        let records = Self.gallery(900, duplicates: 120)
        let calibration = BiographicCalibration.measure(records, people: records.count, randomPairs: 60_000)
        #expect(calibration.randomPairs == 20 * records.count)
        let date = try #require(calibration.model.fields["dateOfBirth"])
        // 56 years of 336 days: two random people share a birthday about once in 19,000 pairs.
        #expect(try #require(date.u[.exact]) < 0.0005)
        let surname = try #require(calibration.model.fields["surname"])
        #expect(try #require(surname.u[.close]) < 0.05)
        #expect(surname.weight(.close) > 2)
        #expect(calibration.learnedM)
        #expect(calibration.estimatedMatches > 60 && calibration.estimatedMatches < 240)
        // A one-letter surname typo with the same given name and birthday is the same person at the 1:N bar.
        let comparator = calibration.comparator()
        let pair = comparator.compare(records[0], records[900])
        #expect(pair.outcome("surname")?.level == .close)
        #expect(pair.score * 0.30103 > DecisionPolicy.thresholds(gallerySize: 1_020, targetFPIR: 0.003).hit)
    }

    @Test func keepsTheDefaultMWithoutDuplicates() {
        let records = Self.gallery(700, duplicates: 0)
        let calibration = BiographicCalibration.measure(records, people: records.count, randomPairs: 60_000)
        #expect(!calibration.learnedM)
        #expect(calibration.model.fields["surname"]?.m == FellegiSunterModel.defaults.fields["surname"]?.m)
    }

    @Test func fileRoundTripsAndRefusesDamage() throws {
        let records = Self.gallery(600, duplicates: 40)
        let calibration = BiographicCalibration.measure(records, people: 640, randomPairs: 20_000)
        let bytes = calibration.encoded()
        let read = try BiographicCalibration(decoding: bytes)
        for (name, field) in calibration.model.fields {
            for level in MatchLevel.allCases {
                #expect(abs((read.model.fields[name]?.weight(level) ?? .nan) - field.weight(level)) < 1e-9)
            }
        }
        #expect(read.people == 640 && read.sampled == calibration.sampled && read.learnedM == calibration.learnedM)
        #expect(read.surnames.share("QUINTERO") == calibration.surnames.share("QUINTERO"))
        var damaged = bytes
        damaged[damaged.count / 2] ^= 0x01
        #expect(throws: NexoError.self) { try BiographicCalibration(decoding: damaged) }
        #expect(throws: NexoError.self) { try BiographicCalibration(decoding: Array(bytes.prefix(bytes.count / 2))) }
        #expect(throws: NexoError.self) { try BiographicCalibration(decoding: []) }
    }

    @Test func engineMeasuresTheGalleryAndSaysSo() throws {
        let storage = MemoryGalleryStorage()
        for (number, record) in Self.records(600, duplicates: 0).enumerated() {
            storage.setBiographic(record, for: EntityID("P-\(number + 1)"))
        }
        let engine = MatchEngine()
        let session = engine.session(storage: storage)
        let before = try session.statistics().first { $0.modality == .biographic }
        #expect(before?.index.contains("parameters measured on 600 of 600 people") == true)
        let report = try session.calibrateBiographic()
        #expect(report.people == 600 && report.file == nil && !report.learnedM)
        #expect(report.levels.contains { $0.field == "surname" && $0.level == "close" && $0.weight > 2 })
    }
}
