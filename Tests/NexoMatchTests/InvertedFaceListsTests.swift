import NexoKit
import NexoSynthesis
import NexoTemplateMath
import NexoTemplateSynthesis
import Testing

@testable import NexoMatch

/// Inverted lists over faces, and the face index's choice of them: used only where a check on the
/// gallery shows they keep mates; either way the index finds mates.
@Suite struct InvertedFaceListsTests {
    @Test func listsReturnAStoredVectorFirstAndMeasureMateRecall() throws {
        let (_, faces) = identities(.decaying, count: 1_500, seed: 3)
        var exact = FaceGallery()
        for v in faces { exact.append(normalized: FaceVector.normalized(v)) }
        var rng = SeededRandom(seed: 5)
        var sample: [Float] = []
        for i in 0..<exact.count { sample += exact.vector(at: i) }
        var lists = InvertedFaceLists(trainingOn: sample, listCount: 32, iterations: 3, probeLists: 4, using: &rng)
        for i in 0..<exact.count { lists.add(index: i, normalized: exact.vector(at: i)) }
        #expect(lists.count == 1_500)
        for row in [0, 17, 999, 1_499] {
            #expect(lists.candidates(normalized: exact.vector(at: row), k: 5).first?.index == row)
        }
        let few = lists.mateRecall(of: exact, noise: 1, probeLists: 1, samples: 100, using: &rng)
        let all = lists.mateRecall(of: exact, noise: 1, probeLists: 32, samples: 100, using: &rng)
        #expect(all >= 0.97 && few < all, "1 list: \(few), all 32: \(all)")
    }

    /// On a small gallery the lists rarely pass the check (few, coarse cells); the invariant is that
    /// the decision is measured and reported, and mates are found whichever search runs.
    @Test func theFaceIndexUsesListsOnlyWhereTheyKeepMates() throws {
        for spectrum in [FaceSpectrum.decaying, .isotropic] {
            let (synthesizer, faces) = identities(spectrum, count: 2_000, seed: 11)
            var index = FaceIndex()
            index.approximateAbove = 1_500 // as if the gallery were large
            for (i, v) in faces.enumerated() {
                try index.add(
                    EncodedTemplate(
                        entity: EntityID("P-\(i + 1)"), modality: .face, position: 0,
                        data: TemplateCodec.encode(FaceTemplate(vector: v)!)), owner: Int32(i))
            }
            index.settle()
            #expect(index.method.contains("mate recall"), "\(index.method)")
            var rng = SeededRandom(seed: 21)
            var found = 0
            for mate in stride(from: 7, to: 2_000, by: 100) {
                let probe = BiometricSample(face: synthesizer.capture(of: faces[mate], using: &rng))
                if index.search(probe, k: 5).first?.owner == Int32(mate) { found += 1 }
            }
            #expect(found >= 19, "\(spectrum): \(found) of 20 mates first (\(index.method))")
        }
    }

    /// The principal subspace holds most of a decaying spectrum's variance and a quarter of an
    /// isotropic one's, measured on faces it was not fitted to.
    @Test func projectionCapturesTheDominantDirections() {
        for (spectrum, range) in [(FaceSpectrum.decaying, 0.45...0.75), (.isotropic, 0.18...0.32)] {
            let (_, faces) = identities(spectrum, count: 1_400, seed: 31)
            var rng = SeededRandom(seed: 33)
            let projection = FaceProjection(
                sample: faces.prefix(900).flatMap { $0 }, rank: 128, iterations: 6, using: &rng)
            let heldOut = faces.suffix(500)
            let share = projection.capturedShare(of: heldOut.flatMap { $0 })
            #expect(range.contains(share), "\(spectrum): \(share)")
            for face in heldOut.prefix(50) {
                #expect(projection.project(face).reduce(0) { $0 + $1 * $1 } <= 1.0001, "a projection never lengthens")
            }
        }
    }

    /// 1,600 decaying-spectrum faces, exact and under 64 lists of projected codes.
    func projectedLists(seed: UInt64, probeLists: Int)
        -> (
            synthesizer: FaceSynthesizer, faces: [[Float]], exact: FaceGallery, lists: InvertedFaceLists,
            rng: SeededRandom
        )
    {
        let (synthesizer, faces) = identities(.decaying, count: 1_600, seed: seed)
        var exact = FaceGallery()
        for v in faces { exact.append(normalized: FaceVector.normalized(v)) }
        var rng = SeededRandom(seed: seed + 2)
        let sample = faces.flatMap { $0 }
        let projection = FaceProjection(sample: sample, rank: 128, iterations: 6, using: &rng)
        var lists = InvertedFaceLists(
            trainingOn: sample, listCount: 64, iterations: 3, probeLists: probeLists,
            projection: projection, using: &rng)
        for i in 0..<exact.count { lists.add(index: i, normalized: exact.vector(at: i)) }
        return (synthesizer, faces, exact, lists, rng)
    }

    /// Lists holding projected codes still put a capture's mate first after the exact re-rank.
    @Test func projectedCodesKeepMates() throws {
        let (synthesizer, faces, exact, lists, seeded) = projectedLists(seed: 41, probeLists: 64)
        var rng = seeded
        var found = 0
        for mate in stride(from: 3, to: 1_600, by: 16) {
            let probe = FaceVector.normalized(synthesizer.capture(of: faces[mate], using: &rng).vector)
            let best = lists.candidates(normalized: probe, k: 64).max { a, b in
                exact.score(normalized: probe, at: a.index) < exact.score(normalized: probe, at: b.index)
            }
            if best?.index == mate { found += 1 }
        }
        #expect(found >= 99, "\(found) of 100 mates found scanning every list through projected codes")
    }

    /// A scan that finds a face no impostor reaches stops there and still returns the mate first;
    /// a stop score every face reaches ends the scan after the first list.
    @Test func scanStopsAtASureMate() throws {
        let (synthesizer, faces, exact, lists, seeded) = projectedLists(seed: 45, probeLists: 32)
        var rng = seeded
        var stoppedRows = 0, fullRows = 0
        for mate in stride(from: 5, to: 1_600, by: 160) {
            let probe = FaceVector.normalized(synthesizer.capture(of: faces[mate], using: &rng).vector)
            func first(_ matches: [FaceMatch]) -> Int? {
                matches.max {
                    exact.score(normalized: probe, at: $0.index) < exact.score(normalized: probe, at: $1.index)
                }?.index
            }
            // k above a list's size: how many candidates come back shows how many lists were read.
            let full = lists.candidates(normalized: probe, k: 1_000)
            let stopped = lists.candidates(normalized: probe, k: 1_000, stopScore: 0.5) {
                exact.score(normalized: probe, at: $0)
            }
            #expect(first(stopped) == first(full) && first(full) == mate, "mate \(mate)")
            stoppedRows += stopped.count
            fullRows += full.count
            var immediate = 0
            _ = lists.candidates(normalized: probe, k: 64, stopScore: -1) { row in
                immediate += 1
                return exact.score(normalized: probe, at: row)
            }
            #expect(immediate == 1)
        }
        #expect(stoppedRows * 3 < fullRows, "rows read: \(stoppedRows) stopping at a sure mate, \(fullRows) without")
    }
}
