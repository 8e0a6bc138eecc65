import NexoKit
import Testing

@testable import NexoMatch

/// A face index compared with the store's template ids: a row whose template left becomes a tombstone, one whose
/// template came back (an undo) lives again, each owner answers with its live row holding the newest template, and
/// the ids no row holds are reported to be added.
@Suite struct FaceTombstoneTests {
    static func face(_ seed: UInt64) -> FaceTemplate {
        var vectors = TestVectors(state: seed)
        return FaceTemplate(vector: vectors.vector())!
    }

    static func template(_ id: Int64, _ face: FaceTemplate) -> EncodedTemplate {
        EncodedTemplate(id: id, entity: "P-1", modality: .face, position: 0, data: TemplateCodec.encode(face))
    }

    /// The cosine of `probe` against owner 0's current face.
    static func score(_ index: FaceIndex, _ probe: FaceTemplate) -> Double? {
        index.compare(BiometricSample(face: probe), owner: 0)?.score
    }

    @Test func rowsFollowRemovalsAndRestores() throws {
        let first = Self.face(1), other = Self.face(2), second = Self.face(3)
        var index = FaceIndex()
        try index.add(Self.template(1, first), owner: 0)
        try index.add(Self.template(2, other), owner: 1)
        // A replaced face: the store deleted id 1 and added id 3.
        try index.add(Self.template(3, second), owner: 0)
        #expect(try #require(Self.score(index, second)) > 0.999)
        var result = index.reconcile(stored: [2, 3])
        #expect(result.missing.isEmpty && result.changedRows == 1)
        #expect(index.tombstones == 1 && index.templateCount == 2 && index.ownerCount == 2)
        #expect(try #require(Self.score(index, second)) > 0.999)
        // The replacement undone: id 3 deleted, id 1 restored; the old face answers again.
        result = index.reconcile(stored: [1, 2])
        #expect(result.missing.isEmpty && result.changedRows == 2)
        #expect(try #require(Self.score(index, first)) > 0.999)
        #expect(index.search(BiometricSample(face: second), k: 2).allSatisfy { $0.score < 0.999 })
        // The person removed: no face, no answer; an id no row holds is to be added.
        result = index.reconcile(stored: [2, 9])
        #expect(result.missing == [9] && index.ownerCount == 1 && index.templateCount == 1)
        #expect(Self.score(index, first) == nil)
        #expect(index.search(BiometricSample(face: first), k: 2).map(\.owner) == [1])
    }

    @Test func anOlderTemplateAddedDoesNotReplaceTheNewer() throws {
        let older = Self.face(4), newer = Self.face(5)
        var index = FaceIndex()
        try index.add(Self.template(7, newer), owner: 0)
        try index.add(Self.template(4, older), owner: 0)
        #expect(try #require(Self.score(index, newer)) > 0.999)
        #expect(index.templateCount == 2 && index.ownerCount == 1)
    }

    /// Tombstones take no candidate's place: a gallery with removed faces ranks strangers' nearest people exactly
    /// as a gallery built without them does.
    @Test func searchesPassOverTombstonesAsARebuildWould() throws {
        let faces = (0..<600).map { Self.face(UInt64(100 + $0)) }
        // Few candidates re-ranked, so that a tombstone among them would push a live face out.
        var withTombstones = FaceIndex()
        withTombstones.gallery = FaceRows(rerankCount: 12)
        var rebuilt = FaceIndex()
        rebuilt.gallery = FaceRows(rerankCount: 12)
        let removed = Set((0..<600).filter { $0 % 3 != 0 })
        for (n, face) in faces.enumerated() {
            let template = EncodedTemplate(
                id: Int64(n + 1), entity: EntityID("P-\(n + 1)"), modality: .face, position: 0,
                data: TemplateCodec.encode(face))
            try withTombstones.add(template, owner: Int32(n))
            if !removed.contains(n) { try rebuilt.add(template, owner: Int32(n)) }
        }
        let stored = (0..<600).filter { !removed.contains($0) }.map { Int64($0 + 1) }
        #expect(withTombstones.reconcile(stored: stored).changedRows == removed.count)
        for seed in 0..<30 {
            let probe = BiometricSample(face: Self.face(UInt64(5_000 + seed)))
            #expect(withTombstones.search(probe, k: 5).map(\.owner) == rebuilt.search(probe, k: 5).map(\.owner))
        }
    }
}
