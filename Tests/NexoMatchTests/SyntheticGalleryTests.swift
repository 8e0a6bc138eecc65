import NexoKit
import NexoSynthesis
import NexoTemplateMath
import NexoTemplateSynthesis
import Testing

@testable import NexoMatch

/// The engine over a small synthetic gallery: what `nexo-bench-accuracy` measures on the world,
/// with thresholds loose enough never to flake but tight enough to catch a synthesizer that
/// produces garbage (unrelated captures, unrecognisable records).
@Suite struct SyntheticGalleryTests {
    let synthesizer = EncounterSynthesizer()
    let storage = MemoryGalleryStorage()
    let engine = MatchEngine()
    let pool = SyntheticFixtures.pool
    var people: [(id: EntityID, identity: SyntheticIdentity, record: BiographicRecord)] = []

    init() throws {
        var rng = SeededGenerator(seed: 2026)
        let session = engine.session(storage: storage)
        for i in 0..<200 {
            let (identity, record) = try #require(synthesizer.stranger(names: pool, using: &rng))
            let id = EntityID("P-\(i + 1)")
            let sample = synthesizer.enrolment(of: identity, record: record, using: &rng)
            storage.setBiographic(record, for: id)
            _ = try session.enroll(sample, for: id)
            people.append((id, identity, record))
        }
    }

    @Test func matedProbesAreFoundFirstAndStrangersMostlyGetNoHit() throws {
        var rng = SeededGenerator(seed: 7)
        let session = engine.session(storage: storage)
        var first = 0, mateHits = 0, strangerHits = 0
        let n = 30
        for person in people.shuffled(using: &rng).prefix(n) {
            let encounter = synthesizer.encounter(of: person.identity, record: person.record, names: pool, using: &rng)
            let result = try session.identify(encounter.sample, top: 5)
            if result.candidates.first?.entity == person.id { first += 1 }
            if result.candidates.contains(where: { $0.entity == person.id && $0.decision == .hit }) { mateHits += 1 }
        }
        for _ in 0..<n {
            let stranger = try #require(synthesizer.stranger(names: pool, using: &rng))
            let encounter = synthesizer.encounter(
                of: stranger.identity, record: stranger.record, names: pool, using: &rng)
            let result = try session.identify(encounter.sample, top: 5)
            if result.candidates.contains(where: { $0.decision == .hit }) { strangerHits += 1 }
        }
        #expect(first >= 24, "rank-1 \(first)/\(n)")
        #expect(mateHits >= 20, "mate called a hit \(mateHits)/\(n)")
        #expect(strangerHits <= 5, "strangers with a hit \(strangerHits)/\(n)")
    }

    @Test func biographicProbesAloneFindMostMatesThroughNameBlocking() throws {
        var rng = SeededGenerator(seed: 8)
        let session = engine.session(storage: storage)
        var first = 0
        var quiet = synthesizer
        quiet.captureRates.biographic = 1
        let n = 30
        for person in people.shuffled(using: &rng).prefix(n) {
            let encounter = quiet.encounter(of: person.identity, record: person.record, names: pool, using: &rng)
            let probe = BiometricSample(biographic: encounter.sample.biographic)
            if try session.identify(probe, top: 3).candidates.first?.entity == person.id { first += 1 }
        }
        #expect(first >= 18, "biographic rank-1 \(first)/\(n)")
    }
}

@Suite struct MemoryGalleryStorageTests {
    @Test func nameCandidatesShareAKeyAndRareNamesRankFirst() throws {
        let storage = MemoryGalleryStorage()
        storage.setBiographic(BiographicRecord(name: "José Hernández López"), for: "P-1")
        storage.setBiographic(BiographicRecord(name: "María Hernández Quintanilla"), for: "P-2")
        storage.setBiographic(BiographicRecord(name: "Ana Hernández Cruz"), for: "P-3")
        storage.setBiographic(BiographicRecord(name: "Pedro Ramírez Flores", otherNames: ["El Flaco"]), for: "P-4")
        #expect(
            try storage.nameCandidates("Maria Quintanila", limit: 10).first == "P-2", "phonetic keys survive a typo")
        #expect(
            try storage.nameCandidates("Chepe Hernandez", limit: 10).first == "P-1", "a nickname meets its formal name")
        #expect(try storage.nameCandidates("Hernández", limit: 10).sorted() == ["P-1", "P-2", "P-3"])
        #expect(try storage.nameCandidates("Flaco", limit: 10) == ["P-4"], "aliases are indexed")
        #expect(try storage.nameCandidates("Xiomara Zelaya", limit: 10).isEmpty)
        #expect(try storage.nameCandidates("Hernández", limit: 2).count == 2)
        // Replacing a record re-indexes it.
        storage.setBiographic(BiographicRecord(name: "Pedro Ramírez Flores"), for: "P-4")
        #expect(try storage.nameCandidates("Flaco", limit: 10).isEmpty)
        #expect(try storage.personCount() == 4)
    }

    @Test func templatesAreReplacedPerPositionAndRemovedPerPerson() throws {
        let storage = MemoryGalleryStorage()
        let a = EncodedTemplate(entity: "P-1", modality: .face, position: 0, data: [1])
        try storage.addTemplate(a)
        try storage.addTemplate(EncodedTemplate(entity: "P-1", modality: .face, position: 0, data: [2]))
        try storage.addTemplate(EncodedTemplate(entity: "P-2", modality: .iris, position: 1, data: [3]))
        #expect(try storage.templateState() == TemplateState(newest: 3, count: 2, changes: 4))
        #expect(try storage.templates(of: "P-1").map(\.data) == [[2]])
        var after1: [Int64] = []
        try storage.forEachTemplate(after: 1) { after1.append($0.id) }
        #expect(after1 == [2, 3])
        storage.removeTemplates(of: "P-1")
        #expect(try storage.templateState().count == 1)
        #expect(try storage.templates(of: "P-1").isEmpty)
    }
}
