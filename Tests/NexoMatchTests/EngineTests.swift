import NexoKit
import NexoSynthesis
import NexoTemplateSynthesis
import Testing

@testable import NexoMatch

/// Seeded vectors for the tests: components uniform in -0.5..<0.5.
struct TestVectors {
    var random: SeededRandom
    init(state: UInt64) { random = SeededRandom(seed: state) }
    mutating func next() -> Double { Double(random.next() >> 11) * 0x1.0p-53 - 0.5 }
    mutating func vector() -> [Float] { (0..<FaceTemplate.dimensions).map { _ in Float(next()) } }
    mutating func noisy(_ v: [Float], _ amount: Float) -> [Float] { v.map { $0 + amount * Float(next()) } }
}

@Suite struct CalibrationAndDecisionTests {
    @Test func evidenceGrowsWithTheScoreAndIsClamped() {
        let face = MatchEngine.defaultCalibrations[.face]!
        let scores = stride(from: -0.2, through: 1.0, by: 0.05).map { face.logLikelihoodRatio($0) }
        #expect(zip(scores, scores.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(face.logLikelihoodRatio(0.0) <= -5)
        #expect(face.logLikelihoodRatio(0.9) == face.range.upperBound)
        #expect(face.logLikelihoodRatio(-1) == face.range.lowerBound)
    }

    @Test func hitThresholdRisesWithTheGallery() {
        let small = DecisionPolicy.thresholds(gallerySize: 1_000)
        let large = DecisionPolicy.thresholds(gallerySize: 1_000_000)
        #expect(abs(large.hit - small.hit - 3) < 1e-9, "a thousand times the gallery, three orders more evidence")
        #expect(abs(small.hit - (3 + 2.522878745280337)) < 1e-9, "log10(1000 / 0.003)")
        #expect(small.review == small.hit - 2)
        #expect(DecisionPolicy.decide(small.hit, small) == .hit)
        #expect(DecisionPolicy.decide(small.review, small) == .review)
        #expect(DecisionPolicy.decide(small.review - 0.01, small) == .noHit)
    }
}

@Suite struct TemplateCodecTests {
    @Test func roundTripsEveryModality() throws {
        var random = TestVectors(state: 1)
        let face = FaceTemplate(vector: random.vector())!
        #expect(try TemplateCodec.face(TemplateCodec.encode(face)) == face)
        let iris = IrisTemplate(
            code: (0..<32).map { UInt64($0) &* 0x9E37_79B9_7F4A_7C15 }, mask: Array(repeating: ~0, count: 32))!
        #expect(try TemplateCodec.iris(TemplateCodec.encode(iris)) == iris)
        let finger = FingerTemplate(
            position: 2, width: 500, height: 550, resolution: 197, quality: 80,
            minutiae: [
                Minutia(x: 10, y: 20, angle: 112.5, kind: .ending, quality: 90),
                Minutia(x: 300, y: 41, angle: 359.99, kind: .bifurcation, quality: 0),
            ])
        #expect(try TemplateCodec.finger(TemplateCodec.encode(finger)) == finger)
    }

    @Test func refusesTruncatedTrailingAndForeignBytes() throws {
        var random = TestVectors(state: 2)
        let bytes = TemplateCodec.encode(FaceTemplate(vector: random.vector())!)
        #expect(throws: NexoError.self) { try TemplateCodec.face(Array(bytes.dropLast())) }
        #expect(throws: NexoError.self) { try TemplateCodec.face(bytes + [0]) }
        #expect(throws: NexoError.self) { try TemplateCodec.face([9] + bytes.dropFirst()) }
        #expect(throws: NexoError.self) { try TemplateCodec.face([]) }
        for cut in [1, 5, 13, 20] {
            let finger = TemplateCodec.encode(
                FingerTemplate(
                    position: 1, width: 1, height: 1,
                    minutiae: [Minutia(x: 1, y: 1, angle: 1, kind: .ending, quality: 1)]))
            #expect(throws: NexoError.self) { try TemplateCodec.finger(Array(finger.prefix(cut))) }
        }
    }
}

