import Glibc
import NexoKit
import NexoSynthesis
import NexoTemplateMath
import Testing

@testable import NexoMatch

/// The iris and finger index files written with the face index file: a fresh engine adopts them (answering as one
/// that loaded every template from the store), loads what was added since on top, and falls back to the store when
/// they belong to another face file, when templates were removed, or when one is damaged.
@Suite struct TiedIndexFileTests {
    /// 240 people with a face; people 1–60 with two irises, people 40–100 with two fingers; person 241 has only an
    /// iris, person 242 only a finger.
    static func gallery() -> (MemoryGalleryStorage, irises: [Int: [IrisTemplate]], fingers: [Int: [FingerTemplate]]) {
        let (_, faces) = identities(.isotropic, count: 240, seed: 21)
        let memory = MemoryGalleryStorage()
        var random = SeededGenerator(seed: 22)
        var irises: [Int: [IrisTemplate]] = [:], fingers: [Int: [FingerTemplate]] = [:]
        func add(_ person: Int, _ modality: Modality, _ data: [UInt8], position: Int = 0) {
            try! memory.addTemplate(
                EncodedTemplate(
                    id: 0, entity: EntityID("P-\(person)"), modality: modality, position: position, data: data))
        }
        for (i, vector) in faces.enumerated() {
            add(i + 1, .face, TemplateCodec.encode(FaceTemplate(vector: vector)!))
        }
        for person in Array(1...60) + [241] {
            for position in 1...(person == 241 ? 1 : 2) {
                let iris = IrisTemplate(
                    code: (0..<IrisTemplate.words).map { _ in UInt64.random(in: 0...UInt64.max, using: &random) },
                    mask: Array(repeating: ~0, count: IrisTemplate.words))!
                irises[person, default: []].append(iris)
                add(person, .iris, TemplateCodec.encode(iris), position: position)
            }
        }
        for person in Array(40...100) + [242] {
            for position in 1...(person == 242 ? 1 : 2) {
                let finger = FingerTemplate(
                    position: position, width: 500, height: 500,
                    minutiae: (0..<40).map { _ in
                        Minutia(
                            x: Int.random(in: 20..<480, using: &random), y: Int.random(in: 20..<480, using: &random),
                            angle: Double(Int.random(in: 0..<360, using: &random)), kind: .ending, quality: 80)
                    })
                fingers[person, default: []].append(finger)
                add(person, .finger, TemplateCodec.encode(finger), position: position)
            }
        }
        return (memory, irises, fingers)
    }

    /// Probes of people with irises or fingers (an iris with 5 % of its bits flipped; a finger as enrolled).
    static func probes(_ irises: [Int: [IrisTemplate]], _ fingers: [Int: [FingerTemplate]]) -> [BiometricSample] {
        var random = SeededGenerator(seed: 23)
        func noisy(_ iris: IrisTemplate) -> IrisTemplate {
            var code = iris.code
            for _ in 0..<100 {
                let bit = Int.random(in: 0..<(code.count * 64), using: &random)
                code[bit / 64] ^= 1 << UInt64(bit % 64)
            }
            return IrisTemplate(code: code, mask: iris.mask)!
        }
        return [5, 45, 241].map { BiometricSample(irises: [noisy(irises[$0]![0])]) }
            + [45, 99, 242].map { BiometricSample(fingers: [fingers[$0]![0]]) }
    }

    /// An engine that writes index files from 10 faces on.
    func engine() -> MatchEngine {
        let engine = MatchEngine()
        engine.indexFileMinimumRows = 10
        return engine
    }

    @Test func aFreshEngineAdoptsTheFilesAndAnswersAsTheStoreDoes() throws {
        let scratch = try FaceIndexFileTests.Scratch()
        defer { scratch.remove() }
        let (memory, irises, fingers) = Self.gallery()
        let storage = FileStorage(memory: memory, path: scratch.file("g.face-index"))
        let probes = Self.probes(irises, fingers)
        let fromStore = MatchEngine()
        fromStore.usesIndexFiles = false
        let expected = try fromStore.session(storage: storage).identify(probes, top: 3)
        #expect(expected.map { $0.candidates.first?.entity } == ["P-5", "P-45", "P-241", "P-45", "P-99", "P-242"])

        // The first engine builds from the store and writes all three files.
        #expect(try engine().session(storage: storage).identify(probes, top: 3) == expected)
        #expect(memory.warnings.isEmpty, "\(memory.warnings)")
        let iris = try IrisIndexFile.open(storage.path + ".iris")
        let finger = try FingerIndexFile.open(storage.path + ".finger")
        let face = try FaceIndexFile.open(storage.path)
        #expect(iris.faceChecksum == face.checksum && finger.faceChecksum == face.checksum)
        #expect(iris.index.templateCount == 121 && finger.index.templateCount == 123)
        // A fresh engine adopts them: nothing of theirs read from the store, the same answers.
        let fresh = engine()
        #expect(try fresh.session(storage: storage).identify(probes, top: 3) == expected)
        #expect(fresh.tiedIndexFiles[.iris]?.opened == true && fresh.tiedIndexFiles[.finger]?.opened == true)
        #expect((fresh.indexes[.iris] as? IrisIndex)?.source != nil)
        let stats = try fresh.session(storage: storage).statistics()
        #expect(stats.first { $0.modality == .iris }?.index.contains("opened by this process") == true)
        let reports = try fresh.session(storage: storage).indexFiles(verify: true)
        #expect(reports.map(\.modality) == [.face, .iris, .finger] && reports.allSatisfy(\.isCurrent))

        // An iris added since: the files, plus that one from the store.
        let added = IrisTemplate(code: irises[7]![0].code, mask: irises[7]![0].mask)!
        try memory.addTemplate(
            EncodedTemplate(id: 0, entity: "P-200", modality: .iris, position: 0, data: TemplateCodec.encode(added)))
        let grown = try fromStore.session(storage: storage).identify(probes, top: 3)
        let third = engine()
        #expect(try third.session(storage: storage).identify(probes, top: 3) == grown)
        #expect(third.indexes[.iris]?.templateCount == 122 && third.tiedIndexFiles[.iris]?.opened == true)

        // A removal: the engine that compares the face rows with the store reloads irises and fingers from it and
        // writes their files again at the new state, tied to the face file (whose changes are recorded beside it);
        // the next fresh engine adopts them.
        memory.removeTemplates(of: "P-45")
        let fewer = try fromStore.session(storage: storage).identify(probes, top: 3)
        #expect(!fewer[1].candidates.contains { $0.entity == "P-45" })
        let fourth = engine()
        #expect(try fourth.session(storage: storage).identify(probes, top: 3) == fewer)
        #expect(fourth.tiedIndexFiles[.iris]?.opened == false && fourth.tiedIndexFiles[.finger]?.opened == false)
        let fifth = engine()
        #expect(try fifth.session(storage: storage).identify(probes, top: 3) == fewer)
        #expect(fifth.tiedIndexFiles[.iris]?.opened == true && fifth.tiedIndexFiles[.finger]?.opened == true)
        #expect(fifth.indexes[.iris]?.templateCount == 120 && fifth.indexes[.finger]?.templateCount == 121)
        #expect(try fifth.session(storage: storage).indexFiles(verify: true).allSatisfy(\.isCurrent))
    }