/// A storage that records the engine's loading progress.
final class ProgressRecordingStorage: GalleryStorage {
    let base = MemoryGalleryStorage()
    var reports: [(Int, Int)] = []
    func loading(_ done: Int, of total: Int) { reports.append((done, total)) }
    func templateState() throws(NexoError) -> TemplateState { try base.templateState() }
    func forEachTemplate(after afterID: Int64, _ body: (EncodedTemplate) throws(NexoError) -> Void) throws(NexoError) {
        try base.forEachTemplate(after: afterID, body)
    }
    func addTemplate(_ template: EncodedTemplate) throws(NexoError) { try base.addTemplate(template) }
    func templates(of entity: EntityID) throws(NexoError) -> [EncodedTemplate] { try base.templates(of: entity) }
    func biographic(of entity: EntityID) throws(NexoError) -> BiographicRecord? { try base.biographic(of: entity) }
    func nameCandidates(_ name: String, limit: Int) throws(NexoError) -> [EntityID] {
        try base.nameCandidates(name, limit: limit)
    }
    func personCount() throws(NexoError) -> Int { try base.personCount() }
}

@Suite struct DocumentCandidateTests {
    @Test func aProbeCarryingTheDocumentFindsItsMateWhateverTheName() throws {
        let storage = MemoryGalleryStorage()
        for i in 1...200 {
            storage.setBiographic(
                BiographicRecord(name: "Persona Número\(i) Apellido\(i)", documents: ["DOC-\(1000 + i)"]),
                for: EntityID("P-\(i)"))
        }
        storage.setBiographic(
            BiographicRecord(
                name: "Edwin Martínez Pérez", dateOfBirth: PartialDate(year: 1971, month: 8, day: 22),
                nationality: "GT", documents: ["3491 06665 8915"]), for: "P-999")
        // A name no name key finds ("EDWN" misspelt, the maternal surname dropped), the same document.
        let probe = BiographicRecord(
            name: "EDWN MRTINEZ", dateOfBirth: PartialDate(year: 1971, month: 8, day: 22),
            documents: ["3491 06665 8915"])
        #expect(try storage.nameCandidates(probe.name, limit: 50).contains("P-999") == false)
        let result = try MatchEngine().session(storage: storage).identify(BiometricSample(biographic: probe), top: 3)
        #expect(result.candidates.first?.entity == "P-999", "\(result.candidates.map(\.entity))")
    }
}

@Suite struct BirthCandidateTests {
    @Test func aMisspeltNameIsFoundByItsDateOfBirthEvenWithDayAndMonthSwapped() throws {
        let storage = MemoryGalleryStorage()
        // Three hundred people sharing a surname: the name search's places go to them.
        for i in 1...300 {
            storage.setBiographic(
                BiographicRecord(
                    name: "Nombre\(i) García López", dateOfBirth: PartialDate(year: 1950 + i % 50, month: 1, day: 1)),
                for: EntityID("P-\(i)"))
        }
        storage.setBiographic(
            BiographicRecord(name: "Wilfredo García López", dateOfBirth: PartialDate(year: 1983, month: 4, day: 11)),
            for: "P-999")
        let misspelt = BiographicRecord(
            name: "Wilferdo Garcia Lopes", dateOfBirth: PartialDate(year: 1983, month: 4, day: 11))
        let swapped = BiographicRecord(
            name: "Wilferdo Garcia Lopes", dateOfBirth: PartialDate(year: 1983, month: 11, day: 4))
        #expect(!(try storage.nameCandidates(misspelt.name, limit: 200).contains("P-999")))
        for probe in [misspelt, swapped] {
            let result = try MatchEngine().session(storage: storage).identify(
                BiometricSample(biographic: probe), top: 3)
            #expect(result.candidates.first?.entity == "P-999", "\(result.candidates.map(\.entity))")
        }
        #expect(
            DateAgreement.searchDates(PartialDate(year: 1983, month: 4, day: 11)).map(\.description) == [
                "1983-04-11", "1983-11-04", "1982-04-11", "1984-04-11",
            ])
        #expect(DateAgreement.searchDates(PartialDate(year: 1983, month: 4, day: 25)).count == 3)
        #expect(
            DateAgreement.searchDates(PartialDate(year: 1984, month: 2, day: 29)).map(\.description) == ["1984-02-29"],
            "no 29 February in 1983 or 1985")
        #expect(DateAgreement.searchDates(PartialDate(year: 1983, month: 4)).isEmpty)
    }
}

@Suite struct GalleryLoadingTests {
    @Test func loadingAGalleryReportsProgressEveryTenThousandTemplates() throws {
        let storage = ProgressRecordingStorage()
        var vectors = TestVectors(state: 3)
        let face = try #require(FaceTemplate(vector: vectors.vector()))
        for i in 0..<20_001 {
            try storage.addTemplate(
                EncodedTemplate(
                    entity: EntityID("P-\(i + 1)"), modality: .face, position: 0, data: TemplateCodec.encode(face)))
        }
        _ = try MatchEngine().session(storage: storage).identify(BiometricSample(face: face), top: 1)
        #expect(storage.reports.map(\.0) == [10_000, 20_000])
        #expect(storage.reports.allSatisfy { $0.1 == 20_001 })
    }
}

@Suite struct MatchSessionTests {
    let storage = MemoryGalleryStorage()
    let engine = MatchEngine()
    let faces: [[Float]]

    init() throws {
        var vectors = TestVectors(state: 7)
        faces = (0..<50).map { _ in vectors.vector() }
        let session = engine.session(storage: storage)
        for (i, face) in faces.enumerated() {
            _ = try session.enroll(BiometricSample(face: FaceTemplate(vector: face)!), for: EntityID("P-\(i + 1)"))
        }
    }

    @Test func identifiesANoisyCaptureFirstAndAsAHit() throws {
        var noise = TestVectors(state: 99)
        let probe = BiometricSample(face: FaceTemplate(vector: noise.noisy(faces[16], 0.6))!)
        let result = try engine.session(storage: storage).identify(probe, top: 5)
        #expect(result.candidates.first?.entity == "P-17")
        #expect(result.candidates.first?.decision == .hit)
        #expect(result.candidates.dropFirst().allSatisfy { $0.decision == .noHit })
        #expect(result.candidates.map(\.rank) == Array(1...result.candidates.count))
        #expect(result.searched[.face] == 50)
        #expect(result.candidates.first?.explanation.first?.hasPrefix("face: cosine ") == true)
    }

    @Test func identifiesABatchAsItWouldOneByOneInOrder() throws {
        var noise = TestVectors(state: 41)
        let mates = (0..<12).map { ($0 * 7) % 50 }
        let probes =
            mates.map { BiometricSample(face: FaceTemplate(vector: noise.noisy(faces[$0], 0.6))!) }
            + [BiometricSample(face: FaceTemplate(vector: noise.vector())!)]
        let session = engine.session(storage: storage)
        let batch = try session.identify(probes, top: 3)
        var oneByOne: [IdentifyResult] = []
        for probe in probes { oneByOne.append(try session.identify(probe, top: 3)) }
        #expect(batch == oneByOne)
        #expect(batch.prefix(12).map { $0.candidates.first?.entity } == mates.map { EntityID("P-\($0 + 1)") })
        #expect(batch.last?.candidates.first?.decision == .noHit)
        let error = #expect(throws: NexoError.self) { try session.identify([probes[0], BiometricSample()], top: 3) }
        #expect(error?.message.hasPrefix("probe 2 of 2 has no face") == true)
    }

    @Test func verifiesOneToOneAndRejectsAnImpostor() throws {
        var noise = TestVectors(state: 5)
        let probe = BiometricSample(face: FaceTemplate(vector: noise.noisy(faces[3], 0.6))!)
        let session = engine.session(storage: storage)
        #expect(try session.verify(probe, against: "P-4").decision == .hit)
        #expect(try session.verify(probe, against: "P-5").decision == .noHit)
    }