    @Test func filesOfAnotherFaceFileOrDamagedAreNotUsed() throws {
        let scratch = try FaceIndexFileTests.Scratch()
        defer { scratch.remove() }
        let (memory, irises, fingers) = Self.gallery()
        let storage = FileStorage(memory: memory, path: scratch.file("g.face-index"))
        let probes = Self.probes(irises, fingers)
        _ = try engine().session(storage: storage).identify(probes, top: 3)
        let irisFile = try IndexTestFiles.bytes(of: storage.path + ".iris")
        // A face enrolled, the files rebuilt: a new face file, and iris and finger files tied to it. The old iris
        // file put back belongs to the old face file: irises come from the store.
        var random = SeededGenerator(seed: 24)
        try memory.addTemplate(
            EncodedTemplate(
                id: 0, entity: "P-300", modality: .face, position: 0,
                data: TemplateCodec.encode(
                    FaceTemplate(vector: (0..<512).map { _ in Float.random(in: -1...1, using: &random) })!)))
        let expected = try engine().session(storage: storage).identify(probes, top: 3)
        _ = try engine().session(storage: storage).rebuildIndexFiles()
        try IndexTestFiles.replace(storage.path + ".iris", with: irisFile)
        let other = engine()
        #expect(try other.session(storage: storage).identify(probes, top: 3) == expected)
        #expect(other.tiedIndexFiles.isEmpty && (other.indexes[.iris] as? IrisIndex)?.source == nil)
        #expect(
            try other.session(storage: storage).indexFiles(verify: false).first { $0.modality == .iris }?.state
                .contains("not the face index file's") == true)

        // A damaged finger file (its checksums are checked when a finger search first reads it): said, rebuilt
        // from the store, asked again.
        _ = try engine().session(storage: storage).rebuildIndexFiles()
        var finger = try IndexTestFiles.bytes(of: storage.path + ".finger")
        finger[finger.count - 3] ^= 0x20
        try IndexTestFiles.replace(storage.path + ".finger", with: finger)
        #expect(throws: NexoError.self) { try engine().session(storage: storage).indexFiles(verify: true) }
        // An iris search does not read the fingers: nothing found yet.
        let irisOnly = engine()
        _ = try irisOnly.session(storage: storage).identify([probes[0]], top: 3)
        #expect((irisOnly.indexes[.finger] as? FingerIndex)?.deferred?.isRead == false)
        let damaged = engine()
        #expect(try damaged.session(storage: storage).identify(probes, top: 3) == expected)
        #expect(memory.warnings.contains { $0.contains("the finger index") && $0.contains("rebuilt from the store") })
        try FingerIndexFile.verify(storage.path + ".finger")

        // A damaged block of the iris file a search reads (the row owners): found, rebuilt, asked again.
        _ = try engine().session(storage: storage).rebuildIndexFiles()
        var iris = try IndexTestFiles.bytes(of: storage.path + ".iris")
        let owners = try iris.withUnsafeBytes {
            try IndexFileView($0, modality: .iris).sections[IrisIndexFile.Section.rowOwners.rawValue]!
        }
        for offset in stride(from: 0, to: owners.length, by: 4) { iris[owners.offset + offset] ^= 0x01 }
        try IndexTestFiles.replace(storage.path + ".iris", with: iris)
        let blockDamaged = engine()
        #expect(try blockDamaged.session(storage: storage).identify(probes, top: 3) == expected)
        #expect(memory.warnings.contains { $0.contains("the iris index") && $0.contains("is damaged (section 3") })
        try IrisIndexFile.verify(storage.path + ".iris")
    }
}