    @Test func followsTheStoreWhenTemplatesAreAddedOrRemoved() throws {
        let session = engine.session(storage: storage)
        #expect(try session.statistics().first { $0.modality == .face }?.entities == 50)
        var extra = TestVectors(state: 1234)
        let newcomer = extra.vector()
        _ = try session.enroll(BiometricSample(face: FaceTemplate(vector: newcomer)!), for: "P-99")
        #expect(
            try session.identify(BiometricSample(face: FaceTemplate(vector: newcomer)!), top: 1).candidates.first?
                .entity == "P-99")
        // Something the engine did not add (an undo) removes a template: the indexes are rebuilt.
        storage.removeTemplates(of: "P-99")
        #expect(
            try session.identify(BiometricSample(face: FaceTemplate(vector: newcomer)!), top: 1).candidates.first?
                .entity != "P-99")
        #expect(try session.statistics().first { $0.modality == .face }?.entities == 50)
    }

    @Test func refusesAnEmptyProbeAndBadEnrolments() throws {
        let session = engine.session(storage: storage)
        #expect(throws: NexoError.self) { try session.identify(BiometricSample(), top: 5) }
        let finger = FingerTemplate(position: 3, width: 10, height: 10, minutiae: [])
        #expect(throws: NexoError.self) { try session.enroll(BiometricSample(fingers: [finger, finger]), for: "P-1") }
        #expect(throws: NexoError.self) {
            try session.enroll(
                BiometricSample(
                    irises: Array(
                        repeating: IrisTemplate(
                            code: Array(repeating: 0, count: 32), mask: Array(repeating: 0, count: 32))!, count: 3)),
                for: "P-1")
        }
    }

    @Test func exchangeFormatsRoundTripAndNameTheProblem() throws {
        let session = engine.session(storage: storage)
        let sample = try #require(try session.sample(of: "P-1"))
        let bytes = try session.encode(sample, as: .face, fingerFormat: "iso")
        #expect(bytes.count == 2048)
        #expect(try session.decode(bytes, as: .face).face == sample.face)
        #expect(throws: NexoError.self) { try session.decode(Array(bytes.dropLast(4)), as: .face) }
        #expect(throws: NexoError.self) { try session.decode([UInt8](repeating: 0, count: 2048), as: .face) }
    }
}

@Suite struct IrisEngineTests {
    @Test func identifiesAnIrisCaptureAndExplainsTheShift() throws {
        let storage = MemoryGalleryStorage()
        let engine = MatchEngine()
        let session = engine.session(storage: storage)
        var rng = SeededRandom(seed: 11)
        let synthesizer = IrisSynthesizer()
        let identities = (0..<40).map { _ in synthesizer.identity(using: &rng) }
        for (i, identity) in identities.enumerated() {
            _ = try session.enroll(
                BiometricSample(irises: [synthesizer.capture(of: identity, using: &rng)]), for: EntityID("P-\(i + 1)"))
        }
        let probe = BiometricSample(irises: [synthesizer.capture(of: identities[22], using: &rng)])
        let result = try session.identify(probe, top: 3)
        #expect(result.candidates.first?.entity == "P-23")
        #expect(result.candidates.first?.decision == .hit)
        #expect(result.candidates.dropFirst().allSatisfy { $0.decision == .noHit })
        #expect(result.candidates.first?.explanation.first?.contains("at shift") == true)
        #expect(try session.statistics().first { $0.modality == .iris }?.templates == 40)
    }
}

@Suite struct FingerAndBiographicEngineTests {
    @Test func identifiesAFingerImpressionAndExchangesRecords() throws {
        let storage = MemoryGalleryStorage()
        let session = MatchEngine().session(storage: storage)
        var rng = SeededRandom(seed: 23)
        let masters = (0..<25).map { _ in SyntheticFinger.random(position: 2, using: &rng) }
        for (i, master) in masters.enumerated() {
            _ = try session.enroll(
                BiometricSample(fingers: [master.impression(ImpressionSettings(), using: &rng)]),
                for: EntityID("P-\(i + 1)"))
        }
        let probe = BiometricSample(fingers: [masters[12].impression(ImpressionSettings(), using: &rng)])
        let result = try session.identify(probe, top: 3)
        #expect(result.candidates.first?.entity == "P-13")
        #expect(result.candidates.first?.decision == .hit)
        #expect(result.candidates.first?.explanation.first?.contains("minutiae paired") == true)

        // ISO and ANSI records round-trip through the session's exchange formats.
        let enrolled = try #require(try session.sample(of: "P-13"))
        for format in ["iso", "ansi"] {
            let bytes = try session.encode(enrolled, as: .finger, fingerFormat: format)
            #expect(try session.decode(bytes, as: .finger).fingers.count == 1)
        }
        #expect(throws: NexoError.self) { try session.decode(Array("FMR\0 20\0junk".utf8), as: .finger) }
    }

    @Test func biographicProbeFindsThePersonDespiteNicknameAndAccents() throws {
        let storage = MemoryGalleryStorage()
        storage.people = [
            "P-1": BiographicRecord(
                name: "José Luis Hernández López", dateOfBirth: PartialDate(year: 1994, month: 3, day: 2),
                sex: "M", nationality: "SV", documents: ["04512387-1"]),
            "P-2": BiographicRecord(
                name: "José Hernández Portillo", dateOfBirth: PartialDate(year: 1971, month: 11, day: 20),
                sex: "M", nationality: "GT"),
            "P-3": BiographicRecord(
                name: "María Hernández", dateOfBirth: PartialDate(year: 1994, month: 2, day: 3), sex: "F",
                nationality: "SV"),
        ]
        let session = MatchEngine().session(storage: storage)
        let probe = BiometricSample(
            biographic: BiographicRecord(
                name: "Chepe Luis Hernandez Lopez",
                dateOfBirth: PartialDate(year: 1994, month: 2, day: 3),
                sex: "M", nationality: "SV", documents: ["045123871"]))
        let result = try session.identify(probe, top: 3)
        #expect(result.candidates.first?.entity == "P-1")
        #expect(result.candidates.count == 3)
        #expect(result.candidates.count == 3 && result.candidates[0].fused > result.candidates[1].fused)
        #expect(result.candidates.first?.scores.first?.modality == .biographic)
        #expect(
            (result.candidates.first?.explanation.count ?? 0) > 2,
            "field by field: \(result.candidates.first?.explanation ?? [])")
    }
}

@Suite struct FingerPrefilterTests {
    @Test func largeGalleriesAreSearchedThroughThePrefilterAndStillFindTheMate() throws {
        var index = FingerIndex()
        index.prefilterAbove = 10 // as if the gallery were large
        var rng = SeededRandom(seed: 77)
        let masters = (0..<40).map { _ in SyntheticFinger.random(position: 1, using: &rng) }
        for (i, master) in masters.enumerated() {
            let template = EncodedTemplate(
                entity: EntityID("P-\(i + 1)"), modality: .finger, position: 1,
                data: TemplateCodec.encode(master.impression(ImpressionSettings(), using: &rng)))
            try index.add(template, owner: Int32(i))
        }
        #expect(index.method.hasPrefix("signature prefilter"))
        var found = 0
        for mate in [3, 17, 29] {
            let probe = BiometricSample(fingers: [masters[mate].impression(ImpressionSettings(), using: &rng)])
            let hits = index.search(probe, k: 40)
            #expect(
                !hits.isEmpty && hits.count <= 12,
                "only the shortlisted 30 % (12 of 40) are compared, got \(hits.count)")
            if hits.first?.owner == Int32(mate) { found += 1 }
        }
        #expect(found >= 2, "the prefilter keeps most mates (95 % at 30 % in the matcher's tests)")
    }
}

@Suite struct MeasuredImpostorTests {
    /// On faces that spread wider than the constant calibration assumes, the engine weighs a
    /// close impostor by what the gallery shows: far weaker evidence than the constant would give.
    @Test func faceEvidenceFollowsTheGallerysImpostorSpread() throws {
        let synthesizer = FaceSynthesizer(spectrum: .decaying)
        var rng = SeededRandom(seed: 71)
        let faces = (0..<1_200).map { _ in synthesizer.identity(using: &rng) }
        let storage = MemoryGalleryStorage()
        let measuring = MatchEngine()
        for (i, face) in faces.enumerated() {
            _ = try measuring.session(storage: storage).enroll(
                BiometricSample(face: FaceTemplate(vector: face)!), for: EntityID("P-\(i + 1)"))
        }
        // The closest pair of different people among the first 200.
        var best = (a: 0, b: 1, score: -Float.infinity)
        for a in 0..<200 {
            for b in (a + 1)..<200 {
                let score = zip(faces[a], faces[b]).reduce(0) { $0 + $1.0 * $1.1 }
                if score > best.score { best = (a, b, score) }
            }
        }
        let probe = BiometricSample(face: FaceTemplate(vector: faces[best.a])!)
        let target = EntityID("P-\(best.b + 1)")
        let measured = try measuring.session(storage: storage).verify(probe, against: target)
        let constant = MatchEngine()
        constant.usesMeasuredImpostors = false
        let assumed = try constant.session(storage: storage).verify(probe, against: target)
        let stats = try measuring.session(storage: storage).statistics().first { $0.modality == .face }
        #expect(stats?.index.contains("impostor cosines") == true, "\(stats?.index ?? "")")
        let measuredLR = try #require(measured.scores.first { $0.modality == .face }).logLikelihoodRatio
        let assumedLR = try #require(assumed.scores.first { $0.modality == .face }).logLikelihoodRatio
        #expect(measuredLR < assumedLR - 2, "cosine \(best.score): measured \(measuredLR), constant \(assumedLR)")
    }
}
